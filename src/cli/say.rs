//! Printing that never panics. `println!` panics when standard output is a
//! closed pipe (`valuedesign check ... | head`); these functions stop printing
//! instead, and the command goes on with its work (files are still written,
//! the exit status still tells what happened). Any other write error on
//! standard output is reported once on standard error.

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
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        STDOUT_GONE.store(true, Ordering::Relaxed);
        if e.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(io::stderr(), "error: cannot write to standard output: {e}");
        }
    }
}

/// Writes to standard error; if even that fails there is no one to tell.
pub fn stderr(args: fmt::Arguments<'_>) {
    let _ = io::stderr().lock().write_fmt(args);
}
