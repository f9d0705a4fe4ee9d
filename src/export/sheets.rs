//! The design's sheets, the layout `import` reads back: `ecosystem` (one
//! field per row), `nodes` and `exchanges` (with the figures of
//! [`super::table`]), `costs`, `drivers` and `extracts`, one row per entry
//! and a column per field, lists in one cell separated by ` | ` (Kumu's
//! element and connection sheets). CSV and xlsx write these same tables, so
//! both import alike.

use super::cell::Cell;
use super::table::{columns, Table, LIST_SEPARATOR};
use crate::import::columns::read;
use crate::model::Text;
use crate::validate::ValueDesign;

/// A sheet: its name (`nodes`) and its table.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedTable {
    /// The sheet's name, as `import` looks for it.
    pub name: &'static str,
    /// Its columns and rows.
    pub table: Table,
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn opt(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, text)
}

fn join(v: &[Text]) -> Cell {
    text(
        &v.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
    )
}

/// The design sheets of `design`, in the order `import` documents them.
pub fn design_sheets(design: &ValueDesign, nodes: Table, exchanges: Table) -> Vec<NamedTable> {
    let eco = design.ecosystem();
    // What is not a list of rows: one field per row; scenarios, ranges and
    // findings' severities as RON text (as in the design file).
    let ron = |v: &dyn erased::Ron| text(&v.ron());
    let fields: Vec<(&str, Cell)> = vec![
        ("name", text(&eco.name)),
        ("description", text(&eco.description)),
        ("currency", text(&eco.currency)),
        ("horizon_years", Cell::Number(f64::from(eco.horizon_years))),
        ("discount_rate", Cell::Number(eco.discount_rate)),
        ("findings", ron(&eco.findings)),
        ("scenarios", ron(&eco.scenarios)),
        ("uncertainty", ron(&eco.uncertainty)),
    ];
    let ecosystem = Table {
        columns: columns(read("ecosystem")),
        rows: fields.into_iter().map(|(k, v)| vec![text(k), v]).collect(),
    };
    let costs = Table {
        columns: columns(read("costs")),
        rows: eco
            .nodes
            .iter()
            .flat_map(|n| {
                n.costs.iter().map(move |c| {
                    vec![
                        text(&n.id),
                        text(&c.label),
                        Cell::Number(c.amount),
                        c.cadence.map_or(Cell::Empty, |k| text(&format!("{k:?}"))),
                        opt(c.per_exchange.as_deref()),
                    ]
                })
            })
            .collect(),
    };
    let drivers = Table {
        columns: columns(read("drivers")),
        rows: eco
            .drivers
            .iter()
            .map(|d| vec![text(&d.id), text(&d.label)])
            .collect(),
    };
    let extracts = Table {
        columns: columns(read("extracts")),
        rows: eco
            .extracts
            .iter()
            .map(|x| {
                vec![
                    text(&x.id),
                    text(&x.label),
                    join(&x.nodes),
                    join(&x.exchanges),
                    opt(x.focus.as_deref()),
                    Cell::Number(f64::from(x.radius)),
                ]
            })
            .collect(),
    };
    [
        ("ecosystem", ecosystem),
        ("nodes", nodes),
        ("exchanges", exchanges),
        ("costs", costs),
        ("drivers", drivers),
        ("extracts", extracts),
    ]
    .into_iter()
    .map(|(name, table)| NamedTable { name, table })
    .collect()
}

/// RON text of a part of the design, empty when it is empty.
mod erased {
    /// A part of the design written as RON.
    pub(super) trait Ron {
        fn ron(&self) -> String;
    }

    impl<T: serde::Serialize> Ron for Vec<T> {
        fn ron(&self) -> String {
            if self.is_empty() {
                return String::new();
            }
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new().struct_names(true))
                .unwrap_or_default()
        }
    }

    impl<K: serde::Serialize, V: serde::Serialize> Ron for indexmap::IndexMap<K, V> {
        fn ron(&self) -> String {
            if self.is_empty() {
                return String::new();
            }
            ron::ser::to_string(self).unwrap_or_default()
        }
    }
}
