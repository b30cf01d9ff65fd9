//! The one way text reaches stderr, in a file of its own so that the printer, the progress
//! bars and the request log share it without importing one another.

use std::io::Write;

/// Writes `text` and a newline to stderr. A closed or full stderr (`2>/dev/full`, a reader
/// that went away) is ignored: there is nowhere left to report it, and the command's exit code
/// must stay that of its work. `eprintln!` would panic instead, so nothing else writes there.
pub fn stderr_line(text: &str) {
    stderr_raw(&format!("{text}\n"));
}

/// Writes `text` to stderr as it is, ignoring errors as [`stderr_line`] does.
pub fn stderr_raw(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}
