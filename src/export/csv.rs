//! The design as CSV sheets, one file per list, in the layout of Kumu's
//! element and connection sheets (one row per element, one per connection,
//! a column per field): `ecosystem.csv` (one field per row), `nodes.csv` and
//! `exchanges.csv` (with the figures of [`super::table`]), `costs.csv`,
//! `drivers.csv`, `extracts.csv`; lists in one cell are separated by ` | `. Written by
//! the `csv` crate (quoting); every text cell is made safe for spreadsheets
//! first ([`super::cell::spreadsheet_text`]).

use super::cell::{number, spreadsheet_text, Cell};
use super::table::Table;
use super::ExportFile;
use crate::validate::ValueDesign;

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => spreadsheet_text(s),
        other => other.plain(),
    }
}

fn sheet(name: &str, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> ExportFile {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    ExportFile {
        name: name.to_owned(),
        text: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn table_sheet(name: &str, t: &Table) -> ExportFile {
    sheet(
        name,
        &t.columns,
        t.rows.iter().map(|r| r.iter().map(cell).collect()),
    )
}

/// The CSV sheets of `design`.
pub(super) fn sheets(design: &ValueDesign, nodes: &Table, exchanges: &Table) -> Vec<ExportFile> {
    let eco = design.ecosystem();
    let text = |s: &str| spreadsheet_text(s);
    // What is not a list of rows: one field per row; scenarios, ranges and
    // findings' severities as RON text (as in the design file).
    let ron = |v: &dyn erased::Ron| v.ron();
    let fields: Vec<(&str, String)> = vec![
        ("name", eco.name.to_string()),
        ("description", eco.description.to_string()),
        ("currency", eco.currency.to_string()),
        ("horizon_years", eco.horizon_years.to_string()),
        ("discount_rate", number(eco.discount_rate)),
        ("findings", ron(&eco.findings)),
        ("scenarios", ron(&eco.scenarios)),
        ("uncertainty", ron(&eco.uncertainty)),
    ];
    vec![
        sheet(
            "ecosystem.csv",
            &["field", "value"],
            fields
                .into_iter()
                .map(|(k, v)| vec![k.to_owned(), text(&v)]),
        ),
        table_sheet("nodes.csv", nodes),
        table_sheet("exchanges.csv", exchanges),
        sheet(
            "costs.csv",
            &["node", "label", "amount", "cadence", "per_exchange"],
            eco.nodes.iter().flat_map(|n| {
                n.costs.iter().map(move |c| {
                    vec![
                        text(&n.id),
                        text(&c.label),
                        number(c.amount),
                        c.cadence.map_or(String::new(), |k| format!("{k:?}")),
                        c.per_exchange.as_deref().map_or(String::new(), text),
                    ]
                })
            }),
        ),
        sheet(
            "drivers.csv",
            &["id", "label"],
            eco.drivers
                .iter()
                .map(|d| vec![text(&d.id), text(&d.label)]),
        ),
        sheet(
            "extracts.csv",
            &["id", "label", "nodes", "exchanges", "focus", "radius"],
            eco.extracts.iter().map(|x| {
                let join = |v: &[crate::model::Text]| {
                    text(
                        &v.iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(super::table::LIST_SEPARATOR),
                    )
                };
                vec![
                    text(&x.id),
                    text(&x.label),
                    join(&x.nodes),
                    join(&x.exchanges),
                    x.focus.as_deref().map_or(String::new(), text),
                    x.radius.to_string(),
                ]
            }),
        ),
    ]
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
