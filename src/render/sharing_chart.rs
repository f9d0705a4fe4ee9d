//! The report's chart of how value is shared: for each judged actor, its
//! share of the value the ecosystem creates beside its share of what the
//! actors put in (analysis::sharing), as paired horizontal bars.

use plotters::prelude::RGBColor;

use super::charts::{start, ChartData, GREY, INK, M, TEXT, TITLE};
use super::draw::{self, Align};
use super::geometry::Rect;
use super::RenderError;
use crate::analysis::Analysis;
use crate::words::{amount, percent};

const TAKES: RGBColor = RGBColor(70, 150, 110);
const PUTS_IN: RGBColor = RGBColor(230, 150, 60);

/// The chart, for the actors of `d` that are judged.
pub(crate) fn sharing_svg(d: &ChartData, an: &Analysis) -> Result<String, RenderError> {
    let s = &an.sharing;
    let rows: Vec<(&str, f64, Option<f64>)> = d
        .actors
        .iter()
        .filter_map(|a| {
            let p = s.part(a.node)?;
            Some((
                a.label.as_str(),
                p.takes_share.unwrap_or(0.0),
                p.puts_in_share,
            ))
        })
        .collect();
    let label_w = rows
        .iter()
        .map(|r| TEXT.width(&TEXT.truncate(r.0, 280.0)))
        .fold(60.0f64, f64::max);
    let (bar_h, gap) = (14.0, 12.0);
    let row_h = 2.0 * bar_h + 2.0 + gap;
    let pw = 480.0;
    let lo = rows.iter().map(|r| r.1).fold(0.0f64, f64::min);
    let hi = rows
        .iter()
        .flat_map(|r| [r.1, r.2.unwrap_or(0.0)])
        .fold(0.0f64, f64::max)
        .max(0.01);
    let neg_w = if lo < 0.0 { 70.0 } else { 0.0 };
    let px0 = M + label_w + 12.0 + neg_w;
    let sx = |v: f64| px0 + (v - lo) / (hi - lo) * pw;
    let w = px0 + pw + 90.0 + M;
    let h = M + 84.0 + rows.len() as f64 * row_h + M;
    let mut buf = String::new();
    start(&mut buf, w, h, |area| {
        draw::text(area, "How value is shared", (M, M), TITLE, INK, Align::Left)?;
        draw::text(
            area,
            &format!(
                "Share of the value created ({} {}) and of what the businesses put in ({} {}), per actor; –: a customer, which puts in nothing here.",
                amount(s.created),
                d.currency,
                amount(s.put_in),
                d.currency
            ),
            (M, M + 26.0),
            TEXT,
            GREY,
            Align::Left,
        )?;
        // The legend.
        let ly = M + 48.0;
        for (k, (c, name)) in [
            (TAKES, "takes (share of the value created)"),
            (PUTS_IN, "puts in (share of what the businesses put in)"),
        ]
        .into_iter()
        .enumerate()
        {
            let lx = M + k as f64 * 260.0;
            draw::fill_rect(
                area,
                Rect {
                    x: lx,
                    y: ly + 2.0,
                    w: 12.0,
                    h: 10.0,
                },
                c,
                1.0,
            )?;
            draw::text(area, name, (lx + 18.0, ly), TEXT, INK, Align::Left)?;
        }
        let top = M + 84.0;
        draw::line(
            area,
            &[
                (sx(0.0), top - 4.0),
                (sx(0.0), top + rows.len() as f64 * row_h - gap),
            ],
            draw::stroke(GREY, 1.0),
            false,
        )?;
        for (k, (label, takes, puts)) in rows.iter().enumerate() {
            let y = top + k as f64 * row_h;
            draw::text(
                area,
                &TEXT.truncate(label, 280.0),
                (M + label_w, y + bar_h - 6.0),
                TEXT,
                INK,
                Align::Right,
            )?;
            for (j, (v, c)) in [(Some(*takes), TAKES), (*puts, PUTS_IN)]
                .into_iter()
                .enumerate()
            {
                let by = y + j as f64 * (bar_h + 2.0);
                let Some(v) = v else {
                    draw::text(area, "–", (sx(0.0) + 6.0, by), TEXT, GREY, Align::Left)?;
                    continue;
                };
                let (x0, x1) = (sx(v.min(0.0)), sx(v.max(0.0)));
                draw::fill_rect(
                    area,
                    Rect {
                        x: x0,
                        y: by,
                        w: (x1 - x0).max(1.0),
                        h: bar_h,
                    },
                    c,
                    1.0,
                )?;
                if v >= 0.0 {
                    draw::text(area, &percent(v), (x1 + 6.0, by), TEXT, INK, Align::Left)?;
                } else {
                    draw::text(area, &percent(v), (x0 - 6.0, by), TEXT, INK, Align::Right)?;
                }
            }
        }
        Ok(())
    })?;
    Ok(buf)
}
