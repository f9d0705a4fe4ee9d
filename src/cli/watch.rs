//! `valuedesign watch FILE`: serves the live report of FILE on 127.0.0.1,
//! rebuilt on every save (debounced), with the page reloading by itself and
//! showing the file's errors over the last good report until they are fixed
//! ([`crate::live`]). Writes nothing to disk. Ctrl-C stops it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult};

use super::{WatchArgs, EXIT_INPUT, EXIT_OK};
use crate::live::{Built, Live};

/// How long after the last file event a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(60);

/// One line on standard error about a build.
fn say_built(name: &str, built: &Built, version: u64) {
    match built {
        Built::Report(t) => errln!("{name}: report {version} built in {:.2} s", t.as_secs_f64()),
        Built::Problems(n) => errln!(
            "{name}: {} (shown on the page; the last good report stays)",
            crate::words::count(*n, "problem", "problems")
        ),
    }
}

/// Runs `watch`; returns the exit code.
pub(super) fn run(args: &WatchArgs) -> u8 {
    let path = &args.file;
    if !path.is_file() {
        errln!(
            "error: {}: no such file{}",
            path.display(),
            if path.is_dir() {
                " (it is a folder)"
            } else {
                ""
            }
        );
        errln!("  help: name a value-design file (.ron), e.g. `valuedesign watch ecosystems/smart-parking.ron`");
        return EXIT_INPUT;
    }
    let name = path.display().to_string();
    let server = match tiny_http::Server::http(("127.0.0.1", args.port)) {
        Ok(s) => s,
        Err(e) => {
            errln!("error: cannot serve on 127.0.0.1:{}: {e}", args.port);
            errln!("  help: another program may use that port; choose another with `--port N` (0: any free port)");
            return EXIT_INPUT;
        }
    };
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let max = super::MAX_FILE_BYTES.load(Ordering::Relaxed);
    let (live, built) = Live::new(path, max);
    say_built(&name, &built, live.version());
    let live = Arc::new(Mutex::new(live));
    let url = format!("http://127.0.0.1:{port}/");
    out!("Serving the report of {name} at {url} (rebuilt on every save; Ctrl-C stops)\n");
    let _ = std::io::Write::flush(&mut std::io::stdout());

    // Editors save by writing in place or by writing a new file and
    // renaming it over the old: watch the folder, keep the file's events.
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let target = canonical(path);
    let for_events = Arc::clone(&live);
    let name_for_events = name.clone();
    let debouncer = new_debouncer(DEBOUNCE, move |res: DebounceEventResult| {
        let Ok(events) = res else { return };
        if !events.iter().any(|e| canonical(&e.path) == target) {
            return;
        }
        let Ok(mut live) = for_events.lock() else {
            return;
        };
        if let Some(built) = live.rebuild_if_changed() {
            say_built(&name_for_events, &built, live.version());
        }
    });
    let mut debouncer = match debouncer {
        Ok(d) => d,
        Err(e) => {
            errln!("error: cannot watch {}: {e}", folder.display());
            return EXIT_INPUT;
        }
    };
    if let Err(e) = debouncer
        .watcher()
        .watch(&folder, RecursiveMode::NonRecursive)
    {
        errln!("error: cannot watch {}: {e}", folder.display());
        return EXIT_INPUT;
    }

    let stop = Arc::new(AtomicBool::new(false));
    let on_signal = Arc::clone(&stop);
    if let Err(e) = ctrlc::set_handler(move || on_signal.store(true, Ordering::SeqCst)) {
        errln!("warning: Ctrl-C will not stop the server cleanly: {e}");
    }
    if args.open {
        open_browser(&url);
    }
    while !stop.load(Ordering::SeqCst) {
        let request = match server.recv_timeout(Duration::from_millis(100)) {
            Ok(Some(r)) => r,
            Ok(None) => continue,
            Err(_) => break,
        };
        respond(&live, request);
    }
    errln!("stopped serving {name}");
    EXIT_OK
}

/// Answers one request: GET or HEAD of the page, the version or a report
/// file; anything else is refused.
fn respond(live: &Mutex<Live>, request: tiny_http::Request) {
    use tiny_http::{Header, Method, Response};
    let method = request.method().clone();
    if method != Method::Get && method != Method::Head {
        let _ =
            request.respond(Response::from_string("Only GET is served.\n").with_status_code(405));
        return;
    }
    let reply = match live.lock() {
        Ok(l) => l.get(request.url()),
        Err(_) => return,
    };
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    for (k, v) in [
        ("Content-Type", reply.content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ] {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

/// The path made absolute and resolved where it can be (for comparing a
/// file event's path with the watched file).
fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Opens `url` in the desktop's browser; says so if it cannot.
fn open_browser(url: &str) {
    let tried = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if tried.is_err() {
        errln!("note: cannot open a browser here; open {url} yourself");
    }
}
