//! A comparison of two designs for people and programs: the cells of the
//! side-by-side table (one row per figure of each actor), the changes of
//! nodes and flows in words, Markdown for proposals and the JSON document.
//! The terminal table is drawn by the CLI from the same cells.

use std::fmt::Write as _;

use serde::Serialize;

use crate::render::escape::markdown as md;
use crate::whatif::compare::{ActorRow, Comparison, Difference, Edit, Figures, ItemChange};
use crate::words::amount;

/// The column titles of the side-by-side table.
pub const HEADER: [&str; 5] = ["actor", "figure", "before", "after", "change"];

/// The figures of an actor, in table order, with their names.
const FIGURES: [&str; 7] = [
    "win-win",
    "revenue",
    "cash",
    "NPV",
    "net value",
    "breakeven",
    "share of value",
];

fn number(f: &Figures, k: usize) -> f64 {
    match k {
        1 => f.revenue,
        2 => f.cash,
        3 => f.npv,
        _ => f.net_value,
    }
}

fn verdict(f: &Figures) -> String {
    if f.win_win { "yes" } else { "NO" }.to_owned()
}

fn breakeven(f: &Figures) -> String {
    if f.no_money {
        return "no money".to_owned();
    }
    f.breakeven
        .map_or("never".to_owned(), |y| format!("year {y}"))
}

/// A signed change: "+1,200", "-30", "0".
pub fn signed(x: f64) -> String {
    let s = amount(x);
    if x > 0.0 && s != "0" {
        format!("+{s}")
    } else {
        s
    }
}

/// The cell of figure `k` of `f`, or what stands for a missing actor.
fn cell(f: Option<&Figures>, k: usize, missing: &str) -> String {
    match f {
        None => missing.to_owned(),
        Some(f) if k == 0 => verdict(f),
        Some(f) if k == 5 => breakeven(f),
        Some(f) if k == 6 => f
            .value_share
            .map_or_else(|| "-".to_owned(), crate::words::percent),
        Some(f) => amount(number(f, k)),
    }
}

/// The change of figure `k` (none when the designs cannot be subtracted).
fn change(r: &ActorRow, k: usize, comparable: bool) -> String {
    let (Some(b), Some(a)) = (r.before.as_ref(), r.after.as_ref()) else {
        return String::new();
    };
    if !comparable && k != 0 {
        return String::new();
    }
    match k {
        0 if b.win_win != a.win_win => "flips".to_owned(),
        0 => String::new(),
        5 => match (b.breakeven, a.breakeven) {
            (Some(x), Some(y)) if y > x => plural_years(y - x, "later"),
            (Some(x), Some(y)) if y < x => plural_years(x - y, "earlier"),
            (x, y) if x != y => {
                if y.is_some() {
                    "now breaks even"
                } else {
                    "no longer breaks even"
                }
            }
            .to_owned(),
            _ => String::new(),
        },
        // A share moves in percentage points.
        6 => match (b.value_share, a.value_share) {
            (Some(x), Some(y)) if (y - x).abs() >= 5e-4 => {
                format!("{:+.1} pts", (y - x) * 100.0)
            }
            _ => String::new(),
        },
        // An unchanged figure leaves its change blank, so changes stand out.
        _ if number(a, k) == number(b, k) => String::new(),
        _ => signed(number(a, k) - number(b, k)),
    }
}

fn plural_years(n: u32, word: &str) -> String {
    format!(
        "{} {word}",
        crate::words::count(n as usize, "year", "years")
    )
}

/// The side-by-side table: for every actor, one row per figure (win-win,
/// revenue, cash, NPV, net value, breakeven, share of the value the
/// ecosystem creates); the actor named on its first row. Unescaped.
pub fn rows(c: &Comparison) -> Vec<[String; 5]> {
    let comparable = c.incomparable().is_none();
    let mut out = Vec::with_capacity(c.actors.len() * FIGURES.len());
    for r in &c.actors {
        for (k, name) in FIGURES.iter().enumerate() {
            let actor = if k > 0 {
                String::new()
            } else if r.label == r.id {
                r.id.clone()
            } else {
                format!("{} ({})", r.label, r.id)
            };
            out.push([
                actor,
                (*name).to_owned(),
                cell(r.before.as_ref(), k, if k == 0 { "added" } else { "-" }),
                cell(r.after.as_ref(), k, if k == 0 { "removed" } else { "-" }),
                change(r, k, comparable),
            ]);
        }
    }
    out
}

/// Whether an actor's figures differ between the designs (or it is in one only).
fn moved(r: &ActorRow) -> bool {
    r.before != r.after
}

/// The rows of [`rows`] for the actors whose figures differ: the others are
/// named by [`unchanged_line`].
pub fn changed_rows(c: &Comparison) -> Vec<[String; 5]> {
    let keep: Vec<bool> = c.actors.iter().map(moved).collect();
    rows(c)
        .chunks(FIGURES.len())
        .zip(keep)
        .filter(|(_, k)| *k)
        .flat_map(|(r, _)| r.to_vec())
        .collect()
}

/// "Unchanged: a, b, c." naming the actors whose every figure is the same.
pub fn unchanged_line(c: &Comparison) -> Option<String> {
    let same: Vec<&str> = c
        .actors
        .iter()
        .filter(|r| !moved(r))
        .map(|r| r.id.as_str())
        .collect();
    (!same.is_empty()).then(|| {
        format!(
            "Unchanged ({}): {}.",
            if same.len() == 1 {
                "every figure the same"
            } else {
                "every figure of each the same"
            },
            same.join(", ")
        )
    })
}

/// The opening lines: the two designs, the horizons, the verdicts and the
/// actors that flip. Unescaped.
pub fn headline(c: &Comparison) -> Vec<String> {
    let yes = |b: bool| if b { "yes" } else { "NO" };
    let mut out = vec![format!("{} -> {}", c.before, c.after)];
    let years = if c.years.0 == c.years.1 {
        format!("Over {} years", c.years.0)
    } else {
        format!("Over {} years before and {} after", c.years.0, c.years.1)
    };
    let money = if c.currency.0 == c.currency.1 {
        c.currency.0.clone()
    } else {
        format!("{} before and {} after", c.currency.0, c.currency.1)
    };
    out.push(format!(
        "{years}, in {money}. Win-win for every actor: {} -> {}.",
        yes(c.win_win.0),
        yes(c.win_win.1)
    ));
    let flips: Vec<String> = c
        .flips()
        .map(|r| match r.after {
            Some(a) if a.win_win => format!("{} (now win-win)", r.id),
            _ => format!("{} (no longer win-win)", r.id),
        })
        .collect();
    let added: Vec<&str> = c.added_failing().map(|r| r.id.as_str()).collect();
    out.push(match (flips.is_empty(), added.is_empty()) {
        (true, true) => "No verdict flips.".to_owned(),
        (false, true) => format!("Verdicts that flip: {}.", flips.join(", ")),
        (true, false) => format!(
            "No verdict flips; added and not win-win: {}.",
            added.join(", ")
        ),
        (false, false) => format!(
            "Verdicts that flip: {}; added and not win-win: {}.",
            flips.join(", "),
            added.join(", ")
        ),
    });
    use crate::analysis::ecosystem_type::path;
    out.push(match path(c.types.0, c.types.1) {
        Some(how) => format!(
            "Ecosystem type (Leminen et al. 2018): {} -> {}: {how}.",
            c.types.0.words(),
            c.types.1.words()
        ),
        None => format!(
            "Ecosystem type (Leminen et al. 2018): {}, unchanged.",
            c.types.0.words()
        ),
    });
    if let Some(why) = c.incomparable() {
        out.push(format!("Note: {why}."));
    }
    if c.is_same() {
        out.push("The two designs are the same in every figure, node and flow.".to_owned());
    }
    out
}

fn difference(d: &Difference) -> String {
    format!("{} {} -> {}", d.field, d.before, d.after)
}

/// One node or flow change in words: "fee (Monthly fee): value 10 -> 8".
pub fn item(i: &ItemChange) -> String {
    let name = if i.label == i.id {
        i.id.clone()
    } else {
        format!("{} ({})", i.id, i.label)
    };
    match &i.change {
        Edit::Changed(d) => format!(
            "{name}: {}",
            d.iter().map(difference).collect::<Vec<_>>().join("; ")
        ),
        _ => name,
    }
}

/// What the figures are, under the table.
pub const FOOTNOTE: &str = "Figures are sums over the horizon; a segment's are totals over its members (fewer members pay and receive less). NPV decides a profit actor's verdict, net value a worth actor's.";

/// The node and flow changes, grouped: ("Nodes added", ["plant-b", ...]).
/// Unescaped; empty groups left out.
pub fn groups(c: &Comparison) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    if !c.design.is_empty() {
        out.push((
            "The design changed".to_owned(),
            c.design.iter().map(difference).collect(),
        ));
    }
    for (what, items) in [("Nodes", &c.nodes), ("Flows", &c.exchanges)] {
        for word in ["added", "removed", "changed"] {
            let lines: Vec<String> = items
                .iter()
                .filter(|i| i.change.word() == word)
                .map(item)
                .collect();
            if !lines.is_empty() {
                out.push((format!("{what} {word}"), lines));
            }
        }
    }
    out
}

/// The comparison in Markdown, its heading at `level` (`##` = 2).
pub fn markdown(c: &Comparison, level: usize) -> String {
    let mut o = String::new();
    let head = headline(c);
    let _ = writeln!(o, "{} {}\n", "#".repeat(level), md(&head[0]));
    for l in &head[1..] {
        let _ = writeln!(o, "{}", md(l));
    }
    o.push('\n');
    if c.is_same() {
        return o;
    }
    let _ = writeln!(o, "| {} |", HEADER.join(" | "));
    let _ = writeln!(o, "|---|---|--:|--:|--:|");
    for r in changed_rows(c) {
        // Only the actor comes from the file; the figures are ours.
        let [actor, rest @ ..] = r;
        let cells: Vec<String> = std::iter::once(md(&actor)).chain(rest).collect();
        let _ = writeln!(o, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(o, "\n*{FOOTNOTE}*\n");
    if let Some(l) = unchanged_line(c) {
        let _ = writeln!(o, "{}\n", md(&l));
    }
    for (title, lines) in groups(c) {
        let _ = writeln!(o, "{title}:\n");
        for l in lines {
            let _ = writeln!(o, "- {}", md(&l));
        }
        o.push('\n');
    }
    o
}

/// One comparison in JSON (see docs/semantics.md, "compare").
#[derive(Serialize)]
pub struct ComparisonJson<'a> {
    /// The scenario's id, when the second design is a scenario of the first.
    pub scenario: Option<&'a str>,
    before: &'a str,
    after: &'a str,
    currency: Pair<&'a str>,
    years: Pair<usize>,
    /// Why the figures are not subtracted (`change` is then null).
    incomparable: Option<String>,
    design: &'a [Difference],
    win_win: Pair<bool>,
    actors: Vec<ActorJson<'a>>,
    nodes: Vec<ItemJson<'a>>,
    exchanges: Vec<ItemJson<'a>>,
}

#[derive(Serialize)]
struct Pair<T> {
    before: T,
    after: T,
}

#[derive(Serialize)]
struct ActorJson<'a> {
    id: &'a str,
    label: &'a str,
    /// "both", "added" or "removed".
    status: &'static str,
    flips: bool,
    before: Option<Figures>,
    after: Option<Figures>,
    change: Option<Deltas>,
}

#[derive(Serialize)]
struct Deltas {
    revenue: f64,
    cash: f64,
    npv: f64,
    net_value: f64,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    id: &'a str,
    label: &'a str,
    change: &'static str,
    fields: &'a [Difference],
}

impl<'a> ComparisonJson<'a> {
    /// The JSON of `c`; `scenario` names the scenario it is of.
    pub fn new(c: &'a Comparison, scenario: Option<&'a str>) -> Self {
        let item = |i: &'a ItemChange| ItemJson {
            id: &i.id,
            label: &i.label,
            change: i.change.word(),
            fields: match &i.change {
                Edit::Changed(d) => d,
                _ => &[],
            },
        };
        ComparisonJson {
            scenario,
            before: &c.before,
            after: &c.after,
            currency: Pair {
                before: &c.currency.0,
                after: &c.currency.1,
            },
            incomparable: c.incomparable(),
            design: &c.design,
            years: Pair {
                before: c.years.0,
                after: c.years.1,
            },
            win_win: Pair {
                before: c.win_win.0,
                after: c.win_win.1,
            },
            actors: c
                .actors
                .iter()
                .map(|r| ActorJson {
                    id: &r.id,
                    label: &r.label,
                    status: match (r.before, r.after) {
                        (None, _) => "added",
                        (_, None) => "removed",
                        _ => "both",
                    },
                    flips: r.flips(),
                    before: r.before,
                    after: r.after,
                    change: match (r.before, r.after) {
                        (Some(b), Some(a)) if c.incomparable().is_none() => Some(Deltas {
                            revenue: a.revenue - b.revenue,
                            cash: a.cash - b.cash,
                            npv: a.npv - b.npv,
                            net_value: a.net_value - b.net_value,
                        }),
                        _ => None,
                    },
                })
                .collect(),
            nodes: c.nodes.iter().map(item).collect(),
            exchanges: c.exchanges.iter().map(item).collect(),
        }
    }
}
