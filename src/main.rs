//! The `valuedesign` binary: a thin shell over the library's CLI layer.

use std::process::ExitCode;

fn main() -> ExitCode {
    valuedesign::cli::run(std::env::args_os())
}
