//! `valuedesign init [NAME]`: a small, commented starter design that passes
//! `check`, written where the default report looks (`ecosystems/NAME.ron`),
//! never over an existing file.

use super::{write_file, InitArgs, EXIT_INPUT, EXIT_OK};
use crate::render::escape;

/// The starter, with `NAME` for the ecosystem's name and `FILE` for its path.
const STARTER: &str = include_str!("starter.ron");

/// The starter design named `name`, at `path` (as its comments say). One
/// pass over the template: a name or path that itself holds `NAME` or
/// `FILE` is written as given, never substituted again.
pub(crate) fn starter(name: &str, path: &str) -> String {
    // The name is written inside a RON string: quotes and backslashes escaped.
    let quoted = format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""));
    let tokens: [(&str, &str); 3] = [("\"NAME\"", &quoted), ("NAME", name), ("FILE", path)];
    let mut out = String::with_capacity(STARTER.len() + 4 * name.len());
    let mut rest = STARTER;
    while let Some((at, token, with)) = tokens
        .iter()
        .filter_map(|(t, w)| rest.find(t).map(|i| (i, *t, *w)))
        .min_by_key(|(i, t, _)| (*i, std::cmp::Reverse(t.len())))
    {
        out.push_str(&rest[..at]);
        out.push_str(with);
        rest = &rest[at + token.len()..];
    }
    out.push_str(rest);
    out
}

/// Runs `init`; returns the exit code.
pub(super) fn run(args: &InitArgs) -> u8 {
    let name = args.name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        errln!(
            "error: `{}` cannot name a design\n  help: give a name such as `my-ecosystem`",
            args.name.escape_debug()
        );
        return EXIT_INPUT;
    }
    let path = args.out.join(format!("{}.ron", escape::file_stem(name)));
    if path.exists() {
        errln!(
            "error: {} already exists: init writes a new file and never replaces one\n  help: give another name (`valuedesign init other-name`) or another folder (`--out DIR`)",
            path.display()
        );
        return EXIT_INPUT;
    }
    let text = starter(name, &path.display().to_string());
    if let Err(code) = write_file(&path, text.as_bytes()) {
        return code;
    }
    outln!("wrote {}", path.display());
    outln!(
        "next: valuedesign check {p}, then valuedesign report {p}",
        p = path.display()
    );
    EXIT_OK
}
