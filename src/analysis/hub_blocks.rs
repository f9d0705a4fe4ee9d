//! The block partial sums of every hub's ledger (a node with more than
//! [`BLOCK`] exchanges into it or out of it), kept from the base analysis so
//! that a what-if changing a few of a hub's exchanges re-sums only their
//! blocks and the block sums: O(BLOCK + degree / BLOCK) instead of
//! O(degree) per hub, and the same bits as summing the whole row again
//! (the ledger is summed in these blocks, [`super::ledger::BLOCK`]).
//!
//! Without it, swinging each of a hub's exchanges in turn (`sensitivity`)
//! costs the square of the hub's degree: on the generated 1e6-node design,
//! 1.3e10 terms.

use rayon::prelude::*;

use super::ledger::{self, BlockSums, Reads, BLOCK, FIELDS, INCOMING_PARTS};
use crate::index::{ExchangeIdx, NodeIdx};
use crate::network::Network;

/// One hub's block sums in the base analysis.
#[derive(Debug, Clone)]
struct Hub {
    /// Per block of exchanges into it: `INCOMING_PARTS * years` sums.
    incoming: Vec<f64>,
    /// Per block of exchanges out of it: `years` sums.
    outgoing: Vec<f64>,
}

/// The base block sums of every hub.
#[derive(Debug, Clone)]
pub(crate) struct HubBlocks {
    years: usize,
    /// Per node: its position in `hubs`, if it is a hub.
    slot: Vec<Option<u32>>,
    hubs: Vec<Hub>,
}

fn is_hub(net: &Network, a: NodeIdx) -> bool {
    net.incoming.row(a).len() > BLOCK || net.outgoing.row(a).len() > BLOCK
}

impl HubBlocks {
    /// The block sums of every hub of `net`, read through `reads` (the base
    /// design). In parallel over the hubs, stored in file order.
    pub(crate) fn of(net: &Network, years: usize, reads: &(impl Reads + Sync)) -> Self {
        let hubs: Vec<NodeIdx> = net.nodes().filter(|&a| is_hub(net, a)).collect();
        let mut slot = vec![None; net.node_count()];
        for (k, a) in hubs.iter().enumerate() {
            slot[a.index()] = Some(k as u32);
        }
        let hubs = hubs
            .par_iter()
            .map(|&a| {
                let inc = net.incoming.row(a);
                let mut incoming = vec![0.0; ledger::blocks_of(inc.len()) * INCOMING_PARTS * years];
                for (block, parts) in inc
                    .chunks(BLOCK)
                    .zip(incoming.chunks_mut(INCOMING_PARTS * years))
                {
                    ledger::incoming_block(net, block, parts, reads);
                }
                let out = net.outgoing.row(a);
                let mut outgoing = vec![0.0; ledger::blocks_of(out.len()) * years];
                for (block, part) in out.chunks(BLOCK).zip(outgoing.chunks_mut(years.max(1))) {
                    ledger::outgoing_block(net, block, part, reads);
                }
                Hub { incoming, outgoing }
            })
            .collect();
        HubBlocks { years, slot, hubs }
    }

    /// The block sums of every hub of an analysed design, as analysed.
    pub(crate) fn of_analysis(net: &Network, tl: &super::Timeline) -> Self {
        Self::of(net, tl.years, &ledger::Base { net, tl })
    }

    /// Node `a`'s ledger row, NPV and breakeven read through `reads`, when
    /// only the exchanges `changed` (those of `a`'s exchanges whose value,
    /// occurrences or presence `reads` changes; any order) differ from the
    /// base: the changed blocks summed again, the others taken as they
    /// were. `None` if `a` is not a hub (sum its row in full).
    pub(crate) fn ledger_around(
        &self,
        net: &Network,
        a: NodeIdx,
        discount_rate: f64,
        reads: &impl Reads,
        changed: &[ExchangeIdx],
    ) -> Option<(Vec<f64>, f64, Option<u32>)> {
        let hub = &self.hubs[self.slot[a.index()]? as usize];
        let years = self.years;
        if years == 0 {
            return Some((Vec::new(), 0.0, None));
        }
        let block_of = |row: &[ExchangeIdx], e: ExchangeIdx| {
            // Rows are in exchange order.
            row.binary_search(&e).ok().map(|k| k / BLOCK)
        };
        let mut dirty_in: Vec<usize> = Vec::new();
        let mut dirty_out: Vec<usize> = Vec::new();
        for &e in changed {
            let edge = &net.edges[e];
            if edge.to == a {
                dirty_in.extend(block_of(net.incoming.row(a), e));
            }
            if edge.from == a {
                dirty_out.extend(block_of(net.outgoing.row(a), e));
            }
        }
        dirty_in.sort_unstable();
        dirty_in.dedup();
        dirty_out.sort_unstable();
        dirty_out.dedup();
        let mut sums = Around {
            net,
            a,
            reads,
            hub,
            years,
            dirty_in,
            dirty_out,
        };
        let mut row = vec![0.0; FIELDS * years];
        ledger::assemble(net, years, a, &mut row, reads, &mut sums);
        let (npv, breakeven) = ledger::summarise(&row, years, discount_rate);
        Some((row, npv, breakeven))
    }
}

/// A hub's block sums: the dirty blocks afresh, the others from the base.
struct Around<'a, R> {
    net: &'a Network,
    a: NodeIdx,
    reads: &'a R,
    hub: &'a Hub,
    years: usize,
    dirty_in: Vec<usize>,
    dirty_out: Vec<usize>,
}

impl<R: Reads> BlockSums for Around<'_, R> {
    fn incoming(&mut self, b: usize, parts: &mut [f64]) {
        if self.dirty_in.binary_search(&b).is_ok() {
            let block = ledger::block(self.net.incoming.row(self.a), b);
            ledger::incoming_block(self.net, block, parts, self.reads);
        } else {
            let w = INCOMING_PARTS * self.years;
            parts.copy_from_slice(&self.hub.incoming[b * w..(b + 1) * w]);
        }
    }
    fn outgoing(&mut self, b: usize, part: &mut [f64]) {
        if self.dirty_out.binary_search(&b).is_ok() {
            let block = ledger::block(self.net.outgoing.row(self.a), b);
            ledger::outgoing_block(self.net, block, part, self.reads);
        } else {
            let w = self.years;
            part.copy_from_slice(&self.hub.outgoing[b * w..(b + 1) * w]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ledger::Base;
    use crate::diagnostic::SourceFile;
    use crate::generate::{generate_string, GenerateConfig};
    use crate::index::CostIdx;
    use rustc_hash::FxHashSet;

    /// The base design with some exchanges' values scaled and some gone.
    struct Moved<'a> {
        base: Base<'a>,
        scaled: FxHashSet<ExchangeIdx>,
        gone: FxHashSet<ExchangeIdx>,
    }

    impl Reads for Moved<'_> {
        fn gone(&self, e: ExchangeIdx) -> bool {
            self.gone.contains(&e)
        }
        fn occurrences(&self, e: ExchangeIdx) -> &[f64] {
            self.base.occurrences(e)
        }
        fn value(&self, e: ExchangeIdx) -> f64 {
            let v = self.base.value(e);
            if self.scaled.contains(&e) {
                v * 1.37
            } else {
                v
            }
        }
        fn cost_amount(&self, c: CostIdx) -> f64 {
            self.base.cost_amount(c)
        }
    }

    fn bits(row: &[f64]) -> Vec<u64> {
        row.iter().map(|x| x.to_bits()).collect()
    }

    /// On a generated design with hubs of hundreds of exchanges, a hub's
    /// ledger re-summed around one changed exchange (a value scaled, or the
    /// exchange gone), or around a few, is the same bits as its whole row
    /// summed again; and a node that is no hub is left to the full sum.
    #[test]
    fn re_summing_around_changed_exchanges_is_a_full_re_sum() {
        let text = generate_string(&GenerateConfig::new(3000, 7));
        let design = crate::load_source(&SourceFile {
            name: "gen.ron".into(),
            text,
        })
        .expect("loads");
        let net = Network::new(&design);
        let tl = crate::analysis::timeline::timeline(&net, 3);
        let base = Base { net: &net, tl: &tl };
        let blocks = HubBlocks::of(&net, tl.years, &base);
        let hubs: Vec<NodeIdx> = net.nodes().filter(|&a| is_hub(&net, a)).collect();
        assert!(hubs.len() >= 3, "{} hubs", hubs.len());
        let most = net
            .nodes()
            .map(|a| net.incoming.row(a).len())
            .max()
            .unwrap_or(0);
        assert!(most > 4 * BLOCK, "the largest hub has {most} exchanges in");
        let mut checked = 0;
        for &a in &hubs {
            let row: Vec<ExchangeIdx> = net
                .incoming
                .row(a)
                .iter()
                .chain(net.outgoing.row(a))
                .copied()
                .collect();
            for (k, &e) in row.iter().enumerate().step_by(7) {
                let few = [e, row[(k * 31 + 3) % row.len()]];
                for (scaled, gone, changed) in [
                    (vec![e], vec![], &few[..1]),
                    (vec![], vec![e], &few[..1]),
                    (vec![few[1]], vec![e], &few[..]),
                ] {
                    let reads = Moved {
                        base: Base { net: &net, tl: &tl },
                        scaled: scaled.into_iter().collect(),
                        gone: gone.into_iter().collect(),
                    };
                    let full = ledger::ledger_with(&net, tl.years, a, 0.08, &reads);
                    let around = blocks
                        .ledger_around(&net, a, 0.08, &reads, changed)
                        .expect("a hub");
                    assert_eq!(bits(&around.0), bits(&full.0), "hub {a:?}, exchange {e:?}");
                    assert_eq!(around.1.to_bits(), full.1.to_bits());
                    assert_eq!(around.2, full.2);
                    checked += 1;
                }
            }
        }
        assert!(checked > 300, "{checked}");
        let leaf = net.nodes().find(|&a| !is_hub(&net, a)).expect("a leaf");
        assert!(blocks.ledger_around(&net, leaf, 0.08, &base, &[]).is_none());
    }
}
