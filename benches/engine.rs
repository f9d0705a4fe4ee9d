//! Criterion benches of every stage on synthetic designs from the shared
//! generator (`valuedesign::generate`), 5 exchanges per node.
//!
//! Sizes: `VALUEDESIGN_BENCH_SIZES` (comma-separated node counts), default
//! `1000,10000,100000,1000000`. Run one stage or size with a filter:
//! `cargo bench --bench engine -- 'diffusion/100000'`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use valuedesign::analysis::{self, diffusion, keystones, ledger, timeline, Config};
use valuedesign::diagnostic::SourceFile;
use valuedesign::generate::{generate_string, GenerateConfig};
use valuedesign::model::Ecosystem;
use valuedesign::network::Network;

fn sizes() -> Vec<usize> {
    std::env::var("VALUEDESIGN_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000,100000,1000000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn config(
    c: &mut Criterion,
    n: usize,
) -> criterion::BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let _ = n;
    let mut g = c.benchmark_group("engine");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(if n >= 1_000_000 { 30 } else { 5 }));
    g
}

fn bench(c: &mut Criterion) {
    for n in sizes() {
        let text = generate_string(&GenerateConfig::new(n, 1));
        let file = SourceFile {
            name: format!("synthetic-{n}.ron"),
            text,
        };
        {
            let mut g = config(c, n);
            g.throughput(Throughput::Bytes(file.text.len() as u64));
            g.bench_with_input(BenchmarkId::new("parse", n), &file, |b, f| {
                b.iter(|| {
                    black_box(
                        valuedesign::syntax::parse::<Ecosystem>(&f.text)
                            .value
                            .is_some(),
                    )
                })
            });
            g.bench_with_input(BenchmarkId::new("load", n), &file, |b, f| {
                b.iter(|| black_box(valuedesign::load_source(f).is_ok()))
            });
            g.finish();
        }
        let design = valuedesign::load_source(&file).expect("generated designs load");
        drop(file);
        let net = Network::new(&design);
        let years = design.ecosystem().horizon_years as usize;
        let tl = timeline::timeline(&net, years);
        let own = ledger::ledgers(&net, &tl, 0.08);
        let pull = diffusion::pull_graph(&net, &tl);
        let succ = keystones::successors(&net);
        let mut g = config(c, n);
        g.throughput(Throughput::Elements(net.exchange_count() as u64));
        g.bench_with_input(BenchmarkId::new("network", n), &design, |b, d| {
            b.iter(|| black_box(Network::new(d)))
        });
        g.bench_with_input(BenchmarkId::new("propagation", n), &net, |b, net| {
            b.iter(|| black_box(timeline::timeline(net, years)))
        });
        g.bench_with_input(BenchmarkId::new("ledgers", n), &net, |b, net| {
            b.iter(|| {
                let l = ledger::ledgers(net, &tl, 0.08);
                black_box(ledger::group_ledgers(net, &l, 0.08))
            })
        });
        g.bench_with_input(BenchmarkId::new("diffusion", n), &pull, |b, pull| {
            b.iter(|| {
                black_box(diffusion::diffuse(
                    pull,
                    &diffusion::DiffusionConfig::default(),
                ))
            })
        });
        g.bench_with_input(BenchmarkId::new("betweenness", n), &succ, |b, succ| {
            b.iter(|| {
                black_box(keystones::betweenness(
                    succ,
                    &analysis::KeystoneConfig::default(),
                ))
            })
        });
        // The ecosystem as a whole: value loops (bounded search), the
        // exchange indicators, and the type.
        g.bench_with_input(BenchmarkId::new("loops", n), &net, |b, net| {
            b.iter(|| black_box(analysis::loops::loops(net, &tl).complete))
        });
        g.bench_with_input(BenchmarkId::new("indicators", n), &net, |b, net| {
            b.iter(|| black_box(analysis::indicators::indicators(net, &tl, &own).ecosystem))
        });
        g.bench_with_input(BenchmarkId::new("analyse", n), &design, |b, d| {
            b.iter(|| black_box(analysis::analyse(d, &Config::default()).keystone))
        });
        // What the commands do after the analysis: the findings (`check`),
        // analysis.json streamed to a sink (`analyse --format json`), every
        // number swung (`sensitivity`, the report's tornadoes), the report
        // built in memory without PNGs (`report --no-png`, not written).
        let an = analysis::analyse(&design, &Config::default());
        g.bench_with_input(BenchmarkId::new("findings", n), &design, |b, d| {
            b.iter(|| black_box(valuedesign::findings::findings(d, &an, &Default::default()).len()))
        });
        g.bench_with_input(BenchmarkId::new("json", n), &design, |b, d| {
            b.iter(|| {
                let doc = valuedesign::render::json::build(d.ecosystem(), &an, 0.85, 1e-9);
                let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::sink());
                black_box(serde_json::to_writer_pretty(&mut out, &doc).is_ok())
            })
        });
        g.bench_with_input(BenchmarkId::new("sensitivity", n), &design, |b, d| {
            b.iter(|| black_box(valuedesign::whatif::sensitivity(d, &an, 0.2).inputs.len()))
        });
        g.bench_with_input(BenchmarkId::new("report", n), &design, |b, d| {
            let cfg = valuedesign::report::ReportConfig {
                png: false,
                source_name: "synthetic.ron".into(),
            };
            b.iter(|| black_box(valuedesign::report::build(d, &an, &cfg).map(|f| f.len())))
        });
        g.finish();
        drop(an);
        drop((own, pull, succ));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
