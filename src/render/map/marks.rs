//! Marks drawn on the map and in its legend alike: the win-win disc and its
//! small text face.

use plotters::prelude::*;

use super::view::Status;
use crate::render::draw::{self, Area, DrawResult};
use crate::render::fonts::Font;
use crate::render::palette::{FAIL, WIN};

/// The legend's and notes' text face.
pub const SMALL: Font = Font {
    size: 12.0,
    bold: false,
};
/// The win-win disc of a card: a tick on green, a cross on red, nothing for
/// nodes the rule does not apply to.
pub(crate) fn status_mark(area: &Area<'_>, status: Status, c: (f64, f64)) -> DrawResult {
    let color = match status {
        Status::WinWin => WIN,
        Status::Fails => FAIL,
        Status::None => return Ok(()),
    };
    draw::disc(area, c, 8.0, color)?;
    let white = draw::stroke(WHITE, 2.0);
    if status == Status::WinWin {
        draw::line(
            area,
            &[
                (c.0 - 4.0, c.1),
                (c.0 - 1.0, c.1 + 3.0),
                (c.0 + 4.0, c.1 - 3.0),
            ],
            white,
            false,
        )
    } else {
        draw::line(
            area,
            &[(c.0 - 3.0, c.1 - 3.0), (c.0 + 3.0, c.1 + 3.0)],
            white,
            false,
        )?;
        draw::line(
            area,
            &[(c.0 - 3.0, c.1 + 3.0), (c.0 + 3.0, c.1 - 3.0)],
            white,
            false,
        )
    }
}
