//! Value nodes: the heterogeneous actors of an ecosystem, and their costs.

use serde::{Deserialize, Serialize};

use super::Text;

use super::Cadence;

/// What kind of value node this is (Westerlund et al.: actors, segments,
/// devices, activities, processes and groups/networks of any of these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NodeKind {
    /// A firm or non-profit organisation.
    Organization,
    /// A customer segment; `count` members.
    Segment,
    /// An individual.
    Person,
    /// A device or thing: sensor, machine, avatar.
    Device,
    /// An activity.
    Activity,
    /// An automated process.
    Process,
    /// A group or network of nodes (children name it as `parent`).
    Group,
}

impl NodeKind {
    /// Every kind, in a fixed order.
    pub const ALL: [NodeKind; 7] = [
        NodeKind::Organization,
        NodeKind::Segment,
        NodeKind::Person,
        NodeKind::Device,
        NodeKind::Activity,
        NodeKind::Process,
        NodeKind::Group,
    ];

    /// Whether the win-win rule applies to this kind (section 3.2): devices,
    /// activities, processes and groups are not actors with interests.
    pub fn is_actor(self) -> bool {
        !matches!(
            self,
            NodeKind::Device | NodeKind::Activity | NodeKind::Process | NodeKind::Group
        )
    }

    /// What a node of this kind is in the ecosystem for when its `goal` is
    /// not written: organisations for profit, everyone else for worth.
    pub(crate) fn default_goal(self) -> Goal {
        match self {
            NodeKind::Organization => Goal::Profit,
            _ => Goal::Worth,
        }
    }

    /// Whether a node of this kind may say its own `goal` (devices,
    /// activities and processes belong to their owner and have no verdict).
    pub(crate) fn takes_goal(self) -> bool {
        !matches!(
            self,
            NodeKind::Device | NodeKind::Activity | NodeKind::Process
        )
    }
}

/// What an actor is in the ecosystem for: it decides how its net value is
/// counted and what its win-win verdict tests (contract 3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Goal {
    /// Judged on money: net value is its cash, and it is win-win when its NPV
    /// over the horizon is not negative. The worth of what it buys is an input
    /// to what it sells, never value gained. Default for organisations.
    Profit,
    /// Judged on worth: net value is the worth of what it receives (money
    /// included) minus what it pays and its costs. Default for segments,
    /// persons and groups; a public body or a non-profit can say so.
    Worth,
}

/// The IoT role of an organisation in the ecosystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IotRole {
    /// Supplies the technology to others.
    Enabler,
    /// Delivers IoT products or services to end customers.
    Engager,
    /// Adds services on the data of others' offerings.
    Enhancer,
    /// Uses IoT in its own operations.
    Embedder,
}

/// A value node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Unique id among nodes.
    pub id: Text,
    /// Display label; defaults to the id.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub label: Text,
    /// What the node is.
    pub kind: NodeKind,
    /// Members of a segment or group in year 1 (default 1).
    #[serde(default = "one", skip_serializing_if = "crate::model::is_one")]
    pub count: f64,
    /// Yearly growth rate of `count` (negative for churn; default 0).
    #[serde(default, skip_serializing_if = "crate::model::is_zero")]
    pub growth: f64,
    /// Share of last year's members that leave each year (0 to 1); when
    /// written, members are last year's renewing members plus the new ones
    /// (contract 3.1). Unset: every member renews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub churn: Option<f64>,
    /// The group or network this node belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Text>,
    /// Ids of the drivers this node pursues.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drivers: Vec<Text>,
    /// Key activities (free text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Text>,
    /// Key resources (free text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Text>,
    /// Costs the node bears.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub costs: Vec<Cost>,
    /// IoT role; inferred when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iot_role: Option<IotRole>,
    /// The segment this node makes the purchase decision for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decides_for: Option<Text>,
    /// What the node is in the ecosystem for; defaults by kind
    /// (`NodeKind::default_goal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<Goal>,
    /// The industry it belongs to ("energy", "logistics"): how many a design
    /// spans decides its ecosystem type (`analysis::ecosystem_type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<Text>,
}

fn one() -> f64 {
    1.0
}

/// A cost borne by a node: fixed with a cadence, or variable per occurrence of an exchange.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    /// What the cost is for.
    pub label: Text,
    /// Amount per payment (per year, month, occurrence...).
    pub amount: f64,
    /// How often a fixed cost is paid (exactly one of `cadence` and `per_exchange`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence: Option<Cadence>,
    /// The exchange on every occurrence of which this variable cost is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_exchange: Option<Text>,
}
