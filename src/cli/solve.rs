//! `valuedesign solve`: the value of one number at which an actor's NPV,
//! cash or net value reaches a target (0 by default), with the actor's
//! ledger at that value; or why there is none in a sensible range.

use serde::Serialize;

use super::{Format, SolveArgs, SolveTarget, EXIT_INPUT, EXIT_OK};
use crate::analysis::{self, Config};
use crate::diagnostic::SourceFile;
use crate::index::NodeIdx;
use crate::model::Goal;
use crate::whatif::{self, solve, Aim, Change, Changes, Solved, Target};
use crate::words::amount;

/// A solved value with its decimals: `11,071.73`, `0.1534`.
fn precise(x: f64) -> String {
    if x.fract() == 0.0 {
        amount(x)
    } else if x.abs() >= 1000.0 {
        let cents = format!("{:.2}", x.abs());
        let (whole, frac) = cents.split_once('.').unwrap_or((&cents, "00"));
        let sign = if x < 0.0 { "-" } else { "" };
        format!("{sign}{}.{frac}", amount(whole.parse().unwrap_or(0.0)))
    } else if x.abs() >= 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.4}")
    }
}

#[derive(Serialize)]
struct SolvedJson<'a> {
    actor: &'a str,
    target: &'static str,
    equals: f64,
    path: &'a str,
    file_value: f64,
    at_file_value: f64,
    range: [f64; 2],
    points: usize,
    moves: bool,
    solutions: Vec<SolutionJson>,
    lowest: SolutionJson,
    highest: SolutionJson,
}

#[derive(Serialize)]
struct SolutionJson {
    value: f64,
    reached: f64,
}

/// Runs `solve`; returns the exit code.
pub(super) fn run(args: &SolveArgs) -> u8 {
    let (file, design) = match super::load_or_report(&args.file, &args.what_if) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let a = match super::actors_or_one(&file.name, &design, Some(&args.actor)) {
        Ok(a) => a[0],
        Err(code) => return code,
    };
    let eco = design.ecosystem();
    let target = match whatif::resolve(eco, &args.vary, 0) {
        Ok(Target::HorizonYears) => {
            errln!("error: solve varies a number continuously; horizon_years is a whole number of years\n  help: try a few horizons with --set horizon_years=N on analyse or compare");
            return EXIT_INPUT;
        }
        Ok(t) => t,
        Err(e) => {
            let source = SourceFile {
                name: "--vary".to_owned(),
                text: args.vary.clone(),
            };
            super::what_if::print_path_error(&source, e);
            errln!(
                "{}: the --vary path names nothing; nothing was solved.",
                file.name
            );
            return EXIT_INPUT;
        }
    };
    let base = analysis::analyse(&design, &Config::default());
    let aim = match (args.target, base.network.goals[a]) {
        (Some(SolveTarget::Npv), _) | (None, Goal::Profit) => Aim::Npv,
        (Some(SolveTarget::Cash), _) => Aim::Cash,
        (Some(SolveTarget::NetValue), _) | (None, Goal::Worth) => Aim::NetValue,
    };
    let solved = solve(&design, &base, a, target, aim, args.equals);
    let value = target.get(eco);
    match args.format {
        Format::Json => {
            let s = |(value, reached): (f64, f64)| SolutionJson { value, reached };
            let doc = SolvedJson {
                actor: &eco.node(a).id,
                target: match aim {
                    Aim::Npv => "npv",
                    Aim::Cash => "cash",
                    Aim::NetValue => "net_value",
                },
                equals: args.equals,
                path: &args.vary,
                file_value: value,
                at_file_value: solved.at_file,
                range: [solved.range.0, solved.range.1],
                points: whatif::solve::POINTS,
                moves: solved.moves(),
                solutions: solved
                    .solutions
                    .iter()
                    .map(|x| s((x.value, x.reached)))
                    .collect(),
                lowest: s(solved.lowest),
                highest: s(solved.highest),
            };
            match super::say::json(&doc) {
                Ok(()) => {}
                Err(e) => {
                    errln!("error: cannot write JSON for {}: {e}", file.name);
                    return EXIT_INPUT;
                }
            }
        }
        Format::Human => out!("{}", human(args, &design, a, aim, &solved, target)),
    }
    EXIT_OK
}

/// The answer in words, with the actor's ledger at the solution nearest the
/// file's value.
fn human(
    args: &SolveArgs,
    design: &crate::ValueDesign,
    a: NodeIdx,
    aim: Aim,
    solved: &Solved,
    target: Target,
) -> String {
    let eco = design.ecosystem();
    let node = eco.node(a);
    let (path, value, cur) = (&args.vary, target.get(eco), &eco.currency);
    let want = format!("{} {}", aim.word(), amount(args.equals));
    let name = if node.label == node.id {
        node.id.to_string()
    } else {
        format!("{} ({})", node.label, node.id)
    };
    let mut o = format!(
        "{name}: {} {} {cur} with {path} = {} (the file's value).\n",
        aim.word(),
        amount(solved.at_file),
        precise(value)
    );
    let scanned = format!(
        "scanned {path} from {} to {} at {} values",
        precise(solved.range.0),
        precise(solved.range.1),
        amount(whatif::solve::POINTS as f64)
    );
    if !solved.moves() {
        o.push_str(&format!(
            "{path} does not move its {}: it stays at {} {cur} ({scanned}). Try another number: `valuedesign sensitivity {} --actor {}` ranks the numbers that move it.\n",
            aim.word(),
            amount(solved.at_file),
            args.file.display(),
            node.id
        ));
        return o;
    }
    let Some(best) = solved
        .solutions
        .iter()
        .min_by(|x, y| (x.value - value).abs().total_cmp(&(y.value - value).abs()))
    else {
        o.push_str(&format!(
            "No value of {path} brings it to {want}: its {} goes from {} (at {}) to {} (at {}) ({scanned}).\n",
            aim.word(),
            amount(solved.lowest.1),
            precise(solved.lowest.0),
            amount(solved.highest.1),
            precise(solved.highest.0)
        ));
        return o;
    };
    let change = if value != 0.0 {
        format!(
            " ({:+.1}% on the file's {})",
            (best.value / value - 1.0) * 100.0,
            precise(value)
        )
    } else {
        String::new()
    };
    if solved.solutions.len() == 1 {
        o.push_str(&format!(
            "It reaches {want} at {path} = {}{change}; {scanned}: one solution.\n",
            precise(best.value)
        ));
    } else {
        let all: Vec<String> = solved.solutions.iter().map(|x| precise(x.value)).collect();
        o.push_str(&format!(
            "It reaches {want} at {} values of {path}: {}; {scanned}. The ledger below is at {}{change}, the nearest to the file's value.\n",
            solved.solutions.len(),
            all.join(", "),
            precise(best.value)
        ));
    }
    let changes = Changes {
        sets: vec![Change {
            target,
            value: best.value,
        }],
        ..Changes::default()
    };
    let Ok(at) = whatif::apply(design, &changes) else {
        return o;
    };
    let an = analysis::analyse(&at, &Config::default());
    o.push_str(&format!("\nAt {path} = {}:\n", precise(best.value)));
    super::analyse::ledger_table(&mut o, &an.ledgers, a);
    o.push_str(&format!(
        "  NPV {} {cur}; breakeven {}; win-win: {}\n",
        amount(an.ledgers.npv[a]),
        crate::words::breakeven(&an.ledgers, a),
        crate::words::verdict_basis(at.ecosystem(), &an, a)
    ));
    o
}
