//! The verdict by goal, what money pays for, key partners and the customer
//! profile, on designs worked out by hand (the working is in the comments),
//! and make-or-buy invariance as a property on generated designs.

mod common;
use common::load;

use proptest::prelude::*;
use valuedesign::analysis::{self, Config, Field, Reason};
use valuedesign::canvas::{canvas, CanvasKind, Source};
use valuedesign::generate::{generate_string, GenerateConfig};
use valuedesign::index::{DriverIdx, NodeIdx};
use valuedesign::model::{
    Cadence, Cost, Ecosystem, Exchange, Flow, Goal, Node, NodeKind, RevenueModel,
};
use valuedesign::words::{verdict_basis, verdict_failures};
use valuedesign::ValueDesign;

fn idx(design: &ValueDesign, id: &str) -> NodeIdx {
    design.node_index()[id]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + b.abs())
}

/// An intermediary (a reseller) buys 100 units a year at `cost` and sells
/// them on at `price`.
fn reseller(cost: f64, price: f64) -> String {
    format!(
        r#"Ecosystem(name: "Reseller", horizon_years: 2, drivers: [Driver(id: "margin")],
        nodes: [
            Node(id: "maker", kind: Organization),
            Node(id: "reseller", kind: Organization, drivers: ["margin"]),
            Node(id: "shops", kind: Segment),
        ],
        exchanges: [
            Exchange(id: "supply", from: "maker", to: "reseller", flow: Goods, value: {cost}, cadence: Times(100.0)),
            Exchange(id: "supply-pay", from: "reseller", to: "maker", flow: Money, value: {cost}, cadence: Times(100.0), reciprocates: Some("supply")),
            Exchange(id: "resale", from: "reseller", to: "shops", flow: Goods, value: {price}, cadence: Times(100.0)),
            Exchange(id: "resale-pay", from: "shops", to: "reseller", flow: Money, value: {price}, cadence: Times(100.0), reciprocates: Some("resale"), drivers: ["margin"]),
        ])"#
    )
}

#[test]
fn an_intermediary_is_judged_on_its_margin_not_on_what_it_buys() {
    // Buys at 10, sells at 12: cash = 100 x (12 - 10) = 200 a year, 400 over 2
    // years (rate 0: the NPV is the cumulative cash). The goods it buys are
    // worth 1,000 a year to it, but they are an input: its net value is 400,
    // not 400 + 2,000 (the old rule said 2,400).
    let (design, an) = load(&reseller(10.0, 12.0));
    let r = idx(&design, "reseller");
    assert_eq!(an.network.goals[r], Goal::Profit);
    assert_eq!(an.ledgers.total(r, Field::WorthTangible), 2000.0);
    assert_eq!(an.ledgers.total(r, Field::NetValue), 400.0);
    assert_eq!(
        verdict_basis(design.ecosystem(), &an, r),
        "yes: cumulative cash 400 EUR ≥ 0 over 2 years; serves margin"
    );
    // Passing on every cent it receives (12 for 12) is not a loss...
    let (design, an) = load(&reseller(12.0, 12.0));
    let r = idx(&design, "reseller");
    assert_eq!(an.ledgers.npv[r], 0.0);
    assert!(an.verdicts[r].holds());
    // ...selling at 9 what it buys at 12 is: -300 a year, -600 over 2 years,
    // whatever the worth of the goods it receives.
    let (design, an) = load(&reseller(12.0, 9.0));
    let r = idx(&design, "reseller");
    assert_eq!(
        verdict_basis(design.ecosystem(), &an, r),
        "no: loses money (cumulative cash -600 EUR over 2 years)"
    );
    // The shops, a segment, are judged on worth: 100 x (9 - 9) = 0 a year.
    assert!(an.verdicts[idx(&design, "shops")].holds());
}

fn airport() -> (ValueDesign, analysis::Analysis) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ecosystems/airport-lighting-service.ron");
    let (_, design) = valuedesign::load_file(&path).expect("loads");
    let an = analysis::analyse(&design, &Config::default());
    (design, an)
}

#[test]
fn the_lighting_company_that_loses_money_is_not_win_win() {
    // Year 1: 12 x 9,500 = 114,000 in; 300,000 + 555,000 + 30,000 paid out; a
    // platform cost of 12,000: -783,000. Years 2 to 10: 114,000 - 30,000 -
    // 12,000 = 72,000. Cumulative: -783,000 + 9 x 72,000 = -135,000.
    // NPV at 6%: -783,000 / 1.06 + sum over y = 2..10 of 72,000 / 1.06^y.
    let (design, an) = airport();
    let l = idx(&design, "lighting-co");
    let cash = an.ledgers.get(l, Field::Cash);
    assert!(close(cash[0], -783_000.0));
    assert!(cash[1..].iter().all(|&c| close(c, 72_000.0)));
    assert!(close(an.ledgers.total(l, Field::Cash), -135_000.0));
    let npv = -783_000.0 / 1.06 + (2..=10).map(|y| 72_000.0 / 1.06f64.powi(y)).sum::<f64>();
    assert!(
        close(an.ledgers.npv[l], npv),
        "{} vs {npv}",
        an.ledgers.npv[l]
    );
    // It receives 855,000 of services and 300,000 of goods: inputs, not value.
    assert!(close(
        an.ledgers.total(l, Field::WorthTangible),
        1_155_000.0
    ));
    assert!(close(an.ledgers.total(l, Field::NetValue), -135_000.0));
    assert!(an.verdicts[l].fails());
    assert_eq!(
        verdict_failures(design.ecosystem(), &an, l),
        ["loses money (NPV -276,678 EUR over 10 years)"]
    );
    assert!(!an.win_win());
    // The airport (goal: Worth): 10 x (144,000 - 114,000) + the 50,000 rebate
    // - the worth of what it gives away is not counted against it = 350,000.
    let a = idx(&design, "airport");
    assert_eq!(an.network.goals[a], Goal::Worth);
    assert!(close(an.ledgers.total(a, Field::NetValue), 350_000.0));
    assert!(an.verdicts[a].holds());
    // The utility (goal: Worth): 10 x 8,000 of lower peak load - 50,000 = 30,000.
    let u = idx(&design, "utility");
    assert!(close(an.ledgers.total(u, Field::NetValue), 30_000.0));
    // The rebate is a transfer: the utility is not the airport's customer.
    let rebate = design.exchange_index()["rebate"];
    assert_eq!(an.revenue_model(rebate), Some(RevenueModel::Transfer));
    assert!(!an.sells[a]);
}

#[test]
fn buying_instead_of_making_changes_nothing_for_the_buyer() {
    // The same lighting company with installation done by its own crews: a
    // cost of 555,000 once instead of a bought service and its payment.
    let (design, an) = airport();
    let mut eco = design.ecosystem().clone();
    eco.exchanges
        .retain(|x| x.id != "installation" && x.id != "installation-payment");
    // The contractor's cost per installation goes with it (it is out of the picture).
    for n in &mut eco.nodes {
        n.costs
            .retain(|c| c.per_exchange.as_deref() != Some("installation"));
    }
    // And the file's range on that cost.
    eco.uncertainty
        .retain(|r| !r.path.contains("Crews and lifts"));
    let lc = eco
        .nodes
        .iter_mut()
        .find(|n| n.id == "lighting-co")
        .expect("node");
    lc.costs.push(Cost {
        label: "Own installation crews".into(),
        amount: 555_000.0,
        cadence: Some(Cadence::Once),
        per_exchange: None,
    });
    let made = ValueDesign::new(eco).expect("valid");
    let made_an = analysis::analyse(&made, &Config::default());
    let (l0, l1) = (idx(&design, "lighting-co"), idx(&made, "lighting-co"));
    for (a, b) in an
        .ledgers
        .get(l0, Field::NetValue)
        .iter()
        .zip(made_an.ledgers.get(l1, Field::NetValue))
    {
        assert!(close(*a, *b), "{a} vs {b}");
    }
    assert!(close(an.ledgers.npv[l0], made_an.ledgers.npv[l1]));
    assert_eq!(an.verdicts[l0].holds(), made_an.verdicts[l1].holds());
}

/// Which model each payment gets, by what it pays for.
#[test]
fn revenue_models_follow_what_the_money_pays_for() {
    let (design, an) = load(
        r#"Ecosystem(name: "Models",
        nodes: [
            Node(id: "vendor", kind: Organization),
            Node(id: "plants", kind: Segment, count: 2.0),
            Node(id: "finance", kind: Organization),
            Node(id: "utility", kind: Organization),
            Node(id: "homes", kind: Segment),
        ],
        exchanges: [
            Exchange(id: "kit", from: "vendor", to: "plants", flow: Goods, value: 10.0, cadence: Once, per: Some("plants")),
            Exchange(id: "kit-pay", from: "plants", to: "vendor", flow: Money, value: 10.0, cadence: Once, per: Some("plants"), reciprocates: Some("kit")),
            Exchange(id: "install", from: "vendor", to: "plants", flow: Service, value: 5.0, cadence: Once, per: Some("plants")),
            Exchange(id: "install-pay", from: "plants", to: "vendor", flow: Money, value: 5.0, cadence: Once, per: Some("plants"), reciprocates: Some("install")),
            Exchange(id: "app", from: "vendor", to: "plants", flow: Service, value: 2.0, cadence: Monthly, per: Some("plants")),
            Exchange(id: "app-fee", from: "plants", to: "vendor", flow: Money, value: 2.0, cadence: Monthly, per: Some("plants")),
            Exchange(id: "scan", from: "vendor", to: "plants", flow: Service, value: 1.0, cadence: Times(50.0), per: Some("plants")),
            Exchange(id: "scan-fee", from: "plants", to: "vendor", flow: Money, value: 1.0, cadence: Yearly, follows: Some(Follow(exchange: "scan", ratio: 1.0))),
            Exchange(id: "report", from: "vendor", to: "finance", flow: Data, value: 3.0, cadence: Yearly),
            Exchange(id: "report-pay", from: "finance", to: "vendor", flow: Money, value: 3.0, cadence: Yearly),
            Exchange(id: "savings", from: "vendor", to: "plants", flow: Benefit, value: 40.0, cadence: Yearly, per: Some("plants")),
            Exchange(id: "share", from: "plants", to: "vendor", flow: Money, value: 8.0, cadence: Yearly, follows: Some(Follow(exchange: "savings", ratio: 1.0))),
            Exchange(id: "grant", from: "utility", to: "vendor", flow: Money, value: 100.0, cadence: Once),
            Exchange(id: "flex", from: "homes", to: "utility", flow: Benefit, value: 6.0, cadence: Yearly),
            Exchange(id: "reward", from: "utility", to: "homes", flow: Money, value: 5.0, cadence: Yearly, reciprocates: Some("flex")),
        ])"#,
    );
    let model = |id: &str| an.revenue_model(design.exchange_index()[id]);
    use RevenueModel::*;
    for (id, expected) in [
        ("kit-pay", AssetSale),      // pays for goods
        ("install-pay", ServiceFee), // a one-time service
        ("app-fee", Subscription),   // a monthly service (what comes back at its cadence)
        ("scan-fee", UsageFee),      // per occurrence of use (Times(50) drives it)
        ("report-pay", DataSale),    // pays for data
        ("share", GainSharing),      // follows a benefit
        ("grant", Transfer),         // nothing comes back
        ("reward", Transfer),        // a customer's benefit rewarded
    ] {
        assert_eq!(model(id), Some(expected), "{id}");
    }
    assert_eq!(model("kit"), None, "goods are not money");
    // The vendor sells; the homes, rewarded for flexibility, sell nothing.
    assert!(an.sells[idx(&design, "vendor")]);
    assert!(!an.sells[idx(&design, "homes")]);
    // The utility pays a grant: it is not among the vendor's customer segments.
    let c = canvas(&design, &an, idx(&design, "vendor"));
    let segments: Vec<&str> = c
        .customer_segments
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(segments, ["plants", "finance"]);
    let grant = c
        .revenue_streams
        .iter()
        .find(|e| e.sources == [Source::Exchange("grant".into())])
        .expect("the grant is still money in");
    assert_eq!(grant.tags, ["transfer"]);
}

#[test]
fn key_partners_supply_and_customer_data_is_a_resource() {
    // The vendor pays the maker for parts (a partner) and receives readings
    // from the plants (customers: their data is a key resource, not a
    // partnership) and free advice from a consultant (no partner either).
    let (design, an) = load(
        r#"Ecosystem(name: "Partners",
        nodes: [
            Node(id: "vendor", kind: Organization), Node(id: "maker", kind: Organization),
            Node(id: "plants", kind: Segment), Node(id: "consultant", kind: Organization),
        ],
        exchanges: [
            Exchange(id: "parts", from: "maker", to: "vendor", flow: Goods, value: 4.0, cadence: Yearly),
            Exchange(id: "parts-pay", from: "vendor", to: "maker", flow: Money, value: 4.0, cadence: Yearly, reciprocates: Some("parts")),
            Exchange(id: "svc", from: "vendor", to: "plants", flow: Service, value: 9.0, cadence: Yearly),
            Exchange(id: "fee", from: "plants", to: "vendor", flow: Money, value: 9.0, cadence: Yearly, reciprocates: Some("svc")),
            Exchange(id: "readings", from: "plants", to: "vendor", flow: Data, value: 0.0, cadence: Yearly),
            Exchange(id: "advice", from: "consultant", to: "vendor", flow: Knowledge, value: 1.0, cadence: Yearly),
        ])"#,
    );
    let c = canvas(&design, &an, idx(&design, "vendor"));
    let partners: Vec<(&str, &[String])> = c
        .key_partners
        .iter()
        .map(|e| (e.text.as_str(), e.tags.as_slice()))
        .collect();
    assert_eq!(partners, [("maker", &["paid".to_owned()][..])]);
    assert_eq!(
        c.key_partners[0].sources,
        [
            Source::Exchange("parts".into()),
            Source::Exchange("parts-pay".into())
        ]
    );
    assert!(c
        .key_resources
        .iter()
        .any(|e| e.text == "readings from plants" && e.tags == ["data"]));
    let segments: Vec<&str> = c
        .customer_segments
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(segments, ["plants"]);
}

#[test]
fn a_customer_gets_its_profile_jobs_gains_and_pains() {
    // The plants buy a service for 9 a year (worth 12) and send readings;
    // they pursue uptime (served by the service) and cost (served by nothing).
    let (design, an) = load(
        r#"Ecosystem(name: "Profile", horizon_years: 2,
        drivers: [Driver(id: "uptime", label: "Less downtime"), Driver(id: "cost")],
        nodes: [
            Node(id: "vendor", kind: Organization),
            Node(id: "plants", kind: Segment, drivers: ["uptime", "cost"],
                 costs: [Cost(label: "Staff time", amount: 1.0, cadence: Some(Yearly))]),
        ],
        exchanges: [
            Exchange(id: "svc", from: "vendor", to: "plants", flow: Service, value: 12.0, cadence: Yearly, drivers: ["uptime"]),
            Exchange(id: "fee", from: "plants", to: "vendor", flow: Money, value: 9.0, cadence: Yearly, reciprocates: Some("svc")),
            Exchange(id: "readings", from: "plants", to: "vendor", flow: Data, value: 0.5, cadence: Yearly),
        ])"#,
    );
    let c = canvas(&design, &an, idx(&design, "plants"));
    assert_eq!(c.kind, CanvasKind::Customer);
    assert_eq!(c.title(), "Customer profile");
    let texts = |es: &[valuedesign::canvas::Entry]| -> Vec<(String, Vec<String>)> {
        es.iter()
            .map(|e| (e.text.clone(), e.tags.clone()))
            .collect()
    };
    assert_eq!(
        texts(&c.jobs),
        [
            ("Less downtime".to_owned(), vec!["served".to_owned()]),
            ("cost".to_owned(), vec!["unserved".to_owned()]),
        ]
    );
    assert_eq!(c.gains.len(), 1);
    assert_eq!(c.gains[0].text, "svc from vendor");
    assert_eq!(c.gains[0].per_year, Some(vec![12.0, 12.0]));
    // Pains: the fee paid, the readings given, the staff time.
    let pains: Vec<&str> = c.pains.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        pains,
        ["fee to vendor", "gives readings to vendor", "Staff time"]
    );
    assert_eq!(c.pains[0].per_year, Some(vec![9.0, 9.0]));
    // Only the profile's three blocks are drawn; the nine are empty.
    assert_eq!(c.blocks().len(), 3);
    assert!(c.key_partners.is_empty() && c.revenue_streams.is_empty());
    // The vendor, which sells, keeps its nine blocks.
    assert_eq!(
        canvas(&design, &an, NodeIdx::new(0)).kind,
        CanvasKind::Business
    );
    // Its verdict on worth: 2 x (12 - 9 - 1) = 4 (the readings it gives are
    // not counted against it: they are worth 0.5 to the vendor).
    let p = idx(&design, "plants");
    assert_eq!(
        an.verdicts[p].reasons,
        vec![
            Reason::Worth {
                net_value: 4.0,
                holds: true
            },
            Reason::ServesDrivers(vec![DriverIdx::new(0)])
        ]
    );
}

#[test]
fn an_extract_captures_the_money_exchanges_it_names() {
    // A recycler is paid 30 a year by the city and pays a smelter 10 a year for
    // processing. An extract naming both payments makes the recycler and the
    // smelter its core; the payment between them is inside the core, yet named,
    // so the extract captures 30 + 10 = 40 a year (it said 30 before).
    let (_, an) = load(
        r#"Ecosystem(name: "Recycling", horizon_years: 2,
        nodes: [Node(id: "city", kind: Organization), Node(id: "recycler", kind: Organization), Node(id: "smelter", kind: Organization)],
        exchanges: [
            Exchange(id: "collect", from: "recycler", to: "city", flow: Service, value: 30.0, cadence: Yearly),
            Exchange(id: "city-pay", from: "city", to: "recycler", flow: Money, value: 30.0, cadence: Yearly, reciprocates: Some("collect")),
            Exchange(id: "process", from: "smelter", to: "recycler", flow: Service, value: 10.0, cadence: Yearly),
            Exchange(id: "smelter-pay", from: "recycler", to: "smelter", flow: Money, value: 10.0, cadence: Yearly, reciprocates: Some("process")),
        ],
        extracts: [Extract(id: "both", exchanges: ["city-pay", "smelter-pay"])])"#,
    );
    assert_eq!(an.extracts[0].money, vec![40.0, 40.0]);
}

/// Builds a design from a generated one: the buyer (the first organisation
/// that receives something) either buys `amount` of a service a year from a
/// new supplier (the service and its payment), or makes it (a cost of the same
/// amount). The supplier node is there in both, so indices agree.
fn make_or_buy(
    text: &str,
    amount: f64,
    cadence: Cadence,
    goods: bool,
    buy: bool,
) -> Option<(ValueDesign, NodeIdx)> {
    let mut eco: Ecosystem = valuedesign::syntax::parse(text).value?;
    eco.apply_defaults();
    let probe = ValueDesign::new(eco.clone()).ok()?;
    let net = valuedesign::network::Network::new(&probe);
    let buyer = net.nodes().find(|&a| {
        eco.node(a).kind == NodeKind::Organization
            && eco.node(a).goal.is_none()
            && !net.incoming.row(a).is_empty()
    })?;
    let buyer_id = eco.node(buyer).id.clone();
    eco.nodes.push(Node {
        id: "make-or-buy-supplier".into(),
        label: "Supplier".into(),
        kind: NodeKind::Organization,
        count: 1.0,
        growth: 0.0,
        churn: None,
        parent: None,
        drivers: vec![],
        activities: vec![],
        resources: vec![],
        costs: vec![],
        iot_role: None,
        decides_for: None,
        goal: None,
        industry: None,
    });
    let exchange =
        |id: &str, from: &str, to: &str, flow: Flow, reciprocates: Option<&str>| Exchange {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            flow,
            offering: id.into(),
            value: amount,
            cadence,
            per: None,
            follows: None,
            reciprocates: reciprocates.map(Into::into),
            drivers: vec![],
            channel: None,
            relationship: None,
            revenue_model: None,
        };
    if buy {
        let flow = if goods { Flow::Goods } else { Flow::Service };
        eco.exchanges.push(exchange(
            "mob-input",
            "make-or-buy-supplier",
            &buyer_id,
            flow,
            None,
        ));
        eco.exchanges.push(exchange(
            "mob-pay",
            &buyer_id,
            "make-or-buy-supplier",
            Flow::Money,
            Some("mob-input"),
        ));
    } else {
        eco.nodes[buyer.index()].costs.push(Cost {
            label: "Made in-house".into(),
            amount,
            cadence: Some(cadence),
            per_exchange: None,
        });
    }
    Some((ValueDesign::new(eco).ok()?, buyer))
}

fn cadence() -> impl Strategy<Value = Cadence> {
    prop_oneof![
        Just(Cadence::Once),
        Just(Cadence::Yearly),
        Just(Cadence::Monthly),
        (1u32..500).prop_map(|k| Cadence::Times(f64::from(k))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Replacing a bought service or goods (the exchange and its payment) by
    /// an own cost of the same amount leaves the buyer's net value and verdict
    /// unchanged (a profit actor: what it buys is an input, not value gained).
    #[test]
    fn make_or_buy_leaves_the_buyer_unchanged(
        nodes in 3usize..200,
        seed in any::<u64>(),
        amount in 0.0f64..1e6,
        cadence in cadence(),
        goods in any::<bool>(),
    ) {
        let text = generate_string(&GenerateConfig::new(nodes, seed));
        let bought = make_or_buy(&text, amount, cadence, goods, true);
        let made = make_or_buy(&text, amount, cadence, goods, false);
        let (Some((db, b)), Some((dm, m))) = (bought, made) else {
            // No organisation in this design receives anything: nothing to test.
            return Err(TestCaseError::reject("no buyer"));
        };
        prop_assert_eq!(b, m);
        let (ab, am) = (
            analysis::analyse(&db, &Config::default()),
            analysis::analyse(&dm, &Config::default()),
        );
        prop_assert_eq!(ab.network.goals[b], Goal::Profit);
        for (x, y) in ab.ledgers.get(b, Field::NetValue).iter().zip(am.ledgers.get(m, Field::NetValue)) {
            // Only rounding apart: the sums are the same, in another order.
            let tol = 1e-9 * (1.0 + x.abs() + amount * 6000.0);
            prop_assert!((x - y).abs() <= tol, "{} vs {}", x, y);
        }
        prop_assert_eq!(ab.verdicts[b].goal, am.verdicts[m].goal);
        prop_assert_eq!(ab.verdicts[b].fails(), am.verdicts[m].fails());
        prop_assert_eq!(&ab.verdicts[b].reasons[1..], &am.verdicts[m].reasons[1..]);
    }
}

#[test]
fn strategic_value_never_turns_a_money_loss_into_yes() {
    // A firm pays 50 a year for market data worth 500 a year to it: it loses
    // 100 over 2 years; the 1,000 of data is strategic value, not money.
    let (design, an) = load(
        r#"Ecosystem(name: "Strategic", horizon_years: 2,
        nodes: [Node(id: "firm", kind: Organization), Node(id: "broker", kind: Organization)],
        exchanges: [
            Exchange(id: "data", from: "broker", to: "firm", flow: Data, value: 500.0, cadence: Yearly),
            Exchange(id: "pay", from: "firm", to: "broker", flow: Money, value: 50.0, cadence: Yearly, reciprocates: Some("data")),
        ])"#,
    );
    let f = idx(&design, "firm");
    assert_eq!(an.ledgers.total(f, Field::WorthIntangible), 1000.0);
    assert_eq!(an.ledgers.total(f, Field::NetValue), -100.0);
    assert_eq!(
        verdict_failures(design.ecosystem(), &an, f),
        ["loses money (cumulative cash -100 EUR over 2 years); the data, knowledge and benefits it receives (worth 1,000 EUR) are strategic value and do not make up for a money loss; it sells nothing: if it is in the ecosystem for what it receives (a customer, a public body), write `goal: Worth` on it"]
    );
    // Said to be here for worth, it gains 2 x (500 - 50) = 900: win-win.
    let (design, an) = load(
        r#"Ecosystem(name: "Strategic", horizon_years: 2,
        nodes: [Node(id: "firm", kind: Organization, goal: Worth), Node(id: "broker", kind: Organization)],
        exchanges: [
            Exchange(id: "data", from: "broker", to: "firm", flow: Data, value: 500.0, cadence: Yearly),
            Exchange(id: "pay", from: "firm", to: "broker", flow: Money, value: 50.0, cadence: Yearly, reciprocates: Some("data")),
        ])"#,
    );
    let f = idx(&design, "firm");
    assert_eq!(an.ledgers.total(f, Field::NetValue), 900.0);
    assert!(an.verdicts[f].holds());
}
