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
    #[serde(default)]
    pub label: Text,
    /// What the node is.
    pub kind: NodeKind,
    /// Members of a segment or group in year 1 (default 1).
    #[serde(default = "one")]
    pub count: f64,
    /// Yearly growth rate of `count` (negative for churn; default 0).
    #[serde(default)]
    pub growth: f64,
    /// The group or network this node belongs to.
    #[serde(default)]
    pub parent: Option<Text>,
    /// Ids of the drivers this node pursues.
    #[serde(default)]
    pub drivers: Vec<Text>,
    /// Key activities (free text).
    #[serde(default)]
    pub activities: Vec<Text>,
    /// Key resources (free text).
    #[serde(default)]
    pub resources: Vec<Text>,
    /// Costs the node bears.
    #[serde(default)]
    pub costs: Vec<Cost>,
    /// IoT role; inferred when absent.
    #[serde(default)]
    pub iot_role: Option<IotRole>,
    /// The segment this node makes the purchase decision for.
    #[serde(default)]
    pub decides_for: Option<Text>,
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
    #[serde(default)]
    pub cadence: Option<Cadence>,
    /// The exchange on every occurrence of which this variable cost is paid.
    #[serde(default)]
    pub per_exchange: Option<Text>,
}
