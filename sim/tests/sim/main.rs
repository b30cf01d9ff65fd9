//! Integration tests of `pletor-sim`, driving it over HTTP like a client would.
//!
//! Each test starts its own simulator (fresh state) with `Sim::start`; lifecycles are stepped
//! with the simulated clock, never with sleeps that hope for the best.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]
// The tests that need Unix (a pseudo-terminal, signals, `sh`) are compiled out elsewhere, and
// with them some helpers' only callers.
#![cfg_attr(not(unix), allow(unused_imports, dead_code))]

mod admin;
mod assets;
mod auth;
mod binary;
mod catalog;
mod common;
mod faults;
mod hostile;
mod idempotency;
mod lifecycle;
mod ratelimit;
mod validation;
