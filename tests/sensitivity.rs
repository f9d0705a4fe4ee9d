//! Sensitivity: each number swung down and up, on a design worked out by
//! hand, and on generated designs against a full re-analysis of each swing.

mod common;
use common::{load, run_on, SHOPS};

use proptest::prelude::*;
use valuedesign::analysis::{self, Config, Field};
use valuedesign::generate::{design as generated, GenerateConfig};
use valuedesign::index::NodeIdx;
use valuedesign::model::Goal;
use valuedesign::whatif::{apply, sensitivity, Change, Changes};
use valuedesign::ValueDesign;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

#[test]
fn each_number_swung_by_a_fifth_on_a_design_worked_by_hand() {
    let (d, an) = load(SHOPS);
    let s = sensitivity(&d, &an, 0.2);
    let eco = d.ecosystem();
    // Shop-months over 2 years: 100 * 12 + 120 * 12 = 2,640. The vendor
    // earns 10, pays 3 for parts and 2 for delivery per shop-month: its NPV
    // (discount rate 0) is 5 * 2,640 = 13,200.
    let vendor = NodeIdx::new(0);
    assert!(close(s.base[vendor], 13_200.0));
    let ranked: Vec<(String, Option<f64>, Option<f64>)> = s
        .ranked(vendor)
        .iter()
        .map(|(i, e)| (i.target.path(eco), e.down, e.up))
        .collect();
    let want = [
        // fee 8 / 12: 3 / 7 per shop-month.
        ("exchanges.fee.value", 7_920.0, 18_480.0),
        // 80 / 120 shops: every flow scales.
        ("nodes.shops.count", 10_560.0, 15_840.0),
        // parts 2.4 / 3.6: 13,200 +- 0.6 * 2,640.
        ("exchanges.parts.value", 14_784.0, 11_616.0),
        ("exchanges.parts.ratio", 14_784.0, 11_616.0),
        // delivery 1.6 / 2.4: +- 0.4 * 2,640.
        ("nodes.vendor.costs.Delivery.amount", 14_256.0, 12_144.0),
        // growth 0.16 / 0.24: 1,200 + 1,392 = 2,592 or 1,200 + 1,488 = 2,688.
        ("nodes.shops.growth", 12_960.0, 13_440.0),
    ];
    assert_eq!(ranked.len(), want.len(), "{ranked:?}");
    for ((path, down, up), (p, d0, u0)) in ranked.iter().zip(want) {
        assert_eq!(path, p);
        assert!(close(down.expect("down"), d0), "{path}: {down:?}");
        assert!(close(up.expect("up"), u0), "{path}: {up:?}");
    }
    // The service's worth moves only the shops (a worth actor): net value
    // 39,600 - 26,400 = 13,200, +- 0.2 * 39,600.
    let shops = NodeIdx::new(1);
    let service = s
        .ranked(shops)
        .into_iter()
        .find(|(i, _)| i.target.path(eco) == "exchanges.service.value")
        .expect("service moves the shops")
        .1;
    assert!(close(service.down.expect("down"), 5_280.0));
    assert!(close(service.up.expect("up"), 21_120.0));
    // The discount rate is 0: nothing to swing, counted apart.
    assert_eq!(s.zero, 1);
    assert_eq!(s.flipping().count(), 0, "a fifth flips nothing");
    // A swing of 90%: the fee at 1 ruins the vendor, at 19 the shops.
    let s = sensitivity(&d, &an, 0.9);
    // (number, [(actor, flips down, flips up)])
    type Flips = Vec<(String, Vec<(usize, bool, bool)>)>;
    let flips: Flips = s
        .flipping()
        .map(|(i, e)| {
            (
                i.target.path(eco),
                e.iter()
                    .map(|x| (x.actor.index(), x.flips_down, x.flips_up))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(flips[0].0, "exchanges.fee.value");
    assert_eq!(flips[0].1, [(0, true, false), (1, false, true)]);
}

/// Every actor's score after `target = v`, by a full re-analysis.
fn full(design: &ValueDesign, change: Change) -> Vec<f64> {
    let d = apply(
        design,
        &Changes {
            sets: vec![change],
            ..Changes::default()
        },
    )
    .expect("a swing stays valid");
    let an = analysis::analyse(&d, &Config::default());
    an.network
        .nodes()
        .map(|a| match an.network.goals[a] {
            Goal::Profit => an.ledgers.npv[a],
            Goal::Worth => an.ledgers.total(a, Field::NetValue),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Each swing, worked out from the base, is what a full re-analysis of
    /// the design with that number changed gives, for every actor.
    #[test]
    fn a_swing_from_the_base_is_a_full_reanalysis(nodes in 2usize..80, seed in any::<u64>(), swing in 0.05f64..0.9) {
        let design = ValueDesign::new(generated(&GenerateConfig::new(nodes, seed)))
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let an = analysis::analyse(&design, &Config::default());
        let s = sensitivity(&design, &an, swing);
        let eco = design.ecosystem();
        // A sample of inputs: every seventh, so each kind of number comes up.
        for input in s.inputs.iter().step_by(7) {
            for (up, factor) in [(false, 1.0 - swing), (true, 1.0 + swing)] {
                let v = input.value * factor;
                if matches!(input.target, valuedesign::whatif::Target::NodeGrowth(_)) && v <= -1.0 {
                    continue;
                }
                let want = full(&design, Change { target: input.target, value: v });
                for (i, w) in want.iter().enumerate() {
                    let a = NodeIdx::new(i);
                    if !eco.node(a).kind.is_actor() {
                        continue;
                    }
                    let got = input
                        .effects
                        .iter()
                        .find(|e| e.actor == a)
                        .and_then(|e| if up { e.up } else { e.down })
                        .unwrap_or(s.base[a]);
                    prop_assert!(close(got, *w), "{} {}: {} vs {}", input.target.path(eco), eco.node(a).id, got, w);
                }
            }
        }
    }
}

#[test]
fn the_sensitivity_command_in_every_format_and_its_errors() {
    let (_dir, file) = common::design_file("shops.ron", SHOPS);
    let out = run_on(
        &[
            "sensitivity",
            "--format",
            "json",
            "--actor",
            "vendor",
            "--top",
            "2",
        ],
        &file,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["swing"].as_f64(), Some(0.2));
    let vendor = &doc["actors"][0];
    assert_eq!(vendor["id"], "vendor");
    assert_eq!(vendor["score"], "npv");
    assert_eq!(vendor["base"].as_f64(), Some(13_200.0));
    let numbers = vendor["numbers"].as_array().expect("list");
    assert_eq!(numbers.len(), 2, "--top 2");
    assert_eq!(numbers[0]["path"], "exchanges.fee.value");
    assert_eq!(numbers[0]["down"].as_f64(), Some(7_920.0));
    // At 90% the fee flips the vendor one way and the shops the other.
    let out = run_on(&["sensitivity", "--swing", "0.9"], &file);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("exchanges.fee.value = 10: vendor (flips at -90%), shops (flips at +90%)"),
        "{text}"
    );
    let md = run_on(&["sensitivity", "--format", "md"], &file);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("| number | in the file | at -20% | at +20% | moves it by | verdict |"),
        "{md}"
    );
    // A swing out of range and a wrong actor: exit 2, with what to write.
    let out = run_on(&["sensitivity", "--swing", "1.5"], &file);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("write 0.2 for 20%"));
    let out = run_on(&["sensitivity", "--actor", "vendr"], &file);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `vendor`?"));
}

#[test]
fn the_tornado_chart_ranks_the_numbers_and_marks_the_flips() {
    // A cost label with markup in it: it must come out as text.
    let text = SHOPS.replace("label: \"Delivery\"", "label: \"<b>Delivery</b>\"");
    let (d, an) = load(&text);
    let s = sensitivity(&d, &an, 0.9);
    let svg = valuedesign::render::tornado::tornado_svg(&s, d.ecosystem(), &an, NodeIdx::new(0))
        .expect("draws")
        .expect("numbers move the vendor");
    let fee = svg.find("exchanges.fee.value").expect("the fee is drawn");
    let count = svg.find("nodes.shops.count").expect("the count is drawn");
    assert!(fee < count, "the largest effect on top");
    assert!(
        svg.contains("flips when down"),
        "the fee at 1 ruins the vendor"
    );
    assert!(svg.contains("&lt;b&gt;Delivery&lt;/b&gt;") && !svg.contains("<b>"));
    // An actor no number moves (its only flow is worth 0) gets no chart.
    let (d, an) = load(
        r#"Ecosystem(name: "Still", nodes: [Node(id: "a", kind: Organization), Node(id: "b", kind: Organization)],
           exchanges: [Exchange(id: "x", from: "a", to: "b", flow: Data, value: 0.0, cadence: Yearly)])"#,
    );
    let s = sensitivity(&d, &an, 0.2);
    assert!(
        valuedesign::render::tornado::tornado_svg(&s, d.ecosystem(), &an, NodeIdx::new(0))
            .expect("draws")
            .is_none()
    );
}
