//! What the client tells its observer, and the redaction that keeps secrets out of it.

use std::time::Duration;

use reqwest::header::HeaderMap;

/// Something the client did, for logs and progress. Headers are already redacted. Every
/// attempt of a request reports with the same `method` and `path`, so a log reads as the story
/// of each request.
#[derive(Debug)]
pub enum Event<'a> {
    /// An attempt got an answer (any status).
    Answered {
        /// The request's method.
        method: &'a str,
        /// Path relative to the base (or the full URL after a cross-origin redirect).
        path: &'a str,
        /// The answer's status: a log shows what each attempt got.
        status: u16,
        /// Time to the response headers: slow answers show in `-v`.
        elapsed: Duration,
        /// 0 for the first attempt, so retries are told apart.
        attempt: u32,
    },
    /// An attempt failed without an answer (refused, reset, timed out).
    Failed {
        /// The request's method.
        method: &'a str,
        /// Path relative to the base.
        path: &'a str,
        /// The transport's innermost reason (`connection refused`), cleaned.
        reason: &'a str,
        /// 0 for the first attempt.
        attempt: u32,
    },
    /// The client waits before trying again.
    Retrying {
        /// The request's method.
        method: &'a str,
        /// Path relative to the base.
        path: &'a str,
        /// The backoff, or what the server asked for (`Retry-After`).
        wait: Duration,
        /// What the attempt got (a status line or a transport reason).
        reason: &'a str,
    },
    /// The rate limit is spent; the client waits for the reset instead of provoking a 429.
    RateLimitWait {
        /// Until the window resets, as the server's headers tell.
        wait: Duration,
    },
    /// `-vv`: a request as it goes on the wire.
    RequestSent {
        /// The method actually sent (a `303` turns a POST into a GET).
        method: &'a str,
        /// The full URL, after redirects.
        url: &'a str,
        /// Headers, secrets redacted.
        headers: Vec<(String, String)>,
        /// The body when it is JSON; `<multipart form>` for uploads, whose bytes are not logged.
        body: Option<String>,
    },
    /// `-vv`: the status and headers of an answer, before its body is read.
    ResponseHeaders {
        /// The answer's status.
        status: u16,
        /// Headers, secrets redacted (`Set-Cookie` among them).
        headers: Vec<(String, String)>,
    },
    /// `-vv`: a JSON (or error) body; downloads are never logged.
    ResponseBody {
        /// The body as text (lossy UTF-8).
        body: &'a str,
    },
}

/// Receives [`Event`]s.
pub trait Observer: Send + Sync {
    /// Called for every event.
    fn on_event(&self, event: &Event<'_>);
    /// Whether `Request`/`Response` events are wanted (they cost a copy of headers and bodies).
    fn wants_exchanges(&self) -> bool {
        false
    }
}
pub(super) struct Silent;

impl Observer for Silent {
    fn on_event(&self, _: &Event<'_>) {}
}

pub(super) fn redacted(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = if is_secret_header(name.as_str()) {
                "[redacted]".to_string()
            } else {
                crate::text::clean(&String::from_utf8_lossy(value.as_bytes()))
            };
            (name.to_string(), shown)
        })
        .collect()
}

fn is_secret_header(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "x-api-key" | "authorization" | "cookie" | "set-cookie" | "proxy-authorization"
    )
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::super::config::Secret;
    use super::*;

    #[test]
    fn secret_headers_are_redacted_and_secrets_hide_from_debug() {
        let mut headers = HeaderMap::new();
        headers.insert("x-api-key", HeaderValue::from_static("sk-live"));
        headers.insert("authorization", HeaderValue::from_static("Bearer t"));
        headers.insert("accept", HeaderValue::from_static("*/*"));
        let shown = format!("{:?}", redacted(&headers));
        assert!(!shown.contains("sk-live") && !shown.contains("Bearer t"));
        assert!(shown.contains("*/*"));
        assert_eq!(
            format!("{:?}", Secret::new("sk-live")),
            "Secret([redacted])"
        );
    }
}
