//! Typed dense indices: a node, an exchange, a driver, a cost or an extract,
//! each by its position in the file (node `i` is `ecosystem.nodes[i]`). A
//! node index cannot be passed where an exchange index is wanted, and the
//! conversions to and from `usize` live here, in one place.
//!
//! Indices are `u32` inside (a design has fewer than 4 billion entries of any
//! kind: the loader refuses files that large), so arrays of them stay compact.

use std::fmt;
use std::marker::PhantomData;

/// A typed index: a position in one list of the design.
pub trait Idx: Copy + Eq + Ord + std::hash::Hash + fmt::Debug {
    /// The index at position `i`.
    fn new(i: usize) -> Self;
    /// Its position.
    fn index(self) -> usize;
}

/// Defines a typed index: a `u32` newtype implementing [`Idx`].
macro_rules! define_idx {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(u32);

        impl $crate::index::Idx for $name {
            #[inline]
            fn new(i: usize) -> Self {
                debug_assert!(i <= u32::MAX as usize);
                $name(i as u32)
            }
            #[inline]
            fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl $name {
            /// The index at position `i` (usable in constants).
            #[inline]
            pub const fn new(i: usize) -> Self {
                debug_assert!(i <= u32::MAX as usize);
                $name(i as u32)
            }
            /// Its position.
            #[inline]
            pub fn index(self) -> usize {
                <Self as $crate::index::Idx>::index(self)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
    };
}

pub(crate) use define_idx;

define_idx!(
    /// A node: its position in the file's `nodes`.
    NodeIdx
);
define_idx!(
    /// An exchange: its position in the file's `exchanges`.
    ExchangeIdx
);
define_idx!(
    /// A driver: its position in the file's `drivers`.
    DriverIdx
);
define_idx!(
    /// A cost: its position among all nodes' costs, in file order.
    CostIdx
);

/// The indices `0..n` of one kind, in order.
pub fn all<I: Idx>(n: usize) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + Clone {
    (0..n).map(I::new)
}

/// A vector indexed by a typed index: `v[node]`, never `v[exchange]`.
#[derive(Clone, PartialEq)]
pub struct IdxVec<I, T> {
    raw: Vec<T>,
    _index: PhantomData<fn(I)>,
}

impl<I: Idx, T> IdxVec<I, T> {
    /// The vector of these values, the first at index 0.
    pub(crate) fn from_vec(raw: Vec<T>) -> Self {
        IdxVec {
            raw,
            _index: PhantomData,
        }
    }

    /// `n` copies of `value`.
    pub fn filled(n: usize, value: T) -> Self
    where
        T: Clone,
    {
        Self::from_vec(vec![value; n])
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The values, in index order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.raw.iter()
    }

    /// Each index with its value, in index order.
    pub(crate) fn iter_enumerated(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + Clone + '_ {
        self.raw.iter().enumerate().map(|(i, v)| (I::new(i), v))
    }

    /// The indices, in order.
    pub fn indices(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + Clone {
        all(self.raw.len())
    }

    /// The values as a plain slice (for code that zips or sums them).
    pub fn as_slice(&self) -> &[T] {
        &self.raw
    }
}

impl<I: Idx, T> std::ops::Index<I> for IdxVec<I, T> {
    type Output = T;
    #[inline]
    fn index(&self, i: I) -> &T {
        &self.raw[i.index()]
    }
}

impl<I: Idx, T> std::ops::IndexMut<I> for IdxVec<I, T> {
    #[inline]
    fn index_mut(&mut self, i: I) -> &mut T {
        &mut self.raw[i.index()]
    }
}

impl<I: Idx, T> FromIterator<T> for IdxVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(it: It) -> Self {
        Self::from_vec(it.into_iter().collect())
    }
}

impl<I, T: fmt::Debug> fmt::Debug for IdxVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.raw.fmt(f)
    }
}

impl<I, T> Default for IdxVec<I, T> {
    fn default() -> Self {
        IdxVec {
            raw: Vec::new(),
            _index: PhantomData,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ExchangeIdx, IdxVec, NodeIdx};

    #[test]
    fn typed_vectors_are_indexed_by_their_kind() {
        let v: IdxVec<NodeIdx, &str> = ["a", "b"].into_iter().collect();
        assert_eq!(v[NodeIdx::new(1)], "b");
        assert_eq!(
            v.indices().collect::<Vec<_>>(),
            [NodeIdx::new(0), NodeIdx::new(1)]
        );
        assert_eq!(format!("{:?}", ExchangeIdx::new(3)), "ExchangeIdx(3)");
    }
}
