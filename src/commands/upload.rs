//! `pletor upload FILE...`: streaming, parallel, idempotent uploads.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use crate::context::Context;
use crate::error::{Exit, Failure};

/// Arguments of `upload`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  pletor upload shoe.jpg\n  pletor upload *.png --json --jq '.[].id'"
)]
pub struct Args {
    /// The files to upload
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Idempotency key (one file only): uploading again with it adopts the first upload
    #[arg(long, value_name = "K")]
    pub external_id: Option<String>,

    /// Files uploaded at once
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub concurrency: usize,
}

/// Uploads the files.
pub async fn run(_ctx: &Context, _args: Args) -> anyhow::Result<Exit> {
    Err(Failure::new(
        Exit::Error,
        "unimplemented",
        "`upload` is not implemented yet",
    )
    .into())
}
