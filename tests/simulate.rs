//! Monte Carlo over ranges: a degenerate range gives the design back, a
//! uniform fee gives odds worked out by hand, draws follow their shape, a
//! seed gives the same result on any number of threads, and bad ranges are
//! located errors.

mod common;
use common::{design_file, load, run_on, SHOPS};

use valuedesign::model::{Range, Shape};
use valuedesign::whatif::simulate::{draw, simulate};

fn with_ranges(ranges: &str) -> String {
    SHOPS.replacen(
        "    scenarios: [",
        &format!("    uncertainty: [{ranges}],\n    scenarios: ["),
        1,
    )
}

#[test]
fn a_range_that_is_one_value_gives_the_design_back() {
    let (d, an) = load(&with_ranges(
        r#"Range(path: "exchanges.fee.value", low: 10.0, likely: 10.0, high: 10.0)"#,
    ));
    let s = simulate(&d, 200, 7);
    assert_eq!(s.invalid, 0);
    for o in &s.actors {
        let npv_or_net = o.base;
        for p in [5.0, 50.0, 95.0] {
            assert_eq!(o.percentile(p), npv_or_net);
        }
        let wins = !an.verdicts[o.actor].fails();
        assert_eq!(o.win_win, if wins { 1.0 } else { 0.0 });
    }
    assert_eq!(s.all_win, 1.0);
}

#[test]
fn a_uniform_fee_gives_the_odds_worked_out_by_hand() {
    // The vendor's NPV is 2,640 * fee - 13,200 (parts and delivery): it
    // wins when the fee is 5 or more, half of [4, 6]; the 5th percentile of
    // its NPV is 2,640 * 4.1 - 13,200 = -2,376, the median 0.
    let (d, _) = load(&with_ranges(
        r#"Range(path: "exchanges.fee.value", low: 4.0, high: 6.0, shape: Uniform)"#,
    ));
    let s = simulate(&d, 20_000, 1);
    let vendor = &s.actors[0];
    assert!((vendor.win_win - 0.5).abs() < 0.02, "{}", vendor.win_win);
    assert!(
        (vendor.percentile(5.0) + 2_376.0).abs() < 60.0,
        "{}",
        vendor.percentile(5.0)
    );
    assert!(
        vendor.percentile(50.0).abs() < 60.0,
        "{}",
        vendor.percentile(50.0)
    );
    assert!((vendor.percentile(95.0) - 2_376.0).abs() < 60.0);
    // The shops pay 26,400 - 2,640 * (fee - 10) more or less and always win.
    assert_eq!(s.actors[1].win_win, 1.0);
    assert!((s.all_win - vendor.win_win).abs() < 1e-12);
}

#[test]
fn draws_follow_their_shape() {
    let tri = Range {
        path: "x".into(),
        low: 2.0,
        likely: Some(4.0),
        high: 10.0,
        shape: Shape::Triangular,
    };
    assert_eq!(draw(&tri, 4.0, 0.0), 2.0);
    // F(likely) = (4 - 2) / (10 - 2) = 0.25: the mode.
    assert!((draw(&tri, 4.0, 0.25) - 4.0).abs() < 1e-12);
    assert!((draw(&tri, 4.0, 1.0) - 10.0).abs() < 1e-12);
    // The mean of a triangular range is (2 + 4 + 10) / 3 = 16 / 3.
    let n = 100_000;
    let mean: f64 = (0..n)
        .map(|k| draw(&tri, 4.0, (k as f64 + 0.5) / n as f64))
        .sum::<f64>()
        / n as f64;
    assert!((mean - 16.0 / 3.0).abs() < 1e-3, "{mean}");
    let uni = Range {
        shape: Shape::Uniform,
        ..tri
    };
    assert!((draw(&uni, 4.0, 0.5) - 6.0).abs() < 1e-12);
}

#[test]
fn a_seed_gives_the_same_result_on_any_number_of_threads() {
    let (d, _) = load(&with_ranges(
        r#"Range(path: "exchanges.fee.value", low: 4.0, likely: 9.0, high: 12.0),
           Range(path: "nodes.shops.growth", low: 0.0, high: 0.4, shape: Uniform)"#,
    ));
    let on = |threads: usize, seed: u64| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| simulate(&d, 3_000, seed))
    };
    let one = on(1, 42);
    assert_eq!(one, on(2, 42));
    assert_ne!(one.actors[0].scores, on(2, 43).actors[0].scores);
}

#[test]
fn bad_ranges_are_located_and_the_command_needs_ranges() {
    let (_d, file) = design_file(
        "bad.ron",
        &with_ranges(
            r#"Range(path: "exchanges.fe.value", low: 1.0, high: 2.0),
               Range(path: "exchanges.fee.value", low: 12.0, high: 11.0),
               Range(path: "horizon_years", low: 1.0, high: 3.0)"#,
        ),
    );
    let out = run_on(&["check"], &file);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `fee`?"), "{err}");
    assert!(err.contains("low <= likely <= high"), "{err}");
    assert!(err.contains("cannot be put on horizon_years"), "{err}");
    assert!(
        err.contains("3 problems"),
        "every problem in one run: {err}"
    );
    let (_e, plain) = design_file("plain.ron", SHOPS);
    let out = run_on(&["simulate"], &plain);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no ranges"));
    let (_f, good) = design_file(
        "good.ron",
        &with_ranges(r#"Range(path: "exchanges.fee.value", low: 4.0, high: 6.0, shape: Uniform)"#),
    );
    let out = run_on(&["simulate", "--runs", "2000", "--format", "json"], &good);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["runs"], 2000);
    let p = doc["actors"][0]["win_win"].as_f64().expect("odds");
    assert!((p - 0.5).abs() < 0.05, "{doc}");
}

#[test]
fn the_report_of_a_design_with_ranges_says_how_likely() {
    let text =
        std::fs::read_to_string(common::shipped("airport-lighting-service.ron")).expect("read");
    let (d, an) = load(&text);
    let files = valuedesign::report::build(
        &d,
        &an,
        &valuedesign::report::ReportConfig {
            png: false,
            source_name: "airport.ron".into(),
        },
    )
    .expect("report");
    let chart = files
        .iter()
        .find(|f| f.name == "uncertainty.svg")
        .expect("the chart");
    assert!(String::from_utf8_lossy(&chart.bytes).contains("win-win in"));
    let html = files.iter().find(|f| f.name == "index.html").expect("page");
    let html = String::from_utf8_lossy(&html.bytes);
    assert!(html.contains("<section id=\"uncertainty\">"));
    // The same runs as `simulate --runs 10000 --seed 1`.
    let s = simulate(&d, 10_000, 1);
    let share = valuedesign::words::percent(s.all_win);
    assert!(
        html.contains(&format!("Every actor is win-win in {share} of the runs.")),
        "{share}"
    );
}

#[test]
fn sharing_the_base_gives_what_applying_each_run_gives() {
    use valuedesign::whatif::simulate::simulate_by_reanalysis;
    // Values and a cost only: the shared way; with a growth, the full way.
    for ranges in [
        r#"Range(path: "exchanges.fee.value", low: 4.0, likely: 9.0, high: 12.0),
           Range(path: "exchanges.service.value", low: 1.0, high: 30.0, shape: Uniform),
           Range(path: "nodes.vendor.costs.Delivery.amount", low: 1.0, high: 6.0)"#,
        r#"Range(path: "exchanges.fee.value", low: 4.0, high: 12.0),
           Range(path: "nodes.shops.growth", low: 0.0, high: 0.4)"#,
    ] {
        let (d, _) = load(&with_ranges(ranges));
        assert_eq!(
            simulate(&d, 2_000, 9),
            simulate_by_reanalysis(&d, 2_000, 9),
            "{ranges}"
        );
    }
    // On generated designs, with ranges on exchange values.
    for (n, seed) in [(30, 1), (80, 2), (150, 3)] {
        let mut eco =
            valuedesign::generate::design(&valuedesign::generate::GenerateConfig::new(n, seed));
        eco.uncertainty = eco
            .exchanges
            .iter()
            .take(6)
            .map(|x| Range {
                path: format!("exchanges.{}.value", x.id).into(),
                low: x.value * 0.5,
                likely: None,
                high: x.value * 1.5,
                shape: Shape::Triangular,
            })
            .collect();
        let d = valuedesign::ValueDesign::new(eco).expect("valid");
        assert_eq!(
            simulate(&d, 500, 1),
            simulate_by_reanalysis(&d, 500, 1),
            "{n} nodes"
        );
    }
}
