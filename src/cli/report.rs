//! `valuedesign report` (and `valuedesign` alone): the report folder of every
//! file named, or of every file in `ecosystems/`, written into `output/`.
//!
//! Each folder is written whole under a temporary name and then swapped in,
//! so a failed run leaves the previous report as it was. A bad file is
//! reported with every problem and skipped; the others are still written;
//! the exit status is then 2.

use std::path::PathBuf;

use super::{files_or_default, ReportArgs, EXIT_INPUT, EXIT_OK};
use crate::analysis::Config;
use crate::render::escape;
use crate::report::{build, ReportConfig};

/// Runs `report`; returns the exit code.
pub(super) fn run(args: &ReportArgs) -> u8 {
    let files = match files_or_default(&args.files) {
        Ok(f) => f,
        Err(msg) => {
            errln!("{msg}");
            return EXIT_INPUT;
        }
    };
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from("output"));
    // One folder per file, told apart by the whole path (`d1/x.ron`,
    // `d2/x.ron` and `x-2.ron` give three folders).
    let keys: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let stems = escape::unique_stems_keyed(files.iter().zip(&keys).map(|(f, k)| {
        (
            k.as_str(),
            f.file_stem().and_then(|s| s.to_str()).unwrap_or("design"),
        )
    }));
    let mut failed = 0;
    for (path, stem) in files.iter().zip(&stems) {
        let (file, design) = match super::load_or_report(path, &args.what_if) {
            Ok(x) => x,
            Err(_) => {
                failed += 1;
                continue;
            }
        };
        let an = super::analysed(&design, &Config::default());
        let cfg = ReportConfig {
            png: !args.no_png,
            source_name: file.name.clone(),
        };
        let report = match build(&design, &an, &cfg) {
            Ok(r) => r,
            Err(e) => {
                errln!("error: cannot draw the report of {}: {e}", file.name);
                failed += 1;
                continue;
            }
        };
        super::note_findings(&file.name, &design, &an, &args.what_if);
        // A what-if never replaces the report of the design as it is.
        let dir = out.join(
            match (&args.what_if.scenario, args.what_if.set.is_empty()) {
                (None, true) => stem.clone(),
                (Some(id), true) => format!("{stem}-scenario-{}", escape::file_stem(id)),
                _ => format!("{stem}-what-if"),
            },
        );
        match super::folder::write_folder(&dir, &report) {
            Ok(w) => {
                for (p, e) in w.leftovers {
                    errln!(
                        "warning: cannot remove {}: {e}\n  help: it holds an earlier report; remove it by hand",
                        p.display()
                    );
                }
            }
            Err(e) => {
                errln!(
                    "error: cannot write {}: {e}\n  help: check that `{}` is a folder you can write to",
                    dir.display(),
                    out.display()
                );
                failed += 1;
                continue;
            }
        }
        let actors = an.network.actors().count();
        let fails = an.verdicts.iter().filter(|v| v.fails()).count();
        let verdict = if fails == 0 {
            format!("win-win for all {actors} actors")
        } else {
            format!(
                "NOT win-win: {}",
                crate::words::failing_actors(fails, actors)
            )
        };
        outln!(
            "{}: wrote {} ({} files; {verdict}); open {}",
            file.name,
            dir.display(),
            report.len(),
            dir.join("index.html").display()
        );
    }
    if failed == files.len() {
        errln!("No report was written: fix the problems above and run again.");
        EXIT_INPUT
    } else if failed > 0 {
        errln!(
            "{failed} of {} could not be reported; the others were written.",
            crate::words::count(files.len(), "file", "files")
        );
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}
