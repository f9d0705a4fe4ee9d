//! The report: chart figures worked out by hand, hostile labels escaped in
//! every file, the `report` and `map` commands (files, names, atomic writes,
//! bad input), and the same bytes whatever the thread count.

mod common;
use common::{bin, load, workdir};

use std::path::Path;

use valuedesign::render::charts::chart_data;
use valuedesign::report::{build, ReportConfig, ReportFile};

/// Over 2 years: the shop pays the vendor 100 a month (1,200 a year) and a
/// setup fee of 300 once; the vendor pays the supplier 200 a year for parts
/// worth 200 a year; the vendor serves the shop (500 a year).
const SMALL: &str = r#"Ecosystem(
    name: "Small",
    horizon_years: 2,
    drivers: [Driver(id: "d1", label: "Uptime")],
    nodes: [
        Node(id: "vendor", label: "Vendor", kind: Organization, drivers: ["d1"]),
        Node(id: "sensor", label: "Sensor", kind: Device, parent: Some("vendor")),
        Node(id: "shop", label: "Shop", kind: Segment, drivers: ["d1"]),
        Node(id: "supplier", label: "Supplier", kind: Organization),
    ],
    exchanges: [
        Exchange(id: "svc", from: "vendor", to: "shop", flow: Service, value: 500.0, cadence: Yearly, drivers: ["d1"]),
        Exchange(id: "sub", from: "shop", to: "vendor", flow: Money, value: 100.0, cadence: Monthly),
        Exchange(id: "fee", from: "shop", to: "vendor", flow: Money, value: 300.0, cadence: Once),
        Exchange(id: "readings", from: "sensor", to: "vendor", flow: Data, value: 0.0, cadence: Yearly),
        Exchange(id: "parts", from: "supplier", to: "vendor", flow: Goods, value: 200.0, cadence: Yearly, drivers: ["d1"]),
        Exchange(id: "pay-parts", from: "vendor", to: "supplier", flow: Money, value: 200.0, cadence: Yearly),
    ],
    extracts: [Extract(id: "subs", label: "Subscriptions", exchanges: ["sub"])],
)
"#;

#[test]
fn chart_figures_match_the_hand_worked_ledgers() {
    let (design, an) = load(SMALL);
    let d = chart_data(&design, &an);
    let labels: Vec<&str> = d.actors.iter().map(|a| a.label.as_str()).collect();
    // Actors only (not the sensor), in file order.
    assert_eq!(labels, ["Vendor", "Shop", "Supplier"]);
    // Vendor: year 1 = 1,200 + 300 - 200 = 1,300; year 2 = 1,200 - 200 = 1,000.
    assert_eq!(d.actors[0].cumulative_cash, vec![1300.0, 2300.0]);
    assert_eq!(d.actors[1].cumulative_cash, vec![-1500.0, -2700.0]);
    assert_eq!(d.actors[2].cumulative_cash, vec![200.0, 400.0]);
    // Net value by goal: the vendor (profit) has its cash, 2,300: the parts it
    // buys (400) are an input, not value gained; the shop (worth): -2,700 +
    // service 1,000; the supplier (profit): its cash, 400.
    assert_eq!(d.actors[0].net_value, 2300.0);
    assert_eq!(d.actors[1].net_value, -1700.0);
    assert_eq!(d.actors[2].net_value, 400.0);
    // Money per year, mean over 2 years: shop -> vendor (2,400 + 300) / 2.
    assert_eq!(d.matrix[1][0], 1350.0);
    assert_eq!(d.matrix[0][2], 200.0);
    let total: f64 = d.matrix.iter().flatten().sum();
    assert_eq!(total, 1550.0);
    // Rows are numbered as the columns are.
    let svg = valuedesign::render::charts::money_matrix_svg(&d).expect("svg");
    for row in ["1. Vendor", "2. Shop", "3. Supplier"] {
        assert!(svg.contains(row), "{row} missing");
    }
    assert_eq!(d.left_out, 0);
}

const HOSTILE_LABELS: [&str; 5] = [
    "<script>alert(1)</script>",
    "\\\"Quotes\\\" & 'apostrophes' </svg> ]]>",
    "مزود الخدمة السحابية",
    "🚀 Rocket 📡 sensors",
    "x",
];

fn hostile() -> String {
    let long = "Very long label ".repeat(32); // 512 characters
    let mut labels = HOSTILE_LABELS.map(str::to_owned);
    labels[4] = long;
    SMALL
        .replace("label: \"Vendor\"", &format!("label: \"{}\"", labels[0]))
        .replace("label: \"Shop\"", &format!("label: \"{}\"", labels[1]))
        .replace("label: \"Supplier\"", &format!("label: \"{}\"", labels[2]))
        .replace("label: \"Sensor\"", &format!("label: \"{}\"", labels[3]))
        .replace("label: \"Uptime\"", &format!("label: \"{}\"", labels[4]))
        .replace(
            "name: \"Small\"",
            "name: \"<b>Bold</b> & \\u{1} ecosystem\"",
        )
}

fn report(text: &str) -> Vec<ReportFile> {
    let (design, an) = load(text);
    build(
        &design,
        &an,
        &ReportConfig {
            png: true,
            source_name: "test.ron".into(),
        },
    )
    .expect("report")
}

#[test]
fn hostile_labels_are_escaped_in_every_file_and_every_svg_renders() {
    let files = report(&hostile());
    for f in &files {
        if f.name.ends_with(".png") {
            assert!(f.bytes.starts_with(b"\x89PNG"), "{}", f.name);
            continue;
        }
        let text = String::from_utf8(f.bytes.clone()).expect("utf8");
        if f.name.ends_with(".json") {
            // Data, not markup: the label comes back exactly.
            let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            assert_eq!(doc["nodes"]["vendor"]["label"], HOSTILE_LABELS[0]);
            continue;
        }
        // index.html has its own two (the map's facts as JSON, and the
        // script that explores the map); no label adds one anywhere.
        let own = if f.name == "index.html" { 2 } else { 0 };
        assert_eq!(
            text.matches("<script").count(),
            own,
            "{} has a raw <script>",
            f.name
        );
        assert!(!text.contains("alert(1)</script>"), "{}", f.name);
        assert!(
            !text.contains("<b>Bold"),
            "{} has raw markup from a label",
            f.name
        );
        assert!(
            !text.contains('\u{1}'),
            "{} has a control character",
            f.name
        );
        if f.name.ends_with(".svg") {
            valuedesign::render::png::png(&text).unwrap_or_else(|e| panic!("{}: {e}", f.name));
            assert!(!text.contains("</svg> ]]>"), "{}", f.name);
        }
    }
    let html = files
        .iter()
        .find(|f| f.name == "index.html")
        .expect("index.html");
    let html = String::from_utf8_lossy(&html.bytes);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        html.contains("مزود الخدمة السحابية"),
        "right-to-left text is kept"
    );
    assert!(html.contains("🚀 Rocket"), "emoji are kept");
    let md = files
        .iter()
        .find(|f| f.name == "summary.md")
        .expect("summary.md");
    let md = String::from_utf8_lossy(&md.bytes);
    assert!(
        md.contains("&lt;script>alert(1)&lt;/script>") && !md.contains("<script"),
        "{md}"
    );
    // The 512-character driver label is cut, with an ellipsis, on the map.
    let map = files.iter().find(|f| f.name == "map.svg").expect("map.svg");
    let map = String::from_utf8_lossy(&map.bytes);
    let badge = map
        .lines()
        .find(|l| l.contains("Very long label"))
        .and_then(|l| l.split('>').nth(1))
        .and_then(|t| t.strip_suffix("</text"))
        .expect("the badge text");
    assert!(
        badge.ends_with('…') && badge.chars().count() < 60,
        "badge not cut: {badge}"
    );
    assert!(!map.contains(&"Very long label ".repeat(4)));
}

#[test]
fn the_report_is_the_same_whatever_the_thread_count() {
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("pool");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ecosystems/smart-parking.ron"),
    )
    .expect("read");
    let a = one.install(|| report(&text));
    let b = two.install(|| report(&text));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.name, y.name);
        assert!(
            x.bytes == y.bytes,
            "{} differs between 1 and 2 threads",
            x.name
        );
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn no_arguments_reports_every_shipped_file_into_output() {
    let dir = workdir();
    let out = bin().current_dir(dir.path()).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("ecosystems/food-plant-monitoring.ron: wrote output/food-plant-monitoring (60 files; win-win for all 9 actors)"),
        "{stdout}"
    );
    let folder = dir.path().join("output/food-plant-monitoring");
    let names = names_in(&folder);
    let actors = [
        "cert-body",
        "chemical-plants",
        "cloud-provider",
        "cold-chain",
        "food-processors",
        "integrator",
        "plant-managers",
        "sensor-maker",
        "vendor",
    ];
    let mut expected: Vec<String> = vec![
        "analysis.json".into(),
        "cash-flow.svg".into(),
        "index.html".into(),
        "map-extract-around-vendor.png".into(),
        "map-extract-around-vendor.svg".into(),
        "map-extract-implementation-project.png".into(),
        "map-extract-implementation-project.svg".into(),
        "map-extract-recurring-revenue.png".into(),
        "map-extract-recurring-revenue.svg".into(),
        "map-slide.png".into(),
        "map-slide.svg".into(),
        "map.png".into(),
        "map.svg".into(),
        "money-matrix.svg".into(),
        "value-sharing.svg".into(),
        "net-value.svg".into(),
        "summary.md".into(),
    ];
    for a in actors {
        for ext in ["md", "png", "svg"] {
            expected.push(format!("canvas-{a}.{ext}"));
        }
        // What moves its score; plant managers exchange no money or worth
        // that a number could move, so they have none.
        if a != "plant-managers" {
            expected.push(format!("tornado-{a}.svg"));
        }
    }
    // One difference map per scenario of the file.
    for s in [
        "no-integrator",
        "one-in-five-leave",
        "platform-discount",
        "slower-adoption",
    ] {
        for ext in ["png", "svg"] {
            expected.push(format!("diff-scenario-{s}.{ext}"));
        }
    }
    expected.sort();
    assert_eq!(names, expected);
    let html = std::fs::read_to_string(folder.join("index.html")).expect("html");
    // The map and its explorable layer, 3 extract maps, 4 charts, 4
    // difference maps, 8 tornado charts and 9 canvases, inline.
    assert_eq!(html.matches("<svg ").count(), 30);
    // Every map's groups have ids of their own on the page.
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .collect();
    assert!(ids.contains(&"map-node-integrator") && ids.len() > 300);
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "an id is used twice on the page");
    assert!(html.contains("<section id=\"sensitivity\">"));
    assert!(html.contains("<section id=\"scenarios\">"));
    assert!(html.contains("Without the system integrator"));
    // No address but the namespaces of SVG (and of Inkscape's layers).
    assert_eq!(
        html.matches("http://").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
            + html
                .matches("xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\"")
                .count()
    );
    assert!(!html.contains("https://"));
    // No temporary folder is left behind.
    assert_eq!(
        names_in(&dir.path().join("output")),
        ["food-plant-monitoring"]
    );
}

#[test]
fn a_bad_file_is_reported_and_leaves_its_previous_report_intact() {
    let dir = workdir();
    let bad = "Ecosystem(name: \"Bad\", nodes: [Node(id: \"a\", kind: Organisation)], exchanges: [Exchange(id: \"x\", from: \"a\", to: \"b\", flow: Money, value: 1.0, cadence: Once)])\n";
    std::fs::write(dir.path().join("ecosystems/bad.ron"), bad).expect("write");
    std::fs::create_dir_all(dir.path().join("output/bad")).expect("mkdir");
    std::fs::write(dir.path().join("output/bad/index.html"), "previous").expect("write");
    let out = bin()
        .current_dir(dir.path())
        .arg("report")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ecosystems/bad.ron:1:"), "{stderr}");
    assert!(
        stderr.contains("Organization"),
        "suggests the variant: {stderr}"
    );
    assert!(
        stderr.contains("unknown node `b`"),
        "every problem: {stderr}"
    );
    assert!(
        stderr.contains("1 of 2 files could not be reported; the others were written."),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("output/bad/index.html")).expect("read"),
        "previous"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ecosystems/bad.ron")).expect("read"),
        bad
    );
    assert!(dir
        .path()
        .join("output/food-plant-monitoring/index.html")
        .is_file());
}

#[test]
fn rerunning_replaces_the_report_folder_whole() {
    let dir = workdir();
    let stale = dir
        .path()
        .join("output/food-plant-monitoring/canvas-gone.svg");
    std::fs::create_dir_all(stale.parent().expect("parent")).expect("mkdir");
    std::fs::write(&stale, "stale").expect("write");
    let out = bin()
        .current_dir(dir.path())
        .args(["report", "--no-png"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stale.exists(), "files of an older report are gone");
    let names = names_in(&dir.path().join("output/food-plant-monitoring"));
    assert!(names.iter().all(|n| !n.ends_with(".png")), "{names:?}");
    assert!(names.contains(&"index.html".to_owned()));
}

#[test]
fn map_writes_each_zoom_and_explains_a_wrong_one() {
    let dir = workdir();
    let run = |args: &[&str]| {
        bin()
            .current_dir(dir.path())
            .args(["map", "ecosystems/food-plant-monitoring.ron"])
            .args(args)
            .output()
            .expect("runs")
    };
    for (args, name) in [
        (vec![], "map.svg"),
        (
            vec!["--extract", "recurring-revenue"],
            "map-extract-recurring-revenue.svg",
        ),
        (
            vec!["--focus", "vendor", "--radius", "1"],
            "map-focus-vendor-r1.svg",
        ),
        (vec!["--level", "0"], "map-level-0.svg"),
        (vec!["--format", "png"], "map.png"),
    ] {
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = dir.path().join("output/food-plant-monitoring").join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if name.ends_with(".png") {
            assert!(bytes.starts_with(b"\x89PNG"));
        } else {
            assert!(
                String::from_utf8_lossy(&bytes).starts_with("<svg"),
                "{name}"
            );
        }
    }
    let out = run(&["--extract", "recuring-revenue"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean `recurring-revenue`?"),
        "{stderr}"
    );
    let out = run(&["--focus", "vendor", "--level", "1"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "conflicting zooms are a usage error"
    );
}

/// The verdict reads the same in every file of the report: the lighting
/// company that loses money is "no", with its basis, in the headline, the
/// tables, the map, the canvas and the findings (whose titles keep their hyphen).
#[test]
fn the_verdict_is_the_same_in_every_file_of_the_report() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ecosystems/airport-lighting-service.ron"),
    )
    .expect("readable");
    let files = report(&text);
    let file = |name: &str| {
        let f = files.iter().find(|f| f.name == name).expect(name);
        String::from_utf8_lossy(&f.bytes).into_owned()
    };
    let basis = "loses money (NPV -276,678 EUR over 10 years)";
    let md = file("summary.md");
    assert!(
        md.contains("**Not win-win**: 1 of 7 actors does not get value."),
        "{md}"
    );
    assert!(md.contains(&format!("- Lighting company (light as a service): {basis}")));
    assert!(md.contains("| Lighting company (light as a service) | profit |"));
    assert!(md.contains("- **Win-win failure** (warning, `win-win-failure`)"));
    let html = file("index.html");
    assert!(html.contains(&format!("<span class=\"bad\">no</span>: {basis}")));
    // The headline names each failing actor with why.
    assert!(html.contains(&format!(
        "<li><b>Lighting company (light as a service)</b>: {basis}</li>"
    )));
    assert!(html.contains("<tr class=\"group\"><td>↳ with what it holds</td>"));
    let canvas = file("canvas-lighting-co.svg");
    assert!(canvas.contains(&format!("win-win: no: {basis}")));
    let profile = file("canvas-airport.svg");
    assert!(profile.contains("Customer profile: Regional airport authority"));
    // The map marks the lighting company as not getting value.
    let map = file("map.svg");
    assert!(map.contains("NOT win-win: 1 of 7 actors does not get value"));
}

/// A design with hundreds of findings: the report lists, code by code, the
/// first 10 of each and how many more, says how to see every one, and the
/// counts add up to every finding (here 2,000 nodes).
#[test]
fn hundreds_of_findings_are_summarised_per_code() {
    use valuedesign::findings::{by_code, findings, Policy};
    use valuedesign::generate::{generate_string, GenerateConfig};
    let text = generate_string(&GenerateConfig::new(2000, 3));
    let (design, an) = load(&text);
    let all = findings(&design, &an, &Policy::default());
    assert!(all.len() > 200, "{} findings", all.len());
    let files = build(
        &design,
        &an,
        &ReportConfig {
            png: false,
            source_name: "big.ron".into(),
        },
    )
    .expect("report");
    let page = |name: &str| {
        let f = files.iter().find(|f| f.name == name).expect(name);
        String::from_utf8(f.bytes.clone()).expect("utf-8")
    };
    let (html, md) = (page("index.html"), page("summary.md"));
    let groups = by_code(&all);
    let head = format!(
        "{} findings of {} codes",
        thousands(all.len()),
        groups.len()
    );
    assert!(html.contains(&head), "{head}");
    assert!(md.contains(&head), "{head}");
    assert!(html.contains("valuedesign check big.ron&nbsp;--all"));
    let mut listed = 0;
    for (code, fs) in &groups {
        let shown = fs.len().min(10);
        listed += shown;
        if fs.len() > 10 {
            let more = fs.len() - 10;
            let line = format!("- `{code}`: and {} more\n", thousands(more));
            assert!(md.contains(&line), "{line}");
            let row = format!(
                "<code>{code}</code></td><td colspan=\"3\">and {} more</td>",
                thousands(more)
            );
            assert!(html.contains(&row), "{row}");
        }
    }
    // One table row per finding listed, one per code with more.
    let rows = html.matches("<tr><td class=\"sev-").count();
    assert_eq!(rows, listed);
}

/// `n` with thousands separated by commas, as the report writes counts.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
