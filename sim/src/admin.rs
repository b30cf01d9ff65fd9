//! Control and observation under `/_sim/`, outside the API base and without auth.
//!
//! - `GET /_sim/stats`: counters and run status counts.
//! - `GET /_sim/requests` (oldest first), `DELETE /_sim/requests` (clear).
//! - `GET|POST|DELETE /_sim/faults`: list, append, clear fault rules.
//! - `POST /_sim/assets`: create an asset with any name, from a size (filler) or base64.
//! - `GET|POST /_sim/clock`: read or advance the simulated clock.
//!
//! Admin requests are neither logged, rate limited nor subject to faults.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::api::App;
use crate::api::error::{ApiError, parse_json};
use crate::assets::{Asset, FileSink, filler_byte, guess_mime};
use crate::catalog::Kind;
use crate::clock::rfc3339;
use crate::state::{Namespace, Shared, Stats};
use crate::sync::lock;

/// The admin routes, relative to `/_sim`.
pub fn router() -> Router<App> {
    Router::new()
        .route("/stats", get(stats))
        .route("/requests", get(requests).delete(clear_requests))
        .route(
            "/faults",
            get(list_faults).post(add_faults).delete(clear_faults),
        )
        .route("/assets", post(create_asset))
        .route("/clock", get(clock).post(advance_clock))
}

/// The `/_sim/stats` document.
pub fn stats_json(shared: &Shared) -> Value {
    let now = shared.clock.now();
    let (runs, app_runs) = {
        let mut store = lock(&shared.store);
        let (table, assets) = store.split(Kind::Agent);
        table.advance_all(now, assets);
        let runs = table.status_counts(now);
        let (table, assets) = store.split(Kind::App);
        table.advance_all(now, assets);
        (runs, table.status_counts(now))
    };
    let s = &shared.stats;
    json!({
        "requests": Stats::get(&s.requests),
        "runs_created": Stats::get(&s.runs_created),
        "app_runs_created": Stats::get(&s.app_runs_created),
        "assets_uploaded": Stats::get(&s.assets_uploaded),
        "reviews_resolved": Stats::get(&s.reviews_resolved),
        "rate_limited": Stats::get(&s.rate_limited),
        "conflicts": Stats::get(&s.conflicts),
        "faults_fired": Stats::get(&s.faults_fired),
        "fault_body_bytes": Stats::get(&s.fault_body_bytes),
        "runs": runs,
        "app_runs": app_runs,
    })
}

/// The `/_sim/requests` document: the log sorted by arrival.
pub fn requests_json(shared: &Shared) -> Value {
    let mut entries = lock(&shared.log).clone();
    entries.sort_by(|a, b| a.t.total_cmp(&b.t));
    serde_json::to_value(entries).unwrap_or_else(|_| json!([]))
}

async fn stats(State(app): State<App>) -> Json<Value> {
    Json(stats_json(&app))
}

async fn requests(State(app): State<App>) -> Json<Value> {
    Json(requests_json(&app))
}

async fn clear_requests(State(app): State<App>) -> StatusCode {
    lock(&app.log).clear();
    StatusCode::NO_CONTENT
}

async fn list_faults(State(app): State<App>) -> Json<Value> {
    Json(serde_json::to_value(app.faults.list()).unwrap_or_else(|_| json!([])))
}

async fn add_faults(State(app): State<App>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let rules = parse_json(&body)?;
    let added = app
        .faults
        .add(rules)
        .map_err(|e| ApiError::Detail(StatusCode::UNPROCESSABLE_ENTITY, e))?;
    Ok(Json(json!({"added": added, "active": app.faults.list()})))
}

async fn clear_faults(State(app): State<App>) -> StatusCode {
    app.faults.clear();
    StatusCode::NO_CONTENT
}

async fn clock(State(app): State<App>) -> Json<Value> {
    Json(clock_json(&app))
}

fn clock_json(app: &App) -> Value {
    json!({
        "offset_seconds": app.clock.offset().as_secs_f64(),
        "now": rfc3339(app.clock.now()),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    advance: f64,
}

async fn advance_clock(State(app): State<App>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let bad = |e: String| ApiError::Detail(StatusCode::UNPROCESSABLE_ENTITY, e);
    let advance: Advance = serde_json::from_slice(&body).map_err(|e| bad(e.to_string()))?;
    let by = Duration::try_from_secs_f64(advance.advance)
        .map_err(|_| bad("advance must be a number of seconds >= 0".into()))?;
    app.clock.advance(by);
    Ok(Json(clock_json(&app)))
}

/// The body of `POST /_sim/assets`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewAsset {
    filename: String,
    #[serde(default)]
    size: Option<u64>,
    #[serde(default)]
    content_base64: Option<String>,
    #[serde(default)]
    mime_type: Option<String>,
    #[serde(default)]
    external_id: Option<String>,
}

/// Writes the asset's bytes: decoded base64, or `size` filler bytes in chunks.
async fn fill(sink: &mut FileSink, spec: &NewAsset) -> Result<(), ApiError> {
    if let Some(b64) = &spec.content_base64 {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| {
                ApiError::Detail(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("content_base64: {e}"),
                )
            })?;
        return sink.write(&bytes).await.map_err(ApiError::internal);
    }
    let size = spec.size.unwrap_or(0);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut offset = 0;
    while offset < size {
        let n = (size - offset).min(chunk.len() as u64) as usize;
        for (i, byte) in chunk[..n].iter_mut().enumerate() {
            *byte = filler_byte(offset + i as u64);
        }
        sink.write(&chunk[..n]).await.map_err(ApiError::internal)?;
        offset += n as u64;
    }
    Ok(())
}

async fn create_asset(
    State(app): State<App>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let bad = |e: String| ApiError::Detail(StatusCode::UNPROCESSABLE_ENTITY, e);
    let spec: NewAsset = serde_json::from_slice(&body).map_err(|e| bad(e.to_string()))?;
    if spec.size.is_some() && spec.content_base64.is_some() {
        return Err(bad("give either size or content_base64, not both".into()));
    }
    let dir = lock(&app.store).assets.dir().to_path_buf();
    let mut sink = FileSink::create(&dir).map_err(ApiError::internal)?;
    fill(&mut sink, &spec).await?;
    let stored = sink.finish().await.map_err(ApiError::internal)?;
    let now = app.clock.now();
    let mut store = lock(&app.store);
    if let Some(key) = &spec.external_id
        && store.is_claimed(Namespace::Uploads, key)
    {
        return Err(ApiError::conflict(format!(
            "external_id already used: {key}"
        )));
    }
    let id = uuid::Uuid::new_v4();
    let path = store.assets.path_for(id);
    let (size, sha256) = (stored.size, stored.sha256.clone());
    stored.persist(&path).map_err(ApiError::internal)?;
    let mime_type = spec
        .mime_type
        .unwrap_or_else(|| guess_mime(&spec.filename).to_owned());
    let asset = Asset {
        id,
        external_id: spec.external_id.clone(),
        filename: spec.filename,
        mime_type,
        size,
        sha256,
        created: now,
        path,
    };
    let json = asset.to_json(&app.api_base);
    store.assets.insert(asset);
    if let Some(key) = &spec.external_id {
        store.claim(Namespace::Uploads, key, id);
    }
    Ok((StatusCode::CREATED, Json(json)))
}
