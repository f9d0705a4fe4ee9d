//! The whole value design of one ecosystem: drivers, extracts and the file's top level.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::Text;

use super::{Exchange, Node, Scenario};
use crate::index::{DriverIdx, ExchangeIdx, NodeIdx};

/// A value driver: a motivation pursued by nodes and served by exchanges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Driver {
    /// Unique id among drivers.
    pub id: Text,
    /// Display label; defaults to the id.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub label: Text,
}

/// A value extract: the part of the ecosystem that captures monetisable value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extract {
    /// Unique id among extracts.
    pub id: Text,
    /// Display label; defaults to the id.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub label: Text,
    /// Nodes named in the extract.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Text>,
    /// Exchanges named in the extract.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exchanges: Vec<Text>,
    /// A node to zoom in on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Text>,
    /// Hops around `focus` (default 1).
    #[serde(default = "one", skip_serializing_if = "crate::model::is_one_u32")]
    pub radius: u32,
}

fn one() -> u32 {
    1
}

/// How seriously a finding is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// Not reported.
    Allow,
    /// Reported; does not fail `check`.
    Warn,
    /// Reported; `check` exits with status 1.
    Deny,
}

/// One ecosystem's value design: the top level of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ecosystem {
    /// Name of the ecosystem.
    pub name: Text,
    /// What it is.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// Label of the currency all money figures are in.
    #[serde(default = "default_currency")]
    pub currency: Text,
    /// Length of the timeline in years.
    #[serde(default = "default_horizon")]
    pub horizon_years: u32,
    /// Yearly discount rate for NPV.
    #[serde(default, skip_serializing_if = "crate::model::is_zero")]
    pub discount_rate: f64,
    /// The value drivers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drivers: Vec<Driver>,
    /// The value nodes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Node>,
    /// The value exchanges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exchanges: Vec<Exchange>,
    /// The value extracts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extracts: Vec<Extract>,
    /// Severity per finding code, overriding the default.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub findings: IndexMap<Text, Severity>,
    /// Named what-ifs of this design.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
    /// Ranges on its numbers, for `valuedesign simulate`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uncertainty: Vec<super::Range>,
}

fn default_currency() -> Text {
    "EUR".into()
}

fn default_horizon() -> u32 {
    3
}

impl Ecosystem {
    /// An ecosystem called `name` with nothing in it, every field at the
    /// default a file gets when it leaves the field out.
    pub fn named(name: &str) -> Self {
        Ecosystem {
            name: name.into(),
            description: Text::default(),
            currency: default_currency(),
            horizon_years: default_horizon(),
            discount_rate: 0.0,
            drivers: Vec::new(),
            nodes: Vec::new(),
            exchanges: Vec::new(),
            extracts: Vec::new(),
            findings: IndexMap::new(),
            scenarios: Vec::new(),
            uncertainty: Vec::new(),
        }
    }

    /// Node `a`.
    #[inline]
    pub fn node(&self, a: NodeIdx) -> &Node {
        &self.nodes[a.index()]
    }

    /// Exchange `e`.
    #[inline]
    pub fn exchange(&self, e: ExchangeIdx) -> &Exchange {
        &self.exchanges[e.index()]
    }

    /// Driver `d`.
    #[inline]
    pub fn driver(&self, d: DriverIdx) -> &Driver {
        &self.drivers[d.index()]
    }

    /// Fills the defaults that depend on other fields (`label` = id, `offering` = id).
    pub fn apply_defaults(&mut self) {
        for d in &mut self.drivers {
            if d.label.is_empty() {
                d.label.clone_from(&d.id);
            }
        }
        for n in &mut self.nodes {
            if n.label.is_empty() {
                n.label.clone_from(&n.id);
            }
        }
        for e in &mut self.exchanges {
            if e.offering.is_empty() {
                e.offering.clone_from(&e.id);
            }
        }
        for x in &mut self.extracts {
            if x.label.is_empty() {
                x.label.clone_from(&x.id);
            }
        }
    }
}
