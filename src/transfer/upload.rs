//! Parallel uploads with one byte bar per file. The streaming, the retries that reopen the file
//! and the `409` adoption live in `api::assets::upload`; this module schedules and reports.

use std::sync::Arc;

use anyhow::Context as _;
use futures_util::{StreamExt, stream};

use super::local::LocalFile;
use crate::api::assets::{self, Upload, Uploaded};
use crate::context::Context;
use crate::output::{clean_line, progress::Bar};

/// Uploads in parallel with byte progress; one external id per file; results in input order.
/// Every upload is attempted; the first failure (in input order) is returned after the others
/// finished, with a count when several failed.
pub async fn upload_files(
    ctx: &Context,
    files: Vec<(LocalFile, String)>,
    concurrency: usize,
) -> anyhow::Result<Vec<Uploaded>> {
    let client = ctx.api()?;
    let progress = ctx.out.progress();
    let total = files.len();
    let mut outcomes: Vec<(usize, anyhow::Result<Uploaded>)> =
        stream::iter(files.into_iter().enumerate())
            .map(|(index, (file, external_id))| {
                let bar = progress.bar(file.size, &clean_line(&file.filename));
                async move { (index, upload_one(client, file, external_id, bar).await) }
            })
            .buffer_unordered(concurrency.max(1))
            .collect()
            .await;
    outcomes.sort_by_key(|(index, _)| *index);
    let mut uploaded = Vec::with_capacity(total);
    let mut errors = Vec::new();
    for (_, outcome) in outcomes {
        match outcome {
            Ok(item) => uploaded.push(item),
            Err(err) => errors.push(err),
        }
    }
    match errors.len() {
        0 => Ok(uploaded),
        1 => Err(errors.remove(0)),
        n => {
            for err in &errors[1..] {
                ctx.out.warn(&format!("{err:#}"));
            }
            Err(errors
                .remove(0)
                .context(format!("{n} of {total} uploads failed")))
        }
    }
}

async fn upload_one(
    client: &crate::api::Client,
    file: LocalFile,
    external_id: String,
    bar: Bar,
) -> anyhow::Result<Uploaded> {
    let shown = file.path.display().to_string();
    let upload = Upload {
        path: file.path,
        filename: file.filename,
        mime_type: file.mime_type,
        size: file.size,
        external_id,
    };
    let position = bar.clone();
    let outcome = assets::upload(
        client,
        &upload,
        Arc::new(move |sent| position.set_position(sent)),
    )
    .await;
    match &outcome {
        Ok(done) if done.adopted => bar.finish("already uploaded"),
        Ok(_) => bar.finish("done"),
        Err(_) => bar.finish("failed"),
    }
    outcome.with_context(|| format!("cannot upload `{shown}`"))
}

/// A fresh idempotency key for an upload that was given none.
pub fn generated_external_id() -> String {
    format!("upload-{}", uuid::Uuid::new_v4())
}
