//! The report's pages: what a report holds ([`parts`]), `index.html`
//! ([`html`], its explorable map `explore`) and `summary.md` (`markdown`),
//! with the section on the ecosystem as a whole (`whole`).

pub(crate) mod explore;
pub mod html;
pub(crate) mod inline;
pub(crate) mod markdown;
pub mod parts;
pub(crate) mod whole;
