//! The ecosystem's type, on the four IoT ecosystem business models of
//! Leminen, Rajahonka, Westerlund & Wendelin (2018): **value chain
//! efficiency** (a closed set of contracted partners, one industry),
//! **industry collaboration** (opened up: independent complementors join,
//! within one industry), **horizontal market** (closed, but one solution
//! replicated across industries) and **platform** (open, across
//! industries). Two measurable features decide it, each with its evidence:
//!
//! - **open**: a platform node (an actor that exchanges with a
//!   complementor and with another segment) through which independent
//!   complementors join: segments that sell (an open population of firms,
//!   such as app developers), not contracted organisations;
//! - **across industries**: its segments (the open populations it serves
//!   or draws in: customers and complementors) name three industries or
//!   more (`industry` on the segments; with none named, one is assumed and
//!   said). A supplier's industry does not count: a value chain buys from
//!   many industries without its solution reaching them.
//!
//! Definitions and the evolutionary paths: docs/semantics.md.

use super::lifted::Lifted;
use crate::index::{IdxVec, NodeIdx};
use crate::model::{Ecosystem, NodeKind};
use crate::network::Network;

/// Industries from which a design spans many.
pub const MANY_INDUSTRIES: usize = 3;

/// The four types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EcosystemType {
    /// Closed, one industry.
    ValueChainEfficiency,
    /// Open, one industry.
    IndustryCollaboration,
    /// Closed, across industries.
    HorizontalMarket,
    /// Open, across industries.
    Platform,
}

impl EcosystemType {
    /// The type in words.
    pub fn words(self) -> &'static str {
        match self {
            EcosystemType::ValueChainEfficiency => "value chain efficiency",
            EcosystemType::IndustryCollaboration => "industry collaboration",
            EcosystemType::HorizontalMarket => "horizontal market",
            EcosystemType::Platform => "platform",
        }
    }

    /// Whether it is open to independent complementors.
    pub fn open(self) -> bool {
        matches!(
            self,
            EcosystemType::IndustryCollaboration | EcosystemType::Platform
        )
    }

    /// Whether it spans many industries.
    pub fn across_industries(self) -> bool {
        matches!(
            self,
            EcosystemType::HorizontalMarket | EcosystemType::Platform
        )
    }

    /// The type of an ecosystem open or not, across industries or not.
    pub fn of(open: bool, across: bool) -> Self {
        match (open, across) {
            (false, false) => EcosystemType::ValueChainEfficiency,
            (true, false) => EcosystemType::IndustryCollaboration,
            (false, true) => EcosystemType::HorizontalMarket,
            (true, true) => EcosystemType::Platform,
        }
    }
}

/// A platform node and whom it brings together.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformNode {
    /// The actor.
    pub node: NodeIdx,
    /// The complementors (selling segments) it exchanges with.
    pub complementors: Vec<NodeIdx>,
    /// The other segments it exchanges with.
    pub segments: Vec<NodeIdx>,
}

/// The type of a design, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Typing {
    /// The type.
    pub kind: EcosystemType,
    /// The platform nodes (none: closed).
    pub platforms: Vec<PlatformNode>,
    /// The organisations that sell: a closed ecosystem's contracted partners.
    pub contracted: Vec<NodeIdx>,
    /// The industries its segments name, in file order of first mention.
    pub industries: Vec<String>,
}

/// An industry's name as compared: lower case, dashes and underscores as
/// spaces, spaces collapsed.
fn industry_key(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Classifies a design. O(N + E).
pub fn typing(
    eco: &Ecosystem,
    net: &Network,
    lifted: &[Lifted],
    sells: &IdxVec<NodeIdx, bool>,
) -> Typing {
    let n = net.node_count();
    // Each actor's partner actors, sorted.
    let mut pairs: Vec<(NodeIdx, NodeIdx)> = lifted
        .iter()
        .flat_map(|l| [(l.from, l.to), (l.to, l.from)])
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let segment = |a: NodeIdx| net.kinds[a] == NodeKind::Segment;
    let complementor = |a: NodeIdx| segment(a) && sells[a];
    let mut platforms = Vec::new();
    let mut k = 0;
    while k < pairs.len() {
        let a = pairs[k].0;
        let mut j = k;
        while j < pairs.len() && pairs[j].0 == a {
            j += 1;
        }
        let partners: Vec<NodeIdx> = pairs[k..j].iter().map(|p| p.1).collect();
        k = j;
        if segment(a) || !net.kinds[a].is_actor() {
            continue;
        }
        let complementors: Vec<NodeIdx> = partners
            .iter()
            .copied()
            .filter(|&p| complementor(p))
            .collect();
        let segments: Vec<NodeIdx> = partners
            .iter()
            .copied()
            .filter(|&p| segment(p) && !complementor(p))
            .collect();
        let sides = complementors.len() + segments.len();
        if !complementors.is_empty() && sides >= 2 {
            platforms.push(PlatformNode {
                node: a,
                complementors,
                segments,
            });
        }
    }
    let contracted = (0..n)
        .map(NodeIdx::new)
        .filter(|&a| net.kinds[a] == NodeKind::Organization && sells[a])
        .collect();
    let mut industries: Vec<String> = Vec::new();
    for node in eco.nodes.iter().filter(|x| x.kind == NodeKind::Segment) {
        if let Some(i) = node.industry.as_deref() {
            // "Urban-mobility" and "urban mobility" are one industry.
            let key = industry_key(i);
            if !key.is_empty() && !industries.iter().any(|x| industry_key(x) == key) {
                industries.push(i.trim().to_owned());
            }
        }
    }
    let kind = EcosystemType::of(!platforms.is_empty(), industries.len() >= MANY_INDUSTRIES);
    Typing {
        kind,
        platforms,
        contracted,
        industries,
    }
}

/// The evolutionary path from type `from` to type `to`, in words (Leminen
/// et al. 2018): opening up for industry collaboration, replicating a
/// solution across industries, both, or closing again.
pub fn path(from: EcosystemType, to: EcosystemType) -> Option<&'static str> {
    if from == to {
        return None;
    }
    Some(match (from.open(), to.open(), from.across_industries(), to.across_industries()) {
        (false, true, a, b) if a == b => "opening up to independent complementors (closed to open)",
        (true, false, a, b) if a == b => "closing again to contracted partners (open to closed), as when a technology matures",
        (o, p, false, true) if o == p => "replicating the solution across industries (one industry to many)",
        (o, p, true, false) if o == p => "narrowing to one industry (many to one)",
        (false, true, false, true) => "opening up and replicating across industries (value chain to platform)",
        (true, false, true, false) => "closing again and narrowing to one industry (platform to value chain)",
        (true, false, false, true) => "closing again to contracted partners while replicating across industries (industry collaboration to horizontal market)",
        _ => "opening up while narrowing to one industry (horizontal market to industry collaboration)",
    })
}
