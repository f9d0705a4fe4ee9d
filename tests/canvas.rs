//! Derived canvases: the food-plant vendor against the canvas seed, sources on
//! every entry, customer/user/payer, and escaping of hostile labels.

use valuedesign::analysis::{self, Config};
use valuedesign::canvas::{canvas, Canvas, Source};
use valuedesign::diagnostic::SourceFile;
use valuedesign::render::canvas::text as canvas_text;

fn food_plant_vendor() -> Canvas {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ecosystems/food-plant-monitoring.ron");
    let (_, design) = valuedesign::load_file(&path).expect("loads");
    let an = analysis::analyse(&design, &Config::default());
    canvas(&design, &an, design.node_index()["vendor"])
}

fn stream<'c>(c: &'c Canvas, exchange: &str) -> &'c valuedesign::canvas::Entry {
    c.revenue_streams
        .iter()
        .find(|e| e.sources.contains(&Source::Exchange(exchange.into())))
        .unwrap_or_else(|| {
            panic!(
                "no revenue stream from {exchange}: {:#?}",
                c.revenue_streams
            )
        })
}

#[test]
fn food_plant_vendor_has_the_seed_revenue_streams_and_amounts() {
    // The seed's four streams per customer: hardware 5,000 and installation 15,000
    // (once), platform 3,000 and O&M 5,000 (yearly). 5 customers in year 1, 7 in year 2
    // (2 new): year 1 = 5 x each; year 2 = 2 x the one-time ones, 7 x the yearly ones.
    let c = food_plant_vendor();
    let cases = [
        ("kit-payment", "asset sale", [25_000.0, 10_000.0]),
        // A one-time service is paid by a service fee, not an asset sale.
        ("installation-payment", "service fee", [75_000.0, 30_000.0]),
        ("platform-fee", "subscription", [15_000.0, 21_000.0]),
        ("om-fee", "subscription", [25_000.0, 35_000.0]),
    ];
    for (id, model, years) in cases {
        let e = stream(&c, id);
        assert!(e.tags.iter().any(|t| t == model), "{id}: {:?}", e.tags);
        let v = e.per_year.as_ref().expect("amounts");
        assert_eq!(&v[..2], &years, "{id}");
    }
    // Year-1 revenue from food processors: 28,000 x 5; year 2: 28,000 x 2 + 8,000 x 5.
    let from_plants = |y: usize| -> f64 {
        [
            "kit-payment",
            "installation-payment",
            "platform-fee",
            "om-fee",
        ]
        .iter()
        .map(|id| stream(&c, id).per_year.as_ref().expect("amounts")[y])
        .sum()
    };
    assert_eq!(from_plants(0), 140_000.0);
    assert_eq!(from_plants(1), 96_000.0);
}

#[test]
fn food_plant_vendor_has_the_seed_cost_items() {
    // The seed's cost structure: hardware BOM, R&D, install cost, platform O&M,
    // certification. In the file, BOM, hosting and certification are payments to
    // the partners who do them; R&D and own install work are the vendor's costs.
    let c = food_plant_vendor();
    let has_source = |s: Source| c.cost_structure.iter().any(|e| e.sources.contains(&s));
    assert!(
        has_source(Source::Exchange("bom-payment".into())),
        "hardware BOM"
    );
    assert!(
        has_source(Source::Cost("R&D (hardware, firmware, platform)".into())),
        "R&D"
    );
    assert!(
        has_source(Source::Exchange("install-subcontract".into())),
        "install cost (integrator)"
    );
    assert!(has_source(Source::Cost(
        "Install cost: site survey and device configuration (own engineers)".into()
    )));
    assert!(
        has_source(Source::Exchange("hosting-fee".into())),
        "platform O&M"
    );
    assert!(
        has_source(Source::Exchange("certification-fee".into())),
        "certification"
    );
    let rnd = c
        .cost_structure
        .iter()
        .find(|e| e.text.starts_with("R&D"))
        .expect("R&D");
    assert_eq!(rnd.tags, vec!["fixed"]);
    assert_eq!(rnd.per_year.as_deref(), Some(&[50_000.0, 0.0, 0.0][..]));
    let bom = c
        .cost_structure
        .iter()
        .find(|e| e.sources.contains(&Source::Exchange("bom-payment".into())))
        .expect("BOM");
    assert_eq!(bom.tags, vec!["variable"]);
    // Partners of the seed: the sensor maker, cloud provider, integrator, certification body.
    for partner in ["sensor", "cloud", "integrator", "ertification"] {
        assert!(
            c.key_partners
                .iter()
                .any(|e| e.text.to_lowercase().contains(partner)),
            "{partner}: {:#?}",
            c.key_partners
        );
    }
    // Every entry of every block cites at least one source.
    for (title, entries) in c.blocks() {
        for e in entries {
            assert!(!e.sources.is_empty(), "{title}: {} has no source", e.text);
        }
    }
}

const ROLES: &str = r#"Ecosystem(name: "Roles",
    nodes: [
        Node(id: "vendor", kind: Organization, resources: ["Platform"], activities: ["Support"]),
        Node(id: "plants", label: "Plants", kind: Segment),
        Node(id: "hq", label: "Group HQ", kind: Organization, decides_for: Some("plants")),
        Node(id: "finance", label: "Finance dept", kind: Organization),
        Node(id: "monitoring", label: "Monitoring process", kind: Process, parent: Some("vendor")),
    ],
    exchanges: [
        Exchange(id: "alerts", from: "vendor", to: "plants", flow: Service, offering: "Alerts", value: 10.0, cadence: Monthly),
        // The finance department pays for the plants' alerts.
        Exchange(id: "fee", from: "finance", to: "vendor", flow: Money, offering: "Fee", value: 100.0, cadence: Yearly, reciprocates: Some("alerts")),
        Exchange(id: "readings", from: "plants", to: "vendor", flow: Data, offering: "Readings", value: 0.0, cadence: Yearly),
    ],
)"#;

#[test]
fn customer_user_and_payer_are_told_apart() {
    let design = valuedesign::load_source(&SourceFile {
        name: "roles.ron".into(),
        text: ROLES.into(),
    })
    .expect("loads");
    let an = analysis::analyse(&design, &Config::default());
    let c = canvas(&design, &an, valuedesign::index::NodeIdx::new(0));
    let tags = |label: &str| {
        c.customer_segments
            .iter()
            .find(|e| e.text == label)
            .map(|e| e.tags.clone())
            .unwrap_or_default()
    };
    assert_eq!(tags("Plants"), vec!["user"]);
    assert_eq!(tags("Finance dept"), vec!["payer", "customer"]);
    assert_eq!(tags("Group HQ"), vec!["customer"]);
    assert_eq!(c.channels[0].text, "direct");
    assert_eq!(c.customer_relationships[0].text, "Ongoing");
    assert!(c.key_resources.iter().any(|e| e.text == "Platform"));
    assert!(c
        .key_resources
        .iter()
        .any(|e| e.text == "Readings from Plants" && e.tags == ["data"]));
    assert!(c
        .key_activities
        .iter()
        .any(|e| e.text == "Monitoring process"));
    assert_eq!(c.revenue_streams[0].tags, vec!["subscription"]);
}

#[test]
fn hostile_labels_are_escaped_in_markdown() {
    let text = ROLES.replace(
        "label: \"Plants\"",
        r#"label: "<script>alert('x')</script> & \"quoted\" | *stars*""#,
    );
    let design = valuedesign::load_source(&SourceFile {
        name: "roles.ron".into(),
        text,
    })
    .expect("loads");
    let an = analysis::analyse(&design, &Config::default());
    let md = canvas_text::md(
        &canvas(&design, &an, valuedesign::index::NodeIdx::new(0)),
        "EUR",
    );
    assert!(!md.contains("<script>"), "{md}");
    assert!(
        md.contains("&lt;script>alert('x')&lt;/script> & \"quoted\" \\| \\*stars\\*"),
        "{md}"
    );
}

#[test]
fn hostile_labels_are_escaped_in_svg() {
    use valuedesign::render::canvas::svg::{svg, LedgerSummary};
    let text = ROLES.replace(
        "label: \"Plants\"",
        r#"label: "<script>alert('x')</script> & \"quoted\"""#,
    );
    let design = valuedesign::load_source(&SourceFile {
        name: "roles.ron".into(),
        text,
    })
    .expect("loads");
    let an = analysis::analyse(&design, &Config::default());
    let c = canvas(&design, &an, valuedesign::index::NodeIdx::new(0));
    let summary = LedgerSummary {
        years: 3,
        currency: "<EUR>".into(),
        revenue: 1.0,
        spend: 0.0,
        costs: 0.0,
        net_value: 1.0,
        npv: 1.0,
        breakeven: "year 1".to_owned(),
        verdict: "yes".into(),
        worth: 0.0,
        on_worth: false,
    };
    let out = svg(&c, &summary, "canvas-vendor.md").expect("draws");
    assert!(
        out.starts_with("<svg") || out.contains("<svg"),
        "{}",
        &out[..100.min(out.len())]
    );
    assert!(!out.contains("<script>"), "raw markup in the SVG");
    assert!(out.contains("&lt;script&gt;"), "label not escaped");
    assert!(out.contains("&lt;EUR&gt;"));
    // Every block title is drawn.
    for title in [
        "Key partners",
        "Key activities",
        "Key resources",
        "Value propositions",
        "Customer relationships",
        "Channels",
        "Customer segments",
        "Cost structure",
        "Revenue streams",
    ] {
        assert!(out.contains(title), "{title}");
    }
}

#[test]
fn shipped_canvases_are_reviewed_snapshots() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ecosystems");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("ecosystems")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for path in files {
        let (_, design) = valuedesign::load_file(&path).expect("loads");
        let an = analysis::analyse(&design, &Config::default());
        let eco = design.ecosystem();
        let mut all = String::new();
        for (a, n) in eco.nodes.iter().enumerate() {
            if n.kind.is_actor() {
                all.push_str(&canvas_text::md(
                    &canvas(&design, &an, valuedesign::index::NodeIdx::new(a)),
                    &eco.currency,
                ));
                all.push('\n');
            }
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        insta::assert_snapshot!(format!("canvases-{stem}"), all);
    }
}
