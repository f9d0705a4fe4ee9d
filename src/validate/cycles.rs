//! Cycles of the `follows` and `parent` links, with petgraph's strongly
//! connected components: each link list is a functional graph (an entry
//! points to at most one other), read in place through petgraph's graph
//! traits, so no graph is built.

use petgraph::algo::tarjan_scc;
use petgraph::visit::{GraphBase, GraphRef, IntoNeighbors, IntoNodeIdentifiers, NodeIndexable};

/// A functional graph: `next[i]` is the one entry `i` points to.
#[derive(Clone, Copy)]
struct Functional<'a>(&'a [Option<usize>]);

impl GraphBase for Functional<'_> {
    type NodeId = usize;
    type EdgeId = usize;
}

impl GraphRef for Functional<'_> {}

impl NodeIndexable for Functional<'_> {
    fn node_bound(&self) -> usize {
        self.0.len()
    }
    fn to_index(&self, a: usize) -> usize {
        a
    }
    fn from_index(&self, i: usize) -> usize {
        i
    }
}

impl IntoNeighbors for Functional<'_> {
    type Neighbors = std::option::IntoIter<usize>;
    fn neighbors(self, a: usize) -> Self::Neighbors {
        self.0[a].into_iter()
    }
}

impl IntoNodeIdentifiers for Functional<'_> {
    type NodeIdentifiers = std::ops::Range<usize>;
    fn node_identifiers(self) -> Self::NodeIdentifiers {
        0..self.0.len()
    }
}

/// The cycles of a functional graph, each listed once, in link order from
/// its smallest index, in order of that index. O(n) (Tarjan's algorithm).
pub(crate) fn find_cycles(next: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut cycles: Vec<Vec<usize>> = tarjan_scc(Functional(next))
        .into_iter()
        .filter(|scc| scc.len() > 1 || next[scc[0]] == Some(scc[0]))
        .map(|scc| {
            // In a functional graph a strongly connected part is one cycle:
            // walk it by its links from its smallest member.
            let start = scc.iter().copied().min().unwrap_or(scc[0]);
            let mut cycle = vec![start];
            let mut at = next[start];
            while let Some(i) = at.filter(|&i| i != start) {
                cycle.push(i);
                at = next[i];
            }
            cycle
        })
        .collect();
    cycles.sort();
    cycles
}

#[cfg(test)]
mod tests {
    use super::find_cycles;

    #[test]
    fn finds_each_cycle_once() {
        // 0 -> 1 -> 2 -> 0 ; 3 -> 3 ; 4 -> 0 (a tail into the cycle) ; 5 alone
        let next = [Some(1), Some(2), Some(0), Some(3), Some(0), None];
        assert_eq!(find_cycles(&next), vec![vec![0, 1, 2], vec![3]]);
        assert!(find_cycles(&[None, Some(0)]).is_empty());
        // A cycle walked in link order from its smallest member: 2 -> 0 -> 1 -> 2.
        assert_eq!(
            find_cycles(&[Some(1), Some(2), Some(0)]),
            vec![vec![0, 1, 2]]
        );
        assert_eq!(
            find_cycles(&[Some(2), Some(0), Some(1)]),
            vec![vec![0, 2, 1]]
        );
    }
}
