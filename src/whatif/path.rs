//! The numbers a what-if may change, named by a path:
//! `exchanges.<id>.value`, `exchanges.<id>.ratio` (of its `follows`),
//! `nodes.<id>.count`, `nodes.<id>.growth`, `nodes.<id>.churn`,
//! `nodes.<id>.costs.<label>.amount`,
//! `discount_rate`, `horizon_years`. A path that names nothing is an error
//! that says which part is wrong and what would be right.

use std::ops::Range;

use crate::index::{ExchangeIdx, NodeIdx};
use crate::model::Ecosystem;
use crate::suggest::did_you_mean;

/// One number of a design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// `exchanges.<id>.value`.
    ExchangeValue(ExchangeIdx),
    /// `exchanges.<id>.ratio`: the ratio of its `follows`.
    FollowRatio(ExchangeIdx),
    /// `nodes.<id>.count`.
    NodeCount(NodeIdx),
    /// `nodes.<id>.growth`.
    NodeGrowth(NodeIdx),
    /// `nodes.<id>.churn` (0 when not written).
    NodeChurn(NodeIdx),
    /// `nodes.<id>.costs.<label>.amount`: the node's first cost with that label.
    CostAmount(NodeIdx, usize),
    /// `discount_rate`.
    DiscountRate,
    /// `horizon_years`.
    HorizonYears,
}

impl Target {
    /// The number's value in `eco`.
    pub fn get(self, eco: &Ecosystem) -> f64 {
        match self {
            Target::ExchangeValue(e) => eco.exchange(e).value,
            Target::FollowRatio(e) => eco.exchange(e).follows.as_ref().map_or(0.0, |f| f.ratio),
            Target::NodeCount(a) => eco.node(a).count,
            Target::NodeGrowth(a) => eco.node(a).growth,
            Target::NodeChurn(a) => eco.node(a).churn.unwrap_or(0.0),
            Target::CostAmount(a, c) => eco.node(a).costs[c].amount,
            Target::DiscountRate => eco.discount_rate,
            Target::HorizonYears => f64::from(eco.horizon_years),
        }
    }

    /// What is wrong with `v` for this number, and what to write, when a
    /// check of the value alone can say so (a horizon is a whole number of
    /// years, 1 to 200); other ranges are checked by validation.
    pub fn value_problem(self, v: f64) -> Option<(String, String)> {
        match self {
            Target::HorizonYears if v.fract() != 0.0 || !(1.0..=200.0).contains(&v) => Some((
                format!("horizon_years must be a whole number of years from 1 to 200, not {v}"),
                "write a whole number, such as horizon_years=5".to_owned(),
            )),
            _ => None,
        }
    }

    /// The path that names this number, as `--set` reads it:
    /// `exchanges.fee.value`, `nodes.vendor.costs.Delivery.amount`.
    pub fn path(self, eco: &Ecosystem) -> String {
        match self {
            Target::ExchangeValue(e) => format!("exchanges.{}.value", eco.exchange(e).id),
            Target::FollowRatio(e) => format!("exchanges.{}.ratio", eco.exchange(e).id),
            Target::NodeCount(a) => format!("nodes.{}.count", eco.node(a).id),
            Target::NodeGrowth(a) => format!("nodes.{}.growth", eco.node(a).id),
            Target::NodeChurn(a) => format!("nodes.{}.churn", eco.node(a).id),
            Target::CostAmount(a, c) => format!(
                "nodes.{}.costs.{}.amount",
                eco.node(a).id,
                eco.node(a).costs[c].label
            ),
            Target::DiscountRate => "discount_rate".to_owned(),
            Target::HorizonYears => "horizon_years".to_owned(),
        }
    }
}

/// A path or value that names nothing: what is wrong, where in the text
/// (bytes of the `PATH=VALUE` argument), and what to write instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct PathError {
    /// What is wrong, in one sentence.
    pub message: String,
    /// The bytes of the argument that are wrong.
    pub span: Range<usize>,
    /// Short text under the caret.
    pub label: String,
    /// What to do.
    pub help: String,
    /// Whether the value is what is wrong (not the path): `invalid-value`
    /// rather than `unknown-path`.
    pub value: bool,
}

/// The paths a user may write, for help texts.
pub const PATHS: &str = "exchanges.<id>.value, exchanges.<id>.ratio, nodes.<id>.count, nodes.<id>.growth, nodes.<id>.churn, nodes.<id>.costs.<label>.amount, discount_rate, horizon_years";

fn error(span: Range<usize>, message: String, label: &str, help: String) -> PathError {
    PathError {
        message,
        span,
        label: label.to_owned(),
        help,
        value: false,
    }
}

/// Splits `PATH=VALUE` and reads the value; the path is resolved by [`resolve`].
pub fn parse_set(arg: &str) -> Result<(&str, f64), PathError> {
    let Some((path, value)) = arg.split_once('=') else {
        return Err(error(
            0..arg.len(),
            format!("`{arg}` is not PATH=VALUE"),
            "no `=`",
            format!("write the path, `=` and a number, e.g. `nodes.households.growth=0.05`; the paths: {PATHS}"),
        ));
    };
    let at = path.len() + 1;
    match value.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok((path.trim(), v)),
        _ => Err(PathError {
            value: true,
            ..error(
                at..arg.len().max(at + 1),
                format!("`{value}` is not a number"),
                "not a number",
                "write a plain number with a dot for decimals: `0.05`, `1200`".to_owned(),
            )
        }),
    }
}

/// The number `path` names in `eco`. `offset` is where the path starts in
/// the argument it came from (for the error's span).
pub fn resolve(eco: &Ecosystem, path: &str, offset: usize) -> Result<Target, PathError> {
    let whole = offset..offset + path.len().max(1);
    match path {
        "discount_rate" => return Ok(Target::DiscountRate),
        "horizon_years" => return Ok(Target::HorizonYears),
        _ => {}
    }
    if let Some(rest) = path.strip_prefix("exchanges.") {
        let start = offset + "exchanges.".len();
        let (id, field) = rest.rsplit_once('.').unwrap_or((rest, ""));
        let e = find(
            eco.exchanges.iter().map(|x| x.id.as_str()),
            id,
            "exchange",
            start,
        )?;
        let field_at = start + id.len() + 1;
        let field_span = field_at..field_at + field.len().max(1);
        return match field {
            "value" => Ok(Target::ExchangeValue(ExchangeIdx::new(e))),
            "ratio" if eco.exchanges[e].follows.is_some() => {
                Ok(Target::FollowRatio(ExchangeIdx::new(e)))
            }
            "ratio" => Err(error(
                field_span,
                format!("exchange `{id}` follows no other exchange, so it has no ratio"),
                "no `follows`",
                format!("change its value instead: `exchanges.{id}.value=...`"),
            )),
            _ => Err(unknown_field(
                field,
                &["value", "ratio"],
                field_span,
                &format!("exchanges.{id}"),
            )),
        };
    }
    if let Some(rest) = path.strip_prefix("nodes.") {
        let start = offset + "nodes.".len();
        if let Some((id, cost)) = rest.split_once(".costs.") {
            let a = find(eco.nodes.iter().map(|n| n.id.as_str()), id, "node", start)?;
            let label_at = start + id.len() + ".costs.".len();
            let Some(label) = cost.strip_suffix(".amount") else {
                return Err(error(
                    label_at..offset + path.len(),
                    format!("a cost's path ends in `.amount`: `nodes.{id}.costs.<label>.amount`"),
                    "no `.amount`",
                    format!("write `nodes.{id}.costs.{cost}.amount=...`"),
                ));
            };
            let costs = &eco.nodes[a].costs;
            let Some(c) = costs.iter().position(|c| c.label == label) else {
                let labels: Vec<&str> = costs.iter().map(|c| c.label.as_str()).collect();
                return Err(error(
                    label_at..label_at + label.len().max(1),
                    format!("node `{id}` has no cost labelled `{label}`"),
                    "no such cost",
                    suggestion(label, &labels, "its costs", "it has no costs"),
                ));
            };
            return Ok(Target::CostAmount(NodeIdx::new(a), c));
        }
        let (id, field) = rest.rsplit_once('.').unwrap_or((rest, ""));
        let a = find(eco.nodes.iter().map(|n| n.id.as_str()), id, "node", start)?;
        let field_at = start + id.len() + 1;
        let field_span = field_at..field_at + field.len().max(1);
        return match field {
            "count" => Ok(Target::NodeCount(NodeIdx::new(a))),
            "growth" => Ok(Target::NodeGrowth(NodeIdx::new(a))),
            "churn" => Ok(Target::NodeChurn(NodeIdx::new(a))),
            _ => Err(unknown_field(
                field,
                &["count", "growth", "churn", "costs.<label>.amount"],
                field_span,
                &format!("nodes.{id}"),
            )),
        };
    }
    let first = path.split('.').next().unwrap_or(path);
    let tops = ["exchanges", "nodes", "discount_rate", "horizon_years"];
    Err(error(
        whole,
        format!("`{path}` names no number of the design"),
        "unknown path",
        match did_you_mean(first, tops) {
            Some(best) => format!("did you mean `{best}`? The paths: {PATHS}"),
            None => format!("the paths: {PATHS}"),
        },
    ))
}

/// The position of `id` among `ids`, or an error with the closest id.
fn find<'a>(
    ids: impl Iterator<Item = &'a str> + Clone,
    id: &str,
    noun: &str,
    start: usize,
) -> Result<usize, PathError> {
    if let Some(i) = ids.clone().position(|x| x == id) {
        return Ok(i);
    }
    let all: Vec<&str> = ids.collect();
    Err(error(
        start..start + id.len().max(1),
        format!("no {noun} has the id `{id}`"),
        &format!("no such {noun}"),
        suggestion(
            id,
            &all,
            &format!("the {noun} ids"),
            &format!("the design has no {noun}s"),
        ),
    ))
}

fn unknown_field(field: &str, fields: &[&str], span: Range<usize>, owner: &str) -> PathError {
    let list = fields
        .iter()
        .map(|f| format!("`{owner}.{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    error(
        span,
        format!("`{field}` is not a number a what-if can change here"),
        "unknown field",
        match did_you_mean(field, fields.iter().copied()) {
            Some(best) => format!("did you mean `{owner}.{best}`? The choices: {list}"),
            None => format!("the choices: {list}"),
        },
    )
}

/// "did you mean `x`?", or the list of what exists (the first 8).
fn suggestion(word: &str, all: &[&str], what: &str, none: &str) -> String {
    if all.is_empty() {
        return none.to_owned();
    }
    if let Some(best) = did_you_mean(word, all.iter().copied()) {
        return format!("did you mean `{best}`?");
    }
    let shown: Vec<String> = all.iter().take(8).map(|x| format!("`{x}`")).collect();
    let more = if all.len() > 8 { ", ..." } else { "" };
    format!("{what}: {}{more}", shown.join(", "))
}
