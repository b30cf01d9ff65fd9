//! `pletor batch status|report`: one view of a batch across every process (shard) that ran it,
//! from what the API knows; nothing is created or downloaded. One file per verb.

mod report;
mod status;

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::api::Kind;
use crate::context::Context;
use crate::error::Exit;
use crate::workflow::batch::status::SurveyOptions;

/// Batch commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Which rows of a batch completed, failed, still run, wait for a review or never started, across every shard
    #[command(
        after_help = "Examples:\n  pletor batch status AGENT rows.csv\n  pletor batch status APP rows.jsonl --app --json\n\n\
Exit codes: 0 every row completed; 3 some row failed; 10 some row waits for a review; 7 some row still runs or never started."
    )]
    Status(status::Args),
    /// Print one JSON line per row, as the batch prints them, across every shard
    #[command(
        after_help = "Examples:\n  pletor batch report AGENT rows.csv -o out/ > results.jsonl\n  pletor batch report AGENT rows.csv --json --jq '.counts'\n\n\
Exit codes: as `pletor batch status`."
    )]
    Report(report::Args),
}

/// Which batch: the target, file and key the run was given.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The agent (or app, with --app) the batch runs: its id, an id prefix, its name or its slug
    #[arg(add = clap_complete::ArgValueCompleter::new(crate::commands::complete::targets))]
    pub target: String,

    /// The batch file given to `--batch` (JSON Lines or CSV; `-`: stdin)
    pub file: PathBuf,

    /// The batch runs an app (it was started with `app-run`)
    #[arg(long)]
    pub app: bool,

    /// The key row external ids derive from, when the run was given one [default: a hash of the target and the file]
    #[arg(long, value_name = "K")]
    pub batch_key: Option<String>,
}

impl BatchArgs {
    /// The survey these arguments ask for.
    fn options(self) -> SurveyOptions {
        SurveyOptions {
            kind: if self.app { Kind::App } else { Kind::Agent },
            target: self.target,
            file: self.file,
            batch_key: self.batch_key,
        }
    }
}

/// Runs a batch command.
pub async fn run(ctx: &Context, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::Status(args) => status::run(ctx, args).await,
        Command::Report(args) => report::run(ctx, args).await,
    }
}
