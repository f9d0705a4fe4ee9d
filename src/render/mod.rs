//! Turning results into text for people: escaping of user labels, file-name
//! sanitising, and the canvas as a terminal table or Markdown. Pure: returns
//! strings; the CLI writes them.

pub mod canvas_svg;
pub mod canvas_text;
pub mod charts;
pub mod draw;
pub mod escape;
pub mod fonts;
pub mod geometry;
pub mod layered;
mod map_fold;
pub mod map_layout;
mod map_legend;
pub mod map_svg;
pub mod map_view;
pub mod png;
pub mod report_html;
pub mod summary_md;
