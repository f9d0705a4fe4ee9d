//! Graphviz DOT with the map's look: left to right, node shapes and fills by
//! kind, `parent` groups as nested clusters, flows coloured by kind (Okabe-
//! Ito, as on the map), intangible flows dashed, each labelled with its
//! offering and value per year. Every id and label is a quoted DOT string.

use std::fmt::Write as _;

use super::cell::Cell;
use super::table::Table;
use crate::model::{Flow, NodeKind};
use crate::render::palette::{flow_color, kind_fill};
use crate::validate::ValueDesign;
use crate::words::amount;

/// A quoted DOT string (quotes and backslashes escaped, line breaks as `\n`,
/// other control characters dropped).
fn q(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn shape(k: NodeKind) -> (&'static str, &'static str) {
    match k {
        NodeKind::Organization => ("box", "filled"),
        NodeKind::Segment => ("box", "filled,rounded"),
        NodeKind::Person => ("ellipse", "filled"),
        NodeKind::Device => ("hexagon", "filled"),
        NodeKind::Activity => ("cds", "filled"),
        NodeKind::Process => ("octagon", "filled"),
        NodeKind::Group => ("box3d", "filled"),
    }
}

/// The design as DOT.
pub(super) fn dot(design: &ValueDesign, nodes: &Table, exchanges: &Table) -> String {
    let eco = design.ecosystem();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "digraph {} {{\n  graph [rankdir=LR, fontname=\"DejaVu Sans\", label={}, labelloc=t];\n  node [fontname=\"DejaVu Sans\", fontsize=11, color=\"#505050\"];\n  edge [fontname=\"DejaVu Sans\", fontsize=9];",
        q(&eco.name),
        q(&eco.name)
    );
    // Children of each node, for the clusters.
    let index = design.node_index();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); eco.nodes.len()];
    let mut roots = Vec::new();
    for (i, n) in eco.nodes.iter().enumerate() {
        match n.parent.as_deref().and_then(|p| index.get(p)) {
            Some(p) => children[p.index()].push(i),
            None => roots.push(i),
        }
    }
    fn write_node(
        o: &mut String,
        eco: &crate::model::Ecosystem,
        nodes: &Table,
        children: &[Vec<usize>],
        i: usize,
        depth: usize,
    ) {
        let n = &eco.nodes[i];
        let pad = "  ".repeat(depth + 1);
        let (shape, style) = shape(n.kind);
        let mark = match nodes.get(i, "win_win") {
            Cell::Bool(true) => " ✓",
            Cell::Bool(false) => " ✗",
            _ => "",
        };
        let node = format!(
            "{pad}{} [label={}, shape={shape}, style={q_style}, fillcolor=\"{}\"];",
            q(&n.id),
            q(&format!("{}{mark}", n.label)),
            hex(kind_fill(n.kind)),
            q_style = q(style)
        );
        if children[i].is_empty() {
            let _ = writeln!(o, "{node}");
            return;
        }
        let _ = writeln!(
            o,
            "{pad}subgraph {} {{\n{pad}  label={}; style=\"rounded,filled\"; fillcolor=\"#F6F7F9\"; color=\"#96A0AA\";",
            q(&format!("cluster_{}", n.id)),
            q(&n.label)
        );
        let _ = writeln!(o, "  {node}");
        for &c in &children[i] {
            write_node(o, eco, nodes, children, c, depth + 1);
        }
        let _ = writeln!(o, "{pad}}}");
    }
    for &r in &roots {
        write_node(&mut o, eco, nodes, &children, r, 0);
    }
    for (r, x) in eco.exchanges.iter().enumerate() {
        let per_year = match exchanges.get(r, "per_year") {
            Cell::Number(v) if *v > 0.0 => format!("\n{}/yr", amount(*v)),
            _ => String::new(),
        };
        let style = if x.flow.is_intangible() {
            "dashed"
        } else {
            "solid"
        };
        let _ = writeln!(
            o,
            "  {} -> {} [label={}, color=\"{c}\", fontcolor=\"{c}\", style={style}, penwidth={}, tooltip={}];",
            q(&x.from),
            q(&x.to),
            q(&format!("{}{per_year}", x.offering)),
            if x.flow == Flow::Money { 2.0 } else { 1.4 },
            q(&format!("{} ({})", x.id, x.flow.word())),
            c = hex(flow_color(x.flow)),
        );
    }
    o.push_str("}\n");
    o
}
