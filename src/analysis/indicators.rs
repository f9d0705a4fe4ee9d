//! Exchange indicators of value network analysis (Allee): per actor, the
//! tangible share of what it gives and of what it gets, its reciprocity and
//! its dependence on one partner; for the ecosystem, its density and
//! reciprocity, how concentrated revenue is (the Herfindahl index) and the
//! share of value that is intangible. Exchanges are lifted to actors as for
//! [`super::loops`] (a device's exchange is its owner's; one within an actor
//! is left out); value is an exchange's value times its occurrences over
//! the horizon, of every flow kind. Definitions: docs/semantics.md.

use rustc_hash::FxHashSet;

use super::ledger::{Field, Ledgers};
use super::lifted::Lifted;
use super::timeline::Timeline;
use crate::index::{IdxVec, NodeIdx};
use crate::network::Network;

/// One actor's indicators (`None` where the ratio has nothing to divide).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ActorIndicators {
    /// Value it gives other actors over the horizon.
    pub gives: f64,
    /// Value it gets from other actors over the horizon.
    pub gets: f64,
    /// Share of what it gives that is tangible (money, goods, services).
    pub gives_tangible: Option<f64>,
    /// Share of what it gets that is tangible.
    pub gets_tangible: Option<f64>,
    /// Share of its exchanges with other actors answered by a flow back
    /// between the same two actors.
    pub reciprocity: Option<f64>,
    /// Its largest single partner's share of what it gets, and that partner.
    pub dependence: Option<(f64, NodeIdx)>,
}

/// The ecosystem's indicators.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct EcosystemIndicators {
    /// Actors.
    pub actors: usize,
    /// Ordered pairs of actors with an exchange, over all `n (n - 1)`.
    pub density: Option<f64>,
    /// Share of exchanges between actors answered by a flow back.
    pub reciprocity: Option<f64>,
    /// Herfindahl index of revenue: the sum of the squares of each actor's
    /// share of all revenue (1: one actor takes it all; 1/n: n equal shares).
    pub revenue_hhi: Option<f64>,
    /// Share of all value exchanged between actors that is intangible.
    pub intangible_share: Option<f64>,
}

/// Every indicator.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Indicators {
    /// Per node (default for nodes that are not actors).
    pub actors: IdxVec<NodeIdx, ActorIndicators>,
    /// The ecosystem's.
    pub ecosystem: EcosystemIndicators,
}

fn ratio(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

/// Computes the indicators. O(N + E) (a hash set of actor pairs).
pub fn indicators(net: &Network, tl: &Timeline, ledgers: &Ledgers) -> Indicators {
    of_lifted(net, &super::lifted::lifted(net, tl), ledgers)
}

/// The indicators from the exchanges between actors (`lifted`).
pub fn of_lifted(net: &Network, lifted: &[Lifted], ledgers: &Ledgers) -> Indicators {
    let n = net.node_count();
    let pairs: FxHashSet<(NodeIdx, NodeIdx)> = lifted.iter().map(|l| (l.from, l.to)).collect();
    #[derive(Clone, Default)]
    struct Sums {
        gives: f64,
        gives_tangible: f64,
        gets: f64,
        gets_tangible: f64,
        exchanges: usize,
        answered: usize,
    }
    let mut sums = IdxVec::<NodeIdx, Sums>::filled(n, Sums::default());
    // What each actor gets from each partner: (receiver, sender, value).
    let mut from_partner: Vec<(NodeIdx, NodeIdx, f64)> = Vec::with_capacity(lifted.len());
    let (mut answered, mut intangible, mut all) = (0usize, 0.0, 0.0);
    for &Lifted {
        from: a,
        to: b,
        worth: w,
        tangible,
        ..
    } in lifted
    {
        let back = pairs.contains(&(b, a));
        for x in [a, b] {
            sums[x].exchanges += 1;
            sums[x].answered += usize::from(back);
        }
        answered += usize::from(back);
        sums[a].gives += w;
        sums[b].gets += w;
        if tangible {
            sums[a].gives_tangible += w;
            sums[b].gets_tangible += w;
        } else {
            intangible += w;
        }
        all += w;
        from_partner.push((b, a, w));
    }
    from_partner.sort_by_key(|&(r, s, _)| (r, s));
    let mut largest = IdxVec::<NodeIdx, Option<(f64, NodeIdx)>>::filled(n, None);
    let mut k = 0;
    while k < from_partner.len() {
        let (r, s, _) = from_partner[k];
        let mut w = 0.0;
        while k < from_partner.len() && from_partner[k].0 == r && from_partner[k].1 == s {
            w += from_partner[k].2;
            k += 1;
        }
        // The first partner in file order wins a tie.
        if largest[r].is_none_or(|(best, _)| w > best) {
            largest[r] = Some((w, s));
        }
    }
    let actors = IdxVec::from_vec(
        net.nodes()
            .map(|a| {
                let s = &sums[a];
                ActorIndicators {
                    gives: s.gives,
                    gets: s.gets,
                    gives_tangible: ratio(s.gives_tangible, s.gives),
                    gets_tangible: ratio(s.gets_tangible, s.gets),
                    reciprocity: ratio(s.answered as f64, s.exchanges as f64),
                    dependence: largest[a].and_then(|(w, p)| Some((ratio(w, s.gets)?, p))),
                }
            })
            .collect(),
    );
    let actor_count = net.actors().count();
    let revenue: Vec<f64> = net
        .actors()
        .map(|a| ledgers.total(a, Field::Revenue))
        .collect();
    let total_revenue: f64 = revenue.iter().sum();
    let linked: FxHashSet<(NodeIdx, NodeIdx)> = pairs;
    Indicators {
        actors,
        ecosystem: EcosystemIndicators {
            actors: actor_count,
            density: (actor_count > 1)
                .then(|| linked.len() as f64 / (actor_count as f64 * (actor_count as f64 - 1.0))),
            reciprocity: ratio(answered as f64, lifted.len() as f64),
            revenue_hhi: (total_revenue > 0.0)
                .then(|| revenue.iter().map(|r| (r / total_revenue).powi(2)).sum()),
            intangible_share: ratio(intangible, all),
        },
    }
}
