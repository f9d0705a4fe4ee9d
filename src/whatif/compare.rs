//! A design compared with another (as-is and to-be, or the base and one of
//! its scenarios): every actor's figures side by side with the change,
//! actors whose verdict flips first, and the actors, nodes and flows that
//! were added, removed or changed. Matched by id. Pure; no formatting.

use serde::Serialize;

use crate::analysis::{Analysis, Field};
use crate::index::NodeIdx;
use crate::model::{Exchange, Node};
use crate::validate::ValueDesign;

/// An actor's figures in one design, over that design's horizon.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figures {
    /// Money received.
    pub revenue: f64,
    /// Revenue less spend and costs.
    pub cash: f64,
    /// Net present value of its cash.
    pub npv: f64,
    /// Net value by its goal (cash, or worth received plus cash).
    pub net_value: f64,
    /// First year with cumulative cash >= 0; `None`: never, or no money.
    pub breakeven: Option<u32>,
    /// Whether it neither pays nor is paid (then breakeven says nothing).
    pub no_money: bool,
    /// Whether it is win-win.
    pub win_win: bool,
    /// Its share of the value the ecosystem creates (`analysis::sharing`),
    /// when that is positive.
    pub value_share: Option<f64>,
}

impl Figures {
    /// Actor `a`'s figures in `an`.
    pub fn of(an: &Analysis, a: NodeIdx) -> Figures {
        let l = &an.ledgers;
        Figures {
            revenue: l.total(a, Field::Revenue),
            cash: l.total(a, Field::Cash),
            npv: l.npv[a],
            net_value: l.total(a, Field::NetValue),
            breakeven: l.breakeven[a],
            no_money: l.no_money(a),
            win_win: an.verdicts[a].holds(),
            value_share: an.sharing.part(a).and_then(|p| p.takes_share),
        }
    }
}

/// One actor in both designs (or in one of them).
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    /// Its id.
    pub id: String,
    /// Its label (in the second design when it is in both).
    pub label: String,
    /// Its figures in the first design; `None` when it was added.
    pub before: Option<Figures>,
    /// Its figures in the second design; `None` when it was removed.
    pub after: Option<Figures>,
}

impl ActorRow {
    /// Whether its verdict differs between two designs it is in.
    pub fn flips(&self) -> bool {
        matches!((self.before, self.after), (Some(b), Some(a)) if b.win_win != a.win_win)
    }
}

/// One value of a field that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    /// A number.
    Number(f64),
    /// Anything else, as it reads in the file.
    Text(String),
    /// Not set.
    None,
}

impl std::fmt::Display for FieldValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldValue::Number(x) => f.write_str(&crate::words::as_written(*x)),
            FieldValue::Text(s) => f.write_str(s),
            FieldValue::None => f.write_str("none"),
        }
    }
}

/// A field of a node or exchange that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// The field, as a `--set` path reads after the id: `value`,
    /// `follows.ratio`, `costs.Delivery.amount`.
    pub field: String,
    /// In the first design.
    pub before: FieldValue,
    /// In the second design.
    pub after: FieldValue,
}

/// What happened to a node or an exchange.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Only in the second design.
    Added,
    /// Only in the first design.
    Removed,
    /// In both, with these fields different.
    Changed(Vec<Difference>),
}

impl Edit {
    /// "added", "removed" or "changed".
    pub fn word(&self) -> &'static str {
        match self {
            Edit::Added => "added",
            Edit::Removed => "removed",
            Edit::Changed(_) => "changed",
        }
    }
}

/// A node or exchange that is not the same in both designs.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    /// Its id.
    pub id: String,
    /// Its label (nodes) or offering (exchanges), from the design it is in
    /// (the second when both).
    pub label: String,
    /// What happened to it.
    pub change: Edit,
}

/// Two designs compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The first design's name.
    pub before: String,
    /// The second design's name.
    pub after: String,
    /// The currencies (first, second).
    pub currency: (String, String),
    /// The design's own numbers that differ: currency, horizon, discount rate.
    pub design: Vec<Difference>,
    /// Horizons in years (first, second).
    pub years: (usize, usize),
    /// Whether each design is win-win for every actor (first, second).
    pub win_win: (bool, bool),
    /// Every actor: those whose verdict flips first, then the rest in the
    /// first design's order, then the added ones in the second's.
    pub actors: Vec<ActorRow>,
    /// Nodes (of any kind) added, removed or changed: removed and changed in
    /// the first design's order, then added in the second's.
    pub nodes: Vec<ItemChange>,
    /// Exchanges added, removed or changed, ordered like `nodes`.
    pub exchanges: Vec<ItemChange>,
    /// The ecosystem's type (first, second), Leminen et al. (2018).
    pub types: (
        crate::analysis::ecosystem_type::EcosystemType,
        crate::analysis::ecosystem_type::EcosystemType,
    ),
}

impl Comparison {
    /// The actors whose verdict flips.
    pub fn flips(&self) -> impl Iterator<Item = &ActorRow> {
        self.actors.iter().filter(|r| r.flips())
    }

    /// Why the two designs' figures cannot be subtracted, if they cannot:
    /// they count in different currencies, or over different horizons.
    pub fn incomparable(&self) -> Option<String> {
        if self.currency.0 != self.currency.1 {
            Some(format!(
                "the designs count in different currencies ({} and {}): the figures are shown side by side, not subtracted",
                self.currency.0, self.currency.1
            ))
        } else if self.years.0 != self.years.1 {
            Some(format!(
                "the figures are sums over different horizons ({} and {} years): they are shown side by side, not subtracted; compare over one horizon with --set horizon_years=N",
                self.years.0, self.years.1
            ))
        } else {
            None
        }
    }

    /// The actors of the second design only that are not win-win.
    pub fn added_failing(&self) -> impl Iterator<Item = &ActorRow> {
        self.actors
            .iter()
            .filter(|r| r.before.is_none() && r.after.is_some_and(|a| !a.win_win))
    }

    /// Whether nothing differs: no figure, node or flow.
    pub fn is_same(&self) -> bool {
        self.design.is_empty()
            && self.nodes.is_empty()
            && self.exchanges.is_empty()
            && self.years.0 == self.years.1
            && self.actors.iter().all(|r| r.before == r.after)
    }
}

/// Compares design `a` (analysed as `an_a`) with design `b` (as `an_b`).
pub fn compare(a: (&ValueDesign, &Analysis), b: (&ValueDesign, &Analysis)) -> Comparison {
    let (ea, eb) = (a.0.ecosystem(), b.0.ecosystem());
    let (ia, ib) = (a.0.node_index(), b.0.node_index());
    let mut actors = Vec::new();
    for (i, n) in ea
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind.is_actor())
    {
        let other = ib
            .get(n.id.as_str())
            .copied()
            .filter(|&j| eb.node(j).kind.is_actor());
        actors.push(ActorRow {
            id: n.id.to_string(),
            label: other.map_or(&n.label, |j| &eb.node(j).label).to_string(),
            before: Some(Figures::of(a.1, NodeIdx::new(i))),
            after: other.map(|j| Figures::of(b.1, j)),
        });
    }
    for (j, n) in eb
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind.is_actor())
    {
        let known = ia
            .get(n.id.as_str())
            .is_some_and(|&i| ea.node(i).kind.is_actor());
        if !known {
            actors.push(ActorRow {
                id: n.id.to_string(),
                label: n.label.to_string(),
                before: None,
                after: Some(Figures::of(b.1, NodeIdx::new(j))),
            });
        }
    }
    // A stable sort keeps each part in its order.
    actors.sort_by_key(|r| !r.flips());
    Comparison {
        types: (a.1.typing.kind, b.1.typing.kind),
        before: ea.name.to_string(),
        after: eb.name.to_string(),
        currency: (ea.currency.to_string(), eb.currency.to_string()),
        design: {
            let mut f = Fields::default();
            f.push(
                "currency",
                text(Some(&ea.currency)),
                text(Some(&eb.currency)),
            );
            f.number(
                "horizon_years",
                f64::from(ea.horizon_years),
                f64::from(eb.horizon_years),
            );
            f.number("discount_rate", ea.discount_rate, eb.discount_rate);
            f.0
        },
        years: (a.1.timeline.years, b.1.timeline.years),
        win_win: (a.1.win_win(), b.1.win_win()),
        actors,
        nodes: changes(&ea.nodes, &eb.nodes, |n| &n.id, |n| &n.label, node_fields),
        exchanges: changes(
            &ea.exchanges,
            &eb.exchanges,
            |x| &x.id,
            |x| &x.offering,
            exchange_fields,
        ),
    }
}

/// The items of `a` and `b` (matched by id) that differ.
fn changes<T>(
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> &crate::model::Text,
    label: impl Fn(&T) -> &crate::model::Text,
    fields: impl Fn(&T, &T) -> Vec<Difference>,
) -> Vec<ItemChange> {
    let in_b: indexmap::IndexMap<&str, &T> = b.iter().map(|x| (id(x).as_str(), x)).collect();
    let in_a: rustc_hash::FxHashSet<&str> = a.iter().map(|x| id(x).as_str()).collect();
    let name = |x: &T| {
        let l = label(x);
        if l.is_empty() { id(x) } else { l }.to_string()
    };
    let mut out = Vec::new();
    for x in a {
        match in_b.get(id(x).as_str()) {
            None => out.push(ItemChange {
                id: id(x).to_string(),
                label: name(x),
                change: Edit::Removed,
            }),
            Some(y) => {
                let d = fields(x, y);
                if !d.is_empty() {
                    out.push(ItemChange {
                        id: id(x).to_string(),
                        label: name(y),
                        change: Edit::Changed(d),
                    });
                }
            }
        }
    }
    for y in b.iter().filter(|y| !in_a.contains(id(y).as_str())) {
        out.push(ItemChange {
            id: id(y).to_string(),
            label: name(y),
            change: Edit::Added,
        });
    }
    out
}

/// Collects the fields that differ.
#[derive(Default)]
struct Fields(Vec<Difference>);

/// A field's value as it reads in the file (`Monthly`, `Worth`), or none.
fn shown<T: std::fmt::Debug>(x: Option<&T>) -> FieldValue {
    x.map_or(FieldValue::None, |x| FieldValue::Text(format!("{x:?}")))
}

/// A text field's value, or none.
fn text(x: Option<&crate::model::Text>) -> FieldValue {
    x.map_or(FieldValue::None, |x| FieldValue::Text(x.to_string()))
}

impl Fields {
    fn push(&mut self, field: &str, before: FieldValue, after: FieldValue) {
        if before != after {
            self.0.push(Difference {
                field: field.to_owned(),
                before,
                after,
            });
        }
    }

    fn number(&mut self, field: &str, a: f64, b: f64) {
        if a.to_bits() != b.to_bits() {
            self.push(field, FieldValue::Number(a), FieldValue::Number(b));
        }
    }

    fn list(&mut self, field: &str, a: &[crate::model::Text], b: &[crate::model::Text]) {
        let join = |v: &[crate::model::Text]| {
            if v.is_empty() {
                FieldValue::None
            } else {
                FieldValue::Text(v.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", "))
            }
        };
        self.push(field, join(a), join(b));
    }
}

/// The fields of two nodes with one id that differ, numbers first.
fn node_fields(a: &Node, b: &Node) -> Vec<Difference> {
    let mut f = Fields::default();
    f.number("count", a.count, b.count);
    f.number("growth", a.growth, b.growth);
    f.number("churn", a.churn.unwrap_or(0.0), b.churn.unwrap_or(0.0));
    for c in &a.costs {
        let key = |what: &str| format!("costs.{}.{what}", c.label);
        match b.costs.iter().find(|d| d.label == c.label) {
            Some(d) => {
                f.number(&key("amount"), c.amount, d.amount);
                f.push(
                    &key("cadence"),
                    shown(c.cadence.as_ref()),
                    shown(d.cadence.as_ref()),
                );
                f.push(
                    &key("per_exchange"),
                    text(c.per_exchange.as_ref()),
                    text(d.per_exchange.as_ref()),
                );
            }
            None => f.push(
                &key("amount"),
                FieldValue::Number(c.amount),
                FieldValue::None,
            ),
        }
    }
    for d in b
        .costs
        .iter()
        .filter(|d| a.costs.iter().all(|c| c.label != d.label))
    {
        let key = format!("costs.{}.amount", d.label);
        f.push(&key, FieldValue::None, FieldValue::Number(d.amount));
    }
    f.push("label", text(Some(&a.label)), text(Some(&b.label)));
    f.push("kind", shown(Some(&a.kind)), shown(Some(&b.kind)));
    f.push("parent", text(a.parent.as_ref()), text(b.parent.as_ref()));
    f.push("goal", shown(a.goal.as_ref()), shown(b.goal.as_ref()));
    f.list("drivers", &a.drivers, &b.drivers);
    f.0
}

/// The fields of two exchanges with one id that differ, numbers first.
fn exchange_fields(a: &Exchange, b: &Exchange) -> Vec<Difference> {
    let mut f = Fields::default();
    f.number("value", a.value, b.value);
    if let (Some(x), Some(y)) = (&a.follows, &b.follows) {
        f.number("follows.ratio", x.ratio, y.ratio);
    }
    let followed = |x: &Exchange| text(x.follows.as_ref().map(|f| &f.exchange));
    f.push("follows.exchange", followed(a), followed(b));
    f.push("from", text(Some(&a.from)), text(Some(&b.from)));
    f.push("to", text(Some(&a.to)), text(Some(&b.to)));
    f.push("flow", shown(Some(&a.flow)), shown(Some(&b.flow)));
    f.push("cadence", shown(Some(&a.cadence)), shown(Some(&b.cadence)));
    f.push("per", text(a.per.as_ref()), text(b.per.as_ref()));
    f.push("offering", text(Some(&a.offering)), text(Some(&b.offering)));
    f.push(
        "revenue_model",
        shown(a.revenue_model.as_ref()),
        shown(b.revenue_model.as_ref()),
    );
    f.list("drivers", &a.drivers, &b.drivers);
    f.0
}

/// A design compared with a base: the design, its analysis, the
/// comparison, and the id of the base's scenario it is (if it is one).
#[derive(Debug, Clone)]
pub struct Versus {
    /// The scenario's id, when the design is a scenario of the base.
    pub scenario: Option<String>,
    /// The design.
    pub design: ValueDesign,
    /// Its analysis.
    pub analysis: Analysis,
    /// The base compared with it.
    pub comparison: Comparison,
}

/// `other` analysed under `cfg` (sharing what it can with the base's
/// analysis) and compared with `base`, analysed under the same `cfg`.
pub fn versus(
    base: (&ValueDesign, &Analysis),
    other: ValueDesign,
    scenario: Option<String>,
    cfg: &crate::analysis::Config,
) -> Versus {
    let analysis = crate::analysis::reanalyse(&other, cfg, base.1);
    let comparison = compare(base, (&other, &analysis));
    Versus {
        scenario,
        design: other,
        analysis,
        comparison,
    }
}

/// Every scenario of `design` compared with the base (analysed as `an`),
/// in file order, analysed in parallel. A scenario the loader accepted
/// always applies, so none is left out.
pub fn scenarios(
    design: &ValueDesign,
    an: &Analysis,
    cfg: &crate::analysis::Config,
) -> Vec<Versus> {
    use rayon::prelude::*;
    design
        .ecosystem()
        .scenarios
        .par_iter()
        .filter_map(|s| {
            let d = super::scenario_design(design, s).ok()?;
            Some(versus((design, an), d, Some(s.id.to_string()), cfg))
        })
        .collect()
}
