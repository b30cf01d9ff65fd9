//! `pletor review RUN [REVIEW]`: approve or reject what a run waits for a person to check.

use clap::Args as ClapArgs;

use super::RunKindArgs;
use crate::context::Context;
use crate::error::{Exit, Failure};

/// Arguments of `review`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  pletor review RUN                      # interactive\n  \
pletor review RUN --approve            # every pending review\n  pletor review RUN REVIEW --reject --comment \"too dark\""
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

    /// A comment sent with the decision
    #[arg(long, value_name = "TEXT")]
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

/// Reviews.
pub async fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Exit> {
    Err(Failure::new(
        Exit::Error,
        "unimplemented",
        "`review` is not implemented yet",
    )
    .into())
}
