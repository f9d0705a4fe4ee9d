//! "Did you mean ...?": the closest candidate to a misspelt name or id.

/// The candidate closest to `word` by edit distance, if it is close enough to
/// be a plausible typo (at most a third of the word's length, at least 1;
/// or one contains the other). Ties go to the earliest candidate.
pub(crate) fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word_lower = prefix_lower(word);
    let limit = (word_lower.chars().count() / 3).max(1) + 1;
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let c_lower = prefix_lower(c);
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

/// The longest prefix compared, in characters: a typo is found in the first
/// 64 characters as well as in the whole, and the edit distance stays cheap
/// (64 x 64 steps) however long a hostile id is.
const COMPARED: usize = 64;

/// The first [`COMPARED`] characters of `s`, in lower case.
fn prefix_lower(s: &str) -> String {
    let end = s.char_indices().nth(COMPARED).map_or(s.len(), |(i, _)| i);
    s[..end].to_lowercase()
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

    #[test]
    fn long_ids_are_compared_by_their_first_characters() {
        // 40,000-character ids: the full edit distance would take 1.6e9
        // steps per pair; the prefix takes 4,096.
        let long_a = "a".repeat(40_000);
        let long_b = format!("{}b", "a".repeat(39_999));
        let other = "z".repeat(40_000);
        let start = std::time::Instant::now();
        let candidates: Vec<&str> = std::iter::repeat_n(other.as_str(), 20)
            .chain([long_b.as_str()])
            .collect();
        assert_eq!(did_you_mean(&long_a, candidates), Some(long_b.as_str()));
        // Not a timing test of speed, a bound on the work: far under what
        // 21 full comparisons (3e10 steps) would take.
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }
}
