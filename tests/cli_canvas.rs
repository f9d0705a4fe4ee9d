//! The `valuedesign canvas` binary: SVG files per actor, one SVG on standard
//! output, a JSON array, Markdown files, and an unknown actor.

mod common;
use common::{bin, workdir};

#[test]
fn svg_writes_one_canvas_per_actor_into_the_report_folder() {
    let dir = workdir();
    let out = bin()
        .current_dir(dir.path())
        .args([
            "canvas",
            "ecosystems/food-plant-monitoring.ron",
            "--format",
            "svg",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folder = dir.path().join("output/food-plant-monitoring");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // 9 actors (organisations, segments, people); no temporary files left behind.
    assert_eq!(names.len(), 9, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("canvas-") && n.ends_with(".svg")),
        "{names:?}"
    );
    let vendor = std::fs::read_to_string(folder.join("canvas-vendor.svg")).expect("vendor canvas");
    assert!(
        vendor.contains("<svg")
            && vendor.contains("Revenue streams")
            && vendor.contains("kit-payment")
    );
}

#[test]
fn one_actor_svg_goes_to_standard_output_and_json_is_one_array() {
    let dir = workdir();
    let out = bin()
        .current_dir(dir.path())
        .args([
            "canvas",
            "ecosystems/food-plant-monitoring.ron",
            "--actor",
            "vendor",
            "--format",
            "svg",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
    assert!(!dir.path().join("output").exists());
    let out = bin()
        .current_dir(dir.path())
        .args([
            "canvas",
            "ecosystems/food-plant-monitoring.ron",
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(v.as_array().map(Vec::len), Some(9));
    assert!(v[0]["revenue_streams"].is_array() && v[0]["patterns"].is_array());
}

#[test]
fn markdown_files_and_an_unknown_actor() {
    let dir = workdir();
    let target = dir.path().join("md");
    let out = bin()
        .current_dir(dir.path())
        .args([
            "canvas",
            "ecosystems/food-plant-monitoring.ron",
            "--format",
            "md",
            "--out",
        ])
        .arg(&target)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(target.join("canvas-vendor.md").exists());
    let out = bin()
        .current_dir(dir.path())
        .args([
            "canvas",
            "ecosystems/food-plant-monitoring.ron",
            "--actor",
            "vendr",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `vendor`?"));
    // A device has no canvas of its own: the one of the actor it belongs to.
    let out = bin()
        .current_dir(dir.path())
        .args([
            "canvas",
            "ecosystems/food-plant-monitoring.ron",
            "--actor",
            "plant-gateway",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is a Device, which has no canvas of its own"),
        "{err}"
    );
    assert!(err.contains("`--actor food-processors`"), "{err}");
}

/// Runs the binary in a copy of the food-plant design's folder with `args`,
/// its standard output closed before the first line: what it wrote on
/// standard error, its exit code, and the folder.
fn run_with_stdout_closed(args: &[&str]) -> (String, Option<i32>, tempfile::TempDir) {
    use std::process::Stdio;
    let dir = workdir();
    let mut child = bin()
        .current_dir(dir.path())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (stderr, out.status.code(), dir)
}

#[test]
fn a_closed_standard_output_stops_the_printing_not_the_work() {
    // `valuedesign canvas ... | head -0`: the reader is gone before the
    // first line (the command loads and draws for some milliseconds before
    // it prints); it must not panic, and must still write every file.
    let (stderr, code, dir) = run_with_stdout_closed(&[
        "canvas",
        "ecosystems/food-plant-monitoring.ron",
        "--format",
        "svg",
    ]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(code, Some(0), "{stderr}");
    let written = std::fs::read_dir(dir.path().join("output/food-plant-monitoring"))
        .expect("folder")
        .count();
    assert_eq!(written, 9, "one canvas per actor");
}

#[test]
fn streamed_json_to_a_closed_pipe_ends_quietly() {
    // `valuedesign analyse FILE --format json | head -0`: the JSON is
    // streamed; a reader that is gone stops it without a panic or a message.
    let (stderr, code, _dir) = run_with_stdout_closed(&[
        "analyse",
        "ecosystems/food-plant-monitoring.ron",
        "--format",
        "json",
    ]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("cannot write"), "{stderr}");
    assert_eq!(code, Some(0), "{stderr}");
}
