//! The checks about one actor's business: its verdict, its revenue, its
//! dependence and the feasibility red flags of the canvas seed. Rules about
//! selling speak only to actors that sell (receive money for something): a
//! customer that only buys has no revenue model to judge. One function per
//! check, each returning its hits.

use rustc_hash::FxHashMap;

use super::{Ctx, Hit};
use crate::index::{ExchangeIdx, NodeIdx};
use crate::model::{Flow, Goal, NodeKind, RevenueModel};

/// Actors that sell and are in the ecosystem for profit.
fn profit_sellers<'a>(cx: &'a Ctx<'_>) -> impl Iterator<Item = NodeIdx> + 'a {
    cx.net.nodes().filter(|&a| {
        cx.net.kinds[a].is_actor() && cx.an.sells[a] && cx.net.goals[a] == Goal::Profit
    })
}

/// Organisations that sell.
fn selling_organisations<'a>(cx: &'a Ctx<'_>) -> impl Iterator<Item = NodeIdx> + 'a {
    cx.net
        .nodes()
        .filter(|&a| cx.net.kinds[a] == NodeKind::Organization && cx.an.sells[a])
}

/// The actor's revenue streams: money in that pays for something (a
/// transfer it receives is not a stream it earns).
fn streams(cx: &Ctx<'_>, a: NodeIdx) -> Vec<ExchangeIdx> {
    cx.net
        .money_in(a)
        .into_iter()
        .filter(|&e| cx.an.revenue_model(e) != Some(RevenueModel::Transfer))
        .collect()
}

/// What actor `a` earns from its streams over the horizon.
fn earned(cx: &Ctx<'_>, a: NodeIdx) -> f64 {
    streams(cx, a).iter().map(|&e| cx.total(e)).sum()
}

/// `win-win-failure`: every actor that fails a test of its verdict.
pub(super) fn win_win_failure(cx: &Ctx<'_>) -> Vec<Hit> {
    cx.net
        .nodes()
        .filter(|&a| cx.an.verdicts[a].fails())
        .map(|a| {
            let reasons = crate::words::verdict_failures(cx.eco, cx.an, a);
            Hit {
                message: format!("not win-win for {}: {}", cx.node(a), reasons.join("; ")),
                nodes: vec![a],
                exchanges: vec![],
                stake: super::loss(cx.an, a).map_or(0.0, f64::abs),
            }
        })
        .collect()
}

/// `single-revenue-stream`: a profit actor that earns from one stream only.
pub(super) fn single_revenue_stream(cx: &Ctx<'_>) -> Vec<Hit> {
    profit_sellers(cx)
        .filter_map(|a| {
            let money = streams(cx, a);
            (money.len() == 1).then(|| Hit {
                message: format!(
                    "{} earns all its revenue from one stream: {}",
                    cx.node(a),
                    cx.exchange(money[0])
                ),
                nodes: vec![a],
                exchanges: vec![money[0]],
                stake: cx.total(money[0]),
            })
        })
        .collect()
}

/// `no-recurring-revenue`: a profit actor whose every stream is paid once
/// per customer (asset sales, service fees).
pub(super) fn no_recurring_revenue(cx: &Ctx<'_>) -> Vec<Hit> {
    profit_sellers(cx)
        .filter_map(|a| {
            let money = streams(cx, a);
            let recurring = money.iter().any(|&e| {
                cx.an
                    .revenue_model(e)
                    .is_some_and(RevenueModel::is_recurring)
            });
            (!money.is_empty() && !recurring).then(|| Hit {
                message: format!("{} sells once and earns nothing after the sale", cx.node(a)),
                nodes: vec![a],
                stake: money.iter().map(|&e| cx.total(e)).sum(),
                exchanges: money,
            })
        })
        .collect()
}

/// `breakeven-beyond-horizon`: a profit actor that sells and whose
/// cumulative cash stays below 0.
pub(super) fn breakeven_beyond_horizon(cx: &Ctx<'_>) -> Vec<Hit> {
    let l = &cx.an.ledgers;
    profit_sellers(cx)
        .filter(|&a| l.breakeven[a].is_none())
        .map(|a| {
            let last = l
                .get(a, crate::analysis::Field::CumulativeCash)
                .last()
                .copied()
                .unwrap_or(0.0);
            Hit {
                message: format!(
                    "{} does not break even within {} years (cumulative cash {})",
                    cx.node(a),
                    cx.an.timeline.years,
                    cx.money(last)
                ),
                nodes: vec![a],
                exchanges: vec![],
                stake: last.abs(),
            }
        })
        .collect()
}

/// `channel-dependency`: a seller whose two or more offerings all go through
/// one named channel.
pub(super) fn channel_dependency(cx: &Ctx<'_>) -> Vec<Hit> {
    cx.net
        .nodes()
        .filter(|&a| cx.net.kinds[a].is_actor() && cx.an.sells[a])
        .filter_map(|a| {
            let offers = cx.net.offerings(a);
            let channels: Vec<Option<&str>> = offers
                .iter()
                .map(|&e| cx.eco.exchange(e).channel.as_deref())
                .collect();
            let first = (*channels.first()?)?;
            (offers.len() >= 2 && channels.iter().all(|c| *c == Some(first))).then(|| Hit {
                message: format!(
                    "every offering of {} goes through one channel: {first}",
                    cx.node(a)
                ),
                nodes: vec![a],
                exchanges: offers,
                stake: earned(cx, a),
            })
        })
        .collect()
}

/// `keystone-risk`: a supplier (an organisation that sells) whose removal
/// loses more than half of the ecosystem's value over the horizon.
/// Depending on one's customers is what an ecosystem is for.
pub(super) fn keystone_risk(cx: &Ctx<'_>) -> Vec<Hit> {
    let removal = &cx.an.removal;
    selling_organisations(cx)
        .filter(|&a| removal.impact[a] > 0.5)
        .map(|a| Hit {
            message: format!(
                "removing {} would lose {} of the ecosystem's value over {} years",
                cx.node(a),
                crate::words::percent(removal.impact[a]),
                cx.an.timeline.years
            ),
            nodes: vec![a],
            exchanges: vec![],
            stake: removal.impact[a] * removal.total,
        })
        .collect()
}

/// `everything-in-house`: a selling organisation with key activities and no
/// key partner (as the canvas derives them).
pub(super) fn everything_in_house(cx: &Ctx<'_>) -> Vec<Hit> {
    selling_organisations(cx)
        .filter(|&a| {
            !cx.eco.node(a).activities.is_empty()
                && crate::canvas::partner_links(cx.an, a).is_empty()
        })
        .map(|a| Hit {
            message: format!("{} has key activities but no key partner", cx.node(a)),
            nodes: vec![a],
            exchanges: vec![],
            stake: 0.0,
        })
        .collect()
}

/// The customers of seller `a`: the actors (other than `a`) that receive
/// its side's non-money offerings, each with those offerings, in first-seen
/// order.
fn customers(cx: &Ctx<'_>, a: NodeIdx) -> Vec<(NodeIdx, Vec<ExchangeIdx>)> {
    let net = cx.net;
    let mut out: Vec<(NodeIdx, Vec<ExchangeIdx>)> = Vec::new();
    // Where each customer is in `out`: a hub has a million of them.
    let mut at: FxHashMap<NodeIdx, usize> = FxHashMap::default();
    for side in net.side(a) {
        for &e in net.outgoing.row(side) {
            let edge = &net.edges[e];
            if edge.flow == Flow::Money {
                continue;
            }
            let Some(c) = net.owner(edge.to).filter(|&c| c != a) else {
                continue;
            };
            let k = *at.entry(c).or_insert_with(|| {
                out.push((c, Vec::new()));
                out.len() - 1
            });
            out[k].1.push(e);
        }
    }
    out
}

/// `everyone-is-a-customer` ("Everyone is a customer": is the customer
/// segment well defined?): a seller that offers to four or more actors, at
/// least half of which pursue no driver its offerings to them serve.
pub(super) fn everyone_is_a_customer(cx: &Ctx<'_>) -> Vec<Hit> {
    let net = cx.net;
    net.nodes()
        .filter(|&a| net.kinds[a].is_actor() && cx.an.sells[a])
        .filter_map(|a| {
            let all = customers(cx, a);
            let undefined: Vec<NodeIdx> = all
                .iter()
                .filter(|(c, offers)| {
                    let wanted = net.node_drivers.row(*c);
                    !offers.iter().any(|&e| {
                        net.exchange_drivers
                            .row(e)
                            .iter()
                            .any(|d| wanted.contains(d))
                    })
                })
                .map(|(c, _)| *c)
                .collect();
            if all.len() < 4 || undefined.len() * 2 < all.len() {
                return None;
            }
            let names: Vec<String> = undefined.iter().map(|&c| cx.node(c)).collect();
            let stake = net
                .money_in(a)
                .iter()
                .filter(|&&m| {
                    net.owner(net.edges[m].from)
                        .is_some_and(|o| undefined.contains(&o))
                })
                .map(|&m| cx.total(m))
                .sum();
            let mut nodes = vec![a];
            nodes.extend(&undefined);
            Some(Hit {
                message: format!(
                    "{} offers to {} actors, and {} of them pursue nothing its offerings serve: {}",
                    cx.node(a),
                    all.len(),
                    undefined.len(),
                    names.join(", ")
                ),
                nodes,
                exchanges: vec![],
                stake,
            })
        })
        .collect()
}

/// `nice-but-no-pay` ("Customers say it is nice but won't pay"): a seller's
/// offerings are worth something to a customer (their value over the
/// horizon is above 0), yet nobody pays the seller for that customer:
/// neither the customer, nor whoever decides for it or whom it decides for,
/// nor anyone the customer pays who pays the seller. A customer the seller pays is a partner, not a
/// customer, and is left out.
pub(super) fn nice_but_no_pay(cx: &Ctx<'_>) -> Vec<Hit> {
    let net = cx.net;
    let mut out = Vec::new();
    let pays_to = super::owners_reached(net, |x| x.flow == Flow::Money);
    for a in net
        .nodes()
        .filter(|&a| net.kinds[a].is_actor() && cx.an.sells[a])
    {
        let mut payers: Vec<NodeIdx> = streams(cx, a)
            .iter()
            .filter_map(|&m| net.owner(net.edges[m].from))
            .collect();
        payers.sort_unstable();
        payers.dedup();
        let pays = |x: NodeIdx| payers.binary_search(&x).is_ok();
        let mut paid_by_a: Vec<NodeIdx> = net
            .outgoing
            .row(a)
            .iter()
            .filter(|&&m| net.edges[m].flow == Flow::Money)
            .filter_map(|&m| net.owner(net.edges[m].to))
            .collect();
        paid_by_a.sort_unstable();
        for (c, offers) in customers(cx, a) {
            let worth: f64 = offers.iter().map(|&e| cx.total(e)).sum();
            // Whether `c`'s side pays someone who pays `a`: the shorter of
            // the two sorted lists looked up in the longer.
            let reached = pays_to.row(c);
            let pays_a_payer = if reached.len() <= payers.len() {
                reached.iter().any(|&o| pays(o))
            } else {
                payers.iter().any(|p| reached.binary_search(p).is_ok())
            };
            let someone_pays = pays(c)
                || cx.decides_for(c).any(pays)
                || cx.decided_by(c).any(pays)
                || pays_a_payer;
            if worth <= 0.0 || someone_pays || paid_by_a.binary_search(&c).is_ok() {
                continue;
            }
            out.push(Hit {
                message: format!(
                    "from {} to {}: {}, worth {} over {} years by the design, and paid for by nobody",
                    cx.node(a),
                    cx.node(c),
                    offers
                        .iter()
                        .map(|&e| cx.exchange(e))
                        .collect::<Vec<_>>()
                        .join(", "),
                    cx.money(worth),
                    cx.an.timeline.years,
                ),
                nodes: vec![a, c],
                exchanges: offers,
                stake: worth,
            });
        }
    }
    out
}

/// `anyone-can-do-this` ("Anyone can do this": is it easy to copy?): a
/// selling organisation with no key resource: no `resources` listed and no
/// data or knowledge it (or its devices and processes) receives.
pub(super) fn anyone_can_do_this(cx: &Ctx<'_>) -> Vec<Hit> {
    let net = cx.net;
    selling_organisations(cx)
        .filter(|&a| {
            cx.eco.node(a).resources.is_empty()
                && !net.side(a).any(|s| {
                    net.incoming.row(s).iter().any(|&e| {
                        matches!(net.edges[e].flow, Flow::Data | Flow::Knowledge)
                    })
                })
        })
        .map(|a| Hit {
            message: format!(
                "nothing makes the offerings of {} hard to copy: it lists no resources and receives no data or knowledge",
                cx.node(a)
            ),
            nodes: vec![a],
            exchanges: vec![],
            stake: earned(cx, a),
        })
        .collect()
}

/// `seller-judged-on-worth`: an actor whose file says `goal: Worth`, that
/// sells, and that loses money (NPV below 0): on worth it may read "yes"
/// only because the worth of what it buys counts as gained.
pub(super) fn seller_judged_on_worth(cx: &Ctx<'_>) -> Vec<Hit> {
    cx.net
        .actors()
        .filter(|&a| {
            cx.eco.node(a).goal == Some(Goal::Worth)
                && cx.an.sells[a]
                && cx.an.ledgers.npv[a] < 0.0
        })
        .map(|a| Hit {
            message: format!(
                "{} sells (revenue {} over {} years) but its file judges it on worth (`goal: Worth`); on money it loses (NPV {})",
                cx.node(a),
                cx.money(earned(cx, a)),
                cx.an.timeline.years,
                cx.money(cx.an.ledgers.npv[a])
            ),
            nodes: vec![a],
            exchanges: vec![],
            stake: cx.an.ledgers.npv[a].abs(),
        })
        .collect()
}
