//! The command line: clap-derived arguments, one subcommand enum, and the only
//! code that prints, touches files or picks exit codes.
//!
//! Exit codes are a contract: 0 all good, 1 findings at deny level (kept for
//! the findings catalogue), 2 an input or usage error.

mod check;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit status: everything is fine.
pub const EXIT_OK: u8 = 0;
/// Exit status: a deny-level finding fired.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: bad input or bad usage.
pub const EXIT_INPUT: u8 = 2;

/// Where shipped and user value designs live when no file is named.
pub const DEFAULT_ECOSYSTEMS_DIR: &str = "ecosystems";

/// Analyse the value network of an IoT business ecosystem.
///
/// With no command, checks every value design in `ecosystems/`.
#[derive(Debug, Parser)]
#[command(name = "valuedesign", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check value-design files: every problem, located; one summary line per valid file.
    Check(CheckArgs),
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Value-design files (.ron). Default: every .ron file in `ecosystems/`.
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for people.
    Human,
    /// JSON for programs.
    Json,
}

/// Parses `args` and runs the command; returns the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_INPUT } else { EXIT_OK });
        }
    };
    let code = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        None => check::run(&CheckArgs {
            files: Vec::new(),
            format: Format::Human,
        }),
    };
    ExitCode::from(code)
}

/// The files to work on: those named, or every `.ron` in `ecosystems/`, sorted.
fn files_or_default(files: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    if !files.is_empty() {
        return Ok(files.to_vec());
    }
    let dir = PathBuf::from(DEFAULT_ECOSYSTEMS_DIR);
    let entries = std::fs::read_dir(&dir).map_err(|e| {
        format!(
            "error: no file named and cannot read the `{DEFAULT_ECOSYSTEMS_DIR}/` folder: {e}\n  \
             help: run valuedesign from the project folder, or name the files: valuedesign check my-design.ron"
        )
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(format!(
            "error: no .ron files in `{DEFAULT_ECOSYSTEMS_DIR}/`\n  help: add a value design there, or name the files to check"
        ));
    }
    Ok(found)
}
