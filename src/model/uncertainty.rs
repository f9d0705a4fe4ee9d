//! Uncertainty: ranges on a design's numbers, kept in its file, for
//! `valuedesign simulate` (Monte Carlo over them).

use serde::{Deserialize, Serialize};

use super::Text;

/// How values are drawn within a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Shape {
    /// Triangular: most often near `likely`, never below `low` or above `high`.
    #[default]
    Triangular,
    /// Uniform: every value from `low` to `high` as likely (`likely` is not used).
    Uniform,
}

/// A range on one number of the design: `Range(path: "exchanges.fee.value",
/// low: 8.0, likely: 10.0, high: 12.0)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// The number, as `--set` names it (any path but `horizon_years`).
    pub path: Text,
    /// The lowest value.
    pub low: f64,
    /// The most likely value (triangular ranges); defaults to the value in
    /// the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likely: Option<f64>,
    /// The highest value.
    pub high: f64,
    /// How values are drawn.
    #[serde(default, skip_serializing_if = "super::is_default")]
    pub shape: Shape,
}
