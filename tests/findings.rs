//! The findings catalogue: for every check, a minimal design where it fires and
//! one where it does not; severities from the file and the command line.

use std::collections::BTreeSet;
use std::sync::Mutex;
use valuedesign::analysis::{self, Config};
use valuedesign::diagnostic::SourceFile;
use valuedesign::findings::{findings, Policy, CATALOGUE};
use valuedesign::model::Severity;

/// Every code any design in this file has fired (filled by [`fired`]).
static FIRED: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

fn fired(text: &str) -> Vec<(&'static str, Severity, Vec<String>)> {
    let design = valuedesign::load_source(&SourceFile {
        name: "f.ron".into(),
        text: text.into(),
    })
    .unwrap_or_else(|e| panic!("{}", e.render()));
    let an = analysis::analyse(&design, &Config::default());
    let policy = Policy {
        overrides: design
            .ecosystem()
            .findings
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
        deny_warnings: false,
    };
    let out: Vec<_> = findings(&design, &an, &policy)
        .into_iter()
        .map(|f| (f.code.as_str(), f.severity, f.nodes))
        .collect();
    let mut seen = FIRED.lock().unwrap_or_else(|e| e.into_inner());
    seen.extend(out.iter().map(|f| f.0));
    out
}

fn has(text: &str, code: &str) -> bool {
    fired(text).iter().any(|f| f.0 == code)
}

/// Two organisations trading both ways: the shape most checks start from.
fn design(nodes: &str, exchanges: &str, extra: &str) -> String {
    format!("Ecosystem(name: \"t\", horizon_years: 2, {extra} nodes: [{nodes}], exchanges: [{exchanges}])")
}

const AB: &str = r#"Node(id: "a", kind: Organization), Node(id: "b", kind: Organization)"#;

#[test]
fn win_win_failure() {
    // a pays b 5 a year for nothing: a (an organisation, judged on profit)
    // loses 10 over the 2 years.
    let loses = design(
        AB,
        r#"Exchange(id: "x", from: "a", to: "b", flow: Money, value: 5.0, cadence: Yearly)"#,
        "",
    );
    assert!(has(&loses, "win-win-failure"));
    // a buys a service worth 6 for 5: still a money loss for a firm, since
    // what it buys is an input (buying does not create value)...
    let buys = r#"Exchange(id: "x", from: "a", to: "b", flow: Money, value: 5.0, cadence: Yearly),
           Exchange(id: "y", from: "b", to: "a", flow: Service, value: 6.0, cadence: Yearly)"#;
    let f = fired(&design(AB, buys, ""));
    assert!(f.iter().any(|f| f.0 == "win-win-failure" && f.2 == ["a"]));
    // ...but a customer segment gains 2 x (6 - 5) = 2 of worth: win-win.
    let customer = r#"Node(id: "a", kind: Segment), Node(id: "b", kind: Organization)"#;
    assert!(!has(&design(customer, buys, ""), "win-win-failure"));
}

#[test]
fn isolated_node() {
    let x = r#"Exchange(id: "x", from: "a", to: "b", flow: Data, value: 0.0, cadence: Yearly)"#;
    assert!(has(
        &design(&format!("{AB}, Node(id: \"c\", kind: Person)"), x, ""),
        "isolated-node"
    ));
    assert!(!has(&design(AB, x, ""), "isolated-node"));
}

#[test]
fn single_revenue_stream_and_no_recurring_revenue() {
    // a sells b one kit, paid once.
    let one_sale = design(
        AB,
        r#"Exchange(id: "k", from: "a", to: "b", flow: Goods, value: 5.0, cadence: Once),
           Exchange(id: "x", from: "b", to: "a", flow: Money, value: 5.0, cadence: Once, reciprocates: Some("k"))"#,
        "",
    );
    assert!(has(&one_sale, "single-revenue-stream"));
    assert!(has(&one_sale, "no-recurring-revenue"));
    // The kit, and a yearly service fee: two streams, one recurring.
    let two = design(
        AB,
        r#"Exchange(id: "k", from: "a", to: "b", flow: Goods, value: 5.0, cadence: Once),
           Exchange(id: "x", from: "b", to: "a", flow: Money, value: 5.0, cadence: Once, reciprocates: Some("k")),
           Exchange(id: "s", from: "a", to: "b", flow: Service, value: 1.0, cadence: Yearly),
           Exchange(id: "y", from: "b", to: "a", flow: Money, value: 1.0, cadence: Yearly, reciprocates: Some("s"))"#,
        "",
    );
    assert!(!has(&two, "single-revenue-stream"));
    assert!(!has(&two, "no-recurring-revenue"));
    // Money for nothing in return is a transfer: its receiver sells nothing
    // and gets no finding about selling.
    let grant = design(
        AB,
        r#"Exchange(id: "x", from: "b", to: "a", flow: Money, value: 5.0, cadence: Once)"#,
        "",
    );
    assert!(!has(&grant, "single-revenue-stream"));
    assert!(!has(&grant, "no-recurring-revenue"));
}

/// An airport that only buys (lighting as a service) and receives an
/// energy-efficiency rebate from a utility: it sells nothing, so no finding
/// about selling speaks to it, even where it is the keystone by removal.
#[test]
fn an_actor_that_sells_nothing_gets_no_findings_about_selling() {
    let nodes = r#"Node(id: "airport", kind: Organization, goal: Some(Worth)),
                   Node(id: "lights", kind: Organization, resources: ["LED fleet"]),
                   Node(id: "utility", kind: Organization)"#;
    let x = r#"Exchange(id: "light", from: "lights", to: "airport", flow: Service, value: 120.0, cadence: Yearly),
               Exchange(id: "fee", from: "airport", to: "lights", flow: Money, value: 100.0, cadence: Yearly, reciprocates: Some("light")),
               Exchange(id: "rebate", from: "utility", to: "airport", flow: Money, value: 30.0, cadence: Once)"#;
    let f = fired(&design(nodes, x, ""));
    for code in [
        "single-revenue-stream",
        "no-recurring-revenue",
        "breakeven-beyond-horizon",
        "keystone-risk",
        "anyone-can-do-this",
    ] {
        assert!(
            !f.iter().any(|f| f.0 == code && f.2[0] == "airport"),
            "{code} on the airport: {f:?}"
        );
    }
    // The lighting company sells: its single stream is reported.
    assert!(f
        .iter()
        .any(|f| f.0 == "single-revenue-stream" && f.2 == ["lights"]));
}

#[test]
fn breakeven_beyond_horizon() {
    // a sells a yearly service: R&D 100 once against 10 or 60 a year for 2 years.
    let nodes = r#"Node(id: "a", kind: Organization, costs: [Cost(label: "R&D", amount: 100.0, cadence: Once)]),
                   Node(id: "b", kind: Organization)"#;
    let sale = |fee: f64| {
        design(
            nodes,
            &format!(
                r#"Exchange(id: "s", from: "a", to: "b", flow: Service, value: {fee}, cadence: Yearly),
                   Exchange(id: "x", from: "b", to: "a", flow: Money, value: {fee}, cadence: Yearly, reciprocates: Some("s"))"#
            ),
            "",
        )
    };
    // 2 x 10 - 100 = -80 at the end: never breaks even.
    assert!(has(&sale(10.0), "breakeven-beyond-horizon"));
    // 60 - 100 = -40, then +20 in year 2.
    assert!(!has(&sale(60.0), "breakeven-beyond-horizon"));
}

#[test]
fn individual_and_unserved_drivers() {
    let x = r#"Exchange(id: "x", from: "a", to: "b", flow: Data, value: 0.0, cadence: Yearly, drivers: ["d"])"#;
    let one = design(
        r#"Node(id: "a", kind: Organization, drivers: ["d"]), Node(id: "b", kind: Organization)"#,
        x,
        r#"drivers: [Driver(id: "d"), Driver(id: "e")],"#,
    );
    assert!(has(&one, "individual-driver"));
    assert!(
        has(&one, "unserved-driver"),
        "driver e is served by nothing"
    );
    let shared = design(
        r#"Node(id: "a", kind: Organization, drivers: ["d"]), Node(id: "b", kind: Organization, drivers: ["d"])"#,
        x,
        r#"drivers: [Driver(id: "d")],"#,
    );
    assert!(!has(&shared, "individual-driver"));
    assert!(!has(&shared, "unserved-driver"));
}

#[test]
fn unreciprocated_flow() {
    let one_way = design(
        AB,
        r#"Exchange(id: "x", from: "a", to: "b", flow: Goods, value: 5.0, cadence: Yearly)"#,
        "",
    );
    assert!(has(&one_way, "unreciprocated-flow"));
    let paid = design(
        AB,
        r#"Exchange(id: "x", from: "a", to: "b", flow: Goods, value: 5.0, cadence: Yearly),
           Exchange(id: "y", from: "b", to: "a", flow: Money, value: 5.0, cadence: Yearly, reciprocates: Some("x"))"#,
        "",
    );
    assert!(!has(&paid, "unreciprocated-flow"));
}

#[test]
fn data_without_return() {
    let nodes = r#"Node(id: "users", kind: Segment), Node(id: "app", kind: Organization),
                   Node(id: "phone", kind: Device, parent: Some("users"))"#;
    let taken = design(
        nodes,
        r#"Exchange(id: "x", from: "phone", to: "app", flow: Data, value: 0.0, cadence: Yearly)"#,
        "",
    );
    assert!(has(&taken, "data-without-return"));
    let returned = design(
        nodes,
        r#"Exchange(id: "x", from: "phone", to: "app", flow: Data, value: 0.0, cadence: Yearly),
           Exchange(id: "y", from: "app", to: "users", flow: Service, value: 1.0, cadence: Yearly)"#,
        "",
    );
    assert!(!has(&returned, "data-without-return"));
}

#[test]
fn channel_dependency() {
    let via = |c1: &str, c2: &str| {
        design(
            AB,
            &format!(
                r#"Exchange(id: "x", from: "a", to: "b", flow: Goods, value: 5.0, cadence: Once, channel: Some("{c1}")),
                   Exchange(id: "y", from: "a", to: "b", flow: Service, value: 5.0, cadence: Yearly, channel: Some("{c2}")),
                   Exchange(id: "z", from: "b", to: "a", flow: Money, value: 9.0, cadence: Yearly)"#
            ),
            "",
        )
    };
    assert!(has(&via("Integrator", "Integrator"), "channel-dependency"));
    assert!(!has(
        &via("Integrator", "Direct sales"),
        "channel-dependency"
    ));
}

#[test]
fn keystone_risk() {
    // Yearly values: w 1, x 1, y 1, z 1, v 1 (a transfer from c), s 10, p 10:
    // 25 a year. a touches all: 100%; b touches w, x, y, z: 4/25 = 16%; c
    // touches v, s, p: 21/25 = 84%, but c sells nothing (a customer): only
    // the supplier a is a risk.
    let nodes = r#"Node(id: "a", kind: Organization), Node(id: "b", kind: Organization), Node(id: "c", kind: Organization)"#;
    let x = r#"Exchange(id: "w", from: "a", to: "b", flow: Service, value: 1.0, cadence: Yearly),
               Exchange(id: "x", from: "b", to: "a", flow: Money, value: 1.0, cadence: Yearly, reciprocates: Some("w")),
               Exchange(id: "y", from: "b", to: "a", flow: Goods, value: 1.0, cadence: Yearly),
               Exchange(id: "z", from: "a", to: "b", flow: Money, value: 1.0, cadence: Yearly, reciprocates: Some("y")),
               Exchange(id: "v", from: "c", to: "a", flow: Money, value: 1.0, cadence: Yearly, reciprocates: Some("x")),
               Exchange(id: "s", from: "a", to: "c", flow: Service, value: 10.0, cadence: Yearly),
               Exchange(id: "p", from: "c", to: "a", flow: Money, value: 10.0, cadence: Yearly, reciprocates: Some("s"))"#;
    let (design_, an) = {
        let d = valuedesign::load_source(&SourceFile {
            name: "k.ron".into(),
            text: design(nodes, x, ""),
        })
        .expect("loads");
        let an = analysis::analyse(&d, &Config::default());
        (d, an)
    };
    let c = design_.node_index()["c"];
    assert!((an.removal.impact[c] - 21.0 / 25.0).abs() < 1e-12);
    assert!(!an.sells[c]);
    let f = fired(&design(nodes, x, ""));
    let keystones: Vec<&Vec<String>> = f
        .iter()
        .filter(|f| f.0 == "keystone-risk")
        .map(|f| &f.2)
        .collect();
    assert_eq!(keystones, vec![&vec!["a".to_owned()]]);
    // The keystone of the analysis is the supplier a too.
    assert_eq!(an.keystone, Some(design_.node_index()["a"]));
}

#[test]
fn extract_without_money() {
    let x = r#"Exchange(id: "x", from: "a", to: "b", flow: Data, value: 0.0, cadence: Yearly),
               Exchange(id: "y", from: "b", to: "a", flow: Money, value: 1.0, cadence: Yearly)"#;
    assert!(has(
        &design(AB, x, r#"extracts: [Extract(id: "e", exchanges: ["x"])],"#),
        "extract-without-money"
    ));
    assert!(!has(
        &design(AB, x, r#"extracts: [Extract(id: "e", exchanges: ["y"])],"#),
        "extract-without-money"
    ));
    // Money in it, but all paid inside its core: it captures nothing.
    assert!(has(
        &design(AB, x, r#"extracts: [Extract(id: "e", nodes: ["a", "b"])],"#),
        "extract-without-money"
    ));
}

#[test]
fn implausible_rate() {
    let x = r#"Exchange(id: "y", from: "b", to: "a", flow: Money, value: 1.0, cadence: Yearly)"#;
    // Growth above 1 (100% a year) warns: 10 and 1.5 do, 0.4 does not.
    for growth in ["10.0", "1.5"] {
        let fast = format!(
            r#"Node(id: "a", kind: Organization), Node(id: "b", kind: Segment, growth: {growth})"#
        );
        assert!(has(&design(&fast, x, ""), "implausible-rate"), "{growth}");
    }
    let sane = r#"Node(id: "a", kind: Organization), Node(id: "b", kind: Segment, growth: 0.4)"#;
    assert!(!has(
        &design(sane, x, "discount_rate: 0.08,"),
        "implausible-rate"
    ));
    // A discount rate above 1 is an error of the file, located, with the fraction to write.
    let err = valuedesign::load_source(&SourceFile {
        name: "f.ron".into(),
        text: design(AB, x, "discount_rate: 8.0,"),
    })
    .expect_err("a rate of 800%");
    assert_eq!(err.diagnostics[0].code, "invalid-value");
    assert!(err.diagnostics[0].start.is_some());
    assert_eq!(
        err.diagnostics[0].help.as_deref(),
        Some("write a yearly rate as a fraction: 0.08 for 8%")
    );
}

#[test]
fn everything_in_house() {
    let nodes = r#"Node(id: "a", kind: Organization, activities: ["Build", "Sell", "Support"]), Node(id: "b", kind: Organization), Node(id: "c", kind: Organization)"#;
    let sells = r#"Exchange(id: "s", from: "a", to: "b", flow: Service, value: 1.0, cadence: Yearly),
           Exchange(id: "x", from: "b", to: "a", flow: Money, value: 1.0, cadence: Yearly, reciprocates: Some("s"))"#;
    assert!(has(&design(nodes, sells, ""), "everything-in-house"));
    // Knowledge received for free is no partnership; paying c for parts is.
    let free = format!(
        r#"{sells}, Exchange(id: "k", from: "b", to: "a", flow: Knowledge, value: 1.0, cadence: Yearly)"#
    );
    assert!(has(&design(nodes, &free, ""), "everything-in-house"));
    let partnered = format!(
        r#"{sells}, Exchange(id: "parts", from: "c", to: "a", flow: Goods, value: 1.0, cadence: Yearly),
           Exchange(id: "pay", from: "a", to: "c", flow: Money, value: 1.0, cadence: Yearly, reciprocates: Some("parts"))"#
    );
    assert!(!has(&design(nodes, &partnered, ""), "everything-in-house"));
}

#[test]
fn everyone_is_a_customer() {
    // a offers a service to four segments; only s1 pursues what it serves.
    let nodes = r#"Node(id: "a", kind: Organization, resources: ["Platform"]),
        Node(id: "s1", kind: Segment, drivers: ["d"]), Node(id: "s2", kind: Segment),
        Node(id: "s3", kind: Segment), Node(id: "s4", kind: Segment, drivers: ["e"])"#;
    let offers = |serves: &str| {
        let mut x = String::new();
        for s in ["s1", "s2", "s3", "s4"] {
            x.push_str(&format!(
                r#"Exchange(id: "svc-{s}", from: "a", to: "{s}", flow: Service, value: 1.0, cadence: Yearly, drivers: [{serves}]),
                   Exchange(id: "fee-{s}", from: "{s}", to: "a", flow: Money, value: 1.0, cadence: Yearly, reciprocates: Some("svc-{s}")),"#
            ));
        }
        x
    };
    let drivers = r#"drivers: [Driver(id: "d"), Driver(id: "e")],"#;
    // s2, s3 (no drivers) and s4 (pursues e, served d): 3 of 4 undefined.
    let f = fired(&design(nodes, &offers("\"d\""), drivers));
    let hit = f
        .iter()
        .find(|f| f.0 == "everyone-is-a-customer")
        .expect("fires");
    assert_eq!(hit.2, ["a", "s2", "s3", "s4"]);
    // Serving d and e: s2 and s3 are still undefined, 2 of 4: half, fires.
    assert!(has(
        &design(nodes, &offers("\"d\", \"e\""), drivers),
        "everyone-is-a-customer"
    ));
    // With drivers for every segment it does not.
    let defined = nodes.replace(
        r#"Node(id: "s2", kind: Segment)"#,
        r#"Node(id: "s2", kind: Segment, drivers: ["d"])"#,
    );
    assert!(!has(
        &design(&defined, &offers("\"d\", \"e\""), drivers),
        "everyone-is-a-customer"
    ));
}

#[test]
fn nice_but_no_pay() {
    // a sells b a service; c receives a report worth 50 a year and pays nobody.
    let nodes = r#"Node(id: "a", kind: Organization, resources: ["Know-how"]), Node(id: "b", kind: Segment),
                   Node(id: "c", kind: Organization, goal: Some(Worth))"#;
    let base = r#"Exchange(id: "s", from: "a", to: "b", flow: Service, value: 10.0, cadence: Yearly),
                  Exchange(id: "x", from: "b", to: "a", flow: Money, value: 10.0, cadence: Yearly, reciprocates: Some("s")),
                  Exchange(id: "report", from: "a", to: "c", flow: Knowledge, value: 50.0, cadence: Yearly)"#;
    let f = fired(&design(nodes, base, ""));
    let hit = f.iter().find(|f| f.0 == "nice-but-no-pay").expect("fires");
    assert_eq!(hit.2, ["a", "c"]);
    // c pays b, who pays a: someone pays a on c's behalf.
    let through_b = format!(
        r#"{base}, Exchange(id: "cb", from: "c", to: "b", flow: Money, value: 5.0, cadence: Yearly)"#
    );
    assert!(!has(&design(nodes, &through_b, ""), "nice-but-no-pay"));
    // c decides for b, which pays a: the customer's own segment pays.
    let decides = nodes.replace(
        "goal: Some(Worth))",
        "goal: Some(Worth), decides_for: Some(\"b\"))",
    );
    assert!(!has(&design(&decides, base, ""), "nice-but-no-pay"));
    // An unvalued report (0.0) says nothing of its worth: no finding.
    let unvalued = base.replace("value: 50.0", "value: 0.0");
    assert!(!has(&design(nodes, &unvalued, ""), "nice-but-no-pay"));
}

#[test]
fn anyone_can_do_this() {
    let x = r#"Exchange(id: "s", from: "a", to: "b", flow: Service, value: 1.0, cadence: Yearly),
               Exchange(id: "y", from: "b", to: "a", flow: Money, value: 1.0, cadence: Yearly, reciprocates: Some("s"))"#;
    assert!(has(&design(AB, x, ""), "anyone-can-do-this"));
    // A resource of its own, or data it receives, is something to copy first.
    let with_resource = r#"Node(id: "a", kind: Organization, resources: ["Patented sensor"]), Node(id: "b", kind: Organization)"#;
    assert!(!has(&design(with_resource, x, ""), "anyone-can-do-this"));
    let with_data = format!(
        r#"{x}, Exchange(id: "d", from: "b", to: "a", flow: Data, value: 0.0, cadence: Yearly)"#
    );
    assert!(!has(&design(AB, &with_data, ""), "anyone-can-do-this"));
}

/// Findings come grouped by the actor they speak to: an actor that loses
/// money first (the largest loss first), then by severity and money at stake.
#[test]
fn findings_are_grouped_by_actor_most_important_first() {
    // a sells b a kit once (single stream, no recurring revenue: stake 100).
    // c pays d 30 a year for nothing: c loses 60 (NPV -60 at rate 0); d gets a transfer.
    // e loses 200 the same way, so e comes first, then c, then a.
    let nodes = r#"Node(id: "a", kind: Organization, resources: ["R"]), Node(id: "b", kind: Segment),
        Node(id: "c", kind: Organization), Node(id: "d", kind: Organization), Node(id: "e", kind: Organization)"#;
    let x = r#"Exchange(id: "k", from: "a", to: "b", flow: Goods, value: 100.0, cadence: Once),
               Exchange(id: "kp", from: "b", to: "a", flow: Money, value: 100.0, cadence: Once, reciprocates: Some("k")),
               Exchange(id: "t", from: "c", to: "d", flow: Money, value: 30.0, cadence: Yearly),
               Exchange(id: "u", from: "e", to: "d", flow: Money, value: 100.0, cadence: Yearly)"#;
    let f = fired(&design(nodes, x, ""));
    let actors: Vec<&str> = f
        .iter()
        .map(|f| f.2.first().map_or("", String::as_str))
        .collect();
    let first = |who: &str| actors.iter().position(|a| *a == who).expect(who);
    let last = |who: &str| actors.iter().rposition(|a| *a == who).expect(who);
    assert!(last("e") < first("c"), "{f:?}");
    assert!(last("c") < first("a"), "{f:?}");
    // Each actor's findings are together.
    for who in ["a", "c", "e"] {
        assert!(
            actors[first(who)..=last(who)].iter().all(|a| *a == who),
            "{f:?}"
        );
    }
}

/// Every entry of the catalogue fires on some design of this file: the check
/// functions run here again (they also run on their own), and the codes they
/// fired are gathered by [`fired`]. A new code without a design that fires it,
/// or a check that can no longer fire, fails here.
#[test]
fn every_catalogue_entry_fires_on_some_design() {
    win_win_failure();
    isolated_node();
    single_revenue_stream_and_no_recurring_revenue();
    breakeven_beyond_horizon();
    individual_and_unserved_drivers();
    unreciprocated_flow();
    data_without_return();
    channel_dependency();
    keystone_risk();
    extract_without_money();
    implausible_rate();
    everything_in_house();
    everyone_is_a_customer();
    nice_but_no_pay();
    anyone_can_do_this();
    seller_judged_on_worth();
    let seen = FIRED.lock().unwrap_or_else(|e| e.into_inner()).clone();
    for c in CATALOGUE {
        assert!(seen.contains(c.name), "no design here fires {}", c.name);
        assert!(!c.why.is_empty() && !c.source.is_empty(), "{}", c.name);
    }
    assert!(CATALOGUE.len() >= 12);
}

#[test]
fn severities_come_from_the_file() {
    let text = design(
        AB,
        r#"Exchange(id: "x", from: "a", to: "b", flow: Goods, value: 5.0, cadence: Yearly)"#,
        r#"findings: { "unreciprocated-flow": Deny, "win-win-failure": Allow },"#,
    );
    let f = fired(&text);
    assert!(f
        .iter()
        .any(|f| f.0 == "unreciprocated-flow" && f.1 == Severity::Deny));
    assert!(
        !f.iter().any(|f| f.0 == "win-win-failure"),
        "allowed findings are not reported"
    );
}

#[test]
fn an_unknown_finding_code_in_a_file_is_a_located_error() {
    let text = design(AB, "", r#"findings: { "single-revenue-strem": Deny },"#);
    let err = valuedesign::load_source(&SourceFile {
        name: "f.ron".into(),
        text,
    })
    .expect_err("unknown code");
    assert_eq!(err.diagnostics[0].code, "unknown-finding");
    assert_eq!(
        err.diagnostics[0].help.as_deref(),
        Some("did you mean `single-revenue-stream`? The codes are listed in docs/findings.md")
    );
    assert!(err.diagnostics[0].start.is_some());
}

#[test]
fn seller_judged_on_worth() {
    // a sells b a service for 10 a year and buys parts from c for 30 a year
    // (worth 30 to it): on money it loses 2 x 20 = 40; written `goal: Worth`
    // it would read yes (2 x (10 + 30 - 30) = 20), so the finding says why.
    let x = r#"Exchange(id: "s", from: "a", to: "b", flow: Service, value: 10.0, cadence: Yearly),
               Exchange(id: "fee", from: "b", to: "a", flow: Money, value: 10.0, cadence: Yearly, reciprocates: Some("s")),
               Exchange(id: "parts", from: "c", to: "a", flow: Goods, value: 30.0, cadence: Yearly),
               Exchange(id: "pay", from: "a", to: "c", flow: Money, value: 30.0, cadence: Yearly, reciprocates: Some("parts"))"#;
    let worth = r#"Node(id: "a", kind: Organization, goal: Worth), Node(id: "b", kind: Segment), Node(id: "c", kind: Organization)"#;
    let f = fired(&design(worth, x, ""));
    assert!(
        f.iter()
            .any(|f| f.0 == "seller-judged-on-worth" && f.2 == ["a"]),
        "{f:?}"
    );
    assert!(!f.iter().any(|f| f.0 == "win-win-failure" && f.2 == ["a"]));
    // Judged on profit (the default), it is a win-win failure instead.
    let profit = worth.replace(", goal: Worth", "");
    let f = fired(&design(&profit, x, ""));
    assert!(!f.iter().any(|f| f.0 == "seller-judged-on-worth"));
    assert!(f.iter().any(|f| f.0 == "win-win-failure" && f.2 == ["a"]));
}

/// `check` leaves out the reach and the betweenness (no finding reads
/// them): the findings of every shipped design and of a generated one are
/// the same with and without them.
#[test]
fn findings_do_not_depend_on_the_measures_check_leaves_out() {
    let mut designs: Vec<valuedesign::ValueDesign> =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ecosystems"))
            .expect("ecosystems")
            .filter_map(Result::ok)
            .map(|e| {
                valuedesign::load_file(&e.path())
                    .expect("shipped design loads")
                    .1
            })
            .collect();
    let generated =
        valuedesign::generate::generate_string(&valuedesign::generate::GenerateConfig::new(600, 1));
    designs.push(
        valuedesign::load_source(&SourceFile {
            name: "generated.ron".into(),
            text: generated,
        })
        .expect("generated design loads"),
    );
    assert!(designs.len() >= 7);
    for design in &designs {
        let full = analysis::analyse(design, &Config::default());
        let lean = analysis::analyse(
            design,
            &Config {
                skip_centrality: true,
                ..Config::default()
            },
        );
        let policy = Policy::default();
        let a = findings(design, &full, &policy);
        let b = findings(design, &lean, &policy);
        assert_eq!(a, b, "{}", design.ecosystem().name);
    }
}
