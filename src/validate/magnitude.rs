//! Contract 5 (magnitudes): no figure the engine computes may overflow. The
//! literals can each be in range and still multiply out of it (a value of
//! 1e308 paid monthly; a growth of 1e6 over 50 years; a `follows` ratio of
//! 1.79e308), so this checks the propagated figures: the most members a node
//! reaches over the horizon, the most occurrences and the most money an
//! exchange reaches in a year, each cost's yearly amount and the discount
//! factor. Each must stay at or below [`MAX_FIGURE`]; the first place where
//! one does not is reported, located at the number to lower.
//!
//! The bounds are exact maxima or upper bounds computed in O(N + E + costs),
//! without the timeline: a node's level `count * (1 + growth)^(y-1)` is
//! monotone, so its members (new ones plus, with churn, the renewing share
//! of last year's) never exceed `count * max(1, (1 + growth)^(H-1))`; an
//! exchange's occurrences are the root's per-member rate times that times
//! the ratios down its `follows` chain.
//!
//! With these bounds, every sum the engine forms (a ledger over at most
//! millions of exchanges and 200 years, an NPV, a sensitivity swing of 20%,
//! a group ledger) stays finite: 1e15 x 1e7 x 200 x 1e15 is 2e39, far from
//! the 1.8e308 of a double. A design's uncertainty ranges are checked at
//! their extremes too, so a simulation never draws an overflowing design.

use rustc_hash::FxHashMap;

use super::Problem;
use crate::code::DiagnosticCode;
use crate::index::{ExchangeIdx, NodeIdx};
use crate::model::{Cadence, Ecosystem};
use crate::resolved::Resolved;
use crate::syntax::Path;
use crate::whatif::Target;

/// The largest figure accepted, per node, exchange or cost and year: a
/// double holds 15 to 16 significant digits, so above this whole units of
/// money are lost when figures are added.
pub(crate) const MAX_FIGURE: f64 = 1e15;

/// Numbers set over the file's, by path (the ranges at their extremes).
type Overrides = FxHashMap<Target, f64>;

/// Every figure of `eco` that would exceed [`MAX_FIGURE`], with the file's
/// numbers and then with its uncertainty ranges at their extremes.
pub(super) fn check(eco: &Ecosystem, r: &Resolved) -> Vec<Problem> {
    let found = too_large(eco, r, &Overrides::default());
    if !found.is_empty() || eco.uncertainty.is_empty() {
        return found;
    }
    let extreme = |i: usize| -> Option<(Target, f64, &'static str)> {
        let range = &eco.uncertainty[i];
        let t = crate::whatif::resolve(eco, &range.path, 0).ok()?;
        match t {
            // A lower discount rate discounts less (it grows a negative one's factor).
            Target::DiscountRate => Some((t, range.low, "low")),
            // Churn only lowers members; the horizon has no range.
            Target::NodeChurn(_) | Target::HorizonYears => None,
            _ => Some((t, range.high, "high")),
        }
    };
    let all: Overrides = (0..eco.uncertainty.len())
        .filter_map(extreme)
        .map(|(t, v, _)| (t, v))
        .collect();
    let together = too_large(eco, r, &all);
    let Some(first) = together.into_iter().next() else {
        return Vec::new();
    };
    // Which range does it alone?
    let mut out = Vec::new();
    for i in 0..eco.uncertainty.len() {
        let Some((t, v, end)) = extreme(i) else {
            continue;
        };
        let alone: Overrides = [(t, v)].into_iter().collect();
        if let Some(p) = too_large(eco, r, &alone).into_iter().next() {
            out.push(Problem {
                path: Path::root().field("uncertainty").index(i).field(end),
                message: format!(
                    "with `{}` at its {end} ({}), {}",
                    eco.uncertainty[i].path,
                    crate::words::as_written(v),
                    p.message
                ),
                label: "too large".to_owned(),
                help: Some(format!("lower this range's {end}")),
                ..p
            });
        }
    }
    if out.is_empty() {
        out.push(Problem {
            path: Path::root().field("uncertainty"),
            message: format!(
                "with every range at its extreme together, {}",
                first.message
            ),
            label: "these ranges".to_owned(),
            help: Some("narrow the ranges".to_owned()),
            ..first
        });
    }
    out
}

/// The numbers of the design, with `over` on top.
struct Numbers<'a> {
    eco: &'a Ecosystem,
    over: &'a Overrides,
}

impl Numbers<'_> {
    fn get(&self, t: Target, file: f64) -> f64 {
        if self.over.is_empty() {
            file
        } else {
            self.over.get(&t).copied().unwrap_or(file)
        }
    }

    fn count(&self, n: usize) -> f64 {
        let file = self.eco.nodes[n].count;
        self.get(Target::NodeCount(NodeIdx::new(n)), file)
    }

    fn growth(&self, n: usize) -> f64 {
        let file = self.eco.nodes[n].growth;
        self.get(Target::NodeGrowth(NodeIdx::new(n)), file)
    }

    fn value(&self, e: usize) -> f64 {
        let file = self.eco.exchanges[e].value;
        self.get(Target::ExchangeValue(ExchangeIdx::new(e)), file)
    }

    fn ratio(&self, e: usize) -> f64 {
        let file = self.eco.exchanges[e]
            .follows
            .as_ref()
            .map_or(1.0, |f| f.ratio);
        self.get(Target::FollowRatio(ExchangeIdx::new(e)), file)
    }

    fn amount(&self, n: usize, k: usize) -> f64 {
        let file = self.eco.nodes[n].costs[k].amount;
        self.get(Target::CostAmount(NodeIdx::new(n), k), file)
    }

    fn discount_rate(&self) -> f64 {
        self.get(Target::DiscountRate, self.eco.discount_rate)
    }
}

/// Whether `x` is a figure the engine can add up.
fn fits(x: f64) -> bool {
    x.is_finite() && x.abs() <= MAX_FIGURE
}

/// A number for a message: as written when small, else in scientific form.
fn shown(x: f64) -> String {
    if !x.is_finite() {
        "over 1.8e308".to_owned()
    } else if x.abs() < 1e16 {
        crate::words::as_written(x)
    } else {
        format!("{x:.2e}")
    }
}

fn problem(path: Path, message: String, help: &str) -> Problem {
    Problem {
        code: DiagnosticCode::TooLarge,
        path,
        message,
        label: "too large".to_owned(),
        help: Some(format!(
            "{help}; figures above 1e15 a year cannot be added exactly (a double holds 15-16 digits)"
        )),
        related: None,
    }
}

/// The figures of `eco` (with `over`) above [`MAX_FIGURE`]: one problem per
/// node, exchange or cost where a figure first gets too large (an exchange
/// that follows one already too large is not reported again).
fn too_large(eco: &Ecosystem, r: &Resolved, over: &Overrides) -> Vec<Problem> {
    let num = Numbers { eco, over };
    let years = eco.horizon_years.max(1);
    let mut out = Vec::new();
    let members = most_members(&num, years, &mut out);
    let occ = most_occurrences(&num, r, &members, &mut out);
    yearly_costs(&num, r, &occ, &mut out);
    discount_factor(&num, years, &mut out);
    out
}

/// The most members each node has in any year (`None`: too many, reported).
fn most_members(num: &Numbers<'_>, years: u32, out: &mut Vec<Problem>) -> Vec<Option<f64>> {
    num.eco
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (count, growth) = (num.count(i), num.growth(i));
            let most = count * (1.0 + growth).powi(years as i32 - 1).max(1.0);
            if fits(most) {
                return Some(most);
            }
            let field = if fits(count) { "growth" } else { "count" };
            out.push(problem(
                Path::root().field("nodes").index(i).field(field),
                format!(
                    "`{}` would have {} members by year {years} (count {}, growing {} a year)",
                    n.id,
                    shown(most),
                    shown(count),
                    crate::words::as_written(growth)
                ),
                "lower its count or growth, or the horizon",
            ));
            None
        })
        .collect()
}

/// The most occurrences each exchange has in a year, roots first (`None`:
/// too many, reported here or up its chain); its money a year is checked too.
fn most_occurrences(
    num: &Numbers<'_>,
    r: &Resolved,
    members: &[Option<f64>],
    out: &mut Vec<Problem>,
) -> Vec<Option<f64>> {
    let eco = num.eco;
    let e_count = eco.exchanges.len();
    // Per exchange: not yet known, or its bound (`None`: too large).
    let mut occ: Vec<Option<Option<f64>>> = vec![None; e_count];
    let mut chain = Vec::new();
    for start in 0..e_count {
        chain.clear();
        let mut at = Some(start);
        while let Some(e) = at.filter(|&e| occ[e].is_none()) {
            chain.push(e);
            at = r.follows[e].map(ExchangeIdx::index);
        }
        for &e in chain.iter().rev() {
            let x = &eco.exchanges[e];
            // What it is counted from; `None` if that is already too large.
            let from = match r.follows[e] {
                Some(f) => occ[f.index()].flatten().map(|o| num.ratio(e) * o),
                None => {
                    let rate = match x.cadence {
                        Cadence::Once => 1.0,
                        c => c.per_year(),
                    };
                    match r.per[e] {
                        Some(n) => members[n.index()].map(|m| rate * m),
                        None => Some(rate),
                    }
                }
            };
            occ[e] = Some(from.filter(|&o| fits(o)));
            let Some(o) = from else { continue };
            let path = Path::root().field("exchanges").index(e);
            if !fits(o) {
                let field = if x.follows.is_some() {
                    "follows"
                } else {
                    "cadence"
                };
                out.push(problem(
                    path.field(field),
                    format!(
                        "exchange `{}` would happen {} times in a year",
                        x.id,
                        shown(o)
                    ),
                    "lower its ratio or cadence, or the members it is counted per",
                ));
                continue;
            }
            let v = num.value(e) * o;
            if !fits(v) {
                out.push(problem(
                    path.field("value"),
                    format!(
                        "exchange `{}` would be worth {} {} in a year (value {} x up to {} occurrences)",
                        x.id,
                        shown(v),
                        eco.currency,
                        shown(num.value(e)),
                        shown(o)
                    ),
                    "lower its value, or how often it happens",
                ));
            }
        }
    }
    occ.into_iter().map(Option::flatten).collect()
}

/// Each cost's most in a year (one on an exchange already too large is not
/// reported again).
fn yearly_costs(num: &Numbers<'_>, r: &Resolved, occ: &[Option<f64>], out: &mut Vec<Problem>) {
    let eco = num.eco;
    let mut k_all = 0;
    for (i, n) in eco.nodes.iter().enumerate() {
        for (k, c) in n.costs.iter().enumerate() {
            let amount = num.amount(i, k);
            let yearly = match (c.cadence, r.cost_exchange.get(k_all).copied().flatten()) {
                (_, Some(x)) => occ[x.index()].map(|o| amount * o),
                (Some(Cadence::Once) | None, None) => Some(amount),
                (Some(cad), None) => Some(amount * cad.per_year()),
            };
            k_all += 1;
            if let Some(yearly) = yearly.filter(|&y| !fits(y)) {
                out.push(problem(
                    Path::root()
                        .field("nodes")
                        .index(i)
                        .field("costs")
                        .index(k)
                        .field("amount"),
                    format!(
                        "the cost `{}` of `{}` would be {} {} in a year",
                        c.label,
                        n.id,
                        shown(yearly),
                        eco.currency
                    ),
                    "lower its amount",
                ));
            }
        }
    }
}

/// The discount factor of the last year.
fn discount_factor(num: &Numbers<'_>, years: u32, out: &mut Vec<Problem>) {
    let d = num.discount_rate();
    let factor = (1.0 + d).powi(-(years as i32));
    if !fits(factor) {
        out.push(problem(
            Path::root().field("discount_rate"),
            format!(
                "a discount rate of {} over {years} years multiplies year {years}'s figures by {}",
                crate::words::as_written(d),
                shown(factor)
            ),
            "use a discount rate closer to 0, or a shorter horizon",
        ));
    }
}
