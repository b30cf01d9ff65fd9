//! One review decision: what to send (the built-in body of [`spec::review_body`] or a
//! caller's JSON), sending it, and what a `409` means.

use serde_json::Value;

use crate::api::Kind;
use crate::api::runs;
use crate::api::spec;
use crate::context::Context;
use crate::output;

/// A decision on a review.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Approve, with an optional comment.
    Approve(Option<String>),
    /// Reject, with an optional comment.
    Reject(Option<String>),
    /// A caller-given body (`--body`), sent unchanged.
    Body(Value),
}

impl Decision {
    /// The JSON sent: the built-in body of [`spec::review_body`], or `--body` unchanged.
    pub fn body(&self) -> Value {
        match self {
            Self::Approve(comment) => spec::review_body(true, comment.as_deref()),
            Self::Reject(comment) => spec::review_body(false, comment.as_deref()),
            Self::Body(value) => value.clone(),
        }
    }

    /// Approve (`Some(true)`), reject (`Some(false)`), or a body we cannot judge (`None`).
    pub fn approves(&self) -> Option<bool> {
        match self {
            Self::Approve(_) => Some(true),
            Self::Reject(_) => Some(false),
            Self::Body(_) => None,
        }
    }
}

/// What happened to one review.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewOutcome {
    /// The decision was sent and accepted.
    Sent {
        /// Which review: the `id` of its `--json` entry.
        review_id: String,
        /// The body sent, reported in `--json` as the decision made.
        body: Value,
    },
    /// The server answered 409: someone resolved it first, or the run ended.
    AlreadyResolved {
        /// Which review: the `id` of its `--json` entry.
        review_id: String,
        /// The body we tried to send.
        body: Value,
        /// What the decision wanted (see [`Decision::approves`]), to judge the run's state.
        approves: Option<bool>,
    },
    /// Left pending (skipped, or not reached after quit).
    Skipped {
        /// Which review: the `id` of its `--json` entry.
        review_id: String,
    },
}

/// Sends one decision. A `409` means someone resolved the review first: not an error here, the
/// caller judges whether the wanted outcome holds.
pub async fn send(
    ctx: &Context,
    kind: Kind,
    run_id: &str,
    review_id: &str,
    decision: &Decision,
) -> anyhow::Result<ReviewOutcome> {
    let body = decision.body();
    let shown = output::clean_line(review_id);
    match runs::review(ctx.api()?, kind, run_id, review_id, body.clone()).await {
        Ok(_) => {
            let verb = match decision.approves() {
                Some(true) => "approved",
                Some(false) => "rejected",
                None => "sent the decision for",
            };
            ctx.out.status(&format!("{verb} review {shown}"));
            Ok(ReviewOutcome::Sent {
                review_id: review_id.to_string(),
                body,
            })
        }
        Err(err) if err.is_conflict() => {
            // 409: decided already (here or in the web app), or the run ended first.
            ctx.out.warn(&format!(
                "review {shown} is no longer pending (409: already resolved, or the run ended)"
            ));
            Ok(ReviewOutcome::AlreadyResolved {
                review_id: review_id.to_string(),
                body,
                approves: decision.approves(),
            })
        }
        Err(err) => {
            Err(anyhow::Error::new(err)
                .context(format!("cannot send the decision for review {shown}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decisions_build_the_spec_body_or_pass_a_custom_one_through() {
        assert_eq!(
            Decision::Approve(None).body(),
            spec::review_body(true, None)
        );
        assert_eq!(
            Decision::Reject(Some("dark".into())).body(),
            spec::review_body(false, Some("dark"))
        );
        let custom = json!({"verdict": "ok", "n": [1, 2]});
        assert_eq!(Decision::Body(custom.clone()).body(), custom);
        assert_eq!(Decision::Body(custom).approves(), None);
    }
}
