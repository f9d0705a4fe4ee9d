//! Fuzz target: any bytes through load + validate + diagnostic rendering must
//! never panic, and a rejected file always has at least one diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use valuedesign::diagnostic::SourceFile;

fuzz_target!(|data: &[u8]| {
    let file = SourceFile { name: "fuzz.ron".to_owned(), text: String::from_utf8_lossy(data).into_owned() };
    match valuedesign::load_source(&file) {
        Ok(design) => {
            let _ = design.ecosystem().nodes.len();
        }
        Err(err) => {
            assert!(!err.diagnostics.is_empty(), "a rejected file must say why");
            let _ = err.render();
        }
    }
});
