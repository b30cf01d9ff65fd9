//! The client's pace under the rate limit: the budget it waits for before each attempt, and
//! what an answer's `X-RateLimit-*` headers tell the rate book (see [`crate::rate`]).

use std::time::{Duration, Instant, SystemTime};

use reqwest::header::HeaderMap;

use super::events::Event;
use super::request::Request;
use super::wire::Wire;
use crate::error::ApiError;
use crate::rate::{Admit, PROBE_WAIT, RateState, Reservation};
use crate::retry;
use crate::spec;

impl Wire {
    /// Waits until the request's bucket has room for it, and reserves that room; refuses when
    /// the wait would be longer than the retry budget.
    pub(super) async fn wait_for_rate_limit(
        &self,
        request: &Request,
    ) -> Result<Reservation, ApiError> {
        let bucket = spec::rate_bucket(&request.method, &request.path);
        let mut probe_waited = Duration::ZERO;
        loop {
            let next_answer = self.rates.next_answer();
            let (admit, reservation) = self.rates.admit(bucket, SystemTime::now());
            match admit {
                Admit::Go => return Ok(reservation),
                // The first answer is slow (a large upload): go without it rather than queue
                // every request behind it.
                Admit::AwaitAnswer if probe_waited >= PROBE_WAIT => {
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

/// The rate-limit state an answer's headers announce, if they announce one.
pub(super) fn rate_from_headers(headers: &HeaderMap, now: SystemTime) -> Option<RateState> {
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

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

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
