//! Our SVG text as the pages use it: the part that can be inlined in HTML,
//! and the width it is drawn at.

/// The SVG from its `<svg` element on (without an XML declaration, if one
/// was written), so it can be inlined.
pub(crate) fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}

/// The width an SVG is drawn at (its `width` attribute; 1200 if none).
pub(crate) fn drawn_width(svg: &str) -> f64 {
    svg.find("width=\"")
        .and_then(|i| svg[i + 7..].split('"').next())
        .and_then(|w| w.parse::<f64>().ok())
        .unwrap_or(1200.0)
}

#[cfg(test)]
mod tests {
    use super::{drawn_width, inline_svg};

    #[test]
    fn the_inline_part_and_the_width_are_read_from_the_svg_element() {
        let svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2380.5\" height=\"10\"></svg>";
        assert!(inline_svg(svg).starts_with("<svg xmlns"));
        assert_eq!(drawn_width(svg), 2380.5);
        assert_eq!(drawn_width("<svg></svg>"), 1200.0);
    }
}
