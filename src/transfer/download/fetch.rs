//! The body loop: one download's bytes into its `.part` until they verify.
//!
//! Each pass streams the body into the `.part` (see [`super::part`]), then verifies it. A body
//! cut short (reset, truncation, a stall past the read timeout) is resumed from the bytes on
//! disk (see [`super::range`]). A resumed file that fails its checksum (the `.part` of another
//! file of the same name) is downloaded once more from zero; a file that fails it from zero is
//! removed with an error. A disk error ends the download at once: retrying cannot fix it.

use super::Job;
use super::part::{PartFile, Pass, verify_pass};
use super::place::Target;
use super::range::{Opened, expected_total};
use crate::api::models::Asset;
use crate::output::clean_line;
use crate::output::progress::Bar;

impl Job<'_> {
    /// Streams the body into the `.part`, resuming after a cut, and verifies it.
    pub(super) async fn fetch(
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
            let problem = match verify_pass(&file, cut, expected, meta) {
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
}

/// A verified download, still under its `.part` name.
pub(super) struct Fetched {
    /// The verified size, reported as [`super::Saved::bytes`].
    pub(super) bytes: u64,
    /// The verified hash, reported as [`super::Saved::sha256`].
    pub(super) sha256: String,
    /// The `.part`'s handle, held so that it is closed at one known point: just before the
    /// rename in [`Job::place`].
    pub(super) file: PartFile,
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
