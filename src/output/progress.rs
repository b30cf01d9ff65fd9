//! Progress on stderr: indicatif spinners and bars on a terminal, one plain line per change
//! otherwise (never a carriage return), or nothing (`--quiet`, `--json`, `--progress none`).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How to show progress on stderr (`--progress`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    /// Bars and spinners on a terminal, plain lines otherwise.
    Auto,
    /// Bars and spinners, even when stderr is not a terminal.
    Tty,
    /// One line per change, never a carriage return (logs, CI).
    Plain,
    /// Nothing at all, as with `--quiet` or `--json` (warnings still show: they are not
    /// progress).
    None,
}

/// Makes spinners and bars in one mode; clones share one display.
#[derive(Clone)]
pub struct Progress {
    mode: ProgressMode,
    multi: Option<MultiProgress>,
}

impl Progress {
    /// A factory for `mode` (`Auto` must already be resolved to `Tty` or `Plain`).
    pub fn new(mode: ProgressMode) -> Self {
        let multi = (mode == ProgressMode::Tty)
            .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr()));
        Self { mode, multi }
    }

    /// Whether progress draws live on a terminal.
    pub fn is_live(&self) -> bool {
        self.multi.is_some()
    }

    /// Whether progress prints plain lines.
    pub fn is_plain(&self) -> bool {
        self.mode == ProgressMode::Plain
    }

    /// A spinner with a message.
    pub fn spinner(&self, message: &str) -> Spinner {
        let bar = self.multi.as_ref().map(|multi| {
            let bar = multi.add(ProgressBar::new_spinner());
            bar.set_style(
                ProgressStyle::with_template("{spinner:.cyan} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar.set_message(message.to_string());
            bar
        });
        let spinner = Spinner {
            bar,
            plain: self.is_plain(),
            last: Arc::default(),
        };
        spinner.plain_line(message);
        spinner
    }

    /// A byte-progress bar for a transfer of `total` bytes. `label` is whole: the live bar cuts it
    /// to its column, a plain line never does (a script reads the name).
    pub fn bar(&self, total: u64, label: &str) -> Bar {
        let bar = self.multi.as_ref().map(|multi| {
            let bar = multi.add(ProgressBar::new(total));
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg:30!} [{bar:25.cyan/blue}] {bytes:>10}/{total_bytes:10} {bytes_per_sec:>12} {eta:>4}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message(label.to_string());
            bar
        });
        Bar {
            bar,
            plain: self.is_plain(),
            label: label.to_string(),
        }
    }

    /// Prints a line on stderr without tearing the bars.
    pub fn println(&self, text: &str) {
        match &self.multi {
            Some(multi) => {
                let _ = multi.println(text);
            }
            None if self.mode != ProgressMode::None => super::stderr::stderr_line(text),
            None => {}
        }
    }
}

/// A spinner; in plain mode it prints its message when the message changes.
#[derive(Clone)]
pub struct Spinner {
    bar: Option<ProgressBar>,
    plain: bool,
    last: Arc<Mutex<String>>,
}

impl Spinner {
    /// Changes the message.
    pub fn set_message(&self, message: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(message.to_string());
        }
        self.plain_line(message);
    }

    /// Removes the spinner.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn plain_line(&self, message: &str) {
        if !self.plain {
            return;
        }
        let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
        if *last != message {
            super::stderr::stderr_line(message);
            *last = message.to_string();
        }
    }
}

/// A byte-progress bar; in plain mode it prints one line when it finishes.
#[derive(Clone)]
pub struct Bar {
    bar: Option<ProgressBar>,
    plain: bool,
    label: String,
}

impl Bar {
    /// Sets the bytes done.
    pub fn set_position(&self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }

    /// Sets the total, when it becomes known.
    pub fn set_length(&self, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
        }
    }

    /// Ends the bar with a short outcome (`done`, `skipped`, `failed`).
    pub fn finish(&self, outcome: &str) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.plain {
            super::stderr::stderr_line(&format!("{}: {outcome}", self.label));
        }
    }
}
