//! `valuedesign watch`: the live report over HTTP. The binary serves a copy
//! of a shipped design on a free port; the test reads the page, saves the
//! file as an editor does (a new file renamed over the old), sees the version
//! change and the page follow, breaks the file and sees its located errors
//! over the last good report, fixes it and sees them go; only the report's
//! files are served; Ctrl-C stops it with status 0; a busy port and a missing
//! file are clear errors with status 2.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{bin, shipped};

/// A raw HTTP request; the status, the headers and the body of the answer.
fn http(port: u16, request_line: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).ok();
    write!(
        s,
        "{request_line} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").expect("a response");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status");
    (status, head.to_owned(), body.to_owned())
}

fn get(port: u16, path: &str) -> (u16, String, String) {
    http(port, &format!("GET {path}"))
}

fn version(port: u16) -> u64 {
    get(port, "/__valuedesign/version")
        .2
        .trim()
        .parse()
        .expect("a version")
}

/// Waits for the version to move past `v`; how long it took.
fn next_version(port: u16, v: u64) -> Duration {
    let start = Instant::now();
    while version(port) == v {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no rebuild within 30 s"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    start.elapsed()
}

/// Starts `watch` on a free port; the child and the port it printed.
fn start(file: &Path) -> (Child, u16) {
    let mut child = bin()
        .args(["watch", "--port", "0"])
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the first line");
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("a URL in {line:?}"));
    (child, port)
}

#[test]
fn the_page_follows_every_save_and_shows_errors_until_they_are_fixed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("parking.ron");
    let original = std::fs::read_to_string(shipped("smart-parking.ron")).expect("read");
    std::fs::write(&file, &original).expect("write");
    let (mut child, port) = start(&file);

    let (status, head, page) = get(port, "/");
    assert_eq!(status, 200, "{head}");
    assert!(
        head.to_lowercase().contains("content-type: text/html"),
        "{head}"
    );
    assert!(page.contains("Smart parking city service"));
    assert!(page.contains("/__valuedesign/version"), "the reload script");
    assert!(page.contains("script-src 'unsafe-inline'; connect-src 'self';"));
    assert!(!page.contains("valuedesign-errors"));

    // Only the report's own files.
    let (status, head, svg) = get(port, "/map.svg");
    assert_eq!(status, 200);
    assert!(
        head.contains("image/svg+xml") && svg.contains("<svg"),
        "{head}"
    );
    assert_eq!(get(port, "/analysis.json").0, 200);
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/ecosystems/",
        "/nothing.svg",
        "//etc/passwd",
    ] {
        assert_eq!(get(port, path).0, 404, "{path}");
    }
    assert_eq!(http(port, "POST /").0, 405);

    // A save: the version moves and the page follows.
    let v = version(port);
    let renamed = original.replace("Smart parking city service", "Smart parking, second draft");
    common::save(&file, &renamed);
    let took = next_version(port, v);
    eprintln!(
        "rebuilt after a save in {:.0} ms (seen by polling)",
        took.as_secs_f64() * 1e3
    );
    let page = get(port, "/").2;
    assert!(page.contains("Smart parking, second draft"));
    // Reading the file is no save: the version stays (no rebuild loop).
    let settled = version(port);
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(version(port), settled, "rebuilt with no save");

    // A broken save: located errors over the last good report.
    let v = version(port);
    let broken = renamed.replacen("kind: Organization", "kind: Organisation", 1);
    assert_ne!(broken, renamed);
    common::save(&file, &broken);
    next_version(port, v);
    let page = get(port, "/").2;
    assert!(page.contains("id=\"valuedesign-errors\""), "the overlay");
    assert!(page.contains("parking.ron could not be loaded: 1 problem"));
    assert!(page.contains("parking.ron:"), "located");
    assert!(page.contains("Organization"), "with the suggestion");
    assert!(
        page.contains("Smart parking, second draft"),
        "over the last good report"
    );

    // Fixed: the errors go.
    let v = version(port);
    common::save(&file, &original);
    next_version(port, v);
    let page = get(port, "/").2;
    assert!(!page.contains("valuedesign-errors"));
    assert!(page.contains("Smart parking city service"));

    // A second server on the same port is a clear error.
    let busy = bin()
        .args(["watch", "--port", &port.to_string()])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(busy.status.code(), Some(2));
    let err = String::from_utf8_lossy(&busy.stderr);
    assert!(
        err.contains(&format!("cannot serve on 127.0.0.1:{port}")) && err.contains("--port"),
        "{err}"
    );

    // Ctrl-C stops it cleanly.
    let pid = child.id().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0));
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    assert!(err.contains("stopped serving"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        original,
        "the file is untouched"
    );
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = bin()
        .args(["watch", "--port", "0", "no-such-design.ron"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-design.ron: no such file"), "{err}");
}
