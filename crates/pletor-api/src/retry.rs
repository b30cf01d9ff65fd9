//! When to retry, and how long to wait: pure functions, unit- and property-tested.
//!
//! Backoff is exponential with full jitter. A server's own word wins over our guess:
//! `Retry-After` (seconds or an HTTP date) and `X-RateLimit-Reset` (epoch seconds or a delta,
//! see [`super::spec::RESET_EPOCH_THRESHOLD`]). Every wait is clamped, so a garbage or absurd
//! header cannot make the client sleep for hours.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::spec::RESET_EPOCH_THRESHOLD;

/// How hard to try one request.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts after the first (`--retries`).
    pub retries: u32,
    /// Longest total time spent waiting between attempts, and longest single wait: a server
    /// asking for more is refused at once rather than left to stall a script (`--retry-max-wait`).
    pub max_total_wait: Duration,
    /// The first backoff step, short enough that a blip costs little.
    pub base: Duration,
    /// The largest backoff step when the server does not say how long to wait.
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            retries: 5,
            max_total_wait: Duration::from_secs(120),
            base: Duration::from_millis(250),
            cap: Duration::from_secs(10),
        }
    }
}

/// Statuses worth another try: the request may succeed unchanged.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 425 | 429 | 500 | 502 | 503 | 504)
}

/// The backoff before attempt `attempt + 1` (0-based), with full jitter: uniform in
/// `[0, min(cap, base * 2^attempt)]`. `unit` is a random number in `[0, 1)`.
pub fn backoff(policy: &RetryPolicy, attempt: u32, unit: f64) -> Duration {
    let ceiling = policy
        .base
        .saturating_mul(2u32.saturating_pow(attempt.min(20)))
        .min(policy.cap);
    ceiling.mul_f64(unit.clamp(0.0, 1.0))
}

/// Parses `Retry-After`: delay seconds or an HTTP date. A date in the past is zero; garbage is
/// `None`.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    if let Ok(secs) = value.parse::<f64>() {
        return Duration::try_from_secs_f64(secs).ok();
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Parses `X-RateLimit-Reset` into the time left until the reset: epoch seconds at or above
/// [`RESET_EPOCH_THRESHOLD`], a delta below it.
pub fn parse_reset(value: &str, now: SystemTime) -> Option<Duration> {
    let secs: f64 = value.trim().parse().ok()?;
    if !secs.is_finite() || secs < 0.0 {
        return None;
    }
    if secs >= RESET_EPOCH_THRESHOLD as f64 {
        let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs_f64();
        Some(Duration::try_from_secs_f64((secs - now).max(0.0)).ok()?)
    } else {
        Duration::try_from_secs_f64(secs).ok()
    }
}

/// A wait the server asked for, clamped to the policy; `Err` carries the asked wait when it is
/// beyond what the policy allows at all.
pub fn clamp_server_wait(policy: &RetryPolicy, asked: Duration) -> Result<Duration, Duration> {
    if asked > policy.max_total_wait {
        Err(asked)
    } else {
        Ok(asked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn retry_after_accepts_seconds_dates_and_past_dates() {
        let now = at(1_790_000_000);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after(" 0.5 ", now),
            Some(Duration::from_millis(500))
        );
        let later = httpdate::fmt_http_date(at(1_790_000_007));
        assert_eq!(parse_retry_after(&later, now), Some(Duration::from_secs(7)));
        let past = httpdate::fmt_http_date(at(1_700_000_000));
        assert_eq!(parse_retry_after(&past, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-4", now), None);
    }

    #[test]
    fn reset_is_epoch_above_the_threshold_and_delta_below() {
        let now = at(1_790_000_000);
        assert_eq!(
            parse_reset("1790000030", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(parse_reset("30", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_reset("1700000000", now), Some(Duration::ZERO));
        assert_eq!(parse_reset("never", now), None);
        assert_eq!(parse_reset("-1", now), None);
    }

    #[test]
    fn statuses_that_may_heal_are_retried_and_client_errors_are_not() {
        for status in [408, 425, 429, 500, 502, 503, 504] {
            assert!(is_retryable_status(status), "{status}");
        }
        for status in [400, 401, 403, 404, 409, 422, 501] {
            assert!(!is_retryable_status(status), "{status}");
        }
    }

    #[test]
    fn an_absurd_server_wait_is_refused() {
        let policy = RetryPolicy::default();
        assert_eq!(
            clamp_server_wait(&policy, Duration::from_secs(3)),
            Ok(Duration::from_secs(3))
        );
        assert!(clamp_server_wait(&policy, Duration::from_secs(86_400)).is_err());
    }

    proptest! {
        #[test]
        fn backoff_stays_within_its_bounds(attempt in 0u32..100, unit in 0.0f64..1.0) {
            let policy = RetryPolicy::default();
            let wait = backoff(&policy, attempt, unit);
            prop_assert!(wait <= policy.cap);
            let ceiling = policy.base.saturating_mul(2u32.saturating_pow(attempt.min(20)));
            prop_assert!(wait <= ceiling);
        }

        #[test]
        fn retry_after_never_panics_and_seconds_round_trip(secs in 0u64..10_000_000, junk in ".*") {
            let now = at(1_790_000_000);
            prop_assert_eq!(parse_retry_after(&secs.to_string(), now), Some(Duration::from_secs(secs)));
            let _ = parse_retry_after(&junk, now);
            let _ = parse_reset(&junk, now);
        }

        #[test]
        fn reset_deltas_are_never_longer_than_given(delta in 0u64..RESET_EPOCH_THRESHOLD) {
            let now = at(1_790_000_000);
            prop_assert_eq!(parse_reset(&delta.to_string(), now), Some(Duration::from_secs(delta)));
        }
    }
}
