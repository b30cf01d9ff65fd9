//! Agents and apps: list and fetch (the endpoints are certain, the filters observed; see
//! docs/api-contract.md).

use serde_json::Value;

use super::list::{self, Limit, Listing};
use super::models::CatalogEntry;
use super::{ApiError, Client, Request, spec};

use crate::Kind;

/// What `agents list` and `apps list` keep (`--tag`, `--visibility`); the default keeps all.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Keep items with any of these tags.
    pub tags: Vec<String>,
    /// Keep items with this visibility (`PUBLIC`, …).
    pub visibility: Option<String>,
}

/// Lists agents or apps. Filters go to the server and are applied again here, since whether
/// the server honours them is not documented, only observed.
pub async fn list(
    client: &Client,
    kind: Kind,
    filters: &Filters,
    limit: Limit,
) -> Result<Listing, ApiError> {
    let mut request = Request::get(spec::collection(kind.catalog()));
    if let Some(visibility) = &filters.visibility {
        request = request.query("visibility", visibility.clone());
    }
    for tag in &filters.tags {
        request = request.query("tags", tag.clone());
    }
    let mut listing = list::fetch(client, request, limit).await?;
    listing.items.retain(|item| matches(item, filters));
    Ok(listing)
}

fn matches(item: &Value, filters: &Filters) -> bool {
    let visibility_ok = filters.visibility.as_ref().is_none_or(|wanted| {
        item.get("visibility")
            .and_then(Value::as_str)
            .is_none_or(|v| v.eq_ignore_ascii_case(wanted))
    });
    let tags_ok = filters.tags.is_empty()
        || item
            .get("tags")
            .and_then(Value::as_array)
            .is_none_or(|tags| {
                tags.iter()
                    .filter_map(Value::as_str)
                    .any(|t| filters.tags.iter().any(|w| w.eq_ignore_ascii_case(t)))
            });
    visibility_ok && tags_ok
}

/// Fetches one agent or app.
pub async fn get(client: &Client, kind: Kind, id: &str) -> Result<CatalogEntry, ApiError> {
    let path = spec::item(kind.catalog(), id);
    let body = client.json(Request::get(path.clone())).await?;
    CatalogEntry::from_value(body).ok_or_else(|| ApiError::Decode {
        method: "GET".into(),
        path,
        status: 200,
        problem: format!("the {} has no id", kind.noun()),
    })
}
