//! `compare` and the difference map, on small designs worked out by hand:
//! every actor side by side, flips first, added, removed and changed nodes
//! and flows, and the marks on the map.

mod common;
use common::{bin, design_file, load, run_on, SHOPS};

use valuedesign::render::map::diff::difference_view;
use valuedesign::render::map::view::Mark;
use valuedesign::whatif::compare::{compare, Edit, FieldValue};
use valuedesign::whatif::{self, Change, Changes};

/// SHOPS as it could become: the fee cut from 10 to 8, the supplier and its
/// parts gone, an installer paid 1 per shop and month, delivery at 1.
const TO_BE: &str = r#"Ecosystem(
    name: "Shops to-be",
    horizon_years: 2,
    nodes: [
        Node(id: "vendor", kind: Organization,
             costs: [Cost(label: "Delivery", amount: 1.0, per_exchange: Some("service"))]),
        Node(id: "shops", kind: Segment, count: 100.0, growth: 0.2),
        Node(id: "installer", kind: Organization),
    ],
    exchanges: [
        Exchange(id: "fee", from: "shops", to: "vendor", flow: Money, value: 8.0, cadence: Monthly, per: Some("shops")),
        Exchange(id: "service", from: "vendor", to: "shops", flow: Service, value: 15.0, cadence: Monthly, per: Some("shops")),
        Exchange(id: "install", from: "vendor", to: "installer", flow: Money, value: 1.0, cadence: Monthly, per: Some("shops")),
    ],
)"#;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn two_designs_side_by_side_with_what_was_added_removed_and_changed() {
    let (a, an_a) = load(SHOPS);
    let (b, an_b) = load(TO_BE);
    let c = compare((&a, &an_a), (&b, &an_b));
    // Shop-months over 2 years: 100 * 12 + 120 * 12 = 2,640.
    let ids: Vec<&str> = c.actors.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["vendor", "shops", "supplier", "installer"]);
    let vendor = &c.actors[0];
    let (before, after) = (vendor.before.expect("in A"), vendor.after.expect("in B"));
    // Before: revenue 10 * 2,640 = 26,400; parts 3 * 2,640 = 7,920;
    // delivery 2 * 2,640 = 5,280; cash 26,400 - 7,920 - 5,280 = 13,200.
    assert!(close(before.revenue, 26_400.0));
    assert!(close(before.cash, 13_200.0));
    // After: revenue 8 * 2,640 = 21,120; installer 1 * 2,640 = 2,640;
    // delivery 1 * 2,640 = 2,640; cash 21,120 - 2,640 - 2,640 = 15,840.
    assert!(close(after.revenue, 21_120.0));
    assert!(close(after.cash, 15_840.0));
    assert!(close(after.npv, 15_840.0), "discount rate 0: NPV = cash");
    assert!(!vendor.flips());
    assert!(c.actors[2].after.is_none(), "the supplier left");
    assert!(c.actors[3].before.is_none(), "the installer is new");
    assert_eq!(c.flips().count(), 0);
    // Nodes: the vendor's delivery cost changed, the supplier removed, the
    // installer added; flows: the fee changed, parts removed, install added.
    let words = |items: &[valuedesign::whatif::compare::ItemChange]| -> Vec<(String, &str)> {
        items
            .iter()
            .map(|i| (i.id.clone(), i.change.word()))
            .collect()
    };
    assert_eq!(
        words(&c.nodes),
        [
            ("vendor".to_owned(), "changed"),
            ("supplier".to_owned(), "removed"),
            ("installer".to_owned(), "added"),
        ]
    );
    let Edit::Changed(d) = &c.nodes[0].change else {
        panic!("vendor changed")
    };
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].field, "costs.Delivery.amount");
    assert_eq!(
        (d[0].before.clone(), d[0].after.clone()),
        (FieldValue::Number(2.0), FieldValue::Number(1.0))
    );
    assert_eq!(
        words(&c.exchanges),
        [
            ("fee".to_owned(), "changed"),
            ("parts".to_owned(), "removed"),
            ("install".to_owned(), "added"),
        ]
    );
    let Edit::Changed(d) = &c.exchanges[0].change else {
        panic!("fee changed")
    };
    assert_eq!(d[0].field, "value");
    assert!(!c.is_same());
    // A design compared with itself: nothing differs.
    let same = compare((&a, &an_a), (&a, &an_a));
    assert!(same.is_same());
    assert!(same.nodes.is_empty() && same.exchanges.is_empty());
}

#[test]
fn an_actor_whose_verdict_flips_comes_first() {
    let (a, an_a) = load(SHOPS);
    // The service is worth 1 instead of 15 to a shop: the shops pay 26,400
    // for 2,640 of worth, net value 2,640 - 26,400 = -23,760 (it was
    // 39,600 - 26,400 = 13,200): they flip; the vendor and supplier do not.
    let target = whatif::resolve(a.ecosystem(), "exchanges.service.value", 0).expect("path");
    let b = whatif::apply(
        &a,
        &Changes {
            sets: vec![Change { target, value: 1.0 }],
            ..Changes::default()
        },
    )
    .expect("valid");
    let an_b = valuedesign::analysis::analyse(&b, &valuedesign::analysis::Config::default());
    let c = compare((&a, &an_a), (&b, &an_b));
    let ids: Vec<&str> = c.actors.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["shops", "vendor", "supplier"], "the flip first");
    let flips: Vec<&str> = c.flips().map(|r| r.id.as_str()).collect();
    assert_eq!(flips, ["shops"]);
    let shops = &c.actors[0];
    assert!(close(shops.before.expect("A").net_value, 13_200.0));
    assert!(close(shops.after.expect("B").net_value, -23_760.0));
    assert_eq!(c.win_win, (true, false));
    // The side-by-side rows: seven per actor, the change of net value signed.
    let rows = valuedesign::render::compare::rows(&c);
    assert_eq!(rows.len(), 21);
    assert_eq!(rows[6][1], "share of value");
    assert_eq!(rows[0][..], ["shops", "win-win", "yes", "NO", "flips"]);
    assert_eq!(
        rows[4][..],
        ["", "net value", "13,200", "-23,760", "-36,960"]
    );
}

#[test]
fn the_difference_map_marks_changes_and_draws_what_left_as_ghosts() {
    let (a, an_a) = load(SHOPS);
    let (b, an_b) = load(TO_BE);
    let c = compare((&a, &an_a), (&b, &an_b));
    let v = difference_view((&a, &an_a), (&b, &an_b), &c).expect("view");
    let node = |id: &str| v.nodes.iter().find(|n| n.id == id).expect("node");
    assert_eq!(node("vendor").mark, Mark::Changed);
    assert_eq!(
        node("vendor").label,
        "changed: vendor (costs.Delivery.amount 2 -> 1)"
    );
    assert_eq!(node("installer").mark, Mark::Added);
    assert_eq!(node("shops").mark, Mark::Same);
    // The supplier comes back as a ghost, with the parts it was paid.
    assert_eq!(node("supplier").mark, Mark::Removed);
    let items: Vec<(&str, Mark)> = v
        .edges
        .iter()
        .flat_map(|e| &e.items)
        .map(|i| (i.offering.as_str(), i.mark))
        .collect();
    // The fee was 10 * 2,640 / 2 = 13,200 a year; now 8 * 1,320 = 10,560.
    assert!(items.contains(&("changed: fee", Mark::Changed)));
    let fee = v
        .edges
        .iter()
        .flat_map(|e| &e.items)
        .find(|i| i.offering == "changed: fee")
        .expect("fee");
    assert_eq!(fee.was, Some(13_200.0));
    assert!((fee.per_year - 10_560.0).abs() < 1e-9);
    // The service did not change, nor its value per year.
    let service = v
        .edges
        .iter()
        .flat_map(|e| &e.items)
        .find(|i| i.offering == "service");
    assert_eq!(service.expect("service").was, None);
    assert!(items.contains(&("new: install", Mark::Added)));
    assert!(items.contains(&("removed: parts", Mark::Removed)));
    assert!(items.contains(&("service", Mark::Same)));
    let parts = v
        .edges
        .iter()
        .find(|e| e.items.iter().any(|i| i.offering == "removed: parts"))
        .expect("ghost flow");
    assert_eq!(parts.mark(), Mark::Removed);
    assert_eq!(v.nodes[parts.to].id, "supplier");
    let svg =
        valuedesign::render::map::svg::svg(&v, &valuedesign::render::map::layout::layout(&v), "")
            .expect("svg");
    assert!(
        svg.contains("removed: faded, dashed"),
        "the legend explains the marks"
    );
    // A design compared with itself has nothing to mark, and says so.
    let same = compare((&a, &an_a), (&a, &an_a));
    let v = difference_view((&a, &an_a), (&a, &an_a), &same).expect("view");
    assert!(v.nodes.iter().all(|n| n.mark == Mark::Same));
    assert!(v.notes.iter().any(|n| n.starts_with("Nothing to mark")));
}

#[test]
fn the_compare_command_in_every_format_and_its_errors() {
    let (dir, shops) = design_file("shops.ron", SHOPS);
    let to_be = dir.path().join("to-be.ron");
    std::fs::write(&to_be, TO_BE).expect("write");
    // The base with each of its three scenarios, as JSON.
    let out = run_on(&["compare", "--format", "json"], &shops);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let all = doc["comparisons"].as_array().expect("list");
    let ids: Vec<&str> = all
        .iter()
        .map(|c| c["scenario"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["slow", "no-service", "no-fee"]);
    // Slow: the vendor's revenue 12,000 + 13,200 = 25,200, was 26,400.
    let vendor = &all[0]["actors"][0];
    assert_eq!(vendor["id"], "vendor");
    assert_eq!(vendor["after"]["revenue"].as_f64(), Some(25_200.0));
    assert_eq!(vendor["change"]["revenue"].as_f64(), Some(-1_200.0));
    assert_eq!(all[0]["nodes"][0]["fields"][0]["field"], "growth");
    // A to-be design, as Markdown, with its difference map.
    let maps = dir.path().join("maps");
    let out = bin()
        .args(["compare", "--format", "md", "--map", "--out"])
        .arg(&maps)
        .arg(&shops)
        .arg(&to_be)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("| actor | figure | before | after | change |"),
        "{md}"
    );
    assert!(
        md.contains("| supplier | win-win | yes | removed |  |"),
        "{md}"
    );
    assert!(md.contains("Flows added:"), "{md}");
    let svg = std::fs::read_to_string(maps.join("diff-to-be.svg")).expect("map written");
    assert!(svg.contains("new: install"));
    // --set compares the base with the change; the terminal table says it.
    let out = run_on(&["compare", "--set", "exchanges.service.value=1"], &shops);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Verdicts that flip: shops (no longer win-win)."),
        "{text}"
    );
    // A file without scenarios and nothing else to compare with.
    let (_d, plain) = design_file("plain.ron", TO_BE);
    let out = run_on(&["compare"], &plain);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("has no scenarios to compare with"), "{err}");
    assert!(err.contains("help:"), "{err}");
    // Two broken files: both reported in one run.
    let (_e, bad) = design_file("bad.ron", "Ecosystem(name: 1)");
    let out = bin()
        .arg("compare")
        .arg(&bad)
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.matches("bad.ron could not be loaded").count(),
        2,
        "{err}"
    );
}

#[test]
fn figures_in_other_currencies_or_over_other_horizons_are_not_subtracted() {
    let (a, an_a) = load(SHOPS);
    for (text, field) in [
        (
            SHOPS.replace("name: \"Shops\",", "name: \"Shops\", currency: \"CNY\","),
            "currency",
        ),
        (
            SHOPS.replace("horizon_years: 2,", "horizon_years: 3,"),
            "horizon_years",
        ),
    ] {
        let (b, an_b) = load(&text);
        let c = compare((&a, &an_a), (&b, &an_b));
        assert!(c.incomparable().is_some(), "{field}");
        assert_eq!(c.design.len(), 1);
        assert_eq!(c.design[0].field, field);
        let rows = valuedesign::render::compare::rows(&c);
        // Revenue of the vendor: both sides shown, no change.
        assert_eq!(rows[1][1], "revenue");
        assert!(!rows[1][2].is_empty() && !rows[1][3].is_empty());
        assert_eq!(rows[1][4], "", "{field}: not subtracted");
        let head = valuedesign::render::compare::headline(&c).join(" ");
        assert!(head.contains("not subtracted"), "{head}");
    }
}
