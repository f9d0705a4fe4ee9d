//! Crossing reduction: the order of the items in each layer. Layer-by-layer
//! sweeps that sort each layer by the barycenter of its neighbours in the
//! layer before (downwards) or after (upwards) (Sugiyama, Tagawa & Toda
//! 1981), then adjacent exchanges while they remove crossings (dot's
//! "transpose"), keeping the best order seen. Crossings between two layers
//! are counted in O(E log V) with a Fenwick tree (Barth, Jünger & Mutzel,
//! "Simple and efficient bilayer cross counting", 2002).
//!
//! A block's ports can be points (the level above chooses their order, and
//! the block's inside keeps it) or fixed positions along its side (the
//! inside chose, and the level above counts crossings with them); see
//! `super::layout`, which tries both. Deterministic.

use super::level::Level;

/// How many sweeps at most, and how many without improvement end the search.
const SWEEPS: usize = 32;
const PATIENCE: usize = 6;
/// Restarts of the search on small levels.
const RESTARTS: usize = 12;

/// A link seen from one of its ends.
#[derive(Debug, Clone, Copy)]
struct Nb {
    /// The item at the other end.
    item: usize,
    /// Where on that item it meets it, as a fraction in `[0, 1)` of one
    /// position (a block's ports keep their order; 0 elsewhere).
    sub: f64,
    /// The same at this end.
    own: f64,
}

/// The order of every layer of `level`, and its crossings. `fixed` gives
/// the order of layers that must keep it (a framed level's port layers), as
/// `(layer, items)`. `sub_upper[l]` and `sub_lower[l]` place link `l` on a
/// block's side among the block's other ports (fractions in `[0, 1)`; all 0
/// when blocks count as points).
pub fn order(
    level: &Level,
    fixed: &[(usize, Vec<usize>)],
    sub_upper: &[f64],
    sub_lower: &[f64],
) -> (usize, Vec<Vec<usize>>) {
    let n = level.items.len();
    let up = neighbours(level, false, sub_upper, sub_lower);
    let down = neighbours(level, true, sub_upper, sub_lower);
    let mut start = initial(level, &down);
    let mut is_fixed = vec![false; start.len()];
    for (l, items) in fixed {
        if *l < start.len() {
            // Keep the given order, then anything not named, as it was.
            let mut seen = vec![false; n];
            let mut ordered: Vec<usize> = Vec::with_capacity(start[*l].len());
            for &i in items {
                if level.items[i].layer == *l && !seen[i] {
                    seen[i] = true;
                    ordered.push(i);
                }
            }
            for &i in &start[*l] {
                if !seen[i] {
                    ordered.push(i);
                }
            }
            start[*l] = ordered;
            is_fixed[*l] = true;
        }
    }
    let graph = Sides {
        up: &up,
        down: &down,
        fixed: &is_fixed,
    };
    // Several starts: the depth-first order, then shuffles of it (a fixed
    // seed), fewer on large levels; the fewest crossings win, the first on
    // a tie.
    let restarts = (20_000 / (n + level.links.len()).max(1)).clamp(1, RESTARTS);
    let mut rng = crate::rng::SplitMix64::new(0x005E_ED0F_1A7E);
    let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
    for r in 0..restarts {
        let mut layers = start.clone();
        if r > 0 {
            for (l, layer) in layers.iter_mut().enumerate() {
                if !is_fixed[l] {
                    for k in (1..layer.len()).rev() {
                        let j = rng.below(k as u64 + 1) as usize;
                        layer.swap(k, j);
                    }
                }
            }
        }
        let result = graph.sweep(layers, n);
        if best.as_ref().is_none_or(|b| result.0 < b.0) {
            best = Some(result);
        }
        if best.as_ref().is_some_and(|b| b.0 == 0) {
            break;
        }
    }
    best.unwrap_or_else(|| {
        let mut pos = vec![0; n];
        set_positions(&start, &mut pos);
        (crossings(&start, &down, &pos), start)
    })
}

/// The crossings of `layers`, an order of `level`, with links placed on
/// blocks' sides by `sub_upper` and `sub_lower` as in [`order`].
pub fn count(level: &Level, layers: &[Vec<usize>], sub_upper: &[f64], sub_lower: &[f64]) -> usize {
    let down = neighbours(level, true, sub_upper, sub_lower);
    let mut pos = vec![0; level.items.len()];
    set_positions(layers, &mut pos);
    crossings(layers, &down, &pos)
}

/// Every item's links to the next layer (`down`) or the previous one, seen
/// from the item.
fn neighbours(level: &Level, down: bool, sub_upper: &[f64], sub_lower: &[f64]) -> Vec<Vec<Nb>> {
    (0..level.items.len())
        .map(|i| {
            let links = if down { &level.down[i] } else { &level.up[i] };
            links
                .iter()
                .map(|&l| {
                    let link = &level.links[l];
                    if down {
                        Nb {
                            item: link.lower,
                            sub: sub_lower[l],
                            own: sub_upper[l],
                        }
                    } else {
                        Nb {
                            item: link.upper,
                            sub: sub_upper[l],
                            own: sub_lower[l],
                        }
                    }
                })
                .collect()
        })
        .collect()
}

/// The neighbours of every item, and which layers must keep their order.
struct Sides<'a> {
    up: &'a [Vec<Nb>],
    down: &'a [Vec<Nb>],
    fixed: &'a [bool],
}

impl Sides<'_> {
    /// Barycenter sweeps and transposition from `layers`; the best order
    /// seen and its crossings.
    fn sweep(&self, mut layers: Vec<Vec<usize>>, n: usize) -> (usize, Vec<Vec<usize>>) {
        let mut pos = vec![0usize; n];
        set_positions(&layers, &mut pos);
        let mut best = layers.clone();
        let mut best_count = crossings(&layers, self.down, &pos);
        let mut stale = 0;
        for sweep in 0..SWEEPS {
            if best_count == 0 {
                break;
            }
            let downward = sweep % 2 == 0;
            let range: Vec<usize> = if downward {
                (1..layers.len()).collect()
            } else {
                (0..layers.len().saturating_sub(1)).rev().collect()
            };
            for l in range {
                if self.fixed[l] {
                    continue;
                }
                let reference = if downward { self.up } else { self.down };
                sort_layer(&mut layers[l], reference, &pos);
                for (k, &i) in layers[l].iter().enumerate() {
                    pos[i] = k;
                }
            }
            // Every fourth sweep, swaps that change nothing are made too,
            // to move along plateaus (as dot does).
            transpose(&mut layers, self, &mut pos, sweep % 4 == 3);
            let count = crossings(&layers, self.down, &pos);
            if count < best_count {
                best_count = count;
                best = layers.clone();
                stale = 0;
            } else {
                stale += 1;
                if stale >= PATIENCE {
                    break;
                }
            }
        }
        (best_count, best)
    }
}

/// A depth-first order: items appear in the order a walk from the units,
/// in file order, first reaches them, so related items start together.
fn initial(level: &Level, down: &[Vec<Nb>]) -> Vec<Vec<usize>> {
    let n = level.items.len();
    let mut layers = vec![Vec::new(); level.layer_count];
    let mut seen = vec![false; n];
    let mut starts: Vec<usize> = (0..n).collect();
    starts.sort_by_key(|&i| (level.items[i].layer, i));
    for s in starts {
        if seen[s] {
            continue;
        }
        let mut stack = vec![s];
        seen[s] = true;
        while let Some(i) = stack.pop() {
            layers[level.items[i].layer].push(i);
            for j in down[i].iter().rev().map(|nb| nb.item) {
                if !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
    }
    layers
}

fn set_positions(layers: &[Vec<usize>], pos: &mut [usize]) {
    for layer in layers {
        for (k, &i) in layer.iter().enumerate() {
            pos[i] = k;
        }
    }
}

/// Sorts a layer by the barycenter of each item's neighbours in the
/// reference layer; items with no such neighbour keep their place.
fn sort_layer(layer: &mut [usize], reference: &[Vec<Nb>], pos: &[usize]) {
    let mut keyed: Vec<(f64, usize, usize)> = Vec::new();
    let mut free_slots = Vec::new();
    for (k, &i) in layer.iter().enumerate() {
        let nb = &reference[i];
        if nb.is_empty() {
            continue;
        }
        let bc = nb.iter().map(|x| pos[x.item] as f64 + x.sub).sum::<f64>() / nb.len() as f64;
        keyed.push((bc, k, i));
        free_slots.push(k);
    }
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (slot, (_, _, i)) in free_slots.into_iter().zip(keyed) {
        layer[slot] = i;
    }
}

/// Crossings between every pair of consecutive layers.
fn crossings(layers: &[Vec<usize>], down: &[Vec<Nb>], pos: &[usize]) -> usize {
    let mut total = 0;
    for layer in layers {
        let mut pairs: Vec<(f64, f64)> = Vec::new();
        for &i in layer {
            for nb in &down[i] {
                pairs.push((pos[i] as f64 + nb.own, pos[nb.item] as f64 + nb.sub));
            }
        }
        total += bilayer(&mut pairs);
    }
    total
}

/// Inversions among `(upper, lower)` pairs: pairs whose order on the two
/// layers disagrees strictly.
fn bilayer(pairs: &mut [(f64, f64)]) -> usize {
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut lowers: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    lowers.sort_by(f64::total_cmp);
    lowers.dedup();
    let width = lowers.len();
    let mut tree = vec![0usize; width + 1];
    let mut count = 0;
    for (seen, &(_, lower)) in pairs.iter().enumerate() {
        let rank = lowers.partition_point(|&x| x < lower);
        // Pairs seen so far with a lower end strictly after this one cross it.
        let mut not_after = 0;
        let mut k = rank + 1;
        while k > 0 {
            not_after += tree[k];
            k &= k - 1;
        }
        count += seen - not_after;
        let mut k = rank + 1;
        while k <= width {
            tree[k] += 1;
            k += k & k.wrapping_neg();
        }
    }
    count
}

/// Crossings among the links of `a` and `b` (neighbours in one layer) to
/// one side, when `a` comes first.
fn pair_crossings(a: &[Nb], b: &[Nb], pos: &[usize]) -> usize {
    let mut c = 0;
    for x in a {
        let kx = pos[x.item] as f64 + x.sub;
        for y in b {
            if kx > pos[y.item] as f64 + y.sub {
                c += 1;
            }
        }
    }
    c
}

/// Swaps neighbours in a layer while that removes crossings (or, with
/// `sideways`, while it does not add any).
fn transpose(layers: &mut [Vec<usize>], g: &Sides<'_>, pos: &mut [usize], sideways: bool) {
    for round in 0..8 {
        let mut improved = false;
        for (l, layer) in layers.iter_mut().enumerate() {
            if g.fixed[l] {
                continue;
            }
            for k in 0..layer.len().saturating_sub(1) {
                let (a, b) = (layer[k], layer[k + 1]);
                let now = pair_crossings(&g.up[a], &g.up[b], pos)
                    + pair_crossings(&g.down[a], &g.down[b], pos);
                let swapped = pair_crossings(&g.up[b], &g.up[a], pos)
                    + pair_crossings(&g.down[b], &g.down[a], pos);
                // Sideways moves only in the first round, so this ends.
                if swapped < now || (sideways && round == 0 && swapped == now && now > 0) {
                    layer.swap(k, k + 1);
                    pos[a] = k + 1;
                    pos[b] = k;
                    improved |= swapped < now;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::bilayer;

    #[test]
    fn bilayer_counts_strict_inversions() {
        // A perfect matching reversed: n(n-1)/2 crossings.
        let mut p = vec![(0.0, 3.0), (1.0, 2.0), (2.0, 1.0), (3.0, 0.0)];
        assert_eq!(bilayer(&mut p), 6);
        // Shared ends never cross.
        let mut p = vec![(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (2.0, 1.0)];
        assert_eq!(bilayer(&mut p), 0);
        // One crossing; ports of one block keep their order.
        let mut p = vec![(0.0, 1.0), (1.0, 0.0)];
        assert_eq!(bilayer(&mut p), 1);
        let mut p = vec![(0.0, 1.5), (1.0, 1.0)];
        assert_eq!(bilayer(&mut p), 1);
    }
}
