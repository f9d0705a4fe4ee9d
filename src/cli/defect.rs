//! `valuedesign defect`: each actor leaves in turn (or the one `--actor`
//! names); a table ranked by the money that stops flowing, with the verdicts
//! that flip and who loses most, or JSON.

use serde::Serialize;

use super::table::Table;
use super::{DefectArgs, TableFormat, EXIT_INPUT, EXIT_OK};
use crate::analysis::Config;
use crate::index::NodeIdx;
use crate::whatif::{defections, Defection};
use crate::words::amount;

/// One defection in JSON.
#[derive(Serialize)]
struct DefectionJson<'a> {
    actor: &'a str,
    money_lost: f64,
    flips: Vec<&'a str>,
    losers: Vec<LoserJson<'a>>,
}

/// One actor that loses net value.
#[derive(Serialize)]
struct LoserJson<'a> {
    actor: &'a str,
    net_value_lost: f64,
}

/// Runs `defect`; returns the exit code.
pub(super) fn run(args: &DefectArgs) -> u8 {
    let (file, design) = match super::load_or_report(&args.file, &args.what_if) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let eco = design.ecosystem();
    let actors = match super::actors_or_one(&file.name, &design, args.actor.as_deref()) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let cfg = Config::default();
    let base = super::analysed(&design, &cfg);
    let found = defections(&design, &base, &actors, &cfg);
    let id = |a: NodeIdx| eco.node(a).id.as_str();
    match args.format {
        TableFormat::Json => {
            let doc: Vec<DefectionJson<'_>> = found
                .iter()
                .map(|d| DefectionJson {
                    actor: id(d.actor),
                    money_lost: d.money_lost,
                    flips: d.flips.iter().map(|&a| id(a)).collect(),
                    losers: d
                        .losers
                        .iter()
                        .map(|&(a, f)| LoserJson {
                            actor: id(a),
                            net_value_lost: f,
                        })
                        .collect(),
                })
                .collect();
            match super::say::json(&doc) {
                Ok(()) => {}
                Err(e) => {
                    errln!("error: cannot write JSON for {}: {e}", file.name);
                    return EXIT_INPUT;
                }
            }
        }
        TableFormat::Human => {
            let mut t = Table::new(&HEADER, &[false, true, false, false]);
            for r in cells(eco, &found) {
                t.row(r.to_vec());
            }
            out!("{}\n\n{}", title(eco, base.timeline.years), t.render("  "));
        }
        TableFormat::Md => {
            use crate::render::escape::markdown as md;
            outln!("## {}\n", md(&title(eco, base.timeline.years)));
            outln!("| {} |\n|---|--:|---|---|", HEADER.join(" | "));
            for r in cells(eco, &found) {
                let r: Vec<String> = r.iter().map(|c| md(c)).collect();
                outln!("| {} |", r.join(" | "));
            }
        }
    }
    EXIT_OK
}

/// The columns of the ranked table.
const HEADER: [&str; 4] = [
    "if this actor leaves",
    "money lost",
    "no longer win-win",
    "loses most",
];

/// What the table is about.
fn title(eco: &crate::model::Ecosystem, years: usize) -> String {
    format!(
        "{}: each actor leaves in turn, with every exchange it takes part in and what follows them; over {years} years, in {}",
        eco.name, eco.currency
    )
}

/// The cells of the ranked table, unescaped.
fn cells(eco: &crate::model::Ecosystem, found: &[Defection]) -> Vec<[String; 4]> {
    found
        .iter()
        .map(|d| {
            let flips: Vec<&str> = d.flips.iter().map(|&a| eco.node(a).id.as_str()).collect();
            let most = d.losers.first().map_or_else(
                || "nobody".to_owned(),
                |&(a, f)| format!("{} (-{})", eco.node(a).id, amount(f)),
            );
            [
                eco.node(d.actor).id.to_string(),
                amount(d.money_lost),
                match flips.len() {
                    0 => "-".to_owned(),
                    1..=3 => flips.join(", "),
                    n => format!("{} and {} more", flips[..2].join(", "), n - 2),
                },
                most,
            ]
        })
        .collect()
}
