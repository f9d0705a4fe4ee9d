//! The findings catalogue: every check's code, title, default severity, why
//! and source. A leaf: it knows nothing of the engine, so the validator can
//! check the codes a file names without reaching above itself.

use serde::Serialize;

use crate::model::Severity;

/// The code of a check: stable, written in files (`findings: { "code": Deny }`)
/// and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// An actor is not win-win.
    WinWinFailure,
    /// A node takes part in no exchange.
    IsolatedNode,
    /// A seller earns from one stream only.
    SingleRevenueStream,
    /// A seller is paid only once per customer.
    NoRecurringRevenue,
    /// A seller does not break even within the horizon.
    BreakevenBeyondHorizon,
    /// A driver pursued by one node.
    IndividualDriver,
    /// A driver no exchange serves.
    UnservedDriver,
    /// Goods or services with nothing back.
    UnreciprocatedFlow,
    /// Data taken with nothing back.
    DataWithoutReturn,
    /// Every offering through one channel partner.
    ChannelDependency,
    /// A supplier whose removal loses more than half the value.
    KeystoneRisk,
    /// An extract that captures no money.
    ExtractWithoutMoney,
    /// A growth rate that is almost surely a percentage.
    ImplausibleRate,
    /// Key activities and no key partner.
    EverythingInHouse,
    /// Customer segments named, not defined by a job.
    EveryoneIsACustomer,
    /// Customers receive worth and pay nothing for it.
    NiceButNoPay,
    /// Nothing makes the offering hard to copy.
    AnyoneCanDoThis,
    /// A seller that loses money, judged on worth by its file.
    SellerJudgedOnWorth,
    /// One firm takes most of the value while another puts in most.
    ValueCaptureImbalance,
}

impl Code {
    /// The code as written in files and output.
    pub fn as_str(self) -> &'static str {
        check(self).name
    }

    /// The code named `s`, if any.
    pub fn parse(s: &str) -> Option<Code> {
        CATALOGUE.iter().find(|c| c.name == s).map(|c| c.code)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One check of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Its code.
    #[serde(skip)]
    pub code: Code,
    /// The code as written: `win-win-failure`.
    #[serde(rename = "code")]
    pub name: &'static str,
    /// Its title in words: "Win-win failure".
    pub title: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Why it matters and what to do, in one sentence.
    pub why: &'static str,
    /// Where the rule comes from.
    pub source: &'static str,
}

const WESTERLUND: &str =
    "Westerlund, Leminen & Rajahonka (2014), Designing business models for the Internet of Things";
const CANVAS: &str = "Business Model Canvas for IoT: feasibility red flags and canvas analysis";
const FORMAT: &str = "valuedesign file format (docs/format.md): rates are fractions of 1";
const VNA: &str = "Allee (2008), Value network analysis and value conversion of tangible and intangible assets; Westerlund, Leminen & Rajahonka (2014) on win-win value designs";
const HAKANEN: &str = "Hakanen (2015), IoT is first and foremost about service: five keys";

/// The catalogue, one entry per [`Code`], in the order of the enum.
pub const CATALOGUE: &[Check] = &[
    Check { code: Code::WinWinFailure, name: "win-win-failure", title: "Win-win failure", severity: Severity::Warn, why: "an actor that gains nothing it wants, or loses over the horizon, will not stay in the ecosystem; give it an exchange that serves its drivers or a better share of the value", source: WESTERLUND },
    Check { code: Code::IsolatedNode, name: "isolated-node", title: "Isolated node", severity: Severity::Deny, why: "a value node with no exchange takes no part in creating or capturing value; connect it or remove it", source: WESTERLUND },
    Check { code: Code::SingleRevenueStream, name: "single-revenue-stream", title: "Single revenue stream", severity: Severity::Warn, why: "reliance on one revenue stream is high risk, however steady it is: a second stream (another offering, another segment, a value-added service) spreads it", source: CANVAS },
    Check { code: Code::NoRecurringRevenue, name: "no-recurring-revenue", title: "No recurring revenue", severity: Severity::Warn, why: "an actor paid only once per customer (a device, a project, a certificate) earns nothing while the customer keeps using what it bought; a recurring stream (service, platform, renewal) makes the model sustainable", source: CANVAS },
    Check { code: Code::BreakevenBeyondHorizon, name: "breakeven-beyond-horizon", title: "Breakeven beyond the horizon", severity: Severity::Warn, why: "the actor does not break even within the horizon; check its cost per project against its revenue", source: CANVAS },
    Check { code: Code::IndividualDriver, name: "individual-driver", title: "Individual driver", severity: Severity::Warn, why: "a driver pursued by one node is fragmented value; shared drivers make a non-biased, win-win ecosystem", source: WESTERLUND },
    Check { code: Code::UnservedDriver, name: "unserved-driver", title: "Unserved driver", severity: Severity::Warn, why: "no exchange serves this driver, so no actor's motivation for it is met; link an exchange to it or drop it", source: WESTERLUND },
    Check { code: Code::UnreciprocatedFlow, name: "unreciprocated-flow", title: "Unreciprocated flow", severity: Severity::Warn, why: "goods or services go out and nothing comes back from the receiver; value exchanges should be reciprocal", source: HAKANEN },
    Check { code: Code::DataWithoutReturn, name: "data-without-return", title: "Data without return", severity: Severity::Warn, why: "data is taken from an actor that gets nothing back from its receiver; reciprocal value keeps data flowing", source: HAKANEN },
    Check { code: Code::ChannelDependency, name: "channel-dependency", title: "Channel dependency", severity: Severity::Warn, why: "all of the actor's offerings go through one channel partner, which weakens its bargaining power", source: CANVAS },
    Check { code: Code::KeystoneRisk, name: "keystone-risk", title: "Keystone risk", severity: Severity::Warn, why: "more than half of the ecosystem's value depends on one supplier; plan for its failure or spread the roles", source: WESTERLUND },
    Check { code: Code::ExtractWithoutMoney, name: "extract-without-money", title: "Extract without money", severity: Severity::Warn, why: "a value extract should capture monetisable value, but its closure holds no money flow, or none paid into its core from outside", source: WESTERLUND },
    Check { code: Code::ImplausibleRate, name: "implausible-rate", title: "Implausible rate", severity: Severity::Warn, why: "a growth above 100% a year is often a percentage written as a whole number, and compounding it makes every later year's figures meaningless; rates are fractions: 40% is 0.4", source: FORMAT },
    Check { code: Code::EverythingInHouse, name: "everything-in-house", title: "Everything in-house", severity: Severity::Warn, why: "an organisation with key activities but no key partners is trying to do everything in-house", source: CANVAS },
    Check { code: Code::EveryoneIsACustomer, name: "everyone-is-a-customer", title: "Everyone is a customer", severity: Severity::Warn, why: "a customer segment is well defined by the job it needs done; segments that pursue nothing the offering serves are names, not segments: say what each needs (its drivers) or drop it", source: CANVAS },
    Check { code: Code::NiceButNoPay, name: "nice-but-no-pay", title: "Customers say it is nice but won't pay", severity: Severity::Warn, why: "the design says the offering is worth something to this customer, yet nobody pays for it, neither the customer nor anyone on its behalf; find who is willing to pay, or treat it as a cost of acquisition", source: CANVAS },
    Check { code: Code::AnyoneCanDoThis, name: "anyone-can-do-this", title: "Anyone can do this", severity: Severity::Warn, why: "nothing in the design makes this offering hard to copy: the seller has no key resource of its own (no resources listed, no data or knowledge it receives); name the asset, data or know-how that competitors lack", source: CANVAS },
    Check { code: Code::SellerJudgedOnWorth, name: "seller-judged-on-worth", title: "A seller judged on worth", severity: Severity::Warn, why: "`goal: Worth` counts the worth of what an actor buys as value gained, which suits a customer or a public body, not a firm in business here: remove it, or say why this actor is here for what it receives", source: FORMAT },
    Check { code: Code::ValueCaptureImbalance, name: "value-capture-imbalance", title: "Value capture imbalance", severity: Severity::Warn, why: "one business takes over half the value the ecosystem creates while another puts in over half of what the businesses put in: the investor has every reason to renegotiate its share or leave; share the value closer to what each puts in", source: VNA },
];

/// The catalogue entry of `code`.
pub fn check(code: Code) -> &'static Check {
    // The catalogue is in the order of the enum (a test holds it so).
    &CATALOGUE[code as usize]
}

/// The catalogue entry named `name`, if any.
pub(crate) fn check_named(name: &str) -> Option<&'static Check> {
    CATALOGUE.iter().find(|c| c.name == name)
}

// Every code has its entry: the last code is the last entry.
const _: () = assert!(CATALOGUE.len() == Code::ValueCaptureImbalance as usize + 1);

#[cfg(test)]
mod tests {
    use super::{Code, CATALOGUE};

    #[test]
    fn the_catalogue_is_in_the_order_of_the_codes() {
        for (i, c) in CATALOGUE.iter().enumerate() {
            assert_eq!(c.code as usize, i, "{}", c.name);
            assert_eq!(Code::parse(c.name), Some(c.code));
        }
        assert_eq!(Code::parse("no-such-code"), None);
    }
}
