//! The command line: clap-derived arguments, one subcommand enum, and the only
//! code that prints, touches files or picks exit codes.
//!
//! Exit codes are a contract: 0 all good, 1 findings at deny level (kept for
//! the findings catalogue), 2 an input or usage error.

/// Like `print!`, but never panics (see [`say`]).
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::say::stdout(format_args!($($t)*)) };
}
/// Like `println!`, but never panics (see [`say`]).
macro_rules! outln {
    () => { $crate::cli::say::stdout(format_args!("\n")) };
    ($($t:tt)*) => { $crate::cli::say::stdout(format_args!("{}\n", format_args!($($t)*))) };
}
/// Like `eprint!`, but never panics.
macro_rules! err {
    ($($t:tt)*) => { $crate::cli::say::stderr(format_args!($($t)*)) };
}
/// Like `eprintln!`, but never panics.
macro_rules! errln {
    ($($t:tt)*) => { $crate::cli::say::stderr(format_args!("{}\n", format_args!($($t)*))) };
}

mod analyse;
mod analyse_whole;
mod canvas;
mod check;
mod compare;
mod defect;
mod export;
mod folder;
mod import;
mod init;
mod map;
mod output;
mod progress;
mod report;
mod say;
mod sensitivity;
mod shell;
mod simulate;
mod solve;
mod table;
mod watch;
mod what_if;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit status: everything is fine.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit status: a deny-level finding fired.
pub(crate) const EXIT_FINDINGS: u8 = 1;
/// Exit status: bad input or bad usage.
pub(crate) const EXIT_INPUT: u8 = 2;

/// The largest file read (`--max-file-size`, in bytes), set once by [`run`].
static MAX_FILE_BYTES: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(crate::load::DEFAULT_MAX_FILE_BYTES);

/// The largest file read, in bytes (`--max-file-size`).
pub(crate) fn max_file_bytes() -> u64 {
    MAX_FILE_BYTES.load(std::sync::atomic::Ordering::Relaxed)
}

/// Reads and validates one file within `--max-file-size`.
pub(crate) fn load_file(
    path: &std::path::Path,
) -> Result<(crate::diagnostic::SourceFile, crate::ValueDesign), crate::LoadError> {
    crate::load::load_file_within(path, max_file_bytes())
}

/// Where shipped and user value designs live when no file is named.
pub(crate) const DEFAULT_ECOSYSTEMS_DIR: &str = "ecosystems";

/// Analyse the value network of an IoT business ecosystem.
///
/// With no command, writes the report of every value design in `ecosystems/`
/// into `output/` (as `valuedesign report` does).
#[derive(Debug, Parser)]
#[command(name = "valuedesign", version, about, long_about = None)]
pub(crate) struct Cli {
    /// Worker threads for the parallel parts (default: one per core). Results do not depend on it.
    #[arg(long, global = true)]
    pub threads: Option<usize>,
    /// The largest value-design file read, in MiB; a larger one is refused before it is read.
    #[arg(long, global = true, value_name = "MIB", default_value_t = 1024,
          value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    pub max_file_size: u64,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check value-design files: every problem, located; one summary line per valid file.
    Check(CheckArgs),
    /// Analyse one value design: every actor's ledger and win-win verdict, keystones, extracts.
    #[command(alias = "analyze")]
    Analyse(AnalyseArgs),
    /// Derive every actor's Business Model Canvas from the value network; every entry cites its sources.
    Canvas(CanvasArgs),
    /// Write the report folder of each file: index.html, maps, canvases, charts, analysis.json, summary.md, PNGs.
    Report(ReportArgs),
    /// Serve the live report of one file on 127.0.0.1: rebuilt on every save, the page reloads by itself and shows the file's errors until they are fixed.
    Watch(WatchArgs),
    /// Draw the value-design map (SVG): the whole network, one extract, a neighbourhood or a level.
    Map(MapArgs),
    /// Write a synthetic value design (for benchmarks and experiments) to standard output.
    Generate(GenerateArgs),
    /// When an actor leaves: each actor taken out in turn, ranked by the money that stops flowing.
    Defect(DefectArgs),
    /// Compare designs: the base with each of its scenarios, or one file with another (as-is and to-be).
    Compare(CompareArgs),
    /// How sure: every number moved down and up by a swing, ranked by its effect on each actor; the ones that flip a verdict.
    Sensitivity(SensitivityArgs),
    /// At what price: the value of one number at which an actor's NPV, cash or net value reaches a target (0: breaks even).
    Solve(SolveArgs),
    /// How likely: Monte Carlo over the ranges of the file (`uncertainty:`): each actor's odds of being win-win and its score's percentiles.
    Simulate(SimulateArgs),
    /// Export the design and its figures for other tools: an Excel workbook, CSV sheets, GraphML, GEXF, DOT (Graphviz), Kumu JSON.
    Export(ExportArgs),
    /// Import a value design from a workbook (.xlsx, .xls, .ods) or CSV sheets (nodes, exchanges, costs, drivers, extracts, ecosystem), as `export` writes them.
    Import(ImportArgs),
    /// Start a new value design: a small, commented starter that passes `check` (ecosystems/NAME.ron).
    Init(InitArgs),
    /// Print the shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command into a folder.
    Man(ManArgs),
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The value-design file (.ron).
    pub file: PathBuf,
    /// The format.
    #[arg(long, value_enum)]
    pub format: ExportKind,
    /// Where: a file (a folder for CSV); `-` for standard output (not a workbook on a terminal). Default: `output/<stem>/<stem>.<ext>` (CSV: `output/<stem>/csv/`).
    #[arg(short = 'o', long)]
    pub out: Option<PathBuf>,
    /// Only the design, nothing computed (xlsx and csv): no figure columns, no analysis sheets; a template to fill in.
    #[arg(long)]
    pub design_only: bool,
    /// What if: numbers changed, or a scenario of the file.
    #[command(flatten)]
    pub what_if: WhatIfArgs,
}

/// The formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// An Excel workbook (.xlsx): the design's sheets, as `import` reads them, then the verdicts, the ledger per year, the money matrix and the findings.
    Xlsx,
    /// CSV sheets: nodes, exchanges, costs, drivers, extracts (Kumu's elements/connections layout).
    Csv,
    /// GraphML, for yEd, Gephi, networkx.
    Graphml,
    /// GEXF 1.2, for Gephi.
    Gexf,
    /// DOT, for Graphviz, with the map's colours and styles.
    Dot,
    /// Kumu's JSON blueprint: elements and connections.
    KumuJson,
}

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A workbook (.xlsx, .xlsm, .xls, .ods) with sheets named nodes, exchanges, ...; or CSV sheets (`nodes.csv`, `exchanges.csv`, ...), or the folder holding them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The design file to write (default: `ecosystems/<name>.ron`); `-` for standard output.
    #[arg(short = 'o', long)]
    pub out: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The design's name; the file is `<out>/<name>.ron`.
    #[arg(default_value = "my-ecosystem")]
    pub name: String,
    /// Folder to write into.
    #[arg(long, default_value = DEFAULT_ECOSYSTEMS_DIR)]
    pub out: PathBuf,
}

/// Arguments of `completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell, e.g. `valuedesign completions bash > ~/.local/share/bash-completion/completions/valuedesign`.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write `valuedesign.1` and one `valuedesign-<command>.1` per command into this folder (default: `valuedesign.1` to standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Arguments of `simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// The value-design file (.ron), with `uncertainty:` ranges.
    pub file: PathBuf,
    /// Runs (draws of every range).
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub runs: u64,
    /// Seed: the same seed gives the same result, whatever the thread count.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    pub format: TableFormat,
    /// What if: numbers changed, or a scenario of the file, before the draws.
    #[command(flatten)]
    pub what_if: WhatIfArgs,
}

/// Arguments of `solve`.
#[derive(Debug, clap::Args)]
pub struct SolveArgs {
    /// The value-design file (.ron).
    pub file: PathBuf,
    /// The actor whose figure is to reach the target.
    #[arg(long)]
    pub actor: String,
    /// The number to vary, as `--set` names it: `exchanges.<id>.value`, `exchanges.<id>.ratio`, `nodes.<id>.count`, `nodes.<id>.growth`, `nodes.<id>.churn`, `nodes.<id>.costs.<label>.amount`, `discount_rate`.
    #[arg(long, value_name = "PATH")]
    pub vary: String,
    /// The actor's figure: its NPV, its cash, or its net value over the horizon (default: what its verdict reads, NPV for a profit actor, net value for a worth actor).
    #[arg(long, value_enum)]
    pub target: Option<SolveTarget>,
    /// The value the figure is to reach.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub equals: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// What if: numbers changed, or a scenario of the file, before solving.
    #[command(flatten)]
    pub what_if: WhatIfArgs,
}

/// The figure `solve` brings to a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SolveTarget {
    /// Net present value of its cash.
    Npv,
    /// Its cash over the horizon.
    Cash,
    /// Its net value over the horizon.
    NetValue,
}

/// Arguments of `sensitivity`.
#[derive(Debug, clap::Args)]
pub struct SensitivityArgs {
    /// The value-design file (.ron).
    pub file: PathBuf,
    /// Only this actor's table (default: every actor).
    #[arg(long)]
    pub actor: Option<String>,
    /// How far each number moves, down and up, as a share of its value (0.2: 20%).
    #[arg(long, default_value_t = 0.2, value_parser = swing)]
    pub swing: f64,
    /// The numbers listed per actor, largest effect first (0: all).
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    pub format: TableFormat,
    /// What if: numbers changed, or a scenario of the file, before the swings.
    #[command(flatten)]
    pub what_if: WhatIfArgs,
}

/// A swing: a share above 0 and at most 1.
fn swing(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| format!("`{s}` is not a number; write a share such as 0.2 for 20%"))?;
    if v > 0.0 && v <= 1.0 {
        Ok(v)
    } else {
        Err(format!(
            "{s} is not a share above 0 and at most 1; write 0.2 for 20%"
        ))
    }
}

/// Arguments of `compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The value-design file (.ron): alone, its base is compared with each of its scenarios (or with --scenario / --set); with a second file, it is the as-is design.
    pub file: PathBuf,
    /// The to-be design, compared with the first file (--set and --scenario then apply to it).
    pub other: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    pub format: TableFormat,
    /// Also write the difference map of each comparison (SVG: the to-be map with added, changed and removed actors and flows marked).
    #[arg(long)]
    pub map: bool,
    /// Folder for the difference maps (default: `output/<file stem>/`).
    #[arg(long, requires = "map")]
    pub out: Option<PathBuf>,
    /// What if: the design to compare with the base (or, with two files, changes to the second).
    #[command(flatten)]
    pub what_if: WhatIfArgs,
}

/// How a table of results is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Text for the terminal.
    Human,
    /// Markdown for proposals.
    Md,
    /// JSON for programs.
    Json,
}

/// Arguments of `defect`.
#[derive(Debug, clap::Args)]
pub struct DefectArgs {
    /// The value-design file (.ron).
    pub file: PathBuf,
    /// Only this actor leaves (default: every actor in turn).
    #[arg(long)]
    pub actor: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    pub format: TableFormat,
    /// What if: numbers changed, or a scenario of the file, before anyone leaves.
    #[command(flatten)]
    pub what_if: WhatIfArgs,
}

/// Arguments of `canvas`.
#[derive(Debug, clap::Args)]
pub struct CanvasArgs {
    /// The value-design file (.ron).
    pub file: PathBuf,
    /// Only this node's canvas (default: every actor: organisations, segments, people).
    #[arg(long)]
    pub actor: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CanvasFormat::Human)]
    pub format: CanvasFormat,
    /// Write one file per canvas into this folder (`canvas-<id>.<ext>`) instead of printing.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// What if: numbers changed, or a scenario of the file.
    #[command(flatten)]
    pub what_if: WhatIfArgs,
}

/// What-if options shared by `analyse`, `canvas`, `map` and `report`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WhatIfArgs {
    /// Change one number for this run, PATH=VALUE: `exchanges.<id>.value`, `exchanges.<id>.ratio`, `nodes.<id>.count`, `nodes.<id>.growth`, `nodes.<id>.churn`, `nodes.<id>.costs.<label>.amount`, `discount_rate`, `horizon_years`. Repeatable; the file is not changed.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Analyse the file's scenario with this id (its `set` and `remove`), before any --set.
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
}

impl WhatIfArgs {
    /// Whether anything is changed.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.scenario.is_none()
    }
}

/// How a canvas is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CanvasFormat {
    /// Text for the terminal.
    Human,
    /// Markdown for proposals.
    Md,
    /// JSON for programs.
    Json,
    /// SVG in the classic nine-block layout, for proposals.
    Svg,
}

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Value-design files (.ron) or folders of them. Default: every .ron file in `ecosystems/`.
    pub files: Vec<PathBuf>,
    /// Folder that receives one report folder per file, `<out>/<file stem>/`.
    #[arg(long, default_value = "output")]
    pub out: Option<PathBuf>,
    /// Skip the PNG copies (faster).
    #[arg(long)]
    pub no_png: bool,
    /// What if: numbers changed, or a scenario of the file.
    #[command(flatten)]
    pub what_if: WhatIfArgs,
}

/// Arguments of `watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// The value-design file (.ron) to watch.
    pub file: PathBuf,
    /// The port on 127.0.0.1 (0: any free port, printed).
    #[arg(long, default_value_t = 8731)]
    pub port: u16,
    /// Open the page in the desktop's browser.
    #[arg(long)]
    pub open: bool,
}

/// Arguments of `map`.
#[derive(Debug, clap::Args)]
pub struct MapArgs {
    /// The value-design file (.ron).
    pub file: PathBuf,
    /// Draw only this value extract's closure (its id in the file).
    #[arg(long, value_name = "ID", conflicts_with_all = ["focus", "level", "value_loop"])]
    pub extract: Option<String>,
    /// Draw only value loop N (1 is the best; `analyse` lists them): its actors and the exchanges that make it.
    #[arg(long = "loop", value_name = "N", conflicts_with_all = ["focus", "level"])]
    pub value_loop: Option<usize>,
    /// Draw only the nodes within --radius hops of this node (either direction).
    #[arg(long, value_name = "NODE", conflicts_with = "level")]
    pub focus: Option<String>,
    /// Hops around --focus.
    #[arg(long, default_value_t = 1, requires = "focus")]
    pub radius: u32,
    /// Aggregate nodes to their ancestor at this `parent` depth (0 = top-level nodes); flows are summed by kind.
    #[arg(long)]
    pub level: Option<u32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MapFormat::Svg)]
    pub format: MapFormat,
    /// Sized for a 16:9 slide: 1920 x 1080 pixels, no text under 14 px; what does not fit is folded (written as `...-slide.svg`).
    #[arg(long)]
    pub slide: bool,
    /// Folder to write into (default: `output/<file stem>/`).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// What if: numbers changed, or a scenario of the file.
    #[command(flatten)]
    pub what_if: WhatIfArgs,
}

/// How a map is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    /// SVG, for documents and browsers.
    Svg,
    /// PNG, for slides.
    Png,
}

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Number of nodes.
    #[arg(long, value_parser = clap::value_parser!(u64).range(2..=50_000_000))]
    pub nodes: u64,
    /// Seed: the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Exchanges per node.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=100))]
    pub exchanges_per_node: u64,
}

/// Arguments of `analyse`.
#[derive(Debug, clap::Args)]
pub struct AnalyseArgs {
    /// The value-design file (.ron).
    pub file: PathBuf,
    /// Years to analyse (default: the file's `horizon_years`).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=200))]
    pub years: Option<u32>,
    /// Output format: tables, or the analysis.json structure.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// What if: numbers changed, or a scenario of the file.
    #[command(flatten)]
    pub what_if: WhatIfArgs,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Value-design files (.ron). Default: every .ron file in `ecosystems/`.
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat this finding code as deny-level (exit status 1 when it fires); `warnings` denies every warning. Repeatable.
    #[arg(long, value_name = "CODE|warnings")]
    pub deny: Vec<String>,
    /// List every finding; without it, a file with more than 50 findings gets a summary per code (its count and the first 3).
    #[arg(long)]
    pub all: bool,
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
    MAX_FILE_BYTES.store(
        cli.max_file_size << 20,
        std::sync::atomic::Ordering::Relaxed,
    );
    if let Some(threads) = cli.threads {
        // Only fails if a pool was already built, which `run` never does.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global();
    }
    let code = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Analyse(args)) => analyse::run(&args),
        Some(Command::Canvas(args)) => canvas::run(&args),
        Some(Command::Map(args)) => map::run(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Watch(args)) => watch::run(&args),
        Some(Command::Generate(args)) => generate(&args),
        Some(Command::Defect(args)) => defect::run(&args),
        Some(Command::Compare(args)) => compare::run(&args),
        Some(Command::Sensitivity(args)) => sensitivity::run(&args),
        Some(Command::Solve(args)) => solve::run(&args),
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Init(args)) => init::run(&args),
        Some(Command::Completions(args)) => shell::completions(&args),
        Some(Command::Man(args)) => shell::man(&args),
        None => report::run(&ReportArgs {
            files: Vec::new(),
            out: None,
            no_png: false,
            what_if: WhatIfArgs::default(),
        }),
    };
    progress::done();
    ExitCode::from(code)
}

/// Loads one file for a command that needs a valid design; on failure prints
/// every diagnostic and a summary to standard error and gives the exit code.
fn load_or_report(
    path: &std::path::Path,
    what_if: &WhatIfArgs,
) -> Result<(crate::diagnostic::SourceFile, crate::ValueDesign), u8> {
    let (file, design) = load_only(path)?;
    let design = what_if::apply(&file, design, what_if)?;
    Ok((file, design))
}

/// Loads one file; on failure prints every diagnostic and gives the exit code.
fn load_only(
    path: &std::path::Path,
) -> Result<(crate::diagnostic::SourceFile, crate::ValueDesign), u8> {
    progress::stage(format!("reading {}", path.display()));
    load_file(path).map_err(|err| {
        err!("{}", err.render());
        errln!(
            "{} could not be loaded: {}; fix {} and run again.",
            err.file.name,
            crate::words::count(err.diagnostics.len(), "problem", "problems"),
            if err.diagnostics.len() == 1 {
                "it"
            } else {
                "them"
            }
        );
        EXIT_INPUT
    })
}

/// One line on standard error with the count of a design's findings (under
/// the file's own severities), so a user of `analyse`, `map` or `report`
/// knows that `check` has more to say: "food.ron: 3 warnings: run
/// `valuedesign check food.ron`" (for a what-if, where its report lists
/// them). Nothing when there is none.
fn note_findings(
    file_name: &str,
    design: &crate::ValueDesign,
    an: &crate::analysis::Analysis,
    what_if: &WhatIfArgs,
) {
    if let Some(note) = findings_note(file_name, design, an, what_if) {
        errln!("{note}");
    }
}

/// The line [`note_findings`] prints, if any: worked out apart from the
/// printing, so `analyse --format json` can find it while it writes.
fn findings_note(
    file_name: &str,
    design: &crate::ValueDesign,
    an: &crate::analysis::Analysis,
    what_if: &WhatIfArgs,
) -> Option<String> {
    use crate::model::Severity;
    use crate::words::count;
    let policy = crate::findings::Policy::of_file(design.ecosystem());
    let found = crate::findings::findings(design, an, &policy);
    if found.is_empty() {
        return None;
    }
    let deny = found
        .iter()
        .filter(|f| f.severity == Severity::Deny)
        .count();
    let warn = found.len() - deny;
    let words = match (deny, warn) {
        (0, w) => count(w, "warning", "warnings"),
        (d, 0) => count(d, "deny-level finding", "deny-level findings"),
        (d, w) => format!(
            "{} and {}",
            count(d, "deny-level finding", "deny-level findings"),
            count(w, "warning", "warnings")
        ),
    };
    Some(if what_if.is_empty() {
        format!("{file_name}: {words}: run `valuedesign check {file_name}` to read them")
    } else {
        // `check` reads the file as it is; the what-if's findings are in its report.
        format!(
            "{file_name} with the what-if: {words}: its report lists them (valuedesign report {file_name} with the same options); `valuedesign check {file_name}` checks the file as it is"
        )
    })
}

/// The actor `id` names (as a one-element list), or every actor when `id`
/// is `None`; a wrong id is an error with a suggestion, and the exit code.
fn actors_or_one(
    file_name: &str,
    design: &crate::ValueDesign,
    id: Option<&str>,
) -> Result<Vec<crate::index::NodeIdx>, u8> {
    use crate::index::NodeIdx;
    let eco = design.ecosystem();
    let Some(id) = id else {
        return Ok(crate::index::all::<NodeIdx>(eco.nodes.len())
            .filter(|&a| eco.node(a).kind.is_actor())
            .collect());
    };
    match design.node_index().get(id) {
        Some(&a) if eco.node(a).kind.is_actor() => Ok(vec![a]),
        found => {
            let ids: Vec<&str> = eco
                .nodes
                .iter()
                .filter(|n| n.kind.is_actor())
                .map(|n| n.id.as_str())
                .collect();
            let (what, help) = match found {
                Some(&n) => (
                    format!(
                        "`{id}` is a {:?}, not an actor (an organisation, segment or person)",
                        eco.node(n).kind
                    ),
                    match &eco.node(n).parent {
                        Some(p) => format!("what it does counts for its owner: try `{p}`"),
                        None => format!("the actors: {}", ids.join(", ")),
                    },
                ),
                None => (
                    format!("{file_name} has no actor `{id}`"),
                    crate::suggest::did_you_mean(id, ids.iter().copied()).map_or_else(
                        || format!("the actors: {}", ids.join(", ")),
                        |b| format!("did you mean `{b}`?"),
                    ),
                ),
            };
            errln!("error: {what}\n  help: {help}");
            Err(EXIT_INPUT)
        }
    }
}

/// The report folder of a file: `output/<sanitised file stem>/`.
fn default_out_dir(file: &std::path::Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    PathBuf::from("output").join(crate::render::escape::file_stem(&stem))
}

/// Writes one output file atomically and says so; on failure prints why.
fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), u8> {
    match output::write_atomic(path, bytes) {
        Ok(()) => Ok(()),
        Err(e) => {
            errln!(
                "error: cannot write {}: {e}\n  help: check that the folder is writable",
                path.display()
            );
            Err(EXIT_INPUT)
        }
    }
}

/// Runs `generate`: the design goes to standard output.
fn generate(args: &GenerateArgs) -> u8 {
    use std::io::Write;
    let cfg = crate::generate::GenerateConfig {
        nodes: args.nodes as usize,
        exchanges_per_node: args.exchanges_per_node as usize,
        seed: args.seed,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    match crate::generate::generate(&cfg, &mut out).and_then(|()| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            errln!("error: cannot write the generated design: {e}");
            EXIT_INPUT
        }
    }
}

/// The files to work on: those named (a folder stands for every `.ron` file
/// in it, sorted), or every `.ron` file in `ecosystems/`.
fn files_or_default(files: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    if files.is_empty() {
        let dir = PathBuf::from(DEFAULT_ECOSYSTEMS_DIR);
        if !dir.is_dir() {
            return Err(format!(
                "error: no file named, and there is no `{DEFAULT_ECOSYSTEMS_DIR}/` folder here\n  \
                 help: run valuedesign in a folder that has `{DEFAULT_ECOSYSTEMS_DIR}/`, or name the files: \
                 valuedesign check my-design.ron (valuedesign --help lists the commands)"
            ));
        }
        return ron_files_in(&dir);
    }
    let mut out = Vec::new();
    for f in files {
        if f.is_dir() {
            out.extend(ron_files_in(f)?);
        } else {
            out.push(f.clone());
        }
    }
    Ok(out)
}

/// Every `.ron` file in `dir`, sorted by name.
fn ron_files_in(dir: &std::path::Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("error: cannot read the folder `{}`: {e}", dir.display()))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(format!(
            "error: no .ron files in `{}`\n  help: add a value design there, or name the files to check",
            dir.display()
        ));
    }
    Ok(found)
}

/// Analyses `design`, naming the stage on the spinner (see [`progress`]).
fn analysed(
    design: &crate::ValueDesign,
    cfg: &crate::analysis::Config,
) -> crate::analysis::Analysis {
    let eco = design.ecosystem();
    progress::stage(format!(
        "analysing {} and {}",
        crate::words::count(eco.nodes.len(), "node", "nodes"),
        crate::words::count(eco.exchanges.len(), "exchange", "exchanges")
    ));
    let an = crate::analysis::analyse(design, cfg);
    progress::stage("finding and writing the results");
    an
}
