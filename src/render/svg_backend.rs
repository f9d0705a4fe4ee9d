//! Our plotters backend: every SVG we draw (maps, canvases, charts) goes
//! through plotters' drawing area onto this backend, which writes SVG a
//! person can edit in PowerPoint, Keynote or Inkscape:
//!
//! - coordinates in tenths of a pixel: the backend's integer units are
//!   [`SUB`] to a pixel, written as `12.3`;
//! - one element per line and per shape: a dashed line is one `<polyline>`
//!   with a `stroke-dasharray`, a filled shape with an outline is one
//!   `<polygon>` ([`Path`]), not a polygon plus a polyline, nor a polyline per
//!   dash as plotters' own SVG backend writes;
//! - named groups ([`Open`]/[`Close`]): `<g id="…">` with a `<title>` (what
//!   an editor shows and a browser's tooltip), optionally an Inkscape layer.
//!
//! Text is escaped here (`&`, `<`, `>`, quotes); the characters XML cannot
//! hold at all are replaced earlier, by `draw::clean`.

use std::fmt::Write as _;

use plotters::element::{Drawable, PointCollection};
use plotters::prelude::RGBAColor;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, FontStyle};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// Backend units per pixel: coordinates are kept to a tenth of a pixel.
pub const SUB: f64 = 10.0;

/// The backend never fails: it writes into a string.
pub type Never = std::fmt::Error;

/// A plotters backend writing clean SVG into a string (see the module doc).
pub struct CleanSvg<'a> {
    out: &'a mut String,
    /// Size in backend units.
    size: (u32, u32),
    /// Everything written is multiplied by this (1 but on slides).
    scale: f64,
    open: usize,
    done: bool,
}

impl<'a> CleanSvg<'a> {
    /// A drawing `width` × `height` pixels, written into `out`.
    pub fn new(out: &'a mut String, size: (f64, f64)) -> Self {
        Self::scaled(out, size, 1.0)
    }

    /// A drawing of `width` × `height` pixels written `scale` times as large:
    /// every coordinate, width and font size is multiplied when written, so
    /// the file says the sizes it is seen at (a slide's text in real pixels).
    pub fn scaled(out: &'a mut String, (width, height): (f64, f64), scale: f64) -> Self {
        let (w, h) = (width.max(1.0), height.max(1.0));
        let size = ((w * SUB).round() as u32, (h * SUB).round() as u32);
        let s = CleanSvg {
            out,
            size,
            scale,
            open: 0,
            done: false,
        };
        s.out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" width=\"");
        num(s.out, size.0 as i32, s.scale);
        s.out.push_str("\" height=\"");
        num(s.out, size.1 as i32, s.scale);
        s.out.push_str("\" viewBox=\"0 0 ");
        num(s.out, size.0 as i32, s.scale);
        s.out.push(' ');
        num(s.out, size.1 as i32, s.scale);
        s.out.push_str("\">\n");
        s
    }

    fn finish(&mut self) {
        if !self.done {
            for _ in 0..self.open {
                self.out.push_str("</g>\n");
            }
            self.open = 0;
            self.out.push_str("</svg>\n");
            self.done = true;
        }
    }

    fn points(&mut self, pts: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (k, (x, y)) in pts.into_iter().enumerate() {
            if k > 0 {
                self.out.push(' ');
            }
            num(self.out, x, self.scale);
            self.out.push(',');
            num(self.out, y, self.scale);
        }
        self.out.push('"');
    }

    fn paint(&mut self, p: &Paint) {
        match p.fill {
            Some(c) => colour(self.out, "fill", c),
            None => self.out.push_str(" fill=\"none\""),
        }
        if let Some((c, w)) = p.stroke {
            colour(self.out, "stroke", c);
            self.out.push_str(" stroke-width=\"");
            num(self.out, w as i32, self.scale);
            self.out.push('"');
            if let Some((on, off)) = p.dash {
                self.out.push_str(" stroke-dasharray=\"");
                num(self.out, on as i32, self.scale);
                self.out.push(' ');
                num(self.out, off as i32, self.scale);
                self.out.push('"');
            }
        }
    }

    /// One polyline or polygon with its fill, stroke and dash.
    fn path(&mut self, pts: impl IntoIterator<Item = BackendCoord>, p: &Paint) {
        if p.fill.is_none() && p.stroke.is_none() {
            return;
        }
        self.out
            .push_str(if p.closed { "<polygon" } else { "<polyline" });
        self.paint(p);
        self.points(pts);
        self.out.push_str("/>\n");
    }

    fn open_group(&mut self, g: &Open) {
        self.out.push_str("<g id=\"");
        escape(self.out, &g.id);
        self.out.push('"');
        if let Some(layer) = &g.layer {
            self.out
                .push_str(" inkscape:groupmode=\"layer\" inkscape:label=\"");
            escape(self.out, layer);
            self.out.push('"');
        }
        self.out.push('>');
        if let Some(t) = &g.title {
            self.out.push_str("<title>");
            escape(self.out, t);
            self.out.push_str("</title>");
        }
        self.out.push('\n');
        self.open += 1;
    }

    fn close_group(&mut self) {
        if self.open > 0 {
            self.out.push_str("</g>\n");
            self.open -= 1;
        }
    }
}

impl Drop for CleanSvg<'_> {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Writes backend units, times `scale`, as pixels with at most one decimal.
fn num(out: &mut String, v: i32, scale: f64) {
    let v = if scale == 1.0 {
        i64::from(v)
    } else {
        (f64::from(v) * scale).round() as i64
    };
    let a = v.unsigned_abs();
    if v < 0 {
        out.push('-');
    }
    let _ = write!(out, "{}", a / 10);
    if !a.is_multiple_of(10) {
        let _ = write!(out, ".{}", a % 10);
    }
}

fn colour(out: &mut String, attr: &str, c: BackendColor) {
    let (r, g, b) = c.rgb;
    let _ = write!(out, " {attr}=\"#{r:02X}{g:02X}{b:02X}\"");
    if c.alpha < 1.0 {
        let _ = write!(
            out,
            " {attr}-opacity=\"{}\"",
            (c.alpha * 1000.0).round() / 1000.0
        );
    }
}

/// Escapes text for XML content and attribute values.
fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

fn stroke_of<S: BackendStyle>(style: &S) -> Option<(BackendColor, u32)> {
    let c = style.color();
    (c.alpha > 0.0).then(|| (c, style.stroke_width().max(1)))
}

impl DrawingBackend for CleanSvg<'_> {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        self.finish();
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.draw_rect((x, y), (x + 1, y + 1), &color, true)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<rect x=\"");
        num(self.out, x0.min(x1), self.scale);
        self.out.push_str("\" y=\"");
        num(self.out, y0.min(y1), self.scale);
        self.out.push_str("\" width=\"");
        num(self.out, (x1 - x0).abs(), self.scale);
        self.out.push_str("\" height=\"");
        num(self.out, (y1 - y0).abs(), self.scale);
        self.out.push('"');
        let p = if fill {
            Paint::filled(c)
        } else {
            Paint::stroked(c, style.stroke_width().max(1))
        };
        self.paint(&p);
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        if let Some((c, w)) = stroke_of(style) {
            self.path(path, &Paint::stroked(c, w));
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (cx, cy): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<circle cx=\"");
        num(self.out, cx, self.scale);
        self.out.push_str("\" cy=\"");
        num(self.out, cy, self.scale);
        self.out.push_str("\" r=\"");
        num(self.out, radius as i32, self.scale);
        self.out.push('"');
        let p = if fill {
            Paint::filled(c)
        } else {
            Paint::stroked(c, style.stroke_width().max(1))
        };
        self.paint(&p);
        self.out.push_str("/>\n");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let c = style.color();
        if c.alpha > 0.0 {
            self.path(vert, &Paint::filled(c));
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Center => "middle",
            HPos::Right => "end",
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        self.out.push_str("<text x=\"");
        num(self.out, x, self.scale);
        self.out.push_str("\" y=\"");
        num(self.out, y, self.scale);
        let _ = write!(
            self.out,
            "\" dy=\"{dy}\" text-anchor=\"{anchor}\" font-family=\"{}\" font-size=\"",
            style.family().as_str()
        );
        num(self.out, style.size().round() as i32, self.scale);
        self.out.push('"');
        match style.style() {
            FontStyle::Bold => self.out.push_str(" font-weight=\"bold\""),
            FontStyle::Italic => self.out.push_str(" font-style=\"italic\""),
            _ => {}
        }
        colour(self.out, "fill", color);
        self.out.push('>');
        escape(self.out, text);
        self.out.push_str("</text>\n");
        Ok(())
    }

    fn blit_bitmap(
        &mut self,
        _pos: BackendCoord,
        _size: (u32, u32),
        _src: &[u8],
    ) -> Result<(), DrawingErrorKind<Never>> {
        // We draw no bitmaps.
        Err(DrawingErrorKind::DrawingError(std::fmt::Error))
    }
}

/// How a [`Path`] is painted.
#[derive(Clone, Copy)]
pub struct Paint {
    /// Fill colour, if filled.
    pub fill: Option<BackendColor>,
    /// Stroke colour and width in backend units, if stroked.
    pub stroke: Option<(BackendColor, u32)>,
    /// Dash and gap lengths in backend units, if dashed.
    pub dash: Option<(u32, u32)>,
    /// A polygon (closed) or a polyline.
    pub closed: bool,
}

impl Paint {
    fn filled(c: BackendColor) -> Self {
        Paint {
            fill: Some(c),
            stroke: None,
            dash: None,
            closed: true,
        }
    }

    fn stroked(c: BackendColor, w: u32) -> Self {
        Paint {
            fill: None,
            stroke: Some((c, w)),
            dash: None,
            closed: false,
        }
    }
}

/// The backend colour of a plotters colour with an alpha.
pub fn backend_colour(c: RGBAColor) -> BackendColor {
    c.to_backend_color()
}

/// One polyline or polygon painted as [`Paint`] says: a shape with its
/// outline, or a dashed line, as one SVG element.
pub struct Path {
    /// The points, in backend units.
    pub points: Vec<BackendCoord>,
    /// Fill, stroke, dash.
    pub paint: Paint,
}

impl<'b> PointCollection<'b, BackendCoord> for &'b Path {
    type Point = &'b BackendCoord;
    type IntoIter = &'b [BackendCoord];
    fn point_iter(self) -> Self::IntoIter {
        &self.points
    }
}

impl Drawable<CleanSvg<'_>> for Path {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        pos: I,
        backend: &mut CleanSvg<'_>,
        _parent: (u32, u32),
    ) -> Result<(), DrawingErrorKind<Never>> {
        backend.path(pos, &self.paint);
        Ok(())
    }
}

/// Opens a named group: everything drawn until the matching [`Close`] is in
/// `<g id="…">`, with a `<title>` when given; `layer` makes it an Inkscape
/// layer with that name.
pub struct Open {
    /// The group's id (unique in the drawing, made of `[A-Za-z0-9_-]`).
    pub id: String,
    /// Its `<title>`.
    pub title: Option<String>,
    /// Its name as an Inkscape layer, if it is one.
    pub layer: Option<String>,
}

/// Closes the group last opened by [`Open`].
pub struct Close;

impl<'b> PointCollection<'b, BackendCoord> for &'b Open {
    type Point = &'b BackendCoord;
    type IntoIter = &'b [BackendCoord];
    fn point_iter(self) -> Self::IntoIter {
        &[]
    }
}

impl Drawable<CleanSvg<'_>> for Open {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        _pos: I,
        backend: &mut CleanSvg<'_>,
        _parent: (u32, u32),
    ) -> Result<(), DrawingErrorKind<Never>> {
        backend.open_group(self);
        Ok(())
    }
}

impl<'b> PointCollection<'b, BackendCoord> for &'b Close {
    type Point = &'b BackendCoord;
    type IntoIter = &'b [BackendCoord];
    fn point_iter(self) -> Self::IntoIter {
        &[]
    }
}

impl Drawable<CleanSvg<'_>> for Close {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        _pos: I,
        backend: &mut CleanSvg<'_>,
        _parent: (u32, u32),
    ) -> Result<(), DrawingErrorKind<Never>> {
        backend.close_group();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    fn drawn(f: impl FnOnce(&DrawingArea<CleanSvg<'_>, plotters::coord::Shift>)) -> String {
        let mut buf = String::new();
        {
            let area = CleanSvg::new(&mut buf, (20.0, 10.0)).into_drawing_area();
            f(&area);
            area.present().expect("present");
        }
        buf
    }

    #[test]
    fn numbers_are_tenths_of_a_pixel() {
        let mut s = String::new();
        for v in [0, 5, 10, 123, -3, -20] {
            num(&mut s, v, 1.0);
            s.push(' ');
        }
        assert_eq!(s, "0 0.5 1 12.3 -0.3 -2 ");
        s.clear();
        for v in [0, 5, 10, 123, -3] {
            num(&mut s, v, 1.5);
            s.push(' ');
        }
        assert_eq!(s, "0 0.8 1.5 18.5 -0.5 ");
    }

    #[test]
    fn a_dashed_shape_is_one_element_and_groups_close() {
        let svg = drawn(|a| {
            a.draw(&Open {
                id: "flow-1".into(),
                title: Some("A → B: <data> & \"more\"".into()),
                layer: None,
            })
            .expect("open");
            a.draw(&Path {
                points: vec![(15, 25), (150, 25), (150, 80)],
                paint: Paint {
                    fill: None,
                    stroke: Some((backend_colour(RED.mix(0.5)), 25)),
                    dash: Some((90, 60)),
                    closed: false,
                },
            })
            .expect("path");
            a.draw(&Open {
                id: "left-open".into(),
                title: None,
                layer: Some("Layer".into()),
            })
            .expect("open");
        });
        assert_eq!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" width=\"20\" height=\"10\" viewBox=\"0 0 20 10\">\n\
             <g id=\"flow-1\"><title>A → B: &lt;data&gt; &amp; &quot;more&quot;</title>\n\
             <polyline fill=\"none\" stroke=\"#FF0000\" stroke-opacity=\"0.5\" stroke-width=\"2.5\" stroke-dasharray=\"9 6\" points=\"1.5,2.5 15,2.5 15,8\"/>\n\
             <g id=\"left-open\" inkscape:groupmode=\"layer\" inkscape:label=\"Layer\">\n\
             </g>\n</g>\n</svg>\n"
        );
    }

    #[test]
    fn text_is_escaped_and_sized_in_pixels() {
        let svg = drawn(|a| {
            let style = FontDesc::new(
                FontFamily::Name(crate::render::fonts::FAMILY),
                130.0,
                FontStyle::Bold,
            )
            .color(&BLACK);
            a.draw(&Text::new("a<b & c", (125, 30), style))
                .expect("text");
        });
        assert!(
            svg.contains("<text x=\"12.5\" y=\"3\" dy=\"0.76em\" text-anchor=\"start\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"13\" font-weight=\"bold\" fill=\"#000000\">a&lt;b &amp; c</text>"),
            "{svg}"
        );
    }
}
