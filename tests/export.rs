//! `export`: every format carries the design's nodes and exchanges with
//! their figures, worked out by hand on a small design, and opens in its
//! reference reader where one is installed (networkx for GraphML and GEXF,
//! Graphviz's `dot` for DOT; `.ci/run` installs both and sets
//! VALUEDESIGN_REQUIRE_READERS=1 so a missing reader fails there). Hostile
//! text never starts a formula in a sheet and reads back unchanged in XML.

mod common;
use common::{bin, load};

use valuedesign::export::cell::Cell;
use valuedesign::export::{export, table, ExportFormat};

/// Over 2 years: the shop pays 100 a month (1,200 a year, 2,400 in all) for
/// the vendor's service; the vendor pays the supplier 200 a year for parts
/// (400 in all). The vendor's label starts a formula.
const SMALL: &str = r#"Ecosystem(
    name: "Small <&> \"quoted\"",
    horizon_years: 2,
    drivers: [Driver(id: "d1", label: "Uptime")],
    nodes: [
        Node(id: "vendor", label: "=cmd|' /C calc'!A0", kind: Organization, drivers: ["d1"]),
        Node(id: "sensor", label: "Sensor", kind: Device, parent: Some("vendor")),
        Node(id: "shop", label: "Shop", kind: Segment),
        Node(id: "supplier", label: "Shop", kind: Organization),
    ],
    exchanges: [
        Exchange(id: "svc", from: "vendor", to: "shop", flow: Service, value: 150.0, cadence: Monthly, drivers: ["d1"]),
        Exchange(id: "sub", from: "shop", to: "vendor", flow: Money, offering: "Subscription, \"basic\"", value: 100.0, cadence: Monthly),
        Exchange(id: "readings", from: "sensor", to: "vendor", flow: Data, value: 0.0, cadence: Yearly),
        Exchange(id: "parts", from: "supplier", to: "vendor", flow: Goods, value: 200.0, cadence: Yearly),
        Exchange(id: "pay-parts", from: "vendor", to: "supplier", flow: Money, value: 200.0, cadence: Yearly, reciprocates: Some("parts")),
    ],
)
"#;

fn number(c: &Cell) -> f64 {
    match c {
        Cell::Number(v) => *v,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_tables_hold_the_hand_worked_figures() {
    let (design, an) = load(SMALL);
    let n = table::nodes(&design, &an);
    let vendor = 0;
    assert_eq!(number(n.get(vendor, "revenue")), 2400.0);
    assert_eq!(number(n.get(vendor, "spend")), 400.0);
    assert_eq!(number(n.get(3, "revenue")), 400.0, "the supplier");
    assert_eq!(n.get(1, "win_win"), &Cell::Empty, "a device has no verdict");
    assert_eq!(n.get(1, "parent"), &Cell::Text("vendor".into()));
    let x = table::exchanges(&design, &an);
    assert_eq!(number(x.get(1, "per_year")), 1200.0);
    assert_eq!(number(x.get(4, "per_year")), 200.0);
    assert_eq!(x.get(2, "tangible"), &Cell::Bool(false));
}

#[test]
fn csv_cells_never_start_a_formula_and_quote_what_needs_it() {
    let (design, an) = load(SMALL);
    let files = export(&design, &an, ExportFormat::Csv, "small").expect("export");
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "ecosystem.csv",
            "nodes.csv",
            "exchanges.csv",
            "costs.csv",
            "drivers.csv",
            "extracts.csv"
        ]
    );
    // The design's name has quotes: quoted as CSV.
    assert!(
        files[0]
            .text()
            .starts_with("field,value\nname,\"Small <&> \"\"quoted\"\"\"\n"),
        "{}",
        files[0].text()
    );
    let nodes = &files[1].text();
    assert!(nodes.starts_with("id,label,kind,parent,drivers,count,growth,churn,activities,resources,iot_role,decides_for,goal,industry,judged_on,revenue,spend,costs,net_value,npv,win_win\n"),
        "{nodes}");
    assert!(
        nodes.contains(
            "\nvendor,'=cmd|' /C calc'!A0,Organization,,d1,1,0,,,,,,,,Profit,2400,400,0,"
        ),
        "{nodes}"
    );
    let ex = &files[2].text();
    assert!(
        ex.contains(
            "sub,shop,vendor,money,\"Subscription, \"\"basic\"\"\",100,Monthly,,,,,,,,,true,1200\n"
        ),
        "{ex}"
    );
}

#[test]
fn kumu_json_has_elements_and_connections_by_label_kept_apart() {
    let (design, an) = load(SMALL);
    let f = &export(&design, &an, ExportFormat::KumuJson, "small").expect("export")[0];
    assert_eq!(f.name, "small.kumu.json");
    let doc: serde_json::Value = serde_json::from_str(&f.text()).expect("json");
    let elements = doc["elements"].as_array().expect("elements");
    assert_eq!(elements.len(), 4);
    // Two nodes are labelled "Shop": each gets its id.
    assert_eq!(elements[2]["label"], "Shop (shop)");
    assert_eq!(elements[3]["label"], "Shop (supplier)");
    assert_eq!(elements[0]["Revenue"], 2400.0);
    let c = &doc["connections"][1];
    assert_eq!(
        (c["from"].as_str(), c["to"].as_str()),
        (Some("Shop (shop)"), Some("=cmd|' /C calc'!A0"))
    );
    assert_eq!(c["type"], "money");
    assert_eq!(c["Per year"], 1200.0);
}

/// Whether the reference readers must be there (in `.ci/run`).
fn required() -> bool {
    std::env::var_os("VALUEDESIGN_REQUIRE_READERS").is_some()
}

fn python_has_networkx() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok || !required(), "networkx is required here");
    ok
}

#[test]
fn graphml_and_gexf_open_in_networkx_with_our_figures() {
    if !python_has_networkx() {
        eprintln!("skipped: python3 with networkx is not installed");
        return;
    }
    let (design, an) = load(SMALL);
    let dir = tempfile::tempdir().expect("tempdir");
    for (format, reader) in [
        (ExportFormat::Graphml, "read_graphml"),
        (ExportFormat::Gexf, "read_gexf"),
    ] {
        let f = &export(&design, &an, format, "small").expect("export")[0];
        let path = dir.path().join(&f.name);
        std::fs::write(&path, &f.bytes).expect("write");
        let script = format!(
            "import networkx as nx, json, sys\ng = nx.{reader}(sys.argv[1])\nv = g.nodes['vendor']\ne = g.edges['shop', 'vendor']\nprint(json.dumps({{'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(), 'name': v.get('label'), 'revenue': v['revenue'], 'npv': v['npv'], 'per_year': e['per_year'], 'tangible': e['tangible'], 'data_weight': g.edges['sensor', 'vendor'].get('weight'), 'paid_weight': e.get('weight')}}))"
        );
        let out = std::process::Command::new("python3")
            .args(["-c", &script])
            .arg(&path)
            .output()
            .expect("python3");
        assert!(
            out.status.success(),
            "{reader}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(got["nodes"], 4, "{reader}");
        assert_eq!(got["edges"], 5, "{reader}");
        assert_eq!(
            got["name"], "=cmd|' /C calc'!A0",
            "{reader}: the label reads back unchanged"
        );
        assert_eq!(got["revenue"], 2400.0, "{reader}");
        let npv = an.ledgers.npv[valuedesign::index::NodeIdx::new(0)];
        assert_eq!(got["npv"].as_f64(), Some(npv), "{reader}");
        assert_eq!(got["per_year"], 1200.0, "{reader}");
        assert_eq!(got["tangible"], true, "{reader}");
        if format == ExportFormat::Gexf {
            // Gephi weighs a flow by its value a year; an intangible flow
            // weighs 0, not the 1 a missing weight would read as.
            assert_eq!(got["paid_weight"], 1200.0);
            assert_eq!(got["data_weight"], 0.0);
        }
    }
}

#[test]
fn dot_renders_in_graphviz() {
    let (design, an) = load(SMALL);
    let f = &export(&design, &an, ExportFormat::Dot, "small").expect("export")[0];
    assert!(
        f.text().contains("subgraph \"cluster_vendor\""),
        "{}",
        f.text()
    );
    assert!(f.text().contains("\"sensor\" -> \"vendor\" [label=\"readings\", color=\"#BE5A96\", fontcolor=\"#BE5A96\", style=dashed"), "{}", f.text());
    let dot = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = dot else {
        assert!(!required(), "graphviz is required here");
        eprintln!("skipped: graphviz is not installed");
        return;
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(f.text().as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("dot");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(
        svg.contains("Subscription, &quot;basic&quot;") || svg.contains("Subscription, \"basic\""),
        "{svg}"
    );
    assert!(svg.contains("1,200/yr"));
}

#[test]
fn export_writes_files_and_stdout_and_refuses_csv_on_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = common::shipped("smart-parking.ron");
    let out = bin()
        .args(["export", "--format", "graphml", "-o"])
        .arg(dir.path().join("g.graphml"))
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(dir.path().join("g.graphml"))
        .expect("written")
        .contains("<graphml"));
    let out = bin()
        .args(["export", "--format", "csv", "-o"])
        .arg(dir.path().join("sheets"))
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(dir.path().join("sheets/exchanges.csv").exists());
    let out = bin()
        .args(["export", "--format", "kumu-json", "-o", "-"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let _: serde_json::Value = serde_json::from_slice(&out.stdout).expect("kumu json on stdout");
    let out = bin()
        .args(["export", "--format", "csv", "-o", "-"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}
