//! Real font metrics for every drawing: the DejaVu Sans faces are embedded in
//! the binary (`assets/fonts/`, Bitstream Vera licence), text is measured by
//! their advance widths, wrapped to a width and cut with an ellipsis when it
//! would not fit. The same faces render the PNG copies (resvg) and are embedded
//! in `index.html`, so what is measured is what is drawn.
//!
//! A character the face lacks (emoji, most CJK) is measured as one em, which
//! over-estimates rather than overflows.

use std::sync::OnceLock;

/// DejaVu Sans, regular.
pub(crate) const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans, bold.
pub(crate) const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// The font-family list written into SVG: DejaVu Sans first (the measured
/// face), then Verdana (the face Vera was drawn to match), then any sans-serif.
pub(crate) const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

/// Advance widths in font units for the first 0x3000 code points (0 = no
/// glyph), and the face's units per em.
struct Table {
    advance: Vec<u16>,
    units_per_em: f64,
}

fn build(data: &[u8]) -> Table {
    use skrifa::instance::{LocationRef, Size};
    use skrifa::MetadataProvider;
    // The faces are ours and known to parse; should one not, every character
    // falls back to one em (wider than real, never overflowing).
    let Ok(face) = skrifa::FontRef::new(data) else {
        return Table {
            advance: Vec::new(),
            units_per_em: 1.0,
        };
    };
    let charmap = face.charmap();
    // Unscaled: advances in font units, as the face stores them.
    let glyphs = face.glyph_metrics(Size::unscaled(), LocationRef::default());
    let advance = (0u32..0x3000)
        .map(|c| {
            char::from_u32(c)
                .and_then(|ch| charmap.map(ch))
                .and_then(|g| glyphs.advance_width(g))
                .map_or(0, |w| w.round().clamp(0.0, f32::from(u16::MAX)) as u16)
        })
        .collect();
    Table {
        advance,
        units_per_em: f64::from(
            face.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        ),
    }
}

fn table(bold: bool) -> &'static Table {
    static R: OnceLock<Table> = OnceLock::new();
    static B: OnceLock<Table> = OnceLock::new();
    if bold {
        B.get_or_init(|| build(BOLD))
    } else {
        R.get_or_init(|| build(REGULAR))
    }
}

/// A font: size in pixels and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    /// Size in pixels (the em).
    pub size: f64,
    /// Bold face.
    pub bold: bool,
}

impl Font {
    /// The regular face at `size` pixels.
    pub fn regular(size: f64) -> Self {
        Font { size, bold: false }
    }

    /// The bold face at `size` pixels.
    pub(crate) fn bold(size: f64) -> Self {
        Font { size, bold: true }
    }

    /// Width of `text` in pixels.
    pub fn width(&self, text: &str) -> f64 {
        let t = table(self.bold);
        let units: f64 = text
            .chars()
            .map(|c| {
                let c = c as usize;
                match t.advance.get(c) {
                    Some(&a) if a > 0 => f64::from(a),
                    // Zero-width marks and controls take no room.
                    _ if is_zero_width(c) => 0.0,
                    _ => t.units_per_em,
                }
            })
            .sum();
        units / t.units_per_em * self.size
    }

    /// Height of one line of text in pixels.
    pub(crate) fn line_height(&self) -> f64 {
        (self.size * 1.25).ceil()
    }

    /// `text` cut to fit `max` pixels, ending with an ellipsis when cut.
    pub(crate) fn truncate(&self, text: &str, max: f64) -> String {
        if self.width(text) <= max {
            return text.to_owned();
        }
        let room = max - self.width("…");
        let mut out = String::new();
        let mut used = 0.0;
        for c in text.chars() {
            let w = self.width(c.encode_utf8(&mut [0; 4]));
            if used + w > room {
                break;
            }
            used += w;
            out.push(c);
        }
        let mut out = out.trim_end().to_owned();
        out.push('…');
        out
    }

    /// `text` wrapped at spaces (not at no-break spaces) into lines of at
    /// most `max` pixels; a word
    /// longer than a line is cut. At most `max_lines` lines: the last one ends
    /// with an ellipsis when text was left out.
    pub(crate) fn wrap(&self, text: &str, max: f64, max_lines: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_ascii_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: cut it into pieces that fit.
            let mut piece = String::new();
            for c in word.chars() {
                let mut next = piece.clone();
                next.push(c);
                if self.width(&next) > max && !piece.is_empty() {
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                } else {
                    piece = next;
                }
            }
            line = piece;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        if max_lines > 0 && lines.len() > max_lines {
            let rest = lines[max_lines - 1..].join(" ");
            lines.truncate(max_lines - 1);
            let mut last = self.truncate(&rest, max);
            if !last.ends_with('…') {
                last.push('…');
            }
            lines.push(last);
        }
        lines
    }
}

fn is_zero_width(c: usize) -> bool {
    c < 0x20 || (0x200B..=0x200F).contains(&c) || (0x202A..=0x202E).contains(&c) || c == 0xFE0F
}

#[cfg(test)]
mod tests {
    use super::Font;

    #[test]
    fn widths_come_from_the_face() {
        let f = Font::regular(10.0);
        // DejaVu Sans: 'i' advances 569 units, 'W' 2025, of 2048 per em.
        assert!((f.width("i") - 10.0 * 569.0 / 2048.0).abs() < 1e-9);
        assert!((f.width("W") - 10.0 * 2025.0 / 2048.0).abs() < 1e-9);
        assert!(Font::bold(10.0).width("abc") > f.width("abc"));
        // A character the face lacks counts one em.
        assert!((f.width("🚀") - 10.0).abs() < 1e-9);
    }

    #[test]
    fn wrap_fits_every_line_and_keeps_the_words() {
        let f = Font::regular(14.0);
        let text = "Predictive maintenance of rolls, pumps and refiners at pulp mills";
        let lines = f.wrap(text, 120.0, 0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| f.width(l) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        let long = f.wrap(&"x".repeat(80), 100.0, 0);
        assert!(long.iter().all(|l| f.width(l) <= 100.0));
        assert_eq!(long.concat(), "x".repeat(80));
    }

    #[test]
    fn wrap_and_truncate_end_with_an_ellipsis_when_cut() {
        let f = Font::regular(14.0);
        let lines = f.wrap(&"word ".repeat(100), 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…') && f.width(&lines[1]) <= 100.0);
        let t = f.truncate(&"a".repeat(500), 60.0);
        assert!(t.ends_with('…') && f.width(&t) <= 60.0);
        assert_eq!(f.truncate("short", 60.0), "short");
    }
}
