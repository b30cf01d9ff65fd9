//! Text for the screen: server text is untrusted, so every name and message shown is cleaned
//! first; long text is cut with a mark; durations and sizes read the same in every message.
//! The cleaning and formatting are the HTTP layer's (`pletor_api::text`), one definition for
//! its messages and the screen alike; what only the screen needs lives here.

pub use crate::api::text::{clean, human_bytes, human_duration, truncate};

/// Like [`clean`], for a one-line context: newlines and tabs become spaces.
pub fn clean_line(text: &str) -> String {
    clean(text).replace(['\n', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_keeps_no_line_breaks_and_no_controls() {
        assert_eq!(
            clean_line("two\nlines\tand\x1b[31m red"),
            "two lines and red"
        );
    }
}
