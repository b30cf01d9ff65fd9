//! `pletor review [RUN [REVIEW]]`: approve or reject what runs wait for a person to check.
//!
//! This file only reads the command line into a [`Decision`] (or none) and the inbox's filters;
//! the work, and the rules for every exit code, are in `workflow::review::answer` (one run) and
//! `workflow::review::inbox` (every review that waits).

use clap::Args as ClapArgs;

use std::path::PathBuf;

use crate::api::Kind;
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::output::image::{self, PreviewChoice};
use crate::workflow::review::answer::{self, RunReviewAsk};
use crate::workflow::review::decide::Decision;
use crate::workflow::review::inbox;
use crate::workflow::review::preview::View;
use crate::workflow::review::queue::Filters;

/// Arguments of `review`.
#[derive(Debug, ClapArgs)]
#[command(group(clap::ArgGroup::new("verdict").args(["approve", "reject"])))]
#[command(
    after_help = "Examples:\n  pletor review                          # the inbox: every review that waits, one key each\n  \
pletor review --batch rows.csv         # only the runs of that batch, every shard included\n  \
pletor review --pending --json         # list what waits, decide nothing\n  \
pletor review --pending --agent \"Reviewed Post\" --approve --yes\n  \
pletor review RUN                      # one run, interactive\n  \
pletor review RUN --approve            # every pending review of RUN\n  pletor review RUN REVIEW --reject --comment \"too dark\"\n  \
pletor review RUN --body '{\"decision\": \"approve\", \"note\": \"ok\"}'\n\n\
The inbox walks the runs that await a review, oldest first: a to approve, r to reject (with an\n\
optional comment), s to skip, o to open the drafts in the system viewer, q to quit. Each\n\
decision is sent at once. It exits 0 when nothing is left, 10 when reviews still wait.\n\
--pending lists (exit 0); with --approve or --reject it decides every listed review, after a\n\
confirmation on a terminal, and only with --yes in a script (else exit 2, nothing sent).\n\n\
Without a terminal (or with --no-input, PLETOR_NO_INPUT=1 or CI set) and without a decision\n\
flag, the pending reviews are listed and the command exits 10.\n\
When nothing is left to decide (409, or the run does not wait), the exit is 0 if the wanted\n\
outcome already holds, else 1: an approval holds when the run went on (running or completed),\n\
a rejection when the run failed or was cancelled, a custom --body never."
)]
pub struct Args {
    /// The run id (agent run or app run), or its first 8+ hex digits [default: every run that waits, the inbox]
    #[arg(add = clap_complete::ArgValueCompleter::new(crate::commands::complete::run_ids))]
    pub run: Option<String>,

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

    /// Send this JSON as the decision body instead of the built-in one (with RUN)
    #[arg(long, value_name = "JSON", conflicts_with = "pending")]
    pub body: Option<String>,

    /// List every review that waits (or decide them all with --approve/--reject) instead of asking
    #[arg(long, conflicts_with = "run")]
    pub pending: bool,

    /// Only runs of this agent (of this app with --app): its id, an id prefix, its name or its slug
    #[arg(long, value_name = "AGENT", conflicts_with = "run", add = clap_complete::ArgValueCompleter::new(crate::commands::complete::targets))]
    pub agent: Option<String>,

    /// Only runs created since then: a duration back from now (90m, 2h, 7d) or a date (2026-01-15, 2026-01-15T10:00:00Z)
    #[arg(long, value_name = "DUR|DATE", conflicts_with = "run", value_parser = crate::workflow::listing::parse_since)]
    pub since: Option<jiff::Timestamp>,

    /// Only the runs of the batch run from this file (JSON Lines or CSV; `-`: stdin), every shard included
    #[arg(long, value_name = "FILE", conflicts_with = "run")]
    pub batch: Option<PathBuf>,

    /// The key the batch's row external ids derive from, when it was given one [default: as the batch derived it]
    #[arg(long, value_name = "K", conflicts_with = "run")]
    pub batch_key: Option<String>,

    /// At most N reviews, the oldest
    #[arg(long, value_name = "N", conflicts_with = "run", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,

    /// Decide every listed review without asking (required in scripts with --pending --approve|--reject)
    #[arg(short, long)]
    pub yes: bool,

    /// How to show image drafts inline [default: auto on a terminal, none elsewhere]
    #[arg(long, value_enum, value_name = "HOW", default_value_t = PreviewChoice::Auto, hide_default_value = true)]
    pub preview: PreviewChoice,

    /// Open the drafts' copies with the system viewer (the copies are then kept)
    #[arg(long)]
    pub open: bool,

    /// Keep the drafts' temporary copies after the command ends (their folder is printed)
    #[arg(long)]
    pub keep_drafts: bool,

    /// The run is an app run (skips the guess); without RUN, review app runs instead of agent runs
    #[arg(long)]
    pub app: bool,
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

/// Runs `review`: one run's reviews with RUN, else the inbox.
pub async fn run(ctx: &Context, args: Args) -> anyhow::Result<Exit> {
    image::built_in(args.preview, image::BUILT_IN).map_err(|message| UsageError {
        message,
        hint: None,
    })?;
    let decision = decision(&args)?;
    let view = View {
        preview: args.preview,
        open: args.open,
        keep: args.keep_drafts,
    };
    let kind = args.app.then_some(Kind::App);
    let Some(run) = args.run else {
        if decision.is_some() && !args.pending {
            return Err(UsageError::new(
                "`--approve` and `--reject` without RUN need `--pending`",
                "`pletor review --pending --approve --yes` decides every review that waits; `pletor review RUN --approve` one run's",
            )
            .into());
        }
        let ask = inbox::InboxAsk {
            filters: Filters {
                kind: kind.unwrap_or(Kind::Agent),
                agent: args.agent,
                since: args.since,
                batch: args.batch,
                batch_key: args.batch_key,
                limit: args.limit.map(|n| n as usize),
            },
            pending: args.pending,
            decision,
            yes: args.yes,
            view,
        };
        return inbox::inbox(ctx, ask).await;
    };
    let ask = RunReviewAsk {
        run,
        kind,
        review: args.review,
        decision,
        view,
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
            parse(&["--pending", "--approve", "--yes"]),
            Ok(Some(Decision::Approve(None)))
        );
        assert!(
            parse(&["r", "--pending"]).is_err(),
            "RUN or the inbox, not both"
        );
        assert!(parse(&["r", "--agent", "x"]).is_err());
        assert!(parse(&["--pending", "--body", "{}"]).is_err());
        assert!(parse(&["--limit", "0"]).is_err());
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
