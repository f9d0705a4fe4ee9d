//! Contract 3.5, zoom out: the network aggregated to a `parent` depth.
//!
//! Every node deeper than the level is replaced by its ancestor at that depth;
//! exchanges are summed by (from, to, flow kind), value per year. Exchanges
//! that fall inside one aggregate are summed separately as internal.

use indexmap::IndexMap;

use super::timeline::Timeline;
use crate::model::Flow;
use crate::network::Network;

/// The aggregated network.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregated {
    /// For every node, the node that represents it at this level.
    pub representative: Vec<u32>,
    /// The representatives, in file order.
    pub nodes: Vec<u32>,
    /// Summed flows between representatives: value per year, in order of first appearance.
    pub flows: IndexMap<(u32, u32, Flow), Vec<f64>>,
    /// Flows inside one representative, summed per representative and flow kind.
    pub internal: IndexMap<(u32, Flow), Vec<f64>>,
}

/// Aggregates the network to depth `level` (0 = the roots). O(N + E * H).
pub fn aggregate(net: &Network, tl: &Timeline, level: u32) -> Aggregated {
    let depths = net.depths();
    let n = net.node_count();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&a| depths[a as usize]);
    let mut representative: Vec<u32> = (0..n as u32).collect();
    for &a in &order {
        if depths[a as usize] > level {
            if let Some(p) = net.parent[a as usize] {
                representative[a as usize] = representative[p as usize];
            }
        }
    }
    let nodes: Vec<u32> = (0..n as u32)
        .filter(|&a| representative[a as usize] == a)
        .collect();
    let mut flows: IndexMap<(u32, u32, Flow), Vec<f64>> = IndexMap::new();
    let mut internal: IndexMap<(u32, Flow), Vec<f64>> = IndexMap::new();
    for (e, edge) in net.edges.iter().enumerate() {
        let (f, t) = (
            representative[edge.from as usize],
            representative[edge.to as usize],
        );
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
