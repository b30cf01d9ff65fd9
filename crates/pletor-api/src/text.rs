//! Untrusted text made safe to show, and sizes and waits that read the same everywhere: every
//! message this crate builds from server text (error details, transport reasons, logged
//! headers) is cleaned here first. The CLI's screen helpers (`output::text`) build on these
//! rather than keeping a copy, so there is one definition of what "clean" means.

use std::time::Duration;

/// Removes ANSI escape sequences and control characters (keeping newlines and tabs) from
/// untrusted text.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            // Bidi overrides can make text read differently from what it is.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            // OSC/DCS/…: up to BEL or ST (ESC \).
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// Like [`clean`], for a one-line context (a log line, a table cell, a reason in a message):
/// newlines and tabs become spaces.
pub fn clean_line(text: &str) -> String {
    clean(text).replace(['\n', '\t'], " ")
}

/// Shortens text to `max` characters, marking the cut with `…`.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// `512 B`, `1.5 KiB`, `3.2 MiB`, `1.0 GiB`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// `1.2s`, `45s`, `3m05s`, `2h10m`.
pub fn human_duration(duration: Duration) -> String {
    let tenths = (duration.as_secs_f64() * 10.0).round() as u64;
    if tenths < 100 {
        let text = format!("{}.{}", tenths / 10, tenths % 10);
        return format!("{}s", text.trim_end_matches(".0"));
    }
    // Rounded once, to whole seconds, before the unit is chosen: 59.6 s reads `1m00s`.
    let whole = duration.as_secs_f64().round() as u64;
    if whole < 60 {
        format!("{whole}s")
    } else if whole < 3600 {
        format!("{}m{:02}s", whole / 60, whole % 60)
    } else {
        format!("{}h{:02}m", whole / 3600, (whole % 3600) / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clean_strips_escapes_and_controls_but_keeps_text() {
        assert_eq!(clean("\x1b[31mred\x1b[0m done"), "red done");
        assert_eq!(clean("a\x07b\x00c\r\n"), "abc\n");
        assert_eq!(clean("\x1b]0;title\x07visible"), "visible");
        assert_eq!(clean("caf\u{e9} \u{202e}txt"), "caf\u{e9} txt");
    }

    #[test]
    fn a_line_keeps_no_line_breaks_and_no_controls() {
        assert_eq!(
            clean_line("two\nlines\tand\x1b[31m red"),
            "two lines and red"
        );
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(human_duration(Duration::from_secs(2)), "2s");
        assert_eq!(human_duration(Duration::from_secs(185)), "3m05s");
        assert_eq!(human_duration(Duration::from_millis(9_960)), "10s");
        assert_eq!(human_duration(Duration::from_millis(59_600)), "1m00s");
        assert_eq!(human_duration(Duration::from_millis(3_599_600)), "1h00m");
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }

    proptest! {
        #[test]
        fn cleaned_text_never_holds_escapes_or_controls(text in any::<String>()) {
            let cleaned = clean(&text);
            prop_assert!(!cleaned.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
    }
}
