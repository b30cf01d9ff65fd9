//! The `.part` file: a true prefix of the download, its running SHA-256, and its verification.
//!
//! A download is written to `NAME.part` beside its final name through a fixed buffer, hashed as
//! it goes. Bytes from an earlier attempt or run are kept and hashed again on open, so a resumed
//! file is verified whole; written bytes are synced on flush, so a `.part` left behind is always
//! a prefix a later run can resume. Verified means: the size the server announced and the
//! metadata's size match, and so does the metadata's SHA-256 when it has one. Something other
//! than a regular file in place of a `.part` (a planted symlink) is refused, never followed,
//! and a `.part` another process is writing (it holds the file's lock) is refused too.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt, BufWriter};

use crate::api::models::Asset;
use crate::error::{Exit, Failure, UsageError};
use crate::output::{clean_line, human_bytes};
use crate::transfer::io_reason;

/// Bytes held between the network and the disk, per download.
const WRITE_BUFFER: usize = 256 * 1024;

/// The `.part` being written, with the running hash of everything in it.
pub(super) struct PartFile {
    /// For error messages, and to remove a `.part` that can never verify.
    path: PathBuf,
    /// Holds [`WRITE_BUFFER`] bytes, so that small network chunks do not each cost a write.
    writer: BufWriter<tokio::fs::File>,
    /// The SHA-256 of every byte in the file so far, kept prefix included, so that verifying
    /// needs no second read of the file.
    hasher: Sha256,
    /// Bytes in the file so far: where a resume asks the body to start, and the size checked
    /// against the announced one.
    pub(super) len: u64,
    /// Whether some of its bytes came from an earlier attempt or run: a checksum failure then
    /// earns one download from zero, since the prefix may belong to another file.
    pub(super) resumed: bool,
}

impl PartFile {
    /// Opens the `.part` keeping its first `keep` bytes, and hashes them.
    pub(super) async fn open(path: &Path, keep: u64) -> anyhow::Result<Self> {
        let context = || format!("cannot write `{}`", path.display());
        let file = tokio::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .await
            .with_context(context)?;
        let file = file.into_std().await;
        lock(&file, path)?;
        let mut file = tokio::fs::File::from_std(file);
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

    /// Appends `chunk` and hashes it, so the hash always covers exactly the bytes written.
    pub(super) async fn write(&mut self, chunk: &[u8]) -> anyhow::Result<()> {
        self.writer
            .write_all(chunk)
            .await
            .with_context(|| format!("cannot write `{}`", self.path.display()))?;
        self.hasher.update(chunk);
        self.len += chunk.len() as u64;
        Ok(())
    }

    /// Makes what was written durable, so the `.part` is a true prefix for a later resume.
    pub(super) async fn flush(&mut self) -> anyhow::Result<()> {
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
    pub(super) async fn restart(&mut self) -> anyhow::Result<()> {
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
    pub(super) async fn discard(&mut self) {
        let _ = self.writer.flush().await;
        let _ = tokio::fs::remove_file(&self.path).await;
    }

    /// Checks the size and hash against the metadata; returns the hash.
    pub(super) fn verify(&self, meta: &Asset) -> anyhow::Result<String> {
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
pub(super) enum Pass {
    /// The whole file, verified: its SHA-256.
    Complete(String),
    /// Cut short: why (worth a resume).
    Cut(String),
    /// Complete but wrong (too long, wrong size or hash): resuming cannot fix it.
    Wrong(anyhow::Error),
}

/// Verifies the `.part` after a pass: `cut` is the transport's complaint, `expected` the size
/// the server announced (or the metadata's).
pub(super) fn verify_pass(
    file: &PartFile,
    cut: Option<String>,
    expected: Option<u64>,
    meta: &Asset,
) -> Pass {
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

/// Takes the `.part`'s exclusive lock for this process before anything is written, so two
/// processes never write one `.part`: the second is refused (exit 2) while the first holds it.
/// The lock lives as long as the handle and goes with it (also when the process dies). A file
/// system without locks is written without one.
fn lock(file: &std::fs::File, path: &Path) -> anyhow::Result<()> {
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => return Err(in_use(path)),
        Err(std::fs::TryLockError::Error(err)) if err.kind() == ErrorKind::Unsupported => {
            return Ok(());
        }
        Err(std::fs::TryLockError::Error(err)) => {
            return Err(anyhow::anyhow!(
                "cannot lock `{}`: {}",
                path.display(),
                io_reason(&err)
            ));
        }
    }
    // The holder may have finished between our open and our lock, and renamed the file it
    // locked to its final name: writing through this handle would change that file.
    if !same_file(file, path) {
        return Err(in_use(path));
    }
    Ok(())
}

/// Whether `path` still names the file `file` has open.
#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Whether `path` still names the file `file` has open: Windows does not rename a file another
/// handle holds open without sharing, so the name cannot have moved under us.
#[cfg(not(unix))]
fn same_file(_file: &std::fs::File, path: &Path) -> bool {
    path.is_file()
}

fn in_use(path: &Path) -> anyhow::Error {
    UsageError::new(
        format!(
            "`{}` is being written by another pletor process",
            path.display()
        ),
        "wait for the other download to finish, or download into another folder with `-o DIR`",
    )
    .into()
}

/// The size of an existing `.part` (0 when there is none); an error when something other than
/// a regular file sits there (a planted symlink must not redirect our writes).
pub(super) fn part_len(part: &Path) -> anyhow::Result<u64> {
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

/// The file has another size than the one announced: the server sent something other than what
/// it described (`bad_response`), which a new run may fix.
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[tokio::test]
    async fn a_part_another_handle_holds_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.part");
        let mut first = PartFile::open(&path, 0).await.unwrap();
        first.write(b"first").await.unwrap();
        first.flush().await.unwrap();
        let err = PartFile::open(&path, 0).await.err().expect("refused");
        let usage = err.downcast_ref::<UsageError>().expect("a usage error");
        assert!(
            usage
                .message
                .ends_with("is being written by another pletor process"),
            "{}",
            usage.message
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"first", "not truncated");
        drop(first);
        let mut second = PartFile::open(&path, 5).await.unwrap();
        second.write(b"+second").await.unwrap();
        second.flush().await.unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"first+second");
    }

    #[test]
    fn something_other_than_a_file_in_place_of_a_part_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(part_len(&dir.path().join("none.part")).unwrap(), 0);
        std::fs::create_dir(dir.path().join("d.part")).unwrap();
        assert!(part_len(&dir.path().join("d.part")).is_err());
    }
}
