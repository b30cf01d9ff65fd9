//! One unretried request that tells what the way to the API is like: status, latency and the
//! server's clock (`pletor doctor`).

use std::time::{Duration, Instant, SystemTime};

use super::answers::{body_error, transport_reason};
use super::events::Event;
use super::request::Request;
use super::wire::{SendError, Wire};
use crate::error::ApiError;

/// What one unretried request found out about the way to the API ([`super::Client::probe`]).
#[derive(Debug)]
pub struct Probe {
    /// The HTTP status of the answer.
    pub status: u16,
    /// Time from sending to the response headers.
    pub took: Duration,
    /// The server's `Date` header, when it sent a valid one (whole seconds).
    pub server_date: Option<SystemTime>,
    /// This machine's clock when the headers arrived.
    pub received_at: SystemTime,
    /// What the status means when it is not a success (a refused key: `401`).
    pub error: Option<ApiError>,
}

impl Probe {
    /// How far the server's clock is ahead of this machine's (negative: behind), in seconds.
    /// `Date` has whole seconds and was written while the request was in flight, so the
    /// estimate compares the middle of that second with the middle of the exchange: it is off
    /// by at most half a second plus half of [`Probe::took`].
    pub fn clock_skew(&self) -> Option<f64> {
        let server = self.server_date? + Duration::from_millis(500);
        let local = self.received_at - self.took / 2;
        Some(match server.duration_since(local) {
            Ok(ahead) => ahead.as_secs_f64(),
            Err(behind) => -behind.duration().as_secs_f64(),
        })
    }
}

impl Wire {
    /// Sends `request` once, never retried, and reports what its answer says about the way to
    /// the API (see [`super::Client::probe`]).
    pub(super) async fn probe(&self, request: Request) -> Result<Probe, ApiError> {
        let request = request.once();
        let started = Instant::now();
        let response = match self.attempt(&request, 0).await {
            Ok(response) => response,
            Err(SendError::Api(err)) => return Err(err),
            Err(SendError::Body(err)) => return Err(body_error(&request, &err)),
            Err(SendError::Late) => {
                return Err(ApiError::Timeout {
                    method: request.method.to_string(),
                    path: request.path.clone(),
                    host: self.base.host_str().unwrap_or("?").to_string(),
                    after: self.request_timeout,
                    whole: true,
                });
            }
            Err(SendError::Http(err)) => {
                let reason = transport_reason(&err);
                self.observer.on_event(&Event::Failed {
                    method: request.method.as_str(),
                    path: &request.path,
                    reason: &reason,
                    attempt: 0,
                });
                return Err(self.transport_error(&request, &err));
            }
        };
        let received_at = SystemTime::now();
        let took = started.elapsed();
        let server_date = response
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok());
        let status = response.status().as_u16();
        let error = if response.status().is_success() {
            None
        } else {
            let deadline = Instant::now() + self.request_timeout;
            Some(self.status_error(&request, response, Some(deadline)).await)
        };
        Ok(Probe {
            status,
            took,
            server_date,
            received_at,
            error,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_skew_compares_the_middle_of_the_date_second_with_the_middle_of_the_exchange() {
        let received_at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_790_000_000);
        let probe = |date: u64, took_ms: u64| Probe {
            status: 200,
            took: Duration::from_millis(took_ms),
            server_date: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(date)),
            received_at,
            error: None,
        };
        assert_eq!(probe(1_790_003_600, 1000).clock_skew(), Some(3601.0));
        assert_eq!(probe(1_789_999_970, 0).clock_skew(), Some(-29.5));
        let undated = Probe {
            server_date: None,
            ..probe(0, 0)
        };
        assert_eq!(undated.clock_skew(), None);
    }
}
