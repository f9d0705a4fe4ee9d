//! Where everything on a map goes: node cards sized from real font metrics,
//! `parent` groups as nested containers, flows routed with their labels
//! placed, by our compound layered layout ([`layered`]).
//!
//! Value chains read left to right: goods, services and intangibles point
//! right, and money, which pays for them, is laid out as if it flowed the
//! other way (its arrow still points from payer to payee), so a supplier sits
//! left of its customer. A container's own label is a card inside it, and
//! flows to or from the container attach to that card. Lines end on the
//! card's drawn outline (hexagons, chevrons, rounded ends), not its box.
//! Pure; deterministic.

use crate::model::{Flow, NodeKind};
use crate::render::fonts::Font;
use crate::render::map::view::{Item, MapView};
use crate::words::amount;
use layered::{self, Size};

pub use crate::render::geometry::Rect;

/// Fonts and sizes of a map.
pub mod style {
    use super::Font;
    /// Node titles.
    pub const TITLE: Font = Font {
        size: 13.0,
        bold: true,
    };
    /// Driver badges and small print in cards.
    pub(crate) const BADGE: Font = Font {
        size: 10.0,
        bold: false,
    };
    /// Flow labels.
    pub const EDGE: Font = Font {
        size: 10.5,
        bold: false,
    };
    /// Container captions.
    pub(crate) const CAPTION: Font = Font {
        size: 10.0,
        bold: true,
    };
    /// Widest container caption.
    pub(crate) const CAPTION_TEXT: f64 = 320.0;
    /// Widest title line.
    pub(crate) const CARD_TEXT: f64 = 170.0;
    /// Widest line of a flow label wrapped over two lines.
    pub(crate) const EDGE_TEXT: f64 = 150.0;
    /// Widest line of a flow label listing offerings one per line.
    pub const EDGE_LIST: f64 = 200.0;
    /// Most offerings listed on one flow before "+N more".
    pub(crate) const MAX_ITEMS: usize = 3;
    /// Padding inside a card.
    pub const PAD: f64 = 8.0;
    /// Badge height.
    pub(crate) const BADGE_H: f64 = 15.0;
    /// Widest driver badge text.
    pub(crate) const BADGE_TEXT: f64 = 210.0;
    /// Most badges on a card before "+N".
    pub(crate) const MAX_BADGES: usize = 3;
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
    /// How far the text is moved down: half of what the card grew to give
    /// its lines room, so the text stays centred.
    pub dy: f64,
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
                BADGE.truncate(&format!("{mark}{}", b.label), BADGE_TEXT),
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
        dy: 0.0,
        inset: ins,
    }
}

/// The label lines of a flow. A flow of one offering: "offering · value/yr"
/// (or "· value in year 1" for a flow of year 1 only) on one line when it
/// fits [`style::EDGE_LIST`], else the offering on up to two lines of
/// `style::EDGE_TEXT` and its value on a third. A flow of several: each
/// offering on up to two lines of [`style::EDGE_LIST`] with its value at the
/// end of its last line, the second line starting with [`CONTINUED`]; at
/// most `style::MAX_ITEMS` offerings, then "+N more" with their value per
/// year. Text that does not fit ends in "…"; the value is always kept.
pub fn edge_label(items: &[Item]) -> Vec<String> {
    use style::*;
    let mut lines = Vec::new();
    for (k, item) in items.iter().enumerate() {
        if k == MAX_ITEMS && items.len() > MAX_ITEMS + 1 {
            let rest: f64 = items[k..].iter().map(|x| x.per_year).sum();
            lines.push(format!("+{} more · {}/yr", items.len() - k, amount(rest)));
            break;
        }
        let mut value = match item.year_one {
            Some(v) if v > 0.0 => format!("{} in year 1", amount(v)),
            _ if item.per_year > 0.0 => format!("{}/yr", amount(item.per_year)),
            _ => String::new(),
        };
        if let Some(w) = item.was {
            value = format!("{value}, was {}", amount(w));
        }
        // A no-break space keeps the dot with the value when lines wrap.
        let tail = if value.is_empty() {
            String::new()
        } else {
            format!(" ·\u{a0}{value}")
        };
        let one = format!("{}{tail}", item.offering);
        if EDGE.width(&one) <= EDGE_LIST {
            lines.push(one);
        } else if items.len() == 1 {
            lines.extend(EDGE.wrap(&item.offering, EDGE_TEXT, 2));
            if !value.is_empty() {
                lines.push(value);
            }
        } else {
            // The whole "offering · value" over two lines if that fits; else
            // the offering over up to two lines with its value after it, or
            // on a line of its own (wrapped like its neighbours, never cut);
            // only an offering longer than two lines is cut, so that its
            // value ends the third line.
            let whole = EDGE.wrap(&one, EDGE_LIST, 2);
            let fits = !value.is_empty()
                && whole.last().is_some_and(|l| l.ends_with(&value))
                && !whole.iter().any(|l| l.ends_with('…'));
            let wrapped = if fits {
                whole
            } else {
                let two = EDGE.wrap(&item.offering, EDGE_LIST, 2);
                let mut lines = if two.iter().any(|l| l.ends_with('…')) {
                    EDGE.wrap(&item.offering, EDGE_LIST, 3)
                } else {
                    two
                };
                let last = lines.pop().unwrap_or_default();
                if value.is_empty() {
                    lines.push(last);
                } else if EDGE.width(&format!("{last}{tail}")) <= EDGE_LIST {
                    lines.push(format!("{last}{tail}"));
                } else if lines.len() < 2 {
                    lines.push(last);
                    lines.push(format!("·\u{a0}{value}"));
                } else {
                    let room = EDGE_LIST - EDGE.width(&tail);
                    lines.push(format!("{}{tail}", EDGE.truncate(&last, room)));
                }
                lines
            };
            for (j, l) in wrapped.into_iter().enumerate() {
                lines.push(if j == 0 { l } else { format!("{CONTINUED}{l}") });
            }
        }
    }
    lines
}

/// How a label line that continues the offering above it starts (drawn as
/// an indent: SVG would collapse the spaces).
pub const CONTINUED: &str = "   ";

/// The size of the arrowhead drawn at the end of a line of this width (its
/// length along the line and its width across it).
pub(crate) fn arrow_size(width: f64) -> f64 {
    7.0 + width * 1.2
}

/// Stroke width for a value per year, on a log scale between the view's
/// smallest and largest positive values (1.2 to 6 pixels).
pub(crate) fn stroke_width(v: f64, min: f64, max: f64) -> f64 {
    if v <= 0.0 || max <= 0.0 {
        return 1.2;
    }
    let (lo, hi) = ((1.0 + min).ln(), (1.0 + max).ln());
    if hi - lo < 1e-9 {
        return 3.0;
    }
    1.2 + 4.8 * ((1.0 + v).ln() - lo) / (hi - lo)
}

/// The view's containers: each view node with children in the view is a
/// cluster holding its own card and its children. Returns, per view node,
/// its cluster (`usize::MAX` if none), and per cluster, its view node.
fn containers(view: &MapView) -> (Vec<usize>, Vec<usize>) {
    let mut cluster_of = vec![usize::MAX; view.nodes.len()];
    let mut owners = Vec::new();
    for node in &view.nodes {
        if let Some(p) = node.parent {
            if cluster_of[p] == usize::MAX {
                cluster_of[p] = owners.len();
                owners.push(p);
            }
        }
    }
    (cluster_of, owners)
}

/// The graph the layout engine places: cards of `sizes`, containers, and
/// flows with labels of `labels` and strokes of `widths`.
fn graph(view: &MapView, sizes: &[Size], labels: &[Size], widths: &[f64]) -> layered::Graph {
    let (cluster_of, owners) = containers(view);
    let clusters = owners
        .iter()
        .map(|&i| layered::Cluster {
            parent: view.nodes[i].parent.map(|p| cluster_of[p]),
            caption: caption_size(&view.nodes[i].label),
        })
        .collect();
    let nodes = sizes
        .iter()
        .enumerate()
        .map(|(i, &size)| layered::Node {
            size,
            cluster: if cluster_of[i] != usize::MAX {
                Some(cluster_of[i])
            } else {
                view.nodes[i].parent.map(|p| cluster_of[p])
            },
        })
        .collect();
    let edges = view
        .edges
        .iter()
        .zip(labels)
        .zip(widths)
        .map(|((e, &label), &width)| layered::Edge {
            from: e.from,
            to: e.to,
            label: Some(label),
            weight: if e.flow.is_tangible() { 2 } else { 1 },
            thickness: width,
            arrow: arrow_size(width),
            reversed: e.flow == Flow::Money,
        })
        .collect();
    layered::Graph {
        nodes,
        clusters,
        edges,
    }
}

/// What makes a laid-out map hard to read, counted (see
/// [`layered::quality`]): overlaps, frames, lines through cards or labels
/// that are not theirs, crossings.
pub fn quality(view: &MapView, l: &MapLayout) -> layered::quality::Quality {
    let (_, owners) = containers(view);
    let sizes: Vec<Size> = l.cards.iter().map(|c| Size::of(&c.rect)).collect();
    let labels: Vec<Size> = l.routes.iter().map(|r| Size::of(&r.label_rect)).collect();
    let widths: Vec<f64> = l.routes.iter().map(|r| r.width).collect();
    let g = graph(view, &sizes, &labels, &widths);
    let drawn = layered::Layout {
        nodes: l.cards.iter().map(|c| c.rect).collect(),
        clusters: owners
            .iter()
            .map(|&i| l.frames[i].unwrap_or_default())
            .collect(),
        edges: l
            .routes
            .iter()
            .map(|r| layered::Route {
                points: r.points.clone(),
                label: Some(r.label_rect),
            })
            .collect(),
        width: l.width,
        height: l.height,
    };
    layered::quality::measure(&g, &drawn)
}

/// Lays the view out.
pub fn layout(view: &MapView) -> MapLayout {
    let n = view.nodes.len();
    let (cluster_of, owners) = containers(view);
    // A group drawn as a frame, with no flow of its own, needs no card: its
    // frame's caption names it.
    let mut touched = vec![false; n];
    for e in &view.edges {
        touched[e.from] = true;
        touched[e.to] = true;
    }
    let cards: Vec<Card> = (0..n)
        .map(|i| {
            let hidden =
                view.nodes[i].kind == NodeKind::Group && cluster_of[i] != usize::MAX && !touched[i];
            if hidden {
                Card {
                    rect: Rect::default(),
                    title: Vec::new(),
                    note: None,
                    badges: Vec::new(),
                    dy: 0.0,
                    inset: 0.0,
                }
            } else {
                card(view, i)
            }
        })
        .collect();
    let positive: Vec<f64> = view
        .edges
        .iter()
        .map(|e| e.per_year)
        .filter(|v| *v > 0.0)
        .collect();
    let vmin = positive.iter().copied().fold(f64::INFINITY, f64::min);
    let vmax = positive.iter().copied().fold(0.0, f64::max);
    let labels: Vec<Vec<String>> = view.edges.iter().map(|e| edge_label(&e.items)).collect();
    let widths: Vec<f64> = view
        .edges
        .iter()
        .map(|e| stroke_width(e.per_year, vmin, vmax))
        .collect();
    let sizes: Vec<Size> = cards.iter().map(|c| Size::of(&c.rect)).collect();
    let label_sizes: Vec<Size> = labels.iter().map(|l| label_size(l)).collect();
    let g = graph(view, &sizes, &label_sizes, &widths);
    let placed = layered::layout(&g, &layered::Spacing::default());
    let mut cards = cards;
    for (c, r) in cards.iter_mut().zip(&placed.nodes) {
        c.dy = (r.h - c.rect.h) / 2.0;
        c.rect = *r;
    }
    let mut frames = vec![None; n];
    for (k, &i) in owners.iter().enumerate() {
        frames[i] = Some(placed.clusters[k]);
    }
    let routes = placed
        .edges
        .into_iter()
        .zip(labels)
        .zip(widths)
        .zip(&view.edges)
        .map(|(((r, label), width), e)| {
            let mut points = r.points;
            to_outline(&mut points, view, &cards, e.from, e.to);
            Route {
                points,
                label,
                label_rect: r.label.unwrap_or_default(),
                width,
            }
        })
        .collect();
    MapLayout {
        cards,
        frames,
        routes,
        width: placed.width,
        height: placed.height,
    }
}

/// The room a container's caption takes at the top of its frame.
fn caption_size(label: &str) -> Size {
    let text = style::CAPTION.truncate(label, style::CAPTION_TEXT);
    Size {
        w: style::CAPTION.width(&text) + 20.0,
        h: style::CAPTION.line_height() + 4.0,
    }
}

/// The size of a flow's label box.
fn label_size(lines: &[String]) -> Size {
    Size {
        w: lines
            .iter()
            .map(|l| style::EDGE.width(l))
            .fold(0.0f64, f64::max)
            + 6.0,
        h: lines.len() as f64 * style::EDGE.line_height() + 4.0,
    }
}

/// Moves a route's ends from the sides of the cards' boxes to the cards'
/// drawn outlines, along the horizontal line they arrive on.
fn to_outline(
    points: &mut Vec<(f64, f64)>,
    view: &MapView,
    cards: &[Card],
    from: usize,
    to: usize,
) {
    if points.len() < 2 {
        return;
    }
    let at_outline = |p: (f64, f64), i: usize| -> (f64, f64) {
        let c = &cards[i];
        let r = &c.rect;
        let east = (p.0 - (r.x + r.w)).abs() < (p.0 - r.x).abs();
        let shape = super::shape::outline(view.nodes[i].kind, r, c.inset);
        (side_x(&shape, p.1, east).unwrap_or(p.0), p.1)
    };
    let first = at_outline(points[0], from);
    if (first.0 - points[0].0).abs() > 0.01 {
        points.insert(0, first);
    }
    let last = points.len() - 1;
    let end = at_outline(points[last], to);
    if (end.0 - points[last].0).abs() > 0.01 {
        points.push(end);
    }
}

/// Where the horizontal line at `y` meets a polygon's outline: its
/// westmost or eastmost crossing.
pub(crate) fn side_x(polygon: &[(f64, f64)], y: f64, east: bool) -> Option<f64> {
    let mut best: Option<f64> = None;
    for k in 0..polygon.len() {
        let (a, b) = (polygon[k], polygon[(k + 1) % polygon.len()]);
        if (a.1 - y) * (b.1 - y) > 0.0 || (a.1 - b.1).abs() < 1e-9 {
            continue;
        }
        let x = a.0 + (b.0 - a.0) * (y - a.1) / (b.1 - a.1);
        best = Some(match best {
            None => x,
            Some(v) if east => v.max(x),
            Some(v) => v.min(x),
        });
    }
    best
}
