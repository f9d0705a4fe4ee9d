//! A value in a sheet or an attribute: text, a number, a yes/no, or empty;
//! and the text of a cell made safe for spreadsheets: a cell never starts a
//! formula it was not meant to be (`=`, `+`, `-`, `@`, tab or carriage
//! return first get a leading apostrophe, as OWASP advises for CSV), and
//! control characters other than tab and line feed are dropped.

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, as the user wrote it.
    Text(String),
    /// A number.
    Number(f64),
    /// Yes or no.
    Bool(bool),
    /// Nothing (an unset field, a verdict that does not apply).
    Empty,
}

impl Cell {
    /// The value as plain text (numbers in full precision, `true`/`false`).
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(v) => number(*v),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A number as text: the shortest that reads back as the same number.
pub fn number(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

/// The text without control characters other than tab and line feed.
pub(super) fn without_controls(s: &str) -> String {
    s.chars()
        .filter(|&c| !c.is_control() || c == '\t' || c == '\n')
        .collect()
}

/// User text made safe for a spreadsheet cell (see the module doc).
pub fn spreadsheet_text(s: &str) -> String {
    let clean = without_controls(s);
    match clean.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{clean}"),
        _ => clean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_never_starts_a_formula() {
        assert_eq!(
            spreadsheet_text("=cmd|' /C calc'!A0"),
            "'=cmd|' /C calc'!A0"
        );
        assert_eq!(spreadsheet_text("+1"), "'+1");
        assert_eq!(spreadsheet_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_text("-2"), "'-2");
        assert_eq!(spreadsheet_text("Vendor\u{7}\u{1b}[31m"), "Vendor[31m");
        assert_eq!(spreadsheet_text("\u{0}=1"), "'=1");
        assert_eq!(spreadsheet_text("Plain, text"), "Plain, text");
        assert_eq!(number(1200.0), "1200");
        assert_eq!(number(0.1), "0.1");
    }
}
