//! The body loop: one download's bytes into its `.part` until they verify.
//!
//! Each pass streams the body into the `.part` (see [`super::part`]), then verifies it. A body
//! cut short (reset, truncation, a stall past the read timeout) is resumed from the bytes on
//! disk, within the client's retry budget ([`Download::next_resume`]); after that the error says
//! the `.part` is kept, so a second run resumes it. A resumed file that fails its checksum (the
//! `.part` of another file of the same name) is downloaded once more from zero; a file that
//! fails it from zero is removed with an error. A disk error ends the download at once:
//! retrying cannot fix it. The size the server announces must agree with the metadata before a
//! byte is written.
//!
//! No body is read past its bound: the size the metadata or the answer announced, else
//! `--max-size` (20 GiB unless set). A body that goes past it is not the file (an endless or oversized answer), so
//! the download stops at once, the `.part` is removed and nothing is retried; so does a body
//! whose size or encoding is wrong before its first byte. Only a cut is worth a resume.

use std::path::Path;

use tokio::sync::mpsc;

use super::part::{CHUNKS_IN_FLIGHT, PartFile, Pass, Verified, verify_pass};
use super::place::Destination;
use crate::api::download::{Bytes, Cut, Download};
use crate::api::models::Asset;
use crate::error::{Exit, Failure};
use crate::output::progress::{Bar, Progress};
use crate::output::{clean_line, human_bytes, human_duration};

/// Streams the body into the `.part`, resuming after a cut, and verifies it. Notes about
/// resumes and restarts go to `notes`, above the bars.
pub(super) async fn fetch(
    notes: &Progress,
    meta: &Asset,
    dest: &Destination,
    mut download: Download,
    bar: &Bar,
    max_size: u64,
) -> anyhow::Result<Verified> {
    let label = clean_line(&dest.shown.display().to_string());
    let mut file = PartFile::open(&dest.part, download.start()).await?;
    let mut restarted = false;
    loop {
        let expected = match before_the_body(&download, meta, max_size) {
            Ok(expected) => expected,
            Err(err) => {
                file.discard().await;
                return Err(err);
            }
        };
        if let Some(total) = expected {
            bar.set_length(total);
        }
        if download.start() == 0 && file.len > 0 {
            file.restart().await?;
        }
        let bound = expected.unwrap_or(max_size);
        let cut = match stream_body(&mut download, &mut file, bar, expected, bound).await? {
            Body::Ended => None,
            Body::Cut(reason) => Some(reason),
            Body::Over(received) => {
                file.discard().await;
                return Err(past_its_size(meta, &download, received, bound));
            }
        };
        let problem = match verify_pass(&file, cut, expected, meta) {
            Pass::Complete(sha256) => {
                return Ok(Verified {
                    bytes: file.len,
                    sha256,
                    file,
                });
            }
            Pass::Cut(problem) => problem,
            // A resumed prefix may come from another file of the same name: once, start over.
            Pass::Wrong(_) if file.resumed && !restarted => {
                restarted = true;
                notes.println(&format!(
                    "{label}: checksum mismatch after resuming; downloading again"
                ));
                file.restart().await?;
                download.reopen(0).await?;
                continue;
            }
            Pass::Wrong(err) => {
                file.discard().await;
                return Err(err);
            }
        };
        resume(notes, &mut download, dest, &file, &problem).await?;
        file.resumed |= download.start() > 0;
    }
}

/// After a cut: waits (backoff) and asks for the rest, or gives up when the retry budget is
/// spent, saying that the `.part` is kept.
async fn resume(
    notes: &Progress,
    download: &mut Download,
    dest: &Destination,
    file: &PartFile,
    problem: &str,
) -> anyhow::Result<()> {
    let id = download.id().to_string();
    let Some(resume) = download.next_resume() else {
        return Err(interrupted(&id, &dest.shown_part, file, problem));
    };
    notes.println(&format!(
        "{}: {problem}; resuming from {} in {} (retry {} of {})",
        clean_line(&dest.shown.display().to_string()),
        human_bytes(file.len),
        human_duration(resume.wait),
        resume.attempt,
        resume.retries
    ));
    download
        .resume(resume, file.len)
        .await
        .map_err(|err| resume_failed(err.into(), &id, &dest.shown_part, file))
}

/// What is known before the body's first byte: the size the server promises for the whole
/// file. An error, for good (no resume can mend it), when that contradicts the metadata, passes
/// `max_size`, or the body is encoded.
fn before_the_body(
    download: &Download,
    meta: &Asset,
    max_size: u64,
) -> anyhow::Result<Option<u64>> {
    let id = clean_line(&meta.id);
    let wrong = |message: String| -> anyhow::Error {
        Failure::new(Exit::Error, "bad_response", message)
            .hint("the server's answer is not this file; nothing was kept. Try again later")
            .into()
    };
    if let Some(encoding) = download.content_encoding() {
        return Err(wrong(format!(
            "the server sends `{id}` with `Content-Encoding: {}`, which pletor does not decode",
            clean_line(encoding)
        )));
    }
    match (download.total(), meta.size) {
        (Some(announced), Some(size)) if announced != size => Err(wrong(format!(
            "the server announces {announced} bytes for `{id}` but its metadata says {size}"
        ))),
        (Some(announced), None) if announced > max_size => Err(wrong(format!(
            "the server announces {announced} bytes for `{id}`, over the {max_size}-byte limit \
             for a file of unknown size (`--max-size`)"
        ))),
        (announced, size) => Ok(announced.or(size)),
    }
}

/// A body that went past `bound`: the error that names both numbers.
fn past_its_size(meta: &Asset, download: &Download, received: u64, bound: u64) -> anyhow::Error {
    let said = match (meta.size, download.total()) {
        (Some(size), Some(length)) if size == length => {
            format!("its metadata and `Content-Length` say {size}")
        }
        (Some(size), Some(length)) => {
            format!("its metadata says {size} and `Content-Length` {length}")
        }
        (Some(size), None) => format!("its metadata says {size}"),
        (None, Some(length)) => format!("`Content-Length` says {length}"),
        (None, None) => {
            format!("nothing announced a size, and `--max-size` is {bound}")
        }
    };
    Failure::new(
        Exit::Error,
        "bad_response",
        format!(
            "the server sent {received} bytes or more for `{}`, but {said}: stopped, and its \
             `.part` removed",
            clean_line(&meta.id)
        ),
    )
    .hint("the server's answer is not this file; try again later")
    .into()
}

/// How a pass over the body ended.
enum Body {
    /// The body ended within its bound.
    Ended,
    /// The body was cut off (retryable).
    Cut(String),
    /// The body went past its bound: this many bytes from the file's start had arrived.
    Over(u64),
}

/// Copies the body into the file: this task receives, a blocking writer thread writes and a thread
/// behind it hashes ([`PartFile::write_from`]), with at most [`CHUNKS_IN_FLIGHT`] chunks between
/// this task and the writer. A chunk that would take the file past `bound` is never handed to the
/// writer: the pass ends with [`Body::Over`]. `expected` is the file's announced size, if any.
/// `Err` for local failures (disk), which retrying cannot fix.
async fn stream_body(
    download: &mut Download,
    file: &mut PartFile,
    bar: &Bar,
    expected: Option<u64>,
    bound: u64,
) -> anyhow::Result<Body> {
    let (chunks, received) = mpsc::channel::<Bytes>(CHUNKS_IN_FLIGHT);
    let mut position = file.len;
    let left = expected.map(|size| size.saturating_sub(position));
    let receiving = async move {
        loop {
            match download.chunk().await {
                Ok(Some(chunk)) => {
                    position += chunk.len() as u64;
                    if position > bound {
                        break Body::Over(position);
                    }
                    // The writer hung up: a disk error, which `write_from` returns.
                    if chunks.send(chunk).await.is_err() {
                        break Body::Ended;
                    }
                    bar.set_position(position);
                }
                Ok(None) => break Body::Ended,
                Err(Cut(reason)) => break Body::Cut(reason),
            }
        }
    };
    let (written, cut) = tokio::join!(file.write_from(received, left), receiving);
    written?;
    Ok(cut)
}

/// The retry budget is spent on cuts: the error that says the `.part` is kept, so a second run
/// resumes it.
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
