//! Reading an answer's body within bounds: at most so many bytes, by a deadline.

use std::time::Instant;

use reqwest::header::CONTENT_LENGTH;

/// The largest JSON reply the client reads (64 MiB): a longer one is refused as it streams in,
/// so an endless or padded reply cannot grow memory without limit. The API's largest honest
/// answer (a page of 100 runs with their outputs) is well under a megabyte.
pub const JSON_REPLY_MAX: u64 = 64 * 1024 * 1024;

/// The most of an error body the client reads (64 KiB): its message is an excerpt anyway.
pub const ERROR_BODY_MAX: u64 = 64 * 1024;

/// How reading a body ended.
pub(super) enum Read {
    /// All of it.
    Whole(Vec<u8>),
    /// It went past the cap: what was read up to it.
    Over(Vec<u8>),
    /// The deadline passed: what was read by then.
    Late(Vec<u8>),
    /// The transport failed.
    Failed(reqwest::Error),
}

/// Reads a body chunk by chunk, counting: stops past `cap` bytes or at `deadline`.
pub(super) async fn read_within(
    response: &mut reqwest::Response,
    cap: u64,
    deadline: Option<Instant>,
) -> Read {
    let mut body = Vec::new();
    loop {
        let next = response.chunk();
        let chunk = match deadline {
            Some(deadline) => match tokio::time::timeout_at(deadline.into(), next).await {
                Ok(chunk) => chunk,
                Err(_) => return Read::Late(body),
            },
            None => next.await,
        };
        match chunk {
            Ok(Some(chunk)) => {
                if (body.len() + chunk.len()) as u64 > cap {
                    let room = (cap as usize).saturating_sub(body.len());
                    body.extend_from_slice(&chunk[..room.min(chunk.len())]);
                    return Read::Over(body);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Read::Whole(body),
            Err(err) => return Read::Failed(err),
        }
    }
}

/// The `Content-Length` the answer announces.
pub(super) fn response_length(response: &reqwest::Response) -> Option<u64> {
    response
        .headers()
        .get(CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}
