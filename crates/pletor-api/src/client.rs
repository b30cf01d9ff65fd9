//! The one HTTP client: base URL, authentication, timeouts, redirects, retries and rate limits.
//!
//! Only [`Client::new`] builds a `reqwest::Client`. The client never prints: it reports what it
//! does through an [`Observer`], with every secret already redacted.
//!
//! Safety rules enforced here, not by callers:
//! - the key goes only to the API base's origin, and never over plain `http://` except to a
//!   loopback address; redirects are followed by hand so that a hop to another host loses it;
//! - a request is retried only when that cannot duplicate work: GET, DELETE, and a POST that
//!   carries an idempotency key ([`Request::idempotent`]);
//! - every wait (backoff, `Retry-After`, rate-limit reset) counts against one budget.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue, LOCATION};
use reqwest::{Method, StatusCode, Url};
use serde_json::Value;

use super::error::ApiError;
use super::rate::{Admit, RateBook, RateState, Reservation};
use super::retry::{self, RetryPolicy};
use super::spec;

/// A secret that never shows itself in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// How the client authenticates (A: `X-Api-Key` or a Bearer JWT).
#[derive(Debug, Clone)]
pub enum Credential {
    /// `X-Api-Key: <key>`.
    ApiKey(Secret),
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
}

/// What the client needs to know.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The API base URL: paths are joined to it, and the key only ever goes to its origin.
    pub base: String,
    /// The `User-Agent` header: the program on whose behalf the client speaks (`pletor/0.1.0`).
    pub user_agent: String,
    /// How to authenticate; `None` for requests that need no key (checking a base).
    pub credential: Option<Credential>,
    /// Longest wait for a connection, so an unreachable host fails fast.
    pub connect_timeout: Duration,
    /// Longest silence while waiting for or reading a response: a stalled transfer fails and is
    /// retried instead of hanging, however long a healthy one takes.
    pub read_timeout: Duration,
    /// How many attempts and how much waiting one request may cost.
    pub policy: RetryPolicy,
}

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

struct Silent;

impl Observer for Silent {
    fn on_event(&self, _: &Event<'_>) {}
}

/// Builds a multipart form anew for every attempt (a streamed body cannot be replayed).
pub type FormFactory =
    Arc<dyn Fn() -> std::io::Result<reqwest::multipart::Form> + Send + Sync + 'static>;

/// A request body.
#[derive(Clone, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// A JSON document.
    Json(Value),
    /// A multipart form, rebuilt per attempt.
    Multipart(FormFactory),
}

/// One API request, described before it is sent so that it can be sent again.
#[derive(Clone)]
pub struct Request {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Body,
    headers: Vec<(&'static str, String)>,
    retry_safe: bool,
}

impl Request {
    /// A request with any method; GET, HEAD, PUT and DELETE are retried, others only when
    /// [`Request::idempotent`].
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        let retry_safe = matches!(
            method,
            Method::GET | Method::HEAD | Method::DELETE | Method::PUT
        );
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: Body::Empty,
            headers: Vec::new(),
            retry_safe,
        }
    }

    /// A GET.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// A POST with a JSON body.
    pub fn post_json(path: impl Into<String>, body: Value) -> Self {
        Self::new(Method::POST, path).json(body)
    }

    /// Sets a JSON body.
    pub fn json(mut self, body: Value) -> Self {
        self.body = Body::Json(body);
        self
    }

    /// Sets a multipart body.
    pub fn multipart(mut self, factory: FormFactory) -> Self {
        self.body = Body::Multipart(factory);
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &str, value: impl Into<String>) -> Self {
        self.query.push((key.to_string(), value.into()));
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Marks the request safe to repeat: it carries an idempotency key.
    pub fn idempotent(mut self) -> Self {
        self.retry_safe = true;
        self
    }

    /// Marks the request as sent once, never retried here: the caller owns the cadence (a poll
    /// loop that must not knock faster than its own interval).
    pub fn once(mut self) -> Self {
        self.retry_safe = false;
        self
    }

    /// The path.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// What one unretried request found out about the way to the API ([`Client::probe`]).
#[derive(Debug)]
pub struct Probe {
    /// The HTTP status of the answer.
    pub status: u16,
    /// Time from sending to the response headers.
    pub took: Duration,
    /// The server's `Date` header, when it sent a valid one (whole seconds).
    pub server_date: Option<SystemTime>,
    /// This machine's clock when the headers arrived.
    pub received_at: SystemTime,
    /// What the status means when it is not a success (a refused key: `401`).
    pub error: Option<ApiError>,
}

impl Probe {
    /// How far the server's clock is ahead of this machine's (negative: behind), in seconds.
    /// `Date` has whole seconds and was written while the request was in flight, so the
    /// estimate compares the middle of that second with the middle of the exchange: it is off
    /// by at most half a second plus half of [`Probe::took`].
    pub fn clock_skew(&self) -> Option<f64> {
        let server = self.server_date? + Duration::from_millis(500);
        let local = self.received_at - self.took / 2;
        Some(match server.duration_since(local) {
            Ok(ahead) => ahead.as_secs_f64(),
            Err(behind) => -behind.duration().as_secs_f64(),
        })
    }
}

/// The API client. Cheap to clone; clones share connections and rate-limit state.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    credential: Option<Credential>,
    policy: RetryPolicy,
    read_timeout: Duration,
    rates: Arc<RateBook>,
    observer: Arc<dyn Observer>,
}

impl Client {
    /// Builds the client. Refuses a base that would expose the key.
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        let base = parse_base(&config.base)?;
        if config.credential.is_some() && !transport_is_safe(&base) {
            return Err(ApiError::Insecure {
                url: config.base.clone(),
                reason: "plain http:// is allowed only to a loopback address",
            });
        }
        let http = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ApiError::BadBase {
                url: config.base.clone(),
                reason: e.to_string(),
            })?;
        Ok(Self {
            http,
            base,
            credential: config.credential,
            policy: config.policy,
            read_timeout: config.read_timeout,
            rates: Arc::default(),
            observer: Arc::new(Silent),
        })
    }

    /// Reports events to `observer`.
    pub fn with_observer(mut self, observer: Arc<dyn Observer>) -> Self {
        self.observer = observer;
        self
    }

    /// The retry policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Says that `clients` processes (this one included) start spending this key together,
    /// such as the shards of a batch: each keeps to its part of the rate limit from the first
    /// window on (see [`super::rate`]).
    pub fn expect_sharers(&self, clients: u32) {
        self.rates.expect(clients);
    }

    /// The last known state of a rate-limit bucket (`default`, `runs`, `uploads`).
    pub fn rate_state(&self, bucket: &str) -> Option<RateState> {
        self.rates.state(bucket)
    }

    /// Sends a request and reads its JSON answer, retrying as the policy allows. An empty body
    /// is `null`.
    pub async fn json(&self, request: Request) -> Result<Value, ApiError> {
        Ok(self.json_with_headers(request).await?.0)
    }

    /// [`Client::json`], with the answer's headers (a list's `Link` header says where its next
    /// page is).
    pub async fn json_with_headers(
        &self,
        request: Request,
    ) -> Result<(Value, HeaderMap), ApiError> {
        let mut state = Attempts::default();
        loop {
            let response = self.send_counted(&request, &mut state).await?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            match response.bytes().await {
                Ok(bytes) => return Ok((self.decode(&request, status, &bytes)?, headers)),
                Err(err) => self.transport_failed(&request, &mut state, &err).await?,
            }
        }
    }

    /// The API base: links the server hands out are followed only below it.
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// Sends a request and returns the successful response with its body unread (for
    /// streaming). Errors and retries before the body are handled here.
    pub async fn send(&self, request: Request) -> Result<reqwest::Response, ApiError> {
        self.send_counted(&request, &mut Attempts::default()).await
    }

    async fn send_counted(
        &self,
        request: &Request,
        state: &mut Attempts,
    ) -> Result<reqwest::Response, ApiError> {
        loop {
            match self.attempt(request, state.attempt).await {
                Ok(response) => {
                    let status = response.status();
                    if status.is_success() {
                        return Ok(response);
                    }
                    let server_wait = server_wait(status, response.headers());
                    let failure = self.status_error(request, response).await;
                    if !retry::is_retryable_status(status.as_u16()) {
                        return Err(failure);
                    }
                    let reason = format!("{status}");
                    self.backoff_or_fail(request, state, failure, &reason, server_wait)
                        .await?;
                }
                Err(SendError::Api(err)) => return Err(err),
                Err(SendError::Body(err)) => return Err(body_error(request, &err)),
                Err(SendError::Http(err)) => self.transport_failed(request, state, &err).await?,
            }
        }
    }

    /// One attempt: waits for the rate-limit budget, sends (following redirects), books the
    /// answer's rate-limit headers and reports it to the observer. Any status is an answer.
    async fn attempt(
        &self,
        request: &Request,
        attempt: u32,
    ) -> Result<reqwest::Response, SendError> {
        let reservation = self
            .wait_for_rate_limit(request)
            .await
            .map_err(SendError::Api)?;
        let started = Instant::now();
        let response = self.send_following_redirects(request).await?;
        // A 429 is the server refusing, not a request it counted against the window.
        let counted = response.status() != StatusCode::TOO_MANY_REQUESTS;
        reservation.answered(
            rate_from_headers(response.headers(), SystemTime::now()),
            counted,
        );
        self.observer.on_event(&Event::Answered {
            method: request.method.as_str(),
            path: &request.path,
            status: response.status().as_u16(),
            elapsed: started.elapsed(),
            attempt,
        });
        Ok(response)
    }

    /// Sends `request` once, never retried, and reports what its answer says about the way to
    /// the API (`pletor doctor`): the status (an error status is an answer here, with its
    /// [`ApiError`] alongside), the time to the headers, and the server's `Date`. `Err` only
    /// when no answer came.
    pub async fn probe(&self, request: Request) -> Result<Probe, ApiError> {
        let request = request.once();
        let started = Instant::now();
        let response = match self.attempt(&request, 0).await {
            Ok(response) => response,
            Err(SendError::Api(err)) => return Err(err),
            Err(SendError::Body(err)) => return Err(body_error(&request, &err)),
            Err(SendError::Http(err)) => {
                let reason = transport_reason(&err);
                self.observer.on_event(&Event::Failed {
                    method: request.method.as_str(),
                    path: &request.path,
                    reason: &reason,
                    attempt: 0,
                });
                return Err(self.transport_error(&request, &err));
            }
        };
        let received_at = SystemTime::now();
        let took = started.elapsed();
        let server_date = response
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok());
        let status = response.status().as_u16();
        let error = if response.status().is_success() {
            None
        } else {
            Some(self.status_error(&request, response).await)
        };
        Ok(Probe {
            status,
            took,
            server_date,
            received_at,
            error,
        })
    }

    /// An attempt got no answer, or its body was cut: reports it, then waits before the next
    /// attempt or returns the error (see [`Client::backoff_or_fail`]).
    async fn transport_failed(
        &self,
        request: &Request,
        state: &mut Attempts,
        err: &reqwest::Error,
    ) -> Result<(), ApiError> {
        let reason = transport_reason(err);
        self.observer.on_event(&Event::Failed {
            method: request.method.as_str(),
            path: &request.path,
            reason: &reason,
            attempt: state.attempt,
        });
        let failure = self.transport_error(request, err);
        self.backoff_or_fail(request, state, failure, &reason, None)
            .await
    }

    /// Waits before the next attempt, or returns `failure` when retrying is not allowed or the
    /// budget is spent.
    async fn backoff_or_fail(
        &self,
        request: &Request,
        state: &mut Attempts,
        failure: ApiError,
        reason: &str,
        server_wait: Option<Duration>,
    ) -> Result<(), ApiError> {
        if !request.retry_safe || state.attempt >= self.policy.retries {
            return Err(failure);
        }
        let wait = match server_wait {
            Some(asked) => retry::clamp_server_wait(&self.policy, asked).map_err(|asked| {
                ApiError::RateLimitTooLong {
                    asked,
                    allowed: self.policy.max_total_wait,
                }
            })?,
            None => retry::backoff(&self.policy, state.attempt, rand::random::<f64>()),
        };
        if state.waited + wait > self.policy.max_total_wait {
            return Err(failure);
        }
        self.observer.on_event(&Event::Retrying {
            method: request.method.as_str(),
            path: &request.path,
            wait,
            reason,
        });
        tokio::time::sleep(wait).await;
        state.waited += wait;
        state.attempt += 1;
        Ok(())
    }

    /// Sends one attempt, following redirects by hand: the key goes only to the base's origin.
    async fn send_following_redirects(
        &self,
        request: &Request,
    ) -> Result<reqwest::Response, SendError> {
        let mut url = self.url_for(request);
        let mut method = request.method.clone();
        let mut with_body = true;
        for _hop in 0..=5 {
            let built = self.build(request, &method, url.clone(), with_body)?;
            let response = self.http.execute(built).await?;
            self.log_response(&response);
            let status = response.status();
            if !status.is_redirection() {
                return Ok(response);
            }
            let Some(next) = redirect_target(&url, response.headers()) else {
                return Ok(response);
            };
            if status == StatusCode::SEE_OTHER {
                method = Method::GET;
                with_body = false;
            }
            url = next;
        }
        // Too many hops: hand back the last redirect as an error status via one more request.
        let built = self.build(request, &method, url, with_body)?;
        Ok(self.http.execute(built).await?)
    }

    fn url_for(&self, request: &Request) -> Url {
        let mut url = self.base.clone();
        let joined = format!("{}{}", self.base.path().trim_end_matches('/'), request.path);
        url.set_path(&joined);
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(request.query.iter());
        }
        url
    }

    fn build(
        &self,
        request: &Request,
        method: &Method,
        url: Url,
        with_body: bool,
    ) -> Result<reqwest::Request, SendError> {
        let same_origin = url.origin() == self.base.origin() && transport_is_safe(&url);
        let mut builder = self.http.request(method.clone(), url);
        if same_origin {
            builder = match &self.credential {
                Some(Credential::ApiKey(key)) => builder.header("X-Api-Key", key.expose()),
                Some(Credential::Bearer(token)) => builder.bearer_auth(token.expose()),
                None => builder,
            };
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        let mut logged_body = None;
        if with_body {
            builder = match &request.body {
                Body::Empty => builder,
                Body::Json(value) => {
                    if self.observer.wants_exchanges() {
                        logged_body = Some(value.to_string());
                    }
                    builder.json(value)
                }
                Body::Multipart(factory) => {
                    logged_body = Some("<multipart form>".to_string());
                    let form = factory().map_err(SendError::Body)?;
                    builder.multipart(form)
                }
            };
        }
        let built = builder.build()?;
        if self.observer.wants_exchanges() {
            self.observer.on_event(&Event::RequestSent {
                method: built.method().as_str(),
                url: built.url().as_str(),
                headers: redacted(built.headers()),
                body: logged_body,
            });
        }
        Ok(built)
    }

    fn log_response(&self, response: &reqwest::Response) {
        if self.observer.wants_exchanges() {
            self.observer.on_event(&Event::ResponseHeaders {
                status: response.status().as_u16(),
                headers: redacted(response.headers()),
            });
        }
    }

    /// Waits until the bucket's budget can take this request, and reserves it (see
    /// [`super::rate`]).
    async fn wait_for_rate_limit(&self, request: &Request) -> Result<Reservation, ApiError> {
        let bucket = spec::rate_bucket(&request.method, &request.path);
        let mut probe_waited = Duration::ZERO;
        loop {
            let next_answer = self.rates.next_answer();
            let (admit, reservation) = self.rates.admit(bucket, SystemTime::now());
            match admit {
                Admit::Go => return Ok(reservation),
                // The first answer is slow (a large upload): go without it rather than queue
                // every request behind it.
                Admit::AwaitAnswer if probe_waited >= super::rate::PROBE_WAIT => {
                    return Ok(self.rates.admit_anyway(bucket));
                }
                Admit::AwaitAnswer => {
                    let started = Instant::now();
                    self.rates.answer_or_timeout(next_answer).await;
                    probe_waited += started.elapsed();
                }
                // Our part of a shared window is spent: an answer in flight may make room.
                Admit::Hold(wait) => {
                    let _ = tokio::time::timeout(wait, next_answer).await;
                }
                Admit::Wait(wait) => {
                    if wait > self.policy.max_total_wait {
                        return Err(ApiError::RateLimitTooLong {
                            asked: wait,
                            allowed: self.policy.max_total_wait,
                        });
                    }
                    self.observer.on_event(&Event::RateLimitWait { wait });
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    async fn status_error(&self, request: &Request, response: reqwest::Response) -> ApiError {
        let status = response.status();
        let body = response.bytes().await.unwrap_or_default();
        let text = String::from_utf8_lossy(&body);
        if self.observer.wants_exchanges() && !text.is_empty() {
            self.observer.on_event(&Event::ResponseBody { body: &text });
        }
        let detail = match serde_json::from_slice::<Value>(&body) {
            Ok(value) => spec::error_detail(&value).or_else(|| Some(excerpt(&text))),
            Err(_) if text.trim().is_empty() => None,
            Err(_) => Some(excerpt(&text)),
        };
        ApiError::Status {
            method: request.method.to_string(),
            path: request.path.clone(),
            status: status.as_u16(),
            status_line: status_line(status),
            detail: detail.map(|d| crate::text::clean_block(&d)),
        }
    }

    fn decode(&self, request: &Request, status: u16, body: &[u8]) -> Result<Value, ApiError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        let text = String::from_utf8_lossy(body);
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

    fn transport_error(&self, request: &Request, err: &reqwest::Error) -> ApiError {
        let host = self.base.host_str().unwrap_or("?").to_string();
        if err.is_timeout() {
            return ApiError::Timeout {
                method: request.method.to_string(),
                path: request.path.clone(),
                host,
                after: self.read_timeout,
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

#[derive(Default)]
struct Attempts {
    attempt: u32,
    waited: Duration,
}

/// Why one attempt got no answer.
enum SendError {
    /// The transport failed.
    Http(reqwest::Error),
    /// The body could not be built (an upload's file could not be reopened).
    Body(std::io::Error),
    /// The request never left: the rate-limit wait would be too long.
    Api(ApiError),
}

fn body_error(request: &Request, err: &std::io::Error) -> ApiError {
    ApiError::Body {
        path: request.path.clone(),
        reason: err.to_string(),
    }
}

impl From<reqwest::Error> for SendError {
    fn from(err: reqwest::Error) -> Self {
        Self::Http(err)
    }
}

/// Parses an API base, refusing what the client cannot use (not http(s), no host, a query).
pub(crate) fn parse_base(text: &str) -> Result<Url, ApiError> {
    let url = Url::parse(text).map_err(|e| ApiError::BadBase {
        url: text.to_string(),
        reason: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(ApiError::BadBase {
            url: text.to_string(),
            reason: "not an http(s) URL".into(),
        });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ApiError::BadBase {
            url: text.to_string(),
            reason: "it has a query or fragment".into(),
        });
    }
    Ok(url)
}

/// `https://`, or `http://` to a loopback address.
pub fn transport_is_safe(url: &Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => match url.host() {
            Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        },
        _ => false,
    }
}

fn redirect_target(current: &Url, headers: &HeaderMap) -> Option<Url> {
    let location = headers.get(LOCATION)?.to_str().ok()?;
    current.join(location).ok()
}

fn rate_from_headers(headers: &HeaderMap, now: SystemTime) -> Option<RateState> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let remaining = get("x-ratelimit-remaining")?
        .trim()
        .parse::<f64>()
        .ok()?
        .max(0.0) as u64;
    let reset = retry::parse_reset(get("x-ratelimit-reset")?, now)?;
    let limit = get("x-ratelimit-limit").and_then(|v| v.trim().parse().ok());
    Some(RateState {
        limit,
        remaining,
        reset_at: now + reset,
    })
}

/// What the server asked us to wait after a retryable status.
fn server_wait(status: StatusCode, headers: &HeaderMap) -> Option<Duration> {
    let now = SystemTime::now();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(wait) = header("retry-after").and_then(|v| retry::parse_retry_after(v, now)) {
        return Some(wait);
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        let spent = header("x-ratelimit-remaining").is_some_and(|v| v.trim() == "0");
        if spent {
            return header("x-ratelimit-reset").and_then(|v| retry::parse_reset(v, now));
        }
    }
    None
}

fn status_line(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

/// The innermost cause of a transport error, which says the most (`connection refused`).
fn transport_reason(err: &reqwest::Error) -> String {
    let mut reason = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        reason = inner.to_string();
        source = inner.source();
    }
    if err.is_timeout() {
        return "timed out".to_string();
    }
    crate::text::clean(&reason)
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

fn redacted(headers: &HeaderMap) -> Vec<(String, String)> {
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
    use super::*;

    #[test]
    fn keys_travel_only_over_https_or_to_loopback() {
        let safe = [
            "https://api.pletor.ai/x",
            "http://127.0.0.1:8080/",
            "http://localhost/",
            "http://[::1]:9/",
        ];
        for url in safe {
            assert!(transport_is_safe(&Url::parse(url).unwrap()), "{url}");
        }
        let unsafe_ = [
            "http://api.pletor.ai/",
            "http://10.0.0.1/",
            "http://localhost.evil.com/",
            "ftp://x/",
        ];
        for url in unsafe_ {
            assert!(!transport_is_safe(&Url::parse(url).unwrap()), "{url}");
        }
    }

    #[test]
    fn a_key_for_a_plain_http_remote_base_is_refused() {
        let config = ClientConfig {
            base: "http://api.example.com/v1".into(),
            user_agent: "test".into(),
            credential: Some(Credential::ApiKey(Secret::new("sk-123"))),
            connect_timeout: Duration::from_secs(1),
            read_timeout: Duration::from_secs(1),
            policy: RetryPolicy::default(),
        };
        let err = Client::new(config).err().unwrap();
        assert!(matches!(err, ApiError::Insecure { .. }));
        assert!(!err.to_string().contains("sk-123"));
    }

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

    #[test]
    fn rate_headers_accept_epoch_and_delta_resets() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_790_000_000);
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("1790000012"));
        let state = rate_from_headers(&headers, now).unwrap();
        assert_eq!(state.reset_at, now + Duration::from_secs(12));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("12"));
        assert_eq!(
            rate_from_headers(&headers, now).unwrap().reset_at,
            now + Duration::from_secs(12)
        );
    }

    #[test]
    fn clock_skew_compares_the_middle_of_the_date_second_with_the_middle_of_the_exchange() {
        let received_at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_790_000_000);
        let probe = |date: u64, took_ms: u64| Probe {
            status: 200,
            took: Duration::from_millis(took_ms),
            server_date: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(date)),
            received_at,
            error: None,
        };
        assert_eq!(probe(1_790_003_600, 1000).clock_skew(), Some(3601.0));
        assert_eq!(probe(1_789_999_970, 0).clock_skew(), Some(-29.5));
        let undated = Probe {
            server_date: None,
            ..probe(0, 0)
        };
        assert_eq!(undated.clock_skew(), None);
    }

    #[test]
    fn html_error_pages_become_a_short_clean_excerpt() {
        let page = "<html><head><title>502 Bad Gateway</title></head><body>\x1b[31m<h1>Bad Gateway</h1></body></html>";
        assert_eq!(excerpt(page), "502 Bad Gateway Bad Gateway");
    }
}
