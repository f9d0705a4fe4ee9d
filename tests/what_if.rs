//! What if: `--set` paths and the file's scenarios, on small designs worked
//! out by hand; removals take what depends on them; bad paths are located.

mod common;
use common::{bin, design_file, load, SHOPS};

use valuedesign::analysis::{self, Config, Field};
use valuedesign::diagnostic::SourceFile;
use valuedesign::whatif::{self, Change, Changes, Target};

fn revenue(design: &valuedesign::ValueDesign, id: &str, year: usize) -> f64 {
    let an = analysis::analyse(design, &Config::default());
    let a = design.node_index()[id];
    an.ledgers.get(a, Field::Revenue)[year - 1]
}

#[test]
fn halving_growth_halves_the_second_years_growth_of_revenue() {
    let (design, _) = load(SHOPS);
    // Base, year 2: 100 * 1.2 = 120 shops, 10 a month: 120 * 120 = 14,400.
    assert!((revenue(&design, "vendor", 2) - 14_400.0).abs() < 1e-6);
    // --set nodes.shops.growth=0.1: 110 shops, 110 * 120 = 13,200.
    let target = whatif::resolve(design.ecosystem(), "nodes.shops.growth", 0).expect("path");
    assert_eq!(target.get(design.ecosystem()), 0.2);
    let changed = whatif::apply(
        &design,
        &Changes {
            sets: vec![Change { target, value: 0.1 }],
            ..Changes::default()
        },
    )
    .expect("valid");
    assert!((revenue(&changed, "vendor", 2) - 13_200.0).abs() < 1e-6);
    // Year 1 is the same: 100 * 120 = 12,000.
    assert!((revenue(&changed, "vendor", 1) - 12_000.0).abs() < 1e-6);
    // The scenario of the file does the same, and says so in its name.
    let s = &design.ecosystem().scenarios[0];
    let slow = whatif::scenario_design(&design, s).expect("valid");
    assert!((revenue(&slow, "vendor", 2) - 13_200.0).abs() < 1e-6);
    assert_eq!(slow.ecosystem().name, "Shops (scenario: Half the growth)");
    assert!(slow.ecosystem().scenarios.is_empty());
}

#[test]
fn every_path_resolves_to_its_number() {
    let (design, _) = load(SHOPS);
    let eco = design.ecosystem();
    for (path, want) in [
        ("exchanges.fee.value", 10.0),
        ("exchanges.parts.ratio", 1.0),
        ("nodes.shops.count", 100.0),
        ("nodes.shops.growth", 0.2),
        ("nodes.vendor.costs.Delivery.amount", 2.0),
        ("discount_rate", 0.0),
        ("horizon_years", 2.0),
    ] {
        let t = whatif::resolve(eco, path, 0).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(t.get(eco), want, "{path}");
    }
    assert!(matches!(
        whatif::resolve(eco, "horizon_years", 0),
        Ok(Target::HorizonYears)
    ));
}

#[test]
fn a_bad_path_says_which_part_is_wrong_and_what_is_right() {
    let (design, _) = load(SHOPS);
    let eco = design.ecosystem();
    let e = whatif::resolve(eco, "nodes.shop.growth", 0).expect_err("no node shop");
    assert_eq!(e.span, 6..10);
    assert!(e.help.contains("`shops`"), "{}", e.help);
    let e = whatif::resolve(eco, "exchanges.fee.valeu", 0).expect_err("no field");
    assert!(
        e.help.contains("did you mean `exchanges.fee.value`"),
        "{}",
        e.help
    );
    let e = whatif::resolve(eco, "exchanges.fee.ratio", 0).expect_err("no follows");
    assert!(
        e.message.contains("follows no other exchange"),
        "{}",
        e.message
    );
    let e = whatif::resolve(eco, "node.shops.growth", 0).expect_err("no list");
    assert!(e.help.contains("did you mean `nodes`"), "{}", e.help);
    assert!(whatif::parse_set("nodes.shops.growth").is_err());
    assert!(whatif::parse_set("nodes.shops.growth=fast").is_err());
    assert_eq!(
        whatif::parse_set("nodes.shops.growth=0.1").expect("ok"),
        ("nodes.shops.growth", 0.1)
    );
}

#[test]
fn removing_an_exchange_takes_its_followers_and_the_costs_it_drove() {
    let (design, base) = load(SHOPS);
    let vendor = design.node_index()["vendor"];
    // Base costs of the vendor, year 1: 2 per delivery, 12 deliveries to 100
    // shops: 2,400. Its spend: 3 per part, one part per fee (1,200 fees): 3,600.
    assert!((base.ledgers.get(vendor, Field::Costs)[0] - 2_400.0).abs() < 1e-6);
    assert!((base.ledgers.get(vendor, Field::Spend)[0] - 3_600.0).abs() < 1e-6);
    let no_service =
        whatif::scenario_design(&design, &design.ecosystem().scenarios[1]).expect("valid");
    let eco = no_service.ecosystem();
    assert!(eco.exchanges.iter().all(|x| x.id != "service"));
    // The delivery cost went with the service.
    assert!(eco.nodes[0].costs.is_empty());
    // Without the fee, the parts that follow it go too.
    let no_fee = whatif::scenario_design(&design, &design.ecosystem().scenarios[2]).expect("valid");
    let ids: Vec<&str> = no_fee
        .ecosystem()
        .exchanges
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(ids, ["service"]);
    // Removing a node takes every exchange it takes part in.
    let n = design.node_index()["shops"];
    let no_shops = whatif::apply(
        &design,
        &Changes {
            remove_nodes: vec![n],
            ..Changes::default()
        },
    )
    .expect("valid");
    assert!(no_shops.ecosystem().exchanges.is_empty());
    assert_eq!(no_shops.ecosystem().nodes.len(), 2);
}

fn load_error(text: &str) -> String {
    let err = valuedesign::load_source(&SourceFile {
        name: "s.ron".into(),
        text: text.into(),
    })
    .expect_err("must not load");
    err.render()
}

#[test]
fn a_scenario_that_names_nothing_is_a_located_error() {
    let text = SHOPS
        .replace("\"nodes.shops.growth\": 0.1", "\"nodes.shop.growth\": 0.1")
        .replace("remove: [\"service\"]", "remove: [\"servce\"]");
    let out = load_error(&text);
    assert!(out.contains("error[unknown-path]"), "{out}");
    assert!(out.contains("did you mean `shops`?"), "{out}");
    assert!(out.contains("s.ron:17:62"), "{out}");
    assert!(out.contains("error[unknown-id]"), "{out}");
    assert!(out.contains("s.ron:18:86"), "{out}");
    assert!(out.contains("did you mean `service`?"), "{out}");
    // A value out of range is found when the scenario is applied.
    let text = SHOPS.replace(
        "\"nodes.shops.growth\": 0.1",
        "\"nodes.shops.growth\": -3.0",
    );
    let out = load_error(&text);
    assert!(
        out.contains("scenario `slow` makes the design invalid"),
        "{out}"
    );
    assert!(out.contains("s.ron:17:"), "{out}");
}

#[test]
fn the_command_line_applies_set_and_scenario_and_locates_bad_arguments() {
    let (_dir, file) = design_file("shops.ron", SHOPS);
    let out = bin()
        .args([
            "analyse",
            "--format",
            "json",
            "--scenario",
            "slow",
            "--set",
            "nodes.shops.count=50",
        ])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // 50 shops growing 10%: year 2, 55 * 120 = 6,600.
    let rev = &json["nodes"]["vendor"]["ledger"]["revenue"][1];
    assert!(
        (rev.as_f64().expect("number") - 6_600.0).abs() < 1e-6,
        "{rev}"
    );
    assert!(json["ecosystem"]["name"]
        .as_str()
        .expect("name")
        .contains("what if: nodes.shops.count = 50"));
    let out = bin()
        .args([
            "analyse",
            "--set",
            "nodes.shop.count=5",
            "--set",
            "discount_rate=six",
        ])
        .arg(&file)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--set #1:1:7") && err.contains("did you mean `shops`?"),
        "{err}"
    );
    assert!(
        err.contains("--set #2:1:15") && err.contains("not a number"),
        "{err}"
    );
    assert!(err.contains("2 errors in --set"), "{err}");
    let out = bin()
        .args(["analyse", "--scenario", "slw"])
        .arg(&file)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("did you mean `slow`?"), "{err}");
    // The file is untouched.
    assert_eq!(std::fs::read_to_string(&file).expect("read"), SHOPS);
}

/// Over the 2 years of SHOPS: the fees bring the vendor 100 * 120 = 12,000
/// and 120 * 120 = 14,400 (26,400); one part of 3 per fee brings the supplier
/// 3 * (1,200 + 1,440) = 7,920: 34,320 of money flows in all.
#[test]
fn each_actor_leaving_in_turn_ranked_by_the_money_that_stops() {
    let (design, base) = load(SHOPS);
    let id = |a: valuedesign::index::NodeIdx| design.ecosystem().node(a).id.to_string();
    let actors: Vec<_> = (0..3).map(valuedesign::index::NodeIdx::new).collect();
    let d = whatif::defections(&design, &base, &actors, &Config::default());
    let order: Vec<String> = d.iter().map(|x| id(x.actor)).collect();
    // The vendor and the shops each stop every flow (a tie: file order); the
    // supplier stops only the parts.
    assert_eq!(order, ["vendor", "shops", "supplier"]);
    assert!(
        (d[0].money_lost - 34_320.0).abs() < 1e-6,
        "{}",
        d[0].money_lost
    );
    assert!((d[1].money_lost - 34_320.0).abs() < 1e-6);
    assert!((d[2].money_lost - 7_920.0).abs() < 1e-6);
    // Without the vendor, the shops lose the worth of the service less the
    // fee, (180 - 120) * (100 + 120) = 13,200; the supplier its 7,920.
    let losers: Vec<(String, f64)> = d[0].losers.iter().map(|(a, f)| (id(*a), *f)).collect();
    assert_eq!(losers.len(), 2, "{losers:?}");
    assert_eq!(losers[0].0, "shops");
    assert!((losers[0].1 - 13_200.0).abs() < 1e-6);
    assert!((losers[1].1 - 7_920.0).abs() < 1e-6);
    // Without the shops, the vendor loses its cash: 26,400 - 7,920 spend -
    // 2 * 12 * 220 delivery costs (5,280) = 13,200.
    let vendor_fall = d[1]
        .losers
        .iter()
        .find(|(a, _)| id(*a) == "vendor")
        .expect("vendor loses");
    assert!((vendor_fall.1 - 13_200.0).abs() < 1e-6, "{}", vendor_fall.1);
    // Without the supplier the vendor saves the parts: nobody loses.
    assert!(d[2].losers.is_empty(), "{:?}", d[2].losers);
    // The same for any thread count.
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let again = one.install(|| whatif::defections(&design, &base, &actors, &Config::default()));
    assert_eq!(again, d);
    // Both were win-win; without the vendor neither receives anything.
    let flips: Vec<String> = d[0].flips.iter().map(|&a| id(a)).collect();
    assert_eq!(flips, ["shops", "supplier"]);
    assert!(d[2].flips.is_empty(), "{:?}", d[2].flips);
}

#[test]
fn the_defect_command_ranks_the_actors_and_explains_a_wrong_one() {
    let (_dir, file) = design_file("shops.ron", SHOPS);
    let out = bin()
        .args(["defect", "--format", "json"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json[0]["actor"], "vendor");
    assert_eq!(json[0]["money_lost"].as_f64(), Some(34_320.0));
    assert_eq!(json[2]["actor"], "supplier");
    assert_eq!(json[2]["money_lost"].as_f64(), Some(7_920.0));
    let out = bin()
        .args(["defect", "--actor", "vendr"])
        .arg(&file)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("did you mean `vendor`?"), "{err}");
}

#[test]
fn a_defection_that_flips_exactly_one_verdict() {
    // The vendor pays the cloud 100 a year for hosting; the shops pay the
    // vendor 300 a year for a service worth 500 to them, and get a benefit
    // from their community too. If the vendor leaves, the cloud receives
    // nothing (it flips); the shops lose the service but still get the
    // benefit, pay nothing, and stay win-win (net value 0 + 0 worth).
    let (design, base) = load(
        r#"Ecosystem(name: "One flip", horizon_years: 1,
        nodes: [
            Node(id: "vendor", kind: Organization),
            Node(id: "shops", kind: Segment),
            Node(id: "cloud", kind: Organization),
            Node(id: "community", kind: Segment),
        ],
        exchanges: [
            Exchange(id: "fee", from: "shops", to: "vendor", flow: Money, value: 300.0, cadence: Yearly),
            Exchange(id: "service", from: "vendor", to: "shops", flow: Service, value: 500.0, cadence: Yearly),
            Exchange(id: "hosting-fee", from: "vendor", to: "cloud", flow: Money, value: 100.0, cadence: Yearly),
            Exchange(id: "hosting", from: "cloud", to: "vendor", flow: Service, value: 100.0, cadence: Yearly),
            Exchange(id: "tips", from: "community", to: "shops", flow: Benefit, value: 0.0, cadence: Yearly),
            Exchange(id: "thanks", from: "shops", to: "community", flow: Benefit, value: 0.0, cadence: Yearly),
        ])"#,
    );
    let vendor = design.node_index()["vendor"];
    let found = whatif::defections(&design, &base, &[vendor], &Config::default());
    let ids: Vec<&str> = found[0]
        .flips
        .iter()
        .map(|&a| design.ecosystem().node(a).id.as_str())
        .collect();
    assert_eq!(ids, ["cloud"]);
    // Money that stops: the fee 300 and the hosting fee 100.
    assert!((found[0].money_lost - 400.0).abs() < 1e-9);
    // The shops lose the service's worth less the fee: 500 - 300 = 200.
    let shops = design.node_index()["shops"];
    assert!(found[0]
        .losers
        .iter()
        .any(|&(a, f)| a == shops && (f - 200.0).abs() < 1e-9));
}
