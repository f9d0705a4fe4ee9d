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
/// is neutralised, line breaks and pipes cannot break the layout, and only
/// what Markdown would read as markup is escaped, so the text still reads
/// well pasted raw ("O&M (24/7)" stays as it is): emphasis, code, links,
/// tables and strike-through characters everywhere; `&` only where it would
/// start an entity; a block marker (`#`, `+`, `-`, `>`, `1.`) or a formula
/// start (`=`, `+`, `-`, `@`) only at the start.
pub(crate) fn markdown(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    // A leading list number ("2025. ", "1) ") would start a list.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (k, &c) in chars.iter().enumerate() {
        match c {
            '&' if starts_entity(&chars[k + 1..]) => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // `=`, `+`, `-` and `@` also start a formula in a spreadsheet
            // that reads the table: escaped, the cell is text.
            '#' | '+' | '-' | '>' | '=' | '@' if k == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if digits > 0 && k == digits => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether the text after an `&` would make it an HTML entity (`amp;`,
/// `#39;`, `x27;`).
fn starts_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
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

/// File stems for a list of ids, unique by construction, also when compared
/// without case (for case-insensitive file systems): an id whose stem no
/// other id shares keeps it (`vendor`); ids whose stems coincide (`a/b`,
/// `a b` and `a_b` all give `a_b`) each get a short hash of the id itself
/// (`a_b-3a8e75c1` for `a/b`), stable from run to run; and if a name is still taken
/// (an id that is literally another's hashed name), `-2`, `-3`... follow, in
/// file order.
pub(crate) fn unique_file_stems<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    unique_stems_keyed(ids.into_iter().map(|id| (id, id)))
}

/// [`unique_file_stems`] for names made from `text` but told apart by `key`
/// (a design's folder: its file stem, told apart by its whole path).
pub(crate) fn unique_stems_keyed<'a>(
    items: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<String> {
    use std::collections::{HashMap, HashSet};
    let items: Vec<(&str, String)> = items
        .into_iter()
        .map(|(key, text)| (key, file_stem(text)))
        .collect();
    let mut sharing: HashMap<String, u32> = HashMap::new();
    for (_, stem) in &items {
        *sharing.entry(stem.to_ascii_lowercase()).or_insert(0) += 1;
    }
    let mut taken: HashSet<String> = HashSet::with_capacity(items.len());
    items
        .into_iter()
        .map(|(key, stem)| {
            let mut name = if sharing[&stem.to_ascii_lowercase()] > 1 {
                format!("{stem}-{:08x}", fnv1a(key))
            } else {
                stem
            };
            if taken.contains(&name.to_ascii_lowercase()) {
                let base = name.clone();
                let mut k = 2u32;
                while taken.contains(&name.to_ascii_lowercase()) {
                    name = format!("{base}-{k}");
                    k += 1;
                }
            }
            taken.insert(name.to_ascii_lowercase());
            name
        })
        .collect()
}

/// The 32-bit FNV-1a hash: short, stable across runs and platforms.
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
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
        assert!(m.contains("&lt;script>"));
        assert!(m.contains("\\|") && m.contains("\\*bold\\*") && m.contains("\\[link\\]"));
        assert_eq!(markdown("two\nlines"), "two lines");
        // Plain punctuation stays readable when pasted raw.
        assert_eq!(markdown("O&M (24/7) + support!"), "O&M (24/7) + support!");
        // What would be markup is not.
        assert_eq!(markdown("&amp; &#39;"), "&amp;amp; &amp;#39;");
        assert_eq!(markdown("# big"), "\\# big");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("2025. A year"), "2025\\. A year");
        assert_eq!(markdown("a-b #1"), "a-b #1");
    }

    #[test]
    fn file_stems_are_safe_and_unique() {
        assert_eq!(file_stem("vendor"), "vendor");
        assert_eq!(file_stem("../../etc/passwd"), "_.._.._etc_passwd");
        assert_eq!(file_stem(".hidden"), "_.hidden");
        assert_eq!(file_stem(""), "_");
        assert_eq!(file_stem("a/b c"), "a_b_c");
        let names = unique_file_stems(["a/b", "a b", "a_b-2", "c"]);
        assert_eq!(names[3], "c");
        assert_eq!(names[2], "a_b-2");
        assert!(names[0].starts_with("a_b-") && names[1].starts_with("a_b-"));
        assert_ne!(names[0], names[1]);
        // Stable: the same ids give the same names.
        assert_eq!(names, unique_file_stems(["a/b", "a b", "a_b-2", "c"]));
        // Case-insensitively distinct.
        let names = unique_file_stems(["Vendor", "vendor", "x"]);
        assert_ne!(names[0].to_lowercase(), names[1].to_lowercase());
        assert_eq!(names[2], "x");
        // An id that is literally another's hashed name.
        let first = unique_file_stems(["a/b", "a b"]);
        let names = unique_file_stems(["a/b", "a b", first[0].as_str()]);
        let lower: std::collections::HashSet<String> =
            names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(lower.len(), 3, "{names:?}");
    }
}
