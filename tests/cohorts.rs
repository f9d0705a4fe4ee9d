//! Customer cohorts and unit economics, worked by hand: churn with a known
//! renewal series, first-year and renewing customers told apart in
//! occurrences and ledgers, the margins, payback, lifetime value and
//! customers needed of a small design, the food-plant margins of the seed
//! (business-model-canvas-for-iot.txt), and churn in `--set`, sensitivity,
//! solve and validation.

mod common;
use common::{design_file, load, run_on, shipped};

use proptest::prelude::*;
use valuedesign::analysis::cohorts::Part;
use valuedesign::analysis::unit_economics::UnitEconomics;
use valuedesign::analysis::{Analysis, Field};
use valuedesign::index::{ExchangeIdx, NodeIdx};
use valuedesign::whatif::{resolve, solve, Aim};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + b.abs())
}

fn all_close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| close(*x, *y))
}

/// 100 shops, churn `{churn}`, growth `{growth}`: a kit for 1,000 once (its
/// assembly costs the vendor 1,200), a fee of 100 a year (support 20 per
/// shop-year), set-up 150,000 once; 10% discount rate.
fn kits(growth: f64, churn: f64, years: u32) -> String {
    format!(
        r#"Ecosystem(
    name: "Kits",
    horizon_years: {years},
    discount_rate: 0.1,
    nodes: [
        Node(id: "vendor", kind: Organization, costs: [
            Cost(label: "Set-up", amount: 150000.0, cadence: Some(Once)),
            Cost(label: "Assembly", amount: 1200.0, per_exchange: Some("kit")),
            Cost(label: "Support", amount: 20.0, per_exchange: Some("service")),
        ]),
        Node(id: "shops", kind: Segment, count: 100.0, growth: {growth:?}, churn: Some({churn:?})),
    ],
    exchanges: [
        Exchange(id: "kit", from: "vendor", to: "shops", flow: Goods, value: 1000.0, cadence: Once, per: Some("shops")),
        Exchange(id: "kit-payment", from: "shops", to: "vendor", flow: Money, value: 1000.0, cadence: Once, per: Some("shops"), reciprocates: Some("kit")),
        Exchange(id: "service", from: "vendor", to: "shops", flow: Service, value: 100.0, cadence: Yearly, per: Some("shops")),
        Exchange(id: "fee", from: "shops", to: "vendor", flow: Money, value: 100.0, cadence: Yearly, per: Some("shops"), reciprocates: Some("service")),
    ],
)"#
    )
}

fn vendor_idx() -> NodeIdx {
    NodeIdx::new(0)
}

fn shops_idx() -> NodeIdx {
    NodeIdx::new(1)
}

fn fee_idx() -> ExchangeIdx {
    ExchangeIdx::new(3)
}

fn pair(an: &Analysis, segment: NodeIdx, seller: NodeIdx) -> &UnitEconomics {
    an.unit_economics
        .iter()
        .find(|u| u.segment == segment && u.seller == seller)
        .expect("a unit-economics pair")
}

#[test]
fn churn_gives_the_renewal_series_worked_by_hand() {
    // No growth, 20% churn: 100 shops, then 80 renew, then 64.
    let (_, an) = load(&kits(0.0, 0.2, 3));
    assert!(all_close(
        an.timeline.members(shops_idx()),
        &[100.0, 80.0, 64.0]
    ));
    assert!(all_close(
        an.timeline.new_members(shops_idx()),
        &[100.0, 0.0, 0.0]
    ));
    assert!(all_close(
        an.timeline.occurrences(fee_idx()),
        &[100.0, 80.0, 64.0]
    ));
    assert!(all_close(
        an.cohorts.new_occurrences(fee_idx()),
        &[100.0, 0.0, 0.0]
    ));
    // Revenue: 100 kits and 100 fees, then 80 fees, then 64.
    let revenue = an.ledgers.get(vendor_idx(), Field::Revenue);
    assert!(all_close(revenue, &[110_000.0, 8_000.0, 6_400.0]));
    let c = &an.cohorts;
    assert!(all_close(
        c.split(vendor_idx(), Part::RevenueNew),
        &[110_000.0, 0.0, 0.0]
    ));
    assert!(all_close(
        c.split(vendor_idx(), Part::RevenueRenewing),
        &[0.0, 8_000.0, 6_400.0]
    ));
    // The shops' spend is the same money, split the same way.
    assert!(all_close(
        c.split(shops_idx(), Part::SpendRenewing),
        &[0.0, 8_000.0, 6_400.0]
    ));
    // Growth 50%, churn 20%: 150 - 100 = 50 new, plus 80 renew = 130;
    // 225 - 150 = 75 new, plus 0.8 * 130 = 104 renew = 179.
    let (_, an) = load(&kits(0.5, 0.2, 3));
    assert!(all_close(
        an.timeline.members(shops_idx()),
        &[100.0, 130.0, 179.0]
    ));
    assert!(all_close(
        an.timeline.new_members(shops_idx()),
        &[100.0, 50.0, 75.0]
    ));
    // Kits are sold to new shops only: 100, 50, 75.
    let kit = an.timeline.occurrences(ExchangeIdx::new(1));
    assert!(all_close(kit, &[100.0, 50.0, 75.0]));
    assert!(all_close(
        an.cohorts.split(vendor_idx(), Part::RevenueRenewing),
        &[0.0, 8_000.0, 10_400.0]
    ));
}

#[test]
fn a_customer_margin_payback_value_and_the_customers_needed_by_hand() {
    let (_, an) = load(&kits(0.0, 0.2, 3));
    let u = pair(&an, shops_idx(), vendor_idx());
    // Kit: 1,000 - 1,200 = -200 once; service: 100 - 20 = 80 a year.
    assert_eq!(u.offerings.len(), 2, "{u:?}");
    assert_eq!(u.offerings[0].exchange, Some(ExchangeIdx::new(0)));
    assert!(close(u.offerings[0].one_off_margin(), -200.0));
    assert_eq!(u.offerings[1].exchange, Some(ExchangeIdx::new(2)));
    assert!(close(u.offerings[1].yearly_margin(), 80.0));
    assert!(close(u.first_year_revenue(), 1_100.0));
    assert!(close(u.first_year_margin(), -120.0));
    // Cumulative margin of a customer, counting the 80% who stay, then 64%:
    // -120, -120 + 64 = -56, -56 + 51.2 = -4.8: not paid back in 3 years...
    assert_eq!(u.payback, None);
    let ltv = -120.0 / 1.1 + 0.8 * 80.0 / 1.21 + 0.64 * 80.0 / 1.331;
    assert!(
        close(u.lifetime_value, ltv),
        "{} vs {ltv}",
        u.lifetime_value
    );
    // ... but in year 4: -4.8 + 0.512 * 80 = 36.16.
    let (_, an4) = load(&kits(0.0, 0.2, 4));
    assert_eq!(pair(&an4, shops_idx(), vendor_idx()).payback, Some(4));
    // Year 1: the shops bring 100 * -120 = -12,000 against a set-up of
    // 150,000: no number of shops breaks the vendor even in year 1.
    assert!(close(u.contribution_year_one, -12_000.0));
    assert_eq!(u.needed_for_year_one, None);
    // Over 3 years: -12,000 / 1.1 + 80 * 80 / 1.21 + 64 * 80 / 1.331, and
    // the set-up 150,000 / 1.1 is the rest: still negative margins, none do.
    let npv_s = -12_000.0 / 1.1 + 6_400.0 / 1.21 + 5_120.0 / 1.331;
    assert!(close(u.contribution_npv, npv_s));
    assert_eq!(u.needed_for_npv, None);
    // Without the assembly cost the kit earns 1,000: 1,080 per shop in year
    // 1; the rest is -150,000, so 150,000 / 1,080 = 138.9 shops.
    let text = kits(0.0, 0.2, 3).replace("amount: 1200.0", "amount: 0.0");
    let (_, an) = load(&text);
    let u = pair(&an, shops_idx(), vendor_idx());
    assert_eq!(u.payback, Some(1));
    let needed = u.needed_for_year_one.expect("a count");
    assert!(close(needed, 100.0 * 150_000.0 / 108_000.0), "{needed}");
    // Its NPV at that count is 0: check it by setting the count.
    let npv_s = 108_000.0 / 1.1 + 6_400.0 / 1.21 + 5_120.0 / 1.331;
    let rest = -150_000.0 / 1.1;
    let at = u.needed_for_npv.expect("a count");
    assert!(close(at, 100.0 * -rest / npv_s), "{at}");
    let (_, an) = load(&text.replace("count: 100.0", &format!("count: {at:?}")));
    assert!(
        an.ledgers.npv[vendor_idx()].abs() < 1e-6,
        "{}",
        an.ledgers.npv[vendor_idx()]
    );
}

#[test]
fn the_food_plant_margins_of_the_seed() {
    let text = std::fs::read_to_string(shipped("food-plant-monitoring.ron")).expect("read");
    let (d, an) = load(&text);
    let eco = d.ecosystem();
    let node = |id: &str| NodeIdx::new(eco.nodes.iter().position(|n| n.id == id).expect("node"));
    let exchange = |id: &str| {
        ExchangeIdx::new(
            eco.exchanges
                .iter()
                .position(|x| x.id == id)
                .expect("exchange"),
        )
    };
    let vendor = node("vendor");
    let food = pair(&an, node("food-processors"), vendor);
    let margin_of = |u: &UnitEconomics, id: &str| {
        let o = u
            .offerings
            .iter()
            .find(|o| o.exchange == Some(exchange(id)))
            .unwrap_or_else(|| panic!("no offering {id}: {u:?}"));
        (o.one_off_margin(), o.yearly_margin())
    };
    // Kit: 5,000 - 600 assembly - 2,400 BOM paid to the sensor maker.
    assert_eq!(margin_of(food, "kit"), (2_000.0, 0.0));
    // Installation: 15,000 - 6,000 own engineers - 14,000 integrator.
    assert_eq!(margin_of(food, "installation"), (-5_000.0, 0.0));
    assert_eq!(margin_of(food, "platform"), (0.0, 3_000.0));
    assert_eq!(margin_of(food, "om-service"), (0.0, 3_500.0));
    // The seed's implementation margin: -3,000 per project; its 28,000 in
    // the first year and 8,000 a year after.
    let t = food.total();
    assert_eq!(t.one_off_margin(), -3_000.0);
    assert_eq!(food.first_year_revenue(), 28_000.0);
    assert_eq!(t.yearly_revenue, 8_000.0);
    assert_eq!(food.first_year_margin(), 3_500.0);
    assert_eq!(t.yearly_margin(), 6_500.0);
    // Year 1: the vendor's cash is -30,400, of which 5 plants bring 17,500;
    // the rest (-47,900) needs 47,900 / 3,500 = 13.69 plants.
    assert_eq!(food.contribution_year_one, 17_500.0);
    let needed = food.needed_for_year_one.expect("a count");
    assert!(close(needed, 47_900.0 / 3_500.0), "{needed}");
    // Chemical plants: 25,000 - 600 - 6,000 - 3,600 - 14,000 = 800 once,
    // compliance 9,000 - 2,500 = 6,500 a year.
    let chem = pair(&an, node("chemical-plants"), vendor);
    assert_eq!(margin_of(chem, "chem-package"), (800.0, 0.0));
    assert_eq!(margin_of(chem, "compliance-service"), (0.0, 6_500.0));
    let cold = pair(&an, node("cold-chain"), vendor);
    assert_eq!(margin_of(cold, "cc-platform"), (0.0, 2_500.0));
    // The sensor maker earns per food plant too: 2,400 - 1,700.
    let maker = pair(&an, node("food-processors"), node("sensor-maker"));
    assert_eq!(margin_of(maker, "sensor-supply"), (700.0, 0.0));
    // The vendor's year-2 revenue: 2 new plants pay 28,000, 5 renew at 8,000.
    let year2_food_new = 2.0 * 28_000.0;
    let new = an.cohorts.split(vendor, Part::RevenueNew)[1];
    // Plus one new chemical plant (34,000) and 0.9 new cold-chain fleets
    // (3,000 each).
    assert!(
        close(new, year2_food_new + 34_000.0 + 0.9 * 3_000.0),
        "{new}"
    );
}

#[test]
fn the_analysis_and_canvas_show_the_two_lines() {
    let out = run_on(&["analyse"], &shipped("food-plant-monitoring.ron"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("first-year customers"), "{text}");
    assert!(text.contains("renewing customers"), "{text}");
    assert!(
        text.contains(
            "A customer in its first year: revenue 28,000, margin 3,500; each year it renews: revenue 8,000, margin 6,500"
        ),
        "{text}"
    );
    assert!(text.contains("per customer "), "{text}");
    let out = run_on(
        &["canvas", "--actor", "vendor"],
        &shipped("food-plant-monitoring.ron"),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("First-year customer of Small/medium food processors: 28,000 (20,000 once + 8,000 a year)"),
        "{text}"
    );
    assert!(
        text.contains("Renewing customer of Small/medium food processors: 8,000 a year"),
        "{text}"
    );
    let out = run_on(
        &["analyse", "--format", "json"],
        &shipped("food-plant-monitoring.ron"),
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let u = &doc["unit_economics"][0];
    assert_eq!(u["segment"], "food-processors");
    assert_eq!(u["seller"], "vendor");
    assert_eq!(u["first_year_revenue"], 28_000.0);
    assert_eq!(u["renewal_margin"], 6_500.0);
    assert_eq!(
        doc["nodes"]["vendor"]["cohorts"]["revenue_renewing"][0],
        0.0
    );
}

#[test]
fn churn_is_a_number_of_set_sensitivity_and_solve() {
    let (dir, file) = design_file("kits.ron", &kits(0.0, 0.2, 3));
    // --set moves it: churn 0.5 leaves 50 shops, then 25.
    let out = run_on(
        &[
            "analyse",
            "--format",
            "json",
            "--set",
            "nodes.shops.churn=0.5",
        ],
        &file,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        doc["nodes"]["shops"]["members"],
        serde_json::json!([100.0, 50.0, 25.0])
    );
    // Out of range: located, exit 2.
    let out = run_on(&["analyse", "--set", "nodes.shops.churn=1.5"], &file);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("churn 1.5") && err.contains("invalid-value"),
        "{err}"
    );
    // The sensitivity swings it.
    let out = run_on(&["sensitivity", "--actor", "vendor"], &file);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("nodes.shops.churn"), "{text}");
    drop(dir);
    // Solve: 100 shops pay 100 a year; the vendor's only cost is 15,000 once;
    // over two years at 0%: 10,000 + 10,000 (1 - c) - 15,000 = 0 at c = 0.5.
    let text = r#"Ecosystem(
        name: "Renewals",
        horizon_years: 2,
        discount_rate: 0.0,
        nodes: [
            Node(id: "vendor", kind: Organization, costs: [Cost(label: "Set-up", amount: 15000.0, cadence: Some(Once))]),
            Node(id: "shops", kind: Segment, count: 100.0, churn: Some(0.1)),
        ],
        exchanges: [
            Exchange(id: "app", from: "vendor", to: "shops", flow: Service, value: 100.0, cadence: Yearly, per: Some("shops")),
            Exchange(id: "fee", from: "shops", to: "vendor", flow: Money, value: 100.0, cadence: Yearly, per: Some("shops"), reciprocates: Some("app")),
        ],
    )"#;
    let (d, an) = load(text);
    let churn = resolve(d.ecosystem(), "nodes.shops.churn", 0).expect("path");
    let s = solve(&d, &an, vendor_idx(), churn, Aim::Npv, 0.0);
    assert_eq!(s.solutions.len(), 1, "{s:?}");
    assert!((s.solutions[0].value - 0.5).abs() < 1e-6, "{s:?}");
}

#[test]
fn a_churn_out_of_range_is_located() {
    let text = kits(0.0, 1.2, 3);
    let (_dir, file) = design_file("bad.ron", &text);
    let out = run_on(&["check"], &file);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("has churn 1.2"), "{err}");
    // Located on the line of the node.
    let line = text
        .lines()
        .position(|l| l.contains("churn"))
        .expect("a churn line")
        + 1;
    assert!(err.contains(&format!("bad.ron:{line}:")), "{err}");
    // A range on churn above 1.
    let ranged = kits(0.0, 0.2, 3).replace(
        "    exchanges: [",
        "    uncertainty: [Range(path: \"nodes.shops.churn\", low: 0.1, high: 1.5)],\n    exchanges: [",
    );
    let (_dir, file) = design_file("ranged.ron", &ranged);
    let out = run_on(&["check"], &file);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("goes up to 1.5"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A churn of 0 with a growth of 0 or more counts the same members as
    /// no churn; with any churn, money is conserved and every exchange
    /// counted per members splits exactly into first-year and renewing.
    #[test]
    fn churn_zero_is_no_churn_and_the_split_adds_up(
        growth in 0.0f64..1.5,
        churn in 0.0f64..=1.0,
        years in 1u32..8,
    ) {
        let (_, with_zero) = load(&kits(growth, 0.0, years));
        let (_, without) = load(&kits(growth, 0.0, years).replace(", churn: Some(0.0)", ""));
        prop_assert!(all_close(with_zero.timeline.members(shops_idx()), without.timeline.members(shops_idx())));
        let (_, an) = load(&kits(growth, churn, years));
        for y in 0..years as usize {
            let revenue = an.ledgers.get(vendor_idx(), Field::Revenue)[y];
            let spend = an.ledgers.get(shops_idx(), Field::Spend)[y];
            prop_assert!(close(revenue, spend));
            let split = an.cohorts.split(vendor_idx(), Part::RevenueNew)[y]
                + an.cohorts.split(vendor_idx(), Part::RevenueRenewing)[y];
            prop_assert!(close(split, revenue), "{} vs {}", split, revenue);
            prop_assert!(an.cohorts.split(vendor_idx(), Part::RevenueRenewing)[y] >= -1e-9);
        }
    }
}
