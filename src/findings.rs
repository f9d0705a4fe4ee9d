//! Contract 3.7: the findings catalogue. Each check has a stable code, a
//! default severity, one sentence of why and what to do, and the source of the
//! rule in the literature. Findings are data, not errors: the checks compute,
//! the CLI prints and picks the exit code (1 when a deny-level finding fires).

use indexmap::IndexMap;
use serde::Serialize;

use crate::analysis::{Analysis, Field, Verdict};
use crate::canvas::revenue_model;
use crate::model::{Flow, NodeKind, RevenueModel, Severity};
use crate::validate::ValueDesign;

/// One check of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Stable code, used in files (`findings: { "code": Deny }`) and on the command line.
    pub code: &'static str,
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
const HAKANEN: &str = "Hakanen (2015), IoT is first and foremost about service: five keys";

/// The catalogue, in the order findings are reported.
pub const CATALOGUE: &[Check] = &[
    Check { code: "win-win-failure", severity: Severity::Warn, why: "an actor that gains nothing it wants, or loses over the horizon, will not stay in the ecosystem; give it an exchange that serves its drivers or a better share of the value", source: WESTERLUND },
    Check { code: "isolated-node", severity: Severity::Deny, why: "a value node with no exchange takes no part in creating or capturing value; connect it or remove it", source: WESTERLUND },
    Check { code: "single-revenue-stream", severity: Severity::Warn, why: "reliance on one revenue stream is high risk; add a recurring or value-added stream", source: CANVAS },
    Check { code: "no-recurring-revenue", severity: Severity::Warn, why: "an actor paid only once per customer (a device, a project, a certificate) earns nothing while the customer keeps using what it bought; a recurring stream (service, platform, renewal) makes the model sustainable", source: CANVAS },
    Check { code: "breakeven-beyond-horizon", severity: Severity::Warn, why: "the actor does not break even within the horizon; check its cost per project against its revenue", source: CANVAS },
    Check { code: "individual-driver", severity: Severity::Warn, why: "a driver pursued by one node is fragmented value; shared drivers make a non-biased, win-win ecosystem", source: WESTERLUND },
    Check { code: "unserved-driver", severity: Severity::Warn, why: "no exchange serves this driver, so no actor's motivation for it is met; link an exchange to it or drop it", source: WESTERLUND },
    Check { code: "unreciprocated-flow", severity: Severity::Warn, why: "goods or services go out and nothing comes back from the receiver; value exchanges should be reciprocal", source: HAKANEN },
    Check { code: "data-without-return", severity: Severity::Warn, why: "data is taken from an actor that gets nothing back from its receiver; reciprocal value keeps data flowing", source: HAKANEN },
    Check { code: "channel-dependency", severity: Severity::Warn, why: "all of the actor's offerings go through one channel partner, which weakens its bargaining power", source: CANVAS },
    Check { code: "keystone-risk", severity: Severity::Warn, why: "more than half of the ecosystem's value depends on one actor; plan for its failure or spread the roles", source: WESTERLUND },
    Check { code: "extract-without-money", severity: Severity::Warn, why: "a value extract should capture monetisable value, but its closure holds no money flow, or none paid into its core from outside", source: WESTERLUND },
    Check { code: "implausible-rate", severity: Severity::Warn, why: "a discount rate above 100% or a growth above 200% a year is almost always a percentage written as a whole number, and it makes every later year's figures meaningless", source: FORMAT },
    Check { code: "everything-in-house", severity: Severity::Warn, why: "an organisation with key activities but no key partners is trying to do everything in-house", source: CANVAS },
];

/// The catalogue entry of `code`.
pub fn check(code: &str) -> Option<&'static Check> {
    CATALOGUE.iter().find(|c| c.code == code)
}

/// One finding: a check that fired, with the actors and exchanges it names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The check's code.
    pub code: &'static str,
    /// Its severity for this run.
    pub severity: Severity,
    /// What was found, naming the actors and exchanges.
    pub message: String,
    /// Node ids it names.
    pub nodes: Vec<String>,
    /// Exchange ids it names.
    pub exchanges: Vec<String>,
    /// Why it matters and what to do.
    pub why: &'static str,
    /// The source of the rule.
    pub source: &'static str,
}

/// Severity overrides: the file's `findings` map, then the command line's.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Per code.
    pub overrides: IndexMap<String, Severity>,
    /// Treat every warning as deny (`--deny warnings`).
    pub deny_warnings: bool,
}

impl Policy {
    /// The file's own severities (its `findings` map).
    pub fn of_file(eco: &crate::model::Ecosystem) -> Self {
        Policy {
            overrides: eco
                .findings
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect(),
            deny_warnings: false,
        }
    }

    /// The severity of `code` under this policy.
    pub fn severity(&self, c: &Check) -> Severity {
        let s = self.overrides.get(c.code).copied().unwrap_or(c.severity);
        if self.deny_warnings && s == Severity::Warn {
            Severity::Deny
        } else {
            s
        }
    }
}

/// "Label (`id`)", or "`id`" when the label is the id. Backticks in the
/// label become quotes, so they cannot open a code span.
fn named(label: &str, id: &str) -> String {
    if label == id {
        format!("`{id}`")
    } else {
        format!("{} (`{id}`)", label.replace('`', "'"))
    }
}

/// Runs every check; returns the findings whose severity is not `Allow`, in
/// catalogue order, then file order.
pub fn findings(design: &ValueDesign, an: &Analysis, policy: &Policy) -> Vec<Finding> {
    let eco = design.ecosystem();
    let net = &an.network;
    let node_id = |a: u32| eco.nodes[a as usize].id.to_string();
    let ex_id = |e: u32| eco.exchanges[e as usize].id.to_string();
    // In messages: the label a strategist knows, then the id they edit.
    let node_name = |a: u32| {
        let n = &eco.nodes[a as usize];
        named(&n.label, &n.id)
    };
    let ex_name = |e: u32| {
        let x = &eco.exchanges[e as usize];
        named(&x.offering, &x.id)
    };
    let driver_name = |d: usize| {
        let dr = &eco.drivers[d];
        if dr.label == dr.id {
            format!("`{}`", dr.id)
        } else {
            format!("\"{}\" (`{}`)", dr.label.replace('`', "'"), dr.id)
        }
    };
    let money_in = |a: usize| net.money_in(a);
    let offers_of = |a: usize| net.offerings(a);
    let mut out = Vec::new();
    for c in CATALOGUE {
        let severity = policy.severity(c);
        if severity == Severity::Allow {
            continue;
        }
        let mut push = |message: String, nodes: Vec<String>, exchanges: Vec<String>| {
            out.push(Finding {
                code: c.code,
                severity,
                message,
                nodes,
                exchanges,
                why: c.why,
                source: c.source,
            });
        };
        let organisations =
            (0..net.node_count()).filter(|&a| net.kinds[a] == NodeKind::Organization);
        match c.code {
            "win-win-failure" => {
                for (a, v) in an.verdicts.iter().enumerate() {
                    if let Verdict::Fails(reasons) = v {
                        push(
                            format!(
                                "{} is not win-win: {}",
                                node_name(a as u32),
                                reasons.join("; ")
                            ),
                            vec![node_id(a as u32)],
                            vec![],
                        );
                    }
                }
            }
            "isolated-node" => {
                for a in 0..net.node_count() {
                    if net.incoming.row(a).is_empty()
                        && net.outgoing.row(a).is_empty()
                        && net.children.row(a).is_empty()
                    {
                        push(
                            format!("{} takes part in no exchange", node_name(a as u32)),
                            vec![node_id(a as u32)],
                            vec![],
                        );
                    }
                }
            }
            "single-revenue-stream" => {
                for a in organisations {
                    let money: Vec<u32> = money_in(a);
                    if money.len() == 1 {
                        push(
                            format!(
                                "{} earns all its revenue from one stream: {}",
                                node_name(a as u32),
                                ex_name(money[0])
                            ),
                            vec![node_id(a as u32)],
                            vec![ex_id(money[0])],
                        );
                    }
                }
            }
            "no-recurring-revenue" => {
                for a in organisations {
                    let money: Vec<u32> = money_in(a);
                    let one_time: Vec<u32> = money
                        .iter()
                        .copied()
                        .filter(|&e| revenue_model(design, e as usize) == RevenueModel::AssetSale)
                        .collect();
                    let recurring = money
                        .iter()
                        .any(|&e| revenue_model(design, e as usize) != RevenueModel::AssetSale);
                    if !one_time.is_empty() && !recurring {
                        push(
                            format!(
                                "{} sells once and earns nothing after the sale",
                                node_name(a as u32)
                            ),
                            vec![node_id(a as u32)],
                            one_time.iter().map(|&e| ex_id(e)).collect(),
                        );
                    }
                }
            }
            "breakeven-beyond-horizon" => {
                for a in organisations {
                    if an.ledgers.total(a, Field::Revenue) > 0.0
                        && an.ledgers.breakeven[a].is_none()
                    {
                        let last = an
                            .ledgers
                            .get(a, Field::CumulativeCash)
                            .last()
                            .copied()
                            .unwrap_or(0.0);
                        push(
                            format!(
                                "{} does not break even within {} years (cumulative cash {} {})",
                                node_name(a as u32),
                                an.timeline.years,
                                crate::analysis::format::amount(last),
                                eco.currency
                            ),
                            vec![node_id(a as u32)],
                            vec![],
                        );
                    }
                }
            }
            "individual-driver" => {
                for (d, pursuers) in an.drivers.pursued_by.iter().enumerate() {
                    if pursuers.len() == 1 {
                        push(
                            format!(
                                "driver {} is pursued only by {}",
                                driver_name(d),
                                node_name(pursuers[0])
                            ),
                            vec![node_id(pursuers[0])],
                            vec![],
                        );
                    }
                }
            }
            "unserved-driver" => {
                for (d, served) in an.drivers.served_by.iter().enumerate() {
                    if served.is_empty() {
                        let nodes = an.drivers.pursued_by[d]
                            .iter()
                            .map(|&a| node_id(a))
                            .collect();
                        push(
                            format!("no exchange serves driver {}", driver_name(d)),
                            nodes,
                            vec![],
                        );
                    }
                }
            }
            "unreciprocated-flow" => {
                let reciprocated: Vec<bool> = {
                    let mut r = vec![false; net.exchange_count()];
                    for edge in &net.edges {
                        if let Some(x) = edge.reciprocates {
                            r[x as usize] = true;
                        }
                    }
                    r
                };
                for (e, edge) in net.edges.iter().enumerate() {
                    if !matches!(edge.flow, Flow::Goods | Flow::Service)
                        || reciprocated[e]
                        || edge.reciprocates.is_some()
                    {
                        continue;
                    }
                    let back = net
                        .outgoing
                        .row(edge.to as usize)
                        .iter()
                        .any(|&b| net.edges[b as usize].to == edge.from);
                    if !back {
                        push(
                            format!(
                                "{} gives {} to {}, which gives nothing back",
                                node_name(edge.from),
                                ex_name(e as u32),
                                node_name(edge.to)
                            ),
                            vec![node_id(edge.from), node_id(edge.to)],
                            vec![ex_id(e as u32)],
                        );
                    }
                }
            }
            "data-without-return" => {
                // Data taken from users: the sender is a segment or a person, or a
                // device whose owner (`parent`) is an actor; the owner must get
                // something back from the receiver.
                for (e, edge) in net.edges.iter().enumerate() {
                    if edge.flow != Flow::Data {
                        continue;
                    }
                    let from = edge.from as usize;
                    if !matches!(
                        net.kinds[from],
                        NodeKind::Segment | NodeKind::Person | NodeKind::Device
                    ) {
                        continue;
                    }
                    let Some(owner) = net.owner(edge.from) else {
                        continue;
                    };
                    // Data kept inside the owner (to itself or to its own devices and processes) is not taken.
                    if net.owner(edge.to) == Some(owner) {
                        continue;
                    }
                    let back = net
                        .outgoing
                        .row(edge.to as usize)
                        .iter()
                        .any(|&b| net.edges[b as usize].to == owner);
                    if !back {
                        push(
                            format!(
                                "{} takes data from {} ({}) and gives {} nothing back",
                                node_name(edge.to),
                                node_name(edge.from),
                                ex_name(e as u32),
                                node_name(owner)
                            ),
                            vec![node_id(owner), node_id(edge.to)],
                            vec![ex_id(e as u32)],
                        );
                    }
                }
            }
            "channel-dependency" => {
                for a in 0..net.node_count() {
                    if !net.kinds[a].is_actor()
                        || net
                            .incoming
                            .row(a)
                            .iter()
                            .all(|&e| net.edges[e as usize].flow != Flow::Money)
                    {
                        continue;
                    }
                    let offers: Vec<u32> = offers_of(a);
                    let channels: Vec<Option<&str>> = offers
                        .iter()
                        .map(|&e| eco.exchanges[e as usize].channel.as_deref())
                        .collect();
                    if let Some(Some(first)) = channels.first() {
                        if offers.len() >= 2 && channels.iter().all(|c| *c == Some(*first)) {
                            push(
                                format!(
                                    "every offering of {} goes through one channel: {first}",
                                    node_name(a as u32)
                                ),
                                vec![node_id(a as u32)],
                                offers.iter().map(|&e| ex_id(e)).collect(),
                            );
                        }
                    }
                }
            }
            "keystone-risk" => {
                for (a, &impact) in an.removal.impact.iter().enumerate() {
                    // A firm's failure is a risk to plan for; depending on
                    // one's customers is what an ecosystem is for.
                    if net.kinds[a] == NodeKind::Organization && impact > 0.5 {
                        push(
                            format!(
                                "removing {} would lose {} of the ecosystem's year-1 value",
                                node_name(a as u32),
                                crate::analysis::format::percent(impact)
                            ),
                            vec![node_id(a as u32)],
                            vec![],
                        );
                    }
                }
            }
            "extract-without-money" => {
                for (x, r) in eco.extracts.iter().zip(&an.extracts) {
                    let holds_money = r
                        .exchanges
                        .iter()
                        .any(|&e| net.edges[e as usize].flow == Flow::Money);
                    if !holds_money {
                        push(
                            format!("extract {} holds no money flow", named(&x.label, &x.id)),
                            vec![],
                            r.exchanges.iter().map(|&e| ex_id(e)).collect(),
                        );
                    } else if r.money.iter().all(|&m| m == 0.0) {
                        push(
                            format!(
                                "extract {} captures no money: every payment in it is made inside its core (name the money exchange that brings value in)",
                                named(&x.label, &x.id)
                            ),
                            r.core.iter().map(|&a| node_id(a)).collect(),
                            vec![],
                        );
                    }
                }
            }
            "everything-in-house" => {
                for a in organisations {
                    let partners = net
                        .incoming
                        .row(a)
                        .iter()
                        .any(|&e| net.edges[e as usize].flow != Flow::Money)
                        || net
                            .outgoing
                            .row(a)
                            .iter()
                            .any(|&e| net.edges[e as usize].flow == Flow::Money);
                    if !eco.nodes[a].activities.is_empty() && !partners {
                        push(
                            format!(
                                "{} has key activities but no key partner",
                                node_name(a as u32)
                            ),
                            vec![node_id(a as u32)],
                            vec![],
                        );
                    }
                }
            }
            "implausible-rate" => {
                let pct = |r: f64| crate::analysis::format::amount(r * 100.0);
                if eco.discount_rate > 1.0 {
                    push(
                        format!(
                            "the discount rate {} means {}% a year; rates are fractions: 8% is 0.08",
                            eco.discount_rate,
                            pct(eco.discount_rate)
                        ),
                        vec![],
                        vec![],
                    );
                }
                for (a, node) in eco.nodes.iter().enumerate() {
                    if node.growth > 2.0 {
                        push(
                            format!(
                                "{} grows by {}% a year (growth {}); rates are fractions: 40% is 0.4",
                                node_name(a as u32),
                                pct(node.growth),
                                node.growth
                            ),
                            vec![node_id(a as u32)],
                            vec![],
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}
