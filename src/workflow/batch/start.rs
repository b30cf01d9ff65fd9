//! Starting one row without paying twice.
//!
//! A row that uploads files first looks its run up by external id: a rerun finds it and sends
//! no byte again. Otherwise its files are uploaded (each local file once per batch, see
//! [`super::plan`]; a `409` adopts an earlier upload) and the run is created (a `409` adopts the
//! earlier run). An adopted run must be this target's run with the row's inputs
//! (`workflow::reuse`), or the row fails: its external id belongs to another request.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use futures_util::future::try_join_all;
use tokio::sync::OnceCell;

use crate::api::models::{CatalogEntry, Run};
use crate::api::runs;
use crate::context::Context;
use crate::transfer;
use crate::workflow::{inputs, reuse};

use super::plan::{BatchPlan, RowPlan, SharedFile};
use crate::api::Kind;

/// The asset id of every local file, filled by whichever row uploads it first.
pub struct Uploads {
    cells: HashMap<PathBuf, (SharedFile, Arc<OnceCell<String>>)>,
    /// What checking adopted runs read (assets, local hashes), once per batch.
    evidence: reuse::Evidence,
}

impl Uploads {
    /// One empty cell per local file of the plan.
    pub fn new(plan: &BatchPlan) -> Self {
        let cells = plan
            .files
            .iter()
            .map(|(path, file)| (path.clone(), (file.clone(), Arc::default())))
            .collect();
        Self {
            cells,
            evidence: reuse::Evidence::default(),
        }
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
pub struct AgentOrApp<'a> {
    /// Agent runs or app runs: where rows' runs are created and looked up.
    pub kind: Kind,
    /// The resolved agent or app: runs are created against it, and a run found under a row's
    /// external id must be its run with the row's inputs.
    pub agent: &'a CatalogEntry,
}

/// Starts (or finds) the run of `row`.
pub async fn start(
    ctx: &Context,
    target: &AgentOrApp<'_>,
    row: &RowPlan,
    uploads: &Uploads,
) -> anyhow::Result<Run> {
    let client = ctx.api()?;
    if !row.files.is_empty()
        && let Some(run) = runs::find_by_external_id(client, target.kind, &row.external_id).await?
    {
        return ours(ctx, target, row, uploads, run).await;
    }
    let ids: HashMap<PathBuf, String> =
        try_join_all(row.files.iter().map(|path| uploads.asset_id(ctx, path)))
            .await?
            .into_iter()
            .collect();
    let body = inputs::build_body(&row.inputs, &ids)?;
    let created = runs::create(
        client,
        target.kind,
        &target.agent.id,
        &row.external_id,
        body,
    )
    .await?;
    if created.adopted {
        return ours(ctx, target, row, uploads, created.run).await;
    }
    Ok(created.run)
}

/// The run, once [`reuse::check`] finds it is what the row asks for: a row whose key names
/// another agent's run, or a run with other inputs, fails (an `error` row).
async fn ours(
    ctx: &Context,
    target: &AgentOrApp<'_>,
    row: &RowPlan,
    uploads: &Uploads,
    run: Run,
) -> anyhow::Result<Run> {
    let asked = reuse::Asked {
        kind: target.kind,
        target: target.agent,
        inputs: &row.inputs,
        files: row
            .files
            .iter()
            .filter_map(|path| uploads.cells.get(path))
            .map(|(shared, _)| (&shared.file, shared.upload_key.as_str()))
            .collect(),
    };
    let key = reuse::Key {
        named: format!(
            "row {}'s external id `{}`",
            row.number,
            crate::output::clean_line(&row.external_id)
        ),
        renew: "choose another `--batch-key`",
    };
    reuse::check(ctx, &asked, &run, &key, &uploads.evidence).await?;
    Ok(run)
}
