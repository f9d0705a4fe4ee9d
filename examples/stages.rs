//! Times every stage of `analyse`, the sensitivity and the report (built,
//! not written) once on a generated design and prints the
//! figures, with the peak resident memory: a quick look before the criterion
//! benches. `cargo run --release --example stages -- 1000000`

use std::time::Instant;

use valuedesign::analysis::{self, diffusion, keystones, ledger, timeline, Config};
use valuedesign::diagnostic::SourceFile;
use valuedesign::generate::{generate_string, GenerateConfig};
use valuedesign::network::Network;

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let t = Instant::now();
    let text = generate_string(&GenerateConfig::new(n, 1));
    println!(
        "generate   {:>8.3} s  ({:.0} MB of RON)",
        t.elapsed().as_secs_f64(),
        text.len() as f64 / 1e6
    );
    let file = SourceFile {
        name: "gen.ron".into(),
        text,
    };
    let t = Instant::now();
    let parsed = valuedesign::syntax::parse::<valuedesign::model::Ecosystem>(&file.text);
    let parse = t.elapsed().as_secs_f64();
    println!(
        "parse      {parse:>8.3} s  ({:.0} MB/s)",
        file.text.len() as f64 / 1e6 / parse
    );
    let t = Instant::now();
    drop(parsed);
    println!("free model {:>8.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let design = valuedesign::load_source(&file).expect("loads");
    let load = t.elapsed().as_secs_f64();
    println!(
        "load       {load:>8.3} s  ({:.0} MB/s)",
        file.text.len() as f64 / 1e6 / load
    );
    drop(file);
    println!("peak RSS after load: {:.0} MiB", peak_rss_mib());
    let start = Instant::now();
    let t = Instant::now();
    let net = Network::new(&design);
    println!("network    {:>8.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let tl = timeline::timeline(&net, 3);
    println!("timeline   {:>8.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let own = ledger::ledgers(&net, &tl, 0.08);
    let _groups = ledger::group_ledgers(&net, &own, 0.08);
    println!("ledgers    {:>8.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let pull = diffusion::pull_graph(&net, &tl);
    let built = t.elapsed().as_secs_f64();
    let d = diffusion::diffuse(&pull, &Default::default());
    println!(
        "diffusion  {:>8.3} s  (graph {built:.3} s; {} iterations)",
        t.elapsed().as_secs_f64(),
        d.iterations
    );
    drop(pull);
    let t = Instant::now();
    let succ = keystones::successors(&net);
    let b = keystones::betweenness(&succ, &Default::default());
    println!(
        "betweenness{:>8.3} s  ({:?})",
        t.elapsed().as_secs_f64(),
        b.method
    );
    let t = Instant::now();
    let _r = keystones::removal_impact(&net, &tl);
    println!("removal    {:>8.3} s", t.elapsed().as_secs_f64());
    println!("stages     {:>8.3} s", start.elapsed().as_secs_f64());
    drop((net, tl, own, succ));
    let t = Instant::now();
    let an = analysis::analyse(&design, &Config::default());
    println!(
        "analyse    {:>8.3} s  (the whole, as the CLI runs it)",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let found = valuedesign::findings::findings(&design, &an, &Default::default());
    println!(
        "findings   {:>8.3} s  ({} findings)",
        t.elapsed().as_secs_f64(),
        found.len()
    );
    let t = Instant::now();
    let doc = valuedesign::render::json::build(design.ecosystem(), &an, 0.85, 1e-9);
    println!("json build {:>8.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::sink());
    serde_json::to_writer_pretty(&mut out, &doc).expect("json");
    println!(
        "json write {:>8.3} s  (to a sink)",
        t.elapsed().as_secs_f64()
    );
    drop(out);
    drop(doc);
    let t = Instant::now();
    let s = valuedesign::whatif::sensitivity(&design, &an, 0.2);
    println!(
        "sensitivity{:>8.3} s  ({} numbers swung)",
        t.elapsed().as_secs_f64(),
        s.inputs.len()
    );
    drop(s);
    let t = Instant::now();
    let files = valuedesign::report::build(
        &design,
        &an,
        &valuedesign::report::ReportConfig {
            png: false,
            source_name: "gen.ron".into(),
        },
    )
    .expect("report");
    println!(
        "report     {:>8.3} s  ({} files, {:.0} MB, not written; no PNG)",
        t.elapsed().as_secs_f64(),
        files.len(),
        files.iter().map(|f| f.bytes.len()).sum::<usize>() as f64 / 1e6
    );
    println!(
        "peak RSS: {:.0} MiB; keystone {:?}",
        peak_rss_mib(),
        an.keystone
    );
}
