//! Rectangles and sizes in pixels: what the layout takes and gives.

/// A rectangle: top-left corner and size, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether two rectangles overlap by more than `eps` in both directions.
    pub fn overlaps(&self, o: &Rect, eps: f64) -> bool {
        self.x + self.w - eps > o.x
            && o.x + o.w - eps > self.x
            && self.y + self.h - eps > o.y
            && o.y + o.h - eps > self.y
    }

    /// Whether `o` lies inside this rectangle.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x - 1e-6
            && o.y >= self.y - 1e-6
            && o.x + o.w <= self.x + self.w + 1e-6
            && o.y + o.h <= self.y + self.h + 1e-6
    }
}

/// A width and a height, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Size {
    /// The size of a rectangle.
    pub fn of(r: &Rect) -> Size {
        Size { w: r.w, h: r.h }
    }
}
