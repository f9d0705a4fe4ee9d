//! The links a change to a design follows, built once per design and shared
//! by every what-if worked out from its analysis (sensitivity, defection):
//! which costs an exchange drives, which exchanges a node's members count.

use crate::index::{ExchangeIdx, NodeIdx};
use crate::network::{CostBasis, Network};

/// The links a change follows, built once: per exchange, its followers and
/// the nodes whose costs it drives; per node, the exchanges counted per its
/// members that follow nothing.
pub(crate) struct Links {
    /// Per exchange: the nodes whose costs it drives (`per_exchange`).
    pub drives: Vec<Vec<NodeIdx>>,
    /// Per node: the exchanges that follow nothing and are counted per its members.
    pub counted_per: Vec<Vec<ExchangeIdx>>,
}

impl Links {
    /// The links of `net`. O(N + E + costs).
    pub(crate) fn new(net: &Network) -> Links {
        let mut drives = vec![Vec::new(); net.exchange_count()];
        for c in net.costs.iter() {
            if let CostBasis::PerExchange(x) = c.basis {
                drives[x.index()].push(c.node);
            }
        }
        let mut counted_per = vec![Vec::new(); net.node_count()];
        for (e, edge) in net.edges.iter_enumerated() {
            if let (Some(p), None) = (edge.per, edge.follows) {
                counted_per[p.index()].push(e);
            }
        }
        Links {
            drives,
            counted_per,
        }
    }
}
