//! Starting one row without paying twice.
//!
//! A row that uploads files first looks its run up by external id: a rerun finds it and sends
//! no byte again. Otherwise its files are uploaded (each local file once per batch, see
//! [`super::plan`]; a `409` adopts an earlier upload) and the run is created (a `409` adopts the
//! earlier run). An adopted run must be one of this target's, or the row fails: its external id
//! belongs to something else.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use futures_util::future::try_join_all;
use tokio::sync::OnceCell;

use crate::api::models::Run;
use crate::api::runs::{self, RunKind};
use crate::context::Context;
use crate::error::UsageError;
use crate::transfer;
use crate::workflow::inputs;

use super::plan::{Plan, RowPlan, SharedFile};

/// The asset id of every local file, filled by whichever row uploads it first.
pub struct Uploads {
    cells: HashMap<PathBuf, (SharedFile, Arc<OnceCell<String>>)>,
}

impl Uploads {
    /// One empty cell per local file of the plan.
    pub fn new(plan: &Plan) -> Self {
        let cells = plan
            .files
            .iter()
            .map(|(path, file)| (path.clone(), (file.clone(), Arc::default())))
            .collect();
        Self { cells }
    }

    /// The asset id of `path`, uploading it if no row has yet.
    async fn asset_id(&self, ctx: &Context, path: &PathBuf) -> anyhow::Result<(PathBuf, String)> {
        let Some((shared, cell)) = self.cells.get(path) else {
            anyhow::bail!(
                "`{}` was not checked before the batch started",
                path.display()
            );
        };
        let id = cell
            .get_or_try_init(|| async {
                let keyed = vec![(shared.file.clone(), shared.upload_key.clone())];
                let mut uploaded = transfer::upload_files(ctx, keyed, 1).await?;
                anyhow::Ok(uploaded.remove(0).asset.id)
            })
            .await?;
        Ok((path.clone(), id.clone()))
    }
}

/// What is run, and how.
pub struct Target<'a> {
    /// Agent runs or app runs: where rows' runs are created and looked up.
    pub kind: RunKind,
    /// The resolved agent or app id: runs are created against it, and a run found under a
    /// row's external id must name it.
    pub id: &'a str,
}

/// Starts (or finds) the run of `row`.
pub async fn start(
    ctx: &Context,
    target: &Target<'_>,
    row: &RowPlan,
    uploads: &Uploads,
) -> anyhow::Result<Run> {
    let client = ctx.api()?;
    if !row.files.is_empty()
        && let Some(run) = runs::find_by_external_id(client, target.kind, &row.external_id).await?
    {
        return ours(target, row, run);
    }
    let ids: HashMap<PathBuf, String> =
        try_join_all(row.files.iter().map(|path| uploads.asset_id(ctx, path)))
            .await?
            .into_iter()
            .collect();
    let body = inputs::build_body(&row.inputs, &ids)?;
    let created = runs::create(client, target.kind, target.id, &row.external_id, body).await?;
    ours(target, row, created.run)
}

/// The run, if it belongs to this target.
fn ours(target: &Target<'_>, row: &RowPlan, run: Run) -> anyhow::Result<Run> {
    let field = target.kind.target_field();
    match run.raw.get(field).and_then(serde_json::Value::as_str) {
        Some(other) if other != target.id => Err(UsageError::new(
            format!(
                "the external id `{}` already names run {} of another {} ({})",
                row.external_id,
                crate::output::clean_line(&run.id),
                field.trim_end_matches("_id"),
                crate::output::clean_line(other)
            ),
            "choose another `--batch-key`",
        )
        .into()),
        _ => Ok(run),
    }
}
