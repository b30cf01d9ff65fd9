//! The gate every API request passes before and after its handler.
//!
//! In order: count and start a log entry; check the key (401); count the request in its
//! rate-limit bucket (429); read a JSON body so the log can show it; let a fault rule fire;
//! answer the other slash form of a route with 307; run the handler. Every answer, errors and
//! faults included, gets the bucket's `X-RateLimit-*` headers (unless a fault set its own), and
//! every request ends up in the log, with status 0 when no response was sent. Admin requests
//! (`/_sim/…`) pass straight through.

use std::io;
use std::time::Duration;

use axum::body::{Body, BodyDataStream, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use crate::api::error::ApiError;
use crate::api::{App, canonical_path};
use crate::clock::unix_f64;
use crate::config::{ADMIN_PREFIX, API_PREFIX, Config};
use crate::faults::{FaultKind, Rule};
use crate::hostile;
use crate::ratelimit::{Bucket, Verdict};
use crate::state::{LogEntry, Stats, wall_now};

/// Largest non-upload request body accepted (413 beyond).
const MAX_BODY: usize = 2 * 1024 * 1024;

/// Largest JSON body copied into the request log.
const MAX_LOGGED_BODY: usize = 64 * 1024;

/// How long a truncated body waits before breaking the connection, so that the bytes it did
/// send leave the server's write buffer first.
const TRUNCATE_FLUSH_PAUSE: Duration = Duration::from_millis(50);

/// The `external_id` a handler read from somewhere the gate cannot see (a multipart field),
/// passed back for the request log as a response extension.
#[derive(Debug, Clone)]
pub struct LoggedExternalId(pub String);

/// Cancelling this closes the request's TCP connection at once, without a response.
#[derive(Debug, Clone)]
pub struct ConnKill(pub CancellationToken);

/// The middleware; see the module documentation for the order of checks.
pub async fn gate(State(app): State<App>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if path == ADMIN_PREFIX || path.starts_with("/_sim/") {
        return next.run(req).await;
    }
    Stats::bump(&app.stats.requests);
    let mut log = LogGuard::new(app.clone(), &req);
    let relative = relative_path(&path).to_owned();
    let Some(identity) = identify(&app.config, req.headers()) else {
        let detail = ApiError::Detail(
            StatusCode::UNAUTHORIZED,
            "Invalid or missing API key".into(),
        );
        return log.finish(with_limits(detail.into_response(), app.limiter.anonymous()));
    };
    let verdict = app
        .limiter
        .check(&identity, Bucket::classify(req.method(), &relative));
    if !verdict.allowed {
        Stats::bump(&app.stats.rate_limited);
        return log.finish(with_limits(too_many(&verdict), verdict));
    }
    let req = match read_json_body(req, &mut log.entry).await {
        Ok(req) => req,
        Err(response) => return log.finish(with_limits(response, verdict)),
    };
    let response = match app.faults.take(req.method().as_str(), &relative) {
        None => route(req, next, &relative).await,
        Some(rule) => {
            Stats::bump(&app.stats.faults_fired);
            if let Some(entry) = log.entry.as_mut() {
                entry.fault = Some(rule.kind.name().to_owned());
            }
            apply_fault(&app, rule, req, next, &relative, &mut log).await
        }
    };
    log.finish(with_limits(response, verdict))
}

/// The path relative to the API base (`/runs/`), or the whole path outside it.
fn relative_path(path: &str) -> &str {
    match path.strip_prefix(API_PREFIX) {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') => rest,
        _ => path,
    }
}

/// Who is calling: an accepted `X-Api-Key`, or any Bearer token when those are accepted.
fn identify(config: &Config, headers: &HeaderMap) -> Option<String> {
    let key = headers.get("x-api-key").and_then(|v| v.to_str().ok());
    if let Some(key) = key
        && config.keys.iter().any(|k| k == key)
    {
        return Some(format!("key:{key}"));
    }
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let token = auth.and_then(|v| {
        let (scheme, token) = v.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    match token {
        Some(token) if config.accept_bearer && !token.is_empty() => Some(format!("bearer:{token}")),
        _ => None,
    }
}

/// Routes the request, or answers 307 when it names a route in the other slash form.
async fn route(req: Request, next: Next, relative: &str) -> Response {
    let in_api = req.uri().path().starts_with(API_PREFIX);
    if let Some(canonical) = canonical_path(relative).filter(|_| in_api) {
        let location = match req.uri().query() {
            Some(q) => format!("{API_PREFIX}{canonical}?{q}"),
            None => format!("{API_PREFIX}{canonical}"),
        };
        return match HeaderValue::from_str(&location) {
            Ok(v) => (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, v)]).into_response(),
            Err(_) => next.run(req).await,
        };
    }
    next.run(req).await
}

/// Adds the bucket's headers, keeping any a fault rule already set.
fn with_limits(mut response: Response, verdict: Verdict) -> Response {
    let headers = response.headers_mut();
    let pairs = [
        ("x-ratelimit-limit", u64::from(verdict.limit)),
        ("x-ratelimit-remaining", u64::from(verdict.remaining)),
        ("x-ratelimit-reset", verdict.reset),
    ];
    for (name, value) in pairs {
        headers.entry(name).or_insert(HeaderValue::from(value));
    }
    response
}

fn too_many(verdict: &Verdict) -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, HeaderValue::from(verdict.retry_after))],
        axum::Json(json!({"detail": "Rate limit exceeded"})),
    )
        .into_response()
}

/// Buffers a non-streamed body so the log can show it; uploads are left streaming.
async fn read_json_body(req: Request, entry: &mut Option<LogEntry>) -> Result<Request, Response> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/")
        || content_type.starts_with("application/octet-stream")
    {
        return Ok(req);
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_BODY).await.map_err(|_| {
        ApiError::Detail(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Request body too large or interrupted".into(),
        )
        .into_response()
    })?;
    if let (Some(entry), Ok(value)) = (entry.as_mut(), serde_json::from_slice::<Value>(&bytes)) {
        if let Some(key) = value.get("external_id").and_then(Value::as_str) {
            entry.external_id = Some(key.to_owned());
        }
        if bytes.len() <= MAX_LOGGED_BODY {
            entry.body = Some(value);
        }
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Does what `rule` says; the kinds that drop the connection never return.
async fn apply_fault(
    app: &App,
    rule: Rule,
    req: Request,
    next: Next,
    relative: &str,
    log: &mut LogGuard,
) -> Response {
    let kill = req.extensions().get::<ConnKill>().cloned();
    match rule.kind {
        FaultKind::Status => fault_response(&rule, 500),
        FaultKind::Delay => {
            tokio::time::sleep(Duration::from_millis(rule.ms.unwrap_or(0))).await;
            route(req, next, relative).await
        }
        FaultKind::Hang => {
            log.record(0);
            // Held until the server stops; then the connection is dropped like a reset.
            app.stopping.cancelled().await;
            drop_connection(kill).await
        }
        FaultKind::Reset => {
            log.record(0);
            drop_connection(kill).await
        }
        FaultKind::CommitThenReset => {
            let response = route(req, next, relative).await;
            log.note_external_id(&response);
            log.record(0);
            drop_connection(kill).await
        }
        FaultKind::CommitThenStatus => {
            drop(route(req, next, relative).await);
            fault_response(&rule, 500)
        }
        FaultKind::Truncate => {
            let response = route(req, next, relative).await;
            truncate(response, rule.bytes.unwrap_or(0)).await
        }
        FaultKind::BadJson => {
            let (mut parts, _) = route(req, next, relative).await.into_parts();
            parts.status = StatusCode::OK;
            parts.headers.remove(header::CONTENT_LENGTH);
            parts.headers.remove(header::CONTENT_RANGE);
            parts.headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            Response::from_parts(parts, Body::from("{\"id\": \"5a1b0c2d-, \"status\": "))
        }
        FaultKind::Headers => {
            let mut response = route(req, next, relative).await;
            set_headers(response.headers_mut(), &rule);
            response
        }
        FaultKind::EndlessPages => {
            crate::api::endless_page(app, req.uri().query(), relative, rule.same_cursor)
        }
        FaultKind::Trickle => {
            let response = route(req, next, relative).await;
            let ms = rule.ms.unwrap_or(hostile::TRICKLE_DEFAULT_MS);
            hostile::trickle(app.clone(), response, ms, rule.bytes).await
        }
        FaultKind::Endless => {
            let response = route(req, next, relative).await;
            let cap = rule.bytes.unwrap_or(hostile::ENDLESS_DEFAULT_CAP);
            hostile::endless(app.clone(), response, cap)
        }
        FaultKind::Oversize => {
            let response = route(req, next, relative).await;
            let extra = rule.bytes.unwrap_or(hostile::OVERSIZE_DEFAULT_EXTRA);
            hostile::oversize(app.clone(), response, extra, rule.length.unwrap_or(true))
        }
        FaultKind::LargeJson => {
            let response = route(req, next, relative).await;
            let total = rule.bytes.unwrap_or(hostile::LARGE_JSON_DEFAULT);
            hostile::large_json(app.clone(), response, total, rule.length.unwrap_or(false)).await
        }
        FaultKind::EchoKey => {
            let status = StatusCode::from_u16(rule.status.unwrap_or(401))
                .unwrap_or(StatusCode::UNAUTHORIZED);
            let mut response = hostile::echo_key(req.headers(), status, rule.body.as_deref());
            if let Some(Ok(v)) = rule.content_type.as_deref().map(HeaderValue::from_str) {
                response.headers_mut().insert(header::CONTENT_TYPE, v);
            }
            set_headers(response.headers_mut(), &rule);
            response
        }
    }
}

/// Closes the connection (the connection task drops its future) and never answers.
async fn drop_connection(kill: Option<ConnKill>) -> Response {
    if let Some(kill) = kill {
        kill.0.cancel();
    }
    std::future::pending().await
}

/// The answer of a `status` or `commit_then_status` rule.
fn fault_response(rule: &Rule, default_status: u16) -> Response {
    let status = StatusCode::from_u16(rule.status.unwrap_or(default_status))
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (body, content_type) = match &rule.body {
        Some(body) => (body.clone(), "text/plain; charset=utf-8"),
        None => (
            json!({"detail": format!("simulated fault: status {}", status.as_u16())}).to_string(),
            "application/json",
        ),
    };
    let content_type = rule.content_type.as_deref().unwrap_or(content_type);
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    // Rules are checked when posted, so these conversions only skip impossible values.
    if let Ok(v) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Some(Ok(v)) = rule.retry_after.as_deref().map(HeaderValue::from_str) {
        headers.insert(header::RETRY_AFTER, v);
    }
    set_headers(headers, rule);
    response
}

/// Sets the rule's `headers`, replacing any of the same name. A `Date` set here is sent as is:
/// hyper adds its own only when the response has none.
fn set_headers(headers: &mut HeaderMap, rule: &Rule) {
    // Rules are checked when posted, so these conversions only skip impossible values.
    for (name, value) in &rule.headers {
        if let (Ok(n), Ok(v)) = (
            header::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.insert(n, v);
        }
    }
}

/// Declares the full length but sends only `keep` bytes, then breaks the connection.
async fn truncate(response: Response, keep: u64) -> Response {
    let (mut parts, body) = response.into_parts();
    let body = if parts.headers.contains_key(header::CONTENT_LENGTH) {
        body
    } else {
        // Only small in-memory bodies (JSON) lack a declared length.
        let bytes = to_bytes(body, MAX_BODY).await.unwrap_or_default();
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
        Body::from(bytes)
    };
    let cut = cut_stream(body.into_data_stream(), keep);
    Response::from_parts(parts, Body::from_stream(cut))
}

/// The first `keep` bytes of `inner`, then an error (which makes hyper close the connection).
fn cut_stream(
    inner: BodyDataStream,
    keep: u64,
) -> impl futures_util::Stream<Item = Result<Bytes, io::Error>> + Send {
    futures_util::stream::unfold(Some((inner, keep)), |state| async move {
        let (mut inner, left) = state?;
        if left == 0 {
            tokio::time::sleep(TRUNCATE_FLUSH_PAUSE).await;
            return Some((Err(io::Error::other("simulated truncation")), None));
        }
        match inner.next().await {
            Some(Ok(chunk)) => {
                let take = chunk.len().min(usize::try_from(left).unwrap_or(usize::MAX));
                Some((Ok(chunk.slice(..take)), Some((inner, left - take as u64))))
            }
            Some(Err(e)) => Some((Err(io::Error::other(e)), None)),
            None => None,
        }
    })
}

/// The log entry of one request; written exactly once, with status 0 if dropped unanswered.
struct LogGuard {
    app: App,
    entry: Option<LogEntry>,
}

impl LogGuard {
    fn new(app: App, req: &Request) -> LogGuard {
        let query = req.uri().query().unwrap_or("").to_owned();
        let pairs = crate::api::query_pairs(Some(&query));
        let external_id = pairs
            .into_iter()
            .find(|(k, _)| k == "external_id")
            .map(|(_, v)| v);
        let headers = req.headers();
        let auth = ["x-api-key", "authorization"]
            .into_iter()
            .filter(|name| headers.contains_key(*name))
            .collect();
        let entry = LogEntry {
            t: unix_f64(wall_now()),
            method: req.method().to_string(),
            path: req.uri().path().to_owned(),
            query,
            status: 0,
            external_id,
            auth,
            body: None,
            fault: None,
        };
        LogGuard {
            app,
            entry: Some(entry),
        }
    }

    fn record(&mut self, status: u16) {
        if let Some(mut entry) = self.entry.take() {
            entry.status = status;
            if status == 409 {
                Stats::bump(&self.app.stats.conflicts);
            }
            self.app.record(entry);
        }
    }

    /// Takes the `external_id` a handler reported (from a multipart form).
    fn note_external_id(&mut self, response: &Response) {
        if let (Some(entry), Some(key)) = (
            self.entry.as_mut(),
            response.extensions().get::<LoggedExternalId>(),
        ) {
            entry.external_id = Some(key.0.clone());
        }
    }

    fn finish(&mut self, response: Response) -> Response {
        self.note_external_id(&response);
        self.record(response.status().as_u16());
        response
    }
}

impl Drop for LogGuard {
    fn drop(&mut self) {
        self.record(0);
    }
}
