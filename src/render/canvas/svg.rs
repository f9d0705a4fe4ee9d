//! The derived canvas as an SVG in the classic nine-block layout (plotters),
//! with the actor's business-model patterns, IoT role and ledger summary in
//! the footer. Every entry ends with the ids it comes from, in grey, so it can
//! be traced to the file. Pure: returns the SVG text.
//!
//! Text is wrapped by its measured width in the embedded DejaVu Sans
//! (`fonts.rs`); long blocks end with "+ N more", pointing to the Markdown
//! canvas.

use plotters::prelude::*;

use crate::render::draw::{self, Align, Area};
use crate::render::fonts::Font;
use crate::render::RenderError;

use crate::canvas::{Canvas, CanvasKind, Entry, Source};
use crate::words::amount;

/// Canvas size in pixels.
pub(crate) const SIZE: (u32, u32) = (1600, 1140);

/// The actor's ledger over the horizon, for the footer.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerSummary {
    /// Years.
    pub years: usize,
    /// Currency label.
    pub currency: String,
    /// Totals over the years.
    pub revenue: f64,
    /// Totals over the years.
    pub spend: f64,
    /// Totals over the years.
    pub costs: f64,
    /// Totals over the years.
    pub net_value: f64,
    /// NPV of cash.
    pub npv: f64,
    /// Breakeven in words (`analysis::format::breakeven`).
    pub breakeven: String,
    /// Win-win verdict in words.
    pub verdict: String,
    /// Worth of everything it receives but money, over the years.
    pub worth: f64,
    /// Judged on worth (a customer, a public body): the footer shows worth
    /// against what it pays rather than NPV and breakeven.
    pub on_worth: bool,
}

impl LedgerSummary {
    /// The summary of actor `a` from an analysis.
    pub fn of(
        eco: &crate::model::Ecosystem,
        an: &crate::analysis::Analysis,
        a: crate::index::NodeIdx,
    ) -> Self {
        use crate::analysis::Field;
        let l = &an.ledgers;
        LedgerSummary {
            years: an.timeline.years,
            currency: eco.currency.to_string(),
            revenue: l.total(a, Field::Revenue),
            spend: l.total(a, Field::Spend),
            costs: l.total(a, Field::Costs),
            net_value: l.total(a, Field::NetValue),
            npv: l.npv[a],
            breakeven: crate::words::breakeven(l, a),
            verdict: crate::words::verdict_basis(eco, an, a),
            worth: l.total(a, Field::WorthTangible) + l.total(a, Field::WorthIntangible),
            on_worth: an.network.goals[a] == crate::model::Goal::Worth,
        }
    }
}

// Sizes in pixels, measured with the embedded face (`fonts.rs`).
const TITLE: f64 = 21.0;
const HEAD: f64 = 15.5;
const BODY: f64 = 12.5;
const LINE: i32 = 17;
const PAD: i32 = 12;
/// Around the drawing.
const MARGIN: i32 = 20;

fn wrap(text: &str, width_px: i32, size: f64) -> Vec<String> {
    Font::regular(size).wrap(text, f64::from(width_px), 0)
}

/// The ids an entry comes from, comma-separated (labels quoted).
pub(crate) fn source_ids(e: &Entry) -> String {
    let ids: Vec<String> = e
        .sources
        .iter()
        .map(|s| match s {
            Source::Exchange(id) | Source::Node(id) | Source::Driver(id) => id.clone(),
            Source::Cost(l) | Source::Resource(l) | Source::Activity(l) => format!("\"{l}\""),
        })
        .collect();
    ids.join(", ")
}

/// An entry in one line: text, tags, and its year-1 amount.
pub(crate) fn entry_text(e: &Entry, currency: &str) -> String {
    let mut t = e.text.clone();
    if !e.tags.is_empty() {
        t.push_str(&format!(" ({})", e.tags.join(", ")));
    }
    if let Some(v) = e
        .per_year
        .as_ref()
        .and_then(|v| v.first())
        .filter(|x| **x != 0.0)
    {
        t.push_str(&format!(" · y1 {} {currency}", amount(*v)));
    }
    t
}

fn text(
    area: &Area<'_>,
    s: &str,
    (x, y): (i32, i32),
    size: f64,
    color: &RGBColor,
    bold: bool,
) -> Result<(), RenderError> {
    let font = Font { size, bold };
    draw::text(
        area,
        s,
        (f64::from(x), f64::from(y)),
        font,
        *color,
        Align::Left,
    )
}

/// A block's left, top, right and bottom, in pixels.
type Frame = (i32, i32, i32, i32);

/// Body text size of the blocks: the largest of these with which every
/// entry of every block fits; the smallest otherwise.
const BODY_SIZES: [f64; 4] = [12.5, 11.5, 10.5, 9.5];

/// The lines of one entry at body size `body`: its text, then its sources.
fn entry_lines(e: &Entry, currency: &str, width: i32, body: f64) -> (Vec<String>, Vec<String>) {
    (
        wrap(&format!("• {}", entry_text(e, currency)), width, body),
        wrap(&format!("from {}", source_ids(e)), width - 14, body - 2.0),
    )
}

fn line_height(body: f64) -> i32 {
    (body * 1.36).round() as i32
}

/// How many of `entries` fit a block of this size at body size `body`.
fn fitting(
    entries: &[Entry],
    currency: &str,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    body: f64,
) -> usize {
    let line = line_height(body);
    let width = x1 - x0 - 2 * PAD;
    let mut y = y0 + PAD + HEAD as i32 + 10;
    let bottom = y1 - PAD - line;
    for (k, e) in entries.iter().enumerate() {
        let (main, from) = entry_lines(e, currency, width, body);
        let need = line * main.len() as i32 + (line - 3) * from.len() as i32;
        // The last entry may use the line kept for "+ N more".
        let limit = if k + 1 == entries.len() {
            bottom + line
        } else {
            bottom
        };
        if y + need > limit {
            return k;
        }
        y += need + 4;
    }
    entries.len()
}

/// Draws one block: its frame, title, and as many wrapped entries as fit.
fn block(
    area: &Area<'_>,
    rect: Frame,
    title: &str,
    entries: &[Entry],
    currency: &str,
    more_hint: &str,
    body: f64,
) -> Result<(), RenderError> {
    let (x0, y0, x1, y1) = rect;
    draw::frame_rect(
        area,
        crate::render::geometry::Rect {
            x: f64::from(x0),
            y: f64::from(y0),
            w: f64::from(x1 - x0),
            h: f64::from(y1 - y0),
        },
        RGBColor(60, 60, 60),
        2.0,
    )?;
    text(
        area,
        title,
        (x0 + PAD, y0 + PAD),
        HEAD,
        &RGBColor(20, 60, 120),
        true,
    )?;
    let width = x1 - x0 - 2 * PAD;
    let line = line_height(body);
    let mut y = y0 + PAD + HEAD as i32 + 10;
    if entries.is_empty() {
        return text(
            area,
            "(none in the value network)",
            (x0 + PAD, y),
            body,
            &RGBColor(120, 120, 120),
            false,
        );
    }
    let shown = fitting(entries, currency, rect, body);
    for e in &entries[..shown] {
        let (main, from) = entry_lines(e, currency, width, body);
        for l in &main {
            text(area, l, (x0 + PAD, y), body, &RGBColor(0, 0, 0), false)?;
            y += line;
        }
        for l in &from {
            text(
                area,
                l,
                (x0 + PAD + 14, y),
                body - 2.0,
                &RGBColor(130, 130, 130),
                false,
            )?;
            y += line - 3;
        }
        y += 4;
    }
    if shown < entries.len() {
        let more = format!("+ {} more {more_hint}", entries.len() - shown);
        text(
            area,
            &more,
            (x0 + PAD, y),
            body - 0.5,
            &RGBColor(90, 90, 90),
            false,
        )?;
    }
    Ok(())
}

/// The blocks with their frames: the nine of a business canvas, or the
/// three columns of a customer profile (jobs, gains, pains).
fn blocks(c: &Canvas, (w, h): (u32, u32)) -> Vec<(Frame, &'static str, &[Entry])> {
    let (w, h) = (w as i32, h as i32);
    let m = MARGIN;
    let top = m + TITLE as i32 + BODY as i32 + 20;
    let footer = 110;
    let bottom_h = 310;
    let upper_bottom = h - footer - bottom_h - m;
    let lower_bottom = upper_bottom + bottom_h;
    let titled = c.blocks();
    if c.kind == CanvasKind::Customer {
        let col = (w - 2 * m) / 3;
        return titled
            .into_iter()
            .enumerate()
            .map(|(i, (title, es))| {
                let i = i as i32;
                (
                    (m + i * col, top, m + (i + 1) * col, lower_bottom),
                    title,
                    es,
                )
            })
            .collect();
    }
    let col = (w - 2 * m) / 5;
    let x = |i: i32| m + i * col;
    let mid = (top + upper_bottom) / 2;
    let half = m + (w - 2 * m) / 2;
    let frames: [Frame; 9] = [
        (x(0), top, x(1), upper_bottom),
        (x(1), top, x(2), mid),
        (x(1), mid, x(2), upper_bottom),
        (x(2), top, x(3), upper_bottom),
        (x(3), top, x(4), mid),
        (x(3), mid, x(4), upper_bottom),
        (x(4), top, x(5), upper_bottom),
        (m, upper_bottom, half, lower_bottom),
        (half, upper_bottom, w - m, lower_bottom),
    ];
    frames
        .into_iter()
        .zip(titled)
        .map(|(f, (title, es))| (f, title, es))
        .collect()
}

/// The largest body size at which every entry fits, else the smallest.
fn body_size(blocks: &[(Frame, &'static str, &[Entry])], currency: &str) -> f64 {
    let all_fit = |body: f64| {
        blocks
            .iter()
            .all(|(r, _, es)| fitting(es, currency, *r, body) == es.len())
    };
    BODY_SIZES
        .iter()
        .copied()
        .find(|b| all_fit(*b))
        .unwrap_or(BODY_SIZES[BODY_SIZES.len() - 1])
}

/// The size of the drawing of `c`: the nine blocks always take the whole
/// page; a customer profile is as tall as its longest column needs (at the
/// largest body size), from half the page to all of it.
pub fn size(c: &Canvas, currency: &str) -> (u32, u32) {
    if c.kind == CanvasKind::Business {
        return SIZE;
    }
    (SIZE.1 / 2..=SIZE.1)
        .step_by(40)
        .map(|h| (SIZE.0, h))
        .find(|&s| {
            blocks(c, s)
                .iter()
                .all(|(r, _, es)| fitting(es, currency, *r, BODY_SIZES[0]) == es.len())
        })
        .unwrap_or(SIZE)
}

/// How many entries the drawing of `c` leaves out ("+ N more").
pub fn left_out(c: &Canvas, currency: &str) -> usize {
    let blocks = blocks(c, size(c, currency));
    let body = body_size(&blocks, currency);
    blocks
        .iter()
        .map(|(r, _, es)| es.len() - fitting(es, currency, *r, body))
        .sum()
}

/// The canvas as SVG text. The body text is as large as lets every entry
/// fit (12.5 down to 9.5 pixels); a block that still overflows ends with
/// "+ N more" and `md_name` (say, "in canvas-vendor.md").
pub fn svg(c: &Canvas, ledger: &LedgerSummary, md_name: &str) -> Result<String, RenderError> {
    let mut buf = String::new();
    let page = size(c, &ledger.currency);
    draw::drawing(&mut buf, (f64::from(page.0), f64::from(page.1)), |area| {
        let w = page.0 as i32;
        let m = MARGIN;
        // A long label is cut to the page, with an ellipsis.
        let room = f64::from(w - 2 * m);
        text(
            area,
            &crate::render::fonts::Font::bold(TITLE)
                .truncate(&format!("{}: {}", c.title(), c.label), room),
            (m, m),
            TITLE,
            &RGBColor(0, 0, 0),
            true,
        )?;
        text(
            area,
            &crate::render::fonts::Font::regular(BODY).truncate(
                &format!("derived from the value network ({})", c.actor),
                room,
            ),
            (m, m + TITLE as i32 + 6),
            BODY,
            &RGBColor(110, 110, 110),
            false,
        )?;
        let cur = &ledger.currency;
        let blocks = blocks(c, page);
        let body = body_size(&blocks, cur);
        let lower_bottom = blocks.iter().map(|b| b.0 .3).max().unwrap_or(0);
        for (r, title, es) in &blocks {
            block(area, *r, title, es, cur, md_name, body)?;
        }
        // Footer: patterns, IoT role, ledger.
        let fy = lower_bottom + 12;
        let width = w - 2 * m;
        let label_list = |ls: &[crate::classify::Label]| {
            ls.iter().map(|l| l.name).collect::<Vec<_>>().join(", ")
        };
        let patterns = if c.patterns.is_empty() {
            "none shown".to_owned()
        } else {
            label_list(&c.patterns)
        };
        let mut lines = if c.kind == CanvasKind::Customer {
            Vec::new()
        } else {
            wrap(&format!("Business-model patterns: {patterns}"), width, BODY)
        };
        if c.kind == CanvasKind::Customer {
            lines.extend(wrap(
                "This actor sells nothing in the value network: it buys and uses. Its profile (the customer side of the Value Proposition Canvas) lists the jobs it wants done (its drivers), its gains (what it receives and its worth) and its pains (what it pays and gives).",
                width,
                BODY,
            ));
        }
        if !c.iot_roles.is_empty() && c.kind == CanvasKind::Business {
            lines.extend(wrap(
                &format!("IoT role: {}", label_list(&c.iot_roles)),
                width,
                BODY,
            ));
        }
        // Room for five lines: the ledger and verdict always, the others as fit.
        let totals = if ledger.on_worth {
            format!(
                "Over {} years ({cur}): worth received {}, money received {}, paid {}, costs {}, net value {}",
                ledger.years,
                amount(ledger.worth),
                amount(ledger.revenue),
                amount(ledger.spend),
                amount(ledger.costs),
                amount(ledger.net_value),
            )
        } else {
            format!(
                "Over {} years ({cur}): revenue {}, spend {}, costs {}, net value {}, NPV {}, breakeven {}",
                ledger.years,
                amount(ledger.revenue),
                amount(ledger.spend),
                amount(ledger.costs),
                amount(ledger.net_value),
                amount(ledger.npv),
                ledger.breakeven,
            )
        };
        // Drawn in bold, so measured in bold.
        let ledger_lines = Font::bold(BODY).wrap(
            &format!("{totals}, win-win: {}", ledger.verdict),
            f64::from(width),
            0,
        );
        lines.truncate(5usize.saturating_sub(ledger_lines.len()));
        let first_ledger = lines.len();
        lines.extend(ledger_lines);
        for (k, l) in lines.iter().take(5).enumerate() {
            text(
                area,
                l,
                (m, fy + k as i32 * (LINE + 2)),
                BODY,
                &RGBColor(40, 40, 40),
                k >= first_ledger,
            )?;
        }
        Ok(())
    })?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::{fitting, line_height, wrap};
    use crate::canvas::{Entry, Source};
    use crate::render::fonts::Font;

    fn entries(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|k| Entry {
                text: format!("Service {k}"),
                tags: Vec::new(),
                per_year: None,
                sources: vec![Source::Exchange(format!("e{k}"))],
            })
            .collect()
    }

    #[test]
    fn smaller_text_fits_more_entries_and_short_blocks_fit_whole() {
        // A block 300 x 400 pixels: title, then entries of two lines each
        // (text and sources).
        let rect = (0, 0, 300, 400);
        assert_eq!(fitting(&entries(3), "EUR", rect, 12.5), 3);
        let at_large = fitting(&entries(40), "EUR", rect, 12.5);
        let at_small = fitting(&entries(40), "EUR", rect, 9.5);
        assert!(
            at_large < at_small && at_small < 40,
            "{at_large} {at_small}"
        );
        // Each entry here is one text line and one source line, plus 4 px.
        let per_entry = line_height(12.5) + line_height(12.5) - 3 + 4;
        let room = 400 - 12 - 15 - 10 - 12 - line_height(12.5);
        assert_eq!(at_large as i32, room / per_entry);
    }

    #[test]
    fn wrap_respects_the_measured_width_and_cuts_long_words() {
        let lines = wrap("one two three four five six", 100, 15.0);
        let f = Font::regular(15.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| f.width(l) <= 100.0), "{lines:?}");
        assert_eq!(lines.join(" "), "one two three four five six");
        let long = wrap(&"x".repeat(50), 100, 15.0);
        assert!(long.iter().all(|l| f.width(l) <= 100.0));
        assert_eq!(long.concat().len(), 50);
    }
}
