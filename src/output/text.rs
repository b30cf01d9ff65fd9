//! Text for the screen: server text is untrusted, so every name and message shown is cleaned
//! first; long text is cut with a mark; durations and sizes read the same in every message.
//! The cleaning and formatting are the HTTP layer's (`pletor_api::text`), one definition for
//! its messages and the screen alike.

pub use crate::api::text::{clean, clean_line, human_bytes, human_duration, truncate};
