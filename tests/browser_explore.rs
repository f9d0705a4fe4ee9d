//! The explorable map of `index.html` in a real browser: headless Chromium
//! over WebDriver (`common::webdriver`) opens the report of a shipped design
//! and, as a user would, hovers an actor (its flows and its partners, taken
//! from the design file, are highlighted, the rest veiled), clicks it (its
//! ledger, verdict and canvas open beside the map; Escape closes them),
//! filters the flows to money, searches an actor by name, zooms, and reaches
//! an actor with the keyboard.
//!
//! `VALUEDESIGN_SCREENSHOT=FILE.png` also saves a screenshot of the page
//! with an actor open (the README's).

mod common;

use std::collections::BTreeSet;

use common::webdriver::Browser;
use serde_json::Value;

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn hover_click_filter_search_and_zoom_in_chromium() {
    let Some(driver) = common::webdriver::driver() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = common::shipped("smart-parking.ron");
    let out = common::bin()
        .args(["report", "--no-png", "--out"])
        .arg(dir.path())
        .arg(&file)
        .output()
        .expect("report");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = dir.path().join("smart-parking/index.html");
    assert!(page.is_file());

    // The partners of the operator, from the design file itself.
    let text = std::fs::read_to_string(&file).expect("read");
    let (design, _) = common::load(&text);
    let eco = design.ecosystem();
    let label = |id: &str| {
        let n = eco.nodes.iter().find(|n| n.id == id).expect("a node");
        if n.label.is_empty() {
            n.id.to_string()
        } else {
            n.label.to_string()
        }
    };
    let operator = label("parking-operator");
    let mut partners: BTreeSet<String> = BTreeSet::new();
    for x in &eco.exchanges {
        if x.from == "parking-operator" {
            partners.insert(label(&x.to));
        }
        if x.to == "parking-operator" {
            partners.insert(label(&x.from));
        }
    }
    partners.insert(operator.clone());
    assert!(partners.len() > 3, "{partners:?}");

    let browser = Browser::start(&driver);
    browser.resize(1400, 1000);
    browser.open(&format!("file://{}", page.display()));
    browser.until("return !!document.getElementById('vd-stage') && !document.querySelector('.vd-controls').hidden;", "the controls");
    assert_eq!(
        browser.run("return document.querySelectorAll('#vd-stage .vd-flow.hl').length;"),
        Value::from(0),
        "nothing highlighted at first"
    );

    // Hover the operator: its flows and partners, the rest veiled.
    let node = browser.run(&format!(
        "return Array.prototype.filter.call(document.querySelectorAll('.vd-node'), function (n) {{ return n.querySelector('title').textContent === {operator:?}; }})[0].id;"
    ));
    let node = node.as_str().expect("the operator's group").to_owned();
    browser.hover(&format!("#{node}"));
    browser.until(
        "return document.getElementById('vd-stage').classList.contains('vd-on');",
        "the veil",
    );
    let lit = strings(&browser.run(
        "return Array.prototype.map.call(document.querySelectorAll('.vd-node.hl'), function (n) { return n.querySelector('title').textContent; });",
    ));
    assert_eq!(
        lit, partners,
        "the highlighted actors are the operator and its partners"
    );
    let index = node.trim_start_matches("vd-node-").to_owned();
    let flows = browser.run(&format!(
        "var all = document.querySelectorAll('.vd-flow'), lit = document.querySelectorAll('.vd-flow.hl'); var mine = Array.prototype.filter.call(all, function (f) {{ return f.dataset.from === '{index}' || f.dataset.to === '{index}'; }}); return [lit.length, mine.length, Array.prototype.every.call(lit, function (f) {{ return mine.indexOf(f) >= 0; }}), all.length];"
    ));
    assert_eq!(
        flows[0], flows[1],
        "every flow of the operator is lit: {flows}"
    );
    assert_eq!(flows[2], Value::Bool(true), "only its flows: {flows}");
    assert!(
        flows[3].as_u64() > flows[0].as_u64(),
        "some flows are not lit: {flows}"
    );

    // Click: the panel with its ledger, verdict and canvas.
    browser.click(&format!("#{node}"));
    browser.until(
        "return !document.getElementById('vd-panel').hidden;",
        "the panel",
    );
    let panel = browser.run("return document.getElementById('vd-panel').innerText;");
    let panel = panel.as_str().unwrap_or_default();
    assert!(panel.contains(&operator), "{panel}");
    assert!(
        panel.contains("NPV") && panel.contains("net value"),
        "{panel}"
    );
    assert!(panel.contains("Its Business Model Canvas"), "{panel}");
    let rows = browser.run("return document.querySelectorAll('#vd-panel tr').length;");
    assert_eq!(
        rows,
        Value::from(u64::from(eco.horizon_years) + 1),
        "a row per year"
    );
    if let Ok(shot) = std::env::var("VALUEDESIGN_SCREENSHOT") {
        browser.run("document.getElementById('map').scrollIntoView(); return true;");
        std::fs::write(shot, browser.screenshot()).expect("screenshot");
    }
    browser.press("\u{E00C}");
    browser.until(
        "return document.getElementById('vd-panel').hidden;",
        "Escape closes the panel",
    );

    // Filter to money: only money flows are lit.
    browser.hover("h2");
    for k in ["goods", "service", "data", "knowledge", "benefit"] {
        browser.click(&format!("#vd-kind-{k}"));
    }
    let money = browser.run(
        "var lit = document.querySelectorAll('.vd-flow.hl'); return [lit.length, document.querySelectorAll('.vd-flow[data-kind=money]').length, Array.prototype.every.call(lit, function (f) { return f.dataset.kind === 'money'; })];",
    );
    assert_eq!(money[0], money[1], "every money flow: {money}");
    assert_eq!(money[2], Value::Bool(true), "only money: {money}");
    assert!(money[0].as_u64() > Some(0), "{money}");

    // Search by name.
    browser.type_into("#vd-search", "Municipal\u{E007}");
    browser.until(
        "return !document.getElementById('vd-panel').hidden;",
        "the panel of the actor found",
    );
    let panel = browser.run("return document.querySelector('#vd-panel h3').textContent;");
    assert_eq!(panel.as_str(), Some(label("municipality").as_str()));

    // Zoom in.
    let before =
        browser.run("return document.getElementById('vd-stage').getBoundingClientRect().width;");
    browser.click("#vd-zoom-in");
    let after =
        browser.run("return document.getElementById('vd-stage').getBoundingClientRect().width;");
    let (b, a) = (
        before.as_f64().unwrap_or(0.0),
        after.as_f64().unwrap_or(0.0),
    );
    assert!((a / b - 1.25).abs() < 0.01, "{b} -> {a}");

    // Keyboard: an actor reached by focus shows its flows as hover does.
    browser.press("\u{E00C}");
    let focused = browser.run(&format!(
        "var n = document.getElementById('{node}'); n.focus(); return document.activeElement === n && n.classList.contains('hl');"
    ));
    assert_eq!(focused, Value::Bool(true));
}
