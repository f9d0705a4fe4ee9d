//! No two outputs share a file name: actors, extracts and designs whose ids
//! (or file names) sanitise alike, also without regard to case, each get
//! their own file, and the report links each one once.

mod common;

use std::collections::HashSet;

use common::{bin, load};
use valuedesign::report::{build, ReportConfig};

/// Three actors and three extracts whose ids all sanitise to `a_b` / `e_1`
/// (or to the `-2` name a naive counter would give), and two that differ in
/// case only.
const CLASHING: &str = r#"Ecosystem(
    name: "Clashing names",
    horizon_years: 2,
    nodes: [
        Node(id: "a/b", label: "Slash", kind: Organization),
        Node(id: "a b", label: "Space", kind: Organization),
        Node(id: "a_b-2", label: "Dash two", kind: Organization),
        Node(id: "Shop", label: "Upper shop", kind: Segment),
        Node(id: "shop", label: "Lower shop", kind: Segment),
    ],
    exchanges: [
        Exchange(id: "x1", from: "a/b", to: "Shop", flow: Service, value: 10.0, cadence: Yearly),
        Exchange(id: "p1", from: "Shop", to: "a/b", flow: Money, value: 5.0, cadence: Yearly),
        Exchange(id: "x2", from: "a b", to: "shop", flow: Service, value: 10.0, cadence: Yearly),
        Exchange(id: "p2", from: "shop", to: "a b", flow: Money, value: 5.0, cadence: Yearly),
        Exchange(id: "x3", from: "a_b-2", to: "shop", flow: Service, value: 10.0, cadence: Yearly),
        Exchange(id: "p3", from: "shop", to: "a_b-2", flow: Money, value: 5.0, cadence: Yearly),
    ],
    extracts: [
        Extract(id: "e/1", exchanges: ["p1"]),
        Extract(id: "e 1", exchanges: ["p2"]),
        Extract(id: "e_1-2", exchanges: ["p3"]),
    ],
)
"#;

fn lower_unique(names: &[&str]) -> bool {
    names
        .iter()
        .map(|n| n.to_lowercase())
        .collect::<HashSet<_>>()
        .len()
        == names.len()
}

#[test]
fn every_actor_and_extract_gets_its_own_file_and_one_link() {
    let (design, an) = load(CLASHING);
    let files = build(
        &design,
        &an,
        &ReportConfig {
            png: false,
            source_name: "clashing.ron".into(),
        },
    )
    .expect("report");
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert!(lower_unique(&names), "{names:?}");
    let canvases: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| n.starts_with("canvas-") && n.ends_with(".svg"))
        .collect();
    assert_eq!(canvases.len(), 5, "{canvases:?}");
    let maps: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| n.starts_with("map-extract-") && n.ends_with(".svg"))
        .collect();
    assert_eq!(maps.len(), 3, "{maps:?}");
    // The id that looks like a counter's name keeps its own name.
    assert!(canvases.contains(&"canvas-a_b-2.svg"), "{canvases:?}");
    assert!(maps.contains(&"map-extract-e_1-2.svg"), "{maps:?}");
    let html = files
        .iter()
        .find(|f| f.name == "index.html")
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .expect("index.html");
    for c in &canvases {
        let stem = c.trim_end_matches(".svg");
        let anchor = format!("id=\"{stem}\"");
        assert_eq!(html.matches(&anchor).count(), 1, "{anchor}");
    }
}

#[test]
fn designs_with_the_same_file_name_get_one_folder_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    for p in ["d1/x.ron", "d2/x.ron", "x-2.ron", "X.ron"] {
        let path = dir.path().join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, CLASHING).expect("write");
    }
    let out = bin()
        .current_dir(dir.path())
        .args([
            "report", "--no-png", "d1/x.ron", "d2/x.ron", "x-2.ron", "X.ron",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folders: Vec<String> = std::fs::read_dir(dir.path().join("output"))
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let names: Vec<&str> = folders.iter().map(String::as_str).collect();
    assert_eq!(folders.len(), 4, "{folders:?}");
    assert!(lower_unique(&names), "{folders:?}");
    // Each line names its own folder.
    let written: HashSet<&str> = stdout
        .lines()
        .filter_map(|l| l.split(": wrote ").nth(1))
        .filter_map(|r| r.split(" (").next())
        .collect();
    assert_eq!(written.len(), 4, "{stdout}");
}
