//! `valuedesign simulate`: Monte Carlo over the file's ranges; per actor the
//! share of runs in which it is win-win and the 5th, 50th and 95th
//! percentiles of its score; for the ecosystem, the share in which every
//! actor wins.

use serde::Serialize;

use super::table::Table;
use super::{SimulateArgs, TableFormat, EXIT_INPUT, EXIT_OK};
use crate::model::Goal;
use crate::render::escape::markdown as md;
use crate::whatif::simulate;
use crate::words::{amount, percent};

#[derive(Serialize)]
struct SimulationJson<'a> {
    runs: usize,
    seed: u64,
    ranges: Vec<&'a str>,
    skipped: &'a [String],
    invalid_runs: usize,
    all_win_win: f64,
    actors: Vec<ActorJson<'a>>,
}

#[derive(Serialize)]
struct ActorJson<'a> {
    id: &'a str,
    score: &'static str,
    base: f64,
    win_win: f64,
    p5: f64,
    p50: f64,
    p95: f64,
}

/// Runs `simulate`; returns the exit code.
pub(super) fn run(args: &SimulateArgs) -> u8 {
    let (file, design) = match super::load_or_report(&args.file, &args.what_if) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let eco = design.ecosystem();
    if eco.uncertainty.is_empty() {
        errln!(
            "error: {} has no ranges to draw from\n  help: add `uncertainty: [Range(path: \"exchanges.<id>.value\", low: .., likely: .., high: ..)]` (docs/format.md, Range)",
            file.name
        );
        return EXIT_INPUT;
    }
    let s = simulate(&design, args.runs as usize, args.seed);
    for p in &s.skipped {
        errln!("note: the range on {p} names nothing in this design and is not drawn");
    }
    if s.invalid > 0 {
        errln!(
            "note: {} of {} runs drew values the design does not accept and are left out",
            s.invalid,
            s.runs
        );
    }
    let goal = |g: Goal| match g {
        Goal::Profit => "npv",
        Goal::Worth => "net_value",
    };
    let rows: Vec<[String; 7]> = s
        .actors
        .iter()
        .map(|o| {
            [
                eco.node(o.actor).id.to_string(),
                if o.goal == Goal::Profit {
                    "NPV"
                } else {
                    "net value"
                }
                .to_owned(),
                amount(o.base),
                percent(o.win_win),
                amount(o.percentile(5.0)),
                amount(o.percentile(50.0)),
                amount(o.percentile(95.0)),
            ]
        })
        .collect();
    const HEADER: [&str; 7] = [
        "actor",
        "score",
        "in the design",
        "win-win in",
        "5%",
        "50%",
        "95%",
    ];
    let head = format!(
        "{}: {} runs drawing {} ranges (seed {}); over {} years, in {}.",
        eco.name,
        amount(s.runs as f64),
        s.ranges.len(),
        s.seed,
        eco.horizon_years,
        eco.currency
    );
    let all = format!(
        "Every actor is win-win in {} of the runs.",
        percent(s.all_win)
    );
    match args.format {
        TableFormat::Json => {
            let doc = SimulationJson {
                runs: s.runs,
                seed: s.seed,
                ranges: s.ranges.iter().map(|(p, _)| p.as_str()).collect(),
                skipped: &s.skipped,
                invalid_runs: s.invalid,
                all_win_win: s.all_win,
                actors: s
                    .actors
                    .iter()
                    .map(|o| ActorJson {
                        id: &eco.node(o.actor).id,
                        score: goal(o.goal),
                        base: o.base,
                        win_win: o.win_win,
                        p5: o.percentile(5.0),
                        p50: o.percentile(50.0),
                        p95: o.percentile(95.0),
                    })
                    .collect(),
            };
            match super::say::json(&doc) {
                Ok(()) => {}
                Err(e) => {
                    errln!("error: cannot write JSON for {}: {e}", file.name);
                    return EXIT_INPUT;
                }
            }
        }
        TableFormat::Md => {
            outln!(
                "## Uncertainty: {}\n\n{}\n\n**{}**\n",
                md(&eco.name),
                md(&head),
                all
            );
            outln!("| {} |\n|---|---|--:|--:|--:|--:|--:|", HEADER.join(" | "));
            for r in rows {
                let [id, rest @ ..] = r;
                let cells: Vec<String> = std::iter::once(md(&id)).chain(rest).collect();
                outln!("| {} |", cells.join(" | "));
            }
        }
        TableFormat::Human => {
            let mut t = Table::new(&HEADER, &[false, false, true, true, true, true, true]);
            for r in rows {
                t.row(r.to_vec());
            }
            out!(
                "{head}\n{all}\n\n{}  Score: NPV for a profit actor, net value for a worth actor; 5%, 50%, 95%: percentiles over the runs.\n",
                t.render("  ")
            );
        }
    }
    EXIT_OK
}
