//! How often something happens in a year: the shared cadence of exchanges and costs.

use serde::{Deserialize, Serialize};

/// How often an exchange occurs or a cost is paid.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Cadence {
    /// Once: in year 1 (or, with `per`, once for every new member).
    Once,
    /// Once a year.
    Yearly,
    /// Twelve times a year.
    Monthly,
    /// The given number of times a year.
    Times(f64),
}

impl Cadence {
    /// Occurrences per year for a recurring cadence (`Once` gives 1).
    pub fn per_year(self) -> f64 {
        match self {
            Cadence::Once | Cadence::Yearly => 1.0,
            Cadence::Monthly => 12.0,
            Cadence::Times(k) => k,
        }
    }

    /// Whether the cadence repeats every year.
    pub(crate) fn is_recurring(self) -> bool {
        !matches!(self, Cadence::Once)
    }
}
