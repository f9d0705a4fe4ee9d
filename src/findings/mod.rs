//! Contract 3.7: the findings. Each check of the [`crate::catalogue`] has a stable
//! code, a default severity, one sentence of why and what to do, and the
//! source of the rule in the literature; each is one function
//! (`actor_rules`, `network_rules`) reached through an exhaustive match,
//! so no catalogue entry can silently never run. Findings are data, not
//! errors: the checks compute, the CLI prints and picks the exit code (1 when
//! a deny-level finding fires).
//!
//! Findings speak to an actor (the first node they name) and come grouped by
//! actor, most important first: actors that lose money first (the largest
//! loss first), then by severity and by the money at stake.

mod actor_rules;
mod network_rules;

use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;

pub(crate) use crate::catalogue::check_named;
pub use crate::catalogue::{check, Check, Code, CATALOGUE};

use crate::analysis::{Analysis, Reason};
use crate::csr::Csr;
use crate::index::{DriverIdx, ExchangeIdx, NodeIdx};
use crate::model::{Ecosystem, Severity};
use crate::network::{Edge, Network};
use crate::validate::ValueDesign;

/// One finding: a check that fired, with the actors and exchanges it names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The check's code.
    pub code: Code,
    /// The check's title in words.
    pub title: &'static str,
    /// Its severity for this run.
    pub severity: Severity,
    /// What was found, naming the actors and exchanges.
    pub message: String,
    /// Node ids it names; the first is the actor it speaks to.
    pub nodes: Vec<String>,
    /// Exchange ids it names.
    pub exchanges: Vec<String>,
    /// The money at stake over the horizon (in the design's currency): the
    /// loss, the stream, the flow it is about; 0 when it is about no money.
    pub stake: f64,
    /// Why it matters and what to do.
    pub why: &'static str,
    /// The source of the rule.
    pub source: &'static str,
}

/// Severity overrides: the file's `findings` map, then the command line's.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Per code.
    pub overrides: IndexMap<String, Severity>,
    /// Treat every warning as deny (`--deny warnings`).
    pub deny_warnings: bool,
}

impl Policy {
    /// The file's own severities (its `findings` map).
    pub(crate) fn of_file(eco: &Ecosystem) -> Self {
        Policy {
            overrides: eco
                .findings
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect(),
            deny_warnings: false,
        }
    }

    /// The severity of check `c` under this policy.
    pub fn severity(&self, c: &Check) -> Severity {
        let s = self.overrides.get(c.name).copied().unwrap_or(c.severity);
        if self.deny_warnings && s == Severity::Warn {
            Severity::Deny
        } else {
            s
        }
    }
}

/// A finding before the catalogue's words are added: what a rule returns.
pub(crate) struct Hit {
    /// What was found.
    pub message: String,
    /// Nodes it names, the actor it speaks to first.
    pub nodes: Vec<NodeIdx>,
    /// Exchanges it names.
    pub exchanges: Vec<ExchangeIdx>,
    /// Money at stake over the horizon.
    pub stake: f64,
}

/// What every rule reads, with the names it writes messages in.
pub(crate) struct Ctx<'a> {
    pub eco: &'a Ecosystem,
    pub an: &'a Analysis,
    pub net: &'a Network,
    /// Every `(decider, decided for)` pair (`decides_for`), sorted.
    pub decides: Vec<(NodeIdx, NodeIdx)>,
    /// The same pairs as `(decided for, decider)`, sorted.
    pub decided: Vec<(NodeIdx, NodeIdx)>,
}

/// "Label (`id`)", or "`id`" when the label is the id. Backticks in the
/// label become quotes, so they cannot open a code span.
pub(crate) fn named(label: &str, id: &str) -> String {
    if label == id {
        format!("`{id}`")
    } else {
        format!("{} (`{id}`)", label.replace('`', "'"))
    }
}

impl Ctx<'_> {
    /// The nodes that decide for `n`.
    pub fn decides_for(&self, n: NodeIdx) -> impl Iterator<Item = NodeIdx> + '_ {
        let start = self.decided.partition_point(|&(of, _)| of < n);
        self.decided[start..]
            .iter()
            .take_while(move |(of, _)| *of == n)
            .map(|(_, d)| *d)
    }

    /// The nodes that `d` decides for.
    pub(crate) fn decided_by(&self, d: NodeIdx) -> impl Iterator<Item = NodeIdx> + '_ {
        let start = self.decides.partition_point(|&(x, _)| x < d);
        self.decides[start..]
            .iter()
            .take_while(move |(x, _)| *x == d)
            .map(|(_, of)| *of)
    }

    /// An actor in messages: the label a strategist knows, then the id they edit.
    pub fn node(&self, a: NodeIdx) -> String {
        let n = &self.eco.node(a);
        named(&n.label, &n.id)
    }

    /// An exchange in messages: its offering, then its id.
    pub fn exchange(&self, e: ExchangeIdx) -> String {
        let x = &self.eco.exchange(e);
        named(&x.offering, &x.id)
    }

    /// A driver in messages.
    pub fn driver(&self, d: DriverIdx) -> String {
        let dr = &self.eco.driver(d);
        if dr.label == dr.id {
            format!("`{}`", dr.id)
        } else {
            format!("\"{}\" (`{}`)", dr.label.replace('`', "'"), dr.id)
        }
    }

    /// An amount with the currency: "12,000 EUR".
    pub fn money(&self, x: f64) -> String {
        format!("{} {}", crate::words::amount(x), self.eco.currency)
    }

    /// `value * O(e, y)` summed over the horizon.
    pub fn total(&self, e: ExchangeIdx) -> f64 {
        let v = self.net.edges[e].value;
        self.an.timeline.occurrences(e).iter().map(|o| v * o).sum()
    }
}

/// The rule of `code`: every hit on this design.
/// Per node `a`: the owners (nearest actors up `parent`) of the receivers
/// of the exchanges that `keep` accepts from `a`'s side (`a` and the
/// devices, activities and processes directly under it), sorted. O(E log d),
/// so a rule that asks it of every flow into a hub stays linear.
pub(crate) fn owners_reached(
    net: &Network,
    keep: impl Fn(&Edge) -> bool + Clone,
) -> Csr<NodeIdx, NodeIdx> {
    let pairs = net.edges.iter().filter(move |x| keep(x)).flat_map(|x| {
        let owner = net.owner(x.to);
        // An exchange from a non-actor is also on its parent's side.
        let parent = net.parent[x.from].filter(|_| !net.kinds[x.from].is_actor());
        [Some(x.from), parent]
            .into_iter()
            .flatten()
            .filter_map(move |s| owner.map(|o| (s, o)))
    });
    let mut rows = Csr::from_pairs(net.node_count(), pairs);
    rows.sort_each_row();
    rows
}

fn run(code: Code, cx: &Ctx<'_>) -> Vec<Hit> {
    use actor_rules as a;
    use network_rules as n;
    match code {
        Code::WinWinFailure => a::win_win_failure(cx),
        Code::IsolatedNode => n::isolated_node(cx),
        Code::SingleRevenueStream => a::single_revenue_stream(cx),
        Code::NoRecurringRevenue => a::no_recurring_revenue(cx),
        Code::BreakevenBeyondHorizon => a::breakeven_beyond_horizon(cx),
        Code::IndividualDriver => n::individual_driver(cx),
        Code::UnservedDriver => n::unserved_driver(cx),
        Code::UnreciprocatedFlow => n::unreciprocated_flow(cx),
        Code::DataWithoutReturn => n::data_without_return(cx),
        Code::ChannelDependency => a::channel_dependency(cx),
        Code::KeystoneRisk => a::keystone_risk(cx),
        Code::ExtractWithoutMoney => n::extract_without_money(cx),
        Code::ImplausibleRate => n::implausible_rate(cx),
        Code::EverythingInHouse => a::everything_in_house(cx),
        Code::EveryoneIsACustomer => a::everyone_is_a_customer(cx),
        Code::NiceButNoPay => a::nice_but_no_pay(cx),
        Code::AnyoneCanDoThis => a::anyone_can_do_this(cx),
        Code::SellerJudgedOnWorth => a::seller_judged_on_worth(cx),
        Code::ValueCaptureImbalance => n::value_capture_imbalance(cx),
    }
}

/// Runs every check whose severity is not `Allow` and returns its findings,
/// grouped by the actor they speak to and ordered most important first
/// (`order`).
pub fn findings(design: &ValueDesign, an: &Analysis, policy: &Policy) -> Vec<Finding> {
    let eco = design.ecosystem();
    // In file order of the deciders, so already sorted by decider.
    let pairs: Vec<(NodeIdx, NodeIdx)> = design
        .resolved()
        .decides_for
        .iter()
        .enumerate()
        .filter_map(|(d, of)| of.map(|of| (NodeIdx::new(d), of)))
        .collect();
    let cx = Ctx {
        eco,
        an,
        net: &an.network,
        decides: pairs.clone(),
        decided: {
            let mut back: Vec<(NodeIdx, NodeIdx)> = pairs.iter().map(|&(d, of)| (of, d)).collect();
            back.sort_unstable();
            back
        },
    };
    // The checks are independent: run in parallel, gathered in catalogue
    // order (so the result does not depend on the thread count).
    let found: Vec<Vec<(Option<NodeIdx>, Finding)>> = CATALOGUE
        .par_iter()
        .map(|c| {
            let severity = policy.severity(c);
            if severity == Severity::Allow {
                return Vec::new();
            }
            run(c.code, &cx)
                .into_iter()
                .map(|hit| {
                    (
                        hit.nodes.first().copied(),
                        Finding {
                            code: c.code,
                            title: c.title,
                            severity,
                            message: hit.message,
                            nodes: hit
                                .nodes
                                .iter()
                                .map(|&a| eco.node(a).id.to_string())
                                .collect(),
                            exchanges: hit
                                .exchanges
                                .iter()
                                .map(|&e| eco.exchange(e).id.to_string())
                                .collect(),
                            stake: hit.stake,
                            why: c.why,
                            source: c.source,
                        },
                    )
                })
                .collect()
        })
        .collect();
    let found: Vec<(Option<NodeIdx>, Finding)> = found.into_iter().flatten().collect();
    order(an, found)
}

/// Findings grouped by code: deny-level codes first, then in the order each
/// code is first found; within a code, in the order given. What `check` and
/// the report print when findings run into the hundreds.
pub fn by_code(found: &[Finding]) -> Vec<(Code, Vec<&Finding>)> {
    let mut groups: IndexMap<(bool, Code), Vec<&Finding>> = IndexMap::new();
    for f in found {
        groups
            .entry((f.severity != Severity::Deny, f.code))
            .or_default()
            .push(f);
    }
    // Stable: first-found order within each severity.
    groups.sort_by(|a, _, b, _| a.0.cmp(&b.0));
    groups.into_iter().map(|((_, c), fs)| (c, fs)).collect()
}

/// How much actor `a` loses: its NPV (profit) or net value (worth) when that
/// test fails, else `None`.
fn loss(an: &Analysis, a: NodeIdx) -> Option<f64> {
    an.verdicts[a].failures().find_map(|r| match r {
        Reason::Money { npv, .. } => Some(*npv),
        Reason::Worth { net_value, .. } => Some(*net_value),
        _ => None,
    })
}

/// Groups findings by the actor they speak to (those about no actor last)
/// and orders them: groups of actors that lose money first, the largest loss
/// first; then by their most severe finding, then by the most money at
/// stake, then file order. Within a group: the win-win failure first, then
/// severity, then money at stake, then catalogue order. Every key is a total order, so the result is the
/// same on every run.
fn order(an: &Analysis, found: Vec<(Option<NodeIdx>, Finding)>) -> Vec<Finding> {
    let mut groups: IndexMap<Option<NodeIdx>, Vec<Finding>> = IndexMap::new();
    for (actor, f) in found {
        groups.entry(actor).or_default().push(f);
    }
    let mut groups: Vec<(Option<NodeIdx>, Vec<Finding>)> = groups.into_iter().collect();
    groups.par_iter_mut().for_each(|(_, fs)| {
        // The verdict first; a stable sort keeps catalogue order among equals.
        fs.sort_by(|x, y| {
            let verdict = |f: &Finding| f.code != Code::WinWinFailure;
            verdict(x)
                .cmp(&verdict(y))
                .then(y.severity.cmp(&x.severity))
                .then(y.stake.total_cmp(&x.stake))
        });
    });
    // Each group's key is worked out once, not at every comparison.
    let key = |(actor, fs): &(Option<NodeIdx>, Vec<Finding>)| {
        let lost = actor.and_then(|a| loss(an, a));
        let severity = fs.iter().map(|f| f.severity).max();
        let stake = fs.iter().map(|f| f.stake).fold(0.0f64, f64::max);
        (
            lost,
            severity,
            stake,
            actor.map_or(usize::MAX, NodeIdx::index),
        )
    };
    let mut groups: Vec<_> = groups.into_iter().map(|g| (key(&g), g)).collect();
    groups.sort_by(|(x, _), (y, _)| {
        let (lx, sx, kx, ax) = *x;
        let (ly, sy, ky, ay) = *y;
        let losing = ly.is_some().cmp(&lx.is_some());
        let larger_loss = match (lx, ly) {
            (Some(a), Some(b)) => a.total_cmp(&b),
            _ => std::cmp::Ordering::Equal,
        };
        losing
            .then(larger_loss)
            .then(sy.cmp(&sx))
            .then(ky.total_cmp(&kx))
            .then(ax.cmp(&ay))
    });
    groups.into_iter().flat_map(|(_, (_, fs))| fs).collect()
}
