//! How far apart the layout keeps things, in pixels.

/// Spacing, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    /// Between two boxes of a layer.
    pub node: f64,
    /// Between two labels of a layer.
    pub label: f64,
    /// Between lines, and between a line and a label.
    pub edge: f64,
    /// Narrowest channel between two columns.
    pub channel_min: f64,
    /// How much a channel widens per pixel of its steepest rise.
    pub channel_slope: f64,
    /// Widest channel.
    pub channel_max: f64,
    /// Inside a frame, around what it holds.
    pub frame_pad: f64,
    /// Most room between two lines meeting one side of a box.
    pub port_step: f64,
}

impl Default for Spacing {
    fn default() -> Self {
        Spacing {
            node: 20.0,
            label: 10.0,
            edge: 6.0,
            channel_min: 30.0,
            channel_slope: 0.22,
            channel_max: 110.0,
            frame_pad: 14.0,
            port_step: 12.0,
        }
    }
}
