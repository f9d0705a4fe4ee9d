//! From a parsed [`Ecosystem`] to a [`ValueDesign`] whose invariants hold,
//! collecting EVERY problem in one pass (contract section 5).
//!
//! Problems are addressed by [`Path`] (`exchanges[4].per`); the loader turns
//! paths into lines and columns. Invariants of a [`ValueDesign`]: ids are
//! unique per kind and non-empty, every reference resolves, every number is
//! finite and in range, every figure it propagates to (members,
//! occurrences, money a year, costs, the discount factor) at most 1e15, `follows` and `parent` links are acyclic, no exchange
//! has both `per` and `follows`, every cost has exactly one of `cadence` and
//! `per_exchange`.

mod checks;
mod cycles;
mod magnitude;

use crate::code::DiagnosticCode;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use indexmap::IndexMap;

use rustc_hash::FxBuildHasher;

use crate::index::{ExchangeIdx, Idx, NodeIdx};
use crate::model::Ecosystem;
pub use crate::resolved::Resolved;
use crate::syntax::Path;

/// The longest timeline accepted, in years.
pub(crate) const MAX_HORIZON_YEARS: u32 = 200;

/// A problem in a value design, addressed by path.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Stable code.
    pub code: DiagnosticCode,
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
pub(crate) struct Unreadable {
    /// Per list name (`nodes`, `exchanges`, `drivers`, `extracts`), the ids.
    pub ids: HashMap<&'static str, HashSet<String>>,
    /// Lists that could not be read at all (a misspelt `node:` for `nodes:`):
    /// no reference into them is reported.
    pub lists: HashSet<&'static str>,
}

/// Id -> dense index, in file order (an `IndexMap` with a fast hasher).
pub(crate) type IdIndex<I> = IndexMap<String, I, FxBuildHasher>;

/// A value design that passed validation: the input to every analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueDesign {
    ecosystem: Ecosystem,
    resolved: Resolved,
    node_index: OnceLock<IdIndex<NodeIdx>>,
    exchange_index: OnceLock<IdIndex<ExchangeIdx>>,
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

    /// Every reference of the ecosystem as an index.
    pub(crate) fn resolved(&self) -> &Resolved {
        &self.resolved
    }

    /// The validated ecosystem.
    pub fn ecosystem(&self) -> &Ecosystem {
        &self.ecosystem
    }
}

fn id_index<'a, I: Idx>(ids: impl ExactSizeIterator<Item = &'a crate::model::Text>) -> IdIndex<I> {
    let mut map = IdIndex::with_capacity_and_hasher(ids.len(), FxBuildHasher);
    for (i, id) in ids.enumerate() {
        map.insert(id.to_string(), I::new(i));
    }
    map
}

/// Every problem of `eco`, and every reference resolved to an index (meaningful
/// only when there is no problem). Resolving while validating means no id is
/// looked up twice.
pub(crate) fn validate_and_resolve(
    eco: &Ecosystem,
    unreadable: &Unreadable,
) -> (Vec<Problem>, Resolved) {
    let (mut problems, resolved) = checks::run(eco, unreadable);
    // The propagated figures need every reference resolved and no cycle.
    if problems.is_empty() {
        problems = magnitude::check(eco, &resolved);
    }
    (problems, resolved)
}
