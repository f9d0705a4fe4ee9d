//! The shipped value designs in `ecosystems/`: each loads and validates, our
//! reader agrees with the `ron` crate, and load -> serialise -> load is the identity.

use std::path::{Path, PathBuf};

use valuedesign::diagnostic::SourceFile;
use valuedesign::model::Ecosystem;
use valuedesign::{load_file, load_source};

fn shipped() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ecosystems");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("ecosystems/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

#[test]
fn at_least_five_ecosystems_are_shipped() {
    let names: Vec<String> = shipped()
        .iter()
        .map(|p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(names.len() >= 5, "{names:?}");
    for required in [
        "food-plant-monitoring.ron",
        "smart-home-energy.ron",
        "pulp-paper-iiot.ron",
        "cold-chain-tracking.ron",
        "smart-parking.ron",
    ] {
        assert!(
            names.iter().any(|n| n == required),
            "missing ecosystems/{required}"
        );
    }
}

#[test]
fn every_shipped_ecosystem_loads_and_validates() {
    for path in shipped() {
        if let Err(e) = load_file(&path) {
            panic!("{} does not load:\n{}", path.display(), e.render());
        }
    }
}

#[test]
fn every_shipped_ecosystem_meets_the_content_brief() {
    use valuedesign::model::NodeKind;
    for path in shipped() {
        let (_, design) = load_file(&path).expect("loads");
        let eco = design.ecosystem();
        let name = path.display();
        assert!(
            (8..=40).contains(&eco.nodes.len()),
            "{name}: {} nodes",
            eco.nodes.len()
        );
        assert!(!eco.extracts.is_empty(), "{name}: no extract");
        assert!(
            eco.exchanges.iter().any(|e| e.follows.is_some()),
            "{name}: no follows chain"
        );
        assert!(
            eco.exchanges.iter().any(|e| e.flow.is_tangible()),
            "{name}: no tangible flow"
        );
        assert!(
            eco.exchanges.iter().any(|e| e.flow.is_intangible()),
            "{name}: no intangible flow"
        );
        assert!(
            eco.nodes.iter().any(|n| !n.costs.is_empty()),
            "{name}: no costs"
        );
        assert!(
            eco.nodes.iter().any(|n| n.growth != 0.0),
            "{name}: no growth"
        );
        assert!(
            eco.nodes.iter().any(|n| n.kind == NodeKind::Segment),
            "{name}: no segment"
        );
        let shared = eco
            .drivers
            .iter()
            .filter(|d| {
                eco.nodes
                    .iter()
                    .filter(|n| n.drivers.contains(&d.id))
                    .count()
                    >= 2
            })
            .count();
        assert!(shared >= 1, "{name}: no shared driver");
        let text = std::fs::read_to_string(&path).expect("readable");
        assert!(
            text.trim_start().starts_with("//"),
            "{name}: no comment header"
        );
    }
}

#[test]
fn our_reader_agrees_with_the_ron_crate() {
    for path in shipped() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let theirs: Ecosystem = ron_options()
            .from_str(&text)
            .unwrap_or_else(|e| panic!("ron rejects {}: {e}", path.display()));
        let ours = valuedesign::syntax::parse::<Ecosystem>(&text);
        assert!(
            ours.errors.is_empty(),
            "{}: {:?}",
            path.display(),
            ours.errors
        );
        assert_eq!(ours.value.as_ref(), Some(&theirs), "{}", path.display());
    }
}

#[test]
fn load_serialise_load_is_the_identity() {
    for path in shipped() {
        let (_, design) = load_file(&path).expect("loads");
        let text = ron::ser::to_string_pretty(
            design.ecosystem(),
            ron::ser::PrettyConfig::new().struct_names(true),
        )
        .expect("serialises");
        let again = load_source(&SourceFile {
            name: "roundtrip.ron".into(),
            text: text.clone(),
        })
        .unwrap_or_else(|e| {
            panic!(
                "{} round trip does not load:\n{}\n{text}",
                path.display(),
                e.render()
            )
        });
        assert_eq!(again.ecosystem(), design.ecosystem(), "{}", path.display());
    }
}
