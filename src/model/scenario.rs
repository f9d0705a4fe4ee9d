//! Scenarios: named what-ifs of a design, kept in its file.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::Text;

/// A named what-if: some numbers set, some nodes or exchanges taken out.
/// Analysed with `--scenario <id>`; compared with the base by `compare`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Unique id among scenarios.
    pub id: Text,
    /// Display label; defaults to the id.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub label: Text,
    /// What it supposes, in a sentence or two.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// Numbers set, by path (`"nodes.households.growth": 0.05`), as `--set` takes them.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub set: IndexMap<Text, f64>,
    /// Ids of nodes or exchanges taken out (a node with every exchange it
    /// takes part in; an exchange with every exchange that follows it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<Text>,
}
