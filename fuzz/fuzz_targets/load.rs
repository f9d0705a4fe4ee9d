//! Fuzz target: any bytes through load + validate + diagnostic rendering must
//! never panic, and a rejected file always has at least one diagnostic; a
//! design that loads goes through the analysis and the whole report (maps,
//! canvases, charts, HTML, Markdown; PNGs left out for speed), which must
//! succeed: a file that loads always reports.
#![no_main]

use libfuzzer_sys::fuzz_target;
use valuedesign::diagnostic::SourceFile;

fuzz_target!(|data: &[u8]| {
    let file = SourceFile { name: "fuzz.ron".to_owned(), text: String::from_utf8_lossy(data).into_owned() };
    match valuedesign::load_source(&file) {
        Ok(design) => {
            let an = valuedesign::analysis::analyse(&design, &valuedesign::analysis::Config::default());
            let cfg = valuedesign::report::ReportConfig { png: false, source_name: "fuzz.ron".to_owned() };
            // A file that loads must always report (issue 14: no overflow).
            if let Err(e) = valuedesign::report::build(&design, &an, &cfg) {
                panic!("a design that loads could not be reported: {e}");
            }
        }
        Err(err) => {
            assert!(!err.diagnostics.is_empty(), "a rejected file must say why");
            let _ = err.render();
        }
    }
});
