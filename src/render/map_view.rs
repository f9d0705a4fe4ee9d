//! What a value-design map shows: the nodes and flows chosen by the zoom
//! (the whole network, one extract's closure, a neighbourhood, or the network
//! aggregated to a `parent` depth), with everything the drawing needs as plain
//! data: labels, kinds, containers, driver badges, win-win status, extract
//! highlights and each flow's value per year. Pure; no layout, no drawing.
//!
//! Above [`AUTO_LIMIT`] nodes the default view aggregates to the deepest
//! `parent` level that fits; when even the roots are too many, the roots with
//! the least money through them are folded into one "other" node per kind. The
//! view's `notes` say what was done.

use super::map_fold::{aggregated, auto, fold_subset, Name};
use crate::analysis::{extracts, Analysis};
use crate::model::{Flow, NodeKind};
use crate::validate::ValueDesign;

/// Above this many nodes the default map aggregates.
pub const AUTO_LIMIT: usize = 300;
/// When it aggregates, the default map shows at most this many nodes: more
/// would not be read, and the layout's cost grows faster than linearly.
pub const AUTO_TARGET: usize = 60;
/// On an aggregated map, a line standing for at most this many exchanges
/// lists their offerings; a line for more says "money (N flows)".
pub const SUMMED_ITEMS: usize = 3;
/// An aggregated map draws at most this many flows, the largest by value per
/// year; the rest are counted in a note.
pub const MAX_AGGREGATED_FLOWS: usize = 150;

/// Which part of the network a map shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zoom {
    /// Everything, aggregated above [`AUTO_LIMIT`] nodes.
    Auto,
    /// One extract's closure (by id).
    Extract(String),
    /// Every node within `radius` hops of `node`, either direction.
    Focus {
        /// The node's id.
        node: String,
        /// Hops.
        radius: u32,
    },
    /// Nodes aggregated to their ancestor at this `parent` depth (0 = roots).
    Level(u32),
}

/// A zoom that names something the file does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} `{id}` is not in this value design{hint}")]
pub struct ZoomError {
    /// "extract" or "node".
    pub what: &'static str,
    /// The id asked for.
    pub id: String,
    /// ": did you mean ...?" or the list of valid ids.
    pub hint: String,
}

/// Win-win status of a node on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// An actor in a win-win position.
    WinWin,
    /// An actor that does not get value (see the report for reasons).
    Fails,
    /// Not an actor, or an aggregate: the rule does not apply.
    None,
}

/// A driver shown as a badge on a node.
#[derive(Debug, Clone, PartialEq)]
pub struct Badge {
    /// The driver's label.
    pub label: String,
    /// Pursued by two nodes or more.
    pub shared: bool,
}

/// A node of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    /// Id in the file, or a made-up id for a folded aggregate (`other-<kind>`).
    pub id: String,
    /// Label.
    pub label: String,
    /// Kind (shape).
    pub kind: NodeKind,
    /// The container it is drawn in (index into `nodes`).
    pub parent: Option<usize>,
    /// Driver badges.
    pub badges: Vec<Badge>,
    /// Win-win status.
    pub status: Status,
    /// In the core of an extract (highlighted).
    pub extract: bool,
    /// How many file nodes it stands for (1 unless aggregated).
    pub members: usize,
}

/// A flow of the map: the exchanges of one flow kind from one node to
/// another, drawn as one line listing each offering (or, when aggregated,
/// summed as "money (N flows)").
#[derive(Debug, Clone, PartialEq)]
pub struct MapEdge {
    /// Source (index into `nodes`).
    pub from: usize,
    /// Target (index into `nodes`).
    pub to: usize,
    /// Flow kind.
    pub flow: Flow,
    /// Each offering and its value, in file order.
    pub items: Vec<Item>,
    /// Sum of the items' values per year.
    pub per_year: f64,
}

/// One offering on a flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The offering (or "money (N flows)" when aggregated).
    pub offering: String,
    /// Value per year: mean over the horizon of value times occurrences.
    pub per_year: f64,
    /// When the flow happens in year 1 only (a one-time sale, say) and the
    /// horizon is longer: its whole value, labelled "in year 1" rather than
    /// spread over the years.
    pub year_one: Option<f64>,
}

/// Everything a map draws.
#[derive(Debug, Clone, PartialEq)]
pub struct MapView {
    /// Title: the ecosystem and the zoom.
    pub title: String,
    /// What the view left out or aggregated, in words.
    pub notes: Vec<String>,
    /// Currency label.
    pub currency: String,
    /// Nodes: file nodes in file order, then made-up aggregates.
    pub nodes: Vec<MapNode>,
    /// Flows.
    pub edges: Vec<MapEdge>,
}

/// Builds the view for `zoom`.
pub fn view(design: &ValueDesign, an: &Analysis, zoom: &Zoom) -> Result<MapView, ZoomError> {
    let eco = design.ecosystem();
    let net = &an.network;
    let n = net.node_count();
    let mut notes = Vec::new();
    let (title, assign, names, exchanges): (String, Vec<Option<u32>>, Vec<Name>, Vec<u32>) =
        match zoom {
            Zoom::Extract(id) => {
                let Some(k) = eco.extracts.iter().position(|x| x.id == id.as_str()) else {
                    return Err(missing(
                        "extract",
                        id,
                        eco.extracts.iter().map(|x| x.id.as_str()),
                    ));
                };
                let ex = &an.extracts[k];
                let (assign, names) = fold_subset(an, subset(n, &ex.nodes), &ex.core, &mut notes);
                let label = &eco.extracts[k].label;
                (
                    format!("{}: value extract \"{label}\"", eco.name),
                    assign,
                    names,
                    ex.exchanges.clone(),
                )
            }
            Zoom::Focus { node, radius } => {
                let Some(f) = design.node_index().get(node.as_str()).copied() else {
                    return Err(missing(
                        "node",
                        node,
                        eco.nodes.iter().map(|x| x.id.as_str()),
                    ));
                };
                let c = extracts::closure(net, &an.timeline, &[], &[], Some((f, *radius)));
                let (assign, names) = fold_subset(an, subset(n, &c.nodes), &[f], &mut notes);
                let label = &eco.nodes[f as usize].label;
                (
                    format!(
                        "{}: within {radius} {} of {label}",
                        eco.name,
                        if *radius == 1 { "hop" } else { "hops" }
                    ),
                    assign,
                    names,
                    c.exchanges,
                )
            }
            Zoom::Level(level) => {
                let (assign, _) = aggregated(an, *level);
                let shown = (0..n).filter(|&a| assign[a] == Some(a as u32)).count();
                notes.push(format!(
                    "Aggregated to parent depth {level}: {shown} of {n} nodes shown; flows summed by kind."
                ));
                if shown == n {
                    notes.pop();
                    notes.push(format!(
                        "No node is deeper than level {level}: nothing to aggregate, every node is shown."
                    ));
                }
                let (assign, names) = fold_subset(an, assign, &[], &mut notes);
                (
                    format!("{} (level {level})", eco.name),
                    assign,
                    names,
                    (0..net.exchange_count() as u32).collect(),
                )
            }
            Zoom::Auto if n > AUTO_LIMIT => {
                let (assign, names) = auto(an, &mut notes);
                (
                    eco.name.to_string(),
                    assign,
                    names,
                    (0..net.exchange_count() as u32).collect(),
                )
            }
            Zoom::Auto => (
                eco.name.to_string(),
                (0..n as u32).map(Some).collect(),
                Vec::new(),
                (0..net.exchange_count() as u32).collect(),
            ),
        };
    Ok(build(design, an, title, notes, &assign, &names, &exchanges))
}

fn missing<'a>(
    what: &'static str,
    id: &str,
    ids: impl Iterator<Item = &'a str> + Clone,
) -> ZoomError {
    let hint = match crate::suggest::did_you_mean(id, ids.clone()) {
        Some(s) => format!(": did you mean `{s}`?"),
        None => {
            let all: Vec<&str> = ids.take(12).collect();
            if all.is_empty() {
                format!(" (it has no {what}s)")
            } else {
                format!(" (it has: {})", all.join(", "))
            }
        }
    };
    ZoomError {
        what,
        id: id.to_owned(),
        hint,
    }
}

/// Each node shown as itself, if in `nodes`.
fn subset(n: usize, nodes: &[u32]) -> Vec<Option<u32>> {
    let mut assign = vec![None; n];
    for &a in nodes {
        assign[a as usize] = Some(a);
    }
    assign
}

/// Turns an assignment of file nodes to view slots (file node index, or
/// `n + k` for made-up `names[k]`) into the view.
fn build(
    design: &ValueDesign,
    an: &Analysis,
    title: String,
    notes: Vec<String>,
    assign: &[Option<u32>],
    names: &[Name],
    exchanges: &[u32],
) -> MapView {
    let eco = design.ecosystem();
    let net = &an.network;
    let n = net.node_count();
    // Slots in use, file nodes in file order, then made-up ones.
    let mut members = vec![0usize; n + names.len()];
    for s in assign.iter().flatten() {
        members[*s as usize] += 1;
    }
    let mut index = vec![usize::MAX; n + names.len()];
    let mut slots = Vec::new();
    for (s, &m) in members.iter().enumerate() {
        if m > 0 {
            index[s] = slots.len();
            slots.push(s);
        }
    }
    let aggregated = slots.len() < assign.iter().flatten().count();
    let in_extract = {
        let mut v = vec![false; n];
        for x in &an.extracts {
            for &c in &x.core {
                v[c as usize] = true;
            }
        }
        v
    };
    let nodes: Vec<MapNode> = slots
        .iter()
        .map(|&s| {
            if s >= n {
                let name = &names[s - n];
                return MapNode {
                    id: name.id.clone(),
                    label: name.label.clone(),
                    kind: name.kind,
                    parent: None,
                    badges: Vec::new(),
                    status: Status::None,
                    extract: false,
                    members: members[s],
                };
            }
            let node = &eco.nodes[s];
            // The nearest ancestor shown as itself is the container.
            let mut parent = net.parent[s];
            while let Some(p) = parent {
                if assign[p as usize] == Some(p) {
                    break;
                }
                parent = net.parent[p as usize];
            }
            MapNode {
                id: node.id.to_string(),
                label: node.label.to_string(),
                kind: node.kind,
                parent: parent.map(|p| index[p as usize]),
                badges: net
                    .node_drivers
                    .row(s)
                    .iter()
                    .map(|&d| Badge {
                        label: eco.drivers[d as usize].label.to_string(),
                        shared: an.drivers.shared(d as usize),
                    })
                    .collect(),
                // An aggregate is the actor with what it holds (its devices,
                // activities): it shows the actor's verdict.
                status: match &an.verdicts[s] {
                    v if !v.applies() => Status::None,
                    v if v.fails() => Status::Fails,
                    _ => Status::WinWin,
                },
                extract: in_extract[s],
                members: members[s],
            }
        })
        .collect();
    let mut edges: Vec<MapEdge> = Vec::new();
    let mut merged: indexmap::IndexMap<(usize, usize, Flow), usize> = indexmap::IndexMap::new();
    let mut counts: Vec<usize> = Vec::new();
    for &e in exchanges {
        let edge = &net.edges[e as usize];
        let (Some(f), Some(t)) = (assign[edge.from as usize], assign[edge.to as usize]) else {
            continue;
        };
        let (f, t) = (index[f as usize], index[t as usize]);
        if f == t && aggregated {
            continue;
        }
        let occ = an.timeline.occurrences(e as usize);
        let per_year = edge.value * occ.iter().sum::<f64>() / occ.len().max(1) as f64;
        let k = *merged.entry((f, t, edge.flow)).or_insert_with(|| {
            edges.push(MapEdge {
                from: f,
                to: t,
                flow: edge.flow,
                items: Vec::new(),
                per_year: 0.0,
            });
            counts.push(0);
            edges.len() - 1
        });
        edges[k].per_year += per_year;
        counts[k] += 1;
        let year_one =
            (occ.len() > 1 && occ[1..].iter().all(|o| *o == 0.0)).then(|| edge.value * occ[0]);
        edges[k].items.push(Item {
            offering: eco.exchanges[e as usize].offering.to_string(),
            per_year,
            year_one,
        });
    }
    if aggregated {
        // A few flows summed keep their offerings; more are counted.
        for (edge, c) in edges.iter_mut().zip(&counts) {
            if *c <= SUMMED_ITEMS {
                continue;
            }
            let word = format!("{:?}", edge.flow).to_lowercase();
            let label = format!("{word} ({c} flows)");
            edge.items = vec![Item {
                offering: label,
                per_year: edge.per_year,
                year_one: None,
            }];
        }
    }
    let mut notes = notes;
    if aggregated && edges.len() > MAX_AGGREGATED_FLOWS {
        // Keep the largest flows, in their original order.
        let mut order: Vec<usize> = (0..edges.len()).collect();
        order.sort_by(|a, b| {
            edges[*b]
                .per_year
                .total_cmp(&edges[*a].per_year)
                .then(a.cmp(b))
        });
        let mut keep = vec![false; edges.len()];
        for &k in order.iter().take(MAX_AGGREGATED_FLOWS) {
            keep[k] = true;
        }
        let dropped = edges.len() - MAX_AGGREGATED_FLOWS;
        let mut k = 0;
        edges.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        notes.push(format!(
            "The {MAX_AGGREGATED_FLOWS} largest flows by value per year are drawn; {dropped} smaller ones are not."
        ));
    }
    MapView {
        title,
        notes,
        currency: eco.currency.to_string(),
        nodes,
        edges,
    }
}
