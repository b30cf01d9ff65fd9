//! Every point of the Pletor API that Pletor's documentation does not settle, each in one place,
//! so that learning the real answer is a one-line change. docs/api-contract.md lists the
//! contract and how sure each point is: "certain" (documented), "observed" (public clients use
//! it) or "guessed" (nothing public answers; a choice). Certain facts are used directly where
//! they belong; observed and guessed ones live here.

use serde_json::{Value, json};

/// The production API base (observed).
pub const DEFAULT_API_BASE: &str = "https://api.pletor.ai/api/public/v1";

/// Collections are called with a trailing slash, items without (observed; the 307 for the other
/// form is guessed). A redirected streaming upload can lose its body, so we always send the canonical form.
pub fn collection(name: &str) -> String {
    format!("/{name}/")
}

/// The canonical path of one item of a collection.
pub fn item(collection: &str, id: &str) -> String {
    format!("/{collection}/{}", encode_segment(id))
}

/// Percent-encodes one path segment, so an id typed by a user cannot change the path.
pub fn encode_segment(segment: &str) -> String {
    percent_encoding::utf8_percent_encode(segment, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        // Ids are UUIDs; keep their hyphens readable in logs.
        .replace("%2D", "-")
}

/// The address a run id links to on a terminal (guessed): the web app's page for a run is not
/// documented, so the link goes to the API's own resource for the run (JSON, behind the key).
/// One place to change when the page is known.
pub fn run_link(base: &str, collection: &str, id: &str) -> String {
    format!("{}{}", base.trim_end_matches('/'), item(collection, id))
}

/// The download path of an asset (certain).
pub fn asset_download(id: &str) -> String {
    format!("{}/download", item("assets", id))
}

/// The upload path (certain; the part's name observed): multipart, one file part named `file`.
pub const UPLOAD_PATH: &str = "/assets/upload/";
/// The multipart part that carries the file (observed).
pub const UPLOAD_FILE_PART: &str = "file";
/// The multipart form field that carries the upload's idempotency key (observed).
pub const UPLOAD_EXTERNAL_ID_FIELD: &str = "external_id";

/// Longest accepted `external_id` (certain: longer is 422).
pub const EXTERNAL_ID_MAX: usize = 255;

/// The body of a review decision (guessed: not public). Callers may send any JSON instead.
pub fn review_body(approve: bool, comment: Option<&str>) -> Value {
    let mut body = json!({ "decision": if approve { "approve" } else { "reject" } });
    if let Some(comment) = comment {
        body["comment"] = json!(comment);
    }
    body
}

/// The path that resolves one review (certain for runs, guessed for app runs).
pub fn review_path(runs_collection: &str, run_id: &str, review_id: &str) -> String {
    format!(
        "{}/reviews/{}",
        item(runs_collection, run_id),
        encode_segment(review_id)
    )
}

/// Query parameters of pagination (guessed): page size and cursor (the last id of the previous page).
pub const PAGE_LIMIT_PARAM: &str = "limit";
/// See [`PAGE_LIMIT_PARAM`].
pub const PAGE_CURSOR_PARAM: &str = "starting_after";
/// Largest page we ask for (guessed).
pub const PAGE_MAX: usize = 100;

/// One page of a list (observed: `{"data": [...]}`; guessed: `has_more`; a bare array is accepted too). A
/// list without `has_more` is complete.
pub fn parse_page(body: Value) -> Option<(Vec<Value>, bool)> {
    match body {
        Value::Array(items) => Some((items, false)),
        Value::Object(mut map) => {
            let has_more = map
                .get("has_more")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            match map.remove("data") {
                Some(Value::Array(items)) => Some((items, has_more)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `X-RateLimit-Reset` is not specified (guessed): values below this are seconds from now, values at
/// or above it are Unix epoch seconds.
pub const RESET_EPOCH_THRESHOLD: u64 = 1_000_000_000;

/// The documented rate limits per key and minute, per bucket (certain): what `pletor doctor` quotes
/// for a bucket no answer has described yet.
pub const DOCUMENTED_RATE_LIMITS: &[(&str, u64)] =
    &[("default", 2000), ("runs", 600), ("uploads", 600)];

/// Which rate-limit bucket a request draws from (certain: the documented limits).
pub fn rate_bucket(method: &reqwest::Method, path: &str) -> &'static str {
    match (method.as_str(), path) {
        ("POST", "/runs/" | "/app-runs/") => "runs",
        ("POST", UPLOAD_PATH) => "uploads",
        _ => "default",
    }
}

/// The first string among several alternative field names (observed: `id` or `run_id`, `filename` or
/// `name`, …).
pub fn first_str<'a>(value: &'a Value, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|name| value.get(*name).and_then(Value::as_str))
}

/// Field names under which an object's id may appear.
pub const ID_FIELDS: &[&str] = &["id", "run_id", "asset_id"];
/// Field names of an asset's file name.
pub const FILENAME_FIELDS: &[&str] = &["filename", "name", "file_name"];
/// Field names of an asset's media type.
pub const MIME_FIELDS: &[&str] = &["mime_type", "media_type", "content_type"];

/// Field names that say an input must be given (guessed: not in the public docs; the simulator sends
/// `required`). When none is present nothing is enforced.
pub const INPUT_REQUIRED_FIELDS: &[&str] = &["required", "is_required"];
/// Field names that list the media types an input accepts (guessed: no agent is known to send one);
/// a list, or one comma-separated string as in HTML's `accept`.
pub const INPUT_ACCEPT_FIELDS: &[&str] = &["accept", "accepts", "accepted_types", "mime_types"];
/// Field names of the credits one run of an agent or app costs (observed: `estimated_cost`).
pub const COST_FIELDS: &[&str] = &["estimated_cost"];

/// Renders an error body (observed: FastAPI `detail` as a string or a list of `{loc, msg}`); `None`
/// when the body is not one of those shapes.
pub fn error_detail(body: &Value) -> Option<String> {
    match body.get("detail")? {
        Value::String(text) => Some(text.clone()),
        Value::Array(items) => {
            let lines: Vec<String> = items.iter().map(validation_line).collect();
            Some(lines.join("\n"))
        }
        other => Some(other.to_string()),
    }
}

fn validation_line(item: &Value) -> String {
    let msg = item.get("msg").and_then(Value::as_str).unwrap_or("invalid");
    let loc: Vec<String> = item
        .get("loc")
        .and_then(Value::as_array)
        .map(|parts| {
            parts
                .iter()
                .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if loc.is_empty() {
        msg.to_string()
    } else {
        format!("{}: {msg}", loc.join("."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_have_a_trailing_slash_and_items_do_not() {
        assert_eq!(collection("runs"), "/runs/");
        assert_eq!(item("runs", "ab-12"), "/runs/ab-12");
        assert_eq!(item("runs", "../x"), "/runs/%2E%2E%2Fx");
        assert_eq!(asset_download("a-1"), "/assets/a-1/download");
        assert_eq!(review_path("app-runs", "r", "v"), "/app-runs/r/reviews/v");
    }

    #[test]
    fn pages_accept_envelopes_and_bare_arrays() {
        assert_eq!(
            parse_page(json!({"data": [1], "has_more": true})),
            Some((vec![json!(1)], true))
        );
        assert_eq!(parse_page(json!({"data": []})), Some((vec![], false)));
        assert_eq!(
            parse_page(json!([1, 2])),
            Some((vec![json!(1), json!(2)], false))
        );
        assert_eq!(parse_page(json!({"items": []})), None);
    }

    #[test]
    fn error_details_render_strings_and_validation_lists() {
        assert_eq!(
            error_detail(&json!({"detail": "Agent not found"})).as_deref(),
            Some("Agent not found")
        );
        let body =
            json!({"detail": [{"loc": ["body", "inputs", 0, "value"], "msg": "Field required"}]});
        assert_eq!(
            error_detail(&body).as_deref(),
            Some("body.inputs.0.value: Field required")
        );
        assert_eq!(error_detail(&json!({"error": "x"})), None);
    }

    #[test]
    fn review_body_is_built_in_one_place() {
        assert_eq!(review_body(true, None), json!({"decision": "approve"}));
        assert_eq!(
            review_body(false, Some("blurry")),
            json!({"decision": "reject", "comment": "blurry"})
        );
    }
}
