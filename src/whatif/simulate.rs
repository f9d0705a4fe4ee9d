//! Monte Carlo over a design's ranges (`uncertainty:` in its file): each run
//! draws every ranged number (triangular or uniform) and works out every
//! actor's ledger and verdict with those values: by re-summing only the
//! ledgers the ranged values and costs touch, from the base analysis, or,
//! when a range moves occurrences (a count, growth, ratio or the discount
//! rate), by applying the draws to the validated design as `--set` would.
//! Runs are independent and parallel; run `r` draws from its own generator,
//! seeded from the seed and `r`, and results are gathered in run order, so
//! the same seed gives the same bytes whatever the thread count.

use layered::rng::SplitMix64;
use rayon::prelude::*;

use crate::analysis::{self, Config};
use crate::index::NodeIdx;
use crate::model::{Goal, Range, Shape};
use crate::validate::ValueDesign;

use super::apply::{apply, Change, Changes};
use super::changed::{cost_index, outcome_score, score, Changed};
use super::path::{resolve, Target};

/// One actor over every run.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorOdds {
    /// The actor.
    pub actor: NodeIdx,
    /// What it is in the ecosystem for (NPV or net value is its score).
    pub goal: Goal,
    /// Its score in the design: NPV (profit) or net value (worth).
    pub base: f64,
    /// The share of runs in which it is win-win.
    pub win_win: f64,
    /// Its score in every run, sorted.
    pub scores: Vec<f64>,
}

impl ActorOdds {
    /// The `p`-th percentile of its score (nearest rank; `p` in 0..=100).
    pub fn percentile(&self, p: f64) -> f64 {
        let n = self.scores.len();
        if n == 0 {
            return self.base;
        }
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        self.scores[rank.clamp(1, n) - 1]
    }
}

/// The result of a simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    /// Runs made.
    pub runs: usize,
    /// The seed.
    pub seed: u64,
    /// Ranges drawn from, as (path, target).
    pub ranges: Vec<(String, Target)>,
    /// Ranges whose path names nothing in this design (a scenario took it out).
    pub skipped: Vec<String>,
    /// Runs whose draws made the design invalid (not counted in the odds).
    pub invalid: usize,
    /// Every actor, in file order.
    pub actors: Vec<ActorOdds>,
    /// The share of runs in which every actor is win-win.
    pub all_win: f64,
}

/// A value drawn from `r` given a uniform `u` in [0, 1); `likely` is the
/// mode of a triangular range.
pub fn draw(r: &Range, likely: f64, u: f64) -> f64 {
    let (lo, hi) = (r.low, r.high);
    if hi <= lo {
        return lo;
    }
    match r.shape {
        Shape::Uniform => lo + u * (hi - lo),
        Shape::Triangular => {
            let c = likely.clamp(lo, hi);
            let f = (c - lo) / (hi - lo);
            if u < f {
                lo + (u * (hi - lo) * (c - lo)).sqrt()
            } else {
                hi - ((1.0 - u) * (hi - lo) * (hi - c)).sqrt()
            }
        }
    }
}

/// The generator of run `r`: its own stream, from the seed and `r`.
fn stream(seed: u64, r: usize) -> SplitMix64 {
    let mut g = SplitMix64::new(seed ^ (r as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    SplitMix64::new(g.next_u64())
}

/// Runs `runs` draws of `design`'s ranges, from `seed`. When every range is
/// on an exchange's value or a cost's amount (occurrences do not move), each
/// run re-sums only the ledgers of the actors those touch, from the base
/// analysis; otherwise each run applies its draws to the design and works
/// its ledgers out in full. The figures are the same either way.
pub fn simulate(design: &ValueDesign, runs: usize, seed: u64) -> Simulation {
    simulate_in(design, runs, seed, false)
}

/// [`simulate`] with every run applied to the design and analysed in full:
/// the reference the shared computation is tested against.
pub fn simulate_by_reanalysis(design: &ValueDesign, runs: usize, seed: u64) -> Simulation {
    simulate_in(design, runs, seed, true)
}

fn simulate_in(design: &ValueDesign, runs: usize, seed: u64, reanalyse: bool) -> Simulation {
    let eco = design.ecosystem();
    let mut ranges: Vec<(String, Target, &Range, f64)> = Vec::new();
    let mut skipped = Vec::new();
    for r in &eco.uncertainty {
        match resolve(eco, &r.path, 0) {
            Ok(t) if t != Target::HorizonYears => {
                let likely = r.likely.unwrap_or_else(|| t.get(eco));
                ranges.push((r.path.to_string(), t, r, likely));
            }
            _ => skipped.push(r.path.to_string()),
        }
    }
    let cfg = Config::default();
    let actors: Vec<NodeIdx> = crate::index::all::<NodeIdx>(eco.nodes.len())
        .filter(|&a| eco.node(a).kind.is_actor())
        .collect();
    let base = analysis::outcome(design, &cfg);
    // Per run: every actor's score and verdict, or None if the draws made
    // the design invalid.
    let sets_of = |run: usize| -> Vec<Change> {
        let mut g = stream(seed, run);
        ranges
            .iter()
            .map(|(_, target, r, likely)| Change {
                target: *target,
                value: draw(r, *likely, g.unit()),
            })
            .collect()
    };
    let values_only = ranges
        .iter()
        .all(|(_, t, _, _)| matches!(t, Target::ExchangeValue(_) | Target::CostAmount(..)));
    let results: Vec<Option<Vec<(f64, bool)>>> = if values_only && !reanalyse {
        let shared = Shared::new(&base, &ranges, &actors);
        (0..runs)
            .into_par_iter()
            .map(|run| Some(shared.run(&base, design.ecosystem().discount_rate, &sets_of(run))))
            .collect()
    } else {
        (0..runs)
            .into_par_iter()
            .map(|run| {
                let changes = Changes {
                    sets: sets_of(run),
                    ..Changes::default()
                };
                let d = apply(design, &changes).ok()?;
                let an = analysis::outcome(&d, &cfg);
                Some(
                    actors
                        .iter()
                        .map(|&a| (outcome_score(&an, a), !an.verdicts[a].fails()))
                        .collect(),
                )
            })
            .collect()
    };
    let valid: Vec<&Vec<(f64, bool)>> = results.iter().flatten().collect();
    let n = valid.len().max(1) as f64;
    let odds = actors
        .iter()
        .enumerate()
        .map(|(k, &a)| {
            let mut scores: Vec<f64> = valid.iter().map(|r| r[k].0).collect();
            scores.sort_by(f64::total_cmp);
            ActorOdds {
                actor: a,
                goal: base.network.goals[a],
                base: outcome_score(&base, a),
                win_win: valid.iter().filter(|r| r[k].1).count() as f64 / n,
                scores,
            }
        })
        .collect();
    let all_win = valid.iter().filter(|r| r.iter().all(|x| x.1)).count() as f64 / n;
    Simulation {
        runs,
        seed,
        ranges: ranges.into_iter().map(|(p, t, _, _)| (p, t)).collect(),
        skipped,
        invalid: runs - valid.len(),
        actors: odds,
        all_win,
    }
}

/// What a run of value-only ranges needs from the base analysis: the actors
/// the ranged exchanges and costs touch, and every actor's base figures.
struct Shared {
    /// Actor `k` of the simulation's list: its node, and whether it is touched.
    actors: Vec<(NodeIdx, bool)>,
    /// Base score and verdict of each actor.
    base: Vec<(f64, bool)>,
    /// Cost index of each `CostAmount` range, by its position in the node.
    costs: rustc_hash::FxHashMap<(NodeIdx, usize), crate::index::CostIdx>,
}

impl Shared {
    fn new(
        full: &analysis::Outcome,
        ranges: &[(String, Target, &Range, f64)],
        actors: &[NodeIdx],
    ) -> Self {
        let net = &full.network;
        let mut touched = rustc_hash::FxHashSet::default();
        let mut costs = rustc_hash::FxHashMap::default();
        for (_, t, _, _) in ranges {
            match *t {
                Target::ExchangeValue(e) => {
                    touched.insert(net.edges[e].from);
                    touched.insert(net.edges[e].to);
                }
                Target::CostAmount(a, k) => {
                    touched.insert(a);
                    if let Some(c) = cost_index(net, a, k) {
                        costs.insert((a, k), c);
                    }
                }
                _ => {}
            }
        }
        Shared {
            actors: actors.iter().map(|&a| (a, touched.contains(&a))).collect(),
            base: actors
                .iter()
                .map(|&a| (outcome_score(full, a), !full.verdicts[a].fails()))
                .collect(),
            costs,
        }
    }

    /// Every actor's score and verdict with these values set.
    fn run(&self, full: &analysis::Outcome, rate: f64, sets: &[Change]) -> Vec<(f64, bool)> {
        let net = &full.network;
        let mut reads = Changed::new(net, &full.timeline);
        for c in sets {
            match c.target {
                Target::ExchangeValue(e) => reads.values.push((e, c.value)),
                Target::CostAmount(a, k) => {
                    if let Some(&x) = self.costs.get(&(a, k)) {
                        reads.costs.push((x, c.value));
                    }
                }
                _ => {}
            }
        }
        self.actors
            .iter()
            .zip(&self.base)
            .map(|(&(a, touched), &base)| {
                if !touched {
                    return base;
                }
                let t = reads.totals(a, rate);
                (
                    score(net.goals[a], &t),
                    !crate::analysis::verdict::judge_same_exchanges(net, a, &t, &full.verdicts[a])
                        .fails(),
                )
            })
            .collect()
    }
}
