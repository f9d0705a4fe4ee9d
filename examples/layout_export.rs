//! Writes a map's layout as JSON and the same graph as a Graphviz DOT file,
//! for `benches/layout/compare_dot.py`, which counts overlaps and crossings of
//! both. Usage: `cargo run --release --example layout_export -- FILE.ron OUT_DIR`.

use std::fmt::Write as _;

use valuedesign::analysis::{analyse, Config};
use valuedesign::render::map::layout::layout;
use valuedesign::render::map::view::{view, Zoom};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: layout_export FILE.ron OUT_DIR");
        std::process::exit(2);
    };
    let design = match valuedesign::load::load_file(std::path::Path::new(file)) {
        Ok((_, d)) => d,
        Err(e) => {
            eprintln!("{file}: {e:?}");
            std::process::exit(2);
        }
    };
    let an = analyse(&design, &Config::default());
    let v = match view(&design, &an, &Zoom::Auto) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let started = std::time::Instant::now();
    let l = layout(&v);
    let took = started.elapsed();
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rect = |r: &valuedesign::render::map::layout::Rect| serde_json::json!([r.x, r.y, r.w, r.h]);
    let json = serde_json::json!({
        "file": file,
        "layout_seconds": took.as_secs_f64(),
        "nodes": l.cards.iter().zip(&v.nodes).map(|(c, n)| serde_json::json!({
            "id": n.id, "rect": rect(&c.rect), "parent": n.parent,
        })).collect::<Vec<_>>(),
        "frames": l.frames.iter().enumerate().filter_map(|(i, f)| f.as_ref().map(|f| serde_json::json!({"node": i, "rect": rect(f)}))).collect::<Vec<_>>(),
        "edges": l.routes.iter().zip(&v.edges).map(|(r, e)| serde_json::json!({
            "from": e.from, "to": e.to, "points": r.points, "label": rect(&r.label_rect),
        })).collect::<Vec<_>>(),
    });
    // The same graph for dot: same card and label sizes (points = px * 0.75,
    // inches = px / 96), the same containers, left to right, money reversed
    // for ranking as in our layout.
    let mut dot = String::from("digraph G {\n  rankdir=LR; nodesep=0.23; ranksep=0.58;\n  node [shape=box, fixedsize=true, label=\"\"];\n");
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); v.nodes.len()];
    for (i, n) in v.nodes.iter().enumerate() {
        if let Some(p) = n.parent {
            children[p].push(i);
        }
    }
    fn emit(
        i: usize,
        l: &valuedesign::render::map::layout::MapLayout,
        children: &[Vec<usize>],
        dot: &mut String,
        depth: usize,
    ) {
        let pad = "  ".repeat(depth);
        let c = &l.cards[i];
        let node = format!(
            "{pad}n{i} [width={:.4}, height={:.4}];\n",
            c.rect.w / 96.0,
            c.rect.h / 96.0
        );
        if children[i].is_empty() {
            dot.push_str(&node);
        } else {
            let _ = writeln!(dot, "{pad}subgraph cluster_{i} {{");
            dot.push_str(&format!("  {node}"));
            for &ch in &children[i] {
                emit(ch, l, children, dot, depth + 1);
            }
            let _ = writeln!(dot, "{pad}}}");
        }
    }
    for (i, n) in v.nodes.iter().enumerate() {
        if n.parent.is_none() {
            emit(i, &l, &children, &mut dot, 1);
        }
    }
    for (k, (e, r)) in v.edges.iter().zip(&l.routes).enumerate() {
        let money = e.flow == valuedesign::model::Flow::Money;
        let (a, b) = if money {
            (e.to, e.from)
        } else {
            (e.from, e.to)
        };
        // The label is an empty fixed-size table as large as ours (points).
        let _ = writeln!(
            dot,
            "  n{a} -> n{b} [id=\"e{k}\", label=< <TABLE BORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\"><TR><TD WIDTH=\"{:.1}\" HEIGHT=\"{:.1}\" FIXEDSIZE=\"TRUE\"></TD></TR></TABLE> >];",
            r.label_rect.w * 0.75,
            r.label_rect.h * 0.75
        );
    }
    dot.push_str("}\n");
    let out = std::path::Path::new(out);
    let _ = std::fs::create_dir_all(out);
    let write = |name: String, text: String| {
        if let Err(e) = std::fs::write(out.join(&name), text) {
            eprintln!("{name}: {e}");
            std::process::exit(2);
        }
    };
    write(format!("{stem}.layout.json"), json.to_string());
    write(format!("{stem}.dot"), dot);
}
