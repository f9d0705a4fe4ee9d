//! The value network: a petgraph graph over the validated model, the `parent`
//! forest, and compact CSR adjacency for the hot loops. (The id -> index
//! `IndexMap`s live on [`ValueDesign`], built on first use: the analysis works
//! on indices only, and skipping them saves an allocation per id.)
//!
//! Everything is addressed by typed dense indices in file order
//! ([`crate::index`]): node `i` is `ecosystem.nodes[i]`, exchange `k` is
//! `ecosystem.exchanges[k]`. The CSR
//! arrays list, for each node, the exchanges into it (`incoming`) and out of it
//! (`outgoing`) in file order, so every per-node sum has one fixed order.

use std::sync::OnceLock;

use petgraph::graph::{DiGraph, NodeIndex};
use rayon::prelude::*;

pub use crate::csr::Csr;
use crate::index::{all, CostIdx, DriverIdx, ExchangeIdx, IdxVec, NodeIdx};
use crate::model::{Cadence, Ecosystem, Flow, Goal, NodeKind, RevenueModel};
use crate::resolved::Resolved;
use crate::validate::ValueDesign;

/// One exchange in index form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// Sending node.
    pub from: NodeIdx,
    /// Receiving node.
    pub to: NodeIdx,
    /// Kind of flow.
    pub flow: Flow,
    /// Amount or worth per occurrence.
    pub value: f64,
    /// How often.
    pub cadence: Cadence,
    /// Node whose members drive occurrences.
    pub per: Option<NodeIdx>,
    /// Followed exchange and ratio.
    pub follows: Option<(ExchangeIdx, f64)>,
    /// Exchange this one gives back for.
    pub reciprocates: Option<ExchangeIdx>,
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
    PerExchange(ExchangeIdx),
}

/// One cost of one node in index form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostItem {
    /// The node that pays it.
    pub node: NodeIdx,
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
    pub edges: IdxVec<ExchangeIdx, Edge>,
    /// Per node: its kind.
    pub kinds: IdxVec<NodeIdx, NodeKind>,
    /// Per node: what it is in the ecosystem for (its `goal`, else its kind's default).
    pub goals: IdxVec<NodeIdx, Goal>,
    /// Per node: members in year 1.
    pub count: IdxVec<NodeIdx, f64>,
    /// Per node: yearly growth rate of its members.
    pub growth: IdxVec<NodeIdx, f64>,
    /// Per node: its yearly churn, if written.
    pub churn: IdxVec<NodeIdx, Option<f64>>,
    /// Every cost of every node, in file order.
    pub costs: IdxVec<CostIdx, CostItem>,
    /// Per node: its costs.
    pub node_costs: Csr<NodeIdx, CostIdx>,
    /// Per node: its parent, if any.
    pub parent: IdxVec<NodeIdx, Option<NodeIdx>>,
    /// Per node: its children (the `parent` forest, downwards).
    pub children: Csr<NodeIdx, NodeIdx>,
    /// Per node: exchanges into it.
    pub incoming: Csr<NodeIdx, ExchangeIdx>,
    /// Per node: exchanges out of it.
    pub outgoing: Csr<NodeIdx, ExchangeIdx>,
    /// Per exchange: the exchanges that follow it.
    pub followers: Csr<ExchangeIdx, ExchangeIdx>,
    /// Per node: the drivers it pursues.
    pub node_drivers: Csr<NodeIdx, DriverIdx>,
    /// Per exchange: the drivers it serves.
    pub exchange_drivers: Csr<ExchangeIdx, DriverIdx>,
    /// The exchange graph for structural algorithms (built on first use, see
    /// [`Network::graph`]).
    graph: OnceLock<DiGraph<NodeIdx, ExchangeIdx>>,
    /// Per node: the nodes it sends an exchange to, sorted and without
    /// repeats (built on first use, see [`Network::sends_to`]).
    receivers: OnceLock<Csr<NodeIdx, NodeIdx>>,
    /// Per exchange: what it pays for, filled on first use by
    /// `analysis::revenue` (which owns the rule; kept here so it is worked
    /// out once per network).
    paid_for: OnceLock<IdxVec<ExchangeIdx, Option<ExchangeIdx>>>,
}

impl Network {
    /// Builds the network of a validated design. O(N + E).
    pub fn new(design: &ValueDesign) -> Self {
        Self::build(design.ecosystem(), design.resolved())
    }

    fn build(eco: &Ecosystem, r: &Resolved) -> Self {
        let edges: IdxVec<ExchangeIdx, Edge> = IdxVec::from_vec(
            eco.exchanges
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
                .collect(),
        );
        let n = eco.nodes.len();
        let parent: IdxVec<NodeIdx, Option<NodeIdx>> = IdxVec::from_vec(r.parent.clone());
        let children = Csr::from_pairs(
            n,
            parent
                .iter_enumerated()
                .filter_map(|(i, p)| p.map(|p| (p, i))),
        );
        let incoming = Csr::from_pairs(n, edges.iter_enumerated().map(|(k, e)| (e.to, k)));
        let outgoing = Csr::from_pairs(n, edges.iter_enumerated().map(|(k, e)| (e.from, k)));
        let followers = Csr::from_pairs(
            edges.len(),
            edges
                .iter_enumerated()
                .filter_map(|(k, e)| e.follows.map(|(f, _)| (f, k))),
        );
        let mut costs = Vec::with_capacity(r.cost_exchange.len());
        for (i, x) in eco.nodes.iter().enumerate() {
            for (j, c) in x.costs.iter().enumerate() {
                let per_exchange = r.cost_exchange[costs.len()];
                costs.push(CostItem {
                    node: NodeIdx::new(i),
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
        let costs: IdxVec<CostIdx, CostItem> = IdxVec::from_vec(costs);
        let node_costs = Csr::from_pairs(n, costs.iter_enumerated().map(|(k, c)| (c.node, k)));
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
            churn: eco.nodes.iter().map(|x| x.churn).collect(),
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
            receivers: OnceLock::new(),
            paid_for: OnceLock::new(),
        }
    }

    /// Whether node `a` sends at least one exchange to node `b`. O(log d):
    /// a binary search in `a`'s sorted receivers (built once, in parallel,
    /// on first use), so a rule that asks it for every exchange stays
    /// O(E log d) even where a hub sends to a million receivers.
    pub fn sends_to(&self, a: NodeIdx, b: NodeIdx) -> bool {
        let receivers = self.receivers.get_or_init(|| {
            let mut rows: Csr<NodeIdx, NodeIdx> =
                Csr::from_pairs(self.node_count(), self.edges.iter().map(|e| (e.from, e.to)));
            rows.sort_each_row();
            rows
        });
        receivers.row(a).binary_search(&b).is_ok()
    }

    /// The cell that holds what every exchange pays for: filled once by
    /// `analysis::revenue::paid_for`, which owns the rule.
    pub(crate) fn paid_for_cell(&self) -> &OnceLock<IdxVec<ExchangeIdx, Option<ExchangeIdx>>> {
        &self.paid_for
    }

    /// Every node, in file order.
    pub fn nodes(&self) -> impl DoubleEndedIterator<Item = NodeIdx> + ExactSizeIterator + Clone {
        all(self.node_count())
    }

    /// Every exchange, in file order.
    pub fn exchanges(
        &self,
    ) -> impl DoubleEndedIterator<Item = ExchangeIdx> + ExactSizeIterator + Clone {
        all(self.exchange_count())
    }

    /// The actors (organisations, segments, persons), in file order.
    pub fn actors(&self) -> impl Iterator<Item = NodeIdx> + '_ {
        self.nodes().filter(|&a| self.kinds[a].is_actor())
    }

    /// Exchange `e`.
    #[inline]
    pub fn edge(&self, e: ExchangeIdx) -> &Edge {
        &self.edges[e]
    }

    /// The exchange graph as a petgraph `DiGraph`, for structural algorithms:
    /// node weights are node indices, edge weights exchange indices, both in
    /// file order (petgraph's own indices are the same positions). Built on
    /// first use (the hot loops run on the CSR rows).
    pub fn graph(&self) -> &DiGraph<NodeIdx, ExchangeIdx> {
        self.graph.get_or_init(|| {
            let mut graph = DiGraph::with_capacity(self.node_count(), self.edges.len());
            for a in self.nodes() {
                graph.add_node(a);
            }
            for (k, e) in self.edges.iter_enumerated() {
                graph.add_edge(
                    NodeIndex::new(e.from.index()),
                    NodeIndex::new(e.to.index()),
                    k,
                );
            }
            graph
        })
    }

    /// The actor a node belongs to: itself if it is an actor (organisation,
    /// segment, person), else its nearest actor ancestor through `parent`.
    pub fn owner(&self, mut n: NodeIdx) -> Option<NodeIdx> {
        loop {
            if self.kinds[n].is_actor() {
                return Some(n);
            }
            n = self.parent[n]?;
        }
    }

    /// Node `a` and the devices, activities and processes directly under it:
    /// the nodes through which an actor gives and receives.
    pub fn side(&self, a: NodeIdx) -> impl Iterator<Item = NodeIdx> + '_ {
        std::iter::once(a).chain(
            self.children
                .row(a)
                .iter()
                .copied()
                .filter(|&c| !self.kinds[c].is_actor()),
        )
    }

    /// The money exchanges into node `a`, in file order (its revenue streams).
    pub(crate) fn money_in(&self, a: NodeIdx) -> Vec<ExchangeIdx> {
        self.incoming
            .row(a)
            .iter()
            .copied()
            .filter(|&e| self.edges[e].flow == Flow::Money)
            .collect()
    }

    /// The non-money exchanges out of node `a`, in file order (its offerings).
    pub fn offerings(&self, a: NodeIdx) -> Vec<ExchangeIdx> {
        self.outgoing
            .row(a)
            .iter()
            .copied()
            .filter(|&e| self.edges[e].flow != Flow::Money)
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
    pub(crate) fn depths(&self) -> IdxVec<NodeIdx, u32> {
        let mut depth: IdxVec<NodeIdx, u32> = self.nodes().map(|_| u32::MAX).collect();
        let mut path = Vec::new();
        for start in self.nodes() {
            if depth[start] != u32::MAX {
                continue;
            }
            // Walk up to a root or a node of known depth, then fill the path downwards.
            path.clear();
            let mut at = start;
            let base = loop {
                path.push(at);
                match self.parent[at] {
                    Some(p) if depth[p] == u32::MAX => at = p,
                    Some(p) => break depth[p] + 1,
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
pub(crate) fn bfs_order(succ: &Csr) -> Vec<u32> {
    let n = succ.rows();
    let mut new_of = vec![u32::MAX; n];
    let mut queue: Vec<u32> = Vec::with_capacity(n);
    let hub = (0..n).max_by_key(|&v| (succ.row(v as u32).len(), std::cmp::Reverse(v)));
    if let Some(hub) = hub {
        new_of[hub] = 0;
        queue.push(hub as u32);
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            for &w in succ.row(v as u32) {
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
        assert_eq!(net.depths().as_slice(), &[2, 0, 1, 0]);
        assert_eq!(net.graph().node_count(), 4);
        assert_eq!(net.graph().edge_count(), 0);
        let n = crate::index::NodeIdx::new;
        assert_eq!(net.children.row(n(1)), &[n(2)]);
        assert_eq!(net.children.row(n(2)), &[n(0)]);
    }
}
