//! Property tests of the reader: random ecosystems written by the `ron` crate
//! read back equal; arbitrary text never panics and a rejection says why.

use proptest::prelude::*;
use valuedesign::diagnostic::SourceFile;
use valuedesign::model::{
    Cadence, Cost, Driver, Ecosystem, Exchange, Extract, Flow, Follow, Node, NodeKind, Scenario,
    Severity, Text,
};

fn text() -> impl Strategy<Value = Text> {
    // Quotes, backslashes, control characters, right-to-left text and emoji.
    prop_oneof![
        "[a-z][a-z0-9-]{0,12}",
        any::<String>(),
        Just("<script>\"&'\\ \u{202e}rtl 🙂\n\t".to_owned()),
        // Longer than 24 bytes: stored on the heap rather than inline.
        Just("a label long enough to leave the inline buffer behind".to_owned()),
    ]
    .prop_map(Text::from)
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e12..1e12f64,
        any::<f64>().prop_filter("finite", |x| x.is_finite()),
        Just(0.0),
        Just(-0.0)
    ]
}

fn cadence() -> impl Strategy<Value = Cadence> {
    prop_oneof![
        Just(Cadence::Once),
        Just(Cadence::Yearly),
        Just(Cadence::Monthly),
        number().prop_map(Cadence::Times)
    ]
}

fn kind() -> impl Strategy<Value = NodeKind> {
    prop_oneof![
        Just(NodeKind::Organization),
        Just(NodeKind::Segment),
        Just(NodeKind::Person),
        Just(NodeKind::Device),
        Just(NodeKind::Activity),
        Just(NodeKind::Process),
        Just(NodeKind::Group),
    ]
}

fn flow() -> impl Strategy<Value = Flow> {
    proptest::sample::select(Flow::ALL.to_vec())
}

fn node() -> impl Strategy<Value = Node> {
    (
        text(),
        text(),
        kind(),
        number(),
        (number(), proptest::option::of(number())),
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(
            (
                text(),
                number(),
                proptest::option::of(cadence()),
                proptest::option::of(text()),
            ),
            0..3,
        ),
    )
        .prop_map(
            |(id, label, kind, count, (growth, churn), parent, drivers, costs)| Node {
                // An industry round-trips, with quotes and all.
                industry: (count.to_bits() % 2 == 0)
                    .then(|| format!("{label} \"industry\"").into()),
                id,
                label,
                kind,
                count,
                growth,
                churn,
                parent,
                drivers: drivers.clone(),
                activities: drivers,
                resources: Vec::new(),
                costs: costs
                    .into_iter()
                    .map(|(label, amount, cadence, per_exchange)| Cost {
                        label,
                        amount,
                        cadence,
                        per_exchange,
                    })
                    .collect(),
                iot_role: None,
                decides_for: None,
                // Every goal round-trips: none, profit, worth (from the count's sign and size).
                goal: match (count.to_bits() % 3) as u8 {
                    0 => None,
                    1 => Some(valuedesign::model::Goal::Profit),
                    _ => Some(valuedesign::model::Goal::Worth),
                },
            },
        )
}

fn exchange() -> impl Strategy<Value = Exchange> {
    (
        text(),
        text(),
        text(),
        flow(),
        number(),
        cadence(),
        proptest::option::of((text(), number())),
        proptest::option::of(text()),
    )
        .prop_map(
            |(id, from, to, flow, value, cadence, follows, channel)| Exchange {
                id,
                from,
                to,
                flow,
                offering: Text::default(),
                value,
                cadence,
                per: None,
                follows: follows.map(|(exchange, ratio)| Follow { exchange, ratio }),
                reciprocates: None,
                drivers: Vec::new(),
                channel,
                relationship: None,
                revenue_model: None,
            },
        )
}

fn ecosystem() -> impl Strategy<Value = Ecosystem> {
    (
        text(),
        number(),
        0u32..1000,
        proptest::collection::vec((text(), text()), 0..3),
        proptest::collection::vec(node(), 0..4),
        proptest::collection::vec(exchange(), 0..4),
        proptest::collection::vec(
            (text(), proptest::collection::vec(text(), 0..2), 0u32..5),
            0..2,
        ),
        proptest::collection::vec(
            (
                text(),
                prop_oneof![
                    Just(Severity::Allow),
                    Just(Severity::Warn),
                    Just(Severity::Deny)
                ],
            ),
            0..2,
        ),
    )
        .prop_map(
            |(name, rate, horizon, drivers, nodes, exchanges, extracts, findings)| Ecosystem {
                description: Text::default(),
                currency: "EUR".into(),
                horizon_years: horizon,
                discount_rate: rate,
                drivers: drivers
                    .into_iter()
                    .map(|(id, label)| Driver { id, label })
                    .collect(),
                nodes,
                exchanges,
                extracts: extracts
                    .into_iter()
                    .map(|(id, nodes, radius)| Extract {
                        id,
                        label: Text::default(),
                        nodes,
                        exchanges: Vec::new(),
                        focus: None,
                        radius,
                    })
                    .collect(),
                findings: findings.into_iter().collect(),
                // A scenario with the name as its label: maps and text round-trip too.
                scenarios: vec![Scenario {
                    id: "s".into(),
                    label: name.clone(),
                    description: Text::default(),
                    set: [("discount_rate".into(), rate)].into_iter().collect(),
                    remove: Vec::new(),
                }],
                // A range, with an optional field left out and a shape.
                uncertainty: vec![valuedesign::model::Range {
                    path: "discount_rate".into(),
                    low: 0.0,
                    likely: None,
                    high: rate + 1.0,
                    shape: valuedesign::model::Shape::Uniform,
                }],
                name,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever the `ron` crate writes (pretty or compact, with or without
    /// struct names), our reader reads back to an equal value without complaint.
    #[test]
    fn ron_written_ecosystems_read_back_equal(eco in ecosystem(), pretty in any::<bool>(), names in any::<bool>()) {
        let text = if pretty {
            ron::ser::to_string_pretty(&eco, ron::ser::PrettyConfig::new().struct_names(names))
        } else {
            ron::Options::default().to_string(&eco)
        }.expect("serialises");
        let parsed = valuedesign::syntax::parse::<Ecosystem>(&text);
        prop_assert!(parsed.errors.is_empty(), "{:?}\n{}", parsed.errors, text);
        prop_assert_eq!(parsed.value.as_ref(), Some(&eco));
    }

    /// Any text: no panic; a rejection carries at least one located-or-file diagnostic.
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let file = SourceFile { name: "x.ron".into(), text };
        if let Err(e) = valuedesign::load_source(&file) {
            prop_assert!(!e.diagnostics.is_empty());
            let _ = e.render();
        }
    }

    /// Text that is almost right (a real file with one byte changed): no panic.
    #[test]
    fn mutated_files_never_panic(at in 0usize..4000, byte in any::<u8>()) {
        let base = include_str!("fixtures/bad/three-mistakes.ron");
        let mut bytes = base.as_bytes().to_vec();
        let at = at % bytes.len();
        bytes[at] = byte;
        let file = SourceFile { name: "x.ron".into(), text: String::from_utf8_lossy(&bytes).into_owned() };
        if let Err(e) = valuedesign::load_source(&file) {
            prop_assert!(!e.diagnostics.is_empty());
        }
    }
}

/// `valuedesign generate` writes its design with `ron`, default fields left
/// out: our reader gives back exactly the design that was written.
#[test]
fn a_generated_file_reads_back_as_the_design_written() {
    for (nodes, seed) in [(2, 1), (150, 7), (1200, 3)] {
        let cfg = valuedesign::generate::GenerateConfig::new(nodes, seed);
        let text = valuedesign::generate::generate_string(&cfg);
        assert!(text.starts_with("// Synthetic value design"), "{text:.80}");
        let design = valuedesign::load_source(&valuedesign::diagnostic::SourceFile {
            name: "g.ron".into(),
            text: text.clone(),
        })
        .unwrap_or_else(|e| panic!("{}", e.render()));
        // The reader names an unlabelled node, or an exchange without an
        // offering, by its id; apart from that, the design is the one written.
        let mut written = valuedesign::generate::design(&cfg);
        for n in &mut written.nodes {
            n.label = n.id.clone();
        }
        for x in &mut written.exchanges {
            x.offering = x.id.clone();
        }
        assert_eq!(design.ecosystem(), &written);
        // One node and one exchange per line; nothing at its default is written.
        assert_eq!(text.matches("Node(").count(), nodes.max(2));
        assert!(
            !text.contains("None") && !text.contains("[]"),
            "{text:.400}"
        );
    }
}
