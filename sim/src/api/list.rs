//! Query strings and pagination for list endpoints.
//!
//! By default lists answer `{"data": [...], "has_more": bool}`: a page holds `limit` items
//! (1..=100, default: the configured page size) after the item whose id is `starting_after`.
//! [`Paging`] names the other shapes a server may page in, which `--paging` selects. Unknown
//! query parameters are ignored; repeated ones are kept in order (for `tags`).

use axum::Json;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};

pub use crate::config::Paging;
use crate::state::Shared;

/// What every handler gets (as in the API module): the shared state.
type App = std::sync::Arc<Shared>;
use super::error::ApiError;
use crate::api::error::loc;

/// Decoded `key=value` pairs of a raw query string, in order.
pub fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let spaced = s.replace('+', " ");
        percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
    };
    raw.unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

/// The first value of `key`.
pub fn first<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Every value of `key`, with comma-separated values split.
pub fn all_split(pairs: &[(String, String)], key: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| v.split(','))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Paging {
    /// Every shape, with its name on the command line.
    pub const ALL: [(Paging, &'static str); 9] = [
        (Paging::HasMore, "has-more"),
        (Paging::NextCursor, "next-cursor"),
        (Paging::Cursor, "cursor"),
        (Paging::NextUrl, "next-url"),
        (Paging::Link, "link"),
        (Paging::Pages, "pages"),
        (Paging::PagesSize, "pages-size"),
        (Paging::Offset, "offset"),
        (Paging::TotalOnly, "total-only"),
    ];

    /// The shape's name on the command line.
    pub fn name(self) -> &'static str {
        Paging::ALL
            .iter()
            .find(|(p, _)| *p == self)
            .map_or("has-more", |(_, name)| name)
    }
}

impl std::str::FromStr for Paging {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Paging::ALL
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(text.trim()))
            .map(|(paging, _)| *paging)
            .ok_or_else(|| {
                let names: Vec<&str> = Paging::ALL.iter().map(|(_, n)| *n).collect();
                format!("unknown paging `{text}`; one of {}", names.join(", "))
            })
    }
}

/// The items a list pages through: a filtered, ordered collection, or an endless one.
pub trait Items {
    /// How many there are.
    fn count(&self) -> usize;
    /// The id and object at `index`.
    fn at(&self, index: usize) -> (String, Value);
    /// Where the item with `id` is.
    fn position(&self, id: &str) -> Option<usize>;
}

impl Items for Vec<(String, Value)> {
    fn count(&self) -> usize {
        self.len()
    }

    fn at(&self, index: usize) -> (String, Value) {
        self[index].clone()
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.iter().position(|(i, _)| i.eq_ignore_ascii_case(id))
    }
}

/// A list that never ends (the `endless_pages` fault): item `i` has a fresh id, and each is
/// older than the one before.
pub struct Endless {
    /// When the list starts, newest first.
    pub now: std::time::SystemTime,
}

/// How long the endless list claims to be.
const ENDLESS_LEN: usize = 1_000_000_000;

impl Items for Endless {
    fn count(&self) -> usize {
        ENDLESS_LEN
    }

    fn at(&self, index: usize) -> (String, Value) {
        let id = format!("e0000000-0000-4000-8000-{index:012x}");
        let at = self
            .now
            .checked_sub(std::time::Duration::from_secs(index as u64))
            .unwrap_or(self.now);
        let item = json!({
            "id": id,
            "name": format!("Endless {index}"),
            "status": "completed",
            "created_at": crate::clock::rfc3339(at),
        });
        (id, item)
    }

    fn position(&self, id: &str) -> Option<usize> {
        let hex = id.strip_prefix("e0000000-0000-4000-8000-")?;
        usize::from_str_radix(hex, 16).ok()
    }
}

/// Where a page starts.
#[derive(Debug)]
enum Start {
    /// The first item.
    First,
    /// After the item with this id (`starting_after`).
    After(String),
    /// At this index (a cursor, an offset or a page number).
    At(usize),
}

/// The page a list request asks for, in the configured shape.
#[derive(Debug)]
pub struct PageQuery {
    paging: Paging,
    limit: usize,
    start: Start,
    /// The request's other parameters (filters), kept in next-page URLs.
    keep: Vec<(String, String)>,
}

/// The parameters each shape reads itself; the others are filters.
const PAGING_PARAMS: &[&str] = &[
    "limit",
    "starting_after",
    "cursor",
    "page_token",
    "page",
    "page_size",
    "size",
    "offset",
];

impl PageQuery {
    /// Reads the page asked for in the shape `paging`, with FastAPI's errors for bad numbers
    /// and unknown cursors. `max` caps the page whatever the request asks.
    pub fn parse(
        pairs: &[(String, String)],
        paging: Paging,
        default: usize,
        max: usize,
    ) -> Result<PageQuery, ApiError> {
        let number = |key: &str| first(pairs, key).filter(|s| !s.is_empty());
        let size_param = match paging {
            Paging::Pages => "page_size",
            Paging::PagesSize => "size",
            _ => "limit",
        };
        let limit = match number(size_param) {
            None => default,
            Some(raw) => parse_limit(raw, size_param)?,
        }
        .min(max);
        let token = |key: &str| -> Result<Start, ApiError> {
            match number(key) {
                None => Ok(Start::First),
                Some(raw) => raw
                    .strip_prefix('c')
                    .and_then(|n| n.parse().ok())
                    .map(Start::At)
                    .ok_or_else(|| {
                        ApiError::invalid(loc!["query", key], "Invalid cursor", "value_error")
                    }),
            }
        };
        let start = match paging {
            Paging::HasMore => {
                number("starting_after").map_or(Start::First, |id| Start::After(id.to_owned()))
            }
            Paging::NextCursor | Paging::Cursor => token("cursor")?,
            Paging::NextUrl | Paging::Link => token("page_token")?,
            Paging::Pages | Paging::PagesSize => match number("page") {
                None => Start::First,
                Some(raw) => {
                    let page = parse_count(raw, "page")?.max(1);
                    Start::At((page - 1).saturating_mul(limit))
                }
            },
            Paging::Offset => number("offset")
                .map(|raw| parse_count(raw, "offset").map(Start::At))
                .transpose()?
                .unwrap_or(Start::First),
            Paging::TotalOnly => Start::First,
        };
        let keep = pairs
            .iter()
            .filter(|(k, _)| !PAGING_PARAMS.contains(&k.as_str()))
            .cloned()
            .collect();
        Ok(PageQuery {
            paging,
            limit,
            start,
            keep,
        })
    }

    /// The page of `items` (already filtered and ordered) this query asks for, in its shape.
    /// `here` is the list's absolute URL without a query, for next-page links.
    pub fn page(&self, items: &impl Items, here: &str) -> Result<Response, ApiError> {
        let start = match &self.start {
            Start::First => 0,
            Start::At(index) => *index,
            Start::After(cursor) => {
                items.position(cursor).ok_or_else(|| {
                    ApiError::invalid(
                        loc!["query", "starting_after"],
                        "No object with this id in the list",
                        "value_error",
                    )
                })? + 1
            }
        };
        let total = items.count();
        let end = start.saturating_add(self.limit).min(total);
        let data: Vec<Value> = (start.min(end)..end).map(|i| items.at(i).1).collect();
        let more = end < total;
        let token = format!("c{end}");
        let next_url = || {
            let mut pairs = self.keep.clone();
            pairs.push(("limit".into(), self.limit.to_string()));
            pairs.push(("page_token".into(), token.clone()));
            let query: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                .collect();
            format!("{here}?{}", query.join("&"))
        };
        let pages = total.div_ceil(self.limit.max(1));
        let page = start / self.limit.max(1) + 1;
        let body = match self.paging {
            Paging::HasMore => json!({"data": data, "has_more": more}),
            Paging::NextCursor => json!({"data": data, "next_cursor": more.then_some(&token)}),
            Paging::Cursor => json!({"data": data, "cursor": more.then_some(&token)}),
            Paging::NextUrl => json!({"data": data, "next": more.then(next_url)}),
            Paging::Link => json!({"data": data}),
            Paging::Pages => {
                json!({"data": data, "page": page, "pages": pages, "total": total, "page_size": self.limit})
            }
            Paging::PagesSize => {
                json!({"data": data, "page": page, "pages": pages, "total": total, "size": self.limit})
            }
            Paging::Offset => {
                json!({"data": data, "offset": start, "limit": self.limit, "total": total})
            }
            Paging::TotalOnly => json!({"data": data, "total": total}),
        };
        let mut response = Json(body).into_response();
        if self.paging == Paging::Link && more {
            let link = format!("<{}>; rel=\"next\"", next_url());
            if let Ok(value) = HeaderValue::from_str(&link) {
                response.headers_mut().insert(header::LINK, value);
            }
        }
        Ok(response)
    }
}

/// The answer of an `endless_pages` fault at `relative` (`/agents/`): a page of a list that
/// never ends, in the configured shape, each page with ids never seen before. With
/// `same_cursor`, whatever page is asked for, the first one comes back, so its cursor (or next
/// link, page number, offset) repeats.
pub fn endless_page(app: &App, query: Option<&str>, relative: &str, same_cursor: bool) -> Response {
    let mut pairs = query_pairs(query);
    if same_cursor {
        pairs.retain(|(k, _)| ["limit", "page_size", "size"].contains(&k.as_str()));
    }
    let endless = Endless {
        now: app.clock.now(),
    };
    let here = format!("{}{relative}", app.api_base);
    PageQuery::parse(
        &pairs,
        app.config.paging,
        app.config.page_size,
        app.config.max_page_size,
    )
    .and_then(|page| page.page(&endless, &here))
    .unwrap_or_else(IntoResponse::into_response)
}

/// What a query's keys and values escape: all but RFC 3986's unreserved characters.
const QUERY_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, QUERY_ESCAPES).to_string()
}

fn parse_count(raw: &str, key: &str) -> Result<usize, ApiError> {
    raw.trim().parse().map_err(|_| {
        ApiError::invalid(
            loc!["query", key],
            "Input should be a valid integer, unable to parse string as an integer",
            "int_parsing",
        )
    })
}

fn parse_limit(raw: &str, key: &str) -> Result<usize, ApiError> {
    let n: i64 = raw.trim().parse().map_err(|_| {
        ApiError::invalid(
            loc!["query", key],
            "Input should be a valid integer, unable to parse string as an integer",
            "int_parsing",
        )
    })?;
    if n < 1 {
        return Err(ApiError::invalid(
            loc!["query", key],
            "Input should be greater than or equal to 1",
            "greater_than_equal",
        ));
    }
    if n > 100 {
        return Err(ApiError::invalid(
            loc!["query", key],
            "Input should be less than or equal to 100",
            "less_than_equal",
        ));
    }
    Ok(n as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs_decode_and_keep_repeats() {
        let pairs = query_pairs(Some("tags=a%20b&tags=c,d&x&q=1+2"));
        assert_eq!(all_split(&pairs, "tags"), vec!["a b", "c", "d"]);
        assert_eq!(first(&pairs, "x"), Some(""));
        assert_eq!(first(&pairs, "q"), Some("1 2"));
    }

    async fn body(response: Response) -> (Value, Option<String>) {
        let link = response
            .headers()
            .get(header::LINK)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (serde_json::from_slice(&bytes).unwrap(), link)
    }

    async fn page(query: &str, paging: Paging, items: &impl Items) -> (Value, Option<String>) {
        let q = PageQuery::parse(&query_pairs(Some(query)), paging, 20, 100).expect("valid");
        body(q.page(items, "http://h/api/agents/").expect("page")).await
    }

    fn five() -> Vec<(String, Value)> {
        (0..5).map(|i| (format!("id{i}"), json!(i))).collect()
    }

    #[tokio::test]
    async fn pages_follow_the_cursor_and_report_more() {
        let items = five();
        let (page1, _) = page("limit=2&starting_after=id1", Paging::HasMore, &items).await;
        assert_eq!(page1, json!({"data": [2, 3], "has_more": true}));
        let (last, _) = page("starting_after=id3", Paging::HasMore, &items).await;
        assert_eq!(last, json!({"data": [4], "has_more": false}));
        for bad in ["limit=101", "limit=0"] {
            assert!(PageQuery::parse(&query_pairs(Some(bad)), Paging::HasMore, 20, 100).is_err());
        }
    }

    #[tokio::test]
    async fn every_shape_pages_through_the_same_items() {
        let items = five();
        let (p, _) = page("limit=2&cursor=c2", Paging::NextCursor, &items).await;
        assert_eq!(p, json!({"data": [2, 3], "next_cursor": "c4"}));
        let (p, _) = page("limit=2&cursor=c4", Paging::Cursor, &items).await;
        assert_eq!(p, json!({"data": [4], "cursor": null}));
        let (p, _) = page("tags=x&limit=2", Paging::NextUrl, &items).await;
        assert_eq!(
            p["next"],
            "http://h/api/agents/?tags=x&limit=2&page_token=c2"
        );
        let (p, link) = page("limit=2&page_token=c2", Paging::Link, &items).await;
        assert_eq!(p, json!({"data": [2, 3]}));
        assert_eq!(
            link.as_deref(),
            Some("<http://h/api/agents/?limit=2&page_token=c4>; rel=\"next\"")
        );
        let (p, _) = page("page=3&page_size=2&limit=50", Paging::Pages, &items).await;
        assert_eq!(
            p,
            json!({"data": [4], "page": 3, "pages": 3, "total": 5, "page_size": 2})
        );
        let (p, _) = page("page=2&size=2", Paging::PagesSize, &items).await;
        assert_eq!(
            p,
            json!({"data": [2, 3], "page": 2, "pages": 3, "total": 5, "size": 2})
        );
        let (p, _) = page("offset=1&limit=3", Paging::Offset, &items).await;
        assert_eq!(
            p,
            json!({"data": [1, 2, 3], "offset": 1, "limit": 3, "total": 5})
        );
        let (p, _) = page("limit=2&offset=2", Paging::TotalOnly, &items).await;
        assert_eq!(p, json!({"data": [0, 1], "total": 5}));
        assert!(
            PageQuery::parse(&query_pairs(Some("cursor=zz")), Paging::Cursor, 20, 100).is_err()
        );
        assert_eq!("pages-size".parse::<Paging>(), Ok(Paging::PagesSize));
        assert!("pages_size".parse::<Paging>().is_err());
    }

    #[tokio::test]
    async fn the_endless_list_has_fresh_ids_on_every_page() {
        let endless = Endless {
            now: std::time::SystemTime::now(),
        };
        let (p1, _) = page("limit=2", Paging::HasMore, &endless).await;
        let last = p1["data"][1]["id"].as_str().unwrap().to_owned();
        let (p2, _) = page(
            &format!("limit=2&starting_after={last}"),
            Paging::HasMore,
            &endless,
        )
        .await;
        assert_eq!(p2["has_more"], true);
        assert_ne!(p2["data"][0]["id"], p1["data"][0]["id"]);
        assert_ne!(p2["data"][0]["id"], p1["data"][1]["id"]);
    }
}
