//! Text the user hands over locally (stdin for `-i KEY=@-`, an `--inputs`, `--batch` or `api
//! --input` document, a key for `auth login --with-key`) is read with a cap: at most the cap
//! plus one byte is ever read, so `< /dev/zero` or a runaway generator ends at once with exit 2
//! instead of filling memory. The caps are far above any real prompt or document.

use std::path::Path;

use tokio::io::{AsyncRead, AsyncReadExt};

use crate::error::UsageError;

/// The most a text value (`-i KEY=@-`) may hold: 16 MiB.
pub const TEXT_VALUE_CAP: u64 = 16 * 1024 * 1024;

/// The most a document (`--inputs`, `--batch`, `api --input`) may hold: 64 MiB.
pub const DOCUMENT_CAP: u64 = 64 * 1024 * 1024;

/// The most a key read from stdin may hold: 64 KiB.
pub const KEY_CAP: u64 = 64 * 1024;

/// What is read, for messages: `the text on stdin`, `` `--inputs in.json` ``.
#[derive(Debug, Clone, Copy)]
pub struct Capped<'a> {
    /// How messages name it.
    pub what: &'a str,
    /// Its cap in bytes.
    pub cap: u64,
    /// The hint when it is over the cap.
    pub hint: &'a str,
}

/// Reads at most `source.cap` bytes from `reader`; one byte more is a usage error.
pub async fn read_bytes(
    reader: impl AsyncRead + Unpin,
    source: Capped<'_>,
) -> Result<Vec<u8>, UsageError> {
    let mut bytes = Vec::new();
    reader
        .take(source.cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .await
        .map_err(|err| {
            UsageError::new(
                format!("cannot read {}: {err}", source.what),
                "check where the text comes from",
            )
        })?;
    if bytes.len() as u64 > source.cap {
        return Err(UsageError::new(
            format!(
                "{} is larger than {} (the most pletor reads)",
                source.what,
                crate::output::human_bytes(source.cap)
            ),
            source.hint,
        ));
    }
    Ok(bytes)
}

/// Reads text (UTF-8) as [`read_bytes`] does.
pub async fn read_text(
    reader: impl AsyncRead + Unpin,
    source: Capped<'_>,
) -> Result<String, UsageError> {
    utf8(read_bytes(reader, source).await?, source)
}

fn utf8(bytes: Vec<u8>, source: Capped<'_>) -> Result<String, UsageError> {
    String::from_utf8(bytes).map_err(|err| {
        UsageError::new(
            format!("{} is not UTF-8 text: {err}", source.what),
            "save it as UTF-8",
        )
    })
}

/// Reads stdin as text under `cap`, named `what` in messages.
pub async fn stdin_text(source: Capped<'_>) -> Result<String, UsageError> {
    read_text(tokio::io::stdin(), source).await
}

/// Opens `path` and reads it as [`read_bytes`] does; `hint` is for a file that cannot be opened.
pub async fn file_bytes(
    path: &Path,
    source: Capped<'_>,
    open_hint: &str,
) -> Result<Vec<u8>, UsageError> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|err| UsageError::new(format!("cannot read {}: {err}", source.what), open_hint))?;
    read_bytes(file, source).await
}

/// Opens `path` and reads it as [`read_text`] does.
pub async fn file_text(
    path: &Path,
    source: Capped<'_>,
    open_hint: &str,
) -> Result<String, UsageError> {
    utf8(file_bytes(path, source, open_hint).await?, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(cap: u64) -> Capped<'static> {
        Capped {
            what: "the text on stdin",
            cap,
            hint: "use a file",
        }
    }

    #[tokio::test]
    async fn text_up_to_the_cap_is_read_and_one_byte_more_is_refused() {
        let text = read_text(&b"12345"[..], source(5)).await.unwrap();
        assert_eq!(text, "12345");
        let err = read_text(&b"123456"[..], source(5)).await.unwrap_err();
        assert_eq!(
            err.message,
            "the text on stdin is larger than 5 B (the most pletor reads)"
        );
        assert_eq!(err.hint.as_deref(), Some("use a file"));
    }

    #[tokio::test]
    async fn an_endless_reader_is_read_only_to_the_cap_plus_one() {
        let endless = tokio::io::repeat(b'x');
        let mut counted = Counting {
            inner: endless,
            read: 0,
        };
        assert!(read_bytes(&mut counted, source(1000)).await.is_err());
        assert_eq!(counted.read, 1001);
    }

    #[tokio::test]
    async fn bytes_that_are_not_utf8_are_refused() {
        let err = read_text(&[0xff, 0xfe][..], source(5)).await.unwrap_err();
        assert!(err.message.contains("not UTF-8"), "{}", err.message);
    }

    /// Counts the bytes read through it.
    struct Counting<R> {
        inner: R,
        read: u64,
    }

    impl<R: AsyncRead + Unpin> AsyncRead for Counting<R> {
        fn poll_read(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
            buf: &mut tokio::io::ReadBuf<'_>,
        ) -> std::task::Poll<std::io::Result<()>> {
            let before = buf.filled().len();
            let poll = std::pin::Pin::new(&mut self.inner).poll_read(cx, buf);
            let after = buf.filled().len();
            self.read += (after - before) as u64;
            poll
        }
    }
}
