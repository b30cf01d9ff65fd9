//! Where a download lands: its paths, the existing-file rule, the final rename, and the
//! [`Saved`] file that results.
//!
//! The rule (replace with `--overwrite`, keep with `--skip-existing`, else refuse) is applied
//! twice: before any byte is written, and again at the rename, where a hard link never replaces
//! a file that appeared meanwhile. A file that already holds exactly this asset (same size and
//! SHA-256 as its metadata) is kept under every rule. Joined paths are checked to lie directly
//! inside the output folder, behind the sanitizer in [`crate::transfer::names`].

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest, Sha256};

use super::part::Verified;
use crate::api::models::Asset;
use crate::error::UsageError;
use crate::transfer::local::{Existing, display_path};
use crate::transfer::names::{self, part_name};

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

/// Where one download goes.
pub(super) struct Destination {
    /// The final file: only the rename of a verified `.part` writes it.
    pub(super) path: PathBuf,
    /// Where the bytes go until they verify; kept after a failure, for a resume.
    pub(super) part: PathBuf,
    /// The final path as messages and output print it (bare in the current folder).
    pub(super) shown: PathBuf,
    /// The `.part` as messages print it, for the hint that says it is kept.
    pub(super) shown_part: PathBuf,
}

impl Destination {
    /// The paths of `name` in `dir`; an error when either would lie outside `dir`.
    pub(super) fn new(dir: &Path, name: &str) -> anyhow::Result<Self> {
        let dest = Self {
            path: dir.join(name),
            part: dir.join(part_name(name)),
            shown: display_path(dir, name),
            shown_part: display_path(dir, &part_name(name)),
        };
        // The last line of defense behind the sanitizer: check the joined paths themselves.
        if !names::is_directly_inside(dir, &dest.path)
            || !names::is_directly_inside(dir, &dest.part)
        {
            anyhow::bail!(
                "refusing to write `{}` outside the output folder",
                dest.shown.display()
            );
        }
        Ok(dest)
    }
}

/// Applies the existing-file rule before any byte is written: `Some` when the file is kept.
/// A file that already holds exactly this asset (same size and SHA-256 as its metadata) is
/// kept under every rule: rerunning a command is not a conflict with its own results.
pub(super) fn existing_rule(
    existing: Existing,
    id: &str,
    meta: &Asset,
    dest: &Destination,
) -> anyhow::Result<Option<Saved>> {
    let Ok(found) = std::fs::symlink_metadata(&dest.path) else {
        return Ok(None);
    };
    // Hashing a large file blocks: let the runtime move other tasks off this thread.
    let same = tokio::task::block_in_place(|| same_content(&dest.path, &found, meta));
    if let Some(sha256) = same {
        return Ok(Some(Saved {
            asset_id: id.to_string(),
            path: dest.shown.clone(),
            bytes: found.len(),
            sha256,
            skipped: true,
        }));
    }
    match existing {
        Existing::Overwrite => Ok(None),
        Existing::Fail => Err(exists_error(&dest.shown)),
        Existing::Skip => Ok(Some(Saved {
            asset_id: id.to_string(),
            path: dest.shown.clone(),
            bytes: found.len(),
            sha256: String::new(),
            skipped: true,
        })),
    }
}

/// Moves the verified `.part` to its final name under the existing-file rule.
pub(super) fn place(
    existing: Existing,
    dest: &Destination,
    fetched: Verified,
    id: &str,
) -> anyhow::Result<Saved> {
    drop(fetched.file);
    let (part, shown) = (&dest.part, &dest.shown);
    let dest = &dest.path;
    let saved = Saved {
        asset_id: id.to_string(),
        path: shown.clone(),
        bytes: fetched.bytes,
        sha256: fetched.sha256,
        skipped: false,
    };
    if existing == Existing::Overwrite {
        std::fs::rename(part, dest).with_context(|| {
            format!("cannot rename `{}` to `{}`", part.display(), dest.display())
        })?;
        return Ok(saved);
    }
    // A hard link never replaces: a file that appeared meanwhile is not clobbered.
    match std::fs::hard_link(part, dest) {
        Ok(()) => {
            let _ = std::fs::remove_file(part);
            Ok(saved)
        }
        Err(err) if err.kind() == ErrorKind::AlreadyExists => match existing {
            Existing::Skip => {
                let _ = std::fs::remove_file(part);
                let bytes = std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
                Ok(Saved {
                    bytes,
                    sha256: String::new(),
                    skipped: true,
                    ..saved
                })
            }
            _ => Err(exists_error(shown)),
        },
        // File systems without hard links: check, then rename.
        Err(_) if std::fs::symlink_metadata(dest).is_ok() => Err(exists_error(shown)),
        Err(_) => {
            std::fs::rename(part, dest)
                .with_context(|| format!("cannot rename `{}`", part.display()))?;
            Ok(saved)
        }
    }
}

/// The SHA-256 of `path` when it is a regular file with exactly the size and hash the asset's
/// metadata announces; `None` when anything differs or is unknown.
fn same_content(path: &Path, found: &std::fs::Metadata, meta: &Asset) -> Option<String> {
    let (size, expected) = (meta.size?, meta.sha256.as_deref()?);
    if !found.is_file() || found.len() != size {
        return None;
    }
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = std::io::Read::read(&mut file, &mut buf).ok()?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    let actual = hex::encode(hasher.finalize());
    (actual == expected).then_some(actual)
}

/// A file is in the way and the rule is to refuse: a usage error whose hint names the two flags
/// that decide otherwise.
fn exists_error(shown: &Path) -> anyhow::Error {
    UsageError::new(
        format!("`{}` already exists", shown.display()),
        "pass `--overwrite` to replace it, or `--skip-existing` to keep it",
    )
    .into()
}
