//! What a report is made of: the design, its analysis and findings, and the
//! maps, canvases and charts already drawn. The HTML and Markdown pages read
//! it; `crate::report` builds it.

use crate::analysis::Analysis;
use crate::canvas::Canvas;
use crate::findings::Finding;
use crate::render::canvas::svg::LedgerSummary;
use crate::render::charts;
use crate::render::map::view::MapView;
use crate::validate::ValueDesign;

/// Most canvases drawn in one report: above this, the actors with the most
/// money through them, and a note says how to get the others.
pub(crate) const MAX_CANVASES: usize = 40;
/// Most rows in the report's ledger tables.
pub(crate) const MAX_TABLE_ROWS: usize = 100;
/// Above this many findings the report lists, per code, how many and the
/// first [`SHOWN_PER_CODE`] (a 1e5-node design has 300,000 findings: listed
/// in full they made a 147 MB page).
pub(crate) const FINDINGS_LISTED_IN_FULL: usize = 200;
/// Findings of each code the report shows when it summarises.
pub(crate) const SHOWN_PER_CODE: usize = 10;

/// The findings as the report lists them: every one in the findings' own
/// order (grouped by actor, most important first), or, above
/// [`FINDINGS_LISTED_IN_FULL`], code by code (deny-level first), the first
/// [`SHOWN_PER_CODE`] of each and how many more.
pub(crate) struct FindingGroups<'a> {
    /// How many codes fired.
    pub codes: usize,
    /// Whether some are left out (the report then says how to see them).
    pub summarised: bool,
    /// The findings shown, each run followed by the code and the number of
    /// its findings left out (if any).
    pub runs: Vec<Run<'a>>,
}

/// Findings listed together, and the code and number of those left out after them.
pub(crate) type Run<'a> = (Vec<&'a Finding>, Option<(crate::findings::Code, usize)>);

/// The findings of a report as it lists them.
pub(crate) fn finding_groups(found: &[Finding]) -> FindingGroups<'_> {
    let groups = crate::findings::by_code(found);
    let codes = groups.len();
    if found.len() <= FINDINGS_LISTED_IN_FULL {
        return FindingGroups {
            codes,
            summarised: false,
            runs: vec![(found.iter().collect(), None)],
        };
    }
    let runs = groups
        .into_iter()
        .map(|(code, mut fs)| {
            let more = fs.len().saturating_sub(SHOWN_PER_CODE);
            fs.truncate(SHOWN_PER_CODE);
            (fs, (more > 0).then_some((code, more)))
        })
        .collect();
    FindingGroups {
        codes,
        summarised: true,
        runs,
    }
}

/// A map drawn: its view and SVG.
#[derive(Debug, Clone)]
pub struct DrawnMap {
    /// What it shows.
    pub view: MapView,
    /// The SVG.
    pub svg: String,
    /// Where everything is on it (for the explorable layer of `index.html`).
    pub layout: crate::render::map::layout::MapLayout,
}

/// One actor's canvas, drawn.
#[derive(Debug, Clone)]
pub struct DrawnCanvas {
    /// Node index.
    pub node: crate::index::NodeIdx,
    /// Sanitised file stem of its id.
    pub stem: String,
    /// The derived canvas.
    pub canvas: Canvas,
    /// Its ledger summary.
    pub ledger: LedgerSummary,
    /// The SVG.
    pub svg: String,
    /// How many entries the SVG leaves out ("+ N more").
    pub left_out: usize,
}

/// A scenario of the design compared with it, with its difference map.
#[derive(Debug, Clone)]
pub struct DrawnScenario {
    /// The scenario's id.
    pub id: String,
    /// Sanitised file stem of its id.
    pub stem: String,
    /// Its label (its id when it has none).
    pub label: String,
    /// Its description.
    pub description: String,
    /// The design compared with the scenario.
    pub comparison: crate::whatif::Comparison,
    /// The difference map.
    pub map: DrawnMap,
}

/// Everything the HTML and Markdown pages are made from.
#[derive(Debug)]
pub struct ReportParts<'a> {
    /// The design.
    pub design: &'a ValueDesign,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// The file's findings (its own severities).
    pub findings: Vec<Finding>,
    /// The whole map.
    pub map: DrawnMap,
    /// The whole map on a 16:9 slide (`map-slide.svg`).
    pub slide: String,
    /// One map per extract, in file order, with its file stem.
    pub extract_maps: Vec<(String, DrawnMap)>,
    /// Every actor's canvas (at most `MAX_CANVASES`).
    pub canvases: Vec<DrawnCanvas>,
    /// Every actor (organisation, segment, person), in file order.
    pub actors: Vec<crate::index::NodeIdx>,
    /// The actors that are not win-win, in file order.
    pub failing: Vec<crate::index::NodeIdx>,
    /// The actors of the ledger tables (at most `MAX_TABLE_ROWS`).
    pub table_actors: Vec<crate::index::NodeIdx>,
    /// What was left out of the canvases and tables, in words.
    pub left_out: Vec<String>,
    /// Chart figures.
    pub charts: charts::ChartData,
    /// Charts: file name and SVG.
    pub chart_svgs: Vec<(String, String)>,
    /// Where the design came from.
    pub source_name: String,
    /// The file's scenarios, each compared with the design, in file order.
    pub scenarios: Vec<DrawnScenario>,
    /// Every number swung by [`SWING`].
    pub sensitivity: crate::whatif::Sensitivity,
    /// Tornado charts of the leading actors: node, file stem, SVG.
    pub tornadoes: Vec<(crate::index::NodeIdx, String, String)>,
    /// For a design with ranges: [`RUNS`] runs over them, and their chart.
    pub simulation: Option<(crate::whatif::Simulation, String)>,
}

/// Runs of the report's simulation (seed 1).
pub const RUNS: usize = 10_000;

/// The swing of the report's sensitivity section.
pub const SWING: f64 = 0.2;
