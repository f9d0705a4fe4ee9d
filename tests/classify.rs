//! Business-model patterns and IoT roles, each shown by a small design with the
//! exchanges that are its evidence.

use valuedesign::analysis::{self, Config};
use valuedesign::classify::{iot_roles, patterns, Label};
use valuedesign::diagnostic::SourceFile;

fn labels(text: &str, actor: &str) -> (Vec<Label>, Vec<Label>) {
    let design = valuedesign::load_source(&SourceFile {
        name: "c.ron".into(),
        text: text.into(),
    })
    .unwrap_or_else(|e| panic!("{}", e.render()));
    let an = analysis::analyse(&design, &Config::default());
    let a = design.node_index()[actor] as usize;
    (patterns(&design, &an, a), iot_roles(&design, &an, a))
}

fn names(ls: &[Label]) -> Vec<&'static str> {
    ls.iter().map(|l| l.name).collect()
}

fn evidence<'l>(ls: &'l [Label], name: &str) -> Vec<&'l str> {
    ls.iter()
        .find(|l| l.name == name)
        .map(|l| l.evidence.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

const MAKER: &str = r#"Ecosystem(name: "Maker",
    nodes: [
        Node(id: "maker", kind: Organization),
        Node(id: "homes", kind: Segment, count: 10.0),
        Node(id: "meter", kind: Device, parent: Some("homes")),
        Node(id: "retailer", kind: Organization),
        Node(id: "shoppers", kind: Segment),
    ],
    exchanges: [
        Exchange(id: "device", from: "maker", to: "homes", flow: Goods, value: 100.0, cadence: Once, per: Some("homes")),
        Exchange(id: "device-pay", from: "homes", to: "maker", flow: Money, value: 100.0, cadence: Once, per: Some("homes"), reciprocates: Some("device")),
        Exchange(id: "care", from: "maker", to: "homes", flow: Service, value: 10.0, cadence: Yearly, per: Some("homes")),
        Exchange(id: "care-fee", from: "homes", to: "maker", flow: Money, value: 8.0, cadence: Yearly, per: Some("homes"), reciprocates: Some("care")),
        Exchange(id: "app-fee", from: "homes", to: "maker", flow: Money, value: 1.0, cadence: Monthly, follows: Some(Follow(exchange: "device", ratio: 12.0))),
        Exchange(id: "usage", from: "meter", to: "maker", flow: Data, value: 0.0, cadence: Times(365.0), per: Some("homes")),
        Exchange(id: "shelf", from: "maker", to: "retailer", flow: Goods, value: 50.0, cadence: Yearly),
        Exchange(id: "shelf-pay", from: "retailer", to: "maker", flow: Money, value: 50.0, cadence: Yearly, reciprocates: Some("shelf"), revenue_model: Some(AssetSale)),
        Exchange(id: "resale", from: "retailer", to: "shoppers", flow: Goods, value: 60.0, cadence: Yearly),
        Exchange(id: "ads", from: "retailer", to: "maker", flow: Money, value: 5.0, cadence: Yearly, revenue_model: Some(Advertising)),
        Exchange(id: "savings-share", from: "homes", to: "maker", flow: Money, value: 2.0, cadence: Yearly, revenue_model: Some(GainSharing)),
        Exchange(id: "rent", from: "retailer", to: "maker", flow: Money, value: 3.0, cadence: Yearly, revenue_model: Some(Leasing)),
        Exchange(id: "data-sale", from: "retailer", to: "maker", flow: Money, value: 4.0, cadence: Yearly, revenue_model: Some(DataSale)),
        Exchange(id: "free-tier", from: "homes", to: "maker", flow: Money, value: 0.0, cadence: Yearly, revenue_model: Some(Freemium)),
        Exchange(id: "reorder", from: "meter", to: "maker", flow: Money, value: 1.0, cadence: Times(4.0)),
        Exchange(id: "profile", from: "maker", to: "retailer", flow: Data, value: 1.0, cadence: Yearly),
        Exchange(id: "profile-pay", from: "retailer", to: "maker", flow: Money, value: 2.0, cadence: Yearly, reciprocates: Some("profile")),
    ],
)"#;

#[test]
fn patterns_with_their_evidence() {
    let (p, _) = labels(MAKER, "maker");
    assert_eq!(evidence(&p, "subscription"), ["care-fee"]);
    assert_eq!(evidence(&p, "outcome-based"), ["savings-share"]);
    assert_eq!(evidence(&p, "asset sharing"), ["rent"]);
    assert_eq!(evidence(&p, "pay-per-use"), ["app-fee", "reorder"]);
    assert_eq!(
        evidence(&p, "IoT data"),
        ["data-sale", "profile-pay"],
        "written, and inferred from paying for data"
    );
    assert_eq!(evidence(&p, "selling devices"), ["device-pay", "shelf-pay"]);
    assert_eq!(
        evidence(&p, "razor blade"),
        ["device-pay"],
        "the same homes pay once for the device, then yearly"
    );
    assert_eq!(
        evidence(&p, "asset tracking"),
        ["profile"],
        "device data sold on as data to a payer"
    );
    assert_eq!(evidence(&p, "digital add-on"), ["care-fee"]);
    assert_eq!(
        evidence(&p, "digital lock-in"),
        ["app-fee"],
        "a recurring fee that follows its own device"
    );
    assert_eq!(evidence(&p, "product as point of sales"), ["ads"]);
    assert_eq!(evidence(&p, "physical freemium"), ["free-tier"]);
    assert_eq!(
        evidence(&p, "object self-service"),
        ["reorder"],
        "the device orders and pays by itself"
    );
    assert_eq!(
        evidence(&p, "remote monitoring"),
        ["usage"],
        "data from the customer's device, service back to the customer"
    );
}

#[test]
fn iot_roles_and_the_file_override() {
    let (_, roles) = labels(MAKER, "maker");
    // Engager first: it serves end customers (homes); enabler: it supplies the retailer, which serves shoppers;
    // enhancer: it works on data from others' devices; not an embedder (no device of its own).
    assert_eq!(names(&roles), ["engager", "enabler", "enhancer"]);
    assert_eq!(evidence(&roles, "enabler"), ["shelf", "profile"]);
    let overridden = MAKER.replace(
        r#"Node(id: "maker", kind: Organization)"#,
        r#"Node(id: "maker", kind: Organization, iot_role: Some(Embedder))"#,
    );
    let (_, roles) = labels(&overridden, "maker");
    assert_eq!(names(&roles), ["embedder"]);
    // A segment has no IoT role.
    assert!(labels(MAKER, "homes").1.is_empty());
}

#[test]
fn an_embedder_uses_its_own_devices() {
    let text = r#"Ecosystem(name: "Mill",
        nodes: [Node(id: "mill", kind: Organization), Node(id: "sensor", kind: Device, parent: Some("mill"))],
        exchanges: [Exchange(id: "vibration", from: "sensor", to: "mill", flow: Data, value: 0.0, cadence: Yearly)])"#;
    let (p, roles) = labels(text, "mill");
    assert_eq!(names(&roles), ["embedder"]);
    assert!(p.is_empty());
}
