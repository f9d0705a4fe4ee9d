//! Helpers shared by the test files (`mod common;`): loading a design from
//! text, the binary, the shipped designs, a temporary working folder.
// Each test file uses some of these, none uses all.
#![allow(dead_code)]

pub mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;

use valuedesign::analysis::{self, Config};
use valuedesign::diagnostic::SourceFile;

/// Loads a design from text (panicking with the rendered diagnostics if it
/// does not load) and analyses it with the default configuration.
pub fn load(text: &str) -> (valuedesign::ValueDesign, analysis::Analysis) {
    let design = valuedesign::load_source(&SourceFile {
        name: "test.ron".into(),
        text: text.into(),
    })
    .unwrap_or_else(|e| panic!("{}", e.render()));
    let an = analysis::analyse(&design, &Config::default());
    (design, an)
}

/// The positions of typed indices, for assertions written with plain numbers.
pub fn positions<I: valuedesign::index::Idx>(v: &[I]) -> Vec<usize> {
    v.iter().map(|i| i.index()).collect()
}

/// The `valuedesign` binary built for this test run.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_valuedesign"))
}

/// Runs the binary with `args` and then `file`, and gives what it did.
pub fn run_on(args: &[&str], file: &Path) -> std::process::Output {
    bin().args(args).arg(file).output().expect("runs")
}

/// The root of the repository.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A shipped design, by file name: `shipped("smart-parking.ron")`.
pub fn shipped(name: &str) -> PathBuf {
    root().join("ecosystems").join(name)
}

/// A temporary folder holding `ecosystems/food-plant-monitoring.ron`, to run
/// the binary in without touching the repository.
pub fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("ecosystems")).expect("mkdir");
    std::fs::copy(
        shipped("food-plant-monitoring.ron"),
        dir.path().join("ecosystems/food-plant-monitoring.ron"),
    )
    .expect("copy");
    dir
}

/// A design written to `<temp>/<name>`, for running the binary on it; the
/// folder lives as long as the returned guard.
pub fn design_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join(name);
    std::fs::write(&file, text).expect("write");
    (dir, file)
}

/// A vendor sells a monthly subscription of 10 to each member of a segment
/// of 100 shops growing 20% a year, over 2 years; it buys parts (a follower
/// of the fee: one part per fee) and pays 2 per delivery of the service.
pub const SHOPS: &str = r#"Ecosystem(
    name: "Shops",
    horizon_years: 2,
    nodes: [
        Node(id: "vendor", kind: Organization,
             costs: [Cost(label: "Delivery", amount: 2.0, per_exchange: Some("service"))]),
        Node(id: "shops", kind: Segment, count: 100.0, growth: 0.2),
        Node(id: "supplier", kind: Organization),
    ],
    exchanges: [
        Exchange(id: "fee", from: "shops", to: "vendor", flow: Money, value: 10.0, cadence: Monthly, per: Some("shops")),
        Exchange(id: "service", from: "vendor", to: "shops", flow: Service, value: 15.0, cadence: Monthly, per: Some("shops")),
        Exchange(id: "parts", from: "vendor", to: "supplier", flow: Money, value: 3.0, cadence: Once,
                 follows: Some(Follow(exchange: "fee", ratio: 1.0))),
    ],
    scenarios: [
        Scenario(id: "slow", label: "Half the growth", set: {"nodes.shops.growth": 0.1}),
        Scenario(id: "no-service", description: "The vendor stops serving", remove: ["service"]),
        Scenario(id: "no-fee", remove: ["fee"]),
    ],
)"#;

/// Saves `text` to `path` as editors do: a new file, renamed over the old.
pub fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("ron.tmp");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}
