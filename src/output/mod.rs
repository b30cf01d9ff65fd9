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

pub mod board;
pub mod image;
mod jq;
pub mod pager;
pub mod progress;
mod stderr;
pub mod table;
pub mod text;
mod verbose;

use std::io::{IsTerminal, Write};

use serde_json::Value;

pub use jq::check as check_jq;
pub use progress::{Progress, ProgressMode};
pub use stderr::{stderr_line, stderr_raw};
pub use table::Table;
pub use verbose::Log;

pub use text::{clean, clean_line, human_bytes, human_duration, truncate};

use crate::error::Report;

/// When to color stderr (`--color`; the command line's names for it are in `cli`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// When stderr is a terminal whose `TERM` is not `dumb`, or with `CLICOLOR_FORCE`; never
    /// with a non-empty `NO_COLOR`.
    Auto,
    /// Even on a pipe and with `NO_COLOR` set: the user asked for it.
    Always,
    /// Never, not even on a terminal.
    Never,
}

/// One of the two streams, for what depends on where text goes (hyperlinks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Data: links only where stdout is a terminal and not carrying JSON.
    Stdout,
    /// People: links wherever stderr is a terminal.
    Stderr,
}

/// stdout was closed by the reader (`pletor runs list | head -1`).
#[derive(Debug, thiserror::Error)]
#[error("stdout closed")]
pub struct BrokenPipe;

/// How output should look, resolved from flags and the environment.
#[derive(Debug, Clone)]
pub struct OutputSettings {
    /// `--json`: stdout carries exactly one JSON document, errors included; no progress.
    pub json: bool,
    /// `--jq`: filter the JSON document with this expression (implies `json`).
    pub jq: Option<String>,
    /// `--quiet`: no progress, no hints; warnings and errors still show.
    pub quiet: bool,
    /// How many `-v`: 1 logs one line per request, 2 adds headers and bodies.
    pub verbose: u8,
    /// `--color`; under `Auto`, a terminal on stderr and `no_color_env` decide.
    pub color: ColorChoice,
    /// `--progress`; `quiet` and `json` turn it off whatever it says.
    pub progress: ProgressMode,
    /// `NO_COLOR` is set and not empty: turns `--color auto` off, never `--color always`.
    pub no_color_env: bool,
}

/// Owns stdout and stderr.
#[derive(Debug)]
pub struct Printer {
    settings: OutputSettings,
    stdout_tty: bool,
    stderr_tty: bool,
    color: bool,
    links: bool,
}

impl Printer {
    /// Builds the printer from resolved settings.
    pub fn new(settings: OutputSettings) -> Self {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let color = match settings.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !settings.no_color_env && auto_color(),
        };
        // Spinners and prompts (indicatif, dialoguer) color through `console`: the same choice.
        console::set_colors_enabled_stderr(color);
        Self {
            settings,
            stdout_tty,
            stderr_tty,
            color,
            links: supports_hyperlinks::supports_hyperlinks(),
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

    /// `text` as an OSC 8 hyperlink to `url` when `stream` is a terminal that shows them
    /// (detected with `supports-hyperlinks`; `FORCE_HYPERLINK=0` turns them off), else `text`
    /// unchanged: never on a pipe, never in JSON.
    pub fn link(&self, text: &str, url: &str, stream: Stream) -> String {
        let terminal = match stream {
            Stream::Stdout => self.stdout_tty && !self.is_json(),
            Stream::Stderr => self.stderr_tty,
        };
        if terminal && self.links {
            hyperlink(text, url)
        } else {
            text.to_string()
        }
    }

    /// A path as printed (`path.display()`), linked to its `file://` URL where links show.
    pub fn file_link(&self, path: &std::path::Path, stream: Stream) -> String {
        let text = path.display().to_string();
        match file_url(path) {
            Some(url) => self.link(&text, &url, stream),
            None => text,
        }
    }

    /// Where a picture would be drawn: the facts [`image::pick_protocol`] decides on.
    pub fn screen(&self) -> image::Screen {
        image::Screen {
            terminal: self.stdout_tty && self.stderr_tty,
            json: self.is_json(),
            color: self.color,
        }
    }

    /// Prints a long text for people on stderr: each line wrapped to the terminal's width under
    /// `prefix`, through the pager when it is taller than the screen less `reserve` rows.
    pub fn long_text(&self, text: &str, prefix: &str, reserve: usize) {
        let (columns, rows) = pager::size();
        let lines = pager::wrap(text, columns, prefix);
        if self.stderr_tty && lines.len() + reserve > rows && pager::page(&lines) {
            return;
        }
        for line in &lines {
            self.stderr(line);
        }
    }

    /// A board redrawn in place on stderr, where progress is live (a terminal, without
    /// `--quiet`, `--json` or `--progress plain|none`); `None` elsewhere.
    pub fn board(&self) -> Option<board::LiveBoard> {
        self.progress().is_live().then(board::LiveBoard::new)
    }

    /// Prints the one JSON document of this command (filtered by `--jq`). A string result of
    /// `--jq` prints raw, as in jq: its control characters go as they are to a pipe, and are
    /// shown as `\u001b` escapes on a terminal, where they would be obeyed.
    pub fn json(&self, value: &Value) -> anyhow::Result<()> {
        match &self.settings.jq {
            Some(expr) => {
                let outputs = jq::run(expr, value).map_err(anyhow::Error::msg)?;
                let mut text = String::new();
                for output in outputs {
                    match output {
                        Value::String(s) if self.stdout_tty => text.push_str(&visible(&s)),
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
        self.stdout(&format!("{}\n", json_text(value, false)))
    }

    fn render_json(&self, value: &Value) -> String {
        json_text(value, self.stdout_tty || self.settings.jq.is_none())
    }

    /// Prints a line of data on stdout.
    pub fn line(&self, text: &str) -> anyhow::Result<()> {
        self.stdout(&format!("{text}\n"))
    }

    /// Prints a table on stdout: borders on a terminal, aligned columns when piped.
    pub fn table(&self, table: &Table) -> anyhow::Result<()> {
        self.stdout(&table.render(self.stdout_tty))
    }

    /// Whether stdout is a terminal (`-o -` refuses to write bytes there).
    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_tty
    }

    /// Copies a file's bytes to stdout, as they are (`-o -`).
    pub fn file_bytes(&self, path: &std::path::Path) -> anyhow::Result<u64> {
        let mut file = std::fs::File::open(path)
            .map_err(|err| anyhow::Error::new(err).context("cannot read the downloaded file"))?;
        let mut out = std::io::stdout().lock();
        match std::io::copy(&mut file, &mut out).and_then(|n| out.flush().map(|()| n)) {
            Ok(n) => Ok(n),
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Err(BrokenPipe.into()),
            Err(err) => Err(anyhow::Error::new(err).context("cannot write to stdout")),
        }
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
        let label = self.paint("warning:", anstyle::AnsiColor::Yellow);
        self.stderr(&format!("{label} {text}"));
    }

    /// A hint (stderr), hidden by `--quiet`.
    pub fn hint(&self, text: &str) {
        if !self.settings.quiet {
            let label = self.paint("hint:", anstyle::AnsiColor::Cyan);
            self.stderr(&format!("{label} {text}"));
        }
    }

    /// Whether a failure writes its error document on stdout: with `--json` alone. Under
    /// `--jq` stdout carries only what the filter makes of data, so `id=$(pletor … --jq .id)`
    /// never captures an error; the error is on stderr as always.
    pub fn error_document(&self) -> bool {
        self.settings.json && self.settings.jq.is_none()
    }

    /// Renders an error: human lines on stderr, plus the JSON document on stdout with `--json`
    /// (not under `--jq`: see [`Printer::error_document`]).
    pub fn error(&self, report: &Report) {
        self.error_text(report);
        if self.error_document() {
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
            let _ = self.stdout(&format!("{}\n", json_text(&doc, true)));
        }
    }

    /// Renders an error for people only (stderr), for commands whose JSON document on stdout
    /// tells the outcome itself (a run envelope that ended `failed`).
    pub fn error_text(&self, report: &Report) {
        let label = self.paint("error:", anstyle::AnsiColor::Red);
        let mut text = format!("{label} {}", report.message);
        for cause in &report.causes {
            text.push_str(&format!("\n  Caused by: {}", cause.replace('\n', "\n  ")));
        }
        if let Some(hint) = &report.hint {
            text.push_str(&format!(
                "\n\n{} {hint}",
                self.paint("hint:", anstyle::AnsiColor::Cyan)
            ));
        }
        self.stderr(&text);
    }

    /// Writes a line to stderr (see [`stderr_line`]).
    pub fn stderr(&self, text: &str) {
        stderr_line(text);
    }

    fn paint(&self, text: &str, color: anstyle::AnsiColor) -> String {
        if self.color {
            let style = anstyle::Style::new().bold().fg_color(Some(color.into()));
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

/// Whether `--color auto` colors stderr, by the conventions anstream reads (as clap does):
/// `NO_COLOR` set and non-empty turns color off, `CLICOLOR_FORCE` (non-empty, not `0`) turns
/// it on even on a pipe, `CLICOLOR=0` turns it off; otherwise stderr must be a terminal whose
/// `TERM` is not `dumb`.
fn auto_color() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// `value` as JSON text, pretty or compact, with every control character in its strings
/// escaped: serde_json escapes C0 (U+0000 to U+001F) but writes DEL and the C1 controls
/// (U+0080 to U+009F, `U+009B` is a terminal's CSI) as they are.
pub fn json_text(value: &Value, pretty: bool) -> String {
    use serde::Serialize as _;
    let mut bytes = Vec::new();
    let written = if pretty {
        let formatter = ControlEscaping(serde_json::ser::PrettyFormatter::new());
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut bytes, formatter,
        ))
    } else {
        let formatter = ControlEscaping(serde_json::ser::CompactFormatter);
        value.serialize(&mut serde_json::Serializer::with_formatter(
            &mut bytes, formatter,
        ))
    };
    match written {
        // serde_json writes UTF-8 and escapes only with ASCII.
        Ok(()) => String::from_utf8(bytes).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// A formatter that escapes DEL and C1 controls as `\u00XX`, and is `F` otherwise.
struct ControlEscaping<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for ControlEscaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(|c: char| c.is_control()) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `text` with its control characters other than newline and tab shown as `\u001b` escapes,
/// for a raw string headed to a terminal.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hidden(c) {
            shown.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    std::borrow::Cow::Owned(shown)
}

/// The OSC 8 escape that shows `text` as a link to `url` (control characters in either are
/// dropped, so neither can end the sequence early).
fn hyperlink(text: &str, url: &str) -> String {
    let url: String = url.chars().filter(|c| !c.is_control()).collect();
    format!("\x1b]8;;{url}\x1b\\{}\x1b]8;;\x1b\\", clean_line(text))
}

/// `file://` and the absolute path, percent-encoded; `None` when there is no absolute form.
fn file_url(path: &std::path::Path) -> Option<String> {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?.replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    Some(format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(&text, KEEP)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_osc8_sequences_around_the_cleaned_text() {
        assert_eq!(
            hyperlink("out/a.png", "file:///w/out/a.png"),
            "\x1b]8;;file:///w/out/a.png\x1b\\out/a.png\x1b]8;;\x1b\\"
        );
        assert_eq!(
            hyperlink("x\x1b[2J", "file:///a\x07b"),
            "\x1b]8;;file:///ab\x1b\\x\x1b]8;;\x1b\\"
        );
    }

    #[cfg(unix)]
    #[test]
    fn file_urls_are_absolute_and_percent_encoded() {
        assert_eq!(
            file_url(std::path::Path::new("/w/my file#1.png")).as_deref(),
            Some("file:///w/my%20file%231.png")
        );
        let relative = file_url(std::path::Path::new("a.png")).unwrap();
        assert!(relative.starts_with("file:///") && relative.ends_with("/a.png"));
    }

    #[test]
    fn json_escapes_every_control_character_c1_included() {
        let value = serde_json::json!({"name": "a\u{9b}31mb\u{1b}[2J\u{7f}\u{85}é\n", "n": [1]});
        let compact = json_text(&value, false);
        assert_eq!(
            compact,
            r#"{"name":"a\u009b31mb\u001b[2J\u007f\u0085é\n","n":[1]}"#
        );
        assert!(!compact.chars().any(|c| c.is_control()));
        let pretty = json_text(&value, true);
        assert!(pretty.contains("\\u009b31m") && pretty.contains("\n  \"n\": [\n    1\n  ]"));
        let back: Value = serde_json::from_str(&pretty).unwrap();
        assert_eq!(back, value, "the escapes read back as the same text");
    }

    #[test]
    fn raw_strings_for_a_terminal_show_controls_but_keep_lines_and_tabs() {
        assert_eq!(visible("a\tb\nc"), "a\tb\nc");
        assert_eq!(
            visible("x\u{1b}[2Jy\u{9b}z\r"),
            "x\\u001b[2Jy\\u009bz\\u000d"
        );
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024 * 1024), "3.0 GiB");
    }
}
