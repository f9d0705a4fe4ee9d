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
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}
