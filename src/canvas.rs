//! Contract 3.6: every actor's Business Model Canvas, derived from the value
//! network (never typed by hand). Every entry cites the exchanges, nodes,
//! costs, resources or activities it comes from, with amounts per year where
//! it has them. An actor that sells nothing (a customer) gets the customer
//! side of the Value Proposition Canvas instead: jobs, gains and pains.
//! Pure: no I/O. One function per block.

use serde::Serialize;

use crate::words::amount;

use crate::analysis::{revenue, Analysis};
use crate::index::{CostIdx, ExchangeIdx, NodeIdx};
use crate::model::{Cadence, Ecosystem, Flow, NodeKind, RevenueModel};
use crate::network::{CostBasis, Network};
use crate::validate::ValueDesign;

/// Where a canvas entry comes from, by id (or by position in a node's lists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Source {
    /// An exchange, by id.
    Exchange(String),
    /// A node, by id.
    Node(String),
    /// A cost of the actor: its label.
    Cost(String),
    /// An entry of the actor's `resources`.
    Resource(String),
    /// An entry of the actor's `activities`.
    Activity(String),
    /// A driver the actor pursues, by id.
    Driver(String),
}

/// One entry of a canvas block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// What it says.
    pub text: String,
    /// Tags: `user`, `payer`, `customer`; `fixed`, `variable`; a revenue model...
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Amount per year, where it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_year: Option<Vec<f64>>,
    /// Where it comes from.
    pub sources: Vec<Source>,
}

/// Which canvas an actor gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CanvasKind {
    /// The nine blocks of the Business Model Canvas: an actor that sells.
    Business,
    /// The customer profile of the Value Proposition Canvas (jobs, gains,
    /// pains): an actor that sells nothing, it buys and uses.
    Customer,
}

/// A derived canvas: the nine blocks of an actor that sells, or the three of
/// a customer's profile (the other blocks are then empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Canvas {
    /// The actor's id.
    pub actor: String,
    /// The actor's label.
    pub label: String,
    /// Business Model Canvas or customer profile.
    pub kind: CanvasKind,
    /// Customer segments: who receives, pays, decides.
    pub customer_segments: Vec<Entry>,
    /// Value propositions: outgoing non-money offerings.
    pub value_propositions: Vec<Entry>,
    /// Channels of those offerings.
    pub channels: Vec<Entry>,
    /// Customer relationships.
    pub customer_relationships: Vec<Entry>,
    /// Revenue streams: incoming money.
    pub revenue_streams: Vec<Entry>,
    /// Key resources.
    pub key_resources: Vec<Entry>,
    /// Key activities.
    pub key_activities: Vec<Entry>,
    /// Key partners.
    pub key_partners: Vec<Entry>,
    /// Cost structure.
    pub cost_structure: Vec<Entry>,
    /// A customer's jobs: the drivers it pursues.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub jobs: Vec<Entry>,
    /// A customer's gains: the worth it receives, per offering.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gains: Vec<Entry>,
    /// A customer's pains: what it pays and gives, and its costs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pains: Vec<Entry>,
    /// The IoT business-model types and IIoT patterns its revenue shows.
    pub patterns: Vec<crate::classify::Label>,
    /// Its IoT roles (organisations), the primary one first.
    pub iot_roles: Vec<crate::classify::Label>,
}

impl Canvas {
    /// The blocks with their titles, in reading order: nine for a business
    /// canvas, three (jobs, gains, pains) for a customer profile.
    pub fn blocks(&self) -> Vec<(&'static str, &[Entry])> {
        match self.kind {
            CanvasKind::Business => vec![
                ("Key partners", &self.key_partners),
                ("Key activities", &self.key_activities),
                ("Key resources", &self.key_resources),
                ("Value propositions", &self.value_propositions),
                ("Customer relationships", &self.customer_relationships),
                ("Channels", &self.channels),
                ("Customer segments", &self.customer_segments),
                ("Cost structure", &self.cost_structure),
                ("Revenue streams", &self.revenue_streams),
            ],
            CanvasKind::Customer => vec![
                ("Jobs", &self.jobs),
                ("Gains", &self.gains),
                ("Pains", &self.pains),
            ],
        }
    }

    /// The canvas's title: "Business Model Canvas" or "Customer profile".
    pub fn title(&self) -> &'static str {
        match self.kind {
            CanvasKind::Business => "Business Model Canvas",
            CanvasKind::Customer => "Customer profile",
        }
    }
}

/// Pushes `source` onto the entry with `text` (creating it), keeping first-seen order.
fn merge(entries: &mut Vec<Entry>, text: String, tags: &[&str], source: Source) {
    if let Some(e) = entries.iter_mut().find(|e| e.text == text) {
        for t in tags {
            if !e.tags.iter().any(|x| x == t) {
                e.tags.push((*t).to_owned());
            }
        }
        if !e.sources.contains(&source) {
            e.sources.push(source);
        }
    } else {
        entries.push(Entry {
            text,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            per_year: None,
            sources: vec![source],
        });
    }
}

/// What every block reads: the design, the analysis and the actor.
struct Ctx<'a> {
    eco: &'a Ecosystem,
    an: &'a Analysis,
    net: &'a Network,
    a: NodeIdx,
    /// Every `(decider, decided for)` pair of the design (a short list).
    decides: Vec<(NodeIdx, NodeIdx)>,
}

impl Ctx<'_> {
    fn ex_id(&self, e: ExchangeIdx) -> Source {
        Source::Exchange(self.eco.exchange(e).id.to_string())
    }

    fn node_label(&self, n: NodeIdx) -> String {
        self.eco.node(n).label.to_string()
    }

    fn node_source(&self, n: NodeIdx) -> Source {
        Source::Node(self.eco.node(n).id.to_string())
    }

    /// `value * O(e, y)` per year.
    fn per_year(&self, e: ExchangeIdx) -> Vec<f64> {
        let v = self.eco.exchange(e).value;
        self.an
            .timeline
            .occurrences(e)
            .iter()
            .map(|o| v * o)
            .collect()
    }

    fn outgoing(&self) -> &[ExchangeIdx] {
        self.net.outgoing.row(self.a)
    }

    fn incoming(&self) -> &[ExchangeIdx] {
        self.net.incoming.row(self.a)
    }

    fn edge(&self, e: ExchangeIdx) -> &crate::network::Edge {
        &self.net.edges[e]
    }

    fn is_transfer(&self, e: ExchangeIdx) -> bool {
        self.an.revenue_model(e) == Some(RevenueModel::Transfer)
    }

    /// The nodes that decide for `n` (`decides_for`).
    fn deciders(&self, n: NodeIdx) -> Vec<NodeIdx> {
        self.decides
            .iter()
            .filter(|(_, of)| *of == n)
            .map(|(d, _)| *d)
            .collect()
    }
}

/// Derives the canvas of node `a` (contract 3.6): the customer profile for
/// an actor that sells nothing, else the nine blocks.
pub fn canvas(design: &ValueDesign, an: &Analysis, a: NodeIdx) -> Canvas {
    let eco = design.ecosystem();
    let cx = Ctx {
        eco,
        an,
        net: &an.network,
        a,
        decides: design
            .resolved()
            .decides_for
            .iter()
            .enumerate()
            .filter_map(|(d, of)| of.map(|of| (NodeIdx::new(d), of)))
            .collect(),
    };
    let node = &eco.node(a);
    let customer = cx.net.kinds[a].is_actor() && !an.sells[a];
    let mut c = Canvas {
        actor: node.id.to_string(),
        label: node.label.to_string(),
        kind: if customer {
            CanvasKind::Customer
        } else {
            CanvasKind::Business
        },
        customer_segments: Vec::new(),
        value_propositions: Vec::new(),
        channels: Vec::new(),
        customer_relationships: Vec::new(),
        revenue_streams: Vec::new(),
        key_resources: Vec::new(),
        key_activities: Vec::new(),
        key_partners: Vec::new(),
        cost_structure: Vec::new(),
        jobs: Vec::new(),
        gains: Vec::new(),
        pains: Vec::new(),
        patterns: crate::classify::patterns(design, an, a),
        iot_roles: crate::classify::iot_roles(design, an, a),
    };
    if customer {
        c.jobs = jobs(&cx);
        c.gains = gains(&cx);
        c.pains = pains(&cx);
        return c;
    }
    c.customer_segments = customer_segments(&cx);
    (c.value_propositions, c.channels, c.customer_relationships) = offerings(&cx);
    c.revenue_streams = revenue_streams(&cx);
    c.key_resources = key_resources(&cx);
    c.key_activities = key_activities(&cx);
    c.key_partners = key_partners(&cx);
    c.cost_structure = cost_structure(&cx);
    c
}

/// Customer segments: receivers of non-money offerings (users), payers; the
/// customer is whoever decides for them (`decides_for`), else the payer. A
/// payer of a transfer (a rebate, a grant) is not thereby a customer.
fn customer_segments(cx: &Ctx<'_>) -> Vec<Entry> {
    let mut out = Vec::new();
    for &e in cx.outgoing() {
        let edge = cx.edge(e);
        if edge.flow != Flow::Money {
            merge(&mut out, cx.node_label(edge.to), &["user"], cx.ex_id(e));
        }
    }
    let paying: Vec<ExchangeIdx> = cx
        .incoming()
        .iter()
        .copied()
        .filter(|&e| cx.edge(e).flow == Flow::Money && !cx.is_transfer(e))
        .collect();
    for &e in &paying {
        let from = cx.edge(e).from;
        let tags: &[&str] = if cx.deciders(from).is_empty() {
            &["payer", "customer"]
        } else {
            &["payer"]
        };
        merge(&mut out, cx.node_label(from), tags, cx.ex_id(e));
    }
    let served = cx
        .outgoing()
        .iter()
        .map(|&e| cx.edge(e).to)
        .chain(paying.iter().map(|&e| cx.edge(e).from));
    for n in served {
        for d in cx.deciders(n) {
            merge(&mut out, cx.node_label(d), &["customer"], cx.node_source(d));
        }
    }
    out
}

/// Value propositions, channels and relationships: from the outgoing
/// non-money offerings.
fn offerings(cx: &Ctx<'_>) -> (Vec<Entry>, Vec<Entry>, Vec<Entry>) {
    let (mut props, mut channels, mut relationships) = (Vec::new(), Vec::new(), Vec::new());
    for &e in cx.outgoing() {
        let edge = cx.edge(e);
        if edge.flow == Flow::Money {
            continue;
        }
        let x = &cx.eco.exchange(e);
        let drivers: Vec<String> = cx
            .net
            .exchange_drivers
            .row(e)
            .iter()
            .map(|&d| cx.eco.driver(d).label.to_string())
            .collect();
        let mut text = format!("{} to {}", x.offering, cx.node_label(edge.to));
        if !drivers.is_empty() {
            text.push_str(&format!(" (serves: {})", drivers.join(", ")));
        }
        props.push(Entry {
            text,
            tags: vec![format!("{:?}", edge.flow).to_lowercase()],
            per_year: Some(cx.per_year(e)),
            sources: vec![cx.ex_id(e)],
        });
        let channel = x
            .channel
            .as_ref()
            .map_or("direct".to_owned(), |ch| ch.to_string());
        merge(&mut channels, channel, &[], cx.ex_id(e));
        let relationship = x.relationship.as_ref().map_or_else(
            || {
                if x.cadence.is_recurring() || x.follows.is_some() {
                    "Ongoing".to_owned()
                } else {
                    "Transactional".to_owned()
                }
            },
            |r| r.to_string(),
        );
        merge(&mut relationships, relationship, &[], cx.ex_id(e));
    }
    (props, channels, relationships)
}

/// Revenue streams: incoming money with its model and amount per year;
/// then, per segment whose customers pay once and then every year they
/// renew, what a customer pays in its first year and in each renewal year
/// (contract 3.7), citing the offerings it pays for.
fn revenue_streams(cx: &Ctx<'_>) -> Vec<Entry> {
    let mut out = money_streams(cx);
    for u in cx.an.unit_economics.iter().filter(|u| u.seller == cx.a) {
        let t = u.total();
        if t.one_off_revenue == 0.0 || t.yearly_revenue == 0.0 {
            continue;
        }
        let sources: Vec<Source> = u
            .offerings
            .iter()
            .filter_map(|o| o.exchange)
            .map(|e| cx.ex_id(e))
            .collect();
        let segment = cx.node_label(u.segment);
        let word = crate::render::unit_economics::member_word(cx.eco.node(u.segment).kind);
        out.push(Entry {
            text: format!(
                "First-year {word} of {segment}: {} ({} once + {} a year)",
                amount(u.first_year_revenue()),
                amount(t.one_off_revenue),
                amount(t.yearly_revenue)
            ),
            tags: vec!["first-year".to_owned()],
            per_year: None,
            sources,
        });
        out.push(Entry {
            text: format!(
                "Renewing {word} of {segment}: {} a year",
                amount(t.yearly_revenue)
            ),
            tags: vec!["renewal".to_owned()],
            per_year: None,
            sources: u
                .offerings
                .iter()
                .filter(|o| o.yearly_revenue != 0.0)
                .filter_map(|o| o.exchange)
                .map(|e| cx.ex_id(e))
                .collect(),
        });
    }
    out
}

/// Incoming money, one entry per exchange.
fn money_streams(cx: &Ctx<'_>) -> Vec<Entry> {
    cx.incoming()
        .iter()
        .copied()
        .filter(|&e| cx.edge(e).flow == Flow::Money)
        .map(|e| {
            let x = &cx.eco.exchange(e);
            let model = cx.an.revenue_model(e).map_or("", RevenueModel::name);
            Entry {
                text: format!("{} from {}", x.offering, cx.node_label(cx.edge(e).from)),
                tags: vec![model.to_owned()],
                per_year: Some(cx.per_year(e)),
                sources: vec![cx.ex_id(e)],
            }
        })
        .collect()
}

/// Key resources: declared, plus the data and knowledge it receives
/// (customers' data included: it is a resource, they stay customers).
fn key_resources(cx: &Ctx<'_>) -> Vec<Entry> {
    let mut out = Vec::new();
    for r in &cx.eco.node(cx.a).resources {
        merge(
            &mut out,
            r.to_string(),
            &[],
            Source::Resource(r.to_string()),
        );
    }
    for &e in cx.incoming() {
        let edge = cx.edge(e);
        let tag = match edge.flow {
            Flow::Data => "data",
            Flow::Knowledge => "knowledge",
            _ => continue,
        };
        let x = &cx.eco.exchange(e);
        merge(
            &mut out,
            format!("{} from {}", x.offering, cx.node_label(edge.from)),
            &[tag],
            cx.ex_id(e),
        );
    }
    out
}

/// Key activities: declared, plus child activities and processes.
fn key_activities(cx: &Ctx<'_>) -> Vec<Entry> {
    let mut out = Vec::new();
    for x in &cx.eco.node(cx.a).activities {
        merge(
            &mut out,
            x.to_string(),
            &[],
            Source::Activity(x.to_string()),
        );
    }
    for &child in cx.net.children.row(cx.a) {
        if matches!(cx.net.kinds[child], NodeKind::Activity | NodeKind::Process) {
            merge(&mut out, cx.node_label(child), &[], cx.node_source(child));
        }
    }
    out
}

/// Key partners: the actors that supply what actor `a` needs to make its
/// offerings, each with the exchange that shows it and `paid` or
/// `supplies`: whom it pays for goods, services or knowledge, and whoever
/// sends goods, services or knowledge that its offerings `follow`. A device
/// or process counts as the actor it belongs to. Data, paid for or not, is a
/// key resource, and its senders (customers, often) stay where they are; a
/// transfer (a rebate, a reward) buys nothing. O(degree of `a`'s side).
pub(crate) fn partner_links(
    an: &Analysis,
    a: NodeIdx,
) -> Vec<(NodeIdx, ExchangeIdx, &'static str)> {
    let net = &an.network;
    let mut out = Vec::new();
    let own = |n: NodeIdx| net.owner(n) == Some(a);
    let supply = |e: ExchangeIdx| {
        matches!(
            net.edges[e].flow,
            Flow::Goods | Flow::Service | Flow::Knowledge
        )
    };
    for &e in net.outgoing.row(a) {
        let edge = &net.edges[e];
        if edge.flow != Flow::Money || an.revenue_model(e) == Some(RevenueModel::Transfer) {
            continue;
        }
        let Some(bought) = revenue::paid_for(net, e).filter(|&x| supply(x)) else {
            continue;
        };
        if let Some(o) = net.owner(edge.to).filter(|&o| !own(o)) {
            // The partner is cited by what it supplies and by the payment.
            out.push((o, bought, "paid"));
            out.push((o, e, "paid"));
        }
    }
    let offers: Vec<ExchangeIdx> = net
        .side(a)
        .flat_map(|s| net.outgoing.row(s).iter().copied())
        .filter(|&e| net.edges[e].flow != Flow::Money)
        .collect();
    for side in net.side(a) {
        for &e in net.incoming.row(side) {
            let followed = supply(e)
                && offers
                    .iter()
                    .any(|&o| net.edges[o].follows.is_some_and(|(f, _)| f == e));
            if !followed {
                continue;
            }
            if let Some(o) = net.owner(net.edges[e].from).filter(|&o| !own(o)) {
                out.push((o, e, "supplies"));
            }
        }
    }
    out
}

/// The key partners block ([`partner_links`]), one entry per partner.
fn key_partners(cx: &Ctx<'_>) -> Vec<Entry> {
    let mut out = Vec::new();
    for (o, e, tag) in partner_links(cx.an, cx.a) {
        merge(&mut out, cx.node_label(o), &[tag], cx.ex_id(e));
    }
    out
}

/// The amounts per year of cost `k` of the network.
fn cost_per_year(an: &Analysis, k: CostIdx) -> Vec<f64> {
    let cost = &an.network.costs[k];
    let years = an.timeline.years;
    match cost.basis {
        CostBasis::Fixed(Cadence::Once) => (0..years)
            .map(|y| if y == 0 { cost.amount } else { 0.0 })
            .collect(),
        CostBasis::Fixed(cadence) => vec![cost.amount * cadence.per_year(); years],
        CostBasis::PerExchange(x) => an
            .timeline
            .occurrences(x)
            .iter()
            .map(|o| cost.amount * o)
            .collect(),
    }
}

/// The actor's own costs, each marked fixed or variable.
fn own_costs(cx: &Ctx<'_>) -> Vec<Entry> {
    let node = &cx.eco.node(cx.a);
    cx.net
        .node_costs
        .row(cx.a)
        .iter()
        .map(|&k| {
            let cost = &cx.net.costs[k];
            let label = node.costs[cost.position as usize].label.to_string();
            let mut sources = vec![Source::Cost(label.clone())];
            let variable = match cost.basis {
                CostBasis::PerExchange(x) => {
                    sources.push(cx.ex_id(x));
                    true
                }
                CostBasis::Fixed(_) => false,
            };
            Entry {
                text: label,
                tags: vec![if variable { "variable" } else { "fixed" }.to_owned()],
                per_year: Some(cost_per_year(cx.an, k)),
                sources,
            }
        })
        .collect()
}

/// The money the actor pays out, each marked fixed or variable.
fn money_out(cx: &Ctx<'_>) -> Vec<Entry> {
    cx.outgoing()
        .iter()
        .copied()
        .filter(|&e| cx.edge(e).flow == Flow::Money)
        .map(|e| {
            let x = &cx.eco.exchange(e);
            let variable = x.per.is_some() || x.follows.is_some();
            Entry {
                text: format!("{} to {}", x.offering, cx.node_label(cx.edge(e).to)),
                tags: vec![if variable { "variable" } else { "fixed" }.to_owned()],
                per_year: Some(cx.per_year(e)),
                sources: vec![cx.ex_id(e)],
            }
        })
        .collect()
}

/// Cost structure: money out and own costs, fixed or variable, per year.
fn cost_structure(cx: &Ctx<'_>) -> Vec<Entry> {
    let mut out = money_out(cx);
    out.extend(own_costs(cx));
    out
}

/// A customer's jobs: the drivers it pursues, each with the exchanges it
/// receives that serve it (or marked unserved).
fn jobs(cx: &Ctx<'_>) -> Vec<Entry> {
    cx.net
        .node_drivers
        .row(cx.a)
        .iter()
        .map(|&d| {
            let driver = &cx.eco.driver(d);
            let serving: Vec<Source> = cx
                .incoming()
                .iter()
                .copied()
                .filter(|&e| cx.net.exchange_drivers.row(e).contains(&d))
                .map(|e| cx.ex_id(e))
                .collect();
            let served = !serving.is_empty();
            let mut sources = vec![Source::Driver(driver.id.to_string())];
            sources.extend(serving);
            Entry {
                text: driver.label.to_string(),
                tags: vec![if served { "served" } else { "unserved" }.to_owned()],
                per_year: None,
                sources,
            }
        })
        .collect()
}

/// A customer's gains: what it receives, per offering, with its worth per
/// year (money it receives, a rebate or a grant, is a gain too).
fn gains(cx: &Ctx<'_>) -> Vec<Entry> {
    cx.incoming()
        .iter()
        .copied()
        .map(|e| {
            let edge = cx.edge(e);
            let x = &cx.eco.exchange(e);
            let mut tags = vec![format!("{:?}", edge.flow).to_lowercase()];
            if let Some(m) = cx.an.revenue_model(e) {
                tags.push(m.name().to_owned());
            }
            Entry {
                text: format!("{} from {}", x.offering, cx.node_label(edge.from)),
                tags,
                per_year: Some(cx.per_year(e)),
                sources: vec![cx.ex_id(e)],
            }
        })
        .collect()
}

/// A customer's pains: what it pays, what it gives (data, effort), and its
/// own costs.
fn pains(cx: &Ctx<'_>) -> Vec<Entry> {
    // Tagged by what is given, not by cost-structure terms.
    let mut out = money_out(cx);
    for e in &mut out {
        e.tags = vec!["money".to_owned()];
    }
    for &e in cx.outgoing() {
        let edge = cx.edge(e);
        if edge.flow == Flow::Money {
            continue;
        }
        let x = &cx.eco.exchange(e);
        out.push(Entry {
            text: format!("gives {} to {}", x.offering, cx.node_label(edge.to)),
            tags: vec![format!("{:?}", edge.flow).to_lowercase()],
            per_year: Some(cx.per_year(e)),
            sources: vec![cx.ex_id(e)],
        });
    }
    out.extend(own_costs(cx).into_iter().map(|mut e| {
        e.tags = vec!["own cost".to_owned()];
        e
    }));
    out
}
