//! Exchanges lifted to actors, the view the ecosystem-as-a-whole figures
//! share ([`super::loops`], [`super::indicators`], [`super::ecosystem_type`]):
//! an exchange of a device, activity or process counts for its owner
//! (`Network::owner`), one between two nodes of the same actor is left
//! out, and each carries its value over the horizon (value × occurrences).
//! Computed once per analysis. O(E).

use super::timeline::Timeline;
use crate::index::{ExchangeIdx, NodeIdx};
use crate::network::Network;

/// One exchange between two actors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lifted {
    /// The giving actor.
    pub from: NodeIdx,
    /// The receiving actor.
    pub to: NodeIdx,
    /// The exchange.
    pub exchange: ExchangeIdx,
    /// Its value over the horizon: value × occurrences.
    pub worth: f64,
    /// Whether its flow is tangible (money, goods, services).
    pub tangible: bool,
}

/// The exchanges between actors, in file order.
pub fn lifted(net: &Network, tl: &Timeline) -> Vec<Lifted> {
    net.edges
        .iter_enumerated()
        .filter_map(|(e, edge)| {
            let (from, to) = (net.owner(edge.from)?, net.owner(edge.to)?);
            (from != to).then(|| Lifted {
                from,
                to,
                exchange: e,
                worth: edge.value * tl.occurrences(e).iter().sum::<f64>(),
                tangible: edge.flow.is_tangible(),
            })
        })
        .collect()
}
