//! The uncertainty chart of a simulation: per actor, the band its score
//! falls in 90% of the runs (5th to 95th percentile), its median, its score
//! in the design, the 0 line below which it is not win-win, and the share of
//! runs in which it is. Pure: returns the SVG text.

use plotters::prelude::*;

use super::charts::{start, value_axis, value_scale, GREY, INK, M, TEXT, TITLE};
use super::draw::{self, Align};
use super::geometry::Rect;
use super::RenderError;
use crate::model::{Ecosystem, Goal};
use crate::whatif::simulate::Simulation;
use crate::words::{amount, percent};

const BAND: RGBColor = RGBColor(0, 114, 178);
const FAIL: RGBColor = RGBColor(200, 40, 40);

/// The chart, for at most `max` actors (the first in file order).
pub fn uncertainty_svg(s: &Simulation, eco: &Ecosystem, max: usize) -> Result<String, RenderError> {
    let actors: Vec<_> = s.actors.iter().take(max).collect();
    let labels: Vec<String> = actors
        .iter()
        .map(|o| {
            let score = if o.goal == Goal::Profit {
                "NPV"
            } else {
                "net value"
            };
            TEXT.truncate(&format!("{} ({score})", eco.node(o.actor).label), 300.0)
        })
        .collect();
    let label_w = labels.iter().map(|l| TEXT.width(l)).fold(80.0f64, f64::max);
    let (row_h, pw) = (30.0, 560.0);
    let values = actors
        .iter()
        .flat_map(|o| [o.percentile(5.0), o.percentile(95.0), o.base]);
    let x0 = M + label_w + 16.0;
    let (axis, sx) = value_scale(values, x0, pw);
    let top = M + 70.0;
    let rows_h = actors.len() as f64 * row_h;
    let (w, h) = (x0 + pw + 170.0 + M, top + rows_h + 64.0 + M);
    let mut buf = String::new();
    start(&mut buf, w, h, |area| {
        draw::text(
            area,
            &TITLE.truncate(
                &format!("{}: how likely each actor wins", eco.name),
                w - 2.0 * M,
            ),
            (M, M),
            TITLE,
            INK,
            Align::Left,
        )?;
        let sub = format!(
            "{} runs drawing {} ranges (seed {}), in {}; every actor wins in {} of them.",
            amount(s.runs as f64),
            s.ranges.len(),
            s.seed,
            eco.currency,
            percent(s.all_win)
        );
        draw::text(area, &sub, (M, M + 26.0), TEXT, GREY, Align::Left)?;
        value_axis(area, &axis, sx, top, top + rows_h)?;
        for (k, (o, label)) in actors.iter().zip(&labels).enumerate() {
            let y = top + k as f64 * row_h;
            draw::text(area, label, (x0 - 8.0, y + 5.0), TEXT, INK, Align::Right)?;
            let (a, b) = (sx(o.percentile(5.0)), sx(o.percentile(95.0)));
            draw::fill_rect(
                area,
                Rect {
                    x: a,
                    y: y + 4.0,
                    w: (b - a).max(2.0),
                    h: 14.0,
                },
                BAND,
                0.35,
            )?;
            let m = sx(o.percentile(50.0));
            draw::line(
                area,
                &[(m, y + 1.0), (m, y + 21.0)],
                draw::stroke(BAND, 3.0),
                false,
            )?;
            let d = sx(o.base);
            draw::fill_rect(
                area,
                Rect {
                    x: d - 3.0,
                    y: y + 8.0,
                    w: 6.0,
                    h: 6.0,
                },
                INK,
                1.0,
            )?;
            let c = if o.win_win < 0.5 { FAIL } else { INK };
            draw::text(
                area,
                &format!("win-win in {}", percent(o.win_win)),
                (x0 + pw + 12.0, y + 5.0),
                TEXT,
                c,
                Align::Left,
            )?;
        }
        legend(area, top + rows_h + 30.0)
    })?;
    Ok(buf)
}

/// The legend, at height `ly`: the band, the median, the design, the 0 line.
fn legend(area: &draw::Area<'_>, ly: f64) -> draw::DrawResult {
    draw::fill_rect(
        area,
        Rect {
            x: M,
            y: ly,
            w: 24.0,
            h: 12.0,
        },
        BAND,
        0.35,
    )?;
    draw::text(
        area,
        "5% to 95% of the runs",
        (M + 30.0, ly - 1.0),
        TEXT,
        INK,
        Align::Left,
    )?;
    let mut x = M + 60.0 + TEXT.width("5% to 95% of the runs");
    draw::line(
        area,
        &[(x, ly - 2.0), (x, ly + 14.0)],
        draw::stroke(BAND, 3.0),
        false,
    )?;
    draw::text(area, "median", (x + 8.0, ly - 1.0), TEXT, INK, Align::Left)?;
    x += 40.0 + TEXT.width("median");
    draw::fill_rect(
        area,
        Rect {
            x,
            y: ly + 3.0,
            w: 6.0,
            h: 6.0,
        },
        INK,
        1.0,
    )?;
    draw::text(
        area,
        "in the design",
        (x + 12.0, ly - 1.0),
        TEXT,
        INK,
        Align::Left,
    )?;
    x += 44.0 + TEXT.width("in the design");
    draw::line(
        area,
        &[(x, ly - 2.0), (x, ly + 14.0)],
        draw::stroke(FAIL, 1.0),
        true,
    )?;
    draw::text(
        area,
        "0: below it, not win-win",
        (x + 10.0, ly - 1.0),
        TEXT,
        INK,
        Align::Left,
    )
}
