//! The design as CSV sheets, one file per sheet of [`super::sheets`]
//! (`ecosystem.csv`, `nodes.csv`, `exchanges.csv`, `costs.csv`,
//! `drivers.csv`, `extracts.csv`). Written by the `csv` crate (quoting);
//! every text cell is made safe for spreadsheets first
//! ([`super::cell::spreadsheet_text`]).

use super::cell::{spreadsheet_text, Cell};
use super::sheets::NamedTable;
use super::ExportFile;

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => spreadsheet_text(s),
        other => other.plain(),
    }
}

fn sheet(s: &NamedTable) -> ExportFile {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = w.write_record(s.table.columns.iter().map(|c| c.as_bytes()));
    for r in &s.table.rows {
        let _ = w.write_record(r.iter().map(cell));
    }
    ExportFile {
        name: format!("{}.csv", s.name),
        bytes: w.into_inner().unwrap_or_default(),
    }
}

/// The CSV files of the design sheets.
pub(super) fn files(sheets: &[NamedTable]) -> Vec<ExportFile> {
    sheets.iter().map(sheet).collect()
}
