//! The interactive review: show each pending review (its text in full, its files with a local
//! copy), ask approve / reject / skip / quit, send the answer at once.
//!
//! [`interactive`] is shared: `pletor review` calls it, and so does the wait loop of `run`,
//! `app-run` and `runs wait` in `--on-review prompt` mode. It only asks and sends; the caller
//! reports the run's new state or keeps waiting. Ctrl-C at a prompt surfaces as an interrupted
//! error (exit 130) before anything is sent for the review on screen.

use serde_json::{Value, json};

use super::decide::{Decision, ReviewOutcome, send};
use super::preview::{Previews, View};
use crate::api::Kind;
use crate::api::models::{PendingReview, Run};
use crate::context::Context;
use crate::output;
use crate::prompt;

/// The answers given to the pending reviews of one run.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    /// One outcome per pending review, in the run's order (quit or not).
    pub outcomes: Vec<ReviewOutcome>,
    /// The person chose "quit": the reviews from there on are left pending, unasked.
    pub quit: bool,
}

impl Answers {
    /// Whether every review got a decision (sent now or resolved before): the run can go on.
    pub fn all_answered(&self) -> bool {
        !self.quit
            && !self
                .outcomes
                .iter()
                .any(|o| matches!(o, ReviewOutcome::Skipped { .. }))
    }

    /// The reviews that answered 409, with what their decision wanted.
    pub fn already_resolved(&self) -> impl Iterator<Item = (&str, Option<bool>)> {
        self.outcomes.iter().filter_map(|o| match o {
            ReviewOutcome::AlreadyResolved {
                review_id,
                approves,
                ..
            } => Some((review_id.as_str(), *approves)),
            _ => None,
        })
    }

    /// `[{"id", "outcome": "sent" | "already_resolved" | "skipped", "body"}]` for `--json`.
    pub fn to_json(&self) -> Value {
        let items = self.outcomes.iter().map(|o| match o {
            ReviewOutcome::Sent { review_id, body } => {
                json!({"id": review_id, "outcome": "sent", "body": body})
            }
            ReviewOutcome::AlreadyResolved {
                review_id, body, ..
            } => {
                json!({"id": review_id, "outcome": "already_resolved", "body": body})
            }
            ReviewOutcome::Skipped { review_id } => {
                json!({"id": review_id, "outcome": "skipped", "body": null})
            }
        });
        Value::Array(items.collect())
    }
}

/// Shows each pending review of `run` and asks what to do, sending each decision as it is made.
/// `view` says how drafts are shown (inline picture, system viewer) and whether their
/// temporary copies outlive the command.
pub async fn interactive(
    ctx: &Context,
    kind: Kind,
    run: &Run,
    view: View,
) -> anyhow::Result<Answers> {
    let mut answers = Answers::default();
    let mut previews = Previews::new(view);
    let total = run.pending_reviews.len();
    for (index, review) in run.pending_reviews.iter().enumerate() {
        if answers.quit {
            answers.outcomes.push(ReviewOutcome::Skipped {
                review_id: review.id.clone(),
            });
            continue;
        }
        show(ctx, &mut previews, review, index + 1, total).await;
        let outcome = match choose(index + 1, total).await? {
            Choice::Approve => {
                send(ctx, kind, &run.id, &review.id, &Decision::Approve(None)).await?
            }
            Choice::Reject => {
                let comment = prompt::text("Comment (optional, Enter for none)").await?;
                let comment = Some(comment.trim().to_string()).filter(|c| !c.is_empty());
                send(ctx, kind, &run.id, &review.id, &Decision::Reject(comment)).await?
            }
            Choice::Skip => ReviewOutcome::Skipped {
                review_id: review.id.clone(),
            },
            Choice::Quit => {
                answers.quit = true;
                ReviewOutcome::Skipped {
                    review_id: review.id.clone(),
                }
            }
        };
        answers.outcomes.push(outcome);
    }
    let left = answers
        .outcomes
        .iter()
        .filter(|o| matches!(o, ReviewOutcome::Skipped { .. }))
        .count();
    if left > 0 {
        ctx.out.status(&format!("left {left} review(s) pending"));
    }
    previews.finish(ctx);
    Ok(answers)
}

/// Prints what a review is about: its text in full and its files.
async fn show(
    ctx: &Context,
    previews: &mut Previews,
    review: &PendingReview,
    number: usize,
    total: usize,
) {
    ctx.out.stderr(&format!(
        "\nReview {number} of {total} · {}",
        output::clean_line(&review.id)
    ));
    if let Some(text) = review.text.as_deref().filter(|t| !t.trim().is_empty()) {
        ctx.out.long_text(&output::clean(text), "  │ ", PROMPT_ROWS);
    }
    previews.show(ctx, review, number).await;
    if review.text.is_none() && review.asset_ids.is_empty() {
        ctx.out.stderr("  (this review shows no text and no files)");
    }
}

/// Rows kept free under a paged text for the file lines and the menu that follow it.
const PROMPT_ROWS: usize = 10;

/// The choices at each review, in menu order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Approve,
    Reject,
    Skip,
    Quit,
}

const CHOICES: [(Choice, &str); 4] = [
    (Choice::Approve, "Approve"),
    (Choice::Reject, "Reject (you can add a comment)"),
    (Choice::Skip, "Skip (leave it pending)"),
    (Choice::Quit, "Quit (leave the rest pending)"),
];

async fn choose(number: usize, total: usize) -> anyhow::Result<Choice> {
    let items = CHOICES
        .iter()
        .map(|(_, label)| (*label).to_string())
        .collect();
    let picked = prompt::select(&format!("Review {number} of {total}"), items).await?;
    Ok(CHOICES
        .get(picked)
        .map_or(Choice::Quit, |(choice, _)| *choice))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_or_quit_reviews_leave_the_run_unanswered() {
        let sent = ReviewOutcome::Sent {
            review_id: "a".into(),
            body: json!({}),
        };
        let mut answers = Answers {
            outcomes: vec![sent.clone()],
            quit: false,
        };
        assert!(answers.all_answered());
        answers.outcomes.push(ReviewOutcome::Skipped {
            review_id: "b".into(),
        });
        assert!(!answers.all_answered());
        assert!(
            !Answers {
                outcomes: vec![sent],
                quit: true
            }
            .all_answered()
        );
    }

    #[test]
    fn answers_render_as_json_with_their_outcomes() {
        let answers = Answers {
            outcomes: vec![
                ReviewOutcome::AlreadyResolved {
                    review_id: "a".into(),
                    body: json!({"decision": "approve"}),
                    approves: Some(true),
                },
                ReviewOutcome::Skipped {
                    review_id: "b".into(),
                },
            ],
            quit: true,
        };
        assert_eq!(
            answers.already_resolved().collect::<Vec<_>>(),
            vec![("a", Some(true))]
        );
        assert_eq!(
            answers.to_json(),
            json!([
                {"id": "a", "outcome": "already_resolved", "body": {"decision": "approve"}},
                {"id": "b", "outcome": "skipped", "body": null}
            ])
        );
    }
}
