//! Contract 3.7: unit economics. Per customer (member) of a node that
//! exchanges are counted per, for every actor whose revenue those exchanges
//! bring: revenue and contribution margin per offering, one-off and per
//! year, the life-year in which a customer has paid back what it cost to
//! serve, its value over the horizon, and how many customers the actor needs
//! to break even.
//!
//! A customer's margin counts only what its own exchanges drive: the
//! actor's money paid out and its costs on exchanges counted per the same
//! members (a kit's bill of materials, an install subcontract, support per
//! customer-year). Fixed costs are not in it; they are what the margins of
//! all customers must cover, which is what "customers needed" answers. Each
//! cost goes to the offering it follows from (walking `follows` up to an
//! exchange the actor sells, or a payment for one); what follows none of them
//! is shared.

use indexmap::IndexMap;
use rayon::prelude::*;

use super::cohorts::Root;
use super::ledger::{Field, Ledgers};
use super::timeline::Timeline;
use crate::index::{ExchangeIdx, IdxVec, NodeIdx};
use crate::model::Flow;
use crate::network::{CostBasis, Network};

/// One offering's revenue and margin per customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Offering {
    /// The exchange the actor sells (or, for money that pays for nothing it
    /// sends, the payment itself); `None` for costs shared by its offerings.
    pub exchange: Option<ExchangeIdx>,
    /// Revenue per customer, once (in the customer's first year).
    pub one_off_revenue: f64,
    /// Cost per customer, once.
    pub one_off_cost: f64,
    /// Revenue per customer and year.
    pub yearly_revenue: f64,
    /// Cost per customer and year.
    pub yearly_cost: f64,
}

impl Offering {
    /// One-off margin per customer.
    pub fn one_off_margin(&self) -> f64 {
        self.one_off_revenue - self.one_off_cost
    }

    /// Margin per customer and year.
    pub fn yearly_margin(&self) -> f64 {
        self.yearly_revenue - self.yearly_cost
    }
}

/// What one customer of `segment` is worth to `seller`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitEconomics {
    /// The node whose members are the customers.
    pub segment: NodeIdx,
    /// The actor whose revenue they bring.
    pub seller: NodeIdx,
    /// Per offering, in file order; shared costs last.
    pub offerings: Vec<Offering>,
    /// The customers' yearly churn (0 when not written).
    pub churn: f64,
    /// Life-year (1-based) of a customer won in year 1 in which its
    /// cumulative margin, counting only those who stay, is no longer
    /// negative; `None` if not within the horizon.
    pub payback: Option<u32>,
    /// Value of a customer won in year 1 over the horizon: its margins, times
    /// the share still a customer, discounted as NPV is.
    pub lifetime_value: f64,
    /// NPV of the seller's margin on all these customers over the horizon.
    pub contribution_npv: f64,
    /// The seller's year-1 margin on all these customers.
    pub contribution_year_one: f64,
    /// Year-1 count of the segment (growing and churning as written) at
    /// which the seller's NPV is 0; `None` when these customers' margin
    /// cannot bring it there (a margin of 0 or less while the rest loses).
    pub needed_for_npv: Option<f64>,
    /// The same for the seller's year-1 cash.
    pub needed_for_year_one: Option<f64>,
}

impl UnitEconomics {
    /// The sum of every offering's figures: revenue and cost, one-off and yearly.
    pub fn total(&self) -> Offering {
        let mut t = Offering {
            exchange: None,
            one_off_revenue: 0.0,
            one_off_cost: 0.0,
            yearly_revenue: 0.0,
            yearly_cost: 0.0,
        };
        for o in &self.offerings {
            t.one_off_revenue += o.one_off_revenue;
            t.one_off_cost += o.one_off_cost;
            t.yearly_revenue += o.yearly_revenue;
            t.yearly_cost += o.yearly_cost;
        }
        t
    }

    /// Revenue of a customer in its first year (one-off plus a year).
    pub fn first_year_revenue(&self) -> f64 {
        let t = self.total();
        t.one_off_revenue + t.yearly_revenue
    }

    /// Margin of a customer in its first year.
    pub fn first_year_margin(&self) -> f64 {
        let t = self.total();
        t.one_off_margin() + t.yearly_margin()
    }
}

/// An actor's amounts on the exchanges counted per one segment.
#[derive(Default)]
struct Acc {
    /// Per offering key (`None`: shared): [one-off revenue, one-off cost,
    /// yearly revenue, yearly cost].
    offerings: IndexMap<Option<ExchangeIdx>, [f64; 4]>,
    /// Per year: revenue minus money paid and costs, for all members.
    contribution: Vec<f64>,
    has_revenue: bool,
}

/// The unit economics of every (segment, seller) pair, by segment then
/// seller in file order. O((N + E + costs) * H), parallel over sellers.
pub fn unit_economics(
    net: &Network,
    tl: &Timeline,
    roots: &IdxVec<ExchangeIdx, Option<Root>>,
    ledgers: &Ledgers,
    discount_rate: f64,
) -> Vec<UnitEconomics> {
    let years = tl.years;
    // Exchanges sold for money counted per members: a walk from a cost stops there.
    let mut offered = vec![false; net.exchange_count()];
    for (e, edge) in net.edges.iter_enumerated() {
        if let (Flow::Money, Some(_), Some(o)) = (edge.flow, roots[e], edge.reciprocates) {
            if net.edges[o].from == edge.to {
                offered[o.index()] = true;
            }
        }
    }
    let mut out: Vec<UnitEconomics> = net
        .actors()
        .collect::<Vec<_>>()
        .into_par_iter()
        .flat_map_iter(|a| {
            per_segment(net, tl, roots, &offered, a)
                .into_iter()
                .filter(|(s, acc)| *s != a && acc.has_revenue)
                .map(move |(s, acc)| finish(net, ledgers, s, a, acc, years, discount_rate))
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_by_key(|u| (u.segment, u.seller));
    out
}

/// Seller `a`'s amounts per segment, segments in the order first met.
fn per_segment(
    net: &Network,
    tl: &Timeline,
    roots: &IdxVec<ExchangeIdx, Option<Root>>,
    offered: &[bool],
    a: NodeIdx,
) -> IndexMap<NodeIdx, Acc> {
    let years = tl.years;
    let mut by: IndexMap<NodeIdx, Acc> = IndexMap::new();
    let acc_for = |s: NodeIdx, by: &mut IndexMap<NodeIdx, Acc>| -> usize {
        let entry = by.entry(s);
        let i = entry.index();
        entry.or_insert_with(|| Acc {
            contribution: vec![0.0; years],
            ..Acc::default()
        });
        i
    };
    // What `a` sells: the offering a payment to `a` is for, else the payment.
    let key_of = |e: ExchangeIdx| match net.edges[e].reciprocates {
        Some(o) if net.edges[o].from == a => o,
        _ => e,
    };
    let sold = |e: ExchangeIdx| {
        let edge = &net.edges[e];
        edge.flow == Flow::Money && edge.to == a && roots[e].is_some()
    };
    for &e in net.incoming.row(a) {
        let Some(r) = roots[e].filter(|_| sold(e)) else {
            continue;
        };
        let i = acc_for(r.per, &mut by);
        let acc = &mut by[i];
        acc.has_revenue = true;
        let value = net.edges[e].value;
        let slot = acc.offerings.entry(Some(key_of(e))).or_default();
        slot[if r.once { 0 } else { 2 }] += value * r.factor;
        for (c, o) in acc.contribution.iter_mut().zip(tl.occurrences(e)) {
            *c += value * o;
        }
    }
    // The offering a cost on (or a payment out along) exchange `x` is for.
    let offering_of = |x: ExchangeIdx| {
        let mut z = Some(x);
        while let Some(at) = z {
            if offered[at.index()] && net.edges[at].from == a {
                return Some(at);
            }
            if sold(at) {
                return Some(key_of(at));
            }
            z = net.edges[at].follows.map(|(f, _)| f);
        }
        None
    };
    let spend = |x: ExchangeIdx, amount: f64, by: &mut IndexMap<NodeIdx, Acc>| {
        let Some(r) = roots[x] else { return };
        let i = acc_for(r.per, by);
        let acc = &mut by[i];
        let slot = acc.offerings.entry(offering_of(x)).or_default();
        slot[if r.once { 1 } else { 3 }] += amount * r.factor;
        for (c, o) in acc.contribution.iter_mut().zip(tl.occurrences(x)) {
            *c -= amount * o;
        }
    };
    for &e in net.outgoing.row(a) {
        if net.edges[e].flow == Flow::Money {
            spend(e, net.edges[e].value, &mut by);
        }
    }
    for &c in net.node_costs.row(a) {
        if let CostBasis::PerExchange(x) = net.costs[c].basis {
            spend(x, net.costs[c].amount, &mut by);
        }
    }
    by
}

fn finish(
    net: &Network,
    ledgers: &Ledgers,
    s: NodeIdx,
    a: NodeIdx,
    acc: Acc,
    years: usize,
    discount_rate: f64,
) -> UnitEconomics {
    let mut offerings: Vec<Offering> = acc
        .offerings
        .into_iter()
        .map(|(exchange, [r1, c1, ry, cy])| Offering {
            exchange,
            one_off_revenue: r1,
            one_off_cost: c1,
            yearly_revenue: ry,
            yearly_cost: cy,
        })
        .collect();
    // File order, shared costs last.
    offerings.sort_by_key(|o| o.exchange.map_or(usize::MAX, |e| e.index()));
    let churn = net.churn[s].unwrap_or(0.0);
    let discount = |y: usize| (1.0 + discount_rate).powi(y as i32 + 1);
    let mut u = UnitEconomics {
        segment: s,
        seller: a,
        offerings,
        churn,
        payback: None,
        lifetime_value: 0.0,
        contribution_npv: acc
            .contribution
            .iter()
            .enumerate()
            .map(|(y, c)| c / discount(y))
            .sum(),
        contribution_year_one: acc.contribution.first().copied().unwrap_or(0.0),
        needed_for_npv: None,
        needed_for_year_one: None,
    };
    let t = u.total();
    let mut cumulative = 0.0;
    let mut staying = 1.0;
    for y in 0..years {
        let margin = t.yearly_margin() + if y == 0 { t.one_off_margin() } else { 0.0 };
        cumulative += staying * margin;
        u.lifetime_value += staying * margin / discount(y);
        if u.payback.is_none() && cumulative >= 0.0 {
            u.payback = Some(y as u32 + 1);
        }
        staying *= 1.0 - churn;
    }
    let count = net.count[s];
    let year_one = ledgers.get(a, Field::Cash).first().copied().unwrap_or(0.0);
    u.needed_for_npv = needed(count, ledgers.npv[a], u.contribution_npv);
    u.needed_for_year_one = needed(count, year_one, u.contribution_year_one);
    u
}

/// The count at which `total` (affine in the count: the rest plus `count`
/// customers' `part`) is 0, never below 0; `None` when `part` is not
/// positive and the rest is negative, or when nothing depends on the count.
fn needed(count: f64, total: f64, part: f64) -> Option<f64> {
    let rest = total - part;
    if rest >= 0.0 {
        return Some(0.0);
    }
    (part > 0.0 && count > 0.0).then(|| count * (-rest / part))
}
