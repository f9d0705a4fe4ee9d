//! The engine: every figure of contract section 3, one module per analysis,
//! each a pure function of the network (no I/O, no printing).
//!
//! [`analyse`] runs them in dependency order: [`timeline`] (members,
//! occurrences through `follows`) -> [`ledger`] (ledgers, group ledgers) ->
//! [`cohorts`] (first-year and renewing customers) -> [`unit_economics`]
//! (per customer of a segment) ->
//! [`revenue`] (what money pays for) -> [`verdict`] (win-win by each actor's
//! goal) -> [`diffusion`] (reach of intangibles) -> [`keystones`]
//! (betweenness, removal impact) -> [`extracts`] (closures) -> the
//! ecosystem as a whole: [`loops`] (value loops), [`indicators`] (value
//! network analysis), [`sharing`] (who takes the value, who puts in),
//! [`ecosystem_type`] (Leminen et al.'s four types);
//! [`zoom`] aggregates on demand. Parallel parts compute, then collect in a fixed
//! order: results are bit-identical for any thread count.

pub mod cohorts;
pub mod diffusion;
pub mod drivers;
pub mod ecosystem_type;
pub mod extracts;
pub(crate) mod hub_blocks;
pub mod indicators;
pub mod keystones;
pub mod ledger;
pub mod lifted;
pub mod loops;
pub mod revenue;
pub mod sharing;
pub mod timeline;
pub mod unit_economics;
pub mod verdict;
pub mod zoom;

use crate::index::{ExchangeIdx, IdxVec, NodeIdx};
use crate::network::Network;
use crate::validate::ValueDesign;

pub use diffusion::{Diffusion, DiffusionConfig};
pub use keystones::{Betweenness, KeystoneConfig, Method, Removal};
pub use ledger::{Field, Ledgers};
pub use timeline::Timeline;
pub use verdict::{Reason, Verdict};

/// What to compute, beyond the file's own settings.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Config {
    /// Overrides the file's `horizon_years`.
    pub years: Option<u32>,
    /// Intangible diffusion settings.
    pub diffusion: DiffusionConfig,
    /// Betweenness settings.
    pub keystones: KeystoneConfig,
    /// Leaves out the intangible diffusion (reach) and the betweenness, the
    /// costliest measures, for a command that shows neither (`check`: no
    /// finding reads them). They are then 0, with [`Method::NotComputed`]
    /// and no diffusion iteration.
    pub skip_centrality: bool,
}

/// Every figure of one value design.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The network the figures are about.
    pub network: Network,
    /// Members and occurrences per year.
    pub timeline: Timeline,
    /// Each node's own ledger.
    pub ledgers: Ledgers,
    /// Each node's group ledger (own plus descendants).
    pub group_ledgers: ledger::GroupLedgers,
    /// First-year and renewing members' part of occurrences and ledgers.
    pub cohorts: cohorts::Cohorts,
    /// What a customer of each segment is worth to each actor it pays.
    pub unit_economics: Vec<unit_economics::UnitEconomics>,
    /// Per exchange: its revenue model (money only).
    pub revenue_models: IdxVec<ExchangeIdx, Option<crate::model::RevenueModel>>,
    /// Per node: whether it sells (receives money for something).
    pub sells: IdxVec<NodeIdx, bool>,
    /// Win-win verdict per node.
    pub verdicts: IdxVec<NodeIdx, Verdict>,
    /// Reach of intangibles.
    pub diffusion: Diffusion,
    /// Betweenness per node.
    pub betweenness: Betweenness,
    /// Removal impact per node.
    pub removal: Removal,
    /// The keystone: the supplier (an actor that sells) with the highest
    /// removal impact (first in file order on ties).
    pub keystone: Option<NodeIdx>,
    /// Each extract's closure and figures, in file order.
    pub extracts: Vec<extracts::ExtractResult>,
    /// Driver coverage.
    pub drivers: drivers::DriverCoverage,
    /// Value loops: how value given returns to the giver.
    pub loops: loops::Loops,
    /// Exchange indicators, per actor and for the ecosystem.
    pub indicators: indicators::Indicators,
    /// How the value created is shared against what each actor puts in.
    pub sharing: sharing::Sharing,
    /// The ecosystem's type (Leminen et al. 2018), with its evidence.
    pub typing: ecosystem_type::Typing,
}

impl Analysis {
    /// Whether every actor is win-win.
    pub fn win_win(&self) -> bool {
        !self.verdicts.iter().any(Verdict::fails)
    }

    /// The revenue model of money exchange `e` (`None` for other flows).
    pub fn revenue_model(&self, e: ExchangeIdx) -> Option<crate::model::RevenueModel> {
        self.revenue_models[e]
    }

    /// Money through every node over the horizon: paid plus received. Used to
    /// pick the actors a drawing shows first when it cannot show them all.
    pub(crate) fn money_through(&self) -> IdxVec<NodeIdx, f64> {
        let mut volume = IdxVec::filled(self.network.node_count(), 0.0);
        for (e, edge) in self.network.edges.iter_enumerated() {
            if edge.flow == crate::model::Flow::Money {
                let v = edge.value * self.timeline.occurrences(e).iter().sum::<f64>();
                volume[edge.from] += v;
                volume[edge.to] += v;
            }
        }
        volume
    }

    /// The `k` actors with the most money through them, in file order (all
    /// actors when there are at most `k`); ties go to the earlier node.
    pub(crate) fn leading_actors(&self, k: usize) -> Vec<NodeIdx> {
        let net = &self.network;
        let volume = self.money_through();
        let mut actors: Vec<NodeIdx> = net.actors().collect();
        if actors.len() > k {
            actors.sort_by(|a, b| volume[*b].total_cmp(&volume[*a]).then(a.cmp(b)));
            actors.truncate(k);
            actors.sort_unstable();
        }
        actors
    }
}

/// The figures a verdict needs, and no more: what `defect` re-analyses.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The network.
    pub network: Network,
    /// Members and occurrences per year.
    pub timeline: Timeline,
    /// Each node's own ledger.
    pub ledgers: Ledgers,
    /// Win-win verdict per node.
    pub verdicts: IdxVec<NodeIdx, Verdict>,
}

/// The ledgers and verdicts of a validated design (no diffusion, keystones
/// or extracts): the same figures [`analyse`] gives, for less.
pub fn outcome(design: &ValueDesign, cfg: &Config) -> Outcome {
    let eco = design.ecosystem();
    let network = Network::new(design);
    let years = cfg.years.unwrap_or(eco.horizon_years) as usize;
    let timeline = timeline::timeline(&network, years);
    let ledgers = ledger::ledgers(&network, &timeline, eco.discount_rate);
    let verdicts = verdict::verdicts(&network, &ledgers);
    Outcome {
        network,
        timeline,
        ledgers,
        verdicts,
    }
}

/// Runs every analysis on a validated design.
pub fn analyse(design: &ValueDesign, cfg: &Config) -> Analysis {
    analyse_sharing(design, cfg, None)
}

/// Analyses `design`, a what-if of the design `base` is the analysis of
/// (under the same `cfg`), sharing what the change leaves as it was: when
/// the same nodes exchange with the same nodes (numbers changed, nothing
/// removed), the betweenness, which depends on nothing else and is the
/// costliest part, is taken from `base`. The figures are those of
/// [`analyse`].
pub fn reanalyse(design: &ValueDesign, cfg: &Config, base: &Analysis) -> Analysis {
    analyse_sharing(design, cfg, Some(base))
}

/// Whether two networks have the same nodes and the same exchanges between
/// the same nodes, in the same order.
fn same_structure(a: &Network, b: &Network) -> bool {
    a.node_count() == b.node_count()
        && a.exchange_count() == b.exchange_count()
        && a.edges
            .iter()
            .zip(b.edges.iter())
            .all(|(x, y)| x.from == y.from && x.to == y.to)
}

fn analyse_sharing(design: &ValueDesign, cfg: &Config, like: Option<&Analysis>) -> Analysis {
    let eco = design.ecosystem();
    let network = Network::new(design);
    let years = cfg.years.unwrap_or(eco.horizon_years) as usize;
    let timeline = timeline::timeline(&network, years);
    let ledgers = ledger::ledgers(&network, &timeline, eco.discount_rate);
    let group_ledgers = ledger::group_ledgers(&network, &ledgers, eco.discount_rate);
    let cohorts = cohorts::cohorts(&network, &timeline);
    let unit_economics = unit_economics::unit_economics(
        &network,
        &timeline,
        &cohorts.roots,
        &ledgers,
        eco.discount_rate,
    );
    let revenue_models = revenue::revenue_models(&network);
    let sells = revenue::sellers(&network, &revenue_models);
    let verdicts = verdict::verdicts(&network, &ledgers);
    let (diffusion, betweenness) = if cfg.skip_centrality {
        let zeros = IdxVec::filled(network.node_count(), 0.0);
        (
            Diffusion {
                reach: zeros.clone(),
                iterations: 0,
                converged: true,
            },
            Betweenness {
                raw: zeros.clone(),
                normalised: zeros,
                method: Method::NotComputed,
            },
        )
    } else {
        let pull = diffusion::pull_graph(&network, &timeline);
        let diffusion = diffusion::diffuse(&pull, &cfg.diffusion);
        drop(pull);
        let betweenness = match like {
            // Shortest paths depend only on who exchanges with whom.
            Some(base) if same_structure(&network, &base.network) => base.betweenness.clone(),
            _ => keystones::betweenness(&keystones::successors(&network), &cfg.keystones),
        };
        (diffusion, betweenness)
    };
    let removal = keystones::removal_impact(&network, &timeline);
    let keystone = keystone(&network, &removal, &sells);
    let extracts = extracts::extracts(design, &network, &timeline);
    let drivers = drivers::coverage(&network);
    // The exchanges between actors, lifted once for the figures of the whole.
    let between = lifted::lifted(&network, &timeline);
    let loops = loops::of_lifted(network.node_count(), &between, loops::BUDGET);
    let indicators = indicators::of_lifted(&network, &between, &ledgers);
    let sharing = sharing::sharing(&network, &ledgers, &verdicts, &sells);
    let typing = ecosystem_type::typing(eco, &network, &between, &sells);
    Analysis {
        network,
        timeline,
        ledgers,
        group_ledgers,
        cohorts,
        unit_economics,
        revenue_models,
        sells,
        verdicts,
        diffusion,
        betweenness,
        removal,
        keystone,
        extracts,
        drivers,
        loops,
        indicators,
        sharing,
        typing,
    }
}

/// The supplier others depend on most: the actor that sells with the highest
/// removal impact (customers are ranked apart); the first in file order on ties.
fn keystone(net: &Network, removal: &Removal, sells: &IdxVec<NodeIdx, bool>) -> Option<NodeIdx> {
    let mut best: Option<(NodeIdx, f64)> = None;
    for (a, &impact) in removal.impact.iter_enumerated() {
        if net.kinds[a].is_actor()
            && sells[a]
            && impact > 0.0
            && best.is_none_or(|(_, b)| impact > b)
        {
            best = Some((a, impact));
        }
    }
    best.map(|(a, _)| a)
}
