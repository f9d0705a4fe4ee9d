//! Value exchanges: directed flows of money, goods, services, data, knowledge and benefits.

use serde::{Deserialize, Serialize};

use super::Text;

use super::Cadence;

/// The kind of value that flows (Allee's tangible and intangible flows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Flow {
    /// Money (tangible).
    Money,
    /// Goods (tangible).
    Goods,
    /// A service (tangible).
    Service,
    /// Data (intangible).
    Data,
    /// Knowledge (intangible).
    Knowledge,
    /// A benefit: reputation, loyalty, access, co-creation (intangible).
    Benefit,
}

impl Flow {
    /// Every flow kind, in a fixed order.
    pub const ALL: [Flow; 6] = [
        Flow::Money,
        Flow::Goods,
        Flow::Service,
        Flow::Data,
        Flow::Knowledge,
        Flow::Benefit,
    ];

    /// Whether the flow is tangible (money, goods, services).
    pub fn is_tangible(self) -> bool {
        matches!(self, Flow::Money | Flow::Goods | Flow::Service)
    }

    /// Whether the flow is intangible (data, knowledge, benefits).
    pub fn is_intangible(self) -> bool {
        !self.is_tangible()
    }

    /// The flow kind in one lower-case word, as maps and filters name it
    /// ("money", "service"...).
    pub fn word(self) -> &'static str {
        match self {
            Flow::Money => "money",
            Flow::Goods => "goods",
            Flow::Service => "service",
            Flow::Data => "data",
            Flow::Knowledge => "knowledge",
            Flow::Benefit => "benefit",
        }
    }
}

/// How a revenue stream earns its money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RevenueModel {
    /// One-time sale of an asset.
    AssetSale,
    /// Recurring fee.
    Subscription,
    /// Pay per use.
    UsageFee,
    /// Leasing or renting.
    Leasing,
    /// Licensing.
    Licensing,
    /// Gain sharing / outcome-based.
    GainSharing,
    /// Sale of data.
    DataSale,
    /// Advertising.
    Advertising,
    /// A freemium tier.
    Freemium,
    /// Brokerage or commission.
    Brokerage,
    /// A fee for a one-time service: installation, commissioning, onboarding.
    ServiceFee,
    /// Money given for nothing in return: a rebate, subsidy or grant. Its
    /// payer is not thereby a customer of the receiver.
    Transfer,
}

impl RevenueModel {
    /// Words for the model.
    pub fn name(self) -> &'static str {
        match self {
            RevenueModel::AssetSale => "asset sale",
            RevenueModel::Subscription => "subscription",
            RevenueModel::UsageFee => "usage fee",
            RevenueModel::Leasing => "leasing/renting",
            RevenueModel::Licensing => "licensing",
            RevenueModel::GainSharing => "gain sharing",
            RevenueModel::DataSale => "data sale",
            RevenueModel::Advertising => "advertising",
            RevenueModel::Freemium => "freemium tier",
            RevenueModel::Brokerage => "brokerage",
            RevenueModel::ServiceFee => "service fee",
            RevenueModel::Transfer => "transfer",
        }
    }

    /// Whether money of this model is paid again and again for as long as
    /// the payer keeps what it bought (the opposite of a one-time sale).
    pub(crate) fn is_recurring(self) -> bool {
        !matches!(
            self,
            RevenueModel::AssetSale | RevenueModel::ServiceFee | RevenueModel::Transfer
        )
    }
}

/// A dependency of one exchange on another: `O(e, y) = ratio * O(exchange, y)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Follow {
    /// The exchange this one follows.
    pub exchange: Text,
    /// Occurrences of this exchange per occurrence of the followed one.
    pub ratio: f64,
}

/// A value exchange between two nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    /// Unique id among exchanges.
    pub id: Text,
    /// Sending node.
    pub from: Text,
    /// Receiving node.
    pub to: Text,
    /// Kind of value.
    pub flow: Flow,
    /// What is offered; defaults to the id.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub offering: Text,
    /// Money: amount per occurrence; other flows: worth to the receiver per occurrence.
    pub value: f64,
    /// How often it occurs.
    pub cadence: Cadence,
    /// The node whose members drive the occurrences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Text>,
    /// The exchange whose occurrences drive this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<Follow>,
    /// The exchange this one gives something back for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reciprocates: Option<Text>,
    /// Ids of the drivers this exchange serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drivers: Vec<Text>,
    /// Channel through which it is delivered (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Text>,
    /// Kind of customer relationship (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<Text>,
    /// Revenue model of a money flow; inferred when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_model: Option<RevenueModel>,
}
