//! Hand-checked layouts of small graphs.

use super::quality::{measure, Quality};
use super::*;

fn node(w: f64, h: f64, cluster: Option<usize>) -> Node {
    Node {
        size: Size { w, h },
        cluster,
    }
}

fn edge(from: usize, to: usize) -> Edge {
    Edge {
        from,
        to,
        label: Some(Size { w: 60.0, h: 14.0 }),
        weight: 1,
        thickness: 2.0,
        arrow: 9.0,
        reversed: false,
    }
}

fn clean(g: &Graph, l: &Layout) -> Quality {
    let q = measure(g, l);
    assert_eq!(
        (
            q.box_overlaps,
            q.label_overlaps,
            q.frame_problems,
            q.box_passes,
            q.label_passes
        ),
        (0, 0, 0, 0, 0),
        "{q:?}"
    );
    q
}

fn centre_y(r: &Rect) -> f64 {
    r.y + r.h / 2.0
}

#[test]
fn a_chain_runs_left_to_right_on_one_line() {
    let g = Graph {
        nodes: vec![node(80.0, 30.0, None); 3],
        clusters: vec![],
        edges: vec![edge(0, 1), edge(1, 2)],
    };
    let l = layout(&g, &Spacing::default());
    clean(&g, &l);
    let [a, b, c] = [l.nodes[0], l.nodes[1], l.nodes[2]];
    // Columns: box, label, box, label, box; each label column as wide as
    // the label (60), channels at their narrowest (30) since nothing rises.
    assert_eq!(a.x, 0.0);
    assert_eq!(b.x, 80.0 + 30.0 + 60.0 + 30.0);
    assert_eq!(c.x, 2.0 * b.x);
    assert!((centre_y(&a) - centre_y(&b)).abs() < 0.1);
    assert!((centre_y(&b) - centre_y(&c)).abs() < 0.1);
    // Each line is straight, from the east side of one box to the west
    // side of the next, through its label.
    let r = &l.edges[0];
    let (p, q) = (r.points[0], r.points[r.points.len() - 1]);
    assert_eq!((p.0, q.0), (a.x + a.w, b.x));
    assert!((p.1 - centre_y(&a)).abs() < 0.01 && (q.1 - centre_y(&b)).abs() < 0.01);
    assert!(r.points.iter().all(|p| (p.1 - centre_y(&a)).abs() < 0.1));
    let lab = r.label.expect("labelled");
    assert_eq!(lab.x, a.x + a.w + 30.0);
    assert!((centre_y(&lab) - centre_y(&a)).abs() < 0.1);
    assert_eq!(l.width, c.x + c.w);
    assert!((l.height - 30.0).abs() < 0.01);
}

#[test]
fn a_reversed_edge_puts_its_target_first_but_still_starts_at_its_source() {
    let mut e = edge(0, 1);
    e.reversed = true;
    let g = Graph {
        nodes: vec![node(50.0, 20.0, None); 2],
        clusters: vec![],
        edges: vec![e],
    };
    let l = layout(&g, &Spacing::default());
    clean(&g, &l);
    assert!(l.nodes[1].x + l.nodes[1].w < l.nodes[0].x);
    let r = &l.edges[0];
    assert_eq!(r.points[0].0, l.nodes[0].x, "leaves from the west side");
    assert_eq!(
        r.points.last().map(|p| p.0),
        Some(l.nodes[1].x + l.nodes[1].w)
    );
}

#[test]
fn a_cycle_is_drawn_with_one_edge_backwards() {
    let g = Graph {
        nodes: vec![node(50.0, 20.0, None); 3],
        clusters: vec![],
        edges: vec![edge(0, 1), edge(1, 2), edge(2, 0)],
    };
    let l = layout(&g, &Spacing::default());
    clean(&g, &l);
    let x: Vec<f64> = l.nodes.iter().map(|r| r.x).collect();
    assert!(x[0] < x[1] && x[1] < x[2], "{x:?}");
    // The closing edge leaves 2 westwards and reaches 0 from the east.
    let r = &l.edges[2];
    assert_eq!(r.points[0].0, l.nodes[2].x);
    assert_eq!(r.points.last().map(|p| p.0), Some(l.nodes[0].x + 50.0));
}

#[test]
fn a_cluster_frames_its_members_and_keeps_the_others_out() {
    // 0 -> [1 -> 2] -> 3, with 1 and 2 in cluster 0.
    let g = Graph {
        nodes: vec![
            node(60.0, 30.0, None),
            node(60.0, 30.0, Some(0)),
            node(60.0, 30.0, Some(0)),
            node(60.0, 30.0, None),
        ],
        clusters: vec![Cluster {
            parent: None,
            caption: Size { w: 40.0, h: 12.0 },
        }],
        edges: vec![edge(0, 1), edge(1, 2), edge(2, 3)],
    };
    let sp = Spacing::default();
    let l = layout(&g, &sp);
    let q = clean(&g, &l);
    assert_eq!(q.crossings, 0);
    let f = l.clusters[0];
    assert!(f.contains(&l.nodes[1]) && f.contains(&l.nodes[2]));
    // Inside, the caption band and padding come first.
    assert!((l.nodes[1].y - f.y - (12.0 + sp.frame_pad)).abs() < 0.01);
    // The edges into and out of the frame cross it on its west and east sides.
    let into = &l.edges[0].points;
    assert!(into.iter().any(|p| (p.0 - f.x).abs() < 1e-9));
    let out = &l.edges[2].points;
    assert!(out.iter().any(|p| (p.0 - (f.x + f.w)).abs() < 1e-9));
    // Everything on one line: the frame is no taller than it needs to be.
    assert!((centre_y(&l.nodes[0]) - centre_y(&l.nodes[3])).abs() < 0.1);
    assert!((f.h - (12.0 + 2.0 * sp.frame_pad + 30.0)).abs() < 0.01);
}

#[test]
fn nested_clusters_nest_their_frames() {
    let g = Graph {
        nodes: vec![
            node(40.0, 20.0, Some(1)),
            node(40.0, 20.0, Some(0)),
            node(40.0, 20.0, None),
        ],
        clusters: vec![
            Cluster {
                parent: None,
                caption: Size { w: 30.0, h: 10.0 },
            },
            Cluster {
                parent: Some(0),
                caption: Size { w: 30.0, h: 10.0 },
            },
        ],
        edges: vec![edge(2, 0), edge(0, 1), edge(1, 2)],
    };
    let l = layout(&g, &Spacing::default());
    clean(&g, &l);
    assert!(l.clusters[0].contains(&l.clusters[1]));
    assert!(l.clusters[1].contains(&l.nodes[0]));
    assert!(!l.clusters[1].overlaps(&l.nodes[1], 0.5));
}

#[test]
fn parallel_edges_meet_a_box_apart_and_do_not_cross() {
    let g = Graph {
        nodes: vec![node(60.0, 60.0, None), node(60.0, 60.0, None)],
        clusters: vec![],
        edges: vec![edge(0, 1), edge(0, 1), edge(0, 1)],
    };
    let l = layout(&g, &Spacing::default());
    let q = clean(&g, &l);
    assert_eq!(q.crossings, 0);
    let starts: Vec<f64> = l.edges.iter().map(|r| r.points[0].1).collect();
    assert!(starts[0] < starts[1] && starts[1] < starts[2], "{starts:?}");
}

#[test]
fn an_empty_graph_and_bad_references_do_not_panic() {
    let l = layout(&Graph::default(), &Spacing::default());
    assert_eq!((l.width, l.height), (0.0, 0.0));
    let g = Graph {
        nodes: vec![node(10.0, 10.0, Some(7))],
        clusters: vec![
            Cluster {
                parent: Some(1),
                caption: Size::default(),
            },
            Cluster {
                parent: Some(0),
                caption: Size::default(),
            },
        ],
        edges: vec![edge(0, 5), edge(0, 0)],
    };
    let l = layout(&g, &Spacing::default());
    assert_eq!(l.nodes.len(), 1);
    assert!(l.edges[0].points.is_empty());
    assert_eq!(l.edges[1].points.len(), 4, "a self-loop is a small loop");
}
