//! For `benches/compare/simulate.py`: the 50-node design of the `whatif`
//! bench with its five ranges, everything the ledger loop reads that the
//! ranges do not change (occurrences, costs, goals, the driver test), and
//! our simulation's results and best time, as JSON.
//!
//! `cargo run --release --example simulate_export -- NODES RUNS OUT.json`

use std::time::Instant;

use valuedesign::analysis::{self, Config, Field};
use valuedesign::generate::{design, GenerateConfig};
use valuedesign::model::{Flow, Goal, Range, Shape};
use valuedesign::whatif::simulate::simulate;
use valuedesign::ValueDesign;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(50);
    let runs: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let out = args
        .get(3)
        .cloned()
        .unwrap_or_else(|| "simulate.json".to_owned());
    let mut eco = design(&GenerateConfig::new(n, 1));
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
    let d = ValueDesign::new(eco).expect("valid");
    let an = analysis::analyse(&d, &Config::default());
    let net = &an.network;
    let years = an.timeline.years;
    let e = d.ecosystem();
    // Own costs per node and year: they do not depend on exchange values.
    let costs: Vec<Vec<f64>> = net
        .nodes()
        .map(|a| an.ledgers.get(a, Field::Costs).to_vec())
        .collect();
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..5 {
        let t = Instant::now();
        let s = simulate(&d, runs, 1);
        best = best.min(t.elapsed().as_secs_f64());
        result = Some(s);
    }
    let s = result.expect("ran");
    let doc = serde_json::json!({
        "nodes": n,
        "years": years,
        "runs": runs,
        "seed": 1,
        "discount_rate": e.discount_rate,
        "edges": net.edges.iter().map(|x| serde_json::json!({
            "from": x.from.index(), "to": x.to.index(),
            "money": x.flow == Flow::Money, "tangible": x.flow.is_tangible(),
            "value": x.value,
        })).collect::<Vec<_>>(),
        "occurrences": (0..net.exchange_count()).map(|k| an.timeline.occurrences(valuedesign::index::ExchangeIdx::new(k)).to_vec()).collect::<Vec<_>>(),
        "costs": costs,
        "worth": net.nodes().map(|a| net.goals[a] == Goal::Worth).collect::<Vec<_>>(),
        "actor": net.nodes().map(|a| net.kinds[a].is_actor()).collect::<Vec<_>>(),
        "drivers_ok": net.nodes().map(|a| an.verdicts[a].reasons.get(1).is_none_or(|r| r.holds())).collect::<Vec<_>>(),
        "ranges": e.uncertainty.iter().enumerate().map(|(k, r)| serde_json::json!({
            "exchange": k, "low": r.low, "likely": e.exchanges[k].value, "high": r.high,
        })).collect::<Vec<_>>(),
        "ours": {
            "seconds": best,
            "all_win": s.all_win,
            "actors": s.actors.iter().map(|o| serde_json::json!({
                "node": o.actor.index(), "win_win": o.win_win,
                "p5": o.percentile(5.0), "p50": o.percentile(50.0), "p95": o.percentile(95.0),
            })).collect::<Vec<_>>(),
        },
    });
    std::fs::write(&out, serde_json::to_string(&doc).expect("json")).expect("write");
    eprintln!("wrote {out}: {runs} runs in {best:.3} s (best of 5)");
}
