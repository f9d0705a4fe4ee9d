//! What a value-design map shows: the nodes and flows chosen by the zoom
//! (the whole network, one extract's closure, a neighbourhood, or the network
//! aggregated to a `parent` depth), with everything the drawing needs as plain
//! data: labels, kinds, containers, driver badges, win-win status, extract
//! highlights and each flow's value per year. Pure; no layout, no drawing.
//!
//! Above `AUTO_LIMIT` nodes the default view aggregates to the deepest
//! `parent` level that fits; when even the roots are too many, the roots with
//! the least money through them are folded into one "other" node per kind. The
//! view's `notes` say what was done.

use crate::analysis::{extracts, Analysis};
use crate::index::{ExchangeIdx, IdxVec, NodeIdx};
use crate::model::{Flow, NodeKind};
pub use crate::render::map::fold::Fit;
pub(crate) use crate::render::map::fold::AUTO_LIMIT;
pub use crate::render::map::fold::AUTO_TARGET;
use crate::render::map::fold::{aggregated, auto, fold_subset, Assign, Name, Slot};
use crate::validate::ValueDesign;

/// On an aggregated map, a line standing for at most this many exchanges
/// lists their offerings; a line for more says "money (N flows)".
pub const SUMMED_ITEMS: usize = 3;
/// An aggregated map draws at most this many flows, the largest by value per
/// year; the rest are counted in a note.
pub const MAX_AGGREGATED_FLOWS: usize = 150;

/// Which part of the network a map shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zoom {
    /// Everything, aggregated above `AUTO_LIMIT` nodes.
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
    /// Value loop N (1-based, as `analyse` ranks them): its actors, the
    /// nodes its exchanges come from or go to, and those exchanges.
    Loop(usize),
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
    /// On a difference map: added, changed or removed.
    pub mark: Mark,
}

/// What a difference map says of a node or an offering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    /// Unchanged, or not a difference map.
    #[default]
    Same,
    /// Only in the new design.
    Added,
    /// In both, with something different.
    Changed,
    /// Only in the old design (drawn as a ghost).
    Removed,
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
    /// The exchange it is (`None` when summed on an aggregated map).
    pub exchange: Option<ExchangeIdx>,
    /// On a difference map: added, changed or removed.
    pub mark: Mark,
    /// On a difference map: its value per year in the old design, when it
    /// differs.
    pub was: Option<f64>,
}

impl MapEdge {
    /// The flow's mark on a difference map: added or removed when every
    /// offering is, changed when any offering differs.
    pub fn mark(&self) -> Mark {
        let all = |m: Mark| self.items.iter().all(|i| i.mark == m);
        if all(Mark::Same) {
            Mark::Same
        } else if all(Mark::Added) {
            Mark::Added
        } else if all(Mark::Removed) {
            Mark::Removed
        } else {
            Mark::Changed
        }
    }
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

/// Builds the view for `zoom`, folded as a map of its own is ([`Fit::DEFAULT`]).
pub fn view(design: &ValueDesign, an: &Analysis, zoom: &Zoom) -> Result<MapView, ZoomError> {
    view_within(design, an, zoom, Fit::DEFAULT)
}

/// Builds the view for `zoom`, folded to `fit`.
pub fn view_within(
    design: &ValueDesign,
    an: &Analysis,
    zoom: &Zoom,
    fit: Fit,
) -> Result<MapView, ZoomError> {
    let eco = design.ecosystem();
    let net = &an.network;
    let n = net.node_count();
    let mut notes = Vec::new();
    let every_exchange = || net.exchanges().collect::<Vec<_>>();
    let (title, (assign, names), exchanges) = match zoom {
        Zoom::Extract(id) => {
            let Some(k) = eco.extracts.iter().position(|x| x.id == id.as_str()) else {
                return Err(missing(
                    "extract",
                    id,
                    eco.extracts.iter().map(|x| x.id.as_str()),
                ));
            };
            let ex = &an.extracts[k];
            (
                format!("{}: value extract \"{}\"", eco.name, eco.extracts[k].label),
                fold_subset(an, subset(n, &ex.nodes), &ex.core, fit, &mut notes),
                ex.exchanges.clone(),
            )
        }
        Zoom::Focus { node, radius } => {
            let Some(&f) = design.node_index().get(node.as_str()) else {
                return Err(missing(
                    "node",
                    node,
                    eco.nodes.iter().map(|x| x.id.as_str()),
                ));
            };
            let c = extracts::closure(net, &an.timeline, &[], &[], Some((f, *radius)));
            (
                format!(
                    "{}: within {radius} {} of {}",
                    eco.name,
                    if *radius == 1 { "hop" } else { "hops" },
                    eco.node(f).label
                ),
                fold_subset(an, subset(n, &c.nodes), &[f], fit, &mut notes),
                c.exchanges,
            )
        }
        Zoom::Loop(k) => {
            let loops = &an.loops.loops;
            let Some(l) = k.checked_sub(1).and_then(|i| loops.get(i)) else {
                return Err(ZoomError {
                    what: "value loop",
                    id: k.to_string(),
                    hint: if loops.is_empty() {
                        " (it has no value loops)".to_owned()
                    } else {
                        format!(
                            " (it has loops 1 to {}, as `analyse` lists them)",
                            loops.len()
                        )
                    },
                });
            };
            let mut exchanges: Vec<crate::index::ExchangeIdx> =
                l.steps.iter().flatten().copied().collect();
            exchanges.sort_unstable();
            let mut nodes: Vec<NodeIdx> = l.actors.clone();
            for &e in &exchanges {
                nodes.push(net.edges[e].from);
                nodes.push(net.edges[e].to);
            }
            nodes.sort_unstable();
            nodes.dedup();
            (
                format!(
                    "{}: value loop {k} ({}), score {} (the product of each step's share of what the sender gives)",
                    eco.name,
                    crate::words::value_loop_labels(eco, l),
                    crate::words::score(l.score)
                ),
                fold_subset(an, subset(n, &nodes), &l.actors, fit, &mut notes),
                exchanges,
            )
        }
        Zoom::Level(level) => (
            format!("{} (level {level})", eco.name),
            level_view(an, *level, fit, &mut notes),
            every_exchange(),
        ),
        Zoom::Auto if n > fit.limit => (
            eco.name.to_string(),
            auto(an, fit, &mut notes),
            every_exchange(),
        ),
        Zoom::Auto => (
            eco.name.to_string(),
            (net.nodes().map(|a| Some(Slot::of(a))).collect(), Vec::new()),
            every_exchange(),
        ),
    };
    Ok(build(design, an, title, notes, &assign, &names, &exchanges))
}

/// The nodes at `level`, folded when still too many, with notes saying so.
fn level_view(an: &Analysis, level: u32, fit: Fit, notes: &mut Vec<String>) -> (Assign, Vec<Name>) {
    let n = an.network.node_count();
    let (assign, _) = aggregated(an, level);
    let shown = assign
        .iter_enumerated()
        .filter(|&(a, s)| *s == Some(Slot::of(a)))
        .count();
    notes.push(if shown == n {
        format!("No node is deeper than level {level}: nothing to aggregate, every node is shown.")
    } else {
        format!(
            "Aggregated to parent depth {level}: {shown} of {n} nodes shown; flows summed by kind."
        )
    });
    fold_subset(an, assign, &[], fit, notes)
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
fn subset(n: usize, nodes: &[NodeIdx]) -> Assign {
    let mut assign = Assign::filled(n, None);
    for &a in nodes {
        assign[a] = Some(Slot::of(a));
    }
    assign
}

/// The slots in use (file nodes in file order, then made-up ones), how many
/// file nodes each stands for, and each slot's place in the view.
struct Slots {
    used: Vec<Slot>,
    members: IdxVec<Slot, usize>,
    place: IdxVec<Slot, usize>,
}

fn slots(assign: &Assign, total: usize) -> Slots {
    let mut members = IdxVec::<Slot, usize>::filled(total, 0);
    for s in assign.iter().flatten() {
        members[*s] += 1;
    }
    let mut place = IdxVec::<Slot, usize>::filled(total, usize::MAX);
    let mut used = Vec::new();
    for (s, &m) in members.iter_enumerated() {
        if m > 0 {
            place[s] = used.len();
            used.push(s);
        }
    }
    Slots {
        used,
        members,
        place,
    }
}

/// Turns an assignment of file nodes to view slots (file node index, or
/// `n + k` for made-up `names[k]`) into the view.
fn build(
    design: &ValueDesign,
    an: &Analysis,
    title: String,
    mut notes: Vec<String>,
    assign: &Assign,
    names: &[Name],
    exchanges: &[ExchangeIdx],
) -> MapView {
    let eco = design.ecosystem();
    let n = an.network.node_count();
    let slots = slots(assign, n + names.len());
    let aggregated = slots.used.len() < assign.iter().flatten().count();
    let nodes = map_nodes(design, an, assign, names, &slots);
    let (mut edges, counts) = map_edges(design, an, assign, &slots, exchanges, aggregated);
    if aggregated {
        summarise_items(&mut edges, &counts);
        if edges.len() > MAX_AGGREGATED_FLOWS {
            keep_largest(&mut edges, &mut notes);
        }
    }
    MapView {
        title,
        notes,
        currency: eco.currency.to_string(),
        nodes,
        edges,
    }
}

/// The view's nodes, one per slot in use: a made-up node, or a file node with
/// its container (the nearest ancestor shown as itself), badges and verdict.
fn map_nodes(
    design: &ValueDesign,
    an: &Analysis,
    assign: &Assign,
    names: &[Name],
    slots: &Slots,
) -> Vec<MapNode> {
    let eco = design.ecosystem();
    let net = &an.network;
    let n = net.node_count();
    let mut in_extract = IdxVec::<NodeIdx, bool>::filled(n, false);
    for x in &an.extracts {
        for &c in &x.core {
            in_extract[c] = true;
        }
    }
    slots
        .used
        .iter()
        .map(|&s| {
            let members = slots.members[s];
            let Some(a) = s.node(n) else {
                let name = &names[s.index() - n];
                return MapNode {
                    id: name.id.clone(),
                    label: name.label.clone(),
                    kind: name.kind,
                    parent: None,
                    badges: Vec::new(),
                    status: Status::None,
                    extract: false,
                    members,
                    mark: Mark::Same,
                };
            };
            let node = eco.node(a);
            let mut parent = net.parent[a];
            while let Some(p) = parent {
                if assign[p] == Some(Slot::of(p)) {
                    break;
                }
                parent = net.parent[p];
            }
            MapNode {
                id: node.id.to_string(),
                label: node.label.to_string(),
                kind: node.kind,
                parent: parent.map(|p| slots.place[Slot::of(p)]),
                badges: net
                    .node_drivers
                    .row(a)
                    .iter()
                    .map(|&d| Badge {
                        label: eco.driver(d).label.to_string(),
                        shared: an.drivers.shared(d),
                    })
                    .collect(),
                // An aggregate is the actor with what it holds (its devices,
                // activities): it shows the actor's verdict.
                status: match &an.verdicts[a] {
                    v if !v.applies() => Status::None,
                    v if v.fails() => Status::Fails,
                    _ => Status::WinWin,
                },
                extract: in_extract[a],
                members,
                mark: Mark::Same,
            }
        })
        .collect()
}

/// The view's flows: exchanges between the same two view nodes and of one
/// kind merged into one line listing each offering; flows inside one
/// aggregate left out. Also returns how many exchanges each line stands for.
fn map_edges(
    design: &ValueDesign,
    an: &Analysis,
    assign: &Assign,
    slots: &Slots,
    exchanges: &[ExchangeIdx],
    aggregated: bool,
) -> (Vec<MapEdge>, Vec<usize>) {
    let eco = design.ecosystem();
    let net = &an.network;
    let mut edges: Vec<MapEdge> = Vec::new();
    let mut merged: indexmap::IndexMap<(usize, usize, Flow), usize> = indexmap::IndexMap::new();
    let mut counts: Vec<usize> = Vec::new();
    for &e in exchanges {
        let edge = &net.edges[e];
        let (Some(f), Some(t)) = (assign[edge.from], assign[edge.to]) else {
            continue;
        };
        let (f, t) = (slots.place[f], slots.place[t]);
        if f == t && aggregated {
            continue;
        }
        let occ = an.timeline.occurrences(e);
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
            offering: eco.exchange(e).offering.to_string(),
            per_year,
            year_one,
            exchange: Some(e),
            mark: Mark::Same,
            was: None,
        });
    }
    (edges, counts)
}

/// On an aggregated map, a few flows summed keep their offerings; more are
/// counted ("money (12 flows)").
fn summarise_items(edges: &mut [MapEdge], counts: &[usize]) {
    for (edge, c) in edges.iter_mut().zip(counts) {
        if *c <= SUMMED_ITEMS {
            continue;
        }
        let word = format!("{:?}", edge.flow).to_lowercase();
        let label = format!("{word} ({c} flows)");
        edge.items = vec![Item {
            offering: label,
            per_year: edge.per_year,
            year_one: None,
            exchange: None,
            mark: Mark::Same,
            was: None,
        }];
    }
}

/// Keeps the [`MAX_AGGREGATED_FLOWS`] largest flows, in their original
/// order, and says how many smaller ones are not drawn.
fn keep_largest(edges: &mut Vec<MapEdge>, notes: &mut Vec<String>) {
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
