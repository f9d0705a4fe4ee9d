//! Criterion benches of drawing on synthetic designs from the shared
//! generator (`valuedesign::generate`), 3 exchanges per node:
//!
//! - `map/N`: the whole `valuedesign map` job after loading: analyse, choose
//!   the view (aggregated above 300 nodes), lay out, draw the SVG;
//! - `layout/N`: the layout alone;
//! - `report/N`: every file of the report but the PNGs.
//!
//! Sizes: `VALUEDESIGN_RENDER_SIZES` (comma-separated node counts), default
//! `100,300,1000,10000,100000`. The layout of a drawn map never has more than
//! 300 nodes: above that the view aggregates (to at most 60).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use valuedesign::analysis::{self, Config};
use valuedesign::diagnostic::SourceFile;
use valuedesign::generate::{generate_string, GenerateConfig};
use valuedesign::render::map::{layout as map_layout, svg as map_svg, view as map_view};

fn sizes() -> Vec<usize> {
    std::env::var("VALUEDESIGN_RENDER_SIZES")
        .unwrap_or_else(|_| "100,300,1000,10000,100000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    for n in sizes() {
        let cfg = GenerateConfig {
            nodes: n,
            exchanges_per_node: 3,
            seed: 1,
        };
        let file = SourceFile {
            name: format!("synthetic-{n}.ron"),
            text: generate_string(&cfg),
        };
        let design = valuedesign::load_source(&file).expect("generated designs load");
        let mut g = c.benchmark_group("render");
        g.sample_size(10);
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(10));
        g.bench_with_input(BenchmarkId::new("map", n), &design, |b, d| {
            b.iter(|| {
                let an = analysis::analyse(d, &Config::default());
                let v = map_view::view(d, &an, &map_view::Zoom::Auto).expect("view");
                let l = map_layout::layout(&v);
                black_box(map_svg::svg(&v, &l, "").expect("svg").len())
            })
        });
        let an = analysis::analyse(&design, &Config::default());
        let v = map_view::view(&design, &an, &map_view::Zoom::Auto).expect("view");
        g.bench_with_input(BenchmarkId::new("layout", n), &v, |b, v| {
            b.iter(|| black_box(map_layout::layout(v).width))
        });
        if n <= 10_000 {
            let rc = valuedesign::report::ReportConfig {
                png: false,
                source_name: file.name.clone(),
            };
            g.bench_with_input(BenchmarkId::new("report", n), &design, |b, d| {
                b.iter(|| {
                    black_box(
                        valuedesign::report::build(d, &an, &rc)
                            .expect("report")
                            .len(),
                    )
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
