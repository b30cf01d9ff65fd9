//! `pletor run AGENT` and `pletor app-run APP`: upload the inputs, create the run, wait,
//! handle reviews, download the results.

use std::path::{Path, PathBuf};

use clap::Args as ClapArgs;

use super::{SaveArgs, WaitArgs};
use crate::api::Kind;
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::output::Stream;
use crate::transfer::{self, Existing};
use crate::workflow::batch;
use crate::workflow::batch::shard::{self, ShardArg};
use crate::workflow::dry_run;
use crate::workflow::inputs::{self, RawInput, RawValue};
use crate::workflow::local_text;
use crate::workflow::next::{self, Next};
use crate::workflow::outcome::{self, SaveOptions};
use crate::workflow::reuse;
use crate::workflow::start;
use crate::workflow::to_stdout;

/// Arguments of `run` and `app-run`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  pletor run \"Product Shot\" -i prompt=\"a red shoe on marble\" -i product=@shoe.jpg -o out/\n  \
pletor run product-shot --inputs inputs.json --dry-run\n  pletor run AGENT --inputs inputs.json --no-wait\n  \
pletor run AGENT --batch rows.jsonl -o out/ --concurrency 8\n  \
pletor run AGENT --batch rows.jsonl -o out/ --shard 2/4    # job 2 of a 4-job CI matrix"
)]
pub struct Args {
    /// The agent (or app): its id, an id prefix (8+ hex digits), its name or its slug (product-shot)
    #[arg(add = clap_complete::ArgValueCompleter::new(crate::commands::complete::targets))]
    pub target: String,

    /// An input: KEY=text, KEY=@file, KEY=@- (stdin), KEY=asset:ID, KEY:=JSON; repeat a key for several files
    #[arg(short = 'i', long = "input", value_name = "KEY=VALUE", add = clap_complete::ArgValueCompleter::new(crate::commands::complete::input_keys))]
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

    #[command(flatten)]
    pub wait: WaitArgs,

    /// Run once per row of a JSON Lines or CSV file (`-`: stdin); the same command again resumes
    #[arg(long, value_name = "FILE", conflicts_with_all = ["no_wait", "external_id"])]
    pub batch: Option<PathBuf>,

    /// Batch: rows in flight at once (1 to 64)
    #[arg(long, value_name = "N", default_value_t = 4, requires = "batch", value_parser = crate::transfer::parse_concurrency)]
    pub concurrency: usize,

    /// Batch: the key row external ids derive from (`<K>-<row>`) [default: a hash of the target and the file]
    #[arg(long, value_name = "K", requires = "batch")]
    pub batch_key: Option<String>,

    /// Batch: file path template under -o, from {row}, {run_id}, {name}, {ext} [default: {row}/{name}.{ext}]
    #[arg(long, value_name = "T", requires = "batch")]
    pub name_template: Option<String>,

    /// Batch: run only shard K of N (rows K, K+N, …), or `auto` from the job-index variables of the CI or batch scheduler (env: PLETOR_SHARD)
    #[arg(long, value_name = "K/N", requires = "batch", value_parser = shard::parse)]
    pub shard: Option<ShardArg>,

    /// Check everything and print the plan (inputs, files, runs, estimated cost); send only GETs
    #[arg(long, conflicts_with = "no_wait")]
    pub dry_run: bool,

    /// Do not ask to confirm a batch's estimated cost on a terminal (scripts are never asked)
    #[arg(short, long)]
    pub yes: bool,
}

/// Runs `run` or `app-run`.
pub async fn run(ctx: &Context, kind: Kind, args: Args) -> anyhow::Result<Exit> {
    if let Some(file) = args.batch.clone() {
        return run_batch(ctx, kind, file, args).await;
    }
    let options = args.wait.options(ctx)?;
    let external_id = match &args.external_id {
        Some(key) => {
            inputs::check_external_id(key)?;
            key.clone()
        }
        None => uuid::Uuid::new_v4().to_string(),
    };
    let raw = raw_inputs(&args).await?;
    let prepared = start::prepare(ctx, kind, &args.target, raw).await?;
    let save = save_options(ctx, &args.save, args.no_wait || args.wait.no_download)?;
    if args.dry_run {
        if let Some(key) = &args.external_id {
            reuse::preview(ctx, kind, &prepared, key).await?;
        }
        return dry_run::print(
            ctx,
            &dry_run_plan(kind, &prepared, args.external_id.as_deref()),
        );
    }
    let given = args.external_id.as_deref();
    let created = reuse::obtain(ctx, kind, &prepared, given, &external_id).await?;
    if args.no_wait {
        return print_created(ctx, kind, &created.run, args.save.output_dir.as_deref());
    }
    let outcome = outcome::follow(ctx, kind, created.run, options, &save).await?;
    if ctx.out.is_json() {
        ctx.out.json(&outcome::envelope(&outcome))?;
    } else {
        outcome::print_lines(ctx, &outcome)?;
    }
    Ok(outcome.exit)
}

/// `--batch FILE`: one run per row (see `workflow::batch`).
async fn run_batch(ctx: &Context, kind: Kind, file: PathBuf, args: Args) -> anyhow::Result<Exit> {
    if file.as_os_str() == "-" && args.inputs_file.as_deref() == Some("-") {
        return Err(UsageError::new(
            "stdin cannot hold both `--batch -` and `--inputs -`",
            "read one of them from a file",
        )
        .into());
    }
    if to_stdout::wanted(args.save.output_dir.as_deref()) {
        return Err(UsageError::new(
            "`-o -` writes one file on stdout, and a batch makes one or more per row",
            "save a batch's files into a folder with `-o DIR`",
        )
        .into());
    }
    let shared = raw_inputs(&args).await?;
    let options = batch::Options {
        kind,
        target: args.target,
        file,
        shared,
        concurrency: args.concurrency,
        batch_key: args.batch_key,
        name_template: args.name_template,
        output_dir: args.save.output_dir,
        existing: Existing::from_flags(args.save.overwrite, args.save.skip_existing),
        no_download: args.wait.no_download,
        timeout: args.wait.timeout,
        on_review: args.wait.on_review,
        dry_run: args.dry_run,
        yes: args.yes,
        shard: shard::choose(args.shard, &|name| std::env::var(name).ok())?,
    };
    batch::run(ctx, options).await
}

/// The plan `--dry-run` prints for one run.
fn dry_run_plan<'a>(
    kind: Kind,
    prepared: &'a start::Prepared,
    external_id: Option<&'a str>,
) -> dry_run::DryRunPlan<'a> {
    dry_run::DryRunPlan {
        kind,
        target: &prepared.target,
        inputs: &prepared.plan,
        files: prepared.files.iter().collect(),
        external_id,
        batch: None,
    }
}

/// The inputs from `--inputs` (first) and `-i` (which replace the document's for the same
/// input). Parsed before any request: a typo costs nothing.
async fn raw_inputs(args: &Args) -> anyhow::Result<Vec<RawInput>> {
    let flags: Vec<RawInput> = args
        .inputs
        .iter()
        .map(|a| inputs::parse_flag(a))
        .collect::<Result<_, _>>()?;
    let Some(source) = &args.inputs_file else {
        return Ok(flags);
    };
    let what = format!("`--inputs {source}`");
    let limit = local_text::Capped {
        what: &what,
        cap: local_text::DOCUMENT_CAP,
        hint: "an inputs document holds values and `@FILE` paths, not the files themselves",
    };
    let text = if source == "-" {
        local_text::stdin_text(limit).await?
    } else {
        local_text::file_text(Path::new(source), limit, "check the path").await?
    };
    let mut raw = inputs::parse_inputs_doc(&text, source)?;
    raw.extend(flags);
    if source == "-" && raw.iter().any(|r| r.value == RawValue::Stdin) {
        return Err(UsageError::new(
            "stdin cannot hold both `--inputs -` and an `@-` value",
            "put the text in the `--inputs` document, or read the document from a file",
        )
        .into());
    }
    Ok(raw)
}

/// Checks the output folder (or that stdout can take `-o -`) before anything is paid for;
/// `skip`: no download will happen.
pub(crate) fn save_options(
    ctx: &Context,
    save: &SaveArgs,
    skip: bool,
) -> anyhow::Result<SaveOptions> {
    let stdout = to_stdout::wanted(save.output_dir.as_deref());
    let dir = match (skip, stdout) {
        (true, _) => None,
        (false, true) => {
            to_stdout::check(ctx)?;
            Some(PathBuf::from("-"))
        }
        (false, false) => Some(transfer::prepare_output_dir(save.output_dir.as_deref())?),
    };
    Ok(SaveOptions {
        dir,
        existing: Existing::from_flags(save.overwrite, save.skip_existing),
        stdout,
    })
}

/// `--no-wait`: the run's id (or object). Nothing is downloaded, so a `-o DIR` given with it
/// is carried into the command that fetches the results, and said so.
fn print_created(
    ctx: &Context,
    kind: Kind,
    run: &crate::api::models::Run,
    output_dir: Option<&std::path::Path>,
) -> anyhow::Result<Exit> {
    let output =
        output_dir.map(|dir| format!(" -o {}", next::shell_word(&dir.display().to_string())));
    if output.is_some() {
        ctx.out
            .status("`-o` applies when the results are fetched: `--no-wait` downloads nothing now");
    }
    if ctx.out.is_json() {
        ctx.out.json(&run.raw)?;
    } else {
        ctx.out
            .line(&next::run_link(ctx, kind, &run.id, Stream::Stdout))?;
        ctx.out.hint(&format!(
            "wait for it with `{}{}`",
            next::command(kind, &run.id, Next::Wait),
            output.unwrap_or_default()
        ));
    }
    Ok(Exit::Success)
}
