//! Criterion benches of what-if work on synthetic designs from the shared
//! generator (`valuedesign::generate`), 5 exchanges per node:
//!
//! - `whatif/reanalyse/N`: one `--set` applied to the validated design
//!   (cloned, changed, validated again) and re-analysed, sharing the base's
//!   betweenness; throughput in re-analyses per second. `whatif/fresh/N` is
//!   the same without sharing, for comparison.
//! - `whatif/defect/N`: every actor leaving in turn (`valuedesign defect`).
//! - `whatif/sensitivity/N`: every number swung down and up by 20%
//!   (`valuedesign sensitivity`).
//! - `whatif/simulate-10000/N` (N <= 1e3): 10,000 Monte Carlo runs over five
//!   ranges (`valuedesign simulate`).
//!
//! Sizes: `VALUEDESIGN_BENCH_SIZES` (comma-separated node counts), default
//! `50,1000,10000`. Filter: `cargo bench --bench whatif -- 'defect/10000'`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use valuedesign::analysis::{self, Config};
use valuedesign::generate::{design, GenerateConfig};
use valuedesign::index::{ExchangeIdx, NodeIdx};
use valuedesign::model::{Range, Shape};
use valuedesign::whatif::{apply, defections, sensitivity, simulate, Change, Changes, Target};
use valuedesign::ValueDesign;

fn sizes() -> Vec<usize> {
    std::env::var("VALUEDESIGN_BENCH_SIZES")
        .unwrap_or_else(|_| "50,1000,10000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    let cfg = Config::default();
    for n in sizes() {
        let d =
            ValueDesign::new(design(&GenerateConfig::new(n, 1))).expect("generated designs load");
        let base = analysis::analyse(&d, &cfg);
        // The first exchange's value up by a tenth, as `--set` would.
        let change = Changes {
            sets: vec![Change {
                target: Target::ExchangeValue(ExchangeIdx::new(0)),
                value: d.ecosystem().exchanges[0].value * 1.1,
            }],
            ..Changes::default()
        };
        let actors: Vec<NodeIdx> = (0..d.ecosystem().nodes.len())
            .map(NodeIdx::new)
            .filter(|&a| d.ecosystem().node(a).kind.is_actor())
            .collect();
        let mut g = c.benchmark_group("whatif");
        g.sample_size(10);
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(5));
        g.throughput(Throughput::Elements(1));
        g.bench_with_input(BenchmarkId::new("reanalyse", n), &d, |b, d| {
            b.iter(|| {
                let changed = apply(d, &change).expect("valid");
                black_box(analysis::reanalyse(&changed, &cfg, &base).keystone)
            })
        });
        g.bench_with_input(BenchmarkId::new("fresh", n), &d, |b, d| {
            b.iter(|| {
                let changed = apply(d, &change).expect("valid");
                black_box(analysis::analyse(&changed, &cfg).keystone)
            })
        });
        g.throughput(Throughput::Elements(actors.len() as u64));
        g.bench_with_input(BenchmarkId::new("defect", n), &d, |b, d| {
            b.iter(|| black_box(defections(d, &base, &actors, &cfg).len()))
        });
        g.throughput(Throughput::Elements(1));
        g.bench_with_input(BenchmarkId::new("sensitivity", n), &d, |b, d| {
            b.iter(|| black_box(sensitivity(d, &base, 0.2).inputs.len()))
        });
        if n <= 1000 {
            // 10,000 runs drawing five ranges (the first five exchange values, +-20%).
            let mut eco = d.ecosystem().clone();
            eco.uncertainty = eco
                .exchanges
                .iter()
                .take(5)
                .map(|x| Range {
                    path: format!("exchanges.{}.value", x.id).into(),
                    low: x.value * 0.8,
                    likely: None,
                    high: x.value * 1.2,
                    shape: Shape::Triangular,
                })
                .collect();
            let ranged = ValueDesign::new(eco).expect("ranges are valid");
            g.throughput(Throughput::Elements(10_000));
            g.bench_with_input(BenchmarkId::new("simulate-10000", n), &ranged, |b, d| {
                b.iter(|| black_box(simulate(d, 10_000, 1).all_win))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
