//! `valuedesign report` (and `valuedesign` alone): the report folder of every
//! file named, or of every file in `ecosystems/`, written into `output/`.
//!
//! Each folder is written whole under a temporary name and then swapped in,
//! so a failed run leaves the previous report as it was. A bad file is
//! reported with every problem and skipped; the others are still written;
//! the exit status is then 2.

use std::path::{Path, PathBuf};

use super::{files_or_default, ReportArgs, EXIT_INPUT, EXIT_OK};
use crate::analysis::{self, Config};
use crate::render::escape;
use crate::report::{build, ReportConfig, ReportFile};

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
    let stems = escape::unique_file_stems(
        files
            .iter()
            .map(|f| f.file_stem().and_then(|s| s.to_str()).unwrap_or("design"))
            .collect::<Vec<_>>(),
    );
    let mut failed = 0;
    for (path, stem) in files.iter().zip(&stems) {
        let (file, design) = match super::load_or_report(path, &args.what_if) {
            Ok(x) => x,
            Err(_) => {
                failed += 1;
                continue;
            }
        };
        let an = analysis::analyse(&design, &Config::default());
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
        if let Err(e) = write_folder(&dir, &report) {
            errln!(
                "error: cannot write {}: {e}\n  help: check that `{}` is a folder you can write to",
                dir.display(),
                out.display()
            );
            failed += 1;
            continue;
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

/// Writes the files into `dir` all at once: a temporary sibling folder is
/// filled, then renamed into place; the previous folder is removed only after.
fn write_folder(dir: &Path, files: &[ReportFile]) -> std::io::Result<()> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if parent.is_file() {
        return Err(std::io::Error::other(format!(
            "`{}` is a file, not a folder",
            parent.display()
        )));
    }
    std::fs::create_dir_all(parent)?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = std::fs::remove_dir_all(&tmp);
    let filled = (|| {
        std::fs::create_dir_all(&tmp)?;
        for f in files {
            std::fs::write(tmp.join(&f.name), &f.bytes)?;
        }
        Ok::<(), std::io::Error>(())
    })();
    if let Err(e) = filled {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let had_old = dir.exists();
    if had_old {
        if dir.is_file() {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(std::io::Error::other(format!(
                "`{}` is a file; move it away to write the report there",
                dir.display()
            )));
        }
        std::fs::rename(dir, &old)?;
    }
    if let Err(e) = std::fs::rename(&tmp, dir) {
        // Put the previous report back.
        if had_old {
            let _ = std::fs::rename(&old, dir);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}
