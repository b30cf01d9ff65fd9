//! RUN and ASSET arguments: what a user types, checked or resolved client-side, so a typo never
//! reaches the server as a `422` with a validation message.
//!
//! Ids are lowercase hyphenated UUIDs (observed: docs/api-contract.md); [`canonical`] is the one place that
//! decides what an id looks like.
//!
//! - An ASSET (`download ASSET`, `assets show ASSET`, `-i KEY=asset:ID`) must be a full UUID, in
//!   any case, with or without hyphens; anything else is a usage error (exit 2).
//! - A RUN may also be an id prefix of at least [`MIN_PREFIX_HEX`] hex digits, the form saved
//!   file names carry (`product-shot-d61ca816-hero.png` → `pletor runs show d61ca816`). The
//!   prefix is matched against the run listings (agent runs and app runs; only app runs with
//!   `--app`), at most [`PREFIX_SCAN`] runs of each: one match is used, several are a usage
//!   error listing them, none is "not found" (exit 5).
//! - Anything else is a usage error (exit 2) naming what an id looks like.

use crate::api::Kind;
use crate::api::models::Run;
use crate::api::runs;
use crate::api::spec::{self, ID_FIELDS};
use crate::context::Context;
use crate::error::{Exit, Failure, UsageError};
use crate::output::clean_line;

/// The fewest hex digits an id prefix must have, so that a prefix is not a guess.
pub const MIN_PREFIX_HEX: usize = 8;

/// The most runs of each kind a RUN prefix is matched against (the first pages of the listing).
pub const PREFIX_SCAN: usize = 2_000;

/// Most candidates named in one message.
pub const MAX_NAMED: usize = 5;

/// The canonical form of a full id (a UUID in any case, with or without hyphens or braces), or
/// `None` when `text` is not one.
pub fn canonical(text: &str) -> Option<String> {
    uuid::Uuid::try_parse(text.trim())
        .ok()
        .map(|id| id.hyphenated().to_string())
}

/// The hex digits of an id prefix: only hex digits and hyphens, at least [`MIN_PREFIX_HEX`]
/// digits; `None` for anything else.
pub fn prefix(text: &str) -> Option<String> {
    let text = text.trim();
    let hex_only = text.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    let digits = bare_hex(text);
    (hex_only && digits.len() >= MIN_PREFIX_HEX).then_some(digits)
}

/// An id without its hyphens, in lower case.
pub fn bare_hex(id: &str) -> String {
    id.chars()
        .filter(|c| *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Checks an ASSET argument; `shown` is how the message names it (`asset:abc`, `abc`).
pub fn asset(text: &str, shown: &str) -> Result<String, UsageError> {
    canonical(text).ok_or_else(|| {
        UsageError::new(
            format!(
                "`{}` is not an asset id: asset ids are UUIDs",
                clean_line(shown)
            ),
            "`pletor assets list` shows your assets' ids; `pletor upload FILE` makes one",
        )
    })
}

/// Resolves a RUN argument and reads the run: a full id directly (agent runs first, then app
/// runs, unless `kind` says which), a prefix through the listings, anything else refused.
pub async fn run(ctx: &Context, text: &str, kind: Option<Kind>) -> anyhow::Result<(Kind, Run)> {
    let client = ctx.api()?;
    if let Some(id) = canonical(text) {
        return Ok(runs::get_any(client, &id, kind).await?);
    }
    let Some(digits) = prefix(text) else {
        return Err(UsageError::new(
            format!("`{}` is not a run id", clean_line(text)),
            format!(
                "give the run's id (a UUID) or its first {MIN_PREFIX_HEX}+ hex digits; `pletor runs list` shows them"
            ),
        )
        .into());
    };
    let kinds = match kind {
        Some(kind) => vec![kind],
        None => vec![Kind::Agent, Kind::App],
    };
    let mut found: Vec<(Kind, String)> = Vec::new();
    let mut complete = true;
    for kind in kinds {
        let (matches, scanned_all) = scan(ctx, kind, &digits).await?;
        found.extend(matches.into_iter().map(|id| (kind, id)));
        complete &= scanned_all;
    }
    match found.as_slice() {
        [(kind, id)] => Ok((*kind, runs::get(client, *kind, id).await?)),
        [] => Err(none_found(text, complete).into()),
        many => Err(ambiguous(text, many).into()),
    }
}

/// The ids among the first [`PREFIX_SCAN`] runs of `kind` that start with `digits`, and whether
/// the listing ended within them.
async fn scan(ctx: &Context, kind: Kind, digits: &str) -> anyhow::Result<(Vec<String>, bool)> {
    let client = ctx.api()?;
    let mut listing = runs::listing(kind);
    let (mut read, mut found) = (0, Vec::new());
    while read < PREFIX_SCAN {
        let want = (PREFIX_SCAN - read).min(spec::PAGE_MAX);
        let Some(page) = listing.next(client, want).await? else {
            break;
        };
        read += page.len();
        found.extend(
            page.iter()
                .filter_map(|item| spec::first_str(item, ID_FIELDS))
                .filter(|id| bare_hex(id).starts_with(digits))
                .map(str::to_string),
        );
        if listing.finished() || page.is_empty() {
            break;
        }
    }
    found.dedup();
    Ok((found, listing.finished()))
}

fn none_found(text: &str, complete: bool) -> Failure {
    let message = if complete {
        format!("no run id starts with `{}`", clean_line(text))
    } else {
        format!(
            "no run id among the {PREFIX_SCAN} listed first starts with `{}`",
            clean_line(text)
        )
    };
    Failure::new(Exit::NotFound, "not_found", message).hint(
        "check the id, or give it whole; `pletor runs list` shows the runs (`--app` for app runs)",
    )
}

fn ambiguous(text: &str, many: &[(Kind, String)]) -> UsageError {
    let named = some_of(many.iter().map(|(kind, id)| match kind {
        Kind::Agent => clean_line(id),
        Kind::App => format!("{} (app run)", clean_line(id)),
    }));
    UsageError::new(
        format!(
            "`{}` starts {} run ids: {named}",
            clean_line(text),
            many.len(),
        ),
        "give more of the id, or all of it",
    )
}

/// The first [`MAX_NAMED`] of `names`, joined with commas, then "and N more" for the rest.
pub fn some_of(names: impl ExactSizeIterator<Item = String>) -> String {
    let total = names.len();
    let mut named: Vec<String> = names.take(MAX_NAMED).collect();
    if total > MAX_NAMED {
        named.push(format!("and {} more", total - MAX_NAMED));
    }
    named.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_ids_are_canonical_in_any_spelling() {
        let id = "5a1b0c2d-0002-4000-8000-000000000002";
        assert_eq!(canonical(id).as_deref(), Some(id));
        assert_eq!(
            canonical("{5A1B0C2D-0002-4000-8000-000000000002}").as_deref(),
            Some(id)
        );
        assert_eq!(
            canonical(" 5a1b0c2d000240008000000000000002 ").as_deref(),
            Some(id)
        );
        assert_eq!(canonical("5a1b0c2d-0002"), None);
        assert_eq!(canonical("asset-1"), None);
    }

    #[test]
    fn prefixes_need_eight_hex_digits_and_nothing_else() {
        assert_eq!(prefix("D61CA816").as_deref(), Some("d61ca816"));
        assert_eq!(prefix("5a1b0c2d-0002").as_deref(), Some("5a1b0c2d0002"));
        assert_eq!(prefix("d61ca81"), None);
        assert_eq!(prefix("d61ca816x"), None);
        assert_eq!(prefix("product-shot"), None);
    }

    #[test]
    fn long_lists_of_candidates_end_with_a_count() {
        let names = |n: usize| {
            (1..=n)
                .map(|i| format!("r{i}"))
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(some_of(names(2)), "r1, r2");
        assert_eq!(some_of(names(7)), "r1, r2, r3, r4, r5, and 2 more");
    }

    #[test]
    fn an_asset_must_be_a_whole_id() {
        assert!(asset("5A1B0C2D-0002-4000-8000-000000000002", "x").is_ok());
        let err = asset("abc", "asset:abc").unwrap_err();
        assert!(
            err.to_string().contains("`asset:abc` is not an asset id"),
            "{err}"
        );
    }
}
