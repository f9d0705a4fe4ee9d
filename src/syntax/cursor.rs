//! The lexer: a byte cursor over RON text that skips blanks and comments and
//! reads identifiers, strings, numbers and punctuation, with byte offsets.

use std::borrow::Cow;
use std::ops::Range;

use super::error::SyntaxError;

/// What the next token is, judged from its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Peek {
    /// An identifier (`Node`, `Some`, `Once`, `true`, `inf`...).
    Ident,
    /// A string literal.
    Str,
    /// A number literal.
    Num,
    /// One punctuation byte: `( ) [ ] { } : , #`.
    Punct(u8),
    /// End of input.
    Eof,
    /// A byte no token starts with.
    Other(u8),
}

/// A cursor over RON source text.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    src: &'a str,
    bytes: &'a [u8],
    /// Byte offset of the next unread byte.
    pub pos: usize,
    /// How many brackets deep the reader is (bounded by [`MAX_DEPTH`]).
    depth: u32,
    /// Where the last string read starts, if it runs over a line break: a
    /// string left unclosed runs on to the next `"`, and the error shows up
    /// after it, lines later.
    pub last_multiline_string: Option<usize>,
    /// When set, skipping a value records every missing `,` between two
    /// entries of a bracketed group here (`[1 2]`) and goes on: the value of
    /// an unknown field is skipped, but its mistakes are still reported.
    pub(crate) missing_separators: Option<Vec<SyntaxError>>,
}

/// How deeply values may nest; far beyond any value design, it keeps
/// hostile input from exhausting the stack.
pub(crate) const MAX_DEPTH: u32 = 96;

impl<'a> Cursor<'a> {
    /// A cursor at the start of `src`.
    pub fn new(src: &'a str) -> Self {
        // A UTF-8 byte-order mark (Windows editors write one) is not part of the text.
        let pos = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
        Cursor {
            src,
            bytes: src.as_bytes(),
            pos,
            depth: 0,
            last_multiline_string: None,
            missing_separators: None,
        }
    }

    /// The whole source.
    pub fn src(&self) -> &'a str {
        self.src
    }

    /// Enters a nested value; fails past [`MAX_DEPTH`].
    pub(crate) fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError::syntax(
                self.here(),
                "values are nested too deeply",
                "too deep",
            )
            .with_help(format!(
                "a value design nests a few levels; this is over {MAX_DEPTH}"
            )));
        }
        Ok(())
    }

    /// Leaves a nested value.
    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Skips white space and comments (`//` and nested `/* */`).
    pub(crate) fn skip_blank(&mut self) -> Result<(), SyntaxError> {
        loop {
            while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            match (self.bytes.get(self.pos), self.bytes.get(self.pos + 1)) {
                (Some(b'/'), Some(b'/')) => {
                    // To the end of the line, whatever the line ending.
                    while self.pos < self.bytes.len()
                        && !matches!(self.bytes[self.pos], b'\n' | b'\r')
                    {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.bytes.get(self.pos), self.bytes.get(self.pos + 1)) {
                            (None, _) => {
                                return Err(SyntaxError::syntax(
                                    start..start + 2,
                                    "this block comment is never closed",
                                    "opened here",
                                )
                                .with_help("close it with `*/`"));
                            }
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.pos += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// Skips blanks, then says what the next token is.
    pub(crate) fn peek(&mut self) -> Result<Peek, SyntaxError> {
        self.skip_blank()?;
        let Some(&b) = self.bytes.get(self.pos) else {
            return Ok(Peek::Eof);
        };
        Ok(match b {
            b'"' => Peek::Str,
            b'r' if matches!(self.bytes.get(self.pos + 1), Some(b'"' | b'#')) => Peek::Str,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => Peek::Ident,
            b'0'..=b'9' | b'.' => Peek::Num,
            b'-' | b'+' => Peek::Num,
            b'(' | b')' | b'[' | b']' | b'{' | b'}' | b':' | b',' | b'#' => Peek::Punct(b),
            other => Peek::Other(other),
        })
    }

    /// The span of the token (or character) at the cursor, for error messages.
    pub fn here(&mut self) -> Range<usize> {
        let _ = self.skip_blank();
        let start = self.pos;
        let end = match self.src[start..].chars().next() {
            None => start,
            Some(c) if c.is_alphanumeric() || c == '_' => {
                start
                    + self.src[start..]
                        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                        .unwrap_or(self.src.len() - start)
            }
            Some(c) => start + c.len_utf8(),
        };
        start..end
    }

    /// A short quote of the token at the cursor (`end of file` at the end).
    pub(crate) fn describe_here(&mut self) -> String {
        let span = self.here();
        if span.is_empty() {
            "the end of the file".to_owned()
        } else {
            let text = &self.src[span];
            // Control characters are shown escaped, never sent to the terminal.
            let shown: String = text
                .chars()
                .take(40)
                .map(|c| {
                    if c.is_control() {
                        c.escape_default().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            format!("`{shown}`")
        }
    }

    /// Consumes `b` if it is the next token.
    pub(crate) fn eat(&mut self, b: u8) -> Result<bool, SyntaxError> {
        self.skip_blank()?;
        if self.bytes.get(self.pos) == Some(&b) {
            self.pos += 1;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Consumes `b` or fails with "expected `b` ... `context`".
    pub fn expect(&mut self, b: u8, context: &str) -> Result<(), SyntaxError> {
        self.expect_with(b, || context.to_owned())
    }

    /// [`Cursor::expect`] with the context built only on failure.
    pub(crate) fn expect_with(
        &mut self,
        b: u8,
        context: impl FnOnce() -> String,
    ) -> Result<(), SyntaxError> {
        if self.eat(b)? {
            Ok(())
        } else {
            let context = context();
            let found = self.describe_here();
            Err(SyntaxError::syntax(
                self.here(),
                format!("expected `{}` {context}, found {found}", b as char),
                format!("expected `{}`", b as char),
            ))
        }
    }

    /// Reads an identifier; the caller has peeked [`Peek::Ident`].
    pub fn ident(&mut self) -> Result<(&'a str, Range<usize>), SyntaxError> {
        self.skip_blank()?;
        let start = self.pos;
        // Raw identifiers `r#name`.
        if self.bytes.get(self.pos) == Some(&b'r') && self.bytes.get(self.pos + 1) == Some(&b'#') {
            self.pos += 2;
        }
        let name_start = self.pos;
        while self.pos < self.bytes.len()
            && (self.bytes[self.pos].is_ascii_alphanumeric() || self.bytes[self.pos] == b'_')
        {
            self.pos += 1;
        }
        if self.pos == name_start {
            let found = self.describe_here();
            return Err(SyntaxError::syntax(
                self.here(),
                format!("expected a name, found {found}"),
                "expected a name",
            ));
        }
        Ok((&self.src[name_start..self.pos], start..self.pos))
    }

    /// Reads a number literal as text (`12`, `-0.5`, `1e6`, `inf`, `-inf`, `NaN`).
    pub fn number(&mut self) -> Result<(&'a str, Range<usize>), SyntaxError> {
        self.skip_blank()?;
        let start = self.pos;
        if matches!(self.bytes.get(self.pos), Some(b'-' | b'+')) {
            self.pos += 1;
        }
        if self.src[self.pos..].starts_with("inf") {
            self.pos += 3;
            return Ok((&self.src[start..self.pos], start..self.pos));
        }
        while let Some(&b) = self.bytes.get(self.pos) {
            let exponent_sign = matches!(b, b'-' | b'+')
                && matches!(self.bytes.get(self.pos - 1), Some(b'e' | b'E'));
            if b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'_') || exponent_sign {
                self.pos += 1;
            } else {
                break;
            }
        }
        if self.pos == start || (self.pos == start + 1 && !self.bytes[start].is_ascii_digit()) {
            self.pos = start;
            let found = self.describe_here();
            return Err(SyntaxError::syntax(
                self.here(),
                format!("expected a number, found {found}"),
                "expected a number",
            ));
        }
        Ok((&self.src[start..self.pos], start..self.pos))
    }

    /// Reads a string literal (plain with escapes, or raw `r"..."`/`r#"..."#`).
    pub fn string(&mut self) -> Result<(Cow<'a, str>, Range<usize>), SyntaxError> {
        let (text, span) = self.string_literal()?;
        self.last_multiline_string = self.src[span.clone()]
            .contains(['\n', '\r'])
            .then_some(span.start);
        // Text written over several lines has the same line breaks whatever
        // the file's line endings (CR LF, or a lone CR): `\n`.
        if text.contains('\r') {
            let t = text.replace("\r\n", "\n").replace('\r', "\n");
            return Ok((Cow::Owned(t), span));
        }
        Ok((text, span))
    }

    fn string_literal(&mut self) -> Result<(Cow<'a, str>, Range<usize>), SyntaxError> {
        self.skip_blank()?;
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'r') {
            return self.raw_string(start);
        }
        self.pos += 1; // opening quote
        let content_start = self.pos;
        // Fast path: no escapes.
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'"' => {
                    let s = &self.src[content_start..self.pos];
                    self.pos += 1;
                    return Ok((Cow::Borrowed(s), start..self.pos));
                }
                b'\\' => break,
                _ => self.pos += 1,
            }
        }
        let mut out = String::from(&self.src[content_start..self.pos]);
        loop {
            let Some(c) = self.src[self.pos..].chars().next() else {
                return Err(SyntaxError::syntax(
                    start..start + 1,
                    "this string is never closed",
                    "opened here",
                )
                .with_help("add the closing `\"`"));
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok((Cow::Owned(out), start..self.pos));
                }
                '\\' => {
                    let esc_start = self.pos;
                    self.pos += 1;
                    let Some(e) = self.src[self.pos..].chars().next() else {
                        continue;
                    };
                    self.pos += e.len_utf8();
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        '\\' => out.push('\\'),
                        '"' => out.push('"'),
                        '\'' => out.push('\''),
                        'u' => out.push(self.unicode_escape(esc_start)?),
                        other => {
                            return Err(SyntaxError::syntax(
                                esc_start..self.pos,
                                format!("unknown escape `\\{other}` in a string"),
                                "unknown escape",
                            )
                            .with_help(
                                "use \\\\ for a backslash, \\\" for a quote, \\n for a new line",
                            ))
                        }
                    }
                }
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn unicode_escape(&mut self, esc_start: usize) -> Result<char, SyntaxError> {
        let bad = |end: usize| {
            SyntaxError::syntax(esc_start..end, "invalid unicode escape", "invalid escape")
                .with_help("write \\u{1F600} or \\u00e9")
        };
        let (hex, after) = if self.bytes.get(self.pos) == Some(&b'{') {
            let close = self.src[self.pos..]
                .find('}')
                .ok_or_else(|| bad(self.pos))?;
            (
                &self.src[self.pos + 1..self.pos + close],
                self.pos + close + 1,
            )
        } else {
            let end = (self.pos + 4).min(self.src.len());
            (self.src.get(self.pos..end).unwrap_or(""), end)
        };
        let c = u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| bad(after))?;
        self.pos = after;
        Ok(c)
    }

    fn raw_string(&mut self, start: usize) -> Result<(Cow<'a, str>, Range<usize>), SyntaxError> {
        self.pos += 1; // r
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        self.pos += hashes;
        if self.bytes.get(self.pos) != Some(&b'"') {
            return Err(SyntaxError::syntax(
                start..self.pos,
                "expected `\"` after `r#`",
                "raw string",
            ));
        }
        self.pos += 1;
        let content_start = self.pos;
        let closing: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        match self.src[self.pos..].find(&closing) {
            Some(off) => {
                let s = &self.src[content_start..content_start + off];
                self.pos = content_start + off + closing.len();
                Ok((Cow::Borrowed(s), start..self.pos))
            }
            None => Err(SyntaxError::syntax(
                start..content_start,
                "this raw string is never closed",
                "opened here",
            )
            .with_help(format!("close it with `{closing}`"))),
        }
    }

    /// Skips one whole value of any shape, checking only that brackets balance.
    pub(crate) fn skip_value(&mut self) -> Result<Range<usize>, SyntaxError> {
        self.skip_blank()?;
        let start = self.pos;
        match self.peek()? {
            Peek::Str => {
                self.string()?;
            }
            Peek::Num => {
                self.number()?;
            }
            Peek::Ident => {
                self.ident()?;
                if self.peek()? == Peek::Punct(b'(') {
                    self.skip_group(b'(', b')')?;
                }
            }
            Peek::Punct(b'(') => self.skip_group(b'(', b')')?,
            Peek::Punct(b'[') => self.skip_group(b'[', b']')?,
            Peek::Punct(b'{') => self.skip_group(b'{', b'}')?,
            other => {
                let found = self.describe_here();
                let e = SyntaxError::syntax(
                    self.here(),
                    format!("expected a value, found {found}"),
                    "expected a value",
                );
                let first = self.src[self.pos..].chars().next();
                return Err(match other {
                    Peek::Other(b'\'') => {
                        e.with_help("text is written in double quotes: \"like this\"")
                    }
                    _ if matches!(first, Some('“' | '”' | '„' | '«' | '»' | '‘' | '’')) => {
                        e.with_help(
                            "this is a typographic quote, as word processors write them; \
                             write text in straight double quotes: \"like this\"",
                        )
                    }
                    _ if matches!(first, Some('€' | '$' | '£' | '¥')) => e.with_help(
                        "write amounts as plain numbers, without a currency sign \
                         (the file's `currency` names the currency)",
                    ),
                    Peek::Eof => {
                        e.with_help("the file ends here; check that every bracket is closed")
                    }
                    _ => e,
                });
            }
        }
        Ok(start..self.pos)
    }

    /// Skips a bracketed group, the cursor being on `open`.
    fn skip_group(&mut self, open: u8, close: u8) -> Result<(), SyntaxError> {
        let open_at = self.pos;
        self.expect(open, "")?;
        self.enter()?;
        let r = self.skip_group_rest(open_at, open, close);
        self.leave();
        r
    }

    fn skip_group_rest(&mut self, open_at: usize, open: u8, close: u8) -> Result<(), SyntaxError> {
        // Whether an entry was just skipped: a `,` (or the `:` after a key)
        // must come before the next.
        let mut after_entry = false;
        loop {
            match self.peek()? {
                Peek::Punct(b) if b == close => {
                    self.pos += 1;
                    return Ok(());
                }
                Peek::Punct(b',' | b':') => {
                    self.pos += 1;
                    after_entry = false;
                }
                Peek::Eof => {
                    return Err(SyntaxError::syntax(
                        open_at..open_at + 1,
                        format!("this `{}` is never closed", open as char),
                        "opened here",
                    )
                    .with_help(format!("add the matching `{}`", close as char)))
                }
                _ => {
                    if after_entry && self.missing_separators.is_some() {
                        let found = self.describe_here();
                        let e = SyntaxError::recoverable(
                            crate::code::DiagnosticCode::Syntax,
                            self.here(),
                            format!("expected `,` or `{}`, found {found}", close as char),
                            "expected `,` here",
                        )
                        .with_help(
                            "separate entries with commas; check for a missing comma just before",
                        );
                        if let Some(v) = self.missing_separators.as_mut() {
                            v.push(e);
                        }
                    }
                    self.skip_value()?;
                    after_entry = true;
                }
            }
        }
    }
}
