//! The live report of `valuedesign watch`: the report of one file, built in
//! memory on every save, and what is served of it. Pure but for reading the
//! file: the HTTP server and the file watcher are the CLI's
//! (`cli::watch`).
//!
//! Every build, good or bad, gives a new version. A good build replaces the
//! report; a bad one keeps the last good report and sets the errors, which
//! the served page shows over it (located, with the source lines, as
//! `check` prints them) until a save fixes them. The served `index.html`
//! carries a small script that asks for the version and reloads the page
//! when it changes: the file on disk would not (it forbids scripts).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::analysis::{self, Config};
use crate::render::escape::xml;
use crate::report::{build, ReportConfig};

/// Where the page asks for the version.
pub const VERSION_PATH: &str = "/__valuedesign/version";

/// How often the page asks, in milliseconds.
const POLL_MS: u32 = 150;

/// The report of one file as last built.
#[derive(Debug)]
pub struct Live {
    /// The watched file.
    path: PathBuf,
    /// The largest file read, in bytes.
    max_bytes: u64,
    /// Bumped on every build.
    version: u64,
    /// The last good report: file name -> bytes.
    files: HashMap<String, Vec<u8>>,
    /// The problems of the last build, rendered, if it failed.
    errors: Option<Errors>,
    /// The file's modification time and length when last read.
    seen: Option<(std::time::SystemTime, u64)>,
}

/// Why the last build failed.
#[derive(Debug, Clone)]
struct Errors {
    /// One line: the file and how many problems.
    headline: String,
    /// Every problem, located, with its source line.
    text: String,
}

/// What one build gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Built {
    /// A new report, and how long it took.
    Report(Duration),
    /// The file has problems (their number); the last good report stays.
    Problems(usize),
}

/// What the server sends for a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Content type.
    pub content_type: &'static str,
    /// Body.
    pub body: Vec<u8>,
}

impl Live {
    /// The live report of `path` (read if at most `max_bytes`), built once.
    pub fn new(path: &Path, max_bytes: u64) -> (Self, Built) {
        let mut live = Live {
            path: path.to_path_buf(),
            max_bytes,
            version: 0,
            files: HashMap::new(),
            errors: None,
            seen: None,
        };
        let built = live.rebuild();
        (live, built)
    }

    /// The current version.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Builds the report again if the file changed since it was last read
    /// (its modification time or length): reading it is itself a file
    /// event on some systems, which must not start another build.
    pub fn rebuild_if_changed(&mut self) -> Option<Built> {
        let now = stamp(&self.path);
        if now.is_some() && now == self.seen {
            return None;
        }
        Some(self.rebuild())
    }

    /// Reads the file again and builds its report (without PNG copies: the
    /// page does not need them).
    pub fn rebuild(&mut self) -> Built {
        let start = Instant::now();
        self.version += 1;
        self.seen = stamp(&self.path);
        let (file, design) = match crate::load::load_file_within(&self.path, self.max_bytes) {
            Ok(x) => x,
            Err(err) => {
                let n = err.diagnostics.len();
                self.errors = Some(Errors {
                    headline: format!(
                        "{} could not be loaded: {}. The report below is the last good one; fix the file and save: this page updates by itself.",
                        err.file.name,
                        crate::words::count(n, "problem", "problems")
                    ),
                    text: err.render(),
                });
                return Built::Problems(n);
            }
        };
        let an = analysis::analyse(&design, &Config::default());
        let cfg = ReportConfig {
            png: false,
            source_name: file.name.clone(),
        };
        match build(&design, &an, &cfg) {
            Ok(report) => {
                self.files = report.into_iter().map(|f| (f.name, f.bytes)).collect();
                self.errors = None;
                Built::Report(start.elapsed())
            }
            Err(e) => {
                self.errors = Some(Errors {
                    headline: format!("The report of {} cannot be drawn.", file.name),
                    text: e.to_string(),
                });
                Built::Problems(1)
            }
        }
    }

    /// The reply to a GET of `path` (the request's path, query left out):
    /// the page, the version, or a file of the report by its exact name.
    /// Nothing else: no path outside the report, no listing.
    pub fn get(&self, path: &str) -> Reply {
        let path = path.split(['?', '#']).next().unwrap_or("");
        if path == VERSION_PATH {
            return Reply {
                status: 200,
                content_type: "text/plain; charset=utf-8",
                body: self.version.to_string().into_bytes(),
            };
        }
        if path == "/" || path == "/index.html" {
            return Reply {
                status: 200,
                content_type: "text/html; charset=utf-8",
                body: self.page().into_bytes(),
            };
        }
        let name = path.strip_prefix('/').unwrap_or(path);
        match self.files.get(name) {
            Some(bytes) if !name.is_empty() && !name.contains('/') => Reply {
                status: 200,
                content_type: content_type(name),
                body: bytes.clone(),
            },
            _ => Reply {
                status: 404,
                content_type: "text/plain; charset=utf-8",
                body: b"Not found: only the files of the report are served.\n".to_vec(),
            },
        }
    }

    /// `index.html` as served: the last good report (or an empty page), the
    /// errors over it if the last build failed, and the reload script.
    pub fn page(&self) -> String {
        let page = match self.files.get("index.html") {
            Some(b) => String::from_utf8_lossy(b).into_owned(),
            None => format!(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{}</title>\n</head>\n<body>\n</body>\n</html>\n",
                xml(&self.path.display().to_string())
            ),
        };
        // The report forbids scripts; the served copy allows its own inline
        // script and asking this server for the version, nothing else.
        let page = page.replacen(
            "default-src 'none';",
            "default-src 'none'; script-src 'unsafe-inline'; connect-src 'self';",
            1,
        );
        let mut tail = String::new();
        if let Some(e) = &self.errors {
            tail.push_str(&overlay(e));
        }
        tail.push_str(&reload_script(self.version));
        match page.rfind("</body>") {
            Some(at) => format!("{}{tail}{}", &page[..at], &page[at..]),
            None => page + &tail,
        }
    }
}

/// A file's modification time and length, if it can be read.
fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The errors, fixed over the top of the page.
fn overlay(e: &Errors) -> String {
    format!(
        "<div id=\"valuedesign-errors\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;max-height:70vh;overflow:auto;z-index:10;background:#fff5f5;color:#1a1a1a;border-bottom:4px solid #b3261e;padding:12px 20px;box-shadow:0 4px 16px rgba(0,0,0,.25);font:15px/1.4 'DejaVu Sans',sans-serif\">\n<p style=\"margin:0 0 8px;font-weight:bold;color:#b3261e\">{}</p>\n<pre style=\"margin:0;white-space:pre-wrap;font:13px/1.35 'DejaVu Sans Mono',monospace\">{}</pre>\n</div>\n",
        xml(&e.headline),
        xml(&e.text)
    )
}

/// Asks for the version every [`POLL_MS`] ms; reloads when it changes.
fn reload_script(version: u64) -> String {
    format!(
        "<script>\n(function () {{\n  var version = {version};\n  function poll() {{\n    fetch('{VERSION_PATH}', {{ cache: 'no-store' }})\n      .then(function (r) {{ return r.text(); }})\n      .then(function (t) {{ if (Number(t) !== version) {{ location.reload(); }} else {{ setTimeout(poll, {POLL_MS}); }} }})\n      .catch(function () {{ setTimeout(poll, 1000); }});\n  }}\n  setTimeout(poll, {POLL_MS});\n}})();\n</script>\n"
    )
}

/// The content type of a report file, by its extension.
fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("md") => "text/markdown; charset=utf-8",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}
