//! What every part of the client shares, and one attempt on the wire: the URL, the key for the
//! base's origin only, the body, and redirects followed by hand so that a hop to another host
//! loses the key.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{Method, StatusCode, Url};

use super::config::{ClientConfig, Credential, is_loopback, parse_base, transport_is_safe};
use super::events::{Event, Observer, Silent, redacted};
use super::request::{Body, Request};
use crate::error::ApiError;
use crate::rate::RateBook;
use crate::retry::RetryPolicy;

/// The state of one client: the connection pool, where and how it speaks, and its rate book.
/// [`super::Client`] is its public face; the client's parts work on it. Cheap to clone; clones
/// share connections and rate-limit state.
#[derive(Clone)]
pub(super) struct Wire {
    pub(super) http: reqwest::Client,
    pub(super) base: Url,
    pub(super) credential: Option<Credential>,
    pub(super) policy: RetryPolicy,
    pub(super) read_timeout: Duration,
    pub(super) request_timeout: Duration,
    pub(super) rates: Arc<RateBook>,
    pub(super) observer: Arc<dyn Observer>,
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

impl From<reqwest::Error> for SendError {
    fn from(err: reqwest::Error) -> Self {
        Self::Http(err)
    }
}

impl Wire {
    /// The one place a `reqwest::Client` is built. Refuses a base that would expose the key.
    pub(super) fn new(config: ClientConfig) -> Result<Self, ApiError> {
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

    /// `text` with the client's own key or token replaced by `[redacted]`.
    pub(super) fn redact(&self, text: &str) -> String {
        let secret = match &self.credential {
            Some(Credential::ApiKey(secret) | Credential::Bearer(secret)) => secret.expose(),
            None => "",
        };
        if secret.is_empty() || !text.contains(secret) {
            return text.to_string();
        }
        text.replace(secret, "[redacted]")
    }

    /// Sends one attempt, following redirects by hand: the key goes only to the base's origin.
    pub(super) async fn send_following_redirects(
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
                        logged_body = Some(self.redact(&value.to_string()));
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
                url: &self.redact(built.url().as_str()),
                headers: redacted(built.headers()),
                body: logged_body,
            });
        }
        Ok(built)
    }

    fn log_response(&self, response: &reqwest::Response) {
        if self.observer.wants_exchanges() {
            let headers = redacted(response.headers())
                .into_iter()
                .map(|(name, value)| (name, self.redact(&value)))
                .collect();
            self.observer.on_event(&Event::ResponseHeaders {
                status: response.status().as_u16(),
                headers,
            });
        }
    }
}

fn redirect_target(current: &Url, headers: &HeaderMap) -> Option<Url> {
    let location = headers.get(LOCATION)?.to_str().ok()?;
    current.join(location).ok()
}
