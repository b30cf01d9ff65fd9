//! The way to the API, step by step, for `pletor doctor`: which proxy the client would use, the
//! name lookup, the TCP connection and the TLS handshake, each timed.
//!
//! These steps run beside the [`Client`](crate::Client), not through it, so that a failure
//! names the step that failed ("DNS", "TCP", "TLS") instead of one transport error. They follow
//! the client's own choices: the proxy comes from the same matcher reqwest uses (`HTTPS_PROXY`,
//! `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, upper or lower case), and the TLS handshake verifies
//! the certificate with the platform's verifier and crypto provider, as the client does. Nothing
//! is sent but the handshake; what was found travels back as values, and nothing here prints.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Url;
use rustls::pki_types::ServerName;
use tokio::net::TcpStream;

use crate::ApiError;

/// The environment variables that choose a proxy, in the order the client reads them.
pub const PROXY_VARIABLES: &[&str] = &[
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// Where the client connects first for an API base: the API host, or the proxy in between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The API base's host (a name or an address, without brackets).
    pub host: String,
    /// The API base's port, the scheme's default when it has none.
    pub port: u16,
    /// Whether the API speaks TLS (`https://`).
    pub tls: bool,
    /// The proxy the client would go through, if any.
    pub proxy: Option<ProxyRoute>,
    /// The base is this machine, which never goes through a proxy (as if in `NO_PROXY`).
    pub loopback: bool,
}

/// A proxy on the way to the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyRoute {
    /// The proxy's URL with any user name and password removed, safe to show.
    pub url: String,
    /// The proxy's host.
    pub host: String,
    /// The proxy's port.
    pub port: u16,
    /// Whether the proxy URL carries credentials (never shown).
    pub has_credentials: bool,
}

impl Route {
    /// The host and port the first TCP connection goes to.
    pub fn first_hop(&self) -> (&str, u16) {
        match &self.proxy {
            Some(proxy) => (&proxy.host, proxy.port),
            None => (&self.host, self.port),
        }
    }
}

/// The route to `base`, with the proxy the environment sets for it. A base the client would
/// refuse is the same [`ApiError::BadBase`] here.
pub fn route(base: &str) -> Result<Route, ApiError> {
    let url = crate::client::parse_base(base)?;
    let (host, port) = host_and_port(&url).ok_or_else(|| ApiError::BadBase {
        url: base.to_string(),
        reason: "it has no host".into(),
    })?;
    Ok(Route {
        host,
        port,
        tls: url.scheme() == "https",
        // The client builds its connections without a proxy for a loopback base.
        proxy: (!crate::client::is_loopback(&url))
            .then(|| proxy_for(&url))
            .flatten(),
        loopback: crate::client::is_loopback(&url),
    })
}

fn host_and_port(url: &Url) -> Option<(String, u16)> {
    let host = match url.host()? {
        url::Host::Domain(name) => name.to_string(),
        url::Host::Ipv4(ip) => ip.to_string(),
        url::Host::Ipv6(ip) => ip.to_string(),
    };
    Some((host, url.port_or_known_default()?))
}

/// The proxy reqwest's system matcher picks for `url`, credentials removed.
fn proxy_for(url: &Url) -> Option<ProxyRoute> {
    let uri: http::Uri = url.as_str().parse().ok()?;
    let matcher = hyper_util::client::proxy::matcher::Matcher::from_system();
    let intercept = matcher.intercept(&uri)?;
    let mut proxy = Url::parse(&intercept.uri().to_string()).ok()?;
    // The matcher keeps the URL's credentials aside (as a header value); check the URL too.
    let has_credentials = intercept.basic_auth().is_some()
        || intercept.raw_auth().is_some()
        || !proxy.username().is_empty()
        || proxy.password().is_some();
    let _ = proxy.set_username("");
    let _ = proxy.set_password(None);
    let (host, port) = host_and_port(&proxy)?;
    Some(ProxyRoute {
        url: proxy.as_str().trim_end_matches('/').to_string(),
        host,
        port,
        has_credentials,
    })
}

/// A step that worked, with what it found and how long it took.
#[derive(Debug)]
pub struct Timed<T> {
    /// What the step found.
    pub value: T,
    /// How long it took.
    pub took: Duration,
}

/// A step that failed: why, and after how long.
#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct StepFailed {
    /// What went wrong, cleaned for a terminal.
    pub reason: String,
    /// How long the step ran before it failed.
    pub took: Duration,
}

fn failed(started: Instant, reason: impl std::fmt::Display) -> StepFailed {
    StepFailed {
        reason: crate::text::clean(&reason.to_string()),
        took: started.elapsed(),
    }
}

fn timed_out(started: Instant, limit: Duration) -> StepFailed {
    failed(
        started,
        format!("no answer within {}", crate::text::human_duration(limit)),
    )
}

/// Looks `host` up (an address is its own answer), within `limit`.
pub async fn lookup(
    host: &str,
    port: u16,
    limit: Duration,
) -> Result<Timed<Vec<SocketAddr>>, StepFailed> {
    let started = Instant::now();
    match tokio::time::timeout(limit, tokio::net::lookup_host((host, port))).await {
        Err(_) => Err(timed_out(started, limit)),
        Ok(Err(err)) => Err(failed(started, err)),
        Ok(Ok(found)) => {
            let value: Vec<SocketAddr> = found.collect();
            if value.is_empty() {
                return Err(failed(started, "the name has no address"));
            }
            Ok(Timed {
                value,
                took: started.elapsed(),
            })
        }
    }
}

/// Opens a TCP connection to the first address that accepts one, each tried within `limit`.
pub async fn connect(
    addresses: &[SocketAddr],
    limit: Duration,
) -> Result<Timed<(TcpStream, SocketAddr)>, StepFailed> {
    let started = Instant::now();
    let mut last = failed(started, "no address to connect to");
    for &address in addresses {
        match tokio::time::timeout(limit, TcpStream::connect(address)).await {
            Ok(Ok(stream)) => {
                return Ok(Timed {
                    value: (stream, address),
                    took: started.elapsed(),
                });
            }
            Ok(Err(err)) => last = failed(started, err),
            Err(_) => last = timed_out(started, limit),
        }
    }
    Err(last)
}

/// Runs a TLS handshake for `host` over `stream`, verifying the certificate as the client does;
/// the value is the protocol agreed (`TLS 1.3`).
pub async fn handshake(
    stream: TcpStream,
    host: &str,
    limit: Duration,
) -> Result<Timed<String>, StepFailed> {
    let started = Instant::now();
    let name = ServerName::try_from(host.to_string()).map_err(|err| failed(started, err))?;
    let config = tls_config().map_err(|err| failed(started, err))?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    match tokio::time::timeout(limit, connector.connect(name, stream)).await {
        Err(_) => Err(timed_out(started, limit)),
        Ok(Err(err)) => Err(failed(started, err)),
        Ok(Ok(tls)) => {
            let protocol = tls.get_ref().1.protocol_version().map_or_else(
                || "TLS".to_string(),
                |v| match v {
                    rustls::ProtocolVersion::TLSv1_3 => "TLS 1.3".to_string(),
                    rustls::ProtocolVersion::TLSv1_2 => "TLS 1.2".to_string(),
                    other => format!("{other:?}"),
                },
            );
            Ok(Timed {
                value: protocol,
                took: started.elapsed(),
            })
        }
    }
}

/// The client's TLS settings: the installed crypto provider (else aws-lc-rs, reqwest's own
/// default) and the platform's certificate verifier.
fn tls_config() -> Result<rustls::ClientConfig, rustls::Error> {
    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone())?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_names_host_port_and_tls_of_the_base() {
        let remote = route_of("https://api.pletor.ai/api/public/v1");
        assert_eq!(
            (remote.host.as_str(), remote.port, remote.tls),
            ("api.pletor.ai", 443, true)
        );
        let local = route_of("http://[::1]:8080/v1");
        assert_eq!(
            (local.host.as_str(), local.port, local.tls),
            ("::1", 8080, false)
        );
        assert!(matches!(route("ftp://x/"), Err(ApiError::BadBase { .. })));
    }

    fn route_of(base: &str) -> Route {
        route(base).unwrap()
    }

    #[tokio::test]
    async fn an_address_resolves_to_itself_and_a_closed_port_refuses() {
        let found = lookup("127.0.0.1", 9, Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(found.value, vec!["127.0.0.1:9".parse().unwrap()]);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let closed = listener.local_addr().unwrap();
        drop(listener);
        let err = connect(&[closed], Duration::from_secs(5))
            .await
            .unwrap_err();
        assert!(
            err.reason.to_lowercase().contains("refused"),
            "{}",
            err.reason
        );
    }
}
