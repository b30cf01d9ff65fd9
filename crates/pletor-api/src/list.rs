//! Lists across pages (D: `limit` + `starting_after` cursor + `has_more`; a bare array or an
//! envelope without `has_more` is one complete page).

use std::collections::HashSet;

use serde_json::Value;

use super::spec::{self, ID_FIELDS, first_str};
use super::{ApiError, Client, Request};

/// How many items to fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// At most this many.
    AtMost(usize),
    /// Every page.
    All,
}

/// Fetches items of a collection, following the cursor while the server says there is more.
/// A page that repeats a cursor already seen ends the listing with an error, so a confused
/// server cannot loop us forever.
pub async fn fetch(
    client: &Client,
    request: Request,
    limit: Limit,
) -> Result<Vec<Value>, ApiError> {
    let mut items: Vec<Value> = Vec::new();
    let mut seen_cursors = HashSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let want = match limit {
            Limit::AtMost(n) => n.saturating_sub(items.len()).min(spec::PAGE_MAX),
            Limit::All => spec::PAGE_MAX,
        };
        if want == 0 {
            break;
        }
        let mut page_request = request
            .clone()
            .query(spec::PAGE_LIMIT_PARAM, want.to_string());
        if let Some(after) = &cursor {
            page_request = page_request.query(spec::PAGE_CURSOR_PARAM, after.clone());
        }
        let path = page_request.path().to_string();
        let body = client.json(page_request).await?;
        let Some((page, has_more)) = spec::parse_page(body) else {
            return Err(ApiError::Decode {
                method: "GET".into(),
                path,
                status: 200,
                problem: "expected a list (`{\"data\": [...]}` or an array)".into(),
            });
        };
        let last = page
            .last()
            .and_then(|v| first_str(v, ID_FIELDS))
            .map(str::to_string);
        let page_len = page.len();
        items.extend(page);
        match (has_more, last) {
            (true, Some(last)) if page_len > 0 => {
                if !seen_cursors.insert(last.clone()) {
                    return Err(ApiError::Decode {
                        method: "GET".into(),
                        path,
                        status: 200,
                        problem: format!(
                            "the list repeats its cursor `{last}`; stopped after {} items",
                            items.len()
                        ),
                    });
                }
                cursor = Some(last);
            }
            _ => break,
        }
    }
    if let Limit::AtMost(n) = limit {
        items.truncate(n);
    }
    Ok(items)
}
