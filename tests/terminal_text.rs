//! No raw control character from a design reaches the terminal: labels and
//! ids with raw ESC and BEL bytes, or `\u{1b}` escapes, print as U+FFFD in
//! every command's output and every message.

mod common;

use common::bin;

/// Labels with a window-title sequence and a screen clear, written raw and
/// as RON escapes; an id with a raw ESC.
fn hostile_design() -> String {
    r#"Ecosystem(
    name: "Title \u{1b}]0;pwned\u{7} design",
    horizon_years: 2,
    drivers: [Driver(id: "d1", label: "RAW_TITLE")],
    nodes: [
        Node(id: "vendor", label: "RAW_CLEAR Vendor", kind: Organization, drivers: ["d1"]),
        Node(id: "shop", label: "Shop \u{1b}[2J\u{9b}31m", kind: Segment, drivers: ["d1"]),
        Node(id: "lonely", label: "Lonely \u{7}\u{7}", kind: Organization),
    ],
    exchanges: [
        Exchange(id: "svc", from: "vendor", to: "shop", flow: Service, value: 500.0, cadence: Yearly, drivers: ["d1"]),
        Exchange(id: "sub", from: "shop", to: "vendor", flow: Money, value: 100.0, cadence: Monthly),
    ],
    extracts: [Extract(id: "x", label: "Extract RAW_CLEAR", exchanges: ["sub"])],
)
"#
    .replace("RAW_TITLE", "\u{1b}]0;pwned\u{7}")
    .replace("RAW_CLEAR", "\u{1b}[2J\u{1b}[H")
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\r'] {
        assert!(!text.contains(bad), "{what} printed {:?}:\n{text}", bad);
    }
}

#[test]
fn no_command_prints_a_raw_control_character() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hostile.ron");
    std::fs::write(&file, hostile_design()).expect("write");
    let f = file.to_str().expect("utf-8 path");
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", f],
        vec!["analyse", f],
        vec!["analyse", f, "--format", "md"],
        vec!["canvas", f, "--actor", "vendor", "--format", "md"],
        vec!["canvas", f, "--actor", "shop", "--format", "md"],
        vec![
            "solve",
            f,
            "--actor",
            "ven\u{1b}[2Jdor",
            "--vary",
            "exchanges.sub.value",
        ],
        vec!["canvas", f, "--actor", "\u{1b}]0;x\u{7}"],
        vec!["sensitivity", f],
        vec!["defect", f],
        vec!["compare", f, "--set", "exchanges.sub.value=50"],
    ];
    let mut printed = 0;
    for args in runs {
        let out = bin()
            .args(&args)
            .current_dir(dir.path())
            .output()
            .expect("runs");
        let what = args.join(" ");
        assert_clean(&format!("`{what}` (stdout)"), &out.stdout);
        assert_clean(&format!("`{what}` (stderr)"), &out.stderr);
        printed += String::from_utf8_lossy(&out.stdout)
            .matches('\u{FFFD}')
            .count()
            + String::from_utf8_lossy(&out.stderr)
                .matches('\u{FFFD}')
                .count();
    }
    // The control characters were shown, as U+FFFD, not dropped unseen.
    assert!(printed > 0);
}

#[test]
fn an_unknown_id_with_control_characters_is_shown_cleaned() {
    let text = hostile_design().replace("exchanges: [\"sub\"]", "exchanges: [\"su\u{1b}[2Jb\"]");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bad.ron");
    std::fs::write(&file, text).expect("write");
    let out = bin().arg("check").arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_clean("check of an unknown id", &out.stderr);
    assert_clean("check of an unknown id", &out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown-id"), "{stderr}");
}
