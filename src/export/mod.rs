//! `valuedesign export`: a value design and its analysis in the formats other
//! tools read: an Excel workbook (the design's sheets, which `import` reads
//! back, and the analysis), CSV sheets (Kumu's elements and connections
//! layout), GraphML and GEXF (Gephi, yEd, networkx), DOT (Graphviz, with the
//! map's colours and styles) and Kumu's JSON. Every format is written from
//! one table of nodes and one of exchanges ([`table`]), so they carry the
//! same attributes. Pure: returns named files; the CLI writes them.

pub mod analysis_sheets;
pub mod cell;
mod csv;
mod dot;
mod graph_xml;
mod kumu;
pub mod sheets;
pub mod table;
pub mod xlsx;

use std::borrow::Cow;

use crate::analysis::Analysis;
use crate::validate::ValueDesign;

/// A format `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One .xlsx workbook: the design's sheets, then the analysis.
    Xlsx,
    /// `ecosystem.csv`, `nodes.csv`, `exchanges.csv`, `costs.csv`,
    /// `drivers.csv`, `extracts.csv`.
    Csv,
    /// One GraphML file.
    Graphml,
    /// One GEXF 1.2 file (`1.2draft`, the version Gephi and networkx read).
    Gexf,
    /// One Graphviz DOT file.
    Dot,
    /// Kumu's JSON: elements and connections.
    KumuJson,
}

/// A file of an export: its name and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// File name (no folder).
    pub name: String,
    /// Its contents (UTF-8 text for every format but xlsx).
    pub bytes: Vec<u8>,
}

impl ExportFile {
    /// Its contents as text.
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }

    fn of_text(name: String, text: String) -> Self {
        ExportFile {
            name,
            bytes: text.into_bytes(),
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// A sheet has more rows than a worksheet holds.
    #[error("the `{sheet}` sheet would have {rows} rows, and a worksheet holds {max} under its header", max = xlsx::MAX_ROWS)]
    TooManyRows {
        /// The sheet.
        sheet: &'static str,
        /// Its rows.
        rows: usize,
    },
    /// A sheet has more columns than a worksheet holds.
    #[error("the `{sheet}` sheet would have {columns} columns, and a worksheet holds {max}", max = xlsx::MAX_COLUMNS)]
    TooManyColumns {
        /// The sheet.
        sheet: &'static str,
        /// Its columns.
        columns: usize,
    },
    /// A text longer than a cell holds.
    #[error("the text for {at} is longer than the {max} characters a cell holds", max = xlsx::MAX_CELL_CHARS)]
    CellTooLong {
        /// Where (`nodes!B7`).
        at: String,
    },
    /// The workbook writer failed.
    #[error("the workbook could not be written: {0}")]
    Xlsx(String),
}

/// The files of `design` exported as `format`, named after `stem`. The
/// workbook's `findings` sheet lists what `check` finds, at the file's own
/// severities.
pub fn export(
    design: &ValueDesign,
    an: &Analysis,
    format: ExportFormat,
    stem: &str,
) -> Result<Vec<ExportFile>, ExportError> {
    export_with(design, an, format, stem, false)
}

/// As [`export`]; with `design_only`, a workbook or CSV sheets hold the
/// design and nothing computed (no figure columns, no analysis sheets): a
/// template to fill in, whose every cell `import` reads.
pub fn export_with(
    design: &ValueDesign,
    an: &Analysis,
    format: ExportFormat,
    stem: &str,
    design_only: bool,
) -> Result<Vec<ExportFile>, ExportError> {
    if format == ExportFormat::Xlsx {
        // Refuse a design too big for a worksheet before building its
        // tables (at a million nodes they take gigabytes).
        let eco = design.ecosystem();
        let ledger_rows = if design_only {
            0
        } else {
            eco.nodes.len().saturating_mul(an.ledgers.years)
        };
        for (sheet, rows) in [
            ("nodes", eco.nodes.len()),
            ("exchanges", eco.exchanges.len()),
            ("ledger", ledger_rows),
        ] {
            if rows > xlsx::MAX_ROWS {
                return Err(ExportError::TooManyRows { sheet, rows });
            }
        }
    }
    let mut nodes = table::nodes(design, an);
    let mut exchanges = table::exchanges(design, an);
    if design_only {
        nodes.drop_columns(crate::import::columns::figures("nodes"));
        exchanges.drop_columns(crate::import::columns::figures("exchanges"));
    }
    let one = |ext: &str, text: String| vec![ExportFile::of_text(format!("{stem}.{ext}"), text)];
    Ok(match format {
        ExportFormat::Xlsx => {
            let mut all = sheets::design_sheets(design, nodes, exchanges);
            if !design_only {
                let policy = crate::findings::Policy::of_file(design.ecosystem());
                let found = crate::findings::findings(design, an, &policy);
                all.extend(analysis_sheets::analysis_sheets(design, an, &found));
            }
            let bytes = xlsx::workbook(&design.ecosystem().name, &all)?;
            vec![ExportFile {
                name: format!("{stem}.xlsx"),
                bytes,
            }]
        }
        ExportFormat::Csv => csv::files(&sheets::design_sheets(design, nodes, exchanges)),
        ExportFormat::Graphml => one("graphml", graph_xml::graphml(design, &nodes, &exchanges)),
        ExportFormat::Gexf => one("gexf", graph_xml::gexf(design, &nodes, &exchanges)),
        ExportFormat::Dot => one("dot", dot::dot(design, &nodes, &exchanges)),
        ExportFormat::KumuJson => one("kumu.json", kumu::json(design, &nodes, &exchanges)),
    })
}
