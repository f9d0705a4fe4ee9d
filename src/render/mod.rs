//! Turning results into text for people: escaping of user labels, file-name
//! sanitising, and the canvas as a terminal table or Markdown. Pure: returns
//! strings; the CLI writes them.

pub mod canvas_svg;
pub mod canvas_text;
pub mod escape;
