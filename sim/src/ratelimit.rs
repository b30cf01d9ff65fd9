//! Per-key rate limits in three buckets, with fixed windows.
//!
//! A window opens at the first request of a key in a bucket and lasts `rate_window`; the next
//! request after it ends opens a new one. Anchoring windows to the first request (instead of to
//! the clock's minute) keeps tests deterministic. Every answer reports the bucket's limit, what
//! is left, and the window's end as Unix epoch seconds rounded up; a refusal also says how many
//! whole seconds (rounded up, at least 1) to wait.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use axum::http::Method;

use crate::clock::unix_ceil;
use crate::sync::lock;

/// Requests allowed per window and key, per bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Everything that is not a run create or an upload (documented: 2000/min).
    pub default: u32,
    /// `POST /runs/` and `POST /app-runs/` (documented: 600/min).
    pub runs: u32,
    /// `POST /assets/upload/` (documented: 600/min).
    pub uploads: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            default: 2000,
            runs: 600,
            uploads: 600,
        }
    }
}

/// Which counter a request draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    /// Everything else.
    Default,
    /// Run and app-run creation.
    Runs,
    /// Uploads.
    Uploads,
}

impl Bucket {
    /// The bucket of `method` on `path` (relative to the API base, either slash form).
    pub fn classify(method: &Method, path: &str) -> Bucket {
        if method != Method::POST {
            return Bucket::Default;
        }
        match path.trim_end_matches('/') {
            "/runs" | "/app-runs" => Bucket::Runs,
            "/assets/upload" => Bucket::Uploads,
            _ => Bucket::Default,
        }
    }
}

/// What the limiter decided for one request.
#[derive(Debug, Clone, Copy)]
pub struct Verdict {
    /// Whether the request may proceed.
    pub allowed: bool,
    /// `X-RateLimit-Limit`.
    pub limit: u32,
    /// `X-RateLimit-Remaining`.
    pub remaining: u32,
    /// `X-RateLimit-Reset`, Unix epoch seconds.
    pub reset: u64,
    /// `Retry-After` seconds, meaningful when refused.
    pub retry_after: u64,
}

struct Window {
    opened: Instant,
    opened_wall: SystemTime,
    used: u32,
}

/// The counters of every key and bucket.
pub struct Limiter {
    limits: RateLimits,
    window: Duration,
    windows: Mutex<HashMap<(String, Bucket), Window>>,
}

impl Limiter {
    /// A limiter with no traffic yet.
    pub fn new(limits: RateLimits, window: Duration) -> Limiter {
        Limiter {
            limits,
            window,
            windows: Mutex::new(HashMap::new()),
        }
    }

    fn limit(&self, bucket: Bucket) -> u32 {
        match bucket {
            Bucket::Default => self.limits.default,
            Bucket::Runs => self.limits.runs,
            Bucket::Uploads => self.limits.uploads,
        }
    }

    /// Counts one request of `identity` in `bucket`, unless the window is used up.
    pub fn check(&self, identity: &str, bucket: Bucket) -> Verdict {
        let limit = self.limit(bucket);
        let now = Instant::now();
        let mut windows = lock(&self.windows);
        let window = windows
            .entry((identity.to_owned(), bucket))
            .or_insert_with(|| Window {
                opened: now,
                opened_wall: SystemTime::now(),
                used: 0,
            });
        if now.duration_since(window.opened) >= self.window {
            *window = Window {
                opened: now,
                opened_wall: SystemTime::now(),
                used: 0,
            };
        }
        let allowed = window.used < limit;
        if allowed {
            window.used += 1;
        }
        let left = self
            .window
            .saturating_sub(now.duration_since(window.opened));
        Verdict {
            allowed,
            limit,
            remaining: limit.saturating_sub(window.used),
            reset: unix_ceil(window.opened_wall + self.window),
            retry_after: (left.as_secs() + u64::from(left.subsec_nanos() > 0)).max(1),
        }
    }

    /// The headers for a request that has no identity (a 401): a full default bucket.
    pub fn anonymous(&self) -> Verdict {
        let limit = self.limits.default;
        Verdict {
            allowed: true,
            limit,
            remaining: limit,
            reset: unix_ceil(SystemTime::now() + self.window),
            retry_after: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_follow_method_and_path() {
        assert_eq!(Bucket::classify(&Method::POST, "/runs/"), Bucket::Runs);
        assert_eq!(Bucket::classify(&Method::POST, "/app-runs"), Bucket::Runs);
        assert_eq!(
            Bucket::classify(&Method::POST, "/assets/upload/"),
            Bucket::Uploads
        );
        assert_eq!(Bucket::classify(&Method::GET, "/runs/"), Bucket::Default);
        assert_eq!(
            Bucket::classify(&Method::POST, "/runs/x/reviews/y"),
            Bucket::Default
        );
    }

    #[test]
    fn a_window_allows_exactly_its_limit() {
        let limiter = Limiter::new(
            RateLimits {
                default: 2,
                runs: 1,
                uploads: 1,
            },
            Duration::from_secs(60),
        );
        let first = limiter.check("k", Bucket::Default);
        assert!(first.allowed);
        assert_eq!(first.remaining, 1);
        assert!(limiter.check("k", Bucket::Default).allowed);
        let third = limiter.check("k", Bucket::Default);
        assert!(!third.allowed);
        assert_eq!(third.remaining, 0);
        assert!((1..=60).contains(&third.retry_after));
        // Other keys and buckets are counted apart.
        assert!(limiter.check("other", Bucket::Default).allowed);
        assert!(limiter.check("k", Bucket::Runs).allowed);
    }
}
