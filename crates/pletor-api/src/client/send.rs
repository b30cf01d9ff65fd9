//! The send loop: the rate-limit budget before each attempt, redirects followed by hand, and
//! retries with backoff or the wait the server asked for, all within one budget.

use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue, LOCATION};
use reqwest::{Method, StatusCode, Url};
use serde_json::Value;

use super::Client;
use super::answers::transport_reason;
use super::events::Event;
use super::request::Request;
use crate::error::ApiError;
use crate::rate::{Admit, RateState, Reservation};
use crate::retry;
use crate::spec;

impl Client {
    /// Sends a request and reads its JSON answer, retrying as the policy allows. An empty body
    /// is `null`.
    pub async fn json(&self, request: Request) -> Result<Value, ApiError> {
        let mut state = Attempts::default();
        loop {
            let response = self.send_counted(&request, &mut state).await?;
            let status = response.status().as_u16();
            match response.bytes().await {
                Ok(bytes) => return self.decode(&request, status, &bytes),
                Err(err) => self.transport_failed(&request, &mut state, &err).await?,
            }
        }
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
    pub(super) async fn attempt(
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

#[derive(Default)]
struct Attempts {
    attempt: u32,
    waited: Duration,
}

/// Why one attempt got no answer.
pub(super) enum SendError {
    /// The transport failed.
    Http(reqwest::Error),
    /// The body could not be built (an upload's file could not be reopened).
    Body(std::io::Error),
    /// The request never left: the rate-limit wait would be too long.
    Api(ApiError),
}

pub(super) fn body_error(request: &Request, err: &std::io::Error) -> ApiError {
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
