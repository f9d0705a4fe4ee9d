//! One level of the compound layout: the inside of one cluster (or the top
//! of the drawing), as a proper layered graph. Its units are the nodes
//! directly in it and its child clusters, each child cluster a single block;
//! its segments are the parts of edges drawn at this level: an edge between
//! two of its units (with the edge's label), or from a unit to the cluster's
//! west or east side, where the edge crosses the frame (a *port*).
//!
//! Layers are twice the ranks: units sit on even layers, and every segment
//! between units has an odd layer in between for its label, so labels are
//! items of their own and never overlap anything. Long segments get a dummy
//! item per layer they cross; west ports sit on the first layer and east
//! ports on the last, so a level's frame is crossed only at its sides.

use super::geometry::Size;
use super::rank::{network_simplex, RankEdge};

/// A unit of a level: a node, or a child cluster drawn as one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A node (index into the graph's nodes).
    Node(usize),
    /// A child cluster (index into the graph's clusters).
    Cluster(usize),
}

/// One end of a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// A unit of the level (index into `units`).
    Unit(usize),
    /// The frame's side: west for a tail, east for a head.
    Port,
}

/// The part of one edge drawn at one level, tail (left) to head (right).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seg {
    /// The edge (index into the graph's edges).
    pub edge: usize,
    /// Where it starts.
    pub tail: End,
    /// Where it ends.
    pub head: End,
    /// The edge's label, drawn at this level (only between two units).
    pub label: Option<Size>,
    /// Ranking weight.
    pub weight: i64,
    /// Stroke width.
    pub thickness: f64,
    /// Room the line needs across it where it meets a box at its tail end
    /// (its width, or its arrowhead's if the arrow is drawn there).
    pub tail_room: f64,
    /// The same at its head end.
    pub head_room: f64,
}

/// What an item of a layer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A unit (index into `units`).
    Unit(usize),
    /// A point a segment passes through.
    Dummy,
    /// A segment's label.
    Label,
    /// Where a segment crosses the frame.
    Port,
}

/// An item of a layer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    /// What it is.
    pub kind: Kind,
    /// Its segment (`usize::MAX` for units).
    pub seg: usize,
    /// Its size (a dummy or port is as high as its line is wide).
    pub size: Size,
    /// Its layer.
    pub layer: usize,
}

/// A piece of a segment between two consecutive layers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// The item on the left layer.
    pub upper: usize,
    /// The item on the next layer.
    pub lower: usize,
    /// Its segment.
    pub seg: usize,
    /// How much it matters that it is straight (dot's 1, 2, 8 for
    /// unit-unit, unit-virtual, virtual-virtual).
    pub weight: f64,
}

/// A level as a proper layered graph, before ordering and placement.
#[derive(Debug, Clone, Default)]
pub struct Level {
    /// The units, in first-appearance (file) order.
    pub units: Vec<Unit>,
    /// The segments.
    pub segs: Vec<Seg>,
    /// Whether this level is a cluster's inside (with ports and a frame).
    pub framed: bool,
    /// Items: units first (item `u` is unit `u`), then dummies, labels, ports.
    pub items: Vec<Item>,
    /// Per segment, its items from tail to head.
    pub chains: Vec<Vec<usize>>,
    /// Links between consecutive layers.
    pub links: Vec<Link>,
    /// Per segment, its first link; its links are consecutive, tail first.
    pub first_link: Vec<usize>,
    /// Per item, its links to the previous layer.
    pub up: Vec<Vec<usize>>,
    /// Per item, its links to the next layer.
    pub down: Vec<Vec<usize>>,
    /// Number of layers.
    pub layer_count: usize,
}

impl Level {
    /// Ranks the units and builds the layered graph. Unit items get their
    /// sizes later (a block's size is known once its inside is placed).
    pub fn build(&mut self) {
        let k = self.units.len();
        // Ranking graph: units, then a west and an east node joined to every
        // unit, so ports come first and last, and the graph is connected.
        let (west, east) = (k, k + 1);
        let mut edges = Vec::with_capacity(self.segs.len() + 2 * k);
        for s in &self.segs {
            let (a, b) = (self.end_node(s.tail, west), self.end_node(s.head, east));
            edges.push(RankEdge {
                from: a,
                to: b,
                weight: s.weight,
                minlen: 1,
            });
        }
        for u in 0..k {
            edges.push(RankEdge {
                from: west,
                to: u,
                weight: 0,
                minlen: 1,
            });
            edges.push(RankEdge {
                from: u,
                to: east,
                weight: 0,
                minlen: 1,
            });
        }
        let rank = network_simplex(k + 2, &edges);
        // Units on even layers; west ports on the odd layer before the
        // first unit rank, east ports on the odd layer after the last.
        let unit_layer = |u: usize| 2 * rank[u] as usize;
        let west_layer = 2 * rank[west] as usize + 1;
        let east_layer = (2 * rank[east] as usize).saturating_sub(1).max(west_layer);
        self.items.clear();
        for u in 0..k {
            self.items.push(Item {
                kind: Kind::Unit(u),
                seg: usize::MAX,
                size: Size::default(),
                layer: unit_layer(u),
            });
        }
        self.chains = Vec::with_capacity(self.segs.len());
        for si in 0..self.segs.len() {
            let s = self.segs[si];
            let mut chain = Vec::new();
            let start = match s.tail {
                End::Unit(u) => {
                    chain.push(u);
                    unit_layer(u)
                }
                End::Port => {
                    chain.push(self.push_port(si, s.thickness, west_layer));
                    west_layer
                }
            };
            let end = match s.head {
                End::Unit(u) => unit_layer(u),
                End::Port => east_layer,
            };
            // The label's layer: the middle odd layer between two units.
            let label_layer = s.label.map(|_| {
                let span = (end - start) / 2;
                start + 1 + 2 * ((span.max(1) - 1) / 2)
            });
            for layer in start + 1..end {
                let (kind, size) = match (label_layer, s.label) {
                    (Some(l), Some(sz)) if l == layer => (Kind::Label, sz),
                    _ => (
                        Kind::Dummy,
                        Size {
                            w: 0.0,
                            h: s.thickness,
                        },
                    ),
                };
                chain.push(self.items.len());
                self.items.push(Item {
                    kind,
                    seg: si,
                    size,
                    layer,
                });
            }
            match s.head {
                End::Unit(u) => chain.push(u),
                End::Port => chain.push(self.push_port(si, s.thickness, east_layer)),
            }
            self.chains.push(chain);
        }
        self.compact_layers(west_layer, east_layer);
        self.link();
    }

    /// Adds the port item of segment `seg` on `layer`; returns it.
    fn push_port(&mut self, seg: usize, thickness: f64, layer: usize) -> usize {
        self.items.push(Item {
            kind: Kind::Port,
            seg,
            size: Size {
                w: 0.0,
                h: thickness,
            },
            layer,
        });
        self.items.len() - 1
    }

    fn end_node(&self, e: End, port: usize) -> usize {
        match e {
            End::Unit(u) => u,
            End::Port => port,
        }
    }

    /// Drops layers nothing uses (a framed level keeps its port layers
    /// first and last, used or not).
    fn compact_layers(&mut self, west_layer: usize, east_layer: usize) {
        let top = self
            .items
            .iter()
            .map(|i| i.layer)
            .max()
            .unwrap_or(0)
            .max(east_layer);
        let mut used = vec![false; top + 1];
        for i in &self.items {
            used[i.layer] = true;
        }
        if self.framed {
            used[west_layer] = true;
            used[east_layer] = true;
        }
        let mut map = vec![usize::MAX; top + 1];
        let mut next = 0;
        for (l, &u) in used.iter().enumerate() {
            // A framed level has nothing before its west ports or after its
            // east ports: those layers are dropped.
            let outside = self.framed && (l < west_layer || l > east_layer);
            if u && !outside {
                map[l] = next;
                next += 1;
            }
        }
        if self.framed {
            // Units of a framed level never sit outside its port layers.
            debug_assert!(self
                .items
                .iter()
                .all(|i| i.layer >= west_layer && i.layer <= east_layer));
        }
        for i in &mut self.items {
            i.layer = map[i.layer].min(next.saturating_sub(1));
        }
        self.layer_count = next.max(1);
    }

    fn link(&mut self) {
        let n = self.items.len();
        self.links.clear();
        self.up = vec![Vec::new(); n];
        self.down = vec![Vec::new(); n];
        self.first_link = Vec::with_capacity(self.chains.len());
        for (si, chain) in self.chains.iter().enumerate() {
            self.first_link.push(self.links.len());
            for w in chain.windows(2) {
                let virt = |i: usize| !matches!(self.items[i].kind, Kind::Unit(_));
                let weight = match (virt(w[0]), virt(w[1])) {
                    (false, false) => 1.0,
                    (true, true) => 8.0,
                    _ => 2.0,
                };
                let l = self.links.len();
                self.links.push(Link {
                    upper: w[0],
                    lower: w[1],
                    seg: si,
                    weight,
                });
                self.down[w[0]].push(l);
                self.up[w[1]].push(l);
            }
        }
    }
}
