//! Contract 3.3: how far knowledge, data and benefits reach.
//!
//! On the intangible exchanges, weight `w(e) = 1 + value * O(e, 1)`, `W`
//! row-normalised per sender, source `s(a)` = intangible worth received in
//! year 1 plus 1 per intangible inflow; iterate `x = s + d * W^T x` until the
//! L1 change is at most the tolerance times the L1 norm of `x` (a relative
//! tolerance). `reach(a) = x(a)`.
//!
//! Each iteration is a pull over an intangible in-CSR (sender index and
//! normalised weight per entry, 12 bytes): node `a` reads only its own row, so
//! nodes are independent and run in parallel. The L1 change and norm are summed per
//! fixed-size block and the blocks are added in order, so the result is
//! bit-identical for any thread count, and equal to [`diffuse_sequential`].

use rayon::prelude::*;

use super::timeline::Timeline;
use crate::csr::Csr;
use crate::index::{ExchangeIdx, IdxVec, NodeIdx};
use crate::network::Network;

/// Nodes per block of the L1 reduction (fixed so results do not depend on threads).
const BLOCK: usize = 4096;

/// The intangible pull graph, with nodes relabelled in breadth-first order so
/// the gather `x[sender]` stays local: the row of the node at position `p`
/// holds entries `offsets[p]..offsets[p+1]` of `senders` (positions) and
/// `weights`, in the node's file order of incoming exchanges.
#[derive(Debug, Clone, PartialEq)]
pub struct PullGraph {
    /// Row starts (nodes + 1), by position.
    pub offsets: Vec<u32>,
    /// Position of the sender of each entry.
    pub senders: Vec<u32>,
    /// Normalised weight `W[sender -> a]` of each entry.
    pub weights: Vec<f64>,
    /// Source term `s`, by position.
    pub source: Vec<f64>,
    /// Position of each node (file order -> position).
    pub position: Vec<u32>,
}

/// Result of the diffusion.
#[derive(Debug, Clone, PartialEq)]
pub struct Diffusion {
    /// `reach(a)`, per node.
    pub reach: IdxVec<NodeIdx, f64>,
    /// Iterations run.
    pub iterations: u32,
    /// Whether the L1 change fell to the tolerance times the L1 norm.
    pub converged: bool,
}

/// Diffusion parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DiffusionConfig {
    /// Damping `d`, in `[0, 1)`.
    pub damping: f64,
    /// Stop when the L1 change of an iteration is at most this times the
    /// L1 norm of the new vector (relative: the same on a design of ten
    /// actors and one of a million).
    pub tolerance: f64,
    /// Give up after this many iterations.
    pub max_iterations: u32,
}

impl Default for DiffusionConfig {
    fn default() -> Self {
        DiffusionConfig {
            damping: 0.85,
            tolerance: 1e-12,
            max_iterations: 100_000,
        }
    }
}

/// Builds the pull graph from the network and year-1 occurrences. O(N + E).
pub fn pull_graph(net: &Network, tl: &Timeline) -> PullGraph {
    let n = net.node_count();
    let weight = |e: ExchangeIdx| {
        let edge = &net.edges[e];
        1.0 + edge.value * tl.occurrences(e).first().copied().unwrap_or(0.0)
    };
    // Sender totals, summed in each sender's out-row order.
    let out_total: Vec<f64> = (0..n)
        .into_par_iter()
        .map(|a| {
            net.outgoing
                .row(NodeIdx::new(a))
                .iter()
                .filter(|&&e| net.edges[e].flow.is_intangible())
                .map(|&e| weight(e))
                .sum()
        })
        .collect();
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0u32);
    let mut senders = Vec::new();
    let mut weights = Vec::new();
    let mut source = vec![0.0; n];
    for (a, source_a) in source.iter_mut().enumerate() {
        let mut s = 0.0;
        for &e in net.incoming.row(NodeIdx::new(a)) {
            let edge = &net.edges[e];
            if !edge.flow.is_intangible() {
                continue;
            }
            s += edge.value * tl.occurrences(e).first().copied().unwrap_or(0.0) + 1.0;
            // Positions in the pull graph are raw `u32`s (relabelled below).
            senders.push(edge.from.index() as u32);
            weights.push(weight(e) / out_total[edge.from.index()]);
        }
        *source_a = s;
        offsets.push(senders.len() as u32);
    }
    // Relabel: rows in breadth-first order over the pull adjacency.
    let position = crate::network::bfs_order(&Csr::from_parts(offsets.clone(), senders.clone()));
    let mut node_at = vec![0u32; n];
    for (a, &p) in position.iter().enumerate() {
        node_at[p as usize] = a as u32;
    }
    let mut new_offsets = Vec::with_capacity(n + 1);
    new_offsets.push(0u32);
    let mut new_senders = Vec::with_capacity(senders.len());
    let mut new_weights = Vec::with_capacity(weights.len());
    let mut new_source = Vec::with_capacity(n);
    for &a in &node_at {
        let (lo, hi) = (
            offsets[a as usize] as usize,
            offsets[a as usize + 1] as usize,
        );
        new_senders.extend(senders[lo..hi].iter().map(|&s| position[s as usize]));
        new_weights.extend_from_slice(&weights[lo..hi]);
        new_source.push(source[a as usize]);
        new_offsets.push(new_senders.len() as u32);
    }
    PullGraph {
        offsets: new_offsets,
        senders: new_senders,
        weights: new_weights,
        source: new_source,
        position,
    }
}

/// One pull step for the nodes `first..first + x_new.len()`; returns their
/// L1 change and the L1 norm of their new values.
#[inline]
fn step_block(g: &PullGraph, d: f64, x: &[f64], first: usize, x_new: &mut [f64]) -> (f64, f64) {
    let (mut change, mut norm) = (0.0, 0.0);
    let len = x_new.len();
    // Slices cut once per block, so the inner loop indexes only `x`.
    let offsets = &g.offsets[first..=first + len];
    let base = offsets[0] as usize;
    let entries = offsets[len] as usize;
    let (senders, weights) = (&g.senders[base..entries], &g.weights[base..entries]);
    let (source, old) = (&g.source[first..first + len], &x[first..first + len]);
    for (i, out) in x_new.iter_mut().enumerate() {
        let (lo, hi) = (offsets[i] as usize - base, offsets[i + 1] as usize - base);
        let mut acc = 0.0;
        for (w, s) in weights[lo..hi].iter().zip(&senders[lo..hi]) {
            acc += w * x[*s as usize];
        }
        let v = source[i] + d * acc;
        change += (v - old[i]).abs();
        norm += v.abs();
        *out = v;
    }
    (change, norm)
}

/// The blocks' (change, norm), added in block order.
fn total(partial: &[(f64, f64)]) -> (f64, f64) {
    partial
        .iter()
        .fold((0.0, 0.0), |(c, n), &(pc, pn)| (c + pc, n + pn))
}

/// Iterates to the fixed point, in parallel.
pub fn diffuse(g: &PullGraph, cfg: &DiffusionConfig) -> Diffusion {
    iterate(g, cfg, |x, x_new| {
        let partial: Vec<(f64, f64)> = x_new
            .par_chunks_mut(BLOCK)
            .enumerate()
            .map(|(b, chunk)| step_block(g, cfg.damping, x, b * BLOCK, chunk))
            .collect();
        total(&partial)
    })
}

/// The same iteration on one thread (the reference for the parallel one).
pub fn diffuse_sequential(g: &PullGraph, cfg: &DiffusionConfig) -> Diffusion {
    iterate(g, cfg, |x, x_new| {
        let partial: Vec<(f64, f64)> = x_new
            .chunks_mut(BLOCK)
            .enumerate()
            .map(|(b, chunk)| step_block(g, cfg.damping, x, b * BLOCK, chunk))
            .collect();
        total(&partial)
    })
}

fn iterate(
    g: &PullGraph,
    cfg: &DiffusionConfig,
    mut step: impl FnMut(&[f64], &mut [f64]) -> (f64, f64),
) -> Diffusion {
    let mut x = g.source.clone();
    let mut x_new = vec![0.0; x.len()];
    let mut iterations = 0;
    let mut converged = x.is_empty();
    while !converged && iterations < cfg.max_iterations {
        let (change, norm) = step(&x, &mut x_new);
        std::mem::swap(&mut x, &mut x_new);
        iterations += 1;
        converged = change <= cfg.tolerance * norm;
    }
    // Back to file order.
    let reach = g.position.iter().map(|&p| x[p as usize]).collect();
    Diffusion {
        reach,
        iterations,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two nodes sending to each other (weight 1 each way): with source
    /// `(s, 0)` the fixed point is `x = (s, d s) / (1 - d^2)`.
    fn pair(s: f64) -> PullGraph {
        PullGraph {
            offsets: vec![0, 1, 2],
            senders: vec![1, 0],
            weights: vec![1.0, 1.0],
            source: vec![s, 0.0],
            position: vec![0, 1],
        }
    }

    #[test]
    fn the_tolerance_is_relative_to_the_size_of_the_vector() {
        let cfg = DiffusionConfig::default();
        let d = cfg.damping;
        let small = diffuse(&pair(1.0), &cfg);
        let large = diffuse(&pair(1e12), &cfg);
        // The same number of iterations whatever the scale (an absolute 1e-9
        // stops at d^k s < 1e-9: about 128 iterations for s = 1, 298 for s = 1e12).
        assert!(small.converged && large.converged);
        assert_eq!(small.iterations, large.iterations);
        // Each iteration shrinks the change by d: the first change is d s,
        // the k-th d^k s, and it stops at the first k with
        // d^k s <= 1e-12 * |x_k|, |x_k| close to s (1 + d) / (1 - d^2) = s / (1 - d).
        let k = (1e-12 / (1.0 - d)).ln() / d.ln();
        assert!(
            (small.iterations as f64 - k).abs() <= 1.0,
            "{} vs {k}",
            small.iterations
        );
        // And the result is the fixed point to the stated precision.
        let want = [1e12 / (1.0 - d * d), 1e12 * d / (1.0 - d * d)];
        for (got, want) in large.reach.iter().zip(want) {
            assert!((got - want).abs() <= 1e-11 * want, "{got} vs {want}");
        }
    }
}
