//! Groups nested 40,000 deep: the group ledgers are right (worked by hand)
//! and cost about what a flat design of the same size costs (each node's
//! rows are added once, bottom-up, not once per ancestor).

mod common;

use std::time::{Duration, Instant};

use valuedesign::analysis::{self, ledger::Field, Config};
use valuedesign::index::NodeIdx;

const N: usize = 40_000;

/// `N` organisations, each (when `deep`) the parent of the next; every
/// fourth sells a service to a shop for 5 a year.
fn design(deep: bool) -> String {
    let mut s =
        String::from("Ecosystem(\n    name: \"chain\",\n    horizon_years: 2,\n    nodes: [\n");
    for i in 0..N {
        let parent = if deep && i > 0 {
            format!(", parent: Some(\"n{}\")", i - 1)
        } else {
            String::new()
        };
        s.push_str(&format!(
            "        Node(id: \"n{i}\", kind: Organization{parent}),\n"
        ));
    }
    s.push_str("        Node(id: \"shop\", kind: Segment),\n    ],\n    exchanges: [\n");
    for i in (0..N).step_by(4) {
        s.push_str(&format!(
            "        Exchange(id: \"s{i}\", from: \"n{i}\", to: \"shop\", flow: Service, value: 10.0, cadence: Yearly),\n        Exchange(id: \"p{i}\", from: \"shop\", to: \"n{i}\", flow: Money, value: 5.0, cadence: Yearly, reciprocates: Some(\"s{i}\")),\n"
        ));
    }
    s.push_str("    ],\n)\n");
    s
}

/// The shortest of three analyses, in seconds.
fn fastest(design: &valuedesign::ValueDesign) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let an = analysis::analyse(design, &Config::default());
            std::hint::black_box(&an);
            t.elapsed()
        })
        .min()
        .expect("three runs")
}

#[test]
fn deep_group_ledgers_are_summed_once_bottom_up() {
    let (deep, an) = common::load(&design(true));
    // n_k's group holds every n_i with i >= k; those with i % 4 == 0 earn 5
    // a year: the root's group 10,000 x 5 = 50,000 a year.
    let cash = |k: usize| {
        an.group_ledgers
            .get(NodeIdx::new(k), Field::Cash)
            .expect("has children")
            .to_vec()
    };
    assert_eq!(cash(0), vec![50_000.0, 50_000.0]);
    assert_eq!(cash(1), vec![(N / 4 - 1) as f64 * 5.0; 2]);
    assert_eq!(cash(N - 4), vec![5.0, 5.0]);
    assert_eq!(cash(N - 3), vec![0.0, 0.0]);
    // The last node has no child, so no group ledger.
    assert!(an
        .group_ledgers
        .get(NodeIdx::new(N - 1), Field::Cash)
        .is_none());

    // Not a speed test (the benches measure speed): the work must not grow
    // with the depth. It did: 40,000 deep took 8x as long as flat.
    let (flat, _) = common::load(&design(false));
    let (d, f) = (fastest(&deep), fastest(&flat));
    assert!(
        d <= f * 3 + Duration::from_millis(300),
        "40,000 deep: {d:?}; flat: {f:?}"
    );
}
