//! `valuedesign` analyses the value network of a business ecosystem, after
//! Westerlund, Leminen & Rajahonka (2014): value drivers, value nodes, value
//! exchanges and value extracts, together a value design.
//!
//! The pipeline, one module per stage, imports running one way: [`syntax`]
//! reads RON text into the [`model`] types, recording every problem with its
//! place; `validate` checks the model's invariants and yields a
//! [`ValueDesign`]; [`load`] ties the two together and turns problems into
//! located [`diagnostic`]s; [`network`] indexes the design (typed indices from
//! [`index`]); [`analysis`] computes the timeline, ledgers, verdicts and
//! network measures; [`canvas`], [`classify`] and [`findings`] derive the
//! canvases, patterns and findings; [`words`] puts figures into words;
//! [`render`] draws maps, canvases, charts and pages; [`report`] gathers a
//! report folder in memory. The [`cli`] module is the only place that prints,
//! writes files or chooses exit codes. [`code`] and [`catalogue`] are leaves:
//! the diagnostic and finding codes every stage may name.

pub mod analysis;
pub mod canvas;
pub mod catalogue;
pub mod classify;
pub mod cli;
pub mod code;
pub(crate) mod csr;
pub mod diagnostic;
pub mod export;
pub mod findings;
pub mod generate;
pub mod import;
pub mod index;
pub mod live;
pub mod load;
pub mod model;
pub mod network;
pub mod render;
pub mod report;
pub(crate) mod resolved;
pub(crate) mod suggest;
pub mod syntax;
pub(crate) mod validate;
pub mod whatif;
pub mod words;

pub use load::{load_file, load_source, LoadError};
pub use validate::ValueDesign;
