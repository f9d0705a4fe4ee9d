//! The analysis as sheets, for the workbook: `verdicts` (every node's
//! figures over the horizon, its NPV, breakeven year and verdict, with the
//! reasons in words), `ledger` (every node per year, every ledger field),
//! `money` (who pays whom per year, the report's money matrix) and
//! `findings`. `import` ignores them: they are figures, not the design.

use std::borrow::Cow;

use super::cell::Cell;
use super::sheets::NamedTable;
use super::table::{columns, Table};
use crate::analysis::{Analysis, Field};
use crate::findings::Finding;
use crate::index::NodeIdx;
use crate::validate::ValueDesign;

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

/// The ledger's fields, with their column names, in the ledger's order.
const LEDGER: [(&str, Field); 8] = [
    ("revenue", Field::Revenue),
    ("spend", Field::Spend),
    ("costs", Field::Costs),
    ("cash", Field::Cash),
    ("cumulative_cash", Field::CumulativeCash),
    ("worth_tangible", Field::WorthTangible),
    ("worth_intangible", Field::WorthIntangible),
    ("net_value", Field::NetValue),
];

/// One row per node: its totals over the horizon, NPV, breakeven year, the
/// goal it was judged on, whether it is win-win and why.
fn verdicts(design: &ValueDesign, an: &Analysis) -> Table {
    let eco = design.ecosystem();
    let mut names = vec!["id", "label", "kind", "judged_on"];
    names.extend(
        LEDGER
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| *n != "cumulative_cash"),
    );
    names.extend(["npv", "breakeven_year", "win_win", "why"]);
    let rows = eco
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let a = NodeIdx::new(i);
            let v = &an.verdicts[a];
            let mut row = vec![
                text(&n.id),
                text(&n.label),
                text(&format!("{:?}", n.kind)),
                v.goal.map_or(Cell::Empty, |g| text(&format!("{g:?}"))),
            ];
            row.extend(
                LEDGER
                    .iter()
                    .filter(|(name, _)| *name != "cumulative_cash")
                    .map(|&(_, f)| Cell::Number(an.ledgers.total(a, f))),
            );
            row.push(Cell::Number(an.ledgers.npv[a]));
            // No breakeven to speak of for a node with no money at all.
            let no_money = an.ledgers.no_money(a);
            row.push(match an.ledgers.breakeven[a] {
                Some(y) if !no_money => Cell::Number(f64::from(y)),
                _ => Cell::Empty,
            });
            row.push(if v.applies() {
                Cell::Bool(v.holds())
            } else {
                Cell::Empty
            });
            let why: Vec<String> = v
                .reasons
                .iter()
                .map(|r| crate::words::reason(eco, an, r))
                .collect();
            row.push(text(&why.join("; ")));
            row
        })
        .collect();
    Table {
        columns: columns(&names),
        rows,
    }
}

/// One row per node per year, every ledger field.
fn ledger(design: &ValueDesign, an: &Analysis) -> Table {
    let eco = design.ecosystem();
    let mut names = vec!["id", "label", "year"];
    names.extend(LEDGER.iter().map(|(n, _)| *n));
    let years = an.ledgers.years;
    let mut rows = Vec::with_capacity(eco.nodes.len() * years);
    for (i, n) in eco.nodes.iter().enumerate() {
        let a = NodeIdx::new(i);
        for y in 0..years {
            let mut row = vec![text(&n.id), text(&n.label), Cell::Number((y + 1) as f64)];
            row.extend(
                LEDGER
                    .iter()
                    .map(|&(_, f)| Cell::Number(an.ledgers.get(a, f)[y])),
            );
            rows.push(row);
        }
    }
    Table {
        columns: columns(&names),
        rows,
    }
}

/// The report's money matrix: rows pay columns, per year (mean over the
/// horizon), for the actors the report's chart shows.
fn money(design: &ValueDesign, an: &Analysis) -> Table {
    let d = crate::render::charts::chart_data(design, an);
    let eco = design.ecosystem();
    // An actor by its label, with its id where another shown actor has the
    // same label.
    let names: Vec<String> = d
        .actors
        .iter()
        .map(|a| {
            let shared = d.actors.iter().filter(|b| b.label == a.label).count() > 1;
            if shared {
                format!("{} ({})", a.label, eco.nodes[a.node.index()].id)
            } else {
                a.label.clone()
            }
        })
        .collect();
    let mut header: Vec<Cow<'static, str>> = vec![Cow::Owned(format!(
        "pays \\ receives ({} a year, mean over {} years)",
        eco.currency, d.years
    ))];
    header.extend(names.iter().map(|n| Cow::Owned(n.clone())));
    let rows = names
        .iter()
        .zip(&d.matrix)
        .map(|(name, row)| {
            let mut r = vec![text(name)];
            r.extend(row.iter().map(|&v| Cell::Number(v)));
            r
        })
        .collect();
    Table {
        columns: header,
        rows,
    }
}

/// The findings, most important first, as `check` lists them.
fn findings(found: &[Finding]) -> Table {
    let rows = found
        .iter()
        .map(|f| {
            vec![
                text(&format!("{:?}", f.severity).to_lowercase()),
                text(f.code.as_str()),
                text(f.title),
                text(&f.message),
                text(&f.nodes.join(super::table::LIST_SEPARATOR)),
                text(&f.exchanges.join(super::table::LIST_SEPARATOR)),
                // No stake for a finding about no money.
                if f.stake == 0.0 {
                    Cell::Empty
                } else {
                    Cell::Number(f.stake)
                },
                text(f.why),
                text(f.source),
            ]
        })
        .collect();
    Table {
        columns: columns(&[
            "severity",
            "code",
            "title",
            "message",
            "nodes",
            "exchanges",
            "stake",
            "why",
            "source",
        ]),
        rows,
    }
}

/// The analysis sheets of `design`.
pub fn analysis_sheets(design: &ValueDesign, an: &Analysis, found: &[Finding]) -> Vec<NamedTable> {
    vec![
        NamedTable {
            name: "verdicts",
            table: verdicts(design, an),
        },
        NamedTable {
            name: "ledger",
            table: ledger(design, an),
        },
        NamedTable {
            name: "money",
            table: money(design, an),
        },
        NamedTable {
            name: "findings",
            table: findings(found),
        },
    ]
}
