//! The findings catalogue: for every check, a minimal design where it fires and
//! one where it does not; severities from the file and the command line.

use valuedesign::analysis::{self, Config};
use valuedesign::diagnostic::SourceFile;
use valuedesign::findings::{findings, Policy, CATALOGUE};
use valuedesign::model::Severity;

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
    findings(&design, &an, &policy)
        .into_iter()
        .map(|f| (f.code, f.severity, f.nodes))
        .collect()
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
    let loses = design(
        AB,
        r#"Exchange(id: "x", from: "a", to: "b", flow: Money, value: 5.0, cadence: Yearly)"#,
        "",
    );
    assert!(has(&loses, "win-win-failure"));
    let fair = design(
        AB,
        r#"Exchange(id: "x", from: "a", to: "b", flow: Money, value: 5.0, cadence: Yearly),
           Exchange(id: "y", from: "b", to: "a", flow: Service, value: 6.0, cadence: Yearly)"#,
        "",
    );
    assert!(!has(&fair, "win-win-failure"));
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
    let one_sale = design(
        AB,
        r#"Exchange(id: "x", from: "b", to: "a", flow: Money, value: 5.0, cadence: Once)"#,
        "",
    );
    assert!(has(&one_sale, "single-revenue-stream"));
    assert!(has(&one_sale, "no-recurring-revenue"));
    let two = design(
        AB,
        r#"Exchange(id: "x", from: "b", to: "a", flow: Money, value: 5.0, cadence: Once),
           Exchange(id: "y", from: "b", to: "a", flow: Money, value: 1.0, cadence: Yearly)"#,
        "",
    );
    assert!(!has(&two, "single-revenue-stream"));
    assert!(!has(&two, "no-recurring-revenue"));
}

#[test]
fn breakeven_beyond_horizon() {
    let nodes = r#"Node(id: "a", kind: Organization, costs: [Cost(label: "R&D", amount: 100.0, cadence: Once)]),
                   Node(id: "b", kind: Organization)"#;
    let slow = design(
        nodes,
        r#"Exchange(id: "x", from: "b", to: "a", flow: Money, value: 10.0, cadence: Yearly)"#,
        "",
    );
    assert!(has(&slow, "breakeven-beyond-horizon"));
    let fast = design(
        nodes,
        r#"Exchange(id: "x", from: "b", to: "a", flow: Money, value: 60.0, cadence: Yearly)"#,
        "",
    );
    assert!(!has(&fast, "breakeven-beyond-horizon"));
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
    // c carries one exchange of four equal ones: 25%; a and b carry more than half.
    let nodes = r#"Node(id: "a", kind: Organization), Node(id: "b", kind: Organization), Node(id: "c", kind: Organization)"#;
    let x = r#"Exchange(id: "w", from: "a", to: "b", flow: Money, value: 1.0, cadence: Yearly),
               Exchange(id: "x", from: "b", to: "a", flow: Money, value: 1.0, cadence: Yearly),
               Exchange(id: "y", from: "a", to: "b", flow: Money, value: 1.0, cadence: Yearly),
               Exchange(id: "z", from: "c", to: "a", flow: Money, value: 1.0, cadence: Yearly)"#;
    let f = fired(&design(nodes, x, ""));
    let keystones: Vec<&Vec<String>> = f
        .iter()
        .filter(|f| f.0 == "keystone-risk")
        .map(|f| &f.2)
        .collect();
    assert_eq!(
        keystones,
        vec![&vec!["a".to_owned()], &vec!["b".to_owned()]]
    );
    // The same with b a customer segment: only the firm a is a risk.
    let nodes = r#"Node(id: "a", kind: Organization), Node(id: "b", kind: Segment), Node(id: "c", kind: Organization)"#;
    let f = fired(&design(nodes, x, ""));
    let keystones: Vec<&Vec<String>> = f
        .iter()
        .filter(|f| f.0 == "keystone-risk")
        .map(|f| &f.2)
        .collect();
    assert_eq!(keystones, vec![&vec!["a".to_owned()]]);
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
    assert!(has(
        &design(AB, x, "discount_rate: 8.0,"),
        "implausible-rate"
    ));
    let fast = r#"Node(id: "a", kind: Organization), Node(id: "b", kind: Segment, growth: 10.0)"#;
    assert!(has(&design(fast, x, ""), "implausible-rate"));
    let sane = r#"Node(id: "a", kind: Organization), Node(id: "b", kind: Segment, growth: 0.4)"#;
    assert!(!has(
        &design(sane, x, "discount_rate: 0.08,"),
        "implausible-rate"
    ));
}

#[test]
fn everything_in_house() {
    let nodes = r#"Node(id: "a", kind: Organization, activities: ["Build", "Sell", "Support"]), Node(id: "b", kind: Organization)"#;
    let alone = design(
        nodes,
        r#"Exchange(id: "x", from: "b", to: "a", flow: Money, value: 1.0, cadence: Yearly)"#,
        "",
    );
    assert!(has(&alone, "everything-in-house"));
    let partnered = design(
        nodes,
        r#"Exchange(id: "x", from: "b", to: "a", flow: Money, value: 1.0, cadence: Yearly),
           Exchange(id: "y", from: "b", to: "a", flow: Knowledge, value: 1.0, cadence: Yearly)"#,
        "",
    );
    assert!(!has(&partnered, "everything-in-house"));
}

#[test]
fn every_check_has_a_test_here_and_a_source() {
    let me = include_str!("findings.rs");
    for c in CATALOGUE {
        assert!(
            me.contains(&format!("\"{}\"", c.code)),
            "no test for {}",
            c.code
        );
        assert!(!c.why.is_empty() && !c.source.is_empty());
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
