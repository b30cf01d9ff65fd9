//! `pletor download ASSET...` and `pletor download --run RUN`.

use clap::Args as ClapArgs;
use serde_json::{Value, json};

use super::{KindArgs, SaveArgs};
use crate::context::Context;
use crate::error::Exit;
use crate::output::clean_line;
use crate::transfer::{self, Existing, Saved};
use crate::workflow::next::{self, Next};

/// Arguments of `download`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Files are written as NAME.part, verified, then renamed; an interrupted download \
resumes when the command is run again.\n\n\
Examples:\n  pletor download ASSET -o out/\n  pletor download --run RUN -o out/ --skip-existing"
)]
pub struct Args {
    /// The asset ids
    #[arg(
        value_name = "ASSET",
        required_unless_present = "run",
        conflicts_with = "run",
        add = clap_complete::ArgValueCompleter::new(crate::commands::complete::asset_ids)
    )]
    pub assets: Vec<String>,

    /// Download every result asset of this run (an agent run or an app run; its id or first 8+ hex digits)
    #[arg(long, value_name = "RUN", add = clap_complete::ArgValueCompleter::new(crate::commands::complete::run_ids))]
    pub run: Option<String>,

    #[command(flatten)]
    pub save: SaveArgs,

    /// Files downloaded at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = transfer::parse_concurrency)]
    pub concurrency: usize,

    #[command(flatten)]
    pub kind: KindArgs,
}

/// Downloads the assets (or a run's result assets) into the output folder; prints the paths,
/// one per line, or `{"files": [...]}` with `--json`.
pub async fn run(ctx: &Context, args: Args) -> anyhow::Result<Exit> {
    // Checked before the folder is made: a typo leaves nothing behind.
    let given: Vec<String> = args
        .assets
        .iter()
        .map(|text| crate::workflow::ids::asset(text, text))
        .collect::<Result<_, _>>()?;
    if crate::workflow::to_stdout::wanted(args.save.output_dir.as_deref()) {
        crate::workflow::to_stdout::check(ctx)?;
        let ids = match &args.run {
            Some(run_id) => run_assets(ctx, run_id, args.kind).await?,
            None => given,
        };
        let what = match &args.run {
            Some(run) => format!("run {}", clean_line(run)),
            None => "the command line".to_string(),
        };
        crate::workflow::to_stdout::write_assets(ctx, &what, &ids).await?;
        return Ok(Exit::Success);
    }
    let dir = transfer::prepare_output_dir(args.save.output_dir.as_deref())?;
    let ids = match &args.run {
        Some(run_id) => run_assets(ctx, run_id, args.kind).await?,
        None => given,
    };
    let existing = Existing::from_flags(args.save.overwrite, args.save.skip_existing);
    ctx.set_resume_note(Some(format!(
        "unfinished files are kept as `.part` in `{}`: run the same command again to resume",
        dir.display()
    )));
    let saved = transfer::download_assets(ctx, &ids, &dir, existing, args.concurrency).await?;
    ctx.set_resume_note(None);
    report(ctx, &saved)?;
    Ok(Exit::Success)
}

/// The result assets of a run, with a note when the run has not finished or has none.
async fn run_assets(ctx: &Context, run_id: &str, kind: KindArgs) -> anyhow::Result<Vec<String>> {
    let (kind, run) = crate::workflow::ids::run(ctx, run_id, kind.kind()).await?;
    if !run.status.is_terminal() {
        ctx.out.warn(&format!(
            "the run is still {}: downloading the results it has so far (`{}` waits for the rest)",
            clean_line(run.status.as_str()),
            next::command(kind, &run.id, Next::Wait)
        ));
    }
    let ids = run.asset_ids();
    if ids.is_empty() {
        ctx.out.status(&format!(
            "run {} has no files to download",
            clean_line(&run.id)
        ));
    }
    Ok(ids)
}

fn report(ctx: &Context, saved: &[Saved]) -> anyhow::Result<()> {
    if ctx.out.is_json() {
        let files: Vec<Value> = saved.iter().map(file_json).collect();
        return ctx.out.json(&json!({ "files": files }));
    }
    for file in saved {
        if file.skipped {
            ctx.out
                .status(&format!("`{}` exists: skipped", file.path.display()));
        }
        ctx.out
            .line(&ctx.out.file_link(&file.path, crate::output::Stream::Stdout))?;
    }
    Ok(())
}

/// One saved file in `--json` output; `sha256` is null and `skipped` true for a kept file.
pub fn file_json(file: &Saved) -> Value {
    let mut value = json!({
        "asset_id": file.asset_id,
        "path": file.path.display().to_string(),
        "bytes": file.bytes,
        "sha256": if file.skipped { Value::Null } else { json!(file.sha256) },
    });
    if file.skipped {
        value["skipped"] = json!(true);
    }
    value
}
