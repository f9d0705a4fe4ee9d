//! Where everything on a map goes: node cards sized from real font metrics,
//! `parent` groups as nested containers, flows routed as polylines with their
//! labels placed, all by a layered (Sugiyama) layout, the `dagre` crate (a
//! port of dagre.js: network-simplex ranks, barycenter crossing reduction,
//! Brandes-Köpf coordinates, compound graphs, edge labels as dummy nodes).
//!
//! Value chains read left to right: goods, services and intangibles point
//! right, and money, which pays for them, is laid out as if it flowed the
//! other way (its arrow still points from payer to payee), so a supplier sits
//! left of its customer. A container's own label is a card inside it, and
//! flows to or from the container attach to that card. Pure; deterministic.

use dagre::graph::{Graph, GraphOptions};
use dagre::{EdgeLabel, LayoutOptions, NodeLabel, RankDir};

use super::fonts::Font;
use super::map_view::{Item, MapView};
use crate::analysis::format::amount;
use crate::model::{Flow, NodeKind};

/// A rectangle: top-left corner and size, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether two rectangles overlap by more than `eps` in both directions.
    pub fn overlaps(&self, o: &Rect, eps: f64) -> bool {
        self.x + self.w - eps > o.x
            && o.x + o.w - eps > self.x
            && self.y + self.h - eps > o.y
            && o.y + o.h - eps > self.y
    }

    /// Whether `o` lies inside this rectangle.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x - 1e-6
            && o.y >= self.y - 1e-6
            && o.x + o.w <= self.x + self.w + 1e-6
            && o.y + o.h <= self.y + self.h + 1e-6
    }
}

/// Fonts and sizes of a map.
pub mod style {
    use super::Font;
    /// Node titles.
    pub const TITLE: Font = Font {
        size: 13.0,
        bold: true,
    };
    /// Driver badges and small print in cards.
    pub const BADGE: Font = Font {
        size: 10.0,
        bold: false,
    };
    /// Flow labels.
    pub const EDGE: Font = Font {
        size: 10.5,
        bold: false,
    };
    /// Widest title line.
    pub const CARD_TEXT: f64 = 170.0;
    /// Widest flow label line.
    pub const EDGE_TEXT: f64 = 210.0;
    /// Most offerings listed on one flow before "+N more".
    pub const MAX_ITEMS: usize = 3;
    /// Padding inside a card.
    pub const PAD: f64 = 8.0;
    /// Padding inside a container.
    pub const FRAME_PAD: f64 = 14.0;
    /// Badge height.
    pub const BADGE_H: f64 = 15.0;
    /// Most badges on a card before "+N".
    pub const MAX_BADGES: usize = 3;
}

/// A node's card: its text, badges and place.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// Where the card is.
    pub rect: Rect,
    /// Title lines.
    pub title: Vec<String>,
    /// Extra line under the title ("12 nodes"), if any.
    pub note: Option<String>,
    /// Badges: text, shared, and their rectangles relative to the card's corner.
    pub badges: Vec<(String, bool, Rect)>,
    /// Horizontal inset of the text (shapes with slanted sides need more).
    pub inset: f64,
}

/// A routed flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// From source to target.
    pub points: Vec<(f64, f64)>,
    /// Label lines: the offering, then the value per year.
    pub label: Vec<String>,
    /// Where the label goes.
    pub label_rect: Rect,
    /// Stroke width in pixels (log of the value per year).
    pub width: f64,
}

/// A laid-out map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLayout {
    /// Cards, one per view node.
    pub cards: Vec<Card>,
    /// Container frames, for view nodes with children in the view.
    pub frames: Vec<Option<Rect>>,
    /// Routes, one per view edge.
    pub routes: Vec<Route>,
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
}

fn inset(kind: NodeKind) -> f64 {
    match kind {
        NodeKind::Device | NodeKind::Activity => 14.0,
        NodeKind::Person | NodeKind::Segment => 12.0,
        _ => 0.0,
    }
}

/// The card of one node, sized but not placed.
fn card(view: &MapView, i: usize) -> Card {
    use style::*;
    let node = &view.nodes[i];
    let title = TITLE.wrap(&node.label, CARD_TEXT, 3);
    let note = (node.members > 1).then(|| format!("{} nodes", node.members));
    let mut text_w = title.iter().map(|l| TITLE.width(l)).fold(0.0f64, f64::max);
    if let Some(n) = &note {
        text_w = text_w.max(BADGE.width(n));
    }
    text_w = text_w.max(70.0);
    let mut y =
        PAD + title.len() as f64 * TITLE.line_height() + if note.is_some() { 14.0 } else { 0.0 };
    // Badges flow in rows as wide as the text.
    let mut badges = Vec::new();
    let mut texts: Vec<(String, bool)> = node
        .badges
        .iter()
        .take(MAX_BADGES)
        .map(|b| {
            let mark = if b.shared { "◆ " } else { "" };
            (
                BADGE.truncate(&format!("{mark}{}", b.label), CARD_TEXT - 10.0),
                b.shared,
            )
        })
        .collect();
    if node.badges.len() > MAX_BADGES {
        texts.push((format!("+{}", node.badges.len() - MAX_BADGES), false));
    }
    let row_w = text_w.max(CARD_TEXT * 0.8);
    let mut x = 0.0;
    if !texts.is_empty() {
        y += 4.0;
    }
    let mut widest = 0.0f64;
    for (t, shared) in texts {
        let w = BADGE.width(&t) + 10.0;
        if x > 0.0 && x + w > row_w {
            x = 0.0;
            y += BADGE_H + 3.0;
        }
        badges.push((
            t,
            shared,
            Rect {
                x,
                y,
                w,
                h: BADGE_H,
            },
        ));
        x += w + 4.0;
        widest = widest.max(x - 4.0);
    }
    if !badges.is_empty() {
        y += BADGE_H;
    }
    let ins = inset(node.kind);
    let inner = text_w.max(widest);
    let w = inner + 2.0 * (PAD + ins);
    // Centre the badges' rows under the text by shifting them by the inset.
    for b in &mut badges {
        b.2.x += PAD + ins;
    }
    Card {
        rect: Rect {
            x: 0.0,
            y: 0.0,
            w,
            h: (y + PAD).max(34.0),
        },
        title,
        note,
        badges,
        inset: ins,
    }
}

/// The label lines of a flow: one per offering, "offering · value/yr" (or
/// "· value in year 1" for a flow of year 1 only), the offering cut to fit;
/// at most [`style::MAX_ITEMS`] lines, then "+N more" with their value per year.
pub fn edge_label(items: &[Item]) -> Vec<String> {
    use style::*;
    let mut lines = Vec::new();
    for (k, item) in items.iter().enumerate() {
        if k == MAX_ITEMS && items.len() > MAX_ITEMS + 1 {
            let rest: f64 = items[k..].iter().map(|x| x.per_year).sum();
            lines.push(format!("+{} more · {}/yr", items.len() - k, amount(rest)));
            break;
        }
        let value = match item.year_one {
            Some(v) if v > 0.0 => format!(" · {} in year 1", amount(v)),
            _ if item.per_year > 0.0 => format!(" · {}/yr", amount(item.per_year)),
            _ => String::new(),
        };
        let room = EDGE_TEXT - EDGE.width(&value);
        lines.push(format!("{}{value}", EDGE.truncate(&item.offering, room)));
    }
    lines
}

/// Stroke width for a value per year, on a log scale between the view's
/// smallest and largest positive values (1.2 to 6 pixels).
pub fn stroke_width(v: f64, min: f64, max: f64) -> f64 {
    if v <= 0.0 || max <= 0.0 {
        return 1.2;
    }
    let (lo, hi) = ((1.0 + min).ln(), (1.0 + max).ln());
    if hi - lo < 1e-9 {
        return 3.0;
    }
    1.2 + 4.8 * ((1.0 + v).ln() - lo) / (hi - lo)
}

/// A smooth curve through every one of `points`: a centripetal Catmull-Rom
/// spline (no cusps or self-intersections, little overshoot), sampled into
/// the polyline that is drawn (8 points per piece). Passing through dagre's
/// points means passing through the centre of the flow's label, so every
/// label sits on its own line.
pub fn smooth(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let n = points.len();
    if n < 3 {
        return points.to_vec();
    }
    let at = |i: isize| points[i.clamp(0, n as isize - 1) as usize];
    // Knot spacing: the square root of the distance (centripetal).
    let gap = |a: (f64, f64), b: (f64, f64)| ((a.0 - b.0).hypot(a.1 - b.1)).sqrt().max(1e-6);
    let mut out = Vec::with_capacity((n - 1) * 8 + 1);
    for i in 0..n as isize - 1 {
        let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
        // At the ends, mirror the missing neighbour so the end tangent points
        // along the first or last segment.
        let p0 = if i == 0 {
            (2.0 * p1.0 - p2.0, 2.0 * p1.1 - p2.1)
        } else {
            p0
        };
        let p3 = if i + 2 >= n as isize {
            (2.0 * p2.0 - p1.0, 2.0 * p2.1 - p1.1)
        } else {
            p3
        };
        let t0 = 0.0;
        let t1 = t0 + gap(p0, p1);
        let t2 = t1 + gap(p1, p2);
        let t3 = t2 + gap(p2, p3);
        let lerp = |a: (f64, f64), b: (f64, f64), ta: f64, tb: f64, t: f64| {
            let (wa, wb) = ((tb - t) / (tb - ta), (t - ta) / (tb - ta));
            (wa * a.0 + wb * b.0, wa * a.1 + wb * b.1)
        };
        for s in 0..8 {
            let t = t1 + (t2 - t1) * s as f64 / 8.0;
            let a1 = lerp(p0, p1, t0, t1, t);
            let a2 = lerp(p1, p2, t1, t2, t);
            let a3 = lerp(p2, p3, t2, t3, t);
            let b1 = lerp(a1, a2, t0, t2, t);
            let b2 = lerp(a2, a3, t1, t3, t);
            out.push(lerp(b1, b2, t1, t2, t));
        }
    }
    out.push(points[n - 1]);
    out
}

/// Lays the view out.
pub fn layout(view: &MapView) -> MapLayout {
    let n = view.nodes.len();
    let mut cards: Vec<Card> = (0..n).map(|i| card(view, i)).collect();
    let mut has_children = vec![false; n];
    for node in &view.nodes {
        if let Some(p) = node.parent {
            has_children[p] = true;
        }
    }
    let mut g: Graph<NodeLabel, EdgeLabel> = Graph::with_options(GraphOptions {
        directed: true,
        multigraph: true,
        compound: true,
    });
    let card_id = |i: usize| format!("n{i}");
    let frame_id = |i: usize| format!("c{i}");
    for (i, c) in cards.iter().enumerate() {
        let label = NodeLabel {
            width: c.rect.w,
            height: c.rect.h,
            ..NodeLabel::default()
        };
        g.set_node(card_id(i), Some(label));
        if has_children[i] {
            g.set_node(frame_id(i), Some(NodeLabel::default()));
        }
    }
    for (i, node) in view.nodes.iter().enumerate() {
        if has_children[i] {
            g.set_parent(&card_id(i), Some(&frame_id(i)));
        }
        if let Some(p) = node.parent {
            let me = if has_children[i] {
                frame_id(i)
            } else {
                card_id(i)
            };
            g.set_parent(&me, Some(&frame_id(p)));
        }
    }
    let positive: Vec<f64> = view
        .edges
        .iter()
        .map(|e| e.per_year)
        .filter(|v| *v > 0.0)
        .collect();
    let vmin = positive.iter().copied().fold(f64::INFINITY, f64::min);
    let vmax = positive.iter().copied().fold(0.0, f64::max);
    let mut labels = Vec::with_capacity(view.edges.len());
    for (k, e) in view.edges.iter().enumerate() {
        let lines = edge_label(&e.items);
        let w = lines
            .iter()
            .map(|l| style::EDGE.width(l))
            .fold(0.0f64, f64::max)
            + 6.0;
        let h = lines.len() as f64 * style::EDGE.line_height() + 4.0;
        let label = EdgeLabel {
            width: w,
            height: h,
            weight: if e.flow.is_tangible() { 2 } else { 1 },
            ..EdgeLabel::default()
        };
        let (a, b) = if e.flow == Flow::Money {
            (e.to, e.from)
        } else {
            (e.from, e.to)
        };
        g.set_edge(card_id(a), card_id(b), Some(label), Some(&format!("e{k}")));
        labels.push(lines);
    }
    dagre::layout(
        &mut g,
        Some(LayoutOptions {
            rankdir: RankDir::LR,
            nodesep: 22.0,
            edgesep: 10.0,
            ranksep: 56.0,
            marginx: 0.0,
            marginy: 0.0,
            ..LayoutOptions::default()
        }),
    );
    let centre_rect = |l: &NodeLabel| Rect {
        x: l.x.unwrap_or(0.0) - l.width / 2.0,
        y: l.y.unwrap_or(0.0) - l.height / 2.0,
        w: l.width,
        h: l.height,
    };
    for (i, c) in cards.iter_mut().enumerate() {
        if let Some(l) = g.node(&card_id(i)) {
            c.rect = centre_rect(l);
        }
    }
    let frames: Vec<Option<Rect>> = (0..n)
        .map(|i| {
            has_children[i]
                .then(|| g.node(&frame_id(i)).map(centre_rect))
                .flatten()
        })
        .collect();
    let mut routes = Vec::with_capacity(view.edges.len());
    for (k, (e, lines)) in view.edges.iter().zip(labels).enumerate() {
        let (a, b) = if e.flow == Flow::Money {
            (e.to, e.from)
        } else {
            (e.from, e.to)
        };
        let name = format!("e{k}");
        let Some(l) = g.edge(&card_id(a), &card_id(b), Some(&name)) else {
            continue;
        };
        let mut points: Vec<(f64, f64)> = l.points.iter().map(|p| (p.x, p.y)).collect();
        if e.flow == Flow::Money {
            points.reverse();
        }
        // dagre puts the label beside its dummy point; route the line through
        // the label's centre instead, so each label sits on its own line (the
        // label's rank has room for it either way).
        let centre = (l.x.unwrap_or(0.0), l.y.unwrap_or(0.0));
        if l.width > 0.0 && points.len() >= 2 {
            let nearest = (1..points.len() - 1).min_by(|a, b| {
                (points[*a].0 - centre.0)
                    .abs()
                    .total_cmp(&(points[*b].0 - centre.0).abs())
            });
            match nearest {
                Some(k) => points[k] = centre,
                None => points.insert(1, centre),
            }
        }
        let points = smooth(&points);
        let label_rect = Rect {
            x: l.x.unwrap_or(0.0) - l.width / 2.0,
            y: l.y.unwrap_or(0.0) - l.height / 2.0,
            w: l.width,
            h: l.height,
        };
        routes.push(Route {
            points,
            label: lines,
            label_rect,
            width: stroke_width(e.per_year, vmin, vmax),
        });
    }
    // Shift everything so the drawing starts at (0, 0).
    let mut min = (f64::INFINITY, f64::INFINITY);
    let mut max = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut grow = |r: &Rect| {
        min = (min.0.min(r.x), min.1.min(r.y));
        max = (max.0.max(r.x + r.w), max.1.max(r.y + r.h));
    };
    cards.iter().for_each(|c| grow(&c.rect));
    frames.iter().flatten().for_each(&mut grow);
    for r in &routes {
        grow(&r.label_rect);
        for p in &r.points {
            grow(&Rect {
                x: p.0,
                y: p.1,
                w: 0.0,
                h: 0.0,
            });
        }
    }
    if !min.0.is_finite() {
        min = (0.0, 0.0);
        max = (0.0, 0.0);
    }
    let shift = |r: &mut Rect| {
        r.x -= min.0;
        r.y -= min.1;
    };
    cards.iter_mut().for_each(|c| shift(&mut c.rect));
    let mut frames = frames;
    frames.iter_mut().flatten().for_each(shift);
    for r in &mut routes {
        shift(&mut r.label_rect);
        for p in &mut r.points {
            p.0 -= min.0;
            p.1 -= min.1;
        }
    }
    MapLayout {
        cards,
        frames,
        routes,
        width: max.0 - min.0,
        height: max.1 - min.1,
    }
}
