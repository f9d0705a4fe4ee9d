//! From model paths back to source spans.
//!
//! The validator speaks of `exchanges[4].per`; users need line 57, column 18.
//! [`locate`] walks the text once, tracking the path of every value, and
//! returns the span of each wanted path. List indices count only the elements
//! the parser kept (the same skip set), so they match the model's indices.
//! A missing `,` between entries (which the parser reports) does not end the
//! walk: the next entry is read as if it were there, so every later path is
//! still found.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::cursor::{Cursor, Peek};
use super::error::SyntaxError;
use super::path::{Path, Seg};

/// Finds the span of each of `wanted` in `src`. A path to `Some(x)` gives the
/// span of `x`. Paths that are not in the text are left out of the answer.
pub(crate) fn locate(
    src: &str,
    skipped: &HashSet<usize>,
    wanted: &[Path],
) -> HashMap<Path, Range<usize>> {
    let wanted: HashSet<&Path> = wanted.iter().collect();
    let mut walker = Walker {
        cur: Cursor::new(src),
        skipped,
        wanted,
        path: Path::root(),
        found: HashMap::new(),
    };
    // A syntax error ends the walk; what was found before it is still good.
    let _ = walker.top();
    walker.found
}

/// The string value of the field `field` of the struct that starts at `start`
/// (used to name an entry that could not be read: "Exchange `kit` is missing ...").
pub(crate) fn field_string(src: &str, start: usize, field: &str) -> Option<String> {
    let mut cur = Cursor::new(src);
    cur.pos = start;
    if cur.peek().ok()? == Peek::Ident {
        cur.ident().ok()?;
    }
    if !cur.eat(b'(').ok()? {
        return None;
    }
    loop {
        if cur.peek().ok()? != Peek::Ident {
            return None;
        }
        let (key, _) = cur.ident().ok()?;
        if !cur.eat(b':').ok()? {
            return None;
        }
        if key == field && cur.peek().ok()? == Peek::Str {
            return Some(cur.string().ok()?.0.into_owned());
        }
        cur.skip_value().ok()?;
        if !cur.eat(b',').ok()? {
            return None;
        }
    }
}

struct Walker<'a, 's> {
    cur: Cursor<'a>,
    skipped: &'s HashSet<usize>,
    wanted: HashSet<&'s Path>,
    path: Path,
    found: HashMap<Path, Range<usize>>,
}

impl Walker<'_, '_> {
    fn top(&mut self) -> Result<(), SyntaxError> {
        while self.cur.peek()? == Peek::Punct(b'#') {
            self.cur.pos += 1;
            self.cur.eat(b'!')?;
            self.cur.skip_value()?;
        }
        self.value()
    }

    /// Walks one value at the current path, recording its span if wanted.
    fn value(&mut self) -> Result<(), SyntaxError> {
        self.cur.enter()?;
        let r = self.value_inner();
        self.cur.leave();
        r
    }

    fn value_inner(&mut self) -> Result<(), SyntaxError> {
        self.cur.skip_blank()?;
        let start = self.cur.pos;
        let want = self.wanted.contains(&self.path);
        match self.cur.peek()? {
            Peek::Ident => {
                let (name, _) = self.cur.ident()?;
                if self.cur.peek()? == Peek::Punct(b'(') {
                    if name == "Some" {
                        self.cur.pos += 1;
                        self.value()?; // the inner value has the same path
                        self.cur.expect(b')', "")?;
                        if want && !self.found.contains_key(&self.path) {
                            self.found.insert(self.path.clone(), start..self.cur.pos);
                        }
                        return Ok(());
                    }
                    self.parens()?;
                }
            }
            Peek::Punct(b'(') => self.parens()?,
            Peek::Punct(b'[') => self.list()?,
            Peek::Punct(b'{') => self.map()?,
            _ => {
                self.cur.skip_value()?;
            }
        }
        if want && !self.found.contains_key(&self.path) {
            self.found.insert(self.path.clone(), start..self.cur.pos);
        }
        Ok(())
    }

    /// `( field: value, ... )` or `( value, ... )`.
    fn parens(&mut self) -> Result<(), SyntaxError> {
        self.cur.expect(b'(', "")?;
        let mut index = 0;
        loop {
            if self.cur.eat(b')')? {
                return Ok(());
            }
            let save = self.cur.pos;
            let mut seg = Seg::Index(index);
            if self.cur.peek()? == Peek::Ident {
                let (key, _) = self.cur.ident()?;
                if self.cur.eat(b':')? {
                    seg = Seg::Field(key.to_owned());
                } else {
                    self.cur.pos = save;
                }
            }
            self.path.0.push(seg);
            let r = self.value();
            self.path.0.pop();
            r?;
            index += 1;
            if !self.cur.eat(b',')? && self.cur.eat(b')')? {
                return Ok(());
            }
        }
    }

    fn list(&mut self) -> Result<(), SyntaxError> {
        self.cur.expect(b'[', "")?;
        let mut index = 0;
        loop {
            if self.cur.eat(b']')? {
                return Ok(());
            }
            self.cur.skip_blank()?;
            if self.skipped.contains(&self.cur.pos) {
                self.cur.skip_value()?;
            } else {
                self.path.0.push(Seg::Index(index));
                let r = self.value();
                self.path.0.pop();
                r?;
                index += 1;
            }
            if !self.cur.eat(b',')? && self.cur.eat(b']')? {
                return Ok(());
            }
        }
    }

    fn map(&mut self) -> Result<(), SyntaxError> {
        self.cur.expect(b'{', "")?;
        loop {
            if self.cur.eat(b'}')? {
                return Ok(());
            }
            self.cur.skip_blank()?;
            let key_start = self.cur.pos;
            let key = if self.cur.peek()? == Peek::Str {
                self.cur.string()?.0.into_owned()
            } else {
                self.cur.skip_value()?;
                String::new()
            };
            let key_span = key_start..self.cur.pos;
            self.cur.expect(b':', "")?;
            // A map key's own span is wanted as `path.key`, the value as `path.key.value`:
            // key errors ("unknown finding code") point at the key.
            self.path.0.push(Seg::Field(key));
            if self.wanted.contains(&self.path) {
                self.found.insert(self.path.clone(), key_span);
            }
            self.path.0.push(Seg::Field("value".to_owned()));
            let r = self.value();
            self.path.0.pop();
            self.path.0.pop();
            r?;
            if !self.cur.eat(b',')? && self.cur.eat(b'}')? {
                return Ok(());
            }
        }
    }
}
