//! A derived canvas drawn: the nine blocks or the customer profile as SVG
//! ([`svg`]), and as terminal text or Markdown ([`text`]).

pub mod svg;
pub mod text;
