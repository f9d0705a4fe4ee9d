//! Contract 3.2 (revised with the issue "Verdicts a partner manager can
//! trust"): the win-win verdict of every actor, by what it is in the
//! ecosystem for.
//!
//! A verdict is data: the goal it was judged on and every test with the
//! figure it was decided on ([`Reason`]). Words are made at the edge
//! ([`crate::words::verdict_basis`]), so the tables, the report, the map and
//! the canvases all say the same thing.

use rayon::prelude::*;

use super::ledger::{Field, Ledgers};
use crate::index::{DriverIdx, IdxVec, NodeIdx};
use crate::model::Goal;
use crate::network::Network;

/// Relative slack of the money and worth tests: a figure of `-1e-9` times the
/// money (and worth) through an actor is rounding, not a loss. An
/// intermediary that passes on every cent it receives is win-win.
pub(crate) const TOLERANCE: f64 = 1e-9;

/// One test of a verdict, with what it was decided on.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Profit: its NPV over the horizon (its cumulative cash when the
    /// discount rate is 0) is not negative.
    Money {
        /// The NPV.
        npv: f64,
        /// Whether it is >= 0 (up to `TOLERANCE`).
        holds: bool,
    },
    /// Worth: its net value summed over the horizon is not negative.
    Worth {
        /// The net value over the horizon.
        net_value: f64,
        /// Whether it is >= 0 (up to `TOLERANCE`).
        holds: bool,
    },
    /// It receives exchanges that serve these of its drivers (indices).
    ServesDrivers(Vec<DriverIdx>),
    /// It pursues no driver and receives at least one exchange.
    ReceivesValue,
    /// Fails: it receives no exchange at all.
    ReceivesNothing,
    /// Fails: no exchange it receives serves any of these drivers it pursues.
    DriversUnserved(Vec<DriverIdx>),
}

impl Reason {
    /// Whether this test is passed.
    pub fn holds(&self) -> bool {
        match self {
            Reason::Money { holds, .. } | Reason::Worth { holds, .. } => *holds,
            Reason::ServesDrivers(_) | Reason::ReceivesValue => true,
            Reason::ReceivesNothing | Reason::DriversUnserved(_) => false,
        }
    }
}

/// The verdict on one node.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The goal it was judged on; `None` for devices, activities, processes
    /// and groups, to which the rule does not apply.
    pub goal: Option<Goal>,
    /// Every test, the money or worth test first, then the drivers.
    pub reasons: Vec<Reason>,
}

impl Verdict {
    /// The verdict on a node the rule does not apply to.
    pub(crate) const NOT_APPLICABLE: Verdict = Verdict {
        goal: None,
        reasons: Vec::new(),
    };

    /// Whether the rule applies (the node is an actor).
    pub fn applies(&self) -> bool {
        self.goal.is_some()
    }

    /// Whether the actor fails a test.
    pub fn fails(&self) -> bool {
        self.reasons.iter().any(|r| !r.holds())
    }

    /// Whether the actor is win-win (the rule applies and every test holds).
    pub fn holds(&self) -> bool {
        self.applies() && !self.fails()
    }

    /// The tests it fails, in order.
    pub(crate) fn failures(&self) -> impl Iterator<Item = &Reason> {
        self.reasons.iter().filter(|r| !r.holds())
    }
}

/// Whether `x` is not negative, allowing rounding of `TOLERANCE` times `volume`.
fn not_negative(x: f64, volume: f64) -> bool {
    x >= -TOLERANCE * volume
}

/// The verdict of every node (contract 3.2), parallel over nodes.
pub fn verdicts(net: &Network, ledgers: &Ledgers) -> IdxVec<NodeIdx, Verdict> {
    IdxVec::from_vec(
        (0..net.node_count())
            .into_par_iter()
            .map(|a| verdict(net, ledgers, NodeIdx::new(a)))
            .collect(),
    )
}

fn verdict(net: &Network, ledgers: &Ledgers, a: NodeIdx) -> Verdict {
    judge(net, a, &Totals::of(ledgers, a), |_| false)
}

/// The sums over the horizon a verdict is decided on.
pub(crate) struct Totals {
    /// Money received.
    pub revenue: f64,
    /// Money paid through exchanges.
    pub spend: f64,
    /// Own costs.
    pub costs: f64,
    /// Worth of goods and services received.
    pub worth_tangible: f64,
    /// Worth of data, knowledge and benefits received.
    pub worth_intangible: f64,
    /// Net value by goal.
    pub net_value: f64,
    /// Net present value of the cash.
    pub npv: f64,
}

impl Totals {
    /// Node `a`'s totals in `ledgers`.
    pub(crate) fn of(ledgers: &Ledgers, a: NodeIdx) -> Totals {
        Totals {
            revenue: ledgers.total(a, Field::Revenue),
            spend: ledgers.total(a, Field::Spend),
            costs: ledgers.total(a, Field::Costs),
            worth_tangible: ledgers.total(a, Field::WorthTangible),
            worth_intangible: ledgers.total(a, Field::WorthIntangible),
            net_value: ledgers.total(a, Field::NetValue),
            npv: ledgers.npv[a],
        }
    }

    /// The totals of one ledger row (`FIELDS` rows of `years`) with its NPV,
    /// summed as [`Ledgers::total`] sums.
    pub(crate) fn of_row(row: &[f64], years: usize, npv: f64) -> Totals {
        let total = |f: Field| -> f64 {
            row[f as usize * years..(f as usize + 1) * years]
                .iter()
                .sum()
        };
        Totals {
            revenue: total(Field::Revenue),
            spend: total(Field::Spend),
            costs: total(Field::Costs),
            worth_tangible: total(Field::WorthTangible),
            worth_intangible: total(Field::WorthIntangible),
            net_value: total(Field::NetValue),
            npv,
        }
    }
}

/// The verdict on `a` with these totals, as if the exchanges for which
/// `gone` holds did not happen.
pub(crate) fn judge(
    net: &Network,
    a: NodeIdx,
    t: &Totals,
    gone: impl Fn(crate::index::ExchangeIdx) -> bool,
) -> Verdict {
    if !net.kinds[a].is_actor() {
        return Verdict::NOT_APPLICABLE;
    }
    let goal = net.goals[a];
    Verdict {
        goal: Some(goal),
        reasons: vec![money_reason(net, a, t), drivers_reason(net, a, gone)],
    }
}

/// The verdict on actor `a` with totals `t` when the same exchanges happen
/// as in `base` (its verdict in the design): its money test on `t`, its
/// drivers test as in `base` (which exchanges reach it has not changed). O(1),
/// where [`judge`] reads every exchange into `a`: a swing of each of a hub's
/// exchanges would otherwise cost the square of its degree.
pub(crate) fn judge_same_exchanges(
    net: &Network,
    a: NodeIdx,
    t: &Totals,
    base: &Verdict,
) -> Verdict {
    match (base.goal, base.reasons.get(1)) {
        (Some(goal), Some(drivers)) => Verdict {
            goal: Some(goal),
            reasons: vec![money_reason(net, a, t), drivers.clone()],
        },
        _ => judge(net, a, t, |_| false),
    }
}

/// The money (profit) or worth test of actor `a` on totals `t`.
fn money_reason(net: &Network, a: NodeIdx, t: &Totals) -> Reason {
    let money: f64 = [t.revenue, t.spend, t.costs].iter().map(|x| x.abs()).sum();
    match net.goals[a] {
        Goal::Profit => Reason::Money {
            npv: t.npv,
            holds: not_negative(t.npv, money),
        },
        Goal::Worth => {
            let worth = t.worth_tangible.abs() + t.worth_intangible.abs();
            Reason::Worth {
                net_value: t.net_value,
                holds: not_negative(t.net_value, money + worth),
            }
        }
    }
}

/// The drivers test of actor `a`: whether what reaches it (the exchanges
/// into it that are not `gone`) serves a driver of its own.
fn drivers_reason(
    net: &Network,
    a: NodeIdx,
    gone: impl Fn(crate::index::ExchangeIdx) -> bool,
) -> Reason {
    let wanted = net.node_drivers.row(a);
    let inflows = net.incoming.row(a);
    if inflows.iter().all(|&e| gone(e)) {
        Reason::ReceivesNothing
    } else if wanted.is_empty() {
        Reason::ReceivesValue
    } else {
        let served: Vec<DriverIdx> = wanted
            .iter()
            .copied()
            .filter(|d| {
                inflows
                    .iter()
                    .any(|&e| !gone(e) && net.exchange_drivers.row(e).contains(d))
            })
            .collect();
        if served.is_empty() {
            Reason::DriversUnserved(wanted.to_vec())
        } else {
            Reason::ServesDrivers(served)
        }
    }
}
