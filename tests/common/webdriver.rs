//! A WebDriver client for the browser tests: headless Chromium through
//! Debian's `chromedriver`, spoken to as plain HTTP + JSON.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// chromedriver, if it and Chromium are installed; without them `None`
/// (the test then passes, saying so), unless `VALUEDESIGN_REQUIRE_BROWSER=1`
/// (set by `.ci/run`) makes that a failure.
pub fn driver() -> Option<PathBuf> {
    let driver = Path::new("/usr/bin/chromedriver");
    if driver.is_file() && Path::new("/usr/bin/chromium").is_file() {
        return Some(driver.to_path_buf());
    }
    assert!(
        std::env::var("VALUEDESIGN_REQUIRE_BROWSER").as_deref() != Ok("1"),
        "chromedriver and chromium are required (apt-get install chromium chromium-driver)"
    );
    eprintln!("skipped: no /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
    None
}

/// One HTTP request with a JSON body; the JSON answer.
pub fn request(port: u16, method: &str, path: &str, body: &Value) -> Value {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
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
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Kills a child when dropped (a failed assertion must not leave it running).
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A WebDriver session of headless Chromium.
pub struct Browser {
    port: u16,
    session: String,
    _driver: Killed,
}

impl Browser {
    pub fn start(driver: &Path) -> Browser {
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

    pub fn open(&self, url: &str) {
        let path = format!("/session/{}/url", self.session);
        request(self.port, "POST", &path, &json!({ "url": url }));
    }

    /// Runs `script` in the page; its return value.
    pub fn run(&self, script: &str) -> Value {
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
    pub fn until(&self, script: &str, what: &str) -> Duration {
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

impl Browser {
    /// The WebDriver reference of the first element matching `css`.
    pub fn element(&self, css: &str) -> String {
        let path = format!("/session/{}/element", self.session);
        let answer = request(
            self.port,
            "POST",
            &path,
            &json!({ "using": "css selector", "value": css }),
        );
        answer["value"]["element-6066-11e4-a52e-4f735466cecf"]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {answer}"))
            .to_owned()
    }

    /// Moves the mouse over the middle of the element `css` (a real
    /// pointer move: the page sees mouseenter as from a user).
    pub fn hover(&self, css: &str) {
        let el = self.element(css);
        let path = format!("/session/{}/actions", self.session);
        let answer = request(
            self.port,
            "POST",
            &path,
            &json!({ "actions": [{ "type": "pointer", "id": "mouse", "parameters": { "pointerType": "mouse" },
                "actions": [{ "type": "pointerMove", "duration": 0, "origin": { "element-6066-11e4-a52e-4f735466cecf": el }, "x": 0, "y": 0 }] }] }),
        );
        assert!(answer["value"].is_null(), "hover {css}: {answer}");
    }

    /// Clicks the element `css` as a user does.
    pub fn click(&self, css: &str) {
        let el = self.element(css);
        let path = format!("/session/{}/element/{el}/click", self.session);
        let answer = request(self.port, "POST", &path, &json!({}));
        assert!(answer["value"].is_null(), "click {css}: {answer}");
    }

    /// Types `text` into the element `css` (`\u{E007}` is Enter).
    pub fn type_into(&self, css: &str, text: &str) {
        let el = self.element(css);
        let path = format!("/session/{}/element/{el}/value", self.session);
        let answer = request(self.port, "POST", &path, &json!({ "text": text }));
        assert!(answer["value"].is_null(), "type into {css}: {answer}");
    }

    /// Presses one key in the page (`\u{E00C}` is Escape).
    pub fn press(&self, key: &str) {
        let path = format!("/session/{}/actions", self.session);
        let answer = request(
            self.port,
            "POST",
            &path,
            &json!({ "actions": [{ "type": "key", "id": "keyboard",
                "actions": [{ "type": "keyDown", "value": key }, { "type": "keyUp", "value": key }] }] }),
        );
        assert!(answer["value"].is_null(), "press: {answer}");
    }

    /// A PNG of the window.
    pub fn screenshot(&self) -> Vec<u8> {
        use base64::Engine as _;
        let path = format!("/session/{}/screenshot", self.session);
        let answer = request(self.port, "GET", &path, &Value::Null);
        base64::engine::general_purpose::STANDARD
            .decode(answer["value"].as_str().unwrap_or_default())
            .unwrap_or_default()
    }

    /// Sets the window size.
    pub fn resize(&self, width: u32, height: u32) {
        let path = format!("/session/{}/window/rect", self.session);
        request(
            self.port,
            "POST",
            &path,
            &json!({ "width": width, "height": height }),
        );
    }
}
