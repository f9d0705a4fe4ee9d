//! From a parsed [`Ecosystem`] to a [`ValueDesign`] whose invariants hold,
//! collecting EVERY problem in one pass (contract section 5).
//!
//! Problems are addressed by [`Path`] (`exchanges[4].per`); the loader turns
//! paths into lines and columns. Invariants of a [`ValueDesign`]: ids are
//! unique per kind and non-empty, every reference resolves, every number is
//! finite and in range, `follows` and `parent` links are acyclic, no exchange
//! has both `per` and `follows`, every cost has exactly one of `cadence` and
//! `per_exchange`.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use indexmap::IndexMap;

use rustc_hash::FxBuildHasher;

use crate::index::{DriverIdx, ExchangeIdx, Idx, NodeIdx};
use crate::model::{Cadence, Ecosystem};
pub use crate::resolved::{Resolved, ResolvedExtract};
use crate::suggest::did_you_mean;
use crate::syntax::Path;

/// The longest timeline accepted, in years.
pub const MAX_HORIZON_YEARS: u32 = 200;

/// A problem in a value design, addressed by path.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Stable code.
    pub code: &'static str,
    /// Where.
    pub path: Path,
    /// What is wrong.
    pub message: String,
    /// Short text under the caret.
    pub label: String,
    /// What to do.
    pub help: Option<String>,
    /// A second place that explains the first.
    pub related: Option<(Path, String)>,
}

/// Ids of entries the parser could not read: references to them are not
/// reported again as unknown.
#[derive(Debug, Clone, Default)]
pub struct Unreadable {
    /// Per list name (`nodes`, `exchanges`, `drivers`, `extracts`), the ids.
    pub ids: HashMap<&'static str, HashSet<String>>,
    /// Lists that could not be read at all (a misspelt `node:` for `nodes:`):
    /// no reference into them is reported.
    pub lists: HashSet<&'static str>,
}

/// Id -> dense index, in file order (an `IndexMap` with a fast hasher).
pub type IdIndex<I> = IndexMap<String, I, FxBuildHasher>;

/// A value design that passed validation: the input to every analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueDesign {
    ecosystem: Ecosystem,
    resolved: Resolved,
    node_index: OnceLock<IdIndex<NodeIdx>>,
    exchange_index: OnceLock<IdIndex<ExchangeIdx>>,
    driver_index: OnceLock<IdIndex<DriverIdx>>,
}

impl ValueDesign {
    /// Validates `ecosystem`; on failure, every problem found.
    pub fn new(ecosystem: Ecosystem) -> Result<Self, Vec<Problem>> {
        let (problems, resolved) = validate_and_resolve(&ecosystem, &Unreadable::default());
        if problems.is_empty() {
            Ok(Self::from_validated(ecosystem, resolved))
        } else {
            Err(problems)
        }
    }

    /// A design from an ecosystem that [`validate_and_resolve`] found no problem in.
    pub(crate) fn from_validated(ecosystem: Ecosystem, resolved: Resolved) -> Self {
        ValueDesign {
            ecosystem,
            resolved,
            node_index: OnceLock::new(),
            exchange_index: OnceLock::new(),
            driver_index: OnceLock::new(),
        }
    }

    /// Node id -> index (built on first use).
    pub fn node_index(&self) -> &IdIndex<NodeIdx> {
        self.node_index
            .get_or_init(|| id_index(self.ecosystem.nodes.iter().map(|n| &n.id)))
    }

    /// Exchange id -> index (built on first use).
    pub fn exchange_index(&self) -> &IdIndex<ExchangeIdx> {
        self.exchange_index
            .get_or_init(|| id_index(self.ecosystem.exchanges.iter().map(|e| &e.id)))
    }

    /// Driver id -> index (built on first use).
    pub fn driver_index(&self) -> &IdIndex<DriverIdx> {
        self.driver_index
            .get_or_init(|| id_index(self.ecosystem.drivers.iter().map(|d| &d.id)))
    }

    /// Every reference of the ecosystem as an index.
    pub fn resolved(&self) -> &Resolved {
        &self.resolved
    }

    /// The validated ecosystem.
    pub fn ecosystem(&self) -> &Ecosystem {
        &self.ecosystem
    }

    /// Gives back the ecosystem.
    pub fn into_ecosystem(self) -> Ecosystem {
        self.ecosystem
    }
}

fn id_index<'a, I: Idx>(ids: impl ExactSizeIterator<Item = &'a crate::model::Text>) -> IdIndex<I> {
    let mut map = IdIndex::with_capacity_and_hasher(ids.len(), FxBuildHasher);
    for (i, id) in ids.enumerate() {
        map.insert(id.to_string(), I::new(i));
    }
    map
}

/// Every problem of `eco`, in file order of the kinds checked.
pub fn validate(eco: &Ecosystem, unreadable: &Unreadable) -> Vec<Problem> {
    validate_and_resolve(eco, unreadable).0
}

/// Every problem of `eco`, and every reference resolved to an index (meaningful
/// only when there is no problem). Resolving while validating means no id is
/// looked up twice.
pub fn validate_and_resolve(eco: &Ecosystem, unreadable: &Unreadable) -> (Vec<Problem>, Resolved) {
    let mut v = Validator {
        eco,
        unreadable,
        problems: Vec::new(),
        resolved: Resolved::with_capacity(eco),
    };
    v.run();
    (v.problems, v.resolved)
}

struct Validator<'e> {
    eco: &'e Ecosystem,
    unreadable: &'e Unreadable,
    problems: Vec<Problem>,
    resolved: Resolved,
}

/// An index from id to position for one kind of entry.
struct Ids<'e> {
    list: &'static str,
    noun: &'static str,
    map: HashMap<&'e str, usize, FxBuildHasher>,
}

impl<'e> Validator<'e> {
    fn push(
        &mut self,
        code: &'static str,
        path: Path,
        message: String,
        label: &str,
        help: Option<String>,
    ) {
        self.problems.push(Problem {
            code,
            path,
            message,
            label: label.to_owned(),
            help,
            related: None,
        });
    }

    fn run(&mut self) {
        let eco = self.eco;
        let root = Path::root();
        if eco.horizon_years == 0 || eco.horizon_years > MAX_HORIZON_YEARS {
            self.push(
                "invalid-value",
                root.field("horizon_years"),
                format!(
                    "horizon_years is {}; it must be between 1 and {MAX_HORIZON_YEARS}",
                    eco.horizon_years
                ),
                "out of range",
                Some("the timeline is counted in whole years, such as 3 or 5".to_owned()),
            );
        }
        self.finite(
            || Path::root().field("discount_rate"),
            eco.discount_rate,
            "discount_rate",
        );
        if eco.discount_rate <= -1.0 {
            self.push(
                "invalid-value",
                root.field("discount_rate"),
                format!(
                    "discount_rate is {}; it must be above -1",
                    eco.discount_rate
                ),
                "out of range",
                Some("write a yearly rate as a fraction: 0.08 for 8%".to_owned()),
            );
        } else if eco.discount_rate > 1.0 {
            // A rate above 100% a year is a percentage written as a whole
            // number (8 for 8%): every NPV, and so every profit verdict, would
            // be meaningless, so it is an error rather than a finding.
            self.push(
                "invalid-value",
                root.field("discount_rate"),
                format!(
                    "discount_rate is {} ({}% a year); rates are fractions of 1",
                    eco.discount_rate,
                    eco.discount_rate * 100.0
                ),
                "above 1 (100%)",
                Some(format!(
                    "write a yearly rate as a fraction: {} for {}%",
                    eco.discount_rate / 100.0,
                    eco.discount_rate
                )),
            );
        }

        let drivers = self.ids(
            "drivers",
            "driver",
            eco.drivers.iter().map(|d| d.id.as_str()),
        );
        let nodes = self.ids("nodes", "node", eco.nodes.iter().map(|n| n.id.as_str()));
        let exchanges = self.ids(
            "exchanges",
            "exchange",
            eco.exchanges.iter().map(|e| e.id.as_str()),
        );
        self.ids(
            "extracts",
            "extract",
            eco.extracts.iter().map(|x| x.id.as_str()),
        );

        for (i, n) in eco.nodes.iter().enumerate() {
            let p = || Path::root().field("nodes").index(i);
            self.finite(|| p().field("count"), n.count, "count");
            self.finite(|| p().field("growth"), n.growth, "growth");
            if n.count < 0.0 {
                self.push(
                    "negative-count",
                    p().field("count"),
                    format!("node `{}` has a negative count ({})", n.id, n.count),
                    "negative",
                    Some(
                        "a count is how many members a segment or group has: 0 or more".to_owned(),
                    ),
                );
            }
            if n.growth <= -1.0 {
                self.push(
                    "invalid-value",
                    p().field("growth"),
                    format!("node `{}` has growth {}; it must be above -1 (a loss of 100% or more a year)", n.id, n.growth),
                    "out of range",
                    Some("write yearly growth as a fraction: 0.2 for +20%, -0.1 for 10% churn".to_owned()),
                );
            }
            if n.goal.is_some() && !n.kind.takes_goal() {
                self.push(
                    "invalid-value",
                    p().field("goal"),
                    format!(
                        "node `{}` is a {:?}, which has no goal of its own",
                        n.id, n.kind
                    ),
                    "not for this kind",
                    Some("devices, activities and processes count for the actor they belong to (their `parent`); set `goal` on that actor, or remove it here".to_owned()),
                );
            }
            let parent = n
                .parent
                .as_ref()
                .and_then(|x| self.reference(&nodes, || p().field("parent"), x));
            self.resolved.parent.push(parent);
            let decides_for = n
                .decides_for
                .as_ref()
                .and_then(|x| self.reference(&nodes, || p().field("decides_for"), x));
            self.resolved.decides_for.push(decides_for);
            for (k, d) in n.drivers.iter().enumerate() {
                if let Some(d) = self.reference(&drivers, || p().field("drivers").index(k), d) {
                    self.resolved.node_drivers.items.push(d);
                }
            }
            self.resolved
                .node_drivers
                .offsets
                .push(self.resolved.node_drivers.items.len() as u32);
            for (k, c) in n.costs.iter().enumerate() {
                let cp = || p().field("costs").index(k);
                self.finite(|| cp().field("amount"), c.amount, "amount");
                if c.amount < 0.0 {
                    self.push(
                        "invalid-value",
                        cp().field("amount"),
                        format!(
                            "the cost `{}` of node `{}` is negative ({})",
                            c.label, n.id, c.amount
                        ),
                        "negative",
                        Some(
                            "costs are amounts paid: 0 or more; model income as a Money exchange"
                                .to_owned(),
                        ),
                    );
                }
                match (&c.cadence, &c.per_exchange) {
                    (Some(_), Some(_)) => self.push(
                        "cost-cadence",
                        cp(),
                        format!("the cost `{}` of node `{}` has both `cadence` and `per_exchange`", c.label, n.id),
                        "both given",
                        Some("a cost is either fixed (`cadence`) or paid per occurrence of an exchange (`per_exchange`); keep one".to_owned()),
                    ),
                    (None, None) => self.push(
                        "cost-cadence",
                        cp(),
                        format!("the cost `{}` of node `{}` says neither how often it is paid nor what it is paid per", c.label, n.id),
                        "no cadence",
                        Some("add `cadence: Yearly` (or Once, Monthly, Times(4.0)) or `per_exchange: Some(\"exchange-id\")`".to_owned()),
                    ),
                    _ => {}
                }
                if let Some(c) = &c.cadence {
                    self.cadence(|| cp().field("cadence"), *c);
                }
                let per_exchange = c
                    .per_exchange
                    .as_ref()
                    .and_then(|x| self.reference(&exchanges, || cp().field("per_exchange"), x));
                self.resolved.cost_exchange.push(per_exchange);
            }
        }

        for (i, e) in eco.exchanges.iter().enumerate() {
            let p = || Path::root().field("exchanges").index(i);
            let from = self.reference(&nodes, || p().field("from"), &e.from);
            let to = self.reference(&nodes, || p().field("to"), &e.to);
            self.resolved.from.push(from.unwrap_or_default());
            self.resolved.to.push(to.unwrap_or_default());
            if e.from == e.to && !e.from.is_empty() {
                self.push(
                    "self-exchange",
                    p().field("to"),
                    format!("exchange `{}` goes from `{}` to itself", e.id, e.from),
                    "same as `from`",
                    Some("an exchange is between two nodes; for a flow inside a group, name two of its member nodes".to_owned()),
                );
            }
            self.finite(|| p().field("value"), e.value, "value");
            if e.value < 0.0 {
                self.push(
                    "invalid-value",
                    p().field("value"),
                    format!("exchange `{}` has a negative value ({})", e.id, e.value),
                    "negative",
                    Some(
                        "values are 0 or more; to send money the other way, swap `from` and `to`"
                            .to_owned(),
                    ),
                );
            }
            self.cadence(|| p().field("cadence"), e.cadence);
            let per = e
                .per
                .as_ref()
                .and_then(|x| self.reference(&nodes, || p().field("per"), x));
            self.resolved.per.push(per);
            if let Some(f) = &e.follows {
                let fp = || p().field("follows");
                let followed = self.reference(&exchanges, || fp().field("exchange"), &f.exchange);
                self.resolved.follows.push(followed);
                self.finite(|| fp().field("ratio"), f.ratio, "ratio");
                if f.ratio < 0.0 {
                    self.push(
                        "invalid-value",
                        fp().field("ratio"),
                        format!("exchange `{}` follows `{}` with a negative ratio ({})", e.id, f.exchange, f.ratio),
                        "negative",
                        Some("the ratio is occurrences of this exchange per occurrence of the followed one: 0 or more".to_owned()),
                    );
                }
                if e.per.is_some() {
                    self.push(
                        "per-and-follows",
                        p().field("per"),
                        format!("exchange `{}` has both `per` and `follows`", e.id),
                        "remove one",
                        Some("`follows` already counts occurrences from the followed exchange; keep `per` or `follows`, not both".to_owned()),
                    );
                }
            }
            if e.follows.is_none() {
                self.resolved.follows.push(None);
            }
            let reciprocates = e
                .reciprocates
                .as_ref()
                .and_then(|x| self.reference(&exchanges, || p().field("reciprocates"), x));
            self.resolved.reciprocates.push(reciprocates);
            for (k, d) in e.drivers.iter().enumerate() {
                if let Some(d) = self.reference(&drivers, || p().field("drivers").index(k), d) {
                    self.resolved.exchange_drivers.items.push(d);
                }
            }
            self.resolved
                .exchange_drivers
                .offsets
                .push(self.resolved.exchange_drivers.items.len() as u32);
        }

        for (i, x) in eco.extracts.iter().enumerate() {
            let p = || Path::root().field("extracts").index(i);
            let mut named_nodes = Vec::new();
            for (k, n) in x.nodes.iter().enumerate() {
                named_nodes.extend(self.reference::<NodeIdx>(
                    &nodes,
                    || p().field("nodes").index(k),
                    n,
                ));
            }
            let mut named_exchanges = Vec::new();
            for (k, e) in x.exchanges.iter().enumerate() {
                named_exchanges.extend(self.reference::<ExchangeIdx>(
                    &exchanges,
                    || p().field("exchanges").index(k),
                    e,
                ));
            }
            let focus = x
                .focus
                .as_ref()
                .and_then(|f| self.reference(&nodes, || p().field("focus"), f));
            self.resolved.extracts.push(ResolvedExtract {
                nodes: named_nodes,
                exchanges: named_exchanges,
                focus,
            });
            if x.nodes.is_empty() && x.exchanges.is_empty() && x.focus.is_none() {
                self.push(
                    "empty-extract",
                    p().field("id"),
                    format!("extract `{}` names no nodes, no exchanges and no focus", x.id),
                    "empty",
                    Some("name the nodes or exchanges that capture the value, or `focus: Some(\"node-id\")` with a radius".to_owned()),
                );
            }
        }

        for code in eco.findings.keys() {
            if crate::catalogue::check_named(code).is_none() {
                let codes: Vec<&str> = crate::catalogue::CATALOGUE.iter().map(|c| c.name).collect();
                let help = match did_you_mean(code, codes.iter().copied()) {
                    Some(best) => {
                        format!("did you mean `{best}`? The codes are listed in docs/findings.md")
                    }
                    None => "the codes are listed in docs/findings.md".to_owned(),
                };
                self.push(
                    "unknown-finding",
                    Path::root().field("findings").field(code),
                    format!("unknown finding code `{code}`"),
                    "no such finding",
                    Some(help),
                );
            }
        }

        self.cycles(
            "follows-cycle",
            "exchanges",
            "follows",
            &eco.exchanges
                .iter()
                .map(|e| {
                    e.follows
                        .as_ref()
                        .and_then(|f| exchanges.map.get(f.exchange.as_str()).copied())
                })
                .collect::<Vec<_>>(),
            &eco.exchanges
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
        );
        self.cycles(
            "parent-cycle",
            "nodes",
            "parent",
            &eco.nodes
                .iter()
                .map(|n| {
                    n.parent
                        .as_ref()
                        .and_then(|p| nodes.map.get(p.as_str()).copied())
                })
                .collect::<Vec<_>>(),
            &eco.nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
        );
    }

    /// Indexes one kind of id, reporting empty and duplicate ids.
    fn ids(
        &mut self,
        list: &'static str,
        noun: &'static str,
        ids: impl Iterator<Item = &'e str>,
    ) -> Ids<'e> {
        let ids = ids.into_iter();
        let mut map: HashMap<&'e str, usize, FxBuildHasher> =
            HashMap::with_capacity_and_hasher(ids.size_hint().0, FxBuildHasher);
        for (i, id) in ids.enumerate() {
            let p = || Path::root().field(list).index(i).field("id");
            if id.chars().all(char::is_whitespace) {
                self.push(
                    "empty-id",
                    p(),
                    format!("a {noun} has an empty id"),
                    "empty",
                    Some("give it a short unique id such as \"vendor\"".to_owned()),
                );
                continue;
            }
            if let Some(&first) = map.get(id) {
                self.problems.push(Problem {
                    code: "duplicate-id",
                    path: p(),
                    message: format!("duplicate {noun} id `{id}`"),
                    label: "used again here".to_owned(),
                    help: Some(format!("{noun} ids must be unique; rename one of them")),
                    related: Some((
                        Path::root().field(list).index(first).field("id"),
                        "first used here".to_owned(),
                    )),
                });
            } else {
                map.insert(id, i);
            }
        }
        Ids { list, noun, map }
    }

    /// Checks that `id` names an existing entry of `ids`.
    fn reference<I: Idx>(
        &mut self,
        ids: &Ids<'_>,
        path: impl FnOnce() -> Path,
        id: &str,
    ) -> Option<I> {
        if let Some(&i) = ids.map.get(id) {
            return Some(I::new(i));
        }
        if self.unreadable.lists.contains(ids.list)
            || self
                .unreadable
                .ids
                .get(ids.list)
                .is_some_and(|s| s.contains(id))
        {
            return None; // its own entry was reported as unreadable
        }
        let code = if ids.list == "drivers" {
            "unknown-driver"
        } else {
            "unknown-id"
        };
        // Sorted, so that ties between equally close ids are broken the same way every run.
        let mut candidates: Vec<&str> = ids.map.keys().copied().collect();
        candidates.sort_unstable();
        let help = match did_you_mean(id, candidates.iter().copied()) {
            Some(best) => Some(format!("did you mean `{best}`?")),
            None if ids.map.is_empty() => Some(format!(
                "there are no {}s in this file; add one to `{}`",
                ids.noun, ids.list
            )),
            None => Some(format!(
                "add {} {} with this id to `{}`, or use an existing one",
                if ids.noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                },
                ids.noun,
                ids.list
            )),
        };
        self.push(
            code,
            path(),
            format!("unknown {} `{id}`", ids.noun),
            &format!("no {} has this id", ids.noun),
            help,
        );
        None
    }

    fn finite(&mut self, path: impl FnOnce() -> Path, x: f64, field: &str) {
        if !x.is_finite() {
            self.push(
                "non-finite",
                path(),
                format!("`{field}` is {x}, not a finite number"),
                "not finite",
                Some("write an ordinary number such as 0.0 or 1500.0".to_owned()),
            );
        }
    }

    fn cadence(&mut self, path: impl FnOnce() -> Path, c: Cadence) {
        if let Cadence::Times(k) = c {
            let p = path().index(0);
            self.finite(|| p.clone(), k, "Times");
            if k < 0.0 {
                self.push(
                    "invalid-value",
                    p,
                    format!("`Times({k})` is negative"),
                    "negative",
                    Some("Times(k) is how many times a year: 0 or more".to_owned()),
                );
            }
        }
    }

    /// Reports each cycle of a functional graph (`next[i]` = the one `i` points to) once.
    fn cycles(
        &mut self,
        code: &'static str,
        list: &'static str,
        field: &'static str,
        next: &[Option<usize>],
        ids: &[&str],
    ) {
        for cycle in find_cycles(next) {
            let first = cycle[0];
            let mut names: Vec<&str> = cycle.iter().map(|&i| ids[i]).collect();
            names.push(ids[first]);
            let chain = names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" -> ");
            let (noun, what) = if list == "nodes" {
                ("a node", "its own ancestor")
            } else {
                ("an exchange", "its own dependency")
            };
            let mut path = Path::root().field(list).index(first).field(field);
            if field == "follows" {
                path = path.field("exchange");
            }
            self.push(
                code,
                path,
                format!("`{field}` links form a cycle: {chain}"),
                "the cycle starts here",
                Some(format!(
                    "{noun} cannot be {what}; remove `{field}` from one of them"
                )),
            );
        }
    }
}

/// The cycles of a functional graph, each listed once from its smallest index,
/// in order of that index. O(n).
pub fn find_cycles(next: &[Option<usize>]) -> Vec<Vec<usize>> {
    // 0 = unvisited, 1 = on the current walk, 2 = done.
    let mut state = vec![0u8; next.len()];
    let mut cycles = Vec::new();
    for start in 0..next.len() {
        if state[start] != 0 {
            continue;
        }
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                0 => {
                    state[i] = 1;
                    walk.push(i);
                    at = next[i];
                }
                1 => {
                    let pos = walk.iter().position(|&w| w == i).unwrap_or(0);
                    let mut cycle = walk[pos..].to_vec();
                    let min_at = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, &v)| v)
                        .map_or(0, |(k, _)| k);
                    cycle.rotate_left(min_at);
                    cycles.push(cycle);
                    break;
                }
                _ => break,
            }
        }
        for w in walk {
            state[w] = 2;
        }
    }
    cycles.sort();
    cycles
}

#[cfg(test)]
mod tests {
    use super::find_cycles;

    #[test]
    fn finds_each_cycle_once() {
        // 0 -> 1 -> 2 -> 0 ; 3 -> 3 ; 4 -> 0 (a tail into the cycle) ; 5 alone
        let next = [Some(1), Some(2), Some(0), Some(3), Some(0), None];
        assert_eq!(find_cycles(&next), vec![vec![0, 1, 2], vec![3]]);
        assert!(find_cycles(&[None, Some(0)]).is_empty());
    }
}
