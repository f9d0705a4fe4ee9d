//! GraphML (yEd, networkx, igraph) and GEXF 1.2 (Gephi, networkx): every
//! node and exchange with every column of [`super::table`] as an attribute,
//! typed (string, double, boolean); empty cells are left out. Ids are the
//! file's; text is escaped for XML (control characters dropped).

use std::fmt::Write as _;

use super::cell::Cell;
use super::table::Table;
use crate::validate::ValueDesign;

/// Text safe in XML content and attributes.
fn x(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\n' => o.push_str("&#10;"),
            '\t' => o.push_str("&#9;"),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => o.push(c),
        }
    }
    o
}

/// The type of a column, from its first non-empty cell.
fn kind(t: &Table, k: usize) -> &'static str {
    match t.rows.iter().map(|r| &r[k]).find(|c| **c != Cell::Empty) {
        Some(Cell::Number(_)) => "double",
        Some(Cell::Bool(_)) => "boolean",
        _ => "string",
    }
}

/// Columns written as attributes (the ids and ends are the elements' own).
fn attribute_columns(t: &Table) -> Vec<usize> {
    (0..t.columns.len())
        .filter(|&k| !matches!(t.columns[k].as_ref(), "id" | "from" | "to"))
        .collect()
}

/// The design as GraphML.
pub(super) fn graphml(design: &ValueDesign, nodes: &Table, exchanges: &Table) -> String {
    let mut o = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (prefix, domain, t) in [("n", "node", nodes), ("e", "edge", exchanges)] {
        for k in attribute_columns(t) {
            let _ = writeln!(
                o,
                "<key id=\"{prefix}_{0}\" for=\"{domain}\" attr.name=\"{0}\" attr.type=\"{1}\"/>",
                t.columns[k],
                kind(t, k)
            );
        }
    }
    let _ = writeln!(
        o,
        "<graph id=\"{}\" edgedefault=\"directed\">",
        x(&design.ecosystem().name)
    );
    let data = |o: &mut String, prefix: &str, t: &Table, row: usize| {
        for k in attribute_columns(t) {
            let c = &t.rows[row][k];
            if *c != Cell::Empty {
                let _ = write!(
                    o,
                    "<data key=\"{prefix}_{}\">{}</data>",
                    t.columns[k],
                    x(&c.plain())
                );
            }
        }
    };
    for r in 0..nodes.rows.len() {
        let _ = write!(o, "<node id=\"{}\">", x(&nodes.get(r, "id").plain()));
        data(&mut o, "n", nodes, r);
        o.push_str("</node>\n");
    }
    for r in 0..exchanges.rows.len() {
        let _ = write!(
            o,
            "<edge id=\"{}\" source=\"{}\" target=\"{}\">",
            x(&exchanges.get(r, "id").plain()),
            x(&exchanges.get(r, "from").plain()),
            x(&exchanges.get(r, "to").plain())
        );
        data(&mut o, "e", exchanges, r);
        o.push_str("</edge>\n");
    }
    o.push_str("</graph>\n</graphml>\n");
    o
}

/// The design as GEXF 1.2 (a node's label is its label; an exchange's, its
/// offering; its weight, its value per year, 0 for an intangible flow).
pub(super) fn gexf(design: &ValueDesign, nodes: &Table, exchanges: &Table) -> String {
    let eco = design.ecosystem();
    let mut o = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n");
    let _ = writeln!(
        o,
        "<meta><creator>valuedesign</creator><description>{}</description></meta>\n<graph mode=\"static\" defaultedgetype=\"directed\">",
        x(&eco.name)
    );
    for (class, t) in [("node", nodes), ("edge", exchanges)] {
        let _ = writeln!(o, "<attributes class=\"{class}\">");
        for k in attribute_columns(t) {
            let _ = writeln!(
                o,
                "<attribute id=\"{0}\" title=\"{0}\" type=\"{1}\"/>",
                t.columns[k],
                kind(t, k)
            );
        }
        o.push_str("</attributes>\n");
    }
    let values = |o: &mut String, t: &Table, row: usize| {
        o.push_str("<attvalues>");
        for k in attribute_columns(t) {
            let c = &t.rows[row][k];
            if *c != Cell::Empty {
                let _ = write!(
                    o,
                    "<attvalue for=\"{}\" value=\"{}\"/>",
                    t.columns[k],
                    x(&c.plain())
                );
            }
        }
        o.push_str("</attvalues>");
    };
    o.push_str("<nodes>\n");
    for r in 0..nodes.rows.len() {
        let _ = write!(
            o,
            "<node id=\"{}\" label=\"{}\">",
            x(&nodes.get(r, "id").plain()),
            x(&nodes.get(r, "label").plain())
        );
        values(&mut o, nodes, r);
        o.push_str("</node>\n");
    }
    o.push_str("</nodes>\n<edges>\n");
    for r in 0..exchanges.rows.len() {
        // Every edge says its weight: Gephi reads a missing one as 1, which
        // would weigh an intangible flow like a paid one.
        let weight = match exchanges.get(r, "per_year") {
            Cell::Number(v) if *v > 0.0 => super::cell::number(*v),
            _ => "0".to_owned(),
        };
        let _ = write!(
            o,
            "<edge id=\"{}\" source=\"{}\" target=\"{}\" label=\"{}\" weight=\"{weight}\">",
            x(&exchanges.get(r, "id").plain()),
            x(&exchanges.get(r, "from").plain()),
            x(&exchanges.get(r, "to").plain()),
            x(&exchanges.get(r, "offering").plain())
        );
        values(&mut o, exchanges, r);
        o.push_str("</edge>\n");
    }
    o.push_str("</edges>\n</graph>\n</gexf>\n");
    o
}
