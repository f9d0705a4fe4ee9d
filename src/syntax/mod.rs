//! Reading RON text: a fast, span-aware, error-recovering serde deserializer.
//!
//! The `ron` crate stops at the first error and forgets where values were.
//! Strategists need every mistake of a file in one run, each with a line and a
//! column, so this module reads the RON subset our files use (structs, lists,
//! maps, strings, numbers, enums, `Some`/`None`, comments) with its own cursor
//! and drives the serde-derived model types directly:
//!
//! * `de` is the serde `Deserializer`. Recoverable mistakes (an unknown field,
//!   a value of the wrong type, an unknown variant) are recorded and replaced so
//!   parsing goes on; a list element that cannot be built (a missing field) is
//!   recorded and skipped on a further pass. Syntax errors stop the file.
//! * `locate` turns a model path such as `nodes[3].parent` back into a byte
//!   span, so the validator can report located errors without the parser paying
//!   for span bookkeeping on the fast path.
//! * `cursor` is the lexer both of them share.

pub(crate) mod cursor;
pub(crate) mod de;
pub mod error;
pub(crate) mod locate;
pub mod path;

pub use de::{parse, Parsed};
pub use error::{SyntaxError, UnknownField};
pub(crate) use locate::locate;
pub use path::{Path, Seg};
