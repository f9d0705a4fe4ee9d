//! The codes of the loader's diagnostics: stable, shown in brackets
//! (`error[unknown-id]`), in JSON and in docs/format.md. A leaf: the reader,
//! the validator and the diagnostics all name them.

use serde::Serialize;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// What kind of problem a diagnostic reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DiagnosticCode {
            $($(#[$doc])* $variant,)*
        }

        impl DiagnosticCode {
            /// Every code, in the order of docs/format.md.
            pub const ALL: &'static [DiagnosticCode] = &[$(DiagnosticCode::$variant,)*];

            /// The code as written: `unknown-id`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(DiagnosticCode::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    /// The text is not RON; reading stops here.
    Syntax => "syntax",
    /// The file is not UTF-8.
    Encoding => "encoding",
    /// The file cannot be read.
    Io => "io",
    /// A field that does not exist.
    UnknownField => "unknown-field",
    /// A field given twice.
    DuplicateField => "duplicate-field",
    /// A required field is missing.
    MissingField => "missing-field",
    /// A value of the wrong type.
    WrongType => "wrong-type",
    /// A kind, flow, cadence, role or model that does not exist.
    UnknownVariant => "unknown-variant",
    /// A reference to a node or exchange that does not exist.
    UnknownId => "unknown-id",
    /// A what-if path (`--set`, a scenario's `set`) that names no number.
    UnknownPath => "unknown-path",
    /// A reference to a driver that does not exist.
    UnknownDriver => "unknown-driver",
    /// Two entries of one kind with one id.
    DuplicateId => "duplicate-id",
    /// An empty id.
    EmptyId => "empty-id",
    /// A negative `count`.
    NegativeCount => "negative-count",
    /// NaN, infinity, or a number too large to hold.
    NonFinite => "non-finite",
    /// A number out of its range, or a field not allowed here.
    InvalidValue => "invalid-value",
    /// A figure the numbers would make too large to add up exactly (above 1e15).
    TooLarge => "too-large",
    /// An exchange with both `per` and `follows`.
    PerAndFollows => "per-and-follows",
    /// `follows` links that loop.
    FollowsCycle => "follows-cycle",
    /// `parent` links that loop.
    ParentCycle => "parent-cycle",
    /// An exchange from a node to itself.
    SelfExchange => "self-exchange",
    /// A cost with both or neither of `cadence` and `per_exchange`.
    CostCadence => "cost-cadence",
    /// An extract that names nothing.
    EmptyExtract => "empty-extract",
    /// A finding code that is not in the catalogue.
    UnknownFinding => "unknown-finding",
    /// Reading gave up after too many passes.
    TooManyErrors => "too-many-errors",
    /// Not a problem: the reader's marker that an error was already recorded
    /// (never reported).
    Recorded => "recorded",
}

impl std::fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DiagnosticCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for DiagnosticCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
