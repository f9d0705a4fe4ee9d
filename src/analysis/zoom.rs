//! Contract 3.5, zoom out: the network aggregated to a `parent` depth.
//!
//! Every node deeper than the level is replaced by its ancestor at that depth;
//! exchanges are summed by (from, to, flow kind), value per year. Exchanges
//! that fall inside one aggregate are summed separately as internal.

use indexmap::IndexMap;

use super::timeline::Timeline;
use crate::index::{IdxVec, NodeIdx};
use crate::model::Flow;
use crate::network::Network;

/// The aggregated network.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregated {
    /// For every node, the node that represents it at this level.
    pub representative: IdxVec<NodeIdx, NodeIdx>,
    /// The representatives, in file order.
    pub nodes: Vec<NodeIdx>,
    /// Summed flows between representatives: value per year, in order of first appearance.
    pub flows: IndexMap<(NodeIdx, NodeIdx, Flow), Vec<f64>>,
    /// Flows inside one representative, summed per representative and flow kind.
    pub internal: IndexMap<(NodeIdx, Flow), Vec<f64>>,
}

/// Aggregates the network to depth `level` (0 = the roots). O(N + E * H).
pub fn aggregate(net: &Network, tl: &Timeline, level: u32) -> Aggregated {
    let depths = net.depths();
    let mut order: Vec<NodeIdx> = net.nodes().collect();
    order.sort_by_key(|&a| depths[a]);
    let mut representative: IdxVec<NodeIdx, NodeIdx> = net.nodes().collect();
    for &a in &order {
        if depths[a] > level {
            if let Some(p) = net.parent[a] {
                representative[a] = representative[p];
            }
        }
    }
    let nodes: Vec<NodeIdx> = net.nodes().filter(|&a| representative[a] == a).collect();
    let mut flows: IndexMap<(NodeIdx, NodeIdx, Flow), Vec<f64>> = IndexMap::new();
    let mut internal: IndexMap<(NodeIdx, Flow), Vec<f64>> = IndexMap::new();
    for (e, edge) in net.edges.iter_enumerated() {
        let (f, t) = (representative[edge.from], representative[edge.to]);
        let row = if f == t {
            internal
                .entry((f, edge.flow))
                .or_insert_with(|| vec![0.0; tl.years])
        } else {
            flows
                .entry((f, t, edge.flow))
                .or_insert_with(|| vec![0.0; tl.years])
        };
        for (v, o) in row.iter_mut().zip(tl.occurrences(e)) {
            *v += edge.value * o;
        }
    }
    Aggregated {
        representative,
        nodes,
        flows,
        internal,
    }
}
