//! The value network: a petgraph graph over the validated model, the `parent`
//! forest, and compact CSR adjacency for the hot loops. (The id -> index
//! `IndexMap`s live on [`ValueDesign`], built on first use: the analysis works
//! on indices only, and skipping them saves an allocation per id.)
//!
//! Everything is addressed by dense `u32` indices in file order: node `i` is
//! `ecosystem.nodes[i]`, exchange `k` is `ecosystem.exchanges[k]`. The CSR
//! arrays list, for each node, the exchanges into it (`incoming`) and out of it
//! (`outgoing`) in file order, so every per-node sum has one fixed order.

use std::sync::OnceLock;

use petgraph::graph::{DiGraph, NodeIndex};
use rayon::prelude::*;

use crate::model::{Cadence, Ecosystem, Flow, Goal, NodeKind, RevenueModel};
use crate::resolved::Resolved;
use crate::validate::ValueDesign;

/// Compressed sparse rows: for row `r`, `items[offsets[r]..offsets[r + 1]]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Csr {
    /// Row starts; `offsets.len()` is rows + 1.
    pub offsets: Vec<u32>,
    /// The items of all rows, row after row.
    pub items: Vec<u32>,
}

impl Csr {
    /// Builds rows from `(row, item)` pairs, keeping the pairs' order within a row.
    /// O(rows + pairs), two passes (counting sort).
    pub fn from_pairs(rows: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Self {
        let mut offsets = vec![0u32; rows + 1];
        for (r, _) in pairs.clone() {
            offsets[r as usize + 1] += 1;
        }
        for r in 0..rows {
            offsets[r + 1] += offsets[r];
        }
        let mut next: Vec<u32> = offsets[..rows].to_vec();
        let mut items = vec![0u32; offsets[rows] as usize];
        for (r, item) in pairs {
            let slot = &mut next[r as usize];
            items[*slot as usize] = item;
            *slot += 1;
        }
        Csr { offsets, items }
    }

    /// The items of row `r`.
    #[inline]
    pub fn row(&self, r: usize) -> &[u32] {
        &self.items[self.offsets[r] as usize..self.offsets[r + 1] as usize]
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
}

/// One exchange in index form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// Sending node.
    pub from: u32,
    /// Receiving node.
    pub to: u32,
    /// Kind of flow.
    pub flow: Flow,
    /// Amount or worth per occurrence.
    pub value: f64,
    /// How often.
    pub cadence: Cadence,
    /// Node whose members drive occurrences.
    pub per: Option<u32>,
    /// Followed exchange and ratio.
    pub follows: Option<(u32, f64)>,
    /// Exchange this one gives back for.
    pub reciprocates: Option<u32>,
    /// The revenue model written in the file (money only; else inferred by
    /// [`crate::analysis::revenue`]).
    pub revenue_model: Option<RevenueModel>,
}

/// When a cost is paid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CostBasis {
    /// A fixed cost with a cadence.
    Fixed(Cadence),
    /// A variable cost paid on every occurrence of an exchange.
    PerExchange(u32),
}

/// One cost of one node in index form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostItem {
    /// The node that pays it.
    pub node: u32,
    /// Its position in that node's `costs` list.
    pub position: u32,
    /// Amount per payment.
    pub amount: f64,
    /// When it is paid.
    pub basis: CostBasis,
}

/// The value network of one validated design.
#[derive(Debug, Clone)]
pub struct Network {
    /// Number of drivers.
    pub driver_count: usize,
    /// The exchanges in index form.
    pub edges: Vec<Edge>,
    /// Per node: its kind.
    pub kinds: Vec<NodeKind>,
    /// Per node: what it is in the ecosystem for (its `goal`, else its kind's default).
    pub goals: Vec<Goal>,
    /// Per node: members in year 1.
    pub count: Vec<f64>,
    /// Per node: yearly growth rate of its members.
    pub growth: Vec<f64>,
    /// Every cost of every node, in file order.
    pub costs: Vec<CostItem>,
    /// Per node: its costs (indices into `costs`).
    pub node_costs: Csr,
    /// Per node: its parent, if any.
    pub parent: Vec<Option<u32>>,
    /// Per node: its children (the `parent` forest, downwards).
    pub children: Csr,
    /// Per node: exchanges into it.
    pub incoming: Csr,
    /// Per node: exchanges out of it.
    pub outgoing: Csr,
    /// Per exchange: the exchanges that follow it.
    pub followers: Csr,
    /// Per node: the drivers it pursues (indices).
    pub node_drivers: Csr,
    /// Per exchange: the drivers it serves (indices).
    pub exchange_drivers: Csr,
    /// The exchange graph for structural algorithms (built on first use, see
    /// [`Network::graph`]).
    graph: OnceLock<DiGraph<u32, u32>>,
}

impl Network {
    /// Builds the network of a validated design. O(N + E).
    pub fn new(design: &ValueDesign) -> Self {
        Self::build(design.ecosystem(), design.resolved())
    }

    fn build(eco: &Ecosystem, r: &Resolved) -> Self {
        let edges: Vec<Edge> = eco
            .exchanges
            .par_iter()
            .enumerate()
            .map(|(k, e)| Edge {
                from: r.from[k],
                to: r.to[k],
                flow: e.flow,
                value: e.value,
                cadence: e.cadence,
                per: r.per[k],
                follows: r.follows[k].map(|f| (f, e.follows.as_ref().map_or(0.0, |x| x.ratio))),
                reciprocates: r.reciprocates[k],
                revenue_model: e.revenue_model,
            })
            .collect();
        let n = eco.nodes.len();
        let parent = r.parent.clone();
        let children = Csr::from_pairs(
            n,
            parent
                .iter()
                .enumerate()
                .filter_map(|(i, p)| p.map(|p| (p, i as u32))),
        );
        let incoming = Csr::from_pairs(n, edges.iter().enumerate().map(|(k, e)| (e.to, k as u32)));
        let outgoing =
            Csr::from_pairs(n, edges.iter().enumerate().map(|(k, e)| (e.from, k as u32)));
        let followers = Csr::from_pairs(
            edges.len(),
            edges
                .iter()
                .enumerate()
                .filter_map(|(k, e)| e.follows.map(|(f, _)| (f, k as u32))),
        );
        let mut costs = Vec::with_capacity(r.cost_exchange.len());
        for (i, x) in eco.nodes.iter().enumerate() {
            for (j, c) in x.costs.iter().enumerate() {
                let per_exchange = r.cost_exchange[costs.len()];
                costs.push(CostItem {
                    node: i as u32,
                    position: j as u32,
                    amount: c.amount,
                    basis: match (per_exchange, c.cadence) {
                        (Some(x), _) => CostBasis::PerExchange(x),
                        (None, Some(cadence)) => CostBasis::Fixed(cadence),
                        (None, None) => CostBasis::Fixed(Cadence::Once),
                    },
                });
            }
        }
        let node_costs =
            Csr::from_pairs(n, costs.iter().enumerate().map(|(k, c)| (c.node, k as u32)));
        Network {
            driver_count: eco.drivers.len(),
            kinds: eco.nodes.iter().map(|x| x.kind).collect(),
            goals: eco
                .nodes
                .iter()
                .map(|x| x.goal.unwrap_or(x.kind.default_goal()))
                .collect(),
            count: eco.nodes.iter().map(|x| x.count).collect(),
            growth: eco.nodes.iter().map(|x| x.growth).collect(),
            costs,
            node_costs,
            edges,
            parent,
            children,
            incoming,
            outgoing,
            followers,
            node_drivers: r.node_drivers.clone(),
            exchange_drivers: r.exchange_drivers.clone(),
            graph: OnceLock::new(),
        }
    }

    /// The exchange graph as a petgraph `DiGraph`, for structural algorithms:
    /// node weights are node indices, edge weights exchange indices, both in
    /// file order. Built on first use (the hot loops run on the CSR rows).
    pub fn graph(&self) -> &DiGraph<u32, u32> {
        self.graph.get_or_init(|| {
            let mut graph = DiGraph::with_capacity(self.node_count(), self.edges.len());
            for i in 0..self.node_count() {
                graph.add_node(i as u32);
            }
            for (k, e) in self.edges.iter().enumerate() {
                graph.add_edge(
                    NodeIndex::new(e.from as usize),
                    NodeIndex::new(e.to as usize),
                    k as u32,
                );
            }
            graph
        })
    }

    /// The actor a node belongs to: itself if it is an actor (organisation,
    /// segment, person), else its nearest actor ancestor through `parent`.
    pub fn owner(&self, mut n: u32) -> Option<u32> {
        loop {
            if self.kinds[n as usize].is_actor() {
                return Some(n);
            }
            n = self.parent[n as usize]?;
        }
    }

    /// Node `a` and the devices, activities and processes directly under it:
    /// the nodes through which an actor gives and receives.
    pub fn side(&self, a: usize) -> impl Iterator<Item = u32> + '_ {
        std::iter::once(a as u32).chain(
            self.children
                .row(a)
                .iter()
                .copied()
                .filter(|&c| !self.kinds[c as usize].is_actor()),
        )
    }

    /// The money exchanges into node `a`, in file order (its revenue streams).
    pub fn money_in(&self, a: usize) -> Vec<u32> {
        self.incoming
            .row(a)
            .iter()
            .copied()
            .filter(|&e| self.edges[e as usize].flow == Flow::Money)
            .collect()
    }

    /// The non-money exchanges out of node `a`, in file order (its offerings).
    pub fn offerings(&self, a: usize) -> Vec<u32> {
        self.outgoing
            .row(a)
            .iter()
            .copied()
            .filter(|&e| self.edges[e as usize].flow != Flow::Money)
            .collect()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.kinds.len()
    }

    /// Number of exchanges.
    pub fn exchange_count(&self) -> usize {
        self.edges.len()
    }

    /// Depth of every node in the `parent` forest (roots are 0). O(N).
    pub fn depths(&self) -> Vec<u32> {
        let mut depth = vec![u32::MAX; self.node_count()];
        let mut path = Vec::new();
        for start in 0..self.node_count() {
            if depth[start] != u32::MAX {
                continue;
            }
            // Walk up to a root or a node of known depth, then fill the path downwards.
            path.clear();
            let mut at = start;
            let base = loop {
                path.push(at);
                match self.parent[at] {
                    Some(p) if depth[p as usize] == u32::MAX => at = p as usize,
                    Some(p) => break depth[p as usize] + 1,
                    None => break 0,
                }
            };
            for (i, &p) in path.iter().rev().enumerate() {
                depth[p] = base + i as u32;
            }
        }
        depth
    }
}

/// A relabelling of the nodes in breadth-first order from the node with the
/// most successors (ties: the first), unreached nodes after in index order.
/// Later passes over the rows then touch memory in roughly ascending order;
/// adding an unconnected node at the end changes no other node's label. O(N + E).
pub fn bfs_order(succ: &Csr) -> Vec<u32> {
    let n = succ.rows();
    let mut new_of = vec![u32::MAX; n];
    let mut queue: Vec<u32> = Vec::with_capacity(n);
    let hub = (0..n).max_by_key(|&v| (succ.row(v).len(), std::cmp::Reverse(v)));
    if let Some(hub) = hub {
        new_of[hub] = 0;
        queue.push(hub as u32);
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            for &w in succ.row(v) {
                if new_of[w as usize] == u32::MAX {
                    new_of[w as usize] = queue.len() as u32;
                    queue.push(w);
                }
            }
        }
    }
    for (v, new) in new_of.iter_mut().enumerate() {
        if *new == u32::MAX {
            *new = queue.len() as u32;
            queue.push(v as u32);
        }
    }
    new_of
}

#[cfg(test)]
mod tests {
    use super::Csr;

    #[test]
    fn depths_follow_the_parent_forest() {
        let eco: crate::model::Ecosystem = crate::syntax::parse(
            r#"Ecosystem(name: "d", nodes: [
                Node(id: "leaf", kind: Device, parent: Some("mid")),
                Node(id: "top", kind: Group),
                Node(id: "mid", kind: Group, parent: Some("top")),
                Node(id: "alone", kind: Person),
            ])"#,
        )
        .value
        .expect("parses");
        let design = crate::validate::ValueDesign::new(eco).expect("valid");
        let net = super::Network::new(&design);
        assert_eq!(net.depths(), vec![2, 0, 1, 0]);
        assert_eq!(net.graph().node_count(), 4);
        assert_eq!(net.graph().edge_count(), 0);
        assert_eq!(net.children.row(1), &[2]);
        assert_eq!(net.children.row(2), &[0]);
    }

    #[test]
    fn csr_keeps_pair_order_within_rows() {
        let csr = Csr::from_pairs(3, [(2u32, 10u32), (0, 11), (2, 12), (0, 13)].into_iter());
        assert_eq!(csr.row(0), &[11, 13]);
        assert_eq!(csr.row(1), &[] as &[u32]);
        assert_eq!(csr.row(2), &[10, 12]);
        assert_eq!(csr.rows(), 3);
    }
}
