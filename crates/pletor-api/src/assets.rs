//! Assets: streaming upload (idempotent), metadata and listing; their bytes come down through
//! [`crate::download`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use futures_util::StreamExt;
use serde_json::Value;

use super::list::{self, Limit, Listing};
use super::models::Asset;
use super::{ApiError, Client, FormFactory, Request, spec};

/// What an upload's body stream fails with when its file changes under it.
pub use crate::client::FileChanged;

/// Called with the bytes sent so far in the current attempt (it restarts at 0 on a retry).
pub type Progress = Arc<dyn Fn(u64) + Send + Sync>;

/// A file to upload, checked before the first request.
#[derive(Clone)]
pub struct Upload {
    /// Where it is on disk; reopened for every attempt, since a streamed body cannot be replayed.
    pub path: PathBuf,
    /// The name the server records (the file's own name, without its folders).
    pub filename: String,
    /// The media type sent with the part, guessed from the name.
    pub mime_type: String,
    /// Its size when checked: the part's declared length, so a file that changes while it is
    /// sent fails instead of uploading something else.
    pub size: u64,
    /// The idempotency key: a retry, or a second invocation, adopts the first upload.
    pub external_id: String,
}

/// An uploaded asset, created now or adopted after a `409`.
#[derive(Debug)]
pub struct Uploaded {
    /// The asset as the server holds it, new or adopted: `upload --json` prints its `raw`.
    pub asset: Asset,
    /// True when a `409` showed an earlier attempt made it: nothing was uploaded twice.
    pub adopted: bool,
}

/// Uploads a file as the multipart part `file`, streaming it from disk. Each attempt reopens
/// the file; the `external_id` makes retries safe and a `409` adopts the first attempt's asset.
pub async fn upload(
    client: &Client,
    upload: &Upload,
    progress: Progress,
) -> Result<Uploaded, ApiError> {
    let request = Request::new(reqwest::Method::POST, spec::UPLOAD_PATH)
        .multipart(form_factory(upload.clone(), progress))
        .idempotent();
    match client.json(request).await {
        Ok(value) => Ok(Uploaded {
            asset: parse(value, spec::UPLOAD_PATH)?,
            adopted: false,
        }),
        Err(err) if err.is_conflict() => {
            match find_by_external_id(client, &upload.external_id).await? {
                Some(asset) => Ok(Uploaded {
                    asset,
                    adopted: true,
                }),
                None => Err(err),
            }
        }
        Err(err) => Err(err),
    }
}

/// Bytes read from disk at a time for an upload. Every read of a `tokio::fs::File` is a trip
/// to the blocking thread pool: at 64 KiB those trips cost a quarter to a third of `curl`'s
/// upload throughput (BENCHMARKS.md, "Uploads"); 256 KiB costs about 1 MiB more memory per upload.
const READ_CHUNK: usize = 256 * 1024;

/// The file's bytes as a stream of chunks of about [`READ_CHUNK`] bytes.
fn file_chunks(file: std::fs::File) -> tokio_util::io::ReaderStream<tokio::fs::File> {
    tokio_util::io::ReaderStream::with_capacity(tokio::fs::File::from_std(file), READ_CHUNK)
}

/// What an upload's file looked like when its attempt began.
#[derive(Clone)]
struct Snapshot {
    size: u64,
    modified: Option<std::time::SystemTime>,
}

impl Snapshot {
    fn of(file: &std::fs::File) -> std::io::Result<Self> {
        let meta = file.metadata()?;
        Ok(Self {
            size: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// Checks, after every chunk and at the end, that the file is still the one the attempt
/// began with and that no more (or, at the end, no fewer) bytes than its size were read.
fn check_unchanged(
    file: &std::fs::File,
    began: &Snapshot,
    read: u64,
    at_end: bool,
    name: &str,
) -> std::io::Result<()> {
    let now = Snapshot::of(file)?;
    let changed = now.size != began.size
        || now.modified != began.modified
        || read > began.size
        || (at_end && read != began.size);
    if changed {
        return Err(std::io::Error::other(FileChanged(name.to_string())));
    }
    Ok(())
}

fn form_factory(upload: Upload, progress: Progress) -> FormFactory {
    Arc::new(move || {
        let file = std::fs::File::open(&upload.path)?;
        let began = Snapshot::of(&file)?;
        if began.size != upload.size {
            return Err(std::io::Error::other(FileChanged(upload.filename.clone())));
        }
        let watch = file.try_clone()?;
        let sent = Arc::new(AtomicU64::new(0));
        progress(0);
        let progress = progress.clone();
        let name = upload.filename.clone();
        let (end_watch, end_began, end_sent, end_name) = (
            watch.try_clone()?,
            began.clone(),
            sent.clone(),
            name.clone(),
        );
        let chunks = file_chunks(file).map(move |chunk| {
            let bytes = chunk?;
            let total = sent.fetch_add(bytes.len() as u64, Ordering::Relaxed) + bytes.len() as u64;
            check_unchanged(&watch, &began, total, false, &name)?;
            progress(total);
            Ok(bytes)
        });
        let end = futures_util::stream::once(async move {
            check_unchanged(
                &end_watch,
                &end_began,
                end_sent.load(Ordering::Relaxed),
                true,
                &end_name,
            )
        })
        .filter_map(|checked| async move { checked.err().map(Err) });
        let stream = chunks.chain(end);
        let part = reqwest::multipart::Part::stream_with_length(
            reqwest::Body::wrap_stream(stream),
            upload.size,
        )
        .file_name(upload.filename.clone())
        .mime_str(&upload.mime_type)
        .map_err(std::io::Error::other)?;
        Ok(reqwest::multipart::Form::new()
            .text(spec::UPLOAD_EXTERNAL_ID_FIELD, upload.external_id.clone())
            .part(spec::UPLOAD_FILE_PART, part))
    })
}

/// Finds the asset uploaded with `external_id`.
pub async fn find_by_external_id(
    client: &Client,
    external_id: &str,
) -> Result<Option<Asset>, ApiError> {
    let request = Request::get(spec::collection("assets")).query("external_id", external_id);
    let listing = list::fetch(client, request, Limit::AtMost(spec::PAGE_MAX)).await?;
    Ok(listing
        .items
        .into_iter()
        .filter(|item| item.get("external_id").and_then(Value::as_str) == Some(external_id))
        .find_map(Asset::from_value))
}

/// Fetches an asset's metadata.
pub async fn get(client: &Client, id: &str) -> Result<Asset, ApiError> {
    let path = spec::item("assets", id);
    let value = client.json(Request::get(path.clone())).await?;
    parse(value, &path)
}

/// Lists the newest assets, whichever end of the list the server starts with (see
/// [`list::fetch_newest`]); in the server's order.
pub async fn list(
    client: &Client,
    external_id: Option<&str>,
    limit: Limit,
) -> Result<Listing, ApiError> {
    let mut request = Request::get(spec::collection("assets"));
    if let Some(external_id) = external_id {
        request = request.query("external_id", external_id);
    }
    list::fetch_newest(client, request, limit).await
}

/// The media type of a file from its extension.
pub fn guess_mime(path: &Path) -> String {
    mime_guess::from_path(path)
        .first_or_octet_stream()
        .essence_str()
        .to_string()
}

fn parse(value: Value, path: &str) -> Result<Asset, ApiError> {
    Asset::from_value(value).ok_or_else(|| ApiError::Decode {
        method: "GET".into(),
        path: path.to_string(),
        status: 200,
        problem: "the asset has no id".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_upload_reads_its_file_in_few_large_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.bin");
        let bytes: Vec<u8> = (0..(1 << 20) + 1).map(|i: u32| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let chunks: Vec<bytes::Bytes> = file_chunks(std::fs::File::open(&path).unwrap())
            .map(|chunk| chunk.unwrap())
            .collect()
            .await;
        assert!(
            chunks.len() <= bytes.len() / READ_CHUNK + 1,
            "{} reads for 1 MiB",
            chunks.len()
        );
        assert_eq!(chunks.concat(), bytes);
    }
}
