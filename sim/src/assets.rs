//! Asset storage: metadata in memory, bytes in files under the data folder.
//!
//! Bytes are only ever streamed: an upload goes chunk by chunk into a temporary file (hashing
//! and counting on the way) that is renamed once complete, and a download reads the file in
//! chunks. So the simulator's memory does not grow with file size. This module also owns the
//! pure pieces of downloading: the `Content-Disposition` value and `Range` parsing.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncWriteExt, BufWriter};
use uuid::Uuid;

use crate::clock::rfc3339;

/// One stored file.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Public id.
    pub id: Uuid,
    /// The upload's idempotency key, if any.
    pub external_id: Option<String>,
    /// The name as given (untrusted; may hold `..`, slashes, NUL).
    pub filename: String,
    /// Media type.
    pub mime_type: String,
    /// Bytes.
    pub size: u64,
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
    /// When it was stored (simulated clock).
    pub created: SystemTime,
    /// Where the bytes are.
    pub path: PathBuf,
}

impl Asset {
    /// The object the API shows.
    pub fn to_json(&self, api_base: &str) -> Value {
        json!({
            "id": self.id,
            "external_id": self.external_id,
            "filename": self.filename,
            "mime_type": self.mime_type,
            "size": self.size,
            "sha256": self.sha256,
            "url": format!("{api_base}/assets/{}/download", self.id),
            "created_at": rfc3339(self.created),
        })
    }

    /// The `type` of a result that returns this asset.
    pub fn result_type(&self) -> &'static str {
        let top = self.mime_type.split('/').next().unwrap_or("");
        match top {
            "image" => "image",
            "video" => "video",
            "audio" => "audio",
            _ => "file",
        }
    }
}

/// All assets, newest last.
#[derive(Debug)]
pub struct AssetTable {
    dir: PathBuf,
    map: HashMap<Uuid, Asset>,
    order: Vec<Uuid>,
}

impl AssetTable {
    /// An empty table storing files in `dir`.
    pub fn new(dir: PathBuf) -> AssetTable {
        AssetTable {
            dir,
            map: HashMap::new(),
            order: Vec::new(),
        }
    }

    /// Where asset files live.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The final path of asset `id`'s bytes.
    pub fn path_for(&self, id: Uuid) -> PathBuf {
        self.dir.join(id.to_string())
    }

    /// Adds a stored asset.
    pub fn insert(&mut self, asset: Asset) {
        self.order.push(asset.id);
        self.map.insert(asset.id, asset);
    }

    /// Looks up one asset.
    pub fn get(&self, id: &Uuid) -> Option<&Asset> {
        self.map.get(id)
    }

    /// Every asset, newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Asset> {
        self.order.iter().rev().filter_map(|id| self.map.get(id))
    }

    /// Stores a small generated file (a PNG result) synchronously.
    pub fn create_small(
        &mut self,
        filename: String,
        mime_type: &str,
        bytes: &[u8],
        created: SystemTime,
    ) -> io::Result<Uuid> {
        let id = Uuid::new_v4();
        let path = self.path_for(id);
        std::fs::write(&path, bytes)?;
        self.insert(Asset {
            id,
            external_id: None,
            filename,
            mime_type: mime_type.to_owned(),
            size: bytes.len() as u64,
            sha256: hex::encode(Sha256::digest(bytes)),
            created,
            path,
        });
        Ok(id)
    }
}

/// A file being written chunk by chunk; it disappears unless [`FileSink::finish`] is reached.
pub struct FileSink {
    temp: tempfile::TempPath,
    out: BufWriter<tokio::fs::File>,
    hasher: Sha256,
    size: u64,
}

/// A complete file under its temporary name: [`Stored::persist`] keeps it, dropping deletes it.
pub struct Stored {
    temp: tempfile::TempPath,
    /// Bytes written.
    pub size: u64,
    /// Hex SHA-256.
    pub sha256: String,
}

impl Stored {
    /// Moves the file to its final name.
    pub fn persist(self, path: &Path) -> io::Result<()> {
        self.temp.persist(path).map_err(|e| e.error)
    }
}

impl FileSink {
    /// Opens a temporary file in `dir`.
    pub fn create(dir: &Path) -> io::Result<FileSink> {
        let (file, temp) = tempfile::NamedTempFile::new_in(dir)?.into_parts();
        Ok(FileSink {
            temp,
            out: BufWriter::with_capacity(256 * 1024, tokio::fs::File::from_std(file)),
            hasher: Sha256::new(),
            size: 0,
        })
    }

    /// Appends a chunk.
    pub async fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
        self.out.write_all(chunk).await
    }

    /// Flushes everything to the file.
    pub async fn finish(mut self) -> io::Result<Stored> {
        self.out.flush().await?;
        Ok(Stored {
            temp: self.temp,
            size: self.size,
            sha256: hex::encode(self.hasher.finalize()),
        })
    }
}

/// The filler byte at `offset` of an admin-created asset: `offset mod 251`.
///
/// 251 is prime, so the pattern never lines up with power-of-two chunk sizes and a misplaced
/// chunk changes the hash.
pub fn filler_byte(offset: u64) -> u8 {
    (offset % 251) as u8
}

/// The media type for a file name's extension; `application/octet-stream` when unknown.
pub fn guess_mime(filename: &str) -> &'static str {
    let ext = filename
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "pdf" => "application/pdf",
        "csv" => "text/csv",
        "json" => "application/json",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

/// RFC 5987 `attr-char`: everything else is percent-encoded in `filename*`.
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>`.
///
/// The fallback escapes quotes and backslashes and turns anything outside printable ASCII into
/// `_`; the name is otherwise sent as is, hostile or not, because judging it is the client's job.
pub fn content_disposition(filename: &str) -> String {
    let mut fallback = String::with_capacity(filename.len());
    for c in filename.chars() {
        match c {
            '"' | '\\' => {
                fallback.push('\\');
                fallback.push(c);
            }
            ' '..='~' => fallback.push(c),
            _ => fallback.push('_'),
        }
    }
    let encoded = utf8_percent_encode(filename, ATTR_CHAR);
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// What a `Range` header asks of a file of a given size.
#[derive(Debug, PartialEq, Eq)]
pub enum RangeRequest {
    /// No usable range: send everything with 200.
    Full,
    /// Send bytes `start..=end` with 206.
    Partial {
        /// First byte.
        start: u64,
        /// Last byte, inclusive.
        end: u64,
    },
    /// Nothing of the file matches: 416.
    Unsatisfiable,
}

/// Parses one `bytes=` range; multiple ranges and other units are ignored (answered in full).
pub fn parse_range(header: Option<&str>, size: u64) -> RangeRequest {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return RangeRequest::Full;
    };
    if spec.contains(',') {
        return RangeRequest::Full;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return RangeRequest::Full;
    };
    let (first, last) = (first.trim(), last.trim());
    let parsed = match (first.is_empty(), last.is_empty()) {
        (true, true) => return RangeRequest::Full,
        (true, false) => suffix_range(last, size),
        (false, _) => prefix_range(first, last, size),
    };
    parsed.unwrap_or(RangeRequest::Full)
}

/// `-n`: the last `n` bytes.
fn suffix_range(n: &str, size: u64) -> Option<RangeRequest> {
    let n: u64 = n.parse().ok()?;
    if n == 0 || size == 0 {
        return Some(RangeRequest::Unsatisfiable);
    }
    Some(RangeRequest::Partial {
        start: size.saturating_sub(n),
        end: size - 1,
    })
}

/// `a-` or `a-b`.
fn prefix_range(first: &str, last: &str, size: u64) -> Option<RangeRequest> {
    let start: u64 = first.parse().ok()?;
    let end = if last.is_empty() {
        u64::MAX
    } else {
        last.parse().ok()?
    };
    if end < start {
        return None;
    }
    if start >= size {
        return Some(RangeRequest::Unsatisfiable);
    }
    Some(RangeRequest::Partial {
        start,
        end: end.min(size - 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_the_three_forms_and_the_edges() {
        use RangeRequest::*;
        assert_eq!(parse_range(None, 10), Full);
        assert_eq!(
            parse_range(Some("bytes=2-4"), 10),
            Partial { start: 2, end: 4 }
        );
        assert_eq!(
            parse_range(Some("bytes=7-"), 10),
            Partial { start: 7, end: 9 }
        );
        assert_eq!(
            parse_range(Some("bytes=-3"), 10),
            Partial { start: 7, end: 9 }
        );
        assert_eq!(
            parse_range(Some("bytes=-30"), 10),
            Partial { start: 0, end: 9 }
        );
        assert_eq!(
            parse_range(Some("bytes=5-100"), 10),
            Partial { start: 5, end: 9 }
        );
        assert_eq!(parse_range(Some("bytes=10-"), 10), Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=-0"), 10), Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=0-"), 0), Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=4-2"), 10), Full);
        assert_eq!(parse_range(Some("bytes=0-1,4-5"), 10), Full);
        assert_eq!(parse_range(Some("items=0-1"), 10), Full);
    }

    #[test]
    fn content_disposition_has_a_safe_fallback_and_an_exact_utf8_form() {
        assert_eq!(
            content_disposition("a b.png"),
            "attachment; filename=\"a b.png\"; filename*=UTF-8''a%20b.png"
        );
        assert_eq!(
            content_disposition("é\"\\.txt"),
            "attachment; filename=\"_\\\"\\\\.txt\"; filename*=UTF-8''%C3%A9%22%5C.txt"
        );
        assert_eq!(
            content_disposition("../x\0.png"),
            "attachment; filename=\"../x_.png\"; filename*=UTF-8''..%2Fx%00.png"
        );
    }

    #[test]
    fn mime_guess_knows_the_documented_formats() {
        assert_eq!(guess_mime("A.PNG"), "image/png");
        assert_eq!(guess_mime("clip.mov"), "video/quicktime");
        assert_eq!(guess_mime("data.csv"), "text/csv");
        assert_eq!(guess_mime("noext"), "application/octet-stream");
    }
}
