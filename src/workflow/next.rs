//! What to run next: every command the CLI tells a person to run about a run (`pletor runs
//! wait …`, `pletor runs show …`, `pletor review …`) is built by [`command`], and the error of a
//! run that waits for a review no one here answers by [`review_pause`]. One place, so the hints
//! agree: the same words, `--app` for app runs, and ids cleaned of control characters and
//! quoted when a shell would split them (a server's id is untrusted text).

use crate::api::Kind;
use crate::api::models::Run;
use crate::api::spec;
use crate::context::Context;
use crate::error::{Exit, Report};
use crate::output::{Stream, clean_line};

/// A command about one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next<'a> {
    /// Follow the run again: `pletor runs wait RUN`.
    Wait,
    /// Look at the run: `pletor runs show RUN`.
    Show,
    /// Answer its reviews: `pletor review RUN [REVIEW]`, then `flags` (`--approve`, …).
    Review {
        /// The review named after the run id; `None` leaves it out, and the command then
        /// answers every pending review.
        review: Option<&'a str>,
        /// Flags after the ids, with their leading space (`" --approve"`), or `""`.
        flags: &'a str,
    },
}

impl Next<'_> {
    /// `pletor review RUN`: answer every pending review, interactively.
    pub const REVIEW_ALL: Next<'static> = Next::Review {
        review: None,
        flags: "",
    };
}

/// The exact command, safe to paste into a shell.
pub fn command(kind: Kind, run_id: &str, next: Next<'_>) -> String {
    let run = shell_word(run_id);
    let app = if kind == Kind::App { " --app" } else { "" };
    match next {
        Next::Wait => format!("pletor runs wait {run}{app}"),
        Next::Show => format!("pletor runs show {run}{app}"),
        Next::Review { review, flags } => {
            let review = review
                .map(|r| format!(" {}", shell_word(r)))
                .unwrap_or_default();
            format!("pletor review {run}{review}{app}{flags}")
        }
    }
}

/// A run id as printed on `stream`: cleaned, and a hyperlink to the run where the terminal
/// shows links (see `output::Printer::link`; the address is `spec::run_link`).
pub fn run_link(ctx: &Context, kind: Kind, run_id: &str, stream: Stream) -> String {
    let url = spec::run_link(&ctx.settings.api_base.0, kind.runs(), run_id);
    ctx.out.link(&clean_line(run_id), &url, stream)
}

/// Who could answer the review a run waits for, which decides what the error suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answerer<'a> {
    /// Someone later, with `pletor review`; then the wait can be picked up again.
    Later,
    /// No one here: `pletor review` found no terminal to ask on; approve or reject with flags
    /// (`review`: the one review asked about, if any).
    NoTerminal {
        /// The review `pletor review` was asked about, named again in the suggested commands.
        review: Option<&'a str>,
    },
}

/// The error of a run that waits for `count` human reviews no one here answers (exit 10).
pub fn review_pause(kind: Kind, run: &Run, count: usize, answerer: Answerer<'_>) -> Report {
    let what = match count {
        0 | 1 => "a human review".to_string(),
        n => format!("{n} human reviews"),
    };
    let id = clean_line(&run.id);
    let (message, hint) = match answerer {
        Answerer::Later => (
            format!("run {id} waits for {what}"),
            format!(
                "answer it with `{}`, then `{}`",
                command(kind, &run.id, Next::REVIEW_ALL),
                command(kind, &run.id, Next::Wait)
            ),
        ),
        Answerer::NoTerminal { review } => {
            let with = |flags| command(kind, &run.id, Next::Review { review, flags });
            (
                format!("run {id} waits for {what}, and there is no terminal to ask on"),
                format!(
                    "approve with `{}`\n      or reject with `{}`",
                    with(" --approve"),
                    with(" --reject --comment \"…\"")
                ),
            )
        }
    };
    Report {
        exit: Exit::Review,
        code: "awaiting_review",
        message,
        causes: Vec::new(),
        hint: Some(hint),
        status: None,
    }
}

/// The review inbox for one batch's runs: `pletor review --batch FILE` (`--batch-key KEY` when
/// the batch was given one; only the key when the rows came from stdin, which cannot be read
/// again; `--app` for app runs).
pub fn review_batch(kind: Kind, file: &str, key: Option<&str>) -> String {
    let mut command = String::from("pletor review");
    if file != "-" {
        command.push_str(&format!(" --batch {}", shell_word(file)));
    }
    if let Some(key) = key {
        command.push_str(&format!(" --batch-key {}", shell_word(key)));
    }
    if kind == Kind::App {
        command.push_str(" --app");
    }
    command
}

/// A word safe to paste into a shell: ids stay as they are, anything else is single-quoted.
pub fn shell_word(text: &str) -> String {
    let text = clean_line(text);
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:+".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn commands_name_app_runs_and_paste_safely() {
        assert_eq!(
            command(Kind::Agent, "r-1", Next::Wait),
            "pletor runs wait r-1"
        );
        assert_eq!(
            command(Kind::App, "r-1", Next::Wait),
            "pletor runs wait r-1 --app"
        );
        assert_eq!(
            command(Kind::App, "r-1", Next::Show),
            "pletor runs show r-1 --app"
        );
        let review = |review, flags| Next::Review { review, flags };
        assert_eq!(
            command(Kind::Agent, "r-1", review(None, " --approve")),
            "pletor review r-1 --approve"
        );
        assert_eq!(
            command(Kind::App, "r-1", review(Some("v-2"), "")),
            "pletor review r-1 v-2 --app"
        );
        assert_eq!(
            command(Kind::Agent, "x\x1b[2Jy", Next::Wait),
            "pletor runs wait xy"
        );
        assert_eq!(shell_word("a b'c"), "'a b'\\''c'");
        assert_eq!(
            review_batch(Kind::Agent, "in/rows 1.csv", None),
            "pletor review --batch 'in/rows 1.csv'"
        );
        assert_eq!(
            review_batch(Kind::App, "-", Some("k1")),
            "pletor review --batch-key k1 --app"
        );
    }

    #[test]
    fn a_review_pause_says_who_can_answer_it() {
        let run = Run::from_value(json!({"id": "r\x1b[31m1", "status": "running"})).unwrap();
        let later = review_pause(Kind::App, &run, 1, Answerer::Later);
        assert_eq!(later.exit, Exit::Review);
        assert_eq!(later.message, "run r1 waits for a human review");
        assert_eq!(
            later.hint.as_deref(),
            Some("answer it with `pletor review r1 --app`, then `pletor runs wait r1 --app`")
        );
        let here = review_pause(Kind::Agent, &run, 2, Answerer::NoTerminal { review: None });
        assert!(
            here.message
                .ends_with("waits for 2 human reviews, and there is no terminal to ask on")
        );
        assert!(
            here.hint
                .unwrap()
                .contains("`pletor review r1 --reject --comment \"…\"`")
        );
    }
}
