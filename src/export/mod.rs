//! `valuedesign export`: a value design and its analysis in the formats other
//! tools read: CSV sheets (Kumu's elements and connections layout), GraphML
//! and GEXF (Gephi, yEd, networkx), DOT (Graphviz, with the map's colours
//! and styles) and Kumu's JSON. Every format is written from one table of
//! nodes and one of exchanges ([`table`]), so they carry the same attributes.
//! Pure: returns named files; the CLI writes them.

pub mod cell;
mod csv;
mod dot;
mod graph_xml;
mod kumu;
pub mod table;

use crate::analysis::Analysis;
use crate::validate::ValueDesign;

/// A format `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// `nodes.csv`, `exchanges.csv`, `drivers.csv`, `extracts.csv`.
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

/// A file of an export: its name and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// File name (no folder).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// The files of `design` exported as `format`, named after `stem`.
pub fn export(
    design: &ValueDesign,
    an: &Analysis,
    format: ExportFormat,
    stem: &str,
) -> Vec<ExportFile> {
    let nodes = table::nodes(design, an);
    let exchanges = table::exchanges(design, an);
    let one = |ext: &str, text: String| {
        vec![ExportFile {
            name: format!("{stem}.{ext}"),
            text,
        }]
    };
    match format {
        ExportFormat::Csv => csv::sheets(design, &nodes, &exchanges),
        ExportFormat::Graphml => one("graphml", graph_xml::graphml(design, &nodes, &exchanges)),
        ExportFormat::Gexf => one("gexf", graph_xml::gexf(design, &nodes, &exchanges)),
        ExportFormat::Dot => one("dot", dot::dot(design, &nodes, &exchanges)),
        ExportFormat::KumuJson => one("kumu.json", kumu::json(design, &nodes, &exchanges)),
    }
}
