//! A sign of life on standard error for work that runs over about a second
//! (a 1e6-node `analyse` runs for close to a minute): an indicatif spinner
//! naming the stage and the time so far, shown only when standard error is a
//! terminal and only once a stage has run for [`DELAY`], so quick commands
//! and piped or captured output never see it. Whatever the commands print
//! goes through [`suspend`], which lifts the spinner off the line while the
//! text is written.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a stage runs before the spinner shows.
pub(crate) const DELAY: Duration = Duration::from_millis(900);

/// The spinner, while one is running.
static SPINNER: Mutex<Option<ProgressBar>> = Mutex::new(None);

fn spinner() -> std::sync::MutexGuard<'static, Option<ProgressBar>> {
    SPINNER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Names the stage now running ("reading big.ron", "analysing 1,000,000
/// nodes"); starts the spinner on the first call when standard error is a
/// terminal.
pub(crate) fn stage(message: impl Into<String>) {
    let message = message.into();
    let mut guard = spinner();
    if let Some(bar) = guard.as_ref() {
        // The time shown is the stage's own.
        bar.reset_elapsed();
        bar.set_message(message);
        return;
    }
    if !std::io::stderr().is_terminal() {
        return;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.set_message(message);
    let shown = bar.clone();
    // Shown only if the work is still running after DELAY.
    std::thread::spawn(move || {
        std::thread::sleep(DELAY);
        if !shown.is_finished() {
            shown.set_draw_target(ProgressDrawTarget::stderr());
            shown.enable_steady_tick(Duration::from_millis(120));
        }
    });
    *guard = Some(bar);
}

/// Stops the spinner and clears its line.
pub(crate) fn done() {
    if let Some(bar) = spinner().take() {
        bar.finish_and_clear();
    }
}

/// Runs `write` with the spinner lifted off the terminal, so printed text
/// and the spinner never share a line.
pub(crate) fn suspend<T>(write: impl FnOnce() -> T) -> T {
    let bar = spinner().clone();
    match bar {
        Some(bar) => bar.suspend(write),
        None => write(),
    }
}
