//! Layer assignment by the network simplex method (Gansner, Koutsofios,
//! North & Vo, "A technique for drawing directed graphs", IEEE TSE 1993,
//! section 2): integer ranks that respect every edge's minimum length and
//! minimise the total weighted edge length, so value chains are as short as
//! they can be. The structure follows dagre's well-tested port of it:
//! longest-path start, tight spanning tree, cut values from a postorder
//! numbering (`low`/`lim`), entering edge of least slack.
//!
//! The graph must be acyclic and connected (the caller adds a source and a
//! sink joined to every node by weight-0 edges). Deterministic: candidates are
//! scanned in edge order and ties keep the first.

/// An edge for ranking: `rank(to) - rank(from) >= minlen`, costing `weight`
/// per layer of length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankEdge {
    /// Tail.
    pub from: usize,
    /// Head.
    pub to: usize,
    /// Cost per unit of length (0 for pure constraints).
    pub weight: i64,
    /// Shortest allowed length.
    pub minlen: i32,
}

/// Ranks for `n` nodes, the smallest 0.
pub fn network_simplex(n: usize, edges: &[RankEdge]) -> Vec<i32> {
    if n == 0 {
        return Vec::new();
    }
    let edges = simplify(edges);
    let mut s = Simplex::new(n, edges);
    s.init_rank();
    s.feasible_tree();
    s.init_low_lim();
    s.init_cut_values();
    // Each exchange strictly lowers the total length or keeps it while the
    // tree changes; the cap only guards against cycling on degenerate ties.
    let cap = 50 * (n + s.edges.len()) + 100;
    for _ in 0..cap {
        let Some(leave) = s.leave_edge() else { break };
        let Some(enter) = s.enter_edge(leave) else {
            break;
        };
        s.exchange(leave, enter);
    }
    let min = s.rank.iter().copied().min().unwrap_or(0);
    s.rank.iter().map(|r| r - min).collect()
}

/// Merges parallel edges: weights add up, the longest minimum length wins.
fn simplify(edges: &[RankEdge]) -> Vec<RankEdge> {
    let mut sorted: Vec<RankEdge> = edges.iter().copied().filter(|e| e.from != e.to).collect();
    sorted.sort_by_key(|e| (e.from, e.to));
    let mut out: Vec<RankEdge> = Vec::with_capacity(sorted.len());
    for e in sorted {
        match out.last_mut() {
            Some(last) if last.from == e.from && last.to == e.to => {
                last.weight += e.weight;
                last.minlen = last.minlen.max(e.minlen);
            }
            _ => out.push(e),
        }
    }
    out
}

struct Simplex {
    n: usize,
    edges: Vec<RankEdge>,
    /// Edges touching each node.
    incident: Vec<Vec<usize>>,
    rank: Vec<i32>,
    in_tree: Vec<bool>,
    /// Tree edges touching each node.
    tree_adj: Vec<Vec<usize>>,
    cut: Vec<i64>,
    low: Vec<usize>,
    lim: Vec<usize>,
    /// The tree edge to the parent, `usize::MAX` at the root.
    parent_edge: Vec<usize>,
}

impl Simplex {
    fn new(n: usize, edges: Vec<RankEdge>) -> Self {
        let mut incident = vec![Vec::new(); n];
        for (k, e) in edges.iter().enumerate() {
            incident[e.from].push(k);
            incident[e.to].push(k);
        }
        let m = edges.len();
        Simplex {
            n,
            edges,
            incident,
            rank: vec![0; n],
            in_tree: vec![false; m],
            tree_adj: vec![Vec::new(); n],
            cut: vec![0; m],
            low: vec![0; n],
            lim: vec![0; n],
            parent_edge: vec![usize::MAX; n],
        }
    }

    fn slack(&self, k: usize) -> i32 {
        let e = &self.edges[k];
        self.rank[e.to] - self.rank[e.from] - e.minlen
    }

    fn other(&self, k: usize, v: usize) -> usize {
        let e = &self.edges[k];
        if e.from == v {
            e.to
        } else {
            e.from
        }
    }

    /// Longest path from the sources (Kahn's order), so every edge is long
    /// enough. A node on a cycle (never given by the caller) keeps rank 0.
    fn init_rank(&mut self) {
        let mut indeg = vec![0usize; self.n];
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); self.n];
        for (k, e) in self.edges.iter().enumerate() {
            indeg[e.to] += 1;
            out[e.from].push(k);
        }
        let mut queue: std::collections::VecDeque<usize> =
            (0..self.n).filter(|&v| indeg[v] == 0).collect();
        while let Some(v) = queue.pop_front() {
            for &k in &out[v] {
                let e = self.edges[k];
                self.rank[e.to] = self.rank[e.to].max(self.rank[v] + e.minlen);
                indeg[e.to] -= 1;
                if indeg[e.to] == 0 {
                    queue.push_back(e.to);
                }
            }
        }
        // Pull every node as far right as its successors allow (the
        // longest path from the sinks), which starts the simplex from a
        // tighter ranking: sources sit next to what they feed.
        let mut order: Vec<usize> = (0..self.n).collect();
        order.sort_by_key(|&v| std::cmp::Reverse(self.rank[v]));
        for v in order {
            let succ = out[v]
                .iter()
                .map(|&k| self.rank[self.edges[k].to] - self.edges[k].minlen)
                .min();
            if let Some(s) = succ {
                let has_pred = self.incident[v].iter().any(|&k| self.edges[k].to == v);
                if !has_pred {
                    self.rank[v] = s;
                }
            }
        }
    }

    /// Grows a spanning tree of tight edges, shifting the tree's ranks by
    /// the least slack to bring the next node in.
    fn feasible_tree(&mut self) {
        let mut in_t = vec![false; self.n];
        in_t[0] = true;
        let mut count = 1;
        loop {
            // Extend the tree along tight edges.
            let mut stack: Vec<usize> = (0..self.n).filter(|&v| in_t[v]).collect();
            while let Some(v) = stack.pop() {
                for i in 0..self.incident[v].len() {
                    let k = self.incident[v][i];
                    let w = self.other(k, v);
                    if !in_t[w] && self.slack(k) == 0 {
                        in_t[w] = true;
                        count += 1;
                        self.in_tree[k] = true;
                        self.tree_adj[v].push(k);
                        self.tree_adj[w].push(k);
                        stack.push(w);
                    }
                }
            }
            if count >= self.n {
                break;
            }
            let best = (0..self.edges.len())
                .filter(|&k| in_t[self.edges[k].from] != in_t[self.edges[k].to])
                .min_by_key(|&k| (self.slack(k), k));
            let Some(k) = best else {
                // Disconnected: start a new tree at the first node left out.
                // (The caller's graphs are connected; this keeps a bad input
                // from looping.)
                if let Some(v) = (0..self.n).find(|&v| !in_t[v]) {
                    in_t[v] = true;
                    count += 1;
                    continue;
                }
                break;
            };
            let delta = if in_t[self.edges[k].from] {
                self.slack(k)
            } else {
                -self.slack(k)
            };
            for (r, _) in self.rank.iter_mut().zip(&in_t).filter(|(_, t)| **t) {
                *r += delta;
            }
        }
    }

    /// Postorder numbers: `lim` is a node's number, `low` the smallest in
    /// its subtree, so `w` is under `v` when `low[v] <= lim[w] <= lim[v]`.
    fn init_low_lim(&mut self) {
        let root = 0;
        self.parent_edge.iter_mut().for_each(|p| *p = usize::MAX);
        let mut next = 1;
        // (node, index of the next tree edge to visit)
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        let mut low_of = vec![usize::MAX; self.n];
        let mut visited = vec![false; self.n];
        visited[root] = true;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if *i < self.tree_adj[v].len() {
                let k = self.tree_adj[v][*i];
                *i += 1;
                let w = self.other(k, v);
                if !visited[w] {
                    visited[w] = true;
                    self.parent_edge[w] = k;
                    stack.push((w, 0));
                }
            } else {
                stack.pop();
                self.lim[v] = next;
                self.low[v] = low_of[v].min(next);
                next += 1;
                if let Some(&(p, _)) = stack.last() {
                    low_of[p] = low_of[p].min(self.low[v]);
                }
            }
        }
    }

    /// Cut value of every tree edge, children before parents.
    fn init_cut_values(&mut self) {
        let mut order: Vec<usize> = (0..self.n).collect();
        order.sort_by_key(|&v| self.lim[v]);
        for v in order {
            let pe = self.parent_edge[v];
            if pe != usize::MAX {
                self.cut[pe] = self.cut_value(v, pe);
            }
        }
    }

    /// The cut value of the tree edge `pe` joining `child` to its parent,
    /// from the cut values of `child`'s own tree edges (dagre's
    /// `calcCutValue`).
    fn cut_value(&self, child: usize, pe: usize) -> i64 {
        let parent = self.other(pe, child);
        let child_is_tail = self.edges[pe].from == child;
        let mut value = self.edges[pe].weight;
        for &k in &self.incident[child] {
            if k == pe {
                continue;
            }
            let e = &self.edges[k];
            let is_out = e.from == child;
            let other = if is_out { e.to } else { e.from };
            if other == parent && self.in_tree[k] {
                continue;
            }
            let points_to_head = is_out == child_is_tail;
            value += if points_to_head { e.weight } else { -e.weight };
            if self.in_tree[k] {
                value += if points_to_head {
                    -self.cut[k]
                } else {
                    self.cut[k]
                };
            }
        }
        value
    }

    fn leave_edge(&self) -> Option<usize> {
        (0..self.edges.len()).find(|&k| self.in_tree[k] && self.cut[k] < 0)
    }

    fn descends(&self, w: usize, v: usize) -> bool {
        self.low[v] <= self.lim[w] && self.lim[w] <= self.lim[v]
    }

    fn enter_edge(&self, leave: usize) -> Option<usize> {
        let (v, w) = (self.edges[leave].from, self.edges[leave].to);
        // The side of the tree edge away from the root.
        let (tail_side, flip) = if self.lim[v] > self.lim[w] {
            (w, true)
        } else {
            (v, false)
        };
        (0..self.edges.len())
            .filter(|&k| {
                let e = &self.edges[k];
                flip == self.descends(e.from, tail_side) && flip != self.descends(e.to, tail_side)
            })
            .min_by_key(|&k| (self.slack(k), k))
    }

    fn exchange(&mut self, leave: usize, enter: usize) {
        self.in_tree[leave] = false;
        let (a, b) = (self.edges[leave].from, self.edges[leave].to);
        self.tree_adj[a].retain(|&k| k != leave);
        self.tree_adj[b].retain(|&k| k != leave);
        self.in_tree[enter] = true;
        let (c, d) = (self.edges[enter].from, self.edges[enter].to);
        self.tree_adj[c].push(enter);
        self.tree_adj[d].push(enter);
        self.init_low_lim();
        self.cut.iter_mut().for_each(|c| *c = 0);
        self.init_cut_values();
        self.update_ranks();
    }

    /// Re-derives ranks from the root along tree edges, which are tight.
    fn update_ranks(&mut self) {
        let mut order: Vec<usize> = (0..self.n).collect();
        // Preorder: a parent has a larger lim than its children; visiting by
        // decreasing lim sees every parent before its children.
        order.sort_by_key(|&v| std::cmp::Reverse(self.lim[v]));
        for v in order {
            let pe = self.parent_edge[v];
            if pe == usize::MAX {
                continue;
            }
            let e = self.edges[pe];
            let parent = self.other(pe, v);
            self.rank[v] = if e.from == parent {
                self.rank[parent] + e.minlen
            } else {
                self.rank[parent] - e.minlen
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(from: usize, to: usize, weight: i64) -> RankEdge {
        RankEdge {
            from,
            to,
            weight,
            minlen: 1,
        }
    }

    fn total(ranks: &[i32], edges: &[RankEdge]) -> i64 {
        edges
            .iter()
            .map(|e| e.weight * (ranks[e.to] - ranks[e.from]) as i64)
            .sum()
    }

    #[test]
    fn a_chain_gets_consecutive_ranks() {
        let edges = [e(0, 1, 1), e(1, 2, 1), e(2, 3, 1)];
        assert_eq!(network_simplex(4, &edges), vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_short_branch_sits_next_to_its_target() {
        // 0 -> 1 -> 2 -> 3 and 4 -> 3: longest path would put 4 at rank 0
        // (length 3); the optimum puts it at rank 2 (length 1).
        let edges = [e(0, 1, 1), e(1, 2, 1), e(2, 3, 1), e(4, 3, 1), e(0, 4, 0)];
        let r = network_simplex(5, &edges);
        assert_eq!(r[3] - r[4], 1, "{r:?}");
        assert_eq!(total(&r, &edges), 4);
    }

    #[test]
    fn heavier_edges_are_kept_shorter() {
        // The diamond 0 -> 1 -> 2 -> 3, 0 -> 3 (minlen 1): the heavy edge
        // 0 -> 3 cannot be shorter than 3, the optimum is the chain.
        let edges = [e(0, 1, 1), e(1, 2, 1), e(2, 3, 1), e(0, 3, 5)];
        let r = network_simplex(4, &edges);
        assert_eq!(r, vec![0, 1, 2, 3]);
        // Two sources into one sink, one heavier: both at distance 1.
        let edges = [e(0, 2, 1), e(1, 2, 3), e(3, 0, 0), e(3, 1, 0)];
        let r = network_simplex(4, &edges);
        assert_eq!((r[2] - r[0], r[2] - r[1]), (1, 1), "{r:?}");
    }

    #[test]
    fn every_edge_is_long_enough_and_the_total_is_optimal_on_small_graphs() {
        // Exhaustive check against brute force on a few fixed DAGs.
        let graphs: Vec<(usize, Vec<RankEdge>)> = vec![
            (
                5,
                vec![
                    e(0, 1, 2),
                    e(0, 2, 1),
                    e(1, 3, 1),
                    e(2, 3, 1),
                    e(3, 4, 1),
                    e(0, 4, 1),
                ],
            ),
            (
                6,
                vec![
                    e(0, 1, 1),
                    e(1, 2, 1),
                    e(0, 3, 1),
                    e(3, 4, 2),
                    e(4, 5, 1),
                    e(2, 5, 1),
                    e(1, 4, 1),
                ],
            ),
        ];
        for (n, edges) in graphs {
            let r = network_simplex(n, &edges);
            assert!(edges.iter().all(|x| r[x.to] - r[x.from] >= x.minlen));
            // Brute force over ranks 0..n.
            let mut best = i64::MAX;
            let mut ranks = vec![0i32; n];
            loop {
                if edges
                    .iter()
                    .all(|x| ranks[x.to] - ranks[x.from] >= x.minlen)
                {
                    best = best.min(total(&ranks, &edges));
                }
                let mut i = 0;
                while i < n {
                    ranks[i] += 1;
                    if ranks[i] < n as i32 {
                        break;
                    }
                    ranks[i] = 0;
                    i += 1;
                }
                if i == n {
                    break;
                }
            }
            assert_eq!(total(&r, &edges), best);
        }
    }
}
