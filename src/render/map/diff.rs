//! The difference map: the new design's map with what a comparison found
//! marked on it. Added and changed actors and offerings are tagged ("new:",
//! "changed:", with what changed on a node) and haloed; an offering whose
//! value per year moved says what it was; what was removed comes back as a ghost (its
//! actors and flows from the old design, tagged "removed:"), placed by the
//! same layout. Pure data, like [`view`](super::view): the SVG draws the
//! marks and their legend.
//!
//! Only a map that shows every node as itself can be marked: above
//! `AUTO_LIMIT` nodes the map is the aggregated one and a note says why it
//! has no marks.

use rustc_hash::{FxHashMap, FxHashSet};

use super::view::{view, Item, MapEdge, MapView, Mark, Status, Zoom, ZoomError, AUTO_LIMIT};
use crate::analysis::Analysis;
use crate::validate::ValueDesign;
use crate::whatif::compare::{Comparison, Edit, ItemChange};

/// The ids of `items` by what happened to them.
fn ids(items: &[ItemChange], word: &str) -> FxHashSet<String> {
    items
        .iter()
        .filter(|i| i.change.word() == word)
        .map(|i| i.id.clone())
        .collect()
}

/// The map of `after` with the changes from `before` (found by `cmp`)
/// marked, and the removed actors and flows drawn as ghosts. The error
/// cannot happen (the whole map always exists) but is passed on.
pub fn difference_view(
    before: (&ValueDesign, &Analysis),
    after: (&ValueDesign, &Analysis),
    cmp: &Comparison,
) -> Result<MapView, ZoomError> {
    let (eb, ea) = (before.0.ecosystem(), after.0.ecosystem());
    let mut v = view(after.0, after.1, &Zoom::Auto)?;
    v.title = format!("{}: what changes from {}", ea.name, eb.name);
    if ea.nodes.len() > AUTO_LIMIT || eb.nodes.len() > AUTO_LIMIT {
        v.notes.push(format!(
            "Changes are not marked: a design of more than {AUTO_LIMIT} nodes is drawn aggregated; \
             `valuedesign compare` lists them."
        ));
        return Ok(v);
    }
    let old = view(before.0, before.1, &Zoom::Auto)?;
    let node_added = ids(&cmp.nodes, "added");
    let node_changed = ids(&cmp.nodes, "changed");
    let node_removed = ids(&cmp.nodes, "removed");
    let flow_added = ids(&cmp.exchanges, "added");
    let flow_removed = ids(&cmp.exchanges, "removed");
    let flow_changed: FxHashMap<&str, &ItemChange> = cmp
        .exchanges
        .iter()
        .filter(|i| matches!(i.change, Edit::Changed(_)))
        .map(|i| (i.id.as_str(), i))
        .collect();
    // Each old offering's value per year, to say what a changed one was.
    let was: FxHashMap<&str, f64> = old
        .edges
        .iter()
        .flat_map(|e| &e.items)
        .filter_map(|i| Some((eb.exchange(i.exchange?).id.as_str(), i.per_year)))
        .collect();
    // What changed on a node, in a few words: "growth 0.4 -> 0.2".
    let what: FxHashMap<&str, String> = cmp
        .nodes
        .iter()
        .filter_map(|i| match &i.change {
            Edit::Changed(d) => {
                let words: Vec<String> = d
                    .iter()
                    .take(2)
                    .map(|x| format!("{} {} -> {}", x.field, x.before, x.after))
                    .collect();
                let more = if d.len() > 2 { ", ..." } else { "" };
                Some((i.id.as_str(), format!("{}{more}", words.join(", "))))
            }
            _ => None,
        })
        .collect();
    for n in &mut v.nodes {
        if node_added.contains(&n.id) {
            mark_node(n, Mark::Added);
        } else if node_changed.contains(&n.id) {
            mark_node(n, Mark::Changed);
            if let Some(w) = what.get(n.id.as_str()) {
                n.label = format!("{} ({w})", n.label);
            }
        }
    }
    for item in v.edges.iter_mut().flat_map(|e| &mut e.items) {
        let Some(e) = item.exchange else { continue };
        let id = ea.exchange(e).id.as_str();
        // Its old value per year, when it moved (by its own change or as a
        // consequence of another: fewer customers, a lower ratio).
        item.was = was
            .get(id)
            .copied()
            .filter(|w| (w - item.per_year).abs() > 1e-9 * (1.0 + w.abs()));
        if flow_added.contains(id) {
            item.mark = Mark::Added;
            item.offering = format!("new: {}", item.offering);
        } else if flow_changed.contains_key(id) {
            item.mark = Mark::Changed;
            item.offering = format!("changed: {}", item.offering);
        }
    }
    ghosts(&mut v, &old, &node_removed, &flow_removed, eb);
    let count = |m: Mark| {
        v.nodes.iter().filter(|n| n.mark == m).count()
            + v.edges
                .iter()
                .flat_map(|e| &e.items)
                .filter(|i| i.mark == m)
                .count()
    };
    let (added, changed, removed) = (
        count(Mark::Added),
        count(Mark::Changed),
        count(Mark::Removed),
    );
    v.notes.push(if added + changed + removed == 0 {
        "Nothing to mark: the two designs have the same nodes and flows.".to_owned()
    } else {
        format!(
            "Marked: {added} added, {changed} changed, {removed} removed (actors and offerings); \
             removed ones are drawn faded with dashed outlines."
        )
    });
    Ok(v)
}

fn mark_node(n: &mut super::view::MapNode, m: Mark) {
    n.mark = m;
    let tag = match m {
        Mark::Added => "new",
        Mark::Changed => "changed",
        Mark::Removed => "removed",
        Mark::Same => return,
    };
    n.label = format!("{tag}: {}", n.label);
}

/// Adds the removed nodes and offerings of `old` to `v`, as ghosts.
fn ghosts(
    v: &mut MapView,
    old: &MapView,
    node_removed: &FxHashSet<String>,
    flow_removed: &FxHashSet<String>,
    eb: &crate::model::Ecosystem,
) {
    let mut place: FxHashMap<String, usize> = v
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    let mut added = Vec::new();
    for (k, n) in old.nodes.iter().enumerate() {
        if node_removed.contains(&n.id) {
            let mut g = n.clone();
            g.status = Status::None;
            g.extract = false;
            mark_node(&mut g, Mark::Removed);
            place.insert(n.id.clone(), v.nodes.len());
            added.push(k);
            v.nodes.push(g);
        }
    }
    // Parents after every ghost has its place: a removed parent of a removed child.
    for &k in &added {
        let parent = old.nodes[k]
            .parent
            .and_then(|p| place.get(&old.nodes[p].id).copied());
        let i = place[&old.nodes[k].id];
        v.nodes[i].parent = parent;
    }
    let mut at: FxHashMap<(usize, usize, crate::model::Flow), usize> = v
        .edges
        .iter()
        .enumerate()
        .map(|(k, e)| ((e.from, e.to, e.flow), k))
        .collect();
    for e in &old.edges {
        for item in &e.items {
            let Some(x) = item.exchange else { continue };
            if !flow_removed.contains(eb.exchange(x).id.as_str()) {
                continue;
            }
            let (Some(&f), Some(&t)) = (
                place.get(&old.nodes[e.from].id),
                place.get(&old.nodes[e.to].id),
            ) else {
                continue;
            };
            let k = *at.entry((f, t, e.flow)).or_insert_with(|| {
                v.edges.push(MapEdge {
                    from: f,
                    to: t,
                    flow: e.flow,
                    items: Vec::new(),
                    per_year: 0.0,
                });
                v.edges.len() - 1
            });
            v.edges[k].items.push(Item {
                offering: format!("removed: {}", item.offering),
                mark: Mark::Removed,
                exchange: None,
                was: None,
                ..item.clone()
            });
            v.edges[k].per_year += item.per_year;
        }
    }
}
