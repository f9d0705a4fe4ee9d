//! `--scenario ID` and `--set PATH=VALUE`: the design a command analyses
//! instead of the file's, and the errors of a bad path or value, located in
//! the argument like a bad file's, every one in one run.

use super::{WhatIfArgs, EXIT_INPUT};
use crate::code::DiagnosticCode;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::validate::ValueDesign;
use crate::whatif::{self, Change, Changes};

/// `design` with the scenario and the `--set` changes of `args` applied;
/// on a bad argument, every error printed and the exit code.
pub(super) fn apply(
    file: &SourceFile,
    design: ValueDesign,
    args: &WhatIfArgs,
) -> Result<ValueDesign, u8> {
    if args.is_empty() {
        return Ok(design);
    }
    let design = match &args.scenario {
        None => design,
        Some(id) => scenario(file, &design, id)?,
    };
    if args.set.is_empty() {
        return Ok(design);
    }
    let mut changes = Changes::default();
    let mut errors = 0;
    let mut said = Vec::new();
    for (k, arg) in args.set.iter().enumerate() {
        let source = SourceFile {
            name: format!("--set #{}", k + 1),
            text: arg.clone(),
        };
        let resolved = whatif::parse_set(arg).and_then(|(path, value)| {
            let offset = arg.find(path).unwrap_or(0);
            let t = whatif::resolve(design.ecosystem(), path, offset)?;
            match t.value_problem(value) {
                Some((message, help)) => {
                    let at = arg.find('=').map_or(0, |k| k + 1);
                    Err(whatif::PathError {
                        message,
                        span: at..arg.len(),
                        label: "not a horizon".to_owned(),
                        help,
                        value: true,
                    })
                }
                None => Ok((path, t, value)),
            }
        });
        match resolved {
            Ok((path, target, value)) => {
                let eco = design.ecosystem();
                let was = match target {
                    whatif::Target::NodeChurn(a) if eco.node(a).churn.is_none() => {
                        "no churn: every member renews".to_owned()
                    }
                    t => format!("the file says {}", t.get(eco)),
                };
                said.push((format!("{path} = {value}"), was));
                changes.sets.push(Change { target, value });
            }
            Err(e) => {
                errors += 1;
                print_path_error(&source, e);
            }
        }
    }
    if errors > 0 {
        errln!(
            "{}: {} in --set; nothing was analysed.",
            file.name,
            crate::words::count(errors, "error", "errors")
        );
        return Err(EXIT_INPUT);
    }
    changes.rename = Some(format!(
        "{} (what if: {})",
        design.ecosystem().name,
        said.iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for (s, was) in &said {
        errln!("note: what if {s} ({was})");
    }
    whatif::apply(&design, &changes).map_err(|problems| {
        for p in &problems {
            errln!("error[{}]: with --set, {}", p.code.as_str(), p.message);
            if let Some(h) = &p.help {
                errln!("  help: {h}");
            }
        }
        errln!(
            "{}: the --set values make the design invalid; nothing was analysed.",
            file.name
        );
        EXIT_INPUT
    })
}

/// The design as the file's scenario `id` supposes it.
fn scenario(file: &SourceFile, design: &ValueDesign, id: &str) -> Result<ValueDesign, u8> {
    let scenarios = &design.ecosystem().scenarios;
    let Some(s) = scenarios.iter().find(|s| s.id == id) else {
        let ids: Vec<&str> = scenarios.iter().map(|s| s.id.as_str()).collect();
        let help = match crate::suggest::did_you_mean(id, ids.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if ids.is_empty() => {
                "the file has no `scenarios:`; docs/format.md shows how to write one".to_owned()
            }
            None => format!(
                "its scenarios: {}",
                ids.iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        errln!(
            "error: {} has no scenario `{id}`\n  help: {help}",
            file.name
        );
        return Err(EXIT_INPUT);
    };
    errln!(
        "note: scenario `{}`: {}",
        s.id,
        if s.label.is_empty() { &s.id } else { &s.label }
    );
    // The loader applied every scenario once already, so this succeeds.
    whatif::scenario_design(design, s).map_err(|problems| {
        for p in &problems {
            errln!("error[{}]: scenario `{id}`: {}", p.code.as_str(), p.message);
        }
        EXIT_INPUT
    })
}

/// Prints a bad path or value as a diagnostic located in its argument.
pub(super) fn print_path_error(source: &SourceFile, e: whatif::PathError) {
    let code = if e.value {
        DiagnosticCode::InvalidValue
    } else {
        DiagnosticCode::UnknownPath
    };
    let d = Diagnostic::new(source, code, e.message, Some(e.span), e.label).with_help(Some(e.help));
    err!("{}", d.render(source));
}
