//! The value-design map as SVG (plotters): containers for `parent` groups,
//! a card per node shaped by its kind with its driver badges (shared drivers
//! marked ◆) and win-win mark, extracts outlined in gold, flows coloured by
//! kind (tangible solid, intangible dashed), as wide as the log of their value
//! per year, labelled with the offering and its value; a header saying what is
//! shown and a legend. Pure: returns the SVG text.
//!
//! The SVG is made to be edited (PowerPoint, Keynote, Inkscape): its layers
//! (header, containers, flows, labels, nodes, legend) are Inkscape layers;
//! every node, container, flow and flow label is a `<g>` with an id made from
//! the file's ids ([`MapIds`]) and a `<title>` saying what it is; lines and
//! shapes are one element each, to a tenth of a pixel (`svg_backend`).

use plotters::prelude::*;

use super::layout::style::{self, CAPTION};
use super::layout::{Card, MapLayout, Rect, CONTINUED};
use super::marks::{status_mark, SMALL};
use super::shape::{grown, offset, outline};
use super::view::{MapView, Mark, Status};
use crate::model::NodeKind;
use crate::render::draw::{self, Align, Area, DrawResult};
use crate::render::escape::unique_file_stems;
use crate::render::fonts::Font;
use crate::render::geometry::{rect_points, rounded_points};
use crate::render::palette::{
    flow_color, kind_fill, mark_color, FAIL, GOLD, GREY, INK, REMOVED, WIN,
};
use crate::render::RenderError;

/// Margin around the drawing.
const M: f64 = 24.0;
const HEAD: Font = Font {
    size: 22.0,
    bold: true,
};
/// The legend's width: no map is drawn narrower.
pub(crate) const LEGEND_W: f64 = 1120.0;

fn draw_card(
    area: &Area<'_>,
    view: &MapView,
    i: usize,
    c: &Card,
    (ox, oy): (f64, f64),
) -> DrawResult {
    let node = &view.nodes[i];
    if c.rect.w <= 0.0 {
        // A group with no flow of its own: its frame stands for it.
        return Ok(());
    }
    let r = Rect {
        x: c.rect.x + ox,
        y: c.rect.y + oy,
        ..c.rect
    };
    let pts = outline(node.kind, &r, c.inset);
    if let Some(m) = mark_color(node.mark).filter(|_| node.mark != Mark::Removed) {
        draw::shape(
            area,
            &grown(&pts, &r, 7.0),
            draw::fill(m, 0.18),
            draw::stroke(m, 3.0),
        )?;
    }
    if node.extract {
        draw::shape(
            area,
            &grown(&pts, &r, 4.0),
            draw::fill(GOLD, 0.35),
            draw::stroke(GOLD, 3.0),
        )?;
    }
    if node.kind == NodeKind::Segment || node.members > 1 {
        // A stack: the segment stands for many members.
        draw::shape(
            area,
            &offset(&pts, 4.0, -4.0),
            draw::fill(kind_fill(node.kind), 1.0),
            draw::stroke(GREY, 1.0),
        )?;
    }
    draw::shape(
        area,
        &pts,
        draw::fill(kind_fill(node.kind), 1.0),
        draw::stroke(RGBColor(80, 80, 80), 1.0),
    )?;
    if node.mark == Mark::Removed {
        // A ghost: faded, with a dashed outline in the removed colour.
        draw::shape(area, &pts, draw::fill(WHITE, 0.6), draw::stroke(WHITE, 1.0))?;
        let mut ring = grown(&pts, &r, 3.0);
        ring.push(ring[0]);
        draw::line(area, &ring, draw::stroke(REMOVED, 2.0), true)?;
    }
    if node.kind == NodeKind::Group {
        draw::line(
            area,
            &{
                let mut p = rect_points(r.x + 3.0, r.y + 3.0, r.w - 6.0, r.h - 6.0);
                p.push(p[0]);
                p
            },
            draw::stroke(GREY, 1.0),
            false,
        )?;
    }
    let mut y = r.y + c.dy + style::PAD;
    let cx = r.x + r.w / 2.0;
    for l in &c.title {
        draw::text(area, l, (cx, y), style::TITLE, INK, Align::Centre)?;
        y += style::TITLE.line_height();
    }
    if let Some(note) = &c.note {
        draw::text(area, note, (cx, y), style::BADGE, GREY, Align::Centre)?;
    }
    // Badges, centred as a block under the title.
    let widest = c
        .badges
        .iter()
        .map(|b| b.2.x + b.2.w)
        .fold(0.0f64, f64::max);
    let first = c.badges.iter().map(|b| b.2.x).fold(f64::INFINITY, f64::min);
    let shift = if c.badges.is_empty() {
        0.0
    } else {
        (r.w - (widest - first)) / 2.0 - first
    };
    for (t, shared, b) in &c.badges {
        let (bx, by) = (r.x + b.x + shift, r.y + c.dy + b.y);
        let (fill_c, text_c) = if *shared {
            (RGBColor(255, 236, 179), RGBColor(90, 60, 0))
        } else {
            (RGBColor(255, 255, 255), RGBColor(70, 70, 70))
        };
        draw::shape(
            area,
            &rounded_points(bx, by, b.w, b.h, 7.0),
            draw::fill(fill_c, 1.0),
            draw::stroke(RGBColor(170, 170, 170), 1.0),
        )?;
        draw::text(
            area,
            t,
            (bx + b.w / 2.0, by + 2.0),
            style::BADGE,
            text_c,
            Align::Centre,
        )?;
    }
    status_mark(area, node.status, (r.x + r.w - 2.0, r.y + 2.0))
}

/// The ids of a map's groups: one per node (`node-<id>`), per container
/// (`frame-<id>`) and per flow (`flow-<from>-<to>-<kind>`), from the file's ids made safe for XML and
/// unique, each after a prefix that keeps two maps on one page apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapIds {
    /// The prefix of every id ("" on a map of its own).
    pub prefix: String,
    /// Per node of the view.
    pub nodes: Vec<String>,
    /// Per node of the view, its container's frame (drawn only for a parent).
    pub frames: Vec<String>,
    /// Per flow of the view.
    pub flows: Vec<String>,
}

impl MapIds {
    /// The ids of `view`'s groups, each starting with `prefix`.
    pub fn of(view: &MapView, prefix: &str) -> Self {
        let node_stems = unique_file_stems(view.nodes.iter().map(|n| n.id.as_str()));
        let flow_keys: Vec<String> = view
            .edges
            .iter()
            .map(|e| {
                format!(
                    "{}-{}-{}",
                    node_stems[e.from],
                    node_stems[e.to],
                    e.flow.word()
                )
            })
            .collect();
        let flow_stems = unique_file_stems(flow_keys.iter().map(|k| k.as_str()));
        MapIds {
            prefix: prefix.to_owned(),
            nodes: node_stems
                .iter()
                .map(|s| format!("{prefix}node-{s}"))
                .collect(),
            frames: node_stems
                .iter()
                .map(|s| format!("{prefix}frame-{s}"))
                .collect(),
            flows: flow_stems
                .iter()
                .map(|s| format!("{prefix}flow-{s}"))
                .collect(),
        }
    }

    fn layer(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }
}

/// What a flow's group is called in an editor: "From → To: offerings".
fn flow_title(view: &MapView, k: usize, l: &MapLayout) -> String {
    let e = &view.edges[k];
    let label: Vec<&str> = l.routes[k]
        .label
        .iter()
        .map(|s| s.trim_start_matches(CONTINUED))
        .collect();
    format!(
        "{} → {} ({}): {}",
        view.nodes[e.from].label,
        view.nodes[e.to].label,
        e.flow.word(),
        label.join(" ")
    )
}

/// What a node's group is called in an editor: its label, kind and verdict.
fn node_title(view: &MapView, i: usize) -> String {
    let n = &view.nodes[i];
    let kind = if n.members > 1 {
        format!("{} nodes", n.members)
    } else {
        crate::render::map::fold::kind_word(n.kind).to_owned()
    };
    let status = match n.status {
        Status::WinWin => ", win-win",
        Status::Fails => ", does not get value",
        Status::None => "",
    };
    format!("{} ({kind}{status})", n.label)
}

/// Every flow: its group holds the difference-map halo, the line and the
/// arrowhead.
fn draw_flows(
    area: &Area<'_>,
    view: &MapView,
    l: &MapLayout,
    ids: &MapIds,
    (ox, oy): (f64, f64),
) -> DrawResult {
    for (k, (e, route)) in view.edges.iter().zip(&l.routes).enumerate() {
        draw::group(area, &ids.flows[k], Some(&flow_title(view, k, l)), || {
            draw_flow(area, e, route, (ox, oy))
        })?;
    }
    Ok(())
}

fn draw_flow(
    area: &Area<'_>,
    e: &super::view::MapEdge,
    route: &super::layout::Route,
    (ox, oy): (f64, f64),
) -> DrawResult {
    if let Some(m) = mark_color(e.mark()) {
        let pts: Vec<(f64, f64)> = route.points.iter().map(|p| (p.0 + ox, p.1 + oy)).collect();
        let halo = draw::stroke_mix(m, 0.4, route.width + 9.0);
        draw::line(area, &pts, halo, false)?;
    }
    {
        let color = if e.mark() == Mark::Removed {
            GREY
        } else {
            flow_color(e.flow)
        };
        let mut pts: Vec<(f64, f64)> = route.points.iter().map(|p| (p.0 + ox, p.1 + oy)).collect();
        let head = crate::render::map::layout::arrow_size(route.width);
        // Stop the line where the arrowhead starts, so the tip stays sharp.
        let tip = pts.clone();
        if let [.., a, b] = pts.as_mut_slice() {
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt();
            if len > head {
                b.0 -= dx / len * head * 0.8;
                b.1 -= dy / len * head * 0.8;
            }
        }
        draw::line(
            area,
            &pts,
            draw::stroke(color, route.width),
            e.flow.is_intangible() || e.mark() == Mark::Removed,
        )?;
        draw::arrowhead(area, &tip, head, color)
    }
}

/// Every flow's label, in a group of its own (`<flow id>-label`): drawn
/// after every line, so a label is never crossed.
fn draw_labels(
    area: &Area<'_>,
    view: &MapView,
    l: &MapLayout,
    ids: &MapIds,
    origin: (f64, f64),
) -> DrawResult {
    for (k, (e, route)) in view.edges.iter().zip(&l.routes).enumerate() {
        if route.label.is_empty() {
            continue;
        }
        draw::group(
            area,
            &format!("{}-label", ids.flows[k]),
            Some(&flow_title(view, k, l)),
            || draw_label(area, e, route, origin),
        )?;
    }
    Ok(())
}

fn draw_label(
    area: &Area<'_>,
    e: &super::view::MapEdge,
    route: &super::layout::Route,
    (ox, oy): (f64, f64),
) -> DrawResult {
    {
        let r = route.label_rect;
        let (x, y) = (r.x + ox, r.y + oy);
        draw::fill_rect(
            area,
            Rect {
                x,
                y,
                w: r.w,
                h: r.h,
            },
            WHITE,
            0.88,
        )?;
        // A list of offerings reads left-aligned, each continued line
        // indented, in a thin frame of its flow's colour so it reads as one
        // label on its line; a single offering is centred on its line.
        let list = e.items.len() > 1;
        if list {
            let mut frame = rounded_points(x - 1.0, y - 1.0, r.w + 2.0, r.h + 2.0, 4.0);
            frame.push(frame[0]);
            draw::line(
                area,
                &frame,
                draw::stroke_mix(flow_color(e.flow), 0.55, 1.0),
                false,
            )?;
        }
        let mut ty = y + 2.0;
        for (k, line) in route.label.iter().enumerate() {
            let c = if k > 0 && line.starts_with('+') {
                GREY
            } else {
                darker(flow_color(e.flow))
            };
            let (text, at, align) = match line.strip_prefix(CONTINUED) {
                Some(rest) if list => (rest, x + 3.0 + style::EDGE.width(CONTINUED), Align::Left),
                _ if list => (line.as_str(), x + 3.0, Align::Left),
                _ => (line.as_str(), x + r.w / 2.0, Align::Centre),
            };
            draw::text(area, text, (at, ty), style::EDGE, c, align)?;
            ty += style::EDGE.line_height();
        }
    }
    Ok(())
}

fn darker(c: RGBColor) -> RGBColor {
    RGBColor(
        (c.0 as f64 * 0.7) as u8,
        (c.1 as f64 * 0.7) as u8,
        (c.2 as f64 * 0.7) as u8,
    )
}

/// The header: title, what is shown, the win-win answer, notes. Returns its height.
fn header_lines(view: &MapView, width: f64) -> Vec<(String, Font, RGBColor)> {
    let actors: Vec<&Status> = view
        .nodes
        .iter()
        .map(|n| &n.status)
        .filter(|s| **s != Status::None)
        .collect();
    let fails = actors.iter().filter(|s| ***s == Status::Fails).count();
    let mut lines: Vec<(String, Font, RGBColor)> = HEAD
        .wrap(&view.title, width, 2)
        .into_iter()
        .map(|l| (l, HEAD, INK))
        .collect();
    let verdict = if actors.is_empty() {
        "no actor with a verdict shown".to_owned()
    } else if fails == 0 {
        format!(
            "win-win for every actor shown ({} of {})",
            actors.len(),
            actors.len()
        )
    } else {
        format!(
            "NOT win-win: {} (of those shown)",
            crate::words::failing_actors(fails, actors.len())
        )
    };
    let summary = format!(
        "{} nodes, {} flows shown · {verdict}",
        view.nodes.len(),
        view.edges.len()
    );
    lines.push((summary, SMALL, if fails == 0 { WIN } else { FAIL }));
    for n in &view.notes {
        for l in SMALL.wrap(n, width, 3) {
            lines.push((l, SMALL, GREY));
        }
    }
    lines
}

/// The caption of container `i` ("Group: label", cut to fit), if the frame
/// has room above the cards, labels and inner frames in its top-left part.
pub fn frame_caption(view: &MapView, l: &MapLayout, i: usize, f: &Rect) -> Option<String> {
    let text = CAPTION.truncate(&view.nodes[i].label, (f.w - 20.0).min(style::CAPTION_TEXT));
    let caption = Rect {
        x: f.x + 10.0,
        y: f.y + 3.0,
        w: CAPTION.width(&text),
        h: CAPTION.line_height(),
    };
    let blocked = l
        .cards
        .iter()
        .map(|c| c.rect)
        .chain(l.routes.iter().map(|r| r.label_rect))
        .chain(
            l.frames
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != i)
                .filter_map(|(_, r)| *r)
                .filter(|r| f.contains(r)),
        )
        .any(|r| r.overlaps(&caption, 0.0));
    (!blocked).then_some(text)
}

/// The drawing's width and height, and where the layout's origin is drawn
/// (below the header, centred): what [`svg`] draws at, and what the
/// explorable layer of the report (`super::explore`) is placed by.
pub fn page_geometry(view: &MapView, l: &MapLayout) -> (f64, f64, (f64, f64)) {
    let width = (l.width + 2.0 * M).max(LEGEND_W + 2.0 * M).ceil();
    let head_h = head_height(&header_lines(view, width - 2.0 * M));
    let legend_h = super::legend::height(view);
    let height = (M + head_h + l.height + 28.0 + legend_h + M).ceil();
    let origin = (M + ((width - 2.0 * M - l.width) / 2.0).max(0.0), M + head_h);
    (width, height, origin)
}

fn head_height(head: &[(String, Font, RGBColor)]) -> f64 {
    head.iter()
        .map(|(_, f, _)| f.line_height() + 2.0)
        .sum::<f64>()
        + 12.0
}

/// The map as SVG text, its groups' ids after `id_prefix` (see [`MapIds`]):
/// the file's stem and a dash (`map-`, `map-extract-subs-`), so that maps
/// sharing a page keep their ids apart.
pub fn svg(view: &MapView, l: &MapLayout, id_prefix: &str) -> Result<String, RenderError> {
    let (width, height, origin) = page_geometry(view, l);
    let legend_h = super::legend::height(view);
    let page = Page {
        size: (width, height),
        head_at: (M, M),
        head_width: width - 2.0 * M,
        origin,
        legend_at: (M, height - M - legend_h),
        compact_legend: false,
        scale: 1.0,
    };
    draw_page(view, l, id_prefix, &page)
}

/// Where a map's parts go on its page, in the drawing's pixels, and how
/// much larger the file writes them (a slide is scaled up to its size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    /// Width and height.
    pub size: (f64, f64),
    /// The header's top-left corner.
    pub head_at: (f64, f64),
    /// The header's width, to wrap in.
    pub head_width: f64,
    /// Where the layout's origin is drawn.
    pub origin: (f64, f64),
    /// The legend's top-left corner.
    pub legend_at: (f64, f64),
    /// The legend with flow kinds and marks only.
    pub compact_legend: bool,
    /// Written this many times as large.
    pub scale: f64,
}

/// The map drawn on `page` (see [`svg`] for the ids).
pub fn draw_page(
    view: &MapView,
    l: &MapLayout,
    id_prefix: &str,
    page: &Page,
) -> Result<String, RenderError> {
    let head = header_lines(view, page.head_width);
    let origin = page.origin;
    let ids = MapIds::of(view, id_prefix);
    // Containers, outermost first (larger areas first).
    let mut frames: Vec<(usize, Rect)> = l
        .frames
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.map(|f| (i, f)))
        .collect();
    frames.sort_by(|a, b| (b.1.w * b.1.h).total_cmp(&(a.1.w * a.1.h)));
    let mut buf = String::new();
    draw::drawing_scaled(&mut buf, page.size, page.scale, |area| {
        draw::layer(area, &ids.layer("header"), "Header", || {
            let (x, mut y) = page.head_at;
            for (t, f, c) in &head {
                draw::text(area, t, (x, y), *f, *c, Align::Left)?;
                y += f.line_height() + 2.0;
            }
            Ok(())
        })?;
        draw::layer(area, &ids.layer("containers"), "Containers", || {
            for (k, (i, f)) in frames.iter().enumerate() {
                let id = &ids.frames[*i];
                let title = format!("Group: {}", view.nodes[*i].label);
                draw::group(area, id, Some(&title), || {
                    draw_frame(area, view, l, (k, *i, f), origin)
                })?;
            }
            Ok(())
        })?;
        draw::layer(area, &ids.layer("flows"), "Flows", || {
            draw_flows(area, view, l, &ids, origin)
        })?;
        draw::layer(area, &ids.layer("labels"), "Flow labels", || {
            draw_labels(area, view, l, &ids, origin)
        })?;
        draw::layer(area, &ids.layer("nodes"), "Nodes", || {
            for (i, c) in l.cards.iter().enumerate() {
                if c.rect.w <= 0.0 {
                    // A group with no flow of its own: its frame stands for it.
                    continue;
                }
                draw::group(area, &ids.nodes[i], Some(&node_title(view, i)), || {
                    draw_card(area, view, i, c, origin)
                })?;
            }
            Ok(())
        })?;
        draw::layer(area, &ids.layer("legend"), "Legend", || {
            super::legend::legend(area, view, l, page.legend_at, page.compact_legend)
        })
    })?;
    Ok(buf)
}

/// The header's height when wrapped in `width`.
pub(crate) fn header_height(view: &MapView, width: f64) -> f64 {
    head_height(&header_lines(view, width))
}

/// The margin around a map's drawing.
pub const MARGIN: f64 = M;

/// A container: its shaded frame and, where there is room, its caption.
fn draw_frame(
    area: &Area<'_>,
    view: &MapView,
    l: &MapLayout,
    (k, i, f): (usize, usize, &Rect),
    origin: (f64, f64),
) -> DrawResult {
    let shade = if k % 2 == 0 {
        RGBColor(246, 247, 249)
    } else {
        RGBColor(236, 239, 243)
    };
    let (x, y) = (f.x + origin.0, f.y + origin.1);
    let frame_color = if view.nodes[i].extract {
        GOLD
    } else {
        RGBColor(150, 160, 170)
    };
    draw::shape(
        area,
        &rounded_points(x, y, f.w, f.h, 8.0),
        draw::fill(shade, 1.0),
        draw::stroke(frame_color, 1.5),
    )?;
    // The container names its group in its top-left corner, where there is
    // room above everything inside it.
    match frame_caption(view, l, i, f) {
        Some(name) => draw::text(area, &name, (x + 10.0, y + 3.0), CAPTION, GREY, Align::Left),
        None => Ok(()),
    }
}
