//! Solving for the value of one number: designs whose answers are known in
//! closed form, a number that does not move the figure, no solution, and
//! two solutions.

mod common;
use common::{design_file, load, run_on, SHOPS};

use valuedesign::index::NodeIdx;
use valuedesign::whatif::{resolve, solve, Aim};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + b.abs())
}

#[test]
fn the_break_even_fee_and_the_customers_needed_in_closed_form() {
    let (d, an) = load(SHOPS);
    let eco = d.ecosystem();
    let vendor = NodeIdx::new(0);
    // The vendor's cash is fee * 2,640 - 3 * 2,640 - 2 * 2,640 (parts and
    // delivery per shop-month): 0 at a fee of 5.
    let fee = resolve(eco, "exchanges.fee.value", 0).expect("path");
    let s = solve(&d, &an, vendor, fee, Aim::Npv, 0.0);
    assert_eq!(s.solutions.len(), 1, "{s:?}");
    assert!(close(s.solutions[0].value, 5.0), "{s:?}");
    assert!(close(s.at_file, 13_200.0));
    // Its NPV is 5 per shop-month, 26.4 shop-months per shop of year 1
    // (12 + 12 * 1.2): 26,400 needs 26,400 / (5 * 26.4) = 200 shops.
    let count = resolve(eco, "nodes.shops.count", 0).expect("path");
    let s = solve(&d, &an, vendor, count, Aim::Cash, 26_400.0);
    assert_eq!(s.solutions.len(), 1, "{s:?}");
    assert!(close(s.solutions[0].value, 200.0), "{s:?}");
    // The service's worth goes to the shops: it does not move the vendor.
    let service = resolve(eco, "exchanges.service.value", 0).expect("path");
    let s = solve(&d, &an, vendor, service, Aim::Npv, 0.0);
    assert!(!s.moves() && s.solutions.is_empty());
    // The supplier's revenue from parts is never negative: no solution.
    let parts = resolve(eco, "exchanges.parts.value", 0).expect("path");
    let s = solve(&d, &an, NodeIdx::new(2), parts, Aim::Npv, -1.0);
    assert!(s.moves() && s.solutions.is_empty(), "{s:?}");
    assert!(close(s.lowest.1, 0.0) && close(s.lowest.0, 0.0));
}

/// Cash -75.6, +175, -100 over three years: with x = 1 / (1 + r), the NPV
/// x (-75.6 + 175 x - 100 x^2) is 0 at x = (175 -+ sqrt(385)) / 200, so at
/// two discount rates: 2.77% and 28.7%.
const TWO_RATES: &str = r#"Ecosystem(
    name: "Two rates",
    horizon_years: 3,
    discount_rate: 0.05,
    nodes: [
        Node(id: "vendor", kind: Organization, costs: [
            Cost(label: "Running", amount: 375.0, cadence: Some(Yearly)),
            Cost(label: "Setup", amount: 800.6, cadence: Some(Once)),
        ]),
        Node(id: "users", kind: Segment, count: 100.0, growth: -0.5),
    ],
    exchanges: [
        Exchange(id: "fee", from: "users", to: "vendor", flow: Money, value: 11.0, cadence: Yearly, per: Some("users")),
        Exchange(id: "app", from: "vendor", to: "users", flow: Service, value: 20.0, cadence: Yearly, per: Some("users")),
    ],
)"#;

#[test]
fn two_discount_rates_make_the_npv_zero() {
    let (d, an) = load(TWO_RATES);
    let rate = resolve(d.ecosystem(), "discount_rate", 0).expect("path");
    let s = solve(&d, &an, NodeIdx::new(0), rate, Aim::Npv, 0.0);
    let want: Vec<f64> = [175.0 + 385f64.sqrt(), 175.0 - 385f64.sqrt()]
        .iter()
        .map(|n| 200.0 / n - 1.0)
        .collect();
    assert_eq!(s.solutions.len(), 2, "{s:?}");
    for (got, w) in s.solutions.iter().zip(&want) {
        assert!((got.value - w).abs() < 1e-9, "{got:?} vs {w}");
        assert!(got.reached.abs() < 1e-6, "{got:?}");
    }
}

#[test]
fn the_solve_command_answers_in_words_and_json_and_refuses_bad_paths() {
    let (_dir, file) = design_file("shops.ron", SHOPS);
    let out = run_on(
        &[
            "solve",
            "--actor",
            "vendor",
            "--vary",
            "exchanges.fee.value",
        ],
        &file,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("It reaches NPV 0 at exchanges.fee.value = 5 (-50.0% on the file's 10)"),
        "{text}"
    );
    assert!(
        text.contains("win-win: yes"),
        "the ledger at the answer: {text}"
    );
    let out = run_on(
        &[
            "solve",
            "--actor",
            "shops",
            "--vary",
            "exchanges.fee.value",
            "--format",
            "json",
        ],
        &file,
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // The shops' net value is 39,600 - 2,640 * fee: 0 at 15.
    assert_eq!(doc["target"], "net_value");
    let v = doc["solutions"][0]["value"].as_f64().expect("one");
    assert!(close(v, 15.0), "{doc}");
    let out = run_on(
        &["solve", "--actor", "vendor", "--vary", "exchanges.fe.value"],
        &file,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--vary") && err.contains("did you mean `fee`?"),
        "{err}"
    );
    let out = run_on(
        &["solve", "--actor", "vendor", "--vary", "horizon_years"],
        &file,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("whole number of years"));
}
