//! Contract 3.1: members of every node and occurrences of every exchange, year by year.
//!
//! Occurrences propagate through the `follows` DAG: an exchange's row is its
//! followed exchange's row times the ratio. Exchanges are grouped by their
//! level in that DAG (0: follows nothing); each level is computed in parallel
//! from the levels before it, rows laid out level after level so a level's
//! rows are one contiguous slice. The result is then put back in exchange order.

use rayon::prelude::*;

use crate::index::{ExchangeIdx, NodeIdx};
use crate::model::Cadence;
use crate::network::Network;

/// Members and occurrences over the timeline. Rows are `years` long.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Number of years, `H`.
    pub years: usize,
    /// `members(n, y)`, row per node.
    pub members: Vec<f64>,
    /// `new_members(n, y)`, row per node.
    pub new_members: Vec<f64>,
    /// `O(e, y)`, row per exchange.
    pub occurrences: Vec<f64>,
    /// Level of each exchange in the `follows` DAG.
    pub levels: Vec<u32>,
}

impl Timeline {
    /// Members of node `n` per year.
    pub fn members(&self, n: NodeIdx) -> &[f64] {
        let n = n.index();
        &self.members[n * self.years..(n + 1) * self.years]
    }

    /// New members of node `n` per year.
    pub fn new_members(&self, n: NodeIdx) -> &[f64] {
        let n = n.index();
        &self.new_members[n * self.years..(n + 1) * self.years]
    }

    /// Occurrences of exchange `e` per year.
    #[inline]
    pub fn occurrences(&self, e: ExchangeIdx) -> &[f64] {
        let e = e.index();
        &self.occurrences[e * self.years..(e + 1) * self.years]
    }
}

/// Computes the timeline over `years` years. O((N + E) * H), parallel.
pub fn timeline(net: &Network, years: usize) -> Timeline {
    let n = net.node_count();
    let mut members = vec![0.0; n * years];
    let mut new_members = vec![0.0; n * years];
    members
        .par_chunks_mut(years.max(1))
        .zip(new_members.par_chunks_mut(years.max(1)))
        .enumerate()
        .for_each(|(i, (m, nm))| {
            members_row(
                net.count[NodeIdx::new(i)],
                net.growth[NodeIdx::new(i)],
                net.churn[NodeIdx::new(i)],
                m,
                nm,
            );
        });
    let levels = follow_levels(net);
    let occurrences = occurrences(net, &levels, &members, &new_members, years);
    Timeline {
        years,
        members,
        new_members,
        occurrences,
        levels,
    }
}

/// Members and new members per year of a node with `count` members in year
/// 1 growing by `growth` a year, into `m` and `nm` (one value per year).
///
/// New members are year 1's count, then the growth of `count * (1 +
/// growth)^(y-1)` over the year before (none when it shrinks). Without
/// `churn`, members are that level; with `churn` c, members are the new ones
/// plus the `1 - c` of last year's members that renew (contract 3.1), so a
/// churn of 0 with a growth of 0 or more gives the same members.
pub(crate) fn members_row(
    count: f64,
    growth: f64,
    churn: Option<f64>,
    m: &mut [f64],
    nm: &mut [f64],
) {
    let mut prev = 0.0;
    let mut level = count;
    for y in 0..m.len() {
        if y > 0 {
            level *= 1.0 + growth;
        }
        nm[y] = if y == 0 {
            level
        } else {
            (level - prev).max(0.0)
        };
        m[y] = match churn {
            None => level,
            Some(_) if y == 0 => level,
            Some(c) => nm[y] + (1.0 - c) * m[y - 1],
        };
        prev = level;
    }
}

/// Level of every exchange in the `follows` DAG. O(E): each chain is walked once.
pub(crate) fn follow_levels(net: &Network) -> Vec<u32> {
    let e = net.exchange_count();
    let mut level = vec![u32::MAX; e];
    let mut path = Vec::new();
    for start in 0..e {
        if level[start] != u32::MAX {
            continue;
        }
        path.clear();
        let mut at = start;
        let base = loop {
            path.push(at);
            match net.edges[ExchangeIdx::new(at)].follows {
                Some((f, _)) if level[f.index()] == u32::MAX => at = f.index(),
                Some((f, _)) => break level[f.index()] + 1,
                None => break 0,
            }
        };
        for (i, &x) in path.iter().rev().enumerate() {
            level[x] = base + i as u32;
        }
    }
    level
}

fn occurrences(
    net: &Network,
    levels: &[u32],
    members: &[f64],
    new_members: &[f64],
    years: usize,
) -> Vec<f64> {
    let e = net.exchange_count();
    if e == 0 || years == 0 {
        return Vec::new();
    }
    // Order exchanges by level (stable: file order within a level).
    let max_level = levels.iter().copied().max().unwrap_or(0) as usize;
    let mut starts = vec![0usize; max_level + 2];
    for &l in levels {
        starts[l as usize + 1] += 1;
    }
    for l in 0..=max_level {
        starts[l + 1] += starts[l];
    }
    let mut next = starts.clone();
    let mut order = vec![0u32; e];
    let mut pos = vec![0u32; e];
    for (x, &l) in levels.iter().enumerate() {
        let slot = next[l as usize];
        order[slot] = x as u32;
        pos[x] = slot as u32;
        next[l as usize] += 1;
    }
    let mut by_level = vec![0.0; e * years];
    for l in 0..=max_level {
        let (done, rest) = by_level.split_at_mut(starts[l] * years);
        let current = &mut rest[..(starts[l + 1] - starts[l]) * years];
        let done: &[f64] = done;
        current
            .par_chunks_mut(years)
            .zip(order[starts[l]..starts[l + 1]].par_iter())
            .for_each(|(row, &x)| {
                let edge = &net.edges[ExchangeIdx::new(x as usize)];
                if let Some((f, ratio)) = edge.follows {
                    let p = pos[f.index()] as usize * years;
                    for (o, src) in row.iter_mut().zip(&done[p..p + years]) {
                        *o = ratio * src;
                    }
                } else {
                    let per = edge.per.map(|n| {
                        let at = n.index() * years;
                        (&members[at..at + years], &new_members[at..at + years])
                    });
                    base_occurrences(edge.cadence, per, row);
                }
            });
    }
    let mut out = vec![0.0; e * years];
    out.par_chunks_mut(years).enumerate().for_each(|(x, row)| {
        let p = pos[x] as usize * years;
        row.copy_from_slice(&by_level[p..p + years]);
    });
    out
}

/// Occurrences of an exchange that follows nothing (contract 3.1), counted
/// per the members and new members of its `per` node, if it has one.
pub(crate) fn base_occurrences(cadence: Cadence, per: Option<(&[f64], &[f64])>, row: &mut [f64]) {
    match per {
        Some((m, nm)) => {
            for (y, o) in row.iter_mut().enumerate() {
                *o = match cadence {
                    Cadence::Once => nm[y],
                    Cadence::Yearly => m[y],
                    Cadence::Monthly => 12.0 * m[y],
                    Cadence::Times(k) => k * m[y],
                };
            }
        }
        None => {
            for (y, o) in row.iter_mut().enumerate() {
                *o = match cadence {
                    Cadence::Once if y == 0 => 1.0,
                    Cadence::Once => 0.0,
                    Cadence::Yearly => 1.0,
                    Cadence::Monthly => 12.0,
                    Cadence::Times(k) => k,
                };
            }
        }
    }
}
