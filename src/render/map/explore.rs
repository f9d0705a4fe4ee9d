//! The map of `index.html` made explorable: a layer drawn over the map (same
//! size and coordinates) with one group per actor and per flow, each with an
//! id, a `<title>` and what the page's script filters on (`data-kind`,
//! `data-drivers`, `data-extracts`, the flow's ends), and the facts the side
//! panel shows for each actor (its verdict with reasons, its ledger per
//! year, its canvas), as JSON. The layer is invisible until the script marks
//! what to show: then a veil fades the map and the chosen flows and actors
//! are drawn over it. Labels are escaped; the JSON cannot close its element.

use std::fmt::Write as _;

use serde::Serialize;

use super::layout::MapLayout;
use super::view::MapView;
use crate::analysis::{Analysis, Field};
use crate::index::NodeIdx;
use crate::model::Ecosystem;
use crate::render::escape::xml;
use crate::render::palette::flow_color;
use crate::validate::ValueDesign;

/// The layer over a map drawn by `super::svg::svg(view, layout, ids)`.
pub(crate) fn layer(view: &MapView, l: &MapLayout, eco: &Ecosystem, an: &Analysis) -> String {
    let (width, height, (ox, oy)) = super::svg::page_geometry(view, l);
    let mut o = String::with_capacity(256 * (view.nodes.len() + view.edges.len()));
    let _ = writeln!(
        o,
        "<svg class=\"vd-layer\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-label=\"Actors and flows of the map\">\n<rect class=\"vd-veil\" x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\"/>"
    );
    for (i, (e, r)) in view.edges.iter().zip(&l.routes).enumerate() {
        let exchanges: Vec<_> = e.items.iter().filter_map(|it| it.exchange).collect();
        let mut drivers: Vec<&str> = exchanges
            .iter()
            .flat_map(|&x| eco.exchange(x).drivers.iter().map(|d| d.as_str()))
            .collect();
        drivers.sort_unstable();
        drivers.dedup();
        let extracts: Vec<&str> = eco
            .extracts
            .iter()
            .zip(&an.extracts)
            .filter(|(_, r)| exchanges.iter().any(|x| r.exchanges.contains(x)))
            .map(|(x, _)| x.id.as_str())
            .collect();
        let title = format!(
            "{} → {}: {}",
            view.nodes[e.from].label,
            view.nodes[e.to].label,
            r.label.join(", ")
        );
        let points: String = r
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", p.0 + ox, p.1 + oy))
            .collect::<Vec<_>>()
            .join(" ");
        let c = flow_color(e.flow);
        // Intangible flows dashed, as on the map.
        let dash = if e.flow.is_intangible() {
            " stroke-dasharray=\"10 6\""
        } else {
            ""
        };
        let lr = &r.label_rect;
        let label = if lr.w > 0.0 {
            format!(
                "<rect class=\"vd-label\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>",
                lr.x + ox,
                lr.y + oy,
                lr.w,
                lr.h
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "<g class=\"vd-flow\" id=\"vd-flow-{i}\" data-from=\"{}\" data-to=\"{}\" data-kind=\"{}\" data-drivers=\"{}\" data-extracts=\"{}\"><title>{}</title>{label}<polyline points=\"{points}\" stroke=\"#{:02x}{:02x}{:02x}\" stroke-width=\"{:.1}\"{dash}/></g>",
            e.from,
            e.to,
            e.flow.word(),
            xml(&drivers.join(" ")),
            xml(&extracts.join(" ")),
            xml(&title),
            c.0,
            c.1,
            c.2,
            r.width.max(2.0) + 1.0
        );
    }
    for (i, (n, c)) in view.nodes.iter().zip(&l.cards).enumerate() {
        if c.rect.w <= 0.0 {
            continue;
        }
        let _ = writeln!(
            o,
            "<g class=\"vd-node\" id=\"vd-node-{i}\" data-node=\"{i}\" tabindex=\"0\" role=\"button\" aria-label=\"{}: show its flows; Enter opens its ledger\"><title>{}</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\"/></g>",
            xml(&n.label),
            xml(&n.label),
            c.rect.x + ox,
            c.rect.y + oy,
            c.rect.w,
            c.rect.h
        );
    }
    o.push_str("</svg>\n");
    o
}

/// What the side panel shows of one node of the map.
#[derive(Debug, Serialize)]
struct NodeFacts {
    label: String,
    kind: String,
    /// `None` for an aggregate or a node that is no actor.
    verdict: Option<String>,
    fails: bool,
    /// Per year: revenue, spend, costs, net value.
    years: Vec<[f64; 4]>,
    npv: Option<f64>,
    /// The anchor of its canvas in the page, if drawn.
    canvas: Option<String>,
}

/// The facts of every node of the map, as JSON safe inside `<script>`:
/// `canvases` gives, per node of the design, the anchor of its canvas.
pub(crate) fn facts_json(
    view: &MapView,
    design: &ValueDesign,
    an: &Analysis,
    canvases: &dyn Fn(NodeIdx) -> Option<String>,
) -> String {
    let eco = design.ecosystem();
    let index = design.node_index();
    let facts: Vec<NodeFacts> = view
        .nodes
        .iter()
        .map(|n| {
            let a = (n.members == 1)
                .then(|| index.get(n.id.as_str()).copied())
                .flatten();
            let kind = format!("{:?}", n.kind);
            match a {
                Some(a) if an.verdicts[a].applies() => {
                    let l = &an.ledgers;
                    let row = |f: Field| l.get(a, f).to_vec();
                    let (r, s, c, v) = (
                        row(Field::Revenue),
                        row(Field::Spend),
                        row(Field::Costs),
                        row(Field::NetValue),
                    );
                    NodeFacts {
                        label: n.label.clone(),
                        kind,
                        verdict: Some(crate::words::verdict_basis(eco, an, a)),
                        fails: an.verdicts[a].fails(),
                        years: (0..l.years).map(|y| [r[y], s[y], c[y], v[y]]).collect(),
                        npv: Some(l.npv[a]),
                        canvas: canvases(a),
                    }
                }
                _ => NodeFacts {
                    label: n.label.clone(),
                    kind,
                    verdict: None,
                    fails: false,
                    years: Vec::new(),
                    npv: None,
                    canvas: None,
                },
            }
        })
        .collect();
    let json = serde_json::to_string(&facts).unwrap_or_else(|_| "[]".to_owned());
    // Inside <script>: no `</script>` or `<!--` can come out of a label.
    json.replace('<', "\\u003c").replace('>', "\\u003e")
}
