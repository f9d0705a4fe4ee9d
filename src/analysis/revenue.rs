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
/// `None`: nothing comes back (a transfer).
pub(crate) fn paid_for(net: &Network, e: ExchangeIdx) -> Option<ExchangeIdx> {
    let edge = &net.edges[e];
    if let Some(r) = edge.reciprocates {
        return (net.edges[r].flow != Flow::Money).then_some(r);
    }
    let payee = net.owner(edge.to);
    let payer = net.owner(edge.from);
    if let Some((f, ratio)) = edge.follows {
        let followed = &net.edges[f];
        // One payment per delivery of goods is their price, whatever the
        // payment's own cadence says (the follow sets its occurrences).
        let price = followed.flow == Flow::Goods && ratio == 1.0;
        if (price || can_buy(edge, followed)) && net.owner(followed.from) == payee {
            return Some(f);
        }
    }
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
