//! Invariants of the engine on synthetic designs from the shared generator.

use proptest::prelude::*;
use valuedesign::analysis::{self, diffusion, Config, Field};
use valuedesign::diagnostic::SourceFile;
use valuedesign::generate::{generate_string, GenerateConfig};
use valuedesign::network::Network;
use valuedesign::render::json;
use valuedesign::ValueDesign;

fn design(text: &str) -> ValueDesign {
    valuedesign::load_source(&SourceFile {
        name: "gen.ron".into(),
        text: text.into(),
    })
    .unwrap_or_else(|e| panic!("generated design does not load:\n{}", e.render()))
}

fn json_bytes(design: &ValueDesign, threads: usize) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    pool.install(|| {
        let an = analysis::analyse(design, &Config::default());
        serde_json::to_string(&json::build(design.ecosystem(), &an, 0.85, 1e-9)).expect("json")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Money is conserved: the sum over nodes of revenue - spend is 0 every
    /// year (up to floating-point rounding relative to the money flowing).
    #[test]
    fn money_is_conserved(nodes in 2usize..400, seed in any::<u64>()) {
        let d = design(&generate_string(&GenerateConfig::new(nodes, seed)));
        let an = analysis::analyse(&d, &Config::default());
        for y in 0..an.timeline.years {
            let (mut balance, mut volume) = (0.0f64, 0.0f64);
            for a in an.network.nodes() {
                let r = an.ledgers.get(a, Field::Revenue)[y];
                let s = an.ledgers.get(a, Field::Spend)[y];
                balance += r - s;
                volume += r + s;
            }
            prop_assert!(balance.abs() <= 1e-9 * volume.max(1.0), "year {}: {} of {}", y + 1, balance, volume);
        }
    }

    /// One thread and two threads give byte-identical analysis.json.
    #[test]
    fn one_and_two_threads_agree_byte_for_byte(nodes in 2usize..600, seed in any::<u64>()) {
        let d = design(&generate_string(&GenerateConfig::new(nodes, seed)));
        prop_assert_eq!(json_bytes(&d, 1), json_bytes(&d, 2));
    }

    /// Sequential and parallel diffusion agree to 1e-12 (they are in fact identical).
    #[test]
    fn sequential_and_parallel_diffusion_agree(nodes in 2usize..3000, seed in any::<u64>()) {
        let d = design(&generate_string(&GenerateConfig::new(nodes, seed)));
        let net = Network::new(&d);
        let tl = analysis::timeline::timeline(&net, 3);
        let g = diffusion::pull_graph(&net, &tl);
        let cfg = diffusion::DiffusionConfig::default();
        let seq = diffusion::diffuse_sequential(&g, &cfg);
        let par = diffusion::diffuse(&g, &cfg);
        prop_assert_eq!(seq.iterations, par.iterations);
        for (a, b) in seq.reach.iter().zip(par.reach.iter()) {
            prop_assert!((a - b).abs() <= 1e-12 * (1.0 + a.abs()));
        }
    }

    /// Adding an isolated node changes no figure of any other node.
    #[test]
    fn an_isolated_node_changes_nothing_else(nodes in 2usize..300, seed in any::<u64>()) {
        let text = generate_string(&GenerateConfig::new(nodes, seed));
        let with = text.replacen("    ],\n    exchanges: [", "        Node(id: \"isolated\", kind: Organization),\n    ],\n    exchanges: [", 1);
        prop_assert_ne!(&with, &text);
        let (d0, d1) = (design(&text), design(&with));
        let (a0, a1) = (analysis::analyse(&d0, &Config::default()), analysis::analyse(&d1, &Config::default()));
        let n = a0.network.node_count();
        prop_assert_eq!(a1.network.node_count(), n + 1);
        prop_assert_eq!(&a0.ledgers.rows[..], &a1.ledgers.rows[..a0.ledgers.rows.len()]);
        prop_assert_eq!(a0.ledgers.npv.as_slice(), &a1.ledgers.npv.as_slice()[..n]);
        prop_assert_eq!(a0.verdicts.as_slice(), &a1.verdicts.as_slice()[..n]);
        prop_assert_eq!(a0.diffusion.reach.as_slice(), &a1.diffusion.reach.as_slice()[..n]);
        prop_assert_eq!(a0.betweenness.raw.as_slice(), &a1.betweenness.raw.as_slice()[..n]);
        prop_assert_eq!(a0.removal.impact.as_slice(), &a1.removal.impact.as_slice()[..n]);
        prop_assert_eq!(a0.keystone, a1.keystone);
        prop_assert_eq!(&a0.extracts, &a1.extracts);
        prop_assert_eq!(a1.ledgers.total(valuedesign::index::NodeIdx::new(n), Field::NetValue), 0.0);
    }
}

#[test]
fn generated_designs_are_deterministic_and_valid() {
    let a = generate_string(&GenerateConfig::new(500, 42));
    let b = generate_string(&GenerateConfig::new(500, 42));
    assert_eq!(a, b);
    assert_ne!(a, generate_string(&GenerateConfig::new(500, 43)));
    let d = design(&a);
    let eco = d.ecosystem();
    assert_eq!(eco.nodes.len(), 500);
    assert_eq!(eco.exchanges.len(), 2500);
    // Every flow kind, segments with counts, groups with children, follows chains.
    for flow in valuedesign::model::Flow::ALL {
        assert!(eco.exchanges.iter().any(|e| e.flow == flow), "{flow:?}");
    }
    assert!(eco
        .nodes
        .iter()
        .any(|n| n.kind == valuedesign::model::NodeKind::Segment && n.count > 1.0));
    assert!(eco.nodes.iter().any(|n| n.parent.is_some()));
    let an = analysis::analyse(&d, &Config::default());
    assert!(
        an.timeline.levels.iter().any(|&l| l >= 2),
        "no follows chain of two hops"
    );
    // Power-law-ish: the busiest node touches far more exchanges than the median one.
    let mut degree: Vec<usize> = (0..500)
        .map(valuedesign::index::NodeIdx::new)
        .map(|a| an.network.incoming.row(a).len() + an.network.outgoing.row(a).len())
        .collect();
    degree.sort_unstable();
    assert!(
        degree[499] > 10 * degree[250].max(1),
        "{} vs {}",
        degree[499],
        degree[250]
    );
}
