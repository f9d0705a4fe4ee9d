//! The base analysis read as if a few things were different: some exchanges
//! gone (a defection), some occurrence rows worked out again (a count, a
//! growth, a ratio), some exchange values or cost amounts set (a swing, a
//! simulation run). Every fast what-if reads the design through this, and
//! re-sums only the ledgers it touches, term for term as a full analysis does.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::analysis::hub_blocks::HubBlocks;
use crate::analysis::{ledger, verdict, Analysis, Outcome, Timeline};
use crate::index::{CostIdx, ExchangeIdx, NodeIdx};
use crate::model::Goal;
use crate::network::Network;

/// The base design with some of what a ledger reads changed. A later
/// setting of one number wins, as with `--set`.
pub(crate) struct Changed<'a> {
    base: ledger::Base<'a>,
    /// Exchanges that do not happen (nor the costs they drive).
    pub gone: Option<&'a FxHashSet<ExchangeIdx>>,
    /// New occurrence rows.
    pub rows: FxHashMap<ExchangeIdx, Vec<f64>>,
    /// New values of exchanges.
    pub values: Vec<(ExchangeIdx, f64)>,
    /// New amounts of costs.
    pub costs: Vec<(CostIdx, f64)>,
    /// The base block sums of the hubs, to re-sum only the blocks of a
    /// hub's changed exchanges ([`Changed::totals_around`]).
    pub hubs: Option<&'a HubBlocks>,
}

impl<'a> Changed<'a> {
    /// The design as analysed, nothing changed yet.
    pub(crate) fn new(net: &'a Network, tl: &'a Timeline) -> Self {
        Changed {
            base: ledger::Base { net, tl },
            gone: None,
            rows: FxHashMap::default(),
            values: Vec::new(),
            costs: Vec::new(),
            hubs: None,
        }
    }

    /// Actor `a`'s totals over the horizon as read here, its NPV at `rate`.
    pub(crate) fn totals(&self, a: NodeIdx, rate: f64) -> verdict::Totals {
        let years = self.base.tl.years;
        let (row, npv, _) = ledger::ledger_with(self.base.net, years, a, rate, self);
        verdict::Totals::of_row(&row, years, npv)
    }

    /// As [`Changed::totals`] (the same bits), when of `a`'s exchanges only
    /// `changed` are read differently from the base (costs may differ too):
    /// for a hub, with [`Changed::hubs`] set, only their blocks are summed
    /// again.
    pub(crate) fn totals_around(
        &self,
        a: NodeIdx,
        rate: f64,
        changed: &[ExchangeIdx],
    ) -> verdict::Totals {
        let years = self.base.tl.years;
        match self
            .hubs
            .and_then(|h| h.ledger_around(self.base.net, a, rate, self, changed))
        {
            Some((row, npv, _)) => verdict::Totals::of_row(&row, years, npv),
            None => self.totals(a, rate),
        }
    }
}

/// The exchanges of `changed` by the actors at their ends: `(actor,
/// exchange)`, sorted, for [`touching`].
pub(crate) fn by_end(
    net: &Network,
    changed: impl Iterator<Item = ExchangeIdx>,
) -> Vec<(NodeIdx, ExchangeIdx)> {
    let mut pairs: Vec<(NodeIdx, ExchangeIdx)> = changed
        .flat_map(|e| [(net.edges[e].from, e), (net.edges[e].to, e)])
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The exchanges of `pairs` ([`by_end`]) at actor `a`.
pub(crate) fn touching(pairs: &[(NodeIdx, ExchangeIdx)], a: NodeIdx) -> Vec<ExchangeIdx> {
    let start = pairs.partition_point(|p| p.0 < a);
    pairs[start..]
        .iter()
        .take_while(|p| p.0 == a)
        .map(|p| p.1)
        .collect()
}

impl ledger::Reads for Changed<'_> {
    fn gone(&self, e: ExchangeIdx) -> bool {
        self.gone.is_some_and(|g| g.contains(&e))
    }
    fn occurrences(&self, e: ExchangeIdx) -> &[f64] {
        self.rows
            .get(&e)
            .map_or_else(|| self.base.occurrences(e), Vec::as_slice)
    }
    fn value(&self, e: ExchangeIdx) -> f64 {
        self.values
            .iter()
            .rev()
            .find(|x| x.0 == e)
            .map_or_else(|| self.base.value(e), |x| x.1)
    }
    fn cost_amount(&self, c: CostIdx) -> f64 {
        self.costs
            .iter()
            .rev()
            .find(|x| x.0 == c)
            .map_or_else(|| self.base.cost_amount(c), |x| x.1)
    }
}

/// The cost at position `k` of node `a`'s `costs` (what
/// `Target::CostAmount(a, k)` names).
pub(crate) fn cost_index(net: &Network, a: NodeIdx, k: usize) -> Option<CostIdx> {
    net.node_costs
        .row(a)
        .iter()
        .copied()
        .find(|&c| net.costs[c].position as usize == k)
}

/// An actor's score: NPV if it is in the ecosystem for profit, net value over
/// the horizon if for worth.
pub(crate) fn score(goal: Goal, t: &verdict::Totals) -> f64 {
    match goal {
        Goal::Profit => t.npv,
        Goal::Worth => t.net_value,
    }
}

/// Actor `a`'s score in an analysis.
pub(crate) fn analysis_score(an: &Analysis, a: NodeIdx) -> f64 {
    score(an.network.goals[a], &verdict::Totals::of(&an.ledgers, a))
}

/// Actor `a`'s score in an outcome.
pub(crate) fn outcome_score(an: &Outcome, a: NodeIdx) -> f64 {
    score(an.network.goals[a], &verdict::Totals::of(&an.ledgers, a))
}
