//! The HTTP layer of `pletor`: one [`Client`] and a module per resource.
//!
//! The contract, which the compiler holds since this is a crate of its own that does not depend
//! on the CLI:
//!
//! - it never prints and never exits: what happened travels back as values ([`ApiError`], the
//!   models) and as [`Event`]s to an [`Observer`] the caller installs;
//! - it knows no exit codes, no hints and no command lines: the CLI maps [`ApiError`] to those;
//! - it knows nothing of clap, indicatif, comfy-table or dialoguer;
//! - every point of the API that Pletor does not document (docs/api-contract.md says which)
//!   lives in [`spec`], one place per point;
//! - it owns every byte on the wire: requests, answers, and downloads ([`download::Download`]),
//!   so no layer above it speaks HTTP;
//! - server text is untrusted: the messages it builds are cleaned with its own private helpers.

pub mod assets;
pub mod catalog;
mod client;
pub mod diagnose;
pub mod download;
mod error;
mod kind;
pub mod list;
pub mod models;
pub mod rate;
pub mod retry;
pub mod runs;
pub mod spec;
pub mod text;

pub use client::{
    Client, ClientConfig, Credential, Event, FormFactory, HttpMethod, Observer, Probe, Request,
    Secret,
};
pub use error::ApiError;
pub use kind::Kind;
pub use rate::RateState;
