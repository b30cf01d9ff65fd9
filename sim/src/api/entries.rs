//! `GET /agents/`, `/agents/{id}`, `/apps/`, `/apps/{id}`: the seeded catalog.
//!
//! Lists keep the catalog's fixed order and filter by `visibility` (case-insensitive) and
//! `tags` (repeatable or comma-separated; an entry matches when it has any of them).

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::Value;

use super::App;
use super::error::{ApiError, path_uuid};
use super::list::{PageQuery, all_split, first, query_pairs};
use crate::catalog::{self, Entry, Kind};

/// `GET /agents/`.
pub async fn list_agents(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    list(&app, Kind::Agent, q.as_deref())
}

/// `GET /apps/`.
pub async fn list_apps(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    list(&app, Kind::App, q.as_deref())
}

/// `GET /agents/{agent_id}`.
pub async fn show_agent(Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    show(Kind::Agent, &id, "agent_id")
}

/// `GET /apps/{app_id}`.
pub async fn show_app(Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    show(Kind::App, &id, "app_id")
}

fn list(app: &App, kind: Kind, raw: Option<&str>) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw);
    let page = PageQuery::parse(
        &pairs,
        app.config.paging,
        app.config.page_size,
        app.config.max_page_size,
    )?;
    let visibility = first(&pairs, "visibility").filter(|v| !v.is_empty());
    let tags = all_split(&pairs, "tags");
    let items: Vec<(String, Value)> = catalog::entries(kind)
        .filter(|e| visibility.is_none_or(|v| e.visibility.eq_ignore_ascii_case(v)))
        .filter(|e| tags.is_empty() || has_any_tag(e, &tags))
        .map(|e| (e.id.to_owned(), e.to_json()))
        .collect();
    let collection = match kind {
        Kind::Agent => "agents",
        Kind::App => "apps",
    };
    page.page(&items, &format!("{}/{collection}/", app.api_base))
}

fn has_any_tag(entry: &Entry, tags: &[String]) -> bool {
    entry
        .tags
        .iter()
        .any(|t| tags.iter().any(|want| want.eq_ignore_ascii_case(t)))
}

fn show(kind: Kind, raw: &str, param: &str) -> Result<Json<Value>, ApiError> {
    let id = path_uuid(raw, param)?;
    let what = match kind {
        Kind::Agent => "Agent",
        Kind::App => "App",
    };
    catalog::find(kind, &id.to_string())
        .map(|e| Json(e.to_json()))
        .ok_or_else(|| ApiError::not_found(what))
}
