//! `pletor review`'s work: answer what a run waits for a person to check, or say why not.
//!
//! Three ways in, chosen once in [`answer`]:
//! - a decision (`--approve`, `--reject`, `--body`): no prompt, the decision is sent for the
//!   given review or for every pending review;
//! - a terminal and no decision: each pending review is shown and a person answers
//!   ([`interactive`], also used by `run --on-review prompt`);
//! - no terminal and no decision: the pending reviews are listed and the command exits 10 with
//!   the exact command to run. It never waits for input.
//!
//! When nothing pending matches (a `409` on the decision, or a run that does not wait), the rule
//! is "exit 0 when the wanted outcome already holds, else 1" ([`outcome_holds`]): without a
//! decision the wish is "nothing left for me to answer", which holds; an approval holds when
//! the run went on (running or completed); a rejection holds when the run ended without
//! completing (failed or cancelled); a custom `--body` cannot be judged, so it does not hold.

use serde_json::{Value, json};

use super::decide::{self, Decision};
use super::preview::View;
use super::prompt::{Answers, interactive};
use crate::api::Kind;
use crate::api::models::{PendingReview, Run, RunStatus};
use crate::api::runs;
use crate::context::Context;
use crate::error::{Exit, Failure};
use crate::output::{self, Table};
use crate::workflow::next::{self, Answerer, Next};

/// What `pletor review` was asked.
#[derive(Debug)]
pub struct RunReviewAsk {
    /// The run id as typed (agent run or app run).
    pub run: String,
    /// Agent run or app run, when the user said (`--app`); else both are tried.
    pub kind: Option<Kind>,
    /// The one review to answer; `None` answers every pending one.
    pub review: Option<String>,
    /// The decision the flags give; `None`: ask a person, or list and stop.
    pub decision: Option<Decision>,
    /// How drafts are shown, and whether their copies are kept.
    pub view: View,
}

/// Answers the reviews of a run as asked, and returns the exit code.
pub async fn answer(ctx: &Context, ask: RunReviewAsk) -> anyhow::Result<Exit> {
    let (kind, run) = crate::workflow::ids::run(ctx, &ask.run, ask.kind).await?;
    ctx.set_resume_note(Some(format!(
        "answer the rest with `{}`",
        next::command(kind, &run.id, Next::REVIEW_ALL)
    )));
    let review = ask.review.as_deref();
    match ask.decision {
        Some(decision) => decide(ctx, kind, &run, review, &decision).await,
        None if pending(&run, review).is_empty() => nothing_pending(ctx, &run, review),
        None if ctx.can_prompt() => {
            let shown = Run {
                pending_reviews: pending(&run, review),
                ..run.clone()
            };
            let answers = interactive(ctx, kind, &shown, ask.view).await?;
            report(ctx, kind, &run.id, &answers).await
        }
        None => list_and_stop(ctx, kind, &run, review),
    }
}

/// The pending reviews of `run`, or only `review` among them.
fn pending(run: &Run, review: Option<&str>) -> Vec<PendingReview> {
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
    kind: Kind,
    run: &Run,
    review: Option<&str>,
    decision: &Decision,
) -> anyhow::Result<Exit> {
    let ids: Vec<String> = match review {
        Some(id) => vec![id.to_string()],
        None => run.pending_reviews.iter().map(|r| r.id.clone()).collect(),
    };
    if ids.is_empty() {
        return exit_when_not_pending(ctx, kind, run, &Answers::default(), decision.approves());
    }
    let mut answers = Answers::default();
    for id in ids {
        answers
            .outcomes
            .push(decide::send(ctx, kind, &run.id, &id, decision).await?);
    }
    let after = runs::get(ctx.api()?, kind, &run.id).await?;
    if answers.already_resolved().next().is_some() {
        return exit_when_not_pending(ctx, kind, &after, &answers, decision.approves());
    }
    print_result(ctx, kind, &after, &answers)?;
    Ok(Exit::Success)
}

/// The exit code when a decision could not be sent everywhere: some reviews answered 409
/// (each judged by what its decision wanted), or the run had no pending review at all
/// (`answers` is empty and `wanted` is what the flags asked for).
fn exit_when_not_pending(
    ctx: &Context,
    kind: Kind,
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
    let state = crate::workflow::outcome::state_words(&run.status);
    // The run is named once per sentence: `what` names it when no review is.
    let subject = if ids.is_empty() { "it" } else { "the run" };
    let Some(failing) = failing else {
        ctx.out.status(&format!(
            "{what}, and {subject} {state}: nothing more to do"
        ));
        print_result(ctx, kind, run, answers)?;
        return Ok(Exit::Success);
    };
    let why = match failing {
        Some(true) => format!("{subject} {state}, so the approval cannot take effect"),
        Some(false) => format!("{subject} {state}: it may have been approved elsewhere"),
        None => format!("{subject} {state}; a custom `--body` cannot be checked against it"),
    };
    Err(Failure::new(
        Exit::Error,
        "review_not_pending",
        format!("{what}, and {why}"),
    )
    .hint(format!(
        "see `{}`",
        next::command(kind, &run.id, Next::Show)
    ))
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
    let state = crate::workflow::outcome::state_words(&run.status);
    let message = match review {
        Some(review) => format!(
            "review {} is not pending on run {id} (resolved, or not this run's); the run {state}",
            output::clean_line(review)
        ),
        None => format!("run {id} is not waiting for a review; it {state}"),
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
    kind: Kind,
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
    // An error for people (it shows under --quiet: the exit code alone does not say what to
    // run), while stdout keeps the listing as its one document.
    ctx.out.error_text(&next::review_pause(
        kind,
        run,
        reviews.len(),
        Answerer::NoTerminal { review: target },
    ));
    Ok(Exit::Review)
}

/// After the interactive answers: the run's new state, and what is left. A review that answered
/// 409 meanwhile is judged like one decided with flags.
async fn report(
    ctx: &Context,
    kind: Kind,
    run_id: &str,
    answers: &Answers,
) -> anyhow::Result<Exit> {
    let after = runs::get(ctx.api()?, kind, run_id).await?;
    if answers.already_resolved().next().is_some() {
        return exit_when_not_pending(ctx, kind, &after, answers, None);
    }
    print_result(ctx, kind, &after, answers)?;
    Ok(Exit::Success)
}

/// Prints the run's state (stderr) and, with `--json`, the envelope
/// `{"run": {…}, "reviews": [{"id", "outcome", "body"}]}`.
fn print_result(ctx: &Context, kind: Kind, run: &Run, answers: &Answers) -> anyhow::Result<()> {
    let id = next::run_link(ctx, kind, &run.id, output::Stream::Stderr);
    let state = crate::workflow::outcome::state_words(&run.status);
    match run.pending_reviews.len() {
        0 if run.awaiting_review => ctx
            .out
            .status(&format!("run {id} {state} and still waits for a review")),
        0 => ctx.out.status(&format!("run {id} {state}")),
        n => {
            ctx.out.status(&format!(
                "run {id} {state} and waits for {n} more review(s)"
            ));
            ctx.out.hint(&format!(
                "answer them with `{}`",
                next::command(kind, &run.id, Next::REVIEW_ALL)
            ));
        }
    }
    if ctx.out.is_json() {
        ctx.out
            .json(&json!({"run": run.raw, "reviews": answers.to_json()}))?;
    }
    Ok(())
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
}
