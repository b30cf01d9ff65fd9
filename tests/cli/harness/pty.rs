//! `pletor` on a pseudo-terminal (Unix): start it, wait for text, read the rest and the exit code.

use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;
use expectrl::{Eof, Expect};

use super::{World, pletor_bin};

/// Generous bound for one interaction: a hang fails the test instead of blocking the suite.
pub const PTY_TIMEOUT: Duration = Duration::from_secs(20);

/// `pletor ARGS` on a pseudo-terminal, with the same clean environment as the harness.
pub fn pty(world: &World, args: &[&str], env: &[(&str, &str)]) -> Session {
    let mut cmd = world.process(pletor_bin());
    cmd.env("TERM", "xterm").args(args);
    for (key, value) in env {
        cmd.env(key, value);
    }
    let mut session = Session::spawn(cmd).expect("the binary starts on a pty");
    session.get_process_mut().set_window_size(120, 40).unwrap();
    session.set_expect_timeout(Some(PTY_TIMEOUT));
    session
}

/// Waits for `needle` and returns everything printed up to it.
pub fn expect(session: &mut Session, needle: &str) -> String {
    let found = session
        .expect(needle)
        .unwrap_or_else(|e| panic!("`{needle}` never appeared: {e}"));
    String::from_utf8_lossy(found.before()).into_owned()
}

/// Reads the rest of the output and returns it with the exit code.
pub fn finish(mut session: Session) -> (String, i32) {
    let found = session
        .expect(Eof)
        .unwrap_or_else(|e| panic!("reading the rest failed: {e}"));
    let rest = String::from_utf8_lossy(found.as_bytes()).into_owned();
    match session.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => (rest, code),
        other => panic!("pletor did not exit normally: {other:?}\n{rest}"),
    }
}
