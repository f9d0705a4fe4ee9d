//! `valuedesign export FILE --format F [-o OUT]`: the design and its figures
//! for other tools (see `crate::export`). One file per format, or a folder
//! of sheets for CSV; `-o -` writes a one-file format to standard output,
//! byte for byte (a workbook only into a pipe or a file, never onto a terminal).

use std::io::IsTerminal;

use super::{default_out_dir, write_file, ExportArgs, ExportKind, EXIT_INPUT, EXIT_OK};
use crate::analysis::Config;
use crate::export::{export_with, ExportError, ExportFormat};
use crate::render::escape;

/// Runs `export`; returns the exit code.
pub(super) fn run(args: &ExportArgs) -> u8 {
    let (_file, design) = match super::load_or_report(&args.file, &args.what_if) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let an = super::analysed(&design, &Config::default());
    let format = match args.format {
        ExportKind::Xlsx => ExportFormat::Xlsx,
        ExportKind::Csv => ExportFormat::Csv,
        ExportKind::Graphml => ExportFormat::Graphml,
        ExportKind::Gexf => ExportFormat::Gexf,
        ExportKind::Dot => ExportFormat::Dot,
        ExportKind::KumuJson => ExportFormat::KumuJson,
    };
    let stem = args.file.file_stem().map_or_else(
        || "design".to_owned(),
        |s| escape::file_stem(&s.to_string_lossy()),
    );
    if args.design_only && !matches!(format, ExportFormat::Xlsx | ExportFormat::Csv) {
        errln!("error: --design-only is for the sheets (--format xlsx or csv)\n  help: leave --design-only out, or export --format xlsx");
        return EXIT_INPUT;
    }
    let files = match export_with(&design, &an, format, &stem, args.design_only) {
        Ok(f) => f,
        Err(e) => {
            errln!(
                "error: {}: {e}\n  help: {}",
                args.file.display(),
                match e {
                    ExportError::Xlsx(_) => "report this as a bug; meanwhile `--format csv` writes the design's sheets",
                    _ => "`--format csv` has no such limits (the design's sheets), and `analyse --format json` writes every figure",
                }
            );
            return EXIT_INPUT;
        }
    };
    let to_stdout = args.out.as_deref().is_some_and(|o| o.as_os_str() == "-");
    if to_stdout {
        if files.len() != 1 {
            errln!("error: CSV is several sheets and cannot go to standard output\n  help: give a folder: `-o DIR`");
            return EXIT_INPUT;
        }
        if format == ExportFormat::Xlsx && std::io::stdout().is_terminal() {
            errln!("error: a workbook is binary and would garble the terminal\n  help: redirect it (`-o - > design.xlsx`) or name the file: `-o design.xlsx`");
            return EXIT_INPUT;
        }
        super::say::bytes(&files[0].bytes);
        return EXIT_OK;
    }
    let default_dir = default_out_dir(&args.file);
    let paths: Vec<std::path::PathBuf> = match (&args.out, files.len()) {
        // One file: -o names it.
        (Some(out), 1) => vec![out.clone()],
        // Sheets: -o names their folder.
        (Some(out), _) => files.iter().map(|f| out.join(&f.name)).collect(),
        (None, 1) => vec![default_dir.join(&files[0].name)],
        (None, _) => files
            .iter()
            .map(|f| default_dir.join("csv").join(&f.name))
            .collect(),
    };
    for (f, path) in files.iter().zip(&paths) {
        if let Err(code) = write_file(path, &f.bytes) {
            return code;
        }
        outln!("wrote {}", path.display());
    }
    EXIT_OK
}
