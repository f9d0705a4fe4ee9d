//! The recovering serde deserializer over [`Cursor`].
//!
//! Recovery policy, in order of preference:
//! 1. a scalar of the wrong type, an unknown field, a duplicate field or an
//!    unknown enum variant is recorded, then replaced (by a default, by nothing,
//!    by the first variant) so the rest of the entry is still checked;
//! 2. an entry that cannot be built at all (a missing field, a struct where a
//!    number was due) is recorded with its list element, and the file is read
//!    again with that element left out, so later entries are checked too;
//! 3. a syntax error stops the file: after it nothing can be located reliably.

use crate::code::DiagnosticCode;
use std::collections::HashSet;
use std::ops::Range;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use super::cursor::{Cursor, Peek};
use super::error::{SyntaxError, UnknownField};
use crate::suggest::did_you_mean;

/// How many times a file is re-read to get past entries that cannot be built.
const MAX_PASSES: usize = 64;

/// What [`parse`] returns: the value (when the file could be read to its end),
/// every problem found, and the list elements that were left out.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The value, possibly with recovered defaults; `None` after a fatal error.
    pub value: Option<T>,
    /// Every problem found, in source order.
    pub errors: Vec<SyntaxError>,
    /// Start offsets of list elements left out because they could not be built.
    pub skipped: HashSet<usize>,
}

/// Reads a `T` from RON text, collecting every problem rather than stopping at the first.
pub fn parse<T: DeserializeOwned>(src: &str) -> Parsed<T> {
    let mut skipped = HashSet::new();
    let mut element_errors = Vec::new();
    for _ in 0..MAX_PASSES {
        let mut p = Parser::new(src, &skipped);
        let result = p
            .skip_attributes()
            .and_then(|()| T::deserialize(&mut p))
            .and_then(|v| {
                p.end()?;
                Ok(v)
            });
        element_errors.append(&mut p.failed_errors);
        let multiline = p.cur.last_multiline_string;
        let failed = std::mem::take(&mut p.failed);
        let mut pass_errors = std::mem::take(&mut p.errors);
        drop(p);
        let progress = !failed.is_empty();
        skipped.extend(failed);
        let (value, last) = match result {
            Ok(v) => (Some(v), None),
            Err(e) if e.fatal => (None, Some(unclosed_string_hint(e, src, multiline))),
            Err(_) if progress => continue,
            Err(e) if e.recorded || e.marked => (None, None),
            Err(e) => (None, Some(e)),
        };
        let mut errors = element_errors;
        errors.append(&mut pass_errors);
        errors.extend(last.map(|e| with_default_span(e, 0..0)));
        errors.sort_by_key(|e| e.span.as_ref().map_or(0, |s| s.start));
        return Parsed {
            value,
            errors,
            skipped,
        };
    }
    element_errors.push(
        SyntaxError::recoverable(
            DiagnosticCode::TooManyErrors,
            0..0,
            format!("more than {MAX_PASSES} entries could not be read; stopped here"),
            "file",
        )
        .with_help("fix the errors above and run again"),
    );
    Parsed {
        value: None,
        errors: element_errors,
        skipped,
    }
}

/// A syntax error after a string that ran over a line break is most likely
/// that string left unclosed: say so, with the line it opens on.
fn unclosed_string_hint(mut e: SyntaxError, src: &str, multiline: Option<usize>) -> SyntaxError {
    if let (Some(start), Some(span)) = (multiline, e.span.as_ref()) {
        if start < span.start {
            let line = crate::diagnostic::LineCol::of(src, start).line;
            e.help = Some(format!(
                "the text opened with `\"` on line {line} runs on to the next lines: \
                 is its closing `\"` missing? (text runs until the next `\"`)"
            ));
        }
    }
    e
}

fn with_default_span(mut e: SyntaxError, span: Range<usize>) -> SyntaxError {
    if e.span.is_none() {
        e.span = Some(span);
    }
    e
}

/// The deserializer state for one pass over the text.
pub(crate) struct Parser<'a, 's> {
    cur: Cursor<'a>,
    skip: &'s HashSet<usize>,
    /// Recoverable problems recorded in this pass.
    errors: Vec<SyntaxError>,
    /// List elements that could not be built in this pass (their start offsets).
    failed: Vec<usize>,
    /// The problems belonging to those elements.
    failed_errors: Vec<SyntaxError>,
}

impl<'a, 's> Parser<'a, 's> {
    fn new(src: &'a str, skip: &'s HashSet<usize>) -> Self {
        Parser {
            cur: Cursor::new(src),
            skip,
            errors: Vec::new(),
            failed: Vec::new(),
            failed_errors: Vec::new(),
        }
    }

    /// Skips `#![enable(...)]` attributes at the top of a file.
    fn skip_attributes(&mut self) -> Result<(), SyntaxError> {
        if self.cur.peek()? == Peek::Eof {
            return Err(SyntaxError::syntax(
                self.cur.pos..self.cur.pos,
                "the file holds no value design",
                "empty",
            )
            .with_help("a value design starts with `Ecosystem(name: \"...\", nodes: [...], exchanges: [...])`; see docs/format.md"));
        }
        while self.cur.peek()? == Peek::Punct(b'#') {
            self.cur.pos += 1;
            self.cur.eat(b'!')?;
            self.cur.skip_value()?;
        }
        Ok(())
    }

    /// Checks that nothing but blanks follows the top-level value.
    fn end(&mut self) -> Result<(), SyntaxError> {
        if self.cur.peek()? == Peek::Eof {
            return Ok(());
        }
        let found = self.cur.describe_here();
        Err(SyntaxError::syntax(
            self.cur.here(),
            format!("unexpected {found} after the end of the ecosystem"),
            "unexpected text",
        )
        .with_help("a file holds exactly one `Ecosystem(...)`; remove what follows it or check the brackets"))
    }

    fn record(&mut self, e: SyntaxError) {
        self.errors.push(e);
    }

    /// After a list/map/struct element: a `,` or the closing bracket must follow.
    fn after_element(&mut self, open: usize, close: u8) -> Result<(), SyntaxError> {
        if self.cur.eat(b',')? || self.cur.peek()? == Peek::Punct(close) {
            return Ok(());
        }
        if self.cur.peek()? == Peek::Eof {
            return Err(SyntaxError::syntax(
                open..open + 1,
                format!(
                    "the file ends before this is closed with `{}`",
                    close as char
                ),
                "this is never closed",
            )
            .with_help("check that every bracket is closed"));
        }
        let found = self.cur.describe_here();
        let here = self.cur.pos;
        let src = self.cur.src();
        let after_digit = src[..here]
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit());
        let help = match src[here..].chars().next() {
            Some('%') => "write a percentage as a fraction: 10% is 0.1, 40% is 0.4".to_owned(),
            Some(c) if c.is_ascii_digit() && after_digit => {
                "write numbers without spaces or separators: 60000, not 60 000".to_owned()
            }
            _ => "separate entries with commas; check for a missing comma or bracket just before"
                .to_owned(),
        };
        Err(SyntaxError::syntax(
            self.cur.here(),
            format!("expected `,` or `{}`, found {found}", close as char),
            "expected `,` here",
        )
        .with_help(help))
    }

    /// What kind of value is at the cursor, in words.
    fn describe_value(&mut self) -> Result<String, SyntaxError> {
        Ok(match self.cur.peek()? {
            Peek::Str => "a string".to_owned(),
            Peek::Num => "a number".to_owned(),
            Peek::Ident => self.cur.describe_here(),
            Peek::Punct(b'[') => "a list `[...]`".to_owned(),
            Peek::Punct(b'{') => "a map `{...}`".to_owned(),
            Peek::Punct(b'(') => "a parenthesised value".to_owned(),
            _ => self.cur.describe_here(),
        })
    }

    /// Records "expected X, found Y" and skips the offending value.
    fn mismatch(&mut self, expected: &str) -> Result<(), SyntaxError> {
        let found = self.describe_value()?;
        let is_ident = self.cur.peek()? == Peek::Ident;
        let span = self.cur.skip_value()?;
        let mut e = SyntaxError::recoverable(
            DiagnosticCode::WrongType,
            span.clone(),
            format!("expected {expected}, found {found}"),
            format!("expected {expected}"),
        );
        let is_str = self.cur.src()[span.clone()].starts_with('"');
        if is_str && (expected.contains("number") || expected.starts_with("one of")) {
            let inner = self.cur.src()[span.clone()].trim_matches('"').trim();
            let plain: String = inner
                .chars()
                .filter(|c| !matches!(c, ',' | ' ' | '_'))
                .collect();
            let numeric = plain.parse::<f64>().is_ok_and(f64::is_finite);
            let word = !inner.is_empty() && inner.chars().all(|c| c.is_alphanumeric() || c == '_');
            if expected.contains("number") && numeric {
                e = e.with_help(format!("write it without quotes: {plain}"));
            } else if expected.contains("number") {
                e = e.with_help(format!(
                    "write a number in digits, without quotes (such as 5, 60000 or 0.4), not \"{inner}\""
                ));
            } else if word {
                e = e.with_help(format!("write it without quotes: {inner}"));
            }
        }
        if is_ident && expected.contains("string") {
            let text = &self.cur.src()[span];
            e = e.with_help(format!("write text in double quotes: \"{text}\""));
        }
        self.record(e);
        Ok(())
    }

    fn parse_number(&mut self) -> Result<Option<(&'a str, Range<usize>)>, SyntaxError> {
        match self.cur.peek()? {
            Peek::Num => Ok(Some(self.cur.number()?)),
            Peek::Ident => {
                let save = self.cur.pos;
                let (name, span) = self.cur.ident()?;
                if matches!(name, "inf" | "NaN") {
                    Ok(Some((name, span)))
                } else {
                    self.cur.pos = save;
                    Ok(None)
                }
            }
            _ => Ok(None),
        }
    }

    fn float(&mut self) -> Result<f64, SyntaxError> {
        let Some((text, span)) = self.parse_number()? else {
            self.mismatch("a number")?;
            return Ok(0.0);
        };
        let cleaned: std::borrow::Cow<str> = if text.contains('_') {
            text.replace('_', "").into()
        } else {
            text.into()
        };
        match cleaned.parse::<f64>() {
            Ok(v) => Ok(v),
            Err(_) => {
                self.record(
                    SyntaxError::recoverable(
                        DiagnosticCode::WrongType,
                        span,
                        format!("`{text}` is not a number"),
                        "not a number",
                    )
                    .with_help("write a number such as 12.5, -3 or 1e6"),
                );
                Ok(0.0)
            }
        }
    }

    fn integer(&mut self, signed: bool) -> Result<i128, SyntaxError> {
        let Some((text, span)) = self.parse_number()? else {
            self.mismatch("a whole number")?;
            return Ok(0);
        };
        let cleaned = text.replace('_', "");
        match cleaned.parse::<i128>() {
            Ok(v) if v < 0 && !signed => {
                self.record(
                    SyntaxError::recoverable(
                        DiagnosticCode::InvalidValue,
                        span,
                        format!("`{text}` is negative"),
                        "must not be negative",
                    )
                    .with_help("write a whole number of 0 or more"),
                );
                Ok(0)
            }
            Ok(v) => Ok(v),
            Err(_) => {
                self.record(
                    SyntaxError::recoverable(
                        DiagnosticCode::WrongType,
                        span,
                        format!("expected a whole number, found `{text}`"),
                        "expected a whole number",
                    )
                    .with_help("write it without a decimal point, such as 3"),
                );
                Ok(0)
            }
        }
    }

    fn string(&mut self) -> Result<Option<std::borrow::Cow<'a, str>>, SyntaxError> {
        if self.cur.peek()? == Peek::Str {
            Ok(Some(self.cur.string()?.0))
        } else {
            self.mismatch("a string in double quotes")?;
            Ok(None)
        }
    }

    /// Reads an optional struct name and the opening parenthesis.
    /// Returns false (after recording) when there is no struct here at all.
    fn struct_open(&mut self, name: &str) -> Result<bool, SyntaxError> {
        let save = self.cur.pos;
        if self.cur.peek()? == Peek::Ident {
            let (found, span) = self.cur.ident()?;
            if self.cur.peek()? != Peek::Punct(b'(') {
                self.cur.pos = save;
                self.mismatch(&format!("`{name}(...)`"))?;
                return Ok(false);
            }
            if found != name {
                self.record(
                    SyntaxError::recoverable(
                        DiagnosticCode::WrongType,
                        span,
                        format!("expected `{name}(...)`, found `{found}(...)`"),
                        format!("expected `{name}`"),
                    )
                    .with_help(format!("write `{name}(` here")),
                );
            }
        }
        if self.cur.peek()? != Peek::Punct(b'(') {
            self.mismatch(&format!("`{name}(...)`"))?;
            return Ok(false);
        }
        self.cur.pos += 1;
        Ok(true)
    }
}

impl<'de, 'a, 's> de::Deserializer<'de> for &mut Parser<'a, 's> {
    type Error = SyntaxError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        match self.cur.peek()? {
            Peek::Str => match self.cur.string()?.0 {
                std::borrow::Cow::Borrowed(s) => visitor.visit_str(s),
                std::borrow::Cow::Owned(s) => visitor.visit_string(s),
            },
            Peek::Num => visitor.visit_f64(self.float()?),
            Peek::Punct(b'[') => self.deserialize_seq(visitor),
            Peek::Punct(b'{') => self.deserialize_map(visitor),
            Peek::Ident => {
                let save = self.cur.pos;
                let (name, _) = self.cur.ident()?;
                match name {
                    "true" => visitor.visit_bool(true),
                    "false" => visitor.visit_bool(false),
                    "None" | "Some" => {
                        self.cur.pos = save;
                        self.deserialize_option(visitor)
                    }
                    "inf" | "NaN" => {
                        self.cur.pos = save;
                        visitor.visit_f64(self.float()?)
                    }
                    _ => {
                        self.cur.pos = save;
                        self.cur.skip_value()?;
                        visitor.visit_unit()
                    }
                }
            }
            _ => {
                self.cur.skip_value()?;
                visitor.visit_unit()
            }
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        if self.cur.peek()? == Peek::Ident {
            let save = self.cur.pos;
            match self.cur.ident()?.0 {
                "true" => return visitor.visit_bool(true),
                "false" => return visitor.visit_bool(false),
                _ => self.cur.pos = save,
            }
        }
        self.mismatch("`true` or `false`")?;
        visitor.visit_bool(false)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SyntaxError> {
        self.deserialize_i64(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SyntaxError> {
        self.deserialize_i64(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SyntaxError> {
        self.deserialize_i64(v)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        let v = self.integer(true)?;
        visitor.visit_i64(v.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SyntaxError> {
        self.deserialize_u64(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, SyntaxError> {
        self.deserialize_u64(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        let start = self.cur.here().start;
        let v = self.integer(false)?;
        if v > u32::MAX as i128 {
            self.record(
                SyntaxError::recoverable(
                    DiagnosticCode::InvalidValue,
                    start..self.cur.pos,
                    format!("{v} is too large"),
                    "too large",
                )
                .with_help(format!("the largest value here is {}", u32::MAX)),
            );
            return visitor.visit_u32(0);
        }
        visitor.visit_u32(v as u32)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        let v = self.integer(false)?;
        visitor.visit_u64(v.clamp(0, u64::MAX as i128) as u64)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        visitor.visit_f32(self.float()? as f32)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        let s = self.string()?.unwrap_or_default();
        visitor.visit_char(s.chars().next().unwrap_or(' '))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        match self.string()? {
            Some(std::borrow::Cow::Borrowed(s)) => visitor.visit_str(s),
            Some(std::borrow::Cow::Owned(s)) => visitor.visit_string(s),
            None => visitor.visit_str(""),
        }
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        self.deserialize_str(visitor)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        self.deserialize_str(visitor)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        if self.cur.peek()? == Peek::Ident {
            let save = self.cur.pos;
            match self.cur.ident()?.0 {
                "None" => return visitor.visit_none(),
                "Some" if self.cur.peek()? == Peek::Punct(b'(') => {
                    self.cur.pos += 1;
                    self.cur.enter()?;
                    let v = visitor.visit_some(&mut *self);
                    self.cur.leave();
                    let v = v?;
                    self.cur.expect(b')', "to close `Some(`")?;
                    return Ok(v);
                }
                _ => self.cur.pos = save,
            }
        }
        // A bare value is read as `Some(value)`, as RON's `implicit_some` does.
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        if self.cur.eat(b'(')? {
            self.cur.expect(b')', "for the empty value `()`")?;
        } else {
            self.mismatch("`()`")?;
        }
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, SyntaxError> {
        self.cur.skip_value()?;
        visitor.visit_unit()
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, SyntaxError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        let open = self.cur.here().start;
        if !self.cur.eat(b'[')? {
            self.mismatch("a list `[...]`")?;
            return visitor.visit_seq(Empty);
        }
        self.cur.enter()?;
        let r = visitor.visit_seq(Elements {
            p: &mut *self,
            open,
            close: b']',
        });
        self.cur.leave();
        r
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, SyntaxError> {
        let open = self.cur.here().start;
        if !self.cur.eat(b'(')? {
            self.mismatch("a tuple `(...)`")?;
            return Err(SyntaxError::already_recorded());
        }
        visitor.visit_seq(Elements {
            p: self,
            open,
            close: b')',
        })
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, SyntaxError> {
        if self.cur.peek()? == Peek::Ident {
            self.cur.ident()?;
        }
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        let open = self.cur.here().start;
        if !self.cur.eat(b'{')? {
            self.mismatch("a map `{...}`")?;
            return visitor.visit_map(Empty);
        }
        self.cur.enter()?;
        let r = visitor.visit_map(Entries {
            p: &mut *self,
            open,
        });
        self.cur.leave();
        r
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, SyntaxError> {
        let start = self.cur.here().start;
        if !self.struct_open(name)? {
            return Err(SyntaxError::already_recorded());
        }
        let head = start..self.cur.pos;
        self.cur.enter()?;
        let mut suggested = Vec::new();
        let result = visitor.visit_map(Fields {
            p: &mut *self,
            name,
            fields,
            seen: 0,
            open: head.end - 1,
            suggested: &mut suggested,
        });
        self.cur.leave();
        match result {
            Ok(v) => Ok(v),
            Err(e) if e.fatal || e.recorded || e.marked => Err(e),
            Err(mut e) => {
                // serde's own complaint (a missing field): place it on the struct's head
                // and make sure the cursor is past the struct.
                self.cur.pos = start;
                self.cur.skip_value()?;
                if e.code == DiagnosticCode::MissingField {
                    let field = e.message.split('`').nth(1).unwrap_or("").to_owned();
                    if suggested.contains(&field.as_str()) {
                        // "unknown field `valeu`, did you mean `value`?" already says it.
                        return Err(SyntaxError::already_recorded());
                    }
                    let who = super::locate::field_string(self.cur.src(), start, "id")
                        .map(|id| format!(" `{id}`"))
                        .unwrap_or_default();
                    e.message = format!("{name}{who} is missing the field `{field}`");
                    e.help = Some(format!(
                        "every {name} needs `{field}`; add `{field}: ...` inside the parentheses"
                    ));
                }
                Err(with_default_span(e, head))
            }
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, SyntaxError> {
        if self.cur.peek()? != Peek::Ident {
            self.mismatch(&format!("one of {}", list_names(variants)))?;
            return visitor.visit_enum(FallbackVariant { name: variants[0] });
        }
        let (found, span) = self.cur.ident()?;
        if let Some(i) = position(variants, found) {
            return visitor.visit_enum(Variant {
                p: self,
                name: variants[i],
                index: i as u32,
            });
        }
        let mut e = SyntaxError::recoverable(
            DiagnosticCode::UnknownVariant,
            span,
            format!("unknown {} `{found}`", enum_noun(name)),
            format!("not a {}", enum_noun(name)),
        );
        e = e.with_help(match did_you_mean(found, variants.iter().copied()) {
            Some(best) => format!(
                "did you mean `{best}`? The choices are {}",
                list_names(variants)
            ),
            None => format!("the choices are {}", list_names(variants)),
        });
        self.record(e);
        if self.cur.peek()? == Peek::Punct(b'(') {
            self.cur.skip_value()?;
        }
        visitor.visit_enum(FallbackVariant { name: variants[0] })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, SyntaxError> {
        self.cur.skip_value()?;
        visitor.visit_unit()
    }
}

/// Index of `name` in `names`; lengths and first bytes are compared before the text.
#[inline]
fn position(names: &[&str], name: &str) -> Option<usize> {
    let first = name.as_bytes().first()?;
    names
        .iter()
        .position(|n| n.len() == name.len() && n.as_bytes()[0] == *first && *n == name)
}

/// The noun users know for each enum of the model.
fn enum_noun(name: &str) -> String {
    match name {
        "NodeKind" => "node kind".to_owned(),
        "Flow" => "flow kind".to_owned(),
        "Cadence" => "cadence".to_owned(),
        "IotRole" => "IoT role".to_owned(),
        "RevenueModel" => "revenue model".to_owned(),
        "Severity" => "severity".to_owned(),
        other => other.to_owned(),
    }
}

fn list_names(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// Elements of a list (or tuple), with per-element recovery.
struct Elements<'p, 'a, 's> {
    p: &'p mut Parser<'a, 's>,
    /// Offset of the opening bracket, to point at when it is never closed.
    open: usize,
    close: u8,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, '_, '_> {
    type Error = SyntaxError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, SyntaxError> {
        loop {
            if self.p.cur.eat(self.close)? {
                return Ok(None);
            }
            if self.p.cur.peek()? == Peek::Eof {
                return Err(SyntaxError::syntax(
                    self.open..self.open + 1,
                    format!(
                        "the file ends before this list is closed with `{}`",
                        self.close as char
                    ),
                    "this is never closed",
                )
                .with_help("check that every bracket is closed"));
            }
            let start = self.p.cur.pos;
            if self.p.skip.contains(&start) {
                self.p.cur.skip_value()?;
                self.p.after_element(self.open, self.close)?;
                continue;
            }
            let mark = self.p.errors.len();
            return match seed.deserialize(&mut *self.p) {
                Ok(v) => {
                    self.p.after_element(self.open, self.close)?;
                    Ok(Some(v))
                }
                Err(e) if e.fatal || e.marked => Err(e),
                Err(e) => {
                    // This element cannot be built: keep its problems, leave it out next pass.
                    let mut own = self.p.errors.split_off(mark);
                    if !e.recorded {
                        own.push(with_default_span(e, start..start + 1));
                    }
                    self.p.failed_errors.append(&mut own);
                    self.p.failed.push(start);
                    let mut unwind = SyntaxError::already_recorded();
                    unwind.marked = true;
                    Err(unwind)
                }
            };
        }
    }
}

/// Entries of a `{ key: value }` map.
struct Entries<'p, 'a, 's> {
    p: &'p mut Parser<'a, 's>,
    open: usize,
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_, '_> {
    type Error = SyntaxError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, SyntaxError> {
        if self.p.cur.eat(b'}')? {
            return Ok(None);
        }
        let key = seed.deserialize(&mut *self.p)?;
        self.p.cur.expect(b':', "between a key and its value")?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, SyntaxError> {
        let v = seed.deserialize(&mut *self.p)?;
        self.p.after_element(self.open, b'}')?;
        Ok(v)
    }
}

/// Fields of a `Name(field: value, ...)` struct, checked against the known fields.
struct Fields<'p, 'a, 's> {
    p: &'p mut Parser<'a, 's>,
    name: &'static str,
    fields: &'static [&'static str],
    seen: u64,
    /// Offset of the opening parenthesis.
    open: usize,
    /// Fields suggested for unknown keys, so a missing one is not reported twice.
    suggested: &'p mut Vec<&'static str>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, '_, '_> {
    type Error = SyntaxError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, SyntaxError> {
        loop {
            match self.p.cur.peek()? {
                Peek::Punct(b')') => {
                    self.p.cur.pos += 1;
                    return Ok(None);
                }
                Peek::Ident => {}
                Peek::Eof => {
                    return Err(SyntaxError::syntax(
                        self.open..self.open + 1,
                        format!("the file ends before this {} is closed with `)`", self.name),
                        "this is never closed",
                    )
                    .with_help("close it with `)`"))
                }
                other => {
                    let found = self.p.cur.describe_here();
                    let help = if other == Peek::Num {
                        "numbers are written without thousands separators, such as 400000.0; \
                         fields are written `name: value`, separated by commas"
                    } else {
                        "fields are written `name: value`, separated by commas"
                    };
                    return Err(SyntaxError::syntax(
                        self.p.cur.here(),
                        format!(
                            "expected a field name or `)` in {}, found {found}",
                            self.name
                        ),
                        "expected a field name",
                    )
                    .with_help(help));
                }
            }
            let (key, span) = self.p.cur.ident()?;
            // The context is formatted only when the `:` is missing.
            self.p
                .cur
                .expect_with(b':', || format!("after the field name `{key}`"))?;
            match position(self.fields, key) {
                Some(i) if self.seen & (1 << i) != 0 => {
                    self.p.record(
                        SyntaxError::recoverable(
                            DiagnosticCode::DuplicateField,
                            span,
                            format!("the field `{key}` is given twice in this {}", self.name),
                            "given again here",
                        )
                        .with_help("keep one of them"),
                    );
                }
                Some(i) => {
                    self.seen |= 1 << i;
                    // serde's derived field visitors take the field's index: no second string match.
                    return seed.deserialize((i as u64).into_deserializer()).map(Some);
                }
                None => {
                    let closest = did_you_mean(key, self.fields.iter().copied());
                    let help = match closest {
                        Some(best) => {
                            self.suggested.push(best);
                            format!(
                                "did you mean `{best}`? {} fields are {}",
                                self.name,
                                list_names(self.fields)
                            )
                        }
                        None => format!("{} fields are {}", self.name, list_names(self.fields)),
                    };
                    self.p.record(
                        SyntaxError::recoverable(
                            DiagnosticCode::UnknownField,
                            span,
                            format!("unknown field `{key}` in {}", self.name),
                            "unknown field",
                        )
                        .with_help(help)
                        .with_unknown_field(UnknownField {
                            in_struct: self.name,
                            closest,
                        }),
                    );
                }
            }
            // Skipped, but a missing comma inside it is still reported.
            self.p.cur.missing_separators = Some(Vec::new());
            let skipped = self.p.cur.skip_value();
            for e in self.p.cur.missing_separators.take().unwrap_or_default() {
                self.p.record(e);
            }
            skipped?;
            self.p.after_element(self.open, b')')?;
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, SyntaxError> {
        let v = seed.deserialize(&mut *self.p)?;
        self.p.after_element(self.open, b')')?;
        Ok(v)
    }
}

/// A known enum variant with its content still in the text.
struct Variant<'p, 'a, 's> {
    p: &'p mut Parser<'a, 's>,
    name: &'static str,
    index: u32,
}

impl<'de, 'p, 'a, 's> de::EnumAccess<'de> for Variant<'p, 'a, 's> {
    type Error = SyntaxError;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self), SyntaxError> {
        let v = seed.deserialize(self.index.into_deserializer())?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, '_, '_> {
    type Error = SyntaxError;

    fn unit_variant(self) -> Result<(), SyntaxError> {
        if self.p.cur.peek()? == Peek::Punct(b'(') {
            let span = self.p.cur.skip_value()?;
            self.p.record(
                SyntaxError::recoverable(
                    DiagnosticCode::WrongType,
                    span,
                    format!("`{}` takes no value", self.name),
                    "remove this",
                )
                .with_help(format!("write just `{}`", self.name)),
            );
        }
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, SyntaxError> {
        if !self.p.cur.eat(b'(')? {
            let span = self.p.cur.here();
            self.p.record(
                SyntaxError::recoverable(
                    DiagnosticCode::WrongType,
                    span,
                    format!("`{}` needs a value in parentheses", self.name),
                    "expected `(`",
                )
                .with_help(format!("write `{}(4.0)`", self.name)),
            );
            return Err(SyntaxError::already_recorded());
        }
        self.p.cur.enter()?;
        let v = seed.deserialize(&mut *self.p);
        self.p.cur.leave();
        let v = v?;
        self.p
            .cur
            .expect(b')', &format!("to close `{}(`", self.name))?;
        Ok(v)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, SyntaxError> {
        de::Deserializer::deserialize_tuple(self.p, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, SyntaxError> {
        if !self.p.cur.eat(b'(')? {
            return Err(SyntaxError::syntax(
                self.p.cur.here(),
                format!("expected `(` after `{}`", self.name),
                "expected `(`",
            ));
        }
        let name = self.name;
        let mut suggested = Vec::new();
        let open = self.p.cur.pos - 1;
        visitor.visit_map(Fields {
            p: self.p,
            name,
            fields,
            seen: 0,
            open,
            suggested: &mut suggested,
        })
    }
}

/// The stand-in for an unknown variant (already recorded): the first variant.
struct FallbackVariant {
    name: &'static str,
}

impl<'de> de::EnumAccess<'de> for FallbackVariant {
    type Error = SyntaxError;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self), SyntaxError> {
        let v = seed.deserialize(self.name.into_deserializer())?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for FallbackVariant {
    type Error = SyntaxError;

    fn unit_variant(self) -> Result<(), SyntaxError> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        _seed: T,
    ) -> Result<T::Value, SyntaxError> {
        Err(SyntaxError::already_recorded())
    }
    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, SyntaxError> {
        Err(SyntaxError::already_recorded())
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _f: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, SyntaxError> {
        Err(SyntaxError::already_recorded())
    }
}

/// An empty list or map, standing in for a value of the wrong type.
struct Empty;

impl<'de> de::SeqAccess<'de> for Empty {
    type Error = SyntaxError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        _seed: T,
    ) -> Result<Option<T::Value>, SyntaxError> {
        Ok(None)
    }
}

impl<'de> de::MapAccess<'de> for Empty {
    type Error = SyntaxError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        _seed: K,
    ) -> Result<Option<K::Value>, SyntaxError> {
        Ok(None)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        _seed: V,
    ) -> Result<V::Value, SyntaxError> {
        Err(SyntaxError::already_recorded())
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use serde::de::{Deserialize, Deserializer, Error as _};

    thread_local! {
        /// Elements read in this pass (reset by the top-level value).
        static SEEN: Cell<usize> = const { Cell::new(0) };
    }

    /// A list whose first element read in every pass cannot be built: each
    /// pass skips one more, so reading never settles. No value-design file
    /// can do this (its entries nest three deep at most), hence a unit test
    /// rather than a fixture for `too-many-errors`.
    struct Top;

    impl<'de> Deserialize<'de> for Top {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            SEEN.with(|s| s.set(0));
            Vec::<Picky>::deserialize(d).map(|_| Top)
        }
    }

    struct Picky;

    impl<'de> Deserialize<'de> for Picky {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            u32::deserialize(d)?;
            let first = SEEN.with(|s| {
                s.set(s.get() + 1);
                s.get() == 1
            });
            if first {
                Err(D::Error::missing_field("x"))
            } else {
                Ok(Picky)
            }
        }
    }

    #[test]
    fn reading_stops_with_too_many_errors_after_the_last_pass() {
        let text = format!("[{}]", vec!["1"; 80].join(", "));
        let parsed = super::parse::<Top>(&text);
        assert!(parsed.value.is_none());
        let last = parsed.errors.last().expect("errors");
        assert_eq!(last.code, "too-many-errors");
        assert_eq!(
            last.message,
            format!(
                "more than {} entries could not be read; stopped here",
                super::MAX_PASSES
            )
        );
        assert_eq!(parsed.errors.len(), super::MAX_PASSES + 1);
    }
}
