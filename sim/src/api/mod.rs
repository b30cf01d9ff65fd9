//! The public API under `/api/public/v1`: one route per endpoint of the API contract
//! (docs/api-contract.md).
//!
//! Collections are routed with their trailing slash and items without; `gate.rs` answers the
//! other form with a 307 before routing, and does auth, rate limits, faults and logging, so
//! the handlers here only implement the endpoints themselves.

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::Shared;

mod assets;
mod entries;
pub mod error;
mod list;
mod runs;

pub use list::{Paging, endless_page, query_pairs};

/// The state every handler receives.
pub type App = Arc<Shared>;

/// The API routes, relative to the API base.
pub fn router() -> Router<App> {
    Router::new()
        .route("/agents/", get(entries::list_agents))
        .route("/agents/{agent_id}", get(entries::show_agent))
        .route("/apps/", get(entries::list_apps))
        .route("/apps/{app_id}", get(entries::show_app))
        .route("/assets/", get(assets::list))
        .route(
            "/assets/upload/",
            // Uploads stream to disk, so there is no reason to cap their size.
            post(assets::upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/assets/{asset_id}", get(assets::show))
        .route("/assets/{asset_id}/download", get(assets::download))
        .route("/runs/", get(runs::list_runs).post(runs::create_run))
        .route(
            "/runs/{run_id}",
            get(runs::show_run).delete(runs::cancel_run),
        )
        .route("/runs/{run_id}/reviews/{review_id}", post(runs::review_run))
        .route(
            "/app-runs/",
            get(runs::list_app_runs).post(runs::create_app_run),
        )
        .route(
            "/app-runs/{run_id}",
            get(runs::show_app_run).delete(runs::cancel_app_run),
        )
        .route(
            "/app-runs/{run_id}/reviews/{review_id}",
            post(runs::review_app_run),
        )
}

/// The canonical form of an API path when `path` is the other slash form of a known route.
///
/// Collections are canonical with a trailing slash, items without, as the API is observed to be.
pub fn canonical_path(path: &str) -> Option<String> {
    let trimmed = path.trim_end_matches('/');
    let segments: Vec<&str> = trimmed.trim_start_matches('/').split('/').collect();
    let collection = match segments.as_slice() {
        ["agents" | "apps" | "assets" | "runs" | "app-runs"] | ["assets", "upload"] => true,
        ["agents" | "apps" | "assets" | "runs" | "app-runs", id] if !id.is_empty() => false,
        ["assets", id, "download"] if !id.is_empty() => false,
        ["runs" | "app-runs", id, "reviews", review] if !id.is_empty() && !review.is_empty() => {
            false
        }
        _ => return None,
    };
    let canonical = if collection {
        format!("{trimmed}/")
    } else {
        trimmed.to_owned()
    };
    (canonical != path).then_some(canonical)
}

#[cfg(test)]
mod tests {
    use super::canonical_path;

    #[test]
    fn only_the_other_slash_form_of_known_routes_is_redirected() {
        assert_eq!(canonical_path("/runs"), Some("/runs/".to_owned()));
        assert_eq!(canonical_path("/runs/"), None);
        assert_eq!(
            canonical_path("/assets/upload"),
            Some("/assets/upload/".to_owned())
        );
        assert_eq!(canonical_path("/runs/abc/"), Some("/runs/abc".to_owned()));
        assert_eq!(canonical_path("/runs/abc"), None);
        assert_eq!(
            canonical_path("/assets/x/download/"),
            Some("/assets/x/download".to_owned())
        );
        assert_eq!(
            canonical_path("/app-runs/a/reviews/b/"),
            Some("/app-runs/a/reviews/b".to_owned())
        );
        assert_eq!(canonical_path("/nothing/"), None);
        assert_eq!(canonical_path("/"), None);
    }
}
