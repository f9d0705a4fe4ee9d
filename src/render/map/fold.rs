//! Folding a map that is too large to read: aggregation to a `parent`
//! level, and, when that is not enough, keeping the nodes with the most money
//! through them and folding the others into one made-up node per kind.
//! Assignments map every file node to the view slot that stands for it (its
//! own index, an ancestor's, or `n + k` for the k-th made-up node).

use crate::analysis::{zoom, Analysis};
use crate::index::{IdxVec, NodeIdx};
use crate::model::NodeKind;

/// Above this many nodes the default map aggregates.
pub(crate) const AUTO_LIMIT: usize = 300;
/// When it aggregates, the default map shows at most this many nodes: more
/// would not be read, and the layout's cost grows faster than linearly.
pub const AUTO_TARGET: usize = 60;

/// How many nodes a view may show: above `limit` it is folded to at most
/// `target`. A map of its own uses [`Fit::DEFAULT`]; a slide asks for fewer
/// until it fits its page ([`Fit::at_most`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// Above this many nodes the view folds.
    pub limit: usize,
    /// Folded, it shows at most this many.
    pub target: usize,
    /// Why, in the note: "too many to read", "too many for one slide".
    pub reason: &'static str,
}

impl Fit {
    /// Up to 300 nodes (`AUTO_LIMIT`) drawn whole; above, folded to [`AUTO_TARGET`].
    pub const DEFAULT: Fit = Fit {
        limit: AUTO_LIMIT,
        target: AUTO_TARGET,
        reason: "too many to read",
    };

    /// At most `n` nodes (at least 1), folded when there are more, for
    /// `reason`.
    pub fn at_most(n: usize, reason: &'static str) -> Fit {
        Fit {
            limit: n.max(1),
            target: n.max(1),
            reason,
        }
    }
}

crate::index::define_idx!(
    /// A node of the view: a file node's own position (below the node count),
    /// or the k-th made-up node at `node count + k`.
    Slot
);

impl Slot {
    /// The slot of file node `a`.
    pub(super) fn of(a: NodeIdx) -> Slot {
        Slot::new(a.index())
    }

    /// The file node this slot is, if it is not a made-up one (`n` nodes).
    pub(super) fn node(self, n: usize) -> Option<NodeIdx> {
        (self.index() < n).then(|| NodeIdx::new(self.index()))
    }
}

/// For every file node, the view slot that stands for it (none: not shown).
pub(super) type Assign = IdxVec<NodeIdx, Option<Slot>>;

/// A view node made up by aggregation (a folded group of roots).
#[derive(Debug, Clone)]
pub(super) struct Name {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) kind: NodeKind,
}

/// Nodes assigned to their representative at `level`; no made-up names.
pub(super) fn aggregated(an: &Analysis, level: u32) -> (Assign, Vec<Name>) {
    let agg = zoom::aggregate(&an.network, &an.timeline, level);
    let assign = agg
        .representative
        .iter()
        .map(|&r| Some(Slot::of(r)))
        .collect();
    (assign, Vec::new())
}

/// The deepest level with at most `target` nodes; failing that, roots
/// folded by kind. Folded nodes are numbered after the file's nodes.
pub(super) fn auto(an: &Analysis, fit: Fit, notes: &mut Vec<String>) -> (Assign, Vec<Name>) {
    let target = fit.target;
    let net = &an.network;
    let n = net.node_count();
    let depths = net.depths();
    let max_depth = depths.iter().copied().max().unwrap_or(0);
    // Nodes shown at level L: those with depth <= L.
    let mut at_depth = vec![0usize; max_depth as usize + 1];
    for &d in depths.iter() {
        at_depth[d as usize] += 1;
    }
    let mut shown = 0;
    let mut level = None;
    for (d, c) in at_depth.iter().enumerate() {
        shown += c;
        if shown > target {
            break;
        }
        level = Some(d as u32);
    }
    if let Some(level) = level {
        let (assign, names) = aggregated(an, level);
        notes.push(format!(
            "{n} nodes are {}: aggregated to parent depth {level} ({} nodes shown, flows summed by kind). Use --level, --focus or --extract to zoom.",
            fit.reason,
            at_depth[..=level as usize].iter().sum::<usize>()
        ));
        return (assign, names);
    }
    // Even the roots are too many: keep the roots with the most money through
    // them (their whole subtree), fold the rest into one node per kind.
    let (assign0, _) = aggregated(an, 0);
    let (assign, names, kept, total) = fold(an, &assign0, &[], target);
    notes.push(format!(
        "{n} nodes are {}: {kept} of {total} top-level nodes shown (the most money through them, with everything under them), the other {} folded into one node per kind. Use --level, --focus or --extract to zoom.",
        fit.reason,
        total - kept
    ));
    (assign, names)
}

/// Keeps the `first` slots and then the slots of `base` with the most money
/// through them (their members' money), up to `target` nodes in all with the
/// made-up ones; folds the others into one made-up node per kind (numbered
/// after the file's nodes). Returns the assignment, the made-up nodes, and how
/// many slots were kept of how many.
fn fold(
    an: &Analysis,
    base: &Assign,
    first: &[NodeIdx],
    target: usize,
) -> (Assign, Vec<Name>, usize, usize) {
    let net = &an.network;
    let n = net.node_count();
    let mut volume = IdxVec::<NodeIdx, f64>::filled(n, 0.0);
    for (a, v) in an.money_through().iter_enumerated() {
        if let Some(r) = base[a].and_then(|r| r.node(n)) {
            volume[r] += v;
        }
    }
    let mut must = IdxVec::<NodeIdx, bool>::filled(n, false);
    for &f in first {
        must[f] = true;
    }
    let mut slots: Vec<NodeIdx> = net
        .nodes()
        .filter(|&a| base[a] == Some(Slot::of(a)))
        .collect();
    let total = slots.len();
    // Named first, then most money; file order on ties (stable sort).
    slots.sort_by(|a, b| {
        must[*b]
            .cmp(&must[*a])
            .then(volume[*b].total_cmp(&volume[*a]))
    });
    let keep_count = kept_within(&slots, |r| kind_slot(net.kinds[r]), target);
    let mut kept = IdxVec::<NodeIdx, bool>::filled(n, false);
    for &r in slots.iter().take(keep_count) {
        kept[r] = true;
    }
    let mut names = Vec::new();
    let mut slot_of_kind = [None::<Slot>; 7];
    let mut folded = [0usize; 7];
    for &r in slots.iter().skip(keep_count) {
        folded[kind_slot(net.kinds[r])] += 1;
    }
    for kind in NodeKind::ALL {
        let k = kind_slot(kind);
        if folded[k] > 0 {
            slot_of_kind[k] = Some(Slot::new(n + names.len()));
            names.push(Name {
                id: format!("other-{}", kind_word(kind)),
                label: format!("{} other {}", folded[k], plural(kind)),
                kind,
            });
        }
    }
    let assign = base
        .iter()
        .map(|r| {
            let r = (*r)?.node(n)?;
            if kept[r] {
                Some(Slot::of(r))
            } else {
                slot_of_kind[kind_slot(net.kinds[r])]
            }
        })
        .collect();
    (assign, names, keep_count, total)
}

/// How many of `slots` (best first) to keep so that they and one made-up
/// node per kind among the rest are at most `target` (at least one is kept
/// when there is any): the most that fit, found in one pass from the end.
fn kept_within(slots: &[NodeIdx], kind: impl Fn(NodeIdx) -> usize, target: usize) -> usize {
    // kinds_after[k]: how many kinds the slots from k on have.
    let mut kinds_after = vec![0usize; slots.len() + 1];
    let mut seen = [false; 7];
    for k in (0..slots.len()).rev() {
        let s = kind(slots[k]);
        kinds_after[k] = kinds_after[k + 1] + usize::from(!seen[s]);
        seen[s] = true;
    }
    (0..=slots.len())
        .rev()
        .find(|&keep| keep + kinds_after[keep] <= target)
        .unwrap_or(0)
        .max(usize::from(!slots.is_empty()).min(target))
}

/// A subset too large for `fit` is folded; the note says so.
pub(super) fn fold_subset(
    an: &Analysis,
    assign: Assign,
    first: &[NodeIdx],
    fit: Fit,
    notes: &mut Vec<String>,
) -> (Assign, Vec<Name>) {
    let total = assign
        .iter_enumerated()
        .filter(|&(a, s)| *s == Some(Slot::of(a)))
        .count();
    if total <= fit.limit {
        return (assign, Vec::new());
    }
    let (assign, names, kept, _) = fold(an, &assign, first, fit.target);
    notes.push(format!(
        "{total} nodes are {}: {kept} shown (those named, then the most money through them), the other {} folded into one node per kind.",
        fit.reason,
        total - kept
    ));
    (assign, names)
}

fn kind_slot(k: NodeKind) -> usize {
    NodeKind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

/// The kind in lower case, for ids and text.
pub(crate) fn kind_word(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Organization => "organization",
        NodeKind::Segment => "segment",
        NodeKind::Person => "person",
        NodeKind::Device => "device",
        NodeKind::Activity => "activity",
        NodeKind::Process => "process",
        NodeKind::Group => "group",
    }
}

fn plural(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Organization => "organisations",
        NodeKind::Segment => "segments",
        NodeKind::Person => "people",
        NodeKind::Device => "devices",
        NodeKind::Activity => "activities",
        NodeKind::Process => "processes",
        NodeKind::Group => "groups",
    }
}
