//! `valuedesign watch` in a real browser: headless Chromium driven over
//! WebDriver (Debian's `chromium-driver`; `.ci/run` installs it) keeps the
//! live report open while the test saves the file as an editor does. The
//! page must reload by itself and show the change, show the file's located
//! errors over the last good report when a save breaks it, and clear them
//! when a save fixes it. The time from each save to the page showing it is
//! printed (`--nocapture`).
//!
//! Without chromedriver the test says so and passes, unless
//! `VALUEDESIGN_REQUIRE_BROWSER=1` (set by `.ci/run`) makes that a failure.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::webdriver::{Browser, Killed};
use serde_json::Value;

#[test]
fn the_open_page_follows_saves_and_shows_errors_in_chromium() {
    let Some(driver) = common::webdriver::driver() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("parking.ron");
    let original = std::fs::read_to_string(common::shipped("smart-parking.ron")).expect("read");
    std::fs::write(&file, &original).expect("write");
    let mut child = common::bin()
        .args(["watch", "--port", "0"])
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the first line");
    let _server = Killed(child);
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("a URL in {line:?}"))
        .to_owned();

    let browser = Browser::start(&driver);
    browser.open(&url);
    browser.until(
        "return document.body.innerText.includes('Smart parking city service');",
        "the report",
    );
    // A mark that a reload wipes.
    browser.run("window.__kept = true; return true;");

    let renamed = original.replace("Smart parking city service", "Smart parking, second draft");
    common::save(&file, &renamed);
    let took = browser.until(
        "return window.__kept === undefined && document.body.innerText.includes('Smart parking, second draft');",
        "the page reloads with the saved change",
    );
    eprintln!(
        "a save showed in Chromium after {:.0} ms",
        took.as_secs_f64() * 1e3
    );

    browser.run("window.__kept = true; return true;");
    common::save(
        &file,
        &renamed.replacen("kind: Organization", "kind: Organisation", 1),
    );
    let took = browser.until(
        "return !!document.getElementById('valuedesign-errors');",
        "the errors over the page",
    );
    eprintln!(
        "a broken save showed its errors after {:.0} ms",
        took.as_secs_f64() * 1e3
    );
    let overlay = browser.run("return document.getElementById('valuedesign-errors').innerText;");
    let overlay = overlay.as_str().unwrap_or_default();
    assert!(
        overlay.contains("parking.ron could not be loaded: 1 problem"),
        "{overlay}"
    );
    assert!(
        overlay.contains("parking.ron:") && overlay.contains("Organisation"),
        "{overlay}"
    );
    assert!(overlay.contains("did you mean `Organization`"), "{overlay}");
    let under =
        browser.run("return document.body.innerText.includes('Smart parking, second draft');");
    assert_eq!(
        under,
        Value::Bool(true),
        "the last good report stays under the errors"
    );

    common::save(&file, &original);
    browser.until(
        "return !document.getElementById('valuedesign-errors') && document.body.innerText.includes('Smart parking city service');",
        "the errors cleared by a good save",
    );
}
