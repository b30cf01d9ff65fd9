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
//! - every wait (backoff, `Retry-After`, rate-limit reset) counts against one budget, and so
//!   does every attempt that ended without an answer (see [`send`] for the arithmetic);
//! - a JSON reply is read within [`ClientConfig::request_timeout`] and at most
//!   [`JSON_REPLY_MAX`] bytes; an error body at most [`ERROR_BODY_MAX`];
//! - a loopback base never goes through a proxy;
//! - the key never appears in anything the server sends back that the client passes on
//!   ([`Client::redact`]).

mod answers;
mod config;
mod events;
mod probe;
mod request;
mod send;

use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;

use super::error::ApiError;
use super::rate::{RateBook, RateState};
use super::retry::RetryPolicy;

pub(crate) use config::parse_base;
pub use config::{ClientConfig, Credential, Secret, is_loopback, transport_is_safe};
use events::Silent;
pub use events::{Event, Observer};
pub use probe::Probe;
pub use request::{FormFactory, HttpMethod, Request};

/// The largest JSON reply the client reads (64 MiB): a longer one is refused as it streams in,
/// so an endless or padded reply cannot grow memory without limit. The API's largest honest
/// answer (a page of 100 runs with their outputs) is well under a megabyte.
pub const JSON_REPLY_MAX: u64 = 64 * 1024 * 1024;

/// The most of an error body the client reads (64 KiB): its message is an excerpt anyway.
pub const ERROR_BODY_MAX: u64 = 64 * 1024;

/// The API client. Cheap to clone; clones share connections and rate-limit state.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    credential: Option<Credential>,
    policy: RetryPolicy,
    read_timeout: Duration,
    request_timeout: Duration,
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
        let mut builder = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .redirect(reqwest::redirect::Policy::none());
        if is_loopback(&base) {
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|e| ApiError::BadBase {
            url: config.base.clone(),
            reason: e.to_string(),
        })?;
        Ok(Self {
            http,
            base,
            credential: config.credential,
            policy: config.policy,
            read_timeout: config.read_timeout,
            request_timeout: config.request_timeout,
            rates: Arc::default(),
            observer: Arc::new(Silent),
        })
    }

    /// Reports events to `observer`.
    pub fn with_observer(mut self, observer: Arc<dyn Observer>) -> Self {
        self.observer = observer;
        self
    }

    /// The API base: links the server hands out are followed only below it.
    pub fn base(&self) -> &Url {
        &self.base
    }

    /// `text` with the client's own key or token replaced by `[redacted]`: for anything the
    /// server sent back (an error detail, a body excerpt, a header), which may echo it.
    pub fn redact(&self, text: &str) -> String {
        let secret = match &self.credential {
            Some(Credential::ApiKey(secret) | Credential::Bearer(secret)) => secret.expose(),
            None => "",
        };
        if secret.is_empty() || !text.contains(secret) {
            return text.to_string();
        }
        text.replace(secret, "[redacted]")
    }

    /// The retry policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Says that `clients` processes (this one included) start spending this key together,
    /// such as the shards of a batch: each keeps to its part of the rate limit from the first
    /// window on (see [`super::rate`]).
    pub fn expect_sharers(&self, clients: u32, place: u32) {
        self.rates.expect(clients, place);
    }

    /// The last known state of a rate-limit bucket (`default`, `runs`, `uploads`).
    pub fn rate_state(&self, bucket: &str) -> Option<RateState> {
        self.rates.state(bucket)
    }
}
