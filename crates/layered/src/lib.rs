//! A layered (Sugiyama) layout of compound directed graphs, left to right:
//! boxes, nested clusters drawn as frames, edges with labels. Our own,
//! because the layout crates we measured either had no clusters or drew a
//! cluster as a band across every layer its members span, with a cost
//! quadratic in edges (see the README's layout section).
//!
//! Clusters are laid out recursively, as ELK Layered does with its
//! hierarchical ports: the inside of each cluster is a *level* of its own
//! (see `level`), where child clusters are single blocks and an edge that
//! leaves the cluster runs to a port on the frame's west or east side. Each
//! level goes through the classic phases:
//!
//! 1. cycle removal (`acyclic`, greedy Eades-Lin-Smyth; an edge may also
//!    ask to be laid out backwards, as money does on value maps);
//! 2. layer assignment (`rank`, network simplex), ports first and last;
//! 3. dummy items for long edges and one label item per edge (`level`);
//! 4. crossing reduction (`order`, barycenter sweeps and transposition),
//!    top-down, so a block's ports follow the order of what they lead to;
//! 5. coordinates (`place`, least squares under the order), bottom-up, so
//!    a block's size and port heights are known where it is placed;
//! 6. routes (`curve`): straight runs through columns, Bézier curves in
//!    the channels between them.
//!
//! By construction nothing overlaps: boxes, labels and blocks are items of
//! their layers, kept apart, and lines run horizontally through columns and
//! curve only in the empty channels between them, so a line never passes
//! through a box or a label. Deterministic; no hashing, no randomness.
//! Roughly O((V + E) * layers) per sweep; network simplex is the costliest
//! phase on large levels.

mod acyclic;
mod curve;
mod geometry;
mod level;
mod order;
mod place;
pub mod quality;
mod rank;
pub mod rng;
mod spacing;

use curve::Anchor;
pub use geometry::{Rect, Size};
use level::{End, Kind, Level, Seg, Unit};
use place::Placement;
pub use spacing::Spacing;

/// A box to place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node {
    /// Its size.
    pub size: Size,
    /// The cluster it is drawn in, if any.
    pub cluster: Option<usize>,
}

/// A cluster: a frame around its nodes and child clusters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cluster {
    /// The cluster it is drawn in, if any.
    pub parent: Option<usize>,
    /// Room kept for its caption at the top of its frame.
    pub caption: Size,
}

/// An edge between two boxes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// Source box.
    pub from: usize,
    /// Target box.
    pub to: usize,
    /// Its label, if any.
    pub label: Option<Size>,
    /// How much it matters that it is short (1 or more).
    pub weight: i64,
    /// Stroke width: lines are kept this far apart, plus the edge spacing.
    pub thickness: f64,
    /// Width of the arrowhead drawn where the edge meets its `to` box (0 for
    /// none): lines ending with an arrow at a box are kept that far apart.
    pub arrow: f64,
    /// Lay it out as if it went from `to` to `from` (its drawn points still
    /// start at `from`).
    pub reversed: bool,
}

/// A graph to lay out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Graph {
    /// Boxes.
    pub nodes: Vec<Node>,
    /// Clusters; parents must not form a cycle (one that does is drawn at
    /// the top).
    pub clusters: Vec<Cluster>,
    /// Edges.
    pub edges: Vec<Edge>,
}

/// A routed edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// The line, from the edge's `from` box to its `to` box (each end on
    /// the box's west or east side).
    pub points: Vec<(f64, f64)>,
    /// Where its label goes, if it has one.
    pub label: Option<Rect>,
}

/// A laid-out graph; the drawing starts at (0, 0). A box may be taller than
/// asked, when more lines meet one of its sides than its height can space.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Each node's box.
    pub nodes: Vec<Rect>,
    /// Each cluster's frame.
    pub clusters: Vec<Rect>,
    /// Each edge's route.
    pub edges: Vec<Route>,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
}

/// The cluster tree: each level's parent, with bad parents sent to the top.
struct Tree {
    /// Index of the top level (= number of clusters).
    root: usize,
    /// Parent level of each cluster.
    parent: Vec<usize>,
    /// Levels from the top down to each node's own level.
    path: Vec<Vec<usize>>,
}

impl Tree {
    fn new(g: &Graph) -> Tree {
        let nc = g.clusters.len();
        let root = nc;
        let mut parent: Vec<usize> = g
            .clusters
            .iter()
            .map(|c| c.parent.filter(|&p| p < nc).unwrap_or(root))
            .collect();
        // Break parent cycles: a cluster that reaches itself goes to the top.
        for c in 0..nc {
            let mut p = parent[c];
            let mut steps = 0;
            while p != root && steps <= nc {
                p = parent[p];
                steps += 1;
            }
            if p != root {
                parent[c] = root;
            }
        }
        let path_of = |c: usize| {
            let mut p = vec![c];
            let mut at = c;
            while at != root {
                at = parent[at];
                p.push(at);
            }
            p.reverse();
            p
        };
        let path = g
            .nodes
            .iter()
            .map(|v| path_of(v.cluster.filter(|&c| c < nc).unwrap_or(root)))
            .collect();
        Tree { root, parent, path }
    }

    /// Levels from the top down, each after its parent.
    fn top_down(&self) -> Vec<usize> {
        let mut children = vec![Vec::new(); self.root + 1];
        for (c, &p) in self.parent.iter().enumerate() {
            children[p].push(c);
        }
        let mut out = vec![self.root];
        let mut k = 0;
        while k < out.len() {
            out.extend(children[out[k]].iter().copied());
            k += 1;
        }
        out
    }
}

/// Where each node and cluster sits among its level's units.
struct Units {
    node: Vec<usize>,
    cluster: Vec<usize>,
}

impl Units {
    /// The unit that stands for node `v` at depth `j` of its path: the
    /// cluster holding it there, or itself.
    fn at(&self, tree: &Tree, v: usize, j: usize) -> usize {
        let path = &tree.path[v];
        if j + 1 < path.len() {
            self.cluster[path[j + 1]]
        } else {
            self.node[v]
        }
    }
}

/// Which way each edge is drawn, and at which depth of its ends' paths it
/// runs between units (the lowest level holding both).
struct Orientation {
    lca: Vec<usize>,
    tail: Vec<usize>,
    head: Vec<usize>,
}

/// The placements of every level, bottom-up, and their vertical offsets.
struct Placed {
    placed: Vec<Placement>,
    offs: Vec<(Vec<f64>, Vec<f64>)>,
}

/// Whether edge `e` can be laid out (both ends exist and differ).
fn valid(g: &Graph, e: &Edge) -> bool {
    let n = g.nodes.len();
    e.from < n && e.to < n && e.from != e.to
}

/// Lays `g` out, in the classic phases (see the module doc): units per
/// level, edge orientation by cycle removal, segments per level, the best
/// of three orders, placement bottom-up, then absolute boxes and routes.
pub fn layout(g: &Graph, sp: &Spacing) -> Layout {
    let tree = Tree::new(g);
    let (mut levels, units) = units(g, &tree);
    let orient = orient(g, &tree, &levels, &units);
    let path = segments(g, &tree, &mut levels, &units, &orient);
    for level in &mut levels {
        level.build();
    }
    let top_down = tree.top_down();
    let orders = best_orders(&levels, &top_down, g.clusters.len());
    let placed = place_bottom_up(g, &mut levels, &orders, &top_down, sp);
    let origin = origins(&levels, &placed, &top_down, g.clusters.len());
    let (nodes, clusters) = boxes(g, &levels, &placed, &origin);
    let edges = routes(g, &levels, &placed, &origin, &path, &orient, &nodes);
    Layout {
        nodes,
        clusters,
        edges,
        width: placed.placed[tree.root].width,
        height: placed.placed[tree.root].height,
    }
}

/// One level per cluster (and the root), holding its units (nodes and
/// child clusters) in order of first appearance along the nodes.
fn units(g: &Graph, tree: &Tree) -> (Vec<Level>, Units) {
    let root = tree.root;
    let nc = g.clusters.len();
    let mut levels: Vec<Level> = (0..=nc)
        .map(|l| Level {
            framed: l != root,
            ..Level::default()
        })
        .collect();
    let mut node_unit = vec![usize::MAX; g.nodes.len()];
    let mut cluster_unit = vec![usize::MAX; nc];
    let add_cluster = |c: usize, levels: &mut Vec<Level>, cluster_unit: &mut Vec<usize>| {
        if cluster_unit[c] == usize::MAX {
            let p = tree.parent[c];
            cluster_unit[c] = levels[p].units.len();
            levels[p].units.push(Unit::Cluster(c));
        }
    };
    for (v, path) in tree.path.iter().enumerate() {
        for &c in &path[1..] {
            add_cluster(c, &mut levels, &mut cluster_unit);
        }
        let own = *path.last().unwrap_or(&root);
        node_unit[v] = levels[own].units.len();
        levels[own].units.push(Unit::Node(v));
    }
    // Clusters with no node inside still get a (small) frame.
    for c in tree.top_down().into_iter().filter(|&c| c != root) {
        add_cluster(c, &mut levels, &mut cluster_unit);
    }
    (
        levels,
        Units {
            node: node_unit,
            cluster: cluster_unit,
        },
    )
}

/// Each edge's orientation: decided where it is drawn between two units
/// (the lowest level holding both ends), by cycle removal there.
fn orient(g: &Graph, tree: &Tree, levels: &[Level], units: &Units) -> Orientation {
    let nc = g.clusters.len();
    let mut lca = vec![usize::MAX; g.edges.len()];
    let mut at_level: Vec<Vec<(usize, usize, i64)>> = vec![Vec::new(); nc + 1];
    let mut at_level_edge: Vec<Vec<usize>> = vec![Vec::new(); nc + 1];
    for (k, e) in g.edges.iter().enumerate() {
        if !valid(g, e) {
            continue;
        }
        let (a, b) = if e.reversed {
            (e.to, e.from)
        } else {
            (e.from, e.to)
        };
        let (pa, pb) = (&tree.path[a], &tree.path[b]);
        let j = pa.iter().zip(pb).take_while(|(x, y)| x == y).count() - 1;
        lca[k] = j;
        let l = pa[j];
        at_level[l].push((units.at(tree, a, j), units.at(tree, b, j), e.weight.max(1)));
        at_level_edge[l].push(k);
    }
    let mut tail = vec![0usize; g.edges.len()];
    let mut head = vec![0usize; g.edges.len()];
    for l in 0..=nc {
        let flip = acyclic::feedback_edges(levels[l].units.len(), &at_level[l]);
        for (&k, f) in at_level_edge[l].iter().zip(flip) {
            let e = &g.edges[k];
            let (a, b) = if e.reversed != f {
                (e.to, e.from)
            } else {
                (e.from, e.to)
            };
            tail[k] = a;
            head[k] = b;
        }
    }
    Orientation { lca, tail, head }
}

/// Every edge as segments: from its tail up to the level where it runs
/// between units (through ports), across, and down to its head. Returns,
/// per edge, its segments as (level, segment).
fn segments(
    g: &Graph,
    tree: &Tree,
    levels: &mut [Level],
    units: &Units,
    o: &Orientation,
) -> Vec<Vec<(usize, usize)>> {
    let mut path: Vec<Vec<(usize, usize)>> = vec![Vec::new(); g.edges.len()];
    for (k, e) in g.edges.iter().enumerate() {
        if !valid(g, e) {
            continue;
        }
        let (t, h, j) = (o.tail[k], o.head[k], o.lca[k]);
        // Room across the line at each end: the arrowhead's at `to`.
        let room = |end: usize| {
            if end == e.to {
                e.thickness.max(e.arrow)
            } else {
                e.thickness
            }
        };
        let seg = |tail: End, head: End, label: Option<Size>| Seg {
            edge: k,
            tail,
            head,
            label,
            weight: e.weight.max(1),
            thickness: e.thickness,
            tail_room: room(t),
            head_room: room(h),
        };
        let mut push = |l: usize, s: Seg, levels: &mut [Level]| {
            path[k].push((l, levels[l].segs.len()));
            levels[l].segs.push(s);
        };
        let (pt, ph) = (&tree.path[t], &tree.path[h]);
        for idx in (j + 1..pt.len()).rev() {
            push(
                pt[idx],
                seg(End::Unit(units.at(tree, t, idx)), End::Port, None),
                levels,
            );
        }
        push(
            pt[j],
            seg(
                End::Unit(units.at(tree, t, j)),
                End::Unit(units.at(tree, h, j)),
                e.label,
            ),
            levels,
        );
        for (idx, &at) in ph.iter().enumerate().skip(j + 1) {
            push(
                at,
                seg(End::Port, End::Unit(units.at(tree, h, idx)), None),
                levels,
            );
        }
    }
    path
}

/// Orders: three ways of deciding a block's port order (the level above
/// decides; the inside decides; the level above decides, keeping the
/// inside's stacking of what the ports lead to), the one with the fewest
/// crossings in the final drawing; the first on a tie.
fn best_orders(levels: &[Level], top_down: &[usize], nc: usize) -> Vec<Vec<Vec<usize>>> {
    let candidates = if nc == 0 {
        // No block: the three ways are one.
        vec![order_top_down(levels, top_down, None)]
    } else {
        let inside = order_bottom_up(levels, top_down);
        vec![
            order_top_down(levels, top_down, None),
            order_top_down(levels, top_down, Some(&inside)),
            inside,
        ]
    };
    candidates
        .into_iter()
        .map(|o| (total_crossings(levels, &o), o))
        .min_by_key(|(c, _)| *c)
        .map(|(_, o)| o)
        .unwrap_or_default()
}

/// Placement, bottom-up: a block is placed once its inside is, its size and
/// port heights then known to the level above.
fn place_bottom_up(
    g: &Graph,
    levels: &mut [Level],
    orders: &[Vec<Vec<usize>>],
    top_down: &[usize],
    sp: &Spacing,
) -> Placed {
    let nc = g.clusters.len();
    let mut placed: Vec<Placement> = vec![Placement::default(); nc + 1];
    // Per cluster: (edge, height of its port below the frame's top), sorted.
    let mut ports: Vec<PortPlaces> = vec![(Vec::new(), Vec::new()); nc];
    let mut offs: Vec<(Vec<f64>, Vec<f64>)> = vec![(Vec::new(), Vec::new()); nc + 1];
    for &l in top_down.iter().rev() {
        let pos = positions(levels[l].items.len(), &orders[l]);
        for u in 0..levels[l].units.len() {
            levels[l].items[u].size = match levels[l].units[u] {
                // A box grows when its lines need more room than it has.
                Unit::Node(v) => Size {
                    w: g.nodes[v].size.w,
                    h: g.nodes[v].size.h.max(needed_height(&levels[l], u, &pos)),
                },
                Unit::Cluster(c) => Size {
                    w: placed[c].width,
                    h: placed[c].height,
                },
            };
        }
        let level = &levels[l];
        let (up, low) = attachments(level, &orders[l], &ports, sp);
        let caption = (l < nc).then(|| g.clusters[l].caption);
        let p = place::place(level, &orders[l], &up, &low, sp, caption);
        if l < nc {
            ports[l] = frame_ports(level, &p);
        }
        placed[l] = p;
        offs[l] = (up, low);
    }
    Placed { placed, offs }
}

/// A placed cluster's ports: (edge, height below the frame's top) on its
/// west and east sides, sorted by edge.
fn frame_ports(level: &Level, p: &Placement) -> PortPlaces {
    let mut west = Vec::new();
    let mut east = Vec::new();
    let last = level.layer_count - 1;
    for (i, item) in level.items.iter().enumerate() {
        if item.kind == Kind::Port {
            let at = (level.segs[item.seg].edge, p.y[i] + item.size.h / 2.0);
            if item.layer == 0 {
                west.push(at);
            } else if item.layer == last {
                east.push(at);
            }
        }
    }
    west.sort_by_key(|a| a.0);
    east.sort_by_key(|a| a.0);
    (west, east)
}

/// Absolute top-left corner of every level, top-down.
fn origins(levels: &[Level], placed: &Placed, top_down: &[usize], nc: usize) -> Vec<(f64, f64)> {
    let mut origin = vec![(0.0, 0.0); nc + 1];
    for &l in top_down {
        for (u, unit) in levels[l].units.iter().enumerate() {
            if let Unit::Cluster(c) = *unit {
                origin[c] = (
                    origin[l].0 + placed.placed[l].x[u],
                    origin[l].1 + placed.placed[l].y[u],
                );
            }
        }
    }
    origin
}

/// Every node's box and every cluster's frame, in absolute pixels.
fn boxes(
    g: &Graph,
    levels: &[Level],
    placed: &Placed,
    origin: &[(f64, f64)],
) -> (Vec<Rect>, Vec<Rect>) {
    let mut nodes = vec![Rect::default(); g.nodes.len()];
    let mut clusters = vec![Rect::default(); g.clusters.len()];
    for (l, level) in levels.iter().enumerate() {
        for (u, unit) in level.units.iter().enumerate() {
            let r = Rect {
                x: origin[l].0 + placed.placed[l].x[u],
                y: origin[l].1 + placed.placed[l].y[u],
                w: level.items[u].size.w,
                h: level.items[u].size.h,
            };
            match *unit {
                Unit::Node(v) => nodes[v] = r,
                Unit::Cluster(c) => clusters[c] = r,
            }
        }
    }
    (nodes, clusters)
}

/// Every edge's route: the anchors of its segments joined, in the edge's
/// own direction; a loop on a node beside it; nothing for an invalid edge.
fn routes(
    g: &Graph,
    levels: &[Level],
    placed: &Placed,
    origin: &[(f64, f64)],
    path: &[Vec<(usize, usize)>],
    o: &Orientation,
    nodes: &[Rect],
) -> Vec<Route> {
    let n = g.nodes.len();
    g.edges
        .iter()
        .enumerate()
        .map(|(k, e)| {
            if e.from < n && e.from == e.to {
                return self_loop(&nodes[e.from]);
            }
            if !valid(g, e) {
                return Route {
                    points: Vec::new(),
                    label: None,
                };
            }
            let mut anchors = Vec::new();
            let mut label = None;
            for &(l, s) in &path[k] {
                let at = Drawn {
                    level: &levels[l],
                    placed: &placed.placed[l],
                    offs: &placed.offs[l],
                    origin: origin[l],
                };
                at.anchors(s, &mut anchors, &mut label);
            }
            let mut points = curve::polyline(&anchors);
            if o.tail[k] != e.from {
                points.reverse();
            }
            Route { points, label }
        })
        .collect()
}

/// Orders every level from the top down: a level orders its blocks as
/// points, and each block's inside then keeps its ports in the order of what
/// they lead to outside. With `hint` (an order of every level), a block's
/// ports are grouped by the unit inside they lead to, the groups stacked as
/// in `hint`, and the level above orders each group's ports freely.
fn order_top_down(
    levels: &[Level],
    top_down: &[usize],
    hint: Option<&[Vec<Vec<usize>>]>,
) -> Vec<Vec<Vec<usize>>> {
    let nc = levels.len() - 1;
    let mut orders: Vec<Vec<Vec<usize>>> = vec![Vec::new(); nc + 1];
    let mut port_order: Vec<(Vec<usize>, Vec<usize>)> = vec![(Vec::new(), Vec::new()); nc];
    let groups: Vec<PortPlaces> = match hint {
        Some(h) => (0..nc).map(|c| port_groups(&levels[c], &h[c])).collect(),
        None => vec![(Vec::new(), Vec::new()); nc],
    };
    for &l in top_down {
        let level = &levels[l];
        let mut fixed = Vec::new();
        if level.framed && l < nc {
            let (west, east) = &port_order[l];
            let last = level.layer_count - 1;
            fixed.push((0, port_items(level, west, 0)));
            fixed.push((last, port_items(level, east, last)));
        }
        let (sub_upper, sub_lower) = block_subs(level, |c| &groups[c]);
        let (_, ord) = order::order(level, &fixed, &sub_upper, &sub_lower);
        let pos = positions(level.items.len(), &ord);
        for (u, unit) in level.units.iter().enumerate() {
            if let Unit::Cluster(c) = *unit {
                let west = sorted_edges(level, &level.up[u], |k| pos[level.links[k].upper]);
                let east = sorted_edges(level, &level.down[u], |k| pos[level.links[k].lower]);
                port_order[c] = (west, east);
            }
        }
        orders[l] = ord;
    }
    orders
}

/// A value per port of a cluster, as `(edge, value)` sorted by edge, for
/// its west side, then its east side.
type PortPlaces = (Vec<(usize, f64)>, Vec<(usize, f64)>);

/// Per port of a cluster's level, the rank of the unit inside it leads to,
/// in `ord`, over the number of such units.
fn port_groups(level: &Level, ord: &[Vec<usize>]) -> PortPlaces {
    let pos = positions(level.items.len(), ord);
    let side = |west: bool| {
        let mut ends: Vec<(usize, usize)> = Vec::new();
        for (si, s) in level.segs.iter().enumerate() {
            let chain = &level.chains[si];
            let unit = match (west, s.tail, s.head) {
                (true, End::Port, _) => chain.last(),
                (false, _, End::Port) => chain.first(),
                _ => None,
            };
            if let Some(&u) = unit {
                ends.push((s.edge, u));
            }
        }
        let mut units: Vec<(usize, usize)> = ends
            .iter()
            .map(|&(_, u)| (level.items[u].layer, pos[u]))
            .collect();
        units.sort();
        units.dedup();
        let mut out: Vec<(usize, f64)> = ends
            .iter()
            .map(|&(e, u)| {
                let key = (level.items[u].layer, pos[u]);
                let rank = units.partition_point(|&k| k < key);
                (e, rank as f64 / units.len() as f64)
            })
            .collect();
        out.sort_by_key(|a| a.0);
        out
    };
    (side(true), side(false))
}

/// Fractions placing each link of `level` on a block's side, from each
/// cluster's `(edge, fraction)` lists (0 for links not at a block).
fn block_subs<'a>(level: &Level, places: impl Fn(usize) -> &'a PortPlaces) -> (Vec<f64>, Vec<f64>) {
    let mut sub_upper = vec![0.0; level.links.len()];
    let mut sub_lower = vec![0.0; level.links.len()];
    let find = |list: &[(usize, f64)], e: usize| {
        list.binary_search_by_key(&e, |a| a.0)
            .map_or(0.0, |k| list[k].1)
    };
    for (k, link) in level.links.iter().enumerate() {
        let edge = level.segs[link.seg].edge;
        if let Kind::Unit(u) = level.items[link.upper].kind {
            if let Unit::Cluster(c) = level.units[u] {
                sub_upper[k] = find(&places(c).1, edge);
            }
        }
        if let Kind::Unit(u) = level.items[link.lower].kind {
            if let Unit::Cluster(c) = level.units[u] {
                sub_lower[k] = find(&places(c).0, edge);
            }
        }
    }
    (sub_upper, sub_lower)
}

/// Where each cluster's ports are in its final order, as fractions.
fn port_places(levels: &[Level], orders: &[Vec<Vec<usize>>]) -> Vec<PortPlaces> {
    let nc = levels.len() - 1;
    (0..nc)
        .map(|c| {
            let level = &levels[c];
            let ord = &orders[c];
            let side = |layer: Option<&Vec<usize>>| {
                let edges: Vec<usize> = layer
                    .map(|x| {
                        x.iter()
                            .filter(|&&i| level.items[i].kind == Kind::Port)
                            .map(|&i| level.segs[level.items[i].seg].edge)
                            .collect()
                    })
                    .unwrap_or_default();
                let mut out: Vec<(usize, f64)> = edges
                    .iter()
                    .enumerate()
                    .map(|(k, &e)| (e, k as f64 / edges.len() as f64))
                    .collect();
                out.sort_by_key(|a| a.0);
                out
            };
            let last = ord.len().saturating_sub(1);
            (
                side(ord.first()),
                if last > 0 {
                    side(ord.get(last))
                } else {
                    side(None)
                },
            )
        })
        .collect()
}

/// Crossings of the final drawing: every level's, with links on blocks'
/// sides where the blocks' insides put their ports.
fn total_crossings(levels: &[Level], orders: &[Vec<Vec<usize>>]) -> usize {
    let places = port_places(levels, orders);
    levels
        .iter()
        .zip(orders)
        .map(|(level, ord)| {
            let (up, low) = block_subs(level, |c| &places[c]);
            order::count(level, ord, &up, &low)
        })
        .sum()
}

/// Orders every level from the bottom up: a block's inside orders its
/// ports freely, and the level holding the block counts crossings with the
/// ports where they are.
fn order_bottom_up(levels: &[Level], top_down: &[usize]) -> Vec<Vec<Vec<usize>>> {
    let nc = levels.len() - 1;
    let mut orders: Vec<Vec<Vec<usize>>> = vec![Vec::new(); nc + 1];
    for &l in top_down.iter().rev() {
        // The children are ordered already; where are their ports?
        let places = port_places(levels, &orders);
        let (sub_upper, sub_lower) = block_subs(&levels[l], |c| &places[c]);
        orders[l] = order::order(&levels[l], &[], &sub_upper, &sub_lower).1;
    }
    orders
}

/// The port items of layer `layer`, in the order of `edges`.
fn port_items(level: &Level, edges: &[usize], layer: usize) -> Vec<usize> {
    let mut items: Vec<(usize, usize)> = level
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.kind == Kind::Port && it.layer == layer)
        .map(|(i, it)| {
            let e = level.segs[it.seg].edge;
            (edges.iter().position(|&x| x == e).unwrap_or(usize::MAX), i)
        })
        .collect();
    items.sort();
    items.into_iter().map(|(_, i)| i).collect()
}

/// The edges of `links`, ordered by the position of their other end (ties
/// by edge, the same rule on both sides of a block, so they never cross).
fn sorted_edges(level: &Level, links: &[usize], pos: impl Fn(usize) -> usize) -> Vec<usize> {
    let mut v: Vec<(usize, usize)> = links
        .iter()
        .map(|&k| (pos(k), level.segs[level.links[k].seg].edge))
        .collect();
    v.sort();
    v.into_iter().map(|(_, e)| e).collect()
}

/// Lines meeting one side of a box keep at least this much between them,
/// beyond their own widths, and this far from the box's corners.
const LINE_GAP: f64 = 3.0;
const CORNER: f64 = 10.0;

/// The links meeting item `i` on its east (`down`) or west (`up`) side,
/// as `(position of the other end, edge, link)`, in order down the side.
fn side_links(level: &Level, i: usize, east: bool, pos: &[usize]) -> Vec<(usize, usize, usize)> {
    let links = if east { &level.down[i] } else { &level.up[i] };
    let mut sorted: Vec<(usize, usize, usize)> = links
        .iter()
        .map(|&k| {
            let l = &level.links[k];
            let other = if east { l.lower } else { l.upper };
            (pos[other], level.segs[l.seg].edge, k)
        })
        .collect();
    sorted.sort();
    sorted
}

/// The least distance between the centres of consecutive lines on a box's
/// east (`east`) or west side: half of each one's room (its width, or its
/// arrowhead's) and a gap.
fn min_gaps(level: &Level, side: &[(usize, usize, usize)], east: bool) -> Vec<f64> {
    side.windows(2)
        .map(|w| {
            let room = |k: usize| {
                let s = &level.segs[level.links[k].seg];
                // East side: the box is the link's tail end; west: its head.
                if east {
                    s.tail_room
                } else {
                    s.head_room
                }
            };
            (room(w[0].2) + room(w[1].2)) / 2.0 + LINE_GAP
        })
        .collect()
}

/// Positions of each item in its layer.
fn positions(n: usize, ord: &[Vec<usize>]) -> Vec<usize> {
    let mut pos = vec![0usize; n];
    for layer in ord {
        for (k, &i) in layer.iter().enumerate() {
            pos[i] = k;
        }
    }
    pos
}

/// How tall box `i` must be for its lines to meet each side apart.
fn needed_height(level: &Level, i: usize, pos: &[usize]) -> f64 {
    [true, false]
        .iter()
        .map(|&east| {
            min_gaps(level, &side_links(level, i, east, pos), east)
                .iter()
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
        + 2.0 * CORNER
}

/// Where each link meets its upper and lower item, below the item's top:
/// spread over a box's side in the order of the other ends, no closer than
/// their widths allow and no further apart than `port_step`; at a block,
/// its port; elsewhere, the middle.
fn attachments(
    level: &Level,
    ord: &[Vec<usize>],
    ports: &[PortPlaces],
    sp: &Spacing,
) -> (Vec<f64>, Vec<f64>) {
    let pos = positions(level.items.len(), ord);
    let m = level.links.len();
    let mut up = vec![0.0; m];
    let mut low = vec![0.0; m];
    let port = |list: &[(usize, f64)], e: usize| {
        list.binary_search_by_key(&e, |a| a.0)
            .ok()
            .map(|k| list[k].1)
    };
    for (i, item) in level.items.iter().enumerate() {
        let h = item.size.h;
        for east in [true, false] {
            let side = side_links(level, i, east, &pos);
            let gaps = min_gaps(level, &side, east);
            let least: f64 = gaps.iter().sum();
            // Spread as far as the side allows, up to port_step apart.
            let widest = gaps.iter().map(|g| g.max(sp.port_step)).sum::<f64>();
            let room = (h - 2.0 * CORNER).max(0.0);
            let scale = if least > 0.0 {
                (room.min(widest) / least).max(1.0)
            } else {
                1.0
            };
            let span = least * scale;
            let mut at = h / 2.0 - span / 2.0;
            for (j, &(_, edge, k)) in side.iter().enumerate() {
                if j > 0 {
                    at += gaps[j - 1] * scale;
                }
                let y = match item.kind {
                    Kind::Unit(u) => match level.units[u] {
                        Unit::Node(_) => at,
                        Unit::Cluster(c) => {
                            let ends = if east { &ports[c].1 } else { &ports[c].0 };
                            port(ends, edge).unwrap_or(h / 2.0)
                        }
                    },
                    _ => h / 2.0,
                };
                if east {
                    up[k] = y;
                } else {
                    low[k] = y;
                }
            }
        }
    }
    (up, low)
}

/// A placed level in the drawing's coordinates.
struct Drawn<'a> {
    level: &'a Level,
    placed: &'a Placement,
    offs: &'a (Vec<f64>, Vec<f64>),
    origin: (f64, f64),
}

impl Drawn<'_> {
    /// Appends the anchors of segment `s`, and its label's place.
    fn anchors(&self, s: usize, out: &mut Vec<Anchor>, label: &mut Option<Rect>) {
        let level = self.level;
        let chain = &level.chains[s];
        let first = level.first_link[s];
        let (ox, oy) = self.origin;
        let last = chain.len() - 1;
        for (p, &i) in chain.iter().enumerate() {
            let item = &level.items[i];
            let top = oy + self.placed.y[i];
            let y = if p == 0 {
                top + self.offs.0[first]
            } else if p == last {
                top + self.offs.1[first + p - 1]
            } else {
                top + item.size.h / 2.0
            };
            let (c0, c1) = self.placed.columns[item.layer];
            let (c0, c1) = (c0 + ox, c1 + ox);
            let x0 = ox + self.placed.x[i];
            let x1 = x0 + item.size.w;
            let flat = |x: f64| Anchor { x, y, flat: true };
            match item.kind {
                Kind::Unit(_) if p == 0 => out.extend([flat(x1), flat(c1)]),
                Kind::Unit(_) => out.extend([flat(c0), flat(x0)]),
                Kind::Port => out.push(flat(c0)),
                Kind::Label | Kind::Dummy => {
                    if item.kind == Kind::Label {
                        *label = Some(Rect {
                            x: x0,
                            y: top,
                            w: item.size.w,
                            h: item.size.h,
                        });
                    }
                    if c1 - c0 > 0.5 {
                        out.extend([flat(c0), flat(c1)]);
                    } else {
                        out.push(Anchor {
                            x: c0,
                            y,
                            flat: false,
                        });
                    }
                }
            }
        }
    }
}

/// A small loop on a box's east side, for an edge from a box to itself.
fn self_loop(r: &Rect) -> Route {
    let (x, y0, y1) = (r.x + r.w, r.y + r.h * 0.35, r.y + r.h * 0.65);
    Route {
        points: vec![(x, y0), (x + 14.0, y0 - 6.0), (x + 14.0, y1 + 6.0), (x, y1)],
        label: None,
    }
}

#[cfg(test)]
mod tests;
