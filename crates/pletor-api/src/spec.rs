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
/// The first page of every listing is asked for with these; what the answer looks like decides
/// how the next one is asked for ([`parse_page`], and `list` for the walk).
pub const PAGE_LIMIT_PARAM: &str = "limit";
/// See [`PAGE_LIMIT_PARAM`].
pub const PAGE_CURSOR_PARAM: &str = "starting_after";
/// Largest page we ask for (guessed).
pub const PAGE_MAX: usize = 100;

/// Fields of a list envelope that hold its items (observed: `data`; `items` and `results` are the
/// other common names). A bare array is a list too.
pub const LIST_FIELDS: &[&str] = &["data", "items", "results"];
/// Fields that carry an opaque cursor for the next page (guessed).
pub const NEXT_CURSOR_FIELDS: &[&str] = &["next_cursor", "cursor"];
/// The query parameter that sends such a cursor back (guessed).
pub const NEXT_CURSOR_PARAM: &str = "cursor";
/// Fields that carry the next page's URL (guessed): `next`, or JSON:API's `links.next`. The
/// `Link: <…>; rel="next"` header (RFC 8288) is read too.
pub const NEXT_URL_FIELDS: &[&str] = &["next", "next_url", "next_page_url"];
/// Fields of numbered pages (guessed): the page's number (from 1) and how many pages there are.
pub const PAGE_NUMBER_FIELDS: &[&str] = &["page", "page_number"];
/// See [`PAGE_NUMBER_FIELDS`].
pub const PAGE_COUNT_FIELDS: &[&str] = &["pages", "total_pages", "page_count"];
/// The query parameter of a page's number (guessed).
pub const PAGE_NUMBER_PARAM: &str = "page";
/// Fields that say how many items a numbered page holds; the field's name is the parameter
/// that asks for that size (guessed).
pub const PAGE_SIZE_FIELDS: &[&str] = &["page_size", "size", "per_page"];
/// The page-size parameter sent when the answer names none (guessed).
pub const PAGE_SIZE_PARAM: &str = "page_size";
/// Fields of the whole list's length (guessed).
pub const TOTAL_FIELDS: &[&str] = &["total", "total_count", "count"];
/// The field and query parameter of offset pages (guessed): items skipped before this page.
pub const OFFSET_FIELD: &str = "offset";

/// One page of a list, as the server described it: its items and every hint it gave about
/// what follows. Which hint wins is decided where lists are walked.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    /// The items, in the server's order.
    pub items: Vec<Value>,
    /// `has_more`, when sent.
    pub has_more: Option<bool>,
    /// An opaque cursor for the next page ([`NEXT_CURSOR_FIELDS`]).
    pub next_cursor: Option<String>,
    /// Whether a cursor or next-URL field was present and empty (`null`, `""`): the server
    /// says there is no next page.
    pub explicit_end: bool,
    /// The next page's URL, from the body or a `Link` header, as sent (maybe relative).
    pub next_url: Option<String>,
    /// This page's number, from 1.
    pub page: Option<u64>,
    /// How many pages there are.
    pub pages: Option<u64>,
    /// The page size the server reports, with the name of its field (= parameter).
    pub page_size: Option<(&'static str, u64)>,
    /// How many items were skipped before this page.
    pub offset: Option<u64>,
    /// How many items the whole list holds.
    pub total: Option<u64>,
}

/// Reads one page of a list (observed: `{"data": [...]}`; guessed: everything else, see the constants
/// above). `link` is the answer's `Link` header, if any. `None` when the body holds no list.
pub fn parse_page(body: Value, link: Option<&str>) -> Option<Page> {
    let map = match body {
        Value::Array(items) => {
            return Some(Page {
                items,
                next_url: link.and_then(next_link),
                ..Page::default()
            });
        }
        Value::Object(map) => map,
        _ => return None,
    };
    let mut map = map;
    let items = LIST_FIELDS.iter().find_map(|name| match map.get(*name) {
        Some(Value::Array(_)) => match map.remove(*name) {
            Some(Value::Array(items)) => Some(items),
            _ => None,
        },
        _ => None,
    })?;
    let number = |names: &[&str]| names.iter().find_map(|name| as_count(map.get(*name)?));
    let text = |names: &[&str]| {
        names.iter().find_map(|name| match map.get(*name) {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        })
    };
    let empty = |names: &[&str]| {
        names.iter().any(|name| match map.get(*name) {
            Some(Value::Null) => true,
            Some(Value::String(s)) => s.is_empty(),
            _ => false,
        })
    };
    let links_next = map
        .get("links")
        .and_then(|links| links.get("next"))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let page_size = PAGE_SIZE_FIELDS
        .iter()
        .find_map(|name| Some((*name, as_count(map.get(*name)?)?)));
    Some(Page {
        has_more: map.get("has_more").and_then(Value::as_bool),
        next_cursor: text(NEXT_CURSOR_FIELDS),
        explicit_end: empty(NEXT_CURSOR_FIELDS) || empty(NEXT_URL_FIELDS),
        next_url: text(NEXT_URL_FIELDS)
            .or(links_next)
            .or_else(|| link.and_then(next_link)),
        page: number(PAGE_NUMBER_FIELDS),
        pages: number(PAGE_COUNT_FIELDS),
        page_size,
        offset: number(&[OFFSET_FIELD]),
        total: number(TOTAL_FIELDS),
        items,
    })
}

/// A count sent as a number or a numeric string.
fn as_count(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The target of the `rel="next"` link of a `Link` header (RFC 8288): `<url>; rel="next"`,
/// among other links and parameters, `rel` possibly quoted and holding several relations.
pub fn next_link(header: &str) -> Option<String> {
    let mut rest = header;
    loop {
        let open = rest.find('<')?;
        let close = open + rest[open..].find('>')?;
        let target = &rest[open + 1..close];
        let after = &rest[close + 1..];
        // The link's parameters run to the next link (`, <`) or the end.
        let end = after.find('<').unwrap_or(after.len());
        let params = &after[..end];
        let is_next = params.split(';').any(|param| {
            let Some((name, value)) = param.split_once('=') else {
                return false;
            };
            name.trim().eq_ignore_ascii_case("rel")
                && value
                    .trim()
                    .trim_end_matches(',')
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|rel| rel.eq_ignore_ascii_case("next"))
        });
        if is_next && !target.trim().is_empty() {
            return Some(target.trim().to_string());
        }
        rest = &after[end..];
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
        let page = parse_page(json!({"data": [1], "has_more": true}), None).unwrap();
        assert_eq!((page.items, page.has_more), (vec![json!(1)], Some(true)));
        assert!(
            parse_page(json!({"data": []}), None)
                .unwrap()
                .items
                .is_empty()
        );
        let bare = parse_page(json!([1, 2]), None).unwrap();
        assert_eq!(bare.items, vec![json!(1), json!(2)]);
        assert_eq!(
            parse_page(json!({"items": [3]}), None).unwrap().items,
            vec![json!(3)]
        );
        assert_eq!(parse_page(json!({"things": []}), None), None);
        assert_eq!(parse_page(json!("data"), None), None);
    }

    #[test]
    fn pages_report_every_common_way_to_the_next_one() {
        let page = parse_page(json!({"data": [], "next_cursor": "c2"}), None).unwrap();
        assert_eq!(page.next_cursor.as_deref(), Some("c2"));
        let page = parse_page(json!({"data": [], "next_cursor": null}), None).unwrap();
        assert!(page.explicit_end && page.next_cursor.is_none());
        let page = parse_page(json!({"results": [], "count": 7, "next": "/x?p=2"}), None).unwrap();
        assert_eq!(
            (page.total, page.next_url.as_deref()),
            (Some(7), Some("/x?p=2"))
        );
        let page = parse_page(json!({"data": [], "links": {"next": "/y"}}), None).unwrap();
        assert_eq!(page.next_url.as_deref(), Some("/y"));
        let page = parse_page(
            json!({"data": [], "page": 1, "pages": 3, "size": "2", "total": 5}),
            None,
        )
        .unwrap();
        assert_eq!(
            (page.page, page.pages, page.page_size, page.total),
            (Some(1), Some(3), Some(("size", 2)), Some(5))
        );
        let page = parse_page(
            json!({"data": [], "offset": 4, "limit": 2, "total": 9}),
            None,
        )
        .unwrap();
        assert_eq!((page.offset, page.total), (Some(4), Some(9)));
        let page = parse_page(json!([]), Some(r#"<https://h/p?page=2>; rel="next""#)).unwrap();
        assert_eq!(page.next_url.as_deref(), Some("https://h/p?page=2"));
    }

    #[test]
    fn link_headers_yield_only_the_next_relation() {
        let header = r#"<https://h/a?page=1>; rel="prev first", <https://h/a?page=3>; title="x, y"; rel="last next""#;
        assert_eq!(next_link(header).as_deref(), Some("https://h/a?page=3"));
        assert_eq!(
            next_link("<https://h/a?page=2>; rel=next").as_deref(),
            Some("https://h/a?page=2")
        );
        assert_eq!(next_link(r#"<https://h/a>; rel="prev""#), None);
        assert_eq!(next_link("garbage"), None);
        assert_eq!(next_link(r#"<>; rel="next""#), None);
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
