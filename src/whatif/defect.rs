//! When an actor leaves (defection, after e3fraud's sub-ideal behaviour):
//! each actor is taken out in turn, with every exchange it takes part in and
//! whatever follows them, and the rest is analysed again. One re-analysis per
//! actor, in parallel; the results are in file order whatever the threads.

use rayon::prelude::*;

use crate::analysis::{self, Analysis, Config, Field};
use crate::index::NodeIdx;
use crate::validate::ValueDesign;

use super::apply::{apply, Changes};

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

/// Money exchanged over the horizon: every actor's revenue, summed in file order.
fn money_flowing(an: &Analysis) -> f64 {
    an.network
        .nodes()
        .map(|a| an.ledgers.total(a, Field::Revenue))
        .sum()
}

/// The defection of each of `actors`, ranked by the money that stops flowing
/// (ties: file order). `base` is the analysis of `design` under `cfg`.
pub fn defections(
    design: &ValueDesign,
    base: &Analysis,
    actors: &[NodeIdx],
    cfg: &Config,
) -> Vec<Defection> {
    let before = money_flowing(base);
    let mut out: Vec<Defection> = actors
        .par_iter()
        .filter_map(|&actor| {
            let changes = Changes {
                remove_nodes: vec![actor],
                ..Changes::default()
            };
            // Taking a node out of a valid design leaves a valid design.
            let without = apply(design, &changes).ok()?;
            let an = analysis::analyse(&without, cfg);
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
                let fall =
                    base.ledgers.total(a, Field::NetValue) - an.ledgers.total(b, Field::NetValue);
                if fall > 1e-9 * (1.0 + base.ledgers.total(a, Field::NetValue).abs()) {
                    losers.push((a, fall));
                }
            }
            losers.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            Some(Defection {
                actor,
                money_lost: before - money_flowing(&an),
                flips,
                losers,
            })
        })
        .collect();
    out.sort_by(|x, y| {
        y.money_lost
            .total_cmp(&x.money_lost)
            .then(x.actor.cmp(&y.actor))
    });
    out
}
