//! `/assets/`: upload (streamed to disk), list, metadata and download (with `Range`).
//!
//! The upload reads the whole multipart body before deciding anything, so a client never sees
//! its request cut off mid-stream; the `external_id` form field may come before or after the
//! file part. The file goes to a temporary name and is only kept once the upload is valid and
//! its key unclaimed.

use std::io::SeekFrom;
use std::path::Path as FsPath;

use axum::Json;
use axum::body::Body;
use axum::extract::multipart::{Field, MultipartRejection};
use axum::extract::{Multipart, Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

use super::App;
use super::error::{ApiError, FieldError, check_external_id, path_uuid};
use super::list::{PageQuery, first, query_pairs};
use crate::api::error::loc;
use crate::assets::{
    Asset, FileSink, RangeRequest, Stored, content_disposition, guess_mime, parse_range,
};
use crate::gate::LoggedExternalId;
use crate::state::{Namespace, Stats};
use crate::sync::lock;

/// Chunk size of download reads: 256 KiB costs about 40 % less CPU per GiB served than 64 KiB,
/// which on a machine the simulator shares with the client is time the client gets back.
const READ_CHUNK: usize = 256 * 1024;

/// `GET /assets/`.
pub async fn list(State(app): State<App>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let pairs = query_pairs(q.as_deref());
    let page = PageQuery::parse(
        &pairs,
        app.config.paging,
        app.config.page_size,
        app.config.max_page_size,
    )?;
    let wanted = first(&pairs, "external_id");
    let mut items: Vec<(String, Value)> = lock(&app.store)
        .assets
        .newest_first()
        .filter(|a| wanted.is_none_or(|w| a.external_id.as_deref() == Some(w)))
        .map(|a| (a.id.to_string(), a.to_json(&app.api_base)))
        .collect();
    if app.config.oldest_first {
        items.reverse();
    }
    page.page(&items, &format!("{}/assets/", app.api_base))
}

/// `GET /assets/{asset_id}`.
pub async fn show(State(app): State<App>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    let asset = find(&app, &id)?;
    Ok(Json(asset.to_json(&app.api_base)))
}

fn find(app: &App, raw_id: &str) -> Result<Asset, ApiError> {
    let id = path_uuid(raw_id, "asset_id")?;
    lock(&app.store)
        .assets
        .get(&id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Asset"))
}

/// A received file part, not yet kept.
struct Upload {
    filename: String,
    mime_type: String,
    stored: Stored,
}

/// `POST /assets/upload/`: multipart with a `file` part and an optional `external_id` field.
pub async fn upload(
    State(app): State<App>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let (result, external_id) = receive(&app, multipart).await;
    let mut response = match result {
        Ok(asset) => (StatusCode::CREATED, Json(asset)).into_response(),
        Err(e) => e.into_response(),
    };
    if let Some(key) = external_id {
        response.extensions_mut().insert(LoggedExternalId(key));
    }
    response
}

/// Reads every part, then commits; returns the `external_id` seen for the request log.
async fn receive(
    app: &App,
    multipart: Result<Multipart, MultipartRejection>,
) -> (Result<Value, ApiError>, Option<String>) {
    let Ok(mut multipart) = multipart else {
        return (Err(missing_file()), None);
    };
    let dir = lock(&app.store).assets.dir().to_path_buf();
    let mut external_id = None;
    let mut upload = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return (Err(bad_body(e)), external_id),
        };
        let name = field.name().map(str::to_owned);
        let outcome = match name.as_deref() {
            Some("file") if upload.is_none() => {
                store_field(field, &dir).await.map(|u| upload = Some(u))
            }
            Some("external_id") => field
                .text()
                .await
                .map(|t| external_id = Some(t))
                .map_err(bad_body),
            // The parser skips whatever is left of a part we do not read.
            _ => Ok(()),
        };
        if let Err(e) = outcome {
            return (Err(e), external_id);
        }
    }
    (commit(app, upload, external_id.clone()), external_id)
}

fn missing_file() -> ApiError {
    ApiError::invalid(loc!["body", "file"], "Field required", "missing")
}

fn bad_body(e: impl std::fmt::Display) -> ApiError {
    ApiError::Detail(
        StatusCode::BAD_REQUEST,
        format!("malformed or interrupted multipart body: {e}"),
    )
}

async fn store_field(mut field: Field<'_>, dir: &FsPath) -> Result<Upload, ApiError> {
    let filename = field.file_name().unwrap_or("upload").to_owned();
    let mime_type = match field.content_type() {
        Some(ct) if !ct.is_empty() && ct != "application/octet-stream" => ct.to_owned(),
        _ => guess_mime(&filename).to_owned(),
    };
    let mut sink = FileSink::create(dir).map_err(ApiError::internal)?;
    while let Some(chunk) = field.chunk().await.map_err(bad_body)? {
        sink.write(&chunk).await.map_err(ApiError::internal)?;
    }
    let stored = sink.finish().await.map_err(ApiError::internal)?;
    Ok(Upload {
        filename,
        mime_type,
        stored,
    })
}

fn commit(
    app: &App,
    upload: Option<Upload>,
    external_id: Option<String>,
) -> Result<Value, ApiError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let external_id =
        external_id.and_then(|s| check_external_id(&s, loc!["body", "external_id"], &mut errors));
    let Some(upload) = upload else {
        errors.push(FieldError::new(
            loc!["body", "file"],
            "Field required",
            "missing",
        ));
        return Err(ApiError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let now = app.clock.now();
    let mut store = lock(&app.store);
    if let Some(key) = &external_id
        && store.is_claimed(Namespace::Uploads, key)
    {
        return Err(ApiError::conflict(format!(
            "external_id already used: {key}"
        )));
    }
    let id = uuid::Uuid::new_v4();
    let path = store.assets.path_for(id);
    let (size, sha256) = (upload.stored.size, upload.stored.sha256.clone());
    upload.stored.persist(&path).map_err(ApiError::internal)?;
    let asset = Asset {
        id,
        external_id: external_id.clone(),
        filename: upload.filename,
        mime_type: upload.mime_type,
        size,
        sha256,
        created: now,
        path,
    };
    let json = asset.to_json(&app.api_base);
    store.assets.insert(asset);
    if let Some(key) = &external_id {
        store.claim(Namespace::Uploads, key, id);
    }
    drop(store);
    Stats::bump(&app.stats.assets_uploaded);
    Ok(json)
}

/// `GET /assets/{asset_id}/download`: the bytes, whole or one range.
pub async fn download(
    State(app): State<App>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let asset = find(&app, &id)?;
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let range = parse_range(range, asset.size);
    if range == RangeRequest::Unsatisfiable {
        return Ok(unsatisfiable(asset.size));
    }
    let mut file = tokio::fs::File::open(&asset.path)
        .await
        .map_err(ApiError::internal)?;
    let mime = HeaderValue::from_str(&asset.mime_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let builder = Response::builder()
        .header(header::CONTENT_TYPE, mime)
        .header(header::ACCEPT_RANGES, "bytes")
        .header(
            header::CONTENT_DISPOSITION,
            content_disposition(&asset.filename),
        )
        .header(header::ETAG, format!("\"{}\"", asset.sha256));
    let response = match range {
        RangeRequest::Partial { start, end } => {
            file.seek(SeekFrom::Start(start))
                .await
                .map_err(ApiError::internal)?;
            let len = end - start + 1;
            builder
                .status(StatusCode::PARTIAL_CONTENT)
                .header(
                    header::CONTENT_RANGE,
                    format!("bytes {start}-{end}/{}", asset.size),
                )
                .header(header::CONTENT_LENGTH, len)
                .body(Body::from_stream(ReaderStream::with_capacity(
                    file.take(len),
                    READ_CHUNK,
                )))
        }
        _ => builder
            .status(StatusCode::OK)
            .header(header::CONTENT_LENGTH, asset.size)
            .body(Body::from_stream(ReaderStream::with_capacity(
                file, READ_CHUNK,
            ))),
    };
    response.map_err(ApiError::internal)
}

fn unsatisfiable(size: u64) -> Response {
    let mut response = (
        StatusCode::RANGE_NOT_SATISFIABLE,
        Json(json!({"detail": "Requested range not satisfiable"})),
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
        response.headers_mut().insert(header::CONTENT_RANGE, v);
    }
    response
}
