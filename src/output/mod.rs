//! The stream contract, and the only code that writes to stdout and stderr.
//!
//! - **stdout is data**: a table, lines of data, or exactly one JSON document with `--json`
//!   (errors included). Nothing else ever goes there.
//! - **stderr is for people**: progress, spinners, warnings, hints and human errors.
//! - The exit code is the verdict (see `crate::error`).
//!
//! Server text (names, messages) is untrusted: [`clean`] strips control characters and ANSI
//! escapes before anything reaches a terminal. A closed stdout pipe surfaces as [`BrokenPipe`],
//! which ends the program quietly.

mod jq;
pub mod progress;
pub mod table;
mod verbose;

use std::io::{IsTerminal, Write};
use std::time::Duration;

use serde_json::Value;

pub use jq::check as check_jq;
pub use progress::Progress;
pub use table::Table;
pub use verbose::Log;

use crate::cli::{ColorChoice, ProgressMode};
use crate::error::Report;

/// stdout was closed by the reader (`pletor runs list | head -1`).
#[derive(Debug, thiserror::Error)]
#[error("stdout closed")]
pub struct BrokenPipe;

/// How output should look, resolved from flags and the environment.
#[derive(Debug, Clone)]
pub struct OutputSettings {
    /// Print JSON.
    pub json: bool,
    /// Filter JSON output with this jq expression.
    pub jq: Option<String>,
    /// No progress, no hints.
    pub quiet: bool,
    /// `-v` count.
    pub verbose: u8,
    /// Color choice.
    pub color: ColorChoice,
    /// Progress mode.
    pub progress: ProgressMode,
    /// `NO_COLOR` is set.
    pub no_color_env: bool,
}

/// Owns stdout and stderr.
#[derive(Debug)]
pub struct Printer {
    settings: OutputSettings,
    stdout_tty: bool,
    stderr_tty: bool,
    color: bool,
}

impl Printer {
    /// Builds the printer from resolved settings.
    pub fn new(settings: OutputSettings) -> Self {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let color = match settings.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stderr_tty && !settings.no_color_env,
        };
        Self {
            settings,
            stdout_tty,
            stderr_tty,
            color,
        }
    }

    /// Whether output is JSON.
    pub fn is_json(&self) -> bool {
        self.settings.json || self.settings.jq.is_some()
    }

    /// A progress factory that follows `--progress`, `--quiet` and `--json`.
    pub fn progress(&self) -> Progress {
        let mode = if self.settings.quiet || self.is_json() {
            ProgressMode::None
        } else {
            match self.settings.progress {
                ProgressMode::Auto if self.stderr_tty => ProgressMode::Tty,
                ProgressMode::Auto => ProgressMode::Plain,
                other => other,
            }
        };
        Progress::new(mode)
    }

    /// Prints the one JSON document of this command (filtered by `--jq`).
    pub fn json(&self, value: &Value) -> anyhow::Result<()> {
        match &self.settings.jq {
            Some(expr) => {
                let outputs = jq::run(expr, value).map_err(anyhow::Error::msg)?;
                let mut text = String::new();
                for output in outputs {
                    match output {
                        Value::String(s) => text.push_str(&s),
                        other => text.push_str(&self.render_json(&other)),
                    }
                    text.push('\n');
                }
                self.stdout(&text)
            }
            None => self.stdout(&format!("{}\n", self.render_json(value))),
        }
    }

    /// Prints one compact JSON line (JSON Lines streams such as batch results).
    pub fn json_line(&self, value: &Value) -> anyhow::Result<()> {
        self.stdout(&format!("{value}\n"))
    }

    fn render_json(&self, value: &Value) -> String {
        if self.stdout_tty || self.settings.jq.is_none() {
            serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
        } else {
            value.to_string()
        }
    }

    /// Prints a line of data on stdout.
    pub fn line(&self, text: &str) -> anyhow::Result<()> {
        self.stdout(&format!("{text}\n"))
    }

    /// Prints a table on stdout: borders on a terminal, aligned columns when piped.
    pub fn table(&self, table: &Table) -> anyhow::Result<()> {
        self.stdout(&table.render(self.stdout_tty))
    }

    fn stdout(&self, text: &str) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Err(BrokenPipe.into()),
            Err(err) => Err(anyhow::Error::new(err).context("cannot write to stdout")),
        }
    }

    /// A status line for people (stderr), hidden by `--quiet`.
    pub fn status(&self, text: &str) {
        if !self.settings.quiet {
            self.stderr(text);
        }
    }

    /// A warning (stderr); shown even with `--quiet`.
    pub fn warn(&self, text: &str) {
        let label = self.paint("warning:", "33;1");
        self.stderr(&format!("{label} {text}"));
    }

    /// A hint (stderr), hidden by `--quiet`.
    pub fn hint(&self, text: &str) {
        if !self.settings.quiet {
            let label = self.paint("hint:", "36;1");
            self.stderr(&format!("{label} {text}"));
        }
    }

    /// Renders an error: human lines on stderr, plus the JSON document on stdout with `--json`.
    pub fn error(&self, report: &Report) {
        self.error_text(report);
        if self.is_json() {
            let mut message = report.message.clone();
            for cause in &report.causes {
                message.push_str(": ");
                message.push_str(cause);
            }
            let doc = serde_json::json!({"error": {
                "code": report.code,
                "message": message,
                "hint": report.hint,
                "status": report.status,
            }});
            // The error document is not filtered: a filter written for data would hide it.
            let _ = self.stdout(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ));
        }
    }

    /// Renders an error for people only (stderr), for commands whose JSON document on stdout
    /// tells the outcome itself (a run envelope that ended `failed`).
    pub fn error_text(&self, report: &Report) {
        let label = self.paint("error:", "31;1");
        let mut text = format!("{label} {}", report.message);
        for cause in &report.causes {
            text.push_str(&format!("\n  Caused by: {}", cause.replace('\n', "\n  ")));
        }
        if let Some(hint) = &report.hint {
            text.push_str(&format!("\n\n{} {hint}", self.paint("hint:", "36;1")));
        }
        self.stderr(&text);
    }

    /// Writes a line to stderr. Errors writing to stderr are ignored: there is nowhere left to
    /// report them.
    #[allow(clippy::print_stderr)]
    pub fn stderr(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{text}");
    }

    fn paint(&self, text: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Removes ANSI escape sequences and control characters (keeping newlines and tabs) from
/// untrusted text.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            // Bidi overrides can make text read differently from what it is.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Like [`clean`], for a one-line context: newlines become spaces.
pub fn clean_line(text: &str) -> String {
    clean(text).replace(['\n', '\t'], " ")
}

/// Like [`clean`], keeping the text's lines.
pub fn clean_block(text: &str) -> String {
    clean(text)
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            // OSC/DCS/…: up to BEL or ST (ESC \).
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// Shortens text to `max` characters, marking the cut with `…`.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// `1.2s`, `45s`, `3m05s`, `2h10m`.
pub fn human_duration(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 10.0 {
        let text = format!("{secs:.1}");
        format!("{}s", text.trim_end_matches(".0"))
    } else if secs < 60.0 {
        format!("{}s", secs.round() as u64)
    } else if secs < 3600.0 {
        let whole = secs.round() as u64;
        format!("{}m{:02}s", whole / 60, whole % 60)
    } else {
        let whole = secs.round() as u64;
        format!("{}h{:02}m", whole / 3600, (whole % 3600) / 60)
    }
}

/// `512 B`, `1.5 KiB`, `3.2 MiB`, `1.0 GiB`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clean_strips_escapes_and_controls_but_keeps_text() {
        assert_eq!(clean("\x1b[31mred\x1b[0m done"), "red done");
        assert_eq!(clean("a\x07b\x00c\r\n"), "abc\n");
        assert_eq!(clean("\x1b]0;title\x07visible"), "visible");
        assert_eq!(clean("caf\u{e9} \u{202e}txt"), "caf\u{e9} txt");
        assert_eq!(clean_line("two\nlines"), "two lines");
    }

    #[test]
    fn durations_and_sizes_read_well() {
        assert_eq!(human_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(human_duration(Duration::from_secs(2)), "2s");
        assert_eq!(human_duration(Duration::from_secs(185)), "3m05s");
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024 * 1024), "3.0 GiB");
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }

    proptest! {
        #[test]
        fn cleaned_text_never_holds_escapes_or_controls(text in any::<String>()) {
            let cleaned = clean(&text);
            prop_assert!(!cleaned.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
    }
}
