//! `pletor batch report TARGET FILE`: the JSON line the batch prints for each of its rows,
//! whichever shard ran it, so that the shards' results merge into one report without
//! collecting their stdout (`--json`: the batch's one document).

use std::path::PathBuf;

use clap::Args as ClapArgs;

use super::BatchArgs;
use crate::context::Context;
use crate::error::Exit;
use crate::workflow::batch::status::{self, Files};

/// Arguments of `batch report`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    pub batch: BatchArgs,

    /// The folder the batch saved files in (`-o` of the run); paths are reported under it [default: the current folder]
    #[arg(short = 'o', long = "output-dir", value_name = "DIR")]
    pub output_dir: Option<PathBuf>,

    /// The run's `--name-template` [default: {row}/{name}.{ext}]
    #[arg(long, value_name = "T")]
    pub name_template: Option<String>,

    /// The batch ran with `--no-download`: list no files (and look up no asset)
    #[arg(long)]
    pub no_download: bool,
}

/// Prints every row's line.
pub async fn run(ctx: &Context, args: Args) -> anyhow::Result<Exit> {
    let survey = status::survey(ctx, args.batch.options()).await?;
    let files = Files {
        output_dir: args.output_dir,
        name_template: args.name_template,
        no_download: args.no_download,
    };
    let lines = status::lines(ctx, &survey, files).await?;
    if ctx.out.is_json() {
        ctx.out.json(&survey.document(lines))?;
    } else {
        for line in &lines {
            ctx.out.json_line(line)?;
        }
    }
    Ok(survey.exit())
}
