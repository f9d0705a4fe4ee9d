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
//! * Removal impact: the share of the exchange value over the whole horizon
//!   lost when a node leaves: its exchanges plus everything that follows
//!   them, transitively.

use rayon::prelude::*;

use super::timeline::Timeline;
use crate::csr::Csr;
use crate::index::{ExchangeIdx, IdxVec, NodeIdx};
use crate::network::Network;
use layered::rng::SplitMix64;

/// Sources per block of the betweenness sum (see [`betweenness`]).
const SOURCES_PER_BLOCK: usize = 64;

/// Sources per block of a sampled betweenness: the unit the sample grows by
/// and the grouping of its sums (fixed, so any thread count gives the same bits).
const SAMPLED_PER_BLOCK: usize = 16;

/// Blocks searched between two looks at the error of a sampled betweenness.
const BLOCKS_PER_ROUND: usize = 4;

/// Betweenness parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeystoneConfig {
    /// Largest node count computed exactly.
    pub exact_limit: usize,
    /// Most sources sampled above that.
    pub pivots: usize,
    /// Seed of the sample.
    pub seed: u64,
    /// Fewest sources sampled before the error is looked at.
    pub min_pivots: usize,
    /// The sample stops growing once the relative standard error of each of
    /// the [`KeystoneConfig::top`] most central nodes is at most this.
    pub target_error: f64,
    /// How many of the most central nodes the error is held on.
    pub top: usize,
}

impl Default for KeystoneConfig {
    fn default() -> Self {
        KeystoneConfig {
            exact_limit: 5000,
            pivots: 256,
            seed: 0x5EED_2014,
            min_pivots: 64,
            target_error: 0.05,
            top: 10,
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
        /// The largest relative standard error (one standard error over the
        /// estimate) among the most central nodes ([`KeystoneConfig::top`]).
        error: f64,
    },
    /// Not computed ([`crate::analysis::Config::skip_centrality`]): every
    /// figure 0.
    NotComputed,
}

/// Betweenness of every node.
#[derive(Debug, Clone, PartialEq)]
pub struct Betweenness {
    /// Raw betweenness: the sum over ordered pairs of the share of shortest
    /// paths through the node (scaled by N/k when sampled).
    pub raw: IdxVec<NodeIdx, f64>,
    /// Raw divided by `(N - 1)(N - 2)`, in `[0, 1]`.
    pub normalised: IdxVec<NodeIdx, f64>,
    /// How it was computed.
    pub method: Method,
}

/// Distinct successors of every node, sorted (parallel exchanges collapse).
pub fn successors(net: &Network) -> Csr {
    let n = net.node_count();
    let rows: Vec<Vec<u32>> = (0..n)
        .into_par_iter()
        .map(|a| {
            // Raw `u32` node numbers: the search relabels them.
            let mut s: Vec<u32> = net
                .outgoing
                .row(NodeIdx::new(a))
                .iter()
                .map(|&e| net.edges[e].to.index() as u32)
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
    Csr::from_parts(offsets, items)
}

/// `succ` with every node renamed by `new_of`, rows sorted.
fn relabel(succ: &Csr, new_of: &[u32]) -> Csr {
    let n = succ.rows();
    let mut old_of = vec![0u32; n];
    for (old, &new) in new_of.iter().enumerate() {
        old_of[new as usize] = old as u32;
    }
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0u32);
    let mut items = Vec::with_capacity(succ.items.len());
    for &old in &old_of {
        let start = items.len();
        items.extend(succ.row(old).iter().map(|&w| new_of[w as usize]));
        items[start..].sort_unstable();
        offsets.push(items.len() as u32);
    }
    Csr::from_parts(offsets, items)
}

/// Betweenness centrality (see the module doc). O(S * (N + E)) for S sources.
pub fn betweenness(succ: &Csr, cfg: &KeystoneConfig) -> Betweenness {
    let n = succ.rows();
    let new_of = crate::network::bfs_order(succ);
    let local = relabel(succ, &new_of);
    let (summed, method) = if n <= cfg.exact_limit {
        let sources: Vec<u32> = (0..n as u32).map(|s| new_of[s as usize]).collect();
        let mut summed = vec![0.0; n];
        // Blocks of a fixed number of sources, whatever N and the thread count:
        // the grouping of the floating-point sums never changes, and a node added
        // at the end only adds zeros to the last block.
        for scores in search_blocks(&local, &sources, SOURCES_PER_BLOCK) {
            add(&mut summed, &scores);
        }
        (summed, Method::Exact)
    } else {
        sampled(&local, &new_of, cfg)
    };
    // Back to file order.
    let raw: Vec<f64> = new_of.iter().map(|&new| summed[new as usize]).collect();
    let norm = if n > 2 {
        ((n - 1) * (n - 2)) as f64
    } else {
        1.0
    };
    let normalised = raw.iter().map(|v| v / norm).collect();
    Betweenness {
        raw: IdxVec::from_vec(raw),
        normalised,
        method,
    }
}

fn add(into: &mut [f64], from: &[f64]) {
    for (v, x) in into.iter_mut().zip(from) {
        *v += x;
    }
}

/// Brandes passes from `sources` (relabelled), in blocks of `per_block` run
/// in parallel: each block's dependencies summed per node, blocks in order.
fn search_blocks(local: &Csr, sources: &[u32], per_block: usize) -> Vec<Vec<f64>> {
    let n = local.rows();
    sources
        .par_chunks(per_block.max(1))
        .map(|chunk| {
            let mut scores = vec![0.0; n];
            let mut work = Work::<u16>::new(n);
            let mut wide: Option<Work<u32>> = None;
            for &s in chunk {
                let s = s as usize;
                if !work.accumulate(local, s, &mut scores) {
                    // Deeper than 65,534 hops: this source again with 32-bit distances.
                    wide.get_or_insert_with(|| Work::new(n))
                        .accumulate(local, s, &mut scores);
                }
            }
            scores
        })
        .collect()
}

/// Sampled betweenness that stops when it is precise enough. Sources are
/// drawn in one fixed order ([`draw`]: every prefix is a uniform sample) and
/// searched [`BLOCKS_PER_ROUND`] blocks of [`SAMPLED_PER_BLOCK`] at a time.
/// The estimate of node `v` is `N` times the mean dependency on `v` over the
/// sources; its standard error is worked out from the spread of the block
/// sums (`B` blocks of equal size: `sd(block sums) / (sqrt(B) * mean(block
/// sums))` relative), so the searches keep no second array. After at least
/// `min_pivots` sources, and after every round, the sample stops when the
/// relative error of each of the `top` most central nodes is at most
/// `target_error`, or at `pivots` sources. (Only the last block may be
/// shorter, when `pivots` is not a multiple of the block size.) Blocks are
/// added in order and the rule reads only the sums, so the stop, and every
/// figure, is the same on any thread count.
fn sampled(local: &Csr, new_of: &[u32], cfg: &KeystoneConfig) -> (Vec<f64>, Method) {
    let n = local.rows();
    let order: Vec<u32> = draw(n, cfg.pivots.min(n), cfg.seed)
        .into_iter()
        .map(|s| new_of[s as usize])
        .collect();
    let (mut summed, mut squares) = (vec![0.0; n], vec![0.0; n]);
    let (mut used, mut blocks) = (0, 0);
    let mut error = f64::INFINITY;
    let round = SAMPLED_PER_BLOCK * BLOCKS_PER_ROUND;
    while used < order.len() {
        let next = (used + round).min(order.len());
        for scores in search_blocks(local, &order[used..next], SAMPLED_PER_BLOCK) {
            add(&mut summed, &scores);
            for (q, x) in squares.iter_mut().zip(&scores) {
                *q += x * x;
            }
            blocks += 1;
        }
        used = next;
        if used >= cfg.min_pivots.min(order.len()) {
            error = top_error(&summed, &squares, blocks, cfg.top);
            if error <= cfg.target_error {
                break;
            }
        }
    }
    let scale = n as f64 / used.max(1) as f64;
    for v in &mut summed {
        *v *= scale;
    }
    let method = Method::Sampled {
        pivots: used,
        seed: cfg.seed,
        error: if error.is_finite() { error } else { 0.0 },
    };
    (summed, method)
}

/// The largest relative standard error of the estimates of the `top` nodes
/// with the largest sums, from `m` samples: `sd / (mean * sqrt(m))` of each
/// node's samples (sums `summed`, sums of squares `squares`). Nodes
/// no path runs through have no error. Infinite when `m < 2` (no spread yet).
fn top_error(summed: &[f64], squares: &[f64], m: usize, top: usize) -> f64 {
    if m < 2 {
        return f64::INFINITY;
    }
    let mut idx: Vec<u32> = (0..summed.len() as u32).collect();
    let k = top.min(idx.len());
    if k == 0 {
        return 0.0;
    }
    // The k largest sums (ties by index), in O(N).
    let larger = |a: &u32, b: &u32| {
        summed[*b as usize]
            .total_cmp(&summed[*a as usize])
            .then(a.cmp(b))
    };
    idx.select_nth_unstable_by(k - 1, larger);
    let m = m as f64;
    idx[..k]
        .iter()
        .map(|&v| {
            let (s, q) = (summed[v as usize], squares[v as usize]);
            if s <= 0.0 {
                return 0.0;
            }
            let mean = s / m;
            let var = ((q / m - mean * mean) * m / (m - 1.0)).max(0.0);
            (var / m).sqrt() / mean
        })
        .fold(0.0, f64::max)
}

/// A hop count: `u16` keeps the distance array small enough for the cache
/// on large graphs; `u32` takes over for a search deeper than `u16` allows.
trait Hops: Copy + PartialEq + Send {
    /// Not reached.
    const UNSEEN: Self;
    /// The source.
    const ZERO: Self;
    /// One hop further; `None` when that would not fit.
    fn next(self) -> Option<Self>;
}

impl Hops for u16 {
    const UNSEEN: Self = u16::MAX;
    const ZERO: Self = 0;
    fn next(self) -> Option<Self> {
        (self < u16::MAX - 1).then_some(self + 1)
    }
}

impl Hops for u32 {
    const UNSEEN: Self = u32::MAX;
    const ZERO: Self = 0;
    fn next(self) -> Option<Self> {
        (self < u32::MAX - 1).then_some(self + 1)
    }
}

/// Per-source buffers, reset only where a search touched them.
///
/// `dist` (hops from the source) is read on every edge and kept in its own
/// compact array; `val` is read only along shortest paths. `val` is the number
/// of shortest paths from the source (`sigma`) during the search; once a
/// node's dependency `delta` is known it becomes `(1 + delta) / sigma`, the
/// only thing its predecessors read.
struct Work<H> {
    dist: Vec<H>,
    val: Vec<f64>,
    order: Vec<u32>,
}

impl<H: Hops> Work<H> {
    fn new(n: usize) -> Self {
        // One spare entry: the branch-free push writes before it knows whether to keep.
        Work {
            dist: vec![H::UNSEEN; n],
            val: vec![0.0; n],
            order: vec![0; n + 1],
        }
    }

    /// One Brandes pass from `s`: BFS, then dependencies in reverse BFS order
    /// over successors (no predecessor lists): for `v`,
    /// `delta(v) = sigma(v) * sum over successors w one hop further of (1 + delta(w)) / sigma(w)`.
    /// Returns false, leaving `scores` untouched, if the search is too deep for `H`.
    fn accumulate(&mut self, succ: &Csr, s: usize, scores: &mut [f64]) -> bool {
        let (dist, val, order) = (&mut self.dist, &mut self.val, &mut self.order);
        // The updates below avoid data-dependent branches where they can
        // ("seen before?" is a coin toss per edge and mispredicts badly).
        dist[s] = H::ZERO;
        val[s] = 1.0;
        order[0] = s as u32;
        let mut len = 1;
        let mut head = 0;
        let mut deep = false;
        while head < len {
            let v = order[head] as usize;
            head += 1;
            let sv = val[v];
            let Some(next) = dist[v].next() else {
                deep = true;
                break;
            };
            for &w in succ.row(v as u32) {
                let w = w as usize;
                let unseen = dist[w] == H::UNSEEN;
                order[len] = w as u32;
                len += unseen as usize;
                if unseen {
                    dist[w] = next;
                }
                if dist[w] == next {
                    val[w] += sv;
                }
            }
        }
        if !deep {
            for &v in order[..len].iter().rev() {
                let v = v as usize;
                // `next` exists: every node popped above had room for one more hop.
                let Some(next) = dist[v].next() else { continue };
                let mut sum = 0.0;
                for &w in succ.row(v as u32) {
                    if dist[w as usize] == next {
                        sum += val[w as usize];
                    }
                }
                let sigma = val[v];
                let delta = sigma * sum;
                val[v] = (1.0 + delta) / sigma;
                if v != s {
                    scores[v] += delta;
                }
            }
        }
        for &v in &order[..len] {
            dist[v as usize] = H::UNSEEN;
            val[v as usize] = 0.0;
        }
        !deep
    }
}

/// `k` distinct node indices drawn with [`SplitMix64`] from `seed` (partial
/// Fisher-Yates), in the order drawn: every prefix is a uniform sample.
pub fn draw(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut rng = SplitMix64::new(seed);
    let mut idx: Vec<u32> = (0..n as u32).collect();
    for i in 0..k.min(n) {
        let j = i + rng.below((n - i) as u64) as usize;
        idx.swap(i, j);
    }
    idx.truncate(k.min(n));
    idx
}

/// The first `k` nodes of [`draw`], sorted.
pub fn sample(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut idx = draw(n, k, seed);
    idx.sort_unstable();
    idx
}

/// Removal impact of every node and the value of the whole ecosystem over
/// the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct Removal {
    /// Share of the exchange value over the horizon lost when the node
    /// leaves, in `[0, 1]`.
    pub impact: IdxVec<NodeIdx, f64>,
    /// Value of all exchanges (money and worth) over the horizon.
    pub total: f64,
}

/// Removal impact (contract 3.4). O(E * follows depth), parallel over nodes.
pub fn removal_impact(net: &Network, tl: &Timeline) -> Removal {
    let v1: IdxVec<ExchangeIdx, f64> = net
        .exchanges()
        .map(|x| net.edges[x].value * tl.occurrences(x).iter().sum::<f64>())
        .collect();
    let total: f64 = v1.iter().sum();
    // Value of each exchange plus all its followers: every exchange adds its
    // own value to each exchange up its follows chain (file order: fixed sums).
    let mut subtree = v1.clone();
    for (x, &v) in v1.iter_enumerated() {
        let mut up = net.edges[x].follows;
        while let Some((f, _)) = up {
            subtree[f] += v;
            up = net.edges[f].follows;
        }
    }
    let touches = |x: ExchangeIdx, a: NodeIdx| net.edges[x].from == a || net.edges[x].to == a;
    let impact = (0..net.node_count())
        .into_par_iter()
        .map(|a| {
            if total <= 0.0 {
                return 0.0;
            }
            let a = NodeIdx::new(a);
            let mut lost = 0.0;
            for &x in net.incoming.row(a).iter().chain(net.outgoing.row(a)) {
                // Count a follower tree once: skip `x` if an exchange it follows is also `a`'s.
                let mut up = net.edges[x].follows;
                let mut covered = false;
                while let Some((f, _)) = up {
                    if touches(f, a) {
                        covered = true;
                        break;
                    }
                    up = net.edges[f].follows;
                }
                if !covered {
                    lost += subtree[x];
                }
            }
            (lost / total).min(1.0)
        })
        .collect::<Vec<f64>>();
    Removal {
        impact: IdxVec::from_vec(impact),
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::{betweenness, sample, top_error, KeystoneConfig, Method};
    use crate::csr::Csr;
    use proptest::prelude::*;

    fn csr(n: usize, edges: &[(u32, u32)]) -> Csr {
        let mut rows = vec![Vec::new(); n];
        for &(a, b) in edges {
            if a != b {
                rows[a as usize].push(b);
            }
        }
        let mut offsets = vec![0u32];
        let mut items = Vec::new();
        for mut r in rows {
            r.sort_unstable();
            r.dedup();
            items.extend(r);
            offsets.push(items.len() as u32);
        }
        Csr::from_parts(offsets, items)
    }

    /// Textbook Brandes with predecessor lists, the reference for the optimised kernel.
    fn reference(g: &Csr) -> Vec<f64> {
        let n = g.rows();
        let mut cb = vec![0.0; n];
        for s in 0..n {
            let mut stack = Vec::new();
            let mut pred = vec![Vec::new(); n];
            let mut sigma = vec![0.0; n];
            let mut dist = vec![-1i64; n];
            sigma[s] = 1.0;
            dist[s] = 0;
            let mut queue = std::collections::VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                stack.push(v);
                for &w in g.row(v as u32) {
                    let w = w as usize;
                    if dist[w] < 0 {
                        dist[w] = dist[v] + 1;
                        queue.push_back(w);
                    }
                    if dist[w] == dist[v] + 1 {
                        sigma[w] += sigma[v];
                        pred[w].push(v);
                    }
                }
            }
            let mut delta = vec![0.0; n];
            while let Some(w) = stack.pop() {
                for &v in &pred[w] {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
                if w != s {
                    cb[w] += delta[w];
                }
            }
        }
        cb
    }

    proptest! {
        #[test]
        fn matches_textbook_brandes(n in 1usize..40, edges in proptest::collection::vec((0u32..40, 0u32..40), 0..160)) {
            let edges: Vec<(u32, u32)> = edges.into_iter().map(|(a, b)| (a % n as u32, b % n as u32)).collect();
            let g = csr(n, &edges);
            let got = betweenness(&g, &KeystoneConfig::default());
            prop_assert_eq!(got.method, Method::Exact);
            for (a, b) in got.raw.iter().zip(reference(&g)) {
                prop_assert!((a - b).abs() <= 1e-9 * (1.0 + b.abs()), "{:?}", got.raw);
            }
        }
    }

    #[test]
    fn searches_deeper_than_16_bit_hops_fall_back_to_32_bit() {
        // A directed chain 0 -> 1 -> ... -> n-1 of 140,000 nodes: from source s, every
        // node i > s lies on the paths to the n - 1 - i nodes after it.
        let n = 140_000usize;
        let edges: Vec<(u32, u32)> = (0..n as u32 - 1).map(|i| (i, i + 1)).collect();
        let g = csr(n, &edges);
        let cfg = KeystoneConfig {
            exact_limit: 0,
            pivots: 40,
            seed: 3,
            ..KeystoneConfig::default()
        };
        let got = betweenness(&g, &cfg);
        let sources = sample(n, 40, 3);
        let scale = n as f64 / 40.0;
        for i in [1usize, 10, 40_000, 100_000, 139_998] {
            let expected: f64 = sources
                .iter()
                .filter(|&&s| (s as usize) < i)
                .map(|_| (n - 1 - i) as f64)
                .sum::<f64>()
                * scale;
            assert!(
                (got.raw.as_slice()[i] - expected).abs() <= 1e-6 * (1.0 + expected),
                "node {i}: {} vs {expected}",
                got.raw.as_slice()[i]
            );
        }
        // At least one sampled source is near the start, so some search was deeper than 65,534 hops.
        assert!(
            sources.iter().any(|&s| (s as usize) < n - 65_535),
            "{sources:?}"
        );
    }

    /// A random directed graph of `n` nodes, about `per` successors each, with
    /// hubs (every 50th node is a target ten times as often).
    fn hubbed(n: usize, per: usize, seed: u64) -> Csr {
        let mut rng = layered::rng::SplitMix64::new(seed);
        let mut edges = Vec::new();
        for a in 0..n as u32 {
            for _ in 0..per {
                let b = if rng.below(3) == 0 {
                    (rng.below((n / 50) as u64) * 50) as u32
                } else {
                    rng.below(n as u64) as u32
                };
                edges.push((a, b));
            }
        }
        csr(n, &edges)
    }

    #[test]
    fn relative_error_is_worked_out_from_the_spread() {
        // Node 0 gets 2 and 4 from two sources: mean 3, sample variance 2,
        // standard error sqrt(2 / 2) = 1, relative 1 / 3. Node 1 gets nothing.
        let e = top_error(&[6.0, 0.0], &[20.0, 0.0], 2, 2);
        assert!((e - 1.0 / 3.0).abs() < 1e-12, "{e}");
        // The same spread on the second most central node is ignored with top 1.
        let e = top_error(&[60.0, 6.0], &[1800.0, 20.0], 2, 1);
        assert!(e.abs() < 1e-12, "{e}");
        assert_eq!(top_error(&[1.0], &[1.0], 1, 1), f64::INFINITY);
    }

    #[test]
    fn sampling_stops_when_the_top_is_precise_and_says_how_precise() {
        let n = 3000;
        let g = hubbed(n, 4, 7);
        let exact = reference(&g);
        let cfg = KeystoneConfig {
            exact_limit: 0,
            pivots: 2000,
            ..KeystoneConfig::default()
        };
        let got = betweenness(&g, &cfg);
        let Method::Sampled { pivots, error, .. } = got.method else {
            panic!("{:?}", got.method)
        };
        // Stopped early, at a whole round, within the target it states.
        assert!(
            pivots >= cfg.min_pivots && pivots < 2000 && pivots % 64 == 0,
            "{pivots}"
        );
        assert!(error > 0.0 && error <= cfg.target_error, "{error}");
        // The ten most central estimates are within four stated errors of the truth.
        let mut top: Vec<usize> = (0..n).collect();
        top.sort_by(|&a, &b| {
            got.raw[crate::index::NodeIdx::new(b)]
                .total_cmp(&got.raw[crate::index::NodeIdx::new(a)])
        });
        for &v in &top[..10] {
            let est = got.raw[crate::index::NodeIdx::new(v)];
            assert!(
                (est - exact[v]).abs() <= 4.0 * error * est,
                "node {v}: {est} vs {}",
                exact[v]
            );
        }
        // A tighter target needs more sources.
        let tight = betweenness(
            &g,
            &KeystoneConfig {
                target_error: error / 2.0,
                ..cfg
            },
        );
        let Method::Sampled { pivots: more, .. } = tight.method else {
            panic!()
        };
        assert!(more > pivots, "{more} <= {pivots}");
    }

    #[test]
    fn sampled_betweenness_is_the_same_on_one_and_two_threads() {
        let g = hubbed(2000, 3, 11);
        let cfg = KeystoneConfig {
            exact_limit: 0,
            ..KeystoneConfig::default()
        };
        let on = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool")
                .install(|| betweenness(&g, &cfg))
        };
        let (one, two) = (on(1), on(2));
        assert_eq!(one.method, two.method);
        let bits = |b: &super::Betweenness| b.raw.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&one), bits(&two));
    }
}
