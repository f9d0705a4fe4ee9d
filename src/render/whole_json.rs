//! The ecosystem as a whole in `analysis.json`: its exchange indicators,
//! its value loops and how the value created is shared (the `ecosystem_whole`
//! key), and each actor's indicators and part (under its node).

use serde::Serialize;

use crate::analysis::indicators::ActorIndicators;
use crate::analysis::loops::{self, ValueLoop};
use crate::analysis::Analysis;
use crate::index::NodeIdx;
use crate::model::Ecosystem;

/// The ecosystem as a whole.
#[derive(Debug, Serialize)]
pub struct WholeJson<'a> {
    /// Exchange indicators of the ecosystem.
    pub indicators: EcosystemIndicatorsJson,
    /// Value loops.
    pub loops: LoopsJson<'a>,
    /// How the value created is shared.
    pub sharing: SharingJson<'a>,
    /// The ecosystem's type (Leminen et al. 2018), with its evidence.
    #[serde(rename = "type")]
    pub kind: TypeJson<'a>,
}

/// The ecosystem's type.
#[derive(Debug, Serialize)]
pub struct TypeJson<'a> {
    /// `value-chain-efficiency`, `industry-collaboration`,
    /// `horizontal-market` or `platform`.
    pub kind: crate::analysis::ecosystem_type::EcosystemType,
    /// Open to independent complementors through a platform node.
    pub open: bool,
    /// Its segments span three industries or more.
    pub across_industries: bool,
    /// The platform nodes, each with its complementors and other segments.
    pub platforms: Vec<PlatformJson<'a>>,
    /// The industries its segments name.
    pub industries: Vec<String>,
    /// The type and its evidence in words.
    pub evidence: String,
}

/// A platform node.
#[derive(Debug, Serialize)]
pub struct PlatformJson<'a> {
    /// Its id.
    pub node: &'a str,
    /// The complementors (segments that sell) it exchanges with.
    pub complementors: Vec<&'a str>,
    /// The other segments it exchanges with.
    pub segments: Vec<&'a str>,
}

/// The ecosystem's indicators (docs/semantics.md); `null` where there is
/// nothing to divide.
#[derive(Debug, Serialize)]
pub struct EcosystemIndicatorsJson {
    /// Actors.
    pub actors: usize,
    /// Ordered pairs of actors that exchange, over `n (n - 1)`.
    pub density: Option<f64>,
    /// Share of exchanges between actors answered by a flow back.
    pub reciprocity: Option<f64>,
    /// Herfindahl index of the actors' revenue.
    pub revenue_hhi: Option<f64>,
    /// Share of the value exchanged between actors that is intangible.
    pub intangible_share: Option<f64>,
}

/// The value loops.
#[derive(Debug, Serialize)]
pub struct LoopsJson<'a> {
    /// How a loop is scored.
    pub score: &'static str,
    /// The most actors in a loop searched for.
    pub max_actors: usize,
    /// Whether the search saw every such loop (it is bounded).
    pub complete: bool,
    /// The sizes of the strongly connected parts of two actors or more.
    pub part_sizes: Vec<usize>,
    /// The best loops, best first.
    pub top: Vec<LoopJson<'a>>,
}

/// One loop.
#[derive(Debug, Serialize)]
pub struct LoopJson<'a> {
    /// Its actors' ids, in order (the loop returns to the first).
    pub actors: Vec<&'a str>,
    /// Its score.
    pub score: f64,
    /// Per step, the ids of the exchanges it is made of.
    pub steps: Vec<Vec<&'a str>>,
}

/// The sharing of value.
#[derive(Debug, Serialize)]
pub struct SharingJson<'a> {
    /// The value created: profit actors' NPV plus worth actors' net value.
    pub created: f64,
    /// All that the businesses put in (the depths of their cumulative cash).
    pub put_in: f64,
    /// One actor takes over half the value while another puts in over half.
    pub imbalance: Option<ImbalanceJson<'a>>,
}

/// An imbalance of value and investment.
#[derive(Debug, Serialize)]
pub struct ImbalanceJson<'a> {
    /// Who takes most of the value.
    pub takes: &'a str,
    /// Who puts in most.
    pub puts_in: &'a str,
}

/// One actor's indicators.
#[derive(Debug, Serialize)]
pub struct ActorIndicatorsJson<'a> {
    /// Value given other actors over the horizon.
    pub gives: f64,
    /// Value got from other actors over the horizon.
    pub gets: f64,
    /// Tangible share of what it gives.
    pub gives_tangible: Option<f64>,
    /// Tangible share of what it gets.
    pub gets_tangible: Option<f64>,
    /// Share of its exchanges answered by a flow back.
    pub reciprocity: Option<f64>,
    /// Its largest partner's share of what it gets.
    pub dependence: Option<f64>,
    /// That partner's id.
    pub depends_on: Option<&'a str>,
}

/// One actor's part of the value.
#[derive(Debug, Serialize)]
pub struct PartJson {
    /// The value it takes (NPV or net value).
    pub takes: f64,
    /// Its share of the value created.
    pub takes_share: Option<f64>,
    /// What it puts in (a profit actor's).
    pub puts_in: Option<f64>,
    /// Its share of all that is put in.
    pub puts_in_share: Option<f64>,
}

fn loop_json<'a>(eco: &'a Ecosystem, l: &ValueLoop) -> LoopJson<'a> {
    LoopJson {
        actors: l.actors.iter().map(|&a| eco.node(a).id.as_str()).collect(),
        score: l.score,
        steps: l
            .steps
            .iter()
            .map(|s| s.iter().map(|&e| eco.exchange(e).id.as_str()).collect())
            .collect(),
    }
}

/// The `ecosystem_whole` entry.
pub fn whole<'a>(eco: &'a Ecosystem, an: &Analysis) -> WholeJson<'a> {
    let e = &an.indicators.ecosystem;
    let s = &an.sharing;
    WholeJson {
        indicators: EcosystemIndicatorsJson {
            actors: e.actors,
            density: e.density,
            reciprocity: e.reciprocity,
            revenue_hhi: e.revenue_hhi,
            intangible_share: e.intangible_share,
        },
        loops: LoopsJson {
            score: "the product over the loop's steps of the value the sender gives the next actor over all it gives other actors",
            max_actors: loops::MAX_LEN,
            complete: an.loops.complete,
            part_sizes: an.loops.parts.iter().map(Vec::len).collect(),
            top: an.loops.loops.iter().map(|l| loop_json(eco, l)).collect(),
        },
        kind: {
            let t = &an.typing;
            let ids = |v: &[NodeIdx]| v.iter().map(|&a| eco.node(a).id.as_str()).collect();
            TypeJson {
                kind: t.kind,
                open: t.kind.open(),
                across_industries: t.kind.across_industries(),
                platforms: t
                    .platforms
                    .iter()
                    .map(|p| PlatformJson {
                        node: eco.node(p.node).id.as_str(),
                        complementors: ids(&p.complementors),
                        segments: ids(&p.segments),
                    })
                    .collect(),
                industries: t.industries.clone(),
                evidence: crate::words::ecosystem_type(eco, t),
            }
        },
        sharing: SharingJson {
            created: s.created,
            put_in: s.put_in,
            imbalance: s.imbalance().map(|(t, i)| ImbalanceJson {
                takes: eco.node(t.actor).id.as_str(),
                puts_in: eco.node(i.actor).id.as_str(),
            }),
        },
    }
}

/// Actor `a`'s indicators, if it is an actor.
pub fn actor_indicators<'a>(
    eco: &'a Ecosystem,
    an: &Analysis,
    a: NodeIdx,
) -> Option<ActorIndicatorsJson<'a>> {
    if !an.network.kinds[a].is_actor() {
        return None;
    }
    let x: &ActorIndicators = &an.indicators.actors[a];
    Some(ActorIndicatorsJson {
        gives: x.gives,
        gets: x.gets,
        gives_tangible: x.gives_tangible,
        gets_tangible: x.gets_tangible,
        reciprocity: x.reciprocity,
        dependence: x.dependence.map(|d| d.0),
        depends_on: x.dependence.map(|d| eco.node(d.1).id.as_str()),
    })
}

/// Actor `a`'s part of the value, if it is judged.
pub fn part(an: &Analysis, a: NodeIdx) -> Option<PartJson> {
    let p = an.sharing.part(a)?;
    Some(PartJson {
        takes: p.takes,
        takes_share: p.takes_share,
        puts_in: p.puts_in,
        puts_in_share: p.puts_in_share,
    })
}
