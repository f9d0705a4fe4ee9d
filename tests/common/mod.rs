//! Helpers shared by the test files (`mod common;`).

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
#[allow(dead_code)]
pub fn positions<I: valuedesign::index::Idx>(v: &[I]) -> Vec<usize> {
    v.iter().map(|i| i.index()).collect()
}
