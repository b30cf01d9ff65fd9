//! The errors of the HTTP layer, each with a stable machine code.
//!
//! Messages hold only what the server said and what we asked; never a header value, so a key
//! cannot leak through an error. What an error means to a user (its exit code, the hint with
//! the next command to run) is the CLI's business, decided in its error module.

use std::time::Duration;

use crate::retry;

/// An error talking to the API. Every variant that concerns one request names its method and
/// path, so a message says which call failed without the caller adding it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The server answered with an error status.
    #[error("{method} {path} failed: {status_line}{}", detail_suffix(.detail))]
    Status {
        /// The request's method: with `path`, it names the call that failed.
        method: String,
        /// The request's path, relative to the API base (the key-free part of the URL).
        path: String,
        /// The code, which the CLI maps to an exit code.
        status: u16,
        /// `404 Not Found` and the like, for the message.
        status_line: String,
        /// What the server said, cleaned: `detail`, `loc: msg` lines, or a body excerpt.
        detail: Option<String>,
    },
    /// No answer: connection refused, reset, DNS, TLS.
    #[error("{method} {path}: cannot reach the API at {host}: {reason}")]
    Network {
        /// The request's method: with `path`, it names the call that failed.
        method: String,
        /// The request's path, relative to the API base.
        path: String,
        /// The host that did not answer, so a wrong `--api-base` shows.
        host: String,
        /// The transport's innermost reason (`connection refused`), cleaned.
        reason: String,
    },
    /// The server did not answer in time: silent for the read timeout, or its answer took longer
    /// than the request timeout (a trickle).
    #[error("{method} {path}: {} from {host} within {}", if *.whole { "no complete answer" } else { "no answer" }, crate::text::human_duration(*.after))]
    Timeout {
        /// The request's method: with `path`, it names the call that failed.
        method: String,
        /// The request's path, relative to the API base.
        path: String,
        /// The host that went silent.
        host: String,
        /// The timeout that fired, so the message says what to raise.
        after: Duration,
        /// True when the whole answer took too long (`--request-timeout`), false for a silence
        /// (`--read-timeout`).
        whole: bool,
    },
    /// A reply longer than the client reads (see [`crate::client::read::JSON_REPLY_MAX`]).
    #[error("{method} {path}: the answer is larger than {}; refused", crate::text::human_bytes(*.limit))]
    TooLarge {
        /// The request's method: with `path`, it names the call that failed.
        method: String,
        /// The request's path, relative to the API base.
        path: String,
        /// The most the client reads.
        limit: u64,
    },
    /// A redirect to something other than `http(s)://` (`file://`, `ftp://`): never followed.
    #[error("{method} {path}: redirected to `{location}`, which is not an http(s) URL")]
    BadRedirect {
        /// The request's method: with `path`, it names the call that failed.
        method: String,
        /// The request's path, relative to the API base.
        path: String,
        /// Where the server pointed, cleaned and with the key redacted.
        location: String,
    },
    /// A file changed (size or modification time) while it was being uploaded: what the server
    /// would hold is neither the old file nor the new one.
    #[error("`{file}` changed while it was being uploaded")]
    FileChanged {
        /// The file's name.
        file: String,
    },
    /// The answer was not what the API promises (not JSON, wrong shape).
    #[error("{method} {path}: unexpected response ({status}): {problem}")]
    Decode {
        /// The request's method: with `path`, it names the call that failed.
        method: String,
        /// The request's path, relative to the API base.
        path: String,
        /// The answer's status (usually a 2xx whose body was not what the API promises).
        status: u16,
        /// What is wrong, with a short cleaned excerpt of the body.
        problem: String,
    },
    /// A listing that would not end: past the page cap, or a page or cursor seen before.
    #[error("{method} {path}: {problem}")]
    Paging {
        /// The request's method: with `path`, it names the listing that was stopped.
        method: String,
        /// The listing's path, relative to the API base.
        path: String,
        /// What was seen (the cap reached, the cursor repeated) and how much was read.
        problem: String,
    },
    /// The rate limit would need a longer wait than allowed.
    #[error("rate limit: the API asks to wait {}, more than the {} allowed", crate::text::human_duration(*.asked), crate::text::human_duration(*.allowed))]
    RateLimitTooLong {
        /// What the server asked for (`Retry-After` or the window's reset).
        asked: Duration,
        /// The most we wait (`--retry-max-wait`).
        allowed: Duration,
    },
    /// A key would travel in clear text, or to the wrong host.
    #[error("refusing to send the API key to {url}: {reason}")]
    Insecure {
        /// The URL the key would have gone to.
        url: String,
        /// Which rule it breaks (plain `http://` to a remote host, another origin).
        reason: &'static str,
    },
    /// The request body could not be read (an upload's file vanished).
    #[error("cannot send {path}: {reason}")]
    Body {
        /// The request's path, relative to the API base.
        path: String,
        /// The I/O error reopening the file, in its own words.
        reason: String,
    },
    /// The API base cannot be used.
    #[error("invalid API base `{url}`: {reason}")]
    BadBase {
        /// The base as given (flag, environment or profile), to be fixed where it came from.
        url: String,
        /// Why it is refused: the URL parser's complaint, or the rule it breaks (`http(s)` with a
        /// host, no query or fragment).
        reason: String,
    },
}

fn detail_suffix(detail: &Option<String>) -> String {
    match detail {
        None => String::new(),
        Some(d) if d.contains('\n') => format!("\n{}", indent(d)),
        Some(d) => format!(": {d}"),
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl ApiError {
    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Status { status, .. } | Self::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The machine code in `--json` errors.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Status { status, .. } => match status {
                401 => "unauthorized",
                403 => "forbidden",
                404 => "not_found",
                409 => "conflict",
                400 | 422 => "invalid_request",
                429 => "rate_limited",
                500..=599 => "server_error",
                _ => "http_error",
            },
            Self::Network { .. } => "network",
            Self::Timeout { .. } => "timeout",
            Self::Decode { .. } => "bad_response",
            Self::Paging { .. } => "endless_list",
            Self::RateLimitTooLong { .. } => "rate_limited",
            Self::Insecure { .. } => "insecure",
            Self::BadBase { .. } => "config",
            Self::Body { .. } => "file",
            Self::TooLarge { .. } => "too_large",
            Self::BadRedirect { .. } => "bad_redirect",
            Self::FileChanged { .. } => "file_changed",
        }
    }

    /// Whether the same request may succeed if sent again unchanged: no answer at all, or a
    /// status that may heal (see [`retry::is_retryable_status`]).
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network { .. } | Self::Timeout { .. } => true,
            Self::Status { status, .. } => retry::is_retryable_status(*status),
            _ => false,
        }
    }

    /// Whether the error is a 404.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// Whether the error is a 409.
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(409)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16) -> ApiError {
        ApiError::Status {
            method: "GET".into(),
            path: "/runs/x".into(),
            status: code,
            status_line: format!("{code}"),
            detail: Some("nope".into()),
        }
    }

    #[test]
    fn only_errors_that_may_heal_are_transient() {
        for code in [408, 429, 500, 502, 503, 504] {
            assert!(status(code).is_transient(), "{code}");
        }
        for code in [400, 401, 403, 404, 409, 422] {
            assert!(!status(code).is_transient(), "{code}");
        }
        let network = ApiError::Network {
            method: "GET".into(),
            path: "/".into(),
            host: "h".into(),
            reason: "reset".into(),
        };
        assert!(network.is_transient());
        assert!(
            !ApiError::Body {
                path: "/".into(),
                reason: "gone".into()
            }
            .is_transient()
        );
    }

    #[test]
    fn multi_line_details_are_indented_under_the_message() {
        let mut err = status(422);
        if let ApiError::Status { detail, .. } = &mut err {
            *detail = Some("a: x\nb: y".into());
        }
        assert_eq!(err.to_string(), "GET /runs/x failed: 422\n  a: x\n  b: y");
    }
}
