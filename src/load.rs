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

/// The largest file read unless the caller allows more: 1 GiB, above the
/// largest design benchmarked (1e6 nodes and 5e6 exchanges, 807 MB).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1 << 30;

/// Reads and validates the file at `path` (at most
/// [`DEFAULT_MAX_FILE_BYTES`]).
pub fn load_file(path: &FsPath) -> Result<(SourceFile, ValueDesign), LoadError> {
    load_file_within(path, DEFAULT_MAX_FILE_BYTES)
}

/// Reads and validates the file at `path`, refusing what is not a regular
/// file (a device such as `/dev/zero`, a named pipe with no writer, a
/// folder) and files larger than `max_bytes`, before reading any of it.
pub fn load_file_within(
    path: &FsPath,
    max_bytes: u64,
) -> Result<(SourceFile, ValueDesign), LoadError> {
    let name = path.display().to_string();
    let fail = |message: String, help: &str| {
        let file = SourceFile {
            name: name.clone(),
            text: String::new(),
        };
        let d = Diagnostic::new(&file, DiagnosticCode::Io, message, None, String::new())
            .with_help(Some(help.to_owned()));
        LoadError {
            file,
            diagnostics: vec![d],
        }
    };
    let bytes = read_bounded(path, max_bytes).map_err(|e| match e {
        ReadError::NotAFile(what) => fail(
            format!("cannot read {name}: it is {what}, not a file"),
            "name a value-design file (.ron)",
        ),
        ReadError::TooLarge(size) => fail(
            format!(
                "cannot read {name}: it is {}, above the limit of {}",
                crate::words::bytes(size),
                crate::words::bytes(max_bytes)
            ),
            &format!(
                "if it really is a value design, raise the limit: --max-file-size {} (MiB)",
                size.div_ceil(1 << 20)
            ),
        ),
        ReadError::Io(e) => fail(
            format!("cannot read {name}: {e}"),
            "check the path and that the file is readable",
        ),
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

/// The bytes of a regular file of at most `max_bytes` (a sheet `import`
/// reads), refused as [`load_file_within`] refuses a design file; the error
/// says what is wrong and what to do.
pub fn read_file_within(path: &FsPath, max_bytes: u64) -> Result<Vec<u8>, String> {
    let name = path.display();
    read_bounded(path, max_bytes).map_err(|e| match e {
        ReadError::NotAFile(what) => {
            format!("cannot read {name}: it is {what}, not a file\n  help: name a workbook or a CSV file")
        }
        ReadError::TooLarge(size) => format!(
            "cannot read {name}: it is {}, above the limit of {}\n  help: raise the limit: --max-file-size {} (MiB)",
            crate::words::bytes(size),
            crate::words::bytes(max_bytes),
            size.div_ceil(1 << 20)
        ),
        ReadError::Io(e) => {
            format!("cannot read {name}: {e}\n  help: check the path and that the file is readable")
        }
    })
}

/// Why a file could not be read.
enum ReadError {
    /// Not a regular file: what it is, in words.
    NotAFile(&'static str),
    /// Larger than the limit: its size (or what was read before stopping).
    TooLarge(u64),
    /// Any other failure.
    Io(std::io::Error),
}

/// The bytes of a regular file of at most `max_bytes`. The kind and size are
/// checked before opening (opening a named pipe would wait for a writer);
/// the read itself stops one byte past the limit, in case the file grows.
fn read_bounded(path: &FsPath, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(&meta)));
    }
    if meta.len() > max_bytes {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let f = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    f.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What a path that is not a regular file is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
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
