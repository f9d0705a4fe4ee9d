//! Contract 3.6: every actor's Business Model Canvas, derived from the value
//! network (never typed by hand). Every entry cites the exchanges, nodes,
//! costs, resources or activities it comes from, with amounts per year where
//! it has them. Pure: no I/O.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::model::{Cadence, Flow, NodeKind, RevenueModel};
use crate::network::CostBasis;
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

/// The nine blocks, in the canvas's reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Canvas {
    /// The actor's id.
    pub actor: String,
    /// The actor's label.
    pub label: String,
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
    /// The IoT business-model types and IIoT patterns its revenue shows.
    pub patterns: Vec<crate::classify::Label>,
    /// Its IoT roles (organisations), the primary one first.
    pub iot_roles: Vec<crate::classify::Label>,
}

impl Canvas {
    /// The blocks with their titles, in the canvas's reading order.
    pub fn blocks(&self) -> [(&'static str, &[Entry]); 9] {
        [
            ("Key partners", &self.key_partners),
            ("Key activities", &self.key_activities),
            ("Key resources", &self.key_resources),
            ("Value propositions", &self.value_propositions),
            ("Customer relationships", &self.customer_relationships),
            ("Channels", &self.channels),
            ("Customer segments", &self.customer_segments),
            ("Cost structure", &self.cost_structure),
            ("Revenue streams", &self.revenue_streams),
        ]
    }
}

/// The revenue model of a money exchange: as written, else inferred: paying
/// for data (`reciprocates` a `Data` exchange) -> data sale; following another
/// flow or `Times` -> usage fee; `Once` -> asset sale; `Yearly`/`Monthly` ->
/// subscription.
pub fn revenue_model(design: &ValueDesign, e: usize) -> RevenueModel {
    let x = &design.ecosystem().exchanges[e];
    if let Some(m) = x.revenue_model {
        return m;
    }
    // Money that pays for data is a data sale.
    if let Some(r) = &x.reciprocates {
        let eco = design.ecosystem();
        if design
            .exchange_index()
            .get(r.as_str())
            .is_some_and(|&k| eco.exchanges[k as usize].flow == Flow::Data)
        {
            return RevenueModel::DataSale;
        }
    }
    if x.follows.is_some() {
        return RevenueModel::UsageFee;
    }
    match x.cadence {
        Cadence::Once => RevenueModel::AssetSale,
        Cadence::Yearly | Cadence::Monthly => RevenueModel::Subscription,
        Cadence::Times(_) => RevenueModel::UsageFee,
    }
}

/// Words for a revenue model.
pub fn revenue_model_name(m: RevenueModel) -> &'static str {
    match m {
        RevenueModel::AssetSale => "asset sale",
        RevenueModel::Subscription => "subscription",
        RevenueModel::UsageFee => "usage fee",
        RevenueModel::Leasing => "leasing/renting",
        RevenueModel::Licensing => "licensing",
        RevenueModel::GainSharing => "gain sharing",
        RevenueModel::DataSale => "data sale",
        RevenueModel::Advertising => "advertising",
        RevenueModel::Freemium => "freemium tier",
        RevenueModel::Brokerage => "brokerage",
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

/// Derives the canvas of node `a` (contract 3.6).
pub fn canvas(design: &ValueDesign, an: &Analysis, a: usize) -> Canvas {
    let eco = design.ecosystem();
    let net = &an.network;
    let node = &eco.nodes[a];
    let ex_id = |e: u32| Source::Exchange(eco.exchanges[e as usize].id.to_string());
    let node_label = |n: u32| eco.nodes[n as usize].label.to_string();
    let per_year = |e: u32| -> Vec<f64> {
        let v = eco.exchanges[e as usize].value;
        an.timeline
            .occurrences(e as usize)
            .iter()
            .map(|o| v * o)
            .collect()
    };
    let mut c = Canvas {
        actor: node.id.to_string(),
        label: node.label.to_string(),
        customer_segments: Vec::new(),
        value_propositions: Vec::new(),
        channels: Vec::new(),
        customer_relationships: Vec::new(),
        revenue_streams: Vec::new(),
        key_resources: Vec::new(),
        key_activities: Vec::new(),
        key_partners: Vec::new(),
        cost_structure: Vec::new(),
        patterns: crate::classify::patterns(design, an, a),
        iot_roles: crate::classify::iot_roles(design, an, a),
    };
    let outgoing = net.outgoing.row(a);
    let incoming = net.incoming.row(a);

    // Customer segments: receivers of non-money offerings (users), payers; the
    // customer is whoever decides for them (`decides_for`), else the payer.
    let deciders = |n: u32| -> Vec<u32> {
        (0..eco.nodes.len() as u32)
            .filter(|&d| design.resolved().decides_for[d as usize] == Some(n))
            .collect()
    };
    for &e in outgoing {
        let edge = &net.edges[e as usize];
        if edge.flow != Flow::Money {
            merge(
                &mut c.customer_segments,
                node_label(edge.to),
                &["user"],
                ex_id(e),
            );
        }
    }
    for &e in incoming {
        let edge = &net.edges[e as usize];
        if edge.flow == Flow::Money {
            let decided = !deciders(edge.from).is_empty();
            let tags: &[&str] = if decided {
                &["payer"]
            } else {
                &["payer", "customer"]
            };
            merge(
                &mut c.customer_segments,
                node_label(edge.from),
                tags,
                ex_id(e),
            );
        }
    }
    let served: Vec<u32> = outgoing
        .iter()
        .map(|&e| net.edges[e as usize].to)
        .chain(
            incoming
                .iter()
                .filter(|&&e| net.edges[e as usize].flow == Flow::Money)
                .map(|&e| net.edges[e as usize].from),
        )
        .collect();
    for n in served {
        for d in deciders(n) {
            merge(
                &mut c.customer_segments,
                node_label(d),
                &["customer"],
                Source::Node(eco.nodes[d as usize].id.to_string()),
            );
        }
    }

    // Value propositions, channels, relationships: from outgoing non-money offerings.
    for &e in outgoing {
        let edge = &net.edges[e as usize];
        if edge.flow == Flow::Money {
            continue;
        }
        let x = &eco.exchanges[e as usize];
        let drivers: Vec<String> = net
            .exchange_drivers
            .row(e as usize)
            .iter()
            .map(|&d| eco.drivers[d as usize].label.to_string())
            .collect();
        let mut text = format!("{} to {}", x.offering, node_label(edge.to));
        if !drivers.is_empty() {
            text.push_str(&format!(" (serves: {})", drivers.join(", ")));
        }
        c.value_propositions.push(Entry {
            text,
            tags: vec![format!("{:?}", edge.flow).to_lowercase()],
            per_year: Some(per_year(e)),
            sources: vec![ex_id(e)],
        });
        let channel = x
            .channel
            .as_ref()
            .map_or("direct".to_owned(), |ch| ch.to_string());
        merge(&mut c.channels, channel, &[], ex_id(e));
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
        merge(&mut c.customer_relationships, relationship, &[], ex_id(e));
    }

    // Revenue streams: incoming money with its model and amount per year.
    for &e in incoming {
        let edge = &net.edges[e as usize];
        if edge.flow != Flow::Money {
            continue;
        }
        let x = &eco.exchanges[e as usize];
        let model = revenue_model_name(revenue_model(design, e as usize));
        c.revenue_streams.push(Entry {
            text: format!("{} from {}", x.offering, node_label(edge.from)),
            tags: vec![model.to_owned()],
            per_year: Some(per_year(e)),
            sources: vec![ex_id(e)],
        });
    }

    // Key resources: declared, plus data and knowledge received.
    for r in &node.resources {
        merge(
            &mut c.key_resources,
            r.to_string(),
            &[],
            Source::Resource(r.to_string()),
        );
    }
    for &e in incoming {
        let edge = &net.edges[e as usize];
        if matches!(edge.flow, Flow::Data | Flow::Knowledge) {
            let x = &eco.exchanges[e as usize];
            let tag = if edge.flow == Flow::Data {
                "data"
            } else {
                "knowledge"
            };
            merge(
                &mut c.key_resources,
                format!("{} from {}", x.offering, node_label(edge.from)),
                &[tag],
                ex_id(e),
            );
        }
    }

    // Key activities: declared, plus child activities and processes.
    for x in &node.activities {
        merge(
            &mut c.key_activities,
            x.to_string(),
            &[],
            Source::Activity(x.to_string()),
        );
    }
    for &child in net.children.row(a) {
        if matches!(
            net.kinds[child as usize],
            NodeKind::Activity | NodeKind::Process
        ) {
            merge(
                &mut c.key_activities,
                node_label(child),
                &[],
                Source::Node(eco.nodes[child as usize].id.to_string()),
            );
        }
    }

    // Key partners: senders of non-money inflows (a device or process counts as
    // the actor it belongs to; the actor's own are not partners), and whom the actor pays.
    for &e in incoming {
        let edge = &net.edges[e as usize];
        if edge.flow != Flow::Money {
            if let Some(o) = net.owner(edge.from).filter(|&o| o as usize != a) {
                merge(&mut c.key_partners, node_label(o), &["supplies"], ex_id(e));
            }
        }
    }
    for &e in outgoing {
        let edge = &net.edges[e as usize];
        if edge.flow == Flow::Money {
            merge(
                &mut c.key_partners,
                node_label(edge.to),
                &["paid"],
                ex_id(e),
            );
        }
    }

    // Cost structure: money out and own costs, fixed or variable, per year.
    for &e in outgoing {
        let edge = &net.edges[e as usize];
        if edge.flow != Flow::Money {
            continue;
        }
        let x = &eco.exchanges[e as usize];
        let variable = x.per.is_some() || x.follows.is_some();
        c.cost_structure.push(Entry {
            text: format!("{} to {}", x.offering, node_label(edge.to)),
            tags: vec![if variable { "variable" } else { "fixed" }.to_owned()],
            per_year: Some(per_year(e)),
            sources: vec![ex_id(e)],
        });
    }
    for &k in net.node_costs.row(a) {
        let cost = &net.costs[k as usize];
        let label = node.costs[cost.position as usize].label.to_string();
        let years = an.timeline.years;
        let amounts: Vec<f64> = match cost.basis {
            CostBasis::Fixed(Cadence::Once) => (0..years)
                .map(|y| if y == 0 { cost.amount } else { 0.0 })
                .collect(),
            CostBasis::Fixed(cadence) => vec![cost.amount * cadence.per_year(); years],
            CostBasis::PerExchange(x) => an
                .timeline
                .occurrences(x as usize)
                .iter()
                .map(|o| cost.amount * o)
                .collect(),
        };
        let mut sources = vec![Source::Cost(label.clone())];
        if let CostBasis::PerExchange(x) = cost.basis {
            sources.push(ex_id(x));
        }
        c.cost_structure.push(Entry {
            text: label,
            tags: vec![if matches!(cost.basis, CostBasis::PerExchange(_)) {
                "variable"
            } else {
                "fixed"
            }
            .to_owned()],
            per_year: Some(amounts),
            sources,
        });
    }
    c
}
