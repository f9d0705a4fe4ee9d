//! What can go wrong while drawing: one error type for every renderer (maps,
//! canvases, charts, PNG copies, the report's JSON). None of these happen on
//! a design that loaded; the messages say what failed, for a bug report.

use plotters::drawing::DrawingAreaErrorKind;

use super::map::view::ZoomError;

/// An error while drawing or encoding an output.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// plotters could not draw on its SVG backend.
    #[error("the drawing failed: {0}")]
    Draw(String),
    /// A drawing we made is not an SVG resvg can read.
    #[error("not a valid SVG: {0}")]
    InvalidSvg(String),
    /// A drawing has no pixels, or more than a PNG can hold.
    #[error("the drawing is empty or too large to render")]
    NoPixels,
    /// The PNG encoder failed.
    #[error("cannot encode the PNG: {0}")]
    Png(String),
    /// A zoom (`--focus`, an extract) names nothing in the design.
    #[error(transparent)]
    Zoom(#[from] ZoomError),
    /// analysis.json could not be written as JSON.
    #[error("cannot write analysis.json: {0}")]
    Json(#[from] serde_json::Error),
    /// One file of a report failed: which one, and why.
    #[error("{file}: {source}")]
    In {
        /// The file's name in the report folder.
        file: String,
        /// What went wrong.
        source: Box<RenderError>,
    },
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for RenderError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        RenderError::Draw(e.to_string())
    }
}
