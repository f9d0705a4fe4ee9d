//! Contract 3.1 (cohorts): which part of every exchange's occurrences comes
//! from first-year customers and which from renewing ones, and every node's
//! revenue and spend split the same way.
//!
//! An exchange is counted per the members of a node when the root of its
//! `follows` chain has a `per`. A one-off root (`Once`) happens only for new
//! members; a recurring root happens for every member, new or renewing. So
//! the first-year part of an exchange's occurrences is always `factor *
//! new_members(per, y)`, where `factor` is the root's occurrences per member
//! and year times the ratios along the chain; the rest is renewing.

use rayon::prelude::*;

use super::timeline::Timeline;
use crate::index::{ExchangeIdx, IdxVec, NodeIdx};
use crate::model::{Cadence, Flow};
use crate::network::Network;

/// Where an exchange's occurrences are counted from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Root {
    /// The node whose members the chain's root is counted per.
    pub per: NodeIdx,
    /// The chain's root (the exchange itself when it follows nothing).
    pub exchange: ExchangeIdx,
    /// Occurrences per member: per year for a recurring root, once for a
    /// one-off root, times every ratio along the chain.
    pub factor: f64,
    /// Whether the root happens once per member (`Once`).
    pub once: bool,
}

/// The cohort split of a design's occurrences and ledgers.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohorts {
    /// Number of years.
    pub years: usize,
    /// Per exchange: where its occurrences are counted from, if from members.
    pub roots: IdxVec<ExchangeIdx, Option<Root>>,
    /// Per exchange and year: the occurrences from first-year members (0 for
    /// an exchange not counted per members).
    new_occurrences: Vec<f64>,
    /// Per node: revenue from first-year and renewing members, then spend
    /// on the same two, one row of `years` each.
    rows: Vec<f64>,
}

/// The rows [`Cohorts::split`] gives for a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Revenue from exchanges with first-year members.
    RevenueNew = 0,
    /// Revenue from exchanges with renewing members.
    RevenueRenewing = 1,
    /// Spend on exchanges with first-year members.
    SpendNew = 2,
    /// Spend on exchanges with renewing members.
    SpendRenewing = 3,
}

const PARTS: usize = 4;

impl Cohorts {
    /// Occurrences of exchange `e` from first-year members, per year.
    pub fn new_occurrences(&self, e: ExchangeIdx) -> &[f64] {
        let at = e.index() * self.years;
        &self.new_occurrences[at..at + self.years]
    }

    /// One part of node `a`'s revenue or spend, per year.
    pub fn split(&self, a: NodeIdx, part: Part) -> &[f64] {
        let at = (a.index() * PARTS + part as usize) * self.years;
        &self.rows[at..at + self.years]
    }

    /// Whether any of node `a`'s revenue or spend comes from renewing members.
    pub fn has_renewals(&self, a: NodeIdx) -> bool {
        [Part::RevenueRenewing, Part::SpendRenewing]
            .iter()
            .any(|&p| self.split(a, p).iter().any(|&v| v != 0.0))
    }
}

/// Occurrences per member and year of a root exchange with `cadence`.
pub(crate) fn per_member(cadence: Cadence) -> f64 {
    match cadence {
        Cadence::Once | Cadence::Yearly => 1.0,
        Cadence::Monthly => 12.0,
        Cadence::Times(k) => k,
    }
}

/// The root of every exchange's `follows` chain. O(E): each chain is walked
/// once (a walk stops at the first exchange already known).
pub fn roots(net: &Network) -> IdxVec<ExchangeIdx, Option<Root>> {
    let e = net.exchange_count();
    let mut known: Vec<Option<Option<Root>>> = vec![None; e];
    let mut path = Vec::new();
    for start in 0..e {
        if known[start].is_some() {
            continue;
        }
        path.clear();
        let mut at = start;
        let base = loop {
            if let Some(k) = known[at] {
                break k;
            }
            let edge = &net.edges[ExchangeIdx::new(at)];
            match edge.follows {
                Some((f, _)) => {
                    path.push(at);
                    at = f.index();
                }
                None => {
                    let root = edge.per.map(|per| Root {
                        per,
                        exchange: ExchangeIdx::new(at),
                        factor: per_member(edge.cadence),
                        once: edge.cadence == Cadence::Once,
                    });
                    known[at] = Some(root);
                    break root;
                }
            }
        };
        let mut root = base;
        for &x in path.iter().rev() {
            let ratio = net.edges[ExchangeIdx::new(x)]
                .follows
                .map_or(1.0, |(_, r)| r);
            root = root.map(|r| Root {
                factor: r.factor * ratio,
                ..r
            });
            known[x] = Some(root);
        }
    }
    known.into_iter().map(Option::flatten).collect()
}

/// Computes the cohort split. O((N + E) * H), parallel; each node's sums run
/// over its exchanges in file order, so the figures are the same for any
/// thread count.
pub fn cohorts(net: &Network, tl: &Timeline) -> Cohorts {
    let years = tl.years;
    let roots = roots(net);
    let mut new_occurrences = vec![0.0; net.exchange_count() * years];
    if years > 0 {
        new_occurrences
            .par_chunks_mut(years)
            .enumerate()
            .for_each(|(x, row)| {
                let e = ExchangeIdx::new(x);
                match roots[e] {
                    // Every occurrence of a one-off is a first-year one:
                    // copied, so that nothing is left over by rounding.
                    Some(r) if r.once => row.copy_from_slice(tl.occurrences(e)),
                    Some(r) => {
                        for (o, nm) in row.iter_mut().zip(tl.new_members(r.per)) {
                            *o = r.factor * nm;
                        }
                    }
                    None => {}
                }
            });
    }
    let mut rows = vec![0.0; net.node_count() * PARTS * years];
    if years > 0 {
        rows.par_chunks_mut(PARTS * years)
            .enumerate()
            .for_each(|(a, row)| {
                let a = NodeIdx::new(a);
                let (revenue, spend) = row.split_at_mut(2 * years);
                let sides = [(net.incoming.row(a), revenue), (net.outgoing.row(a), spend)];
                for (exchanges, parts) in sides {
                    let (new, renewing) = parts.split_at_mut(years);
                    for &e in exchanges {
                        let edge = &net.edges[e];
                        if edge.flow != Flow::Money || roots[e].is_none() {
                            continue;
                        }
                        let first = &new_occurrences[e.index() * years..(e.index() + 1) * years];
                        for y in 0..years {
                            new[y] += edge.value * first[y];
                            renewing[y] += edge.value * (tl.occurrences(e)[y] - first[y]);
                        }
                    }
                }
            });
    }
    Cohorts {
        years,
        roots,
        new_occurrences,
        rows,
    }
}
