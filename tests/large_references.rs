//! A large design (60,000 exchanges) resolves every reference to the right
//! node, driver and followed exchange, and reports problems from anywhere in
//! its exchanges, each once, in file order. (It guards any later splitting of
//! the validation into parallel chunks; one was tried, in chunks of 16,384,
//! and measured no faster end to end.)

use valuedesign::diagnostic::SourceFile;
use valuedesign::generate::{design, GenerateConfig};
use valuedesign::network::Network;

fn text(eco: &valuedesign::model::Ecosystem) -> String {
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(2);
    ron::ser::to_string_pretty(eco, pretty).expect("writes")
}

fn file(text: String) -> SourceFile {
    SourceFile {
        name: "chunks.ron".into(),
        text,
    }
}

#[test]
fn every_reference_resolves_to_its_entry() {
    // 12,000 nodes x 5 = 60,000 exchanges.
    let eco = design(&GenerateConfig::new(12_000, 4));
    assert_eq!(eco.exchanges.len(), 60_000);
    let loaded = valuedesign::load_source(&file(text(&eco))).expect("loads");
    let net = Network::new(&loaded);
    for (k, x) in eco.exchanges.iter().enumerate() {
        let e = valuedesign::index::ExchangeIdx::new(k);
        let edge = &net.edges[e];
        assert_eq!(eco.nodes[edge.from.index()].id, x.from, "exchange {k}");
        assert_eq!(eco.nodes[edge.to.index()].id, x.to, "exchange {k}");
        assert_eq!(
            net.exchange_drivers.row(e).len(),
            x.drivers.len(),
            "exchange {k}"
        );
        for (d, id) in net.exchange_drivers.row(e).iter().zip(&x.drivers) {
            assert_eq!(&eco.drivers[d.index()].id, id, "exchange {k}");
        }
        assert_eq!(
            edge.follows.map(|(f, _)| f.index()),
            x.follows.as_ref().map(|f| {
                eco.exchanges
                    .iter()
                    .position(|y| y.id == f.exchange)
                    .expect("followed")
            }),
            "exchange {k}"
        );
    }
}

#[test]
fn problems_anywhere_in_the_exchanges_are_reported_in_file_order() {
    let mut eco = design(&GenerateConfig::new(12_000, 5));
    let broken = [3usize, 16_383, 16_384, 40_000, eco.exchanges.len() - 1];
    for &k in &broken {
        eco.exchanges[k].to = format!("nowhere-{k}").into();
    }
    let err = valuedesign::load_source(&file(text(&eco))).expect_err("unknown nodes");
    let unknown: Vec<&str> = err
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| m.contains("nowhere-"))
        .collect();
    let expected: Vec<String> = broken
        .iter()
        .map(|k| format!("unknown node `nowhere-{k}`"))
        .collect();
    assert_eq!(unknown, expected);
    let lines: Vec<usize> = err
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("nowhere-"))
        .map(|d| d.start.expect("located").line)
        .collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
}

#[test]
fn only_the_first_200_unknown_ids_get_a_suggestion() {
    // 300 misspelt receivers, each one letter from a real node: the first 200
    // are told which node they may mean; the rest what to do, without the
    // comparison against every id that would make a file full of them hang.
    let mut eco = design(&GenerateConfig::new(2_000, 6));
    for k in 0..300 {
        eco.exchanges[k * 20].to = format!("n{}x", k + 1).into();
    }
    let err = valuedesign::load_source(&file(text(&eco))).expect_err("unknown nodes");
    let helps: Vec<&str> = err
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("unknown node `n"))
        .map(|d| d.help.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(helps.len(), 300);
    for (k, help) in helps.iter().enumerate() {
        if k < 200 {
            assert_eq!(
                *help,
                format!("did you mean `n{}`?", k + 1),
                "reference {k}"
            );
        } else {
            assert!(
                help.starts_with("add a node with this id"),
                "reference {k}: {help}"
            );
        }
    }
}
