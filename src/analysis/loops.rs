//! Value loops: how value an actor gives comes back to it (Allee's value
//! network analysis; the value loops of Cameron, Crawley & Feng's
//! stakeholder value network analysis). Exchanges are lifted to actors (a
//! device's or an activity's exchange is its owner's; one within an actor is
//! left out). Every loop lies within one strongly connected part of that
//! actor graph (Kosaraju's algorithm, petgraph's `kosaraju_scc`, which runs
//! on explicit stacks at any size); within each
//! part the simple cycles of at most [`MAX_LEN`] actors are enumerated, each
//! once (from its lowest actor in file order), and scored.
//!
//! **The score** of a loop is the product, over its steps, of the step's
//! share of the sender's outflow: the value the sender gives the next actor
//! over the horizon (value × occurrences, every flow kind) divided by all the
//! value it gives other actors. A score of 1 is a closed chain in which each
//! actor gives everything it gives to the next; a loop through a side
//! channel scores low. An actor whose flows are all worth 0 shares by count.
//! The [`TOP`] loops are kept, best first (ties: the actors in file order).
//!
//! **Bounded**: the search follows at most [`BUDGET`] steps, pruning any path
//! whose score so far is below the last kept loop (a score only falls as a
//! path grows); when the budget runs out it stops and says so
//! ([`Loops::complete`]). Sequential, so the result is the same whatever
//! the thread count. O(N + E) for the parts, then at most the budget.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::lifted::{lifted, Lifted};
use super::timeline::Timeline;
use crate::index::{ExchangeIdx, IdxVec, NodeIdx};
use crate::network::Network;

/// The most actors in a loop.
pub const MAX_LEN: usize = 6;
/// The loops kept.
pub const TOP: usize = 20;
/// The most steps the search follows.
pub const BUDGET: u64 = 2_000_000;

/// One loop: actors `actors[0] → actors[1] → … → actors[0]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueLoop {
    /// The actors in order, starting from the lowest in file order.
    pub actors: Vec<NodeIdx>,
    /// Per step (`actors[k]` to the next), the exchanges it is made of.
    pub steps: Vec<Vec<ExchangeIdx>>,
    /// The product of the steps' shares of their sender's outflow.
    pub score: f64,
}

/// The loops of a design.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Loops {
    /// The strongly connected parts of two actors or more, each in file
    /// order, ordered by their first actor.
    pub parts: Vec<Vec<NodeIdx>>,
    /// The best loops, best first, at most [`TOP`].
    pub loops: Vec<ValueLoop>,
    /// Whether the search saw every loop of at most [`MAX_LEN`] actors (it
    /// stops after [`BUDGET`] steps).
    pub complete: bool,
}

/// An actor-to-actor step: where to, its share, its exchanges.
#[derive(Clone)]
struct Step {
    to: NodeIdx,
    share: f64,
    exchanges: Vec<ExchangeIdx>,
}

/// Each actor's steps, by receiving actor in file order.
fn steps(n: usize, lifted: &[Lifted]) -> IdxVec<NodeIdx, Vec<Step>> {
    let mut lifted: Vec<(NodeIdx, NodeIdx, ExchangeIdx, f64)> = lifted
        .iter()
        .map(|l| (l.from, l.to, l.exchange, l.worth))
        .collect();
    lifted.sort_by_key(|&(a, b, e, _)| (a, b, e));
    let mut out_total = IdxVec::<NodeIdx, (f64, usize)>::filled(n, (0.0, 0));
    for &(a, _, _, w) in &lifted {
        out_total[a].0 += w;
        out_total[a].1 += 1;
    }
    let mut steps = IdxVec::<NodeIdx, Vec<Step>>::filled(n, Vec::new());
    let mut k = 0;
    while k < lifted.len() {
        let (a, b, _, _) = lifted[k];
        let mut j = k;
        let (mut worth, mut exchanges) = (0.0, Vec::new());
        while j < lifted.len() && lifted[j].0 == a && lifted[j].1 == b {
            worth += lifted[j].3;
            exchanges.push(lifted[j].2);
            j += 1;
        }
        let (total, count) = out_total[a];
        let share = if total > 0.0 {
            worth / total
        } else {
            exchanges.len() as f64 / count as f64
        };
        steps[a].push(Step {
            to: b,
            share,
            exchanges,
        });
        k = j;
    }
    steps
}

/// The strongly connected parts of the actor graph, of two actors or more.
fn parts(n: usize, steps: &IdxVec<NodeIdx, Vec<Step>>) -> Vec<Vec<NodeIdx>> {
    let mut g = DiGraph::<(), ()>::with_capacity(n, 0);
    for _ in 0..n {
        g.add_node(());
    }
    for (a, row) in steps.iter_enumerated() {
        for s in row {
            g.add_edge(NodeIndex::new(a.index()), NodeIndex::new(s.to.index()), ());
        }
    }
    // Kosaraju's algorithm: petgraph's runs on explicit stacks (its Tarjan
    // recurses, and a million actors overflow the stack).
    let mut parts: Vec<Vec<NodeIdx>> = kosaraju_scc(&g)
        .into_iter()
        .filter(|p| p.len() > 1)
        .map(|p| {
            let mut p: Vec<NodeIdx> = p.into_iter().map(|i| NodeIdx::new(i.index())).collect();
            p.sort_unstable();
            p
        })
        .collect();
    parts.sort_unstable_by_key(|p| p[0]);
    parts
}

/// The kept loops, best first.
struct Best {
    loops: Vec<ValueLoop>,
}

impl Best {
    /// The score a new loop must reach to be kept.
    fn floor(&self) -> f64 {
        if self.loops.len() < TOP {
            f64::NEG_INFINITY
        } else {
            self.loops[TOP - 1].score
        }
    }

    fn offer(&mut self, l: ValueLoop) {
        let at = self
            .loops
            .partition_point(|k| k.score > l.score || (k.score == l.score && k.actors <= l.actors));
        if at < TOP {
            self.loops.insert(at, l);
            self.loops.truncate(TOP);
        }
    }
}

/// The value loops of `net`, searched within [`BUDGET`] steps.
pub fn loops(net: &Network, tl: &Timeline) -> Loops {
    loops_within(net, tl, BUDGET)
}

/// The value loops of `net`, searched within `budget` steps.
pub fn loops_within(net: &Network, tl: &Timeline, budget: u64) -> Loops {
    of_lifted(net.node_count(), &lifted(net, tl), budget)
}

/// The value loops of `n` nodes' exchanges between actors (`lifted`),
/// searched within `budget` steps.
pub fn of_lifted(n: usize, lifted: &[Lifted], budget: u64) -> Loops {
    let steps = steps(n, lifted);
    let parts = parts(n, &steps);
    let mut part_of = IdxVec::<NodeIdx, usize>::filled(n, usize::MAX);
    for (k, p) in parts.iter().enumerate() {
        for &a in p {
            part_of[a] = k;
        }
    }
    let mut best = Best { loops: Vec::new() };
    let mut budget = budget;
    let mut complete = true;
    // Depth-first from each actor `s`, through actors after `s` in its part.
    'starts: for s in parts.iter().flatten().copied().collect::<Vec<_>>() {
        let part = part_of[s];
        // The path: actors, the step taken from each, and the score so far.
        let mut path: Vec<(NodeIdx, usize, f64)> = vec![(s, 0, 1.0)];
        let mut on_path = rustc_hash::FxHashSet::default();
        on_path.insert(s);
        while let Some(&mut (a, ref mut next, score)) = path.last_mut() {
            let Some(step) = steps[a].get(*next) else {
                on_path.remove(&a);
                path.pop();
                continue;
            };
            *next += 1;
            if budget == 0 {
                complete = false;
                break 'starts;
            }
            budget -= 1;
            let b = step.to;
            let reached = score * step.share;
            if part_of[b] != part || b < s || reached < best.floor() {
                continue;
            }
            if b == s {
                let actors: Vec<NodeIdx> = path.iter().map(|p| p.0).collect();
                let steps_taken = path
                    .iter()
                    .map(|&(x, k, _)| steps[x][k - 1].exchanges.clone())
                    .collect();
                best.offer(ValueLoop {
                    actors,
                    steps: steps_taken,
                    score: reached,
                });
            } else if path.len() < MAX_LEN && !on_path.contains(&b) {
                on_path.insert(b);
                path.push((b, 0, reached));
            }
        }
    }
    Loops {
        parts,
        loops: best.loops,
        complete,
    }
}
