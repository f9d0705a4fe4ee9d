//! The colours every drawing uses: flow kinds (the Okabe-Ito palette, safe
//! for colour blindness), node kinds, ink and the verdict marks.

use plotters::style::RGBColor;

use crate::model::{Flow, NodeKind};

/// The colour of a flow kind (Okabe-Ito palette, safe for colour blindness).
pub(crate) fn flow_color(f: Flow) -> RGBColor {
    match f {
        Flow::Money => RGBColor(0, 140, 100),
        Flow::Goods => RGBColor(213, 94, 0),
        Flow::Service => RGBColor(0, 114, 178),
        Flow::Data => RGBColor(190, 90, 150),
        Flow::Knowledge => RGBColor(200, 140, 0),
        Flow::Benefit => RGBColor(60, 160, 220),
    }
}

/// The fill of a node card, by kind.
pub(crate) fn kind_fill(k: NodeKind) -> RGBColor {
    match k {
        NodeKind::Organization => RGBColor(227, 238, 250),
        NodeKind::Segment => RGBColor(255, 240, 222),
        NodeKind::Person => RGBColor(252, 228, 236),
        NodeKind::Device => RGBColor(225, 243, 228),
        NodeKind::Activity => RGBColor(241, 232, 246),
        NodeKind::Process => RGBColor(234, 231, 246),
        NodeKind::Group => RGBColor(236, 239, 241),
    }
}

/// Text and lines.
pub(crate) const INK: RGBColor = RGBColor(33, 33, 33);
/// Secondary text and frames.
pub(crate) const GREY: RGBColor = RGBColor(110, 110, 110);
/// Value extracts.
pub(crate) const GOLD: RGBColor = RGBColor(230, 170, 0);
/// Win-win.
pub(crate) const WIN: RGBColor = RGBColor(0, 130, 60);
/// Does not get value.
pub(crate) const FAIL: RGBColor = RGBColor(200, 40, 40);

/// On a difference map: what was added (halo and tag).
pub(crate) const ADDED: RGBColor = RGBColor(40, 170, 70);
/// On a difference map: what changed.
pub(crate) const CHANGED: RGBColor = RGBColor(130, 80, 200);
/// On a difference map: what was removed (dashed outline and tag).
pub(crate) const REMOVED: RGBColor = RGBColor(200, 40, 40);

/// The colour of a difference-map mark; `None` for no mark.
pub(crate) fn mark_color(m: crate::render::map::view::Mark) -> Option<RGBColor> {
    use crate::render::map::view::Mark;
    match m {
        Mark::Same => None,
        Mark::Added => Some(ADDED),
        Mark::Changed => Some(CHANGED),
        Mark::Removed => Some(REMOVED),
    }
}
