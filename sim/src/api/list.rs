//! Query strings and pagination for list endpoints.
//!
//! Lists answer `{"data": [...], "has_more": bool}`. A page holds `limit` items (1..=100,
//! default: the configured page size) after the item whose id is `starting_after`. Unknown
//! query parameters are ignored; repeated ones are kept in order (for `tags`).

use percent_encoding::percent_decode_str;
use serde_json::{Value, json};

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

/// The page a list request asks for.
#[derive(Debug)]
pub struct PageQuery {
    limit: usize,
    starting_after: Option<String>,
}

impl PageQuery {
    /// Reads `limit` and `starting_after`, with FastAPI's errors for a bad `limit`.
    /// `max` caps the page whatever `limit` asks.
    pub fn parse(
        pairs: &[(String, String)],
        default: usize,
        max: usize,
    ) -> Result<PageQuery, ApiError> {
        let limit = match first(pairs, "limit") {
            None => default,
            Some(raw) => parse_limit(raw)?,
        }
        .min(max);
        let starting_after = first(pairs, "starting_after")
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        Ok(PageQuery {
            limit,
            starting_after,
        })
    }

    /// Cuts `items` (id, object), already filtered and ordered, into the envelope.
    pub fn page(&self, items: Vec<(String, Value)>) -> Result<Value, ApiError> {
        let start = match &self.starting_after {
            None => 0,
            Some(cursor) => {
                let at = items
                    .iter()
                    .position(|(id, _)| id.eq_ignore_ascii_case(cursor))
                    .ok_or_else(|| {
                        ApiError::invalid(
                            loc!["query", "starting_after"],
                            "No object with this id in the list",
                            "value_error",
                        )
                    })?;
                at + 1
            }
        };
        let has_more = items.len() > start + self.limit;
        let data: Vec<Value> = items
            .into_iter()
            .skip(start)
            .take(self.limit)
            .map(|(_, v)| v)
            .collect();
        Ok(json!({"data": data, "has_more": has_more}))
    }
}

fn parse_limit(raw: &str) -> Result<usize, ApiError> {
    let n: i64 = raw.trim().parse().map_err(|_| {
        ApiError::invalid(
            loc!["query", "limit"],
            "Input should be a valid integer, unable to parse string as an integer",
            "int_parsing",
        )
    })?;
    if n < 1 {
        return Err(ApiError::invalid(
            loc!["query", "limit"],
            "Input should be greater than or equal to 1",
            "greater_than_equal",
        ));
    }
    if n > 100 {
        return Err(ApiError::invalid(
            loc!["query", "limit"],
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

    #[test]
    fn pages_follow_the_cursor_and_report_more() {
        let items: Vec<(String, Value)> = (0..5).map(|i| (format!("id{i}"), json!(i))).collect();
        let q = PageQuery::parse(&query_pairs(Some("limit=2&starting_after=id1")), 20, 100)
            .expect("valid");
        let page = q.page(items.clone()).expect("page");
        assert_eq!(page, json!({"data": [2, 3], "has_more": true}));
        let q = PageQuery::parse(&query_pairs(Some("starting_after=id3")), 20, 100).expect("valid");
        assert_eq!(
            q.page(items).expect("page"),
            json!({"data": [4], "has_more": false})
        );
        assert!(PageQuery::parse(&query_pairs(Some("limit=101")), 20, 100).is_err());
        assert!(PageQuery::parse(&query_pairs(Some("limit=0")), 20, 100).is_err());
    }
}
