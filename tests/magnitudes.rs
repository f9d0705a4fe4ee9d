//! Numbers that pass validation never overflow: figures that would exceed
//! 1e15 (propagated: members, occurrences, money a year, costs, the discount
//! factor, and the uncertainty ranges at their extremes) are rejected,
//! located; and every design that loads gives finite figures everywhere and
//! a report that draws.

mod common;

use proptest::prelude::*;
use valuedesign::analysis::{self, ledger::Field, Config};
use valuedesign::diagnostic::SourceFile;
use valuedesign::report::{build, ReportConfig};

struct Numbers {
    value: f64,
    count: f64,
    growth: f64,
    ratio: f64,
    amount: f64,
    horizon: u32,
    discount: f64,
    high: f64,
}

fn design(n: &Numbers) -> String {
    format!(
        r#"Ecosystem(
    name: "Big numbers",
    horizon_years: {horizon},
    discount_rate: {discount:?},
    nodes: [
        Node(id: "vendor", kind: Organization, costs: [Cost(label: "rent", amount: {amount:?}, cadence: Some(Monthly))]),
        Node(id: "shop", kind: Segment, count: {count:?}, growth: {growth:?}),
        Node(id: "maker", kind: Organization),
    ],
    exchanges: [
        Exchange(id: "svc", from: "vendor", to: "shop", flow: Service, value: 10.0, cadence: Yearly, per: Some("shop")),
        Exchange(id: "sub", from: "shop", to: "vendor", flow: Money, value: {value:?}, cadence: Monthly, per: Some("shop"), reciprocates: Some("svc")),
        Exchange(id: "part", from: "maker", to: "vendor", flow: Goods, value: 2.0, cadence: Yearly, follows: Some(Follow(exchange: "svc", ratio: {ratio:?}))),
        Exchange(id: "pay", from: "vendor", to: "maker", flow: Money, value: 2.0, cadence: Yearly, follows: Some(Follow(exchange: "part", ratio: 1.0))),
    ],
    uncertainty: [Range(path: "exchanges.sub.value", low: 0.0, high: {high:?})],
)
"#,
        horizon = n.horizon,
        discount = n.discount,
        amount = n.amount,
        count = n.count,
        growth = n.growth,
        value = n.value,
        ratio = n.ratio,
        high = n.high.max(n.value),
    )
}

fn load(text: &str) -> Result<valuedesign::ValueDesign, valuedesign::LoadError> {
    valuedesign::load_source(&SourceFile {
        name: "big.ron".into(),
        text: text.into(),
    })
}

/// (code, line) of every problem.
fn problems(text: &str) -> Vec<(String, usize)> {
    let err = load(text).expect_err("rejected");
    err.diagnostics
        .iter()
        .map(|d| (d.code.as_str().to_owned(), d.start.expect("located").line))
        .collect()
}

fn plain() -> Numbers {
    Numbers {
        value: 100.0,
        count: 10.0,
        growth: 0.1,
        ratio: 2.0,
        amount: 50.0,
        horizon: 5,
        discount: 0.05,
        high: 120.0,
    }
}

#[test]
fn each_overflowing_figure_is_rejected_at_its_number() {
    assert!(load(&design(&plain())).is_ok());
    let too = |change: fn(&mut Numbers), line: usize| {
        let mut n = plain();
        change(&mut n);
        assert_eq!(problems(&design(&n)), vec![("too-large".to_owned(), line)]);
    };
    // value 1e308, monthly: 1.2e309 a member, overflows.
    too(|n| n.value = 1e308, 12);
    // 1e14 a month for 10 members is 1.2e16 a year: too large, though finite.
    too(|n| n.value = 1e14, 12);
    // A growth of 1e6 over 50 years: members 1e301.
    too(
        |n| {
            n.growth = 1e6;
            n.horizon = 50;
        },
        7,
    );
    // A follows ratio of 1.79e308.
    too(|n| n.ratio = 1.79e308, 13);
    // A monthly rent of 1e300.
    too(|n| n.amount = 1e300, 6);
    // A discount rate of -0.9 over 50 years: year 50 is multiplied by 1e50.
    too(
        |n| {
            n.discount = -0.9;
            n.horizon = 50;
        },
        4,
    );
    // The range's high: 1e300 a month would overflow a simulated run.
    too(|n| n.high = 1e300, 16);
    // Just under the limit passes: 8e12 a month x 10 members = 9.6e14 a year.
    let mut n = plain();
    n.value = 8e12;
    n.growth = 0.0;
    assert!(load(&design(&n)).is_ok());
}

/// Whether a per-year array (or any array) holds a null: a figure that was
/// not finite.
fn null_in_array(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Array(a) => a.iter().any(|x| x.is_null() || null_in_array(x)),
        serde_json::Value::Object(o) => o.values().any(null_in_array),
        _ => false,
    }
}

fn magnitude(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..hi).prop_map(|e: f64| 10f64.powf(e))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever the numbers: either the file is rejected (located), or every
    /// figure is finite and its report, PNGs included, draws.
    #[test]
    fn a_design_that_loads_is_finite_and_reports(
        value in magnitude(0.0, 16.0),
        count in magnitude(0.0, 8.0),
        growth in prop_oneof![Just(0.0), magnitude(-3.0, 6.0)],
        ratio in magnitude(-3.0, 12.0),
        amount in magnitude(0.0, 16.0),
        horizon in 1u32..=200,
        discount in -0.99f64..1.0,
        high in magnitude(0.0, 16.0),
    ) {
        let n = Numbers { value, count, growth, ratio, amount, horizon, discount, high };
        let text = design(&n);
        match load(&text) {
            Err(e) => {
                for d in &e.diagnostics {
                    prop_assert!(d.start.is_some(), "{}", d.message);
                    prop_assert_eq!(d.code.as_str(), "too-large");
                }
            }
            Ok(design) => {
                let an = analysis::analyse(&design, &Config::default());
                for a in 0..design.ecosystem().nodes.len() {
                    let a = valuedesign::index::NodeIdx::new(a);
                    for f in [Field::Revenue, Field::Spend, Field::Costs, Field::Cash, Field::NetValue] {
                        prop_assert!(an.ledgers.get(a, f).iter().all(|x| x.is_finite()));
                    }
                    prop_assert!(an.ledgers.npv[a].is_finite());
                }
                let files = build(&design, &an, &ReportConfig { png: true, source_name: "big.ron".into() });
                prop_assert!(files.is_ok(), "{:?}", files.err());
                let json = files.expect("built").into_iter().find(|f| f.name == "analysis.json").expect("json");
                let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("json");
                prop_assert!(!null_in_array(&doc), "a figure is null in analysis.json");
                prop_assert!(doc["nodes"]["vendor"]["ledger"]["npv"].is_number());
            }
        }
    }
}
