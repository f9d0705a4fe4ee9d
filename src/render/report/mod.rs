//! The report's pages: what a report holds ([`parts`]), `index.html`
//! ([`html`]) and `summary.md` (`markdown`).

pub mod html;
pub(crate) mod markdown;
pub mod parts;
