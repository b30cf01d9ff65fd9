//! Parallel, resumable, verified downloads: [`download_assets`] and the path of one asset.
//!
//! One download: fetch the asset's metadata, start the body (a [`Download`], resumed from a
//! `.part` of the expected name when there is one), name the file (see [`names::choose`]),
//! claim the name, apply the existing-file rule, stream the body into `NAME.part` while hashing
//! it, verify, rename. Every asset of a call is attempted; results follow the input order, and
//! the first failure is the call's error, returned after the others finished.
//!
//! The bytes on the wire (`Range`, `Content-Range`, `Content-Disposition`, the retries of a cut
//! body) are the HTTP layer's; this module and the ones below it are file logic, each step with
//! rules of its own in its own module, none importing the ones that use it:
//! - [`claims`]: final names are reserved in input order within one call;
//! - [`fetch`]: the loop that streams a body into its `.part` until it verifies, resuming cuts;
//! - [`part`]: the `.part` file, its running hash and its verification;
//! - [`place`]: where a file lands, the existing-file rule and the final rename.

mod claims;
mod fetch;
mod part;
mod place;

use std::path::Path;

use anyhow::Context as _;
use futures_util::{StreamExt, stream};

use self::claims::Claims;
use self::part::part_len;
use self::place::Destination;
pub use self::place::Saved;
use crate::api::Client;
use crate::api::assets;
use crate::api::download::Download;
use crate::api::models::Asset;
use crate::context::Context;
use crate::output::clean_line;
use crate::output::progress::Progress;
use crate::transfer::local::Existing;
use crate::transfer::names::{self, part_name};

/// Downloads in parallel into `dir`: safe names, .part + verify + rename, resume, existing-file
/// rules. An id given twice is downloaded once; results follow the order of first appearance.
/// Every download is attempted; the first failure (in input order) is returned after the others
/// finished.
pub async fn download_assets(
    ctx: &Context,
    asset_ids: &[String],
    dir: &Path,
    existing: Existing,
    concurrency: usize,
) -> anyhow::Result<Vec<Saved>> {
    let mut ids: Vec<&String> = Vec::new();
    for id in asset_ids {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let job = Job {
        client: ctx.api()?,
        dir,
        existing,
        progress: ctx.out.progress(),
        claims: Claims::new(),
        max_size: ctx.settings.max_size,
    };
    let mut outcomes: Vec<(usize, anyhow::Result<Saved>)> = stream::iter(ids.iter().enumerate())
        .map(|(index, id)| {
            let job = &job;
            async move {
                (
                    index,
                    job.one(index, id)
                        .await
                        .with_context(|| format!("cannot download `{}`", clean_line(id))),
                )
            }
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await;
    outcomes.sort_by_key(|(index, _)| *index);
    collect_outcomes(
        ctx,
        outcomes.into_iter().map(|(_, outcome)| outcome).collect(),
    )
}

/// Turns the outcomes (in input order) into the call's result: all saved, or the first error.
/// On failure the files that were saved are still named on stderr, and the other errors warned
/// about, so nothing done or gone wrong is lost from view.
fn collect_outcomes(
    ctx: &Context,
    outcomes: Vec<anyhow::Result<Saved>>,
) -> anyhow::Result<Vec<Saved>> {
    let total = outcomes.len();
    let (saved, mut errors): (Vec<_>, Vec<_>) = outcomes.into_iter().partition(Result::is_ok);
    let saved: Vec<Saved> = saved.into_iter().flatten().collect();
    if errors.is_empty() {
        return Ok(saved);
    }
    for file in &saved {
        ctx.out.status(&format!("saved `{}`", file.path.display()));
    }
    let count = errors.len();
    let mut errors = errors.drain(..).filter_map(Result::err);
    let first = errors
        .next()
        .unwrap_or_else(|| anyhow::anyhow!("a download failed"));
    for err in errors {
        ctx.out.warn(&format!("{err:#}"));
    }
    if count == 1 {
        Err(first)
    } else {
        Err(first.context(format!("{count} of {total} downloads failed")))
    }
}

/// What every download of one call shares.
struct Job<'a> {
    /// Every request of the call goes through it; its retry policy also bounds the resumes.
    client: &'a Client,
    /// The output folder: every final file and `.part` must lie directly inside it.
    dir: &'a Path,
    /// What to do about a file already under a final name, before writing and at the rename.
    existing: Existing,
    /// One bar per download, and the notes about resumes and restarts printed above the bars.
    progress: Progress,
    /// Shared by every download of the call, so that assets with one name get distinct ones,
    /// in input order.
    claims: Claims,
    /// The most bytes a download whose size nothing announces may write (`--max-size`).
    max_size: u64,
}

impl Job<'_> {
    /// Downloads asset `id`, at `index` in the input, from its metadata to its final name. The
    /// turn in the naming order is taken first, so a failure anywhere before naming still lets
    /// the later downloads name theirs.
    async fn one(&self, index: usize, id: &str) -> anyhow::Result<Saved> {
        let turn = self.claims.turn(index);
        let meta = metadata(self.client, id).await?;
        let guess = names::choose(
            None,
            meta.filename.as_deref(),
            id,
            meta.mime_type.as_deref(),
        );
        let guessed_from = part_len(&self.dir.join(part_name(&guess)))?;
        let mut download = Download::open(self.client, id, guessed_from).await?;
        let name = turn.claim(name_from(&download, &meta, id)).await;
        let dest = Destination::new(self.dir, &name)?;
        if let Some(saved) = place::existing_rule(self.existing, id, &meta, &dest)? {
            return Ok(saved);
        }
        let have = part_len(&dest.part)?;
        if have != download.asked() {
            // The server named the file otherwise than the metadata: ask again from this name's
            // part, once the first answer's connection is let go.
            drop(download);
            download = Download::open(self.client, id, have).await?;
        }
        let bar = self
            .progress
            .bar(meta.size.unwrap_or(0), &clean_line(&name));
        let outcome =
            match fetch::fetch(&self.progress, &meta, &dest, download, &bar, self.max_size).await {
                Ok(verified) => place::place(self.existing, &dest, verified, id),
                Err(err) => Err(err),
            };
        bar.finish(match &outcome {
            Ok(saved) if saved.skipped => "skipped",
            Ok(_) => "done",
            Err(_) => "failed",
        });
        outcome
    }
}

/// The final name, from what the server suggests and the metadata (see [`names::choose`]): it
/// is chosen only once the body has started, because `Content-Disposition` comes with it.
fn name_from(download: &Download, meta: &Asset, id: &str) -> String {
    names::choose(
        download.suggested_name().as_deref(),
        meta.filename.as_deref(),
        id,
        download.content_type().or(meta.mime_type.as_deref()),
    )
}

/// The asset's metadata. `GET /assets/{id}` is only observed, not documented: when it answers 404 or 405 the
/// download itself decides (it names the file and says whether the asset exists), and only the
/// checks the metadata would have allowed are lost.
async fn metadata(client: &Client, id: &str) -> anyhow::Result<Asset> {
    match assets::get(client, id).await {
        Ok(meta) => Ok(meta),
        Err(err) if matches!(err.status(), Some(404 | 405)) => {
            Asset::from_value(serde_json::json!({ "id": id })).ok_or_else(|| err.into())
        }
        Err(err) => Err(err.into()),
    }
}
