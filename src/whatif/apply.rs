//! Applying a what-if to a validated design: numbers set, actors and flows
//! taken out (with every exchange they take part in and every exchange that
//! `follows` a removed one), references to what is gone dropped, and the
//! result validated again. Linear in the size of the design.

use crate::index::{ExchangeIdx, NodeIdx};
use crate::model::Ecosystem;
use crate::validate::{Problem, ValueDesign};

use super::path::Target;

/// One number set to a value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// Which number.
    pub target: Target,
    /// Its new value.
    pub value: f64,
}

/// Everything a what-if changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// Numbers set, applied in order (a later one wins).
    pub sets: Vec<Change>,
    /// Nodes taken out, with every exchange they take part in.
    pub remove_nodes: Vec<NodeIdx>,
    /// Exchanges taken out.
    pub remove_exchanges: Vec<ExchangeIdx>,
    /// A new name for the design, so every output says it is a what-if.
    pub rename: Option<String>,
}

/// `design` with `changes` applied, validated again: a number out of its
/// range is a problem, as it would be in the file. The result has no
/// scenarios of its own.
pub fn apply(design: &ValueDesign, changes: &Changes) -> Result<ValueDesign, Vec<Problem>> {
    let mut eco = design.ecosystem().clone();
    for c in &changes.sets {
        set(&mut eco, c);
    }
    if !changes.remove_nodes.is_empty() || !changes.remove_exchanges.is_empty() {
        remove(design, &mut eco, changes);
    }
    eco.scenarios.clear();
    // A range on a number that was taken out goes with it.
    if !eco.uncertainty.is_empty() {
        let ranges = std::mem::take(&mut eco.uncertainty);
        eco.uncertainty = ranges
            .into_iter()
            .filter(|r| super::path::resolve(&eco, &r.path, 0).is_ok())
            .collect();
    }
    if let Some(name) = &changes.rename {
        eco.name = name.as_str().into();
    }
    ValueDesign::new(eco)
}

fn set(eco: &mut Ecosystem, c: &Change) {
    let v = c.value;
    match c.target {
        Target::ExchangeValue(e) => eco.exchanges[e.index()].value = v,
        Target::FollowRatio(e) => {
            if let Some(f) = eco.exchanges[e.index()].follows.as_mut() {
                f.ratio = v;
            }
        }
        Target::NodeCount(a) => eco.nodes[a.index()].count = v,
        Target::NodeGrowth(a) => eco.nodes[a.index()].growth = v,
        Target::NodeChurn(a) => eco.nodes[a.index()].churn = Some(v),
        Target::CostAmount(a, k) => eco.nodes[a.index()].costs[k].amount = v,
        Target::DiscountRate => eco.discount_rate = v,
        // Not a whole number of years: left as it is; `Target::value_problem`
        // says why wherever the value is read (a scenario, `--set`).
        Target::HorizonYears => {
            if v.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(&v) {
                eco.horizon_years = v as u32;
            }
        }
    }
}

/// Takes out the nodes and exchanges of `changes`, every exchange of a
/// removed node, and, transitively, every exchange that follows a removed one.
/// Ids are looked up in `design`'s own indexes (built once, shared).
fn remove(design: &ValueDesign, eco: &mut Ecosystem, changes: &Changes) {
    let (node_at, exchange_at) = (design.node_index(), design.exchange_index());
    let mut gone_node = vec![false; eco.nodes.len()];
    for &a in &changes.remove_nodes {
        gone_node[a.index()] = true;
    }
    let m = eco.exchanges.len();
    let mut gone = vec![false; m];
    for &e in &changes.remove_exchanges {
        gone[e.index()] = true;
    }
    let node_gone = |id: &str| node_at.get(id).is_some_and(|a| gone_node[a.index()]);
    for (i, x) in eco.exchanges.iter().enumerate() {
        if node_gone(&x.from) || node_gone(&x.to) {
            gone[i] = true;
        }
    }
    // Followers, then a worklist: each exchange is visited once.
    let mut followers: Vec<Vec<usize>> = vec![Vec::new(); m];
    for (i, x) in eco.exchanges.iter().enumerate() {
        if let Some(f) = x
            .follows
            .as_ref()
            .and_then(|f| exchange_at.get(f.exchange.as_str()))
        {
            followers[f.index()].push(i);
        }
    }
    let mut work: Vec<usize> = (0..m).filter(|&i| gone[i]).collect();
    while let Some(e) = work.pop() {
        for &f in &followers[e] {
            if !gone[f] {
                gone[f] = true;
                work.push(f);
            }
        }
    }
    let exchange_gone = |id: &str| exchange_at.get(id).is_some_and(|e| gone[e.index()]);
    let mut i = 0;
    eco.nodes.retain(|_| {
        i += 1;
        !gone_node[i - 1]
    });
    let mut i = 0;
    eco.exchanges.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
    for x in &mut eco.nodes {
        if x.parent.as_deref().is_some_and(node_gone) {
            x.parent = None;
        }
        if x.decides_for.as_deref().is_some_and(node_gone) {
            x.decides_for = None;
        }
        // A cost per occurrence of an exchange that no longer happens is no cost.
        x.costs
            .retain(|c| !c.per_exchange.as_deref().is_some_and(exchange_gone));
    }
    for x in &mut eco.exchanges {
        if x.reciprocates.as_deref().is_some_and(exchange_gone) {
            x.reciprocates = None;
        }
        if x.per.as_deref().is_some_and(node_gone) {
            x.per = None;
        }
    }
    for x in &mut eco.extracts {
        x.nodes.retain(|id| !node_gone(id));
        x.exchanges.retain(|id| !exchange_gone(id));
        if x.focus.as_deref().is_some_and(node_gone) {
            x.focus = None;
        }
    }
    // An extract with nothing left captures nothing: it goes too.
    eco.extracts
        .retain(|x| !(x.nodes.is_empty() && x.exchanges.is_empty() && x.focus.is_none()));
}
