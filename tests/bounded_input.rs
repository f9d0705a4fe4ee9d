//! Bounded input: what is not a regular file (a device, a named pipe with no
//! writer) and files above `--max-file-size` are refused before they are
//! read, with a clear error and exit status 2, never read until memory runs
//! out or waited on forever.

mod common;

use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use common::bin;

/// Runs the binary with `args`, killing it (and failing) if it is still
/// running after 20 s.
fn run_bounded(args: &[&str]) -> Output {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let start = Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!(
                "`valuedesign {}` was still reading after 20 s",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn refused(out: &Output, says: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(says), "{stderr}");
    assert!(stderr.contains("error[io]"), "{stderr}");
}

#[test]
fn a_device_is_refused() {
    let out = run_bounded(&["check", "/dev/zero"]);
    refused(&out, "it is a character device, not a file");
}

#[test]
fn a_named_pipe_with_no_writer_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("design.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let out = run_bounded(&["analyse", fifo.to_str().expect("utf-8")]);
    refused(&out, "it is a named pipe, not a file");
}

#[test]
fn a_file_above_the_limit_is_refused_and_the_limit_can_be_raised() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("big.ron");
    // A valid design padded with a 2 MiB comment.
    let text = format!(
        "// {}\nEcosystem(name: \"Big\", nodes: [Node(id: \"a\", kind: Organization)])\n",
        "x".repeat(2 << 20)
    );
    std::fs::write(&file, text).expect("write");
    let f = file.to_str().expect("utf-8");
    let out = run_bounded(&["check", "--max-file-size", "1", f]);
    refused(&out, "it is 2.0 MiB, above the limit of 1.0 MiB");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--max-file-size 3"), "{stderr}");
    // Raised, it is read (and its one isolated actor found).
    let out = run_bounded(&["check", "--max-file-size", "3", f]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("big.ron: 0 drivers, 1 node"), "{stdout}");
}
