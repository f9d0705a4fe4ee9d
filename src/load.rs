//! Reading a value-design file: text -> parse (every syntax problem) ->
//! validate (every semantic problem) -> a [`ValueDesign`] or located
//! [`Diagnostic`]s. Reads only; never writes, never panics on any input.

use crate::code::DiagnosticCode;
use std::collections::HashSet;
use std::path::Path as FsPath;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::model::Ecosystem;
use crate::syntax::{self, locate::field_string, Path};
use crate::validate::{validate_and_resolve, Unreadable, ValueDesign};

/// A file that could not be loaded, with every problem found in it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{} has {} problem(s)", file.name, diagnostics.len())]
pub struct LoadError {
    /// The file (its text may be empty when it could not be read).
    pub file: SourceFile,
    /// Every problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    /// Every diagnostic rendered for people.
    pub fn render(&self) -> String {
        crate::diagnostic::render_all(&self.file, &self.diagnostics)
    }
}

/// Reads and validates the file at `path`.
pub fn load_file(path: &FsPath) -> Result<(SourceFile, ValueDesign), LoadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        let file = SourceFile {
            name: name.clone(),
            text: String::new(),
        };
        let d = Diagnostic::new(
            &file,
            DiagnosticCode::Io,
            format!("cannot read {name}: {e}"),
            None,
            String::new(),
        )
        .with_help(Some(
            "check the path and that the file is readable".to_owned(),
        ));
        LoadError {
            file,
            diagnostics: vec![d],
        }
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile { name, text };
            let d = Diagnostic::new(
                &file,
                DiagnosticCode::Encoding,
                "the file is not UTF-8 text".to_owned(),
                Some(at..at + 1),
                "invalid byte".to_owned(),
            )
            .with_help(Some("save the file as UTF-8".to_owned()));
            return Err(LoadError {
                file,
                diagnostics: vec![d],
            });
        }
    };
    let file = SourceFile { name, text };
    let design = load_source(&file)?;
    Ok((file, design))
}

/// Parses and validates a source text.
pub fn load_source(file: &SourceFile) -> Result<ValueDesign, LoadError> {
    let parsed = syntax::parse::<Ecosystem>(&file.text);
    let mut diagnostics: Vec<Diagnostic> = parsed
        .errors
        .iter()
        .map(|e| {
            Diagnostic::new(
                file,
                e.code,
                e.message.clone(),
                e.span.clone(),
                e.label.clone(),
            )
            .with_help(e.help.clone())
        })
        .collect();
    if let Some(mut eco) = parsed.value {
        eco.apply_defaults();
        let mut unreadable = unreadable_ids(&file.text, &parsed.skipped);
        // A misspelt list name (`node:` for `nodes:`) leaves that list empty:
        // every reference into it would be reported again, with wrong advice.
        for e in &parsed.errors {
            let Some(field) = e
                .unknown_field
                .as_deref()
                .filter(|f| f.in_struct == "Ecosystem")
            else {
                continue;
            };
            if let Some(list) = ["drivers", "nodes", "exchanges", "extracts"]
                .into_iter()
                .find(|l| Some(*l) == field.closest)
            {
                unreadable.lists.insert(list);
            }
        }
        let (problems, resolved) = validate_and_resolve(&eco, &unreadable);
        if !problems.is_empty() {
            let mut wanted: Vec<Path> = problems.iter().map(|p| p.path.clone()).collect();
            wanted.extend(
                problems
                    .iter()
                    .filter_map(|p| p.related.as_ref().map(|r| r.0.clone())),
            );
            let spans = syntax::locate(&file.text, &parsed.skipped, &wanted);
            for p in problems {
                let span = spans.get(&p.path).cloned();
                // A value the parser already complained about (and replaced) is not reported twice.
                if let Some(s) = &span {
                    if parsed.errors.iter().any(|e| {
                        e.span
                            .as_ref()
                            .is_some_and(|es| es.start < s.end && s.start < es.end)
                    }) {
                        continue;
                    }
                }
                let mut d =
                    Diagnostic::new(file, p.code, p.message, span, p.label).with_help(p.help);
                if let Some((rp, label)) = p.related {
                    if let Some(rs) = spans.get(&rp) {
                        d = d.with_related(file, rs.clone(), label);
                    }
                }
                diagnostics.push(d);
            }
        }
        if diagnostics.is_empty() {
            // Validation passed on this very value, so the invariants hold.
            let design = ValueDesign::from_validated(eco, resolved);
            diagnostics = scenario_problems(file, &parsed.skipped, &design);
            if diagnostics.is_empty() {
                return Ok(design);
            }
        }
    }
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    Err(LoadError {
        file: file.clone(),
        diagnostics,
    })
}

/// What each scenario of a valid design would make invalid (a growth of -2,
/// a negative value), located at the scenario's id.
fn scenario_problems(
    file: &SourceFile,
    skipped: &HashSet<usize>,
    design: &ValueDesign,
) -> Vec<Diagnostic> {
    let scenarios = &design.ecosystem().scenarios;
    let mut out = Vec::new();
    let mut found: Vec<(usize, Vec<crate::validate::Problem>)> = Vec::new();
    for (i, s) in scenarios.iter().enumerate() {
        if let Err(problems) = crate::whatif::scenario_design(design, s) {
            found.push((i, problems));
        }
    }
    if found.is_empty() {
        return out;
    }
    let path = |i: usize| Path::root().field("scenarios").index(i).field("id");
    let wanted: Vec<Path> = found.iter().map(|(i, _)| path(*i)).collect();
    let spans = syntax::locate(&file.text, skipped, &wanted);
    for (i, problems) in found {
        for p in problems {
            out.push(
                Diagnostic::new(
                    file,
                    p.code,
                    format!(
                        "scenario `{}` makes the design invalid: {}",
                        scenarios[i].id, p.message
                    ),
                    spans.get(&path(i)).cloned(),
                    "this scenario".to_owned(),
                )
                .with_help(p.help),
            );
        }
    }
    out
}

/// The ids of list elements the parser had to leave out.
fn unreadable_ids(src: &str, skipped: &HashSet<usize>) -> Unreadable {
    let mut out = Unreadable::default();
    if skipped.is_empty() {
        return out;
    }
    // Which top-level list each skipped element belongs to: the one whose span holds it.
    let lists = ["drivers", "nodes", "exchanges", "extracts"];
    let wanted: Vec<Path> = lists.iter().map(|l| Path::root().field(l)).collect();
    let spans = syntax::locate(src, skipped, &wanted);
    for &start in skipped {
        let Some(id) = field_string(src, start, "id") else {
            continue;
        };
        let list = lists.iter().find(|l| {
            spans
                .get(&Path::root().field(l))
                .is_some_and(|s| s.contains(&start))
        });
        if let Some(l) = list {
            out.ids.entry(l).or_default().insert(id);
        }
    }
    out
}
