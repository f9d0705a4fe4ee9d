//! The map's SVG is made to be edited: one group per node, container, flow
//! and label, with ids from the file and titles; one element per line (a
//! dashed line is one polyline with a dash pattern); coordinates to a tenth
//! of a pixel, where the layout put them. And the slide: 1920 x 1080, text of
//! 14 px or more, what it leaves out said.

mod common;
use common::load;

use valuedesign::model::Flow;
use valuedesign::render::map::layout::layout;
use valuedesign::render::map::slide::{
    largest_flows, one_offering_per_flow, slide, MAX_SCALE, SLIDE, SLIDE_TEXT,
};
use valuedesign::render::map::svg::{page_geometry, svg};
use valuedesign::render::map::view::{view, Zoom};

/// A vendor containing its sensor, a shop and a supplier: five flows, one
/// of them (the sensor's readings) intangible.
const SMALL: &str = r#"Ecosystem(
    name: "Small",
    horizon_years: 2,
    drivers: [Driver(id: "d1", label: "Uptime")],
    nodes: [
        Node(id: "vendor", label: "Vendor & Co", kind: Organization, drivers: ["d1"]),
        Node(id: "sensor", label: "Sensor", kind: Device, parent: Some("vendor")),
        Node(id: "shop", label: "Shop", kind: Segment, drivers: ["d1"]),
        Node(id: "supplier", label: "Supplier", kind: Organization),
    ],
    exchanges: [
        Exchange(id: "svc", from: "vendor", to: "shop", flow: Service, value: 500.0, cadence: Yearly, drivers: ["d1"]),
        Exchange(id: "sub", from: "shop", to: "vendor", flow: Money, offering: "Subscription", value: 100.0, cadence: Monthly),
        Exchange(id: "readings", from: "sensor", to: "vendor", flow: Data, value: 0.0, cadence: Yearly),
        Exchange(id: "parts", from: "supplier", to: "vendor", flow: Goods, value: 200.0, cadence: Yearly),
        Exchange(id: "pay-parts", from: "vendor", to: "supplier", flow: Money, value: 200.0, cadence: Yearly, reciprocates: Some("parts")),
    ],
)
"#;

/// The text of the group with this id, up to its closing tag (groups of
/// nodes and flows hold no groups).
fn group<'a>(svg: &'a str, id: &str) -> &'a str {
    let start = svg
        .find(&format!("<g id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no group {id} in\n{svg}"));
    let end = svg[start..].find("</g>").expect("closed") + start;
    &svg[start..end]
}

/// A layer's text, from its opening tag to the next layer's.
fn layer<'a>(svg: &'a str, id: &str) -> &'a str {
    let open = format!("<g id=\"{id}\" inkscape:groupmode=\"layer\"");
    let start = svg.find(&open).expect("layer") + open.len();
    let rest = &svg[start..];
    let end = rest
        .find("inkscape:groupmode=\"layer\"")
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Pixels written as the SVG writes them: to a tenth, no trailing ".0".
fn tenth(v: f64) -> String {
    let t = (v * 10.0).round() as i64;
    let (sign, a) = if t < 0 { ("-", -t) } else { ("", t) };
    if a % 10 == 0 {
        format!("{sign}{}", a / 10)
    } else {
        format!("{sign}{}.{}", a / 10, a % 10)
    }
}

#[test]
fn every_node_container_flow_and_label_is_a_titled_group() {
    let (design, an) = load(SMALL);
    let v = view(&design, &an, &Zoom::Auto).expect("view");
    let l = layout(&v);
    let s = svg(&v, &l, "map-").expect("svg");
    for (id, title) in [
        ("map-node-vendor", "<title>Vendor &amp; Co (organization, "),
        ("map-node-sensor", "<title>Sensor (device)</title>"),
        ("map-node-supplier", "<title>Supplier (organization"),
        ("map-frame-vendor", "<title>Group: Vendor &amp; Co</title>"),
        (
            "map-flow-shop-vendor-money",
            "<title>Shop → Vendor &amp; Co (money): Subscription ·\u{a0}1,200/yr</title>",
        ),
        (
            "map-flow-shop-vendor-money-label",
            "<title>Shop → Vendor &amp; Co (money): Subscription ·\u{a0}1,200/yr</title>",
        ),
        (
            "map-flow-sensor-vendor-data",
            "<title>Sensor → Vendor &amp; Co (data)",
        ),
    ] {
        assert!(group(&s, id).contains(title), "{id}: {}", group(&s, id));
    }
    // One group per flow of the view, in the flows layer, and ids are unique.
    let flows = layer(&s, "map-flows");
    assert_eq!(flows.matches("<g id=\"map-flow-").count(), v.edges.len());
    assert_eq!(v.edges.len(), 5);
    let ids: Vec<&str> = s
        .split("id=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
}

#[test]
fn a_line_is_one_element_and_a_dashed_line_is_one_polyline_with_a_pattern() {
    let (design, an) = load(SMALL);
    let v = view(&design, &an, &Zoom::Auto).expect("view");
    let l = layout(&v);
    let s = svg(&v, &l, "").expect("svg");
    for (k, e) in v.edges.iter().enumerate() {
        let ends = (&v.nodes[e.from].id, &v.nodes[e.to].id);
        let kind = format!("{:?}", e.flow).to_lowercase();
        let g = group(&s, &format!("flow-{}-{}-{kind}", ends.0, ends.1));
        // The line and its arrowhead, nothing else.
        assert_eq!(g.matches("<polyline").count(), 1, "{k}: {g}");
        assert_eq!(g.matches("<polygon").count(), 1, "{k}: {g}");
        assert_eq!(
            g.contains("stroke-dasharray"),
            e.flow == Flow::Data,
            "only the intangible flow is dashed: {g}"
        );
        // Its points are the route's, to a tenth of a pixel.
        let (_, _, (ox, oy)) = page_geometry(&v, &l);
        let first = l.routes[k].points[0];
        let want = format!("points=\"{},{} ", tenth(first.0 + ox), tenth(first.1 + oy));
        assert!(g.contains(&want), "{want} in {g}");
    }
    assert_eq!(layer(&s, "flows").matches("stroke-dasharray").count(), 1);
}

#[test]
fn a_card_is_one_shape_at_the_layouts_tenth_of_a_pixel() {
    let (design, an) = load(SMALL);
    let v = view(&design, &an, &Zoom::Auto).expect("view");
    let l = layout(&v);
    let s = svg(&v, &l, "").expect("svg");
    let (_, _, (ox, oy)) = page_geometry(&v, &l);
    let i = v
        .nodes
        .iter()
        .position(|n| n.id == "supplier")
        .expect("supplier");
    let r = l.cards[i].rect;
    let g = group(&s, "node-supplier");
    // An organisation is a rectangle: fill and outline in one polygon.
    let want = format!(
        "<polygon fill=\"#E3EEFA\" stroke=\"#505050\" stroke-width=\"1\" points=\"{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}\"/>",
        x0 = tenth(r.x + ox),
        y0 = tenth(r.y + oy),
        x1 = tenth(r.x + r.w + ox),
        y1 = tenth(r.y + r.h + oy),
    );
    assert!(g.contains(&want), "{want}\nin {g}");
    assert!(
        !g.contains("<polyline fill=\"none\" stroke=\"#505050\""),
        "no separate outline: {g}"
    );
    // Coordinates keep their tenths: some are not whole pixels.
    assert!(s.contains(".5,") || s.contains(".3,") || s.contains(".7,"));
}

/// Every `font-size` of an SVG, in pixels.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next()?.parse().ok())
        .collect()
}

#[test]
fn a_small_map_fits_a_slide_whole_with_text_of_14_px_or_more() {
    let (design, an) = load(SMALL);
    let s = slide(&design, &an, &Zoom::Auto, "map-slide-").expect("slide");
    assert_eq!((s.view.nodes.len(), s.view.edges.len()), (4, 5));
    assert!(s.view.notes.is_empty(), "{:?}", s.view.notes);
    assert!(s.svg.starts_with(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" width=\"1920\" height=\"1080\" viewBox=\"0 0 1920 1080\">"
    ));
    // The file says the sizes it is seen at: the smallest face (10 px) is
    // written at the slide's scale, 14 px or more, and nothing is smaller.
    let sizes = font_sizes(&s.svg);
    let smallest = sizes.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(smallest >= SLIDE_TEXT, "{smallest}");
    assert!(
        (smallest - s.smallest_text()).abs() < 0.051,
        "{smallest} {}",
        s.smallest_text()
    );
    assert!(s.page.scale <= MAX_SCALE);
    assert!(s.svg.contains("<g id=\"map-slide-node-vendor\">"));
}

#[test]
fn every_shipped_slide_is_1920_by_1080_with_no_text_under_14_px_and_says_what_it_left_out() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ecosystems");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("ecosystems/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for f in files {
        let (design, an) = load(&std::fs::read_to_string(&f).expect("read"));
        let full = view(&design, &an, &Zoom::Auto).expect("view");
        let s = slide(&design, &an, &Zoom::Auto, "").expect("slide");
        let name = f.display();
        assert!(
            s.svg
                .contains("width=\"1920\" height=\"1080\" viewBox=\"0 0 1920 1080\""),
            "{name}"
        );
        let smallest = font_sizes(&s.svg).into_iter().fold(f64::INFINITY, f64::min);
        assert!(smallest >= SLIDE_TEXT, "{name}: {smallest} px");
        // What is not drawn is said.
        if s.view.nodes.len() < full.nodes.len() {
            assert!(
                s.view
                    .notes
                    .iter()
                    .any(|n| n.contains("too many for one slide")),
                "{name}"
            );
        }
        if s.view.edges.len() < full.edges.len() && s.view.nodes.len() == full.nodes.len() {
            assert!(
                s.view.notes.iter().any(|n| n.contains("flows left out")),
                "{name}"
            );
        }
        // Every node and flow drawn is a group.
        assert_eq!(
            s.svg.matches("<g id=\"flow-").count() - s.svg.matches("-label\">").count(),
            s.view.edges.len(),
            "{name}"
        );
        // The slide still fits: its cards are inside the page.
        for c in &s.layout.cards {
            let right = (c.rect.x + c.rect.w + s.page.origin.0) * s.page.scale;
            let bottom = (c.rect.y + c.rect.h + s.page.origin.1) * s.page.scale;
            assert!(
                right <= SLIDE.0 + 0.5 && bottom <= SLIDE.1 + 0.5,
                "{name}: {right} {bottom}"
            );
        }
    }
}

#[test]
fn a_slide_keeps_each_nodes_largest_flow_then_the_largest_of_the_rest() {
    let (design, an) = load(SMALL);
    let mut v = view(&design, &an, &Zoom::Auto).expect("view");
    // Per year: sub 1,200 (shop -> vendor), svc 500 (vendor -> shop),
    // parts and pay-parts 200 each (supplier <-> vendor), readings 0
    // (sensor -> vendor). Asked for 2: each node's largest comes first, so
    // sub (shop, vendor), one of the supplier's flows, and readings (the
    // sensor's only flow) stay: 3; svc and the other 200 go.
    largest_flows(&mut v, 2);
    let kept: Vec<(String, String)> = v
        .edges
        .iter()
        .map(|e| (v.nodes[e.from].id.clone(), v.nodes[e.to].id.clone()))
        .collect();
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert!(kept.contains(&("shop".into(), "vendor".into())));
    assert!(kept.contains(&("sensor".into(), "vendor".into())));
    assert_eq!(
        kept.iter()
            .filter(|k| k.0 == "supplier" || k.1 == "supplier")
            .count(),
        1
    );
    assert_eq!(
        v.notes,
        ["2 of 5 flows left out to fit one slide (the smallest: none over 500/yr); the full map has them all."]
    );
    // Asked for all, nothing goes and nothing is said.
    let mut w = view(&design, &an, &Zoom::Auto).expect("view");
    largest_flows(&mut w, 5);
    assert_eq!(w.edges.len(), 5);
    assert!(w.notes.is_empty());
}

#[test]
fn a_slide_names_the_first_offering_of_a_flow_and_counts_the_others() {
    // A setup fee of 300 once over 2 years: 150 a year, with the 1,200 a
    // year subscription: one line, "Subscription +1 more", 1,350 a year.
    let text = SMALL.replace(
        "        Exchange(id: \"readings\"",
        "        Exchange(id: \"fee\", from: \"shop\", to: \"vendor\", flow: Money, offering: \"Setup fee\", value: 300.0, cadence: Once),\n        Exchange(id: \"readings\"",
    );
    let (design, an) = load(&text);
    let mut v = view(&design, &an, &Zoom::Auto).expect("view");
    one_offering_per_flow(&mut v);
    let e = v
        .edges
        .iter()
        .find(|e| v.nodes[e.from].id == "shop" && e.flow == Flow::Money)
        .expect("shop pays");
    assert_eq!(e.items.len(), 1);
    assert_eq!(e.items[0].offering, "Subscription +1 more");
    assert!((e.items[0].per_year - 1350.0).abs() < 1e-9);
}

#[test]
fn map_slide_writes_a_slide_of_the_zoom_and_a_wrong_zoom_is_an_input_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = common::shipped("smart-parking.ron");
    let out = common::bin()
        .args(["map", "--slide", "--focus", "parking-operator", "--out"])
        .arg(dir.path())
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(dir.path().join("map-focus-parking-operator-r1-slide.svg"))
        .expect("the slide");
    assert!(svg.contains("width=\"1920\" height=\"1080\""));
    assert!(svg.contains("<g id=\"map-focus-parking-operator-r1-slide-node-parking-operator\">"));
    let out = common::bin()
        .args(["map", "--slide", "--focus", "parking-operatr", "--out"])
        .arg(dir.path())
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `parking-operator`?"), "{err}");
}
