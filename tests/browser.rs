//! `index.html` in a real browser: headless Chromium (Debian's `chromium`
//! package; `.ci/run` installs it) loads the report of a shipped design and of
//! one with hostile labels, with a probe script added to a copy of the page.
//! It checks: no error or Content-Security-Policy violation, no network
//! request, every SVG laid out with a non-zero size, and the embedded font
//! in use.
//!
//! Without Chromium the test says so and passes, unless
//! `VALUEDESIGN_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .map(|n| Path::new("/usr/bin").join(n))
        .find(|p| p.is_file())
}

/// Runs before anything else on the page: records errors and CSP violations,
/// then on load writes what it saw into `<pre id="probe">`.
const PROBE: &str = r#"<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push('error: ' + (e.message || (e.target && (e.target.src || e.target.href)) || 'resource')); }, true);
document.addEventListener('securitypolicyviolation', function (e) { window.__errors.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI); });
var original = console.error;
console.error = function () { window.__errors.push('console: ' + Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); };
window.addEventListener('load', function () {
  document.fonts.ready.then(function () {
    var svgs = Array.prototype.map.call(document.querySelectorAll('svg'), function (s) { var r = s.getBoundingClientRect(); return [r.width, r.height]; });
    var pre = document.createElement('pre');
    pre.id = 'probe';
    pre.textContent = 'PRO' + 'BE:' + JSON.stringify({ errors: window.__errors, svgs: svgs, resources: performance.getEntriesByType('resource').map(function (r) { return r.name; }), font: document.fonts.check('12px "DejaVu Sans"') }) + ':EB' + 'ORP';
    document.body.appendChild(pre);
  });
});
</script>"#;

fn probe(browser: &Path, html: &Path, work: &Path) -> serde_json::Value {
    let page = std::fs::read_to_string(html).expect("index.html");
    // The page forbids scripts; the copy allows inline ones, for the probe only.
    let csp = "default-src 'none';";
    assert!(
        page.contains(csp),
        "the report has a strict Content-Security-Policy"
    );
    let copy = page
        .replacen(csp, "default-src 'none'; script-src 'unsafe-inline';", 1)
        .replacen("<head>", &format!("<head>\n{PROBE}"), 1);
    let probed = work.join("probed.html");
    std::fs::write(&probed, copy).expect("write");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=10000",
            "--window-size=1280,2000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.join("profile").display()
        ))
        .arg("--dump-dom")
        .arg(format!("file://{}", probed.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    // The markers are split in the script's source, so only its output has them whole.
    let start = dom.find("PROBE:").unwrap_or_else(|| {
        panic!(
            "the probe did not report; chromium said:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let end = dom[start..].find(":EBORP").expect("end of probe") + start;
    let json = dom[start + 6..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn report(dir: &Path, ron: &str, name: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("ecosystems")).expect("mkdir");
    std::fs::write(dir.join("ecosystems").join(format!("{name}.ron")), ron).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_valuedesign"))
        .current_dir(dir)
        .args(["report", "--no-png"])
        .arg(format!("ecosystems/{name}.ron"))
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("output").join(name).join("index.html")
}

#[test]
fn the_report_loads_in_headless_chromium_cleanly() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("VALUEDESIGN_REQUIRE_BROWSER").is_none(),
            "VALUEDESIGN_REQUIRE_BROWSER is set but chromium is not installed (apt-get install chromium)"
        );
        eprintln!(
            "skipped: chromium is not installed (apt-get install chromium); .ci/run requires it"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ecosystems/smart-home-energy.ron"),
    )
    .expect("read");
    let hostile = shipped
        .replacen(
            "name: \"Smart-home energy platform\"",
            "name: \"<script>alert('x')</script> & \\\"quotes\\\" 🚀 مرحبا\"",
            1,
        )
        .replace(
            "label: \"Households with a hub\"",
            &format!(
                "label: \"{}\"",
                "</svg><img src=x onerror=alert(1)> ".repeat(14)
            ),
        );
    assert_ne!(hostile, shipped, "the hostile labels were put in");
    // 15 drawings of the design (4 charts among them), one difference map
    // per scenario (3) and one tornado chart per actor (7): 25 drawings, and
    // the explorable layer over the map.
    for (name, text, svgs) in [("shipped", &shipped, 26usize), ("hostile", &hostile, 26)] {
        let html = report(dir.path(), text, name);
        let work = dir.path().join(format!("work-{name}"));
        std::fs::create_dir_all(&work).expect("mkdir");
        let seen = probe(&browser, &html, &work);
        assert_eq!(seen["errors"], serde_json::json!([]), "{name}: {seen}");
        assert_eq!(
            seen["resources"],
            serde_json::json!([]),
            "{name}: no network request: {seen}"
        );
        assert_eq!(
            seen["font"],
            serde_json::json!(true),
            "{name}: the embedded font is used"
        );
        let sizes = seen["svgs"].as_array().expect("svgs");
        assert_eq!(sizes.len(), svgs, "{name}: {seen}");
        for s in sizes {
            let (w, h) = (s[0].as_f64().unwrap_or(0.0), s[1].as_f64().unwrap_or(0.0));
            assert!(w > 100.0 && h > 50.0, "{name}: an SVG is {w} x {h}");
        }
    }
    // The probe can fail: a page that asks for a remote image is caught.
    let html = dir.path().join("output/shipped/index.html");
    let page = std::fs::read_to_string(&html).expect("read");
    let tainted = dir.path().join("output/shipped/tainted.html");
    std::fs::write(
        &tainted,
        page.replacen(
            "</body>",
            "<img src=\"https://example.invalid/x.png\"></body>",
            1,
        ),
    )
    .expect("write");
    let work = dir.path().join("work-tainted");
    std::fs::create_dir_all(&work).expect("mkdir");
    let seen = probe(&browser, &tainted, &work);
    let errors = seen["errors"].as_array().expect("errors");
    assert!(
        errors
            .iter()
            .any(|e| e.as_str().is_some_and(|e| e.starts_with("csp: img-src"))),
        "{seen}"
    );
}
