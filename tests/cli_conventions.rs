//! The command-line conventions: `init` writes a starter that passes `check`
//! and never replaces a file; `completions` and `man` come from the same
//! definition as the commands; nothing but the results reaches a pipe (the
//! spinner is for terminals only).

mod common;
use common::bin;

fn run(args: &[&str]) -> std::process::Output {
    bin().args(args).output().expect("runs")
}

#[test]
fn init_writes_a_starter_that_passes_check_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("ecosystems");
    let o = run(&["init", "demo", "--out", out.to_str().expect("utf8")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = out.join("demo.ron");
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(text.contains("name: \"demo\""));
    assert!(text.contains(&format!("valuedesign check {}", file.display())));
    let check = bin().arg("check").arg(&file).output().expect("runs");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains("2 drivers, 4 nodes, 7 exchanges, 1 extract"),
        "{stdout}"
    );
    // Two warnings, as its comment says, and win-win for everyone.
    assert_eq!(stdout.matches("  warning[").count(), 2, "{stdout}");
    let analyse = bin().arg("analyse").arg(&file).output().expect("runs");
    let text = String::from_utf8_lossy(&analyse.stdout);
    assert!(text.contains("Win-win: yes, for all 3 actors"), "{text}");
    // Hand-worked: 50 customers, growing 20% a year, pay 100 a month and 300
    // once each: 60,000 + 72,000 + 86,400 + 300 x (50 + 10 + 12) = 240,000.
    assert!(text.contains("vendor     profit  240,000"), "{text}");
    // A second init of the same name refuses, and leaves the file as it was.
    std::fs::write(&file, "my edits").expect("edit");
    let again = run(&["init", "demo", "--out", out.to_str().expect("utf8")]);
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("already exists") && err.contains("help: give another name"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "my edits");
}

#[test]
fn init_takes_any_name_and_writes_it_safely() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(&[
        "init",
        "Our \"IoT\" NAME FILE plan\\",
        "--out",
        dir.path().to_str().expect("utf8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = dir.path().join("Our__IoT__NAME_FILE_plan_.ron");
    let analyse = bin()
        .args(["analyse", "--format", "json"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        analyse.status.success(),
        "{}",
        String::from_utf8_lossy(&analyse.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&analyse.stdout).expect("json");
    // A name holding the template's own placeholders is written as given.
    assert_eq!(json["ecosystem"]["name"], "Our \"IoT\" NAME FILE plan\\");
    let bad = run(&["init", " ", "--out", dir.path().to_str().expect("utf8")]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn completions_and_man_pages_cover_every_command() {
    let bash = run(&["completions", "bash"]);
    assert!(bash.status.success());
    let bash = String::from_utf8_lossy(&bash.stdout);
    assert!(bash.contains("complete ") && bash.contains("valuedesign"));
    let zsh = String::from_utf8_lossy(&run(&["completions", "zsh"]).stdout).into_owned();
    assert!(
        zsh.starts_with("#compdef valuedesign"),
        "{}",
        &zsh[..zsh.len().min(80)]
    );
    let man = run(&["man"]);
    assert!(man.status.success());
    let man = String::from_utf8_lossy(&man.stdout);
    assert!(
        man.starts_with(".ie") || man.starts_with(".TH"),
        "{}",
        &man[..man.len().min(80)]
    );
    assert!(man.contains("valuedesign"));
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(&["man", "--out", dir.path().to_str().expect("utf8")]);
    assert!(o.status.success());
    for cmd in [
        "check",
        "analyse",
        "report",
        "map",
        "watch",
        "sensitivity",
        "init",
        "completions",
    ] {
        assert!(bash.contains(cmd), "completions name {cmd}");
        let page = std::fs::read_to_string(dir.path().join(format!("valuedesign-{cmd}.1")))
            .unwrap_or_else(|e| panic!("valuedesign-{cmd}.1: {e}"));
        assert!(page.contains(&format!("valuedesign\\-{cmd}")), "{cmd}");
    }
    assert!(dir.path().join("valuedesign.1").exists());
}

#[test]
fn a_pipe_gets_the_results_and_no_spinner() {
    let o = bin()
        .args(["analyse"])
        .arg(common::shipped("smart-parking.ron"))
        .output()
        .expect("runs");
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    for spinner in ['⠁', '⠂', '⠄', '⡀', '⢀', '⠠', '⠐', '⠈', '\r'] {
        assert!(!err.contains(spinner), "{err:?}");
    }
    assert!(!err.contains("analysing"), "{err}");
}
