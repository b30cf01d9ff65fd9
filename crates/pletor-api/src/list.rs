//! Lists across pages (guessed: `limit` + `starting_after` cursor + `has_more`; a bare array or an
//! envelope without `has_more` is one complete page).

use std::collections::HashSet;

use serde_json::Value;

use super::spec::{self, ID_FIELDS, first_str};
use super::{ApiError, Client, Request};

/// How many items to fetch: pages are asked for no more than this needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// At most this many (`--limit`, a completion's cap); no page is asked for beyond them.
    AtMost(usize),
    /// Every page, until the server says there is no more (`--all`).
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
    let mut pager = Pager::new(request);
    loop {
        let want = match limit {
            Limit::AtMost(n) => n.saturating_sub(items.len()).min(spec::PAGE_MAX),
            Limit::All => spec::PAGE_MAX,
        };
        if want == 0 {
            break;
        }
        match pager.next(client, want).await? {
            Some(page) => items.extend(page),
            None => break,
        }
    }
    if let Limit::AtMost(n) = limit {
        items.truncate(n);
    }
    Ok(items)
}

/// A listing read one page at a time, for callers that may stop early (a batch's status stops
/// once every row is found).
pub struct Pager {
    request: Request,
    cursor: Option<String>,
    seen_cursors: HashSet<String>,
    read: usize,
    done: bool,
}

impl Pager {
    /// A listing of `request`'s collection, from its first page.
    pub fn new(request: Request) -> Self {
        Self {
            request,
            cursor: None,
            seen_cursors: HashSet::new(),
            read: 0,
            done: false,
        }
    }

    /// Whether the server said there is no page after the last one read.
    pub fn finished(&self) -> bool {
        self.done
    }

    /// The next page of at most `want` items (capped at [`spec::PAGE_MAX`]); `None` once the
    /// server said there is no more.
    pub async fn next(
        &mut self,
        client: &Client,
        want: usize,
    ) -> Result<Option<Vec<Value>>, ApiError> {
        if self.done {
            return Ok(None);
        }
        let mut page_request = self.request.clone().query(
            spec::PAGE_LIMIT_PARAM,
            want.clamp(1, spec::PAGE_MAX).to_string(),
        );
        if let Some(after) = &self.cursor {
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
        self.read += page.len();
        let last = page
            .last()
            .and_then(|v| first_str(v, ID_FIELDS))
            .map(str::to_string);
        match (has_more, last) {
            (true, Some(last)) if !page.is_empty() => {
                if !self.seen_cursors.insert(last.clone()) {
                    return Err(ApiError::Decode {
                        method: "GET".into(),
                        path,
                        status: 200,
                        problem: format!(
                            "the list repeats its cursor `{last}`; stopped after {} items",
                            self.read
                        ),
                    });
                }
                self.cursor = Some(last);
            }
            _ => self.done = true,
        }
        Ok(Some(page))
    }
}
