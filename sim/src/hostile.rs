//! Bodies of a server that lies on purpose: trickled, endless, longer than announced, too large,
//! or echoing the key it received. The fault rules of these kinds (see `faults.rs`) are applied
//! by `gate.rs`, which hands the real response (or the request's key) to the functions here.
//!
//! Every body here is bounded on the simulator's side too: it ends after its cap, when the
//! client goes away (hyper drops the stream once a write fails) or when the server stops.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use axum::body::{Body, BodyDataStream, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use futures_util::{Stream, StreamExt as _};
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::assets::filler_byte;
use crate::state::Shared;

/// Default pause between two trickled bytes.
pub const TRICKLE_DEFAULT_MS: u64 = 1000;

/// Default cap of an endless body: far more than any client should accept.
pub const ENDLESS_DEFAULT_CAP: u64 = 1 << 30;

/// Default number of bytes an `oversize` download sends past the asset's size.
pub const OVERSIZE_DEFAULT_EXTRA: u64 = 1 << 20;

/// Default total size of a `large_json` reply.
pub const LARGE_JSON_DEFAULT: u64 = 96 << 20;

/// Size of the chunks endless and padded bodies are made of.
const CHUNK: usize = 64 * 1024;

/// The server state: its `stopping` token ends the bodies, its `fault_body_bytes` counter
/// (in `/_sim/stats`) counts what they hand to hyper.
type Counter = Arc<Shared>;

/// Ends `stream` when the server stops, and counts what it yields.
fn guarded(
    app: Counter,
    stream: impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
) -> Body {
    let stop: CancellationToken = app.stopping.clone();
    let counted = stream.inspect(move |item| {
        if let Ok(chunk) = item {
            add(&app.stats.fault_body_bytes, chunk.len() as u64);
        }
    });
    Body::from_stream(counted.take_until(stop.cancelled_owned()))
}

fn add(counter: &AtomicU64, n: u64) {
    counter.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
}

/// Whether a response carries JSON.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"))
}

/// `trickle`: the real response, its body sent one byte at a time: the first at once, then one
/// every `ms`, at most `limit` bytes (the whole body when `None`). The real length is declared
/// (a JSON reply is measured first), so the body looks alive and honest to an idle timeout.
pub async fn trickle(app: Counter, response: Response, ms: u64, limit: Option<u64>) -> Response {
    let (mut parts, body) = response.into_parts();
    let body = if parts.headers.contains_key(header::CONTENT_LENGTH) {
        body
    } else {
        // Only small in-memory bodies (JSON) lack a declared length.
        let bytes = axum::body::to_bytes(body, 2 * 1024 * 1024)
            .await
            .unwrap_or_default();
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
        Body::from(bytes)
    };
    let pause = Duration::from_millis(ms);
    let state = (body.into_data_stream(), Bytes::new(), 0_u64);
    let limit = limit.unwrap_or(u64::MAX);
    let stream =
        futures_util::stream::unfold(state, move |(mut inner, mut held, sent)| async move {
            if sent >= limit {
                return None;
            }
            while held.is_empty() {
                match inner.next().await? {
                    Ok(chunk) => held = chunk,
                    Err(e) => return Some((Err(std::io::Error::other(e)), (inner, held, limit))),
                }
            }
            if sent > 0 {
                tokio::time::sleep(pause).await;
            }
            let byte = held.split_to(1);
            Some((Ok(byte), (inner, held, sent + 1)))
        });
    Response::from_parts(parts, guarded(app, stream))
}

/// `endless`: the real status and headers without a length (so chunked), and a body that never
/// ends until `cap` bytes: for a JSON reply, `{"data": [` then list items forever; for anything
/// else (a download), the real bytes then filler.
pub fn endless(app: Counter, response: Response, cap: u64) -> Response {
    let (mut parts, body) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    if is_json(&parts.headers) {
        let head = futures_util::stream::once(async { Ok(Bytes::from_static(b"{\"data\": [")) });
        let body = capped(head.chain(json_items()), cap);
        Response::from_parts(parts, guarded(app, body))
    } else {
        let body = capped(real_then_filler(body.into_data_stream()), cap);
        Response::from_parts(parts, guarded(app, body))
    }
}

/// Endless list items, `CHUNK` bytes at a time.
fn json_items() -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send {
    futures_util::stream::unfold(0_u64, |n| async move {
        let mut chunk = Vec::with_capacity(CHUNK + 128);
        let mut n = n;
        while chunk.len() < CHUNK {
            let item =
                json!({"id": format!("00000000-0000-4000-8000-{n:012x}"), "name": "endless"});
            chunk.extend_from_slice(item.to_string().as_bytes());
            chunk.extend_from_slice(b", ");
            n += 1;
        }
        Some((Ok(Bytes::from(chunk)), n))
    })
}

/// The real body, then filler bytes forever.
fn real_then_filler(
    inner: BodyDataStream,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send {
    let real = inner.map(|r| r.map_err(std::io::Error::other));
    real.chain(filler(u64::MAX))
}

/// `n` filler bytes (the pattern assets are made of), `CHUNK` at a time.
fn filler(n: u64) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send {
    futures_util::stream::unfold(0_u64, move |offset| async move {
        if offset >= n {
            return None;
        }
        let len = (n - offset).min(CHUNK as u64);
        let chunk: Vec<u8> = (offset..offset + len).map(filler_byte).collect();
        Some((Ok(Bytes::from(chunk)), offset + len))
    })
}

/// The first `cap` bytes of `inner`.
fn capped(
    inner: impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
    cap: u64,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send {
    futures_util::stream::unfold(
        (Box::pin(inner), 0_u64),
        move |(mut inner, sent)| async move {
            if sent >= cap {
                return None;
            }
            let item = inner.next().await?;
            let item = item.map(|mut chunk| {
                let room = usize::try_from(cap - sent).unwrap_or(usize::MAX);
                chunk.truncate(room);
                chunk
            });
            let len = item.as_ref().map_or(0, |c| c.len() as u64);
            Some((item, (inner, sent + len)))
        },
    )
}

/// `oversize`: a download that sends `extra` bytes past what it really holds (so past the
/// asset's `size` in its metadata), with the sent total as `Content-Length` when `declare`,
/// else without a length (chunked).
pub fn oversize(app: Counter, response: Response, extra: u64, declare: bool) -> Response {
    let (mut parts, body) = response.into_parts();
    let real_len = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    parts.headers.remove(header::CONTENT_LENGTH);
    if let (true, Some(len)) = (declare, real_len) {
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(len + extra));
    }
    let real = body
        .into_data_stream()
        .map(|r| r.map_err(std::io::Error::other));
    Response::from_parts(parts, guarded(app, real.chain(filler(extra))))
}

/// `large_json`: the real JSON object, padded with a `"padding"` string so the whole reply is
/// `total` bytes (still valid JSON), streamed in chunks; `Content-Length` when `declare`.
pub async fn large_json(app: Counter, response: Response, total: u64, declare: bool) -> Response {
    let (mut parts, body) = response.into_parts();
    let real = axum::body::to_bytes(body, 2 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let real = String::from_utf8_lossy(&real);
    let trimmed = real.trim_end();
    let head = match trimmed.strip_suffix('}') {
        Some(open) if open.trim_start().starts_with('{') && open.trim() != "{" => {
            format!("{open}, \"padding\": \"")
        }
        Some(_) => "{\"padding\": \"".to_owned(),
        None => format!("{{\"data\": {trimmed}, \"padding\": \""),
    };
    let tail = "\"}";
    let fixed = (head.len() + tail.len()) as u64;
    let pad = total.saturating_sub(fixed);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.status = StatusCode::OK;
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if declare {
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(fixed + pad));
    }
    let padding = futures_util::stream::unfold(0_u64, move |done| async move {
        if done >= pad {
            return None;
        }
        let len = (pad - done).min(CHUNK as u64);
        let chunk = vec![b' '; usize::try_from(len).unwrap_or(CHUNK)];
        Some((Ok(Bytes::from(chunk)), done + len))
    });
    let stream = futures_util::stream::once(async move { Ok(Bytes::from(head)) })
        .chain(padding)
        .chain(futures_util::stream::once(async move {
            Ok(Bytes::from_static(tail.as_bytes()))
        }));
    Response::from_parts(parts, guarded(app, stream))
}

/// `echo_key`: `status` (401 by default) whose body repeats the credentials the request carried
/// (`X-Api-Key` and a Bearer token), as a careless server's error page would. A rule `body` with
/// `{key}` in it has the key put there instead.
pub fn echo_key(headers: &HeaderMap, status: StatusCode, body: Option<&str>) -> Response {
    let key = headers
        .get("x-api-key")
        .or_else(|| headers.get(header::AUTHORIZATION))
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (text, content_type) = match body {
        Some(body) => (body.replace("{key}", key), "text/plain; charset=utf-8"),
        None => (
            json!({"detail": format!("Invalid or expired API key: {key} (header X-Api-Key: {key})")})
                .to_string(),
            "application/json",
        ),
    };
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
