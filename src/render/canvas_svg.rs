//! The derived canvas as an SVG in the classic nine-block layout (plotters),
//! with the actor's business-model patterns, IoT role and ledger summary in
//! the footer. Every entry ends with the ids it comes from, in grey, so it can
//! be traced to the file. Pure: returns the SVG text.
//!
//! Text is wrapped by its measured width in the embedded DejaVu Sans
//! (`fonts.rs`); long blocks end with "+ N more", pointing to the Markdown
//! canvas.

use plotters::prelude::*;

use super::draw::{self, Align, Area};
use super::fonts::Font;

use crate::analysis::format::amount;
use crate::canvas::{Canvas, Entry, Source};

/// Canvas size in pixels.
pub const SIZE: (u32, u32) = (1600, 1140);

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
}

impl LedgerSummary {
    /// The summary of actor `a` from an analysis.
    pub fn of(an: &crate::analysis::Analysis, a: usize, currency: &str) -> Self {
        use crate::analysis::{Field, Verdict};
        let l = &an.ledgers;
        LedgerSummary {
            years: an.timeline.years,
            currency: currency.to_owned(),
            revenue: l.total(a, Field::Revenue),
            spend: l.total(a, Field::Spend),
            costs: l.total(a, Field::Costs),
            net_value: l.total(a, Field::NetValue),
            npv: l.npv[a],
            breakeven: crate::analysis::format::breakeven(l, a),
            verdict: match &an.verdicts[a] {
                Verdict::WinWin => "yes".to_owned(),
                Verdict::NotApplicable => "not applicable".to_owned(),
                Verdict::Fails(reasons) => format!("NO ({})", reasons.join("; ")),
            },
        }
    }
}

// Sizes in pixels, measured with the embedded face (`fonts.rs`).
const TITLE: f64 = 21.0;
const HEAD: f64 = 15.5;
const BODY: f64 = 12.5;
const LINE: i32 = 17;
const PAD: i32 = 12;

fn wrap(text: &str, width_px: i32, size: f64) -> Vec<String> {
    Font::regular(size).wrap(text, f64::from(width_px), 0)
}

fn source_ids(e: &Entry) -> String {
    let ids: Vec<String> = e
        .sources
        .iter()
        .map(|s| match s {
            Source::Exchange(id) | Source::Node(id) => id.clone(),
            Source::Cost(l) | Source::Resource(l) | Source::Activity(l) => format!("\"{l}\""),
        })
        .collect();
    ids.join(", ")
}

fn entry_text(e: &Entry, currency: &str) -> String {
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
) -> Result<(), String> {
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

/// Draws one block: its frame, title, and as many wrapped entries as fit.
fn block(
    area: &Area<'_>,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    title: &str,
    entries: &[Entry],
    currency: &str,
    md_name: &str,
) -> Result<(), String> {
    area.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        ShapeStyle {
            color: RGBColor(60, 60, 60).to_rgba(),
            filled: false,
            stroke_width: 2,
        },
    ))
    .map_err(|e| e.to_string())?;
    text(
        area,
        title,
        (x0 + PAD, y0 + PAD),
        HEAD,
        &RGBColor(20, 60, 120),
        true,
    )?;
    let width = x1 - x0 - 2 * PAD;
    let mut y = y0 + PAD + HEAD as i32 + 10;
    let bottom = y1 - PAD - LINE;
    if entries.is_empty() {
        return text(
            area,
            "(none in the value network)",
            (x0 + PAD, y),
            BODY,
            &RGBColor(120, 120, 120),
            false,
        );
    }
    for (k, e) in entries.iter().enumerate() {
        let main = wrap(&format!("• {}", entry_text(e, currency)), width, BODY);
        let from = wrap(&format!("from {}", source_ids(e)), width - 14, BODY - 2.5);
        if y + LINE * (main.len() + from.len()) as i32 > bottom {
            let more = format!("+ {} more: see {md_name}", entries.len() - k);
            return text(
                area,
                &more,
                (x0 + PAD, y),
                BODY - 0.5,
                &RGBColor(150, 40, 40),
                false,
            );
        }
        for l in &main {
            text(area, l, (x0 + PAD, y), BODY, &RGBColor(0, 0, 0), false)?;
            y += LINE;
        }
        for l in &from {
            text(
                area,
                l,
                (x0 + PAD + 14, y),
                BODY - 2.5,
                &RGBColor(130, 130, 130),
                false,
            )?;
            y += LINE - 3;
        }
        y += 4;
    }
    Ok(())
}

/// The canvas as SVG text. `md_name` is the Markdown canvas to point to when a
/// block overflows.
pub fn svg(c: &Canvas, ledger: &LedgerSummary, md_name: &str) -> Result<String, String> {
    let mut buf = String::new();
    {
        let area = SVGBackend::with_string(&mut buf, SIZE).into_drawing_area();
        area.fill(&WHITE).map_err(|e| e.to_string())?;
        let (w, h) = (SIZE.0 as i32, SIZE.1 as i32);
        let m = 20;
        text(
            &area,
            &format!("Business Model Canvas: {}", c.label),
            (m, m),
            TITLE,
            &RGBColor(0, 0, 0),
            true,
        )?;
        text(
            &area,
            &format!("derived from the value network ({})", c.actor),
            (m, m + TITLE as i32 + 6),
            BODY,
            &RGBColor(110, 110, 110),
            false,
        )?;
        let top = m + TITLE as i32 + BODY as i32 + 20;
        let footer = 110;
        let bottom_h = 310;
        let upper_bottom = h - footer - bottom_h - m;
        let col = (w - 2 * m) / 5;
        let x = |i: i32| m + i * col;
        let mid = (top + upper_bottom) / 2;
        let cur = &ledger.currency;
        block(
            &area,
            (x(0), top, x(1), upper_bottom),
            "Key partners",
            &c.key_partners,
            cur,
            md_name,
        )?;
        block(
            &area,
            (x(1), top, x(2), mid),
            "Key activities",
            &c.key_activities,
            cur,
            md_name,
        )?;
        block(
            &area,
            (x(1), mid, x(2), upper_bottom),
            "Key resources",
            &c.key_resources,
            cur,
            md_name,
        )?;
        block(
            &area,
            (x(2), top, x(3), upper_bottom),
            "Value propositions",
            &c.value_propositions,
            cur,
            md_name,
        )?;
        block(
            &area,
            (x(3), top, x(4), mid),
            "Customer relationships",
            &c.customer_relationships,
            cur,
            md_name,
        )?;
        block(
            &area,
            (x(3), mid, x(4), upper_bottom),
            "Channels",
            &c.channels,
            cur,
            md_name,
        )?;
        block(
            &area,
            (x(4), top, x(5), upper_bottom),
            "Customer segments",
            &c.customer_segments,
            cur,
            md_name,
        )?;
        let half = m + (w - 2 * m) / 2;
        let lower_bottom = upper_bottom + bottom_h;
        block(
            &area,
            (m, upper_bottom, half, lower_bottom),
            "Cost structure",
            &c.cost_structure,
            cur,
            md_name,
        )?;
        block(
            &area,
            (half, upper_bottom, w - m, lower_bottom),
            "Revenue streams",
            &c.revenue_streams,
            cur,
            md_name,
        )?;
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
        let mut lines = wrap(&format!("Business-model patterns: {patterns}"), width, BODY);
        if !c.iot_roles.is_empty() {
            lines.extend(wrap(
                &format!("IoT role: {}", label_list(&c.iot_roles)),
                width,
                BODY,
            ));
        }
        lines.extend(wrap(
            &format!(
                "Over {} years ({cur}): revenue {}, spend {}, costs {}, net value {}, NPV {}, breakeven {}, win-win: {}",
                ledger.years,
                amount(ledger.revenue),
                amount(ledger.spend),
                amount(ledger.costs),
                amount(ledger.net_value),
                amount(ledger.npv),
                ledger.breakeven,
                ledger.verdict
            ),
            width,
            BODY,
        ));
        for (k, l) in lines.iter().take(4).enumerate() {
            text(
                &area,
                l,
                (m, fy + k as i32 * (LINE + 2)),
                BODY,
                &RGBColor(40, 40, 40),
                k == lines.len() - 1,
            )?;
        }
        area.present().map_err(|e| e.to_string())?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use crate::render::fonts::Font;

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
