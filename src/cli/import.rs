//! `valuedesign import SHEETS... [-o FILE]`: a value design from a workbook
//! or CSV sheets (see `crate::import`), every problem located as `sheet!C7`, written as
//! RON where `report` looks (`ecosystems/<name>.ron`), never over a file
//! unless `--force`.

use std::path::PathBuf;

use super::{write_file, ImportArgs, DEFAULT_ECOSYSTEMS_DIR, EXIT_INPUT, EXIT_OK};
use crate::import::{self, sheet, Sheets};
use crate::render::escape;

/// The files named: workbooks and CSV files as given, folders for the
/// `.csv` files in them.
fn source_files(args: &ImportArgs) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in &args.files {
        if p.is_dir() {
            let mut in_dir: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("cannot read the folder {}: {e}", p.display()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
                .collect();
            in_dir.sort();
            files.extend(in_dir);
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() {
        return Err("no sheets found\n  help: name a workbook (design.xlsx), or CSV sheets nodes.csv (and exchanges.csv, costs.csv, drivers.csv, extracts.csv, ecosystem.csv), or the folder holding them".into());
    }
    Ok(files)
}

/// Every sheet of `files`, or every file that could not be read.
fn read_sheets(files: &[PathBuf]) -> Result<Sheets, Vec<(&'static str, String)>> {
    let mut sheets = Sheets::default();
    let mut errors = Vec::new();
    for f in files {
        match sheet::read_file(f, super::max_file_bytes()) {
            Ok(s) => sheets.sheets.extend(s),
            Err((code, e)) => errors.push((code.as_str(), e)),
        }
    }
    // Two sheets of one name: which one is meant cannot be guessed.
    for (k, s) in sheets.sheets.iter().enumerate() {
        if import::SHEETS.contains(&s.name.as_str())
            && sheets.sheets[..k].iter().any(|t| t.name == s.name)
        {
            errors.push(("duplicate-id", format!(
                "two sheets are named `{}`\n  help: keep one `{}` sheet (a workbook's tab or a CSV file's name), or import them apart",
                s.name, s.name
            )));
        }
    }
    if errors.is_empty() {
        Ok(sheets)
    } else {
        Err(errors)
    }
}

/// Runs `import`; returns the exit code.
pub(super) fn run(args: &ImportArgs) -> u8 {
    let files = match source_files(args) {
        Ok(f) => f,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_INPUT;
        }
    };
    let sheets = match read_sheets(&files) {
        Ok(s) => s,
        Err(errors) => {
            for (code, e) in errors {
                errln!("error[{code}]: {e}");
            }
            return EXIT_INPUT;
        }
    };
    for w in import::columns::unknown(&sheets) {
        errln!("{}\n", w.render_as("warning"));
    }
    let eco = match import::design(&sheets) {
        Ok(eco) => eco,
        Err(problems) => {
            for p in &problems {
                errln!("{}\n", p.render());
            }
            errln!(
                "the sheets could not be imported: {}; fix {} and run again.",
                crate::words::count(problems.len(), "problem", "problems"),
                if problems.len() == 1 { "it" } else { "them" }
            );
            return EXIT_INPUT;
        }
    };
    let sources: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    if args.out.as_deref().is_some_and(|o| o.as_os_str() == "-") {
        out!("{}", import::ron_text(&eco, &sources));
        return EXIT_OK;
    }
    let path = args.out.clone().unwrap_or_else(|| {
        PathBuf::from(DEFAULT_ECOSYSTEMS_DIR).join(format!(
            "{}.ron",
            escape::file_stem(&eco.name.to_lowercase().replace(' ', "-"))
        ))
    });
    if path.exists() && !args.force {
        errln!(
            "error: {} already exists: import never replaces a file unless asked\n  help: name another file with `-o FILE`, or add `--force` to replace it",
            path.display()
        );
        return EXIT_INPUT;
    }
    let text = import::ron_text(&eco, &sources);
    if let Err(code) = write_file(&path, text.as_bytes()) {
        return code;
    }
    outln!(
        "wrote {} ({} nodes, {} exchanges); next: valuedesign report {}",
        path.display(),
        eco.nodes.len(),
        eco.exchanges.len(),
        path.display()
    );
    EXIT_OK
}
