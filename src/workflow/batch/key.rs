//! Batch keys: where every row's external id comes from.
//!
//! Row N (the Nth data row, 1-based) runs with the external id `<batch key>-<N>`, and its
//! uploads with `<batch key>-<N>-in-<i>`. The default batch key is the first 12 hex digits of
//! the SHA-256 of the target id, a newline and the batch file's bytes: the same command on the
//! same file finds the same runs, while another file or another agent starts afresh.

use sha2::{Digest, Sha256};

use crate::api::spec::EXTERNAL_ID_MAX;
use crate::error::UsageError;

/// Hex digits kept from the hash: 48 bits, so two batches of one account never meet by chance.
pub const DEFAULT_KEY_HEX: usize = 12;

/// The default batch key of `file` run on `target_id`.
pub fn default_key(target_id: &str, file: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(target_id.as_bytes());
    hasher.update(b"\n");
    hasher.update(file);
    let mut key = hex::encode(hasher.finalize());
    key.truncate(DEFAULT_KEY_HEX);
    key
}

/// The external id of row `row`.
pub fn external_id(key: &str, row: usize) -> String {
    format!("{key}-{row}")
}

/// Checks a `--batch-key` for a batch of `rows` rows: printable, and short enough that every
/// row's external id fits the API's limit.
pub fn check(key: &str, rows: usize) -> Result<(), UsageError> {
    let longest = external_id(key, rows.max(1));
    let hint = "use a short key of letters, digits and dashes, e.g. `--batch-key catalog-2024-06`";
    if key.trim().is_empty() {
        return Err(UsageError::new("`--batch-key` is empty", hint));
    }
    if key.chars().any(char::is_control) {
        return Err(UsageError::new(
            "`--batch-key` holds control characters",
            hint,
        ));
    }
    if longest.len() > EXTERNAL_ID_MAX {
        return Err(UsageError::new(
            format!(
                "`--batch-key` is too long: row external ids such as `{}…` would pass the API's {EXTERNAL_ID_MAX} characters",
                crate::output::truncate(&longest, 40)
            ),
            hint,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_key_depends_on_the_target_and_every_byte() {
        let key = default_key("agent-1", b"{\"prompt\":\"a\"}\n");
        assert_eq!(key.len(), DEFAULT_KEY_HEX);
        assert!(key.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(key, default_key("agent-1", b"{\"prompt\":\"a\"}\n"));
        assert_ne!(key, default_key("agent-2", b"{\"prompt\":\"a\"}\n"));
        assert_ne!(key, default_key("agent-1", b"{\"prompt\":\"b\"}\n"));
        // The separator keeps the target and the bytes apart.
        assert_ne!(default_key("a", b"bc"), default_key("ab", b"c"));
    }

    #[test]
    fn row_ids_join_the_key_and_the_row_number() {
        assert_eq!(external_id("3f2a9c0d1e4b", 17), "3f2a9c0d1e4b-17");
    }

    #[test]
    fn keys_are_checked_against_the_longest_row_id() {
        assert!(check("catalog", 1000).is_ok());
        assert!(check("", 3).is_err());
        assert!(check("a\tb", 3).is_err());
        let exact = "k".repeat(EXTERNAL_ID_MAX - 4);
        assert!(
            check(&exact, 999).is_ok(),
            "`<key>-999` is exactly the limit"
        );
        assert!(check(&exact, 1000).is_err());
    }
}
