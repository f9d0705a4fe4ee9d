//! Cycle removal: which edges to lay out backwards so the rest point one way.
//! The greedy heuristic of Eades, Lin & Smyth ("A fast and effective
//! heuristic for the feedback arc set problem", IPL 1993), on weighted edges:
//! sinks go to the end of the order, sources to the front, otherwise the node
//! whose outgoing weight most exceeds its incoming weight goes to the front.
//! The order is then refined by insertion (each node moved to where the
//! weight of its backward edges is least). Edges that then point backwards
//! are reversed; their weight is small, so the strongest flows keep their
//! direction. O(V * (V + E)); deterministic (ties go to the lower index).

/// For each edge `(from, to, weight)` of a graph on `n` nodes, whether it
/// must be reversed to make the graph acyclic. Self-loops are never reversed.
pub fn feedback_edges(n: usize, edges: &[(usize, usize, i64)]) -> Vec<bool> {
    let mut order = greedy(n, edges);
    refine(n, edges, &mut order);
    let mut place = vec![0usize; n];
    for (i, &v) in order.iter().enumerate() {
        place[v] = i;
    }
    edges
        .iter()
        .map(|&(a, b, _)| a != b && place[a] > place[b])
        .collect()
}

/// The greedy order of Eades, Lin & Smyth.
fn greedy(n: usize, edges: &[(usize, usize, i64)]) -> Vec<usize> {
    let mut g = Greedy {
        edges,
        out_adj: vec![Vec::new(); n],
        in_adj: vec![Vec::new(); n],
        out_w: vec![0; n],
        in_w: vec![0; n],
        out_deg: vec![0; n],
        in_deg: vec![0; n],
        removed: vec![false; n],
    };
    for (k, &(a, b, _)) in edges.iter().enumerate() {
        if a == b {
            continue;
        }
        let w = Greedy::weight(edges[k]);
        g.out_w[a] += w;
        g.in_w[b] += w;
        g.out_deg[a] += 1;
        g.in_deg[b] += 1;
        g.out_adj[a].push(k);
        g.in_adj[b].push(k);
    }
    let mut front: Vec<usize> = Vec::with_capacity(n);
    let mut back: Vec<usize> = Vec::new();
    let mut left = n;
    while left > 0 {
        let mut changed = true;
        while changed {
            changed = false;
            for v in 0..n {
                if !g.removed[v] && g.out_deg[v] == 0 {
                    g.remove(v);
                    back.push(v);
                    left -= 1;
                    changed = true;
                }
            }
            for v in 0..n {
                if !g.removed[v] && g.in_deg[v] == 0 {
                    g.remove(v);
                    front.push(v);
                    left -= 1;
                    changed = true;
                }
            }
        }
        let best = (0..n)
            .filter(|&v| !g.removed[v])
            .max_by_key(|&v| (g.out_w[v] - g.in_w[v], std::cmp::Reverse(v)));
        if let Some(v) = best {
            g.remove(v);
            front.push(v);
            left -= 1;
        }
    }
    front.iter().chain(back.iter().rev()).copied().collect()
}

/// Improves an order by insertion: each node in turn moves to the place
/// where the weight of its edges pointing backwards is least, while that
/// lowers it (a few passes). The greedy order puts a hub first and can then
/// reverse a supplier's heavy flows rather than one light flow back to it.
/// O(passes * V * (V + E)).
fn refine(n: usize, edges: &[(usize, usize, i64)], order: &mut Vec<usize>) {
    let mut adj: Vec<Vec<(usize, i64, bool)>> = vec![Vec::new(); n];
    for &(a, b, w) in edges {
        if a != b {
            let w = w.max(0) + 1;
            adj[a].push((b, w, true));
            adj[b].push((a, w, false));
        }
    }
    // Per other node: weight of v -> u minus weight of u -> v.
    let mut delta = vec![0i64; n];
    for _ in 0..4 {
        let mut improved = false;
        for (v, edges_of_v) in adj.iter().enumerate() {
            let Some(at) = order.iter().position(|&x| x == v) else {
                continue;
            };
            order.remove(at);
            let mut cost: i64 = 0;
            for &(u, w, out) in edges_of_v {
                if out {
                    delta[u] += w;
                } else {
                    delta[u] -= w;
                    // First in the order, every edge into v points back.
                    cost += w;
                }
            }
            let (mut best, mut best_cost) = (0, cost);
            let mut current = (at == 0).then_some(cost);
            for (k, &u) in order.iter().enumerate() {
                cost += delta[u];
                if cost < best_cost {
                    best = k + 1;
                    best_cost = cost;
                }
                if k + 1 == at {
                    current = Some(cost);
                }
            }
            let current = current.unwrap_or(cost);
            let target = if best_cost < current { best } else { at };
            improved |= target != at;
            order.insert(target, v);
            for &(u, _, _) in edges_of_v {
                delta[u] = 0;
            }
        }
        if !improved {
            break;
        }
    }
}

/// The state of the greedy order: what is left of the graph.
struct Greedy<'a> {
    edges: &'a [(usize, usize, i64)],
    out_adj: Vec<Vec<usize>>,
    in_adj: Vec<Vec<usize>>,
    out_w: Vec<i64>,
    in_w: Vec<i64>,
    out_deg: Vec<usize>,
    in_deg: Vec<usize>,
    removed: Vec<bool>,
}

impl Greedy<'_> {
    /// A weight-0 edge still counts, a little, for sources and sinks.
    fn weight(e: (usize, usize, i64)) -> i64 {
        e.2.max(0) + 1
    }

    fn remove(&mut self, v: usize) {
        self.removed[v] = true;
        for &k in &self.out_adj[v] {
            let e = self.edges[k];
            self.in_deg[e.1] -= 1;
            self.in_w[e.1] -= Self::weight(e);
        }
        for &k in &self.in_adj[v] {
            let e = self.edges[k];
            self.out_deg[e.0] -= 1;
            self.out_w[e.0] -= Self::weight(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{feedback_edges, greedy, refine};

    /// Whether the edges, with the reversed ones turned round, have no cycle.
    fn acyclic(n: usize, edges: &[(usize, usize, i64)], rev: &[bool]) -> bool {
        let mut indeg = vec![0; n];
        let mut adj = vec![Vec::new(); n];
        for (&(a, b, _), &r) in edges.iter().zip(rev) {
            if a == b {
                continue;
            }
            let (a, b) = if r { (b, a) } else { (a, b) };
            adj[a].push(b);
            indeg[b] += 1;
        }
        let mut stack: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
        let mut seen = 0;
        while let Some(v) = stack.pop() {
            seen += 1;
            for &w in &adj[v] {
                indeg[w] -= 1;
                if indeg[w] == 0 {
                    stack.push(w);
                }
            }
        }
        seen == n
    }

    #[test]
    fn a_dag_is_left_alone() {
        let edges = [(0, 1, 1), (1, 2, 1), (0, 2, 1)];
        assert_eq!(feedback_edges(3, &edges), vec![false; 3]);
    }

    #[test]
    fn the_lighter_edge_of_a_two_cycle_is_reversed() {
        let edges = [(0, 1, 1), (1, 0, 5)];
        assert_eq!(feedback_edges(2, &edges), vec![true, false]);
        let edges = [(0, 1, 5), (1, 0, 1)];
        assert_eq!(feedback_edges(2, &edges), vec![false, true]);
    }

    /// Weight of the edges pointing backwards in `order`.
    fn backward(n: usize, edges: &[(usize, usize, i64)], order: &[usize]) -> i64 {
        let mut place = vec![0; n];
        for (i, &v) in order.iter().enumerate() {
            place[v] = i;
        }
        edges
            .iter()
            .filter(|&&(a, b, _)| a != b && place[a] > place[b])
            .map(|&(_, _, w)| w.max(0) + 1)
            .sum()
    }

    #[test]
    fn refinement_never_makes_the_greedy_order_worse_and_sometimes_better() {
        let mut seed = 11u64;
        let mut better = 0;
        for round in 0..200 {
            let n = 3 + round % 8;
            let mut edges = Vec::new();
            for _ in 0..2 * n {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                edges.push((
                    (seed >> 33) as usize % n,
                    (seed >> 17) as usize % n,
                    (seed % 3) as i64,
                ));
            }
            let g = greedy(n, &edges);
            let mut r = g.clone();
            refine(n, &edges, &mut r);
            let (wg, wr) = (backward(n, &edges, &g), backward(n, &edges, &r));
            assert!(wr <= wg, "round {round}: {wr} > {wg}");
            let mut sorted = r.clone();
            sorted.sort();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a permutation");
            if wr < wg {
                better += 1;
            }
        }
        assert!(better > 0, "the refinement never helped");
    }

    #[test]
    fn any_graph_becomes_acyclic() {
        // A few dense graphs with cycles of every length.
        let mut seed = 7u64;
        for n in [3usize, 6, 10, 25] {
            let mut edges = Vec::new();
            for _ in 0..n * 3 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let a = (seed >> 33) as usize % n;
                let b = (seed >> 13) as usize % n;
                edges.push((a, b, (seed % 3) as i64));
            }
            let rev = feedback_edges(n, &edges);
            assert!(acyclic(n, &edges, &rev), "n = {n}");
        }
    }
}
