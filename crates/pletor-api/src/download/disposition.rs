//! `Content-Disposition`: the file name a server suggests for a download (RFC 6266), with
//! `filename*` (RFC 5987) preferred to `filename`. The name comes back unsanitized.

/// The file name a `Content-Disposition` header gives: `filename*` (RFC 5987/6266) first, then
/// `filename`. Unsanitized. Parameter continuations (`filename*0*`) are not supported.
pub(super) fn file_name(header: &[u8]) -> Option<String> {
    // Some servers send raw UTF-8 in the header; read it as such rather than give up.
    let text = String::from_utf8_lossy(header);
    let params = parameters(&text);
    let find = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    };
    if let Some(decoded) = find("filename*").and_then(|value| decode_ext_value(value)) {
        return Some(decoded);
    }
    find("filename").cloned()
}

/// Splits `type; key=value; key="quoted; value"` into its parameters (the type is skipped).
fn parameters(text: &str) -> Vec<(String, String)> {
    let mut params = Vec::new();
    let mut chars = text.chars().peekable();
    // Skip the disposition type.
    for c in chars.by_ref() {
        if c == ';' {
            break;
        }
    }
    loop {
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        // A parameter without `=` (`attachment; foo; filename=x`) is skipped.
        let key = key.rsplit(';').next().unwrap_or("").trim().to_string();
        if key.is_empty() {
            break;
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let value = if chars.peek() == Some(&'"') {
            chars.next();
            quoted(&mut chars)
        } else {
            chars
                .by_ref()
                .take_while(|c| *c != ';')
                .collect::<String>()
                .trim()
                .to_string()
        };
        params.push((key, value));
    }
    params
}

/// Reads a quoted string after its opening quote, honoring `\` escapes, up to the next `;`.
fn quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut value = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => value.extend(chars.next()),
            '"' => break,
            c => value.push(c),
        }
    }
    for c in chars.by_ref() {
        if c == ';' {
            break;
        }
    }
    value
}

/// Decodes an RFC 5987 `charset'language'percent-encoded` value (UTF-8 or ISO-8859-1).
fn decode_ext_value(value: &str) -> Option<String> {
    let mut parts = value.splitn(3, '\'');
    let charset = parts.next()?.trim();
    let _language = parts.next()?;
    let encoded = parts.next()?;
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(encoded).collect();
    if charset.eq_ignore_ascii_case("utf-8") {
        String::from_utf8(bytes).ok()
    } else if charset.eq_ignore_ascii_case("iso-8859-1") {
        Some(bytes.iter().map(|b| char::from(*b)).collect())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn content_disposition_prefers_the_extended_filename() {
        let header =
            b"attachment; filename=\"fallback.png\"; filename*=UTF-8''caf%C3%A9%20%E2%98%95.png";
        assert_eq!(file_name(header).as_deref(), Some("café ☕.png"));
        let header = b"attachment; FILENAME*=iso-8859-1'en'caf%E9.txt";
        assert_eq!(file_name(header).as_deref(), Some("café.txt"));
    }

    #[test]
    fn content_disposition_reads_quoted_escaped_and_bare_names() {
        let cases: [(&[u8], Option<&str>); 7] = [
            (b"attachment; filename=\"a; b.png\"", Some("a; b.png")),
            (
                b"attachment; filename=\"say \\\"hi\\\".txt\"",
                Some("say \"hi\".txt"),
            ),
            (b"attachment;filename=plain.bin", Some("plain.bin")),
            (
                b"inline; name=x; filename = spaced.txt ; size=3",
                Some("spaced.txt"),
            ),
            (
                "attachment; filename=\"日本.png\"".as_bytes(),
                Some("日本.png"),
            ),
            (b"attachment", None),
            (b"attachment; filename*=bogus''x.png", None),
        ];
        for (header, expected) in cases {
            assert_eq!(
                file_name(header).as_deref(),
                expected,
                "{}",
                String::from_utf8_lossy(header)
            );
        }
        // An undecodable extended name falls back to the plain one.
        let header = b"attachment; filename*=UTF-8''%FF%FE.png; filename=\"ok.png\"";
        assert_eq!(file_name(header).as_deref(), Some("ok.png"));
    }

    proptest! {
        #[test]
        fn content_disposition_parsing_never_panics(header in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = file_name(&header);
        }

        #[test]
        fn quoted_filenames_round_trip(name in "[^\"\\\\\\x00-\\x1f]{1,40}") {
            let header = format!("attachment; filename=\"{name}\"");
            prop_assert_eq!(file_name(header.as_bytes()), Some(name));
        }
    }
}
