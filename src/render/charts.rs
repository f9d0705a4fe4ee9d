//! The report's charts (plotters, SVG): every actor's cumulative cash over
//! the years, every actor's net value over the horizon, and the money that
//! flows between actors as an actor-by-actor matrix. The figures come from
//! [`chart_data`] (pure, tested against hand-worked values); drawing is
//! separate. Text is measured with the embedded face.

use plotters::prelude::*;

use super::draw::{self, Align, Area, DrawResult};
use super::fonts::Font;
use super::geometry::Rect;
use super::RenderError;
use crate::analysis::{Analysis, Field};
use crate::index::{IdxVec, NodeIdx};
use crate::model::Flow;
use crate::validate::ValueDesign;
use crate::words::amount;

/// Most actors drawn in one chart; the rest are named in a note.
pub(crate) const MAX_ACTORS: usize = 16;

/// One actor's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorSeries {
    /// Node index.
    pub node: crate::index::NodeIdx,
    /// Label.
    pub label: String,
    /// Cumulative cash at the end of each year.
    pub cumulative_cash: Vec<f64>,
    /// Net value over the horizon (cash plus worth received).
    pub net_value: f64,
    /// Win-win verdict fails.
    pub fails: bool,
}

/// What the charts show.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// Currency label.
    pub currency: String,
    /// Years.
    pub years: usize,
    /// Actors, most money through them first, at most `MAX_ACTORS`.
    pub actors: Vec<ActorSeries>,
    /// Actors left out.
    pub left_out: usize,
    /// Money per year (mean over the horizon) paid by `actors[i]` (row) to
    /// `actors[j]` (column); payments to or from nodes that are not shown
    /// actors count for the actor that owns them (see `Network::owner`), or not at all.
    pub matrix: Vec<Vec<f64>>,
}

/// Gathers the figures. O(N log N + E).
pub fn chart_data(design: &ValueDesign, an: &Analysis) -> ChartData {
    let eco = design.ecosystem();
    let net = &an.network;
    let years = an.timeline.years;
    let total = net.nodes().filter(|&a| net.kinds[a].is_actor()).count();
    let actors = an.leading_actors(MAX_ACTORS);
    let mut slot = IdxVec::<NodeIdx, Option<usize>>::filled(net.node_count(), None);
    for (k, &a) in actors.iter().enumerate() {
        slot[a] = Some(k);
    }
    let shown = |n: NodeIdx| -> Option<usize> { slot[n].or_else(|| slot[net.owner(n)?]) };
    let mut matrix = vec![vec![0.0; actors.len()]; actors.len()];
    for (e, edge) in net.edges.iter_enumerated() {
        if edge.flow != Flow::Money {
            continue;
        }
        if let (Some(i), Some(j)) = (shown(edge.from), shown(edge.to)) {
            if i != j {
                matrix[i][j] += edge.value * an.timeline.occurrences(e).iter().sum::<f64>()
                    / years.max(1) as f64;
            }
        }
    }
    ChartData {
        currency: eco.currency.to_string(),
        years,
        actors: actors
            .iter()
            .map(|&a| ActorSeries {
                node: a,
                label: eco.node(a).label.to_string(),
                cumulative_cash: an.ledgers.get(a, Field::CumulativeCash).to_vec(),
                net_value: an.ledgers.total(a, Field::NetValue),
                fails: an.verdicts[a].fails(),
            })
            .collect(),
        left_out: total - actors.len(),
        matrix,
    }
}

pub(crate) const INK: RGBColor = RGBColor(33, 33, 33);
pub(crate) const GREY: RGBColor = RGBColor(120, 120, 120);
pub(crate) const RULE: RGBColor = RGBColor(225, 225, 225);
pub(crate) const TITLE: Font = Font {
    size: 18.0,
    bold: true,
};
pub(crate) const TEXT: Font = Font {
    size: 12.0,
    bold: false,
};
pub(crate) const M: f64 = 24.0;

/// Ten distinct colours (Tableau 10), then repeated with dashes.
const PALETTE: [RGBColor; 10] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(225, 87, 89),
    RGBColor(118, 183, 178),
    RGBColor(89, 161, 79),
    RGBColor(190, 150, 20),
    RGBColor(176, 122, 161),
    RGBColor(120, 90, 200),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
];

/// Round tick values covering `lo..=hi` (steps of 1, 2 or 5 times a power of ten).
pub(crate) fn ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let (lo, hi) = if hi - lo < 1e-9 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

pub(crate) fn start(
    buf: &mut String,
    w: f64,
    h: f64,
    f: impl FnOnce(&Area<'_>) -> DrawResult,
) -> Result<(), RenderError> {
    draw::drawing(buf, (w.ceil(), h.ceil()), f)
}

/// A horizontal scale for `values` (0 included), rounded out to round
/// ticks: the ticks, and the map from a value to x on a plot `pw` wide
/// starting at `x0`.
pub(crate) fn value_scale(
    values: impl Iterator<Item = f64> + Clone,
    x0: f64,
    pw: f64,
) -> (Vec<f64>, impl Fn(f64) -> f64 + Copy) {
    let values = values.chain([0.0]);
    let lo = values.clone().fold(f64::INFINITY, f64::min);
    let hi = values.fold(f64::NEG_INFINITY, f64::max);
    let axis = ticks(lo, hi, 5);
    let (lo, hi) = (
        axis.first().copied().unwrap_or(lo),
        axis.last().copied().unwrap_or(hi),
    );
    let span = if hi - lo < 1e-9 { 1.0 } else { hi - lo };
    (axis, move |v: f64| x0 + (v - lo) / span * pw)
}

/// A horizontal value axis under rows from `top` to `bottom`: a rule and a
/// label per tick, and the dashed red line at 0, below which an actor's
/// score means it is not win-win.
pub(crate) fn value_axis(
    area: &Area<'_>,
    axis: &[f64],
    sx: impl Fn(f64) -> f64,
    top: f64,
    bottom: f64,
) -> DrawResult {
    for t in axis {
        let x = sx(*t);
        draw::line(
            area,
            &[(x, top - 6.0), (x, bottom)],
            draw::stroke(RULE, 1.0),
            false,
        )?;
        draw::text(
            area,
            &amount(*t),
            (x, bottom + 6.0),
            TEXT,
            GREY,
            Align::Centre,
        )?;
    }
    draw::line(
        area,
        &[(sx(0.0), top - 10.0), (sx(0.0), bottom)],
        draw::stroke(RGBColor(200, 40, 40), 1.0),
        true,
    )
}

fn note_left_out(d: &ChartData) -> Option<String> {
    (d.left_out > 0).then(|| {
        format!(
            "The {} actors with the most money through them are shown; {} more are left out.",
            d.actors.len(),
            d.left_out
        )
    })
}

/// Cumulative cash per actor over the years (a line per actor; year 0 is 0).
pub(crate) fn cash_svg(d: &ChartData) -> Result<String, RenderError> {
    let legend_w = d
        .actors
        .iter()
        .map(|a| TEXT.width(&TEXT.truncate(&a.label, 260.0)))
        .fold(0.0f64, f64::max)
        + 40.0;
    let (pw, ph) = (640.0, 360.0);
    let w = M + 80.0 + pw + 24.0 + legend_w + M;
    let h = M + 60.0 + ph + 50.0 + M;
    let values: Vec<f64> = d
        .actors
        .iter()
        .flat_map(|a| a.cumulative_cash.iter().copied())
        .chain([0.0])
        .collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let yt = ticks(lo, hi, 6);
    let (y0, y1) = (yt[0], yt[yt.len() - 1]);
    let plot = Rect {
        x: M + 80.0,
        y: M + 60.0,
        w: pw,
        h: ph,
    };
    let sx = |year: f64| plot.x + year / d.years.max(1) as f64 * plot.w;
    let sy = |v: f64| plot.y + plot.h - (v - y0) / (y1 - y0) * plot.h;
    let mut buf = String::new();
    start(&mut buf, w, h, |area| {
        draw::text(
            area,
            &format!("Cumulative cash per actor ({})", d.currency),
            (M, M),
            TITLE,
            INK,
            Align::Left,
        )?;
        let sub = note_left_out(d).unwrap_or_else(|| {
            "Revenue minus spend and costs, summed year by year; crossing zero is breakeven."
                .to_owned()
        });
        draw::text(area, &sub, (M, M + 26.0), TEXT, GREY, Align::Left)?;
        for &t in &yt {
            let y = sy(t);
            draw::line(
                area,
                &[(plot.x, y), (plot.x + plot.w, y)],
                draw::stroke(if t == 0.0 { GREY } else { RULE }, 1.0),
                false,
            )?;
            draw::text(
                area,
                &amount(t),
                (plot.x - 6.0, y - 7.0),
                TEXT,
                GREY,
                Align::Right,
            )?;
        }
        for year in 0..=d.years {
            let x = sx(year as f64);
            draw::text(
                area,
                &year.to_string(),
                (x, plot.y + plot.h + 6.0),
                TEXT,
                GREY,
                Align::Centre,
            )?;
        }
        draw::text(
            area,
            "year",
            (plot.x + plot.w / 2.0, plot.y + plot.h + 24.0),
            TEXT,
            GREY,
            Align::Centre,
        )?;
        for (k, a) in d.actors.iter().enumerate() {
            let c = PALETTE[k % PALETTE.len()];
            let pts: Vec<(f64, f64)> = std::iter::once((sx(0.0), sy(0.0)))
                .chain(
                    a.cumulative_cash
                        .iter()
                        .enumerate()
                        .map(|(y, v)| (sx(y as f64 + 1.0), sy(*v))),
                )
                .collect();
            draw::line(area, &pts, draw::stroke(c, 2.5), k >= PALETTE.len())?;
            let ly = plot.y + k as f64 * 20.0;
            let lx = plot.x + plot.w + 24.0;
            draw::line(
                area,
                &[(lx, ly + 7.0), (lx + 26.0, ly + 7.0)],
                draw::stroke(c, 2.5),
                k >= PALETTE.len(),
            )?;
            let label = TEXT.truncate(&a.label, 260.0);
            draw::text(
                area,
                &label,
                (lx + 32.0, ly),
                TEXT,
                if a.fails { RGBColor(190, 30, 30) } else { INK },
                Align::Left,
            )?;
        }
        Ok(())
    })?;
    Ok(buf)
}

/// Net value per actor over the horizon, as horizontal bars.
pub(crate) fn net_value_svg(d: &ChartData) -> Result<String, RenderError> {
    let mut order: Vec<&ActorSeries> = d.actors.iter().collect();
    order.sort_by(|a, b| b.net_value.total_cmp(&a.net_value));
    let label_w = order
        .iter()
        .map(|a| TEXT.width(&TEXT.truncate(&a.label, 280.0)))
        .fold(60.0f64, f64::max);
    let bar_h = 22.0;
    let pw = 560.0;
    // Room beside the bars for their values: negative ones are written left
    // of their bar, so they get room between the names and the plot.
    let value_room = |negative: bool| {
        order
            .iter()
            .filter(|a| (a.net_value < 0.0) == negative)
            .map(|a| TEXT.width(&amount(a.net_value)) + 12.0)
            .fold(0.0f64, f64::max)
    };
    let (neg_w, pos_w) = (value_room(true), value_room(false).max(110.0));
    let w = M + label_w + 12.0 + neg_w + pw + pos_w + M;
    let h = M + 60.0 + order.len() as f64 * (bar_h + 8.0) + 40.0 + M;
    let lo = order.iter().map(|a| a.net_value).fold(0.0f64, f64::min);
    let hi = order.iter().map(|a| a.net_value).fold(0.0f64, f64::max);
    let span = if hi - lo < 1e-9 { 1.0 } else { hi - lo };
    let px0 = M + label_w + 12.0 + neg_w;
    let sx = |v: f64| px0 + (v - lo) / span * pw;
    let mut buf = String::new();
    start(&mut buf, w, h, |area| {
        draw::text(
            area,
            &format!(
                "Net value per actor over {} years ({})",
                d.years, d.currency
            ),
            (M, M),
            TITLE,
            INK,
            Align::Left,
        )?;
        let sub = note_left_out(d).unwrap_or_else(|| "By goal: a firm's cash; a customer's cash plus the worth of what it receives. Red: not win-win.".to_owned());
        draw::text(area, &sub, (M, M + 26.0), TEXT, GREY, Align::Left)?;
        let top = M + 60.0;
        draw::line(
            area,
            &[
                (sx(0.0), top - 4.0),
                (sx(0.0), top + order.len() as f64 * (bar_h + 8.0)),
            ],
            draw::stroke(GREY, 1.0),
            false,
        )?;
        for (k, a) in order.iter().enumerate() {
            let y = top + k as f64 * (bar_h + 8.0);
            draw::text(
                area,
                &TEXT.truncate(&a.label, 280.0),
                (M + label_w, y + 4.0),
                TEXT,
                INK,
                Align::Right,
            )?;
            let (x0, x1) = (sx(0.0f64.min(a.net_value)), sx(0.0f64.max(a.net_value)));
            let c = if a.fails {
                RGBColor(214, 80, 80)
            } else if a.net_value >= 0.0 {
                RGBColor(70, 150, 110)
            } else {
                RGBColor(230, 150, 60)
            };
            draw::fill_rect(
                area,
                Rect {
                    x: x0,
                    y,
                    w: (x1 - x0).max(1.0),
                    h: bar_h,
                },
                c,
                1.0,
            )?;
            let t = amount(a.net_value);
            if a.net_value >= 0.0 {
                draw::text(area, &t, (x1 + 6.0, y + 4.0), TEXT, INK, Align::Left)?;
            } else {
                draw::text(area, &t, (x0 - 6.0, y + 4.0), TEXT, INK, Align::Right)?;
            }
        }
        Ok(())
    })?;
    Ok(buf)
}

/// Money per year between actors: payer rows, payee columns, shaded by amount.
pub fn money_matrix_svg(d: &ChartData) -> Result<String, RenderError> {
    let n = d.actors.len();
    // Rows are numbered; the columns carry the same numbers.
    let names: Vec<String> = d
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{}. {}", i + 1, TEXT.truncate(&a.label, 220.0)))
        .collect();
    let label_w = names.iter().map(|s| TEXT.width(s)).fold(60.0f64, f64::max);
    let max = d.matrix.iter().flatten().copied().fold(0.0f64, f64::max);
    let cell_w = d
        .matrix
        .iter()
        .flatten()
        .map(|v| TEXT.width(&amount(*v)))
        .fold(64.0f64, f64::max)
        + 12.0;
    let cell_h = 26.0;
    let x0 = M + label_w + 12.0;
    let y0 = M + 70.0;
    let w = (x0 + n as f64 * cell_w + M).max(700.0);
    let h = y0 + n as f64 * cell_h + 40.0 + M;
    let mut buf = String::new();
    start(&mut buf, w, h, |area| {
        draw::text(
            area,
            &format!(
                "Money between actors, {} per year (mean over {} years)",
                d.currency, d.years
            ),
            (M, M),
            TITLE,
            INK,
            Align::Left,
        )?;
        draw::text(
            area,
            "Rows pay columns; columns are numbered as the rows.",
            (M, M + 26.0),
            TEXT,
            GREY,
            Align::Left,
        )?;
        for (j, _) in names.iter().enumerate() {
            draw::text(
                area,
                &format!("{}", j + 1),
                (x0 + (j as f64 + 0.5) * cell_w, y0 - 18.0),
                Font::bold(12.0),
                INK,
                Align::Centre,
            )?;
        }
        for (i, name) in names.iter().enumerate() {
            let y = y0 + i as f64 * cell_h;
            draw::text(area, name, (x0 - 8.0, y + 6.0), TEXT, INK, Align::Right)?;
            for j in 0..n {
                let v = d.matrix[i][j];
                let x = x0 + j as f64 * cell_w;
                let shade = if max > 0.0 && v > 0.0 {
                    0.12 + 0.78 * (v / max).sqrt()
                } else {
                    0.0
                };
                let bg = if i == j {
                    RGBColor(240, 240, 240)
                } else {
                    RGBColor(0, 140, 100)
                };
                draw::fill_rect(
                    area,
                    Rect {
                        x,
                        y,
                        w: cell_w - 2.0,
                        h: cell_h - 2.0,
                    },
                    bg,
                    if i == j { 1.0 } else { shade.max(0.04) },
                )?;
                if v > 0.0 {
                    let c = if shade > 0.55 { WHITE } else { INK };
                    draw::text(
                        area,
                        &amount(v),
                        (x + cell_w / 2.0 - 1.0, y + 6.0),
                        TEXT,
                        c,
                        Align::Centre,
                    )?;
                }
            }
        }
        let ky = y0 + n as f64 * cell_h + 20.0;
        if let Some(note) = note_left_out(d) {
            draw::text(area, &note, (M, ky), TEXT, GREY, Align::Left)?;
        }
        Ok(())
    })?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::ticks;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            ticks(0.0, 100.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        let t = ticks(-468_400.0, 1_300_000.0, 6);
        assert!(t[0] <= -468_400.0 && *t.last().unwrap_or(&0.0) >= 1_300_000.0);
        assert_eq!(t[1] - t[0], 500_000.0);
        assert_eq!(ticks(5.0, 5.0, 4), vec![4.0, 4.5, 5.0, 5.5, 6.0]);
    }
}
