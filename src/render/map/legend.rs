//! The legend of a value-design map: flow kinds (colour, solid or dashed),
//! the width scale with the map's smallest and largest values, node shapes,
//! badges, win-win marks, extract halos and containers. Drawn under the map.

use plotters::prelude::*;

use super::layout::{style, MapLayout, Rect};
use super::marks::{status_mark, SMALL};
use super::shape::{grown, offset, outline};
use super::view::{MapView, Mark, Status};
use crate::model::{Flow, NodeKind};
use crate::render::draw::{self, Align, Area, DrawResult};
use crate::render::fonts::Font;
use crate::render::geometry::{rect_points, rounded_points};
use crate::render::palette::{flow_color, kind_fill, ADDED, CHANGED, GOLD, GREY, INK, REMOVED};

/// Draws the legend with its top-left corner at `(x0, y0)`: a title, then
/// one row each for flow kinds, widths, shapes, marks and what labels say;
/// a `compact` one (on slides) has the flow kinds and the marks only.
pub(super) fn legend(
    area: &Area<'_>,
    view: &MapView,
    l: &MapLayout,
    (x0, y0): (f64, f64),
    compact: bool,
) -> DrawResult {
    draw::text(area, "Legend", (x0, y0), Font::bold(13.0), INK, Align::Left)?;
    let y = y0 + 22.0;
    flows_row(area, (x0, y))?;
    let y = y + 24.0;
    if compact {
        return marks_row(area, (x0, y));
    }
    widths_row(area, view, l, (x0, y))?;
    let y = y + 26.0;
    shapes_row(area, (x0, y))?;
    let y = y + 26.0;
    marks_row(area, (x0, y))?;
    let y = y + 24.0;
    if has_marks(view) {
        changes_row(area, (x0, y))?;
        labels_row(area, view, (x0, y + 24.0))
    } else {
        labels_row(area, view, (x0, y))
    }
}

/// Height of the legend band.
const HEIGHT: f64 = 160.0;
/// Height of the compact legend (title, flow kinds, marks).
pub(super) const COMPACT_HEIGHT: f64 = 66.0;

/// Whether `view` is a difference map with something marked.
fn has_marks(view: &MapView) -> bool {
    view.nodes.iter().any(|n| n.mark != Mark::Same)
        || view.edges.iter().any(|e| e.mark() != Mark::Same)
}

/// The height of the legend of `view`: a row more on a difference map.
pub(super) fn height(view: &MapView) -> f64 {
    if has_marks(view) {
        HEIGHT + 24.0
    } else {
        HEIGHT
    }
}

/// The difference-map row: a halo per mark, the ghost, and the tags.
fn changes_row(area: &Area<'_>, (x0, y): (f64, f64)) -> DrawResult {
    let f = SMALL;
    let mut x = x0;
    for (m, t) in [
        (ADDED, "added (tagged \"new:\")"),
        (CHANGED, "changed (tagged \"changed:\", with what it was)"),
    ] {
        let halo = draw::stroke_mix(m, 0.4, 11.0);
        draw::line(area, &[(x, y + 7.0), (x + 34.0, y + 7.0)], halo, false)?;
        draw::line(
            area,
            &[(x, y + 7.0), (x + 34.0, y + 7.0)],
            draw::stroke(INK, 2.0),
            false,
        )?;
        draw::text(area, t, (x + 42.0, y), f, INK, Align::Left)?;
        x += 56.0 + f.width(t);
    }
    let mut ring = rect_points(x, y - 1.0, 30.0, 16.0);
    ring.push(ring[0]);
    draw::line(area, &ring, draw::stroke(REMOVED, 2.0), true)?;
    draw::line(
        area,
        &[(x + 40.0, y + 7.0), (x + 74.0, y + 7.0)],
        draw::stroke(GREY, 2.0),
        true,
    )?;
    let t = "removed: faded, dashed, tagged \"removed:\"";
    draw::text(area, t, (x + 82.0, y), f, INK, Align::Left)
}

/// Row 1: each flow kind's colour, dashed when intangible.
fn flows_row(area: &Area<'_>, (x0, y): (f64, f64)) -> DrawResult {
    let f = SMALL;
    let mut x = x0;
    for flow in Flow::ALL {
        let c = flow_color(flow);
        draw::line(
            area,
            &[(x, y + 7.0), (x + 34.0, y + 7.0)],
            draw::stroke(c, 3.0),
            flow.is_intangible(),
        )?;
        let name = format!(
            "{flow:?}{}",
            if flow.is_tangible() {
                " (tangible)"
            } else {
                " (intangible)"
            }
        );
        draw::text(area, &name, (x + 40.0, y), f, INK, Align::Left)?;
        x += 48.0 + f.width(&name) + 18.0;
    }
    Ok(())
}

/// Row 2: the map's thinnest and thickest line with their values.
fn widths_row(area: &Area<'_>, view: &MapView, l: &MapLayout, (x0, y): (f64, f64)) -> DrawResult {
    let f = SMALL;
    let values: Vec<f64> = view
        .edges
        .iter()
        .map(|e| e.per_year)
        .filter(|v| *v > 0.0)
        .collect();
    let (lo, hi) = (
        values.iter().copied().fold(f64::INFINITY, f64::min),
        values.iter().copied().fold(0.0, f64::max),
    );
    let mut x = x0;
    if hi > 0.0 {
        for (v, w) in [
            (
                lo,
                l.routes
                    .iter()
                    .map(|r| r.width)
                    .fold(f64::INFINITY, f64::min),
            ),
            (hi, l.routes.iter().map(|r| r.width).fold(0.0, f64::max)),
        ] {
            draw::line(
                area,
                &[(x, y + 7.0), (x + 34.0, y + 7.0)],
                draw::stroke(GREY, w),
                false,
            )?;
            let t = format!("{} {}/yr", crate::words::amount(v), view.currency);
            draw::text(area, &t, (x + 40.0, y), f, INK, Align::Left)?;
            x += 60.0 + f.width(&t);
        }
        draw::text(
            area,
            "width: value per year, log scale",
            (x, y),
            f,
            GREY,
            Align::Left,
        )?;
    }
    Ok(())
}

/// Row 3: the shape of every node kind.
fn shapes_row(area: &Area<'_>, (x0, y): (f64, f64)) -> DrawResult {
    let f = SMALL;
    let mut x = x0;
    for kind in NodeKind::ALL {
        let r = Rect {
            x,
            y: y - 2.0,
            w: 38.0,
            h: 18.0,
        };
        let pts = outline(kind, &r, 7.0);
        if kind == NodeKind::Segment {
            draw::shape(
                area,
                &offset(&pts, 3.0, -3.0),
                draw::fill(kind_fill(kind), 1.0),
                draw::stroke(GREY, 1.0),
            )?;
        }
        draw::shape(
            area,
            &pts,
            draw::fill(kind_fill(kind), 1.0),
            draw::stroke(RGBColor(80, 80, 80), 1.0),
        )?;
        let name = format!("{kind:?}");
        draw::text(area, &name, (x + 44.0, y), f, INK, Align::Left)?;
        x += 56.0 + f.width(&name) + 8.0;
    }
    Ok(())
}

/// Row 4: driver badges, win-win marks, the extract halo and containers.
fn marks_row(area: &Area<'_>, (x0, y): (f64, f64)) -> DrawResult {
    let f = SMALL;
    let mut x = x0;
    for (t, shared) in [("driver", false), ("◆ shared driver", true)] {
        let w = style::BADGE.width(t) + 10.0;
        let fill_c = if shared {
            RGBColor(255, 236, 179)
        } else {
            WHITE
        };
        draw::shape(
            area,
            &rounded_points(x, y, w, style::BADGE_H, 7.0),
            draw::fill(fill_c, 1.0),
            draw::stroke(RGBColor(170, 170, 170), 1.0),
        )?;
        draw::text(
            area,
            t,
            (x + w / 2.0, y + 2.0),
            style::BADGE,
            INK,
            Align::Centre,
        )?;
        x += w + 12.0;
    }
    for (s, t) in [
        (Status::WinWin, "win-win"),
        (Status::Fails, "does not get value"),
    ] {
        status_mark(area, s, (x + 8.0, y + 7.0))?;
        draw::text(area, t, (x + 20.0, y), f, INK, Align::Left)?;
        x += 32.0 + f.width(t);
    }
    let r = Rect {
        x,
        y: y - 1.0,
        w: 30.0,
        h: 16.0,
    };
    draw::shape(
        area,
        &grown(&rect_points(r.x, r.y, r.w, r.h), &r, 3.0),
        draw::fill(GOLD, 0.35),
        draw::stroke(GOLD, 3.0),
    )?;
    draw::text(
        area,
        "in a value extract",
        (x + 40.0, y),
        f,
        INK,
        Align::Left,
    )?;
    x += 56.0 + f.width("in a value extract");
    draw::shape(
        area,
        &rect_points(x, y - 1.0, 30.0, 16.0),
        draw::fill(RGBColor(245, 245, 245), 1.0),
        draw::stroke(GREY, 1.0),
    )?;
    draw::text(
        area,
        "group (parent) containing its members",
        (x + 38.0, y),
        f,
        INK,
        Align::Left,
    )?;
    Ok(())
}

/// Row 5: what the labels say, wrapped to the legend's width.
fn labels_row(area: &Area<'_>, view: &MapView, (x0, y): (f64, f64)) -> DrawResult {
    let f = SMALL;
    let t = format!(
        "Labels: each offering and its mean value per year over the horizon (one-time flows: their value in year 1), in {}.",
        view.currency
    );
    for (k, line) in f.wrap(&t, LEGEND_TEXT, 2).iter().enumerate() {
        draw::text(
            area,
            line,
            (x0, y + k as f64 * f.line_height()),
            f,
            GREY,
            Align::Left,
        )?;
    }
    Ok(())
}

/// The widest line of the legend's last row.
const LEGEND_TEXT: f64 = 1100.0;
