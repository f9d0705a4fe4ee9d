//! The `analysis.json` structure: every figure of the analysis keyed by id.
//! Pure: builds serialisable values; the CLI writes them.

use indexmap::IndexMap;
use serde::Serialize;

use crate::analysis::{Analysis, Field, Ledgers, Method, Reason};
use crate::index::{DriverIdx, ExchangeIdx, Idx, NodeIdx};
use crate::model::{Ecosystem, Flow, Goal, NodeKind, RevenueModel};

/// The whole document.
#[derive(Debug, Serialize)]
pub struct AnalysisJson<'a> {
    /// The ecosystem's settings as used.
    pub ecosystem: EcosystemJson<'a>,
    /// The years of every per-year array, 1-based.
    pub years: Vec<u32>,
    /// Whether every actor is win-win.
    pub win_win: bool,
    /// The keystone actor's id.
    pub keystone: Option<&'a str>,
    /// Sum over all nodes of `revenue - spend`, per year (0 up to rounding).
    pub money_balance: Vec<f64>,
    /// Per node, by id (each entry built as it is written).
    pub nodes: Entries<'a, NodeJson<'a>>,
    /// Per exchange, by id (each entry built as it is written).
    pub exchanges: Entries<'a, ExchangeJson<'a>>,
    /// Per extract.
    pub extracts: IndexMap<&'a str, ExtractJson<'a>>,
    /// Per driver.
    pub drivers: IndexMap<&'a str, DriverJson<'a>>,
    /// Per customer of each segment, for each actor it pays (contract 3.7).
    pub unit_economics: Vec<crate::render::unit_economics::UnitEconomicsJson<'a>>,
    /// How the diffusion ran.
    pub diffusion: DiffusionJson,
    /// How betweenness was computed.
    pub betweenness: BetweennessJson,
    /// The ecosystem as a whole: indicators, value loops, sharing of value.
    pub ecosystem_whole: crate::render::whole_json::WholeJson<'a>,
}

/// Ecosystem settings.
#[derive(Debug, Serialize)]
pub struct EcosystemJson<'a> {
    /// Name.
    pub name: &'a str,
    /// Currency label.
    pub currency: &'a str,
    /// Years analysed.
    pub horizon_years: usize,
    /// Discount rate.
    pub discount_rate: f64,
}

/// One node.
#[derive(Debug, Serialize)]
pub struct NodeJson<'a> {
    /// Label.
    pub label: &'a str,
    /// Kind.
    pub kind: NodeKind,
    /// Parent id.
    pub parent: Option<&'a str>,
    /// What it is in the ecosystem for (`Profit` or `Worth`); it decides how
    /// its net value is counted and what its verdict tests. `null` for
    /// devices, activities and processes, which count for their owner.
    pub goal: Option<Goal>,
    /// Whether it sells: receives money that pays for something.
    pub sells: bool,
    /// Members per year.
    pub members: &'a [f64],
    /// New (first-year) members per year.
    pub new_members: &'a [f64],
    /// Revenue and spend from first-year and renewing customers.
    pub cohorts: CohortsJson<'a>,
    /// Own ledger.
    pub ledger: LedgerJson<'a>,
    /// Own plus descendants, for nodes with children.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_ledger: Option<LedgerJson<'a>>,
    /// Win-win verdict.
    pub win_win: WinWinJson<'a>,
    /// Reach of intangibles.
    pub reach: f64,
    /// Normalised betweenness, in [0, 1].
    pub betweenness: f64,
    /// Raw betweenness (pair dependencies summed).
    pub betweenness_raw: f64,
    /// Share of year-1 value lost if it leaves.
    pub removal_impact: f64,
    /// Exchange indicators (actors only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicators: Option<crate::render::whole_json::ActorIndicatorsJson<'a>>,
    /// Its part of the value created (judged actors only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_share: Option<crate::render::whole_json::PartJson>,
}

/// A node's revenue and spend on exchanges counted per members, from
/// first-year and from renewing members (contract 3.1); the rest of its
/// revenue and spend is on exchanges counted otherwise.
#[derive(Debug, Serialize)]
pub struct CohortsJson<'a> {
    /// Revenue from first-year members per year.
    pub revenue_new: &'a [f64],
    /// Revenue from renewing members per year.
    pub revenue_renewing: &'a [f64],
    /// Spend on first-year members per year.
    pub spend_new: &'a [f64],
    /// Spend on renewing members per year.
    pub spend_renewing: &'a [f64],
}

/// A ledger.
#[derive(Debug, Serialize)]
pub struct LedgerJson<'a> {
    /// Money in per year.
    pub revenue: &'a [f64],
    /// Money out through exchanges per year.
    pub spend: &'a [f64],
    /// Own costs per year.
    pub costs: &'a [f64],
    /// Cash per year.
    pub cash: &'a [f64],
    /// Cumulative cash per year.
    pub cumulative_cash: &'a [f64],
    /// Worth of goods and services received per year.
    pub received_worth_tangible: &'a [f64],
    /// Worth of data, knowledge and benefits received per year.
    pub received_worth_intangible: &'a [f64],
    /// Net value per year.
    pub net_value: &'a [f64],
    /// Sum of net value over the years.
    pub total_net_value: f64,
    /// Net present value of cash.
    pub npv: f64,
    /// First year with cumulative cash >= 0.
    pub breakeven_year: Option<u32>,
}

impl<'a> LedgerJson<'a> {
    fn of<R: Idx>(l: &'a Ledgers<R>, a: R) -> Self {
        LedgerJson {
            revenue: l.get(a, Field::Revenue),
            spend: l.get(a, Field::Spend),
            costs: l.get(a, Field::Costs),
            cash: l.get(a, Field::Cash),
            cumulative_cash: l.get(a, Field::CumulativeCash),
            received_worth_tangible: l.get(a, Field::WorthTangible),
            received_worth_intangible: l.get(a, Field::WorthIntangible),
            net_value: l.get(a, Field::NetValue),
            total_net_value: l.total(a, Field::NetValue),
            npv: l.npv[a],
            breakeven_year: l.breakeven[a],
        }
    }
}

/// A win-win verdict.
#[derive(Debug, Serialize)]
pub struct WinWinJson<'a> {
    /// Whether the rule applies (actors only).
    pub applies: bool,
    /// Whether it holds.
    pub ok: bool,
    /// Why not: every failed test, in words.
    pub reasons: Vec<String>,
    /// The verdict and its basis in one sentence ("yes: NPV ... ≥ 0; serves ...").
    pub basis: String,
    /// Every test with the figure it was decided on.
    pub tests: Vec<TestJson<'a>>,
}

/// One test of a verdict.
#[derive(Debug, Serialize)]
pub struct TestJson<'a> {
    /// `npv` (profit), `net_value` (worth), `drivers_served`, `receives_value`,
    /// `receives_nothing` or `drivers_unserved`.
    pub test: &'static str,
    /// Whether it holds.
    pub holds: bool,
    /// The figure (NPV or net value over the horizon), for the money and worth tests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Driver ids, for the driver tests.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub drivers: Vec<&'a str>,
}

impl<'a> TestJson<'a> {
    fn of(eco: &'a Ecosystem, r: &Reason) -> Self {
        let ids = |d: &[DriverIdx]| -> Vec<&'a str> {
            d.iter().map(|&d| eco.driver(d).id.as_str()).collect()
        };
        let (test, value, drivers) = match r {
            Reason::Money { npv, .. } => ("npv", Some(*npv), Vec::new()),
            Reason::Worth { net_value, .. } => ("net_value", Some(*net_value), Vec::new()),
            Reason::ServesDrivers(d) => ("drivers_served", None, ids(d)),
            Reason::ReceivesValue => ("receives_value", None, Vec::new()),
            Reason::ReceivesNothing => ("receives_nothing", None, Vec::new()),
            Reason::DriversUnserved(d) => ("drivers_unserved", None, ids(d)),
        };
        TestJson {
            test,
            holds: r.holds(),
            value,
            drivers,
        }
    }
}

/// One exchange.
#[derive(Debug, Serialize)]
pub struct ExchangeJson<'a> {
    /// Sender id.
    pub from: &'a str,
    /// Receiver id.
    pub to: &'a str,
    /// Flow kind.
    pub flow: Flow,
    /// The revenue model of a money flow (written, or inferred from what it pays for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue_model: Option<RevenueModel>,
    /// Occurrences per year.
    pub occurrences: &'a [f64],
    /// Of those, the occurrences with first-year members, per year (all of
    /// them for a one-off; 0 for an exchange not counted per members).
    pub new_occurrences: &'a [f64],
    /// `value * occurrences` per year.
    pub value_per_year: Vec<f64>,
}

/// One extract.
#[derive(Debug, Serialize)]
pub struct ExtractJson<'a> {
    /// Label.
    pub label: &'a str,
    /// Node ids in the closure.
    pub nodes: Vec<&'a str>,
    /// Exchange ids in the closure.
    pub exchanges: Vec<&'a str>,
    /// Money captured per year (received by the core from outside it).
    pub money_per_year: &'a [f64],
    /// All money flowing on the closure's exchanges per year.
    pub money_flowing_per_year: &'a [f64],
    /// Core node ids (named nodes, focus, receivers of named exchanges).
    pub core: Vec<&'a str>,
    /// Driver ids served.
    pub drivers: Vec<&'a str>,
}

/// One driver.
#[derive(Debug, Serialize)]
pub struct DriverJson<'a> {
    /// Label.
    pub label: &'a str,
    /// Pursued by two or more nodes.
    pub shared: bool,
    /// Node ids pursuing it.
    pub pursued_by: Vec<&'a str>,
    /// Exchange ids serving it.
    pub served_by: Vec<&'a str>,
}

/// Diffusion run.
#[derive(Debug, Serialize)]
pub struct DiffusionJson {
    /// Damping.
    pub damping: f64,
    /// Relative tolerance: it stopped when the L1 change of an iteration was
    /// at most this times the L1 norm of the vector.
    pub tolerance: f64,
    /// Iterations run.
    pub iterations: u32,
    /// Whether it converged.
    pub converged: bool,
}

/// Betweenness method.
#[derive(Debug, Serialize)]
pub struct BetweennessJson {
    /// `exact` or `sampled`.
    pub method: &'static str,
    /// Sources used.
    pub sources: usize,
    /// Seed of the sample, when sampled.
    pub seed: Option<u64>,
    /// When sampled: the largest relative standard error among the ten most
    /// central nodes (the sample grows until it is at most 0.05).
    pub relative_error: Option<f64>,
}

/// Builds the document.
pub fn build<'a>(
    eco: &'a Ecosystem,
    an: &'a Analysis,
    damping: f64,
    tolerance: f64,
) -> AnalysisJson<'a> {
    let net = &an.network;
    let years = an.timeline.years;
    let node_id = |a: NodeIdx| eco.node(a).id.as_str();
    let mut money_balance = vec![0.0; years];
    for a in net.nodes() {
        for (y, b) in money_balance.iter_mut().enumerate() {
            *b += an.ledgers.get(a, Field::Revenue)[y] - an.ledgers.get(a, Field::Spend)[y];
        }
    }
    let (method, sources, seed, relative_error) = match an.betweenness.method {
        Method::Exact => ("exact", net.node_count(), None, None),
        Method::Sampled {
            pivots,
            seed,
            error,
        } => ("sampled", pivots, Some(seed), Some(error)),
        Method::NotComputed => ("not computed", 0, None, None),
    };
    AnalysisJson {
        ecosystem: EcosystemJson {
            name: &eco.name,
            currency: &eco.currency,
            horizon_years: years,
            discount_rate: eco.discount_rate,
        },
        years: (1..=years as u32).collect(),
        win_win: an.win_win(),
        keystone: an.keystone.map(node_id),
        money_balance,
        nodes: Entries {
            eco,
            an,
            len: eco.nodes.len(),
            entry: node,
        },
        exchanges: Entries {
            eco,
            an,
            len: eco.exchanges.len(),
            entry: exchange,
        },
        extracts: extracts(eco, an),
        drivers: drivers(eco, an),
        unit_economics: an
            .unit_economics
            .iter()
            .map(|u| crate::render::unit_economics::UnitEconomicsJson::new(eco, u))
            .collect(),
        diffusion: DiffusionJson {
            damping,
            tolerance,
            iterations: an.diffusion.iterations,
            converged: an.diffusion.converged,
        },
        betweenness: BetweennessJson {
            method,
            sources,
            seed,
            relative_error,
        },
        ecosystem_whole: crate::render::whole_json::whole(eco, an),
    }
}

/// A map of `len` entries serialised entry by entry as it is written, each
/// made by `entry` from its position: [`AnalysisJson::nodes`] and
/// [`AnalysisJson::exchanges`] are never held whole (at 1e6 nodes building
/// them took 7.8 s and gigabytes before the first byte was written).
pub struct Entries<'a, V> {
    eco: &'a Ecosystem,
    an: &'a Analysis,
    len: usize,
    entry: fn(&'a Ecosystem, &'a Analysis, usize) -> (&'a str, V),
}

impl<V: Serialize> Serialize for Entries<'_, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.len))?;
        for i in 0..self.len {
            let (id, value) = (self.entry)(self.eco, self.an, i);
            map.serialize_entry(id, &value)?;
        }
        map.end()
    }
}

impl<V> std::fmt::Debug for Entries<'_, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Entries({} entries)", self.len)
    }
}

/// One node's entry: its ledger, verdict and network measures.
fn node<'a>(eco: &'a Ecosystem, an: &'a Analysis, a: usize) -> (&'a str, NodeJson<'a>) {
    let n = &eco.nodes[a];
    let a = NodeIdx::new(a);
    let verdict = &an.verdicts[a];
    let entry = NodeJson {
        label: &n.label,
        kind: n.kind,
        parent: n.parent.as_deref(),
        members: an.timeline.members(a),
        new_members: an.timeline.new_members(a),
        cohorts: {
            use crate::analysis::cohorts::Part;
            let c = &an.cohorts;
            CohortsJson {
                revenue_new: c.split(a, Part::RevenueNew),
                revenue_renewing: c.split(a, Part::RevenueRenewing),
                spend_new: c.split(a, Part::SpendNew),
                spend_renewing: c.split(a, Part::SpendRenewing),
            }
        },
        ledger: LedgerJson::of(&an.ledgers, a),
        group_ledger: an
            .group_ledgers
            .slot_of(a)
            .map(|g| LedgerJson::of(&an.group_ledgers.ledgers, g)),
        goal: n.kind.takes_goal().then(|| an.network.goals[a]),
        sells: an.sells[a],
        win_win: WinWinJson {
            applies: verdict.applies(),
            ok: !verdict.fails(),
            reasons: crate::words::verdict_failures(eco, an, a),
            basis: crate::words::verdict_basis(eco, an, a),
            tests: verdict
                .reasons
                .iter()
                .map(|r| TestJson::of(eco, r))
                .collect(),
        },
        reach: an.diffusion.reach[a],
        betweenness: an.betweenness.normalised[a],
        betweenness_raw: an.betweenness.raw[a],
        removal_impact: an.removal.impact[a],
        indicators: crate::render::whole_json::actor_indicators(eco, an, a),
        value_share: crate::render::whole_json::part(an, a),
    };
    (n.id.as_str(), entry)
}

/// One exchange's entry: its ends, flow, revenue model and value per year.
fn exchange<'a>(eco: &'a Ecosystem, an: &'a Analysis, e: usize) -> (&'a str, ExchangeJson<'a>) {
    let x = &eco.exchanges[e];
    let e = ExchangeIdx::new(e);
    let occ = an.timeline.occurrences(e);
    let entry = ExchangeJson {
        from: &x.from,
        to: &x.to,
        flow: x.flow,
        revenue_model: an.revenue_model(e),
        occurrences: occ,
        new_occurrences: an.cohorts.new_occurrences(e),
        value_per_year: occ.iter().map(|o| x.value * o).collect(),
    };
    (x.id.as_str(), entry)
}

/// Every value extract by id: its closure and the money it captures.
fn extracts<'a>(eco: &'a Ecosystem, an: &'a Analysis) -> IndexMap<&'a str, ExtractJson<'a>> {
    let node_id = |a: NodeIdx| eco.node(a).id.as_str();
    let exchange_id = |e: ExchangeIdx| eco.exchange(e).id.as_str();
    eco.extracts
        .iter()
        .zip(&an.extracts)
        .map(|(x, r)| {
            (
                x.id.as_str(),
                ExtractJson {
                    label: &x.label,
                    nodes: r.nodes.iter().map(|&a| node_id(a)).collect(),
                    exchanges: r.exchanges.iter().map(|&e| exchange_id(e)).collect(),
                    money_per_year: &r.money,
                    money_flowing_per_year: &r.money_flowing,
                    core: r.core.iter().map(|&a| node_id(a)).collect(),
                    drivers: r
                        .drivers
                        .iter()
                        .map(|&d| eco.driver(d).id.as_str())
                        .collect(),
                },
            )
        })
        .collect()
}

/// Every driver by id: who pursues it and what serves it.
fn drivers<'a>(eco: &'a Ecosystem, an: &'a Analysis) -> IndexMap<&'a str, DriverJson<'a>> {
    let node_id = |a: NodeIdx| eco.node(a).id.as_str();
    let exchange_id = |e: ExchangeIdx| eco.exchange(e).id.as_str();
    eco.drivers
        .iter()
        .enumerate()
        .map(|(d, x)| {
            let d = DriverIdx::new(d);
            (
                x.id.as_str(),
                DriverJson {
                    label: &x.label,
                    shared: an.drivers.shared(d),
                    pursued_by: an.drivers.pursued_by[d]
                        .iter()
                        .map(|&a| node_id(a))
                        .collect(),
                    served_by: an.drivers.served_by[d]
                        .iter()
                        .map(|&e| exchange_id(e))
                        .collect(),
                },
            )
        })
        .collect()
}
