//! How the value the ecosystem creates is shared against what each actor
//! puts in. The value created is the sum of every actor's verdict figure: a
//! profit actor's NPV, a worth actor's net value over the horizon (the two
//! figures the win-win verdict is decided on). What a business puts in (a
//! profit actor, or a worth actor that sells, such as a segment of app
//! developers) is the deepest its cumulative cash goes below zero over the
//! horizon (what it must fund at its low point; 0 for one always in the
//! black); a customer's payments are the price of what it gets, already
//! netted in its net value, so it puts in nothing here. Each actor's share
//! of each is its figure over the total. Definitions: docs/semantics.md.

use super::ledger::{Field, Ledgers};
use super::verdict::Verdict;
use crate::index::{IdxVec, NodeIdx};
use crate::model::Goal;
use crate::network::Network;

/// One actor's part.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    /// The actor.
    pub actor: NodeIdx,
    /// The value it takes: its NPV (profit) or net value (worth).
    pub takes: f64,
    /// Its share of the value created (`None` when that is not positive).
    pub takes_share: Option<f64>,
    /// What it puts in: the depth of its cumulative cash below zero (a
    /// business's; `None` for a customer: a worth actor that sells nothing).
    pub puts_in: Option<f64>,
    /// Its share of all that is put in (`None` when nothing is).
    pub puts_in_share: Option<f64>,
}

/// The sharing of value among the actors.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sharing {
    /// The value the ecosystem creates.
    pub created: f64,
    /// All that the businesses put in.
    pub put_in: f64,
    /// Every actor, in file order.
    pub parts: Vec<Part>,
}

/// Computes the sharing. O(N × years).
pub fn sharing(
    net: &Network,
    ledgers: &Ledgers,
    verdicts: &IdxVec<NodeIdx, Verdict>,
    sells: &IdxVec<NodeIdx, bool>,
) -> Sharing {
    let mut parts: Vec<Part> = net
        .actors()
        .filter_map(|a| {
            let goal = verdicts[a].goal?;
            let takes = match goal {
                Goal::Profit => ledgers.npv[a],
                Goal::Worth => ledgers.total(a, Field::NetValue),
            };
            let trough = ledgers
                .get(a, Field::CumulativeCash)
                .iter()
                .fold(0.0f64, |m, &c| m.min(c));
            // A business: a profit actor, or a worth actor that sells.
            let business = goal == Goal::Profit || sells[a];
            let puts_in = business.then_some(if trough < 0.0 { -trough } else { 0.0 });
            Some(Part {
                actor: a,
                takes,
                takes_share: None,
                puts_in,
                puts_in_share: None,
            })
        })
        .collect();
    let created: f64 = parts.iter().map(|p| p.takes).sum();
    let put_in: f64 = parts.iter().filter_map(|p| p.puts_in).sum();
    for p in &mut parts {
        p.takes_share = (created > 0.0).then(|| p.takes / created);
        p.puts_in_share = p.puts_in.filter(|_| put_in > 0.0).map(|v| v / put_in);
    }
    Sharing {
        created,
        put_in,
        parts,
    }
}

impl Sharing {
    /// Actor `a`'s part, if it is judged (the parts are in file order).
    pub fn part(&self, a: NodeIdx) -> Option<&Part> {
        let k = self.parts.binary_search_by_key(&a, |p| p.actor).ok()?;
        Some(&self.parts[k])
    }

    /// When one business takes over half the value created while another
    /// puts in over half of all that is put in: (taker, investor). Partners
    /// negotiate shares among businesses; a customer taking most of the
    /// value is what it buys for.
    pub fn imbalance(&self) -> Option<(&Part, &Part)> {
        let taker = self
            .parts
            .iter()
            .find(|p| p.puts_in.is_some() && p.takes_share.is_some_and(|s| s > 0.5))?;
        let investor = self
            .parts
            .iter()
            .find(|p| p.actor != taker.actor && p.puts_in_share.is_some_and(|s| s > 0.5))?;
        Some((taker, investor))
    }
}
