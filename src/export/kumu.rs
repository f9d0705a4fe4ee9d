//! Kumu's JSON ("blueprint"): elements and connections, so a map can be
//! continued in Kumu. Connections name their ends by label, as Kumu reads
//! them; two nodes with the same label are written "Label (id)" to keep
//! them apart. Every other column of [`super::table`] is a field.

use serde_json::{json, Map, Value};

use super::cell::Cell;
use super::table::Table;
use crate::validate::ValueDesign;

fn value(c: &Cell) -> Value {
    match c {
        Cell::Text(s) => Value::String(s.clone()),
        Cell::Number(v) => json!(v),
        Cell::Bool(b) => Value::Bool(*b),
        Cell::Empty => Value::Null,
    }
}

/// Kumu's field name for a column: "net_value" -> "Net value".
fn field(column: &str) -> String {
    let mut s = column.replace('_', " ");
    if let Some(first) = s.get(..1) {
        let up = first.to_uppercase();
        s.replace_range(..1, &up);
    }
    s
}

/// The design as Kumu JSON.
pub(super) fn json(design: &ValueDesign, nodes: &Table, exchanges: &Table) -> String {
    let eco = design.ecosystem();
    let mut seen = std::collections::HashMap::<&str, usize>::new();
    for n in &eco.nodes {
        *seen.entry(n.label.as_str()).or_default() += 1;
    }
    let label_of = |i: usize| {
        let n = &eco.nodes[i];
        if seen.get(n.label.as_str()).copied().unwrap_or(0) > 1 {
            format!("{} ({})", n.label, n.id)
        } else {
            n.label.to_string()
        }
    };
    let index = design.node_index();
    let elements: Vec<Value> = (0..nodes.rows.len())
        .map(|r| {
            let mut m = Map::new();
            m.insert("label".into(), Value::String(label_of(r)));
            m.insert("type".into(), value(nodes.get(r, "kind")));
            m.insert(
                "tags".into(),
                json!(eco.nodes[r]
                    .drivers
                    .iter()
                    .map(|d| d.as_str())
                    .collect::<Vec<_>>()),
            );
            for (k, c) in nodes.columns.iter().enumerate() {
                if !matches!(c.as_ref(), "label" | "kind") && nodes.rows[r][k] != Cell::Empty {
                    m.insert(field(c), value(&nodes.rows[r][k]));
                }
            }
            Value::Object(m)
        })
        .collect();
    let connections: Vec<Value> = eco
        .exchanges
        .iter()
        .enumerate()
        .map(|(r, x)| {
            let end = |id: &str| {
                index
                    .get(id)
                    .map_or_else(|| id.to_owned(), |a| label_of(a.index()))
            };
            let mut m = Map::new();
            m.insert("from".into(), Value::String(end(&x.from)));
            m.insert("to".into(), Value::String(end(&x.to)));
            m.insert("type".into(), Value::String(x.flow.word().to_owned()));
            m.insert("direction".into(), Value::String("directed".into()));
            m.insert("label".into(), Value::String(x.offering.to_string()));
            for (k, c) in exchanges.columns.iter().enumerate() {
                if !matches!(c.as_ref(), "from" | "to" | "flow" | "offering")
                    && exchanges.rows[r][k] != Cell::Empty
                {
                    m.insert(field(c), value(&exchanges.rows[r][k]));
                }
            }
            Value::Object(m)
        })
        .collect();
    let doc = json!({ "elements": elements, "connections": connections });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
