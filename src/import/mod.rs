//! `valuedesign import`: a value design from spreadsheet sheets (the
//! workbook `export --format xlsx` writes or the CSV files of
//! `export --format csv`, or any sheets laid out the same way):
//! `ecosystem`, `nodes`, `exchanges`, `costs`, `drivers`, `extracts`, one row
//! per entry, a column per field (docs/format.md, "Sheets"). Every problem is
//! located as `sheet!C7` with the loader's codes and suggestions, all in one
//! run; a good design is written as RON by the `ron` crate.

mod build;
pub mod columns;
mod locate;
mod problem;
pub mod sheet;

pub use build::design;
pub use problem::ImportProblem;
pub use sheet::{Sheet, Sheets};

use crate::model::Ecosystem;

/// The sheets `import` reads, by name; any other sheet (the workbook's
/// analysis: verdicts, ledger, money, findings) is left alone.
pub const SHEETS: &[&str] = &[
    "ecosystem",
    "nodes",
    "exchanges",
    "costs",
    "drivers",
    "extracts",
];

/// The design as the RON text of a value-design file, with a header saying
/// where it came from.
pub fn ron_text(eco: &Ecosystem, sources: &[String]) -> String {
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(3)
        .indentor("    ".to_owned());
    let body = ron::ser::to_string_pretty(eco, pretty).unwrap_or_default();
    let mut out = String::from("// Written by `valuedesign import` from:\n");
    for s in sources {
        out.push_str("//   ");
        out.push_str(&s.replace(['\n', '\r'], " "));
        out.push('\n');
    }
    out.push_str("// Every field is explained in docs/format.md; `valuedesign check` this file after editing it.\n");
    out.push_str(&body);
    out.push('\n');
    out
}
