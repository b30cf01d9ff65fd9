//! `pletor run AGENT` and `pletor app-run APP`: upload the inputs, create the run, wait,
//! handle reviews, download the results.

use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};

use super::SaveArgs;
use crate::api::runs::RunKind;
use crate::context::Context;
use crate::error::{Exit, Failure};

/// What to do when a run pauses for a human review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnReview {
    /// Show the review and ask (default on a terminal)
    Prompt,
    /// Stop with exit 10 and print the `pletor review` command (default elsewhere)
    Fail,
    /// Keep polling while someone answers elsewhere
    Wait,
    /// Approve every review
    Approve,
    /// Reject every review
    Reject,
}

/// Arguments of `run` and `app-run`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  pletor run AGENT -i prompt=\"a red shoe on marble\" -i product=@shoe.jpg -o out/\n  \
pletor run AGENT --inputs inputs.json --no-wait\n  pletor run AGENT --batch rows.jsonl -o out/ --concurrency 8"
)]
pub struct Args {
    /// The agent (or app) id
    pub target: String,

    /// An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files
    #[arg(short = 'i', long = "input", value_name = "KEY=VALUE")]
    pub inputs: Vec<String>,

    /// All inputs as JSON, from a file or `-`: {"key": value} or [{"id", "value"}]
    #[arg(long = "inputs", value_name = "FILE")]
    pub inputs_file: Option<String>,

    /// Idempotency key: running again with the same key reuses the run instead of paying twice
    #[arg(long, value_name = "K")]
    pub external_id: Option<String>,

    #[command(flatten)]
    pub save: SaveArgs,

    /// Print the created run and exit without waiting
    #[arg(long)]
    pub no_wait: bool,

    /// Wait for the run but do not download its files
    #[arg(long)]
    pub no_download: bool,

    /// Stop waiting after this long (exit 7; the run goes on): 90s, 10m, 1h
    #[arg(long, value_name = "DUR", value_parser = crate::cli::parse_duration)]
    pub timeout: Option<std::time::Duration>,

    /// What to do when the run pauses for a human review [default: prompt on a terminal, else fail]
    #[arg(long, value_enum, value_name = "MODE")]
    pub on_review: Option<OnReview>,

    /// Run once per row of a JSON Lines or CSV file
    #[arg(long, value_name = "FILE", conflicts_with_all = ["no_wait", "external_id"])]
    pub batch: Option<PathBuf>,

    /// Batch: runs in flight at once
    #[arg(long, value_name = "N", default_value_t = 4, requires = "batch")]
    pub concurrency: usize,

    /// Batch: the key that row external ids derive from [default: a hash of the target and the file]
    #[arg(long, value_name = "K", requires = "batch")]
    pub batch_key: Option<String>,

    /// Batch: file path template under -o, from {row}, {run_id}, {name}, {ext} [default: {row}/{name}]
    #[arg(long, value_name = "T", requires = "batch")]
    pub name_template: Option<String>,
}

/// Runs `run` or `app-run`.
pub async fn run(_ctx: &Context, _kind: RunKind, _args: Args) -> anyhow::Result<Exit> {
    Err(Failure::new(Exit::Error, "unimplemented", "`run` is not implemented yet").into())
}
