//! What the wait loop does when a run pauses for a human review (`--on-review`).
//!
//! [`on_pause`] is called once for each new set of pending reviews. `fail` stops with exit 10
//! and the exact `pletor review` command; `wait` keeps polling while someone answers elsewhere;
//! `approve` and `reject` answer every pending review and keep polling. `prompt` is the
//! interactive flow of `pletor review` ([`prompt::interactive`]): when every review got an
//! answer the wait goes on; when the person skipped or quit, it stops like `fail`, since the
//! run cannot go on until someone answers.
//!
//! Submodules: `pletor review`'s own work ([`answer`] for one run, [`inbox`] and [`queue`] for
//! every review that waits), and what it shares with the wait loop:
//! one decision and its `409` ([`decide`]), the interactive questions ([`prompt`]) and the
//! file previews they show.

pub mod answer;
pub mod decide;
pub mod inbox;
pub mod preview;
pub mod prompt;
pub mod queue;

use crate::api::Kind;
use crate::api::models::Run;
use crate::api::runs;
use crate::api::spec;
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::workflow::next::{self, Answerer};

/// What to do when a run pauses for a human review (`--on-review`; its command-line names are
/// in `cli`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnReview {
    /// Show the review and ask: the default where a person can answer.
    Prompt,
    /// Stop with exit 10 and the `pletor review` command: the default elsewhere.
    Fail,
    /// Keep polling while someone answers elsewhere (the web app, another terminal).
    Wait,
    /// Approve every review, for pipelines that trust the agent.
    Approve,
    /// Reject every review.
    Reject,
}

impl OnReview {
    /// The mode to use: the one given, else `prompt` when a person can answer, else `fail`.
    /// `no_person` says why no one can be asked here (`None`: someone can). An explicit
    /// `prompt` with no one to ask is refused at once, before anything is uploaded, created or
    /// waited for: found only at the pause, the run would be paid for and left waiting.
    pub fn choose(given: Option<Self>, no_person: Option<&str>) -> Result<Self, UsageError> {
        match (given, no_person) {
            (Some(Self::Prompt), Some(why)) => Err(UsageError::new(
                format!(
                    "`--on-review prompt` needs a person to answer at the terminal, and there is none: {why}"
                ),
                NO_PERSON_MODES,
            )),
            (Some(mode), _) => Ok(mode),
            (None, None) => Ok(Self::Prompt),
            (None, Some(_)) => Ok(Self::Fail),
        }
    }
}

/// The `--on-review` modes that need no one at the terminal, as a hint.
pub const NO_PERSON_MODES: &str = "use a mode that needs no one here: `--on-review fail` (then answer with `pletor review RUN`), `--on-review wait` (someone answers in the web app) or `--on-review approve`";

/// What the wait loop does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// Decisions were sent, or someone else will answer: keep polling.
    Continue,
    /// Stop waiting with this exit code.
    Stop(Exit),
}

/// Handles a run that waits for a person.
pub async fn on_pause(
    ctx: &Context,
    kind: Kind,
    run: &Run,
    mode: OnReview,
) -> anyhow::Result<Pause> {
    match mode {
        OnReview::Prompt => ask(ctx, kind, run).await,
        OnReview::Fail => Ok(stop(ctx, kind, run)),
        OnReview::Wait => Ok(Pause::Continue),
        OnReview::Approve => decide_all(ctx, kind, run, true).await,
        OnReview::Reject => decide_all(ctx, kind, run, false).await,
    }
}

/// Asks the person at the terminal; keeps waiting only when every review got an answer.
async fn ask(ctx: &Context, kind: Kind, run: &Run) -> anyhow::Result<Pause> {
    let answers = prompt::interactive(ctx, kind, run, preview::View::default()).await?;
    if answers.all_answered() {
        Ok(Pause::Continue)
    } else {
        Ok(stop(ctx, kind, run))
    }
}

fn stop(ctx: &Context, kind: Kind, run: &Run) -> Pause {
    let count = run.pending_reviews.len();
    ctx.out
        .error_text(&next::review_pause(kind, run, count, Answerer::Later));
    Pause::Stop(Exit::Review)
}

async fn decide_all(ctx: &Context, kind: Kind, run: &Run, approve: bool) -> anyhow::Result<Pause> {
    let client = ctx.api()?;
    let verb = if approve { "approved" } else { "rejected" };
    for review in &run.pending_reviews {
        let body = spec::review_body(approve, None);
        match runs::review(client, kind, &run.id, &review.id, body).await {
            Ok(_) => ctx.out.status(&format!(
                "{verb} review {} of run {}",
                clean(&review.id),
                clean(&run.id)
            )),
            // Someone else answered first: their decision stands and the run goes on.
            Err(err) if err.is_conflict() => {
                ctx.out.status(&format!(
                    "review {} of run {} was already answered",
                    clean(&review.id),
                    clean(&run.id)
                ));
            }
            Err(err) => return Err(err.into()),
        }
    }
    Ok(Pause::Continue)
}

fn clean(text: &str) -> String {
    crate::output::clean_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_mode_asks_only_where_someone_can_answer() {
        let nobody = Some("stdin is not a terminal");
        assert_eq!(OnReview::choose(None, None).unwrap(), OnReview::Prompt);
        assert_eq!(OnReview::choose(None, nobody).unwrap(), OnReview::Fail);
        for mode in [OnReview::Fail, OnReview::Wait, OnReview::Approve] {
            assert_eq!(OnReview::choose(Some(mode), nobody).unwrap(), mode);
        }
        let err = OnReview::choose(Some(OnReview::Prompt), nobody).unwrap_err();
        assert!(
            err.message.ends_with(": stdin is not a terminal"),
            "{}",
            err.message
        );
        let hint = err.hint.unwrap();
        for mode in ["fail", "wait", "approve"] {
            assert!(hint.contains(&format!("`--on-review {mode}`")), "{hint}");
        }
    }
}
