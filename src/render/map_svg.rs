//! The value-design map as SVG (plotters): containers for `parent` groups,
//! a card per node shaped by its kind with its driver badges (shared drivers
//! marked ◆) and win-win mark, extracts outlined in gold, flows coloured by
//! kind (tangible solid, intangible dashed), as wide as the log of their value
//! per year, labelled with the offering and its value; a header saying what is
//! shown and a legend. Pure: returns the SVG text.

use plotters::prelude::*;

use super::draw::{self, Align, Area, DrawResult};
use super::fonts::Font;
use super::map_layout::{style, Card, MapLayout, Rect};
use super::map_view::{MapView, Status};
use crate::model::{Flow, NodeKind};

/// Margin around the drawing.
const M: f64 = 24.0;
const HEAD: Font = Font {
    size: 22.0,
    bold: true,
};
const SMALL: Font = Font {
    size: 12.0,
    bold: false,
};
const LEGEND_H: f64 = 118.0;
const LEGEND_W: f64 = 1120.0;

/// The colour of a flow kind (Okabe-Ito palette, safe for colour blindness).
pub fn flow_color(f: Flow) -> RGBColor {
    match f {
        Flow::Money => RGBColor(0, 140, 100),
        Flow::Goods => RGBColor(213, 94, 0),
        Flow::Service => RGBColor(0, 114, 178),
        Flow::Data => RGBColor(190, 90, 150),
        Flow::Knowledge => RGBColor(200, 140, 0),
        Flow::Benefit => RGBColor(60, 160, 220),
    }
}

fn kind_fill(k: NodeKind) -> RGBColor {
    match k {
        NodeKind::Organization => RGBColor(227, 238, 250),
        NodeKind::Segment => RGBColor(255, 240, 222),
        NodeKind::Person => RGBColor(252, 228, 236),
        NodeKind::Device => RGBColor(225, 243, 228),
        NodeKind::Activity => RGBColor(241, 232, 246),
        NodeKind::Process => RGBColor(234, 231, 246),
        NodeKind::Group => RGBColor(236, 239, 241),
    }
}

const INK: RGBColor = RGBColor(33, 33, 33);
const GREY: RGBColor = RGBColor(110, 110, 110);
const GOLD: RGBColor = RGBColor(230, 170, 0);
const WIN: RGBColor = RGBColor(0, 130, 60);
const FAIL: RGBColor = RGBColor(200, 40, 40);

/// The outline of a card's shape, by kind.
fn outline(kind: NodeKind, r: &Rect, inset: f64) -> Vec<(f64, f64)> {
    let (x, y, w, h) = (r.x, r.y, r.w, r.h);
    match kind {
        NodeKind::Organization | NodeKind::Group => draw::rect_points(x, y, w, h),
        NodeKind::Segment => draw::rounded_points(x, y, w, h, 10.0),
        NodeKind::Person => draw::rounded_points(x, y, w, h, h / 2.0),
        NodeKind::Device => vec![
            (x + inset, y),
            (x + w - inset, y),
            (x + w, y + h / 2.0),
            (x + w - inset, y + h),
            (x + inset, y + h),
            (x, y + h / 2.0),
        ],
        NodeKind::Activity => vec![
            (x, y),
            (x + w - inset, y),
            (x + w, y + h / 2.0),
            (x + w - inset, y + h),
            (x, y + h),
            (x + inset, y + h / 2.0),
        ],
        NodeKind::Process => {
            let c = 8.0f64.min(h / 3.0);
            vec![
                (x + c, y),
                (x + w - c, y),
                (x + w, y + c),
                (x + w, y + h - c),
                (x + w - c, y + h),
                (x + c, y + h),
                (x, y + h - c),
                (x, y + c),
            ]
        }
    }
}

fn offset(points: &[(f64, f64)], dx: f64, dy: f64) -> Vec<(f64, f64)> {
    points.iter().map(|p| (p.0 + dx, p.1 + dy)).collect()
}

/// Points grown outwards from the centre of `r` by `by` pixels (for halos).
fn grown(points: &[(f64, f64)], r: &Rect, by: f64) -> Vec<(f64, f64)> {
    let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let (sx, sy) = (
        (r.w / 2.0 + by) / (r.w / 2.0),
        (r.h / 2.0 + by) / (r.h / 2.0),
    );
    points
        .iter()
        .map(|p| (cx + (p.0 - cx) * sx, cy + (p.1 - cy) * sy))
        .collect()
}

fn draw_card(
    area: &Area<'_>,
    view: &MapView,
    i: usize,
    c: &Card,
    (ox, oy): (f64, f64),
) -> DrawResult {
    let node = &view.nodes[i];
    let r = Rect {
        x: c.rect.x + ox,
        y: c.rect.y + oy,
        ..c.rect
    };
    let pts = outline(node.kind, &r, c.inset);
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
    if node.kind == NodeKind::Group {
        draw::line(
            area,
            &{
                let mut p = draw::rect_points(r.x + 3.0, r.y + 3.0, r.w - 6.0, r.h - 6.0);
                p.push(p[0]);
                p
            },
            draw::stroke(GREY, 1.0),
            false,
        )?;
    }
    let mut y = r.y + style::PAD;
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
        let (bx, by) = (r.x + b.x + shift, r.y + b.y);
        let (fill_c, text_c) = if *shared {
            (RGBColor(255, 236, 179), RGBColor(90, 60, 0))
        } else {
            (RGBColor(255, 255, 255), RGBColor(70, 70, 70))
        };
        draw::shape(
            area,
            &draw::rounded_points(bx, by, b.w, b.h, 7.0),
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

/// A green tick or a red cross in a disc centred at `c`.
fn status_mark(area: &Area<'_>, status: Status, c: (f64, f64)) -> DrawResult {
    let color = match status {
        Status::WinWin => WIN,
        Status::Fails => FAIL,
        Status::None => return Ok(()),
    };
    area.draw(&Circle::new(
        (c.0.round() as i32, c.1.round() as i32),
        8,
        draw::fill(color, 1.0),
    ))
    .map_err(|e| e.to_string())?;
    let white = draw::stroke(WHITE, 2.0);
    if status == Status::WinWin {
        draw::line(
            area,
            &[
                (c.0 - 4.0, c.1),
                (c.0 - 1.0, c.1 + 3.0),
                (c.0 + 4.0, c.1 - 3.0),
            ],
            white,
            false,
        )
    } else {
        draw::line(
            area,
            &[(c.0 - 3.0, c.1 - 3.0), (c.0 + 3.0, c.1 + 3.0)],
            white,
            false,
        )?;
        draw::line(
            area,
            &[(c.0 - 3.0, c.1 + 3.0), (c.0 + 3.0, c.1 - 3.0)],
            white,
            false,
        )
    }
}

fn draw_flows(area: &Area<'_>, view: &MapView, l: &MapLayout, (ox, oy): (f64, f64)) -> DrawResult {
    for (e, route) in view.edges.iter().zip(&l.routes) {
        let color = flow_color(e.flow);
        let mut pts: Vec<(f64, f64)> = route.points.iter().map(|p| (p.0 + ox, p.1 + oy)).collect();
        let head = 7.0 + route.width * 1.2;
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
            e.flow.is_intangible(),
        )?;
        draw::arrowhead(area, &tip, head, color)?;
    }
    // Labels last, over every line.
    for (e, route) in view.edges.iter().zip(&l.routes) {
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
        let mut ty = y + 2.0;
        for (k, line) in route.label.iter().enumerate() {
            let c = if k > 0 && line.starts_with('+') {
                GREY
            } else {
                darker(flow_color(e.flow))
            };
            draw::text(
                area,
                line,
                (x + r.w / 2.0, ty),
                style::EDGE,
                c,
                Align::Centre,
            )?;
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
    let mut lines = vec![(HEAD.truncate(&view.title, width), HEAD, INK)];
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
            "NOT win-win: {fails} of {} actors shown do not get value",
            actors.len()
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

fn legend(area: &Area<'_>, view: &MapView, l: &MapLayout, (x0, y0): (f64, f64)) -> DrawResult {
    let f = SMALL;
    draw::text(area, "Legend", (x0, y0), Font::bold(13.0), INK, Align::Left)?;
    let y = y0 + 22.0;
    // Row 1: flow kinds.
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
    // Row 2: widths and labels.
    let y = y + 24.0;
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
            let t = format!(
                "{} {}/yr",
                crate::analysis::format::amount(v),
                view.currency
            );
            draw::text(area, &t, (x + 40.0, y), f, INK, Align::Left)?;
            x += 60.0 + f.width(&t);
        }
        let t = format!("width: value per year, log scale; labels: each offering and its mean value per year over the horizon, in {}", view.currency);
        draw::text(area, &t, (x, y), f, GREY, Align::Left)?;
    }
    // Row 3: shapes.
    let y = y + 26.0;
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
    // Row 4: badges, status, extract, containers.
    let y = y + 26.0;
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
            &draw::rounded_points(x, y, w, style::BADGE_H, 7.0),
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
        &grown(&draw::rect_points(r.x, r.y, r.w, r.h), &r, 3.0),
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
        &draw::rect_points(x, y - 1.0, 30.0, 16.0),
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

/// The map as SVG text.
pub fn svg(view: &MapView, l: &MapLayout) -> Result<String, String> {
    let width = (l.width + 2.0 * M).max(LEGEND_W + 2.0 * M).ceil();
    let head = header_lines(view, width - 2.0 * M);
    let head_h: f64 = head
        .iter()
        .map(|(_, f, _)| f.line_height() + 2.0)
        .sum::<f64>()
        + 12.0;
    let height = (M + head_h + l.height + 28.0 + LEGEND_H + M).ceil();
    let mut buf = String::new();
    {
        let area =
            SVGBackend::with_string(&mut buf, (width as u32, height as u32)).into_drawing_area();
        area.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut y = M;
        for (t, f, c) in &head {
            draw::text(&area, t, (M, y), *f, *c, Align::Left)?;
            y += f.line_height() + 2.0;
        }
        let origin = (M + ((width - 2.0 * M - l.width) / 2.0).max(0.0), M + head_h);
        // Containers, outermost first (larger areas first).
        let mut frames: Vec<(usize, Rect)> = l
            .frames
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.map(|f| (i, f)))
            .collect();
        frames.sort_by(|a, b| (b.1.w * b.1.h).total_cmp(&(a.1.w * a.1.h)));
        for (k, (i, f)) in frames.iter().enumerate() {
            let shade = if k % 2 == 0 {
                RGBColor(246, 247, 249)
            } else {
                RGBColor(236, 239, 243)
            };
            let (x, y) = (f.x + origin.0, f.y + origin.1);
            let frame_color = if view.nodes[*i].extract {
                GOLD
            } else {
                RGBColor(150, 160, 170)
            };
            draw::shape(
                &area,
                &draw::rounded_points(x, y, f.w, f.h, 8.0),
                draw::fill(shade, 1.0),
                draw::stroke(frame_color, 1.5),
            )?;
        }
        draw_flows(&area, view, l, origin)?;
        for (i, c) in l.cards.iter().enumerate() {
            draw_card(&area, view, i, c, origin)?;
        }
        legend(&area, view, l, (M, height - M - LEGEND_H))?;
        area.present().map_err(|e| e.to_string())?;
    }
    Ok(buf)
}
