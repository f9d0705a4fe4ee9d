//! The `valuedesign analyse` binary: tables, JSON, years, threads, bad input.

mod common;
use common::{bin, shipped};

use std::path::Path;

fn food_plant() -> std::path::PathBuf {
    shipped("food-plant-monitoring.ron")
}

#[test]
fn human_report_shows_every_actor_with_its_ledger_and_verdict() {
    let out = bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["analyse", "ecosystems/food-plant-monitoring.ron"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    insta::assert_snapshot!("food-plant-analyse", text);
}

#[test]
fn analyze_is_an_alias_and_json_has_every_node_keyed_by_id() {
    let out = bin()
        .arg("analyze")
        .arg(food_plant())
        .args(["--format", "json", "--years", "5"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["ecosystem"]["horizon_years"], 5);
    assert_eq!(v["years"].as_array().map(Vec::len), Some(5));
    let vendor = &v["nodes"]["vendor"];
    for field in [
        "revenue",
        "spend",
        "costs",
        "cash",
        "cumulative_cash",
        "received_worth_tangible",
        "received_worth_intangible",
        "net_value",
    ] {
        assert_eq!(
            vendor["ledger"][field].as_array().map(Vec::len),
            Some(5),
            "{field}"
        );
    }
    assert!(vendor["ledger"]["npv"].is_number());
    assert!(vendor["win_win"]["ok"].is_boolean());
    assert!(v["keystone"].is_string());
    assert_eq!(v["betweenness"]["method"], "exact");
    assert!(v["exchanges"]["kit-payment"]["occurrences"].is_array());
    assert!(v["extracts"].as_object().is_some_and(|m| !m.is_empty()));
    // Money is conserved in the file's own figures.
    for b in v["money_balance"].as_array().expect("array") {
        assert!(b.as_f64().expect("number").abs() < 1e-6, "{b}");
    }
}

#[test]
fn output_bytes_do_not_depend_on_the_thread_count() {
    let run = |threads: &str| {
        let out = bin()
            .args(["--threads", threads, "analyse", "--format", "json"])
            .arg(food_plant())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0));
        out.stdout
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn a_bad_file_exits_2_with_located_diagnostics() {
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/follows-cycle.ron");
    let out = bin().arg("analyse").arg(&bad).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[follows-cycle]"), "{err}");
    assert!(err.contains("follows-cycle.ron:9:"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn years_out_of_range_is_a_usage_error() {
    let out = bin()
        .arg("analyse")
        .arg(food_plant())
        .args(["--years", "0"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn generate_writes_a_design_that_checks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = bin()
        .args(["generate", "--nodes", "300", "--seed", "5"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let path = dir.path().join("gen.ron");
    std::fs::write(&path, &out.stdout).expect("write");
    let check = bin().arg("check").arg(&path).output().expect("runs");
    // Valid (not 2); synthetic designs may have isolated nodes, a deny-level finding (1).
    assert!(
        matches!(check.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("300 nodes, 1,500 exchanges"));
}

fn airport() -> std::path::PathBuf {
    shipped("airport-lighting-service.ron")
}

/// The lighting company loses money (NPV -276,678 over 10 years, worked out
/// in tests/verdict.rs): every output says "no", with the same basis.
#[test]
fn a_firm_that_loses_money_is_no_everywhere_with_its_basis() {
    let out = bin().arg("analyse").arg(airport()).output().expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("Win-win: NO, 1 of 7 actors fail"), "{text}");
    assert!(
        text.contains("win-win (profit actor): NO: loses money (NPV -276,678 EUR over 10 years)")
    );
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("lighting-co "))
        .expect("summary row");
    assert!(
        row.contains("profit") && row.trim_end().ends_with("NO"),
        "{row}"
    );
    // Findings are counted on standard error, with the command that lists them.
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("warnings: run `valuedesign check ") && err.contains("to read them"),
        "{err}"
    );

    // analysis.json keeps its fields and adds the goal and the basis.
    let out = bin()
        .arg("analyse")
        .arg(airport())
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["win_win"], false);
    let lc = &v["nodes"]["lighting-co"];
    assert_eq!(lc["goal"], "Profit");
    assert_eq!(lc["sells"], true);
    assert_eq!(lc["win_win"]["ok"], false);
    assert_eq!(
        lc["win_win"]["basis"],
        "no: loses money (NPV -276,678 EUR over 10 years)"
    );
    assert_eq!(lc["win_win"]["tests"][0]["test"], "npv");
    assert_eq!(lc["win_win"]["tests"][0]["holds"], false);
    assert_eq!(
        lc["ledger"]["total_net_value"],
        lc["ledger"]["cumulative_cash"][9]
    );
    assert!(lc["ledger"]["npv"].as_f64().is_some_and(|x| x < 0.0));
    assert_eq!(v["nodes"]["airport"]["goal"], "Worth");
    assert_eq!(v["exchanges"]["rebate"]["revenue_model"], "Transfer");
    assert_eq!(
        v["exchanges"]["installation-payment"]["revenue_model"],
        "ServiceFee"
    );
    assert!(v["exchanges"]["light"].get("revenue_model").is_none());
}

#[test]
fn an_actor_with_devices_shows_its_group_ledger() {
    let out = bin().arg("analyse").arg(airport()).output().expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // The airport holds its luminaire controls: its group ledger is shown,
    // the same totals as its own (the controls have no money).
    let airport = text
        .split("\nRegional airport authority (airport, Organization)")
        .nth(1)
        .expect("airport section");
    let section = airport.split("\n\n").next().expect("section");
    assert!(
        section.contains("group ledger (its own plus what it holds: 1 node, and theirs)"),
        "{section}"
    );
    assert!(section.contains("group NPV -791,880 EUR; group breakeven never"));
}
