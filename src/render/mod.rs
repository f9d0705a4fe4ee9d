//! Turning results into pictures and text for people: the value-design map,
//! the canvases, the charts and the report's HTML and Markdown, with the
//! shared pieces they draw with (fonts, escaping, plotters helpers, the
//! palette). Pure: returns strings and bytes; the CLI writes them.
//!
//! Layout computes every coordinate and outline into plain data
//! ([`map::layout`]); drawing only reads it ([`map::svg`]).

pub mod canvas;
pub mod charts;
pub mod compare;
pub mod draw;
pub mod error;
pub(crate) mod escape;
pub mod fonts;
pub mod geometry;
pub mod json;
pub mod map;
pub(crate) mod palette;
pub mod png;
pub mod report;
pub mod sensitivity;
pub(crate) mod sharing_chart;
pub mod svg_backend;
pub mod tornado;
pub mod uncertainty;
pub mod unit_economics;
pub mod whole_json;

pub use error::RenderError;
