//! Classification of an actor's business model, each label with its evidence:
//! the IoT business-model types (subscription, outcome-based, asset sharing,
//! asset tracking, selling devices, razor blade, IoT data, pay-per-use), the
//! IIoT patterns (digital add-on, digital lock-in, product as point of sales,
//! physical freemium, object self-service, remote monitoring), and the IoT
//! role of an organisation (enabler, engager, enhancer, embedder). Pure.

use serde::Serialize;

use crate::analysis::{revenue, Analysis};
use crate::index::{ExchangeIdx, NodeIdx};
use crate::model::Cadence;
use crate::model::{Flow, IotRole, NodeKind, RevenueModel};
use crate::network::{CostBasis, Network};
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
pub(crate) fn role_name(r: IotRole) -> &'static str {
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
pub fn iot_roles(design: &ValueDesign, an: &Analysis, a: NodeIdx) -> Vec<Label> {
    let eco = design.ecosystem();
    let net = &an.network;
    if net.kinds[a] != NodeKind::Organization {
        return Vec::new();
    }
    if let Some(r) = eco.node(a).iot_role {
        return vec![Label {
            name: role_name(r),
            evidence: vec!["set in the file (`iot_role`)".to_owned()],
        }];
    }
    let id = |e: ExchangeIdx| eco.exchange(e).id.to_string();
    let end_customer = |n: NodeIdx| matches!(net.kinds[n], NodeKind::Segment | NodeKind::Person);
    let offers = net.offerings(a);
    let mut out = Vec::new();
    let engager: Vec<String> = offers
        .iter()
        .copied()
        .filter(|&e| end_customer(net.edges[e].to))
        .map(id)
        .collect();
    add(&mut out, "engager", engager);
    // Supplies technology to an organisation that itself serves others.
    let enabler: Vec<String> = offers
        .iter()
        .copied()
        .filter(|&e| {
            let to = net.edges[e].to;
            net.kinds[to] == NodeKind::Organization
                && matches!(net.edges[e].flow, Flow::Goods | Flow::Service | Flow::Data)
                && net
                    .outgoing
                    .row(to)
                    .iter()
                    .any(|&x| net.edges[x].flow != Flow::Money)
        })
        .map(id)
        .collect();
    add(&mut out, "enabler", enabler);
    // Services on the data of others' offerings.
    let others_data: Vec<ExchangeIdx> = net
        .incoming
        .row(a)
        .iter()
        .copied()
        .filter(|&e| net.edges[e].flow == Flow::Data && net.owner(net.edges[e].from) != Some(a))
        .collect();
    if !others_data.is_empty()
        && offers.iter().any(|&e| {
            matches!(
                net.edges[e].flow,
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
            let from = net.edges[e].from;
            net.edges[e].flow == Flow::Data
                && !net.kinds[from].is_actor()
                && net.owner(from) == Some(a)
        })
        .map(id)
        .collect();
    add(&mut out, "embedder", own_data);
    out
}

/// What the pattern rules of one actor read.
struct Streams<'a> {
    design: &'a ValueDesign,
    an: &'a Analysis,
    net: &'a Network,
    a: NodeIdx,
    /// The money exchanges into the actor, in file order.
    money_in: Vec<ExchangeIdx>,
}

impl Streams<'_> {
    fn id(&self, e: ExchangeIdx) -> String {
        self.design.ecosystem().exchange(e).id.to_string()
    }

    fn model(&self, e: ExchangeIdx) -> RevenueModel {
        self.an.revenue_model(e).unwrap_or(RevenueModel::Transfer)
    }

    fn by_model(&self, m: RevenueModel) -> Vec<String> {
        self.money_in
            .iter()
            .copied()
            .filter(|&e| self.model(e) == m)
            .map(|e| self.id(e))
            .collect()
    }

    /// The goods exchange from the actor's side that money `e` pays for.
    fn goods_paid(&self, e: ExchangeIdx) -> Option<ExchangeIdx> {
        revenue::paid_for(self.net, e).filter(|&g| {
            let edge = &self.net.edges[g];
            edge.flow == Flow::Goods && self.net.owner(edge.from) == Some(self.a)
        })
    }

    /// Whether exchange `x` is, or follows (through any chain), one of `roots`.
    fn on_chain(&self, mut x: ExchangeIdx, roots: [ExchangeIdx; 2]) -> bool {
        loop {
            if roots.contains(&x) {
                return true;
            }
            match self.net.edges[x].follows {
                Some((f, _)) => x = f,
                None => return false,
            }
        }
    }

    /// Whether device sale `pay` (for goods `goods`) is at or below its unit
    /// cost over the horizon: the actor's costs paid per occurrence of the
    /// sale (or of what follows it) and the money it pays out that follows
    /// the sale (components, subcontracts) add up to at least what it earns.
    fn below_cost(&self, pay: ExchangeIdx, goods: ExchangeIdx) -> bool {
        let (net, tl) = (self.net, &self.an.timeline);
        let roots = [pay, goods];
        let total =
            |e: ExchangeIdx, v: f64| -> f64 { tl.occurrences(e).iter().map(|o| v * o).sum() };
        let mut cost = 0.0;
        for &k in net.node_costs.row(self.a) {
            let c = &net.costs[k];
            if let CostBasis::PerExchange(x) = c.basis {
                if self.on_chain(x, roots) {
                    cost += total(x, c.amount);
                }
            }
        }
        for side in net.side(self.a) {
            for &m in net.outgoing.row(side) {
                let edge = &net.edges[m];
                if edge.flow == Flow::Money && self.on_chain(m, roots) {
                    cost += total(m, edge.value);
                }
            }
        }
        let earned = total(pay, net.edges[pay].value);
        cost > 0.0 && earned <= cost
    }
}

/// The business-model types and IIoT patterns node `a`'s revenue shows.
pub fn patterns(design: &ValueDesign, an: &Analysis, a: NodeIdx) -> Vec<Label> {
    let s = Streams {
        design,
        an,
        net: &an.network,
        a,
        money_in: an.network.money_in(a),
    };
    let mut out = Vec::new();
    add(
        &mut out,
        "subscription",
        s.by_model(RevenueModel::Subscription),
    );
    add(
        &mut out,
        "outcome-based",
        s.by_model(RevenueModel::GainSharing),
    );
    add(&mut out, "asset sharing", s.by_model(RevenueModel::Leasing));
    add(&mut out, "pay-per-use", pay_per_use(&s));
    add(&mut out, "IoT data", s.by_model(RevenueModel::DataSale));
    add(&mut out, "selling devices", device_sales(&s));
    add(&mut out, "razor blade", razor_blade(&s));
    add(&mut out, "asset tracking", asset_tracking(&s));
    add(&mut out, "digital add-on", digital_add_on(&s));
    add(&mut out, "digital lock-in", digital_lock_in(&s));
    let mut point_of_sales = s.by_model(RevenueModel::Advertising);
    point_of_sales.extend(s.by_model(RevenueModel::Brokerage));
    add(&mut out, "product as point of sales", point_of_sales);
    add(
        &mut out,
        "physical freemium",
        s.by_model(RevenueModel::Freemium),
    );
    add(&mut out, "object self-service", object_self_service(&s));
    add(&mut out, "remote monitoring", remote_monitoring(&s));
    out
}

/// Pay-per-use: a usage fee paid per occurrence of use (a `Times` cadence
/// drives it), never a flat yearly or monthly fee, never a purchase of goods.
fn pay_per_use(s: &Streams<'_>) -> Vec<String> {
    s.money_in
        .iter()
        .copied()
        .filter(|&e| {
            s.model(e) == RevenueModel::UsageFee
                && matches!(revenue::driving_cadence(s.net, e), Cadence::Times(_))
                && revenue::paid_for(s.net, e).is_none_or(|x| s.net.edges[x].flow != Flow::Goods)
        })
        .map(|e| s.id(e))
        .collect()
}

/// Selling devices: a one-time payment for goods the actor supplies.
fn device_sales(s: &Streams<'_>) -> Vec<String> {
    s.money_in
        .iter()
        .copied()
        .filter(|&e| s.model(e) == RevenueModel::AssetSale && s.goods_paid(e).is_some())
        .map(|e| s.id(e))
        .collect()
}

/// Razor blade: a device sold at or below its unit cost, with recurring
/// revenue (subscription, usage fee...) from the same payer.
fn razor_blade(s: &Streams<'_>) -> Vec<String> {
    s.money_in
        .iter()
        .copied()
        .filter(|&e| {
            let payer = s.net.edges[e].from;
            s.model(e) == RevenueModel::AssetSale
                && s.goods_paid(e).is_some_and(|g| s.below_cost(e, g))
                && s.money_in
                    .iter()
                    .any(|&r| s.net.edges[r].from == payer && s.model(r).is_recurring())
        })
        .map(|e| s.id(e))
        .collect()
}

/// Asset tracking: data from devices, sold on as data.
fn asset_tracking(s: &Streams<'_>) -> Vec<String> {
    let net = s.net;
    let device_data = net.incoming.row(s.a).iter().any(|&e| {
        net.edges[e].flow == Flow::Data && net.kinds[net.edges[e].from] == NodeKind::Device
    });
    if !device_data {
        return Vec::new();
    }
    net.outgoing
        .row(s.a)
        .iter()
        .copied()
        .filter(|&e| {
            net.edges[e].flow == Flow::Data
                && s.money_in
                    .iter()
                    .any(|&m| net.edges[m].from == net.edges[e].to)
        })
        .map(|e| s.id(e))
        .collect()
}

/// Digital add-on: a subscription from someone the actor sends goods to.
fn digital_add_on(s: &Streams<'_>) -> Vec<String> {
    let net = s.net;
    let goods_to = |n: NodeIdx| {
        net.outgoing
            .row(s.a)
            .iter()
            .any(|&x| net.edges[x].flow == Flow::Goods && net.edges[x].to == n)
    };
    s.money_in
        .iter()
        .copied()
        .filter(|&e| s.model(e) == RevenueModel::Subscription && goods_to(net.edges[e].from))
        .map(|e| s.id(e))
        .collect()
}

/// Digital lock-in: a recurring fee, not itself a payment for goods, that
/// follows the actor's own goods (the service comes with the device).
fn digital_lock_in(s: &Streams<'_>) -> Vec<String> {
    let net = s.net;
    s.money_in
        .iter()
        .copied()
        .filter(|&e| {
            s.model(e).is_recurring()
                && s.goods_paid(e).is_none()
                && net.edges[e].follows.is_some_and(|(f, _)| {
                    let followed = &net.edges[f];
                    followed.flow == Flow::Goods && followed.from == s.a
                })
        })
        .map(|e| s.id(e))
        .collect()
}

/// Object self-service: money paid by a device.
fn object_self_service(s: &Streams<'_>) -> Vec<String> {
    s.money_in
        .iter()
        .copied()
        .filter(|&e| s.net.kinds[s.net.edges[e].from] == NodeKind::Device)
        .map(|e| s.id(e))
        .collect()
}

/// Remote monitoring: data from devices at a customer (a device under
/// another actor that the actor serves or is paid by) reaches the actor or
/// one of its own processes or apps.
fn remote_monitoring(s: &Streams<'_>) -> Vec<String> {
    let net = s.net;
    let me = Some(s.a);
    let mut served: Vec<NodeIdx> = net
        .side(s.a)
        .flat_map(|side| net.outgoing.row(side).iter())
        .filter_map(|&x| net.owner(net.edges[x].to))
        .chain(
            s.money_in
                .iter()
                .filter_map(|&m| net.owner(net.edges[m].from)),
        )
        .collect();
    served.sort_unstable();
    served.dedup();
    net.side(s.a)
        .flat_map(|side| net.incoming.row(side).iter().copied())
        .filter(|&e| {
            let edge = &net.edges[e];
            edge.flow == Flow::Data
                && net.kinds[edge.from] == NodeKind::Device
                && net
                    .owner(edge.from)
                    .is_some_and(|o| Some(o) != me && served.binary_search(&o).is_ok())
        })
        .map(|e| s.id(e))
        .collect()
}
