//! The send loop: for each attempt the rate-limit budget ([`super::pace`]), one exchange on the
//! wire with its redirects ([`super::wire`]), then retries with backoff or the wait the server
//! asked for, all within one budget.
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

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::Value;

use super::answers::{body_error, changed_file, too_large, transport_reason};
use super::events::Event;
use super::pace::rate_from_headers;
use super::read::{JSON_REPLY_MAX, Read, read_within, response_length};
use super::request::{Body, Request};
use super::wire::{SendError, Wire};
use crate::error::ApiError;
use crate::rate::Reservation;
use crate::retry;

impl Wire {
    /// Sends a request and reads its JSON answer with its headers, retrying as the policy
    /// allows (see [`super::Client::json_with_headers`]).
    pub(super) async fn json_with_headers(
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

    /// Sends a request and returns the successful response with its body unread (see
    /// [`super::Client::send`]).
    pub(super) async fn send(&self, request: Request) -> Result<reqwest::Response, ApiError> {
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
    /// [`Wire::exchange`]) within the request timeout.
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
    /// attempt or returns the error (see [`Wire::backoff_or_fail`]).
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
    fn begin(&mut self, wire: &Wire, request: &Request) {
        self.started = Instant::now();
        let mut limit = wire.request_timeout;
        if self.attempt > 0 {
            limit = limit.min(wire.policy.max_total_wait.saturating_sub(self.waited));
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
