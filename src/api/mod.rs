//! The HTTP layer: one [`Client`] and a file per resource.
//!
//! This module never prints, never exits and knows nothing of clap, indicatif, comfy-table or
//! dialoguer: it could become a crate of its own. Every guess about the API lives in [`spec`].

pub mod assets;
pub mod catalog;
mod client;
mod error;
pub mod list;
pub mod models;
pub mod rate;
pub mod retry;
pub mod runs;
pub mod spec;

pub use client::{Client, ClientConfig, Credential, Event, FormFactory, Observer, Request, Secret};
pub use error::ApiError;
pub use rate::RateState;
