//! Compressed sparse rows: the compact adjacency every hot loop runs on. A
//! leaf: the resolver, the network and the analyses all build or read rows,
//! so the type lives below all of them.

use crate::index::Idx;

/// Compressed sparse rows: for row `r`, `items[offsets[r]..offsets[r + 1]]`.
/// Rows are indexed by `R` (a node, an exchange), items are `T` (raw `u32`
/// for the relabelled graphs of betweenness and diffusion).
#[derive(Debug, Clone, PartialEq)]
pub struct Csr<R = u32, T = u32> {
    /// Row starts; `offsets.len()` is rows + 1.
    pub offsets: Vec<u32>,
    /// The items of all rows, row after row.
    pub items: Vec<T>,
    _rows: std::marker::PhantomData<fn(R)>,
}

impl<R, T> Default for Csr<R, T> {
    fn default() -> Self {
        Csr::from_parts(Vec::new(), Vec::new())
    }
}

impl<R, T> Csr<R, T> {
    /// Rows from their offsets and items, as built by hand.
    pub(crate) fn from_parts(offsets: Vec<u32>, items: Vec<T>) -> Self {
        Csr {
            offsets,
            items,
            _rows: std::marker::PhantomData,
        }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
}

impl<R: Idx, T: Copy + Default> Csr<R, T> {
    /// Builds rows from `(row, item)` pairs, keeping the pairs' order within a row.
    /// O(rows + pairs), two passes (counting sort).
    pub(crate) fn from_pairs(rows: usize, pairs: impl Iterator<Item = (R, T)> + Clone) -> Self {
        let mut offsets = vec![0u32; rows + 1];
        for (r, _) in pairs.clone() {
            offsets[r.index() + 1] += 1;
        }
        for r in 0..rows {
            offsets[r + 1] += offsets[r];
        }
        let mut next: Vec<u32> = offsets[..rows].to_vec();
        let mut items = vec![T::default(); offsets[rows] as usize];
        for (r, item) in pairs {
            let slot = &mut next[r.index()];
            items[*slot as usize] = item;
            *slot += 1;
        }
        Csr::from_parts(offsets, items)
    }
}

impl<R, T: Ord + Send> Csr<R, T> {
    /// Sorts every row in place, rows in parallel (they are independent);
    /// repeats stay (a binary search does not mind them).
    pub(crate) fn sort_each_row(&mut self) {
        use rayon::prelude::*;
        let mut rest: &mut [T] = &mut self.items;
        let mut rows = Vec::with_capacity(self.offsets.len());
        for w in self.offsets.windows(2) {
            let (row, tail) = rest.split_at_mut((w[1] - w[0]) as usize);
            rows.push(row);
            rest = tail;
        }
        rows.into_par_iter().for_each(|row| row.sort_unstable());
    }
}

impl<R: Idx, T> Csr<R, T> {
    /// The items of row `r`.
    #[inline]
    pub fn row(&self, r: R) -> &[T] {
        let r = r.index();
        &self.items[self.offsets[r] as usize..self.offsets[r + 1] as usize]
    }
}

impl Idx for u32 {
    #[inline]
    fn new(i: usize) -> Self {
        debug_assert!(i <= u32::MAX as usize);
        i as u32
    }
    #[inline]
    fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::Csr;

    #[test]
    fn csr_keeps_pair_order_within_rows() {
        let csr: Csr = Csr::from_pairs(3, [(2u32, 10u32), (0, 11), (2, 12), (0, 13)].into_iter());
        assert_eq!(csr.row(0), &[11, 13]);
        assert_eq!(csr.row(1), &[] as &[u32]);
        assert_eq!(csr.row(2), &[10, 12]);
        assert_eq!(csr.rows(), 3);
    }
}
