//! The ecosystem as a whole: value loops, exchange indicators and the
//! sharing of value, each worked out by hand on a small design; properties
//! (an isolated actor changes nothing, the thread count changes nothing, a
//! bounded search on a large network says when it stopped).

mod common;
use common::load;

use valuedesign::analysis::loops;
use valuedesign::index::NodeIdx;

/// Over 2 years, no discounting, every exchange once a year. The vendor V
/// serves the shop S (worth 1,800) and pays the supplier P 200 for parts;
/// S pays V 1,200; P sends V parts (200) and S tips (knowledge, 100) and pays
/// 500 for tooling in year 1. V's sensor sends V data (within V: no step).
const SMALL: &str = r#"Ecosystem(
    name: "Small",
    horizon_years: 2,
    nodes: [
        Node(id: "vendor", label: "Vendor", kind: Organization),
        Node(id: "shop", label: "Shop", kind: Segment),
        Node(id: "supplier", label: "Supplier", kind: Organization,
             costs: [Cost(label: "Tooling", amount: 500.0, cadence: Some(Once))]),
        Node(id: "sensor", label: "Sensor", kind: Device, parent: Some("vendor")),
    ],
    exchanges: [
        Exchange(id: "svc", from: "vendor", to: "shop", flow: Service, value: 1800.0, cadence: Yearly),
        Exchange(id: "sub", from: "shop", to: "vendor", flow: Money, value: 1200.0, cadence: Yearly),
        Exchange(id: "pay", from: "vendor", to: "supplier", flow: Money, value: 200.0, cadence: Yearly),
        Exchange(id: "parts", from: "supplier", to: "vendor", flow: Goods, value: 200.0, cadence: Yearly),
        Exchange(id: "tips", from: "supplier", to: "shop", flow: Knowledge, value: 100.0, cadence: Yearly),
        Exchange(id: "readings", from: "sensor", to: "vendor", flow: Data, value: 5.0, cadence: Yearly),
    ],
)
"#;

const V: NodeIdx = NodeIdx::new(0);
const S: NodeIdx = NodeIdx::new(1);
const P: NodeIdx = NodeIdx::new(2);

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn value_loops_are_found_scored_and_ranked_by_hand() {
    let (_, an) = load(SMALL);
    let l = &an.loops;
    assert_eq!(l.parts, vec![vec![V, S, P]]);
    assert!(l.complete);
    // V gives 1,800 + 200: 0.9 of it to S, 0.1 to P. S gives all to V.
    // P gives 200 + 100: 2/3 to V, 1/3 to S.
    let got: Vec<(Vec<NodeIdx>, f64)> = l
        .loops
        .iter()
        .map(|x| (x.actors.clone(), x.score))
        .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].0, [V, S]);
    assert!(close(got[0].1, 0.9));
    assert_eq!(got[1].0, [V, P]);
    assert!(close(got[1].1, 0.1 * 2.0 / 3.0));
    assert_eq!(got[2].0, [V, P, S]);
    assert!(close(got[2].1, 0.1 / 3.0));
    // Each step names its exchanges (svc, then sub).
    let ids = |k: usize| -> Vec<Vec<usize>> {
        l.loops[k]
            .steps
            .iter()
            .map(|s| s.iter().map(|e| e.index()).collect())
            .collect()
    };
    assert_eq!(ids(0), [vec![0], vec![1]]);
    assert_eq!(ids(2), [vec![2], vec![4], vec![1]]);
}

#[test]
fn a_search_out_of_budget_says_so_and_keeps_what_it_found() {
    let (_, an) = load(SMALL);
    let full = loops::loops_within(&an.network, &an.timeline, u64::MAX);
    assert!(full.complete);
    assert_eq!(full, an.loops);
    // From V: svc to S, then sub back to V (a loop), and no budget left.
    let short = loops::loops_within(&an.network, &an.timeline, 2);
    assert!(!short.complete);
    assert_eq!(short.loops.len(), 1);
    assert_eq!(short.loops[0], full.loops[0]);
}

#[test]
fn exchange_indicators_by_hand() {
    let (_, an) = load(SMALL);
    let v = &an.indicators.actors[V];
    // Over 2 years: V gives (1,800 + 200) x 2 and gets (1,200 + 200) x 2.
    assert_eq!((v.gives, v.gets), (4000.0, 2800.0));
    assert_eq!((v.gives_tangible, v.gets_tangible), (Some(1.0), Some(1.0)));
    assert_eq!(v.reciprocity, Some(1.0));
    let (dep, partner) = v.dependence.expect("dependence");
    assert!(close(dep, 1200.0 / 1400.0));
    assert_eq!(partner, S);
    let s = &an.indicators.actors[S];
    assert!(close(s.gets_tangible.expect("share"), 1800.0 / 1900.0));
    // svc and sub are answered; tips (P to S) has no flow back.
    assert!(close(s.reciprocity.expect("share"), 2.0 / 3.0));
    let p = &an.indicators.actors[P];
    assert!(close(p.gives_tangible.expect("share"), 2.0 / 3.0));
    assert_eq!(p.dependence, Some((1.0, V)));
    let e = &an.indicators.ecosystem;
    assert_eq!(e.actors, 3);
    // 5 of the 6 ordered pairs exchange (S gives P nothing).
    assert!(close(e.density.expect("density"), 5.0 / 6.0));
    assert!(close(e.reciprocity.expect("reciprocity"), 4.0 / 5.0));
    // Revenue: V 2,400, P 400: (6/7)^2 + (1/7)^2 = 37/49.
    assert!(close(e.revenue_hhi.expect("hhi"), 37.0 / 49.0));
    // Intangible: tips, 200 of 7,000 (the sensor's data stays within V).
    assert!(close(e.intangible_share.expect("share"), 200.0 / 7000.0));
}

#[test]
fn value_sharing_by_hand() {
    let (_, an) = load(SMALL);
    let s = &an.sharing;
    // V: NPV 2 x 1,000; S (worth): 2 x (1,800 + 100 - 1,200); P: 400 - 500.
    let takes: Vec<f64> = s.parts.iter().map(|p| p.takes).collect();
    assert_eq!(takes, [2000.0, 1400.0, -100.0]);
    assert_eq!(s.created, 3300.0);
    assert!(close(
        s.parts[0].takes_share.expect("share"),
        2000.0 / 3300.0
    ));
    // P's cumulative cash: -300, then -100: it puts in 300; V never dips;
    // S is a worth actor (its payments are netted in its net value).
    let puts: Vec<Option<f64>> = s.parts.iter().map(|p| p.puts_in).collect();
    assert_eq!(puts, [Some(0.0), None, Some(300.0)]);
    assert_eq!(s.put_in, 300.0);
    assert_eq!(s.parts[2].puts_in_share, Some(1.0));
    let (taker, investor) = s.imbalance().expect("imbalance");
    assert_eq!((taker.actor, investor.actor), (V, P));
}

#[test]
fn an_isolated_actor_changes_no_loop_and_no_share_of_value() {
    let (_, base) = load(SMALL);
    let with = SMALL.replace(
        "        Node(id: \"sensor\"",
        "        Node(id: \"hermit\", label: \"Hermit\", kind: Organization),\n        Node(id: \"sensor\"",
    );
    let (_, an) = load(&with);
    let hermit = NodeIdx::new(3);
    let shift = |a: NodeIdx| {
        if a >= hermit {
            NodeIdx::new(a.index() - 1)
        } else {
            a
        }
    };
    let moved: Vec<Vec<NodeIdx>> = an
        .loops
        .loops
        .iter()
        .map(|l| l.actors.iter().copied().map(shift).collect())
        .collect();
    let before: Vec<Vec<NodeIdx>> = base.loops.loops.iter().map(|l| l.actors.clone()).collect();
    assert_eq!(moved, before);
    assert_eq!(an.sharing.created, base.sharing.created);
    assert_eq!(
        an.indicators.ecosystem.revenue_hhi,
        base.indicators.ecosystem.revenue_hhi
    );
    assert_eq!(
        an.indicators.ecosystem.intangible_share,
        base.indicators.ecosystem.intangible_share
    );
    // Density counts the hermit's missing pairs: 5 of 12.
    assert!(close(
        an.indicators.ecosystem.density.expect("density"),
        5.0 / 12.0
    ));
}

#[test]
fn the_loop_search_is_bounded_and_the_same_on_any_thread_count() {
    let eco = valuedesign::generate::design(&valuedesign::generate::GenerateConfig {
        nodes: 10_000,
        exchanges_per_node: 4,
        seed: 7,
    });
    let mut eco = eco;
    eco.apply_defaults();
    let design = valuedesign::ValueDesign::new(eco).expect("valid");
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        pool.install(|| valuedesign::analysis::analyse(&design, &Default::default()))
    };
    let one = run(1);
    let two = run(2);
    assert_eq!(one.loops, two.loops);
    assert_eq!(one.indicators, two.indicators);
    assert_eq!(one.sharing, two.sharing);
    assert!(!one.loops.loops.is_empty());
    assert!(one.loops.loops.len() <= loops::TOP);
    assert!(one.loops.loops.windows(2).all(|w| w[0].score >= w[1].score));
    for l in &one.loops.loops {
        assert!(l.actors.len() >= 2 && l.actors.len() <= loops::MAX_LEN);
        assert_eq!(l.steps.len(), l.actors.len());
    }
}

#[test]
fn value_capture_imbalance_fires_when_one_firm_takes_and_another_invests() {
    let codes = |text: &str| -> Vec<(String, Vec<String>, f64)> {
        let (design, an) = load(text);
        valuedesign::findings::findings(&design, &an, &Default::default())
            .into_iter()
            .filter(|f| f.code.as_str() == "value-capture-imbalance")
            .map(|f| (f.message, f.nodes, f.stake))
            .collect()
    };
    let hit = codes(SMALL);
    assert_eq!(hit.len(), 1, "{hit:?}");
    // It speaks to the investor; the stake is what it puts in.
    assert_eq!(hit[0].1, ["supplier", "vendor"]);
    assert_eq!(hit[0].2, 300.0);
    assert!(
        hit[0].0.contains("takes 60.6% of the value"),
        "{}",
        hit[0].0
    );
    // Without the tooling cost nobody puts anything in: no finding.
    let balanced = SMALL.replace(
        ",\n             costs: [Cost(label: \"Tooling\", amount: 500.0, cadence: Some(Once))]",
        "",
    );
    assert_ne!(balanced, SMALL);
    assert!(codes(&balanced).is_empty());
}

#[test]
fn map_draws_a_loop_on_request_and_says_which_loops_there_are() {
    let (dir, file) = common::design_file("small.ron", SMALL);
    let out = common::bin()
        .args(["map", "--loop", "3", "--out"])
        .arg(dir.path())
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(dir.path().join("map-loop-3.svg")).expect("map");
    assert!(
        svg.contains("value loop 3 (Vendor → Supplier → Shop → Vendor)"),
        "title"
    );
    // Its three exchanges, not the others.
    for (flow, drawn) in [
        ("vendor-supplier-money", true),
        ("supplier-shop-knowledge", true),
        ("shop-vendor-money", true),
        ("supplier-vendor-goods", false),
        ("vendor-shop-service", false),
    ] {
        assert_eq!(
            svg.contains(&format!("id=\"map-loop-3-flow-{flow}\"")),
            drawn,
            "{flow}"
        );
    }
    let out = common::bin()
        .args(["map", "--loop", "4", "--out"])
        .arg(dir.path())
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("value loop `4` is not in this value design (it has loops 1 to 3"),
        "{err}"
    );
}

/// SMALL opened up: independent app developers (a segment that sells) join
/// through the vendor, which also serves the shop; a scenario closes it.
fn open_small(industries: bool) -> String {
    let tag = |t: &str| {
        if industries {
            format!(", industry: \"{t}\"")
        } else {
            String::new()
        }
    };
    SMALL
        .replace(
            "Node(id: \"shop\", label: \"Shop\", kind: Segment)",
            &format!(
                "Node(id: \"shop\", label: \"Shop\", kind: Segment{}),\n        Node(id: \"devs\", label: \"App developers\", kind: Segment, count: 40.0{}),\n        Node(id: \"fleets\", label: \"Fleets\", kind: Segment{})",
                tag("retail"),
                tag("software"),
                tag("logistics")
            ),
        )
        .replace(
            "    ],\n)\n",
            "        Exchange(id: \"apps\", from: \"devs\", to: \"vendor\", flow: Service, value: 50.0, cadence: Yearly),\n        Exchange(id: \"app-share\", from: \"vendor\", to: \"devs\", flow: Money, value: 30.0, cadence: Yearly),\n        Exchange(id: \"tracking\", from: \"vendor\", to: \"fleets\", flow: Service, value: 10.0, cadence: Yearly),\n        Exchange(id: \"tracking-fee\", from: \"fleets\", to: \"vendor\", flow: Money, value: 8.0, cadence: Yearly),\n    ],\n    scenarios: [Scenario(id: \"closed\", label: \"Closed\", remove: [\"devs\"])],\n)\n",
        )
}

#[test]
fn the_ecosystem_type_and_its_evidence_by_hand() {
    use valuedesign::analysis::ecosystem_type::{path, EcosystemType as T};
    let (design, an) = load(SMALL);
    // No segment sells: closed; no industries named: one assumed.
    assert_eq!(an.typing.kind, T::ValueChainEfficiency);
    assert!(an.typing.platforms.is_empty());
    assert_eq!(an.typing.contracted, [V, P]);
    let words = valuedesign::words::ecosystem_type(design.ecosystem(), &an.typing);
    assert!(words.starts_with("value chain efficiency (Leminen et al. 2018): closed: its sellers are organisations (Vendor, Supplier)"), "{words}");
    assert!(
        words.ends_with("one industry assumed (no segment names its `industry`)"),
        "{words}"
    );
    // The developers sell (the vendor pays them a share) and join through
    // the vendor, which also serves the shop and the fleets: open.
    let (design, an) = load(&open_small(false));
    assert_eq!(an.typing.kind, T::IndustryCollaboration);
    let p = &an.typing.platforms;
    assert_eq!(p.len(), 1);
    let id = |a: NodeIdx| design.ecosystem().node(a).id.to_string();
    assert_eq!(id(p[0].node), "vendor");
    assert_eq!(
        p[0].complementors
            .iter()
            .map(|&a| id(a))
            .collect::<Vec<_>>(),
        ["devs"]
    );
    assert_eq!(
        p[0].segments.iter().map(|&a| id(a)).collect::<Vec<_>>(),
        ["shop", "fleets"]
    );
    // Three industries among the segments: across industries.
    let (_, an) = load(&open_small(true));
    assert_eq!(an.typing.kind, T::Platform);
    assert_eq!(an.typing.industries, ["retail", "software", "logistics"]);
    // The paths between the types, in words.
    assert_eq!(
        path(T::ValueChainEfficiency, T::IndustryCollaboration),
        Some("opening up to independent complementors (closed to open)")
    );
    assert_eq!(
        path(T::ValueChainEfficiency, T::HorizontalMarket),
        Some("replicating the solution across industries (one industry to many)")
    );
    assert_eq!(
        path(T::Platform, T::HorizontalMarket),
        Some("closing again to contracted partners (open to closed), as when a technology matures")
    );
    assert_eq!(
        path(T::ValueChainEfficiency, T::Platform),
        Some("opening up and replicating across industries (value chain to platform)")
    );
    assert_eq!(path(T::Platform, T::Platform), None);
}

#[test]
fn compare_says_which_path_a_scenario_takes() {
    let (_dir, file) = common::design_file("open.ron", &open_small(false));
    let out = common::bin()
        .arg("compare")
        .arg(&file)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Ecosystem type (Leminen et al. 2018): industry collaboration -> value chain efficiency: closing again to contracted partners (open to closed)"),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_report_gives_each_actors_risk_where_the_design_has_ranges() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html_of = |name: &str| {
        let out = common::bin()
            .arg("report")
            .arg(common::shipped(name))
            .args(["--no-png", "--out"])
            .arg(dir.path())
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stem = name.trim_end_matches(".ron");
        std::fs::read_to_string(dir.path().join(stem).join("index.html")).expect("html")
    };
    let ranged = html_of("airport-lighting-service.ron");
    assert!(ranged.contains("<th>risk: what it takes, 5th to 95th percentile of the runs</th>"));
    // The lighting company's NPV (-276,678) lies within its spread.
    let sharing = ranged
        .split("<h3>How value is shared")
        .nth(1)
        .expect("the sharing table");
    let row = sharing
        .split("<tr><td>Lighting company (light as a service)</td>")
        .nth(1)
        .expect("its row in the sharing table");
    let row = &row[..row.find("</tr>").expect("row end")];
    let cells: Vec<&str> = row
        .split("<td>")
        .map(|c| c.trim_end_matches("</td>"))
        .collect();
    let spread = cells.last().expect("risk cell");
    let (lo, hi) = spread.split_once(" to ").expect("a range");
    let num = |s: &str| s.replace(',', "").parse::<f64>().expect("number");
    assert!(num(lo) <= -276_678.0 && -276_678.0 <= num(hi), "{spread}");
    let plain = html_of("smart-parking.ron");
    assert!(plain.contains("<section id=\"whole\">"));
    assert!(!plain.contains("<th>risk:"), "no ranges, no risk column");
}

#[test]
fn a_ring_of_a_hundred_thousand_actors_is_one_part_and_no_short_loop() {
    let n = 100_000;
    let mut text = String::from("Ecosystem(name: \"ring\", nodes: [\n");
    for i in 0..n {
        text.push_str(&format!("Node(id: \"a{i}\", kind: Organization),\n"));
    }
    text.push_str("], exchanges: [\n");
    for i in 0..n {
        text.push_str(&format!(
            "Exchange(id: \"e{i}\", from: \"a{i}\", to: \"a{}\", flow: Money, value: 1.0, cadence: Yearly),\n",
            (i + 1) % n
        ));
    }
    text.push_str("])\n");
    let (_, an) = load(&text);
    // The strongly connected part is found without recursion (a recursive
    // search this deep overflows the stack).
    assert_eq!(an.loops.parts.len(), 1);
    assert_eq!(an.loops.parts[0].len(), n);
    // The only loop has n actors, far above the bound: none is listed, and
    // the search saw everything it was asked to.
    assert!(an.loops.loops.is_empty());
    assert!(an.loops.complete);
}

#[test]
fn compare_shows_how_a_price_moves_the_shares_of_value() {
    // The shop pays 1,500 a year instead of 1,200: the vendor takes 2,600 of
    // the 3,300 created (78.8%, was 60.6%), the shop 800 (24.2%, was 42.4%).
    let text = SMALL.replace(
        "    ],\n)\n",
        "    ],\n    scenarios: [Scenario(id: \"dearer\", label: \"Dearer\", set: {\"exchanges.sub.value\": 1500.0})],\n)\n",
    );
    assert_ne!(text, SMALL);
    let (_dir, file) = common::design_file("dearer.ron", &text);
    let out = common::bin()
        .arg("compare")
        .arg(&file)
        .output()
        .expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    let share_rows: Vec<&str> = table
        .lines()
        .filter(|l| l.contains("share of value"))
        .collect();
    // The supplier's share (-100 of 3,300) does not move: it is listed as
    // unchanged.
    assert_eq!(share_rows.len(), 2, "{table}");
    assert!(table.contains("Unchanged (every figure the same): supplier."));
    fn cells(row: &str) -> Vec<&str> {
        row.split_whitespace().rev().take(4).collect()
    }
    assert_eq!(
        cells(share_rows[0]),
        ["pts", "+18.2", "78.8%", "60.6%"],
        "{table}"
    );
    assert_eq!(
        cells(share_rows[1]),
        ["pts", "-18.2", "24.2%", "42.4%"],
        "{table}"
    );
}
