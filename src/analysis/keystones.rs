//! Contract 3.4: keystones and dependence.
//!
//! * Betweenness on the whole exchange graph (directed, unweighted; parallel
//!   exchanges between the same two nodes count once), Brandes' algorithm with
//!   one BFS per source. Exact up to [`KeystoneConfig::exact_limit`] nodes;
//!   above, from `pivots` sources drawn with a fixed seed and scaled by N/k.
//!   Sources are split into blocks of a fixed size (independent of N and of
//!   the thread count); each block is summed in order, then blocks are added in order, so
//!   the result is bit-identical for any number of threads. Normalised by
//!   `(N - 1)(N - 2)` as for directed graphs.
//! * Removal impact: the share of year-1 exchange value lost when a node
//!   leaves: its exchanges plus everything that follows them, transitively.

use rayon::prelude::*;

use super::timeline::Timeline;
use crate::network::{Csr, Network};
use crate::rng::SplitMix64;

/// Sources per block of the betweenness sum (see [`betweenness`]).
const SOURCES_PER_BLOCK: usize = 64;

/// Betweenness parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeystoneConfig {
    /// Largest node count computed exactly.
    pub exact_limit: usize,
    /// Sources sampled above that.
    pub pivots: usize,
    /// Seed of the sample.
    pub seed: u64,
}

impl Default for KeystoneConfig {
    fn default() -> Self {
        KeystoneConfig {
            exact_limit: 5000,
            pivots: 256,
            seed: 0x5EED_2014,
        }
    }
}

/// How betweenness was computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Method {
    /// Every node as a source.
    Exact,
    /// `pivots` sources drawn with `seed`.
    Sampled {
        /// Number of sources.
        pivots: usize,
        /// Seed.
        seed: u64,
    },
}

/// Betweenness of every node.
#[derive(Debug, Clone, PartialEq)]
pub struct Betweenness {
    /// Raw betweenness: the sum over ordered pairs of the share of shortest
    /// paths through the node (scaled by N/k when sampled).
    pub raw: Vec<f64>,
    /// Raw divided by `(N - 1)(N - 2)`, in `[0, 1]`.
    pub normalised: Vec<f64>,
    /// How it was computed.
    pub method: Method,
}

/// Distinct successors of every node, sorted (parallel exchanges collapse).
pub fn successors(net: &Network) -> Csr {
    let n = net.node_count();
    let rows: Vec<Vec<u32>> = (0..n)
        .into_par_iter()
        .map(|a| {
            let mut s: Vec<u32> = net
                .outgoing
                .row(a)
                .iter()
                .map(|&e| net.edges[e as usize].to)
                .collect();
            s.sort_unstable();
            s.dedup();
            s
        })
        .collect();
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0u32);
    let mut items = Vec::with_capacity(rows.iter().map(Vec::len).sum());
    for r in rows {
        items.extend_from_slice(&r);
        offsets.push(items.len() as u32);
    }
    Csr { offsets, items }
}

/// Betweenness centrality (see the module doc). O(S * (N + E)) for S sources.
pub fn betweenness(succ: &Csr, cfg: &KeystoneConfig) -> Betweenness {
    let n = succ.rows();
    let (sources, method, scale) = if n <= cfg.exact_limit {
        ((0..n as u32).collect::<Vec<_>>(), Method::Exact, 1.0)
    } else {
        let k = cfg.pivots.min(n);
        (
            sample(n, k, cfg.seed),
            Method::Sampled {
                pivots: k,
                seed: cfg.seed,
            },
            n as f64 / k as f64,
        )
    };
    // Blocks of a fixed number of sources, whatever N and the thread count:
    // the grouping of the floating-point sums never changes, and a node added
    // at the end only adds zeros to the last block.
    let per_block = SOURCES_PER_BLOCK;
    let partial: Vec<Vec<f64>> = sources
        .par_chunks(per_block.max(1))
        .map(|chunk| {
            let mut scores = vec![0.0; n];
            let mut work = Work::new(n);
            for &s in chunk {
                work.accumulate(succ, s as usize, &mut scores);
            }
            scores
        })
        .collect();
    let mut raw = vec![0.0; n];
    for p in &partial {
        for (v, x) in raw.iter_mut().zip(p) {
            *v += x;
        }
    }
    for v in &mut raw {
        *v *= scale;
    }
    let norm = if n > 2 {
        ((n - 1) * (n - 2)) as f64
    } else {
        1.0
    };
    let normalised = raw.iter().map(|v| v / norm).collect();
    Betweenness {
        raw,
        normalised,
        method,
    }
}

/// Per-source buffers, reset only where a BFS touched them.
struct Work {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
}

impl Work {
    fn new(n: usize) -> Self {
        Work {
            dist: vec![u32::MAX; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }

    /// One Brandes pass from `s`: BFS, then dependencies in reverse BFS order
    /// over successors (no predecessor lists needed).
    fn accumulate(&mut self, succ: &Csr, s: usize, scores: &mut [f64]) {
        self.order.clear();
        self.dist[s] = 0;
        self.sigma[s] = 1.0;
        self.order.push(s as u32);
        let mut head = 0;
        while head < self.order.len() {
            let v = self.order[head] as usize;
            head += 1;
            let dv = self.dist[v];
            for &w in succ.row(v) {
                let w = w as usize;
                if self.dist[w] == u32::MAX {
                    self.dist[w] = dv + 1;
                    self.order.push(w as u32);
                }
                if self.dist[w] == dv + 1 {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
        for &v in self.order.iter().rev() {
            let v = v as usize;
            let dv = self.dist[v];
            let mut d = 0.0;
            for &w in succ.row(v) {
                let w = w as usize;
                if self.dist[w] == dv + 1 {
                    d += self.sigma[v] / self.sigma[w] * (1.0 + self.delta[w]);
                }
            }
            self.delta[v] = d;
            if v != s {
                scores[v] += d;
            }
        }
        for &v in &self.order {
            let v = v as usize;
            self.dist[v] = u32::MAX;
            self.sigma[v] = 0.0;
            self.delta[v] = 0.0;
        }
    }
}

/// `k` distinct node indices drawn with [`SplitMix64`] from `seed` (partial
/// Fisher-Yates), sorted.
pub fn sample(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut rng = SplitMix64::new(seed);
    let mut idx: Vec<u32> = (0..n as u32).collect();
    for i in 0..k.min(n) {
        let j = i + rng.below((n - i) as u64) as usize;
        idx.swap(i, j);
    }
    idx.truncate(k.min(n));
    idx.sort_unstable();
    idx
}

/// Removal impact of every node and the year-1 value of the whole ecosystem.
#[derive(Debug, Clone, PartialEq)]
pub struct Removal {
    /// Share of year-1 exchange value lost when the node leaves, in `[0, 1]`.
    pub impact: Vec<f64>,
    /// Year-1 value of all exchanges (money and worth).
    pub total_year1: f64,
}

/// Removal impact (contract 3.4). O(E * follows depth), parallel over nodes.
pub fn removal_impact(net: &Network, tl: &Timeline) -> Removal {
    let e = net.exchange_count();
    let v1: Vec<f64> = (0..e)
        .map(|x| net.edges[x].value * tl.occurrences(x).first().copied().unwrap_or(0.0))
        .collect();
    let total_year1: f64 = v1.iter().sum();
    // Value of each exchange plus all its followers, deepest levels first.
    let mut subtree = v1.clone();
    let mut order: Vec<u32> = (0..e as u32).collect();
    order.sort_by_key(|&x| std::cmp::Reverse(tl.levels[x as usize]));
    for &x in &order {
        if let Some((f, _)) = net.edges[x as usize].follows {
            subtree[f as usize] += subtree[x as usize];
        }
    }
    let touches = |x: usize, a: u32| net.edges[x].from == a || net.edges[x].to == a;
    let impact = (0..net.node_count())
        .into_par_iter()
        .map(|a| {
            if total_year1 <= 0.0 {
                return 0.0;
            }
            let a32 = a as u32;
            let mut lost = 0.0;
            for &x in net.incoming.row(a).iter().chain(net.outgoing.row(a)) {
                // Count a follower tree once: skip `x` if an exchange it follows is also `a`'s.
                let mut up = net.edges[x as usize].follows;
                let mut covered = false;
                while let Some((f, _)) = up {
                    if touches(f as usize, a32) {
                        covered = true;
                        break;
                    }
                    up = net.edges[f as usize].follows;
                }
                if !covered {
                    lost += subtree[x as usize];
                }
            }
            (lost / total_year1).min(1.0)
        })
        .collect();
    Removal {
        impact,
        total_year1,
    }
}
