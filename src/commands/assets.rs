//! `pletor assets list|show`.

use clap::{Args, Subcommand};

use super::ListArgs;
use crate::context::Context;
use crate::error::{Exit, Failure};

/// Asset commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List assets, newest first
    List(ListCmd),
    /// Show an asset's metadata
    Show(ShowCmd),
}

/// Arguments of `assets list`.
#[derive(Debug, Args)]
pub struct ListCmd {
    /// Keep the asset uploaded with this idempotency key
    #[arg(long, value_name = "K")]
    pub external_id: Option<String>,

    #[command(flatten)]
    pub list: ListArgs,
}

/// Arguments of `assets show`.
#[derive(Debug, Args)]
pub struct ShowCmd {
    /// The asset id
    pub asset: String,
}

/// Runs an assets command.
pub async fn run(_ctx: &Context, _command: Command) -> anyhow::Result<Exit> {
    Err(Failure::new(
        Exit::Error,
        "unimplemented",
        "`assets` is not implemented yet",
    )
    .into())
}
