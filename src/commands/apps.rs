//! `pletor apps list|show`.

use clap::Subcommand;

use super::catalog::{self, ListCmd, ShowCmd};
use crate::api::Kind;
use crate::context::Context;
use crate::error::Exit;

/// App commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List apps
    List(ListCmd),
    /// Show an app: its inputs (the keys for `-i`), outputs and cost
    Show(ShowCmd),
}

/// Runs an app command.
pub async fn run(ctx: &Context, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::List(args) => catalog::list(ctx, Kind::App, args).await,
        Command::Show(args) => catalog::show(ctx, Kind::App, args).await,
    }
}
