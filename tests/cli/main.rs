//! Integration tests: the real `pletor` binary against `pletor-sim`, started in this process on
//! a free port, with a temporary HOME and config folder, every `PLETOR_*` variable removed and
//! `NO_COLOR=1`. Tests assert on exit codes, stdout, stderr, files on disk, and what the
//! simulator saw.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]
// The tests that need Unix (a pseudo-terminal, signals, `sh`) are compiled out elsewhere, and
// with them some helpers' only callers.
#![cfg_attr(not(unix), allow(unused_imports, dead_code))]

mod harness;

mod action;
mod auth;
mod batch;
mod bounds;
mod completion;
mod contract;
mod discovery;
mod doctor;
mod download_bounds;
mod faults;
mod help;

mod http;
mod inbox;
mod layers;
mod links;
mod names;
mod pagination;
mod preflight;
// Pictures drawn on a Unix pseudo-terminal, by a build with the `preview` feature.
#[cfg(all(unix, feature = "preview"))]
mod preview;
mod readme;
mod recipes;
mod release;
mod reliability;
mod reuse;
mod review;
mod runs;
mod secrets;
mod server_bounds;
mod shards;
mod terminal;
mod topics;
mod transfers;
mod unattended;
mod watch;
