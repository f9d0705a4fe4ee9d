//! Sheets as read: a name, a header row and rows of text cells, from CSV
//! files (the `csv` crate). A cell's place is written as a spreadsheet says
//! it: `nodes!C7` (column letters, rows counted from 1 with the header).

use std::path::Path;

/// One sheet: its name (`nodes`), its header and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name, lower case (`nodes`, `exchanges`...).
    pub name: String,
    /// The header row: column names, trimmed, lower case.
    pub header: Vec<String>,
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

/// A sheet read from CSV text; its name is the file's stem.
pub fn from_csv(name: &str, text: &str) -> Result<Sheet, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut rows = Vec::new();
    let mut line = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("{name}: row {}: {e}", k + 1))?;
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if header.is_none() {
            header = Some(cells.iter().map(|c| c.trim().to_lowercase()).collect());
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push(cells);
        line.push(k + 1);
    }
    Ok(Sheet {
        name: name.to_lowercase(),
        header: header.unwrap_or_default(),
        rows,
        line,
    })
}

/// The sheet of a CSV file (named by its stem), or what went wrong.
pub fn read_csv(path: &Path) -> Result<Sheet, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{} is not UTF-8 text: save it as CSV UTF-8", path.display()))?;
    let name = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    from_csv(&name, text.trim_start_matches('\u{feff}'))
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
