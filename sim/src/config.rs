//! What a simulator instance is told: keys, time scale, rate limits, where bytes live, page
//! sizes; and the fixed prefixes it serves under. The crate root re-exports all of it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::anyhow;

use crate::ratelimit::RateLimits;

/// Everything that shapes one simulator instance.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen (used by the binary; [`crate::Sim::start`] binds it too).
    pub addr: SocketAddr,
    /// Accepted `X-Api-Key` values; the first one is what [`crate::Sim::key`] returns.
    pub keys: Vec<String>,
    /// Accept any `Authorization: Bearer <token>` as the same organization.
    pub accept_bearer: bool,
    /// Multiplies every simulated duration (0.001 makes a 3 s run take 3 ms).
    pub time_scale: f64,
    /// Overrides every agent's nominal run duration, in seconds, before `time_scale`.
    pub run_seconds: Option<f64>,
    /// Requests allowed per window and key, per bucket.
    pub rate_limits: RateLimits,
    /// Length of one fixed rate-limit window.
    pub rate_window: Duration,
    /// Where asset bytes are stored; `None` means a temporary folder removed on shutdown.
    pub data_dir: Option<PathBuf>,
    /// Default page size of lists (a request may ask for up to 100 with `?limit=`).
    pub page_size: usize,
    /// Largest page a list returns, whatever `?limit=` asks (1 to 100). Small values make
    /// every client's pagination show.
    pub max_page_size: usize,
    /// How lists page (`--paging`): the default `has_more` + `starting_after`, or another
    /// common shape, so a client can be tried against each.
    pub paging: Paging,
    /// List runs, app runs and assets oldest first instead of newest first (`--oldest-first`).
    pub oldest_first: bool,
    /// Whether a run shows the `inputs` it was created with. Off, runs answer without them,
    /// as a server that does not echo a request's inputs would.
    pub echo_inputs: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            keys: vec![DEFAULT_KEY.to_owned()],
            accept_bearer: false,
            time_scale: 1.0,
            run_seconds: None,
            rate_limits: RateLimits::default(),
            rate_window: Duration::from_secs(60),
            data_dir: None,
            page_size: 20,
            max_page_size: 100,
            paging: Paging::default(),
            oldest_first: false,
            echo_inputs: true,
        }
    }
}

/// The key a default simulator accepts.
pub const DEFAULT_KEY: &str = "sk-sim-local";

/// Where the public API lives on the server.
pub const API_PREFIX: &str = "/api/public/v1";

/// Where the control and observation endpoints live.
pub const ADMIN_PREFIX: &str = "/_sim";

impl Config {
    /// Rejects settings that would make the server misbehave instead of failing loudly.
    pub(crate) fn validate(&self) -> anyhow::Result<()> {
        if self.keys.is_empty() || self.keys.iter().any(String::is_empty) {
            return Err(anyhow!("at least one non-empty API key is required"));
        }
        if !(self.time_scale.is_finite() && self.time_scale >= 0.0) {
            return Err(anyhow!("time scale must be a finite number >= 0"));
        }
        if let Some(s) = self.run_seconds
            && !(s.is_finite() && s >= 0.0)
        {
            return Err(anyhow!("run seconds must be a finite number >= 0"));
        }
        if !(1..=100).contains(&self.page_size) {
            return Err(anyhow!("page size must be between 1 and 100"));
        }
        if !(1..=100).contains(&self.max_page_size) {
            return Err(anyhow!("max page size must be between 1 and 100"));
        }
        if self.rate_window.is_zero() {
            return Err(anyhow!("rate window must be longer than zero"));
        }
        Ok(())
    }
}

/// How lists page: the shapes clients meet in the wild, so a client can be tried on each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paging {
    /// `limit` + `starting_after` (an id); `{"data", "has_more"}`. The default.
    #[default]
    HasMore,
    /// `limit` + `cursor` (opaque); `{"data", "next_cursor": "…" | null}`.
    NextCursor,
    /// `limit` + `cursor` (opaque); `{"data", "cursor": "…" | null}`.
    Cursor,
    /// `{"data", "next": "<absolute URL>" | null}`; the URL carries an opaque `page_token`.
    NextUrl,
    /// `{"data"}` and a `Link: <URL>; rel="next"` header while there is more.
    Link,
    /// `page` (from 1) + `page_size`; `{"data", "page", "pages", "total", "page_size"}`.
    Pages,
    /// `page` (from 1) + `size`; `{"data", "page", "pages", "total", "size"}`.
    PagesSize,
    /// `offset` + `limit`; `{"data", "offset", "limit", "total"}`.
    Offset,
    /// `{"data", "total"}` and no way at all to the next page: a list a client cannot finish.
    TotalOnly,
}
