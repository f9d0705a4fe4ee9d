//! Every reference of a validated ecosystem as a dense index: what the
//! validator looked up once, so the network never looks up an id string again.

use crate::csr::Csr;
use crate::index::{DriverIdx, ExchangeIdx, NodeIdx};
use crate::model::Ecosystem;

/// An extract's named references.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResolvedExtract {
    /// Named nodes.
    pub nodes: Vec<NodeIdx>,
    /// Named exchanges.
    pub exchanges: Vec<ExchangeIdx>,
    /// Focus node.
    pub focus: Option<NodeIdx>,
}

/// The references of every node, cost, exchange and extract, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolved {
    /// Per node: its parent.
    pub parent: Vec<Option<NodeIdx>>,
    /// Per node: the node it decides for.
    pub decides_for: Vec<Option<NodeIdx>>,
    /// Per node: its drivers.
    pub node_drivers: Csr<NodeIdx, DriverIdx>,
    /// Per cost (all nodes' costs, in file order): its `per_exchange`.
    pub cost_exchange: Vec<Option<ExchangeIdx>>,
    /// Per exchange: sender.
    pub from: Vec<NodeIdx>,
    /// Per exchange: receiver.
    pub to: Vec<NodeIdx>,
    /// Per exchange: `per` node.
    pub per: Vec<Option<NodeIdx>>,
    /// Per exchange: followed exchange.
    pub follows: Vec<Option<ExchangeIdx>>,
    /// Per exchange: reciprocated exchange.
    pub reciprocates: Vec<Option<ExchangeIdx>>,
    /// Per exchange: its drivers.
    pub exchange_drivers: Csr<ExchangeIdx, DriverIdx>,
    /// Per extract.
    pub extracts: Vec<ResolvedExtract>,
}

impl Resolved {
    /// Empty, with room for `eco`'s entries.
    pub(crate) fn with_capacity(eco: &Ecosystem) -> Self {
        let (n, e) = (eco.nodes.len(), eco.exchanges.len());
        let mut r = Resolved {
            parent: Vec::with_capacity(n),
            decides_for: Vec::with_capacity(n),
            node_drivers: Csr::from_parts(Vec::with_capacity(n + 1), Vec::new()),
            cost_exchange: Vec::new(),
            from: Vec::with_capacity(e),
            to: Vec::with_capacity(e),
            per: Vec::with_capacity(e),
            follows: Vec::with_capacity(e),
            reciprocates: Vec::with_capacity(e),
            exchange_drivers: Csr::from_parts(Vec::with_capacity(e + 1), Vec::new()),
            extracts: Vec::with_capacity(eco.extracts.len()),
        };
        r.node_drivers.offsets.push(0);
        r.exchange_drivers.offsets.push(0);
        r
    }
}
