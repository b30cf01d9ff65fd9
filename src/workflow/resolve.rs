//! AGENT and APP arguments: what a user types, resolved to one entry of the catalog, client-side.
//!
//! A user may name an agent or an app by its id, an id prefix of at least eight hex digits
//! (`5a1b0c2d-0002`, see [`ids::prefix`](crate::workflow::ids::prefix)), its name (`"Product Shot"`, any case) or its slug
//! (`product-shot`, see [`slug`]). The rules, in order; the first that matches anything decides:
//!
//! 1. a full UUID is used as it is (one `GET` of that entry, no catalog needed);
//! 2. an exact id, then a name (ignoring case), then a slug, then an id prefix, each compared
//!    with every entry of the catalog ([`Context::catalog`]: all pages, once per invocation).
//!
//! Several matches at the first matching rule are a usage error (exit 2) listing them; no match
//! is "not found" (exit 5) with "did you mean …" (edit distance over slugs) and the `list`
//! command. Text that is not a UUID never reaches the server in a path, so a typo is never a
//! `422` with a validation message.
//!
//! The API for other commands (`runs list --agent`, shell completion): [`resolve`] (the full
//! entry), [`resolve_id`] (just its id, without reading it when it was given whole), and the
//! pure parts, [`find`] (the matching) and [`slug`].

use crate::api::Kind;
use crate::api::catalog;
use crate::api::models::CatalogEntry;
use crate::context::Context;
use crate::error::{Exit, Failure, UsageError};
use crate::output::clean_line;

use crate::workflow::ids::{
    MAX_NAMED, bare_hex, canonical as full_uuid, prefix as id_prefix, some_of,
};

/// What [`find`] found for a text among catalog entries.
#[derive(Debug)]
pub enum Match<'a> {
    /// Exactly one entry.
    One(&'a CatalogEntry),
    /// Several entries at the same rule: the user must say more.
    Many(Vec<&'a CatalogEntry>),
    /// None; the closest names, best first (possibly none).
    None(Vec<&'a CatalogEntry>),
}

/// Resolves `text` to one agent (or app) and reads it (`GET /agents/{id}`): for commands that
/// need its inputs.
pub async fn resolve(ctx: &Context, kind: Kind, text: &str) -> anyhow::Result<CatalogEntry> {
    let id = resolve_id(ctx, kind, text).await?;
    Ok(catalog::get(ctx.api()?, kind, &id).await?)
}

/// Resolves `text` to the id of one agent (or app). A full UUID is returned as it is, without
/// a request; anything else is matched against the catalog.
pub async fn resolve_id(ctx: &Context, kind: Kind, text: &str) -> anyhow::Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(UsageError::new(
            format!("the {} is empty", kind.noun()),
            format!(
                "give its id, name or slug; `{}` shows them",
                list_command(kind)
            ),
        )
        .into());
    }
    if let Some(id) = full_uuid(text) {
        return Ok(id);
    }
    let entries = ctx.catalog(kind).await?;
    match find(entries, text) {
        Match::One(entry) => Ok(entry.id.clone()),
        Match::Many(many) => Err(ambiguous(kind, text, &many).into()),
        Match::None(close) => Err(not_found(kind, text, &close).into()),
    }
}

/// Matches `text` against `entries` by the rules of this module (a full UUID is matched as an
/// exact id here).
pub fn find<'a>(entries: &'a [CatalogEntry], text: &str) -> Match<'a> {
    let text = text.trim();
    let wanted = slug(text);
    let prefix = id_prefix(text);
    let rules: [&dyn Fn(&CatalogEntry) -> bool; 4] = [
        &|e| e.id.eq_ignore_ascii_case(text),
        &|e| !e.name.trim().is_empty() && e.name.trim().to_lowercase() == text.to_lowercase(),
        &|e| !wanted.is_empty() && slug(&e.name) == wanted,
        &|e| {
            prefix
                .as_ref()
                .is_some_and(|p| bare_hex(&e.id).starts_with(p))
        },
    ];
    for rule in rules {
        let found: Vec<&CatalogEntry> = entries.iter().filter(|e| rule(e)).collect();
        match found.len() {
            0 => continue,
            1 => return Match::One(found[0]),
            _ => return Match::Many(found),
        }
    }
    Match::None(closest(entries, &wanted))
}

/// A name's slug: lower case, every run of characters other than letters and digits turned
/// into one `-`, none at either end (`Product Shot` → `product-shot`).
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The entries whose slug is close to `wanted`: within an edit distance of a third of its
/// length (at least 2), or containing it; closest first.
fn closest<'a>(entries: &'a [CatalogEntry], wanted: &str) -> Vec<&'a CatalogEntry> {
    if wanted.is_empty() {
        return Vec::new();
    }
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &CatalogEntry)> = entries
        .iter()
        .filter(|e| !e.name.trim().is_empty())
        .filter_map(|e| {
            let name = slug(&e.name);
            let distance = strsim::levenshtein(&name, wanted);
            let contains = wanted.len() >= 3 && name.contains(wanted);
            (distance <= limit || contains).then_some((if contains { 0 } else { distance }, e))
        })
        .collect();
    scored.sort_by_key(|(distance, _)| *distance);
    scored.into_iter().take(MAX_NAMED).map(|(_, e)| e).collect()
}

/// `` `Product Shot` (5a1b0c2d-0002-…) ``.
fn describe(entry: &CatalogEntry) -> String {
    match entry.name.trim() {
        "" => format!("`{}`", clean_line(&entry.id)),
        name => format!("`{}` ({})", clean_line(name), clean_line(&entry.id)),
    }
}

fn list_command(kind: Kind) -> String {
    format!("pletor {}s list", kind.noun())
}

fn ambiguous(kind: Kind, text: &str, many: &[&CatalogEntry]) -> UsageError {
    let named = some_of(many.iter().map(|e| describe(e)));
    UsageError::new(
        format!(
            "`{}` matches {} {}s: {named}",
            clean_line(text),
            many.len(),
            kind.noun(),
        ),
        format!(
            "give the full id or name; `{}` shows them all",
            list_command(kind)
        ),
    )
}

fn not_found(kind: Kind, text: &str, close: &[&CatalogEntry]) -> Failure {
    let listing = format!("`{}` shows every {}", list_command(kind), kind.noun());
    let hint = match close {
        [] => listing,
        some => {
            let names: Vec<String> = some
                .iter()
                .map(|e| format!("`{}`", clean_line(e.name.trim())))
                .collect();
            format!("did you mean {}? {listing}", names.join(" or "))
        }
    };
    Failure::new(
        Exit::NotFound,
        "not_found",
        format!("no {} matches `{}`", kind.noun(), clean_line(text)),
    )
    .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn catalog() -> Vec<CatalogEntry> {
        [
            ("5a1b0c2d-0001-4000-8000-000000000001", "Text to Image"),
            ("5a1b0c2d-0002-4000-8000-000000000002", "Product Shot"),
            ("6b000000-0003-4000-8000-000000000003", "Product  shot!"),
            ("7c000000-0004-4000-8000-000000000004", "Échos & Co"),
        ]
        .into_iter()
        .map(|(id, name)| CatalogEntry::from_value(json!({"id": id, "name": name})).unwrap())
        .collect()
    }

    fn one(text: &str) -> String {
        match find(&catalog(), text) {
            Match::One(entry) => entry.id.clone(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn slugs_are_lower_case_with_one_dash_between_words() {
        assert_eq!(slug("Product Shot"), "product-shot");
        assert_eq!(slug("  Product  shot! "), "product-shot");
        assert_eq!(slug("Échos & Co"), "échos-co");
        assert_eq!(slug("--"), "");
    }

    #[test]
    fn ids_names_slugs_and_prefixes_resolve_in_that_order() {
        assert_eq!(one("5A1B0C2D-0002-4000-8000-000000000002"), catalog()[1].id);
        assert_eq!(one("product shot"), catalog()[1].id, "an exact name wins");
        assert_eq!(one("Product  shot!"), catalog()[2].id);
        assert_eq!(one("text-to-image"), catalog()[0].id);
        assert_eq!(one("échos-co"), catalog()[3].id);
        assert_eq!(one("5a1b0c2d-0002"), catalog()[1].id);
        assert_eq!(one("5a1b0c2d0001"), catalog()[0].id, "hyphens are optional");
        assert!(matches!(find(&catalog(), "product-shot"), Match::Many(m) if m.len() == 2));
        assert!(matches!(find(&catalog(), "5a1b0c2d"), Match::Many(m) if m.len() == 2));
    }

    #[test]
    fn short_prefixes_and_typos_match_nothing_but_suggest_the_closest_names() {
        let entries = catalog();
        assert!(matches!(find(&entries, "5a1b0c2"), Match::None(_)));
        let Match::None(close) = find(&entries, "prodct-shot") else {
            panic!("a typo is no match");
        };
        assert_eq!(close.len(), 2);
        assert_eq!(close[0].name, "Product Shot");
        let Match::None(close) = find(&entries, "image") else {
            panic!("a part of a name is no match");
        };
        assert_eq!(close[0].name, "Text to Image");
        assert!(matches!(find(&catalog(), "zzzzzzzz"), Match::None(c) if c.is_empty()));
    }

    #[test]
    fn only_full_uuids_skip_the_catalog() {
        assert_eq!(
            full_uuid("{5A1B0C2D-0002-4000-8000-000000000002}").as_deref(),
            Some("5a1b0c2d-0002-4000-8000-000000000002")
        );
        assert_eq!(full_uuid("5a1b0c2d-0002"), None);
        assert_eq!(full_uuid("not-a-uuid"), None);
    }

    #[test]
    fn messages_name_the_candidates_and_the_suggestions() {
        let entries = catalog();
        let err = ambiguous(Kind::Agent, "5a1b0c2d", &[&entries[0], &entries[1]]);
        assert!(err.message.contains("matches 2 agents"), "{}", err.message);
        assert!(err.message.contains("`Product Shot` (5a1b0c2d-0002"));
        let failure = not_found(Kind::App, "prodct", &[&entries[1]]);
        assert_eq!(failure.exit, Exit::NotFound);
        assert_eq!(
            failure.hint.as_deref(),
            Some("did you mean `Product Shot`? `pletor apps list` shows every app")
        );
    }
}
