//! Located diagnostics for users: what is wrong, where (file, line, column,
//! the source line with a caret) and what to do; rendered for people
//! (codespan-reporting) or as JSON.

use crate::code::DiagnosticCode;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use serde::Serialize;

/// A source text with the name users know it by (its path as given).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it.
    pub name: String,
    /// The whole text.
    pub text: String,
}

/// A line and column, both counted from 1; the column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

impl LineCol {
    /// The line and column of byte `offset` in `text`. A line ends at a
    /// line feed, a carriage return and line feed, or a lone carriage
    /// return (old Mac files).
    pub fn of(text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let bytes = text.as_bytes();
        let mut line = 1;
        let mut line_start = 0;
        for (i, &b) in bytes[..offset].iter().enumerate() {
            let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends {
                line += 1;
                line_start = i + 1;
            }
        }
        LineCol {
            line,
            column: text[line_start..offset].chars().count() + 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable code (`unknown-id`, `follows-cycle`, ...), documented in the README.
    pub code: DiagnosticCode,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file's name as given.
    pub file: String,
    /// Where it starts, when it has a place in the file.
    pub start: Option<LineCol>,
    /// Where it ends.
    pub end: Option<LineCol>,
    /// Byte span in the file.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// Short text under the caret.
    pub label: String,
    /// A second place that explains the first (the earlier duplicate, say).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Related>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// A secondary place in the same file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    /// Where.
    pub start: LineCol,
    /// Byte span.
    #[serde(skip)]
    pub span: Range<usize>,
    /// What it shows.
    pub label: String,
}

impl Diagnostic {
    /// A diagnostic at `span` of `file` (or for the whole file when `None`).
    pub fn new(
        file: &SourceFile,
        code: DiagnosticCode,
        message: String,
        span: Option<Range<usize>>,
        label: String,
    ) -> Self {
        let span = span.map(|s| clamp_span(&file.text, s));
        Diagnostic {
            code,
            message,
            file: file.name.clone(),
            start: span.as_ref().map(|s| LineCol::of(&file.text, s.start)),
            end: span.as_ref().map(|s| LineCol::of(&file.text, s.end)),
            span,
            label,
            related: None,
            help: None,
        }
    }

    /// Adds what to do.
    pub(crate) fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Adds a related place.
    pub(crate) fn with_related(
        mut self,
        file: &SourceFile,
        span: Range<usize>,
        label: String,
    ) -> Self {
        let span = clamp_span(&file.text, span);
        self.related = Some(Related {
            start: LineCol::of(&file.text, span.start),
            span,
            label,
        });
        self
    }

    /// Renders this diagnostic as rustc-style text: `error[code]: message`,
    /// `--> file:line:col`, the source line with a caret, and the help.
    pub fn render(&self, file: &SourceFile) -> String {
        // Control characters (a binary file, say) must not reach the terminal.
        // Each is one byte, so a one-byte stand-in keeps every span's offsets.
        // A lone carriage return (old Mac files) ends a line as a line feed
        // does (codespan reads CR LF itself), so excerpts are lines whatever
        // the file's line endings.
        let shown: std::borrow::Cow<str> = if file
            .text
            .bytes()
            .any(|b| b < 0x20 && !matches!(b, b'\n' | b'\t') || b == 0x7f)
        {
            let mut chars = file.text.chars().peekable();
            let mut out = String::with_capacity(file.text.len());
            while let Some(c) = chars.next() {
                out.push(match c {
                    '\r' if chars.peek() == Some(&'\n') => '\r',
                    '\r' => '\n',
                    c if c.is_ascii_control() && !matches!(c, '\n' | '\t') => '?',
                    c => c,
                });
            }
            out.into()
        } else {
            file.text.as_str().into()
        };
        let files = SimpleFile::new(file.name.as_str(), shown.as_ref());
        let mut d = CsDiagnostic::error()
            .with_code(self.code)
            .with_message(&self.message);
        let mut labels = Vec::new();
        if let Some(span) = &self.span {
            labels.push(Label::primary((), span.clone()).with_message(&self.label));
        }
        if let Some(r) = &self.related {
            labels.push(Label::secondary((), r.span.clone()).with_message(&r.label));
        }
        d = d.with_labels(labels);
        let mut notes = Vec::new();
        if self.span.is_none() {
            notes.push(format!("in {}", file.name));
        }
        if let Some(help) = &self.help {
            notes.push(format!("help: {help}"));
        }
        d = d.with_notes(notes);
        let config = Config::default();
        term::emit_into_string(&config, &files, &d)
            .unwrap_or_else(|_| format!("error[{}]: {}\n", self.code, self.message))
    }
}

/// Keeps a span inside the text and on character boundaries; an empty span
/// at the end of a line is widened to one character so the caret shows.
fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    if end == start && start < text.len() {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    start..end
}

/// Renders every diagnostic of one file, separated by blank lines.
pub fn render_all(file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(file))
        .collect::<Vec<_>>()
        .join("")
}

#[cfg(test)]
mod tests {
    use super::LineCol;

    #[test]
    fn line_and_column_count_characters_from_one() {
        let text = "ab\ncé\nx";
        assert_eq!(LineCol::of(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(LineCol::of(text, 3), LineCol { line: 2, column: 1 });
        // 'é' is two bytes: offset 6 is the character after it, column 3.
        assert_eq!(LineCol::of(text, 6), LineCol { line: 2, column: 3 });
        assert_eq!(LineCol::of(text, 7), LineCol { line: 3, column: 1 });
    }
}
