//! `valuedesign compare`: the base of a file with each of its scenarios (or
//! with `--scenario` / `--set`), or one file with another; side by side per
//! actor, flips first, with the nodes and flows that changed; optionally the
//! difference map of each comparison.

use std::path::Path;

use super::table::Table;
use super::{default_out_dir, write_file, CompareArgs, TableFormat, EXIT_INPUT, EXIT_OK};
use crate::analysis::{self, Analysis, Config};
use crate::render::compare as show;
use crate::render::escape;
use crate::render::map::{diff, layout as map_layout, svg as map_svg};
use crate::validate::ValueDesign;
use crate::whatif::compare::Versus;
use crate::whatif::compare::{self, Comparison};

/// Runs `compare`; returns the exit code.
pub(super) fn run(args: &CompareArgs) -> u8 {
    let first = super::load_only(&args.file);
    let second = args
        .other
        .as_ref()
        .map(|p| super::load_or_report(p, &args.what_if));
    let (file, base) = match (first, &second) {
        (Ok(x), None | Some(Ok(_))) => x,
        _ => return EXIT_INPUT,
    };
    let cfg = Config::default();
    let an = analysis::analyse(&base, &cfg);
    let others: Vec<Versus> = match second {
        Some(Ok((_, other))) => {
            vec![compare::versus((&base, &an), other, None, &cfg)]
        }
        Some(Err(code)) => return code,
        None if !args.what_if.is_empty() => {
            let other = match super::what_if::apply(&file, base.clone(), &args.what_if) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let id = args.what_if.scenario.clone();
            vec![compare::versus((&base, &an), other, id, &cfg)]
        }
        None if base.ecosystem().scenarios.is_empty() => {
            errln!(
                "error: {} has no scenarios to compare with\n  help: add a `scenarios:` list (docs/format.md), \
                 name a second design (valuedesign compare as-is.ron to-be.ron), or change a number with --set PATH=VALUE",
                file.name
            );
            return EXIT_INPUT;
        }
        None => compare::scenarios(&base, &an, &cfg),
    };
    match args.format {
        TableFormat::Human => {
            let parts: Vec<String> = others.iter().map(|v| human(&v.comparison)).collect();
            out!("{}", parts.join("\n"));
        }
        TableFormat::Md => {
            let parts: Vec<String> = others
                .iter()
                .map(|v| show::markdown(&v.comparison, 2))
                .collect();
            out!("{}", parts.join("\n"));
        }
        TableFormat::Json => {
            let doc: Vec<show::ComparisonJson<'_>> = others
                .iter()
                .map(|v| show::ComparisonJson::new(&v.comparison, v.scenario.as_deref()))
                .collect();
            match super::say::json(&serde_json::json!({ "comparisons": doc })) {
                Ok(()) => {}
                Err(e) => {
                    errln!("error: cannot write JSON for {}: {e}", file.name);
                    return EXIT_INPUT;
                }
            }
        }
    }
    if args.map {
        let dir = args
            .out
            .clone()
            .unwrap_or_else(|| default_out_dir(&args.file));
        for v in &others {
            if let Err(code) = write_map(
                &dir.join(format!("diff-{}.svg", stem(v, args))),
                &base,
                &an,
                v,
            ) {
                return code;
            }
        }
    }
    EXIT_OK
}

/// The file-name part of the difference map of `v`: `scenario-<id>`, or
/// `what-if` for --set changes, or the second file's stem.
fn stem(v: &Versus, args: &CompareArgs) -> String {
    let stem = match (&v.scenario, &args.other, args.what_if.set.is_empty()) {
        (_, Some(p), _) => p
            .file_stem()
            .map_or("other".to_owned(), |s| s.to_string_lossy().into_owned()),
        (Some(id), None, true) => format!("scenario-{id}"),
        _ => "what-if".to_owned(),
    };
    escape::file_stem(&stem)
}

/// Writes the difference map of `v` to `path`.
fn write_map(path: &Path, base: &ValueDesign, an: &Analysis, v: &Versus) -> Result<(), u8> {
    let view = diff::difference_view((base, an), (&v.design, &v.analysis), &v.comparison).map_err(
        |e| {
            errln!("error: {e}");
            EXIT_INPUT
        },
    )?;
    let layout = map_layout::layout(&view);
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let svg = map_svg::svg(&view, &layout, &format!("{stem}-")).map_err(|e| {
        errln!("error: cannot draw the difference map: {e}");
        EXIT_INPUT
    })?;
    write_file(path, svg.as_bytes())?;
    errln!("wrote {}", path.display());
    Ok(())
}

/// One comparison for the terminal.
fn human(c: &Comparison) -> String {
    let mut out = String::new();
    for l in show::headline(c) {
        out.push_str(&l);
        out.push('\n');
    }
    out.push('\n');
    if c.is_same() {
        return out;
    }
    let mut t = Table::new(&show::HEADER, &[false, false, true, true, true]);
    for r in show::changed_rows(c) {
        t.row(r.to_vec());
    }
    out.push_str(&t.render("  "));
    out.push_str(&format!("  {}\n", show::FOOTNOTE));
    if let Some(l) = show::unchanged_line(c) {
        out.push_str(&format!("  {l}\n"));
    }
    for (title, lines) in show::groups(c) {
        out.push_str(&format!("\n{title}:\n"));
        for l in lines {
            out.push_str(&format!("  - {l}\n"));
        }
    }
    out
}
