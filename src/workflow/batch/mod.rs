//! `run AGENT --batch FILE` and `app-run APP --batch FILE`: one run per row, resumable,
//! idempotent, paced by the rate limit.
//!
//! 1. Everything is checked before the first upload or create ([`rows`], [`plan`]): the file
//!    parses, every row's keys, value shapes and files are right, the output folder is
//!    writable, the template and the batch key are sound. A bad row is exit 2 naming its line.
//! 2. Row N runs under the external id `<batch key>-<N>` ([`key`]); [`start`] adopts what an
//!    earlier invocation created, so the same command resumes a batch and never pays twice.
//! 3. At most `--concurrency` rows are in flight (starting or running). Creates wait for the
//!    `runs` budget in the client (`api::rate`); one loop polls every run in flight
//!    ([`poll`]); a finished row's files are saved while others run ([`save`]).
//! 4. Every finished row is reported at once ([`report`]); the summary comes at the end.
//! 5. With `--shard K/N` ([`shard`]) this process runs only its rows of the file, under the
//!    same numbers, external ids and paths, and its client expects N processes on the key.
//!
//! An error that concerns one row (the API refused its inputs, its run vanished, a file could
//! not be saved) ends that row with status `error`; one that concerns them all (credentials,
//! the network, the rate limit) stops the batch: the rows in flight go on on the server and the
//! same command picks them up.

mod csv;
pub mod key;
mod plan;
mod poll;
mod report;
pub mod rows;
mod save;
pub mod shard;
mod start;
pub mod status;
pub mod template;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use futures_util::stream::FuturesUnordered;
use tokio::sync::mpsc;

use crate::api::models::{CatalogEntry, Run};
use crate::context::Context;
use crate::error::{Exit, Failure, UsageError, classify};
use crate::transfer::{self, Existing};
use crate::workflow::cost;
use crate::workflow::inputs::{self, RawInput};
use crate::workflow::resolve;
use crate::workflow::review::OnReview;

use crate::api::Kind;
use plan::{BatchPlan, Names, RowPlan};
use poll::Handback;
use report::{RowOutcome, RowStatus, Scoreboard};
use save::SaveSpec;
use start::{AgentOrApp, Uploads};

/// What the command line asked for.
#[derive(Debug)]
pub struct Options {
    /// Agent runs or app runs.
    pub kind: Kind,
    /// The agent or app as typed: its id, an id prefix, its name or its slug.
    pub target: String,
    /// The batch file (`-`: stdin); its bytes give the default batch key.
    pub file: PathBuf,
    /// `-i` and `--inputs` values, shared by every row that does not set them.
    pub shared: Vec<RawInput>,
    /// Rows in flight at once, starting or running (`--concurrency`; 0 counts as 1).
    pub concurrency: usize,
    /// `--batch-key`; `None` derives one from the target's id and the file's bytes.
    pub batch_key: Option<String>,
    /// `--name-template`; `None` is [`template::DEFAULT`].
    pub name_template: Option<String>,
    /// `-o`; `None` saves under the current folder.
    pub output_dir: Option<PathBuf>,
    /// `--overwrite` / `--skip-existing`.
    pub existing: Existing,
    /// `--no-download`: no file is saved (the template is still checked).
    pub no_download: bool,
    /// `--timeout`: for the whole batch.
    pub timeout: Option<Duration>,
    /// `--on-review`; `None` is `fail`, and `prompt` is refused before anything starts.
    pub on_review: Option<OnReview>,
    /// `--dry-run`: check every row, print the plan, start nothing.
    pub dry_run: bool,
    /// `--yes`: do not ask to confirm the estimated cost.
    pub yes: bool,
    /// `--shard` (or `PLETOR_SHARD`), resolved: the rows this process runs.
    pub shard: Option<shard::Shard>,
}

/// Everything a running batch needs, checked.
struct Job {
    kind: Kind,
    target: CatalogEntry,
    /// The batch file, as given.
    source: String,
    key: String,
    /// The key was given (`--batch-key`), so naming the file alone would not find the rows.
    key_given: bool,
    plan: BatchPlan,
    save: Option<SaveSpec>,
    concurrency: usize,
    on_review: OnReview,
    deadline: Option<Instant>,
}

/// Runs a batch.
pub async fn run(ctx: &Context, options: Options) -> anyhow::Result<Exit> {
    let (dry_run, yes) = (options.dry_run, options.yes);
    let job = prepare(ctx, options).await?;
    if dry_run {
        return crate::workflow::dry_run::print(ctx, &dry_run_plan(&job));
    }
    if job.plan.rows.is_empty() {
        return shard::nothing_to_do(ctx, &job.key);
    }
    let what = crate::workflow::start::naming(job.kind, &job.target).0;
    if !cost::confirm_batch(ctx, &what, &job.target, job.plan.rows.len(), yes).await? {
        ctx.out
            .status("not started: nothing was uploaded or created");
        return Ok(Exit::Success);
    }
    let mut board = Scoreboard::new(ctx, job.plan.rows.len());
    let workers = ctx.for_workers(board.is_live())?;
    let result = drive(&workers, &job, &mut board).await;
    let finished = board.finished();
    board.close();
    if let Some(save) = &job.save {
        save::tidy(&save.dir, job.plan.rows.iter().map(|row| &row.external_id));
    }
    if let Err(err) = result {
        if classify(&err).exit == Exit::Timeout {
            return Err(err);
        }
        return Err(err.context(format!(
            "the batch stopped after {finished} of {} rows; the rows in flight go on on the server, and the same command picks them up",
            job.plan.rows.len()
        )));
    }
    // Rows waiting for a person: the inbox of this batch answers them all.
    let next_step = board.awaits_review().then(|| {
        let key = (job.key_given || job.source == "-").then_some(job.key.as_str());
        crate::workflow::next::review_batch(job.kind, &job.source, key)
    });
    if let Some(step) = &next_step {
        ctx.out.hint(&format!(
            "answer the reviews with `{step}`, then run the same command again"
        ));
    }
    if ctx.out.is_json() {
        let mut document = board.document(&job.key);
        document["next_step"] = serde_json::json!(next_step);
        ctx.out.json(&document)?;
    }
    Ok(board.exit())
}

/// Checks everything that can be checked before the first request that costs anything.
async fn prepare(ctx: &Context, options: Options) -> anyhow::Result<Job> {
    let on_review = options.on_review.unwrap_or(OnReview::Fail);
    if on_review == OnReview::Prompt {
        return Err(UsageError::new(
            "`--on-review prompt` cannot be used with `--batch`: a batch never stops to ask",
            crate::workflow::review::NO_PERSON_MODES,
        )
        .into());
    }
    let source = options.file.display().to_string();
    let file = rows::read(&options.file).await?;
    let template = template::Template::parse(
        options
            .name_template
            .as_deref()
            .unwrap_or(template::DEFAULT),
    )?;
    if let Some(key) = &options.batch_key {
        key::check(key, file.rows.len())?;
    }
    let save = if options.no_download {
        None
    } else {
        Some(SaveSpec {
            dir: transfer::prepare_output_dir(options.output_dir.as_deref())?,
            template,
            existing: options.existing,
        })
    };
    let kind = options.kind;
    let target = resolve::resolve(ctx, kind, &options.target).await?;
    let key_given = options.batch_key.is_some();
    let key = options
        .batch_key
        .unwrap_or_else(|| key::default_key(&target.id, &file.bytes));
    check_columns(&target, kind, &file.columns, &source)?;
    let mut plan = build_plan(&target, kind, options.shared, file.rows, &key, &source).await?;
    if let Some(shard) = options.shard {
        shard::select(ctx, &mut plan, shard, &source)?;
    }
    crate::workflow::preflight::assets_exist(
        ctx,
        plan.rows.iter().map(|row| {
            let place = format!("`{source}` line {} (row {}): ", row.line, row.number);
            (place, row.inputs.as_slice())
        }),
    )
    .await?;
    Ok(Job {
        kind,
        target,
        source,
        key,
        key_given,
        plan,
        save,
        concurrency: options.concurrency.max(1),
        on_review,
        deadline: options.timeout.map(|t| Instant::now() + t),
    })
}

/// The plan `--dry-run` prints for a batch: the inputs every row shares are those of the rows'
/// common `-i` values, and each row lists all of its own.
fn dry_run_plan(job: &Job) -> crate::workflow::dry_run::DryRunPlan<'_> {
    use crate::workflow::dry_run::{Batch, DryRunPlan, sorted_files};
    DryRunPlan {
        kind: job.kind,
        target: &job.target,
        inputs: &job.plan.shared,
        files: sorted_files(job.plan.files.values().map(|f| &f.file)),
        external_id: None,
        batch: Some(Batch {
            file: &job.source,
            key: &job.key,
            rows: job
                .plan
                .rows
                .iter()
                .map(|r| (r.number, r.external_id.as_str(), r.inputs.as_slice()))
                .collect(),
        }),
    }
}

/// A CSV column that names no input is the header's mistake: named at line 1, once.
fn check_columns(
    target: &CatalogEntry,
    kind: Kind,
    columns: &[String],
    source: &str,
) -> Result<(), UsageError> {
    let (what, show) = crate::workflow::start::naming(kind, target);
    for column in columns {
        inputs::check_input_key(&target.inputs, column, &what, &show).map_err(|err| {
            UsageError {
                message: format!("`{source}` line 1 (the header): {}", err.message),
                hint: Some(match err.hint {
                    Some(hint) => format!("{hint}; nothing was uploaded or created"),
                    None => "fix the header; nothing was uploaded or created".into(),
                }),
            }
        })?;
    }
    Ok(())
}

async fn build_plan(
    target: &CatalogEntry,
    kind: Kind,
    shared: Vec<RawInput>,
    rows: Vec<rows::Row>,
    key: &str,
    source: &str,
) -> anyhow::Result<BatchPlan> {
    let (what, show) = crate::workflow::start::naming(kind, target);
    let names = Names {
        source,
        what: &what,
        show: &show,
    };
    let mut shared = plan::shared(target, shared, &names)?;
    if inputs::wants_stdin(&shared) && source == "-" {
        return Err(UsageError::new(
            "stdin cannot hold both `--batch -` and an `@-` value",
            "put the text in the rows, or read the rows from a file",
        )
        .into());
    }
    if inputs::wants_stdin(&shared) {
        let text = crate::workflow::start::read_stdin().await?;
        inputs::fill_stdin(&mut shared, &text);
    }
    Ok(plan::build(target, &shared, rows, key, &names)?)
}

/// Rows uploading their files and creating their runs: each ends with its plan index and the
/// run, or why it could not start.
type Starting<'a> = FuturesUnordered<LocalBoxFuture<'a, (usize, anyhow::Result<Run>)>>;
type Saving<'a> = FuturesUnordered<LocalBoxFuture<'a, RowOutcome>>;

/// Runs the poller and the driver together; the first error stops both.
async fn drive(ctx: &Context, job: &Job, board: &mut Scoreboard<'_>) -> anyhow::Result<()> {
    let (to_poller, incoming) = mpsc::unbounded_channel();
    let (ended_tx, ended) = mpsc::unbounded_channel();
    let poller = poll::Poller {
        ctx,
        kind: job.kind,
        on_review: job.on_review,
    };
    let uploads = Uploads::new(&job.plan);
    let target = AgentOrApp {
        kind: job.kind,
        agent: &job.target,
    };
    let driver = Driver {
        ctx,
        job,
        target: &target,
        uploads: &uploads,
        queue: (0..job.plan.rows.len()).collect(),
        starting: FuturesUnordered::new(),
        saving: FuturesUnordered::new(),
        running: 0,
        stop: None,
        to_poller,
    };
    // The driver owns `to_poller`: when it ends, the channel closes and the poller ends too.
    tokio::try_join!(poller.run(incoming, ended_tx), driver.run(board, ended)).map(|_| ())
}

/// Feeds rows to the poller within the concurrency, saves the ones that end, reports.
struct Driver<'a> {
    ctx: &'a Context,
    job: &'a Job,
    target: &'a AgentOrApp<'a>,
    uploads: &'a Uploads,
    /// Rows not started yet (indices into the plan).
    queue: VecDeque<usize>,
    /// Rows uploading and creating.
    starting: Starting<'a>,
    /// Rows whose run ended, saving their files.
    saving: Saving<'a>,
    /// Rows whose run is followed by the poller.
    running: usize,
    /// Why the batch stops: no new row starts, rows being saved finish, then this is returned.
    stop: Option<anyhow::Error>,
    to_poller: mpsc::UnboundedSender<(usize, Run)>,
}

impl<'a> Driver<'a> {
    async fn run(
        mut self,
        board: &mut Scoreboard<'_>,
        mut ended: mpsc::UnboundedReceiver<(usize, Handback)>,
    ) -> anyhow::Result<()> {
        let mut ticker = tokio::time::interval(Duration::from_secs(1));
        loop {
            self.fill();
            board.set_running(self.running + self.starting.len());
            if self.saving.is_empty() {
                if let Some(err) = self.stop.take() {
                    return Err(err);
                }
                if self.starting.is_empty() && self.running == 0 {
                    return Ok(());
                }
            }
            tokio::select! {
                Some((index, started)) = self.starting.next(), if !self.starting.is_empty() => {
                    self.started(board, index, started)?;
                }
                Some((index, end)) = ended.recv() => {
                    self.running -= 1;
                    let row = &self.job.plan.rows[index];
                    self.saving.push(Box::pin(save_row(self.ctx, self.job, row, end)));
                }
                Some(outcome) = self.saving.next(), if !self.saving.is_empty() => {
                    board.finish(&outcome)?;
                }
                _ = ticker.tick() => {}
                () = until(self.job.deadline), if self.stop.is_none() => {
                    self.halt(timed_out(self.job, self.running));
                }
            }
        }
    }

    /// Starts rows while the concurrency allows (saving rows count too, so that downloads
    /// cannot pile up behind fast runs).
    fn fill(&mut self) {
        let job = self.job;
        while self.stop.is_none()
            && self.running + self.starting.len() < job.concurrency
            && self.saving.len() < job.concurrency
            && let Some(index) = self.queue.pop_front()
        {
            let (ctx, target, uploads) = (self.ctx, self.target, self.uploads);
            let row = &job.plan.rows[index];
            self.starting.push(Box::pin(async move {
                (index, start::start(ctx, target, row, uploads).await)
            }));
        }
    }

    fn started(
        &mut self,
        board: &mut Scoreboard<'_>,
        index: usize,
        started: anyhow::Result<Run>,
    ) -> anyhow::Result<()> {
        match started {
            Ok(run) => {
                self.running += 1;
                let _ = self.to_poller.send((index, run));
            }
            Err(err) if concerns_the_row(&err) => {
                board.finish(&error_row(&self.job.plan.rows[index], None, &err))?;
            }
            Err(err) => self.halt(err),
        }
        Ok(())
    }

    /// Stops the batch: rows still starting are dropped (a run they created is adopted by the
    /// next invocation), rows being saved finish first.
    fn halt(&mut self, err: anyhow::Error) {
        self.starting = FuturesUnordered::new();
        self.stop.get_or_insert(err);
    }
}

/// Sleeps until the deadline, or forever without one.
async fn until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline.into()).await,
        None => std::future::pending().await,
    }
}

fn timed_out(job: &Job, running: usize) -> anyhow::Error {
    Failure::new(
        Exit::Timeout,
        "timeout",
        format!(
            "the batch stopped at its `--timeout` with {running} rows still running on the server"
        ),
    )
    .hint(format!(
        "run the same command again to resume (batch key `{}`)",
        job.key
    ))
    .into()
}

/// Whether an error ends only this row (the API refused the row; a file or a run of this row
/// is at fault), rather than the whole batch (credentials, network, rate limit, server).
fn concerns_the_row(err: &anyhow::Error) -> bool {
    let report = classify(err);
    match report.exit {
        Exit::Usage | Exit::NotFound => true,
        Exit::Error => report
            .status
            .is_some_and(|s| (400..500).contains(&s) && !matches!(s, 408 | 429)),
        _ => false,
    }
}

/// A row that ended without completing its run.
fn error_row(row: &RowPlan, run_id: Option<String>, err: &anyhow::Error) -> RowOutcome {
    let report = classify(err);
    let mut message = report.message;
    for cause in report.causes {
        message.push_str(": ");
        message.push_str(&cause);
    }
    if let Some(hint) = report.hint {
        message.push_str(&format!(" (hint: {hint})"));
    }
    RowOutcome {
        number: row.number,
        external_id: row.external_id.clone(),
        run_id,
        status: RowStatus::Error,
        files: Vec::new(),
        texts: Vec::new(),
        error: Some(message),
    }
}

/// Turns how a run left the poller into the row's outcome, saving its files.
async fn save_row(ctx: &Context, job: &Job, row: &RowPlan, end: Handback) -> RowOutcome {
    let outcome = |run: &Run, status: RowStatus, error: Option<String>| RowOutcome {
        number: row.number,
        external_id: row.external_id.clone(),
        run_id: Some(run.id.clone()),
        status,
        files: Vec::new(),
        texts: run.texts(),
        error,
    };
    let run = match end {
        Handback::Lost(run, err) => return error_row(row, Some(run.id), &err),
        Handback::Review(run) => {
            let hint = report::review_hint(job.kind, &run.id);
            return outcome(&run, RowStatus::AwaitingReview, Some(hint));
        }
        Handback::Done(run) => run,
    };
    match RowStatus::of_run(job.kind, &run) {
        (RowStatus::Completed, _) => {}
        (RowStatus::Cancelled, why) => return outcome(&run, RowStatus::Cancelled, why),
        (_, why) => return outcome(&run, RowStatus::Failed, why),
    }
    let Some(spec) = &job.save else {
        return outcome(&run, RowStatus::Completed, None);
    };
    match save::save(ctx, spec, row.number, &row.external_id, &run).await {
        Ok(files) => RowOutcome {
            files,
            ..outcome(&run, RowStatus::Completed, None)
        },
        Err(err) => error_row(row, Some(run.id.clone()), &err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;

    fn status(code: u16) -> anyhow::Error {
        ApiError::Status {
            method: "POST".into(),
            path: "/runs/".into(),
            status: code,
            status_line: code.to_string(),
            detail: None,
        }
        .into()
    }

    #[test]
    fn refusals_of_one_row_end_the_row_and_trouble_for_all_stops_the_batch() {
        for code in [400, 404, 409, 413, 422] {
            assert!(concerns_the_row(&status(code)), "{code}");
        }
        for code in [401, 403, 408, 429, 500, 503] {
            assert!(!concerns_the_row(&status(code)), "{code}");
        }
        assert!(concerns_the_row(
            &UsageError::new("`x.png`: no such file", "h").into()
        ));
        assert!(!concerns_the_row(&anyhow::anyhow!("disk on fire")));
    }
}
