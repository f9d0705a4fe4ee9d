//! `valuedesign check`: load and validate files, print a summary line per
//! valid file and every diagnostic of the invalid ones.

use serde::Serialize;

use super::load_file;
use super::{files_or_default, CheckArgs, Format, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::analysis::Config;
use crate::diagnostic::Diagnostic;
use crate::findings::{self, Finding, Policy};
use crate::model::Severity;
use crate::suggest::did_you_mean;

/// What `--format json` writes: every file's result, serialised as it is
/// written (no document built first).
#[derive(Serialize)]
struct Files<'a> {
    files: &'a [FileReport],
}

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
    findings: Vec<Finding>,
}

#[derive(Debug, Serialize)]
struct Counts {
    drivers: usize,
    nodes: usize,
    exchanges: usize,
    extracts: usize,
}

/// Above this many findings in a file, `check` prints a summary per code
/// (unless `--all`).
const SUMMARY_ABOVE: usize = 50;

/// How many findings of each code the summary shows.
const SHOWN_PER_CODE: usize = 3;

fn level(f: &Finding) -> &'static str {
    if f.severity == Severity::Deny {
        "deny"
    } else {
        "warning"
    }
}

/// Every finding with its reason and source.
fn every_finding(text: &mut String, found: &[Finding]) {
    use std::fmt::Write;
    for f in found {
        let _ = writeln!(text, "  {}[{}]: {}", level(f), f.code, f.message);
        let _ = writeln!(text, "    why: {}", f.why);
        let _ = writeln!(text, "    source: {}", f.source);
    }
}

/// Per code (deny-level first, then in the order first found): how many,
/// the first few, why and the source once.
fn summary(text: &mut String, found: &[Finding]) {
    use crate::words::count;
    use std::fmt::Write;
    let by_code = findings::by_code(found);
    for (code, fs) in &by_code {
        let f = fs[0];
        let _ = writeln!(
            text,
            "  {}[{code}]: {}{}",
            level(f),
            count(fs.len(), "finding", "findings"),
            if fs.len() > SHOWN_PER_CODE {
                format!(", the first {SHOWN_PER_CODE}:")
            } else {
                ":".to_owned()
            }
        );
        for f in fs.iter().take(SHOWN_PER_CODE) {
            let _ = writeln!(text, "    - {}", f.message);
        }
        let _ = writeln!(text, "    why: {}", f.why);
        let _ = writeln!(text, "    source: {}", f.source);
    }
    let _ = writeln!(
        text,
        "  ({} in {}; `--all` lists every one, as `--format json` does)",
        count(found.len(), "finding", "findings"),
        count(by_code.len(), "code", "codes")
    );
}

/// Runs `check`; returns the exit code.
pub(super) fn run(args: &CheckArgs) -> u8 {
    let mut cli_policy = Policy::default();
    for code in &args.deny {
        if code == "warnings" {
            cli_policy.deny_warnings = true;
        } else if findings::check_named(code).is_some() {
            cli_policy.overrides.insert(code.clone(), Severity::Deny);
        } else {
            let codes: Vec<&str> = findings::CATALOGUE.iter().map(|c| c.name).collect();
            errln!("error: --deny {code}: no such finding code");
            match did_you_mean(code, codes.iter().copied()) {
                Some(best) => {
                    errln!("  help: did you mean `{best}`? (or `warnings` for every warning)")
                }
                None => errln!("  help: the codes are {}, or `warnings`", codes.join(", ")),
            }
            return EXIT_INPUT;
        }
    }
    let files = match files_or_default(&args.files) {
        Ok(f) => f,
        Err(msg) => {
            errln!("{msg}");
            return EXIT_INPUT;
        }
    };
    let mut reports = Vec::new();
    let mut failed = 0usize;
    let mut problems = 0usize;
    let mut denied = 0usize;
    for (i, path) in files.iter().enumerate() {
        let last = i + 1 == files.len();
        match load_file(path) {
            Ok((file, design)) => {
                let eco = design.ecosystem();
                let counts = Counts {
                    drivers: eco.drivers.len(),
                    nodes: eco.nodes.len(),
                    exchanges: eco.exchanges.len(),
                    extracts: eco.extracts.len(),
                };
                // The file's own severities, then the command line's on top.
                let mut policy = Policy::of_file(eco);
                policy.deny_warnings = cli_policy.deny_warnings;
                policy
                    .overrides
                    .extend(cli_policy.overrides.iter().map(|(k, v)| (k.clone(), *v)));
                // No finding reads the reach or the betweenness.
                let cfg = Config {
                    skip_centrality: true,
                    ..Config::default()
                };
                let an = super::analysed(&design, &cfg);
                let found = findings::findings(&design, &an, &policy);
                denied += found
                    .iter()
                    .filter(|f| f.severity == Severity::Deny)
                    .count();
                if args.format == Format::Human {
                    use crate::words::count;
                    // One write per file: millions of findings print in one go.
                    let mut text = format!(
                        "{}: {}, {}, {}, {}\n",
                        file.name,
                        count(counts.drivers, "driver", "drivers"),
                        count(counts.nodes, "node", "nodes"),
                        count(counts.exchanges, "exchange", "exchanges"),
                        count(counts.extracts, "extract", "extracts")
                    );
                    if args.all || found.len() <= SUMMARY_ABOVE {
                        every_finding(&mut text, &found);
                    } else {
                        summary(&mut text, &found);
                    }
                    out!("{text}");
                }
                // The reports are for JSON; printed text needs nothing kept.
                if args.format == Format::Json {
                    reports.push(FileReport {
                        file: file.name,
                        ok: true,
                        name: Some(eco.name.to_string()),
                        counts: Some(counts),
                        diagnostics: Vec::new(),
                        findings: found,
                    });
                } else if last {
                    super::output::leave_to_exit(found);
                }
                if last {
                    super::output::leave_to_exit((design, an));
                }
            }
            Err(err) => {
                failed += 1;
                problems += err.diagnostics.len();
                if args.format == Format::Human {
                    err!("{}", err.render());
                }
                reports.push(FileReport {
                    file: err.file.name,
                    ok: false,
                    name: None,
                    counts: None,
                    diagnostics: err.diagnostics,
                    findings: Vec::new(),
                });
            }
        }
    }
    match args.format {
        Format::Json => match super::say::json(&Files { files: &reports }) {
            Ok(()) => {}
            Err(e) => {
                errln!("error: cannot write JSON: {e}");
                return EXIT_INPUT;
            }
        },
        Format::Human if failed > 0 => {
            errln!(
                "{failed} of {} could not be loaded: {} in all; fix {} and run again.",
                crate::words::count(files.len(), "file", "files"),
                crate::words::count(problems, "problem", "problems"),
                if problems == 1 { "it" } else { "them" }
            );
        }
        Format::Human => {}
    }
    super::output::leave_to_exit(reports);
    if failed > 0 {
        EXIT_INPUT
    } else if denied > 0 {
        if args.format == Format::Human {
            errln!("{denied} deny-level finding(s): the value design does not pass.");
        }
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
