//! Number formatting for people: thousands separators, fixed decimals.

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
pub fn breakeven(ledgers: &super::Ledgers, a: usize) -> String {
    use super::Field;
    let no_money = [Field::Revenue, Field::Spend, Field::Costs]
        .iter()
        .all(|f| ledgers.total(a, *f) == 0.0);
    if no_money {
        return "no money".to_owned();
    }
    ledgers.breakeven[a].map_or("never".to_owned(), |y| format!("year {y}"))
}

/// The win-win word of actor `a` for tables: "yes", "no", "n/a", or "yes,
/// unvalued" for a win-win actor with no money and nothing of value received
/// (its inflows serve its drivers but the file gives them value 0.0, so its
/// net value of 0 says nothing).
pub fn verdict_word(an: &super::Analysis, a: usize) -> &'static str {
    use super::{Field, Verdict};
    let l = &an.ledgers;
    match an.verdicts[a] {
        Verdict::NotApplicable => "n/a",
        Verdict::Fails(_) => "no",
        Verdict::WinWin => {
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
    }
}

/// "1 problem", "3 problems": a count with its noun, singular or plural.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "1 of 7 actors does not get value" / "2 of 7 actors do not get value".
pub fn failing_actors(failing: usize, actors: usize) -> String {
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
