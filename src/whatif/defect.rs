//! When an actor leaves (defection, after e3fraud's sub-ideal behaviour):
//! each actor is taken out in turn, with every exchange it takes part in and
//! whatever follows them, and the rest is analysed again. One re-analysis per
//! actor, in parallel, sharing what does not change; the results are in
//! file order whatever the threads.

use rayon::prelude::*;

use rustc_hash::FxHashSet;

use crate::analysis::hub_blocks::HubBlocks;
use crate::analysis::{self, verdict, Analysis, Config, Field};
use crate::index::{ExchangeIdx, NodeIdx};
use crate::model::Flow;
use crate::network::Network;
use crate::validate::ValueDesign;

use super::apply::{apply, Changes};
use super::changed::{self, Changed};
use super::links::Links;

/// What the ecosystem loses when one actor leaves.
#[derive(Debug, Clone, PartialEq)]
pub struct Defection {
    /// The actor that leaves.
    pub actor: NodeIdx,
    /// Money that stops flowing over the horizon: the money exchanged in the
    /// design less the money exchanged without the actor.
    pub money_lost: f64,
    /// Actors (of the design) that were win-win and are not without it.
    pub flips: Vec<NodeIdx>,
    /// Every other actor whose net value falls, with the fall (> 0), largest first.
    pub losers: Vec<(NodeIdx, f64)>,
}

/// Money exchanged over the horizon: every node's revenue, summed in file order.
pub fn money_flowing(an: &Analysis) -> f64 {
    an.network
        .nodes()
        .map(|a| an.ledgers.total(a, Field::Revenue))
        .sum()
}

/// The defection of each of `actors`, ranked by the money that stops flowing
/// (ties: file order). `base` is the analysis of `design` under `cfg`.
///
/// What does not change is shared: an actor's leaving removes the exchanges
/// it takes part in and their followers, and with them the costs they drive;
/// every other exchange happens as before. So only the ledgers and verdicts
/// of the actors those exchanges touch are worked out again, from the base
/// timeline, skipping what is gone, term for term as a full re-analysis adds
/// them. An actor that some other exchange is counted `per` changes those
/// occurrences too: its defection is re-analysed in full
/// ([`defection_by_reanalysis`]).
pub fn defections(
    design: &ValueDesign,
    base: &Analysis,
    actors: &[NodeIdx],
    cfg: &Config,
) -> Vec<Defection> {
    let net = &base.network;
    let links = Links::new(net);
    let hubs = HubBlocks::of_analysis(net, &base.timeline);
    let before = money_flowing(base);
    let mut out: Vec<Defection> = actors
        .par_iter()
        .filter_map(|&actor| {
            let gone = leaving(net, actor);
            let per_elsewhere = links.counted_per[actor.index()]
                .iter()
                .any(|e| !gone.contains(e));
            if per_elsewhere {
                defection_by_reanalysis(design, base, actor, before, cfg)
            } else {
                Some(defection_sharing(
                    design,
                    base,
                    actor,
                    &gone,
                    &links.drives,
                    &hubs,
                ))
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.money_lost
            .total_cmp(&x.money_lost)
            .then(x.actor.cmp(&y.actor))
    });
    out
}

/// The exchanges that stop when `actor` leaves: those it takes part in and,
/// transitively, those that follow them.
fn leaving(net: &Network, actor: NodeIdx) -> FxHashSet<ExchangeIdx> {
    let mut gone: FxHashSet<ExchangeIdx> = FxHashSet::default();
    let mut work: Vec<ExchangeIdx> = net
        .incoming
        .row(actor)
        .iter()
        .chain(net.outgoing.row(actor))
        .copied()
        .collect();
    while let Some(e) = work.pop() {
        if gone.insert(e) {
            work.extend(net.followers.row(e).iter().copied());
        }
    }
    gone
}

/// One defection from the base analysis: the ledgers and verdicts of the
/// actors the removed exchanges touch, worked out again without them.
fn defection_sharing(
    design: &ValueDesign,
    base: &Analysis,
    actor: NodeIdx,
    gone: &FxHashSet<ExchangeIdx>,
    drives: &[Vec<NodeIdx>],
    hubs: &HubBlocks,
) -> Defection {
    let net = &base.network;
    let tl = &base.timeline;
    let rate = design.ecosystem().discount_rate;
    let is_gone = |e: ExchangeIdx| gone.contains(&e);
    // Touched: the other end of every removed exchange, and whoever's
    // costs one drives; in file order, once each.
    let mut touched: Vec<NodeIdx> = gone
        .iter()
        .flat_map(|&e| {
            let edge = &net.edges[e];
            [edge.from, edge.to]
                .into_iter()
                .chain(drives[e.index()].iter().copied())
        })
        .filter(|&a| a != actor)
        .collect();
    touched.sort_unstable();
    touched.dedup();
    let mut reads = Changed::new(net, tl);
    reads.gone = Some(gone);
    reads.hubs = Some(hubs);
    let changed = changed::by_end(net, gone.iter().copied());
    let mut flips = Vec::new();
    let mut losers = Vec::new();
    for a in touched.into_iter().filter(|&a| net.kinds[a].is_actor()) {
        let totals = reads.totals_around(a, rate, &changed::touching(&changed, a));
        let v = verdict::judge(net, a, &totals, is_gone);
        if !base.verdicts[a].fails() && v.fails() {
            flips.push(a);
        }
        let was = base.ledgers.total(a, Field::NetValue);
        let fall = was - totals.net_value;
        if fall > 1e-9 * (1.0 + was.abs()) {
            losers.push((a, fall));
        }
    }
    losers.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    // Money exchanged without the actor: each removed money exchange over
    // the horizon, in exchange order.
    let mut removed: Vec<ExchangeIdx> = gone.iter().copied().collect();
    removed.sort_unstable();
    let money_lost: f64 = removed
        .iter()
        .filter(|&&e| net.edges[e].flow == Flow::Money)
        .map(|&e| net.edges[e].value * tl.occurrences(e).iter().sum::<f64>())
        .sum();
    // No money: 0, not -0.
    let money_lost = money_lost + 0.0;
    Defection {
        actor,
        money_lost,
        flips,
        losers,
    }
}

/// One defection by taking the actor out of the design and analysing what is
/// left in full: the reference the shared computation is tested against,
/// and the way when the actor's leaving changes how often other exchanges
/// happen. `before` is the money flowing in the base. `None` if the design
/// without the actor is not valid (it always is).
pub fn defection_by_reanalysis(
    design: &ValueDesign,
    base: &Analysis,
    actor: NodeIdx,
    before: f64,
    cfg: &Config,
) -> Option<Defection> {
    let changes = Changes {
        remove_nodes: vec![actor],
        ..Changes::default()
    };
    let without = apply(design, &changes).ok()?;
    let an = analysis::outcome(&without, cfg);
    let index = without.node_index();
    let mut flips = Vec::new();
    let mut losers = Vec::new();
    for (i, n) in design.ecosystem().nodes.iter().enumerate() {
        let a = NodeIdx::new(i);
        if a == actor || !n.kind.is_actor() {
            continue;
        }
        let Some(&b) = index.get(n.id.as_str()) else {
            continue;
        };
        if !base.verdicts[a].fails() && an.verdicts[b].fails() {
            flips.push(a);
        }
        let fall = base.ledgers.total(a, Field::NetValue) - an.ledgers.total(b, Field::NetValue);
        if fall > 1e-9 * (1.0 + base.ledgers.total(a, Field::NetValue).abs()) {
            losers.push((a, fall));
        }
    }
    losers.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let after: f64 = an
        .network
        .nodes()
        .map(|a| an.ledgers.total(a, Field::Revenue))
        .sum();
    Some(Defection {
        actor,
        money_lost: before - after,
        flips,
        losers,
    })
}
