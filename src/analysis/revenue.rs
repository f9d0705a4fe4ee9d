//! What money pays for, and so the revenue model of every money exchange:
//! the model written in the file, else inferred from what the payer gets in
//! return (the issue "Verdicts a partner manager can trust", part 2).
//!
//! The canvas, the patterns and the findings all read the models from here,
//! so a stream is named one way everywhere. Pure; a payment's candidates are
//! the payee's own out-row and those of the devices, activities and
//! processes directly under it ([`Network::side`]).

use crate::index::{ExchangeIdx, IdxVec, NodeIdx};
use crate::model::{Cadence, Flow, RevenueModel};
use crate::network::{Edge, Network};
use rayon::prelude::*;

/// Whether non-money exchange `x` can be what money `m` buys: anything but
/// goods charged at another cadence (a monthly fee that follows a device
/// sale pays for what comes with the device, not for the device).
fn can_buy(m: &Edge, x: &Edge) -> bool {
    x.flow != Flow::Money && (x.flow != Flow::Goods || x.cadence == m.cadence)
}

/// The exchange a money exchange `e` pays for, if any, in this order:
/// 1. the exchange it `reciprocates` (none if that is money: a claim paid
///    for a premium, a refund, buys nothing of its own);
/// 2. the exchange it `follows`, when the payee's side sends it;
/// 3. an exchange from the payee's side (the payee, or a device, activity
///    or process directly under it) to the payer's side (the payer or a node
///    under it);
/// 4. goods or a service from the payee's side to anyone, charged exactly as
///    the payment is (the same cadence and `per`): the payer pays for what a
///    third party receives, as a finance department pays for a plant's
///    service. Anything looser would make a grant the price of whatever its
///    receiver happens to sell; `reciprocates` says what is paid for.
///
/// In 2 to 4 only what the money can buy counts: not money, and goods only
/// at the payment's own cadence or, followed, one payment per delivery.
/// Within 3, one with the payment's cadence and `per` comes first, else the
/// first in file order paid alike (once for once, recurring for recurring).
/// `None`: nothing comes back (a transfer), and for every exchange that is
/// not money.
///
/// Worked out for every exchange at once on first use and kept in the
/// network ([`paid_for_all`]): a hub paid by a million customers would make
/// the one-at-a-time scan ([`paid_for_one`]) quadratic.
pub(crate) fn paid_for(net: &Network, e: ExchangeIdx) -> Option<ExchangeIdx> {
    net.paid_for_cell().get_or_init(|| paid_for_all(net))[e]
}

/// Steps 1 and 2 of [`paid_for`] for money exchange `e`: `Some(answer)`
/// when they decide, `None` when the payee's side must be searched.
fn named(net: &Network, e: ExchangeIdx) -> Option<Option<ExchangeIdx>> {
    let edge = &net.edges[e];
    if let Some(r) = edge.reciprocates {
        return Some((net.edges[r].flow != Flow::Money).then_some(r));
    }
    if let Some((f, ratio)) = edge.follows {
        let followed = &net.edges[f];
        // One payment per delivery of goods is their price, whatever the
        // payment's own cadence says (the follow sets its occurrences).
        let price = followed.flow == Flow::Goods && ratio == 1.0;
        if (price || can_buy(edge, followed)) && net.owner(followed.from) == net.owner(edge.to) {
            return Some(Some(f));
        }
    }
    None
}

/// [`paid_for`] of one exchange by its definition: steps 1 and 2, then a
/// scan of the payee's side. O(exchanges out of that side); the reference
/// [`paid_for_all`] is tested against.
#[cfg(test)]
pub(crate) fn paid_for_one(net: &Network, e: ExchangeIdx) -> Option<ExchangeIdx> {
    let edge = &net.edges[e];
    if edge.flow != Flow::Money {
        return None;
    }
    if let Some(answer) = named(net, e) {
        return answer;
    }
    let payer = net.owner(edge.from);
    let (mut to_payer, mut to_anyone) = (None, None);
    for side in net.side(edge.to) {
        for &x in net.outgoing.row(side) {
            let out = &net.edges[x];
            if !can_buy(edge, out) {
                continue;
            }
            let same = out.cadence == edge.cadence && out.per == edge.per;
            // Paid once for something that recurs, or the other way round: not
            // what this payment buys (a one-time rebate is not the price of a
            // yearly report).
            let once = |c: Cadence| c == Cadence::Once;
            let alike = once(out.cadence) == once(edge.cadence);
            if payer.is_some() && net.owner(out.to) == payer {
                if same {
                    return Some(x);
                }
                if alike {
                    to_payer.get_or_insert(x);
                }
            } else if same && matches!(out.flow, Flow::Goods | Flow::Service) {
                to_anyone.get_or_insert(x);
            }
        }
    }
    to_payer.or(to_anyone)
}

/// A cadence as a sortable key (`Times(n)` by the bits of `n`: validated
/// counts are finite and positive, so equal bits is equal counts).
fn cadence_key(c: Cadence) -> (u8, u64) {
    match c {
        Cadence::Once => (0, 0),
        Cadence::Yearly => (1, 0),
        Cadence::Monthly => (2, 0),
        Cadence::Times(n) => (3, n.to_bits()),
    }
}

/// No owner, as a sort key that no payer has.
const NO_OWNER: u32 = u32::MAX;

/// [`paid_for`] of every exchange. Per receiving node, the exchanges out of
/// its side are sorted once by the owner they go to (step 3 looks up only
/// those to the payer) and, for goods and services, by how they are charged
/// (step 4 looks up the first charged alike whose receiver is not the
/// payer). O(E log d) in all, nodes in parallel; the same answers as
/// [`paid_for_one`] (tested).
fn paid_for_all(net: &Network) -> IdxVec<ExchangeIdx, Option<ExchangeIdx>> {
    let mut out = IdxVec::filled(net.exchange_count(), None);
    let found: Vec<Vec<(ExchangeIdx, Option<ExchangeIdx>)>> = net
        .nodes()
        .collect::<Vec<_>>()
        .par_chunks(4096)
        .map(|chunk| {
            let mut found = Vec::new();
            let mut side = SideIndex::default();
            for &t in chunk {
                let mut built = false;
                for &e in net.incoming.row(t) {
                    if net.edges[e].flow != Flow::Money {
                        continue;
                    }
                    let answer = named(net, e).unwrap_or_else(|| {
                        if !built {
                            side.build(net, t);
                            built = true;
                        }
                        side.search(net, e)
                    });
                    found.push((e, answer));
                }
            }
            found
        })
        .collect();
    for (e, answer) in found.into_iter().flatten() {
        out[e] = answer;
    }
    out
}

/// A good or service out of a side, as step 4 of [`paid_for`] looks it up.
#[derive(Clone, Copy)]
struct Charged {
    /// How it is charged: its cadence ([`cadence_key`]) and `per` node.
    charge: ((u8, u64), u32),
    /// Its position on the side (file order within the side).
    position: u32,
    exchange: ExchangeIdx,
    /// The owner of its receiver ([`NO_OWNER`] if none).
    owner: u32,
}

/// The exchanges out of one node's side, sorted for the look-ups of
/// [`paid_for_all`]; the vectors are reused from node to node.
#[derive(Default)]
struct SideIndex {
    /// Non-money exchanges by (owner of the receiver, position on the side).
    by_owner: Vec<(u32, u32, ExchangeIdx)>,
    /// Goods and services by how they are charged, then position.
    by_charge: Vec<Charged>,
    /// For each entry of `by_charge`: the index of the next entry whose
    /// receiver has another owner (or the length).
    next_other: Vec<u32>,
}

impl SideIndex {
    fn build(&mut self, net: &Network, t: NodeIdx) {
        self.by_owner.clear();
        self.by_charge.clear();
        let mut position = 0u32;
        for side in net.side(t) {
            for &x in net.outgoing.row(side) {
                let out = &net.edges[x];
                position += 1;
                if out.flow == Flow::Money {
                    continue;
                }
                let owner = net.owner(out.to).map_or(NO_OWNER, |o| o.index() as u32);
                self.by_owner.push((owner, position, x));
                if matches!(out.flow, Flow::Goods | Flow::Service) {
                    let per = out.per.map_or(NO_OWNER, |p| p.index() as u32);
                    self.by_charge.push(Charged {
                        charge: (cadence_key(out.cadence), per),
                        position,
                        exchange: x,
                        owner,
                    });
                }
            }
        }
        self.by_owner.sort_unstable();
        self.by_charge
            .sort_unstable_by_key(|c| (c.charge, c.position));
        let n = self.by_charge.len();
        self.next_other.clear();
        self.next_other.resize(n, n as u32);
        for i in (0..n.saturating_sub(1)).rev() {
            self.next_other[i] = if self.by_charge[i + 1].owner != self.by_charge[i].owner {
                i as u32 + 1
            } else {
                self.next_other[i + 1]
            };
        }
    }

    /// Steps 3 and 4 of [`paid_for`] for money exchange `e` into the node
    /// this index was built for.
    fn search(&self, net: &Network, e: ExchangeIdx) -> Option<ExchangeIdx> {
        let edge = &net.edges[e];
        let payer = net.owner(edge.from).map(|o| o.index() as u32);
        if let Some(p) = payer {
            let start = self.by_owner.partition_point(|c| c.0 < p);
            let mut to_payer = None;
            for &(owner, _, x) in &self.by_owner[start..] {
                if owner != p {
                    break;
                }
                let out = &net.edges[x];
                if !can_buy(edge, out) {
                    continue;
                }
                if out.cadence == edge.cadence && out.per == edge.per {
                    return Some(x);
                }
                if (out.cadence == Cadence::Once) == (edge.cadence == Cadence::Once) {
                    to_payer.get_or_insert(x);
                }
            }
            if to_payer.is_some() {
                return to_payer;
            }
        }
        let key = (
            cadence_key(edge.cadence),
            edge.per.map_or(NO_OWNER, |p| p.index() as u32),
        );
        let first = self.by_charge.partition_point(|c| c.charge < key);
        let same = |i: usize| self.by_charge.get(i).is_some_and(|c| c.charge == key);
        if !same(first) {
            return None;
        }
        // The first charged alike whose receiver is not the payer's: this
        // one, or the next with another owner.
        let pick = if payer == Some(self.by_charge[first].owner) {
            self.next_other[first] as usize
        } else {
            first
        };
        same(pick).then(|| self.by_charge[pick].exchange)
    }
}

/// The cadence that drives an exchange's occurrences: its own, or that of
/// the exchange at the root of the `follows` chain it is on. A `Times`
/// cadence there means "per occurrence of use".
pub(crate) fn driving_cadence(net: &Network, mut e: ExchangeIdx) -> Cadence {
    while let Some((f, _)) = net.edges[e].follows {
        e = f;
    }
    net.edges[e].cadence
}

/// The revenue model of money exchange `e`: as written, else inferred from
/// what it pays for (`paid_for`):
/// - nothing in return: a transfer (rebate, subsidy, grant);
/// - it follows a benefit: gain sharing (outcome-based);
/// - it pays a worth actor (a customer) for a benefit it gives: a transfer
///   (a reward or rebate);
/// - goods: an asset sale; data: a data sale;
/// - a service, knowledge or a benefit: paid per occurrence of use (a
///   `Times` cadence drives it: its own, or the one at the root of its
///   `follows` chain) a usage fee; else paid once (installation,
///   onboarding) a service fee; else (yearly, monthly) a subscription.
pub fn revenue_model(net: &Network, e: ExchangeIdx) -> RevenueModel {
    let edge = &net.edges[e];
    if let Some(m) = edge.revenue_model {
        return m;
    }
    let Some(bought) = paid_for(net, e) else {
        return RevenueModel::Transfer;
    };
    if edge
        .follows
        .is_some_and(|(f, _)| net.edges[f].flow == Flow::Benefit)
    {
        return RevenueModel::GainSharing;
    }
    let bought = &net.edges[bought];
    // A customer paid for a benefit it gives (its consent, its loyalty, a
    // lower load) receives a reward, not a price: a transfer.
    if bought.flow == Flow::Benefit
        && net
            .owner(bought.from)
            .is_some_and(|o| net.goals[o] == crate::model::Goal::Worth)
    {
        return RevenueModel::Transfer;
    }
    match bought.flow {
        Flow::Goods => RevenueModel::AssetSale,
        Flow::Data => RevenueModel::DataSale,
        Flow::Money | Flow::Service | Flow::Knowledge | Flow::Benefit => {
            match (driving_cadence(net, e), edge.cadence) {
                (Cadence::Times(_), _) => RevenueModel::UsageFee,
                (_, Cadence::Once) => RevenueModel::ServiceFee,
                _ => RevenueModel::Subscription,
            }
        }
    }
}

/// The revenue model of every exchange (`None` for flows other than money).
pub(crate) fn revenue_models(net: &Network) -> IdxVec<ExchangeIdx, Option<RevenueModel>> {
    net.exchanges()
        .map(|e| (net.edges[e].flow == Flow::Money).then(|| revenue_model(net, e)))
        .collect()
}

/// Per node: whether it sells, i.e. receives money that pays for something
/// (any model but a transfer). An actor that sells nothing is a customer.
pub(crate) fn sellers(
    net: &Network,
    models: &IdxVec<ExchangeIdx, Option<RevenueModel>>,
) -> IdxVec<NodeIdx, bool> {
    let mut sells: IdxVec<NodeIdx, bool> = net.nodes().map(|_| false).collect();
    for (e, edge) in net.edges.iter_enumerated() {
        if models[e].is_some_and(|m| m != RevenueModel::Transfer) {
            if let Some(o) = net.owner(edge.to) {
                sells[o] = true;
            }
        }
    }
    sells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::generate::{generate_string, GenerateConfig};

    fn network(text: String) -> Network {
        let file = SourceFile {
            name: "gen.ron".into(),
            text,
        };
        Network::new(&crate::load_source(&file).expect("loads"))
    }

    /// The table of every payment equals the definition, one payment at a
    /// time, on generated designs (power-law hubs with many payments in and
    /// many exchanges out, every flow and cadence, `per`, `follows`,
    /// `reciprocates`) and on the shipped ones.
    #[test]
    fn every_payment_at_once_equals_one_at_a_time() {
        let mut nets: Vec<Network> = Vec::new();
        for (nodes, seed) in [(12, 1), (40, 2), (40, 3), (150, 4), (600, 5), (3000, 6)] {
            nets.push(network(generate_string(&GenerateConfig::new(nodes, seed))));
        }
        for entry in std::fs::read_dir("ecosystems").expect("ecosystems") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|x| x == "ron") {
                nets.push(network(std::fs::read_to_string(path).expect("read")));
            }
        }
        let mut searched = 0;
        for net in &nets {
            for e in net.exchanges() {
                assert_eq!(paid_for(net, e), paid_for_one(net, e), "exchange {e:?}");
                searched +=
                    usize::from(net.edges[e].flow == Flow::Money && named(net, e).is_none());
            }
        }
        // The side searches (steps 3 and 4) were exercised, not only steps 1 and 2.
        assert!(searched > 1000, "{searched}");
    }
}
