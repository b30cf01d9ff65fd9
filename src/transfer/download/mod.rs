//! Parallel, resumable, verified downloads.
//!
//! One download: fetch the asset's metadata, start the body (with `Range` when a `.part` of the
//! expected name exists), name the file (see [`super::names::choose`]), claim the name, apply the
//! existing-file rule, stream the body into `NAME.part` with a fixed buffer while hashing it,
//! verify, rename. A body cut short (reset, truncation, a stall past the read timeout) is
//! resumed from the bytes on disk, up to the client's retry budget; after that the `.part` stays
//! and a second run resumes it. A `200` to a `Range` request, a `416` or a `206` starting
//! elsewhere restarts from zero; a resumed file that fails its checksum (the `.part` of another
//! file of the same name) is downloaded once more from zero, and a file that fails it from zero
//! is removed with an error. A server size that contradicts the metadata is an error before a
//! byte is written.
//!
//! Names are claimed in input order, so a repeated command gives every asset the same name
//! again: when two assets of one call resolve to the same name, the later one (in input order)
//! gets ` (1)`, ` (2)`, … before the extension. Names compare case-insensitively, and a name
//! also reserves its `.part`.

use std::collections::HashSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::Context as _;
use futures_util::{StreamExt, stream};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_TYPE};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt, BufWriter};
use tokio::sync::watch;

use super::names::{self, part_name};
use super::{Existing, display_path, io_reason};
use crate::api::Client;
use crate::api::assets;
use crate::api::models::Asset;
use crate::context::Context;
use crate::error::{Exit, Failure, UsageError};
use crate::output::progress::{Bar, Progress};
use crate::output::{clean_line, human_bytes, truncate};

/// Bytes held between the network and the disk, per download.
const WRITE_BUFFER: usize = 256 * 1024;

/// A file saved (or kept, with [`Existing::Skip`]).
#[derive(Debug, Clone)]
pub struct Saved {
    /// The asset.
    pub asset_id: String,
    /// Where the file is (relative to the current folder when the folder is `.`).
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256 in lowercase hex; empty when the download was skipped.
    pub sha256: String,
    /// True when the file existed and `--skip-existing` kept it.
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
    settle(
        ctx,
        outcomes.into_iter().map(|(_, outcome)| outcome).collect(),
    )
}

/// All saved, or the first error; on failure the files that were saved are still named on
/// stderr, so nothing done is lost from view.
fn settle(ctx: &Context, outcomes: Vec<anyhow::Result<Saved>>) -> anyhow::Result<Vec<Saved>> {
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
    client: &'a Client,
    dir: &'a Path,
    existing: Existing,
    progress: Progress,
    claims: Claims,
}

/// A response whose body starts at byte `start` of the file.
struct Opened {
    response: reqwest::Response,
    /// Where the body starts (0 after a restart).
    start: u64,
    /// Where we asked it to start.
    asked: u64,
}

/// Where one download goes.
struct Target {
    /// The final file.
    path: PathBuf,
    /// The file being written.
    part: PathBuf,
    /// The final path as the user reads it.
    shown: PathBuf,
    /// The `.part` as the user reads it.
    shown_part: PathBuf,
}

impl Target {
    fn new(dir: &Path, name: &str) -> anyhow::Result<Self> {
        let target = Self {
            path: dir.join(name),
            part: dir.join(part_name(name)),
            shown: display_path(dir, name),
            shown_part: display_path(dir, &part_name(name)),
        };
        // The last line of defense behind the sanitizer: check the joined paths themselves.
        if !names::is_directly_inside(dir, &target.path)
            || !names::is_directly_inside(dir, &target.part)
        {
            anyhow::bail!(
                "refusing to write `{}` outside the output folder",
                target.shown.display()
            );
        }
        Ok(target)
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

impl Job<'_> {
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
            .bar(meta.size.unwrap_or(0), &truncate(&clean_line(&name), 30));
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

    /// Applies the existing-file rule before any byte is written: `Some` when the file is kept.
    /// A file that already holds exactly this asset (same size and SHA-256 as its metadata) is
    /// kept under every rule: rerunning a command is not a conflict with its own results.
    fn existing_rule(
        &self,
        id: &str,
        meta: &Asset,
        target: &Target,
    ) -> anyhow::Result<Option<Saved>> {
        let Ok(found) = std::fs::symlink_metadata(&target.path) else {
            return Ok(None);
        };
        // Hashing a large file blocks: let the runtime move other tasks off this thread.
        let same = tokio::task::block_in_place(|| same_content(&target.path, &found, meta));
        if let Some(sha256) = same {
            return Ok(Some(Saved {
                asset_id: id.to_string(),
                path: target.shown.clone(),
                bytes: found.len(),
                sha256,
                skipped: true,
            }));
        }
        match self.existing {
            Existing::Overwrite => Ok(None),
            Existing::Fail => Err(exists_error(&target.shown)),
            Existing::Skip => Ok(Some(Saved {
                asset_id: id.to_string(),
                path: target.shown.clone(),
                bytes: found.len(),
                sha256: String::new(),
                skipped: true,
            })),
        }
    }

    /// Starts the body at `from` (a `Range` request when `from > 0`). A `200`, a `416` or a
    /// `206` that starts elsewhere restarts from zero.
    async fn open(&self, id: &str, asked: u64) -> anyhow::Result<Opened> {
        let mut from = asked;
        loop {
            let response = match assets::download(self.client, id, Some(from)).await {
                Ok(response) => response,
                Err(err) if from > 0 && err.status() == Some(416) => {
                    from = 0;
                    continue;
                }
                Err(err) => return Err(err.into()),
            };
            if response.status().as_u16() != 206 {
                return Ok(Opened {
                    response,
                    start: 0,
                    asked,
                });
            }
            match range_start(&response) {
                Some(start) if start == from => {
                    return Ok(Opened {
                        response,
                        start,
                        asked,
                    });
                }
                _ if from == 0 => {
                    anyhow::bail!("the server answered a plain download with a partial one (206)")
                }
                _ => from = 0,
            }
        }
    }

    /// Streams the body into the `.part`, resuming after a cut, and verifies it.
    async fn fetch(
        &self,
        id: &str,
        meta: &Asset,
        target: &Target,
        opened: Opened,
        bar: &Bar,
    ) -> anyhow::Result<Fetched> {
        let label = clean_line(&target.shown.display().to_string());
        let mut file = PartFile::open(&target.part, opened.start).await?;
        let mut opened = opened;
        let mut failures = 0u32;
        let mut restarted = false;
        loop {
            let expected = expected_total(&opened, meta)?;
            if let Some(total) = expected {
                bar.set_length(total);
            }
            if opened.start == 0 && file.len > 0 {
                file.restart().await?;
            }
            let cut = stream_body(&mut opened.response, &mut file, bar).await?;
            let problem = match judge(&file, cut, expected, meta) {
                Pass::Complete(sha256) => {
                    return Ok(Fetched {
                        bytes: file.len,
                        sha256,
                        file,
                    });
                }
                Pass::Cut(problem) => problem,
                // A resumed prefix may come from another file of the same name: once, start over.
                Pass::Wrong(_) if file.resumed && !restarted => {
                    restarted = true;
                    self.progress.println(&format!(
                        "{label}: checksum mismatch after resuming; downloading again"
                    ));
                    file.restart().await?;
                    opened = self.open(id, 0).await?;
                    continue;
                }
                Pass::Wrong(err) => {
                    file.discard().await;
                    return Err(err);
                }
            };
            failures += 1;
            opened = self.resume(id, target, &file, &problem, failures).await?;
            file.resumed |= opened.start > 0;
        }
    }

    /// After a cut: waits (backoff) and asks for the rest, or gives up when the retry budget is
    /// spent, saying that the `.part` is kept.
    async fn resume(
        &self,
        id: &str,
        target: &Target,
        file: &PartFile,
        problem: &str,
        failures: u32,
    ) -> anyhow::Result<Opened> {
        let policy = self.client.policy();
        if failures > policy.retries {
            return Err(interrupted(id, &target.shown_part, file, problem));
        }
        let wait = crate::api::retry::backoff(policy, failures - 1, rand::random::<f64>());
        self.progress.println(&format!(
            "{}: {problem}; resuming from {} in {} (retry {failures} of {})",
            clean_line(&target.shown.display().to_string()),
            human_bytes(file.len),
            crate::output::human_duration(wait),
            policy.retries
        ));
        tokio::time::sleep(wait).await;
        self.open(id, file.len)
            .await
            .map_err(|err| resume_failed(err, id, &target.shown_part, file))
    }

    /// Moves the verified `.part` to its final name under the existing-file rule.
    fn place(&self, target: &Target, fetched: Fetched, id: &str) -> anyhow::Result<Saved> {
        drop(fetched.file);
        let (part, shown) = (&target.part, &target.shown);
        let target = &target.path;
        let saved = Saved {
            asset_id: id.to_string(),
            path: shown.clone(),
            bytes: fetched.bytes,
            sha256: fetched.sha256,
            skipped: false,
        };
        if self.existing == Existing::Overwrite {
            std::fs::rename(part, target).with_context(|| {
                format!(
                    "cannot rename `{}` to `{}`",
                    part.display(),
                    target.display()
                )
            })?;
            return Ok(saved);
        }
        // A hard link never replaces: a file that appeared meanwhile is not clobbered.
        match std::fs::hard_link(part, target) {
            Ok(()) => {
                let _ = std::fs::remove_file(part);
                Ok(saved)
            }
            Err(err) if err.kind() == ErrorKind::AlreadyExists => match self.existing {
                Existing::Skip => {
                    let _ = std::fs::remove_file(part);
                    let bytes = std::fs::metadata(target).map(|m| m.len()).unwrap_or(0);
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
            Err(_) if std::fs::symlink_metadata(target).is_ok() => Err(exists_error(shown)),
            Err(_) => {
                std::fs::rename(part, target)
                    .with_context(|| format!("cannot rename `{}`", part.display()))?;
                Ok(saved)
            }
        }
    }
}

/// A verified download, still under its `.part` name.
struct Fetched {
    bytes: u64,
    sha256: String,
    file: PartFile,
}

/// The `.part` being written, with the running hash of everything in it.
struct PartFile {
    path: PathBuf,
    writer: BufWriter<tokio::fs::File>,
    hasher: Sha256,
    len: u64,
    /// Whether some of its bytes came from an earlier attempt or run.
    resumed: bool,
}

impl PartFile {
    /// Opens the `.part` keeping its first `keep` bytes, and hashes them.
    async fn open(path: &Path, keep: u64) -> anyhow::Result<Self> {
        let context = || format!("cannot write `{}`", path.display());
        let mut file = tokio::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .await
            .with_context(context)?;
        file.set_len(keep).await.with_context(context)?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 64 * 1024];
        let mut left = keep;
        while left > 0 {
            let want = buffer
                .len()
                .min(usize::try_from(left).unwrap_or(usize::MAX));
            let read = file.read(&mut buffer[..want]).await.with_context(context)?;
            if read == 0 {
                anyhow::bail!("`{}` shrank while it was read", path.display());
            }
            hasher.update(&buffer[..read]);
            left -= read as u64;
        }
        file.seek(std::io::SeekFrom::Start(keep))
            .await
            .with_context(context)?;
        let writer = BufWriter::with_capacity(WRITE_BUFFER, file);
        Ok(Self {
            path: path.to_path_buf(),
            writer,
            hasher,
            len: keep,
            resumed: keep > 0,
        })
    }

    async fn write(&mut self, chunk: &[u8]) -> anyhow::Result<()> {
        self.writer
            .write_all(chunk)
            .await
            .with_context(|| format!("cannot write `{}`", self.path.display()))?;
        self.hasher.update(chunk);
        self.len += chunk.len() as u64;
        Ok(())
    }

    /// Makes what was written durable, so the `.part` is a true prefix for a later resume.
    async fn flush(&mut self) -> anyhow::Result<()> {
        self.writer
            .flush()
            .await
            .with_context(|| format!("cannot write `{}`", self.path.display()))?;
        self.writer
            .get_ref()
            .sync_data()
            .await
            .with_context(|| format!("cannot write `{}`", self.path.display()))
    }

    /// Empties the file for a download from zero.
    async fn restart(&mut self) -> anyhow::Result<()> {
        self.writer.flush().await?;
        let file = self.writer.get_mut();
        file.set_len(0)
            .await
            .with_context(|| format!("cannot write `{}`", self.path.display()))?;
        file.seek(std::io::SeekFrom::Start(0)).await?;
        self.hasher = Sha256::new();
        self.len = 0;
        self.resumed = false;
        Ok(())
    }

    /// Removes a `.part` that can never become the right file.
    async fn discard(&mut self) {
        let _ = self.writer.flush().await;
        let _ = tokio::fs::remove_file(&self.path).await;
    }

    /// Checks the size and hash against the metadata; returns the hash.
    fn verify(&self, meta: &Asset) -> anyhow::Result<String> {
        if let Some(size) = meta.size.filter(|size| *size != self.len) {
            return Err(bad_size(&meta.id, self.len, size));
        }
        let sha256 = hex::encode(self.hasher.clone().finalize());
        match &meta.sha256 {
            Some(want) if *want != sha256 => Err(Failure::new(
                Exit::Error,
                "checksum_mismatch",
                format!(
                    "the download of `{}` does not match its SHA-256 (got {sha256}, expected {})",
                    clean_line(&meta.id),
                    clean_line(want)
                ),
            )
            .hint("run the command again; if it keeps failing the stored asset may be damaged")
            .into()),
            _ => Ok(sha256),
        }
    }
}

/// What one pass over a body gave.
enum Pass {
    /// The whole file, verified: its SHA-256.
    Complete(String),
    /// Cut short: why (worth a resume).
    Cut(String),
    /// Complete but wrong (too long, wrong size or hash): resuming cannot fix it.
    Wrong(anyhow::Error),
}

/// Judges the `.part` after a pass: `cut` is the transport's complaint, `expected` the size
/// the server announced (or the metadata's).
fn judge(file: &PartFile, cut: Option<String>, expected: Option<u64>, meta: &Asset) -> Pass {
    match (cut, expected) {
        (Some(reason), _) => Pass::Cut(reason),
        // hyper cannot see a connection-close body end early: the size can.
        (None, Some(total)) if file.len < total => Pass::Cut(format!(
            "the connection closed after {} of {}",
            human_bytes(file.len),
            human_bytes(total)
        )),
        (None, Some(total)) if file.len > total => Pass::Wrong(bad_size(&meta.id, file.len, total)),
        (None, _) => match file.verify(meta) {
            Ok(sha256) => Pass::Complete(sha256),
            Err(err) => Pass::Wrong(err),
        },
    }
}

/// The asset's metadata. `GET /assets/{id}` is a C-grade fact: when it answers 404 or 405 the
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

/// Copies the body into the file. `Ok(Some(reason))` when the body was cut off (retryable);
/// `Err` for local failures (disk), which retrying cannot fix.
async fn stream_body(
    response: &mut reqwest::Response,
    file: &mut PartFile,
    bar: &Bar,
) -> anyhow::Result<Option<String>> {
    let cut = loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                file.write(&chunk).await?;
                bar.set_position(file.len);
            }
            Ok(None) => break None,
            Err(err) => break Some(body_reason(&err)),
        }
    };
    file.flush().await?;
    Ok(cut)
}

/// The size the server promises for the whole file; an error when it contradicts the metadata.
fn expected_total(opened: &Opened, meta: &Asset) -> anyhow::Result<Option<u64>> {
    let headers = opened.response.headers();
    let from_range = headers
        .get(CONTENT_RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_content_range)
        .and_then(|r| r.2);
    let from_length = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|length| opened.start + length);
    let announced = from_range.or(from_length);
    match (announced, meta.size) {
        (Some(announced), Some(size)) if announced != size => Err(Failure::new(
            Exit::Error,
            "bad_response",
            format!(
                "the server sends {announced} bytes for `{}` but its metadata says {size}",
                clean_line(&meta.id)
            ),
        )
        .hint("try again later; the `.part` is kept for a resume")
        .into()),
        (announced, size) => Ok(announced.or(size)),
    }
}

/// Where a `206` body starts, from `Content-Range: bytes START-END/TOTAL`.
fn range_start(response: &reqwest::Response) -> Option<u64> {
    let value = response.headers().get(CONTENT_RANGE)?.to_str().ok()?;
    parse_content_range(value).map(|(start, _, _)| start)
}

/// Parses `bytes START-END/TOTAL` (`TOTAL` may be `*`).
fn parse_content_range(value: &str) -> Option<(u64, u64, Option<u64>)> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let (start, end) = range.split_once('-')?;
    let start = start.trim().parse().ok()?;
    let end = end.trim().parse().ok()?;
    let total = match total.trim() {
        "*" => None,
        text => Some(text.parse().ok()?),
    };
    (start <= end).then_some((start, end, total))
}

/// The size of an existing `.part` (0 when there is none); an error when something other than
/// a regular file sits there (a planted symlink must not redirect our writes).
fn part_len(part: &Path) -> anyhow::Result<u64> {
    match std::fs::symlink_metadata(part) {
        Ok(meta) if meta.is_file() => Ok(meta.len()),
        Ok(_) => Err(UsageError::new(
            format!(
                "`{}` is in the way: it is not a regular file",
                part.display()
            ),
            "remove it, or choose another folder with `-o DIR`",
        )
        .into()),
        Err(err) if err.kind() == ErrorKind::NotFound => Ok(0),
        Err(err) => Err(anyhow::anyhow!(
            "cannot inspect `{}`: {}",
            part.display(),
            io_reason(&err)
        )),
    }
}

fn exists_error(shown: &Path) -> anyhow::Error {
    UsageError::new(
        format!("`{}` already exists", shown.display()),
        "pass `--overwrite` to replace it, or `--skip-existing` to keep it",
    )
    .into()
}

fn bad_size(id: &str, got: u64, want: u64) -> anyhow::Error {
    Failure::new(
        Exit::Error,
        "bad_response",
        format!(
            "the download of `{}` has {got} bytes, expected {want}",
            clean_line(id)
        ),
    )
    .hint("run the command again")
    .into()
}

fn interrupted(id: &str, part: &Path, file: &PartFile, problem: &str) -> anyhow::Error {
    Failure::new(
        Exit::Error,
        "download_interrupted",
        format!(
            "the download of `{}` failed after {}: {problem}",
            clean_line(id),
            human_bytes(file.len)
        ),
    )
    .hint(format!(
        "`{}` is kept: run the same command again to resume",
        part.display()
    ))
    .into()
}

/// A resume request that failed for good: the request's error, with its exit code, under a
/// hint that says the `.part` is kept. (The cause is folded into the message: `classify` finds
/// a `Failure` only at the root of a chain.)
fn resume_failed(err: anyhow::Error, id: &str, part: &Path, file: &PartFile) -> anyhow::Error {
    let exit = crate::error::classify(&err).exit;
    let message = format!(
        "the download of `{}` stopped after {}: {err:#}",
        clean_line(id),
        human_bytes(file.len)
    );
    let hint = format!(
        "`{}` is kept: run the same command again to resume",
        part.display()
    );
    Failure::new(exit, "download_interrupted", message)
        .hint(hint)
        .into()
}

/// Why a body read failed, in the transport's own words.
fn body_reason(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return "the connection stalled (no data within the read timeout)".to_string();
    }
    let mut reason = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        reason = inner.to_string();
        source = inner.source();
    }
    crate::output::clean_line(&reason)
}

/// Names taken in this call, claimed in input order so a repeated command names alike.
struct Claims {
    taken: Mutex<HashSet<String>>,
    /// How many downloads, from the first, have claimed (or given up) their name.
    settled: watch::Sender<usize>,
    done: Mutex<Vec<bool>>,
}

impl Claims {
    fn new() -> Self {
        Self {
            taken: Mutex::default(),
            settled: watch::Sender::new(0),
            done: Mutex::default(),
        }
    }

    fn turn(&self, index: usize) -> Turn<'_> {
        Turn {
            claims: self,
            index,
            settled: false,
        }
    }

    /// Marks `index` settled and advances the count of settled downloads.
    fn settle(&self, index: usize) {
        let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
        if done.len() <= index {
            done.resize(index + 1, false);
        }
        done[index] = true;
        let next = done.iter().take_while(|d| **d).count();
        self.settled.send_replace(next);
    }

    /// `name`, or the first ` (N)` variant that neither it nor its `.part` collides with.
    fn take(&self, name: String) -> String {
        let mut taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        let free = |candidate: &str, taken: &HashSet<String>| {
            let key = candidate.to_lowercase();
            !taken.contains(&key) && !taken.contains(&part_name(&key))
        };
        let mut chosen = name.clone();
        let mut n = 0;
        while !free(&chosen, &taken) {
            n += 1;
            chosen = names::numbered(&name, n);
        }
        let key = chosen.to_lowercase();
        taken.insert(part_name(&key));
        taken.insert(key);
        chosen
    }
}

/// A download's place in the naming order; settles on drop, so a failed download never holds up
/// the ones after it.
struct Turn<'a> {
    claims: &'a Claims,
    index: usize,
    settled: bool,
}

impl Turn<'_> {
    /// Waits until every earlier download has claimed its name, then claims one.
    async fn claim(mut self, name: String) -> String {
        let claims = self.claims;
        let mut settled = claims.settled.subscribe();
        let index = self.index;
        // The sender lives as long as `claims`, so the wait cannot fail.
        let _ = settled.wait_for(|count| *count >= index).await;
        let chosen = claims.take(name);
        claims.settle(index);
        self.settled = true;
        chosen
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        if !self.settled {
            self.claims.settle(self.index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ranges_parse_with_known_and_unknown_totals() {
        assert_eq!(
            parse_content_range("bytes 100-199/200"),
            Some((100, 199, Some(200)))
        );
        assert_eq!(parse_content_range("bytes 5-9/*"), Some((5, 9, None)));
        assert_eq!(parse_content_range("bytes 9-5/10"), None);
        assert_eq!(parse_content_range("items 0-1/2"), None);
        assert_eq!(parse_content_range("bytes */200"), None);
    }

    #[tokio::test]
    async fn names_are_claimed_in_input_order_whatever_order_they_arrive_in() {
        let claims = std::sync::Arc::new(Claims::new());
        let later = {
            let claims = claims.clone();
            tokio::spawn(async move { claims.turn(1).claim("a.png".into()).await })
        };
        tokio::task::yield_now().await;
        assert!(
            !later.is_finished(),
            "the second download waits for the first"
        );
        let first = claims.turn(0).claim("A.png".into()).await;
        assert_eq!(first, "A.png");
        assert_eq!(later.await.unwrap(), "a (1).png");
    }

    #[tokio::test]
    async fn a_download_that_fails_before_naming_does_not_block_the_next() {
        let claims = Claims::new();
        drop(claims.turn(0));
        assert_eq!(claims.turn(1).claim("x".into()).await, "x");
    }

    #[test]
    fn a_name_reserves_its_part_file() {
        let claims = Claims::new();
        assert_eq!(claims.take("x.png".into()), "x.png");
        assert_eq!(claims.take("x.png.part".into()), "x.png (1).part");
    }

    #[tokio::test]
    async fn part_files_resume_with_the_hash_of_their_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.part");
        std::fs::write(&path, b"hello, wor").unwrap();
        let mut file = PartFile::open(&path, 7).await.unwrap();
        assert!(file.resumed);
        file.write(b"world").await.unwrap();
        file.flush().await.unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"hello, world");
        let meta = Asset::from_value(serde_json::json!({"id": "a", "size": 12,
            "sha256": hex::encode(Sha256::digest(b"hello, world"))}))
        .unwrap();
        assert!(file.verify(&meta).is_ok());
        file.restart().await.unwrap();
        file.write(b"x").await.unwrap();
        file.flush().await.unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"x");
        assert!(file.verify(&meta).is_err());
    }

    #[test]
    fn something_other_than_a_file_in_place_of_a_part_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(part_len(&dir.path().join("none.part")).unwrap(), 0);
        std::fs::create_dir(dir.path().join("d.part")).unwrap();
        assert!(part_len(&dir.path().join("d.part")).is_err());
    }
}
