//! What a review shows of its files: name, type and size from the asset's metadata, a copy
//! downloaded (with the shared [`transfer::download_assets`]: safe names, verified) into a
//! private temporary folder, and then the draft itself: an image drawn inline when the terminal
//! can show it (`--preview`, see `output::image`), a text file shown in full (wrapped, paged
//! when long), and with `--open` the copy handed to the system viewer.
//!
//! The copies are temporary: the folder is new for each review session, random and private
//! (0700, so nothing else can plant a file or a link in it), and it is removed when the session
//! ends, on every path out (an answer, an error, Ctrl-C). It is kept, and named at the end, with
//! `--keep-drafts`, and with `--open`: the viewer reads the copy after pletor handed it over,
//! maybe after pletor has ended, so removing it could pull the file from under the viewer. Each
//! review gets its own subfolder, so equal names never collide. Any failure here is a warning:
//! the reviewer can still decide from what is shown.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::api::assets;
use crate::api::models::{Asset, PendingReview};
use crate::context::Context;
use crate::output::image::{self, Off, PreviewChoice, Protocol};
use crate::output::{self, human_bytes};
use crate::transfer::{self, Existing};

/// Review files download a few at a time: they are drafts, usually one or two.
const CONCURRENCY: usize = 4;

/// The most of a text draft shown inline; a longer one is cut with a note (its copy is whole).
const MAX_TEXT_BYTES: u64 = 1024 * 1024;

/// Rows kept free under a paged text for the lines that follow it and the prompt.
const PROMPT_ROWS: usize = 8;

/// How the interactive review shows drafts.
#[derive(Debug, Clone, Copy, Default)]
pub struct View {
    /// Which inline picture to draw (`--preview`).
    pub preview: PreviewChoice,
    /// Hand each copy to the system viewer (`--open`).
    pub open: bool,
    /// Keep the copies after the command ends (`--keep-drafts`).
    pub keep: bool,
}

/// Shows review files, downloading them into one temporary folder made on first use and
/// removed when this is dropped (unless the view keeps it).
#[derive(Debug)]
pub struct Previews {
    view: View,
    dir: Option<tempfile::TempDir>,
    protocol: Option<Result<Protocol, Off>>,
}

impl Previews {
    /// Previews shown as `view` says.
    pub fn new(view: View) -> Self {
        Self {
            view,
            dir: None,
            protocol: None,
        }
    }

    /// Prints the files of review number `number` (name, type, size, local copy), then shows
    /// each draft as the view says.
    pub async fn show(&mut self, ctx: &Context, review: &PendingReview, number: usize) {
        if review.asset_ids.is_empty() {
            return;
        }
        let fetched = match self.folder() {
            Ok(root) => fetch(ctx, &root, &review.asset_ids, number).await,
            Err(err) => Fetched::unreadable(&review.asset_ids, &err),
        };
        self.present(ctx, &fetched).await;
    }

    /// The folder the copies go in, made on first use.
    pub fn folder(&mut self) -> anyhow::Result<PathBuf> {
        match &self.dir {
            Some(dir) => Ok(dir.path().to_path_buf()),
            None => Ok(self.dir.insert(private_temp_dir()?).path().to_path_buf()),
        }
    }

    /// Prints what [`fetch`] made ready: its warnings, then each file (name, type, size, local
    /// copy) and its draft as the view says.
    pub async fn present(&mut self, ctx: &Context, fetched: &Fetched) {
        for warning in &fetched.warnings {
            ctx.out.warn(warning);
        }
        for file in &fetched.files {
            ctx.out.stderr(&format!(
                "  file: {}",
                describe(&file.asset_id, file.asset.as_ref())
            ));
            let Some(copy) = &file.copy else {
                continue;
            };
            ctx.out.stderr(&format!(
                "        copy: {}",
                ctx.out.file_link(copy, output::Stream::Stderr)
            ));
            let mime = file.asset.as_ref().and_then(|a| a.mime_type.as_deref());
            self.draft(ctx, copy, mime).await;
            if self.view.open {
                open(ctx, copy).await;
            }
        }
    }

    /// Hands every copy of `fetched` to the system viewer, and keeps the copies from then on
    /// (the viewer may read them after pletor has ended).
    pub async fn open_copies(&mut self, ctx: &Context, fetched: &Fetched) {
        let copies: Vec<&PathBuf> = fetched
            .files
            .iter()
            .filter_map(|f| f.copy.as_ref())
            .collect();
        if copies.is_empty() {
            ctx.out.status("        (no copy to open)");
        }
        for copy in copies {
            open(ctx, copy).await;
        }
        self.view.keep = true;
    }

    /// Shows the draft at `path` inline: a picture, or a text, or nothing for other files.
    async fn draft(&mut self, ctx: &Context, path: &Path, mime: Option<&str>) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if image::is_picture(mime, &name) {
            self.picture(ctx, path).await;
        } else if is_text(mime, &name) {
            show_text(ctx, path).await;
        }
    }

    /// Draws a picture with the protocol resolved on first use (a note when it cannot).
    async fn picture(&mut self, ctx: &Context, path: &Path) {
        if self.protocol.is_none() {
            let (choice, screen) = (self.view.preview, ctx.out.screen());
            let resolved =
                tokio::task::spawn_blocking(move || image::pick_protocol(choice, screen))
                    .await
                    .unwrap_or(Err(Off::Quietly));
            if let Err(Off::Because(why)) = &resolved {
                ctx.out.status(&format!("        (no preview: {why})"));
            }
            self.protocol = Some(resolved);
        }
        let Some(Ok(protocol)) = self.protocol else {
            return;
        };
        let owned = path.to_path_buf();
        let drawn = tokio::task::spawn_blocking(move || image::draw(protocol, &owned)).await;
        match drawn {
            Ok(Ok(())) => {}
            Ok(Err(err)) => ctx.out.warn(&format!(
                "cannot draw {} inline: {err:#}",
                output::clean_line(&path.display().to_string())
            )),
            Err(err) => ctx
                .out
                .warn(&format!("cannot draw the draft inline: {err}")),
        }
    }

    /// Says where the copies stay when they are kept; called once the session is over.
    pub fn finish(mut self, ctx: &Context) {
        if let Some(dir) = self.kept() {
            ctx.out.status(&format!(
                "review copies kept in {}",
                ctx.out.file_link(&dir, output::Stream::Stderr)
            ));
        }
    }

    /// Releases the folder from removal when the view keeps it; returns its path then.
    fn kept(&mut self) -> Option<PathBuf> {
        if !(self.view.keep || self.view.open) {
            return None;
        }
        self.dir.take().map(tempfile::TempDir::keep)
    }
}

impl Drop for Previews {
    /// Removes the copies (the `TempDir` does) unless the view keeps them: on Ctrl-C or an error
    /// the session ends here without [`Previews::finish`].
    fn drop(&mut self) {
        let _ = self.kept();
    }
}

/// A review's files made ready to show, nothing printed yet: their metadata read and their
/// copies downloaded. The inbox makes the next review's while the reviewer looks at this one.
#[derive(Debug, Default)]
pub struct Fetched {
    files: Vec<FetchedFile>,
    warnings: Vec<String>,
}

#[derive(Debug)]
struct FetchedFile {
    asset_id: String,
    asset: Option<Asset>,
    copy: Option<PathBuf>,
}

impl Fetched {
    /// Files whose copies could not even be started: named by id, with the reason.
    pub fn unreadable(asset_ids: &[String], err: &anyhow::Error) -> Self {
        Self {
            files: asset_ids
                .iter()
                .map(|id| FetchedFile {
                    asset_id: id.clone(),
                    asset: None,
                    copy: None,
                })
                .collect(),
            warnings: vec![format!("cannot download the review's files: {err:#}")],
        }
    }
}

/// Reads the metadata of review number `number`'s files and downloads their copies into
/// `root/review-NUMBER` (the shared verified download). Prints nothing: what goes wrong is kept
/// as a warning for [`Previews::present`], since the reviewer can still decide without it.
pub async fn fetch(ctx: &Context, root: &Path, asset_ids: &[String], number: usize) -> Fetched {
    let mut fetched = Fetched::default();
    let dir = root.join(format!("review-{number}"));
    let copies = match std::fs::create_dir_all(&dir) {
        Ok(()) => transfer::download_assets(ctx, asset_ids, &dir, Existing::Overwrite, CONCURRENCY)
            .await
            .unwrap_or_else(|err| {
                fetched
                    .warnings
                    .push(format!("cannot download the review's files: {err:#}"));
                Vec::new()
            }),
        Err(err) => {
            fetched
                .warnings
                .push(format!("cannot create {}: {err}", dir.display()));
            Vec::new()
        }
    };
    for asset_id in asset_ids {
        let asset = match metadata(ctx, asset_id).await {
            Ok(asset) => Some(asset),
            Err(warning) => {
                fetched.warnings.push(warning);
                None
            }
        };
        let copy = copies
            .iter()
            .find(|s| &s.asset_id == asset_id)
            .map(|s| s.path.clone());
        fetched.files.push(FetchedFile {
            asset_id: asset_id.clone(),
            asset,
            copy,
        });
    }
    fetched
}

/// Whether a file is text to show in full.
fn is_text(mime: Option<&str>, name: &str) -> bool {
    let mime = mime.map(str::to_ascii_lowercase).unwrap_or_else(|| {
        mime_guess::from_path(name)
            .first_or_octet_stream()
            .to_string()
    });
    mime.starts_with("text/") || mime == "application/json" || mime.ends_with("+json")
}

/// Shows a text draft in full (cleaned, wrapped, paged when long); a warning when unreadable.
async fn show_text(ctx: &Context, path: &Path) {
    let read = async {
        let file = tokio::fs::File::open(path).await?;
        let mut bytes = Vec::new();
        tokio::io::AsyncReadExt::read_to_end(
            &mut tokio::io::AsyncReadExt::take(file, MAX_TEXT_BYTES),
            &mut bytes,
        )
        .await?;
        Ok::<_, std::io::Error>(bytes)
    };
    match read.await {
        Ok(bytes) => {
            let text = output::clean(&String::from_utf8_lossy(&bytes));
            ctx.out.long_text(&text, "        │ ", PROMPT_ROWS);
        }
        Err(err) => ctx
            .out
            .warn(&format!("cannot read {}: {err}", path.display())),
    }
}

/// The asset's metadata, or the warning that says why not.
async fn metadata(ctx: &Context, asset_id: &str) -> Result<Asset, String> {
    let fetched = match ctx.api() {
        Ok(client) => assets::get(client, asset_id)
            .await
            .map_err(anyhow::Error::from),
        Err(err) => Err(err),
    };
    fetched.map_err(|err| {
        let id = output::clean_line(asset_id);
        format!("cannot read asset {id}: {err:#}")
    })
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

/// A new private folder under the system's temporary folder, removed when dropped.
fn private_temp_dir() -> anyhow::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("pletor-review-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    builder.tempdir().map_err(|err| {
        anyhow::anyhow!(
            "cannot create a folder in {}: {err}",
            std::env::temp_dir().display()
        )
    })
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
    fn text_drafts_are_told_from_other_files() {
        assert!(is_text(Some("text/plain"), "x.bin"));
        assert!(is_text(Some("application/ld+json"), "x"));
        assert!(is_text(None, "caption.md"));
        assert!(!is_text(Some("video/mp4"), "a.txt"));
        assert!(!is_text(None, "clip.mp4"));
    }

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
        assert_ne!(one.path(), two.path());
        let mode = std::fs::metadata(one.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        let path = one.path().to_path_buf();
        drop(one);
        assert!(!path.exists(), "dropping the folder removes it");
    }
}
