//! The parser's error: what went wrong, where (byte span), what to do, and
//! whether parsing can go on.

use crate::code::DiagnosticCode;
use std::fmt;
use std::ops::Range;

/// A problem found while reading RON text.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Stable code (`syntax`, `unknown-field`, `missing-field`, ...).
    pub code: DiagnosticCode,
    /// What is wrong.
    pub message: String,
    /// Byte span in the source, when known.
    pub span: Option<Range<usize>>,
    /// Short text under the caret.
    pub label: String,
    /// What to do about it.
    pub help: Option<String>,
    /// For an unknown field: the struct it was found in and the field the
    /// help suggests, so callers need not read the words (a misspelt `node:`
    /// at the top level is the `nodes` list, unread).
    pub unknown_field: Option<Box<UnknownField>>,
    /// A syntax error: the rest of the file cannot be read reliably.
    pub(crate) fatal: bool,
    /// Already recorded by an inner level; only unwinds the stack.
    pub(crate) recorded: bool,
    /// Recorded with its list element, which is left out on the next pass.
    pub(crate) marked: bool,
}

/// Where an unknown field was found and what it most likely meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownField {
    /// The struct the field was found in (`Ecosystem`, `Node`...).
    pub in_struct: &'static str,
    /// The closest field it has, if one is close.
    pub closest: Option<&'static str>,
}

impl SyntaxError {
    /// A fatal syntax error at `span`.
    pub(crate) fn syntax(
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        SyntaxError {
            code: DiagnosticCode::Syntax,
            message: message.into(),
            span: Some(span),
            label: label.into(),
            help: None,
            unknown_field: None,
            fatal: true,
            recorded: false,
            marked: false,
        }
    }

    /// A recoverable error at `span`.
    pub(crate) fn recoverable(
        code: DiagnosticCode,
        span: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        SyntaxError {
            code,
            message: message.into(),
            span: Some(span),
            label: label.into(),
            help: None,
            unknown_field: None,
            fatal: false,
            recorded: false,
            marked: false,
        }
    }

    /// Says which unknown field this is about.
    pub(crate) fn with_unknown_field(mut self, field: UnknownField) -> Self {
        self.unknown_field = Some(Box::new(field));
        self
    }

    /// Adds advice on what to do.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The marker that unwinds after an error was recorded.
    pub(crate) fn already_recorded() -> Self {
        SyntaxError {
            code: DiagnosticCode::Recorded,
            message: String::new(),
            span: None,
            label: String::new(),
            help: None,
            unknown_field: None,
            fatal: false,
            recorded: true,
            marked: false,
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SyntaxError {}

impl serde::de::Error for SyntaxError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SyntaxError {
            code: DiagnosticCode::InvalidValue,
            message: msg.to_string(),
            span: None,
            label: "here".to_owned(),
            help: None,
            unknown_field: None,
            fatal: false,
            recorded: false,
            marked: false,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        SyntaxError {
            code: DiagnosticCode::MissingField,
            message: format!("missing field `{field}`"),
            span: None,
            label: format!("`{field}` is required here"),
            help: Some(format!("add `{field}: ...` to this entry")),
            unknown_field: None,
            fatal: false,
            recorded: false,
            marked: false,
        }
    }
}
