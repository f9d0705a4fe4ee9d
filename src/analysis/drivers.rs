//! Driver coverage: which nodes pursue each driver (shared when two or more,
//! individual when one) and which exchanges serve it.

use crate::index::{DriverIdx, ExchangeIdx, IdxVec, NodeIdx};
use crate::network::Network;

/// Coverage of every driver, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct DriverCoverage {
    /// Per driver: the nodes pursuing it.
    pub pursued_by: IdxVec<DriverIdx, Vec<NodeIdx>>,
    /// Per driver: the exchanges serving it.
    pub served_by: IdxVec<DriverIdx, Vec<ExchangeIdx>>,
}

impl DriverCoverage {
    /// Whether driver `d` is shared (pursued by two or more nodes).
    pub fn shared(&self, d: DriverIdx) -> bool {
        self.pursued_by[d].len() >= 2
    }
}

/// Computes driver coverage. O(N + E + driver references).
pub(crate) fn coverage(net: &Network) -> DriverCoverage {
    let k = net.driver_count;
    let mut pursued_by: IdxVec<DriverIdx, Vec<NodeIdx>> = (0..k).map(|_| Vec::new()).collect();
    let mut served_by: IdxVec<DriverIdx, Vec<ExchangeIdx>> = (0..k).map(|_| Vec::new()).collect();
    for a in net.nodes() {
        for &d in net.node_drivers.row(a) {
            if pursued_by[d].last() != Some(&a) {
                pursued_by[d].push(a);
            }
        }
    }
    for e in net.exchanges() {
        for &d in net.exchange_drivers.row(e) {
            if served_by[d].last() != Some(&e) {
                served_by[d].push(e);
            }
        }
    }
    DriverCoverage {
        pursued_by,
        served_by,
    }
}
