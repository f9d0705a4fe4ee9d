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

use compact_str::format_compact;
use indexmap::IndexMap;
use layered::rng::SplitMix64;

use crate::model::{
    Cadence, Cost, Driver, Ecosystem, Exchange, Extract, Flow, Follow, Node, NodeKind, Text,
};

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

/// Writes a synthetic value design as RON (written by `ron`, one node,
/// exchange or driver per line, default fields left out).
pub fn generate(cfg: &GenerateConfig, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "// Synthetic value design: {} nodes, {} exchanges per node, seed {}.",
        cfg.nodes.max(2),
        cfg.exchanges_per_node,
        cfg.seed
    )?;
    writeln!(
        out,
        "// Written by `valuedesign generate`; see src/generate.rs for its shape."
    )?;
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(2);
    ron::Options::default()
        .to_io_writer_pretty(&mut *out, &design(cfg), pretty)
        .map_err(|e| match e {
            ron::Error::Io(m) => io::Error::other(m),
            other => io::Error::other(other.to_string()),
        })?;
    writeln!(out)
}

/// The synthetic value design itself: `cfg.nodes` nodes (at least 2).
pub fn design(cfg: &GenerateConfig) -> Ecosystem {
    let n = cfg.nodes.max(2);
    let mut rng = SplitMix64::new(cfg.seed);
    let drivers = (n / 100).clamp(3, 10_000);
    let nodes = nodes(cfg, n, drivers, &mut rng);
    let segment: Vec<bool> = nodes.iter().map(|x| x.kind == NodeKind::Segment).collect();
    let exchanges = exchanges(cfg, &segment, drivers, &mut rng);
    Ecosystem {
        name: format_compact!("Synthetic {n}"),
        description: Text::default(),
        currency: "EUR".into(),
        horizon_years: 3,
        discount_rate: 0.08,
        drivers: (0..drivers)
            .map(|d| Driver {
                id: format_compact!("d{d}"),
                label: format_compact!("Driver {d}"),
            })
            .collect(),
        nodes,
        exchanges,
        extracts: vec![
            Extract {
                id: "hub".into(),
                label: "Around the biggest hub".into(),
                nodes: Vec::new(),
                exchanges: Vec::new(),
                focus: Some("n0".into()),
                radius: 1,
            },
            Extract {
                id: "first-flows".into(),
                label: "The first flows".into(),
                nodes: Vec::new(),
                exchanges: vec!["e0".into(), "e1".into()],
                focus: None,
                radius: 1,
            },
        ],
        findings: IndexMap::new(),
        scenarios: Vec::new(),
        uncertainty: Vec::new(),
    }
}

/// The nodes: groups first (so `parent` links point backwards), then a fixed mix.
fn nodes(cfg: &GenerateConfig, n: usize, drivers: usize, rng: &mut SplitMix64) -> Vec<Node> {
    let groups = (n / 100).max(1);
    let e_total = n * cfg.exchanges_per_node;
    (0..n)
        .map(|i| {
            let kind = if i < groups {
                NodeKind::Group
            } else {
                match rng.below(100) {
                    0..=19 => NodeKind::Segment,
                    20..=74 => NodeKind::Organization,
                    75..=84 => NodeKind::Device,
                    85..=92 => NodeKind::Person,
                    93..=96 => NodeKind::Activity,
                    _ => NodeKind::Process,
                }
            };
            let (mut count, mut growth) = (1.0, 0.0);
            if kind == NodeKind::Segment {
                count = (1 + rng.below(1000)) as f64;
                growth = (rng.below(60) as f64 - 10.0) / 100.0;
            }
            // A parent among the groups before this node (so no cycle).
            let parent = (i > 0 && rng.below(4) == 0)
                .then(|| format_compact!("n{}", rng.below(groups.min(i) as u64)));
            let k = rng.below(3);
            let node_drivers = (0..k)
                .map(|_| format_compact!("d{}", zipf(rng, drivers)))
                .collect();
            let mut costs = Vec::new();
            if kind == NodeKind::Organization && rng.below(2) == 0 {
                // A fixed cost and a variable one, paid per occurrence of some exchange.
                costs.push(Cost {
                    label: "Operations".into(),
                    amount: (100 + rng.below(10_000)) as f64,
                    cadence: Some(Cadence::Yearly),
                    per_exchange: None,
                });
                let amount = (1 + rng.below(20)) as f64;
                costs.push(Cost {
                    label: "Delivery".into(),
                    amount,
                    cadence: None,
                    per_exchange: Some(format_compact!("e{}", rng.below(e_total.max(1) as u64))),
                });
            }
            Node {
                id: format_compact!("n{i}"),
                label: Text::default(),
                kind,
                count,
                growth,
                churn: None,
                parent,
                drivers: node_drivers,
                activities: Vec::new(),
                resources: Vec::new(),
                costs,
                iot_role: None,
                decides_for: None,
                goal: None,
                industry: None,
            }
        })
        .collect()
}

/// The exchanges: power-law endpoints, every flow and cadence, `follows`
/// chains of up to [`MAX_CHAIN`] hops, `per` on segments, `reciprocates`.
fn exchanges(
    cfg: &GenerateConfig,
    segment: &[bool],
    drivers: usize,
    rng: &mut SplitMix64,
) -> Vec<Exchange> {
    let n = segment.len();
    let e_total = n * cfg.exchanges_per_node;
    let mut chain = vec![0u8; e_total];
    (0..e_total)
        .map(|e| {
            let from = zipf(rng, n);
            let mut to = zipf(rng, n);
            if to == from {
                to = (to + 1 + rng.below(n as u64 - 1) as usize) % n;
            }
            let flow = match rng.below(100) {
                0..=34 => Flow::Money,
                35..=44 => Flow::Goods,
                45..=59 => Flow::Service,
                60..=79 => Flow::Data,
                80..=89 => Flow::Knowledge,
                _ => Flow::Benefit,
            };
            let value = if flow == Flow::Money {
                10 + rng.below(10_000)
            } else {
                rng.below(100)
            } as f64;
            let cadence = match rng.below(10) {
                0..=2 => Cadence::Once,
                3..=5 => Cadence::Yearly,
                6..=7 => Cadence::Monthly,
                _ => Cadence::Times((1 + rng.below(50)) as f64),
            };
            let follow = if e > 0 && rng.below(5) == 0 {
                // Follow a recent exchange whose chain is still short.
                let lo = e.saturating_sub(64);
                let f = lo + rng.below((e - lo) as u64) as usize;
                (chain[f] < MAX_CHAIN).then_some(f)
            } else {
                None
            };
            let (mut follows, mut per) = (None, None);
            if let Some(f) = follow {
                chain[e] = chain[f] + 1;
                follows = Some(Follow {
                    exchange: format_compact!("e{f}"),
                    ratio: (5 + rng.below(20)) as f64 / 10.0,
                });
            } else if segment[from] || segment[to] {
                let p = if segment[from] { from } else { to };
                per = Some(format_compact!("n{p}"));
            }
            let reciprocates = (flow == Flow::Money && e > 0 && rng.below(3) == 0)
                .then(|| format_compact!("e{}", rng.below(e as u64)));
            let exchange_drivers = if rng.below(2) == 0 {
                vec![format_compact!("d{}", zipf(rng, drivers))]
            } else {
                Vec::new()
            };
            Exchange {
                id: format_compact!("e{e}"),
                from: format_compact!("n{from}"),
                to: format_compact!("n{to}"),
                flow,
                offering: Text::default(),
                value,
                cadence,
                per,
                follows,
                reciprocates,
                drivers: exchange_drivers,
                channel: None,
                relationship: None,
                revenue_model: None,
            }
        })
        .collect()
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
