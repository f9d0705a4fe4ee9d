//! The engine against figures worked out by hand (the working is in the comments).

mod common;
use common::load as analyse;

use valuedesign::analysis::{self, Config, Field, Reason};
use valuedesign::index::{DriverIdx, ExchangeIdx, NodeIdx};
use valuedesign::model::Goal;
use valuedesign::network::Network;

fn node(design: &valuedesign::ValueDesign, id: &str) -> NodeIdx {
    design.node_index()[id]
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn assert_row(actual: &[f64], expected: &[f64]) {
    assert_eq!(actual.len(), expected.len(), "{actual:?} vs {expected:?}");
    for (a, e) in actual.iter().zip(expected) {
        assert!(close(*a, *e, 1e-12), "{actual:?} vs {expected:?}");
    }
}

const SUBSCRIPTION: &str = r#"Ecosystem(
    name: "Subscription", horizon_years: 3, discount_rate: 0.1,
    drivers: [Driver(id: "insight")],
    nodes: [
        Node(id: "saas", kind: Organization),
        Node(id: "users", kind: Segment, count: 10.0, growth: 0.5, drivers: ["insight"]),
    ],
    exchanges: [
        Exchange(id: "app", from: "saas", to: "users", flow: Service, value: 50.0, cadence: Monthly,
                 per: Some("users"), drivers: ["insight"]),
        Exchange(id: "fee", from: "users", to: "saas", flow: Money, value: 40.0, cadence: Monthly,
                 per: Some("users"), reciprocates: Some("app")),
    ],
)"#;

#[test]
fn two_actor_subscription_with_growth() {
    // members(users) = 10, 15, 22.5; O(fee) = O(app) = 12 * members = 120, 180, 270.
    // saas revenue = 40 * O = 4,800, 7,200, 10,800; users receive 50 * O = 6,000, 9,000, 13,500 of service.
    let (design, an) = analyse(SUBSCRIPTION);
    let (saas, users) = (node(&design, "saas"), node(&design, "users"));
    assert_row(an.timeline.members(users), &[10.0, 15.0, 22.5]);
    assert_row(an.timeline.new_members(users), &[10.0, 5.0, 7.5]);
    assert_row(
        an.timeline.occurrences(ExchangeIdx::new(1)),
        &[120.0, 180.0, 270.0],
    );
    assert_row(
        an.ledgers.get(saas, Field::Revenue),
        &[4800.0, 7200.0, 10800.0],
    );
    assert_row(
        an.ledgers.get(users, Field::Spend),
        &[4800.0, 7200.0, 10800.0],
    );
    assert_row(
        an.ledgers.get(users, Field::WorthTangible),
        &[6000.0, 9000.0, 13500.0],
    );
    // users: cash -4,800 ..., net value = 6,000 - 4,800 = 1,200, then 1,800, 2,700.
    assert_row(
        an.ledgers.get(users, Field::NetValue),
        &[1200.0, 1800.0, 2700.0],
    );
    assert_row(
        an.ledgers.get(users, Field::CumulativeCash),
        &[-4800.0, -12000.0, -22800.0],
    );
    assert_eq!(an.ledgers.breakeven[users], None);
    assert_eq!(an.ledgers.breakeven[saas], Some(1));
    // NPV(saas) = 4,800/1.1 + 7,200/1.1^2 + 10,800/1.1^3.
    let npv = 4800.0 / 1.1 + 7200.0 / 1.21 + 10800.0 / 1.331;
    assert!(
        close(an.ledgers.npv[saas], npv, 1e-12),
        "{} vs {npv}",
        an.ledgers.npv[saas]
    );
    // saas, an organisation, is judged on profit: NPV as above >= 0; it pursues
    // no driver and receives the fee. users, a segment, on worth: net value
    // 1,200 + 1,800 + 2,700 = 5,700 >= 0, and the app serves its driver.
    assert_eq!(an.verdicts[saas].goal, Some(Goal::Profit));
    assert_eq!(
        an.verdicts[saas].reasons,
        vec![
            Reason::Money {
                npv: an.ledgers.npv[saas],
                holds: true
            },
            Reason::ReceivesValue
        ]
    );
    assert_eq!(an.verdicts[users].goal, Some(Goal::Worth));
    assert_eq!(
        an.verdicts[users].reasons,
        vec![
            Reason::Worth {
                net_value: an.ledgers.total(users, Field::NetValue),
                holds: true
            },
            Reason::ServesDrivers(vec![DriverIdx::new(0)])
        ]
    );
    assert!(close(
        an.ledgers.total(users, Field::NetValue),
        5700.0,
        1e-12
    ));
    // saas's net value is its cash (it receives no goods or services anyway).
    assert_row(
        an.ledgers.get(saas, Field::NetValue),
        &[4800.0, 7200.0, 10800.0],
    );
    assert!(an.win_win());
}

const CHAIN: &str = r#"Ecosystem(
    name: "Chain", horizon_years: 2,
    nodes: [
        Node(id: "a", kind: Organization),
        Node(id: "b", kind: Organization),
        Node(id: "c", kind: Organization),
    ],
    exchanges: [
        Exchange(id: "orders", from: "a", to: "b", flow: Goods, value: 10.0, cadence: Times(100.0)),
        Exchange(id: "invoice", from: "b", to: "a", flow: Money, value: 2.0, cadence: Yearly,
                 follows: Some(Follow(exchange: "orders", ratio: 1.0))),
        Exchange(id: "shipping", from: "c", to: "a", flow: Service, value: 1.0, cadence: Yearly,
                 follows: Some(Follow(exchange: "orders", ratio: 0.5))),
        Exchange(id: "freight", from: "b", to: "c", flow: Money, value: 3.0, cadence: Yearly,
                 follows: Some(Follow(exchange: "shipping", ratio: 2.0))),
    ],
)"#;

#[test]
fn follows_chain_with_ratios_and_fan_out() {
    // orders: Times(100) without per = 100 a year. invoice = 1.0 * 100; shipping = 0.5 * 100 = 50
    // (fan-out: two exchanges follow orders); freight = 2.0 * 50 = 100 (a chain of two hops).
    let (design, an) = analyse(CHAIN);
    assert_eq!(an.timeline.levels, vec![0, 1, 1, 2]);
    assert_row(
        an.timeline.occurrences(ExchangeIdx::new(0)),
        &[100.0, 100.0],
    );
    assert_row(
        an.timeline.occurrences(ExchangeIdx::new(1)),
        &[100.0, 100.0],
    );
    assert_row(an.timeline.occurrences(ExchangeIdx::new(2)), &[50.0, 50.0]);
    assert_row(
        an.timeline.occurrences(ExchangeIdx::new(3)),
        &[100.0, 100.0],
    );
    let (a, b, c) = (node(&design, "a"), node(&design, "b"), node(&design, "c"));
    // a: revenue 2 * 100 = 200; b: spend 200 + 3 * 100 = 500; c: revenue 300. 200 + 300 - 500 = 0.
    assert_row(an.ledgers.get(a, Field::Revenue), &[200.0, 200.0]);
    assert_row(an.ledgers.get(b, Field::Spend), &[500.0, 500.0]);
    assert_row(an.ledgers.get(c, Field::Revenue), &[300.0, 300.0]);
    assert_row(an.ledgers.get(b, Field::WorthTangible), &[1000.0, 1000.0]);
    assert_row(an.ledgers.get(a, Field::WorthTangible), &[50.0, 50.0]);
}

#[test]
fn removal_impact_counts_followers_once() {
    // Yearly values: orders 1,000, invoice 200, shipping 50, freight 300: 1,550 a
    // year, 3,100 over the 2 years of the horizon.
    // a touches orders (which carries every other exchange): 3,100 -> 100%.
    // c touches shipping (50 + freight 300) and freight (follows shipping: counted once):
    // 700 / 3,100 = 350 / 1,550.
    let (design, an) = analyse(CHAIN);
    assert!(close(an.removal.total, 3100.0, 1e-12));
    assert!(close(an.removal.impact[node(&design, "a")], 1.0, 1e-12));
    assert!(close(an.removal.impact[node(&design, "b")], 1.0, 1e-12));
    assert!(close(
        an.removal.impact[node(&design, "c")],
        350.0 / 1550.0,
        1e-12
    ));
    assert_eq!(an.keystone, Some(node(&design, "a")));
}

#[test]
fn per_exchange_costs_and_npv() {
    // buyers: 4 then 6 (new: 4, 2). kit-pay 100 per new buyer: revenue 400, 200.
    // vendor costs: year 1 = R&D 1,000 + hosting 100 * 12 + BOM 20 * 4 kits = 2,280;
    //               year 2 = 1,200 + 20 * 2 = 1,240.
    // cash -1,880, -1,040; cumulative -1,880, -2,920; NPV = -1,880/1.1 - 1,040/1.21.
    let (design, an) = analyse(
        r#"Ecosystem(name: "Costs", horizon_years: 2, discount_rate: 0.1,
        nodes: [
            Node(id: "vendor", kind: Organization, costs: [
                Cost(label: "R&D", amount: 1000.0, cadence: Once),
                Cost(label: "Hosting", amount: 100.0, cadence: Monthly),
                Cost(label: "BOM", amount: 20.0, per_exchange: Some("kit")),
            ]),
            Node(id: "buyers", kind: Segment, count: 4.0, growth: 0.5),
        ],
        exchanges: [
            Exchange(id: "kit", from: "vendor", to: "buyers", flow: Goods, value: 80.0, cadence: Once, per: Some("buyers")),
            Exchange(id: "kit-pay", from: "buyers", to: "vendor", flow: Money, value: 100.0, cadence: Once, per: Some("buyers")),
        ])"#,
    );
    let v = node(&design, "vendor");
    assert_row(an.ledgers.get(v, Field::Revenue), &[400.0, 200.0]);
    assert_row(an.ledgers.get(v, Field::Costs), &[2280.0, 1240.0]);
    assert_row(an.ledgers.get(v, Field::Cash), &[-1880.0, -1040.0]);
    assert_row(
        an.ledgers.get(v, Field::CumulativeCash),
        &[-1880.0, -2920.0],
    );
    assert!(close(
        an.ledgers.npv[v],
        -1880.0 / 1.1 - 1040.0 / 1.21,
        1e-12
    ));
    assert_eq!(an.ledgers.breakeven[v], None);
    // The vendor, judged on profit, loses money: NPV -1,709.09 - 859.50 = -2,568.60.
    assert_eq!(
        an.verdicts[v].reasons,
        vec![
            Reason::Money {
                npv: an.ledgers.npv[v],
                holds: false
            },
            Reason::ReceivesValue
        ]
    );
    assert_eq!(
        valuedesign::words::verdict_failures(design.ecosystem(), &an, v),
        vec!["loses money (NPV -2,569 EUR over 2 years)".to_owned()]
    );
    // buyers: worth 80 * 4 = 320 vs spend 400 in year 1: net -80; year 2: 160 - 200 = -40.
    let b = node(&design, "buyers");
    assert_row(an.ledgers.get(b, Field::NetValue), &[-80.0, -40.0]);
    assert!(an.verdicts[b].fails());
}

#[test]
fn win_win_needs_an_inflow_that_serves_the_actors_drivers() {
    let (design, an) = analyse(
        r#"Ecosystem(name: "Drivers",
        drivers: [Driver(id: "uptime", label: "Less downtime"), Driver(id: "growth")],
        nodes: [
            Node(id: "vendor", kind: Organization, drivers: ["growth"]),
            Node(id: "plant", kind: Organization, goal: Some(Worth), drivers: ["uptime"]),
            Node(id: "sensor", kind: Device),
        ],
        exchanges: [
            Exchange(id: "alerts", from: "vendor", to: "plant", flow: Service, value: 10.0, cadence: Yearly, drivers: ["growth"]),
            Exchange(id: "fee", from: "plant", to: "vendor", flow: Money, value: 5.0, cadence: Yearly, drivers: ["growth"]),
            Exchange(id: "readings", from: "sensor", to: "vendor", flow: Data, value: 0.0, cadence: Yearly),
        ])"#,
    );
    // vendor: cumulative cash 5 x 3 years = 15 >= 0 (rate 0), the fee serves `growth`.
    let vendor = node(&design, "vendor");
    assert!(an.verdicts[vendor].holds());
    assert_eq!(
        valuedesign::words::verdict_basis(design.ecosystem(), &an, vendor),
        "yes: cumulative cash 15 EUR ≥ 0 over 3 years; serves growth"
    );
    assert!(!an.verdicts[node(&design, "sensor")].applies());
    // plant (on worth: 10 - 5 = 5 a year) gains, but nothing serves its driver.
    let plant = node(&design, "plant");
    assert_eq!(
        an.verdicts[plant].reasons,
        vec![
            Reason::Worth {
                net_value: 15.0,
                holds: true
            },
            Reason::DriversUnserved(vec![DriverIdx::new(0)])
        ]
    );
    assert_eq!(
        valuedesign::words::verdict_failures(design.ecosystem(), &an, plant),
        vec!["receives no exchange that serves its drivers (Less downtime); if one does, list the driver in that exchange's `drivers`".to_owned()]
    );
    assert!(!an.win_win());
}

const EXTRACTS: &str = r#"Ecosystem(name: "Extracts", horizon_years: 2,
    drivers: [Driver(id: "growth")],
    nodes: [
        Node(id: "a", kind: Organization), Node(id: "b", kind: Organization), Node(id: "c", kind: Organization),
        Node(id: "d", kind: Organization), Node(id: "e", kind: Organization),
    ],
    exchanges: [
        Exchange(id: "x1", from: "a", to: "b", flow: Goods, value: 1.0, cadence: Yearly),
        Exchange(id: "x2", from: "b", to: "a", flow: Money, value: 10.0, cadence: Yearly, reciprocates: Some("x1")),
        Exchange(id: "x3", from: "b", to: "c", flow: Data, value: 0.0, cadence: Yearly, follows: Some(Follow(exchange: "x1", ratio: 1.0))),
        Exchange(id: "x4", from: "c", to: "d", flow: Money, value: 5.0, cadence: Monthly, drivers: ["growth"]),
        Exchange(id: "x5", from: "d", to: "e", flow: Knowledge, value: 0.0, cadence: Yearly),
    ],
    extracts: [
        Extract(id: "sales", label: "Sales", exchanges: ["x2"]),
        Extract(id: "around-c", label: "Around c", focus: Some("c"), radius: 1),
        Extract(id: "d-and-e", label: "d and e", nodes: ["d", "e"]),
        Extract(id: "c-pays-d", label: "c pays d", nodes: ["c"], exchanges: ["x4"]),
    ],
)"#;

#[test]
fn extract_closures() {
    let (_, an) = analyse(EXTRACTS);
    use common::positions as ids;
    // sales: x2 and its reciprocated x1; nodes a, b; money 10 a year.
    assert_eq!(ids(&an.extracts[0].exchanges), vec![0, 1]);
    assert_eq!(ids(&an.extracts[0].nodes), vec![0, 1]);
    assert_row(&an.extracts[0].money, &[10.0, 10.0]);
    assert_eq!(ids(&an.extracts[0].core), vec![0], "the receiver of x2");
    // around c, radius 1: b, c, d; exchanges among them x3, x4; x3 follows x1, which brings a.
    // Money flowing: x4 = 5 * 12 = 60 a year, but c pays it: c captures nothing. Drivers: growth.
    assert_eq!(ids(&an.extracts[1].nodes), vec![0, 1, 2, 3]);
    assert_eq!(ids(&an.extracts[1].exchanges), vec![0, 2, 3]);
    assert_row(&an.extracts[1].money, &[0.0, 0.0]);
    assert_row(&an.extracts[1].money_flowing, &[60.0, 60.0]);
    assert_eq!(ids(&an.extracts[1].core), vec![2]);
    assert_eq!(ids(&an.extracts[1].drivers), vec![0]);
    // d and e: the exchange between them, x5; no money.
    assert_eq!(ids(&an.extracts[2].exchanges), vec![4]);
    assert_row(&an.extracts[2].money, &[0.0, 0.0]);
    assert_eq!(
        ids(&an.extracts[2].core),
        vec![3, 4],
        "no money named, no focus: the named nodes"
    );
    // c pays d: naming the payer c shows it, but d, the receiver of the named
    // money exchange x4, is who captures: 5 * 12 = 60 a year.
    assert_eq!(ids(&an.extracts[3].core), vec![3]);
    assert_eq!(ids(&an.extracts[3].nodes), vec![2, 3]);
    assert_row(&an.extracts[3].money, &[60.0, 60.0]);
}

#[test]
fn small_diffusion_solved_exactly() {
    // Intangible edges: a->b (w = 1 + 2*1 = 3), a->c (w = 1), b->c (w = 1 + 1*2 = 3), c->a (w = 1).
    // W: a->b 3/4, a->c 1/4, b->c 1, c->a 1.
    // s: a = 0 + 1 inflow = 1; b = 2 + 1 = 3; c = (0 + 2) + 2 inflows = 4.
    // x_a = 1 + d x_c; x_b = 3 + d (3/4) x_a; x_c = 4 + d ((1/4) x_a + x_b)
    // => x_a (1 - d^2/4 - 3 d^3/4) = 1 + 4 d + 3 d^2.
    let (_, an) = analyse(
        r#"Ecosystem(name: "Diffusion",
        nodes: [Node(id: "a", kind: Organization), Node(id: "b", kind: Organization), Node(id: "c", kind: Organization)],
        exchanges: [
            Exchange(id: "ab", from: "a", to: "b", flow: Data, value: 2.0, cadence: Yearly),
            Exchange(id: "ac", from: "a", to: "c", flow: Data, value: 0.0, cadence: Yearly),
            Exchange(id: "bc", from: "b", to: "c", flow: Benefit, value: 1.0, cadence: Times(2.0)),
            Exchange(id: "ca", from: "c", to: "a", flow: Knowledge, value: 0.0, cadence: Yearly),
            Exchange(id: "pay", from: "b", to: "a", flow: Money, value: 99.0, cadence: Yearly),
        ])"#,
    );
    let d: f64 = 0.85;
    let xa = (1.0 + 4.0 * d + 3.0 * d * d) / (1.0 - d * d / 4.0 - 3.0 * d * d * d / 4.0);
    let xb = 3.0 + d * 0.75 * xa;
    let xc = 4.0 + d * (0.25 * xa + xb);
    let reach = &an.diffusion.reach;
    assert!(an.diffusion.converged);
    for (got, want) in reach.iter().zip([xa, xb, xc]) {
        assert!(close(*got, want, 1e-8), "{reach:?} vs {:?}", [xa, xb, xc]);
    }
}

#[test]
fn betweenness_on_small_graphs() {
    // Path a -> b -> c: only (a, c) goes through b: raw 1, normalised 1 / ((3-1)(3-2)) = 0.5.
    let (_, an) = analyse(
        r#"Ecosystem(name: "Path",
        nodes: [Node(id: "a", kind: Organization), Node(id: "b", kind: Organization), Node(id: "c", kind: Organization)],
        exchanges: [
            Exchange(id: "ab", from: "a", to: "b", flow: Data, value: 0.0, cadence: Yearly),
            Exchange(id: "ab2", from: "a", to: "b", flow: Money, value: 1.0, cadence: Yearly),
            Exchange(id: "bc", from: "b", to: "c", flow: Data, value: 0.0, cadence: Yearly),
        ])"#,
    );
    assert_row(an.betweenness.raw.as_slice(), &[0.0, 1.0, 0.0]);
    assert_row(an.betweenness.normalised.as_slice(), &[0.0, 0.5, 0.0]);
    // Diamond s -> u, v -> t: half of the s-t shortest paths go through each of u, v.
    let diamond = r#"Ecosystem(name: "Diamond",
        nodes: [Node(id: "s", kind: Organization), Node(id: "u", kind: Organization),
                Node(id: "v", kind: Organization), Node(id: "t", kind: Organization)],
        exchanges: [
            Exchange(id: "su", from: "s", to: "u", flow: Data, value: 0.0, cadence: Yearly),
            Exchange(id: "sv", from: "s", to: "v", flow: Data, value: 0.0, cadence: Yearly),
            Exchange(id: "ut", from: "u", to: "t", flow: Data, value: 0.0, cadence: Yearly),
            Exchange(id: "vt", from: "v", to: "t", flow: Data, value: 0.0, cadence: Yearly),
        ])"#;
    let (design, an) = analyse(diamond);
    assert_row(an.betweenness.raw.as_slice(), &[0.0, 0.5, 0.5, 0.0]);
    assert_row(
        an.betweenness.normalised.as_slice(),
        &[0.0, 0.5 / 6.0, 0.5 / 6.0, 0.0],
    );
    // Sampling every node as a pivot is the exact computation.
    let cfg = Config {
        keystones: analysis::KeystoneConfig {
            exact_limit: 0,
            pivots: 4,
            seed: 9,
            ..analysis::KeystoneConfig::default()
        },
        ..Config::default()
    };
    let sampled = analysis::analyse(&design, &cfg);
    assert_eq!(sampled.betweenness.raw, an.betweenness.raw);
    assert!(matches!(
        sampled.betweenness.method,
        analysis::Method::Sampled {
            pivots: 4,
            seed: 9,
            ..
        }
    ));
}

#[test]
fn group_ledgers_add_descendants() {
    // net -> (x, sub -> (y)). Own revenues: x 10, y 5 a year; the group's is 15, sub's is 5.
    let (design, an) = analyse(
        r#"Ecosystem(name: "Groups", horizon_years: 1,
        nodes: [
            Node(id: "net", kind: Group),
            Node(id: "x", kind: Organization, parent: Some("net")),
            Node(id: "sub", kind: Group, parent: Some("net")),
            Node(id: "y", kind: Organization, parent: Some("sub")),
            Node(id: "buyer", kind: Organization),
        ],
        exchanges: [
            Exchange(id: "px", from: "buyer", to: "x", flow: Money, value: 10.0, cadence: Yearly),
            Exchange(id: "py", from: "buyer", to: "y", flow: Money, value: 5.0, cadence: Yearly),
        ])"#,
    );
    let g = &an.group_ledgers;
    assert_row(
        g.get(node(&design, "net"), Field::Revenue)
            .expect("net has children"),
        &[15.0],
    );
    assert_row(
        g.get(node(&design, "sub"), Field::Revenue)
            .expect("sub has children"),
        &[5.0],
    );
    assert_eq!(g.get(node(&design, "x"), Field::Revenue), None);
    assert_row(an.ledgers.get(node(&design, "net"), Field::Revenue), &[0.0]);
    // Zoom to depth 0: x and sub/y fold into net; flows buyer -> net summed: 15.
    let net = Network::new(&design);
    let agg = analysis::zoom::aggregate(&net, &an.timeline, 0);
    assert_eq!(common::positions(&agg.nodes), vec![0, 4]);
    let flow = agg
        .flows
        .get(&(
            NodeIdx::new(4),
            NodeIdx::new(0),
            valuedesign::model::Flow::Money,
        ))
        .expect("buyer -> net");
    assert_row(flow, &[15.0]);
    // Depth 1: sub stays, y folds into it.
    let agg = analysis::zoom::aggregate(&net, &an.timeline, 1);
    assert_eq!(common::positions(&agg.nodes), vec![0, 1, 2, 4]);
    assert_eq!(agg.representative[NodeIdx::new(3)], NodeIdx::new(2));
}

#[test]
fn food_plant_vendor_earns_the_canvas_figures() {
    // The canvas seed: 28,000 per customer in its first year (hardware 5,000 + installation
    // 15,000 + platform 3,000 + O&M 5,000), 8,000 per customer in later years (renewals).
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ecosystems/food-plant-monitoring.ron");
    let (_, design) = valuedesign::load_file(&path).expect("loads");
    let an = analysis::analyse(&design, &Config::default());
    let eco = design.ecosystem();
    let plants = node(&design, "food-processors");
    let vendor = node(&design, "vendor");
    let years = an.timeline.years;
    let mut from_plants = vec![0.0; years];
    for (e, x) in eco.exchanges.iter().enumerate() {
        let e = ExchangeIdx::new(e);
        let edge = &an.network.edges[e];
        if x.flow == valuedesign::model::Flow::Money && edge.from == plants && edge.to == vendor {
            for (y, o) in an.timeline.occurrences(e).iter().enumerate() {
                from_plants[y] += x.value * o;
            }
        }
    }
    let new = an.timeline.new_members(plants);
    let members = an.timeline.members(plants);
    for y in 0..years {
        let expected = 28_000.0 * new[y] + 8_000.0 * (members[y] - new[y]);
        assert!(
            close(from_plants[y], expected, 1e-12),
            "year {}: {} vs {expected}",
            y + 1,
            from_plants[y]
        );
    }
    // Year 1: 5 customers, all new: 140,000.
    assert!(close(from_plants[0], 140_000.0, 1e-12));
}

/// A hub's exchange terms are summed in blocks of 64 (docs/semantics.md,
/// "Ledger"): 130 payments of 0.1 into one node, over one year, are
/// `(64 x 0.1) + (64 x 0.1) + (2 x 0.1)`, each block summed from 0 in file
/// order; that is not the plain running sum's rounding (12.99999999999997),
/// so the test sees which order was taken.
#[test]
fn a_hub_sums_its_exchanges_in_blocks_of_64() {
    let mut nodes = String::from("Node(id: \"hub\", kind: Organization),\n");
    let mut exchanges = String::new();
    for i in 0..130 {
        nodes.push_str(&format!("Node(id: \"p{i}\", kind: Organization),\n"));
        exchanges.push_str(&format!(
            "Exchange(id: \"e{i}\", from: \"p{i}\", to: \"hub\", flow: Money, value: 0.1, cadence: Once),\n"
        ));
    }
    let text = format!(
        "Ecosystem(name: \"Blocks\", horizon_years: 1, discount_rate: 0.0, nodes: [{nodes}], exchanges: [{exchanges}])"
    );
    let (design, an) = analyse(&text);
    let block = |n: usize| (0..n).fold(0.0, |s: f64, _| s + 0.1);
    let blocked = 0.0 + block(64) + block(64) + block(2);
    let plain = block(130);
    assert_eq!(blocked, 12.999999999999986);
    assert_ne!(blocked, plain, "the orders round differently");
    let revenue = an.ledgers.get(node(&design, "hub"), Field::Revenue)[0];
    assert_eq!(revenue.to_bits(), blocked.to_bits(), "{revenue}");
}
