//! A map for a 16:9 slide: 1920 × 1080 pixels, no text smaller than 14
//! pixels. The map is drawn as usual and written larger ([`Page::scale`]), so
//! its smallest face (10 px badges and captions) needs a scale of 1.4. To
//! make room, a slide says less, in this order, until it fits:
//!
//! 1. always: a flow listing several offerings names the first and counts
//!    the others ("Hub +2 more", their sum per year), and the legend keeps
//!    the flow kinds and the marks;
//! 2. the smallest flows are left out (each node keeps its largest flow);
//! 3. nodes are folded (the `--level`/`--focus` machinery: parent levels,
//!    then the nodes with the least money through them into one node per
//!    kind), and step 2 starts again on the folded map.
//!
//! The header says what was left out or folded. It sits top left, the legend
//! bottom left, the map centred between them.

use super::layout::{layout, MapLayout};
use super::svg::{draw_page, header_height, Page, LEGEND_W, MARGIN};
use super::view::{view_within, Fit, Item, MapView, Mark, Zoom};
use crate::analysis::Analysis;
use crate::render::RenderError;
use crate::validate::ValueDesign;
use crate::words::amount;

/// A slide's size in pixels (16:9, full HD).
pub const SLIDE: (f64, f64) = (1920.0, 1080.0);
/// The smallest text on a slide, in pixels.
pub const SLIDE_TEXT: f64 = 14.0;
/// The smallest face a map is drawn with (badges and container captions).
pub const SMALLEST_FACE: f64 = 10.0;
/// A small map is not blown up beyond this (three nodes are not a poster).
pub const MAX_SCALE: f64 = 2.0;
/// A slide's width in the backend's units is a multiple of this, so that
/// 1920 × 1080 are written exactly (16 × 9 / 16 is whole).
const WIDTH_STEP: f64 = 16.0;

/// A map laid out for a slide.
#[derive(Debug, Clone)]
pub struct Slide {
    /// What it shows (folded to fit).
    pub view: MapView,
    /// Where everything goes.
    pub layout: MapLayout,
    /// The page it is drawn on.
    pub page: Page,
    /// The SVG, 1920 × 1080.
    pub svg: String,
}

impl Slide {
    /// The size the smallest text is seen at, in pixels.
    pub fn smallest_text(&self) -> f64 {
        SMALLEST_FACE * self.page.scale
    }
}

/// The page of a slide for `view` laid out as `l`, and whether it fits
/// with text of at least [`SLIDE_TEXT`] pixels.
fn page(view: &MapView, l: &MapLayout) -> (Page, bool) {
    let legend_h = super::legend::COMPACT_HEIGHT;
    let w = (l.width + 2.0 * MARGIN).max(LEGEND_W + 2.0 * MARGIN);
    let h = MARGIN + header_height(view, w - 2.0 * MARGIN) + l.height + 28.0 + legend_h + MARGIN;
    let raw = (SLIDE.0 / w).min(SLIDE.1 / h).min(MAX_SCALE);
    // The page's width in tenths of a pixel, a multiple of 16.
    let units = (SLIDE.0 * 10.0 / raw / WIDTH_STEP).ceil() * WIDTH_STEP;
    let scale = SLIDE.0 * 10.0 / units;
    let (pw, ph) = (units / 10.0, units * SLIDE.1 / SLIDE.0 / 10.0);
    let head_width = pw - 2.0 * MARGIN;
    let top = MARGIN + header_height(view, head_width);
    let bottom = ph - MARGIN - legend_h - 28.0;
    let origin = (
        ((pw - l.width) / 2.0).max(MARGIN),
        top + ((bottom - top - l.height) / 2.0).max(0.0),
    );
    let page = Page {
        size: (pw, ph),
        head_at: (MARGIN, MARGIN),
        head_width,
        origin,
        legend_at: (MARGIN, ph - MARGIN - legend_h),
        compact_legend: true,
        scale,
    };
    (page, scale * SMALLEST_FACE >= SLIDE_TEXT - 1e-9)
}

/// A flow listing several offerings names the first and counts the others,
/// with their sum per year: one line of label instead of up to four.
pub fn one_offering_per_flow(view: &mut MapView) {
    for e in &mut view.edges {
        if e.items.len() < 2 {
            continue;
        }
        let n = e.items.len();
        let mark = if e.items.iter().all(|i| i.mark == e.items[0].mark) {
            e.items[0].mark
        } else {
            Mark::Changed
        };
        e.items = vec![Item {
            offering: format!("{} +{} more", e.items[0].offering, n - 1),
            per_year: e.per_year,
            year_one: None,
            exchange: None,
            mark,
            was: None,
        }];
    }
}

/// Keeps at most `most` flows (at least one per node that has any): each
/// node's largest first, then the largest of the rest; says how many were
/// left out in a note. Flows keep their order.
pub fn largest_flows(view: &mut MapView, most: usize) {
    let total = view.edges.len();
    if total <= most {
        return;
    }
    let mut order: Vec<usize> = (0..total).collect();
    // Largest first; file order on ties (stable sort).
    order.sort_by(|&a, &b| view.edges[b].per_year.total_cmp(&view.edges[a].per_year));
    let mut keep = vec![false; total];
    let mut served = vec![false; view.nodes.len()];
    let mut kept = 0;
    for &k in &order {
        let e = &view.edges[k];
        if !served[e.from] || !served[e.to] {
            served[e.from] = true;
            served[e.to] = true;
            keep[k] = true;
            kept += 1;
        }
    }
    for &k in &order {
        if kept >= most {
            break;
        }
        if !keep[k] {
            keep[k] = true;
            kept += 1;
        }
    }
    let largest_left = (0..total)
        .filter(|&k| !keep[k])
        .map(|k| view.edges[k].per_year)
        .fold(0.0, f64::max);
    let mut k = 0;
    view.edges.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    view.notes.push(format!(
        "{} of {total} flows left out to fit one slide (the smallest: none over {}/yr); the full map has them all.",
        total - view.edges.len(),
        amount(largest_left)
    ));
}

/// A view with at most `flows` flows, laid out, on its slide page.
struct Try {
    view: MapView,
    layout: MapLayout,
    page: Page,
    fits: bool,
}

fn attempt(base: &MapView, flows: usize) -> Try {
    let mut view = base.clone();
    largest_flows(&mut view, flows);
    let layout = layout(&view);
    let (page, fits) = page(&view, &layout);
    Try {
        view,
        layout,
        page,
        fits,
    }
}

/// The slide of `zoom`, simplified (see the module doc) until its text is
/// at least [`SLIDE_TEXT`] pixels on 1920 × 1080, or nothing more can go:
/// then a note says how small the text is. `id_prefix` as for
/// [`super::svg::svg`]. For each folding of the nodes, the most flows that
/// fit are found by bisection; nodes are folded a step at a time (as many
/// fewer as the scale is short), so a slide keeps as much as fits.
pub fn slide(
    design: &ValueDesign,
    an: &Analysis,
    zoom: &Zoom,
    id_prefix: &str,
) -> Result<Slide, RenderError> {
    let need = SLIDE_TEXT / SMALLEST_FACE;
    let mut fit = Fit::DEFAULT;
    let mut nodes_before = usize::MAX;
    let best = loop {
        let mut base = view_within(design, an, zoom, fit)?;
        one_offering_per_flow(&mut base);
        let (nodes, edges) = (base.nodes.len(), base.edges.len());
        let all = attempt(&base, usize::MAX);
        if all.fits {
            break all;
        }
        // The fewest flows a slide draws: one per node.
        let least = attempt(&base, nodes.saturating_sub(1).max(1));
        if least.fits {
            // Bisection: `lo` fits, `hi` does not.
            let (mut lo, mut hi) = (least.view.edges.len(), edges);
            let mut found = least;
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let t = attempt(&base, mid);
                if t.fits {
                    lo = mid;
                    found = t;
                } else {
                    hi = mid;
                }
            }
            break found;
        }
        if nodes <= 1 || nodes >= nodes_before {
            let mut t = least;
            t.view.notes.push(format!(
                "Even folded, this map does not fit a slide with text of {SLIDE_TEXT} px: its smallest text is {:.1} px.",
                SMALLEST_FACE * t.page.scale
            ));
            break t;
        }
        nodes_before = nodes;
        let short = least.page.scale / need;
        let fewer = ((nodes as f64 * short).floor() as usize).clamp(1, nodes - 1);
        fit = Fit::at_most(fewer, "too many for one slide");
    };
    // A note may have made the header taller: place it again.
    let (page, _) = page(&best.view, &best.layout);
    let svg = draw_page(&best.view, &best.layout, id_prefix, &page)?;
    Ok(Slide {
        view: best.view,
        layout: best.layout,
        page,
        svg,
    })
}
