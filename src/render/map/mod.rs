//! The value-design map: what it shows ([`view`], with [`fold`] for large
//! designs), where everything goes ([`layout`], card outlines in [`shape`]),
//! and the drawing ([`svg`], with the `legend` and the [`marks`] both use;
//! [`slide`] fits it to a 16:9 slide).

pub mod diff;
pub(crate) mod explore;
pub mod fold;
pub mod layout;
pub(crate) mod legend;
pub mod marks;
pub mod shape;
pub mod slide;
pub mod svg;
pub mod view;
