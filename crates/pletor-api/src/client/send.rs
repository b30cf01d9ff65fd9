//! The send loop: the rate-limit budget before each attempt, redirects followed by hand, and
//! retries with backoff or the wait the server asked for, all within one budget.
//!
//! How long a request may take in all, at the defaults (connect 10 s, read 60 s, request 60 s,
//! 5 retries, a retry budget of 120 s): every attempt of a JSON request ends at the latest when
//! its request timeout passes (60 s), and the time of every failed attempt counts against the
//! retry budget like the waits between attempts, so a retry's deadline is cut to what is left
//! of the budget. A server that accepts and never answers: the first attempt ends at 60 s
//! (60 s spent), the backoff takes at most 0.25 s, the second attempt gets the 59.75 s left and
//! the budget is spent: the request fails after 120 s in all, naming the host. A host that never
//! completes a connection: six attempts of 10 s plus backoffs of at most 0.25 + 0.5 + 1 + 2 + 4 s,
//! under 68 s. A server that trickles: like the silence, each attempt ends at its deadline.

use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{CONTENT_LENGTH, HeaderMap, HeaderValue, LOCATION};
use reqwest::{Method, StatusCode, Url};
use serde_json::Value;

use super::answers::transport_reason;
use super::events::Event;
use super::request::{Body, Request};
use super::{Client, JSON_REPLY_MAX};
use crate::error::ApiError;
use crate::rate::{Admit, RateState, Reservation};
use crate::retry;
use crate::spec;

impl Client {
    /// Sends a request and reads its JSON answer, retrying as the policy allows. An empty body
    /// is `null`. The answer is read within the attempt's deadline and at most
    /// [`JSON_REPLY_MAX`] bytes.
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
            let mut response = self.send_counted(&request, &mut state).await?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            if response_length(&response).is_some_and(|length| length > JSON_REPLY_MAX) {
                return Err(too_large(&request));
            }
            let read = read_within(&mut response, JSON_REPLY_MAX, state.deadline).await;
            match read {
                Read::Whole(bytes) => return Ok((self.decode(&request, status, &bytes)?, headers)),
                Read::Over(_) => return Err(too_large(&request)),
                Read::Late(_) => self.timed_out(&request, &mut state).await?,
                Read::Failed(err) => self.transport_failed(&request, &mut state, &err).await?,
            }
        }
    }

    /// Sends a request and returns the successful response with its body unread (for
    /// streaming). Errors and retries before the body are handled here; the body itself is
    /// the caller's to bound.
    pub(crate) async fn send(&self, request: Request) -> Result<reqwest::Response, ApiError> {
        self.send_counted(&request, &mut Attempts::default()).await
    }

    async fn send_counted(
        &self,
        request: &Request,
        state: &mut Attempts,
    ) -> Result<reqwest::Response, ApiError> {
        loop {
            let reservation = self.wait_for_rate_limit(request).await?;
            state.begin(self, request);
            match self
                .exchange(request, reservation, state.attempt, state.deadline)
                .await
            {
                Ok(response) => {
                    let status = response.status();
                    if status.is_success() {
                        return Ok(response);
                    }
                    let server_wait = server_wait(status, response.headers());
                    let failure = self.status_error(request, response, state.deadline).await;
                    if !retry::is_retryable_status(status.as_u16()) {
                        return Err(failure);
                    }
                    let reason = format!("{status}");
                    let asked = server_wait.map(|wait| Asked {
                        wait,
                        rate_limited: status == StatusCode::TOO_MANY_REQUESTS,
                    });
                    self.backoff_or_fail(request, state, failure, &reason, asked)
                        .await?;
                }
                Err(SendError::Api(err)) => return Err(err),
                Err(SendError::Body(err)) => return Err(body_error(request, &err)),
                Err(SendError::Late) => self.timed_out(request, state).await?,
                Err(SendError::Http(err)) => {
                    if let Some(changed) = changed_file(&err) {
                        return Err(changed);
                    }
                    self.transport_failed(request, state, &err).await?;
                }
            }
        }
    }

    /// One attempt, never retried: waits for the rate-limit budget, then sends (see
    /// [`Client::exchange`]) within the request timeout.
    pub(super) async fn attempt(
        &self,
        request: &Request,
        attempt: u32,
    ) -> Result<reqwest::Response, SendError> {
        let reservation = self
            .wait_for_rate_limit(request)
            .await
            .map_err(SendError::Api)?;
        let deadline = Instant::now() + self.request_timeout;
        self.exchange(request, reservation, attempt, Some(deadline))
            .await
    }

    /// Sends (following redirects) until the answer's headers, by `deadline` if there is one,
    /// books the answer's rate-limit headers and reports it to the observer. Any status is an
    /// answer.
    async fn exchange(
        &self,
        request: &Request,
        reservation: Reservation,
        attempt: u32,
        deadline: Option<Instant>,
    ) -> Result<reqwest::Response, SendError> {
        let started = Instant::now();
        let sent = self.send_following_redirects(request);
        let response = match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline.into(), sent)
                .await
                .map_err(|_| SendError::Late)??,
            None => sent.await?,
        };
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

    /// An attempt's whole answer did not arrive by its deadline (a trickle, or a silence the
    /// read timeout did not catch first): a failure like any transport failure.
    async fn timed_out(&self, request: &Request, state: &mut Attempts) -> Result<(), ApiError> {
        let after = state.limit;
        let reason = format!(
            "no complete answer within {}",
            crate::text::human_duration(after)
        );
        self.observer.on_event(&Event::Failed {
            method: request.method.as_str(),
            path: &request.path,
            reason: &reason,
            attempt: state.attempt,
        });
        let failure = ApiError::Timeout {
            method: request.method.to_string(),
            path: request.path.clone(),
            host: self.base.host_str().unwrap_or("?").to_string(),
            after,
            whole: true,
        };
        self.backoff_or_fail(request, state, failure, &reason, None)
            .await
    }

    /// Waits before the next attempt, or returns `failure` when retrying is not allowed or the
    /// budget is spent. The failed attempt's own time counts against the budget (see the
    /// module's arithmetic). A server's wait beyond the budget ends a rate limit (`429`) with
    /// [`ApiError::RateLimitTooLong`] and anything else (a `503` with `Retry-After`) with its own
    /// error: only a 429 is a rate limit.
    async fn backoff_or_fail(
        &self,
        request: &Request,
        state: &mut Attempts,
        failure: ApiError,
        reason: &str,
        asked: Option<Asked>,
    ) -> Result<(), ApiError> {
        state.spend_attempt();
        if !request.retry_safe || state.attempt >= self.policy.retries {
            return Err(failure);
        }
        let wait = match asked {
            Some(asked) => match retry::clamp_server_wait(&self.policy, asked.wait) {
                Ok(wait) => wait,
                Err(asked_for) if asked.rate_limited => {
                    return Err(ApiError::RateLimitTooLong {
                        asked: asked_for,
                        allowed: self.policy.max_total_wait,
                    });
                }
                Err(_) => return Err(failure),
            },
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
            if !matches!(next.scheme(), "http" | "https") {
                return Err(SendError::Api(ApiError::BadRedirect {
                    method: request.method.to_string(),
                    path: request.path.clone(),
                    location: crate::text::truncate(
                        &crate::text::clean(&self.redact(next.as_str())),
                        200,
                    ),
                }));
            }
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

    /// [`crate::rate`]).
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
                Admit::AwaitAnswer if probe_waited >= crate::rate::PROBE_WAIT => {
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
}

/// The story of one request's attempts: how many, how much of the budget is spent, and the
/// current attempt's start and deadline.
struct Attempts {
    attempt: u32,
    waited: Duration,
    started: Instant,
    /// When the current attempt must have its whole answer; `None` for a streamed upload,
    /// whose length is its file's and whose silences the read timeout bounds.
    deadline: Option<Instant>,
    /// The current attempt's time limit, for the message when it passes.
    limit: Duration,
}

impl Default for Attempts {
    fn default() -> Self {
        Self {
            attempt: 0,
            waited: Duration::ZERO,
            started: Instant::now(),
            deadline: None,
            limit: Duration::ZERO,
        }
    }
}

impl Attempts {
    /// Starts an attempt: its deadline is the request timeout, cut for a retry to what is left
    /// of the retry budget.
    fn begin(&mut self, client: &Client, request: &Request) {
        self.started = Instant::now();
        let mut limit = client.request_timeout;
        if self.attempt > 0 {
            limit = limit.min(client.policy.max_total_wait.saturating_sub(self.waited));
        }
        self.limit = limit;
        self.deadline = match request.body {
            Body::Multipart(_) => None,
            _ => Some(self.started + limit),
        };
    }

    /// Counts a failed attempt's time against the budget.
    fn spend_attempt(&mut self) {
        if self.deadline.is_some() {
            self.waited += self.started.elapsed();
        }
    }
}

/// A wait the server asked for, and whether it came with a rate limit (`429`).
#[derive(Clone, Copy)]
struct Asked {
    wait: Duration,
    rate_limited: bool,
}

/// Why one attempt got no answer.
pub(super) enum SendError {
    /// The transport failed.
    Http(reqwest::Error),
    /// The body could not be built (an upload's file could not be reopened).
    Body(std::io::Error),
    /// The request never left (the rate-limit wait would be too long), or its answer is one
    /// that must not be retried (a redirect to another scheme).
    Api(ApiError),
    /// The answer's headers did not come by the attempt's deadline.
    Late,
}

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

fn too_large(request: &Request) -> ApiError {
    ApiError::TooLarge {
        method: request.method.to_string(),
        path: request.path.clone(),
        limit: JSON_REPLY_MAX,
    }
}

/// The error an upload's body stream raised when its file changed, if that is why the
/// transport failed: such a request is never retried.
fn changed_file(err: &reqwest::Error) -> Option<ApiError> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(inner) = source {
        let found = inner
            .downcast_ref::<crate::assets::FileChanged>()
            .or_else(|| {
                inner
                    .downcast_ref::<std::io::Error>()
                    .and_then(|io| io.get_ref())
                    .and_then(|e| e.downcast_ref::<crate::assets::FileChanged>())
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

pub(super) fn body_error(request: &Request, err: &std::io::Error) -> ApiError {
    if let Some(changed) = err
        .get_ref()
        .and_then(|e| e.downcast_ref::<crate::assets::FileChanged>())
    {
        return ApiError::FileChanged {
            file: changed.0.clone(),
        };
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
