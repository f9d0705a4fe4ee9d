//! "Did you mean ...?": the closest candidate to a misspelt name or id.

/// The candidate closest to `word` by edit distance, if it is close enough to
/// be a plausible typo (at most a third of the word's length, at least 1;
/// or one contains the other). Ties go to the earliest candidate.
pub(crate) fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word_lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1) + 1;
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let c_lower = c.to_lowercase();
        let d = strsim::levenshtein(&word_lower, &c_lower);
        let contains = word_lower.len() >= 3
            && (c_lower.contains(&word_lower) || word_lower.contains(&c_lower));
        let score = if contains { d.min(limit) } else { d };
        if (score <= limit) && best.is_none_or(|(b, _)| score < b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn finds_typos_and_rejects_strangers() {
        let ids = ["vendor", "plants", "cloud-provider"];
        assert_eq!(did_you_mean("vendr", ids), Some("vendor"));
        assert_eq!(did_you_mean("plant", ids), Some("plants"));
        assert_eq!(did_you_mean("cloud", ids), Some("cloud-provider"));
        assert_eq!(did_you_mean("insurer", ids), None);
        assert_eq!(did_you_mean("Mony", ["Money", "Goods"]), Some("Money"));
    }
}
