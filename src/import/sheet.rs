//! Sheets as read: a name, a header row and rows of text cells, from CSV
//! files (the `csv` crate) or the worksheets of a workbook (.xlsx, .xlsm,
//! .xls, .ods, read by calamine; numbers as the shortest text that reads
//! back as the same number). A cell's place is written as a spreadsheet says
//! it: `nodes!C7` (column letters, rows counted from 1 with the header).

use std::path::Path;

use crate::code::DiagnosticCode;

/// One sheet: its name (`nodes`), its header and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name, lower case (`nodes`, `exchanges`...).
    pub name: String,
    /// The header row: column names, trimmed, lower case.
    pub header: Vec<String>,
    /// The spreadsheet row number of the header (1 unless a title is above it).
    pub header_row: usize,
    /// The rows below the header (rows that are wholly empty are left out,
    /// with their numbers kept: `line[k]` is the spreadsheet row of `rows[k]`).
    pub rows: Vec<Vec<String>>,
    /// The spreadsheet row number of each row.
    pub line: Vec<usize>,
}

impl Sheet {
    /// The column named `name`, if the sheet has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// `sheet!C1`: the header cell of column `col` (one past the last for a
    /// column to add).
    pub fn header_at(&self, col: usize) -> String {
        format!("{}!{}{}", self.name, column_letters(col), self.header_row)
    }

    /// `sheet!C7` for row `row` (index into `rows`) and column `col`.
    pub fn at(&self, row: usize, col: usize) -> String {
        let line = self.line.get(row).copied().unwrap_or(row + 2);
        format!("{}!{}{line}", self.name, column_letters(col))
    }
}

/// Spreadsheet column letters: 0 is A, 25 is Z, 26 is AA.
pub fn column_letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The sheets of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheets {
    /// In the order read.
    pub sheets: Vec<Sheet>,
}

impl Sheets {
    /// The sheet called `name`.
    pub fn get(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// A column heading as a name: trimmed, lower case, spaces and dashes as
/// underscores (`IoT role` is `iot_role`).
fn heading(c: &str) -> String {
    c.trim()
        .to_lowercase()
        .split(|ch: char| ch.is_whitespace() || ch == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Column names that mark a sheet's header row: a title or a note above
/// the table is passed over.
const KEY_COLUMNS: &[&str] = &["id", "node", "field"];

/// A sheet from its rows of cells, each with its spreadsheet row number.
/// The header is the first row naming a key column (`id`, or `node` for
/// costs, `field` for the ecosystem), or else the first row that is not
/// wholly empty; rows above it and wholly empty rows below it are left out.
fn from_rows(name: &str, cells: impl Iterator<Item = (usize, Vec<String>)>) -> Sheet {
    let read: Vec<(usize, Vec<String>)> = cells
        .filter(|(_, c)| !c.iter().all(|c| c.trim().is_empty()))
        .collect();
    let keyed = read
        .iter()
        .position(|(_, c)| c.iter().any(|c| KEY_COLUMNS.contains(&heading(c).as_str())));
    let at = keyed.unwrap_or(0);
    let header = read
        .get(at)
        .map(|(_, c)| c.iter().map(|c| heading(c)).collect())
        .unwrap_or_default();
    let header_row = read.get(at).map_or(1, |(n, _)| *n);
    let (line, rows) = read.into_iter().skip(at + 1).unzip();
    Sheet {
        name: name.trim().to_lowercase(),
        header,
        header_row,
        rows,
        line,
    }
}

/// The separator of CSV text: a comma, or the semicolon (what Excel writes
/// where the comma is the decimal mark) or the tab, whichever the first
/// line holds most of.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas && tabs > semicolons {
        b'\t'
    } else {
        b','
    }
}

/// A sheet read from CSV text; its name is the file's stem.
pub fn from_csv(name: &str, text: &str) -> Result<Sheet, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut read = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("{name}: row {}: {e}", k + 1))?;
        read.push((k + 1, record.iter().map(str::to_owned).collect()));
    }
    Ok(from_rows(name, read.into_iter()))
}

/// What a date cell reads as: a text that is no number, so a date where a
/// number was wanted is refused, located, rather than read as its day count.
pub const DATE_MARK: &str = "a date: ";

/// A workbook cell as text: numbers as the shortest text that reads back as
/// the same number, yes/no as `true`/`false`, an error as Excel shows it
/// (`#DIV/0!`), a date as [`DATE_MARK`] and its day count; each then fails,
/// located, where a number was wanted.
fn cell_text(d: &calamine::Data) -> String {
    match d {
        calamine::Data::Float(v) => crate::export::cell::number(*v),
        calamine::Data::DateTime(t) => format!("{DATE_MARK}{t}"),
        calamine::Data::DateTimeIso(t) => format!("{DATE_MARK}{t}"),
        other => other.to_string(),
    }
}

/// Every worksheet of a workbook, each named by its tab (a folder of CSV
/// files in one file). Cells keep their places: a sheet whose table starts
/// at C3 is read with C3's row and column.
pub fn from_workbook<R: std::io::Read + std::io::Seek + Clone>(
    data: R,
    file: &str,
) -> Result<Vec<Sheet>, String> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(data)
        .map_err(|e| format!("{file} is not a workbook calamine can read: {e}"))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("{file}: the sheet `{name}` cannot be read: {e}"))?;
        // A formula whose result was never saved (a file written by a
        // program) has no value: its formula stands in, so the cell is not
        // taken as empty.
        let formulas = book.worksheet_formula(&name).unwrap_or_default();
        let (start, end) = match (
            range.start().zip(range.end()),
            formulas.start().zip(formulas.end()),
        ) {
            (Some(a), Some(b)) => (
                (a.0 .0.min(b.0 .0), a.0 .1.min(b.0 .1)),
                (a.1 .0.max(b.1 .0), a.1 .1.max(b.1 .1)),
            ),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => {
                sheets.push(from_rows(&name, std::iter::empty()));
                continue;
            }
        };
        let rows = (start.0..=end.0).map(|r| {
            let row: Vec<String> = (0..=end.1)
                .map(|c| match range.get_value((r, c)).map(cell_text) {
                    Some(v) if !v.is_empty() => v,
                    _ => formulas
                        .get_value((r, c))
                        .filter(|f| !f.is_empty())
                        .map_or_else(String::new, |f| format!("={f}")),
                })
                .collect();
            (r as usize + 1, row)
        });
        sheets.push(from_rows(&name, rows));
    }
    Ok(sheets)
}

/// Whether `path` names a workbook (by its extension).
pub fn is_workbook(path: &Path) -> bool {
    path.extension().is_some_and(|x| {
        ["xlsx", "xlsm", "xlsb", "xls", "ods"]
            .iter()
            .any(|w| x.eq_ignore_ascii_case(w))
    })
}

/// The sheets of the file at `path`, at most `max_bytes` long: a
/// workbook's worksheets, or one CSV sheet named by the file's stem; or the
/// loader's code and what went wrong, in words, with what to do.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<Sheet>, (DiagnosticCode, String)> {
    let bytes =
        crate::load::read_file_within(path, max_bytes).map_err(|e| (DiagnosticCode::Io, e))?;
    if is_workbook(path) {
        return from_workbook(
            std::io::Cursor::new(bytes.as_slice()),
            &path.display().to_string(),
        )
        .map_err(|e| (DiagnosticCode::Io, e));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        (
            DiagnosticCode::Encoding,
            format!(
                "{} is not UTF-8 text\n  help: save it as CSV UTF-8, or name the workbook itself (.xlsx)",
                path.display()
            ),
        )
    })?;
    let name = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    from_csv(&name, text.trim_start_matches('\u{feff}'))
        .map(|s| vec![s])
        .map_err(|e| (DiagnosticCode::Syntax, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_in_a_spreadsheet() {
        let got: Vec<String> = [0, 2, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(got, ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn rows_keep_their_spreadsheet_numbers() {
        let s = from_csv("Nodes", "ID, Label\nvendor,Vendor\n,\nshop,Shop\n").expect("csv");
        assert_eq!(s.name, "nodes");
        assert_eq!(s.header, ["id", "label"]);
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.at(1, 1), "nodes!B4");
    }
}
