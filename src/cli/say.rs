//! Printing that never panics. `println!` panics when standard output is a
//! closed pipe (`valuedesign check ... | head`); these functions stop printing
//! instead, and the command goes on with its work (files are still written,
//! the exit status still tells what happened). Any other write error on
//! standard output is reported once on standard error.
//!
//! Everything printed passes through [`terminal_safe`]: labels and ids come
//! from users, and a raw ESC or BEL in one (or a `\u{1b}` escape in the
//! file) must not retitle the window, clear the screen or move the cursor.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once standard output has failed: nothing more is printed to it.
static STDOUT_GONE: AtomicBool = AtomicBool::new(false);

/// Writes to standard output, unless it has gone.
pub fn stdout(args: fmt::Arguments<'_>) {
    if STDOUT_GONE.load(Ordering::Relaxed) {
        return;
    }
    let text = terminal_safe(args);
    let written = super::progress::suspend(|| {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|()| out.flush())
    });
    if let Err(e) = written {
        STDOUT_GONE.store(true, Ordering::Relaxed);
        if e.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(io::stderr(), "error: cannot write to standard output: {e}");
        }
    }
}

/// Writes a file's bytes to standard output as they are (`export -o -`):
/// the file's own format escapes what needs escaping (JSON and XML escape
/// control characters, CSV cells are guarded), and changing a byte would
/// make it another file. A closed pipe stops the printing as [`stdout`] does.
pub fn bytes(data: &[u8]) {
    if STDOUT_GONE.load(Ordering::Relaxed) {
        return;
    }
    let written = super::progress::suspend(|| {
        let mut out = io::stdout().lock();
        out.write_all(data).and_then(|()| out.flush())
    });
    if let Err(e) = written {
        STDOUT_GONE.store(true, Ordering::Relaxed);
        if e.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(io::stderr(), "error: cannot write to standard output: {e}");
        }
    }
}

/// Writes `value` as pretty JSON and a line break to standard output,
/// streamed through a buffer: no whole-document string, so a 1e6-node
/// analysis needs no second copy of its output in memory. JSON escapes every
/// control character, so nothing needs cleaning. A closed pipe stops the
/// printing as [`stdout`] does; only a value serde cannot write is an error.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<(), serde_json::Error> {
    if STDOUT_GONE.load(Ordering::Relaxed) {
        return Ok(());
    }
    super::progress::stage("writing JSON");
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, value)
        .and_then(|()| out.write_all(b"\n").map_err(serde_json::Error::io))
        .and_then(|()| out.flush().map_err(serde_json::Error::io));
    match written {
        Err(e) if e.is_io() => {
            STDOUT_GONE.store(true, Ordering::Relaxed);
            let broken = e.io_error_kind() == Some(io::ErrorKind::BrokenPipe);
            if !broken {
                let _ = writeln!(io::stderr(), "error: cannot write to standard output: {e}");
            }
            Ok(())
        }
        other => other,
    }
}

/// Writes to standard error; if even that fails there is no one to tell.
pub fn stderr(args: fmt::Arguments<'_>) {
    let text = terminal_safe(args);
    super::progress::suspend(|| {
        let _ = io::stderr().lock().write_all(text.as_bytes());
    });
}

/// The text with every control character but line feed and tab (C0, DEL,
/// C1, a lone carriage return) shown as U+FFFD, so nothing a user wrote is
/// read by the terminal as a command.
pub(crate) fn terminal_safe(args: fmt::Arguments<'_>) -> Cow<'static, str> {
    let text = match args.as_str() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(args.to_string()),
    };
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return text;
    }
    Cow::Owned(
        text.chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::terminal_safe;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let title = "\u{1b}]0;pwned\u{7}";
        let clear = "\u{1b}[2J\u{9b}31m";
        let s = terminal_safe(format_args!("label {title} {clear} a\rb\tc\n"));
        assert_eq!(
            s,
            "label \u{FFFD}]0;pwned\u{FFFD} \u{FFFD}[2J\u{FFFD}31m a\u{FFFD}b\tc\n"
        );
        assert_eq!(terminal_safe(format_args!("plain")), "plain");
    }
}
