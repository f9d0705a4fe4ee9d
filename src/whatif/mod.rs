//! What if: a design with some of its numbers changed, or some of its actors
//! and flows taken out, analysed like any other. `--set PATH=VALUE` on the
//! command line names one number ([`path`]); the changes are applied to the
//! validated design, which is validated again ([`apply()`]), never re-read.
//! [`compare()`] sets two designs side by side; [`defections`] takes each
//! actor out in turn; [`sensitivity()`] swings every number;
//! [`solve()`] finds the value of one at which an actor reaches a target;
//! [`simulate()`] draws the file's ranges, run after run.

pub mod apply;
mod changed;
pub mod compare;
pub mod defect;
mod links;
pub mod path;
pub mod scenario;
pub mod sensitivity;
pub mod simulate;
pub mod solve;

pub use apply::{apply, Change, Changes};
pub use compare::{compare, Comparison};
pub use defect::{defections, Defection};
pub use path::{parse_set, resolve, PathError, Target};
pub use scenario::{changes_of, scenario_design};
pub use sensitivity::{sensitivity, Sensitivity};
pub use simulate::{simulate, Simulation};
pub use solve::{solve, Aim, Solved};
