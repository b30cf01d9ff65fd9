//! What the API knows of every row of a batch, whichever process (shard) ran it:
//! `pletor batch status` and `pletor batch report`.
//!
//! The rows are the batch file's, numbered as the run numbers them, and the batch key is the
//! run's (`--batch-key`, or the hash of the target id and the file's bytes), so row N's run is
//! the one with the external id `<key>-<N>`. Nothing is created or changed.
//!
//! Finding the runs: the API's `external_id` filter matches one id per request, so instead the runs
//! are read from the listing, 100 per page, newest first (a batch's runs are usually among the
//! newest), which answers many rows per request; the listing stops once every row is found, or when
//! it ends (the rows still missing were never started: no more request is needed). When the pages
//! read reach the number of rows still missing, looking those few up one by one costs fewer
//! requests than reading on: so a survey costs at most about twice the smaller of the row count and
//! the listing's page count.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use futures_util::{StreamExt, TryStreamExt, stream};
use serde_json::{Value, json};

use crate::api::models::{CatalogEntry, Run};
use crate::api::runs;
use crate::api::{Client, spec};
use crate::context::Context;
use crate::error::Exit;
use crate::output::clean_line;
use crate::transfer::Saved;
use crate::workflow::next::{self, Next};

pub use super::report::RowStatus;
use super::report::{self, RowOutcome};
use super::save::{self, SaveSpec};
use super::{key, rows, template};
use crate::api::Kind;

/// Lookups by external id sent at once, for the rows the listing did not find.
const LOOKUPS: usize = 8;

/// Rows whose files are looked up at once by [`lines`].
const ROWS_AT_ONCE: usize = 8;

/// Which batch to survey: the same target, file and key rules as the run.
#[derive(Debug)]
pub struct Options {
    /// Agent runs or app runs (`--app`): which listing holds the rows' runs.
    pub kind: Kind,
    /// The agent or app: its id, an id prefix, its name or its slug, as the run takes it.
    pub target: String,
    /// The batch file the run was given (`-`: stdin): its rows, and its bytes for the key.
    pub file: PathBuf,
    /// `--batch-key` as the run was given it; `None` derives the key as the run did.
    pub batch_key: Option<String>,
}

/// Every row of a batch, as the API sees it.
#[derive(Debug)]
pub struct Survey {
    /// The key the rows' external ids derive from, given or derived; `--json` reports it.
    pub batch_key: String,
    /// The rows, in file order.
    pub rows: Vec<RowState>,
}

/// One row of the batch file, and what the API knows of it.
#[derive(Debug)]
pub struct RowState {
    /// The row's number in the file (1-based), as the run numbered it.
    pub number: usize,
    /// `<batch key>-<number>`: the id its run is looked up by.
    pub external_id: String,
    /// Its run; `None` when no run has its external id (the row never started).
    pub run: Option<Run>,
    /// Where it stands, from its run's state (`NotStarted` without a run).
    pub status: RowStatus,
    /// Why it did not complete, when it did not.
    pub error: Option<String>,
}

/// Reads the batch file and finds every row's run.
pub async fn survey(ctx: &Context, options: Options) -> anyhow::Result<Survey> {
    let file = rows::read(&options.file).await?;
    if let Some(key) = &options.batch_key {
        key::check(key, file.rows.len())?;
    }
    let kind = options.kind;
    let target = crate::workflow::resolve::resolve(ctx, kind, &options.target).await?;
    let client = ctx.api()?;
    let batch_key = options
        .batch_key
        .unwrap_or_else(|| key::default_key(&target.id, &file.bytes));
    let wanted: Vec<(usize, String)> = file
        .rows
        .iter()
        .map(|row| (row.number, key::external_id(&batch_key, row.number)))
        .collect();
    let mut found = find_runs(client, options.kind, &wanted).await?;
    let rows = wanted
        .into_iter()
        .map(|(number, external_id)| {
            let run = found.remove(&external_id);
            let (status, error) = standing(options.kind, &target, run.as_ref());
            RowState {
                number,
                external_id,
                run,
                status,
                error,
            }
        })
        .collect();
    Ok(Survey { batch_key, rows })
}

/// Where a row stands with `run` (or none), and what to say about it.
fn standing(kind: Kind, target: &CatalogEntry, run: Option<&Run>) -> (RowStatus, Option<String>) {
    let Some(run) = run else {
        return (RowStatus::NotStarted, Some("not started yet".into()));
    };
    let field = kind.target_field();
    match run.raw.get(field).and_then(Value::as_str) {
        Some(other) if other != target.id => (
            RowStatus::Error,
            Some(format!(
                "its external id names run {} of another {} ({})",
                clean_line(&run.id),
                field.trim_end_matches("_id"),
                clean_line(other)
            )),
        ),
        _ => match RowStatus::of_run(kind, run) {
            (RowStatus::Running, _) => {
                let follow = next::command(kind, &run.id, Next::Wait);
                (
                    RowStatus::Running,
                    Some(format!("still running: `{follow}` follows it")),
                )
            }
            other => other,
        },
    }
}

/// The runs of `wanted` (row, external id) that exist, by external id: from the listing while
/// it is the cheaper way, then one lookup per row left.
async fn find_runs(
    client: &Client,
    kind: Kind,
    wanted: &[(usize, String)],
) -> anyhow::Result<HashMap<String, Run>> {
    let ids: HashMap<&str, usize> = wanted.iter().map(|(n, id)| (id.as_str(), *n)).collect();
    let mut found: HashMap<String, Run> = HashMap::new();
    let mut listing = runs::listing(kind);
    let mut pages = 0;
    while found.len() < ids.len() && pages < ids.len() - found.len() {
        let Some(page) = listing.next(client, spec::PAGE_MAX).await? else {
            return Ok(found);
        };
        pages += 1;
        for run in page.into_iter().filter_map(Run::from_value) {
            if let Some(id) = run.external_id.clone()
                && ids.contains_key(id.as_str())
            {
                found.entry(id).or_insert(run);
            }
        }
        if listing.finished() {
            return Ok(found);
        }
    }
    let missing: Vec<&str> = ids
        .keys()
        .copied()
        .filter(|id| !found.contains_key(*id))
        .collect();
    let looked_up: Vec<Option<Run>> = stream::iter(missing)
        .map(|id| runs::find_by_external_id(client, kind, id))
        .buffer_unordered(LOOKUPS)
        .try_collect()
        .await?;
    for run in looked_up.into_iter().flatten() {
        if let Some(id) = run.external_id.clone() {
            found.insert(id, run);
        }
    }
    Ok(found)
}

impl Survey {
    /// How many rows stand in each state.
    pub fn counts(&self) -> BTreeMap<RowStatus, usize> {
        let mut counts = BTreeMap::new();
        for row in &self.rows {
            *counts.entry(row.status).or_default() += 1;
        }
        counts
    }

    /// The exit code: 0 when every row completed, else the batch's (see [`report::verdict`]).
    pub fn exit(&self) -> Exit {
        report::verdict(&self.counts())
    }

    /// `{"batch_key", "rows", "counts"}`, each row given by `line`.
    pub fn document(&self, rows: Vec<Value>) -> Value {
        let counts: serde_json::Map<String, Value> = self
            .counts()
            .into_iter()
            .map(|(status, n)| (status.as_str().to_string(), json!(n)))
            .collect();
        json!({ "batch_key": self.batch_key, "rows": rows, "counts": counts })
    }
}

impl RowState {
    /// The row as `batch status --json` lists it: the run's own status too.
    pub fn json(&self) -> Value {
        json!({
            "row": self.number,
            "external_id": self.external_id,
            "run_id": self.run.as_ref().map(|run| run.id.clone()),
            "status": self.status.as_str(),
            "run_status": self.run.as_ref().and_then(|run| run.raw.get("status").cloned()),
            "error": self.error,
        })
    }
}

/// Where `batch report` says the files are: the run's `-o`, `--name-template` and
/// `--no-download`.
#[derive(Debug)]
pub struct Files {
    /// `-o` (default: the current folder).
    pub output_dir: Option<PathBuf>,
    /// `--name-template` as the run was given it; `None` is [`template::DEFAULT`].
    pub name_template: Option<String>,
    /// `--no-download`: the batch saved no file, so the lines list none.
    pub no_download: bool,
}

/// The line the batch prints for each row (see [`super::report`]), in row order: a completed
/// row lists its files where the batch saves them (from the assets' metadata; nothing is
/// downloaded and the disk is not read).
pub async fn lines(ctx: &Context, survey: &Survey, files: Files) -> anyhow::Result<Vec<Value>> {
    let template =
        template::Template::parse(files.name_template.as_deref().unwrap_or(template::DEFAULT))?;
    let spec = (!files.no_download).then(|| SaveSpec {
        dir: files.output_dir.unwrap_or_else(|| PathBuf::from(".")),
        template,
        existing: crate::transfer::Existing::Fail,
    });
    stream::iter(&survey.rows)
        .map(|row| line(ctx, spec.as_ref(), row))
        .buffered(ROWS_AT_ONCE)
        .try_collect()
        .await
}

async fn line(ctx: &Context, spec: Option<&SaveSpec>, row: &RowState) -> anyhow::Result<Value> {
    let mut files: Vec<Saved> = Vec::new();
    if let (Some(spec), Some(run), RowStatus::Completed) = (spec, &row.run, row.status) {
        files = save::placed(ctx, spec, row.number, run).await?;
    }
    let outcome = RowOutcome {
        number: row.number,
        external_id: row.external_id.clone(),
        run_id: row.run.as_ref().map(|run| run.id.clone()),
        status: row.status,
        files,
        texts: row.run.as_ref().map(Run::texts).unwrap_or_default(),
        error: row.error.clone(),
    };
    Ok(outcome.json())
}
