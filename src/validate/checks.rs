//! Every semantic check of a value design, one function per list (the
//! settings, the ids, each node with its costs, exchange and extract, the
//! finding codes, the cycles), each resolving the references it checks.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use super::cycles::find_cycles;
use super::{Problem, Unreadable, MAX_HORIZON_YEARS};
use crate::code::DiagnosticCode;
use crate::index::{ExchangeIdx, Idx, NodeIdx};
use crate::model::{Cadence, Ecosystem};
use crate::resolved::{Resolved, ResolvedExtract};
use crate::suggest::did_you_mean;
use crate::syntax::Path;

/// Runs every check on `eco`: its problems and its resolved references.
pub(super) fn run(eco: &Ecosystem, unreadable: &Unreadable) -> (Vec<Problem>, Resolved) {
    let mut v = Validator {
        eco,
        unreadable,
        problems: Vec::new(),
        resolved: Resolved::with_capacity(eco),
        suggested: 0,
    };
    v.run();
    (v.problems, v.resolved)
}

struct Validator<'e> {
    eco: &'e Ecosystem,
    unreadable: &'e Unreadable,
    problems: Vec<Problem>,
    resolved: Resolved,
    /// Unknown references given a "did you mean" so far (see [`MAX_SUGGESTED`]).
    suggested: usize,
}

/// Unknown references that get a "did you mean": each compares the id with
/// every id of its list, so a file full of unknown ids (a list renamed, a
/// million references to it) would take hours. Beyond this many, the help
/// says what to do without a suggestion.
const MAX_SUGGESTED: usize = 200;

/// The ids of the lists that entries refer into.
struct Lists<'e> {
    drivers: Ids<'e>,
    nodes: Ids<'e>,
    exchanges: Ids<'e>,
}

/// An index from id to position for one kind of entry.
struct Ids<'e> {
    list: &'static str,
    noun: &'static str,
    map: HashMap<&'e str, usize, FxBuildHasher>,
    /// The ids, sorted (for suggestions; made on the first unknown reference).
    sorted: std::cell::OnceCell<Vec<&'e str>>,
}

impl<'e> Validator<'e> {
    fn push(
        &mut self,
        code: DiagnosticCode,
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

    /// Every check, list by list: the settings, the ids of each list, then
    /// each node (with its costs), exchange and extract, the finding codes,
    /// and the `follows` and `parent` cycles.
    fn run(&mut self) {
        let eco = self.eco;
        self.settings();
        let ids = self.lists();
        for (i, n) in eco.nodes.iter().enumerate() {
            self.node(&ids, i, n);
        }
        for (i, e) in eco.exchanges.iter().enumerate() {
            self.exchange(&ids, i, e);
        }
        for (i, x) in eco.extracts.iter().enumerate() {
            self.extract(&ids, i, x);
        }
        self.finding_codes();
        for (i, x) in eco.scenarios.iter().enumerate() {
            self.scenario(&ids, i, x);
        }
        for (i, r) in eco.uncertainty.iter().enumerate() {
            self.range(i, r);
        }
        self.all_cycles(&ids);
    }

    /// One range of `uncertainty`: its path names a number (not the
    /// horizon), `low <= likely <= high`, all finite, within the number's range.
    fn range(&mut self, i: usize, r: &crate::model::Range) {
        let eco = self.eco;
        let p = || Path::root().field("uncertainty").index(i);
        for (name, v) in [
            ("low", Some(r.low)),
            ("likely", r.likely),
            ("high", r.high.into()),
        ] {
            if let Some(v) = v {
                self.finite(|| p().field(name), v, name);
            }
        }
        let target = match crate::whatif::resolve(eco, &r.path, 0) {
            Err(e) => {
                self.push(
                    DiagnosticCode::UnknownPath,
                    p().field("path"),
                    format!("uncertainty[{i}]: {}", e.message),
                    &e.label,
                    Some(e.help),
                );
                return;
            }
            Ok(crate::whatif::Target::HorizonYears) => {
                self.push(
                    DiagnosticCode::InvalidValue,
                    p().field("path"),
                    "a range cannot be put on horizon_years (a whole number of years)".to_owned(),
                    "not a range",
                    Some("try several horizons with --set horizon_years=N instead".to_owned()),
                );
                return;
            }
            Ok(t) => t,
        };
        // A uniform range has no likely value: only its ends are in order.
        let likely = match r.shape {
            crate::model::Shape::Uniform => {
                r.likely.unwrap_or(r.low).clamp(r.low, r.high.max(r.low))
            }
            crate::model::Shape::Triangular => r.likely.unwrap_or_else(|| target.get(eco)),
        };
        if !(r.low <= likely && likely <= r.high) {
            self.push(
                DiagnosticCode::InvalidValue,
                p().field(if r.likely.is_some() { "likely" } else { "low" }),
                format!(
                    "the range on {} must have low <= likely <= high; it has low {}, likely {}{}, high {}",
                    r.path,
                    r.low,
                    likely,
                    if r.likely.is_some() { "" } else { " (the value in the file)" },
                    r.high
                ),
                "out of order",
                Some("put the most likely value between low and high".to_owned()),
            );
        }
        let floor = match target {
            crate::whatif::Target::NodeGrowth(_) | crate::whatif::Target::DiscountRate => -1.0,
            _ => 0.0,
        };
        let open = floor < 0.0;
        if r.low < floor || (open && r.low <= floor) {
            self.push(
                DiagnosticCode::InvalidValue,
                p().field("low"),
                format!(
                    "the range on {} goes down to {}; it must stay {} {floor}",
                    r.path,
                    r.low,
                    if open { "above" } else { "at or above" }
                ),
                "too low",
                Some("raise `low`".to_owned()),
            );
        }
        if matches!(target, crate::whatif::Target::NodeChurn(_)) && r.high > 1.0 {
            self.push(
                DiagnosticCode::InvalidValue,
                p().field("high"),
                format!(
                    "the range on {} goes up to {}; a churn is a share of members, at most 1",
                    r.path, r.high
                ),
                "too high",
                Some("write churn as a fraction: 0.1 for 10% of members leaving a year".to_owned()),
            );
        }
    }

    /// One scenario: every path it sets names a number, every id it removes
    /// names a node or an exchange. (Whether the numbers are in range is
    /// checked when the scenario is applied: `load` does it for each.)
    fn scenario(&mut self, ids: &Lists<'_>, i: usize, x: &crate::model::Scenario) {
        let eco = self.eco;
        let p = || Path::root().field("scenarios").index(i);
        for (key, value) in &x.set {
            self.finite(|| p().field("set").field(key), *value, "value");
            match crate::whatif::resolve(eco, key, 0) {
                Err(e) => self.push(
                    DiagnosticCode::UnknownPath,
                    p().field("set").field(key),
                    format!("scenario `{}`: {}", x.id, e.message),
                    &e.label,
                    Some(e.help),
                ),
                Ok(t) => {
                    if let Some((message, help)) = t.value_problem(*value) {
                        self.push(
                            DiagnosticCode::InvalidValue,
                            p().field("set").field(key),
                            format!("scenario `{}`: {message}", x.id),
                            "not a horizon",
                            Some(help),
                        );
                    }
                }
            }
        }
        for (j, id) in x.remove.iter().enumerate() {
            let unreadable = |list: &str| {
                self.unreadable.lists.contains(list)
                    || self
                        .unreadable
                        .ids
                        .get(list)
                        .is_some_and(|s| s.contains(id.as_str()))
            };
            let known = ids.nodes.map.contains_key(id.as_str())
                || ids.exchanges.map.contains_key(id.as_str())
                || unreadable("nodes")
                || unreadable("exchanges");
            if !known {
                let all = eco
                    .nodes
                    .iter()
                    .map(|n| n.id.as_str())
                    .chain(eco.exchanges.iter().map(|e| e.id.as_str()));
                let help = match did_you_mean(id, all) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "name a node or an exchange of this file".to_owned(),
                };
                self.push(
                    DiagnosticCode::UnknownId,
                    p().field("remove").index(j),
                    format!(
                        "scenario `{}` removes `{id}`, which is neither a node nor an exchange",
                        x.id
                    ),
                    "no such node or exchange",
                    Some(help),
                );
            }
        }
    }

    /// The file's settings: horizon and discount rate.
    fn settings(&mut self) {
        let eco = self.eco;
        let root = Path::root();
        if eco.horizon_years == 0 || eco.horizon_years > MAX_HORIZON_YEARS {
            self.push(
                DiagnosticCode::InvalidValue,
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
                DiagnosticCode::InvalidValue,
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
                DiagnosticCode::InvalidValue,
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
    }

    /// The ids of every list, each checked for empty and duplicate ids.
    fn lists(&mut self) -> Lists<'e> {
        let eco = self.eco;
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
        self.ids(
            "scenarios",
            "scenario",
            eco.scenarios.iter().map(|x| x.id.as_str()),
        );

        Lists {
            drivers,
            nodes,
            exchanges,
        }
    }

    /// One node: its numbers, goal, references and costs.
    fn node(&mut self, ids: &Lists<'_>, i: usize, n: &crate::model::Node) {
        let p = || Path::root().field("nodes").index(i);
        self.finite(|| p().field("count"), n.count, "count");
        self.finite(|| p().field("growth"), n.growth, "growth");
        if n.count < 0.0 {
            self.push(
                DiagnosticCode::NegativeCount,
                p().field("count"),
                format!("node `{}` has a negative count ({})", n.id, n.count),
                "negative",
                Some("a count is how many members a segment or group has: 0 or more".to_owned()),
            );
        }
        if let Some(c) = n.churn {
            self.finite(|| p().field("churn"), c, "churn");
            if c.is_finite() && !(0.0..=1.0).contains(&c) {
                self.push(
                    DiagnosticCode::InvalidValue,
                    p().field("churn"),
                    format!(
                        "node `{}` has churn {c}; it must be from 0 (every member renews) to 1 (none does)",
                        n.id
                    ),
                    "out of range",
                    Some("write churn as a fraction: 0.1 for 10% of members leaving a year".to_owned()),
                );
            }
        }
        if n.growth <= -1.0 {
            self.push(
                DiagnosticCode::InvalidValue,
                p().field("growth"),
                format!(
                    "node `{}` has growth {}; it must be above -1 (a loss of 100% or more a year)",
                    n.id, n.growth
                ),
                "out of range",
                Some(
                    "write yearly growth as a fraction: 0.2 for +20%, -0.1 for 10% churn"
                        .to_owned(),
                ),
            );
        }
        if n.goal.is_some() && !n.kind.takes_goal() {
            self.push(
                    DiagnosticCode::InvalidValue,
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
            .and_then(|x| self.reference(&ids.nodes, || p().field("parent"), x));
        self.resolved.parent.push(parent);
        let decides_for = n
            .decides_for
            .as_ref()
            .and_then(|x| self.reference(&ids.nodes, || p().field("decides_for"), x));
        self.resolved.decides_for.push(decides_for);
        for (k, d) in n.drivers.iter().enumerate() {
            if let Some(d) = self.reference(&ids.drivers, || p().field("drivers").index(k), d) {
                self.resolved.node_drivers.items.push(d);
            }
        }
        self.resolved
            .node_drivers
            .offsets
            .push(self.resolved.node_drivers.items.len() as u32);
        for (k, c) in n.costs.iter().enumerate() {
            self.cost(ids, i, n, k, c);
        }
    }

    /// One cost of node `n`: its amount and exactly one of its cadence and
    /// the exchange it is paid per.
    fn cost(
        &mut self,
        ids: &Lists<'_>,
        i: usize,
        n: &crate::model::Node,
        k: usize,
        c: &crate::model::Cost,
    ) {
        let p = || Path::root().field("nodes").index(i);

        let cp = || p().field("costs").index(k);
        self.finite(|| cp().field("amount"), c.amount, "amount");
        if c.amount < 0.0 {
            self.push(
                DiagnosticCode::InvalidValue,
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
                        DiagnosticCode::CostCadence,
                        cp(),
                        format!("the cost `{}` of node `{}` has both `cadence` and `per_exchange`", c.label, n.id),
                        "both given",
                        Some("a cost is either fixed (`cadence`) or paid per occurrence of an exchange (`per_exchange`); keep one".to_owned()),
                    ),
                    (None, None) => self.push(
                        DiagnosticCode::CostCadence,
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
            .and_then(|x| self.reference(&ids.exchanges, || cp().field("per_exchange"), x));
        self.resolved.cost_exchange.push(per_exchange);
    }

    /// One exchange: its ends, value, cadence, `per`, `follows`,
    /// `reciprocates` and drivers.
    fn exchange(&mut self, ids: &Lists<'_>, i: usize, e: &crate::model::Exchange) {
        let p = || Path::root().field("exchanges").index(i);
        let from = self.reference(&ids.nodes, || p().field("from"), &e.from);
        let to = self.reference(&ids.nodes, || p().field("to"), &e.to);
        self.resolved.from.push(from.unwrap_or_default());
        self.resolved.to.push(to.unwrap_or_default());
        if e.from == e.to && !e.from.is_empty() {
            self.push(
                    DiagnosticCode::SelfExchange,
                    p().field("to"),
                    format!("exchange `{}` goes from `{}` to itself", e.id, e.from),
                    "same as `from`",
                    Some("an exchange is between two nodes; for a flow inside a group, name two of its member nodes".to_owned()),
                );
        }
        self.finite(|| p().field("value"), e.value, "value");
        if e.value < 0.0 {
            self.push(
                DiagnosticCode::InvalidValue,
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
            .and_then(|x| self.reference(&ids.nodes, || p().field("per"), x));
        self.resolved.per.push(per);
        if let Some(f) = &e.follows {
            let fp = || p().field("follows");
            let followed = self.reference(&ids.exchanges, || fp().field("exchange"), &f.exchange);
            self.resolved.follows.push(followed);
            self.finite(|| fp().field("ratio"), f.ratio, "ratio");
            if f.ratio < 0.0 {
                self.push(
                        DiagnosticCode::InvalidValue,
                        fp().field("ratio"),
                        format!("exchange `{}` follows `{}` with a negative ratio ({})", e.id, f.exchange, f.ratio),
                        "negative",
                        Some("the ratio is occurrences of this exchange per occurrence of the followed one: 0 or more".to_owned()),
                    );
            }
            if e.per.is_some() {
                self.push(
                        DiagnosticCode::PerAndFollows,
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
            .and_then(|x| self.reference(&ids.exchanges, || p().field("reciprocates"), x));
        self.resolved.reciprocates.push(reciprocates);
        for (k, d) in e.drivers.iter().enumerate() {
            if let Some(d) = self.reference(&ids.drivers, || p().field("drivers").index(k), d) {
                self.resolved.exchange_drivers.items.push(d);
            }
        }
        self.resolved
            .exchange_drivers
            .offsets
            .push(self.resolved.exchange_drivers.items.len() as u32);
    }

    /// One extract: what it names, which must be something.
    fn extract(&mut self, ids: &Lists<'_>, i: usize, x: &crate::model::Extract) {
        let p = || Path::root().field("extracts").index(i);
        let mut named_nodes = Vec::new();
        for (k, n) in x.nodes.iter().enumerate() {
            named_nodes.extend(self.reference::<NodeIdx>(
                &ids.nodes,
                || p().field("nodes").index(k),
                n,
            ));
        }
        let mut named_exchanges = Vec::new();
        for (k, e) in x.exchanges.iter().enumerate() {
            named_exchanges.extend(self.reference::<ExchangeIdx>(
                &ids.exchanges,
                || p().field("exchanges").index(k),
                e,
            ));
        }
        let focus = x
            .focus
            .as_ref()
            .and_then(|f| self.reference(&ids.nodes, || p().field("focus"), f));
        self.resolved.extracts.push(ResolvedExtract {
            nodes: named_nodes,
            exchanges: named_exchanges,
            focus,
        });
        if x.nodes.is_empty() && x.exchanges.is_empty() && x.focus.is_none() {
            self.push(
                    DiagnosticCode::EmptyExtract,
                    p().field("id"),
                    format!("extract `{}` names no nodes, no exchanges and no focus", x.id),
                    "empty",
                    Some("name the nodes or exchanges that capture the value, or `focus: Some(\"node-id\")` with a radius".to_owned()),
                );
        }
    }

    /// The finding codes the file sets severities for.
    fn finding_codes(&mut self) {
        let eco = self.eco;
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
                    DiagnosticCode::UnknownFinding,
                    Path::root().field("findings").field(code),
                    format!("unknown finding code `{code}`"),
                    "no such finding",
                    Some(help),
                );
            }
        }
    }

    /// The `follows` and `parent` cycles.
    fn all_cycles(&mut self, ids: &Lists<'_>) {
        let eco = self.eco;
        self.cycles(
            DiagnosticCode::FollowsCycle,
            "exchanges",
            "follows",
            &eco.exchanges
                .iter()
                .map(|e| {
                    e.follows
                        .as_ref()
                        .and_then(|f| ids.exchanges.map.get(f.exchange.as_str()).copied())
                })
                .collect::<Vec<_>>(),
            &eco.exchanges
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>(),
        );
        self.cycles(
            DiagnosticCode::ParentCycle,
            "nodes",
            "parent",
            &eco.nodes
                .iter()
                .map(|n| {
                    n.parent
                        .as_ref()
                        .and_then(|p| ids.nodes.map.get(p.as_str()).copied())
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
                    DiagnosticCode::EmptyId,
                    p(),
                    format!("{} {noun} has an empty id", crate::words::article(noun)),
                    "empty",
                    Some("give it a short unique id such as \"vendor\"".to_owned()),
                );
                continue;
            }
            if id.chars().any(char::is_control) {
                // A tab or a line break in an id is invisible in every table,
                // map and sheet, and two ids told apart only by one would read
                // as one.
                self.push(
                    DiagnosticCode::InvalidValue,
                    p(),
                    format!(
                        "the {noun} id `{}` holds a control character",
                        id.escape_debug()
                    ),
                    "control character",
                    Some(
                        "take the tab, line break or other control character out of the id"
                            .to_owned(),
                    ),
                );
                continue;
            }
            if let Some(&first) = map.get(id) {
                self.problems.push(Problem {
                    code: DiagnosticCode::DuplicateId,
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
        Ids {
            list,
            noun,
            map,
            sorted: std::cell::OnceCell::new(),
        }
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
            DiagnosticCode::UnknownDriver
        } else {
            DiagnosticCode::UnknownId
        };
        // Sorted, so that ties between equally close ids are broken the same way every run.
        let candidates = ids.sorted.get_or_init(|| {
            let mut all: Vec<&str> = ids.map.keys().copied().collect();
            all.sort_unstable();
            all
        });
        self.suggested += 1;
        let best = if self.suggested <= MAX_SUGGESTED {
            did_you_mean(id, candidates.iter().copied())
        } else {
            None
        };
        let help = match best {
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
                DiagnosticCode::NonFinite,
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
                    DiagnosticCode::InvalidValue,
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
        code: DiagnosticCode,
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
