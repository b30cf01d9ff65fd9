//! Safe local names for files the server names: the sanitizer, and the choice among the names a
//! download offers (the server's suggestion, the metadata's, the asset id).
//!
//! Server names are untrusted. [`safe_name`] turns any text into a plain file name that cannot
//! leave the output folder or surprise the user:
//!
//! - only the last component survives (`/` and `\` both separate), so `../../x.png` is `x.png`;
//! - control characters (NUL included) and bidirectional overrides are removed;
//! - leading dots and surrounding spaces are removed, so a download never creates a hidden file
//!   and never names `.` or `..`;
//! - Windows device names (`CON`, `NUL`, `COM1`, … with or without an extension) get a `_`
//!   prefix, so a folder copied to Windows still works; on Windows the characters it forbids
//!   become `_` as well;
//! - a name ending in `.part` gets a `_` suffix, so it can never be taken for a partial download;
//! - the name is at most [`MAX_NAME_BYTES`] bytes, cut in the stem so the extension survives.
//!
//! When nothing usable is left the result is `None` and the caller tries the next source.

use std::path::Path;

/// The longest name we write, in bytes: well under the 255 of common file systems, leaving room
/// for a ` (N)` de-duplication suffix and the `.part` of the temporary file.
pub const MAX_NAME_BYTES: usize = 200;

/// The suffix of a download in progress: the bytes are verified under it before the rename, and
/// a later run resumes from it.
pub const PART_SUFFIX: &str = ".part";

/// Longest extension kept whole when a long name is cut.
const MAX_EXTENSION_BYTES: usize = 16;

/// Turns an untrusted name into a safe file name, or `None` when nothing usable is left.
pub fn safe_name(untrusted: &str) -> Option<String> {
    let last = untrusted
        .rsplit(['/', '\\'])
        .find(|part| !part.trim().is_empty())?;
    let mut name: String = last
        .chars()
        .filter(|c| !is_unsafe_char(*c))
        .map(replace_forbidden)
        .collect();
    name = name
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .trim_end()
        .to_string();
    if cfg!(windows) {
        // Windows drops trailing dots and spaces itself; do it first so names compare equal.
        name = name.trim_end_matches(['.', ' ']).to_string();
    }
    if name.is_empty() {
        return None;
    }
    // Cut first, then mark: a cut can expose a reserved stem or a `.part` ending.
    name = bound(&name, MAX_NAME_BYTES - 2);
    if is_reserved(&name) {
        name.insert(0, '_');
    }
    if name.to_ascii_lowercase().ends_with(PART_SUFFIX) {
        name.push('_');
    }
    Some(name)
}

/// Characters removed outright: controls (C0, DEL, C1; NUL included) and bidi overrides, which
/// can make `gnp.exe` read as `exe.png`.
fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// On Windows, the characters its file systems refuse become `_`; elsewhere they are legal and
/// kept, so names with quotes survive a round trip.
fn replace_forbidden(c: char) -> char {
    if cfg!(windows) && matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') {
        '_'
    } else {
        c
    }
}

/// Windows device names, reserved in any folder and with any extension (`nul.txt` too).
fn is_reserved(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end()
        .to_ascii_uppercase();
    match stem.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => {
            let digit = stem
                .strip_prefix("COM")
                .or_else(|| stem.strip_prefix("LPT"));
            digit.is_some_and(|d| d.len() == 1 && d.as_bytes()[0].is_ascii_digit())
        }
    }
}

/// Cuts `name` to at most `max` bytes on a character boundary, keeping a short extension.
fn bound(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_string();
    }
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot <= MAX_EXTENSION_BYTES => name.split_at(dot),
        _ => (name, ""),
    };
    let mut cut = max - extension.len();
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{extension}", stem[..cut].trim_end())
}

/// `NAME (1).ext`, `NAME (2).ext`, …: the `n`th alternative to a name already taken.
pub fn numbered(name: &str, n: usize) -> String {
    let suffix = format!(" ({n})");
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 && name.len() - dot <= MAX_EXTENSION_BYTES => name.split_at(dot),
        _ => (name, ""),
    };
    let room = MAX_NAME_BYTES.saturating_sub(suffix.len() + extension.len());
    let mut cut = stem.len().min(room);
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{suffix}{extension}", &stem[..cut])
}

/// The usual extension of a media type (without the dot), `bin` when unknown.
pub fn extension_for(mime_type: Option<&str>) -> String {
    let essence = mime_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    // mime_guess lists extensions alphabetically (`jpe` before `jpg`): prefer the common ones.
    let common = match essence.as_str() {
        "image/jpeg" => Some("jpg"),
        "image/png" => Some("png"),
        "image/webp" => Some("webp"),
        "image/gif" => Some("gif"),
        "video/mp4" => Some("mp4"),
        "video/quicktime" => Some("mov"),
        "audio/mpeg" => Some("mp3"),
        "audio/wav" | "audio/x-wav" | "audio/wave" => Some("wav"),
        "application/pdf" => Some("pdf"),
        "text/csv" => Some("csv"),
        "application/json" => Some("json"),
        "text/plain" => Some("txt"),
        // mime_guess's first pick for these is obscure (`aaf`).
        "application/octet-stream" | "" => Some("bin"),
        _ => None,
    };
    common
        .map(str::to_string)
        .or_else(|| {
            mime_guess::get_mime_extensions_str(&essence)
                .and_then(|e| e.first())
                .map(|e| e.to_string())
        })
        .unwrap_or_else(|| "bin".to_string())
}

/// The local name of a download: the first usable of the `Content-Disposition` name, the
/// metadata name, and `<asset_id>.<extension of the media type>`; `asset.bin` as a last resort.
pub fn choose(
    disposition: Option<&str>,
    metadata: Option<&str>,
    asset_id: &str,
    mime_type: Option<&str>,
) -> String {
    disposition
        .and_then(safe_name)
        .or_else(|| metadata.and_then(safe_name))
        .or_else(|| safe_name(&format!("{asset_id}.{}", extension_for(mime_type))))
        .unwrap_or_else(|| format!("asset.{}", extension_for(mime_type)))
}

/// The temporary name of a download in progress.
pub fn part_name(name: &str) -> String {
    format!("{name}{PART_SUFFIX}")
}

/// Whether `path` (already joined) stays directly inside `dir`: the last line of defense behind
/// [`safe_name`].
pub fn is_directly_inside(dir: &Path, path: &Path) -> bool {
    let mut components = path
        .strip_prefix(dir)
        .map(Path::components)
        .into_iter()
        .flatten();
    matches!(
        (components.next(), components.next()),
        (Some(std::path::Component::Normal(_)), None)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hostile_names_become_plain_basenames() {
        let cases = [
            ("../../x.png", Some("x.png")),
            ("/etc/passwd", Some("passwd")),
            ("a/b", Some("b")),
            ("..\\x", Some("x")),
            ("C:\\Windows\\evil.dll", Some("evil.dll")),
            ("dir/", Some("dir")),
            ("..", None),
            (".", None),
            ("...", None),
            ("", None),
            ("   ", None),
            ("/", None),
            ("a\0b.png", Some("ab.png")),
            ("\u{1b}[31mred.png", Some("[31mred.png")),
            (".bashrc", Some("bashrc")),
            (". .x", Some("x")),
            ("evil\u{202e}gnp.exe", Some("evilgnp.exe")),
            ("  spaced name.png  ", Some("spaced name.png")),
        ];
        for (input, expected) in cases {
            assert_eq!(safe_name(input).as_deref(), expected, "{input:?}");
        }
    }

    #[test]
    fn reserved_device_names_get_a_prefix_with_or_without_extension() {
        for name in [
            "CON",
            "con",
            "NUL.txt",
            "com1",
            "LPT9.png",
            "aux.tar.gz",
            "CONIN$",
        ] {
            assert_eq!(safe_name(name), Some(format!("_{name}")), "{name}");
        }
        for name in ["CONSOLE", "com10", "nulls.txt", "LPT", "COMA"] {
            assert_eq!(safe_name(name).as_deref(), Some(name), "{name}");
        }
    }

    #[test]
    fn names_ending_in_part_cannot_pose_as_partial_downloads() {
        assert_eq!(safe_name("x.png.part").as_deref(), Some("x.png.part_"));
        assert_eq!(safe_name("x.PART").as_deref(), Some("x.PART_"));
    }

    #[test]
    fn spaces_quotes_and_unicode_survive() {
        for name in ["my file.png", "it's \"quoted\".txt", "café ☕ 日本.jpg"] {
            if cfg!(windows) && name.contains('"') {
                continue;
            }
            assert_eq!(safe_name(name).as_deref(), Some(name));
        }
    }

    #[test]
    fn long_names_are_cut_in_the_stem_and_keep_their_extension() {
        let long = format!("{}.png", "a".repeat(400));
        let safe = safe_name(&long).unwrap();
        assert_eq!(safe.len(), MAX_NAME_BYTES - 2);
        assert!(safe.ends_with(".png"));
        let unicode = format!("{}.jpg", "日".repeat(300));
        let safe = safe_name(&unicode).unwrap();
        assert!(safe.len() <= MAX_NAME_BYTES && safe.ends_with(".jpg"));
        let huge_extension = format!("a.{}", "b".repeat(400));
        assert_eq!(
            safe_name(&huge_extension).unwrap().len(),
            MAX_NAME_BYTES - 2
        );
        let reserved_after_cut = format!("CON{}x.png", " ".repeat(300));
        assert_eq!(safe_name(&reserved_after_cut).as_deref(), Some("_CON.png"));
    }

    #[test]
    fn numbered_alternatives_go_before_the_extension() {
        assert_eq!(numbered("a.png", 1), "a (1).png");
        assert_eq!(numbered("archive", 2), "archive (2)");
        let long = safe_name(&format!("{}.png", "é".repeat(300))).unwrap();
        let alt = numbered(&long, 12);
        assert!(
            alt.len() <= MAX_NAME_BYTES && alt.ends_with(" (12).png"),
            "{alt}"
        );
    }

    #[test]
    fn names_fall_back_from_header_to_metadata_to_id() {
        assert_eq!(choose(Some("h.png"), Some("m.png"), "id", None), "h.png");
        assert_eq!(choose(Some(".."), Some("m.png"), "id", None), "m.png");
        assert_eq!(
            choose(None, Some("/"), "a-1", Some("image/jpeg")),
            "a-1.jpg"
        );
        assert_eq!(
            choose(None, None, "a-1", Some("application/x-unknown-thing")),
            "a-1.bin"
        );
        assert_eq!(
            choose(None, None, "../../etc", Some("text/plain; charset=utf-8")),
            "etc.txt"
        );
        assert_eq!(
            choose(None, None, "a-1", Some("application/octet-stream")),
            "a-1.bin"
        );
        assert_eq!(choose(None, None, "a-1", None), "a-1.bin");
    }

    #[test]
    // Deliberate: joining an absolute path replaces the base, which is what the check must catch.
    #[allow(clippy::join_absolute_paths)]
    fn joined_paths_are_checked_to_stay_inside() {
        let dir = Path::new("out");
        assert!(is_directly_inside(dir, &dir.join("a.png")));
        assert!(!is_directly_inside(dir, &dir.join("../a.png")));
        assert!(!is_directly_inside(dir, &dir.join("/etc/passwd")));
        assert!(!is_directly_inside(dir, &dir.join("a/b")));
        assert!(!is_directly_inside(dir, dir));
    }

    proptest! {
        #[test]
        fn safe_names_are_always_plain_bounded_names(input in any::<String>()) {
            if let Some(name) = safe_name(&input) {
                prop_assert!(!name.is_empty());
                prop_assert!(!name.contains(['/', '\\']));
                prop_assert!(!name.starts_with('.'), "{name:?}");
                prop_assert!(name != ".." && name != ".");
                prop_assert!(!name.chars().any(char::is_control));
                prop_assert!(name.len() <= MAX_NAME_BYTES);
                prop_assert!(!is_reserved(&name));
                prop_assert!(is_directly_inside(Path::new("out"), &Path::new("out").join(&name)));
            }
        }

        #[test]
        fn chosen_names_are_never_empty(header in any::<Option<String>>(), meta in any::<Option<String>>(), id in ".*") {
            let name = choose(header.as_deref(), meta.as_deref(), &id, None);
            prop_assert!(!name.is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.'));
        }
    }
}
