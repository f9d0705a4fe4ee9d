//! The `valuedesign check` binary: summary lines, JSON, exit codes.

mod common;
use common::{bin, root};

const GOOD: &str = r#"// a tiny valid design
Ecosystem(
    name: "Tiny",
    drivers: [Driver(id: "uptime")],
    nodes: [
        Node(id: "vendor", kind: Organization, drivers: ["uptime"]),
        Node(id: "plants", kind: Segment, count: 5.0, drivers: ["uptime"]),
    ],
    exchanges: [
        Exchange(id: "kit", from: "vendor", to: "plants", flow: Goods, value: 100.0, cadence: Once, per: Some("plants")),
        Exchange(id: "pay", from: "plants", to: "vendor", flow: Money, value: 80.0, cadence: Once,
                 follows: Some(Follow(exchange: "kit", ratio: 1.0)), reciprocates: Some("kit")),
    ],
    extracts: [Extract(id: "sales", label: "Kit sales", exchanges: ["pay"])],
)
"#;

#[test]
fn check_prints_one_line_per_valid_file_and_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("tiny.ron");
    std::fs::write(&good, GOOD).expect("write");
    let out = bin().arg("check").arg(&good).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first = stdout.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!(
            "{}: 1 driver, 2 nodes, 2 exchanges, 1 extract",
            good.display()
        )
    );
    // Findings follow, indented, with why and source; warnings keep exit status 0.
    assert!(stdout.contains("  warning[single-revenue-stream]: `vendor` earns all its revenue from one stream: `pay`"), "{stdout}");
    assert!(
        stdout.contains("    source: Business Model Canvas for IoT"),
        "{stdout}"
    );
}

#[test]
fn deny_turns_a_finding_into_exit_status_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("tiny.ron");
    std::fs::write(&good, GOOD).expect("write");
    let out = bin()
        .args(["check", "--deny", "single-revenue-stream"])
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("deny[single-revenue-stream]"));
    let out = bin()
        .args(["check", "--deny", "warnings"])
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let out = bin()
        .args(["check", "--deny", "single-revenue"])
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `single-revenue-stream`?"));
    // In the file: `findings: { "single-revenue-stream": Deny }`.
    let denied = GOOD.replace(
        "    extracts:",
        "    findings: { \"single-revenue-stream\": Deny },\n    extracts:",
    );
    std::fs::write(&good, denied).expect("write");
    let out = bin().arg("check").arg(&good).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_bad_file_among_good_ones_exits_2_with_its_diagnostics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("tiny.ron");
    std::fs::write(&good, GOOD).expect("write");
    let bad = root().join("tests/fixtures/bad/three-mistakes.ron");
    let before = std::fs::read(&bad).expect("read");
    let out = bin()
        .arg("check")
        .arg(&good)
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("tiny.ron: 1 driver, "), "{stdout}");
    assert_eq!(stderr.matches("error[").count(), 3, "{stderr}");
    assert!(stderr.contains("three-mistakes.ron:7:"), "{stderr}");
    assert!(
        stderr.contains("1 of 2 files could not be loaded"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(std::fs::read(&bad).expect("read"), before, "input modified");
}

#[test]
fn json_format_lists_every_file_with_located_diagnostics() {
    let bad = root().join("tests/fixtures/bad/unknown-id.ron");
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(v["files"][0]["ok"], false);
    assert_eq!(d["code"], "unknown-id");
    assert_eq!(d["start"]["line"], 8);
    assert_eq!(d["start"]["column"], 35);
    assert_eq!(d["help"], "did you mean `vendor`?");
}

#[test]
fn check_without_files_checks_every_file_in_ecosystems() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("ecosystems")).expect("mkdir");
    std::fs::write(dir.path().join("ecosystems/b.ron"), GOOD).expect("write");
    std::fs::write(dir.path().join("ecosystems/a.ron"), GOOD).expect("write");
    std::fs::write(dir.path().join("ecosystems/notes.txt"), "not a design").expect("write");
    let out = bin()
        .current_dir(dir.path())
        .arg("check")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].starts_with("ecosystems/a.ron: "), "{stdout}");
    assert!(lines[1].starts_with("ecosystems/b.ron: "), "{stdout}");
}

#[test]
fn no_ecosystems_folder_is_an_input_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = bin().current_dir(dir.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("help:"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let out = bin()
        .args(["check", "--format", "xml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["frobnicate"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = bin().arg("--help").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
}

/// `n` organisations that take part in nothing: each is an isolated node
/// (deny) and not win-win (warning), 2n findings.
fn isolated(n: usize) -> String {
    let nodes: String = (0..n)
        .map(|i| format!("Node(id: \"n{i}\", kind: Organization),"))
        .collect();
    format!("Ecosystem(name: \"Many\", nodes: [{nodes}])\n")
}

#[test]
fn many_findings_are_summarised_per_code_and_all_listed_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("many.ron");
    std::fs::write(&file, isolated(30)).expect("write");
    let out = common::run_on(&["check"], &file);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    // 60 findings: above 50, so per code, deny-level first, 3 shown each.
    assert!(text.contains("  deny[isolated-node]: 30 findings, the first 3:\n    - `n0` takes part in no exchange\n    - `n1` takes part in no exchange\n    - `n2` takes part in no exchange\n    why: "), "{text}");
    assert!(
        text.contains("  warning[win-win-failure]: 30 findings, the first 3:\n"),
        "{text}"
    );
    assert!(
        text.contains("  (60 findings in 2 codes; `--all` lists every one"),
        "{text}"
    );
    assert!(!text.contains("`n3` takes part"), "{text}");
    assert!(text.find("deny[isolated-node]") < text.find("warning[win-win-failure]"));
    // --all: every one.
    let all = common::run_on(&["check", "--all"], &file);
    let text = String::from_utf8_lossy(&all.stdout);
    assert_eq!(text.matches("  deny[isolated-node]: ").count(), 30);
    assert_eq!(text.matches("  warning[win-win-failure]: ").count(), 30);
    // At 50 or fewer, every finding as before.
    std::fs::write(&file, isolated(25)).expect("write");
    let few = common::run_on(&["check"], &file);
    let text = String::from_utf8_lossy(&few.stdout);
    assert_eq!(
        text.matches("  deny[isolated-node]: ").count(),
        25,
        "{text}"
    );
    // JSON always has every finding.
    std::fs::write(&file, isolated(30)).expect("write");
    let json = common::run_on(&["check", "--format", "json"], &file);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(
        doc["files"][0]["findings"].as_array().map(Vec::len),
        Some(60)
    );
}
