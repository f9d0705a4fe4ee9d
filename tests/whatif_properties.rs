//! What-ifs share the base analysis, and that changes no figure. `defect`
//! works out again only the actors the leaving actor's exchanges touch: on
//! generated designs and every shipped one, that gives what taking the actor
//! out of the design and analysing the rest in full gives, actor by actor.
//! A re-analysis of changed numbers takes the betweenness from the base:
//! its analysis.json is the same bytes as a fresh analysis.

mod common;

use proptest::prelude::*;
use valuedesign::analysis::{self, Config};
use valuedesign::diagnostic::SourceFile;
use valuedesign::generate::{design as generated, GenerateConfig};
use valuedesign::index::ExchangeIdx;
use valuedesign::index::NodeIdx;
use valuedesign::render::json;
use valuedesign::whatif::defect::{defection_by_reanalysis, defections, money_flowing};
use valuedesign::whatif::{apply, Change, Changes, Target};
use valuedesign::ValueDesign;

fn close(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + scale.abs())
}

/// Every actor's defection, shared and in full, agree.
fn agree(design: &ValueDesign) -> Result<usize, String> {
    let cfg = Config::default();
    let base = analysis::analyse(design, &cfg);
    let eco = design.ecosystem();
    let actors: Vec<NodeIdx> = (0..eco.nodes.len())
        .map(NodeIdx::new)
        .filter(|&a| eco.node(a).kind.is_actor())
        .collect();
    let before = money_flowing(&base);
    let shared = defections(design, &base, &actors, &cfg);
    if shared.len() != actors.len() {
        return Err(format!("{} of {} actors", shared.len(), actors.len()));
    }
    for d in &shared {
        let full = defection_by_reanalysis(design, &base, d.actor, before, &cfg)
            .ok_or("the design without an actor is valid")?;
        let id = &eco.node(d.actor).id;
        if !close(d.money_lost, full.money_lost, before) {
            return Err(format!(
                "{id}: money lost {} != {}",
                d.money_lost, full.money_lost
            ));
        }
        if d.flips != full.flips {
            return Err(format!("{id}: flips {:?} != {:?}", d.flips, full.flips));
        }
        let ids = |l: &[(NodeIdx, f64)]| l.iter().map(|x| x.0).collect::<Vec<_>>();
        if ids(&d.losers) != ids(&full.losers) {
            return Err(format!("{id}: losers {:?} != {:?}", d.losers, full.losers));
        }
        for (x, y) in d.losers.iter().zip(&full.losers) {
            if !close(x.1, y.1, x.1) {
                return Err(format!("{id}: fall {} != {}", x.1, y.1));
            }
        }
    }
    Ok(shared.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn sharing_the_base_gives_what_a_full_reanalysis_gives(nodes in 2usize..120, seed in any::<u64>()) {
        let design = ValueDesign::new(generated(&GenerateConfig::new(nodes, seed)))
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        agree(&design).map_err(TestCaseError::fail)?;
    }
}

/// The analysis.json bytes of `an`.
fn json_of(design: &ValueDesign, an: &analysis::Analysis) -> String {
    serde_json::to_string(&json::build(design.ecosystem(), an, 0.85, 1e-9)).expect("json")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn a_reanalysis_that_shares_the_base_is_a_fresh_analysis(
        nodes in 2usize..200,
        seed in any::<u64>(),
        factor in 0.1f64..3.0,
        remove in any::<bool>(),
    ) {
        let design = ValueDesign::new(generated(&GenerateConfig::new(nodes, seed)))
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let cfg = Config::default();
        let base = analysis::analyse(&design, &cfg);
        let eco = design.ecosystem();
        // Every third exchange's value scaled; with `remove`, the first
        // exchange taken out too (then nothing can be shared).
        let sets = (0..eco.exchanges.len())
            .step_by(3)
            .map(|i| Change {
                target: Target::ExchangeValue(ExchangeIdx::new(i)),
                value: eco.exchanges[i].value * factor,
            })
            .collect();
        let changes = Changes {
            sets,
            remove_exchanges: if remove && !eco.exchanges.is_empty() {
                vec![ExchangeIdx::new(0)]
            } else {
                Vec::new()
            },
            ..Changes::default()
        };
        let changed = apply(&design, &changes).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let shared = analysis::reanalyse(&changed, &cfg, &base);
        let fresh = analysis::analyse(&changed, &cfg);
        prop_assert_eq!(json_of(&changed, &shared), json_of(&changed, &fresh));
    }
}

#[test]
fn sharing_agrees_on_every_shipped_design() {
    for name in [
        "airport-lighting-service.ron",
        "cold-chain-tracking.ron",
        "food-plant-monitoring.ron",
        "pulp-paper-iiot.ron",
        "smart-home-energy.ron",
        "smart-parking.ron",
    ] {
        let path = common::shipped(name);
        let text = std::fs::read_to_string(&path).expect("read");
        let design = valuedesign::load_source(&SourceFile {
            name: name.into(),
            text,
        })
        .unwrap_or_else(|e| panic!("{}", e.render()));
        let n = agree(&design).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(n > 3, "{name}: {n} actors");
    }
}

#[test]
fn defections_are_the_same_on_one_thread_and_two() {
    let design = ValueDesign::new(generated(&GenerateConfig::new(300, 5))).expect("valid");
    let cfg = Config::default();
    let base = analysis::analyse(&design, &cfg);
    let actors: Vec<NodeIdx> = (0..design.ecosystem().nodes.len())
        .map(NodeIdx::new)
        .filter(|&a| design.ecosystem().node(a).kind.is_actor())
        .collect();
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| defections(&design, &base, &actors, &cfg))
    };
    let one = on(1);
    assert_eq!(one.len(), actors.len());
    assert_eq!(one, on(2));
}
