//! Driver coverage: which nodes pursue each driver (shared when two or more,
//! individual when one) and which exchanges serve it.

use crate::network::Network;

/// Coverage of every driver, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct DriverCoverage {
    /// Per driver: the nodes pursuing it.
    pub pursued_by: Vec<Vec<u32>>,
    /// Per driver: the exchanges serving it.
    pub served_by: Vec<Vec<u32>>,
}

impl DriverCoverage {
    /// Whether driver `d` is shared (pursued by two or more nodes).
    pub fn shared(&self, d: usize) -> bool {
        self.pursued_by[d].len() >= 2
    }
}

/// Computes driver coverage. O(N + E + driver references).
pub fn coverage(net: &Network) -> DriverCoverage {
    let k = net.driver_count;
    let mut pursued_by = vec![Vec::new(); k];
    let mut served_by = vec![Vec::new(); k];
    for a in 0..net.node_count() {
        for &d in net.node_drivers.row(a) {
            if pursued_by[d as usize].last() != Some(&(a as u32)) {
                pursued_by[d as usize].push(a as u32);
            }
        }
    }
    for e in 0..net.exchange_count() {
        for &d in net.exchange_drivers.row(e) {
            if served_by[d as usize].last() != Some(&(e as u32)) {
                served_by[d as usize].push(e as u32);
            }
        }
    }
    DriverCoverage {
        pursued_by,
        served_by,
    }
}
