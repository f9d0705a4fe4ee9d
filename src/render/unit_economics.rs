//! Unit economics for people and programs: per segment and seller, the
//! offerings' margins per customer as table cells (the terminal and HTML
//! tables are drawn by their callers), the sentences under the table,
//! Markdown, and the JSON document.

use std::fmt::Write as _;

use serde::Serialize;

use crate::analysis::unit_economics::{Offering, UnitEconomics};
use crate::analysis::Analysis;
use crate::model::Ecosystem;
use crate::render::escape::markdown as md;
use crate::words::{amount, percent};

/// The column titles of a seller's table.
pub const HEADER: [&str; 7] = [
    "offering",
    "once: revenue",
    "cost",
    "margin",
    "a year: revenue",
    "cost",
    "margin",
];

/// "Label (id)", or the id alone when the label is the id.
fn name(label: &str, id: &str) -> String {
    if label == id {
        id.to_owned()
    } else {
        format!("{label} ({id})")
    }
}

/// What one member of `kind` is called in unit economics: a customer, or a
/// unit for devices, activities and processes.
pub fn member_word(kind: crate::model::NodeKind) -> &'static str {
    if kind.is_actor() || kind == crate::model::NodeKind::Group {
        "customer"
    } else {
        "unit"
    }
}

/// The heading of one table. Unescaped.
pub fn heading(eco: &Ecosystem, u: &UnitEconomics) -> String {
    let s = eco.node(u.segment);
    let a = eco.node(u.seller);
    format!(
        "{}, per {} of {}",
        name(&a.label, &a.id),
        member_word(s.kind),
        name(&s.label, &s.id)
    )
}

fn cells(label: String, o: &Offering) -> [String; 7] {
    let once = o.one_off_revenue != 0.0 || o.one_off_cost != 0.0;
    let yearly = o.yearly_revenue != 0.0 || o.yearly_cost != 0.0;
    let show = |on: bool, x: f64| if on { amount(x) } else { "-".to_owned() };
    [
        label,
        show(once, o.one_off_revenue),
        show(once, o.one_off_cost),
        show(once, o.one_off_margin()),
        show(yearly, o.yearly_revenue),
        show(yearly, o.yearly_cost),
        show(yearly, o.yearly_margin()),
    ]
}

/// The rows of one table: each offering (what it is, its exchange id), the
/// costs shared by its offerings, and the total. Unescaped.
pub fn rows(eco: &Ecosystem, u: &UnitEconomics) -> Vec<[String; 7]> {
    let mut out: Vec<[String; 7]> = u
        .offerings
        .iter()
        .map(|o| {
            let label = match o.exchange {
                Some(e) => {
                    let x = eco.exchange(e);
                    format!("{} ({})", x.offering, x.id)
                }
                None => "costs shared by these offerings".to_owned(),
            };
            cells(label, o)
        })
        .collect();
    let word = member_word(eco.node(u.segment).kind);
    out.push(cells(format!("per {word}"), &u.total()));
    out
}

/// The sentences under one table: first year and renewal, payback and
/// value, customers needed. Unescaped.
pub fn lines(eco: &Ecosystem, an: &Analysis, u: &UnitEconomics) -> Vec<String> {
    let t = u.total();
    let years = an.ledgers.years;
    let cur = &eco.currency;
    let s = eco.node(u.segment);
    let word = member_word(s.kind);
    let churn = match an.network.churn[u.segment] {
        Some(c) => format!("churn {} a year", percent(c)),
        None => "no churn written: every customer renews".to_owned(),
    };
    let mut out = vec![if t.yearly_revenue == 0.0 && t.yearly_cost == 0.0 {
        format!(
            "A {word} pays once: revenue {}, margin {}.",
            amount(t.one_off_revenue),
            amount(t.one_off_margin())
        )
    } else {
        format!(
            "A {word} in its first year: revenue {}, margin {}; each year it renews: revenue {}, margin {} ({churn}).",
            amount(u.first_year_revenue()),
            amount(u.first_year_margin()),
            amount(t.yearly_revenue),
            amount(t.yearly_margin()),
        )
    }];
    out.push(format!(
        "{}; a {word} won in year 1 is worth {} {cur} over {years} years (its margins, for the share still there, discounted at {}).",
        match u.payback {
            Some(y) => format!("It pays back in its year {y}"),
            None => format!("It does not pay back within {years} years"),
        },
        amount(u.lifetime_value),
        percent(eco.discount_rate),
    ));
    let needed = |x: Option<f64>| match x {
        Some(0.0) => "none (its other figures already get there)".to_owned(),
        Some(v) => format!("{} in year 1", customers(v)),
        None => "none would do (these customers bring no margin)".to_owned(),
    };
    out.push(format!(
        "{} needed ({} in the file, growing as written): for {} year-1 cash ≥ 0, {}; for NPV ≥ 0 over {years} years, {}.",
        if word == "unit" { "Units" } else { "Customers" },
        crate::words::as_written(s.count),
        eco.node(u.seller).id,
        needed(u.needed_for_year_one),
        needed(u.needed_for_npv),
    ));
    out
}

/// A number of customers: whole when it is, else to two decimals below 10
/// and one above, rounded up to say how many must be won ("13.7, so 14").
fn customers(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else if v < 10.0 {
        format!("{v:.2}, so {:.0}", v.ceil())
    } else {
        format!("{v:.1}, so {:.0}", v.ceil())
    }
}

/// Every table of a design in Markdown, under a `###` heading each.
/// At most `most` tables; a line says how many more there are.
pub fn markdown(eco: &Ecosystem, an: &Analysis, most: usize) -> String {
    let mut o = String::new();
    for u in an.unit_economics.iter().take(most) {
        let _ = writeln!(o, "### {}\n", md(&heading(eco, u)));
        let _ = writeln!(o, "| {} |", HEADER.join(" | "));
        let _ = writeln!(o, "|---|---:|---:|---:|---:|---:|---:|");
        for r in rows(eco, u) {
            let cells: Vec<String> = r.iter().map(|c| md(c)).collect();
            let _ = writeln!(o, "| {} |", cells.join(" | "));
        }
        o.push('\n');
        for l in lines(eco, an, u) {
            let _ = writeln!(o, "{}", md(&l));
        }
        o.push('\n');
    }
    if an.unit_economics.len() > most {
        let _ = writeln!(
            o,
            "{} more in `valuedesign analyse FILE` and `analysis.json`.\n",
            an.unit_economics.len() - most
        );
    }
    o
}

/// One (segment, seller) pair in `analysis.json`.
#[derive(Debug, Serialize)]
pub struct UnitEconomicsJson<'a> {
    /// The segment's id.
    pub segment: &'a str,
    /// The seller's id.
    pub seller: &'a str,
    /// Per offering.
    pub offerings: Vec<OfferingJson<'a>>,
    /// Revenue of a customer in its first year.
    pub first_year_revenue: f64,
    /// Margin of a customer in its first year.
    pub first_year_margin: f64,
    /// Revenue of a customer in each year it renews.
    pub renewal_revenue: f64,
    /// Margin of a customer in each year it renews.
    pub renewal_margin: f64,
    /// The segment's churn.
    pub churn: f64,
    /// Life-year in which a customer has paid back, if within the horizon.
    pub payback_year: Option<u32>,
    /// Value of a customer won in year 1 over the horizon (discounted).
    pub lifetime_value: f64,
    /// NPV of the seller's margin on all these customers.
    pub contribution_npv: f64,
    /// Year-1 count at which the seller's NPV is 0 (`null`: none would do).
    pub customers_needed_npv: Option<f64>,
    /// Year-1 count at which the seller's year-1 cash is 0.
    pub customers_needed_year_one: Option<f64>,
}

/// One offering's figures per customer.
#[derive(Debug, Serialize)]
pub struct OfferingJson<'a> {
    /// The exchange sold (`null`: costs shared by the offerings).
    pub exchange: Option<&'a str>,
    /// Revenue once.
    pub one_off_revenue: f64,
    /// Cost once.
    pub one_off_cost: f64,
    /// Margin once.
    pub one_off_margin: f64,
    /// Revenue a year.
    pub yearly_revenue: f64,
    /// Cost a year.
    pub yearly_cost: f64,
    /// Margin a year.
    pub yearly_margin: f64,
}

impl<'a> UnitEconomicsJson<'a> {
    /// The JSON of `u`.
    pub fn new(eco: &'a Ecosystem, u: &UnitEconomics) -> Self {
        let t = u.total();
        UnitEconomicsJson {
            segment: &eco.node(u.segment).id,
            seller: &eco.node(u.seller).id,
            offerings: u
                .offerings
                .iter()
                .map(|o| OfferingJson {
                    exchange: o.exchange.map(|e| eco.exchange(e).id.as_str()),
                    one_off_revenue: o.one_off_revenue,
                    one_off_cost: o.one_off_cost,
                    one_off_margin: o.one_off_margin(),
                    yearly_revenue: o.yearly_revenue,
                    yearly_cost: o.yearly_cost,
                    yearly_margin: o.yearly_margin(),
                })
                .collect(),
            first_year_revenue: u.first_year_revenue(),
            first_year_margin: u.first_year_margin(),
            renewal_revenue: t.yearly_revenue,
            renewal_margin: t.yearly_margin(),
            churn: u.churn,
            payback_year: u.payback,
            lifetime_value: u.lifetime_value,
            contribution_npv: u.contribution_npv,
            customers_needed_npv: u.needed_for_npv,
            customers_needed_year_one: u.needed_for_year_one,
        }
    }
}
