//! The workbook: the design's sheets in the layout `import` reads
//! ([`super::sheets`]), then the analysis ([`super::analysis_sheets`]):
//! typed cells (numbers as numbers, yes/no as booleans), money with
//! thousands separators (figures to the cent, prices as written), whole
//! years as whole numbers, the discount rate as a percentage, a bold header
//! row frozen with the first column, a filter on every header, columns as
//! wide as what they hold, and a print set-up (landscape, the header on
//! every page). Written by rust_xlsxwriter; text is always a text
//! cell, never a formula, and one that would read as a formula when typed
//! again (`=`, `+`, `-`, `@` first) is marked as text the way Excel marks
//! it (the quote prefix). The creation date is fixed, so the same design
//! gives the same bytes.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Note, Workbook, Worksheet, XlsxError,
};

use super::cell::Cell;
use super::sheets::NamedTable;
use super::ExportError;

/// Rows a worksheet holds under its header.
pub const MAX_ROWS: usize = 1_048_575;
/// Characters a cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Columns a worksheet holds.
pub const MAX_COLUMNS: usize = 16_384;
/// Above this many rows a sheet is streamed to a temporary file as it is
/// written (rust_xlsxwriter's constant-memory mode) instead of held whole.
pub const STREAMED_ROWS: usize = 20_000;

/// Columns of the design holding money (in the design's currency): as
/// written, to the cent and below (a reading may be worth 0.004).
const PRICES: &[&str] = &["value", "amount"];
/// Columns of figures in money: to the cent.
const MONEY: &[&str] = &[
    "revenue",
    "spend",
    "costs",
    "cash",
    "cumulative_cash",
    "worth_tangible",
    "worth_intangible",
    "net_value",
    "npv",
    "per_year",
    "stake",
];
/// Columns holding whole numbers of years.
const YEARS: &[&str] = &["year", "breakeven_year", "radius"];

fn header() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(0x00E8_ECF1)
        .set_border_bottom(FormatBorder::Thin)
}

/// The names a cell of a design column may hold, offered as a drop-down
/// list (a warning, not a refusal, for any other: `Times(6)` is fine).
fn choices(sheet: &str, column: &str) -> Option<Vec<String>> {
    use crate::import::columns::{GOALS, KINDS, MODELS, ROLES};
    let owned = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
    Some(match (sheet, column) {
        ("nodes", "kind") => owned(KINDS),
        ("nodes", "goal") => owned(GOALS),
        ("nodes", "iot_role") => owned(ROLES),
        ("exchanges", "revenue_model") => owned(MODELS),
        ("exchanges", "flow") => crate::model::Flow::ALL
            .iter()
            .map(|f| f.word().to_owned())
            .collect(),
        ("exchanges" | "costs", "cadence") => owned(&[
            "Once",
            "Yearly",
            "Monthly",
            "Times(2)",
            "Times(4)",
            "Times(52)",
        ]),
        _ => return None,
    })
}

/// Cells sit at the top of their row, beside a cell on several lines.
fn top() -> Format {
    Format::new().set_align(FormatAlign::Top)
}

struct Formats {
    header: Format,
    header_number: Format,
    header_quoted: Format,
    price: Format,
    money: Format,
    whole: Format,
    percent: Format,
    plain: Format,
    quoted: Format,
    wrapped: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: header(),
            header_number: header().set_align(FormatAlign::Right),
            header_quoted: header().set_quote_prefix(),
            price: top().set_num_format("#,##0.00##"),
            money: top().set_num_format("#,##0.00"),
            whole: top().set_num_format("0"),
            percent: top().set_num_format("0.0#%"),
            plain: top(),
            quoted: top().set_quote_prefix(),
            wrapped: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Text as a cell holds it: control characters other than tab and line feed
/// dropped (XML cannot hold most of them), and whether it needs the quote
/// prefix (it would read as a formula if typed).
fn cell_text(s: &str) -> (String, bool) {
    let clean = super::cell::without_controls(s);
    let quoted = clean.starts_with(['=', '+', '-', '@']);
    (clean, quoted)
}

/// Checks a sheet against a worksheet's limits, so the user hears which
/// sheet is too big rather than a writer's error.
fn fits(s: &NamedTable) -> Result<(), ExportError> {
    if s.table.rows.len() > MAX_ROWS {
        return Err(ExportError::TooManyRows {
            sheet: s.name,
            rows: s.table.rows.len(),
        });
    }
    if s.table.columns.len() > MAX_COLUMNS {
        return Err(ExportError::TooManyColumns {
            sheet: s.name,
            columns: s.table.columns.len(),
        });
    }
    for (r, row) in s.table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Cell::Text(t) = cell {
                if t.chars().count() > MAX_CELL_CHARS {
                    return Err(ExportError::CellTooLong {
                        at: format!(
                            "{}!{}{}",
                            s.name,
                            crate::import::sheet::column_letters(c),
                            r + 2
                        ),
                    });
                }
            }
        }
    }
    Ok(())
}

fn write_sheet(ws: &mut Worksheet, s: &NamedTable, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(s.name)?;
    let t = &s.table;
    let mut widths: Vec<usize> = t.columns.iter().map(|c| c.chars().count()).collect();
    // A column of numbers has its heading over the numbers, on the right.
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|c| {
            let mut cells = t.rows.iter().filter_map(|r| r.get(c));
            let mut any = false;
            let all = cells.all(|x| match x {
                Cell::Number(_) => {
                    any = true;
                    true
                }
                Cell::Empty => true,
                _ => false,
            });
            any && all
        })
        .collect();
    let computed = crate::import::columns::figures(s.name);
    for (c, name) in t.columns.iter().enumerate() {
        let (text, quoted) = cell_text(name);
        let format = if quoted {
            &f.header_quoted
        } else if numeric[c] {
            &f.header_number
        } else {
            &f.header
        };
        ws.write_string_with_format(0, c as u16, text, format)?;
        if computed.contains(&name.as_ref()) {
            ws.insert_note(
                0,
                c as u16,
                &Note::new("Computed by valuedesign from the design: import does not read this column, and it is not updated when you edit the sheet.")
                    .add_author_prefix(false),
            )?;
        }
        if let Some(list) = choices(s.name, name) {
            let v = DataValidation::new()
                .allow_list_strings(&list)?
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_title("Not a name valuedesign knows")?
                .set_error_message("Pick one from the list (docs/format.md lists them); import will say where the cell is if it cannot read it.")?;
            ws.add_data_validation(1, c as u16, MAX_ROWS as u32, c as u16, &v)?;
        }
    }
    let number_format = |row: &[Cell], c: usize| -> &Format {
        let name = t.columns[c].as_ref();
        if s.name == "ecosystem" {
            // One field per row: the row says what its number is.
            return match row.first() {
                Some(Cell::Text(k)) if k == "horizon_years" => &f.whole,
                Some(Cell::Text(k)) if k == "discount_rate" => &f.percent,
                _ => &f.plain,
            };
        }
        if PRICES.contains(&name) {
            &f.price
        } else if MONEY.contains(&name) || (s.name == "money" && c > 0) {
            &f.money
        } else if YEARS.contains(&name) {
            &f.whole
        } else {
            &f.plain
        }
    };
    for (r, row) in t.rows.iter().enumerate() {
        let at = (r + 1) as u32;
        // A row of text on several lines is as tall as its longest cell
        // (up to Excel's 409 points), so no line hides.
        let lines = row
            .iter()
            .map(|c| match c {
                Cell::Text(t) => t.lines().count(),
                _ => 1,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(at, (lines as f64 * 15.0).min(409.0))?;
        }
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let shown = match cell {
                Cell::Text(s) => {
                    let (text, quoted) = cell_text(s);
                    let width = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                    let format = if quoted {
                        &f.quoted
                    } else if text.contains('\n') {
                        &f.wrapped
                    } else {
                        &f.plain
                    };
                    if !text.is_empty() {
                        ws.write_string_with_format(at, col, text, format)?;
                    }
                    width
                }
                Cell::Number(v) if v.is_finite() => {
                    ws.write_number_with_format(at, col, *v, number_format(row, c))?;
                    super::cell::number(*v).len() + 4
                }
                Cell::Number(_) | Cell::Empty => 0,
                Cell::Bool(b) => {
                    ws.write_boolean(at, col, *b)?;
                    5
                }
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
    }
    // Printed: landscape, the header on every page, one page wide where the
    // text stays readable.
    ws.set_landscape();
    if t.columns.len() <= 12 {
        ws.set_print_fit_to_pages(1, 0);
    }
    ws.set_repeat_rows(0, 0)?;
    let frozen_cols = u16::from(s.name != "ecosystem");
    ws.set_freeze_panes(1, frozen_cols)?;
    if !t.rows.is_empty() && !t.columns.is_empty() {
        ws.autofilter(0, 0, t.rows.len() as u32, (t.columns.len() - 1) as u16)?;
    }
    Ok(())
}

/// The workbook of `sheets`, as the bytes of an .xlsx file.
pub(super) fn workbook(title: &str, sheets: &[NamedTable]) -> Result<Vec<u8>, ExportError> {
    for s in sheets {
        fits(s)?;
    }
    let xlsx = |e: XlsxError| ExportError::Xlsx(e.to_string());
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(cell_text(title).0)
            .set_comment("Written by valuedesign export; the first six sheets are the design, as valuedesign import reads it")
            .set_creation_datetime(&created),
    );
    let f = Formats::new();
    for s in sheets {
        // A large sheet is streamed row by row to a temporary file (text
        // inline, not in the shared table): memory stays flat.
        let ws = if s.table.rows.len() > STREAMED_ROWS {
            wb.add_worksheet_with_constant_memory().map_err(xlsx)?
        } else {
            wb.add_worksheet()
        };
        write_sheet(ws, s, &f).map_err(xlsx)?;
    }
    wb.save_to_buffer().map_err(xlsx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_reads_as_a_formula_is_quoted_and_control_characters_go() {
        assert_eq!(
            cell_text("=cmd|' /C calc'!A0"),
            ("=cmd|' /C calc'!A0".into(), true)
        );
        assert_eq!(cell_text("-2"), ("-2".into(), true));
        assert_eq!(cell_text("Vendor\u{7}\u{1b}"), ("Vendor".into(), false));
        assert_eq!(cell_text("\u{0}@x"), ("@x".into(), true));
        assert_eq!(cell_text("a\tb\nc"), ("a\tb\nc".into(), false));
    }

    fn table(rows: Vec<Vec<Cell>>) -> NamedTable {
        NamedTable {
            name: "ledger",
            table: super::super::table::Table {
                columns: super::super::table::columns(&["id", "label"]),
                rows,
            },
        }
    }

    #[test]
    fn a_sheet_too_big_for_a_worksheet_is_named_not_written() {
        let big = table(vec![Vec::new(); MAX_ROWS + 1]);
        assert_eq!(
            workbook("x", &[big]),
            Err(ExportError::TooManyRows {
                sheet: "ledger",
                rows: MAX_ROWS + 1
            })
        );
        let just = table(vec![Vec::new(); 3]);
        assert!(workbook("x", &[just]).is_ok());
        let long = table(vec![
            vec![Cell::Empty, Cell::Empty],
            vec![Cell::Empty, Cell::Text("x".repeat(MAX_CELL_CHARS + 1))],
        ]);
        let err = workbook("x", &[long]).expect_err("too long");
        assert_eq!(
            err,
            ExportError::CellTooLong {
                at: "ledger!B3".into()
            }
        );
        assert!(err.to_string().contains("32767 characters"), "{err}");
    }
}
