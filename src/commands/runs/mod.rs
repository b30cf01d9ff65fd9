//! `pletor runs list|show|wait|watch|cancel`: runs started here or elsewhere, agent or app runs.
//! One file per verb; `show`, `wait`, `watch` and `cancel` accept an agent-run or an app-run id.

mod cancel;
mod list;
mod show;
mod wait;
mod watch;

use clap::{Args, Subcommand};

use super::{KindArgs, ListArgs, SaveArgs};
use crate::commands::WaitArgs;
use crate::context::Context;
use crate::error::Exit;

/// Runs commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List runs, newest first (sorted by created_at, whatever order the server answers in)
    List(ListCmd),
    /// Show a run: status, agent or app and inputs by name, results, pending reviews, error
    Show(ShowCmd),
    /// Wait for runs to end, handle reviews, download their results
    Wait(WaitCmd),
    /// Watch runs live: status, agent, elapsed time and pending reviews
    #[command(
        after_help = "Examples:\n  pletor runs watch                          # the runs of this key not yet ended, new ones too\n  \
pletor runs watch RUN RUN2 --exit-status   # until they end; exit code as `runs wait`\n\n\
On a terminal the view is redrawn in place; elsewhere one line per change goes to stdout\n\
(ID STATUS ELAPSED REVIEWS AGENT), and --json prints the runs' last states at the end.\n\
Without run ids the watch goes on until Ctrl-C; with ids it ends when they have ended.\n\
--exit-status also ends at a run that waits for a review (exit 10, as `runs wait` without a\n\
terminal); the other codes: 0 completed, 3 failed, 8 cancelled, the worst one wins."
    )]
    Watch(WatchCmd),
    /// Cancel a run
    #[command(
        after_help = "Examples:\n  pletor runs cancel RUN\n  pletor runs cancel RUN --yes    # in scripts"
    )]
    Cancel(CancelCmd),
}

/// Arguments of `runs list`.
#[derive(Debug, Args)]
pub struct ListCmd {
    /// Keep runs in this state (awaiting_review: runs that wait for a person)
    #[arg(long, value_name = "S", value_parser = StatusFilter)]
    pub status: Option<String>,

    /// Keep the run created with this idempotency key
    #[arg(long, value_name = "K")]
    pub external_id: Option<String>,

    /// List app runs instead of agent runs
    #[arg(long)]
    pub app: bool,

    /// Keep runs of this agent: its id, an id prefix (8+ hex), its name or its slug
    #[arg(long, value_name = "AGENT", conflicts_with = "app")]
    pub agent: Option<String>,

    /// Keep runs created since then: a duration back from now (90m, 2h, 7d) or a date (2026-01-15, 2026-01-15T10:00:00Z)
    #[arg(long, value_name = "DUR|DATE", value_parser = crate::workflow::listing::parse_since)]
    pub since: Option<jiff::Timestamp>,

    #[command(flatten)]
    pub list: ListArgs,
}

/// The states `runs list --status` takes, as the API spells them: the one place to add one.
pub const STATUS_FILTERS: &[&str] = &[
    "pending",
    "running",
    "awaiting_review",
    "completed",
    "failed",
    "cancelled",
];

/// Parses `--status`: one of [`STATUS_FILTERS`] in any case (`canceled` too), else exit 2 with
/// the closest one ("did you mean `completed`?") and the whole list. The values show in help and
/// completions.
#[derive(Debug, Clone, Copy)]
pub struct StatusFilter;

impl clap::builder::TypedValueParser for StatusFilter {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let text = value.to_string_lossy();
        let wanted = text.trim().to_ascii_lowercase();
        if wanted == "canceled" {
            return Ok("cancelled".to_string());
        }
        if STATUS_FILTERS.contains(&wanted.as_str()) {
            return Ok(wanted);
        }
        let closest = STATUS_FILTERS
            .iter()
            .map(|status| (strsim::levenshtein(status, &wanted), *status))
            .min()
            .filter(|(distance, _)| *distance <= 3)
            .map(|(_, status)| format!("did you mean `{status}`? "))
            .unwrap_or_default();
        let name = arg.map_or_else(|| "--status".to_string(), ToString::to_string);
        let message = format!(
            "`{}` is not a run status for `{name}`; {closest}the statuses are {}\n",
            crate::output::clean_line(&text),
            STATUS_FILTERS.join(", ")
        );
        Err(clap::Error::raw(clap::error::ErrorKind::InvalidValue, message).with_cmd(cmd))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            STATUS_FILTERS
                .iter()
                .map(|status| clap::builder::PossibleValue::new(*status)),
        ))
    }
}

/// Arguments of `runs show`.
#[derive(Debug, Args)]
pub struct ShowCmd {
    /// The run id, or its first 8+ hex digits
    #[arg(add = clap_complete::ArgValueCompleter::new(crate::commands::complete::run_ids))]
    pub run: String,

    #[command(flatten)]
    pub kind: KindArgs,
}

/// Arguments of `runs wait`.
#[derive(Debug, Args)]
pub struct WaitCmd {
    /// The run ids, or their first 8+ hex digits
    #[arg(required = true, add = clap_complete::ArgValueCompleter::new(crate::commands::complete::run_ids))]
    pub runs: Vec<String>,

    #[command(flatten)]
    pub save: SaveArgs,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub kind: KindArgs,
}

/// Arguments of `runs watch`.
#[derive(Debug, Args)]
pub struct WatchCmd {
    /// The run ids, or their first 8+ hex digits [default: the runs of this key not yet ended]
    #[arg(add = clap_complete::ArgValueCompleter::new(crate::commands::complete::run_ids))]
    pub runs: Vec<String>,

    /// End when the runs have ended (or wait for a review), with `runs wait`'s exit code
    #[arg(long)]
    pub exit_status: bool,

    #[command(flatten)]
    pub kind: KindArgs,
}

/// Arguments of `runs cancel`.
#[derive(Debug, Args)]
pub struct CancelCmd {
    /// The run id, or its first 8+ hex digits
    #[arg(add = clap_complete::ArgValueCompleter::new(crate::commands::complete::run_ids))]
    pub run: String,

    /// Do not ask for confirmation
    #[arg(short, long)]
    pub yes: bool,

    #[command(flatten)]
    pub kind: KindArgs,
}

/// Runs a runs command.
pub async fn run(ctx: &Context, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::List(cmd) => list::run(ctx, cmd).await,
        Command::Show(cmd) => show::run(ctx, cmd).await,
        Command::Wait(cmd) => wait::run(ctx, cmd).await,
        Command::Watch(cmd) => watch::run(ctx, cmd).await,
        Command::Cancel(cmd) => cancel::run(ctx, cmd).await,
    }
}
