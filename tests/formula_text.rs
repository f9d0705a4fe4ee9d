//! Formula injection: a label that starts with `=`, `+`, `-` or `@` never
//! starts a cell or a line of any Markdown output, where a spreadsheet
//! reading the table would take it for a formula.

mod common;

use common::bin;

const FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"http://x\";\"y\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
];

fn design() -> String {
    format!(
        r#"Ecosystem(
    name: "{0}",
    horizon_years: 2,
    drivers: [Driver(id: "d1", label: "{1}")],
    nodes: [
        Node(id: "vendor", label: "{0}", kind: Organization, drivers: ["d1"], costs: [Cost(label: "{2}", amount: 10.0, cadence: Some(Yearly))]),
        Node(id: "shop", label: "{1}", kind: Segment, drivers: ["d1"]),
        Node(id: "maker", label: "{2}", kind: Organization),
        Node(id: "fourth", label: "{3}", kind: Organization),
    ],
    exchanges: [
        Exchange(id: "svc", offering: "{3}", from: "vendor", to: "shop", flow: Service, value: 500.0, cadence: Yearly, drivers: ["d1"]),
        Exchange(id: "sub", offering: "{2}", from: "shop", to: "vendor", flow: Money, value: 100.0, cadence: Monthly),
        Exchange(id: "part", offering: "{0}", from: "maker", to: "vendor", flow: Goods, value: 50.0, cadence: Yearly),
        Exchange(id: "pay", offering: "{1}", from: "vendor", to: "maker", flow: Money, value: 50.0, cadence: Yearly, reciprocates: Some("part")),
        Exchange(id: "tip", from: "fourth", to: "shop", flow: Knowledge, value: 5.0, cadence: Yearly),
    ],
    extracts: [Extract(id: "x", label: "{3}", exchanges: ["sub"])],
    scenarios: [Scenario(id: "cheaper", label: "{0}", set: {{"exchanges.sub.value": 80.0}})],
    uncertainty: [Range(path: "exchanges.sub.value", low: 80.0, high: 120.0)],
)
"#,
        FORMULAS[0].replace('"', "\\\""),
        FORMULAS[1],
        FORMULAS[2],
        FORMULAS[3]
    )
}

/// Every place a spreadsheet would start reading a value: each line, each
/// table cell (split at unescaped pipes), each list item's text.
fn starts(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in md.lines() {
        out.push(line.trim_start().to_owned());
        let item = line.trim_start().trim_start_matches(['-', '*', ' ']);
        out.push(item.to_owned());
        let mut cell = String::new();
        let mut escaped = false;
        for c in line.chars() {
            if c == '|' && !escaped {
                out.push(cell.trim().to_owned());
                cell.clear();
            } else {
                cell.push(c);
            }
            escaped = c == '\\' && !escaped;
        }
        out.push(cell.trim().to_owned());
    }
    out
}

fn assert_no_formula(what: &str, md: &str) {
    for s in starts(md) {
        for f in FORMULAS {
            let head: String = f.chars().take(6).collect();
            assert!(
                !s.starts_with(&head) && !s.starts_with(&format!("**{head}")),
                "{what}: a value starts a formula: {s}"
            );
        }
    }
}

#[test]
fn no_markdown_output_starts_a_formula() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("formulas.ron");
    std::fs::write(&file, design()).expect("write");
    let f = file.to_str().expect("utf-8");
    let check = bin().args(["check", f]).output().expect("runs");
    assert!(
        check.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let runs: Vec<Vec<&str>> = vec![
        vec!["canvas", f, "--format", "md"],
        vec!["compare", f, "--format", "md"],
        vec!["sensitivity", f, "--format", "md"],
        vec!["defect", f, "--format", "md"],
        vec!["simulate", f, "--runs", "200", "--format", "md"],
    ];
    let mut seen = 0;
    for args in runs {
        let out = bin().args(&args).output().expect("runs");
        let md = String::from_utf8_lossy(&out.stdout);
        assert!(!md.is_empty(), "`{}` printed nothing", args.join(" "));
        seen += md.matches("cmd|").count();
        assert_no_formula(&args.join(" "), &md);
    }
    let report = bin()
        .current_dir(dir.path())
        .args(["report", "--no-png", f])
        .output()
        .expect("runs");
    assert_eq!(
        report.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let folder = dir.path().join("output/formulas");
    for entry in std::fs::read_dir(&folder).expect("list") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            let md = std::fs::read_to_string(&path).expect("read");
            seen += md.matches("cmd").count();
            assert_no_formula(&path.display().to_string(), &md);
        }
    }
    // The labels are there, as text.
    assert!(seen > 0);
}
