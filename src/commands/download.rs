//! `pletor download ASSET...` and `pletor download --run RUN`.

use clap::Args as ClapArgs;

use super::{RunKindArgs, SaveArgs};
use crate::context::Context;
use crate::error::{Exit, Failure};

/// Arguments of `download`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  pletor download ASSET -o out/\n  pletor download --run RUN -o out/ --skip-existing"
)]
pub struct Args {
    /// The asset ids
    #[arg(
        value_name = "ASSET",
        required_unless_present = "run",
        conflicts_with = "run"
    )]
    pub assets: Vec<String>,

    /// Download every result asset of this run
    #[arg(long, value_name = "RUN")]
    pub run: Option<String>,

    #[command(flatten)]
    pub save: SaveArgs,

    /// Files downloaded at once
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub concurrency: usize,

    #[command(flatten)]
    pub kind: RunKindArgs,
}

/// Downloads.
pub async fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Exit> {
    Err(Failure::new(
        Exit::Error,
        "unimplemented",
        "`download` is not implemented yet",
    )
    .into())
}
