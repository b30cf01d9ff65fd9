//! `pletor agents list|show`.

use clap::Subcommand;

use super::catalog::{self, ListCmd, ShowCmd};
use crate::api::Kind;
use crate::context::Context;
use crate::error::Exit;

/// Agent commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List agents
    #[command(
        after_help = "Examples:\n  pletor agents list --tag social_media\n  pletor agents list --all --json --jq '.[].name'"
    )]
    List(ListCmd),
    /// Show an agent: its inputs (the keys for `-i`), outputs and cost
    Show(ShowCmd),
}

/// Runs an agent command.
pub async fn run(ctx: &Context, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::List(args) => catalog::list(ctx, Kind::Agent, args).await,
        Command::Show(args) => catalog::show(ctx, Kind::Agent, args).await,
    }
}
