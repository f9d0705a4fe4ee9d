//! The map's SVG is made to be edited: one group per node, container, flow
//! and label, with ids from the file and titles; one element per line (a
//! dashed line is one polyline with a dash pattern); coordinates to a tenth
//! of a pixel, where the layout put them.

mod common;
use common::load;

use valuedesign::model::Flow;
use valuedesign::render::map::layout::layout;
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
        (
            "map-node-vendor-frame",
            "<title>Group: Vendor &amp; Co</title>",
        ),
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
