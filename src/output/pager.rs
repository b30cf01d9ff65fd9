//! Long text for people on stderr: wrapped to the terminal's width, and handed to a pager when it
//! is longer than the screen.
//!
//! The pager is `PLETOR_PAGER`, else `PAGER`, else `less` (with `LESS=FRX` unless `LESS` is set,
//! as git does: quit at once when the text fits, keep it on the screen afterwards). It reads the
//! text on its stdin and writes to our stderr, so stdout stays data. It runs only when stdin and
//! stderr are terminals; when it cannot start (or exits with an error before reading), the text
//! is printed in full instead. An empty `PLETOR_PAGER` or `PAGER` means "no pager".

/// The terminal's (columns, rows) for stderr, or 80×24 off a terminal.
pub fn size() -> (usize, usize) {
    let (rows, columns) = console::Term::stderr().size_checked().unwrap_or((24, 80));
    (usize::from(columns.max(20)), usize::from(rows.max(5)))
}

/// `text` as lines no wider than `width` (with `prefix` before each), long words broken.
pub fn wrap(text: &str, width: usize, prefix: &str) -> Vec<String> {
    let room = width
        .saturating_sub(console::measure_text_width(prefix))
        .max(10);
    text.lines()
        .flat_map(|line| {
            if line.is_empty() {
                return vec![prefix.trim_end().to_string()];
            }
            textwrap::wrap(line, room)
                .into_iter()
                .map(|piece| format!("{prefix}{piece}"))
                .collect()
        })
        .collect()
}

/// The pager command line, or `None` for none. (Windows has no pager here: see [`page`].)
#[cfg_attr(not(unix), allow(dead_code))]
fn command(env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let chosen = env("PLETOR_PAGER")
        .or_else(|| env("PAGER"))
        .unwrap_or_else(|| "less".to_string());
    Some(chosen).filter(|c| !c.trim().is_empty())
}

/// Shows `lines` through the pager; `false` when no pager could show them (the caller prints).
#[cfg(unix)]
pub fn page(lines: &[String]) -> bool {
    use std::io::{IsTerminal, Write};
    use std::os::fd::AsFd;
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return false;
    }
    let Some(pager) = command(&|name| std::env::var(name).ok()) else {
        return false;
    };
    let Ok(stderr) = std::io::stderr().as_fd().try_clone_to_owned() else {
        return false;
    };
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", &pager])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::from(stderr));
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "FRX");
    }
    let Ok(mut child) = cmd.spawn() else {
        return false;
    };
    if let Some(mut input) = child.stdin.take() {
        // A pager that quits early closes its end: the rest is simply not needed.
        let _ = input.write_all(lines.join("\n").as_bytes());
        let _ = input.write_all(b"\n");
    }
    child.wait().is_ok_and(|status| status.success())
}

/// Shows `lines` through the pager; `false` when no pager could show them (the caller prints).
#[cfg(not(unix))]
pub fn page(_lines: &[String]) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_under_the_prefix_and_blank_lines_stay() {
        let lines = wrap(
            "one two three four five six seven eight nine ten\n\nend",
            24,
            "  │ ",
        );
        assert_eq!(
            lines,
            vec![
                "  │ one two three four",
                "  │ five six seven eight",
                "  │ nine ten",
                "  │",
                "  │ end",
            ]
        );
        assert!(lines.iter().all(|l| console::measure_text_width(l) <= 24));
    }

    #[test]
    fn the_pager_is_ours_then_the_users_then_less_and_empty_means_none() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_string())
            }
        };
        assert_eq!(command(&env(&[])), Some("less".into()));
        assert_eq!(command(&env(&[("PAGER", "most")])), Some("most".into()));
        assert_eq!(
            command(&env(&[("PAGER", "most"), ("PLETOR_PAGER", "cat")])),
            Some("cat".into())
        );
        assert_eq!(command(&env(&[("PAGER", "")])), None);
    }
}
