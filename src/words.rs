//! Formatting for people: numbers with thousands separators and fixed
//! decimals, and verdicts in words.

use crate::index::{DriverIdx, NodeIdx};
use crate::model::Ecosystem;

/// An amount with thousands separators and no decimals below 1,000 only when
/// whole: `1,234,568`, `-30,400`, `12.5`, `0`.
pub fn amount(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let rounded = x.round();
    if (x - rounded).abs() < 0.005 || x.abs() >= 1000.0 {
        group(rounded)
    } else {
        format!("{x:.2}")
    }
}

/// A number as a file writes it: rates and ratios as they are (`0.035`),
/// whole numbers and amounts of 1,000 or more grouped (`12,000`).
pub fn as_written(x: f64) -> String {
    if x.fract() != 0.0 && x.abs() < 1000.0 {
        format!("{x}")
    } else {
        amount(x)
    }
}

/// A whole number with thousands separators.
fn group(x: f64) -> String {
    let negative = x < 0.0 && x != 0.0;
    let digits = format!("{:.0}", x.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if negative {
        out.insert(0, '-');
    }
    out
}

/// An actor's breakeven in words: "year 2", "never" (within the horizon), or
/// "no money" when it neither earns nor spends anything (cumulative cash is
/// then 0 from year 1, which is not worth calling a breakeven).
pub fn breakeven<R: crate::index::Idx>(ledgers: &crate::analysis::Ledgers<R>, a: R) -> String {
    if ledgers.no_money(a) {
        return "no money".to_owned();
    }
    ledgers.breakeven[a].map_or("never".to_owned(), |y| format!("year {y}"))
}

/// The win-win word of actor `a` for tables: "yes", "no", "n/a", or "yes,
/// unvalued" for a win-win actor with no money and nothing of value received
/// (its inflows serve its drivers but the file gives them value 0.0, so its
/// net value of 0 says nothing).
pub(crate) fn verdict_word(an: &crate::analysis::Analysis, a: NodeIdx) -> &'static str {
    use crate::analysis::Field;
    let l = &an.ledgers;
    let v = &an.verdicts[a];
    if !v.applies() {
        return "n/a";
    }
    if v.fails() {
        return "no";
    }
    let nothing = [
        Field::Revenue,
        Field::Spend,
        Field::Costs,
        Field::WorthTangible,
        Field::WorthIntangible,
    ]
    .iter()
    .all(|f| l.total(a, *f) == 0.0);
    if nothing {
        "yes, unvalued"
    } else {
        "yes"
    }
}

/// Words for a goal: "profit", "worth".
pub fn goal(g: crate::model::Goal) -> &'static str {
    match g {
        crate::model::Goal::Profit => "profit",
        crate::model::Goal::Worth => "worth",
    }
}

/// Driver labels, joined: "Uptime, Compliance".
fn driver_labels(eco: &Ecosystem, drivers: &[DriverIdx]) -> String {
    let names: Vec<&str> = drivers
        .iter()
        .map(|&d| eco.driver(d).label.as_str())
        .collect();
    names.join(", ")
}

/// One test of a verdict in words, with its figure: "NPV 101,357 CNY ≥ 0
/// over 3 years", "loses money (NPV -473,200 EUR over 10 years)", "serves
/// Predictable recurring revenue".
pub(crate) fn reason(
    eco: &Ecosystem,
    an: &crate::analysis::Analysis,
    r: &crate::analysis::Reason,
) -> String {
    use crate::analysis::Reason;
    let (cur, years) = (&eco.currency, an.timeline.years);
    // With no discounting the NPV is the cumulative cash, and is called so.
    let money = if eco.discount_rate == 0.0 {
        "cumulative cash"
    } else {
        "NPV"
    };
    match r {
        Reason::Money { npv, holds: true } => {
            format!("{money} {} {cur} ≥ 0 over {years} years", amount(*npv))
        }
        Reason::Money { npv, .. } if !npv.is_finite() => {
            format!("its {money} is not a finite number ({npv})")
        }
        Reason::Money { npv, .. } => {
            format!("loses money ({money} {} {cur} over {years} years)", amount(*npv))
        }
        Reason::Worth {
            net_value,
            holds: true,
        } => format!("net value {} {cur} ≥ 0 over {years} years", amount(*net_value)),
        Reason::Worth { net_value, .. } if !net_value.is_finite() => {
            format!("its net value is not a finite number ({net_value})")
        }
        Reason::Worth { net_value, .. } => format!(
            "loses value (net value {} {cur} over {years} years: it pays more than what it receives is worth)",
            amount(*net_value)
        ),
        Reason::ServesDrivers(d) => format!("serves {}", driver_labels(eco, d)),
        Reason::ReceivesValue => "receives value (it pursues no driver)".to_owned(),
        Reason::ReceivesNothing => "receives no exchange at all".to_owned(),
        Reason::DriversUnserved(d) => format!(
            "receives no exchange that serves its drivers ({}); if one does, list the driver in that exchange's `drivers`",
            driver_labels(eco, d)
        ),
    }
}

/// Every test actor `a` fails, in words, each with what to do where that
/// helps: a profit actor's strategic value does not make up for a money
/// loss, and one that sells nothing may be in the ecosystem for worth.
pub fn verdict_failures(
    eco: &Ecosystem,
    an: &crate::analysis::Analysis,
    a: NodeIdx,
) -> Vec<String> {
    use crate::analysis::{Field, Reason};
    let v = &an.verdicts[a];
    v.failures()
        .map(|r| {
            let mut words = reason(eco, an, r);
            if let Reason::Money { npv, .. } = r {
                if npv.is_finite() {
                    let strategic = an.ledgers.total(a, Field::WorthIntangible);
                    if strategic > 0.0 {
                        words.push_str(&format!(
                            "; the data, knowledge and benefits it receives (worth {} {}) are strategic value and do not make up for a money loss",
                            amount(strategic),
                            eco.currency
                        ));
                    }
                    if !an.sells[a] {
                        words.push_str("; it sells nothing: if it is in the ecosystem for what it receives (a customer, a public body), write `goal: Worth` on it");
                    }
                }
            }
            words
        })
        .collect()
}

/// The verdict of actor `a` with its basis, in one line: "yes: NPV 101,357
/// CNY ≥ 0 over 3 years; serves Predictable recurring revenue", "no: loses
/// money (NPV -473,200 EUR over 10 years)", or "n/a" for a node the rule
/// does not apply to.
pub fn verdict_basis(eco: &Ecosystem, an: &crate::analysis::Analysis, a: NodeIdx) -> String {
    let v = &an.verdicts[a];
    if !v.applies() {
        return "n/a (devices, activities, processes and groups count for their owner)".to_owned();
    }
    if v.fails() {
        return format!("no: {}", verdict_failures(eco, an, a).join("; "));
    }
    let words: Vec<String> = v.reasons.iter().map(|r| reason(eco, an, r)).collect();
    format!("{}: {}", verdict_word(an, a), words.join("; "))
}

/// A size in bytes for people: "512 bytes", "807.0 MiB", "1.0 GiB".
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return count(n as usize, "byte", "bytes");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

/// "1 problem", "3 problems", "30,000 findings": a count with its noun,
/// singular or plural, its digits grouped.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", group(n as f64))
    }
}

/// "1 of 7 actors does not get value" / "2 of 7 actors do not get value".
pub(crate) fn failing_actors(failing: usize, actors: usize) -> String {
    if failing == 1 {
        format!("1 of {actors} actors does not get value")
    } else {
        format!("{failing} of {actors} actors do not get value")
    }
}

/// A share as a percentage with one decimal: `42.5%`.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A loop's score: four decimals, or in scientific notation when smaller
/// than 0.001 (so a small score does not read as 0.0000).
pub fn score(x: f64) -> String {
    if x != 0.0 && x.abs() < 1e-3 {
        format!("{x:.2e}")
    } else {
        format!("{x:.4}")
    }
}

/// The strongly connected parts in words: "1 strongly connected part of 6
/// actors", "3 strongly connected parts (the largest of 40 actors)".
pub fn parts(parts: &[Vec<NodeIdx>]) -> String {
    let largest = parts.iter().map(Vec::len).max().unwrap_or(0);
    match parts.len() {
        0 => "no strongly connected part of two actors or more".to_owned(),
        1 => format!("1 strongly connected part of {largest} actors"),
        k => format!("{k} strongly connected parts (the largest of {largest} actors)"),
    }
}

/// A value loop in words, by node id: "vendor → shop → vendor".
pub fn value_loop(eco: &Ecosystem, l: &crate::analysis::loops::ValueLoop) -> String {
    loop_by(l, |a| eco.node(a).id.as_str())
}

/// A value loop in words, by label: "Vendor → Shop → Vendor".
pub fn value_loop_labels(eco: &Ecosystem, l: &crate::analysis::loops::ValueLoop) -> String {
    loop_by(l, |a| eco.node(a).label.as_str())
}

/// The loop's actors by `name`, back to the first.
fn loop_by<'e>(l: &crate::analysis::loops::ValueLoop, name: impl Fn(NodeIdx) -> &'e str) -> String {
    let mut names: Vec<&str> = l.actors.iter().map(|&a| name(a)).collect();
    if let Some(first) = names.first().copied() {
        names.push(first);
    }
    names.join(" → ")
}

/// "a" or "an" before `word` (by its first letter: an exchange, an extract).
pub fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The ecosystem's type with its evidence, in words: "platform (Leminen et
/// al. 2018): open: Platform brings the complementors App developers
/// together with Households; across industries: software, energy, retail".
pub fn ecosystem_type(eco: &Ecosystem, t: &crate::analysis::ecosystem_type::Typing) -> String {
    use crate::analysis::ecosystem_type::MANY_INDUSTRIES;
    let label = |a: &NodeIdx| eco.node(*a).label.as_str();
    let list = |v: &[NodeIdx]| {
        let names: Vec<&str> = v.iter().take(4).map(label).collect();
        let more = v.len().saturating_sub(4);
        if more > 0 {
            format!("{} and {more} more", names.join(", "))
        } else {
            names.join(", ")
        }
    };
    let open = match t.platforms.first() {
        Some(p) => {
            let mut s = format!(
                "open: {} exchanges with independent sellers, segments that sell ({}), and with {}",
                label(&p.node),
                list(&p.complementors),
                if p.segments.is_empty() {
                    "one another".to_owned()
                } else {
                    list(&p.segments)
                }
            );
            if t.platforms.len() > 1 {
                s.push_str(&format!(" ({} platform nodes in all)", t.platforms.len()));
            }
            s
        }
        None if t.contracted.is_empty() => {
            "closed: no segment of independent sellers joins through a platform".to_owned()
        }
        None => format!(
            "closed: its sellers are organisations ({}), and no segment of independent sellers joins through a platform",
            list(&t.contracted)
        ),
    };
    let industries = match t.industries.len() {
        0 => "one industry assumed (no segment names its `industry`)".to_owned(),
        k if k >= MANY_INDUSTRIES => format!(
            "its segments span {k} industries: {}",
            t.industries.join(", ")
        ),
        1 => format!("its segments are in one industry: {}", t.industries[0]),
        _ => format!(
            "its segments span {} industries, fewer than {MANY_INDUSTRIES}: {}",
            t.industries.len(),
            t.industries.join(", ")
        ),
    };
    format!(
        "{} (Leminen et al. 2018): {open}; {industries}",
        t.kind.words()
    )
}

#[cfg(test)]
mod tests {
    use super::{amount, percent};

    #[test]
    fn amounts_read_like_a_spreadsheet() {
        assert_eq!(amount(1234567.8), "1,234,568");
        assert_eq!(amount(-30400.0), "-30,400");
        assert_eq!(amount(999.0), "999");
        assert_eq!(amount(12.5), "12.50");
        assert_eq!(amount(0.0), "0");
        assert_eq!(amount(-0.0001), "0");
        assert_eq!(percent(0.425), "42.5%");
    }
}
