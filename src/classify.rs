//! Classification of an actor's business model, each label with its evidence:
//! the IoT business-model types (subscription, outcome-based, asset sharing,
//! asset tracking, selling devices, razor blade, IoT data, pay-per-use), the
//! IIoT patterns (digital add-on, digital lock-in, product as point of sales,
//! physical freemium, object self-service, remote monitoring), and the IoT
//! role of an organisation (enabler, engager, enhancer, embedder). Pure.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::canvas::revenue_model;
use crate::model::{Flow, IotRole, NodeKind, RevenueModel};
use crate::validate::ValueDesign;

/// A label with the exchanges (by id) that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The label, in words.
    pub name: &'static str,
    /// Why: exchange ids, or "set in the file".
    pub evidence: Vec<String>,
}

/// Appends `name` with its evidence, unless there is none.
fn add(out: &mut Vec<Label>, name: &'static str, evidence: Vec<String>) {
    if !evidence.is_empty() {
        out.push(Label { name, evidence });
    }
}

/// Words for an IoT role.
pub fn role_name(r: IotRole) -> &'static str {
    match r {
        IotRole::Enabler => "enabler",
        IotRole::Engager => "engager",
        IotRole::Enhancer => "enhancer",
        IotRole::Embedder => "embedder",
    }
}

/// The IoT roles of node `a` (organisations only): the file's `iot_role` if set,
/// else every role the network shows, in the order engager, enabler, enhancer,
/// embedder (the first is the primary one).
pub fn iot_roles(design: &ValueDesign, an: &Analysis, a: usize) -> Vec<Label> {
    let eco = design.ecosystem();
    let net = &an.network;
    if net.kinds[a] != NodeKind::Organization {
        return Vec::new();
    }
    if let Some(r) = eco.nodes[a].iot_role {
        return vec![Label {
            name: role_name(r),
            evidence: vec!["set in the file (`iot_role`)".to_owned()],
        }];
    }
    let id = |e: u32| eco.exchanges[e as usize].id.to_string();
    let end_customer =
        |n: u32| matches!(net.kinds[n as usize], NodeKind::Segment | NodeKind::Person);
    let offers = net.offerings(a);
    let mut out = Vec::new();
    let engager: Vec<String> = offers
        .iter()
        .copied()
        .filter(|&e| end_customer(net.edges[e as usize].to))
        .map(id)
        .collect();
    add(&mut out, "engager", engager);
    // Supplies technology to an organisation that itself serves others.
    let enabler: Vec<String> = offers
        .iter()
        .copied()
        .filter(|&e| {
            let to = net.edges[e as usize].to;
            net.kinds[to as usize] == NodeKind::Organization
                && matches!(
                    net.edges[e as usize].flow,
                    Flow::Goods | Flow::Service | Flow::Data
                )
                && net
                    .outgoing
                    .row(to as usize)
                    .iter()
                    .any(|&x| net.edges[x as usize].flow != Flow::Money)
        })
        .map(id)
        .collect();
    add(&mut out, "enabler", enabler);
    // Services on the data of others' offerings.
    let others_data: Vec<u32> = net
        .incoming
        .row(a)
        .iter()
        .copied()
        .filter(|&e| {
            net.edges[e as usize].flow == Flow::Data
                && net.owner(net.edges[e as usize].from) != Some(a as u32)
        })
        .collect();
    if !others_data.is_empty()
        && offers.iter().any(|&e| {
            matches!(
                net.edges[e as usize].flow,
                Flow::Service | Flow::Data | Flow::Knowledge
            )
        })
    {
        out.push(Label {
            name: "enhancer",
            evidence: others_data.into_iter().map(id).collect(),
        });
    }
    // IoT in its own operations: data from its own devices or processes.
    let own_data: Vec<String> = net
        .incoming
        .row(a)
        .iter()
        .copied()
        .filter(|&e| {
            let from = net.edges[e as usize].from;
            net.edges[e as usize].flow == Flow::Data
                && !net.kinds[from as usize].is_actor()
                && net.owner(from) == Some(a as u32)
        })
        .map(id)
        .collect();
    add(&mut out, "embedder", own_data);
    out
}

/// The business-model types and IIoT patterns node `a`'s revenue shows.
pub fn patterns(design: &ValueDesign, an: &Analysis, a: usize) -> Vec<Label> {
    let eco = design.ecosystem();
    let net = &an.network;
    let id = |e: u32| eco.exchanges[e as usize].id.to_string();
    let money_in = net.money_in(a);
    let model = |e: u32| revenue_model(design, e as usize);
    let by_model = |m: RevenueModel| -> Vec<String> {
        money_in
            .iter()
            .copied()
            .filter(|&e| model(e) == m)
            .map(id)
            .collect()
    };
    let recurring = |e: u32| {
        matches!(
            model(e),
            RevenueModel::Subscription | RevenueModel::UsageFee
        )
    };
    let goods_to = |n: u32| {
        net.outgoing
            .row(a)
            .iter()
            .any(|&x| net.edges[x as usize].flow == Flow::Goods && net.edges[x as usize].to == n)
    };
    // A one-time payment for goods: it reciprocates a goods exchange, or, saying
    // nothing, comes from someone the actor sends goods to.
    let pays_for_goods = |e: u32| match net.edges[e as usize].reciprocates {
        Some(x) => net.edges[x as usize].flow == Flow::Goods,
        None => goods_to(net.edges[e as usize].from),
    };
    let mut out = Vec::new();
    add(
        &mut out,
        "subscription",
        by_model(RevenueModel::Subscription),
    );
    add(
        &mut out,
        "outcome-based",
        by_model(RevenueModel::GainSharing),
    );
    add(&mut out, "asset sharing", by_model(RevenueModel::Leasing));
    add(&mut out, "pay-per-use", by_model(RevenueModel::UsageFee));
    add(&mut out, "IoT data", by_model(RevenueModel::DataSale));
    let device_sales: Vec<String> = money_in
        .iter()
        .copied()
        .filter(|&e| model(e) == RevenueModel::AssetSale && pays_for_goods(e))
        .map(id)
        .collect();
    add(&mut out, "selling devices", device_sales);
    // Razor blade: the same payer buys the device once and pays again and again.
    let razor: Vec<String> = money_in
        .iter()
        .copied()
        .filter(|&e| {
            let payer = net.edges[e as usize].from;
            model(e) == RevenueModel::AssetSale
                && pays_for_goods(e)
                && money_in
                    .iter()
                    .any(|&r| net.edges[r as usize].from == payer && recurring(r))
        })
        .map(id)
        .collect();
    add(&mut out, "razor blade", razor);
    // Asset tracking: data from devices, sold on as data.
    let device_data = net.incoming.row(a).iter().any(|&e| {
        net.edges[e as usize].flow == Flow::Data
            && net.kinds[net.edges[e as usize].from as usize] == NodeKind::Device
    });
    let data_offers: Vec<String> = net
        .outgoing
        .row(a)
        .iter()
        .copied()
        .filter(|&e| {
            net.edges[e as usize].flow == Flow::Data
                && money_in
                    .iter()
                    .any(|&m| net.edges[m as usize].from == net.edges[e as usize].to)
        })
        .map(id)
        .collect();
    if device_data {
        add(&mut out, "asset tracking", data_offers);
    }
    // IIoT patterns.
    let add_on: Vec<String> = money_in
        .iter()
        .copied()
        .filter(|&e| model(e) == RevenueModel::Subscription && goods_to(net.edges[e as usize].from))
        .map(id)
        .collect();
    add(&mut out, "digital add-on", add_on);
    // Digital lock-in: a recurring fee, not itself a payment for goods, that
    // follows the actor's own goods (the service comes with the device).
    let lock_in: Vec<String> = money_in
        .iter()
        .copied()
        .filter(|&e| {
            recurring(e)
                && net.edges[e as usize]
                    .reciprocates
                    .is_none_or(|x| net.edges[x as usize].flow != Flow::Goods)
                && net.edges[e as usize].follows.is_some_and(|(f, _)| {
                    let followed = &net.edges[f as usize];
                    followed.flow == Flow::Goods && followed.from == a as u32
                })
        })
        .map(id)
        .collect();
    add(&mut out, "digital lock-in", lock_in);
    let mut point_of_sales = by_model(RevenueModel::Advertising);
    point_of_sales.extend(by_model(RevenueModel::Brokerage));
    add(&mut out, "product as point of sales", point_of_sales);
    add(
        &mut out,
        "physical freemium",
        by_model(RevenueModel::Freemium),
    );
    let self_service: Vec<String> = money_in
        .iter()
        .copied()
        .filter(|&e| net.kinds[net.edges[e as usize].from as usize] == NodeKind::Device)
        .map(id)
        .collect();
    add(&mut out, "object self-service", self_service);
    // Remote monitoring: data from a customer's devices, a service back to that customer.
    let monitoring: Vec<String> = net
        .incoming
        .row(a)
        .iter()
        .copied()
        .filter(|&e| {
            let from = net.edges[e as usize].from;
            net.edges[e as usize].flow == Flow::Data
                && net.kinds[from as usize] == NodeKind::Device
                && net.owner(from).is_some_and(|o| {
                    o != a as u32
                        && net.outgoing.row(a).iter().any(|&x| {
                            net.edges[x as usize].flow == Flow::Service
                                && net.edges[x as usize].to == o
                        })
                })
        })
        .map(id)
        .collect();
    add(&mut out, "remote monitoring", monitoring);
    out
}
