//! Drawing helpers shared by every SVG we make with plotters: text in pixels
//! with the measured face, lines, dashed lines, outlines, arrowheads, discs,
//! named groups, and the cleaning of user text (characters XML 1.0 cannot
//! hold are replaced).
//!
//! Everything is drawn on our backend ([`super::svg_backend`]), whose units
//! are tenths of a pixel: the helpers take pixels and convert, so callers
//! never see the units.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::fonts::{Font, FAMILY};
use super::svg_backend::{backend_colour, CleanSvg, Close, Open, Paint, Path, SUB};

/// The drawing area of an SVG made with plotters, on our backend.
pub(crate) type Area<'a> = DrawingArea<CleanSvg<'a>, plotters::coord::Shift>;

/// A white drawing `w` × `h` pixels in `buf`, drawn by `f`.
pub(crate) fn drawing(
    buf: &mut String,
    size: (f64, f64),
    f: impl FnOnce(&Area<'_>) -> DrawResult,
) -> DrawResult {
    drawing_scaled(buf, size, 1.0, f)
}

/// Like [`drawing`], written `scale` times as large (see
/// [`CleanSvg::scaled`]).
pub(crate) fn drawing_scaled(
    buf: &mut String,
    (w, h): (f64, f64),
    scale: f64,
    f: impl FnOnce(&Area<'_>) -> DrawResult,
) -> DrawResult {
    let area = CleanSvg::scaled(buf, (w, h), scale).into_drawing_area();
    area.fill(&WHITE)?;
    f(&area)?;
    Ok(area.present()?)
}

/// Draws what `f` draws inside `<g id="…">` with a `<title>` (for editors:
/// one object to select, move or hide, named by its title).
pub(crate) fn group(
    area: &Area<'_>,
    id: &str,
    title: Option<&str>,
    f: impl FnOnce() -> DrawResult,
) -> DrawResult {
    area.draw(&Open {
        id: id.to_owned(),
        title: title.map(clean),
        layer: None,
    })?;
    f()?;
    Ok(area.draw(&Close)?)
}

/// Like [`group`], as an Inkscape layer called `name`.
pub(crate) fn layer(
    area: &Area<'_>,
    id: &str,
    name: &str,
    f: impl FnOnce() -> DrawResult,
) -> DrawResult {
    area.draw(&Open {
        id: id.to_owned(),
        title: None,
        layer: Some(name.to_owned()),
    })?;
    f()?;
    Ok(area.draw(&Close)?)
}

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

/// Pixels to backend units.
fn px(v: f64) -> i32 {
    (v * SUB).round() as i32
}

fn width_units(w: f64) -> u32 {
    (w * SUB).round().max(1.0) as u32
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
        font.size * SUB,
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

/// A stroke style, `width` pixels wide.
pub(crate) fn stroke(color: RGBColor, width: f64) -> ShapeStyle {
    stroke_mix(color, 1.0, width)
}

/// A translucent stroke style, `width` pixels wide.
pub(crate) fn stroke_mix(color: RGBColor, alpha: f64, width: f64) -> ShapeStyle {
    ShapeStyle {
        color: color.mix(alpha),
        filled: false,
        stroke_width: width_units(width),
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

/// A polyline, solid or dashed (one element: the dashes are its pattern).
pub fn line(area: &Area<'_>, points: &[(f64, f64)], style: ShapeStyle, dashed: bool) -> DrawResult {
    let w = style.stroke_width.max(1);
    // Dash and gap grow with the width, so thick dashed lines stay readable.
    let px_w = f64::from(w) / SUB;
    let dash = dashed.then(|| (width_units(5.0 + 2.0 * px_w), width_units(4.0 + px_w)));
    area.draw(&Path {
        points: points.iter().map(|p| (px(p.0), px(p.1))).collect(),
        paint: Paint {
            fill: None,
            stroke: Some((backend_colour(style.color), w)),
            dash,
            closed: false,
        },
    })
    .map_err(super::RenderError::from)
}

/// A filled polygon with an outline, as one element.
pub fn shape(
    area: &Area<'_>,
    points: &[(f64, f64)],
    fill_style: ShapeStyle,
    outline: ShapeStyle,
) -> DrawResult {
    area.draw(&Path {
        points: points.iter().map(|p| (px(p.0), px(p.1))).collect(),
        paint: Paint {
            fill: Some(backend_colour(fill_style.color)),
            stroke: Some((backend_colour(outline.color), outline.stroke_width.max(1))),
            dash: None,
            closed: true,
        },
    })
    .map_err(super::RenderError::from)
}

/// A filled disc of radius `r` pixels centred at `c`.
pub(crate) fn disc(area: &Area<'_>, c: (f64, f64), r: f64, color: RGBColor) -> DrawResult {
    area.draw(&Circle::new(
        (px(c.0), px(c.1)),
        width_units(r),
        fill(color, 1.0),
    ))
    .map_err(super::RenderError::from)
}

/// A rectangle's outline, `width` pixels wide.
pub(crate) fn frame_rect(
    area: &Area<'_>,
    r: crate::render::geometry::Rect,
    color: RGBColor,
    width: f64,
) -> DrawResult {
    area.draw(&Rectangle::new(
        [(px(r.x), px(r.y)), (px(r.x + r.w), px(r.y + r.h))],
        stroke(color, width),
    ))
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
