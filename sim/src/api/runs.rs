//! `/runs/` and `/app-runs/`: create, list, poll, cancel, and resolve reviews.
//!
//! Both kinds share every function; only the id field (`agent_id` / `app_id`), the catalog
//! half and the `external_id` namespace differ. A create is validated completely (shape, then
//! the agent, then inputs against the agent and the asset store) before the `external_id` is
//! checked and claimed, so a request that fails validation claims nothing.

use std::collections::HashSet;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::App;
use super::error::{ApiError, FieldError, expect_object, external_id, parse_json, path_uuid};
use super::list::{PageQuery, first, query_pairs};
use crate::api::error::loc;
use crate::assets::AssetTable;
use crate::catalog::{self, Entry, InputKind, Kind};
use crate::runs::{ReviewError, Run, Values};
use crate::state::{Namespace, Stats};
use crate::sync::lock;

type JsonResult = Result<Json<Value>, ApiError>;

/// `POST /runs/`.
pub async fn create_run(
    State(app): State<App>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    create(&app, Kind::Agent, &body)
}

/// `POST /app-runs/`.
pub async fn create_app_run(
    State(app): State<App>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    create(&app, Kind::App, &body)
}

/// `GET /runs/`.
pub async fn list_runs(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    list(&app, Kind::Agent, q.as_deref())
}

/// `GET /app-runs/`.
pub async fn list_app_runs(
    State(app): State<App>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    list(&app, Kind::App, q.as_deref())
}

/// `GET /runs/{run_id}`.
pub async fn show_run(State(app): State<App>, Path(id): Path<String>) -> JsonResult {
    show(&app, Kind::Agent, &id)
}

/// `GET /app-runs/{run_id}`.
pub async fn show_app_run(State(app): State<App>, Path(id): Path<String>) -> JsonResult {
    show(&app, Kind::App, &id)
}

/// `DELETE /runs/{run_id}`.
pub async fn cancel_run(State(app): State<App>, Path(id): Path<String>) -> JsonResult {
    cancel(&app, Kind::Agent, &id)
}

/// `DELETE /app-runs/{run_id}`.
pub async fn cancel_app_run(State(app): State<App>, Path(id): Path<String>) -> JsonResult {
    cancel(&app, Kind::App, &id)
}

/// `POST /runs/{run_id}/reviews/{review_id}`.
pub async fn review_run(
    State(app): State<App>,
    Path((run, review)): Path<(String, String)>,
    body: Bytes,
) -> JsonResult {
    resolve_review(&app, Kind::Agent, &run, &review, &body)
}

/// `POST /app-runs/{run_id}/reviews/{review_id}`.
pub async fn review_app_run(
    State(app): State<App>,
    Path((run, review)): Path<(String, String)>,
    body: Bytes,
) -> JsonResult {
    resolve_review(&app, Kind::App, &run, &review, &body)
}

fn run_noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Agent => "Run",
        Kind::App => "App run",
    }
}

/// A create body whose shape is valid.
struct CreateRequest {
    target: Uuid,
    external_id: Option<String>,
    inputs: Vec<(usize, Uuid, Value)>,
    raw_inputs: Value,
}

fn create(app: &App, kind: Kind, body: &[u8]) -> Result<(StatusCode, Json<Value>), ApiError> {
    let request = parse_create(kind, &parse_json(body)?)?;
    let entry = catalog::find(kind, &request.target.to_string()).ok_or_else(|| {
        ApiError::not_found(match kind {
            Kind::Agent => "Agent",
            Kind::App => "App",
        })
    })?;
    let now = app.clock.now();
    let mut store = lock(&app.store);
    let values = resolve_inputs(entry, &request.inputs, &store.assets)?;
    let ns = Namespace::for_kind(kind);
    if let Some(key) = &request.external_id
        && store.is_claimed(ns, key)
    {
        return Err(ApiError::conflict(format!(
            "external_id already used: {key}"
        )));
    }
    let run = Run::new(
        entry,
        request.external_id.clone(),
        request.raw_inputs,
        values,
        now,
        app.run_duration(entry),
    );
    let json = shown(app, run.to_json(now));
    if let Some(key) = &request.external_id {
        store.claim(ns, key, run.id);
    }
    store.table(kind).insert(run);
    drop(store);
    Stats::bump(match kind {
        Kind::Agent => &app.stats.runs_created,
        Kind::App => &app.stats.app_runs_created,
    });
    Ok((StatusCode::CREATED, Json(json)))
}

/// Checks the body's shape the way a Pydantic model would, collecting every error.
fn parse_create(kind: Kind, body: &Value) -> Result<CreateRequest, ApiError> {
    let obj = expect_object(body)?;
    let field = match kind {
        Kind::Agent => "agent_id",
        Kind::App => "app_id",
    };
    let mut errors = Vec::new();
    let target = uuid_field(obj.get(field), loc!["body", field], &mut errors);
    let external_id = external_id(
        obj.get("external_id"),
        loc!["body", "external_id"],
        &mut errors,
    );
    let raw_inputs = match obj.get("inputs") {
        None | Some(Value::Null) => json!([]),
        Some(v) => v.clone(),
    };
    let inputs = parse_input_list(&raw_inputs, &mut errors);
    match target {
        Some(target) if errors.is_empty() => Ok(CreateRequest {
            target,
            external_id,
            inputs,
            raw_inputs,
        }),
        _ => Err(ApiError::Invalid(errors)),
    }
}

fn uuid_field(
    value: Option<&Value>,
    loc: Vec<Value>,
    errors: &mut Vec<FieldError>,
) -> Option<Uuid> {
    match value {
        None | Some(Value::Null) => {
            errors.push(FieldError::new(loc, "Field required", "missing"));
            None
        }
        Some(Value::String(s)) => match Uuid::parse_str(s) {
            Ok(id) => Some(id),
            Err(e) => {
                errors.push(FieldError::new(
                    loc,
                    format!("Input should be a valid UUID, {e}"),
                    "uuid_parsing",
                ));
                None
            }
        },
        Some(_) => {
            errors.push(FieldError::new(
                loc,
                "UUID input should be a string",
                "uuid_type",
            ));
            None
        }
    }
}

/// `[{"id": uuid, "value": any}, ...]`.
fn parse_input_list(raw: &Value, errors: &mut Vec<FieldError>) -> Vec<(usize, Uuid, Value)> {
    let Some(items) = raw.as_array() else {
        errors.push(FieldError::new(
            loc!["body", "inputs"],
            "Input should be a valid list",
            "list_type",
        ));
        return Vec::new();
    };
    let mut inputs = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(obj) = item.as_object() else {
            errors.push(FieldError::new(
                loc!["body", "inputs", i],
                "Input should be a valid dictionary or object to extract fields from",
                "model_attributes_type",
            ));
            continue;
        };
        let id = uuid_field(obj.get("id"), loc!["body", "inputs", i, "id"], errors);
        let value = obj.get("value").cloned();
        if value.is_none() {
            errors.push(FieldError::new(
                loc!["body", "inputs", i, "value"],
                "Field required",
                "missing",
            ));
        }
        if let (Some(id), Some(value)) = (id, value) {
            inputs.push((i, id, value));
        }
    }
    inputs
}

/// Checks inputs against the agent's declaration and the asset store.
fn resolve_inputs(
    entry: &'static Entry,
    inputs: &[(usize, Uuid, Value)],
    assets: &AssetTable,
) -> Result<Values, ApiError> {
    let mut errors = Vec::new();
    let mut values = Values::default();
    let mut seen = HashSet::new();
    for (i, id, value) in inputs {
        let Some(def) = entry.input(&id.to_string()) else {
            errors.push(FieldError::new(
                loc!["body", "inputs", *i, "id"],
                format!("Unknown input id for {}: {id}", entry.name),
                "value_error",
            ));
            continue;
        };
        if !seen.insert(def.id) {
            errors.push(FieldError::new(
                loc!["body", "inputs", *i, "id"],
                format!("Input given twice: {id}"),
                "value_error",
            ));
            continue;
        }
        match (def.kind, value) {
            (InputKind::Text, Value::String(s)) => {
                values.texts.insert(def.name, s.clone());
            }
            (InputKind::Text, _) => errors.push(FieldError::new(
                loc!["body", "inputs", *i, "value"],
                "Input should be a valid string",
                "string_type",
            )),
            (kind, value) => {
                if let Some(ids) = asset_ids(value, *i, kind, assets, &mut errors) {
                    values.assets.insert(def.name, ids);
                }
            }
        }
    }
    for def in entry
        .inputs
        .iter()
        .filter(|d| d.required && !seen.contains(d.id))
    {
        errors.push(FieldError::new(
            loc!["body", "inputs"],
            format!("Missing required input '{}' ({})", def.name, def.id),
            "missing",
        ));
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(ApiError::Invalid(errors))
    }
}

/// `{"asset_ids": [uuid, ...]}` naming existing assets of an acceptable type.
fn asset_ids(
    value: &Value,
    i: usize,
    kind: InputKind,
    assets: &AssetTable,
    errors: &mut Vec<FieldError>,
) -> Option<Vec<Uuid>> {
    let at = |rest: Vec<Value>| {
        let mut l = loc!["body", "inputs", i, "value"];
        l.extend(rest);
        l
    };
    let Some(list) = value.as_object().map(|o| o.get("asset_ids")) else {
        errors.push(FieldError::new(
            at(vec![]),
            format!(
                "Input should be an object {{\"asset_ids\": [...]}} for a {}",
                kind.type_name()
            ),
            "model_type",
        ));
        return None;
    };
    let list = match list {
        Some(Value::Array(list)) if !list.is_empty() => list,
        Some(Value::Array(_)) => {
            errors.push(FieldError::new(
                at(loc!["asset_ids"]),
                "List should have at least 1 item after validation, not 0",
                "too_short",
            ));
            return None;
        }
        None => {
            errors.push(FieldError::new(
                at(loc!["asset_ids"]),
                "Field required",
                "missing",
            ));
            return None;
        }
        Some(_) => {
            errors.push(FieldError::new(
                at(loc!["asset_ids"]),
                "Input should be a valid list",
                "list_type",
            ));
            return None;
        }
    };
    let before = errors.len();
    let mut ids = Vec::with_capacity(list.len());
    for (j, item) in list.iter().enumerate() {
        let loc = at(loc!["asset_ids", j]);
        if let Some(id) = uuid_field(Some(item), loc.clone(), errors) {
            match assets.get(&id) {
                None => errors.push(FieldError::new(
                    loc,
                    format!("Asset not found: {id}"),
                    "value_error",
                )),
                Some(a) if kind == InputKind::Image && !a.mime_type.starts_with("image/") => {
                    errors.push(FieldError::new(
                        loc,
                        format!("Asset {id} is not an image (mime type {})", a.mime_type),
                        "value_error",
                    ));
                }
                Some(_) => ids.push(id),
            }
        }
    }
    (errors.len() == before).then_some(ids)
}

fn list(app: &App, kind: Kind, raw: Option<&str>) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw);
    let page = PageQuery::parse(
        &pairs,
        app.config.paging,
        app.config.page_size,
        app.config.max_page_size,
    )?;
    let wanted = first(&pairs, "external_id");
    let now = app.clock.now();
    let mut store = lock(&app.store);
    let (table, assets) = store.split(kind);
    table.advance_all(now, assets);
    let mut items: Vec<(String, Value)> = table
        .newest_first()
        .filter(|r| wanted.is_none_or(|w| r.external_id.as_deref() == Some(w)))
        .map(|r| (r.id.to_string(), shown(app, r.to_json(now))))
        .collect();
    drop(store);
    if app.config.oldest_first {
        items.reverse();
    }
    let collection = match kind {
        Kind::Agent => "runs",
        Kind::App => "app-runs",
    };
    page.page(&items, &format!("{}/{collection}/", app.api_base))
}

/// Runs `f` on the run `raw_id` of `kind` brought up to now, and answers the run afterwards.
fn with_run(
    app: &App,
    kind: Kind,
    raw_id: &str,
    f: impl FnOnce(&mut Run, std::time::SystemTime) -> Result<(), ApiError>,
) -> JsonResult {
    let id = path_uuid(raw_id, "run_id")?;
    let now = app.clock.now();
    let mut store = lock(&app.store);
    let (table, assets) = store.split(kind);
    let run = table
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found(run_noun(kind)))?;
    run.advance(now, assets);
    f(run, now)?;
    run.advance(now, assets);
    Ok(Json(shown(app, run.to_json(now))))
}

/// A run as the server answers it: without its `inputs` when the simulator does not echo them.
fn shown(app: &App, mut run: Value) -> Value {
    if !app.config.echo_inputs
        && let Some(object) = run.as_object_mut()
    {
        object.remove("inputs");
    }
    run
}

fn show(app: &App, kind: Kind, raw_id: &str) -> JsonResult {
    with_run(app, kind, raw_id, |_, _| Ok(()))
}

fn cancel(app: &App, kind: Kind, raw_id: &str) -> JsonResult {
    with_run(app, kind, raw_id, |run, now| {
        run.cancel(now)
            .map_err(|status| ApiError::conflict(format!("Run is already {status}")))
    })
}

fn resolve_review(
    app: &App,
    kind: Kind,
    raw_run: &str,
    raw_review: &str,
    body: &[u8],
) -> JsonResult {
    let approve = parse_decision(&parse_json(body)?)?;
    let review = path_uuid(raw_review, "review_id")?;
    let answer = with_run(app, kind, raw_run, |run, now| {
        run.decide(review, approve, now).map_err(|e| match e {
            ReviewError::NotFound => ApiError::not_found("Review"),
            ReviewError::AlreadyResolved => ApiError::conflict("Review already resolved"),
            ReviewError::RunEnded(status) => ApiError::conflict(format!(
                "Run is {status}; its reviews can no longer be resolved"
            )),
        })
    })?;
    Stats::bump(&app.stats.reviews_resolved);
    Ok(answer)
}

/// `{"decision": "approve" | "reject", "comment": "optional"}`; other fields are accepted.
fn parse_decision(body: &Value) -> Result<bool, ApiError> {
    let obj: &Map<String, Value> = expect_object(body)?;
    let mut errors = Vec::new();
    let approve = match obj.get("decision") {
        None => {
            errors.push(FieldError::new(
                loc!["body", "decision"],
                "Field required",
                "missing",
            ));
            None
        }
        Some(Value::String(s)) if s == "approve" => Some(true),
        Some(Value::String(s)) if s == "reject" => Some(false),
        Some(_) => {
            errors.push(FieldError::new(
                loc!["body", "decision"],
                "Input should be 'approve' or 'reject'",
                "literal_error",
            ));
            None
        }
    };
    if !matches!(
        obj.get("comment"),
        None | Some(Value::Null | Value::String(_))
    ) {
        errors.push(FieldError::new(
            loc!["body", "comment"],
            "Input should be a valid string",
            "string_type",
        ));
    }
    match approve {
        Some(approve) if errors.is_empty() => Ok(approve),
        _ => Err(ApiError::Invalid(errors)),
    }
}
