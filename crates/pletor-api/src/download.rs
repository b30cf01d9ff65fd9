//! An asset's bytes: a body that starts where the caller's bytes end, and resumes after a cut.
//!
//! A body is asked for from an offset: a `Range` request when it is past zero. A `200` to a
//! `Range` request, a `416`, or a `206` starting elsewhere restarts from zero; a `206` to a
//! plain request is an error. [`Download::total`] is the size the server announces (the
//! `Content-Range` total, else where the body starts plus its `Content-Length`), and
//! [`Download::suggested_name`] the name `Content-Disposition` gives, unsanitized: making it a
//! safe local name is the caller's business. A body cut short is asked for again from the
//! caller's offset ([`Download::resume`]) after the backoff [`Download::next_resume`] gives,
//! within the client's retry budget.

mod disposition;

use std::time::Duration;

pub use bytes::Bytes;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_TYPE};

use crate::{ApiError, Client, Request, retry, spec};

/// A download whose body is being read: where it starts, what the server says of the file, and
/// the body itself, chunk by chunk.
pub struct Download {
    /// Asks again after a cut; its retry policy bounds the resumes.
    client: Client,
    /// The asset, for the requests that resume it.
    id: String,
    /// The answer whose body is still to be read.
    response: reqwest::Response,
    /// Where the body starts (0 after a restart): how much of the caller's bytes to keep.
    start: u64,
    /// Where the caller asked it to start.
    asked: u64,
    /// Cuts so far, counted against the client's retry budget.
    cuts: u32,
}

/// Why a body stopped before its end, in the transport's own words (cleaned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut(pub String);

impl std::fmt::Display for Cut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The next resume after a cut: how long to wait first, and which retry it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resume {
    /// The backoff before asking again.
    pub wait: Duration,
    /// This resume's number, from 1.
    pub attempt: u32,
    /// How many resumes the budget allows.
    pub retries: u32,
}

impl Download {
    /// Starts asset `id`'s body at byte `from` (a `Range` request when `from > 0`).
    pub async fn open(client: &Client, id: &str, from: u64) -> Result<Self, ApiError> {
        let (response, start) = start_body(client, id, from).await?;
        Ok(Self {
            client: client.clone(),
            id: id.to_string(),
            response,
            start,
            asked: from,
            cuts: 0,
        })
    }

    /// The asset whose bytes these are.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Where the body starts: the caller keeps this many of its bytes and drops the rest.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// Where the caller last asked the body to start, so it can tell when its bytes on disk hold
    /// another length and the body must be asked for again ([`Download::reopen`]).
    pub fn asked(&self) -> u64 {
        self.asked
    }

    /// The size of the whole file as the server announces it: the `Content-Range` total, else
    /// where the body starts plus its `Content-Length`.
    pub fn total(&self) -> Option<u64> {
        let headers = self.response.headers();
        let from_range = headers
            .get(CONTENT_RANGE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_content_range)
            .and_then(|(_, _, total)| total);
        let from_length = headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(|length| self.start + length);
        from_range.or(from_length)
    }

    /// The file name `Content-Disposition` suggests, unsanitized.
    pub fn suggested_name(&self) -> Option<String> {
        let value = self.response.headers().get(CONTENT_DISPOSITION)?;
        disposition::file_name(value.as_bytes())
    }

    /// The body's `Content-Encoding` when it is one the client would have to undo (anything
    /// but `identity`): this client asks for none and decodes none, so such a body is not the
    /// file's bytes.
    pub fn content_encoding(&self) -> Option<&str> {
        self.response
            .headers()
            .get(reqwest::header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty() && !v.eq_ignore_ascii_case("identity"))
    }

    /// The body's media type (`Content-Type`).
    pub fn content_type(&self) -> Option<&str> {
        self.response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }

    /// The next chunk of the body; `Ok(None)` at its end, `Err` when it was cut (a reset, a
    /// stall past the read timeout): worth a [`Download::resume`].
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Cut> {
        self.response.chunk().await.map_err(|err| cut_reason(&err))
    }

    /// Counts a cut and says when to ask for the rest; `None` once the retry budget is spent.
    pub fn next_resume(&mut self) -> Option<Resume> {
        let policy = self.client.policy();
        self.cuts += 1;
        if self.cuts > policy.retries {
            return None;
        }
        Some(Resume {
            wait: retry::backoff(policy, self.cuts - 1, rand::random::<f64>()),
            attempt: self.cuts,
            retries: policy.retries,
        })
    }

    /// After `resume.wait`, asks for the body from byte `from` on (the caller's bytes on disk).
    pub async fn resume(&mut self, resume: Resume, from: u64) -> Result<(), ApiError> {
        tokio::time::sleep(resume.wait).await;
        self.reopen(from).await
    }

    /// Asks for the body again from byte `from` at once (0: the whole file anew).
    pub async fn reopen(&mut self, from: u64) -> Result<(), ApiError> {
        let (response, start) = start_body(&self.client, &self.id, from).await?;
        self.response = response;
        self.start = start;
        self.asked = from;
        Ok(())
    }
}

/// Starts the body at `asked`; a `200`, a `416` or a `206` that starts elsewhere restarts from
/// zero. Returns the answer and where its body starts.
async fn start_body(
    client: &Client,
    id: &str,
    asked: u64,
) -> Result<(reqwest::Response, u64), ApiError> {
    let path = spec::asset_download(id);
    let mut from = asked;
    loop {
        let mut request = Request::get(path.clone());
        if from > 0 {
            request = request.header("range", format!("bytes={from}-"));
        }
        let response = match client.send(request).await {
            Ok(response) => response,
            Err(err) if from > 0 && err.status() == Some(416) => {
                from = 0;
                continue;
            }
            Err(err) => return Err(err),
        };
        if response.status().as_u16() != 206 {
            return Ok((response, 0));
        }
        match range_start(&response) {
            Some(start) if start == from => return Ok((response, start)),
            _ if from == 0 => {
                return Err(ApiError::Decode {
                    method: "GET".into(),
                    path,
                    status: 206,
                    problem: "a partial answer to a request for the whole file".into(),
                });
            }
            _ => from = 0,
        }
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

/// Why a body read failed, in the transport's innermost words.
fn cut_reason(err: &reqwest::Error) -> Cut {
    if err.is_timeout() {
        return Cut("the connection stalled (no data within the read timeout)".to_string());
    }
    Cut(crate::client::transport_reason(err))
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
