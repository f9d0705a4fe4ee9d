//! Contract 3.2: every node's ledger per year, its NPV and breakeven, and its
//! group ledger (own plus descendants). The verdict on these figures is
//! [`super::verdict`]'s.
//!
//! Each node pulls its own figures over its CSR rows (exchanges in file order),
//! so a node's sums have one fixed order whatever the thread count.

use rayon::prelude::*;

use super::timeline::Timeline;
use crate::index::{CostIdx, ExchangeIdx, Idx, IdxVec, NodeIdx};
use crate::model::{Cadence, Flow, Goal};
use crate::network::{CostBasis, Network};

/// The ledger fields, in the order they are stored per node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Money received.
    Revenue = 0,
    /// Money paid out through exchanges.
    Spend = 1,
    /// The node's own costs.
    Costs = 2,
    /// `revenue - spend - costs`.
    Cash = 3,
    /// Running sum of cash.
    CumulativeCash = 4,
    /// Worth of goods and services received.
    WorthTangible = 5,
    /// Worth of data, knowledge and benefits received (for a profit actor,
    /// its strategic value: reported, never added to its net value).
    WorthIntangible = 6,
    /// By the node's goal: a profit actor's cash (the worth of what it buys
    /// is an input to what it sells, not value gained); a worth actor's
    /// `cash + received worth`.
    NetValue = 7,
}

/// Number of ledger fields.
pub(crate) const FIELDS: usize = 8;

/// Ledger rows: `FIELDS` rows of `years` values per ledger. Own ledgers are
/// indexed by node; group ledgers by [`GroupRow`].
#[derive(Debug, Clone, PartialEq)]
pub struct Ledgers<R = NodeIdx> {
    /// Number of years.
    pub years: usize,
    /// Flat storage: ledger, then field, then year.
    pub rows: Vec<f64>,
    /// Per ledger: net present value of its cash.
    pub npv: IdxVec<R, f64>,
    /// Per ledger: first year (1-based) with cumulative cash >= 0.
    pub breakeven: IdxVec<R, Option<u32>>,
}

impl<R: Idx> Ledgers<R> {
    /// One field of ledger `n`, per year.
    #[inline]
    pub fn get(&self, n: R, field: Field) -> &[f64] {
        let at = (n.index() * FIELDS + field as usize) * self.years;
        &self.rows[at..at + self.years]
    }

    /// The sum over the years of one field of ledger `n`.
    pub fn total(&self, n: R, field: Field) -> f64 {
        self.get(n, field).iter().sum()
    }

    /// Whether ledger `n` neither earns nor spends anything (its breakeven
    /// then says nothing).
    pub fn no_money(&self, n: R) -> bool {
        [Field::Revenue, Field::Spend, Field::Costs]
            .iter()
            .all(|&f| self.total(n, f) == 0.0)
    }
}

crate::index::define_idx!(
    /// A group ledger: its position among the nodes that have children.
    GroupRow
);

/// Computes every node's own ledger. O((N + E + costs) * H), parallel over nodes.
pub fn ledgers(net: &Network, tl: &Timeline, discount_rate: f64) -> Ledgers {
    let years = tl.years;
    let n = net.node_count();
    let stride = FIELDS * years;
    let mut rows = vec![0.0; n * stride];
    let mut npv = vec![0.0; n];
    let mut breakeven = vec![None; n];
    if years > 0 {
        rows.par_chunks_mut(stride)
            .zip(npv.par_iter_mut())
            .zip(breakeven.par_iter_mut())
            .enumerate()
            .for_each(|(a, ((row, npv), breakeven))| {
                own_ledger(net, years, NodeIdx::new(a), row, &Base { net, tl });
                (*npv, *breakeven) = summarise(row, years, discount_rate);
            });
    }
    Ledgers {
        years,
        rows,
        npv: IdxVec::from_vec(npv),
        breakeven: IdxVec::from_vec(breakeven),
    }
}

/// NPV (`sum cash(y) / (1 + rate)^y`) and breakeven year of one node's ledger row.
pub(crate) fn summarise(row: &[f64], years: usize, discount_rate: f64) -> (f64, Option<u32>) {
    let cash = &row[Field::Cash as usize * years..(Field::Cash as usize + 1) * years];
    let cumulative =
        &row[Field::CumulativeCash as usize * years..(Field::CumulativeCash as usize + 1) * years];
    let npv = cash
        .iter()
        .enumerate()
        .map(|(y, c)| c / (1.0 + discount_rate).powi(y as i32 + 1))
        .sum();
    let breakeven = cumulative
        .iter()
        .position(|&c| c >= 0.0)
        .map(|y| y as u32 + 1);
    (npv, breakeven)
}

/// What a ledger reads of a design: which exchanges happen, how often, and
/// what each exchange and cost is worth. [`Base`] reads the analysed design;
/// a what-if reads it with some of these changed, without building a new
/// design (see `whatif::defect` and `whatif::sensitivity`).
pub(crate) trait Reads {
    /// Whether exchange `e` does not happen (nor the costs it drives).
    fn gone(&self, _e: ExchangeIdx) -> bool {
        false
    }
    /// Occurrences of exchange `e` per year.
    fn occurrences(&self, e: ExchangeIdx) -> &[f64];
    /// Value per occurrence of exchange `e`.
    fn value(&self, e: ExchangeIdx) -> f64;
    /// Amount per payment of cost `c`.
    fn cost_amount(&self, c: CostIdx) -> f64;
}

/// The design as analysed.
pub(crate) struct Base<'a> {
    /// Its network.
    pub net: &'a Network,
    /// Its timeline.
    pub tl: &'a Timeline,
}

impl Reads for Base<'_> {
    fn occurrences(&self, e: ExchangeIdx) -> &[f64] {
        self.tl.occurrences(e)
    }
    fn value(&self, e: ExchangeIdx) -> f64 {
        self.net.edges[e].value
    }
    fn cost_amount(&self, c: CostIdx) -> f64 {
        self.net.costs[c].amount
    }
}

/// Node `a`'s ledger row (`FIELDS` rows of `years`), its NPV and its
/// breakeven, reading the design through `reads`: term for term in the same
/// order as [`ledgers`], so with [`Base`] the figures are the same bits.
pub(crate) fn ledger_with(
    net: &Network,
    years: usize,
    a: NodeIdx,
    discount_rate: f64,
    reads: &impl Reads,
) -> (Vec<f64>, f64, Option<u32>) {
    let mut row = vec![0.0; FIELDS * years];
    if years == 0 {
        return (row, 0.0, None);
    }
    own_ledger(net, years, a, &mut row, reads);
    let (npv, breakeven) = summarise(&row, years, discount_rate);
    (row, npv, breakeven)
}

/// A ledger's exchange terms are summed in blocks of this many exchanges of
/// a row (into the node, out of it): each block from 0 in row order, then the
/// blocks' sums in order into the field. A row of at most `BLOCK` exchanges
/// is one block, the plain sum in row order; for a hub, a what-if that
/// changes one exchange re-sums that block and the block sums
/// ([`super::hub_blocks`]), not the whole row, and gets the same bits.
pub(crate) const BLOCK: usize = 64;

/// The fields an exchange into a node adds to: revenue, tangible, intangible
/// (their offsets in a block's partial sums, of `years` each).
pub(crate) const INCOMING_PARTS: usize = 3;

/// Where an incoming exchange of `flow` adds, among [`INCOMING_PARTS`].
fn incoming_part(flow: Flow) -> usize {
    match flow {
        Flow::Money => 0,
        Flow::Goods | Flow::Service => 1,
        Flow::Data | Flow::Knowledge | Flow::Benefit => 2,
    }
}

/// The partial sums of one block of exchanges into a node:
/// `parts` (`INCOMING_PARTS * years`) set to the block's revenue, tangible
/// and intangible per year, each summed from 0 in row order.
pub(crate) fn incoming_block(
    net: &Network,
    block: &[ExchangeIdx],
    parts: &mut [f64],
    reads: &impl Reads,
) {
    parts.fill(0.0);
    let years = parts.len() / INCOMING_PARTS;
    for &e in block {
        if reads.gone(e) {
            continue;
        }
        let value = reads.value(e);
        let k = incoming_part(net.edges[e].flow) * years;
        for (t, o) in parts[k..k + years].iter_mut().zip(reads.occurrences(e)) {
            *t += value * o;
        }
    }
}

/// The partial sums of one block of exchanges out of a node: `part`
/// (`years`) set to its money spent per year, summed from 0 in row order.
pub(crate) fn outgoing_block(
    net: &Network,
    block: &[ExchangeIdx],
    part: &mut [f64],
    reads: &impl Reads,
) {
    part.fill(0.0);
    for &e in block {
        if net.edges[e].flow == Flow::Money && !reads.gone(e) {
            let value = reads.value(e);
            for (t, o) in part.iter_mut().zip(reads.occurrences(e)) {
                *t += value * o;
            }
        }
    }
}

/// The block partial sums a ledger row is made from, given block by block:
/// the incoming blocks' (revenue, tangible, intangible) and the outgoing
/// blocks' spend.
pub(crate) trait BlockSums {
    /// Block `b` of the exchanges into the node, into `parts`.
    fn incoming(&mut self, b: usize, parts: &mut [f64]);
    /// Block `b` of the exchanges out of the node, into `part`.
    fn outgoing(&mut self, b: usize, part: &mut [f64]);
}

/// Every block summed afresh, reading the design through `reads`.
struct Fresh<'a, R> {
    net: &'a Network,
    a: NodeIdx,
    reads: &'a R,
}

impl<R: Reads> BlockSums for Fresh<'_, R> {
    fn incoming(&mut self, b: usize, parts: &mut [f64]) {
        incoming_block(
            self.net,
            block(self.net.incoming.row(self.a), b),
            parts,
            self.reads,
        );
    }
    fn outgoing(&mut self, b: usize, part: &mut [f64]) {
        outgoing_block(
            self.net,
            block(self.net.outgoing.row(self.a), b),
            part,
            self.reads,
        );
    }
}

/// Number of blocks of a row of `len` exchanges.
pub(crate) fn blocks_of(len: usize) -> usize {
    len.div_ceil(BLOCK)
}

/// Block `b` of a row of exchanges.
pub(crate) fn block(row: &[ExchangeIdx], b: usize) -> &[ExchangeIdx] {
    &row[b * BLOCK..row.len().min((b + 1) * BLOCK)]
}

fn own_ledger(net: &Network, years: usize, a: NodeIdx, row: &mut [f64], reads: &impl Reads) {
    assemble(net, years, a, row, reads, &mut Fresh { net, a, reads });
}

/// Node `a`'s ledger row from its block sums (`sums`) and its costs (read
/// through `reads`).
pub(crate) fn assemble(
    net: &Network,
    years: usize,
    a: NodeIdx,
    row: &mut [f64],
    reads: &impl Reads,
    sums: &mut impl BlockSums,
) {
    // A block's partial sums: on the stack for horizons up to 16 years.
    let mut stack = [0.0; INCOMING_PARTS * 16];
    let mut heap = Vec::new();
    let scratch: &mut [f64] = if years <= 16 {
        &mut stack[..INCOMING_PARTS * years]
    } else {
        heap.resize(INCOMING_PARTS * years, 0.0);
        &mut heap
    };
    let (revenue, rest) = row.split_at_mut(years);
    let (spend, rest) = rest.split_at_mut(years);
    let (costs, rest) = rest.split_at_mut(years);
    let (_cash_and_cumulative, rest) = rest.split_at_mut(2 * years);
    let (tangible, rest) = rest.split_at_mut(years);
    let (intangible, _net_value) = rest.split_at_mut(years);
    for b in 0..blocks_of(net.incoming.row(a).len()) {
        sums.incoming(b, scratch);
        for (k, target) in [&mut *revenue, &mut *tangible, &mut *intangible]
            .into_iter()
            .enumerate()
        {
            for (t, p) in target.iter_mut().zip(&scratch[k * years..(k + 1) * years]) {
                *t += p;
            }
        }
    }
    for b in 0..blocks_of(net.outgoing.row(a).len()) {
        sums.outgoing(b, &mut scratch[..years]);
        for (t, p) in spend.iter_mut().zip(&scratch[..years]) {
            *t += p;
        }
    }
    for &c in net.node_costs.row(a) {
        let cost = &net.costs[c];
        let amount = reads.cost_amount(c);
        match cost.basis {
            CostBasis::Fixed(cadence) => {
                for (y, t) in costs.iter_mut().enumerate() {
                    *t += amount
                        * match cadence {
                            Cadence::Once if y == 0 => 1.0,
                            Cadence::Once => 0.0,
                            other => other.per_year(),
                        };
                }
            }
            CostBasis::PerExchange(x) if reads.gone(x) => {}
            CostBasis::PerExchange(x) => {
                for (t, o) in costs.iter_mut().zip(reads.occurrences(x)) {
                    *t += amount * o;
                }
            }
        }
    }
    let (head, rest) = row.split_at_mut(3 * years);
    let (revenue, rest0) = head.split_at(years);
    let (spend, costs) = rest0.split_at(years);
    let (cash, rest) = rest.split_at_mut(years);
    let (cumulative, rest) = rest.split_at_mut(years);
    let (tangible, rest) = rest.split_at_mut(years);
    let (intangible, net_value) = rest.split_at_mut(years);
    let worth_counts = net.goals[a] == Goal::Worth;
    let mut running = 0.0;
    for y in 0..years {
        cash[y] = revenue[y] - spend[y] - costs[y];
        running += cash[y];
        cumulative[y] = running;
        net_value[y] = if worth_counts {
            cash[y] + tangible[y] + intangible[y]
        } else {
            cash[y]
        };
    }
}

/// Group ledgers of the nodes that have children: each one's own ledger plus
/// all its descendants' (through `parent`).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupLedgers {
    /// Per node: its group ledger, if it has children.
    pub slot: IdxVec<NodeIdx, Option<GroupRow>>,
    /// One ledger per node with children, in file order.
    pub ledgers: Ledgers<GroupRow>,
}

impl GroupLedgers {
    /// The group ledger of node `n`, if `n` has children.
    pub(crate) fn slot_of(&self, n: NodeIdx) -> Option<GroupRow> {
        self.slot[n]
    }

    /// One field of node `n`'s group ledger, if `n` has children.
    pub fn get(&self, n: NodeIdx, field: Field) -> Option<&[f64]> {
        self.slot_of(n).map(|s| self.ledgers.get(s, field))
    }
}

/// Computes the group ledgers. O(N * H), however deep the groups: nodes are
/// taken deepest first, and each node's total (its own rows, or its group
/// rows once its children are in) is added to its parent's group rows. A
/// group's sum is its own rows, then its children's totals in file order,
/// so every sum has a fixed order.
pub fn group_ledgers(net: &Network, own: &Ledgers, discount_rate: f64) -> GroupLedgers {
    let years = own.years;
    let stride = FIELDS * years;
    let mut groups = 0usize;
    let slot: IdxVec<NodeIdx, Option<GroupRow>> = net
        .nodes()
        .map(|a| {
            (!net.children.row(a).is_empty()).then(|| {
                groups += 1;
                GroupRow::new(groups - 1)
            })
        })
        .collect();
    let mut rows = vec![0.0; groups * stride];
    for a in net.nodes() {
        if let Some(s) = slot[a] {
            rows[s.index() * stride..(s.index() + 1) * stride]
                .copy_from_slice(&own.rows[a.index() * stride..(a.index() + 1) * stride]);
        }
    }
    // Deepest first; within a depth, file order (a counting sort: O(N)).
    let depths = net.depths();
    let max_depth = depths.iter().copied().max().unwrap_or(0) as usize;
    let mut at_depth: Vec<Vec<NodeIdx>> = vec![Vec::new(); max_depth + 1];
    for a in net.nodes() {
        at_depth[depths[a] as usize].push(a);
    }
    let mut total = vec![0.0; stride];
    for a in at_depth.iter().rev().flatten().copied() {
        let Some(p) = net.parent[a] else { continue };
        let Some(ps) = slot[p] else { continue };
        match slot[a] {
            Some(s) => total.copy_from_slice(&rows[s.index() * stride..(s.index() + 1) * stride]),
            None => total.copy_from_slice(&own.rows[a.index() * stride..(a.index() + 1) * stride]),
        }
        for (d, v) in rows[ps.index() * stride..(ps.index() + 1) * stride]
            .iter_mut()
            .zip(&total)
        {
            *d += v;
        }
    }
    // Cumulative cash of a group is the sum of its members' cumulative cash
    // (the running sum of the group's cash, up to rounding).
    let mut npv = vec![0.0; groups];
    let mut breakeven = vec![None; groups];
    for (g, (npv, breakeven)) in npv.iter_mut().zip(breakeven.iter_mut()).enumerate() {
        (*npv, *breakeven) = summarise(&rows[g * stride..(g + 1) * stride], years, discount_rate);
    }
    GroupLedgers {
        slot,
        ledgers: Ledgers {
            years,
            rows,
            npv: IdxVec::from_vec(npv),
            breakeven: IdxVec::from_vec(breakeven),
        },
    }
}
