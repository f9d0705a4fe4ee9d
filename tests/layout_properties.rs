//! Properties of the layered layout on random compound graphs: nothing
//! overlaps, frames hold exactly their members, no line runs through a box or
//! a label that is not its own, every line starts and ends on its boxes'
//! sides, and the same graph always gives the same layout.

use layered::quality::measure;
use layered::{layout, Cluster, Edge, Graph, Node, Size, Spacing};
use proptest::prelude::*;

fn graphs() -> impl Strategy<Value = Graph> {
    (1usize..18, 0usize..4).prop_flat_map(|(n, nc)| {
        let clusters = proptest::collection::vec((any::<u16>(), 0.0f64..80.0), nc);
        let nodes = proptest::collection::vec((30.0f64..200.0, 20.0f64..90.0, any::<u16>()), n);
        let edges = proptest::collection::vec(
            (
                0..n,
                0..n,
                proptest::option::of((20.0f64..160.0, 12.0f64..50.0)),
                1i64..3,
                1.0f64..6.0,
                any::<bool>(),
            ),
            0..(3 * n),
        );
        (clusters, nodes, edges).prop_map(move |(cl, nodes, edges)| {
            // A cluster's parent is an earlier cluster, or none.
            let clusters = cl
                .iter()
                .enumerate()
                .map(|(k, &(p, w))| Cluster {
                    parent: (k > 0 && p % 3 != 0).then(|| p as usize % k),
                    caption: Size { w, h: 14.0 },
                })
                .collect();
            let nodes = nodes
                .iter()
                .map(|&(w, h, c)| Node {
                    size: Size { w, h },
                    cluster: (nc > 0 && c % 2 == 0).then(|| c as usize % nc),
                })
                .collect();
            let edges = edges
                .into_iter()
                .filter(|e| e.0 != e.1)
                .map(|(from, to, label, weight, thickness, reversed)| Edge {
                    from,
                    to,
                    label: label.map(|(w, h)| Size { w, h }),
                    weight,
                    thickness,
                    arrow: 7.0 + 1.2 * thickness,
                    reversed,
                })
                .collect();
            Graph {
                nodes,
                clusters,
                edges,
            }
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn random_compound_graphs_lay_out_cleanly(g in graphs()) {
        let l = layout(&g, &Spacing::default());
        let q = measure(&g, &l);
        prop_assert_eq!(
            (q.box_overlaps, q.label_overlaps, q.frame_problems, q.box_passes, q.label_passes),
            (0, 0, 0, 0, 0),
            "{:?}", q
        );
        prop_assert_eq!(l.nodes.len(), g.nodes.len());
        for (e, r) in g.edges.iter().zip(&l.edges) {
            prop_assert!(r.points.len() >= 2);
            for (end, p) in [(e.from, r.points[0]), (e.to, r.points[r.points.len() - 1])] {
                let b = l.nodes[end];
                let on_side = (p.0 - b.x).abs() < 1e-6 || (p.0 - b.x - b.w).abs() < 1e-6;
                prop_assert!(on_side, "{:?} is not on a side of {:?}", p, b);
                prop_assert!(p.1 >= b.y - 1e-6 && p.1 <= b.y + b.h + 1e-6);
            }
            prop_assert_eq!(r.label.is_some(), e.label.is_some());
            if let (Some(lab), Some(size)) = (r.label, e.label) {
                prop_assert_eq!((lab.w, lab.h), (size.w, size.h));
            }
        }
        // Boxes keep their width and never shrink.
        for (b, v) in l.nodes.iter().zip(&g.nodes) {
            prop_assert_eq!(b.w, v.size.w);
            prop_assert!(b.h >= v.size.h);
        }
        prop_assert_eq!(layout(&g, &Spacing::default()), l);
    }
}
