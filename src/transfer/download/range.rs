//! Where a body starts: `Range` requests, `Content-Range` answers, and resuming after a cut.
//!
//! A body is asked for from the bytes already in the `.part` (a `Range` request when there are
//! any). A `200` to a `Range` request, a `416`, or a `206` starting elsewhere restarts from zero;
//! a `206` to a plain request is an error. The size the server announces (the `Content-Range`
//! total, else `Content-Length`) must agree with the metadata before a byte is written. A body
//! cut short is asked for again from the bytes on disk after a backoff, up to the client's retry
//! budget; after that the error says the `.part` is kept, so a second run resumes it.

use std::path::Path;

use reqwest::header::{CONTENT_LENGTH, CONTENT_RANGE};

use super::Job;
use super::part::PartFile;
use super::place::Target;
use crate::api::assets;
use crate::api::models::Asset;
use crate::error::{Exit, Failure};
use crate::output::{clean_line, human_bytes};

/// A response whose body starts at byte `start` of the file.
pub(super) struct Opened {
    /// The answer whose body is still to be read; its headers name the file and announce its
    /// size.
    pub(super) response: reqwest::Response,
    /// Where the body starts (0 after a restart): how much of the `.part` to keep.
    pub(super) start: u64,
    /// Where we asked it to start, so the caller can tell when the `.part` of the name finally
    /// chosen holds another length and the body must be asked for again.
    pub(super) asked: u64,
}

impl Job<'_> {
    /// Starts the body at `from` (a `Range` request when `from > 0`). A `200`, a `416` or a
    /// `206` that starts elsewhere restarts from zero.
    pub(super) async fn open(&self, id: &str, asked: u64) -> anyhow::Result<Opened> {
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

    /// After a cut: waits (backoff) and asks for the rest, or gives up when the retry budget is
    /// spent, saying that the `.part` is kept.
    pub(super) async fn resume(
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
}

/// The size the server promises for the whole file; an error when it contradicts the metadata.
pub(super) fn expected_total(opened: &Opened, meta: &Asset) -> anyhow::Result<Option<u64>> {
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
}
