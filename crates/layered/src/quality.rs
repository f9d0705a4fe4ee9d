//! What makes a layout hard to read, counted: boxes that overlap, labels
//! that overlap a box or each other, frames that overlap or do not hold
//! their members, lines drawn through a box or a label that is not theirs,
//! and crossings between lines. Tests require the first five to be zero;
//! `benches/layout` compares the crossings with Graphviz `dot`.

use super::geometry::Rect;
use super::{Graph, Layout};

/// Counts of layout defects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Quality {
    /// Pairs of boxes that overlap.
    pub box_overlaps: usize,
    /// Pairs (label, box) or (label, label) that overlap.
    pub label_overlaps: usize,
    /// Frames overlapping a frame they are not nested in, boxes or frames
    /// outside their own frame, and boxes inside a frame that is not theirs.
    pub frame_problems: usize,
    /// (edge, box) pairs where the line passes through a box it does not end at.
    pub box_passes: usize,
    /// (edge, label) pairs where the line passes through another edge's label.
    pub label_passes: usize,
    /// Points where two lines cross.
    pub crossings: usize,
}

fn shrink(r: &Rect, by: f64) -> Rect {
    Rect {
        x: r.x + by,
        y: r.y + by,
        w: (r.w - 2.0 * by).max(0.0),
        h: (r.h - 2.0 * by).max(0.0),
    }
}

fn inside(r: &Rect, p: (f64, f64)) -> bool {
    p.0 > r.x && p.0 < r.x + r.w && p.1 > r.y && p.1 < r.y + r.h
}

/// Whether the segment p-q passes through the inside of `r` (sampled every
/// pixel or so).
fn segment_hits(r: &Rect, p: (f64, f64), q: (f64, f64)) -> bool {
    let len = (q.0 - p.0).hypot(q.1 - p.1);
    let steps = (len.ceil() as usize).max(1);
    (0..=steps).any(|s| {
        let t = s as f64 / steps as f64;
        inside(r, (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t))
    })
}

fn cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let orient = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
    };
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}

/// Measures `l`, the layout of `g`.
pub fn measure(g: &Graph, l: &Layout) -> Quality {
    let mut q = Quality::default();
    let eps = 0.5;
    let n = l.nodes.len();
    for i in 0..n {
        for j in i + 1..n {
            if l.nodes[i].overlaps(&l.nodes[j], eps) {
                q.box_overlaps += 1;
            }
        }
    }
    let labels: Vec<(usize, Rect)> = l
        .edges
        .iter()
        .enumerate()
        .filter_map(|(k, r)| r.label.map(|x| (k, x)))
        .collect();
    for (a, (_, la)) in labels.iter().enumerate() {
        q.label_overlaps += l.nodes.iter().filter(|b| la.overlaps(b, eps)).count();
        q.label_overlaps += labels[a + 1..]
            .iter()
            .filter(|(_, lb)| la.overlaps(lb, eps))
            .count();
    }
    // Frames: nested or apart; members inside, others outside.
    let nc = l.clusters.len();
    let ancestors = |mut c: Option<usize>| {
        let mut out = Vec::new();
        while let Some(x) = c.filter(|&x| x < nc) {
            if out.contains(&x) {
                break;
            }
            out.push(x);
            c = g.clusters[x].parent;
        }
        out
    };
    for a in 0..nc {
        let up_a = ancestors(Some(a));
        for b in a + 1..nc {
            let up_b = ancestors(Some(b));
            let nested = up_a.contains(&b) || up_b.contains(&a);
            if !nested && l.clusters[a].overlaps(&l.clusters[b], eps) {
                q.frame_problems += 1;
            }
            if nested {
                let (outer, inner) = if up_a.contains(&b) { (b, a) } else { (a, b) };
                if !l.clusters[outer].contains(&l.clusters[inner]) {
                    q.frame_problems += 1;
                }
            }
        }
    }
    for (v, node) in g.nodes.iter().enumerate() {
        let mine = ancestors(node.cluster);
        for c in 0..nc {
            let holds = l.clusters[c].contains(&l.nodes[v]);
            let touches = l.clusters[c].overlaps(&l.nodes[v], eps);
            if mine.contains(&c) != holds || (!mine.contains(&c) && touches) {
                q.frame_problems += 1;
            }
        }
    }
    for (k, route) in l.edges.iter().enumerate() {
        let e = &g.edges[k];
        let segments: Vec<((f64, f64), (f64, f64))> =
            route.points.windows(2).map(|w| (w[0], w[1])).collect();
        for (v, r) in l.nodes.iter().enumerate() {
            if v == e.from || v == e.to {
                continue;
            }
            let r = shrink(r, 1.0);
            if segments.iter().any(|(p, s)| segment_hits(&r, *p, *s)) {
                q.box_passes += 1;
            }
        }
        for (j, lr) in &labels {
            if *j == k {
                continue;
            }
            let r = shrink(lr, 1.0);
            if segments.iter().any(|(p, s)| segment_hits(&r, *p, *s)) {
                q.label_passes += 1;
            }
        }
    }
    for a in 0..l.edges.len() {
        for b in a + 1..l.edges.len() {
            let (pa, pb) = (&l.edges[a].points, &l.edges[b].points);
            for x in pa.windows(2) {
                for y in pb.windows(2) {
                    if cross(x[0], x[1], y[0], y[1]) {
                        q.crossings += 1;
                    }
                }
            }
        }
    }
    q
}
