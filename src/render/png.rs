//! PNG copies of our SVGs for slides, rendered by resvg with the embedded
//! DejaVu Sans faces only (no system fonts), so the pixels are the same on
//! every machine. Rendered at twice the SVG's size for sharp slides.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::{fonts, RenderError};

/// Scale of the PNG relative to the SVG's pixel size.
pub(crate) const SCALE: f32 = 2.0;

fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(fonts::REGULAR.to_vec());
        db.load_font_data(fonts::BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// Renders SVG text to PNG bytes.
pub fn png(svg: &str) -> Result<Vec<u8>, RenderError> {
    let opt = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &opt).map_err(|e| RenderError::InvalidSvg(e.to_string()))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(SCALE)
        .ok_or(RenderError::NoPixels)?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or(RenderError::NoPixels)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    encode_opaque(&pixmap)
}

/// Encodes an opaque pixmap (it was filled white, so every pixel's alpha is
/// 255 and premultiplied colour is the colour) as an 8-bit RGB PNG with the
/// fast deflate of the `png` crate (fdeflate): the default (adaptive
/// filters, zlib level 6) spent half the report's time compressing.
fn encode_opaque(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, RenderError> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_deflate_compression(png::DeflateCompression::Level(2));
    enc.set_filter(png::Filter::Adaptive);
    let err = |e: png::EncodingError| RenderError::Png(e.to_string());
    let mut writer = enc.write_header().map_err(err)?;
    writer.write_image_data(&rgb).map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    /// The RGB encoding loses nothing: decoded, it is the rendered pixels.
    #[test]
    fn the_png_decodes_to_the_rendered_pixels() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect x="5" y="5" width="20" height="10" fill="#1f77b4"/><circle cx="30" cy="20" r="6" fill="#d62728" opacity="0.5"/></svg>"##;
        let bytes = super::png(svg).expect("png");
        let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
        let mut reader = decoder.read_info().expect("header");
        let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut pixels).expect("frame");
        assert_eq!((info.width, info.height), (80, 60));
        assert_eq!(info.color_type, png::ColorType::Rgb);
        // White background, the rectangle's blue at its centre (2x scale).
        let at = |x: usize, y: usize| {
            let i = (y * 80 + x) * 3;
            [pixels[i], pixels[i + 1], pixels[i + 2]]
        };
        assert_eq!(at(1, 1), [255, 255, 255]);
        assert_eq!(at(30, 20), [0x1f, 0x77, 0xb4]);
        // Half-transparent red over white: about (255 + 0xd6) / 2 red.
        let [r, g, _] = at(60, 40);
        assert!(
            (233..=236).contains(&r) && (140..=150).contains(&g),
            "{r} {g}"
        );
    }
}
