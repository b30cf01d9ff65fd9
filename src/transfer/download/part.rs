//! The `.part` file: a true prefix of the download, its running SHA-256, and its verification.
//!
//! A download is written to `NAME.part` beside its final name, hashed as it goes. The writing runs
//! on a blocking thread of its own ([`PartFile::write_from`]), fed by the receiving task through a
//! bounded channel, and the hashing on another thread behind the writer, so that receiving, writing
//! and hashing overlap instead of taking turns. Bytes from an earlier attempt or run are kept and
//! hashed again on open, so a resumed file is verified whole; what a pass wrote is synced to disk
//! before the pass ends, so a `.part` left behind is always a prefix a later run can resume.
//! Verified means: the size the server announced and the metadata's size match, and so does the
//! metadata's SHA-256 when it has one. Something other than a regular file in place of a `.part` (a
//! planted symlink) is refused, never followed, and a `.part` another process is writing (it holds
//! the file's lock) is refused too.

use std::fs::File;
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

use crate::api::download::Bytes;
use crate::api::models::Asset;
use crate::error::{Exit, Failure, UsageError};
use crate::output::{clean_line, human_bytes};
use crate::transfer::local::io_reason;

/// Bytes written to disk at a time, and read at a time when a kept prefix is hashed again.
/// Small network chunks are gathered up to this size, so a write costs a system call per
/// 256 KiB, not per chunk; a larger chunk is written in pieces, so that after a disk error the
/// hash still covers exactly what was written.
const PIECE: usize = 256 * 1024;

/// Bytes written between two early syncs, at most. A thread beside the writer makes each
/// 32 MiB durable while the rest arrives, so the sync before the rename has at most this much
/// left to flush instead of the whole file (for 1 GiB, milliseconds instead of over a second).
/// Each sync also commits the file system's journal: measured at 1 GiB, 8 and 16 MiB cost more
/// system time, 64 and 128 MiB left more to the end (bench/notes.md, "Downloads").
const SYNC_AT_MOST: u64 = 32 * 1024 * 1024;

/// Bytes written between two early syncs, at least: below this a sync costs more than it saves.
const SYNC_AT_LEAST: u64 = 4 * 1024 * 1024;

/// Bytes between early syncs for a pass that expects `size` bytes (`None`: unknown): an eighth
/// of it, from [`SYNC_AT_LEAST`] to [`SYNC_AT_MOST`]. A 64 MiB file synced only every 32 MiB
/// left 32 MiB to the last sync, a tenth of the whole download; every 8 MiB it leaves 8.
fn sync_every(size: Option<u64>) -> u64 {
    size.map_or(SYNC_AT_MOST, |size| {
        (size / 8).clamp(SYNC_AT_LEAST, SYNC_AT_MOST)
    })
}

/// Network chunks that may wait for the writer. A chunk is at most the HTTP client's read
/// buffer (about 400 KiB), so what waits stays under 7 MiB whatever the file's size.
pub(super) const CHUNKS_IN_FLIGHT: usize = 16;

/// The file and the hash of everything in it: held by the `.part` between passes, and by the
/// writer thread during one.
struct Sink {
    /// Holds [`PIECE`] bytes, so that small network chunks do not each cost a write.
    writer: std::io::BufWriter<File>,
    /// The SHA-256 of every byte in the file so far, kept prefix included, so that verifying
    /// needs no second read of the file.
    hasher: Sha256,
}

/// The `.part` being written, with the running hash of everything in it.
pub(super) struct PartFile {
    /// For error messages, and to remove a `.part` that can never verify.
    path: PathBuf,
    /// `None` only while a pass's writer thread holds it; every method but
    /// [`PartFile::write_from`] runs between passes.
    sink: Option<Sink>,
    /// Bytes in the file so far: where a resume asks the body to start, and the size checked
    /// against the announced one.
    pub(super) len: u64,
    /// Whether some of its bytes came from an earlier attempt or run: a checksum failure then
    /// earns one download from zero, since the prefix may belong to another file.
    pub(super) resumed: bool,
}

impl PartFile {
    /// Opens the `.part` keeping its first `keep` bytes, and hashes them (off the async
    /// runtime: a kept prefix may be gigabytes).
    pub(super) async fn open(path: &Path, keep: u64) -> anyhow::Result<Self> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        lock(&file, path)?;
        let sink = tokio::task::spawn_blocking(move || open_sink(file, keep))
            .await
            .context("the file writer stopped")?
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        Ok(Self {
            path: path.to_path_buf(),
            sink: Some(sink),
            len: keep,
            resumed: keep > 0,
        })
    }

    /// Appends every chunk that arrives on `chunks`, on a blocking thread, and hashes it on another
    /// ([`Hashing`]), until the sender is dropped; then makes what was written durable
    /// (`fdatasync`), so the `.part` is a true prefix for a later resume. The hash covers exactly
    /// the bytes written, until a disk error: then the writer stops and drops `chunks`, so the
    /// sender sees it at once, and the download fails; a later run hashes the kept prefix again
    /// from the disk. `expected` is how many bytes the pass should bring, when that is known: it
    /// sets how often the data is synced on the way ([`sync_every`]).
    pub(super) async fn write_from(
        &mut self,
        chunks: mpsc::Receiver<Bytes>,
        expected: Option<u64>,
    ) -> anyhow::Result<()> {
        let sink = self
            .sink
            .take()
            .context("the `.part` is already being written")?;
        let (sink, written, result) =
            tokio::task::spawn_blocking(move || write_chunks(sink, chunks, sync_every(expected)))
                .await
                .context("the file writer stopped")?;
        self.sink = Some(sink);
        self.len += written;
        result.with_context(|| format!("cannot write `{}`", self.path.display()))
    }

    /// Empties the file for a download from zero.
    pub(super) async fn restart(&mut self) -> anyhow::Result<()> {
        let sink = self.sink_mut()?;
        let emptied = sink.writer.flush().and_then(|()| {
            let file = sink.writer.get_mut();
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0)).map(drop)
        });
        sink.hasher = Sha256::new();
        self.len = 0;
        self.resumed = false;
        emptied.with_context(|| format!("cannot write `{}`", self.path.display()))
    }

    /// Removes a `.part` that can never become the right file.
    pub(super) async fn discard(&mut self) {
        if let Some(sink) = self.sink.as_mut() {
            let _ = sink.writer.flush();
        }
        let _ = std::fs::remove_file(&self.path);
    }

    /// Checks the size and hash against the metadata; returns the hash.
    pub(super) fn verify(&self, meta: &Asset) -> anyhow::Result<String> {
        if let Some(size) = meta.size.filter(|size| *size != self.len) {
            return Err(bad_size(&meta.id, self.len, size));
        }
        let sha256 = match &self.sink {
            Some(sink) => hex::encode(sink.hasher.clone().finalize()),
            None => anyhow::bail!("the `.part` is still being written"),
        };
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

    fn sink_mut(&mut self) -> anyhow::Result<&mut Sink> {
        self.sink
            .as_mut()
            .context("the `.part` is still being written")
    }
}

/// Cuts the opened (and locked) `.part` to `keep` bytes and hashes them.
fn open_sink(mut file: File, keep: u64) -> std::io::Result<Sink> {
    file.set_len(keep)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; PIECE];
    let mut left = keep;
    while left > 0 {
        let want = buffer
            .len()
            .min(usize::try_from(left).unwrap_or(usize::MAX));
        let read = file.read(&mut buffer[..want])?;
        if read == 0 {
            return Err(std::io::Error::new(
                ErrorKind::UnexpectedEof,
                "the file shrank while it was read",
            ));
        }
        hasher.update(&buffer[..read]);
        left -= read as u64;
    }
    file.seek(SeekFrom::Start(keep))?;
    Ok(Sink {
        writer: std::io::BufWriter::with_capacity(PIECE, file),
        hasher,
    })
}

/// The writer thread: every chunk written, a [`PIECE`] at a time, then handed to the
/// [`Hashing`] thread, until the channel closes; every `sync_every` bytes the [`EarlySync`]
/// thread is asked to make them durable; at the end the rest is flushed and synced. Returns the
/// sink (with the hash of exactly what was written), the bytes written, and the first error.
fn write_chunks(
    mut sink: Sink,
    mut chunks: mpsc::Receiver<Bytes>,
    sync_every: u64,
) -> (Sink, u64, std::io::Result<()>) {
    let early = EarlySync::start(sink.writer.get_ref());
    let mut hashing = Hashing::start(std::mem::take(&mut sink.hasher));
    let mut written = 0u64;
    let mut unsynced = 0u64;
    let mut failed = None;
    while let Some(chunk) = chunks.blocking_recv() {
        let mut taken = 0;
        for piece in chunk.chunks(PIECE) {
            if let Err(err) = sink.writer.write_all(piece) {
                failed = Some(err);
                break;
            }
            taken += piece.len();
        }
        written += taken as u64;
        unsynced += taken as u64;
        hashing.feed(chunk.slice(..taken));
        if failed.is_some() {
            break;
        }
        if unsynced >= sync_every {
            early.nudge();
            unsynced = 0;
        }
    }
    let hashed = hashing.finish().map(|hasher| sink.hasher = hasher);
    let early_synced = early.finish();
    if let Some(err) = failed {
        return (sink, written, Err(err));
    }
    let synced = hashed.and(early_synced).and_then(|()| {
        sink.writer
            .flush()
            .and_then(|()| sink.writer.get_ref().sync_data())
    });
    (sink, written, synced)
}

/// Chunks written but not yet hashed, at most: how far the writer may run ahead of the hash.
/// With [`CHUNKS_IN_FLIGHT`] before the writer, what waits stays under 11 MiB.
const CHUNKS_TO_HASH: usize = 8;

/// The running SHA-256 of what the writer wrote. It runs on a thread of its own, so that
/// hashing (about 0.8 s of one core per GiB with the CPU's SHA instructions) overlaps the
/// writing instead of taking turns with it: at 1 GiB the download took a seventh less time
/// (bench/notes.md, "Downloads"). When no thread can be started, the writer hashes itself.
enum Hashing {
    Thread {
        feed: std::sync::mpsc::SyncSender<Bytes>,
        thread: std::thread::JoinHandle<Sha256>,
    },
    Inline(Sha256),
}

impl Hashing {
    fn start(hasher: Sha256) -> Self {
        let (feed, fed) = std::sync::mpsc::sync_channel::<Bytes>(CHUNKS_TO_HASH);
        // A clone goes to the thread, so the hasher is still here if the thread cannot start.
        let mut on_thread = hasher.clone();
        let spawned = std::thread::Builder::new()
            .name("pletor-hash".into())
            .spawn(move || {
                for chunk in fed {
                    on_thread.update(&chunk);
                }
                on_thread
            });
        match spawned {
            Ok(thread) => Self::Thread { feed, thread },
            Err(_) => Self::Inline(hasher),
        }
    }

    /// Adds bytes that were written; waits while the thread is [`CHUNKS_TO_HASH`] behind.
    fn feed(&mut self, chunk: Bytes) {
        match self {
            // Only a panic in `update` can close the thread's end; `finish` reports it.
            Self::Thread { feed, .. } => drop(feed.send(chunk)),
            Self::Inline(hasher) => hasher.update(&chunk),
        }
    }

    /// The hash of everything fed, once the thread has caught up.
    fn finish(self) -> std::io::Result<Sha256> {
        match self {
            Self::Thread { feed, thread } => {
                drop(feed);
                thread
                    .join()
                    .map_err(|_| std::io::Error::other("the hash thread stopped"))
            }
            Self::Inline(hasher) => Ok(hasher),
        }
    }
}

/// A thread that syncs the `.part` (`fdatasync`) whenever the writer asks, through its own
/// handle of the file, so that the disk writes back what arrived while more arrives. At most one
/// request waits: a writer that outpaces the disk skips a sync rather than queue them. Without a
/// second handle (the clone failed) there are no early syncs; the final one still covers all.
struct EarlySync {
    asks: Option<std::sync::mpsc::SyncSender<()>>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl EarlySync {
    fn start(file: &File) -> Self {
        let Ok(file) = file.try_clone() else {
            return Self {
                asks: None,
                thread: None,
            };
        };
        let (asks, asked) = std::sync::mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("pletor-sync".into())
            .spawn(move || {
                for () in asked {
                    file.sync_data()?;
                }
                Ok(())
            })
            .ok();
        Self {
            asks: thread.as_ref().map(|_| asks),
            thread,
        }
    }

    /// Asks for a sync of what was written so far, unless one is already waiting.
    fn nudge(&self) {
        if let Some(asks) = &self.asks {
            let _ = asks.try_send(());
        }
    }

    /// Waits for the sync in progress and stops the thread; the first error of any early sync.
    fn finish(mut self) -> std::io::Result<()> {
        self.asks = None;
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(std::io::Error::other("the sync thread stopped")),
            None => Ok(()),
        }
    }
}

/// A verified download, still under its `.part` name.
pub(super) struct Verified {
    /// The verified size, reported as [`super::Saved::bytes`].
    pub(super) bytes: u64,
    /// The verified hash, reported as [`super::Saved::sha256`].
    pub(super) sha256: String,
    /// The `.part`'s handle, held so that it is closed at one known point: just before the
    /// rename (see [`super::place`]).
    pub(super) file: PartFile,
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

    /// Writes `chunks` as one pass would: through the channel, on the writer thread, with
    /// their total as the size the pass expects.
    async fn pass(file: &mut PartFile, chunks: &[&'static [u8]]) -> anyhow::Result<()> {
        let expected = chunks.iter().map(|chunk| chunk.len() as u64).sum();
        let (sender, receiver) = mpsc::channel(CHUNKS_IN_FLIGHT);
        let sending = async move {
            for chunk in chunks {
                if sender.send(Bytes::from_static(chunk)).await.is_err() {
                    break;
                }
            }
        };
        let (written, ()) = tokio::join!(file.write_from(receiver, Some(expected)), sending);
        written
    }

    /// The `.part` holds `expected`, byte for byte, and verifies against its size and hash.
    fn holds_exactly(file: &PartFile, path: &Path, expected: &[u8]) {
        assert_eq!(file.len, expected.len() as u64);
        assert_eq!(std::fs::read(path).unwrap(), expected);
        let meta = Asset::from_value(serde_json::json!({"id": "f",
            "size": expected.len(), "sha256": hex::encode(Sha256::digest(expected))}))
        .unwrap();
        assert!(file.verify(&meta).is_ok());
    }

    #[tokio::test]
    async fn part_files_resume_with_the_hash_of_their_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.part");
        std::fs::write(&path, b"hello, wor").unwrap();
        let mut file = PartFile::open(&path, 7).await.unwrap();
        assert!(file.resumed);
        pass(&mut file, &[b"wor", b"ld"]).await.unwrap();
        assert_eq!(file.len, 12);
        assert_eq!(std::fs::read(&path).unwrap(), b"hello, world");
        let meta = Asset::from_value(serde_json::json!({"id": "a", "size": 12,
            "sha256": hex::encode(Sha256::digest(b"hello, world"))}))
        .unwrap();
        assert!(file.verify(&meta).is_ok());
        file.restart().await.unwrap();
        pass(&mut file, &[b"x"]).await.unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"x");
        assert!(file.verify(&meta).is_err());
    }

    #[test]
    fn the_hash_thread_hashes_in_order_as_the_writer_would() {
        // More chunks than may wait, so the writer's side blocks on a full channel too.
        let chunks: Vec<Bytes> = (0..CHUNKS_TO_HASH * 4)
            .map(|n| Bytes::from(vec![u8::try_from(n).unwrap(); 1000 + n]))
            .collect();
        let whole: Vec<u8> = chunks.iter().flat_map(|chunk| chunk.to_vec()).collect();
        let mut prefix = Sha256::new();
        prefix.update(b"kept");
        let mut expected = prefix.clone();
        expected.update(&whole);
        let threaded = Hashing::start(prefix.clone());
        assert!(matches!(threaded, Hashing::Thread { .. }));
        for mut hashing in [threaded, Hashing::Inline(prefix)] {
            for chunk in &chunks {
                hashing.feed(chunk.clone());
            }
            let got = hashing.finish().unwrap().finalize();
            assert_eq!(got, expected.clone().finalize());
        }
    }

    #[tokio::test]
    async fn a_pass_of_many_chunks_lands_whole_and_hashed_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.part");
        let mut file = PartFile::open(&path, 0).await.unwrap();
        let chunks: Vec<&'static [u8]> = (0..CHUNKS_IN_FLIGHT * 8)
            .map(|i| -> &'static [u8] { Box::leak(vec![i as u8; 1000 + i].into_boxed_slice()) })
            .collect();
        pass(&mut file, &chunks).await.unwrap();
        holds_exactly(&file, &path, &chunks.concat());
    }

    #[tokio::test]
    async fn a_pass_of_chunks_larger_than_a_piece_and_past_several_syncs_lands_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.part");
        let mut file = PartFile::open(&path, 0).await.unwrap();
        // 700 KiB chunks are cut into pieces, and there are enough for two early syncs.
        let kinds: Vec<&'static [u8]> = (0..3u8)
            .map(|i| -> &'static [u8] { Box::leak(vec![i; 700 * 1024].into_boxed_slice()) })
            .collect();
        let count = (2 * SYNC_AT_LEAST as usize) / (700 * 1024) + 2;
        let chunks: Vec<&'static [u8]> = (0..count).map(|i| kinds[i % 3]).collect();
        pass(&mut file, &chunks).await.unwrap();
        let expected = chunks.concat();
        assert!(expected.len() as u64 > 2 * sync_every(Some(expected.len() as u64)));
        holds_exactly(&file, &path, &expected);
    }

    #[test]
    fn syncs_come_every_eighth_of_a_pass_from_4_to_32_mib() {
        const MIB: u64 = 1024 * 1024;
        assert_eq!(sync_every(None), 32 * MIB);
        assert_eq!(sync_every(Some(0)), 4 * MIB);
        assert_eq!(sync_every(Some(10 * MIB)), 4 * MIB);
        assert_eq!(sync_every(Some(64 * MIB)), 8 * MIB);
        assert_eq!(sync_every(Some(100 * MIB)), 100 * MIB / 8);
        assert_eq!(sync_every(Some(1024 * MIB)), 32 * MIB);
        assert_eq!(sync_every(Some(u64::MAX)), 32 * MIB);
    }

    #[tokio::test]
    async fn a_part_another_handle_holds_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.part");
        let mut first = PartFile::open(&path, 0).await.unwrap();
        pass(&mut first, &[b"first"]).await.unwrap();
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
        pass(&mut second, &[b"+second"]).await.unwrap();
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
