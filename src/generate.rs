//! Synthetic value designs for benches and property tests: one generator,
//! deterministic from its seed.
//!
//! Shape: power-law degrees (endpoints drawn with a skewed, Zipf-like
//! distribution, so a few hubs touch many exchanges), every node kind
//! (groups first, so `parent` links point backwards and stay acyclic), segments
//! with counts and growth, every flow kind and cadence, `per` on exchanges that
//! touch a segment, `follows` chains of up to four hops (an exchange follows
//! an earlier one), `reciprocates`, fixed and per-exchange costs, shared and
//! individual drivers, and a few extracts. The output always validates.

use std::io::{self, Write};

use layered::rng::SplitMix64;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenerateConfig {
    /// Number of nodes.
    pub nodes: usize,
    /// Exchanges per node (the total is `nodes * exchanges_per_node`).
    pub exchanges_per_node: usize,
    /// Seed.
    pub seed: u64,
}

impl GenerateConfig {
    /// `nodes` nodes, 5 exchanges per node.
    pub fn new(nodes: usize, seed: u64) -> Self {
        GenerateConfig {
            nodes,
            exchanges_per_node: 5,
            seed,
        }
    }
}

/// The longest `follows` chain generated.
const MAX_CHAIN: u8 = 4;

/// Writes a synthetic value design as RON.
pub fn generate(cfg: &GenerateConfig, out: &mut impl Write) -> io::Result<()> {
    let n = cfg.nodes.max(2);
    let mut rng = SplitMix64::new(cfg.seed);
    let drivers = (n / 100).clamp(3, 10_000);
    let groups = (n / 100).max(1);
    writeln!(
        out,
        "// Synthetic value design: {n} nodes, {} exchanges per node, seed {}.",
        cfg.exchanges_per_node, cfg.seed
    )?;
    writeln!(
        out,
        "// Written by `valuedesign generate`; see src/generate.rs for its shape."
    )?;
    writeln!(out, "Ecosystem(")?;
    writeln!(out, "    name: \"Synthetic {n}\",")?;
    writeln!(out, "    currency: \"EUR\",")?;
    writeln!(out, "    horizon_years: 3,")?;
    writeln!(out, "    discount_rate: 0.08,")?;
    writeln!(out, "    drivers: [")?;
    for d in 0..drivers {
        writeln!(out, "        Driver(id: \"d{d}\", label: \"Driver {d}\"),")?;
    }
    writeln!(out, "    ],")?;
    writeln!(out, "    nodes: [")?;
    // Kinds: groups first, then a fixed mix.
    let mut segment = vec![false; n];
    for (i, is_segment) in segment.iter_mut().enumerate() {
        let kind = if i < groups {
            "Group"
        } else {
            match rng.below(100) {
                0..=19 => "Segment",
                20..=74 => "Organization",
                75..=84 => "Device",
                85..=92 => "Person",
                93..=96 => "Activity",
                _ => "Process",
            }
        };
        *is_segment = kind == "Segment";
        write!(out, "        Node(id: \"n{i}\", kind: {kind}")?;
        if kind == "Segment" {
            let count = 1 + rng.below(1000);
            let growth = (rng.below(60) as f64 - 10.0) / 100.0;
            write!(out, ", count: {count}.0, growth: {growth}")?;
        }
        if i > 0 && rng.below(4) == 0 {
            // A parent among the groups before this node (so no cycle).
            let p = rng.below(groups.min(i) as u64);
            write!(out, ", parent: Some(\"n{p}\")")?;
        }
        let k = rng.below(3);
        if k > 0 {
            write!(out, ", drivers: [")?;
            for _ in 0..k {
                write!(out, "\"d{}\", ", zipf(&mut rng, drivers))?;
            }
            write!(out, "]")?;
        }
        if kind == "Organization" && rng.below(2) == 0 {
            // A fixed cost and a variable one, paid per occurrence of some exchange.
            let e_total = n * cfg.exchanges_per_node;
            write!(
                out,
                ", costs: [Cost(label: \"Operations\", amount: {}.0, cadence: Some(Yearly)), \
                 Cost(label: \"Delivery\", amount: {}.0, per_exchange: Some(\"e{}\"))]",
                100 + rng.below(10_000),
                1 + rng.below(20),
                rng.below(e_total.max(1) as u64)
            )?;
        }
        writeln!(out, "),")?;
    }
    writeln!(out, "    ],")?;
    writeln!(out, "    exchanges: [")?;
    let e_total = n * cfg.exchanges_per_node;
    let mut chain = vec![0u8; e_total];
    for e in 0..e_total {
        let from = zipf(&mut rng, n);
        let mut to = zipf(&mut rng, n);
        if to == from {
            to = (to + 1 + rng.below(n as u64 - 1) as usize) % n;
        }
        let flow = match rng.below(100) {
            0..=34 => "Money",
            35..=44 => "Goods",
            45..=59 => "Service",
            60..=79 => "Data",
            80..=89 => "Knowledge",
            _ => "Benefit",
        };
        let value = if flow == "Money" {
            10 + rng.below(10_000)
        } else {
            rng.below(100)
        };
        let cadence = match rng.below(10) {
            0..=2 => "Once".to_owned(),
            3..=5 => "Yearly".to_owned(),
            6..=7 => "Monthly".to_owned(),
            _ => format!("Times({}.0)", 1 + rng.below(50)),
        };
        write!(out, "        Exchange(id: \"e{e}\", from: \"n{from}\", to: \"n{to}\", flow: {flow}, value: {value}.0, cadence: {cadence}")?;
        let follow = if e > 0 && rng.below(5) == 0 {
            // Follow a recent exchange whose chain is still short.
            let lo = e.saturating_sub(64);
            let f = lo + rng.below((e - lo) as u64) as usize;
            (chain[f] < MAX_CHAIN).then_some(f)
        } else {
            None
        };
        if let Some(f) = follow {
            chain[e] = chain[f] + 1;
            let ratio = (5 + rng.below(20)) as f64 / 10.0;
            write!(
                out,
                ", follows: Some(Follow(exchange: \"e{f}\", ratio: {ratio}))"
            )?;
        } else if segment[from] || segment[to] {
            let per = if segment[from] { from } else { to };
            write!(out, ", per: Some(\"n{per}\")")?;
        }
        if flow == "Money" && e > 0 && rng.below(3) == 0 {
            write!(out, ", reciprocates: Some(\"e{}\")", rng.below(e as u64))?;
        }
        if rng.below(2) == 0 {
            write!(out, ", drivers: [\"d{}\"]", zipf(&mut rng, drivers))?;
        }
        writeln!(out, "),")?;
    }
    writeln!(out, "    ],")?;
    writeln!(out, "    extracts: [")?;
    writeln!(out, "        Extract(id: \"hub\", label: \"Around the biggest hub\", focus: Some(\"n0\"), radius: 1),")?;
    writeln!(out, "        Extract(id: \"first-flows\", label: \"The first flows\", exchanges: [\"e0\", \"e1\"]),")?;
    writeln!(out, "    ],")?;
    writeln!(out, ")")?;
    Ok(())
}

/// A synthetic design as a string.
pub fn generate_string(cfg: &GenerateConfig) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = generate(cfg, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

/// An index in `0..n`, skewed towards 0 (density ~ x^(-2/3)): a few hubs, a long tail.
fn zipf(rng: &mut SplitMix64, n: usize) -> usize {
    let u = rng.unit();
    ((u * u * u) * n as f64) as usize % n
}
