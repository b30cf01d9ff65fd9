//! What the client is told: the base, the credential and its secret, timeouts and the retry
//! policy, and the rule for which bases may carry the key.

use std::time::Duration;

use reqwest::Url;

use crate::error::ApiError;
use crate::retry::RetryPolicy;

/// A secret that never shows itself in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// How the client authenticates (certain: `X-Api-Key` or a Bearer JWT).
#[derive(Debug, Clone)]
pub enum Credential {
    /// `X-Api-Key: <key>`.
    ApiKey(Secret),
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
}

/// What the client needs to know.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The API base URL: paths are joined to it, and the key only ever goes to its origin.
    pub base: String,
    /// The `User-Agent` header: the program on whose behalf the client speaks (`pletor/0.1.0`).
    pub user_agent: String,
    /// How to authenticate; `None` for requests that need no key (checking a base).
    pub credential: Option<Credential>,
    /// Longest wait for a connection, so an unreachable host fails fast.
    pub connect_timeout: Duration,
    /// Longest silence while waiting for or reading a response: a stalled transfer fails and is
    /// retried instead of hanging, however long a healthy one takes.
    pub read_timeout: Duration,
    /// Longest time one attempt of a JSON request may take, from sending it to the last byte of
    /// its answer: a server that trickles its reply one byte at a time ends like a silence.
    /// Streamed bodies (uploads, downloads) are bounded by their size and `read_timeout` instead.
    pub request_timeout: Duration,
    /// How many attempts and how much waiting one request may cost.
    pub policy: RetryPolicy,
}

/// Parses an API base, refusing what the client cannot use (not http(s), no host, a query).
pub(crate) fn parse_base(text: &str) -> Result<Url, ApiError> {
    let url = Url::parse(text).map_err(|e| ApiError::BadBase {
        url: text.to_string(),
        reason: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(ApiError::BadBase {
            url: text.to_string(),
            reason: "not an http(s) URL".into(),
        });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ApiError::BadBase {
            url: text.to_string(),
            reason: "it has a query or fragment".into(),
        });
    }
    Ok(url)
}

/// `https://`, or `http://` to a loopback address.
pub fn transport_is_safe(url: &Url) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => is_loopback(url),
        _ => false,
    }
}

/// Whether `url` names this machine (`localhost`, `127.0.0.0/8`, `::1`). Such a base never goes
/// through a proxy, as if it were listed in `NO_PROXY`: a proxy would carry a plain `http://`
/// key off the machine.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Client;
    use super::*;

    #[test]
    fn keys_travel_only_over_https_or_to_loopback() {
        let safe = [
            "https://api.pletor.ai/x",
            "http://127.0.0.1:8080/",
            "http://localhost/",
            "http://[::1]:9/",
        ];
        for url in safe {
            assert!(transport_is_safe(&Url::parse(url).unwrap()), "{url}");
        }
        let unsafe_ = [
            "http://api.pletor.ai/",
            "http://10.0.0.1/",
            "http://localhost.evil.com/",
            "ftp://x/",
        ];
        for url in unsafe_ {
            assert!(!transport_is_safe(&Url::parse(url).unwrap()), "{url}");
        }
    }

    #[test]
    fn the_client_redacts_its_own_key_from_server_text_and_skips_proxies_for_loopback() {
        let client = Client::new(ClientConfig {
            base: "http://127.0.0.1:9/v1".into(),
            user_agent: "test".into(),
            credential: Some(Credential::ApiKey(Secret::new("sk-echoed"))),
            connect_timeout: Duration::from_secs(1),
            read_timeout: Duration::from_secs(1),
            request_timeout: Duration::from_secs(1),
            policy: RetryPolicy::default(),
        })
        .unwrap();
        assert_eq!(
            client.redact("Invalid key: sk-echoed (sk-echoed)"),
            "Invalid key: [redacted] ([redacted])"
        );
        assert_eq!(client.redact("nothing secret"), "nothing secret");
        for (url, loopback) in [
            ("http://127.0.0.1:8080/", true),
            ("http://localhost/", true),
            ("http://[::1]/", true),
            ("https://api.pletor.ai/", false),
            ("http://localhost.evil.com/", false),
        ] {
            assert_eq!(is_loopback(&Url::parse(url).unwrap()), loopback, "{url}");
        }
    }

    #[test]
    fn a_key_for_a_plain_http_remote_base_is_refused() {
        let config = ClientConfig {
            base: "http://api.example.com/v1".into(),
            user_agent: "test".into(),
            credential: Some(Credential::ApiKey(Secret::new("sk-123"))),
            connect_timeout: Duration::from_secs(1),
            read_timeout: Duration::from_secs(1),
            request_timeout: Duration::from_secs(1),
            policy: RetryPolicy::default(),
        };
        let err = Client::new(config).err().unwrap();
        assert!(matches!(err, ApiError::Insecure { .. }));
        assert!(!err.to_string().contains("sk-123"));
    }
}
