//! Drawing helpers shared by every SVG we make with plotters: text in pixels
//! with the measured face, lines, dashed lines, outlines, arrowheads, and the
//! cleaning of user text (characters XML 1.0 cannot hold are replaced).
//!
//! plotters writes `font-size` as the size it is given divided by 1.24, so
//! sizes are multiplied by 1.24 here: a 13-pixel [`Font`] is drawn 13 pixels
//! high, the size it was measured at.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::fonts::{Font, FAMILY};

/// The drawing area of an SVG made with plotters.
pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// The result of drawing one piece.
pub(crate) type DrawResult = Result<(), super::RenderError>;

/// Text safe for XML 1.0: line breaks and tabs become spaces (a label is
/// drawn on one line), other control characters (which XML cannot hold even
/// escaped) become U+FFFD; plotters escapes the rest (`<`, `&`, quotes).
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else if c < ' ' || c == '\u{7f}' || c == '\u{FFFE}' || c == '\u{FFFF}' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Horizontal anchor of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `x` is the left end.
    Left,
    /// `x` is the middle.
    Centre,
    /// `x` is the right end.
    Right,
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

/// Draws one line of text with its top at `y`.
pub fn text(
    area: &Area<'_>,
    s: &str,
    (x, y): (f64, f64),
    font: Font,
    color: RGBColor,
    align: Align,
) -> DrawResult {
    let face = FontDesc::new(
        FontFamily::Name(FAMILY),
        font.size * 1.24,
        if font.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        },
    );
    let h = match align {
        Align::Left => HPos::Left,
        Align::Centre => HPos::Center,
        Align::Right => HPos::Right,
    };
    let style = face.color(&color).pos(Pos::new(h, VPos::Top));
    area.draw(&Text::new(clean(s), (px(x), px(y)), style))
        .map_err(super::RenderError::from)
}

/// A stroke style.
pub(crate) fn stroke(color: RGBColor, width: f64) -> ShapeStyle {
    ShapeStyle {
        color: color.to_rgba(),
        filled: false,
        stroke_width: width.round().max(1.0) as u32,
    }
}

/// A fill style.
pub(crate) fn fill(color: RGBColor, alpha: f64) -> ShapeStyle {
    ShapeStyle {
        color: color.mix(alpha),
        filled: true,
        stroke_width: 0,
    }
}

/// A polyline, solid or dashed.
pub fn line(area: &Area<'_>, points: &[(f64, f64)], style: ShapeStyle, dashed: bool) -> DrawResult {
    let pts: Vec<(i32, i32)> = points.iter().map(|p| (px(p.0), px(p.1))).collect();
    if dashed {
        let w = style.stroke_width.max(1) as i32;
        area.draw(&plotters::element::DashedPathElement::new(
            pts,
            5 + 2 * w,
            4 + w,
            style,
        ))
    } else {
        area.draw(&PathElement::new(pts, style))
    }
    .map_err(super::RenderError::from)
}

/// A filled polygon with an outline.
pub fn shape(
    area: &Area<'_>,
    points: &[(f64, f64)],
    fill_style: ShapeStyle,
    outline: ShapeStyle,
) -> DrawResult {
    let pts: Vec<(i32, i32)> = points.iter().map(|p| (px(p.0), px(p.1))).collect();
    area.draw(&Polygon::new(pts.clone(), fill_style))
        .map_err(super::RenderError::from)?;
    let mut closed = pts;
    if let Some(&first) = closed.first() {
        closed.push(first);
    }
    area.draw(&PathElement::new(closed, outline))
        .map_err(super::RenderError::from)
}

/// A filled rectangle without outline.
pub(crate) fn fill_rect(
    area: &Area<'_>,
    r: crate::render::geometry::Rect,
    color: RGBColor,
    alpha: f64,
) -> DrawResult {
    area.draw(&Rectangle::new(
        [(px(r.x), px(r.y)), (px(r.x + r.w), px(r.y + r.h))],
        fill(color, alpha),
    ))
    .map_err(super::RenderError::from)
}

/// An arrowhead at the end of `points`, pointing along the last segment.
pub(crate) fn arrowhead(
    area: &Area<'_>,
    points: &[(f64, f64)],
    size: f64,
    color: RGBColor,
) -> DrawResult {
    let [.., a, b] = points else {
        return Ok(());
    };
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1e-9 {
        return Ok(());
    }
    let (ux, uy) = (dx / len, dy / len);
    let base = (b.0 - ux * size, b.1 - uy * size);
    let half = size * 0.5;
    let pts = vec![
        (px(b.0), px(b.1)),
        (px(base.0 - uy * half), px(base.1 + ux * half)),
        (px(base.0 + uy * half), px(base.1 - ux * half)),
    ];
    area.draw(&Polygon::new(pts, fill(color, 1.0)))
        .map_err(super::RenderError::from)
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn clean_replaces_what_xml_cannot_hold() {
        assert_eq!(clean("a\u{1}b\u{7f}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(clean("<script>&\"'"), "<script>&\"'");
    }
}
