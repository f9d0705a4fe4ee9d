//! Fuzz target: any bytes through load + validate + diagnostic rendering must
//! never panic, and a rejected file always has at least one diagnostic; a
//! design that loads goes through the analysis and the whole report (maps,
//! canvases, charts, HTML, Markdown; PNGs left out for speed), which must not
//! panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use valuedesign::diagnostic::SourceFile;

fuzz_target!(|data: &[u8]| {
    let file = SourceFile { name: "fuzz.ron".to_owned(), text: String::from_utf8_lossy(data).into_owned() };
    match valuedesign::load_source(&file) {
        Ok(design) => {
            let an = valuedesign::analysis::analyse(&design, &valuedesign::analysis::Config::default());
            let cfg = valuedesign::report::ReportConfig { png: false, source_name: "fuzz.ron".to_owned() };
            let _ = valuedesign::report::build(&design, &an, &cfg);
        }
        Err(err) => {
            assert!(!err.diagnostics.is_empty(), "a rejected file must say why");
            let _ = err.render();
        }
    }
});
