//! Contract 3.5: the closure of every value extract, its money per year and the
//! drivers it serves.
//!
//! Closure: the named nodes and exchanges; for a `focus`, every node within
//! `radius` hops (either direction); the exchanges among the named or focused
//! nodes (an addition to the contract: naming nodes takes in what flows between
//! them); then, repeatedly until nothing changes, for every exchange in it, its
//! `reciprocates` partner and the exchange it `follows`, with their endpoints.
//!
//! Money captured: the money exchanges the extract names, and the money in
//! the closure that the extract's core receives from outside the core. The
//! core is who captures: the receivers of its named money exchanges and its
//! focus; its named nodes only when it has neither.
//! The money flowing on all its exchanges is reported beside.

use std::collections::VecDeque;

use super::timeline::Timeline;
use crate::index::{DriverIdx, ExchangeIdx, IdxVec, NodeIdx};
use crate::model::Flow;
use crate::network::Network;
use crate::validate::ValueDesign;

/// One extract's closure and figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractResult {
    /// Nodes in the closure, in file order.
    pub nodes: Vec<NodeIdx>,
    /// Exchanges in the closure, in file order.
    pub exchanges: Vec<ExchangeIdx>,
    /// Money captured per year: money in the closure received by the extract's
    /// core from outside it.
    pub money: Vec<f64>,
    /// All money flowing on the closure's exchanges per year (including what
    /// the core pays out and what other nodes pay each other).
    pub money_flowing: Vec<f64>,
    /// The core nodes, in file order: the receivers of the named money
    /// exchanges and the focus; the named nodes when there is neither.
    pub core: Vec<NodeIdx>,
    /// Drivers served by its exchanges, in file order.
    pub drivers: Vec<DriverIdx>,
}

/// The closure and figures of every extract of the design. O(extracts * (N + E)).
pub fn extracts(design: &ValueDesign, net: &Network, tl: &Timeline) -> Vec<ExtractResult> {
    design
        .ecosystem()
        .extracts
        .iter()
        .zip(&design.resolved().extracts)
        .map(|(x, r)| {
            closure(
                net,
                tl,
                &r.nodes,
                &r.exchanges,
                r.focus.map(|f| (f, x.radius)),
            )
        })
        .collect()
}

/// The closure of a set of nodes, exchanges and an optional focus with radius.
pub(crate) fn closure(
    net: &Network,
    tl: &Timeline,
    nodes: &[NodeIdx],
    exchanges_named: &[ExchangeIdx],
    focus: Option<(NodeIdx, u32)>,
) -> ExtractResult {
    let n = net.node_count();
    let mut in_nodes = IdxVec::<NodeIdx, bool>::filled(n, false);
    let mut in_ex = IdxVec::<ExchangeIdx, bool>::filled(net.exchange_count(), false);
    let mut core = IdxVec::<NodeIdx, bool>::filled(n, false);
    // The core: who captures the money. The receivers of the named money
    // exchanges and the focus; the named nodes only when there is neither
    // (naming a payer, to show who pays, does not make it a capturer).
    for &e in exchanges_named {
        let edge = &net.edges[e];
        if edge.flow == Flow::Money {
            core[edge.to] = true;
        }
    }
    if let Some((f, _)) = focus {
        core[f] = true;
    }
    if !core.iter().any(|&c| c) {
        for &a in nodes {
            core[a] = true;
        }
    }
    for &a in nodes {
        in_nodes[a] = true;
    }
    if let Some((f, radius)) = focus {
        // Breadth-first within `radius` hops, either direction.
        let mut dist = IdxVec::<NodeIdx, u32>::filled(n, u32::MAX);
        let mut queue = VecDeque::from([f]);
        dist[f] = 0;
        in_nodes[f] = true;
        while let Some(a) = queue.pop_front() {
            let d = dist[a];
            if d == radius {
                continue;
            }
            for &e in net.incoming.row(a).iter().chain(net.outgoing.row(a)) {
                let edge = &net.edges[e];
                let other = if edge.from == a { edge.to } else { edge.from };
                if dist[other] == u32::MAX {
                    dist[other] = d + 1;
                    in_nodes[other] = true;
                    queue.push_back(other);
                }
            }
        }
    }
    // Exchanges among the named and focused nodes.
    let mut work: Vec<ExchangeIdx> = Vec::new();
    for a in net.nodes() {
        if in_nodes[a] {
            for &e in net.outgoing.row(a) {
                if in_nodes[net.edges[e].to] && !in_ex[e] {
                    in_ex[e] = true;
                    work.push(e);
                }
            }
        }
    }
    for &e in exchanges_named {
        if !in_ex[e] {
            in_ex[e] = true;
            work.push(e);
        }
    }
    // What the exchanges depend on, to a fixed point.
    while let Some(e) = work.pop() {
        let edge = &net.edges[e];
        in_nodes[edge.from] = true;
        in_nodes[edge.to] = true;
        for dep in [edge.reciprocates, edge.follows.map(|(f, _)| f)]
            .into_iter()
            .flatten()
        {
            if !in_ex[dep] {
                in_ex[dep] = true;
                work.push(dep);
            }
        }
    }
    let exchanges: Vec<ExchangeIdx> = net.exchanges().filter(|&e| in_ex[e]).collect();
    let mut named = exchanges_named.to_vec();
    named.sort_unstable();
    let mut money = vec![0.0; tl.years];
    let mut money_flowing = vec![0.0; tl.years];
    let mut served = IdxVec::<DriverIdx, bool>::filled(net.driver_count, false);
    for &e in &exchanges {
        let edge = &net.edges[e];
        if edge.flow == Flow::Money {
            // A money exchange the extract names is money it captures, even
            // one paid from one core node to another.
            let captured = named.binary_search(&e).is_ok() || (core[edge.to] && !core[edge.from]);
            for (y, o) in tl.occurrences(e).iter().enumerate() {
                money_flowing[y] += edge.value * o;
                if captured {
                    money[y] += edge.value * o;
                }
            }
        }
        for &d in net.exchange_drivers.row(e) {
            served[d] = true;
        }
    }
    ExtractResult {
        nodes: net.nodes().filter(|&a| in_nodes[a]).collect(),
        exchanges,
        money,
        money_flowing,
        core: net.nodes().filter(|&a| core[a]).collect(),
        drivers: served.indices().filter(|&d| served[d]).collect(),
    }
}
