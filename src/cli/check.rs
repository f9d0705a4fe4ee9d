//! `valuedesign check`: load and validate files, print a summary line per
//! valid file and every diagnostic of the invalid ones.

use serde::Serialize;

use super::{files_or_default, CheckArgs, Format, EXIT_INPUT, EXIT_OK};
use crate::diagnostic::Diagnostic;
use crate::load::load_file;

/// One file's result, as `--format json` writes it.
#[derive(Debug, Serialize)]
struct FileReport {
    file: String,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<Counts>,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Serialize)]
struct Counts {
    drivers: usize,
    nodes: usize,
    exchanges: usize,
    extracts: usize,
}

/// Runs `check`; returns the exit code.
pub(super) fn run(args: &CheckArgs) -> u8 {
    let files = match files_or_default(&args.files) {
        Ok(f) => f,
        Err(msg) => {
            eprintln!("{msg}");
            return EXIT_INPUT;
        }
    };
    let mut reports = Vec::new();
    let mut failed = 0usize;
    let mut problems = 0usize;
    for path in &files {
        match load_file(path) {
            Ok((file, design)) => {
                let eco = design.ecosystem();
                let counts = Counts {
                    drivers: eco.drivers.len(),
                    nodes: eco.nodes.len(),
                    exchanges: eco.exchanges.len(),
                    extracts: eco.extracts.len(),
                };
                if args.format == Format::Human {
                    println!(
                        "{}: {} drivers, {} nodes, {} exchanges, {} extracts",
                        file.name, counts.drivers, counts.nodes, counts.exchanges, counts.extracts
                    );
                }
                reports.push(FileReport {
                    file: file.name,
                    ok: true,
                    name: Some(eco.name.to_string()),
                    counts: Some(counts),
                    diagnostics: Vec::new(),
                });
            }
            Err(err) => {
                failed += 1;
                problems += err.diagnostics.len();
                if args.format == Format::Human {
                    eprint!("{}", err.render());
                }
                reports.push(FileReport {
                    file: err.file.name,
                    ok: false,
                    name: None,
                    counts: None,
                    diagnostics: err.diagnostics,
                });
            }
        }
    }
    match args.format {
        Format::Json => {
            match serde_json::to_string_pretty(&serde_json::json!({ "files": reports })) {
                Ok(s) => println!("{s}"),
                Err(e) => {
                    eprintln!("error: cannot write JSON: {e}");
                    return EXIT_INPUT;
                }
            }
        }
        Format::Human if failed > 0 => {
            eprintln!(
                "{failed} of {} file(s) could not be loaded: {problems} problem(s); fix them and run again.",
                files.len()
            );
        }
        Format::Human => {}
    }
    if failed > 0 {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}
