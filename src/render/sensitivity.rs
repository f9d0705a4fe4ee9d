//! A sensitivity for people and programs: per actor, its numbers ranked by
//! how far a swing moves its score, as table cells (the terminal table is
//! drawn by the CLI), Markdown, and the JSON document; and the numbers whose
//! swing flips a verdict.

use std::fmt::Write as _;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::index::NodeIdx;
use crate::model::{Ecosystem, Goal};
use crate::render::escape::markdown as md;
use crate::whatif::sensitivity::{Effect, Sensitivity};
use crate::words::{amount, as_written};

/// A swing in words: "20%", "12.5%".
fn percent(s: f64) -> String {
    let p = s * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

/// What an actor's score is.
pub fn score_name(an: &Analysis, a: NodeIdx) -> &'static str {
    match an.network.goals[a] {
        Goal::Profit => "NPV",
        Goal::Worth => "net value",
    }
}

/// The column titles of an actor's table, for a swing.
pub fn header(swing: f64) -> [String; 6] {
    [
        "number".to_owned(),
        "in the file".to_owned(),
        format!("at -{}", percent(swing)),
        format!("at +{}", percent(swing)),
        "moves it by".to_owned(),
        "verdict".to_owned(),
    ]
}

fn flip_words(e: &Effect, swing: f64) -> String {
    match (e.flips_down, e.flips_up) {
        (true, true) => "flips both ways".to_owned(),
        (true, false) => format!("flips at -{}", percent(swing)),
        (false, true) => format!("flips at +{}", percent(swing)),
        (false, false) => String::new(),
    }
}

/// The rows of actor `a`'s table: at most `top` numbers (0: all), ranked.
/// Unescaped.
pub fn rows(s: &Sensitivity, eco: &Ecosystem, a: NodeIdx, top: usize) -> Vec<[String; 6]> {
    let base = s.base[a];
    let side = |x: Option<f64>| x.map_or("-".to_owned(), amount);
    s.ranked(a)
        .into_iter()
        .take(if top == 0 { usize::MAX } else { top })
        .map(|(i, e)| {
            [
                i.target.path(eco),
                as_written(i.value),
                side(e.down),
                side(e.up),
                amount(e.reach(base)),
                flip_words(&e, s.swing),
            ]
        })
        .collect()
}

/// The heading of actor `a`'s table. Unescaped.
pub fn actor_heading(s: &Sensitivity, eco: &Ecosystem, an: &Analysis, a: NodeIdx) -> String {
    let n = eco.node(a);
    let name = if n.label == n.id {
        n.id.to_string()
    } else {
        format!("{} ({})", n.label, n.id)
    };
    format!(
        "{name}: {} {} {}",
        score_name(an, a),
        amount(s.base[a]),
        if an.verdicts[a].fails() {
            "(not win-win)"
        } else {
            "(win-win)"
        }
    )
}

/// The opening lines: what was swung. Unescaped.
pub fn headline(s: &Sensitivity, eco: &Ecosystem, an: &Analysis) -> Vec<String> {
    vec![
        format!(
            "{}: each number moved down and up by {}, one at a time; over {} years, in {}.",
            eco.name,
            percent(s.swing),
            an.timeline.years,
            eco.currency
        ),
        format!(
            "{} numbers swung ({} at 0 left out). A profit actor's score is its NPV, a worth actor's its net value.",
            s.inputs.len(),
            s.zero
        ),
    ]
}

/// The numbers whose swing flips a verdict, in words. Unescaped.
pub fn flips(s: &Sensitivity, eco: &Ecosystem) -> Vec<String> {
    s.flipping()
        .map(|(i, effects)| {
            let who: Vec<String> = effects
                .iter()
                .map(|e| format!("{} ({})", eco.node(e.actor).id, flip_words(e, s.swing)))
                .collect();
            format!(
                "{} = {}: {}",
                i.target.path(eco),
                as_written(i.value),
                who.join(", ")
            )
        })
        .collect()
}

/// The sensitivity in Markdown for `actors`, at most `top` numbers each.
pub fn markdown(
    s: &Sensitivity,
    eco: &Ecosystem,
    an: &Analysis,
    actors: &[NodeIdx],
    top: usize,
) -> String {
    let mut o = String::new();
    let head = headline(s, eco, an);
    let _ = writeln!(o, "## Sensitivity: {}\n\n{}\n", md(&eco.name), md(&head[1]));
    let f = flips(s, eco);
    if f.is_empty() {
        let _ = writeln!(
            o,
            "No single number moved by {} flips a verdict.\n",
            percent(s.swing)
        );
    } else {
        let _ = writeln!(o, "Numbers whose swing flips a verdict:\n");
        for l in f {
            let _ = writeln!(o, "- {}", md(&l));
        }
        o.push('\n');
    }
    for &a in actors {
        let _ = writeln!(o, "### {}\n", md(&actor_heading(s, eco, an, a)));
        let rows = rows(s, eco, a, top);
        if rows.is_empty() {
            let _ = writeln!(o, "No number moves it.\n");
            continue;
        }
        let _ = writeln!(
            o,
            "| {} |\n|---|--:|--:|--:|--:|---|",
            header(s.swing).join(" | ")
        );
        for r in rows {
            let [path, rest @ ..] = r;
            let cells: Vec<String> = std::iter::once(md(&path)).chain(rest).collect();
            let _ = writeln!(o, "| {} |", cells.join(" | "));
        }
        o.push('\n');
    }
    o
}

/// The sensitivity in JSON (see docs/semantics.md, "sensitivity").
#[derive(Serialize)]
pub struct SensitivityJson {
    swing: f64,
    numbers: usize,
    zero: usize,
    flips: Vec<FlipJson>,
    actors: Vec<ActorJson>,
}

#[derive(Serialize)]
struct FlipJson {
    path: String,
    value: f64,
    actors: Vec<EffectJson>,
}

#[derive(Serialize)]
struct ActorJson {
    id: String,
    score: &'static str,
    base: f64,
    win_win: bool,
    numbers: Vec<EffectJson>,
}

#[derive(Serialize)]
struct EffectJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    down: Option<f64>,
    up: Option<f64>,
    flips_down: bool,
    flips_up: bool,
}

impl SensitivityJson {
    /// The JSON of `s` for `actors`, at most `top` numbers each (0: all).
    pub fn new(
        s: &Sensitivity,
        eco: &Ecosystem,
        an: &Analysis,
        actors: &[NodeIdx],
        top: usize,
    ) -> Self {
        let effect = |e: &Effect| EffectJson {
            id: None,
            path: None,
            value: None,
            down: e.down,
            up: e.up,
            flips_down: e.flips_down,
            flips_up: e.flips_up,
        };
        SensitivityJson {
            swing: s.swing,
            numbers: s.inputs.len(),
            zero: s.zero,
            flips: s
                .flipping()
                .map(|(i, es)| FlipJson {
                    path: i.target.path(eco),
                    value: i.value,
                    actors: es
                        .iter()
                        .map(|e| EffectJson {
                            id: Some(eco.node(e.actor).id.to_string()),
                            ..effect(e)
                        })
                        .collect(),
                })
                .collect(),
            actors: actors
                .iter()
                .map(|&a| ActorJson {
                    id: eco.node(a).id.to_string(),
                    score: match an.network.goals[a] {
                        Goal::Profit => "npv",
                        Goal::Worth => "net_value",
                    },
                    base: s.base[a],
                    win_win: !an.verdicts[a].fails(),
                    numbers: s
                        .ranked(a)
                        .into_iter()
                        .take(if top == 0 { usize::MAX } else { top })
                        .map(|(i, e)| EffectJson {
                            path: Some(i.target.path(eco)),
                            value: Some(i.value),
                            ..effect(&e)
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
