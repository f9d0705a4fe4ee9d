//! Monte Carlo over a design's ranges (`uncertainty:` in its file): each run
//! draws every ranged number (triangular or uniform), applies them to the
//! validated design as `--set` would, and works out every actor's ledger and
//! verdict. Runs are independent and parallel; run `r` draws from its own
//! generator, seeded from the seed and `r`, and results are gathered in run
//! order, so the same seed gives the same bytes whatever the thread count.

use layered::rng::SplitMix64;
use rayon::prelude::*;

use crate::analysis::{self, Config, Field};
use crate::index::NodeIdx;
use crate::model::{Goal, Range, Shape};
use crate::validate::ValueDesign;

use super::apply::{apply, Change, Changes};
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

/// Runs `runs` draws of `design`'s ranges, from `seed`.
pub fn simulate(design: &ValueDesign, runs: usize, seed: u64) -> Simulation {
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
    let actors: Vec<NodeIdx> = (0..eco.nodes.len())
        .map(NodeIdx::new)
        .filter(|&a| eco.node(a).kind.is_actor())
        .collect();
    let base = analysis::outcome(design, &cfg);
    let score = |an: &analysis::Outcome, a: NodeIdx| match an.network.goals[a] {
        Goal::Profit => an.ledgers.npv[a],
        Goal::Worth => an.ledgers.total(a, Field::NetValue),
    };
    // Per run: every actor's score and verdict, or None if the draws made
    // the design invalid.
    let results: Vec<Option<Vec<(f64, bool)>>> = (0..runs)
        .into_par_iter()
        .map(|run| {
            let mut g = stream(seed, run);
            let sets = ranges
                .iter()
                .map(|(_, target, r, likely)| Change {
                    target: *target,
                    value: draw(r, *likely, g.unit()),
                })
                .collect();
            let d = apply(
                design,
                &Changes {
                    sets,
                    ..Changes::default()
                },
            )
            .ok()?;
            let an = analysis::outcome(&d, &cfg);
            Some(
                actors
                    .iter()
                    .map(|&a| (score(&an, a), !an.verdicts[a].fails()))
                    .collect(),
            )
        })
        .collect();
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
                base: score(&base, a),
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
