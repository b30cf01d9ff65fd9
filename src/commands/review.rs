//! `pletor review RUN [REVIEW]`: approve or reject what a run waits for a person to check.
//!
//! Three ways in, chosen once in [`run`]:
//! - a decision flag (`--approve`, `--reject`, `--body`): no prompt, the decision is sent for
//!   REVIEW or for every pending review;
//! - a terminal and no decision flag: each pending review is shown and a person answers
//!   ([`interactive`], also used by `run --on-review prompt`);
//! - no terminal and no decision flag: the pending reviews are listed and the command exits 10
//!   with the exact command to run. It never waits for input.
//!
//! When nothing pending matches (a `409` on the decision, or a run that does not wait), the rule
//! is "exit 0 when the wanted outcome already holds, else 1" ([`outcome_holds`]): without a
//! decision flag the wish is "nothing left for me to answer", which holds; an approval holds when
//! the run went on (running or completed); a rejection holds when the run ended without
//! completing (failed or cancelled); a custom `--body` cannot be judged, so it does not hold.

use clap::Args as ClapArgs;
use serde_json::{Value, json};

use super::RunKindArgs;
use crate::api::models::{Run, RunStatus};
use crate::api::runs::{self, RunKind};
use crate::context::Context;
use crate::error::{Exit, Failure, Report, UsageError};
use crate::output::{self, Table};

use crate::workflow::review::decide::{self, Decision};
use crate::workflow::review::prompt::{Answers, interactive};

/// Arguments of `review`.
#[derive(Debug, ClapArgs)]
#[command(group(clap::ArgGroup::new("verdict").args(["approve", "reject"])))]
#[command(
    after_help = "Examples:\n  pletor review RUN                      # interactive\n  \
pletor review RUN --approve            # every pending review\n  pletor review RUN REVIEW --reject --comment \"too dark\"\n  \
pletor review RUN --body '{\"decision\": \"approve\", \"note\": \"ok\"}'\n\n\
Without a terminal (or with --no-input, PLETOR_NO_INPUT=1 or CI set) and without a decision\n\
flag, the pending reviews are listed and the command exits 10.\n\
When nothing is left to decide (409, or the run does not wait), the exit is 0 if the wanted\n\
outcome already holds, else 1: an approval holds when the run went on (running or completed),\n\
a rejection when the run failed or was cancelled, a custom --body never."
)]
pub struct Args {
    /// The run id (agent run or app run)
    pub run: String,

    /// One review id [default: every pending review]
    pub review: Option<String>,

    /// Approve without asking
    #[arg(long, conflicts_with_all = ["reject", "body"])]
    pub approve: bool,

    /// Reject without asking
    #[arg(long, conflicts_with = "body")]
    pub reject: bool,

    /// A comment sent with --approve or --reject
    #[arg(long, value_name = "TEXT", requires = "verdict")]
    pub comment: Option<String>,

    /// Send this JSON as the decision body instead of the built-in one
    #[arg(long, value_name = "JSON")]
    pub body: Option<String>,

    /// Open downloaded review assets with the system viewer
    #[arg(long)]
    pub open: bool,

    #[command(flatten)]
    pub kind: RunKindArgs,
}

/// The decision the flags ask for, if any; `--body` must be valid JSON.
fn decision(args: &Args) -> Result<Option<Decision>, UsageError> {
    if let Some(text) = &args.body {
        let value = serde_json::from_str(text).map_err(|err| {
            UsageError::new(
                format!("`--body` is not valid JSON: {err}"),
                "quote the whole object: `--body '{\"decision\": \"approve\"}'`",
            )
        })?;
        return Ok(Some(Decision::Body(value)));
    }
    Ok(match (args.approve, args.reject) {
        (true, _) => Some(Decision::Approve(args.comment.clone())),
        (_, true) => Some(Decision::Reject(args.comment.clone())),
        _ => None,
    })
}

/// Runs `review`.
pub async fn run(ctx: &Context, args: Args) -> anyhow::Result<Exit> {
    let decision = decision(&args)?;
    let (kind, run) = runs::get_any(ctx.api()?, &args.run, args.kind.kind()).await?;
    ctx.set_resume_note(Some(format!(
        "answer the rest with `{}`",
        command(&run.id, kind, None, "")
    )));
    let review = args.review.as_deref();
    match decision {
        Some(decision) => decide(ctx, kind, &run, review, &decision).await,
        None if pending(&run, review).is_empty() => nothing_pending(ctx, &run, review),
        None if ctx.can_prompt() => {
            let shown = Run {
                pending_reviews: pending(&run, review),
                ..run.clone()
            };
            let answers = interactive(ctx, kind, &shown, args.open).await?;
            report(ctx, kind, &run.id, &answers).await
        }
        None => list_and_stop(ctx, kind, &run, review),
    }
}

/// The pending reviews of `run`, or only `review` among them.
fn pending(run: &Run, review: Option<&str>) -> Vec<crate::api::models::PendingReview> {
    run.pending_reviews
        .iter()
        .filter(|r| review.is_none_or(|id| r.id == id))
        .cloned()
        .collect()
}

/// Sends `decision` for REVIEW (even when it is not listed: the server then says 409 or 404) or
/// for every pending review, then reports the run's new state.
async fn decide(
    ctx: &Context,
    kind: RunKind,
    run: &Run,
    review: Option<&str>,
    decision: &Decision,
) -> anyhow::Result<Exit> {
    let ids: Vec<String> = match review {
        Some(id) => vec![id.to_string()],
        None => run.pending_reviews.iter().map(|r| r.id.clone()).collect(),
    };
    if ids.is_empty() {
        return judge(ctx, kind, run, &Answers::default(), decision.approves());
    }
    let mut answers = Answers::default();
    for id in ids {
        answers
            .outcomes
            .push(decide::send(ctx, kind, &run.id, &id, decision).await?);
    }
    let after = runs::get(ctx.api()?, kind, &run.id).await?;
    if answers.already_resolved().next().is_some() {
        return judge(ctx, kind, &after, &answers, decision.approves());
    }
    print_result(ctx, kind, &after, &answers)?;
    Ok(Exit::Success)
}

/// Decides the exit code when a decision could not be sent everywhere: some reviews answered 409
/// (each judged by what its decision wanted), or the run had no pending review at all
/// (`answers` is empty and `wanted` is what the flags asked for).
fn judge(
    ctx: &Context,
    kind: RunKind,
    run: &Run,
    answers: &Answers,
    wanted: Option<bool>,
) -> anyhow::Result<Exit> {
    let resolved: Vec<(&str, Option<bool>)> = answers.already_resolved().collect();
    let ids: Vec<&str> = resolved.iter().map(|(id, _)| *id).collect();
    let what = if ids.is_empty() {
        format!("run {} has no pending review", output::clean_line(&run.id))
    } else {
        format!(
            "review {} is no longer pending",
            output::clean_line(&ids.join(", "))
        )
    };
    let failing = if resolved.is_empty() {
        Some(wanted).filter(|w| !outcome_holds(*w, run))
    } else {
        resolved
            .iter()
            .map(|(_, w)| *w)
            .find(|w| !outcome_holds(*w, run))
    };
    let state = output::clean_line(run.status.as_str());
    let Some(failing) = failing else {
        ctx.out.status(&format!(
            "{what}, and run {} is {state}: nothing more to do",
            output::clean_line(&run.id)
        ));
        print_result(ctx, kind, run, answers)?;
        return Ok(Exit::Success);
    };
    let why = match failing {
        Some(true) => format!("run is {state}, so the approval cannot take effect"),
        Some(false) => format!("run is {state}: it may have been approved elsewhere"),
        None => format!("run is {state}; a custom `--body` cannot be checked against it"),
    };
    Err(Failure::new(
        Exit::Error,
        "review_not_pending",
        format!("{what}, and the {why}"),
    )
    .hint(format!("see `pletor runs show {}`", shell_word(&run.id)))
    .into())
}

/// Whether the outcome a decision wanted already holds for a run where it could not be sent:
/// an approval when the run went on (running or completed), a rejection when the run ended
/// without completing. A decision we cannot judge (`None`) never holds.
pub fn outcome_holds(approves: Option<bool>, run: &Run) -> bool {
    match approves {
        Some(true) => matches!(run.status, RunStatus::Running | RunStatus::Completed),
        Some(false) => matches!(run.status, RunStatus::Failed | RunStatus::Cancelled),
        None => false,
    }
}

/// Without a decision flag and with nothing pending, nothing is left to answer: exit 0.
fn nothing_pending(ctx: &Context, run: &Run, review: Option<&str>) -> anyhow::Result<Exit> {
    let id = output::clean_line(&run.id);
    let state = output::clean_line(run.status.as_str());
    let message = match review {
        Some(review) => format!(
            "review {} is not pending on run {id} (resolved, or not this run's); the run is {state}",
            output::clean_line(review)
        ),
        None => format!("run {id} is not waiting for a review; it is {state}"),
    };
    ctx.out.status(&message);
    if ctx.out.is_json() {
        ctx.out.json(&json!([]))?;
    }
    Ok(Exit::Success)
}

/// No one can answer here: list what waits and exit 10 with the command that answers it.
fn list_and_stop(
    ctx: &Context,
    kind: RunKind,
    run: &Run,
    review: Option<&str>,
) -> anyhow::Result<Exit> {
    let reviews = pending(run, review);
    if ctx.out.is_json() {
        ctx.out.json(&Value::Array(
            reviews.iter().map(|r| r.raw.clone()).collect(),
        ))?;
    } else {
        let mut table = Table::new(["ID", "TEXT", "ASSETS"]);
        for r in &reviews {
            let text = output::truncate(&output::clean_line(r.text.as_deref().unwrap_or("")), 60);
            table.row([r.id.clone(), text, r.asset_ids.join(" ")]);
        }
        ctx.out.table(&table)?;
    }
    let target = if reviews.len() == 1 && review.is_some() {
        review
    } else {
        None
    };
    let count = match reviews.len() {
        1 => "a human review".to_string(),
        n => format!("{n} human reviews"),
    };
    // An error for people (it shows under --quiet: the exit code alone does not say what to
    // run), while stdout keeps the listing as its one document.
    ctx.out.error_text(&Report {
        exit: Exit::Review,
        code: "awaiting_review",
        message: format!(
            "run {} waits for {count}, and there is no terminal to ask on",
            output::clean_line(&run.id)
        ),
        causes: Vec::new(),
        hint: Some(format!(
            "approve with `{}`\n      or reject with `{}`",
            command(&run.id, kind, target, " --approve"),
            command(&run.id, kind, target, " --reject --comment \"…\""),
        )),
        status: None,
    });
    Ok(Exit::Review)
}

/// After the interactive answers: the run's new state, and what is left. A review that answered
/// 409 meanwhile is judged like one decided with flags.
async fn report(
    ctx: &Context,
    kind: RunKind,
    run_id: &str,
    answers: &Answers,
) -> anyhow::Result<Exit> {
    let after = runs::get(ctx.api()?, kind, run_id).await?;
    if answers.already_resolved().next().is_some() {
        return judge(ctx, kind, &after, answers, None);
    }
    print_result(ctx, kind, &after, answers)?;
    Ok(Exit::Success)
}

/// Prints the run's state (stderr) and, with `--json`, the envelope
/// `{"run": {…}, "reviews": [{"id", "outcome", "body"}]}`.
fn print_result(ctx: &Context, kind: RunKind, run: &Run, answers: &Answers) -> anyhow::Result<()> {
    let id = output::clean_line(&run.id);
    let state = output::clean_line(run.status.as_str());
    match run.pending_reviews.len() {
        0 if run.awaiting_review => ctx
            .out
            .status(&format!("run {id} is {state} and still waits for a review")),
        0 => ctx.out.status(&format!("run {id} is {state}")),
        n => {
            ctx.out.status(&format!(
                "run {id} is {state} and waits for {n} more review(s)"
            ));
            ctx.out.hint(&format!(
                "answer them with `{}`",
                command(&run.id, kind, None, "")
            ));
        }
    }
    if ctx.out.is_json() {
        ctx.out
            .json(&json!({"run": run.raw, "reviews": answers.to_json()}))?;
    }
    Ok(())
}

/// The exact `pletor review` command for a run (and a review), with `tail` flags.
pub fn command(run_id: &str, kind: RunKind, review: Option<&str>, tail: &str) -> String {
    let review = review
        .map(|r| format!(" {}", shell_word(r)))
        .unwrap_or_default();
    let app = if kind == RunKind::App { " --app" } else { "" };
    format!("pletor review {}{review}{app}{tail}", shell_word(run_id))
}

/// A word safe to paste into a shell: ids stay as they are, anything else is single-quoted.
fn shell_word(text: &str) -> String {
    let text = output::clean_line(text);
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_in(status: &str) -> Run {
        Run::from_value(json!({"id": "r-1", "status": status})).unwrap()
    }

    #[test]
    fn an_approval_holds_when_the_run_went_on() {
        assert!(outcome_holds(Some(true), &run_in("running")));
        assert!(outcome_holds(Some(true), &run_in("completed")));
        assert!(!outcome_holds(Some(true), &run_in("failed")));
        assert!(!outcome_holds(Some(true), &run_in("cancelled")));
        assert!(!outcome_holds(Some(true), &run_in("pending")));
    }

    #[test]
    fn a_rejection_holds_when_the_run_ended_without_completing() {
        assert!(outcome_holds(Some(false), &run_in("failed")));
        assert!(outcome_holds(Some(false), &run_in("canceled")));
        assert!(!outcome_holds(Some(false), &run_in("completed")));
        assert!(!outcome_holds(Some(false), &run_in("running")));
    }

    #[test]
    fn a_custom_body_never_holds() {
        assert!(!outcome_holds(None, &run_in("completed")));
        assert!(!outcome_holds(None, &run_in("failed")));
    }

    #[test]
    fn hints_are_commands_that_paste_safely() {
        assert_eq!(
            command("r-1", RunKind::Agent, None, " --approve"),
            "pletor review r-1 --approve"
        );
        assert_eq!(
            command("r-1", RunKind::App, Some("v-2"), ""),
            "pletor review r-1 v-2 --app"
        );
        assert_eq!(shell_word("a b'c"), "'a b'\\''c'");
        assert_eq!(shell_word("x\x1b[2Jy"), "xy");
    }

    fn parse(args: &[&str]) -> Result<Option<Decision>, String> {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            args: Args,
        }
        let cli = <Cli as clap::Parser>::try_parse_from(
            std::iter::once("review").chain(args.iter().copied()),
        )
        .map_err(|e| e.kind().to_string())?;
        decision(&cli.args).map_err(|e| e.message)
    }

    #[test]
    fn flags_name_one_decision_and_a_body_must_be_json() {
        assert_eq!(parse(&["r"]), Ok(None));
        assert_eq!(
            parse(&["r", "--approve"]),
            Ok(Some(Decision::Approve(None)))
        );
        assert_eq!(
            parse(&["r", "v", "--reject", "--comment", "dark"]),
            Ok(Some(Decision::Reject(Some("dark".into()))))
        );
        assert_eq!(
            parse(&["r", "--body", "{\"a\": 1}"]),
            Ok(Some(Decision::Body(json!({"a": 1}))))
        );
        assert!(
            parse(&["r", "--body", "{a"])
                .unwrap_err()
                .contains("not valid JSON")
        );
        assert!(
            parse(&["r", "--comment", "x"]).is_err(),
            "a comment needs a decision"
        );
        assert!(parse(&["r", "--approve", "--reject"]).is_err());
        assert!(parse(&["r", "--reject", "--body", "{}"]).is_err());
    }
}
