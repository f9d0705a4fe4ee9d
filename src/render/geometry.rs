//! Rectangles and polygons in pixels, shared by layouts, maps and charts.

pub use layered::Rect;

/// A rectangle's corners as a polygon.
pub(crate) fn rect_points(x: f64, y: f64, w: f64, h: f64) -> Vec<(f64, f64)> {
    vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
}

/// A rectangle with rounded corners (radius `r`) as a polygon.
pub(crate) fn rounded_points(x: f64, y: f64, w: f64, h: f64, r: f64) -> Vec<(f64, f64)> {
    let r = r.min(w / 2.0).min(h / 2.0);
    let mut pts = Vec::with_capacity(24);
    let corners = [
        (x + w - r, y + r, -90.0f64),
        (x + w - r, y + h - r, 0.0),
        (x + r, y + h - r, 90.0),
        (x + r, y + r, 180.0),
    ];
    for (cx, cy, start) in corners {
        for k in 0..=5 {
            let a = (start + 18.0 * k as f64).to_radians();
            pts.push((cx + r * a.cos(), cy + r * a.sin()));
        }
    }
    pts
}
