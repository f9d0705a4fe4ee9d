//! For `benches/compare/compare.py`: generates a design, writes the graph the
//! Python libraries need (binary little-endian arrays), times our diffusion and
//! betweenness kernels on it, measures the memory bandwidth, and writes our
//! results and timings as JSON.
//!
//! `cargo run --release --example compare_export -- NODES SEED OUT_DIR`

use std::io::Write;
use std::time::Instant;

use rayon::prelude::*;
use valuedesign::analysis::{diffusion, keystones, timeline, KeystoneConfig};
use valuedesign::diagnostic::SourceFile;
use valuedesign::generate::{generate_string, GenerateConfig};
use valuedesign::network::Network;

fn write_u32(path: &std::path::Path, v: impl Iterator<Item = u32>) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    for x in v {
        f.write_all(&x.to_le_bytes()).expect("write");
    }
}

fn write_f64(path: &std::path::Path, v: impl Iterator<Item = f64>) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    for x in v {
        f.write_all(&x.to_le_bytes()).expect("write");
    }
}

/// Median wall time of `runs` calls, in seconds.
fn median_time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last.expect("at least one run"))
}

/// Read and copy bandwidth in GB/s (best of 5, both cores), on 512 MiB arrays.
fn bandwidth() -> (f64, f64) {
    let n = 64 << 20; // 64 Mi f64 = 512 MiB
    let a: Vec<f64> = (0..n).into_par_iter().map(|i| i as f64).collect();
    let mut b = vec![0.0f64; n];
    let mut read = 0.0f64;
    let mut copy = 0.0f64;
    for _ in 0..5 {
        let t = Instant::now();
        let s: f64 = a.par_chunks(1 << 16).map(|c| c.iter().sum::<f64>()).sum();
        std::hint::black_box(s);
        read = read.max((n * 8) as f64 / t.elapsed().as_secs_f64() / 1e9);
        let t = Instant::now();
        b.par_chunks_mut(1 << 16)
            .zip(a.par_chunks(1 << 16))
            .for_each(|(d, s)| d.copy_from_slice(s));
        std::hint::black_box(&b);
        // A copy reads n*8 bytes and writes n*8 (plus the write-allocate read).
        copy = copy.max((n * 16) as f64 / t.elapsed().as_secs_f64() / 1e9);
    }
    (read, copy)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let out =
        std::path::PathBuf::from(args.get(3).cloned().unwrap_or_else(|| "compare-out".into()));
    std::fs::create_dir_all(&out).expect("out dir");
    let file = SourceFile {
        name: "gen.ron".into(),
        text: generate_string(&GenerateConfig::new(n, seed)),
    };
    let design = valuedesign::load_source(&file).expect("generated designs load");
    drop(file);
    let net = Network::new(&design);
    let tl = timeline::timeline(&net, 3);
    let pull = diffusion::pull_graph(&net, &tl);
    // The diffusion matrix W^T as (row = receiver, col = sender, weight), in
    // file-order node indices (the pull graph itself is in BFS positions).
    let mut node_at = vec![0u32; n];
    for (a, &p) in pull.position.iter().enumerate() {
        node_at[p as usize] = a as u32;
    }
    let rows = (0..n).flat_map(|p| {
        let (lo, hi) = (pull.offsets[p], pull.offsets[p + 1]);
        let a = node_at[p];
        (lo..hi).map(move |_| a)
    });
    write_u32(&out.join("w_rows.bin"), rows);
    write_u32(
        &out.join("w_cols.bin"),
        pull.senders.iter().map(|&s| node_at[s as usize]),
    );
    write_f64(&out.join("w_vals.bin"), pull.weights.iter().copied());
    write_f64(
        &out.join("source.bin"),
        (0..n).map(|a| pull.source[pull.position[a] as usize]),
    );
    // The same matrix in our breadth-first positions, so a peer can be given
    // the node order we iterate in.
    let bfs_rows = (0..n).flat_map(|p| {
        let (lo, hi) = (pull.offsets[p], pull.offsets[p + 1]);
        (lo..hi).map(move |_| p as u32)
    });
    write_u32(&out.join("wbfs_rows.bin"), bfs_rows);
    write_u32(&out.join("wbfs_cols.bin"), pull.senders.iter().copied());
    write_f64(&out.join("source_bfs.bin"), pull.source.iter().copied());
    let succ = keystones::successors(&net);
    let from = (0..n as u32).flat_map(|a| std::iter::repeat_n(a, succ.row(a).len()));
    write_u32(&out.join("edges_from.bin"), from);
    write_u32(&out.join("edges_to.bin"), succ.items.iter().copied());

    let cfg = diffusion::DiffusionConfig::default();
    let runs = if n >= 1_000_000 { 3 } else { 7 };
    let (t_diff, d) = median_time(runs, || diffusion::diffuse(&pull, &cfg));
    let (t_diff_seq, _) = median_time(runs.min(3), || diffusion::diffuse_sequential(&pull, &cfg));
    write_f64(&out.join("reach.bin"), d.reach.iter().copied());
    // Exact betweenness up to 20,000 nodes (for the igraph comparison), sampled above.
    let kcfg = if n <= 20_000 {
        KeystoneConfig {
            exact_limit: usize::MAX,
            ..KeystoneConfig::default()
        }
    } else {
        KeystoneConfig::default()
    };
    let (t_btw, b) = median_time(if n >= 100_000 { 1 } else { 3 }, || {
        keystones::betweenness(&succ, &kcfg)
    });
    write_f64(&out.join("betweenness.bin"), b.raw.iter().copied());
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let (t_btw_one, _) = one.install(|| {
        median_time(if n >= 100_000 { 1 } else { 3 }, || {
            keystones::betweenness(&succ, &kcfg)
        })
    });
    let (read_gbs, copy_gbs) = bandwidth();
    let nnz = pull.senders.len();
    // Bytes one iteration must move at least: offsets (4 per node), senders and
    // weights (12 per entry), source and x read, x_new written (write-allocate: x2).
    let bytes_per_iteration = 4 * (n + 1) + 12 * nnz + 8 * n + 8 * n + 16 * n;
    let json = format!(
        "{{\"nodes\": {n}, \"exchanges\": {}, \"unique_edges\": {}, \"intangible_entries\": {nnz}, \
         \"diffusion_seconds\": {t_diff}, \"diffusion_sequential_seconds\": {t_diff_seq}, \"diffusion_iterations\": {}, \
         \"betweenness_seconds\": {t_btw}, \"betweenness_one_thread_seconds\": {t_btw_one}, \"betweenness_method\": \"{:?}\", \
         \"read_gb_per_s\": {read_gbs}, \"copy_gb_per_s\": {copy_gbs}, \"bytes_per_iteration\": {bytes_per_iteration}, \
         \"threads\": {}}}",
        net.exchange_count(),
        succ.items.len(),
        d.iterations,
        b.method,
        rayon::current_num_threads()
    );
    std::fs::write(out.join("ours.json"), json).expect("write json");
    println!("wrote {}", out.display());
}
