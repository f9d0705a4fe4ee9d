//! The value-design file format: serde types that mirror the RON file one to one.
//!
//! These types are the contract of section 2 of the value-design model: one
//! [`Ecosystem`] per file, holding the four value pillars (drivers, nodes,
//! exchanges, extracts). They hold exactly what the user wrote, with the
//! documented defaults applied; checking that ids resolve, numbers are sane and
//! the `follows`/`parent` links are acyclic is the job of `crate::validate`.

mod cadence;
mod ecosystem;
mod exchange;
mod node;
mod scenario;
mod uncertainty;

pub use cadence::Cadence;

/// Text in a value design: ids, labels, offerings. Short text (up to 24
/// bytes, as most ids are) is stored inline, without a heap allocation.
pub type Text = compact_str::CompactString;

/// Whether a defaulted number is at its default of 0 (not written back).
pub(crate) fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// Whether a defaulted number is at its default of 1 (not written back).
pub(crate) fn is_one(x: &f64) -> bool {
    *x == 1.0
}

/// Whether a value is its type's default (not written back).
pub(crate) fn is_default<T: Default + PartialEq>(x: &T) -> bool {
    *x == T::default()
}

/// Whether a defaulted count is at its default of 1 (not written back).
pub(crate) fn is_one_u32(x: &u32) -> bool {
    *x == 1
}
pub use ecosystem::{Driver, Ecosystem, Extract, Severity};
pub use exchange::{Exchange, Flow, Follow, RevenueModel};
pub use node::{Cost, Goal, IotRole, Node, NodeKind};
pub use scenario::Scenario;
pub use uncertainty::{Range, Shape};
