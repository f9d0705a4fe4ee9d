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

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// One HTTP request with a JSON body; the JSON answer.
fn request(port: u16, method: &str, path: &str, body: &Value) -> Value {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let body = body.to_string();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    // Headers, then as many bytes as Content-Length says (chromedriver
    // keeps the connection open).
    let mut reader = BufReader::new(s);
    let mut length = None;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("a header");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            reader.read_exact(&mut body).expect("the body");
        }
        None => {
            reader.read_to_end(&mut body).expect("the body");
        }
    }
    serde_json::from_slice(&body).unwrap_or(Value::Null)
}

/// A free port on 127.0.0.1.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Kills a child when dropped (a failed assertion must not leave it running).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A WebDriver session of headless Chromium.
struct Browser {
    port: u16,
    session: String,
    _driver: Killed,
}

impl Browser {
    fn start(driver: &Path) -> Browser {
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver");
        let driver = Killed(child);
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let caps = json!({ "capabilities": { "alwaysMatch": { "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
        } } } });
        let answer = request(port, "POST", "/session", &caps);
        let session = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("a session: {answer}"))
            .to_owned();
        Browser {
            port,
            session,
            _driver: driver,
        }
    }

    fn open(&self, url: &str) {
        let path = format!("/session/{}/url", self.session);
        request(self.port, "POST", &path, &json!({ "url": url }));
    }

    /// Runs `script` in the page; its return value.
    fn run(&self, script: &str) -> Value {
        let path = format!("/session/{}/execute/sync", self.session);
        request(
            self.port,
            "POST",
            &path,
            &json!({ "script": script, "args": [] }),
        )["value"]
            .clone()
    }

    /// Waits until `script` returns true in the page; how long it took.
    fn until(&self, script: &str, what: &str) -> Duration {
        let start = Instant::now();
        while self.run(script) != Value::Bool(true) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "not within 20 s: {what}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        start.elapsed()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let path = format!("/session/{}", self.session);
        request(self.port, "DELETE", &path, &Value::Null);
    }
}

/// Saves as editors do: a new file, renamed over the old.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("ron.tmp");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

#[test]
fn the_open_page_follows_saves_and_shows_errors_in_chromium() {
    let driver = Path::new("/usr/bin/chromedriver");
    if !driver.is_file() || !Path::new("/usr/bin/chromium").is_file() {
        assert!(
            std::env::var("VALUEDESIGN_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "chromedriver and chromium are required (apt-get install chromium chromium-driver)"
        );
        eprintln!("skipped: no /usr/bin/chromedriver (apt-get install chromium-driver)");
        return;
    }
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

    let browser = Browser::start(driver);
    browser.open(&url);
    browser.until(
        "return document.body.innerText.includes('Smart parking city service');",
        "the report",
    );
    // A mark that a reload wipes.
    browser.run("window.__kept = true; return true;");

    let renamed = original.replace("Smart parking city service", "Smart parking, second draft");
    save(&file, &renamed);
    let took = browser.until(
        "return window.__kept === undefined && document.body.innerText.includes('Smart parking, second draft');",
        "the page reloads with the saved change",
    );
    eprintln!(
        "a save showed in Chromium after {:.0} ms",
        took.as_secs_f64() * 1e3
    );

    browser.run("window.__kept = true; return true;");
    save(
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

    save(&file, &original);
    browser.until(
        "return !document.getElementById('valuedesign-errors') && document.body.innerText.includes('Smart parking city service');",
        "the errors cleared by a good save",
    );
}
