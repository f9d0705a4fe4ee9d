//! Coordinates of one level. Vertically: every link should be horizontal,
//! weighted as dot weighs it (long edges, made of dummies, most), which is a
//! least-squares problem under the layers' order and spacing constraints
//! (the quadratic-programming formulation of coordinate assignment).
//! It is solved exactly layer by layer (a weighted isotonic regression,
//! pool-adjacent-violators, O(items)) and iterated over the layers until
//! nothing moves, which converges because the problem is convex.
//! Horizontally: layers are columns as wide as their widest item, items
//! centred in them, with a channel between columns that widens with the
//! steepest link crossing it so curves stay gentle.

use super::level::{Kind, Level};
use super::Spacing;

/// Where a level's items are, relative to the level's top-left corner.
#[derive(Debug, Clone, Default)]
pub struct Placement {
    /// Top of each item.
    pub y: Vec<f64>,
    /// Left of each item.
    pub x: Vec<f64>,
    /// Left and right of each layer's column.
    pub columns: Vec<(f64, f64)>,
    /// Width of the level (a framed level: its frame).
    pub width: f64,
    /// Height of the level.
    pub height: f64,
}

/// Most rounds of the vertical solver; it stops earlier when nothing moves
/// by more than [`SETTLED`] pixels.
const ROUNDS: usize = 1000;
const SETTLED: f64 = 1e-4;

/// Places `level` with its layers in `layers` order; `off_upper[l]` and
/// `off_lower[l]` are where link `l` meets its upper and lower item,
/// measured down from the item's top. `caption` is a framed level's
/// caption, which gets a band at the top of the frame.
pub fn place(
    level: &Level,
    layers: &[Vec<usize>],
    off_upper: &[f64],
    off_lower: &[f64],
    sp: &Spacing,
    caption: Option<super::Size>,
) -> Placement {
    let n = level.items.len();
    let mut y = vec![0.0; n];
    // Start packed from the top.
    for layer in layers {
        let mut top = 0.0;
        for (k, &i) in layer.iter().enumerate() {
            if k > 0 {
                top += sep(level, layer[k - 1], i, sp);
            }
            y[i] = top;
            top += level.items[i].size.h;
        }
    }
    let order: Vec<usize> = (0..layers.len()).chain((0..layers.len()).rev()).collect();
    for _ in 0..ROUNDS {
        let mut moved = 0.0f64;
        for &l in &order {
            moved = moved.max(solve_layer(
                level, &layers[l], off_upper, off_lower, sp, &mut y,
            ));
        }
        if moved < SETTLED {
            break;
        }
    }
    // Vertical frame: a caption band and padding.
    let top = y.iter().copied().fold(f64::INFINITY, f64::min);
    let bottom = (0..n)
        .map(|i| y[i] + level.items[i].size.h)
        .fold(f64::NEG_INFINITY, f64::max);
    let (top, bottom) = if n == 0 { (0.0, 0.0) } else { (top, bottom) };
    let head = match caption {
        Some(c) if level.framed => c.h + sp.frame_pad,
        _ if level.framed => sp.frame_pad,
        _ => 0.0,
    };
    for v in &mut y {
        *v = *v - top + head;
    }
    let height = bottom - top + head + if level.framed { sp.frame_pad } else { 0.0 };
    // Columns.
    let widths: Vec<f64> = layers
        .iter()
        .map(|layer| {
            layer
                .iter()
                .map(|&i| level.items[i].size.w)
                .fold(0.0, f64::max)
        })
        .collect();
    let mut gaps: Vec<f64> = (0..layers.len().saturating_sub(1))
        .map(|l| {
            let steep = layers[l]
                .iter()
                .flat_map(|&i| level.down[i].iter())
                .map(|&k| {
                    let link = &level.links[k];
                    ((y[link.upper] + off_upper[k]) - (y[link.lower] + off_lower[k])).abs()
                })
                .fold(0.0, f64::max);
            // A rise under a pixel is a straight line.
            (sp.channel_min + sp.channel_slope * (steep - 1.0).max(0.0)).min(sp.channel_max)
        })
        .collect();
    if level.framed && !gaps.is_empty() {
        let last = gaps.len() - 1;
        gaps[0] = gaps[0].max(sp.frame_pad);
        gaps[last] = gaps[last].max(sp.frame_pad);
        // Wide enough for the caption.
        if let Some(c) = caption {
            let total: f64 = widths.iter().sum::<f64>() + gaps.iter().sum::<f64>();
            let need = c.w + 2.0 * sp.frame_pad;
            if total < need {
                let extra = need - total;
                gaps[0] += extra / 2.0;
                gaps[last] += extra / 2.0;
            }
        }
    }
    let mut columns = Vec::with_capacity(layers.len());
    let mut left = 0.0;
    for (l, w) in widths.iter().enumerate() {
        columns.push((left, left + w));
        left += w + gaps.get(l).copied().unwrap_or(0.0);
    }
    let mut width = columns.last().map(|c| c.1).unwrap_or(0.0);
    if let (true, Some(c)) = (level.framed, caption) {
        // A frame with a single column (nothing inside) is still as wide
        // as its caption.
        width = width.max(c.w + 2.0 * sp.frame_pad);
    }
    let mut x = vec![0.0; n];
    for (l, layer) in layers.iter().enumerate() {
        for &i in layer {
            x[i] = columns[l].0 + (widths[l] - level.items[i].size.w) / 2.0;
        }
    }
    Placement {
        y,
        x,
        columns,
        width,
        height,
    }
}

/// The least gap between two items next to each other in a layer.
fn sep(level: &Level, a: usize, b: usize, sp: &Spacing) -> f64 {
    use Kind::*;
    match (level.items[a].kind, level.items[b].kind) {
        (Unit(_), Unit(_)) => sp.node,
        (Unit(_), _) | (_, Unit(_)) => sp.node / 2.0,
        (Label, Label) => sp.label,
        _ => sp.edge,
    }
}

/// Moves one layer to where its links pull it, as far as its order and
/// spacing allow. Returns the largest move.
fn solve_layer(
    level: &Level,
    layer: &[usize],
    off_upper: &[f64],
    off_lower: &[f64],
    sp: &Spacing,
    y: &mut [f64],
) -> f64 {
    if layer.is_empty() {
        return 0.0;
    }
    let m = layer.len();
    let mut targets = Vec::with_capacity(m);
    let mut weights = Vec::with_capacity(m);
    let mut shift = Vec::with_capacity(m);
    let mut g = 0.0;
    for (k, &i) in layer.iter().enumerate() {
        if k > 0 {
            g += level.items[layer[k - 1]].size.h + sep(level, layer[k - 1], i, sp);
        }
        shift.push(g);
        let (mut sum, mut wsum) = (0.0, 0.0);
        for &l in &level.up[i] {
            let link = &level.links[l];
            sum += link.weight * (y[link.upper] + off_upper[l] - off_lower[l]);
            wsum += link.weight;
        }
        for &l in &level.down[i] {
            let link = &level.links[l];
            sum += link.weight * (y[link.lower] + off_lower[l] - off_upper[l]);
            wsum += link.weight;
        }
        if wsum > 0.0 {
            targets.push(sum / wsum);
            weights.push(wsum);
        } else {
            // Nothing pulls it: it stays, and gives way easily.
            targets.push(y[i]);
            weights.push(1e-3);
        }
    }
    let z = isotonic(
        &targets
            .iter()
            .zip(&shift)
            .map(|(t, s)| t - s)
            .collect::<Vec<_>>(),
        &weights,
    );
    let mut moved = 0.0f64;
    for (k, &i) in layer.iter().enumerate() {
        let new = z[k] + shift[k];
        moved = moved.max((new - y[i]).abs());
        y[i] = new;
    }
    moved
}

/// The non-decreasing sequence closest to `t` in weighted least squares
/// (pool adjacent violators).
pub fn isotonic(t: &[f64], w: &[f64]) -> Vec<f64> {
    // Blocks: (weighted sum, weight, length).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(t.len());
    for (v, wt) in t.iter().zip(w) {
        blocks.push((v * wt, *wt, 1));
        while blocks.len() >= 2 {
            let b = blocks[blocks.len() - 1];
            let a = blocks[blocks.len() - 2];
            if a.0 / a.1 > b.0 / b.1 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
            } else {
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(t.len());
    for (s, wt, len) in blocks {
        out.extend(std::iter::repeat_n(s / wt, len));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::isotonic;

    #[test]
    fn isotonic_pools_violators_into_their_weighted_mean() {
        assert_eq!(isotonic(&[1.0, 2.0, 3.0], &[1.0; 3]), vec![1.0, 2.0, 3.0]);
        assert_eq!(isotonic(&[3.0, 1.0], &[1.0, 1.0]), vec![2.0, 2.0]);
        // Weight 3 at 4, weight 1 at 0: pooled at 3.
        assert_eq!(isotonic(&[4.0, 0.0], &[3.0, 1.0]), vec![3.0, 3.0]);
        assert_eq!(
            isotonic(&[1.0, 5.0, 2.0, 6.0], &[1.0; 4]),
            vec![1.0, 3.5, 3.5, 6.0]
        );
    }
}
