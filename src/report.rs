//! Contract 4: the report of one value design, as a list of named files
//! (pure: nothing is written here; the CLI writes the folder atomically).
//!
//! `index.html` (self-contained), `map.svg`, `map-slide.svg` (the map on a
//! 16:9 slide), one `map-extract-<id>.svg` per
//! extract, `canvas-<id>.svg` and `canvas-<id>.md` per actor, the charts
//! (`cash-flow.svg`, `net-value.svg`, `money-matrix.svg`, `value-sharing.svg`), `analysis.json`,
//! `summary.md`, one `diff-scenario-<id>.svg` per scenario of the file (its
//! difference map), `tornado-<id>.svg` per leading actor (its
//! sensitivity), `uncertainty.svg` for a design with ranges, and PNG copies of the maps and the canvases. File names from
//! ids are sanitised and unique. PNGs render in parallel; the list's order
//! and bytes do not depend on the thread count.

use rayon::prelude::*;

use crate::analysis::{Analysis, Config};
use crate::canvas::canvas;
use crate::findings::{self, Policy};
use crate::index::NodeIdx;
use crate::render::canvas::svg::{self as canvas_svg, LedgerSummary};
use crate::render::json;
use crate::render::map::view::{self as map_view, Zoom};
use crate::render::map::{layout as map_layout, svg as map_svg};
pub use crate::render::report::parts::{DrawnCanvas, DrawnMap, DrawnScenario, ReportParts};
use crate::render::report::parts::{MAX_CANVASES, MAX_TABLE_ROWS, RUNS, SWING};
use crate::render::report::{html as report_html, markdown as summary_md};
use crate::render::{charts, escape, png, RenderError};
use crate::validate::ValueDesign;

/// One file of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFile {
    /// File name inside the report folder.
    pub name: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// What to include.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportConfig {
    /// PNG copies of the map and canvases (the slowest part).
    pub png: bool,
    /// Shown in the report's footer: where the design came from.
    pub source_name: String,
}

/// The map of `zoom`; `ids` prefixes its groups' ids: its file's stem and a
/// dash, unique per map of the report (they also share index.html).
fn draw_map(
    design: &ValueDesign,
    an: &Analysis,
    zoom: &Zoom,
    ids: &str,
) -> Result<DrawnMap, RenderError> {
    let view = map_view::view(design, an, zoom)?;
    let layout = map_layout::layout(&view);
    let svg = map_svg::svg(&view, &layout, ids)?;
    Ok(DrawnMap { view, svg, layout })
}

/// Builds every file of the report: the pieces are drawn, gathered into
/// [`ReportParts`], and written out as pages, drawings and PNG copies.
pub fn build(
    design: &ValueDesign,
    an: &Analysis,
    cfg: &ReportConfig,
) -> Result<Vec<ReportFile>, RenderError> {
    let eco = design.ecosystem();
    let policy = Policy::of_file(eco);
    let actors: Vec<NodeIdx> = crate::index::all::<NodeIdx>(eco.nodes.len())
        .filter(|&a| eco.node(a).kind.is_actor())
        .collect();
    let canvas_actors = an.leading_actors(MAX_CANVASES);
    let table_actors = an.leading_actors(MAX_TABLE_ROWS);
    let left_out = left_out_notes(canvas_actors.len(), table_actors.len(), actors.len());
    let chart_data = charts::chart_data(design, an);
    let parts = ReportParts {
        design,
        analysis: an,
        findings: findings::findings(design, an, &policy),
        map: draw_map(design, an, &Zoom::Auto, "map-")?,
        slide: crate::render::map::slide::slide(design, an, &Zoom::Auto, "map-slide-")?.svg,
        extract_maps: extract_maps(design, an)?,
        canvases: drawn_canvases(design, an, canvas_actors)?,
        failing: crate::index::all::<NodeIdx>(eco.nodes.len())
            .filter(|&a| an.verdicts[a].fails())
            .collect(),
        actors,
        table_actors,
        left_out,
        chart_svgs: chart_svgs(&chart_data, an)?,
        charts: chart_data,
        source_name: cfg.source_name.clone(),
        scenarios: drawn_scenarios(design, an)?,
        tornadoes: Vec::new(),
        sensitivity: crate::whatif::sensitivity(design, an, SWING),
        simulation: simulation(design)?,
    };
    let parts = ReportParts {
        tornadoes: tornadoes(&parts)?,
        ..parts
    };
    let mut files = pages_and_drawings(&parts)?;
    if cfg.png {
        files.extend(png_copies(&parts)?);
    }
    Ok(files)
}

/// Notes on what the report leaves out of its canvases and tables.
fn left_out_notes(canvases: usize, rows: usize, all_actors: usize) -> Vec<String> {
    let mut left_out = Vec::new();
    if canvases < all_actors {
        left_out.push(format!(
            "Canvases are drawn for the {canvases} actors with the most money through them, of {all_actors}; `valuedesign canvas FILE --format md --out DIR` writes every one."
        ));
    }
    if rows < all_actors {
        left_out.push(format!(
            "The tables list the {rows} actors with the most money through them, of {all_actors}; analysis.json has every one."
        ));
    }
    left_out
}

/// One map per extract, with the file stem it is saved under.
fn extract_maps(
    design: &ValueDesign,
    an: &Analysis,
) -> Result<Vec<(String, DrawnMap)>, RenderError> {
    let eco = design.ecosystem();
    let stems = escape::unique_file_stems(eco.extracts.iter().map(|x| x.id.as_str()));
    eco.extracts
        .iter()
        .zip(stems)
        .map(|(x, stem)| {
            let ids = format!("map-extract-{stem}-");
            let map = draw_map(design, an, &Zoom::Extract(x.id.to_string()), &ids)?;
            Ok((stem, map))
        })
        .collect()
}

/// Every scenario of the file compared with the design, with its
/// difference map; analysed in parallel, in file order.
fn drawn_scenarios(design: &ValueDesign, an: &Analysis) -> Result<Vec<DrawnScenario>, RenderError> {
    let eco = design.ecosystem();
    let stems = escape::unique_file_stems(eco.scenarios.iter().map(|s| s.id.as_str()));
    crate::whatif::compare::scenarios(design, an, &Config::default())
        .into_par_iter()
        .zip(stems)
        .map(|(v, stem)| {
            let view = crate::render::map::diff::difference_view(
                (design, an),
                (&v.design, &v.analysis),
                &v.comparison,
            )?;
            let layout = map_layout::layout(&view);
            let svg = map_svg::svg(&view, &layout, &format!("diff-scenario-{stem}-"))?;
            let id = v.scenario.unwrap_or_default();
            let s = eco.scenarios.iter().find(|s| s.id == id.as_str());
            Ok(DrawnScenario {
                label: s.map_or(id.clone(), |s| {
                    if s.label.is_empty() { &s.id } else { &s.label }.to_string()
                }),
                description: s.map_or(String::new(), |s| s.description.to_string()),
                id,
                stem,
                comparison: v.comparison,
                map: DrawnMap { view, svg, layout },
            })
        })
        .collect()
}

/// For a design with ranges, the simulation over them and its chart.
fn simulation(
    design: &ValueDesign,
) -> Result<Option<(crate::whatif::Simulation, String)>, RenderError> {
    if design.ecosystem().uncertainty.is_empty() {
        return Ok(None);
    }
    let s = crate::whatif::simulate(design, RUNS, 1);
    let svg =
        crate::render::uncertainty::uncertainty_svg(&s, design.ecosystem(), charts::MAX_ACTORS)?;
    Ok(Some((s, svg)))
}

/// The tornado chart of each actor the charts show (those with the most
/// money through them), with its file stem.
fn tornadoes(parts: &ReportParts<'_>) -> Result<Vec<(NodeIdx, String, String)>, RenderError> {
    let eco = parts.design.ecosystem();
    let stems = escape::unique_file_stems(eco.nodes.iter().map(|n| n.id.as_str()));
    let mut out = Vec::new();
    for a in parts.analysis.leading_actors(charts::MAX_ACTORS) {
        let svg = crate::render::tornado::tornado_svg(&parts.sensitivity, eco, parts.analysis, a)?;
        if let Some(svg) = svg {
            out.push((a, stems[a.index()].clone(), svg));
        }
    }
    Ok(out)
}

/// The canvases of the given actors, drawn.
fn drawn_canvases(
    design: &ValueDesign,
    an: &Analysis,
    actors: Vec<NodeIdx>,
) -> Result<Vec<DrawnCanvas>, RenderError> {
    let eco = design.ecosystem();
    let stems = escape::unique_file_stems(eco.nodes.iter().map(|n| n.id.as_str()));
    actors
        .into_iter()
        .map(|a| {
            let c = canvas(design, an, a);
            let ledger = LedgerSummary::of(eco, an, a);
            let svg = canvas_svg::svg(
                &c,
                &ledger,
                &format!("in the report and canvas-{}.md", stems[a.index()]),
            )?;
            Ok(DrawnCanvas {
                node: a,
                stem: stems[a.index()].clone(),
                left_out: canvas_svg::left_out(&c, &eco.currency),
                canvas: c,
                ledger,
                svg,
            })
        })
        .collect()
}

/// The four charts, by file name.
fn chart_svgs(
    d: &charts::ChartData,
    an: &crate::analysis::Analysis,
) -> Result<Vec<(String, String)>, RenderError> {
    Ok(vec![
        ("cash-flow.svg".to_owned(), charts::cash_svg(d)?),
        ("net-value.svg".to_owned(), charts::net_value_svg(d)?),
        ("money-matrix.svg".to_owned(), charts::money_matrix_svg(d)?),
        (
            "value-sharing.svg".to_owned(),
            crate::render::sharing_chart::sharing_svg(d, an)?,
        ),
    ])
}

/// The pages (HTML, Markdown, JSON) and every SVG, in a fixed order.
fn pages_and_drawings(parts: &ReportParts<'_>) -> Result<Vec<ReportFile>, RenderError> {
    let eco = parts.design.ecosystem();
    let cfg_defaults = Config::default();
    let analysis_json = serde_json::to_string_pretty(&json::build(
        eco,
        parts.analysis,
        cfg_defaults.diffusion.damping,
        cfg_defaults.diffusion.tolerance,
    ))?;
    let mut files = vec![
        file("index.html", report_html::html(parts)),
        file("summary.md", summary_md::markdown(parts)),
        file("analysis.json", analysis_json + "\n"),
        file("map.svg", parts.map.svg.clone()),
        file("map-slide.svg", parts.slide.clone()),
    ];
    for (stem, m) in &parts.extract_maps {
        files.push(file(&format!("map-extract-{stem}.svg"), m.svg.clone()));
    }
    for c in &parts.canvases {
        files.push(file(&format!("canvas-{}.svg", c.stem), c.svg.clone()));
        files.push(file(
            &format!("canvas-{}.md", c.stem),
            crate::render::canvas::text::md(&c.canvas, &eco.currency),
        ));
    }
    for (name, svg) in &parts.chart_svgs {
        files.push(file(name, svg.clone()));
    }
    for s in &parts.scenarios {
        files.push(file(
            &format!("diff-scenario-{}.svg", s.stem),
            s.map.svg.clone(),
        ));
    }
    for (_, stem, svg) in &parts.tornadoes {
        files.push(file(&format!("tornado-{stem}.svg"), svg.clone()));
    }
    if let Some((_, svg)) = &parts.simulation {
        files.push(file("uncertainty.svg", svg.clone()));
    }
    Ok(files)
}

/// PNG copies of the maps and canvases, rendered in parallel, in a fixed order.
fn png_copies(parts: &ReportParts<'_>) -> Result<Vec<ReportFile>, RenderError> {
    let mut jobs: Vec<(String, &str)> = vec![
        ("map.png".to_owned(), parts.map.svg.as_str()),
        ("map-slide.png".to_owned(), parts.slide.as_str()),
    ];
    jobs.extend(
        parts
            .extract_maps
            .iter()
            .map(|(stem, m)| (format!("map-extract-{stem}.png"), m.svg.as_str())),
    );
    jobs.extend(
        parts
            .canvases
            .iter()
            .map(|c| (format!("canvas-{}.png", c.stem), c.svg.as_str())),
    );
    jobs.extend(
        parts
            .scenarios
            .iter()
            .map(|s| (format!("diff-scenario-{}.png", s.stem), s.map.svg.as_str())),
    );
    jobs.par_iter()
        .map(|(name, svg)| {
            png::png(svg)
                .map(|bytes| ReportFile {
                    name: name.clone(),
                    bytes,
                })
                .map_err(|e| RenderError::In {
                    file: name.clone(),
                    source: Box::new(e),
                })
        })
        .collect()
}

fn file(name: &str, text: String) -> ReportFile {
    ReportFile {
        name: name.to_owned(),
        bytes: text.into_bytes(),
    }
}
