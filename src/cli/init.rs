//! `valuedesign init [NAME]`: a small, commented starter design that passes
//! `check`, written where the default report looks (`ecosystems/NAME.ron`),
//! never over an existing file.

use super::{write_file, InitArgs, EXIT_INPUT, EXIT_OK};
use crate::render::escape;

/// The starter, with `NAME` for the ecosystem's name and `FILE` for its path.
const STARTER: &str = include_str!("starter.ron");

/// The starter design named `name`, at `path` (as its comments say).
pub(crate) fn starter(name: &str, path: &str) -> String {
    // The name is written inside a RON string: quotes and backslashes escaped.
    let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
    STARTER
        .replace("FILE", path)
        .replace("\"NAME\"", &format!("\"{quoted}\""))
        .replace("NAME", name)
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
