//! Putting a completed row's files where the name template says, once.
//!
//! For each result asset: its metadata names the file (the download sanitizer's choice), the
//! template places it under `-o` (two files of one row with the same path get ` (1)`, ` (2)`, …
//! in result order). A file already there counts as downloaded when its size (and SHA-256,
//! when the API gives one) match the asset: that is how a rerun skips finished rows. Otherwise
//! `--overwrite` replaces it, `--skip-existing` keeps it, and by default the row fails rather
//! than clobber a different file.
//!
//! Bytes go through the transfer engine (`.part`, verify, resume) into a staging folder
//! `-o/.pletor-batch/<external id>/<n>/` (so two assets named alike never meet), then move to
//! their place without replacing anything that appeared meanwhile. A cut download stays in the
//! staging folder and resumes on the next run.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use futures_util::{StreamExt, stream};

use crate::api::assets;
use crate::api::models::{Asset, Run};
use crate::context::Context;
use crate::error::UsageError;
use crate::transfer::{self, Existing, Saved, names};

use super::template::{self, Fill, Template};

/// Files downloaded at once within a row; rows in flight (`--concurrency`) multiply it.
const ROW_DOWNLOADS: usize = 4;

/// The hidden folder under `-o` where downloads land before they move into place.
pub const STAGING: &str = ".pletor-batch";

/// Where and how a batch saves files.
#[derive(Debug)]
pub struct SaveSpec {
    /// The output folder (`-o`), created and proven writable.
    pub dir: PathBuf,
    /// `--name-template`, parsed: places each file under `dir`.
    pub template: Template,
    /// What to do with a different file already in place.
    pub existing: Existing,
}

/// One file to place.
struct Placement {
    index: usize,
    asset: Asset,
    relative: PathBuf,
}

/// Saves the result files of `run`, the run of row `row` with external id `external_id`.
pub async fn save(
    ctx: &Context,
    spec: &SaveSpec,
    row: usize,
    external_id: &str,
    run: &Run,
) -> anyhow::Result<Vec<Saved>> {
    let placements = placements(ctx, spec, row, run).await?;
    let staging = spec
        .dir
        .join(STAGING)
        .join(names::safe_name(external_id).unwrap_or_else(|| "row".into()));
    let mut saved: Vec<(usize, anyhow::Result<Saved>)> = stream::iter(placements)
        .map(|placement| {
            let staging = staging.join(placement.index.to_string());
            async move {
                let index = placement.index;
                (index, save_one(ctx, spec, placement, &staging).await)
            }
        })
        .buffer_unordered(ROW_DOWNLOADS)
        .collect()
        .await;
    saved.sort_by_key(|(index, _)| *index);
    let saved = saved
        .into_iter()
        .map(|(_, result)| result)
        .collect::<anyhow::Result<Vec<Saved>>>()?;
    let _ = std::fs::remove_dir(&staging);
    Ok(saved)
}

/// Where the batch saves (or saved) the result files of `run`, as the row's line lists them,
/// without downloading anything (`batch report`): the size is the asset's.
pub async fn placed(
    ctx: &Context,
    spec: &SaveSpec,
    row: usize,
    run: &Run,
) -> anyhow::Result<Vec<Saved>> {
    let placements = placements(ctx, spec, row, run).await?;
    Ok(placements
        .into_iter()
        .map(|placement| Saved {
            path: shown(&spec.dir, &placement.relative),
            bytes: placement.asset.size.unwrap_or(0),
            sha256: placement.asset.sha256.clone().unwrap_or_default(),
            asset_id: placement.asset.id,
            skipped: false,
        })
        .collect())
}

/// Every result asset of `run` with its place under `-o`.
async fn placements(
    ctx: &Context,
    spec: &SaveSpec,
    row: usize,
    run: &Run,
) -> anyhow::Result<Vec<Placement>> {
    let client = ctx.api()?;
    let ids = run.asset_ids();
    let metas =
        futures_util::future::try_join_all(ids.iter().map(|id| metadata(client, id))).await?;
    Ok(place(&spec.template, row, &run.id, metas))
}

/// The asset's metadata. `GET /assets/{id}` is only observed, not documented: when it answers 404 or 405 the
/// file is named after the asset id, and a file already in place is taken for it on trust.
async fn metadata(client: &crate::api::Client, id: &str) -> anyhow::Result<Asset> {
    match assets::get(client, id).await {
        Ok(meta) => Ok(meta),
        Err(err) if matches!(err.status(), Some(404 | 405)) => {
            Asset::from_value(serde_json::json!({ "id": id })).ok_or_else(|| err.into())
        }
        Err(err) => Err(err.into()),
    }
}

/// Where each asset goes, relative to `-o`, with repeats numbered in result order.
fn place(template: &Template, row: usize, run_id: &str, metas: Vec<Asset>) -> Vec<Placement> {
    let mut taken: Vec<String> = Vec::new();
    let mut placements = Vec::with_capacity(metas.len());
    for (index, asset) in metas.into_iter().enumerate() {
        let file = names::choose(
            None,
            asset.filename.as_deref(),
            &asset.id,
            asset.mime_type.as_deref(),
        );
        let (name, ext) = template::split_name(&file);
        let first = template.render(Fill {
            row,
            run_id,
            name,
            ext,
        });
        let mut relative = first.clone();
        let mut n = 0;
        while taken.contains(&relative.to_string_lossy().to_lowercase()) {
            n += 1;
            let last = first
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            relative = first.with_file_name(names::numbered(&last, n));
        }
        taken.push(relative.to_string_lossy().to_lowercase());
        placements.push(Placement {
            index,
            asset,
            relative,
        });
    }
    placements
}

async fn save_one(
    ctx: &Context,
    spec: &SaveSpec,
    placement: Placement,
    staging: &Path,
) -> anyhow::Result<Saved> {
    let target = spec.dir.join(&placement.relative);
    let shown = shown(&spec.dir, &placement.relative);
    let asset = &placement.asset;
    if let Some(kept) = already_there(spec.existing, asset, &target, &shown)? {
        return Ok(kept);
    }
    let parent = target.parent().unwrap_or(&spec.dir);
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create the folder `{}`", parent.display()))?;
    check_inside(&spec.dir, parent)?;
    std::fs::create_dir_all(staging)
        .with_context(|| format!("cannot create the folder `{}`", staging.display()))?;
    let mut staged = transfer::download_assets(
        ctx,
        std::slice::from_ref(&asset.id),
        staging,
        Existing::Overwrite,
        1,
    )
    .await?;
    let staged = staged.remove(0);
    move_into_place(&staged.path, &target, spec.existing, &shown)?;
    let _ = std::fs::remove_dir(staging);
    Ok(Saved {
        path: shown,
        ..staged
    })
}

/// `Some` when the file in place is kept: it is the asset already, or `--skip-existing`.
fn already_there(
    existing: Existing,
    asset: &Asset,
    target: &Path,
    shown: &Path,
) -> anyhow::Result<Option<Saved>> {
    let Ok(found) = std::fs::symlink_metadata(target) else {
        return Ok(None);
    };
    let kept = |sha256: String| Saved {
        asset_id: asset.id.clone(),
        path: shown.to_path_buf(),
        bytes: found.len(),
        sha256,
        skipped: true,
    };
    match existing {
        Existing::Overwrite => Ok(None),
        Existing::Skip => Ok(Some(kept(String::new()))),
        Existing::Fail => match same_file(asset, target, &found)? {
            Some(sha256) => Ok(Some(kept(sha256))),
            None => Err(UsageError::new(
                format!(
                    "`{}` exists and is not asset {}",
                    shown.display(),
                    crate::output::clean_line(&asset.id)
                ),
                "replace it with `--overwrite`, keep it with `--skip-existing`, or choose another `-o`",
            )
            .into()),
        },
    }
}

/// The file's SHA-256 when it is the asset (size, and checksum when the API gives one).
fn same_file(
    asset: &Asset,
    path: &Path,
    found: &std::fs::Metadata,
) -> anyhow::Result<Option<String>> {
    if !found.is_file() || asset.size.is_some_and(|size| size != found.len()) {
        return Ok(None);
    }
    let sha256 = transfer::sha256_file(path)?;
    match &asset.sha256 {
        Some(expected) if *expected != sha256 => Ok(None),
        _ => Ok(Some(sha256)),
    }
}

/// A folder reached through a link must still be inside `-o`.
fn check_inside(dir: &Path, folder: &Path) -> anyhow::Result<()> {
    let root = dir
        .canonicalize()
        .with_context(|| format!("cannot resolve `{}`", dir.display()))?;
    let real = folder
        .canonicalize()
        .with_context(|| format!("cannot resolve `{}`", folder.display()))?;
    if !real.starts_with(&root) {
        anyhow::bail!(
            "refusing to write in `{}`: it leads outside the output folder",
            folder.display()
        );
    }
    Ok(())
}

/// Moves a verified download into place; without `--overwrite` it never replaces a file that
/// appeared in the meantime.
fn move_into_place(
    staged: &Path,
    target: &Path,
    existing: Existing,
    shown: &Path,
) -> anyhow::Result<()> {
    let context = || {
        format!(
            "cannot move `{}` to `{}`",
            staged.display(),
            shown.display()
        )
    };
    if existing == Existing::Overwrite {
        return std::fs::rename(staged, target).with_context(context);
    }
    match std::fs::hard_link(staged, target) {
        Ok(()) => {
            let _ = std::fs::remove_file(staged);
            Ok(())
        }
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Err(UsageError::new(
            format!("`{}` appeared while it was downloaded", shown.display()),
            "run the same command again to check it",
        )
        .into()),
        Err(_) if std::fs::symlink_metadata(target).is_ok() => {
            anyhow::bail!("`{}` exists", shown.display())
        }
        Err(_) => std::fs::rename(staged, target).with_context(context),
    }
}

/// The path as the user reads it: relative to the current folder when `-o` is `.`.
fn shown(dir: &Path, relative: &Path) -> PathBuf {
    if dir == Path::new(".") {
        relative.to_path_buf()
    } else {
        dir.join(relative)
    }
}

/// Removes the staging folders of these rows when nothing is left in them (a cut download
/// stays for resume), then the staging folder if it is empty. Only these rows': the other
/// shards of the batch may be saving theirs into the same `-o`.
pub fn tidy<'a>(dir: &Path, external_ids: impl Iterator<Item = &'a String>) {
    let root = dir.join(STAGING);
    for id in external_ids {
        if let Some(name) = names::safe_name(id) {
            let _ = std::fs::remove_dir(root.join(name));
        }
    }
    let _ = std::fs::remove_dir(root);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(id: &str, name: &str) -> Asset {
        Asset::from_value(
            serde_json::json!({"id": id, "filename": name, "mime_type": "image/png", "size": 3}),
        )
        .unwrap()
    }

    #[test]
    fn files_of_one_row_that_land_on_one_path_are_numbered_in_result_order() {
        let template = Template::parse(template::DEFAULT).unwrap();
        let placed = place(
            &template,
            4,
            "r",
            vec![asset("a", "x.png"), asset("b", "X.png"), asset("c", "y")],
        );
        let paths: Vec<String> = placed
            .iter()
            .map(|p| p.relative.display().to_string())
            .collect();
        assert_eq!(paths, vec!["4/x.png", "4/X (1).png", "4/y"]);
    }

    #[test]
    fn a_file_in_place_is_kept_only_when_it_is_the_asset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.png");
        std::fs::write(&path, b"abc").unwrap();
        let mut meta = asset("a", "x.png");
        let kept = already_there(Existing::Fail, &meta, &path, &path)
            .unwrap()
            .unwrap();
        assert!(kept.skipped && kept.bytes == 3);
        meta.sha256 = Some("00".repeat(32));
        let err = already_there(Existing::Fail, &meta, &path, &path).unwrap_err();
        assert!(err.to_string().contains("is not asset a"), "{err}");
        assert!(
            already_there(Existing::Skip, &meta, &path, &path)
                .unwrap()
                .is_some()
        );
        assert!(
            already_there(Existing::Overwrite, &meta, &path, &path)
                .unwrap()
                .is_none()
        );
        meta.size = Some(4);
        meta.sha256 = None;
        assert!(already_there(Existing::Fail, &meta, &path, &path).is_err());
    }
}
