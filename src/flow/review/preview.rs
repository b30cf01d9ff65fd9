//! What a review shows of its files: name, type and size from the asset's metadata, and a copy
//! downloaded into a private temporary folder so the reviewer can look at it (with `--open`,
//! in the system viewer).
//!
//! The copies are kept after the command ends: a viewer may still have them open. The folder is
//! new for each review session, random and private (0700), so nothing else can plant a file or a
//! link in it. Any failure here is a warning: the reviewer can still decide from what is shown.

use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

use crate::api::assets;
use crate::api::models::Asset;
use crate::context::Context;
use crate::output::{self, human_bytes};

/// Shows review files, downloading each into one temporary folder made on first use.
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

    /// Prints one file of a review (name, type, size, local copy) and opens it if asked.
    pub async fn show(&mut self, ctx: &Context, asset_id: &str) {
        let asset = match fetch_metadata(ctx, asset_id).await {
            Ok(asset) => Some(asset),
            Err(err) => {
                ctx.out.warn(&format!(
                    "cannot read asset {}: {err:#}",
                    output::clean_line(asset_id)
                ));
                None
            }
        };
        ctx.out
            .stderr(&format!("  file: {}", describe(asset_id, asset.as_ref())));
        match self.copy(ctx, asset_id, asset.as_ref()).await {
            Ok(path) => {
                ctx.out.stderr(&format!("        copy: {}", path.display()));
                if self.open {
                    open(ctx, &path).await;
                }
            }
            Err(err) => ctx.out.warn(&format!(
                "cannot download asset {}: {err:#}",
                output::clean_line(asset_id)
            )),
        }
    }

    async fn copy(
        &mut self,
        ctx: &Context,
        asset_id: &str,
        asset: Option<&Asset>,
    ) -> anyhow::Result<PathBuf> {
        let dir = match &self.dir {
            Some(dir) => dir.clone(),
            None => self.dir.insert(private_temp_dir()?).clone(),
        };
        let mut path = dir.join(file_name(asset_id, asset));
        if path.exists() {
            path = dir.join(format!(
                "{}-{}",
                safe_component(asset_id),
                file_name(asset_id, asset)
            ));
        }
        download(ctx, asset_id, &path).await?;
        Ok(path)
    }
}

async fn fetch_metadata(ctx: &Context, asset_id: &str) -> anyhow::Result<Asset> {
    Ok(assets::get(ctx.api()?, asset_id).await?)
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
    let dir = std::env::temp_dir().join(format!("pletor-review-{}", uuid::Uuid::new_v4().simple()));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(&dir)
        .map_err(|err| anyhow::anyhow!("cannot create {}: {err}", dir.display()))?;
    Ok(dir)
}

/// The server's file name made safe (one plain component), else the asset id.
fn file_name(asset_id: &str, asset: Option<&Asset>) -> String {
    asset
        .and_then(|a| a.filename.as_deref())
        .map(safe_component)
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| safe_component(asset_id))
}

/// Keeps the last path component, without control characters, leading dots or reserved
/// characters, at most 120 characters.
fn safe_component(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = output::clean_line(base)
        .chars()
        .map(|c| if "<>:\"|?*".contains(c) { '_' } else { c })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    let name: String = trimmed.chars().take(120).collect();
    if name.is_empty() {
        "asset".to_string()
    } else {
        name
    }
}

/// Streams the asset's bytes into a new file at `path`.
async fn download(ctx: &Context, asset_id: &str, path: &Path) -> anyhow::Result<()> {
    let response = assets::download(ctx.api()?, asset_id, None).await?;
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .await?;
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        file.write_all(&chunk?).await?;
    }
    file.flush().await?;
    Ok(())
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
    fn server_names_become_one_safe_component() {
        assert_eq!(safe_component("../../etc/passwd"), "passwd");
        assert_eq!(safe_component("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(safe_component(".hidden"), "hidden");
        assert_eq!(safe_component("a\x1b[31mb?.png"), "ab_.png");
        assert_eq!(safe_component(".."), "asset");
        assert_eq!(safe_component(&"x".repeat(300)).len(), 120);
    }

    #[test]
    fn files_are_described_by_what_is_known() {
        let asset = Asset::from_value(
            json!({"id": "a", "filename": "d.png", "mime_type": "image/png", "size": 2048}),
        );
        assert_eq!(describe("a", asset.as_ref()), "d.png · image/png · 2.0 KiB");
        assert_eq!(describe("a-1", None), "a-1");
        assert_eq!(file_name("a-1", None), "a-1");
    }
}
