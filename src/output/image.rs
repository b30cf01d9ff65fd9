//! Pictures on the terminal: the review prompt draws image drafts inline with
//! [viuer](https://docs.rs/viuer) (kitty graphics, iTerm2 inline images, Sixel, or colored
//! half-blocks), scaled to fit the terminal.
//!
//! The contract:
//! - A picture is drawn only on a terminal: stdout **and** stderr must both be terminals (viuer
//!   writes to stdout, its only target, so a redirected stdout never gets image bytes) and
//!   `--json` must be off (stdout then holds the one document). Support is never guessed on a pipe.
//! - `auto` picks a protocol from what the environment says about the terminal ([`hinted`]:
//!   `KITTY_WINDOW_ID`, `TERM`, `TERM_PROGRAM`, `LC_TERMINAL`, `KONSOLE_VERSION`) and then
//!   asks viuer to confirm it (kitty and Sixel by querying the terminal, iTerm2 from the same
//!   variables). A terminal that gives no hint gets no picture and no query.
//! - A named protocol (`--preview kitty|iterm|sixel`) is confirmed the same way, without the
//!   hint; when the terminal does not confirm it, nothing is drawn (never half-blocks instead).
//! - Half-blocks are drawn only when asked (`--preview blocks`) and only while colors are on
//!   (they are colored text: `NO_COLOR` and `--color never` turn them off).
//!
//! - A terminal that never answers means no picture, never a hang: before viuer's kitty or Sixel
//!   query (which waits without a deadline) the terminal must answer a query of ours within
//!   [`ANSWER_WITHIN`].
//!
//! Drawing blocks on terminal queries; callers run it off the async threads.
//!
//! The drawing itself (viuer and image) is the cargo feature `preview`, on by default. A build
//! without it draws nothing: `--preview auto` stays quiet and a named protocol is refused
//! before anything happens (see [`built_in`]).

use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

/// Which inline preview to draw (`--preview`; its command-line names are in `cli`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PreviewChoice {
    /// The protocol the terminal is known to speak, else nothing.
    #[default]
    Auto,
    /// kitty graphics protocol (kitty, Ghostty, WezTerm, Konsole).
    Kitty,
    /// iTerm2 inline images (iTerm2, WezTerm, mintty, Konsole).
    Iterm,
    /// Sixel graphics (foot, mlterm, xterm with sixel, Windows Terminal).
    Sixel,
    /// Colored half-block characters: works anywhere colors do, at low resolution.
    Blocks,
    /// No inline picture.
    None,
}

/// A way to draw a picture on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// kitty graphics; viuer confirms it by querying the terminal.
    Kitty,
    /// iTerm2 inline images; viuer confirms it from environment variables alone.
    Iterm,
    /// Sixel graphics; viuer confirms it by querying the terminal.
    Sixel,
    /// Colored half-blocks: nothing to confirm, but only while colors are on.
    Blocks,
}

impl Protocol {
    /// The protocol's name in messages and `--preview`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Kitty => "kitty",
            Self::Iterm => "iterm",
            Self::Sixel => "sixel",
            Self::Blocks => "blocks",
        }
    }
}

/// What the printer knows about where pictures would go, copied out so that the (blocking)
/// drawing can run on another thread.
#[derive(Debug, Clone, Copy)]
pub struct Screen {
    /// stdout and stderr are both terminals: viuer draws on stdout, the prompt is on stderr.
    pub terminal: bool,
    /// `--json` (or `--jq`) is on: stdout is the document.
    pub json: bool,
    /// Colors are on for stderr; half-blocks are colored text, so without colors none are drawn.
    pub color: bool,
}

/// Why no picture is drawn, for one note to the reviewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Off {
    /// Nothing to say: off by choice or because there is no terminal.
    Quietly,
    /// Said once: the asked protocol is unavailable here.
    Because(String),
}

/// Whether this build can draw pictures (the cargo feature `preview`).
pub const BUILT_IN: bool = cfg!(feature = "preview");

/// Refuses a `--preview` this build cannot honour: a named protocol in a build without the
/// `preview` feature. `auto` and `none` ask for nothing that could be missing.
pub fn built_in(choice: PreviewChoice, built_in: bool) -> Result<(), String> {
    if built_in || matches!(choice, PreviewChoice::Auto | PreviewChoice::None) {
        return Ok(());
    }
    Err(
        "`--preview`: this pletor was built without inline previews (cargo feature `preview`); \
         use `--open` to see the drafts, or install a release build"
            .into(),
    )
}

/// The protocol to draw with, or why none. Probes the terminal (blocking) when a protocol needs
/// confirming.
pub fn pick_protocol(choice: PreviewChoice, screen: Screen) -> Result<Protocol, Off> {
    if !BUILT_IN || choice == PreviewChoice::None || !screen.terminal || screen.json {
        return Err(Off::Quietly);
    }
    let wanted = match choice {
        PreviewChoice::Auto => hinted(&|name| std::env::var(name).ok()).ok_or(Off::Quietly)?,
        PreviewChoice::Kitty => Protocol::Kitty,
        PreviewChoice::Iterm => Protocol::Iterm,
        PreviewChoice::Sixel => Protocol::Sixel,
        PreviewChoice::Blocks => Protocol::Blocks,
        PreviewChoice::None => return Err(Off::Quietly),
    };
    if wanted == Protocol::Blocks && !screen.color {
        return Err(Off::Because(
            "half-block previews are colored text, and colors are off (NO_COLOR or --color never)"
                .into(),
        ));
    }
    if confirmed(wanted) {
        Ok(wanted)
    } else if choice == PreviewChoice::Auto {
        Err(Off::Quietly)
    } else {
        Err(Off::Because(format!(
            "this terminal did not confirm {} graphics; try `--preview blocks` or `--open`",
            wanted.name()
        )))
    }
}

/// The protocol the environment says the terminal speaks, if any. Only variables that name a
/// terminal count: a plain `TERM=xterm` is no hint.
pub fn hinted(env: &dyn Fn(&str) -> Option<String>) -> Option<Protocol> {
    let var = |name: &str| env(name).filter(|v| !v.is_empty());
    let term = var("TERM").unwrap_or_default();
    let program = var("TERM_PROGRAM").unwrap_or_default();
    if var("KITTY_WINDOW_ID").is_some() || term == "xterm-kitty" || program == "ghostty" {
        return Some(Protocol::Kitty);
    }
    let lc_terminal = var("LC_TERMINAL").unwrap_or_default();
    let iterm_like = ["iTerm", "WezTerm", "mintty", "rio", "WarpTerminal"];
    if iterm_like
        .iter()
        .any(|t| program.contains(t) || lc_terminal.contains(t))
        || var("KONSOLE_VERSION").is_some()
    {
        return Some(Protocol::Iterm);
    }
    if term.starts_with("foot") || term.starts_with("mlterm") || term.contains("sixel") {
        return Some(Protocol::Sixel);
    }
    None
}

/// How long the terminal has to answer a query before the picture is given up.
#[cfg_attr(not(feature = "preview"), allow(dead_code))]
pub const ANSWER_WITHIN: Duration = Duration::from_millis(300);

/// Whether viuer confirms the protocol: kitty and Sixel by asking the terminal (once per
/// process), iTerm2 from the environment. viuer waits for the answer without a deadline, so it
/// asks only a terminal that has just answered a query within [`ANSWER_WITHIN`].
#[cfg(feature = "preview")]
fn confirmed(protocol: Protocol) -> bool {
    match protocol {
        Protocol::Kitty => {
            answers_queries() && viuer::get_kitty_support() != viuer::KittySupport::None
        }
        Protocol::Iterm => viuer::is_iterm_supported(),
        Protocol::Sixel => answers_queries() && viuer::is_sixel_supported(),
        Protocol::Blocks => true,
    }
}

/// A build without the `preview` feature confirms nothing.
#[cfg(not(feature = "preview"))]
fn confirmed(_: Protocol) -> bool {
    false
}

/// A build without the `preview` feature draws nothing ([`pick_protocol`] never picks a protocol).
#[cfg(not(feature = "preview"))]
pub fn draw(_: Protocol, _: &Path) -> anyhow::Result<()> {
    anyhow::bail!("this pletor was built without inline previews")
}

/// Whether the terminal answers queries, asked once per process.
#[cfg_attr(not(feature = "preview"), allow(dead_code))]
fn answers_queries() -> bool {
    static ANSWERS: OnceLock<bool> = OnceLock::new();
    *ANSWERS.get_or_init(|| tty::answers_within(ANSWER_WITHIN))
}

#[cfg(unix)]
#[cfg_attr(not(feature = "preview"), allow(dead_code))]
mod tty {
    //! The bounded query: "primary device attributes" (DA1, `ESC [ c`), which practically every
    //! terminal answers with `ESC [ ? … c`, sent to the controlling terminal with echo and line
    //! buffering off for the wait (restored after). The answer is read and dropped: viuer's own
    //! query then gets its own answer.

    use std::io::{Read, Write};
    use std::time::{Duration, Instant};

    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex};

    /// Whether the terminal answers DA1 within `deadline`.
    pub fn answers_within(deadline: Duration) -> bool {
        let Ok(mut tty) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
        else {
            return false;
        };
        let Ok(saved) = termios::tcgetattr(&tty) else {
            return false;
        };
        let mut quiet = saved.clone();
        quiet
            .local_modes
            .remove(LocalModes::ICANON | LocalModes::ECHO);
        quiet.special_codes[SpecialCodeIndex::VMIN] = 1;
        quiet.special_codes[SpecialCodeIndex::VTIME] = 0;
        if termios::tcsetattr(&tty, OptionalActions::Now, &quiet).is_err() {
            return false;
        }
        let answered = tty.write_all(b"\x1b[c").and_then(|()| tty.flush()).is_ok()
            && read_answer(&mut tty, deadline);
        let _ = termios::tcsetattr(&tty, OptionalActions::Now, &saved);
        answered
    }

    /// Reads until a DA1 answer is complete, or `deadline` has passed.
    fn read_answer(tty: &mut std::fs::File, deadline: Duration) -> bool {
        let end = Instant::now() + deadline;
        let mut seen = Vec::new();
        while let Some(left) = end
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
        {
            let Ok(timeout) = Timespec::try_from(left) else {
                return false;
            };
            let mut fds = [PollFd::new(&*tty, PollFlags::IN)];
            match poll(&mut fds, Some(&timeout)) {
                Ok(0) => return false,
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => continue,
                Err(_) => return false,
            }
            let mut buf = [0u8; 64];
            match tty.read(&mut buf) {
                Ok(0) | Err(_) => return false,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
            if super::is_da1_answer(&seen) {
                return true;
            }
        }
        false
    }
}

#[cfg(not(unix))]
#[cfg_attr(not(feature = "preview"), allow(dead_code))]
mod tty {
    //! Elsewhere there is no bounded way to read the console's answer: kitty and Sixel are not
    //! confirmed (iTerm2 inline images and half-blocks need no query).

    /// Never: the query could not be bounded.
    pub fn answers_within(_deadline: std::time::Duration) -> bool {
        false
    }
}

/// Whether `bytes` hold a whole DA1 answer: `ESC [ ?`, then parameters, then `c`.
// Read only by the Unix query (and its tests).
#[cfg_attr(any(not(unix), not(feature = "preview")), allow(dead_code))]
fn is_da1_answer(bytes: &[u8]) -> bool {
    bytes
        .windows(3)
        .position(|w| w == b"\x1b[?")
        .is_some_and(|at| {
            bytes[at + 3..]
                .iter()
                .find(|b| !(b.is_ascii_digit() || **b == b';'))
                == Some(&b'c')
        })
}

/// Draws the image file at `path` with `protocol`, below the cursor, scaled to fit the terminal
/// (never wider than it, and leaving room for the prompt). Blocking.
#[cfg(feature = "preview")]
pub fn draw(protocol: Protocol, path: &Path) -> anyhow::Result<()> {
    let picture = image::ImageReader::open(path)?
        .with_guessed_format()?
        .decode()?;
    let (columns, rows) = viuer::terminal_size();
    let config = viuer::Config {
        absolute_offset: false,
        width: Some(fit_width(
            (picture.width(), picture.height()),
            (columns, rows),
        )),
        height: None,
        use_kitty: protocol == Protocol::Kitty,
        use_iterm: protocol == Protocol::Iterm,
        use_sixel: protocol == Protocol::Sixel,
        ..viuer::Config::default()
    };
    viuer::print(&picture, &config)?;
    Ok(())
}

/// The width in cells to draw a `pixels` picture at on a `terminal` of (columns, rows): the
/// picture's own width, shrunk to the terminal's width less a margin and to a height that leaves
/// eight rows for the text and the prompt (a cell is about twice as tall as it is wide).
#[cfg_attr(not(feature = "preview"), allow(dead_code))]
pub fn fit_width(pixels: (u32, u32), terminal: (u16, u16)) -> u32 {
    let (width, height) = (pixels.0.max(1), pixels.1.max(1));
    let columns = u32::from(terminal.0).saturating_sub(2).max(1);
    let rows = u32::from(terminal.1).saturating_sub(8).max(4);
    let by_height = (u64::from(rows) * 2 * u64::from(width) / u64::from(height)).max(1);
    let by_height = u32::try_from(by_height).unwrap_or(u32::MAX);
    width.min(columns).min(by_height)
}

/// Whether a file of this media type (or, without one, this name) is a picture we can decode.
pub fn is_picture(mime: Option<&str>, name: &str) -> bool {
    let mime = mime.map(str::to_ascii_lowercase).unwrap_or_else(|| {
        mime_guess::from_path(name)
            .first_or_octet_stream()
            .to_string()
    });
    matches!(
        mime.as_str(),
        "image/png" | "image/jpeg" | "image/jpg" | "image/gif" | "image/webp"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_whole_device_attributes_answer_counts() {
        assert!(is_da1_answer(b"\x1b[?62;4;22c"));
        assert!(is_da1_answer(b"\x1b_Gi=31;OK\x1b\\\x1b[?6c"));
        assert!(!is_da1_answer(b"\x1b[?62;4"));
        assert!(!is_da1_answer(b"abc"));
    }

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_string())
        }
    }

    #[test]
    fn the_environment_names_the_protocol_and_a_plain_terminal_names_none() {
        type Vars = &'static [(&'static str, &'static str)];
        let cases: [(Vars, Option<Protocol>); 9] = [
            (&[("KITTY_WINDOW_ID", "1")], Some(Protocol::Kitty)),
            (&[("TERM", "xterm-kitty")], Some(Protocol::Kitty)),
            (&[("TERM_PROGRAM", "ghostty")], Some(Protocol::Kitty)),
            (&[("TERM_PROGRAM", "iTerm.app")], Some(Protocol::Iterm)),
            (&[("LC_TERMINAL", "iTerm2")], Some(Protocol::Iterm)),
            (&[("TERM", "foot")], Some(Protocol::Sixel)),
            (&[("TERM", "xterm-256color")], None),
            (&[("KITTY_WINDOW_ID", "")], None),
            (&[], None),
        ];
        for (vars, expected) in cases {
            assert_eq!(hinted(&env(vars)), expected, "{vars:?}");
        }
    }

    #[test]
    fn nothing_is_drawn_off_a_terminal_with_json_or_when_asked_for_none() {
        let terminal = Screen {
            terminal: true,
            json: false,
            color: true,
        };
        let piped = Screen {
            terminal: false,
            ..terminal
        };
        let json = Screen {
            json: true,
            ..terminal
        };
        for choice in [
            PreviewChoice::Blocks,
            PreviewChoice::Kitty,
            PreviewChoice::Auto,
        ] {
            assert_eq!(
                pick_protocol(choice, piped),
                Err(Off::Quietly),
                "{choice:?}"
            );
            assert_eq!(pick_protocol(choice, json), Err(Off::Quietly), "{choice:?}");
        }
        assert_eq!(
            pick_protocol(PreviewChoice::None, terminal),
            Err(Off::Quietly)
        );
        assert_eq!(
            pick_protocol(PreviewChoice::Blocks, terminal),
            Ok(Protocol::Blocks)
        );
        let colorless = Screen {
            color: false,
            ..terminal
        };
        assert!(matches!(
            pick_protocol(PreviewChoice::Blocks, colorless),
            Err(Off::Because(why)) if why.contains("colors are off")
        ));
    }

    #[test]
    fn a_build_without_previews_refuses_a_named_protocol_and_allows_auto_and_none() {
        for choice in [PreviewChoice::Auto, PreviewChoice::None] {
            assert_eq!(built_in(choice, false), Ok(()), "{choice:?}");
        }
        for choice in [
            PreviewChoice::Kitty,
            PreviewChoice::Iterm,
            PreviewChoice::Sixel,
            PreviewChoice::Blocks,
        ] {
            assert_eq!(built_in(choice, true), Ok(()), "{choice:?}");
            let refused = built_in(choice, false).unwrap_err();
            assert!(
                refused.contains("built without inline previews"),
                "{refused}"
            );
            assert!(!refused.contains('\n'), "one line: {refused}");
        }
    }

    #[test]
    fn pictures_shrink_to_the_terminal_and_never_grow() {
        assert_eq!(fit_width((64, 64), (120, 40)), 64);
        assert_eq!(
            fit_width((2000, 1000), (100, 40)),
            98,
            "as wide as the terminal"
        );
        assert_eq!(
            fit_width((1000, 2000), (100, 40)),
            32,
            "as tall as leaves room"
        );
        assert_eq!(fit_width((1, 1), (0, 0)), 1);
    }

    #[test]
    fn only_decodable_pictures_count_as_pictures() {
        assert!(is_picture(Some("image/png"), "x"));
        assert!(is_picture(None, "draft.JPG"));
        assert!(!is_picture(Some("video/mp4"), "a.png"));
        assert!(!is_picture(Some("image/svg+xml"), "a.svg"));
    }
}
