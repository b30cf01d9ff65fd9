//! What an answer, or its absence, means: a JSON value, an error status with the server's
//! detail cleaned, or a transport failure with its innermost reason.

use reqwest::StatusCode;
use serde_json::Value;

use std::time::Instant;

use super::events::Event;
use super::read::{ERROR_BODY_MAX, JSON_REPLY_MAX, Read, read_within};
use super::request::{FileChanged, Request};
use super::wire::Wire;
use crate::error::ApiError;
use crate::spec;

impl Wire {
    /// The error an error status makes: reads at most [`ERROR_BODY_MAX`] of its body by
    /// `deadline` (what came is enough for a message), with the client's key redacted before
    /// anything of it goes further.
    pub(super) async fn status_error(
        &self,
        request: &Request,
        mut response: reqwest::Response,
        deadline: Option<Instant>,
    ) -> ApiError {
        let status = response.status();
        let body = match read_within(&mut response, ERROR_BODY_MAX, deadline).await {
            Read::Whole(body) | Read::Over(body) | Read::Late(body) => body,
            Read::Failed(_) => Vec::new(),
        };
        let text = self.redact(&String::from_utf8_lossy(&body));
        if self.observer.wants_exchanges() && !text.is_empty() {
            self.observer.on_event(&Event::ResponseBody { body: &text });
        }
        let detail = match serde_json::from_str::<Value>(&text) {
            Ok(value) => spec::error_detail(&value).or_else(|| Some(excerpt(&text))),
            Err(_) if text.trim().is_empty() => None,
            Err(_) => Some(excerpt(&text)),
        };
        ApiError::Status {
            method: request.method.to_string(),
            path: request.path.clone(),
            status: status.as_u16(),
            status_line: status_line(status),
            detail: detail.map(|d| crate::text::clean(&d)),
        }
    }

    pub(super) fn decode(
        &self,
        request: &Request,
        status: u16,
        body: &[u8],
    ) -> Result<Value, ApiError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        let text = self.redact(&String::from_utf8_lossy(body));
        if self.observer.wants_exchanges() {
            self.observer.on_event(&Event::ResponseBody { body: &text });
        }
        serde_json::from_slice(body).map_err(|err| ApiError::Decode {
            method: request.method.to_string(),
            path: request.path.clone(),
            status,
            problem: format!("not JSON ({err}): {}", excerpt(&text)),
        })
    }

    pub(super) fn transport_error(&self, request: &Request, err: &reqwest::Error) -> ApiError {
        let host = self.base.host_str().unwrap_or("?").to_string();
        if err.is_timeout() {
            return ApiError::Timeout {
                method: request.method.to_string(),
                path: request.path.clone(),
                host,
                after: self.read_timeout,
                whole: false,
            };
        }
        ApiError::Network {
            method: request.method.to_string(),
            path: request.path.clone(),
            host,
            reason: transport_reason(err),
        }
    }
}

/// A JSON reply longer than the client reads.
pub(super) fn too_large(request: &Request) -> ApiError {
    ApiError::TooLarge {
        method: request.method.to_string(),
        path: request.path.clone(),
        limit: JSON_REPLY_MAX,
    }
}

/// The error an upload's body stream raised when its file changed, if that is why the
/// transport failed: such a request is never retried.
pub(super) fn changed_file(err: &reqwest::Error) -> Option<ApiError> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(inner) = source {
        let found = inner.downcast_ref::<FileChanged>().or_else(|| {
            inner
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|e| e.downcast_ref::<FileChanged>())
        });
        if let Some(changed) = found {
            return Some(ApiError::FileChanged {
                file: changed.0.clone(),
            });
        }
        source = inner.source();
    }
    None
}

/// The error a body that could not be built makes (an upload's file changed or went away).
pub(super) fn body_error(request: &Request, err: &std::io::Error) -> ApiError {
    if let Some(changed) = err.get_ref().and_then(|e| e.downcast_ref::<FileChanged>()) {
        return ApiError::FileChanged {
            file: changed.0.clone(),
        };
    }
    ApiError::Body {
        path: request.path.clone(),
        reason: err.to_string(),
    }
}

fn status_line(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

/// The innermost cause of a transport error, which says the most (`connection refused`), on
/// one line.
pub(crate) fn transport_reason(err: &reqwest::Error) -> String {
    let mut reason = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        reason = inner.to_string();
        source = inner.source();
    }
    if err.is_timeout() {
        return "timed out".to_string();
    }
    crate::text::clean_line(&reason)
}

fn excerpt(text: &str) -> String {
    let cleaned = crate::text::clean(&strip_tags(text));
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::truncate(&collapsed, 200)
}

/// Drops HTML tags, so an HTML error page reads as its text.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_error_pages_become_a_short_clean_excerpt() {
        let page = "<html><head><title>502 Bad Gateway</title></head><body>\x1b[31m<h1>Bad Gateway</h1></body></html>";
        assert_eq!(excerpt(page), "502 Bad Gateway Bad Gateway");
    }
}
