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
//!   [`read::JSON_REPLY_MAX`] bytes; an error body at most [`read::ERROR_BODY_MAX`];
//! - a loopback base never goes through a proxy;
//! - the key never appears in anything the server sends back that the client passes on
//!   ([`Client::redact`]).
//!
//! This file holds [`Client`], the public face, and the re-exports. The parts below it depend
//! downward only, in this order: [`probe`] on [`send`]; [`send`] on [`answers`] and [`pace`];
//! those on [`wire`], the state every part shares and one attempt on the wire; and [`wire`] on
//! the leaves [`config`], [`events`], [`request`] and [`read`].

mod answers;
mod config;
mod events;
mod pace;
mod probe;
mod read;
mod request;
mod send;
mod wire;

use std::sync::Arc;

use reqwest::Url;
use reqwest::header::HeaderMap;
use serde_json::Value;

use super::error::ApiError;
use super::rate::RateState;
use super::retry::RetryPolicy;
use wire::Wire;

pub(crate) use answers::transport_reason;
pub(crate) use config::parse_base;
pub use config::{ClientConfig, Credential, Secret, is_loopback, transport_is_safe};
pub use events::{Event, Observer};
pub use probe::Probe;
pub use request::{FileChanged, FormFactory, HttpMethod, Request};

/// The API client. Cheap to clone; clones share connections and rate-limit state.
#[derive(Clone)]
pub struct Client {
    wire: Wire,
}

impl Client {
    /// Builds the client. Refuses a base that would expose the key.
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        Ok(Self {
            wire: Wire::new(config)?,
        })
    }

    /// Reports events to `observer`.
    pub fn with_observer(mut self, observer: Arc<dyn Observer>) -> Self {
        self.wire.observer = observer;
        self
    }

    /// Sends a request and reads its JSON answer, retrying as the policy allows. An empty body
    /// is `null`. The answer is read within the attempt's deadline and at most
    /// [`read::JSON_REPLY_MAX`] bytes.
    pub async fn json(&self, request: Request) -> Result<Value, ApiError> {
        Ok(self.wire.json_with_headers(request).await?.0)
    }

    /// [`Client::json`], with the answer's headers (a list's `Link` header says where its next
    /// page is).
    pub async fn json_with_headers(
        &self,
        request: Request,
    ) -> Result<(Value, HeaderMap), ApiError> {
        self.wire.json_with_headers(request).await
    }

    /// Sends a request and returns the successful response with its body unread (for
    /// streaming). Errors and retries before the body are handled here; the body itself is
    /// the caller's to bound.
    pub(crate) async fn send(&self, request: Request) -> Result<reqwest::Response, ApiError> {
        self.wire.send(request).await
    }

    /// Sends `request` once, never retried, and reports what its answer says about the way to
    /// the API (`pletor doctor`): the status (an error status is an answer here, with its
    /// [`ApiError`] alongside), the time to the headers, and the server's `Date`. `Err` only
    /// when no answer came.
    pub async fn probe(&self, request: Request) -> Result<Probe, ApiError> {
        self.wire.probe(request).await
    }

    /// The API base: links the server hands out are followed only below it.
    pub fn base(&self) -> &Url {
        &self.wire.base
    }

    /// `text` with the client's own key or token replaced by `[redacted]`: for anything the
    /// server sent back (an error detail, a body excerpt, a header), which may echo it.
    pub fn redact(&self, text: &str) -> String {
        self.wire.redact(text)
    }

    /// The retry policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.wire.policy
    }

    /// Says that `clients` processes (this one included) start spending this key together,
    /// such as the shards of a batch: each keeps to its part of the rate limit from the first
    /// window on (see [`super::rate`]).
    pub fn expect_sharers(&self, clients: u32, place: u32) {
        self.wire.rates.expect(clients, place);
    }

    /// The last known state of a rate-limit bucket (`default`, `runs`, `uploads`).
    pub fn rate_state(&self, bucket: &str) -> Option<RateState> {
        self.wire.rates.state(bucket)
    }
}
