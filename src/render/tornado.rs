//! The tornado chart of one actor: the numbers that move its score most,
//! one bar each from its score in the design to its score with the number
//! moved down (blue) and up (orange), largest on top; a dashed line at 0,
//! the verdict's threshold, so a bar that crosses it is a swing that flips
//! the verdict (also marked in words). Pure: returns the SVG text.

use plotters::prelude::*;

use super::charts::{start, value_axis, value_scale, GREY, INK, M, TEXT, TITLE};
use super::draw::{self, Align};
use super::geometry::Rect;
use super::sensitivity::score_name;
use super::RenderError;
use crate::analysis::Analysis;
use crate::index::NodeIdx;
use crate::model::Ecosystem;
use crate::whatif::sensitivity::Sensitivity;
use crate::words::amount;

/// Bars drawn per actor.
pub const MAX_BARS: usize = 8;
const DOWN: RGBColor = RGBColor(0, 114, 178);
const UP: RGBColor = RGBColor(230, 159, 0);
const FAIL: RGBColor = RGBColor(200, 40, 40);

/// The tornado chart of actor `a`, or `None` when no number moves it.
pub fn tornado_svg(
    s: &Sensitivity,
    eco: &Ecosystem,
    an: &Analysis,
    a: NodeIdx,
) -> Result<Option<String>, RenderError> {
    let ranked: Vec<_> = s.ranked(a).into_iter().take(MAX_BARS).collect();
    if ranked.is_empty() {
        return Ok(None);
    }
    let base = s.base[a];
    let labels: Vec<String> = ranked
        .iter()
        .map(|(i, _)| TEXT.truncate(&i.target.path(eco), 330.0))
        .collect();
    let label_w = labels.iter().map(|l| TEXT.width(l)).fold(80.0f64, f64::max);
    let (bar_h, gap, pw) = (20.0, 10.0, 560.0);
    let values = ranked
        .iter()
        .flat_map(|(_, e)| [e.down, e.up])
        .flatten()
        .chain([base]);
    let x0 = M + label_w + 16.0;
    let (axis, sx) = value_scale(values, x0, pw);
    let top = M + 70.0;
    let rows_h = ranked.len() as f64 * (bar_h + gap);
    let (w, h) = (x0 + pw + 150.0 + M, top + rows_h + 64.0 + M);
    let node = eco.node(a);
    let swing = super::sensitivity::header(s.swing);
    let mut buf = String::new();
    start(&mut buf, w, h, |area| {
        let title = TITLE.truncate(
            &format!("{}: what moves its {}", node.label, score_name(an, a)),
            w - 2.0 * M,
        );
        draw::text(area, &title, (M, M), TITLE, INK, Align::Left)?;
        let sub = format!(
            "{} {} {} in the design, over {} years; each number {} and {}, one at a time.",
            score_name(an, a),
            amount(base),
            eco.currency,
            an.timeline.years,
            swing[2].trim_start_matches("at "),
            swing[3].trim_start_matches("at ")
        );
        draw::text(area, &sub, (M, M + 26.0), TEXT, GREY, Align::Left)?;
        value_axis(area, &axis, sx, top, top + rows_h)?;
        for (k, ((_, e), label)) in ranked.iter().zip(&labels).enumerate() {
            let y = top + k as f64 * (bar_h + gap);
            draw::text(area, label, (x0 - 8.0, y + 3.0), TEXT, INK, Align::Right)?;
            for (v, c) in [(e.down, DOWN), (e.up, UP)] {
                let Some(v) = v else { continue };
                let (a0, a1) = (sx(base.min(v)), sx(base.max(v)));
                draw::fill_rect(
                    area,
                    Rect {
                        x: a0,
                        y,
                        w: (a1 - a0).max(1.0),
                        h: bar_h,
                    },
                    c,
                    0.85,
                )?;
            }
            let right = [e.down, e.up, Some(base)]
                .iter()
                .flatten()
                .fold(f64::NEG_INFINITY, |m, v| m.max(*v));
            let flip = match (e.flips_down, e.flips_up) {
                (true, true) => "flips both ways",
                (true, false) => "flips when down",
                (false, true) => "flips when up",
                (false, false) => "",
            };
            if !flip.is_empty() {
                draw::text(
                    area,
                    flip,
                    (sx(right) + 6.0, y + 3.0),
                    TEXT,
                    FAIL,
                    Align::Left,
                )?;
            }
        }
        draw::line(
            area,
            &[(sx(base), top - 10.0), (sx(base), top + rows_h)],
            draw::stroke(INK, 2.0),
            false,
        )?;
        let ly = top + rows_h + 30.0;
        let mut x = M;
        for (c, t) in [(DOWN, swing[2].as_str()), (UP, swing[3].as_str())] {
            draw::fill_rect(
                area,
                Rect {
                    x,
                    y: ly,
                    w: 14.0,
                    h: 12.0,
                },
                c,
                0.85,
            )?;
            let t = format!("number {t}");
            draw::text(area, &t, (x + 20.0, ly - 1.0), TEXT, INK, Align::Left)?;
            x += 40.0 + TEXT.width(&t);
        }
        draw::line(
            area,
            &[(x, ly + 6.0), (x + 24.0, ly + 6.0)],
            draw::stroke(INK, 2.0),
            false,
        )?;
        draw::text(
            area,
            "in the design",
            (x + 30.0, ly - 1.0),
            TEXT,
            INK,
            Align::Left,
        )?;
        x += 60.0 + TEXT.width("in the design");
        draw::line(
            area,
            &[(x + 12.0, ly - 2.0), (x + 12.0, ly + 14.0)],
            draw::stroke(FAIL, 1.0),
            true,
        )?;
        draw::text(
            area,
            "0: below it, not win-win",
            (x + 22.0, ly - 1.0),
            TEXT,
            INK,
            Align::Left,
        )
    })?;
    Ok(Some(buf))
}
