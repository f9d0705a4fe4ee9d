//! Contract 4: the report of one value design, as a list of named files
//! (pure: nothing is written here; the CLI writes the folder atomically).
//!
//! `index.html` (self-contained), `map.svg`, one `map-extract-<id>.svg` per
//! extract, `canvas-<id>.svg` and `canvas-<id>.md` per actor, the charts
//! (`cash-flow.svg`, `net-value.svg`, `money-matrix.svg`), `analysis.json`,
//! `summary.md`, and PNG copies of the map and the canvases. File names from
//! ids are sanitised and unique. PNGs render in parallel; the list's order
//! and bytes do not depend on the thread count.

use rayon::prelude::*;

use crate::analysis::{Analysis, Config};
use crate::canvas::canvas;
use crate::findings::{self, Policy};
use crate::render::canvas::svg::{self as canvas_svg, LedgerSummary};
use crate::render::json;
use crate::render::map::view::{self as map_view, Zoom};
use crate::render::map::{layout as map_layout, svg as map_svg};
pub use crate::render::report::parts::{
    DrawnCanvas, DrawnMap, ReportParts, MAX_CANVASES, MAX_TABLE_ROWS,
};
use crate::render::report::{html as report_html, markdown as summary_md};
use crate::render::{charts, escape, png};
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

fn draw_map(design: &ValueDesign, an: &Analysis, zoom: &Zoom) -> Result<DrawnMap, String> {
    let view = map_view::view(design, an, zoom).map_err(|e| e.to_string())?;
    let layout = map_layout::layout(&view);
    let svg = map_svg::svg(&view, &layout)?;
    Ok(DrawnMap { view, svg })
}

/// Builds every file of the report.
pub fn build(
    design: &ValueDesign,
    an: &Analysis,
    cfg: &ReportConfig,
) -> Result<Vec<ReportFile>, String> {
    let eco = design.ecosystem();
    let policy = Policy::of_file(eco);
    let found = findings::findings(design, an, &policy);
    let map = draw_map(design, an, &Zoom::Auto)?;
    let extract_stems = escape::unique_file_stems(eco.extracts.iter().map(|x| x.id.as_str()));
    let extract_maps = eco
        .extracts
        .iter()
        .zip(extract_stems)
        .map(|(x, stem)| {
            Ok((
                stem,
                draw_map(design, an, &Zoom::Extract(x.id.to_string()))?,
            ))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let stems = escape::unique_file_stems(eco.nodes.iter().map(|n| n.id.as_str()));
    let all_actors = crate::index::all::<crate::index::NodeIdx>(eco.nodes.len())
        .filter(|&a| eco.node(a).kind.is_actor())
        .count();
    let mut left_out = Vec::new();
    let canvas_actors = an.leading_actors(MAX_CANVASES);
    if canvas_actors.len() < all_actors {
        left_out.push(format!(
            "Canvases are drawn for the {} actors with the most money through them, of {all_actors}; `valuedesign canvas FILE --format md --out DIR` writes every one.",
            canvas_actors.len()
        ));
    }
    let table_actors = an.leading_actors(MAX_TABLE_ROWS);
    if table_actors.len() < all_actors {
        left_out.push(format!(
            "The tables list the {} actors with the most money through them, of {all_actors}; analysis.json has every one.",
            table_actors.len()
        ));
    }
    let canvases = canvas_actors
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
        .collect::<Result<Vec<_>, String>>()?;
    let chart_data = charts::chart_data(design, an);
    let chart_svgs = vec![
        ("cash-flow.svg".to_owned(), charts::cash_svg(&chart_data)?),
        (
            "net-value.svg".to_owned(),
            charts::net_value_svg(&chart_data)?,
        ),
        (
            "money-matrix.svg".to_owned(),
            charts::money_matrix_svg(&chart_data)?,
        ),
    ];
    let cfg_defaults = Config::default();
    let analysis_json = serde_json::to_string_pretty(&json::build(
        eco,
        an,
        cfg_defaults.diffusion.damping,
        cfg_defaults.diffusion.tolerance,
    ))
    .map_err(|e| e.to_string())?;
    let parts = ReportParts {
        design,
        analysis: an,
        findings: found,
        map,
        extract_maps,
        canvases,
        actors: crate::index::all::<crate::index::NodeIdx>(eco.nodes.len())
            .filter(|&a| eco.node(a).kind.is_actor())
            .collect(),
        failing: crate::index::all::<crate::index::NodeIdx>(eco.nodes.len())
            .filter(|&a| an.verdicts[a].fails())
            .collect(),
        table_actors,
        left_out,
        charts: chart_data,
        chart_svgs,
        source_name: cfg.source_name.clone(),
    };
    let mut files = vec![
        file("index.html", report_html::html(&parts)),
        file("summary.md", summary_md::markdown(&parts)),
        file("analysis.json", analysis_json + "\n"),
        file("map.svg", parts.map.svg.clone()),
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
    if cfg.png {
        let mut jobs: Vec<(String, &str)> = vec![("map.png".to_owned(), parts.map.svg.as_str())];
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
        let pngs: Vec<Result<ReportFile, String>> = jobs
            .par_iter()
            .map(|(name, svg)| {
                png::png(svg)
                    .map(|bytes| ReportFile {
                        name: name.clone(),
                        bytes,
                    })
                    .map_err(|e| format!("{name}: {e}"))
            })
            .collect();
        for p in pngs {
            files.push(p?);
        }
    }
    Ok(files)
}

fn file(name: &str, text: String) -> ReportFile {
    ReportFile {
        name: name.to_owned(),
        bytes: text.into_bytes(),
    }
}
