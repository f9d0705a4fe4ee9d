//! Every diagnostic is located, whatever the line endings: a problem after
//! an unknown field whose value has its own mistake, and files written with
//! CR LF or lone CR line endings, give the same lines and columns as with
//! line feeds, and the rendered excerpts hold no carriage return.

use valuedesign::diagnostic::SourceFile;

/// An unknown field whose list lacks a comma, then an unknown id referenced
/// from an extract, lines later.
const TWO_MISTAKES: &str = r#"Ecosystem(
    name: "Unknown field with a list",
    nodes: [
        Node(id: "vendor", kind: Organization, colour: [1 2]),
        Node(id: "shop", kind: Segment),
    ],
    exchanges: [
        Exchange(id: "sub", from: "shop", to: "vendor", flow: Money, value: 10.0, cadence: Yearly),
    ],
    extracts: [Extract(id: "x", exchanges: ["nope"])],
)
"#;

/// (code, line, column) of every diagnostic of `text`.
fn located(text: &str) -> (Vec<(String, usize, usize)>, String) {
    let file = SourceFile {
        name: "t.ron".into(),
        text: text.into(),
    };
    let err = valuedesign::load_source(&file).expect_err("rejected");
    let rendered = valuedesign::diagnostic::render_all(&file, &err.diagnostics);
    let places = err
        .diagnostics
        .iter()
        .map(|d| {
            let start = d
                .start
                .unwrap_or_else(|| panic!("`{}` has no place: {}", d.code.as_str(), d.message));
            (d.code.as_str().to_owned(), start.line, start.column)
        })
        .collect();
    (places, rendered)
}

#[test]
fn a_mistake_inside_an_unknown_field_is_reported_and_later_ones_located() {
    let (places, _) = located(TWO_MISTAKES);
    assert_eq!(
        places,
        vec![
            ("unknown-field".to_owned(), 4, 48),
            ("syntax".to_owned(), 4, 59),
            ("unknown-id".to_owned(), 10, 45),
        ]
    );
}

#[test]
fn every_line_ending_gives_the_same_places() {
    let (lf, _) = located(TWO_MISTAKES);
    for (name, ending) in [("CR LF", "\r\n"), ("CR", "\r")] {
        let text = TWO_MISTAKES.replace('\n', ending);
        let (places, rendered) = located(&text);
        assert_eq!(places, lf, "{name}");
        assert!(!rendered.contains('\r'), "{name}: {rendered}");
        // The excerpt is the one line, not the whole file.
        assert!(
            rendered.contains("10 │     extracts: [Extract(id: \"x\", exchanges: [\"nope\"])],\n"),
            "{name}: {rendered}"
        );
    }
}

#[test]
fn a_comment_ends_at_a_lone_carriage_return() {
    // With CR line endings, a `//` comment used to swallow the rest of the file.
    let text = "// a comment\rEcosystem(\r    name: \"CR\",\r    nodes: [Node(id: \"a\", kind: Organization, colour: 1)],\r)\r";
    let (places, _) = located(text);
    assert_eq!(places, vec![("unknown-field".to_owned(), 4, 47)]);
}

#[test]
fn text_over_several_lines_reads_the_same_whatever_the_line_endings() {
    let text = "Ecosystem(\n    name: \"Two\nlines\",\n)\n";
    for ending in ["\n", "\r\n", "\r"] {
        let file = SourceFile {
            name: "t.ron".into(),
            text: text.replace('\n', ending),
        };
        let design = valuedesign::load_source(&file).expect("loads");
        assert_eq!(design.ecosystem().name.as_str(), "Two\nlines");
    }
}
