//! Parallel, resumable, verified downloads: [`download_assets`] and the path of one asset.
//!
//! One download: fetch the asset's metadata, start the body (with `Range` when a `.part` of the
//! expected name exists), name the file (see [`super::names::choose`]), claim the name, apply the
//! existing-file rule, stream the body into `NAME.part` while hashing it, verify, rename. Every
//! asset of a call is attempted; results follow the input order, and the first failure is the
//! call's error, returned after the others finished.
//!
//! The steps with rules of their own live in their own modules:
//! - [`claims`]: final names are reserved in input order within one call;
//! - [`range`]: where a body starts, and resuming one that was cut;
//! - [`fetch`]: the loop that streams a body into its `.part` until it verifies;
//! - [`part`]: the `.part` file, its running hash and its verification;
//! - [`place`]: the existing-file rule and the final rename.

mod claims;
mod fetch;
mod part;
mod place;
mod range;

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use futures_util::{StreamExt, stream};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};

use self::claims::Claims;
use self::part::part_len;
use self::place::Target;
use super::Existing;
use super::names::{self, part_name};
use crate::api::Client;
use crate::api::assets;
use crate::api::models::Asset;
use crate::context::Context;
use crate::output::clean_line;
use crate::output::progress::Progress;

/// A file saved (or kept, with [`Existing::Skip`]).
#[derive(Debug, Clone)]
pub struct Saved {
    /// The asset the file holds: one call saves several, and callers pair files with assets by
    /// it (the review preview, `--json` output).
    pub asset_id: String,
    /// Where the file is, as output and messages print it: relative to the current folder when
    /// the folder is `.`, so it reads the way the user asked for it.
    pub path: PathBuf,
    /// Its size on disk, for reports and `--json` output.
    pub bytes: u64,
    /// Its SHA-256 in lowercase hex, as verified, so a script can check the file later; empty
    /// when `--skip-existing` kept a file without hashing it.
    pub sha256: String,
    /// True when an existing file was kept instead of written (it already held this asset, or
    /// `--skip-existing`), so reports say `skipped` rather than `saved`.
    pub skipped: bool,
}

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
        let mut opened = self.open(id, guessed_from).await?;
        let name = turn
            .claim(self.name_from(&opened.response, &meta, id))
            .await;
        let target = Target::new(self.dir, &name)?;
        if let Some(saved) = self.existing_rule(id, &meta, &target)? {
            return Ok(saved);
        }
        let have = part_len(&target.part)?;
        if have != opened.asked {
            // The server named the file otherwise than the metadata: ask again from this name's part.
            drop(opened);
            opened = self.open(id, have).await?;
        }
        let bar = self
            .progress
            .bar(meta.size.unwrap_or(0), &clean_line(&name));
        let outcome = match self.fetch(id, &meta, &target, opened, &bar).await {
            Ok(fetched) => self.place(&target, fetched, id),
            Err(err) => Err(err),
        };
        bar.finish(match &outcome {
            Ok(saved) if saved.skipped => "skipped",
            Ok(_) => "done",
            Err(_) => "failed",
        });
        outcome
    }

    /// The final name, from the response's headers and the metadata (see [`names::choose`]):
    /// it is chosen only once the body has started, because `Content-Disposition` comes with it.
    fn name_from(&self, response: &reqwest::Response, meta: &Asset, id: &str) -> String {
        let headers = response.headers();
        let disposition = headers
            .get(CONTENT_DISPOSITION)
            .and_then(|v| names::content_disposition_name(v.as_bytes()));
        let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
        names::choose(
            disposition.as_deref(),
            meta.filename.as_deref(),
            id,
            content_type.or(meta.mime_type.as_deref()),
        )
    }
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
