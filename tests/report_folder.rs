//! The report folder as users meet it: stale temporaries of killed runs are
//! cleaned, a read-only previous report is replaced and removed, and runs
//! writing the same folder at once all succeed.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{bin, workdir};

fn hidden_entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    v.sort();
    v
}

fn report_in(dir: &Path) -> Command {
    let mut c = bin();
    c.current_dir(dir).args(["report", "--no-png"]);
    c
}

#[test]
fn temporaries_left_by_killed_runs_are_removed() {
    let dir = workdir();
    let out = dir.path().join("output");
    for name in [
        ".food-plant-monitoring.new-4000001",
        ".food-plant-monitoring.old-4000002",
    ] {
        std::fs::create_dir_all(out.join(name)).expect("mkdir");
        std::fs::write(out.join(name).join("map.svg"), "<svg").expect("write");
    }
    let run = report_in(dir.path()).output().expect("runs");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(hidden_entries(&out), Vec::<String>::new());
    assert!(out.join("food-plant-monitoring/index.html").is_file());
}

/// `report --no-png` in `dir`, as an unprivileged user when the tests run
/// as root (root may remove a read-only folder, so the case would not arise
/// otherwise); `dir` is then given to that user.
fn report_unprivileged(dir: &Path) -> Command {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root {
        return report_in(dir);
    }
    let chown = Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(dir)
        .status()
        .expect("chown");
    assert!(chown.success());
    let mut c = Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_valuedesign"))
        .args(["report", "--no-png"])
        .current_dir(dir);
    c
}

#[test]
fn a_read_only_previous_report_is_replaced_and_removed() {
    let dir = workdir();
    let out = dir.path().join("output");
    let first = report_in(dir.path()).output().expect("runs");
    assert_eq!(first.status.code(), Some(0));
    let folder = out.join("food-plant-monitoring");
    std::fs::write(folder.join("index.html"), "previous").expect("write");
    let mut second = report_unprivileged(dir.path());
    // Read-only: the folder and every file in it.
    let chmod = Command::new("chmod")
        .args(["-R", "a-w"])
        .arg(&folder)
        .status()
        .expect("chmod");
    assert!(chmod.success());
    let run = second.output().expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning: cannot remove"), "{stderr}");
    assert_eq!(hidden_entries(&out), Vec::<String>::new());
    let html = std::fs::read_to_string(folder.join("index.html")).expect("read");
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "the previous report stayed"
    );
}

#[test]
fn runs_writing_the_same_folder_at_once_all_succeed() {
    let dir = workdir();
    let out = dir.path().join("output");
    let runs: Vec<_> = (0..4)
        .map(|_| {
            report_in(dir.path())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawns")
        })
        .collect();
    for mut r in runs {
        assert_eq!(r.wait().expect("waits").code(), Some(0));
    }
    assert_eq!(hidden_entries(&out), Vec::<String>::new());
    let files = std::fs::read_dir(out.join("food-plant-monitoring"))
        .expect("list")
        .count();
    let alone = report_in(dir.path()).output().expect("runs");
    let said = String::from_utf8_lossy(&alone.stdout);
    assert!(said.contains(&format!("({files} files;")), "{said}");
}
