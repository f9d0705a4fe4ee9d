//! The drawn line of an edge: straight runs across the columns it passes
//! (where nothing else is at its height), cubic Bézier curves across the
//! channels between columns. A curve's control points stay inside its
//! channel, so it can only meet other edges, never a card or a label.
//! Where a line crosses a frame or runs along a column it is horizontal;
//! at a point of a column with no width it keeps its slope, so long edges
//! do not wobble.

/// A point the line passes through.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    /// Where.
    pub x: f64,
    /// Where.
    pub y: f64,
    /// Whether the line is horizontal here (else it keeps its slope).
    pub flat: bool,
}

/// Samples per curve.
const SAMPLES: usize = 12;

/// The polyline through `anchors` (left to right).
pub fn polyline(anchors: &[Anchor]) -> Vec<(f64, f64)> {
    let mut a: Vec<Anchor> = Vec::with_capacity(anchors.len());
    for &p in anchors {
        match a.last() {
            Some(q) if (q.x - p.x).abs() < 1e-6 && (q.y - p.y).abs() < 1e-6 => {
                // The same point twice (a block's side): keep it flat if
                // either says so.
                let last = a.len() - 1;
                a[last].flat |= p.flat;
            }
            _ => a.push(p),
        }
    }
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(a.len() * SAMPLES);
    let Some(first) = a.first() else {
        return out;
    };
    out.push((first.x, first.y));
    let slope = |i: usize| -> f64 {
        if a[i].flat || i == 0 || i + 1 >= a.len() {
            return 0.0;
        }
        let (p, q) = (a[i - 1], a[i + 1]);
        let dx = q.x - p.x;
        if dx.abs() < 1e-6 {
            0.0
        } else {
            ((q.y - p.y) / dx).clamp(-2.0, 2.0)
        }
    };
    for i in 0..a.len().saturating_sub(1) {
        let (p, q) = (a[i], a[i + 1]);
        let dx = q.x - p.x;
        if (q.y - p.y).abs() < 0.25 || dx.abs() < 1e-6 {
            out.push((q.x, q.y));
            continue;
        }
        let (s0, s1) = (slope(i), slope(i + 1));
        let h = dx / 2.0;
        let c1 = (p.x + h, p.y + s0 * h);
        let c2 = (q.x - h, q.y - s1 * h);
        for k in 1..=SAMPLES {
            let t = k as f64 / SAMPLES as f64;
            let u = 1.0 - t;
            let bx =
                u * u * u * p.x + 3.0 * u * u * t * c1.0 + 3.0 * u * t * t * c2.0 + t * t * t * q.x;
            let by =
                u * u * u * p.y + 3.0 * u * u * t * c1.1 + 3.0 * u * t * t * c2.1 + t * t * t * q.y;
            out.push((bx, by));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{polyline, Anchor};

    fn a(x: f64, y: f64, flat: bool) -> Anchor {
        Anchor { x, y, flat }
    }

    #[test]
    fn level_anchors_give_a_straight_line() {
        let p = polyline(&[a(0.0, 5.0, true), a(10.0, 5.0, true), a(30.0, 5.0, true)]);
        assert_eq!(p, vec![(0.0, 5.0), (10.0, 5.0), (30.0, 5.0)]);
    }

    #[test]
    fn a_curve_stays_between_its_ends() {
        let p = polyline(&[a(0.0, 0.0, true), a(40.0, 100.0, true)]);
        assert_eq!(p.first(), Some(&(0.0, 0.0)));
        assert_eq!(p.last(), Some(&(40.0, 100.0)));
        for w in p.windows(2) {
            assert!(w[1].0 >= w[0].0, "x goes left to right");
            assert!(w[1].1 >= w[0].1 - 1e-9, "no overshoot");
        }
        assert!(p
            .iter()
            .all(|q| (0.0..=40.0).contains(&q.0) && (0.0..=100.0).contains(&q.1)));
    }

    #[test]
    fn repeated_points_are_dropped() {
        let p = polyline(&[a(0.0, 0.0, true), a(0.0, 0.0, false), a(10.0, 0.0, true)]);
        assert_eq!(p, vec![(0.0, 0.0), (10.0, 0.0)]);
    }
}
