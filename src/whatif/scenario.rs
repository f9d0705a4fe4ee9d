//! A scenario of the file as [`Changes`]: its `set` paths resolved, its
//! `remove` ids as nodes and exchanges. The validator has checked both.

use crate::model::Scenario;
use crate::validate::ValueDesign;

use super::apply::{Change, Changes};
use super::path::resolve;

/// The changes `s` makes to `design`. Paths and ids that name nothing (which
/// validation reports) are left out.
pub fn changes_of(design: &ValueDesign, s: &Scenario) -> Changes {
    let eco = design.ecosystem();
    let mut c = Changes::default();
    for (key, &value) in &s.set {
        if let Ok(target) = resolve(eco, key, 0) {
            c.sets.push(Change { target, value });
        }
    }
    for id in &s.remove {
        if let Some(&a) = design.node_index().get(id.as_str()) {
            c.remove_nodes.push(a);
        } else if let Some(&e) = design.exchange_index().get(id.as_str()) {
            c.remove_exchanges.push(e);
        }
    }
    c
}

/// The design as scenario `s` supposes it: named "`<name> (scenario: <label>)`"
/// so that every output says which it is.
pub fn scenario_design(
    design: &ValueDesign,
    s: &Scenario,
) -> Result<ValueDesign, Vec<crate::validate::Problem>> {
    let mut c = changes_of(design, s);
    c.rename = Some(format!(
        "{} (scenario: {})",
        design.ecosystem().name,
        if s.label.is_empty() { &s.id } else { &s.label }
    ));
    super::apply(design, &c)
}
