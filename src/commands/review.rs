//! `pletor review RUN [REVIEW]`: approve or reject what a run waits for a person to check.
//!
//! This file only reads the command line into a [`Decision`] (or none); the work, and the
//! rules for every exit code, are in `workflow::review::answer`.

use clap::Args as ClapArgs;

use super::RunKindArgs;
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::output::image::{self, PreviewChoice};
use crate::workflow::review::answer::{self, Ask};
use crate::workflow::review::decide::Decision;
use crate::workflow::review::preview::View;

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
    /// The run id (agent run or app run), or its first 8+ hex digits
    #[arg(add = clap_complete::ArgValueCompleter::new(crate::commands::complete::run_ids))]
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

    /// How to show image drafts inline [default: auto on a terminal, none elsewhere]
    #[arg(long, value_enum, value_name = "HOW", default_value_t = PreviewChoice::Auto, hide_default_value = true)]
    pub preview: PreviewChoice,

    /// Open the drafts' copies with the system viewer (the copies are then kept)
    #[arg(long)]
    pub open: bool,

    /// Keep the drafts' temporary copies after the command ends (their folder is printed)
    #[arg(long)]
    pub keep_drafts: bool,

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
    image::built_in(args.preview, image::BUILT_IN).map_err(|message| UsageError {
        message,
        hint: None,
    })?;
    let decision = decision(&args)?;
    let ask = Ask {
        run: args.run,
        kind: args.kind.kind(),
        review: args.review,
        decision,
        view: View {
            preview: args.preview,
            open: args.open,
            keep: args.keep_drafts,
        },
    };
    answer::answer(ctx, ask).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
