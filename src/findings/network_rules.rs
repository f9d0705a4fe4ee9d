//! The checks about the network as a whole: isolated nodes, drivers,
//! reciprocity, data, extracts and rates. One function per check, each
//! returning its hits; the first node a hit names is the actor it speaks to.

use super::{named, Ctx, Hit};
use crate::index::{ExchangeIdx, IdxVec, NodeIdx};
use crate::model::{Flow, NodeKind};

/// `isolated-node`: a node with no exchange and no children.
pub(super) fn isolated_node(cx: &Ctx<'_>) -> Vec<Hit> {
    let net = cx.net;
    net.nodes()
        .filter(|&a| {
            net.incoming.row(a).is_empty()
                && net.outgoing.row(a).is_empty()
                && net.children.row(a).is_empty()
        })
        .map(|a| Hit {
            message: format!("{} takes part in no exchange", cx.node(a)),
            nodes: vec![a],
            exchanges: vec![],
            stake: 0.0,
        })
        .collect()
}

/// `individual-driver`: a driver pursued by exactly one node.
pub(super) fn individual_driver(cx: &Ctx<'_>) -> Vec<Hit> {
    let drivers = &cx.an.drivers;
    drivers
        .pursued_by
        .iter_enumerated()
        .filter(|(_, p)| p.len() == 1)
        .map(|(d, p)| Hit {
            message: format!(
                "driver {} is pursued only by {}",
                cx.driver(d),
                cx.node(p[0])
            ),
            nodes: vec![p[0]],
            exchanges: vec![],
            stake: 0.0,
        })
        .collect()
}

/// `unserved-driver`: a driver that no exchange serves.
pub(super) fn unserved_driver(cx: &Ctx<'_>) -> Vec<Hit> {
    let drivers = &cx.an.drivers;
    drivers
        .served_by
        .iter_enumerated()
        .filter(|(_, s)| s.is_empty())
        .map(|(d, _)| Hit {
            message: format!("no exchange serves driver {}", cx.driver(d)),
            nodes: drivers.pursued_by[d].clone(),
            exchanges: vec![],
            stake: 0.0,
        })
        .collect()
}

/// `unreciprocated-flow`: goods or a service that reciprocates nothing, that
/// nothing reciprocates, and whose receiver sends nothing at all back.
pub(super) fn unreciprocated_flow(cx: &Ctx<'_>) -> Vec<Hit> {
    let net = cx.net;
    let mut reciprocated = IdxVec::<ExchangeIdx, bool>::filled(net.exchange_count(), false);
    for edge in net.edges.iter() {
        if let Some(x) = edge.reciprocates {
            reciprocated[x] = true;
        }
    }
    net.edges
        .iter_enumerated()
        .filter(|&(e, edge)| {
            matches!(edge.flow, Flow::Goods | Flow::Service)
                && !reciprocated[e]
                && edge.reciprocates.is_none()
                && !net.sends_to(edge.to, edge.from)
        })
        .map(|(e, edge)| Hit {
            message: format!(
                "{} gives {} to {}, which gives nothing back",
                cx.node(edge.from),
                cx.exchange(e),
                cx.node(edge.to)
            ),
            nodes: vec![edge.from, edge.to],
            exchanges: vec![e],
            stake: cx.total(e),
        })
        .collect()
}

/// `data-without-return`: data from a segment, a person or a device whose
/// owner (nearest actor up `parent`) gets nothing back from the actor that
/// takes it (the receiver, or the actor its platform or app belongs to).
/// Data kept inside the owner (to itself or its own devices and processes)
/// is not taken. It speaks to the taker.
pub(super) fn data_without_return(cx: &Ctx<'_>) -> Vec<Hit> {
    let net = cx.net;
    let mut out = Vec::new();
    let reached = super::owners_reached(net, |_| true);
    for (e, edge) in net.edges.iter_enumerated() {
        if edge.flow != Flow::Data
            || !matches!(
                net.kinds[edge.from],
                NodeKind::Segment | NodeKind::Person | NodeKind::Device
            )
        {
            continue;
        }
        let Some(owner) = net.owner(edge.from) else {
            continue;
        };
        // The taker is the actor the receiver belongs to (its platform or app
        // counts as itself); anything back from its side to the owner's counts.
        let taker = net.owner(edge.to).unwrap_or(edge.to);
        if taker == owner {
            continue;
        }
        if reached.row(taker).binary_search(&owner).is_err() {
            out.push(Hit {
                message: format!(
                    "{} takes data from {} ({}) and gives {} nothing back",
                    cx.node(taker),
                    cx.node(edge.from),
                    cx.exchange(e),
                    cx.node(owner)
                ),
                nodes: vec![taker, owner],
                exchanges: vec![e],
                stake: cx.total(e),
            });
        }
    }
    out
}

/// `extract-without-money`: an extract whose closure holds no money flow,
/// or whose money is all paid inside its core, so it captures nothing.
pub(super) fn extract_without_money(cx: &Ctx<'_>) -> Vec<Hit> {
    let net = cx.net;
    let mut out = Vec::new();
    for (x, r) in cx.eco.extracts.iter().zip(&cx.an.extracts) {
        let holds_money = r
            .exchanges
            .iter()
            .any(|&e| net.edges[e].flow == Flow::Money);
        if !holds_money {
            out.push(Hit {
                message: format!("extract {} holds no money flow", named(&x.label, &x.id)),
                nodes: vec![],
                exchanges: r.exchanges.clone(),
                stake: 0.0,
            });
        } else if r.money.iter().all(|&m| m == 0.0) {
            out.push(Hit {
                message: format!(
                    "extract {} captures no money: every payment in it is made inside its core (name the money exchange that brings value in)",
                    named(&x.label, &x.id)
                ),
                nodes: r.core.clone(),
                exchanges: vec![],
                stake: 0.0,
            });
        }
    }
    out
}

/// `implausible-rate`: a node whose growth is above 1 (100% a year). (A
/// discount rate above 1 is an error of the file.)
pub(super) fn implausible_rate(cx: &Ctx<'_>) -> Vec<Hit> {
    let pct = |r: f64| crate::words::amount(r * 100.0);
    cx.eco
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.growth > 1.0)
        .map(|(a, n)| (NodeIdx::new(a), n))
        .map(|(a, n)| Hit {
            message: format!(
                "{} grows by {}% a year (growth {}); if that is meant, keep it, else write a fraction: 40% is 0.4",
                cx.node(a),
                pct(n.growth),
                n.growth
            ),
            nodes: vec![a],
            exchanges: vec![],
            stake: 0.0,
        })
        .collect()
}

/// `value-capture-imbalance`: one profit actor takes over half the value
/// created while another puts in over half of what is put in
/// (`analysis::sharing`).
pub(super) fn value_capture_imbalance(cx: &Ctx<'_>) -> Vec<Hit> {
    let s = &cx.an.sharing;
    let Some((taker, investor)) = s.imbalance() else {
        return Vec::new();
    };
    let puts_in = investor.puts_in.unwrap_or(0.0);
    vec![Hit {
        message: format!(
            "{} takes {} of the value the ecosystem creates ({} of {}), while {} puts in {} of what the businesses put in ({} of {})",
            cx.node(taker.actor),
            crate::words::percent(taker.takes_share.unwrap_or(0.0)),
            cx.money(taker.takes),
            cx.money(s.created),
            cx.node(investor.actor),
            crate::words::percent(investor.puts_in_share.unwrap_or(0.0)),
            cx.money(puts_in),
            cx.money(s.put_in)
        ),
        nodes: vec![investor.actor, taker.actor],
        exchanges: vec![],
        stake: puts_in,
    }]
}
