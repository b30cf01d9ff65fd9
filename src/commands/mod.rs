//! One module per command. A leaf command holds `Args` (or takes shared ones) and an async
//! `run(ctx, args) -> Result<Exit>`; nouns with several verbs are folders.

pub mod agents;
pub mod api;
pub mod apps;
pub mod assets;
pub mod auth;
pub mod batch;
mod catalog;
pub mod complete;
pub mod completions;
pub mod doctor;
pub mod download;
pub mod review;
pub mod run;
pub mod runs;
pub mod upload;

use std::path::PathBuf;

use clap::Args;

use crate::api::Kind;
use crate::api::list::Limit;
use crate::context::Context;
use crate::error::UsageError;
use crate::workflow::review::OnReview;
use crate::workflow::wait::WaitOptions;

/// How many items a list command fetches.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// Fetch at most N items
    #[arg(long, value_name = "N", default_value_t = 30, conflicts_with = "all")]
    pub limit: usize,

    /// Fetch every page
    #[arg(long)]
    pub all: bool,
}

impl ListArgs {
    /// The limit to pass to the API layer.
    pub fn limit(&self) -> Limit {
        if self.all {
            Limit::All
        } else {
            Limit::AtMost(self.limit)
        }
    }
}

/// Where downloaded files go and what happens to files already there.
#[derive(Debug, Clone, Args)]
pub struct SaveArgs {
    /// Folder to save files in (created if missing), or `-`: the one result file's bytes on stdout [default: the current folder]
    #[arg(short = 'o', long = "output-dir", value_name = "DIR")]
    pub output_dir: Option<PathBuf>,

    /// Replace files that already exist
    #[arg(long, conflicts_with = "skip_existing")]
    pub overwrite: bool,

    /// Keep files that already exist and skip their download
    #[arg(long)]
    pub skip_existing: bool,
}

/// How to wait for runs: the flags `run`, `app-run` and `runs wait` share.
#[derive(Debug, Clone, Copy, Args)]
pub struct WaitArgs {
    /// Wait for the run but do not download its files
    #[arg(long)]
    pub no_download: bool,

    /// Stop waiting after this long (exit 7; the run goes on): 90s, 10m, 1h30m, 1d, or seconds
    #[arg(long, value_name = "DUR", value_parser = crate::settings::parse_duration)]
    pub timeout: Option<std::time::Duration>,

    /// What to do when a run pauses for a human review [default: prompt on a terminal, else fail]
    #[arg(long, value_enum, value_name = "MODE")]
    pub on_review: Option<OnReview>,
}

impl WaitArgs {
    /// The wait these flags ask for, its deadline counted from now. Called before anything is
    /// read, uploaded or created: nobody to answer a prompt means nothing to pay for.
    pub fn options(&self, ctx: &Context) -> Result<WaitOptions, UsageError> {
        Ok(WaitOptions {
            deadline: self.timeout.map(|t| std::time::Instant::now() + t),
            on_review: OnReview::choose(self.on_review, ctx.no_person())?,
        })
    }
}

/// Whether a run id names an agent run or an app run, when the user knows.
#[derive(Debug, Clone, Copy, Args, Default)]
pub struct KindArgs {
    /// The id is an app run (skips the guess between agent runs and app runs)
    #[arg(long)]
    pub app: bool,
}

impl KindArgs {
    /// The kind, when given.
    pub fn kind(self) -> Option<Kind> {
        self.app.then_some(Kind::App)
    }
}
