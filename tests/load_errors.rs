//! Bad input: every fixture in `tests/fixtures/bad/` is rejected with located
//! diagnostics whose exact rendered text is a reviewed snapshot.

use std::path::{Path, PathBuf};

use valuedesign::load_file;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(format!("{name}.ron"))
}

/// Loads a bad fixture, checks it is rejected, and renders its diagnostics with
/// a stable (relative) file name.
fn rejected(name: &str) -> (String, Vec<&'static str>) {
    let path = fixture(name);
    let err = match load_file(&path) {
        Ok(_) => panic!("{name}.ron should be rejected"),
        Err(e) => e,
    };
    assert!(
        !err.diagnostics.is_empty(),
        "{name}: rejected without a diagnostic"
    );
    let mut file = err.file.clone();
    file.name = format!("tests/fixtures/bad/{name}.ron");
    let rendered = valuedesign::diagnostic::render_all(&file, &err.diagnostics);
    (
        rendered,
        err.diagnostics.iter().map(|d| d.code.as_str()).collect(),
    )
}

macro_rules! bad_fixtures {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                let (rendered, codes) = rejected($name);
                insta::assert_snapshot!($name, rendered);
                // A fixture named after a diagnostic code must produce that code.
                let known = [
                    "syntax", "unknown-id", "duplicate-id", "negative-count", "non-finite",
                    "per-and-follows", "follows-cycle", "parent-cycle", "unknown-driver",
                    "unknown-field", "missing-field", "wrong-type", "unknown-variant",
                    "cost-cadence",
                ];
                let stem = $name.split('-').next().unwrap_or("");
                if let Some(code) = known.iter().find(|c| **c == $name || **c == stem) {
                    assert!(codes.contains(code), "{} should report `{}`, got {:?}", $name, code, codes);
                }
            }
        )*

        /// Every fixture on disk is in the list above.
        #[test]
        fn every_fixture_is_listed() {
            let listed = [$($name),*];
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
            let mut on_disk: Vec<String> = std::fs::read_dir(dir)
                .expect("fixtures/bad exists")
                .filter_map(|e| e.ok())
                .filter_map(|e| e.path().file_stem().map(|s| s.to_string_lossy().into_owned()))
                .collect();
            on_disk.sort();
            for f in &on_disk {
                assert!(listed.contains(&f.as_str()), "fixtures/bad/{f}.ron is not in bad_fixtures!");
            }
        }
    };
}

bad_fixtures! {
    syntax_missing_comma => "syntax-missing-comma",
    syntax_unclosed => "syntax-unclosed",
    syntax_unclosed_string => "syntax-unclosed-string",
    syntax_open_string_mid_file => "syntax-open-string-mid-file",
    syntax_typographic_quotes => "syntax-typographic-quotes",
    syntax_currency_sign => "syntax-currency-sign",
    syntax_percent => "syntax-percent",
    syntax_spaced_thousands => "syntax-spaced-thousands",
    empty_file => "empty",
    not_utf8 => "not-utf8",
    unknown_id => "unknown-id",
    duplicate_id => "duplicate-id",
    negative_count => "negative-count",
    non_finite => "non-finite",
    per_and_follows => "per-and-follows",
    follows_cycle => "follows-cycle",
    parent_cycle => "parent-cycle",
    unknown_driver => "unknown-driver",
    unknown_field => "unknown-field",
    missing_field => "missing-field",
    wrong_type => "wrong-type",
    unknown_variant => "unknown-variant",
    cost_cadence => "cost-cadence",
    invalid_values => "invalid-values",
    three_mistakes => "three-mistakes",
    misspelt_list => "misspelt-list",
    bom_then_mistake => "bom-then-mistake",
    control_characters => "control-characters",
    discount_rate_percent => "discount-rate-percent",
    goal_on_device => "goal-on-device",
    duplicate_field => "duplicate-field",
    empty_id => "empty-id",
    control_in_id => "control-in-id",
}

#[test]
fn three_different_mistakes_give_three_located_messages() {
    let err = load_file(&fixture("three-mistakes")).expect_err("three mistakes");
    let codes: Vec<&str> = err.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["negative-count", "unknown-id", "unknown-field"]);
    let lines: Vec<usize> = err
        .diagnostics
        .iter()
        .map(|d| d.start.expect("located").line)
        .collect();
    assert_eq!(lines, [7, 10, 11]);
}

#[test]
fn an_entry_that_cannot_be_built_does_not_hide_later_ones() {
    // `missing-field.ron`: exchange `fee` lacks `value`; `alerts` reciprocates it.
    // The broken entry is reported once, and the reference to it is not reported as unknown.
    let err = load_file(&fixture("missing-field")).expect_err("rejected");
    assert_eq!(err.diagnostics.len(), 1, "{:?}", err.diagnostics);
    assert_eq!(err.diagnostics[0].code, "missing-field");
    assert!(err.diagnostics[0].message.contains("`fee`"));
}

#[test]
fn a_missing_file_is_an_io_diagnostic() {
    let err = load_file(Path::new("no/such/file.ron")).expect_err("missing");
    assert_eq!(err.diagnostics[0].code, "io");
    assert!(err.render().contains("no/such/file.ron"));
}

#[test]
fn every_diagnostic_code_is_documented() {
    let doc = include_str!("../docs/format.md");
    for code in valuedesign::code::DiagnosticCode::ALL {
        if *code == valuedesign::code::DiagnosticCode::Recorded {
            continue; // the reader's internal marker, never reported
        }
        assert!(
            doc.contains(&format!("| `{code}` |")),
            "docs/format.md does not list `{code}`"
        );
    }
}
