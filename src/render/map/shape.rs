//! Card shapes in pixels: the outline of a node's card by its kind
//! (hexagon, chevron, rounded ends...), and the offsets and halos drawn
//! around it. Pure geometry, read by the layout (lines end on outlines) and
//! by the drawing.

use crate::model::NodeKind;
use crate::render::geometry::{rect_points, rounded_points, Rect};

/// The outline of a card's shape, by kind.
pub(crate) fn outline(kind: NodeKind, r: &Rect, inset: f64) -> Vec<(f64, f64)> {
    let (x, y, w, h) = (r.x, r.y, r.w, r.h);
    match kind {
        NodeKind::Organization | NodeKind::Group => rect_points(x, y, w, h),
        NodeKind::Segment => rounded_points(x, y, w, h, 10.0),
        NodeKind::Person => rounded_points(x, y, w, h, h / 2.0),
        NodeKind::Device => vec![
            (x + inset, y),
            (x + w - inset, y),
            (x + w, y + h / 2.0),
            (x + w - inset, y + h),
            (x + inset, y + h),
            (x, y + h / 2.0),
        ],
        NodeKind::Activity => vec![
            (x, y),
            (x + w - inset, y),
            (x + w, y + h / 2.0),
            (x + w - inset, y + h),
            (x, y + h),
            (x + inset, y + h / 2.0),
        ],
        NodeKind::Process => {
            let c = 8.0f64.min(h / 3.0);
            vec![
                (x + c, y),
                (x + w - c, y),
                (x + w, y + c),
                (x + w, y + h - c),
                (x + w - c, y + h),
                (x + c, y + h),
                (x, y + h - c),
                (x, y + c),
            ]
        }
    }
}

/// `points` moved by `(dx, dy)`.
pub(crate) fn offset(points: &[(f64, f64)], dx: f64, dy: f64) -> Vec<(f64, f64)> {
    points.iter().map(|p| (p.0 + dx, p.1 + dy)).collect()
}

/// Points grown outwards from the centre of `r` by `by` pixels (for halos).
pub(crate) fn grown(points: &[(f64, f64)], r: &Rect, by: f64) -> Vec<(f64, f64)> {
    let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let (sx, sy) = (
        (r.w / 2.0 + by) / (r.w / 2.0),
        (r.h / 2.0 + by) / (r.h / 2.0),
    );
    points
        .iter()
        .map(|p| (cx + (p.0 - cx) * sx, cy + (p.1 - cy) * sy))
        .collect()
}
