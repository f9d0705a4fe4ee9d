//! Sensitivity: every number of the design moved down and up by a swing,
//! one at a time, and its effect on each actor's score (its NPV if it is in
//! the ecosystem for profit, its net value if for worth) and verdict.
//!
//! A change to one number touches few ledgers, so nothing is rebuilt: the
//! base analysis is read with the one number changed (`changed::Changed`), the
//! occurrences it drives worked out again (its members, the exchanges
//! counted per them, their followers), and only the ledgers of the actors
//! those exchanges and costs touch are summed again, term for term as a full
//! re-analysis adds them. Every swing runs in parallel; the result is in a
//! fixed order whatever the threads.

use rayon::prelude::*;

use crate::analysis::hub_blocks::HubBlocks;
use crate::analysis::timeline::{base_occurrences, members_row};
use crate::analysis::{verdict, Analysis};
use crate::csr::Csr;
use crate::index::{ExchangeIdx, IdxVec, NodeIdx};
use crate::network::Network;
use crate::validate::ValueDesign;

use super::changed::{self, Changed};
use super::links::Links;
use super::path::Target;

/// What one swing of one number does to one actor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Effect {
    /// The actor.
    pub actor: NodeIdx,
    /// Its score with the number moved down (`None`: not swung that way,
    /// the value would leave its range).
    pub down: Option<f64>,
    /// Its score with the number moved up.
    pub up: Option<f64>,
    /// Whether moving it down flips the actor's verdict.
    pub flips_down: bool,
    /// Whether moving it up flips the actor's verdict.
    pub flips_up: bool,
}

impl Effect {
    /// The largest change of the score either way from `base`.
    pub fn reach(&self, base: f64) -> f64 {
        [self.down, self.up]
            .iter()
            .flatten()
            .map(|s| (s - base).abs())
            .fold(0.0, f64::max)
    }

    /// Whether either swing flips the verdict.
    pub fn flips(&self) -> bool {
        self.flips_down || self.flips_up
    }
}

/// One number of the design and what swinging it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// The number.
    pub target: Target,
    /// Its value in the design.
    pub value: f64,
    /// Every actor whose score or verdict it moves, in file order.
    pub effects: Vec<Effect>,
}

/// The sensitivity of a design.
#[derive(Debug, Clone)]
pub struct Sensitivity {
    /// The relative swing (0.2: down and up by 20%).
    pub swing: f64,
    /// Each node's score in the design: NPV (profit) or net value (worth).
    pub base: IdxVec<NodeIdx, f64>,
    /// Every number swung, in file order (exchanges, then nodes, then the
    /// discount rate).
    pub inputs: Vec<Input>,
    /// Numbers left out because they are 0 (a swing moves nothing).
    pub zero: usize,
    /// Per actor, its `(input, effect)` positions in file order: made on
    /// the first [`Sensitivity::ranked`], so ranking every actor is
    /// O(effects), not O(actors x inputs).
    by_actor: std::sync::OnceLock<Csr<NodeIdx, (u32, u32)>>,
}

/// Equal when the figures are (whether the ranking index is made yet does
/// not matter).
impl PartialEq for Sensitivity {
    fn eq(&self, other: &Self) -> bool {
        self.swing == other.swing
            && self.base == other.base
            && self.inputs == other.inputs
            && self.zero == other.zero
    }
}

impl Sensitivity {
    /// Actor `a`'s inputs ranked by their reach (largest first; file order on
    /// ties), each with its effect; inputs that do not move it are left out.
    pub fn ranked(&self, a: NodeIdx) -> Vec<(&Input, Effect)> {
        let base = self.base[a];
        let by_actor = self.by_actor.get_or_init(|| {
            Csr::from_pairs(
                self.base.len(),
                self.inputs.iter().enumerate().flat_map(|(i, input)| {
                    input
                        .effects
                        .iter()
                        .enumerate()
                        .map(move |(k, e)| (e.actor, (i as u32, k as u32)))
                }),
            )
        });
        let mut out: Vec<(&Input, Effect)> = by_actor
            .row(a)
            .iter()
            .map(|&(i, k)| {
                let input = &self.inputs[i as usize];
                (input, input.effects[k as usize])
            })
            .collect();
        out.sort_by(|x, y| y.1.reach(base).total_cmp(&x.1.reach(base)));
        out
    }

    /// Every input whose swing flips some actor's verdict, with the actors.
    pub fn flipping(&self) -> impl Iterator<Item = (&Input, Vec<&Effect>)> {
        self.inputs.iter().filter_map(|i| {
            let f: Vec<&Effect> = i.effects.iter().filter(|e| e.flips()).collect();
            (!f.is_empty()).then_some((i, f))
        })
    }
}

/// Every number a swing can move, in file order: each exchange's value and
/// ratio, each node's count and growth (when an exchange is counted per its
/// members) and costs, the discount rate. Zeros are counted apart.
fn numbers(design: &ValueDesign, net: &Network) -> (Vec<Target>, usize) {
    let eco = design.ecosystem();
    let mut counted = vec![false; net.node_count()];
    for e in net.edges.iter() {
        if let Some(p) = e.per {
            counted[p.index()] = true;
        }
    }
    let mut all = Vec::new();
    for (i, x) in eco.exchanges.iter().enumerate() {
        let e = ExchangeIdx::new(i);
        all.push(Target::ExchangeValue(e));
        if x.follows.is_some() {
            all.push(Target::FollowRatio(e));
        }
    }
    for (i, n) in eco.nodes.iter().enumerate() {
        let a = NodeIdx::new(i);
        if counted[i] {
            all.push(Target::NodeCount(a));
            all.push(Target::NodeGrowth(a));
            if n.churn.is_some() {
                all.push(Target::NodeChurn(a));
            }
        }
        all.extend((0..n.costs.len()).map(|k| Target::CostAmount(a, k)));
    }
    all.push(Target::DiscountRate);
    let before = all.len();
    all.retain(|t| t.get(eco) != 0.0);
    let zero = before - all.len();
    (all, zero)
}

/// Whether `v` is a value `target` may take (as validation would accept).
fn in_range(target: Target, v: f64) -> bool {
    match target {
        Target::NodeGrowth(_) => v > -1.0,
        Target::DiscountRate => v > -1.0,
        Target::NodeChurn(_) => (0.0..=1.0).contains(&v),
        _ => v >= 0.0,
    }
}

/// The sensitivity of `design` (analysed as `base`) to a relative `swing`
/// (0 < swing <= 1) of each of its numbers.
pub fn sensitivity(design: &ValueDesign, base: &Analysis, swing: f64) -> Sensitivity {
    let net = &base.network;
    let rate = design.ecosystem().discount_rate;
    let scores: IdxVec<NodeIdx, f64> = IdxVec::from_vec(
        net.nodes()
            .map(|a| changed::analysis_score(base, a))
            .collect(),
    );
    let links = Links::new(net);
    let hubs = HubBlocks::of_analysis(net, &base.timeline);
    let (targets, zero) = numbers(design, net);
    let eco = design.ecosystem();
    let inputs = targets
        .par_iter()
        .map(|&target| {
            let value = target.get(eco);
            let run = |v: f64| {
                in_range(target, v).then(|| changed_scores(base, rate, &links, &hubs, target, v))
            };
            let (down, up) = (run(value * (1.0 - swing)), run(value * (1.0 + swing)));
            Input {
                target,
                value,
                effects: merge(base, &scores, down, up),
            }
        })
        .collect();
    Sensitivity {
        swing,
        base: scores,
        inputs,
        zero,
        by_actor: std::sync::OnceLock::new(),
    }
}

/// The effects of the two swings, actor by actor, in file order: the actors
/// whose score moves or whose verdict flips.
fn merge(
    base: &Analysis,
    scores: &IdxVec<NodeIdx, f64>,
    down: Option<Vec<(NodeIdx, f64, bool)>>,
    up: Option<Vec<(NodeIdx, f64, bool)>>,
) -> Vec<Effect> {
    let mut by: std::collections::BTreeMap<NodeIdx, Effect> = std::collections::BTreeMap::new();
    for (side, list) in [(false, down), (true, up)] {
        for (a, s, fails) in list.into_iter().flatten() {
            let e = by.entry(a).or_insert(Effect {
                actor: a,
                down: None,
                up: None,
                flips_down: false,
                flips_up: false,
            });
            let flips = fails != base.verdicts[a].fails();
            if side {
                (e.up, e.flips_up) = (Some(s), flips);
            } else {
                (e.down, e.flips_down) = (Some(s), flips);
            }
        }
    }
    by.into_values()
        .filter(|e| e.flips() || e.reach(scores[e.actor]) > 0.0)
        .collect()
}

/// The score and whether the verdict fails, of every actor whose ledger
/// `target = v` touches (the others are as in `base`), in file order.
/// `HorizonYears` touches nothing here (a horizon is not swung).
pub(crate) fn changed_scores(
    base: &Analysis,
    rate: f64,
    links: &Links,
    hubs: &HubBlocks,
    target: Target,
    v: f64,
) -> Vec<(NodeIdx, f64, bool)> {
    let net = &base.network;
    changed_totals(base, rate, links, Some(hubs), target, v, None)
        .into_iter()
        .map(|(a, t)| {
            let fails = verdict::judge_same_exchanges(net, a, &t, &base.verdicts[a]).fails();
            (a, changed::score(net.goals[a], &t), fails)
        })
        .collect()
}

/// The totals of every actor whose ledger `target = v` touches (only `only`,
/// when given), in file order; the others' are as in `base`. With `hubs`
/// (the base's block sums), a hub's ledger re-sums only the blocks of its
/// changed exchanges: the same bits.
pub(crate) fn changed_totals(
    base: &Analysis,
    rate: f64,
    links: &Links,
    hubs: Option<&HubBlocks>,
    target: Target,
    v: f64,
    only: Option<NodeIdx>,
) -> Vec<(NodeIdx, verdict::Totals)> {
    let net = &base.network;
    let tl = &base.timeline;
    let years = tl.years;
    let mut reads = Changed::new(net, tl);
    reads.hubs = hubs;
    let mut touched: Vec<NodeIdx> = Vec::new();
    let mut rate = rate;
    // The exchanges whose occurrences change, roots first.
    let mut moved: Vec<ExchangeIdx> = Vec::new();
    match target {
        Target::ExchangeValue(e) => {
            reads.values.push((e, v));
            touched.extend([net.edges[e].from, net.edges[e].to]);
        }
        Target::CostAmount(a, k) => {
            if let Some(c) = changed::cost_index(net, a, k) {
                reads.costs.push((c, v));
            }
            touched.push(a);
        }
        Target::DiscountRate => {
            rate = v;
            touched.extend(net.nodes());
        }
        Target::FollowRatio(e) => {
            if let Some((f, _)) = net.edges[e].follows {
                let row = tl.occurrences(f).iter().map(|o| v * o).collect();
                reads.rows.insert(e, row);
                moved.push(e);
            }
        }
        Target::NodeCount(n) | Target::NodeGrowth(n) | Target::NodeChurn(n) => {
            let (mut count, mut growth, mut churn) = (net.count[n], net.growth[n], net.churn[n]);
            match target {
                Target::NodeCount(_) => count = v,
                Target::NodeGrowth(_) => growth = v,
                _ => churn = Some(v),
            }
            let (mut m, mut nm) = (vec![0.0; years], vec![0.0; years]);
            members_row(count, growth, churn, &mut m, &mut nm);
            for &e in &links.counted_per[n.index()] {
                let mut row = vec![0.0; years];
                base_occurrences(net.edges[e].cadence, Some((&m, &nm)), &mut row);
                reads.rows.insert(e, row);
                moved.push(e);
            }
        }
        Target::HorizonYears => {}
    }
    // Followers, breadth first: each one's parent row is new before it.
    let mut k = 0;
    while k < moved.len() {
        let e = moved[k];
        k += 1;
        for &f in net.followers.row(e) {
            let ratio = net.edges[f].follows.map_or(0.0, |x| x.1);
            let row = reads.rows[&e].iter().map(|o| ratio * o).collect();
            reads.rows.insert(f, row);
            moved.push(f);
        }
    }
    for &e in &moved {
        touched.extend([net.edges[e].from, net.edges[e].to]);
        touched.extend(links.drives[e.index()].iter().copied());
    }
    touched.sort_unstable();
    touched.dedup();
    // The exchanges read differently: the one whose value is set, and every
    // one whose occurrences moved. (A new discount rate or cost amount
    // changes no exchange's terms.)
    let changed = changed::by_end(
        net,
        reads
            .values
            .iter()
            .map(|x| x.0)
            .chain(moved.iter().copied()),
    );
    touched
        .into_iter()
        .filter(|&a| net.kinds[a].is_actor() && only.is_none_or(|o| o == a))
        .map(|a| {
            let t = reads.totals_around(a, rate, &changed::touching(&changed, a));
            (a, t)
        })
        .collect()
}
