//! Turns the HTTP layer's events into stderr lines: `-v` one line per request, `-vv` headers
//! and bodies too (already redacted by the client). Rate-limit waits and long retry waits are
//! told at normal verbosity, so a pause never looks like a hang.

use std::time::Duration;

use crate::api::{Event, Observer};

use super::text::{clean, human_duration, truncate};

/// Handed to the API client as its [`Observer`]: `-v` and `--quiet` decide which events print.
pub struct Log {
    verbose: u8,
    quiet: bool,
}

impl Log {
    /// A log at this verbosity.
    pub fn new(verbose: u8, quiet: bool) -> Self {
        Self { verbose, quiet }
    }

    fn line(&self, text: &str) {
        super::stderr::stderr_line(text);
    }
}

impl Observer for Log {
    fn wants_exchanges(&self) -> bool {
        self.verbose >= 2
    }

    fn on_event(&self, event: &Event<'_>) {
        match event {
            Event::Answered {
                method,
                path,
                status,
                elapsed,
                attempt,
            } if self.verbose >= 1 => {
                let retry = retry_note(*attempt);
                self.line(&format!(
                    "> {method} {path} {status} {}{retry}",
                    ms(*elapsed)
                ));
            }
            Event::Failed {
                method,
                path,
                reason,
                attempt,
            } if self.verbose >= 1 => {
                let retry = retry_note(*attempt);
                self.line(&format!("> {method} {path} failed: {reason}{retry}"));
            }
            Event::Retrying {
                method,
                path,
                wait,
                reason,
            } if self.verbose >= 1 || (!self.quiet && *wait >= Duration::from_secs(2)) => {
                let wait = human_duration(*wait);
                self.line(&format!("retrying {method} {path} in {wait} ({reason})"));
            }
            Event::RateLimitWait { wait } if !self.quiet => {
                self.line(&format!(
                    "rate limit reached: waiting {} for it to reset",
                    human_duration(*wait)
                ));
            }
            Event::RequestSent {
                method,
                url,
                headers,
                body,
            } if self.verbose >= 2 => {
                let mut text = format!("> {method} {}", clean(url));
                for (name, value) in headers {
                    text.push_str(&format!("\n> {name}: {value}"));
                }
                if let Some(body) = body {
                    text.push_str(&format!("\n>\n{}", truncate(&clean(body), 4000)));
                }
                self.line(&text);
            }
            Event::ResponseHeaders { status, headers } if self.verbose >= 2 => {
                let mut text = format!("< {status}");
                for (name, value) in headers {
                    text.push_str(&format!("\n< {name}: {value}"));
                }
                self.line(&text);
            }
            Event::ResponseBody { body } if self.verbose >= 2 => {
                self.line(&format!("<\n{}", truncate(&clean(body), 4000)));
            }
            _ => {}
        }
    }
}

/// ` (retry N)` after a retried request's line; nothing for a first attempt.
fn retry_note(attempt: u32) -> String {
    if attempt > 0 {
        format!(" (retry {attempt})")
    } else {
        String::new()
    }
}

fn ms(duration: Duration) -> String {
    format!("{}ms", duration.as_millis())
}
