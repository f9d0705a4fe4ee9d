//! Escaping user text for the formats we write, and sanitising ids used in
//! file names. Labels come from users: `<script>`, quotes, ampersands, pipes
//! and control characters must come out as text, never as markup.

/// Escapes text for XML/SVG/HTML content and attribute values.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for one line of Markdown (a list item or a table cell): HTML
/// is neutralised, Markdown punctuation is backslash-escaped, line breaks and
/// pipes cannot break the layout.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '!' | '|'
            | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A safe file-name part from an id: ASCII letters, digits, `-`, `_` and `.`
/// kept, everything else `_`; never empty, never starting with a dot, at most
/// 100 bytes. Distinct ids that sanitise alike get a short hash suffix from
/// [`unique_file_stems`].
pub fn file_stem(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if out.is_empty() || out.starts_with('.') {
        out.insert(0, '_');
    }
    out
}

/// File stems for a list of ids, made unique: when two ids sanitise to the
/// same stem, each after the first gets `-2`, `-3`... in file order.
pub fn unique_file_stems<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashMap::new();
    ids.into_iter()
        .map(|id| {
            let stem = file_stem(id);
            let count = seen.entry(stem.clone()).or_insert(0u32);
            *count += 1;
            if *count == 1 {
                stem
            } else {
                format!("{stem}-{count}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{file_stem, markdown, unique_file_stems, xml};

    #[test]
    fn hostile_labels_come_out_as_text() {
        let label = "<script>alert(\"x\")</script> & 'quotes' | pipes *bold* [link](http://x)";
        let x = xml(label);
        assert!(!x.contains('<') && !x.contains('"') && !x.contains('\''));
        assert!(x.contains("&lt;script&gt;") && x.contains("&amp;"));
        let m = markdown(label);
        assert!(!m.contains("<script>"));
        assert!(m.contains("&lt;script&gt;"));
        assert!(m.contains("\\|") && m.contains("\\*bold\\*") && m.contains("\\[link\\]"));
        assert_eq!(markdown("two\nlines"), "two lines");
    }

    #[test]
    fn file_stems_are_safe_and_unique() {
        assert_eq!(file_stem("vendor"), "vendor");
        assert_eq!(file_stem("../../etc/passwd"), "_.._.._etc_passwd");
        assert_eq!(file_stem(".hidden"), "_.hidden");
        assert_eq!(file_stem(""), "_");
        assert_eq!(file_stem("a/b c"), "a_b_c");
        assert_eq!(
            unique_file_stems(["a/b", "a b", "c"]),
            vec!["a_b", "a_b-2", "c"]
        );
    }
}
