//! Runs as people read them: newest first by `created_at` whatever order the server answers
//! in, filtered by a time (`--since 2h`, `--since 2026-01-15`), and with agent, app and input
//! names instead of bare ids. `--json` output keeps the server's objects unchanged; only their
//! order follows [`newest_first`].
//!
//! Times are `jiff` timestamps: RFC 3339 from the server, and for `--since` a duration back
//! from now or a date or time in the local time zone ([`parse_since`]).

use std::collections::HashMap;

use jiff::{Timestamp, civil, tz::TimeZone};
use serde_json::Value;

use crate::api::Kind;
use crate::api::catalog;
use crate::api::models::CatalogEntry;
use crate::context::Context;

/// Parses `--since`: a duration back from now (`90m`, `2h`, `7d`, `1w`, `P1D`: the grammar of
/// every duration, bare seconds aside, which would read as a year), an RFC 3339
/// timestamp (`2026-01-15T10:00:00Z`), or a local date or date and time (`2026-01-15`,
/// `2026-01-15T10:00`; a date is its midnight).
pub fn parse_since(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    let local = |dt: civil::DateTime| {
        dt.to_zoned(TimeZone::system())
            .map(|z| z.timestamp())
            .map_err(|e| e.to_string())
    };
    if let Ok(at) = text.parse::<Timestamp>() {
        return Ok(at);
    }
    if let Ok(dt) = text.parse::<civil::DateTime>() {
        return local(dt);
    }
    if let Ok(date) = text.parse::<civil::Date>() {
        return local(date.to_datetime(civil::Time::midnight()));
    }
    // A bare number would be seconds in the duration grammar, but reads as a year here.
    if text.parse::<f64>().is_ok() {
        return Err(format!(
            "`{text}` is ambiguous: say `{text}s` for seconds back from now, or give a date (2026-01-15)"
        ));
    }
    // The one duration grammar (`settings::parse_duration`), back from now.
    match crate::settings::parse_duration(text) {
        Ok(back) if !back.is_zero() => jiff::SignedDuration::try_from(back)
            .ok()
            .and_then(|back| Timestamp::now().checked_sub(back).ok())
            .ok_or_else(|| format!("`{text}` reaches too far back")),
        _ => Err(format!(
            "`{text}` is neither a duration back from now (90m, 2h, 7d) nor a date (2026-01-15, 2026-01-15T10:00:00Z)"
        )),
    }
}

/// When a listed object was created, when it says so in RFC 3339.
pub fn created_at(item: &Value) -> Option<Timestamp> {
    item.get("created_at")?.as_str()?.parse().ok()
}

/// Sorts newest first by `created_at`; objects without a readable one go last, in the order
/// the server gave them.
pub fn newest_first(items: &mut [Value]) {
    items.sort_by_key(|item| std::cmp::Reverse(created_at(item)));
}

/// Names of the catalog's agents (or apps) by id, for lists that show runs. Empty when the
/// catalog cannot be read: ids are shown then, and the listing itself does not fail.
pub async fn names(ctx: &Context, kind: Kind) -> HashMap<String, String> {
    match ctx.catalog(kind).await {
        Ok(entries) => entries
            .iter()
            .filter(|e| !e.name.trim().is_empty())
            .map(|e| (e.id.to_lowercase(), e.name.clone()))
            .collect(),
        Err(_) => HashMap::new(),
    }
}

/// The agent (or app) a run was made with, read to name it and its inputs; `None` when it
/// cannot be read (deleted, private, or the API is unwell): ids are shown then.
pub async fn target(ctx: &Context, kind: Kind, id: &str) -> Option<CatalogEntry> {
    catalog::get(ctx.api().ok()?, kind, id).await.ok()
}

/// A run's inputs as `(key, value)`: the key is the input's name (`prompt`) when `target`
/// declares it, else its id; the value is the server's, unchanged. For views that name inputs
/// (`runs show`, the review inbox).
pub fn inputs_by_name(raw: &Value, target: Option<&CatalogEntry>) -> Vec<(String, Value)> {
    let Some(items) = raw.get("inputs").and_then(Value::as_array) else {
        return Vec::new();
    };
    let key = |id: &str| {
        target
            .and_then(|t| t.inputs.iter().find(|s| s.id.eq_ignore_ascii_case(id)))
            .map_or_else(|| id.to_string(), |s| s.key().to_string())
    };
    items
        .iter()
        .map(|item| {
            let id = key(item.get("id").and_then(Value::as_str).unwrap_or("?"));
            (id, item.get("value").cloned().unwrap_or(Value::Null))
        })
        .collect()
}

/// An input's value in one line for people: text (cut at `max` characters), or the asset ids
/// a file input holds; cleaned of control characters.
pub fn input_value_line(value: &Value, max: usize) -> String {
    let text = match value {
        Value::String(text) => crate::output::truncate(text, max),
        Value::Null => String::new(),
        other => match other.get("asset_ids").and_then(Value::as_array) {
            Some(ids) => format!(
                "assets {}",
                ids.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => crate::output::truncate(&other.to_string(), max),
        },
    };
    crate::output::clean_line(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn since_takes_durations_timestamps_and_local_dates() {
        let now = Timestamp::now();
        let two_hours = parse_since("2h").unwrap();
        let ago = now.duration_since(two_hours).as_secs();
        assert!((7199..=7260).contains(&ago), "{ago}");
        assert!(parse_since("7d").unwrap() < parse_since("1d").unwrap());
        assert_eq!(
            parse_since("2026-01-15T10:00:00Z").unwrap(),
            "2026-01-15T10:00:00Z".parse::<Timestamp>().unwrap()
        );
        let midnight = parse_since("2026-01-15").unwrap();
        let noon = parse_since("2026-01-15T12:00").unwrap();
        assert_eq!(noon.duration_since(midnight).as_secs(), 12 * 3600);
        for bad in ["yesterday-ish", "-2h", "", "2026-13-01"] {
            assert!(parse_since(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn runs_sort_newest_first_and_undated_ones_last() {
        let mut items = vec![
            json!({"id": "old", "created_at": "2026-01-01T00:00:00.000001Z"}),
            json!({"id": "undated"}),
            json!({"id": "new", "created_at": "2026-03-01T00:00:00Z"}),
            json!({"id": "mid", "created_at": "2026-02-01T10:00:00+02:00"}),
        ];
        newest_first(&mut items);
        let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["new", "mid", "old", "undated"]);
    }
}
