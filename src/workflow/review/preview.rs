//! What a review shows of its files: name, type and size from the asset's metadata, and a copy
//! downloaded (with the shared [`transfer::download_assets`]: safe names, verified) into a
//! private temporary folder so the reviewer can look at it; with `--open`, in the system viewer.
//!
//! The copies are kept after the command ends: a viewer may still have them open. The folder is
//! new for each review session, random and private (0700), so nothing else can plant a file or a
//! link in it; each review gets its own subfolder, so equal names never collide. Any failure here
//! is a warning: the reviewer can still decide from what is shown.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::api::assets;
use crate::api::models::{Asset, PendingReview};
use crate::context::Context;
use crate::output::{self, human_bytes};
use crate::transfer::{self, Existing};

/// Review files download a few at a time: they are drafts, usually one or two.
const CONCURRENCY: usize = 4;

/// Shows review files, downloading them into one temporary folder made on first use.
#[derive(Debug)]
pub struct Previews {
    open: bool,
    dir: Option<PathBuf>,
}

impl Previews {
    /// Previews that open each copy with the system viewer when `open` is set.
    pub fn new(open: bool) -> Self {
        Self { open, dir: None }
    }

    /// Prints the files of review number `number` (name, type, size, local copy) and opens
    /// them if asked.
    pub async fn show(&mut self, ctx: &Context, review: &PendingReview, number: usize) {
        if review.asset_ids.is_empty() {
            return;
        }
        let copies = match self.copy(ctx, &review.asset_ids, number).await {
            Ok(saved) => saved,
            Err(err) => {
                ctx.out
                    .warn(&format!("cannot download the review's files: {err:#}"));
                Vec::new()
            }
        };
        for asset_id in &review.asset_ids {
            let asset = metadata(ctx, asset_id).await;
            ctx.out
                .stderr(&format!("  file: {}", describe(asset_id, asset.as_ref())));
            let Some(saved) = copies.iter().find(|s| &s.asset_id == asset_id) else {
                continue;
            };
            ctx.out
                .stderr(&format!("        copy: {}", saved.path.display()));
            if self.open {
                open(ctx, &saved.path).await;
            }
        }
    }

    async fn copy(
        &mut self,
        ctx: &Context,
        asset_ids: &[String],
        number: usize,
    ) -> anyhow::Result<Vec<transfer::Saved>> {
        let root = match &self.dir {
            Some(dir) => dir.clone(),
            None => self.dir.insert(private_temp_dir()?).clone(),
        };
        let dir = root.join(format!("review-{number}"));
        std::fs::create_dir_all(&dir)
            .map_err(|err| anyhow::anyhow!("cannot create {}: {err}", dir.display()))?;
        transfer::download_assets(ctx, asset_ids, &dir, Existing::Overwrite, CONCURRENCY).await
    }
}

/// The asset's metadata, or a warning and `None`.
async fn metadata(ctx: &Context, asset_id: &str) -> Option<Asset> {
    let fetched = match ctx.api() {
        Ok(client) => assets::get(client, asset_id)
            .await
            .map_err(anyhow::Error::from),
        Err(err) => Err(err),
    };
    fetched
        .map_err(|err| {
            let id = output::clean_line(asset_id);
            ctx.out.warn(&format!("cannot read asset {id}: {err:#}"));
        })
        .ok()
}

/// `name · type · size`, with what is known.
fn describe(asset_id: &str, asset: Option<&Asset>) -> String {
    let name = asset
        .and_then(|a| a.filename.as_deref())
        .unwrap_or(asset_id);
    let mut parts = vec![output::clean_line(name)];
    if let Some(mime) = asset.and_then(|a| a.mime_type.as_deref()) {
        parts.push(output::clean_line(mime));
    }
    if let Some(size) = asset.and_then(|a| a.size) {
        parts.push(human_bytes(size));
    }
    parts.join(" · ")
}

/// A new private folder under the system's temporary folder.
fn private_temp_dir() -> anyhow::Result<PathBuf> {
    let name = format!("pletor-review-{}", uuid::Uuid::new_v4().simple());
    let dir = std::env::temp_dir().join(name);
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(&dir)
        .map_err(|err| anyhow::anyhow!("cannot create {}: {err}", dir.display()))?;
    Ok(dir)
}

/// The system viewer command for this platform.
fn opener() -> (&'static str, &'static [&'static str]) {
    if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    }
}

/// Opens `path` with the system viewer; any failure is a warning.
async fn open(ctx: &Context, path: &Path) {
    let (program, args) = opener();
    let spawned = tokio::process::Command::new(program)
        .args(args)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(err) => {
            return ctx.out.warn(&format!(
                "cannot open {} with `{program}`: {err}",
                path.display()
            ));
        }
    };
    // Openers hand over and return at once; one that lingers is left to run.
    match tokio::time::timeout(Duration::from_secs(3), child.wait()).await {
        Ok(Ok(status)) if !status.success() => {
            ctx.out.warn(&format!(
                "`{program}` could not open {} ({status})",
                path.display()
            ));
        }
        Ok(Err(err)) => ctx.out.warn(&format!("`{program}` failed: {err}")),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn files_are_described_by_what_is_known() {
        let asset = Asset::from_value(
            json!({"id": "a", "filename": "d\x1b[2J.png", "mime_type": "image/png", "size": 2048}),
        );
        assert_eq!(describe("a", asset.as_ref()), "d.png · image/png · 2.0 KiB");
        assert_eq!(describe("a-1", None), "a-1");
    }

    #[cfg(unix)]
    #[test]
    fn the_copy_folder_is_new_and_private() {
        use std::os::unix::fs::PermissionsExt;
        let one = private_temp_dir().unwrap();
        let two = private_temp_dir().unwrap();
        assert_ne!(one, two);
        let mode = std::fs::metadata(&one).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        std::fs::remove_dir(one).unwrap();
        std::fs::remove_dir(two).unwrap();
    }
}
