//! Lists across pages, whatever way the server pages them.
//!
//! The first page is asked for with `limit` (see [`spec::PAGE_LIMIT_PARAM`]); the answer says how
//! to get the next one, and the first of these that it gives is followed:
//!
//! 1. `has_more: false` ends the list;
//! 2. a next-page URL (`next`, `links.next` or a `Link: <…>; rel="next"` header), followed only
//!    below the API base, so the key never goes elsewhere;
//! 3. an opaque cursor (`next_cursor` or `cursor`), sent back as `cursor`;
//! 4. numbered pages (`page` with `pages`, or with `total` and the page size), asked for with
//!    `page` and the size under the name the server used (`page_size`, `size`);
//! 5. offsets (`offset` with `total`), asked for with `offset`;
//! 6. `has_more: true`, asked for with `starting_after` = the last id.
//!
//! A list is never cut short silently: when the server says more exist than were read and gives
//! no way above to fetch them, the listing says so ([`Shortfall`]) for the caller to warn. And it
//! always ends: after [`PAGE_CAP`] pages (more when a `--limit` needs more), or as soon as a
//! cursor, URL, page number or offset comes back a second time, or a page brings only ids
//! already read, the walk stops with [`ApiError::Paging`].

use std::collections::HashSet;

use reqwest::Url;
use serde_json::Value;

use super::spec::{self, ID_FIELDS, Page, first_str};
use super::{ApiError, Client, Request};

/// Pages a listing may take before it is stopped as endless: 200 pages, 20 000 items at the
/// page size asked for. A `--limit` that needs more pages of that size raises it.
pub const PAGE_CAP: usize = 200;

/// How many items to fetch: pages are asked for no more than this needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// At most this many (`--limit`, a completion's cap); no page is asked for beyond them.
    AtMost(usize),
    /// Every page, until the server says there is no more (`--all`).
    All,
}

impl Limit {
    /// The most pages a listing for this limit may take.
    pub fn page_cap(self) -> usize {
        match self {
            Self::All => PAGE_CAP,
            Self::AtMost(n) => PAGE_CAP.max(n.div_ceil(spec::PAGE_MAX)),
        }
    }
}

/// What a listing read.
#[derive(Debug, Default)]
pub struct Listing {
    /// The items, in the order [`fetch`] or [`fetch_newest`] documents.
    pub items: Vec<Value>,
    /// Set when the server says more exist than were read and gave no way to fetch them.
    pub shortfall: Option<Shortfall>,
}

/// The server says the list holds more than was read, and how to read the rest is not known
/// (or not safe: a next page on another host).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    /// Distinct items read.
    pub listed: usize,
    /// The list's length as the server gave it, when it did.
    pub total: Option<u64>,
    /// Why the rest was not fetched.
    pub reason: String,
}

impl std::fmt::Display for Shortfall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.total {
            Some(total) => write!(
                f,
                "the server says the list holds {total} but only {} could be fetched: {}",
                self.listed, self.reason
            ),
            None => write!(
                f,
                "the server says the list holds more than the {} fetched: {}",
                self.listed, self.reason
            ),
        }
    }
}

/// Fetches items of a collection in the server's order, page after page, until `limit` items
/// or the end of the list.
pub async fn fetch(client: &Client, request: Request, limit: Limit) -> Result<Listing, ApiError> {
    let mut pager = Pager::with_cap(request, limit.page_cap());
    let mut items: Vec<Value> = Vec::new();
    while let Some(want) = wanted(limit, items.len()) {
        match pager.next(client, want).await? {
            Some(page) => items.extend(page),
            None => break,
        }
    }
    if let Limit::AtMost(n) = limit {
        items.truncate(n);
    }
    Ok(Listing {
        items,
        shortfall: pager.shortfall,
    })
}

/// Fetches the newest `limit` items of a collection whose items carry `created_at`, whichever
/// end of the list the server starts with. The server's order is told from the dates of what
/// it sent: newest first, the first pages are enough; oldest first, the listing jumps to the
/// last pages when the server numbers them or gives offsets and a total, and otherwise walks
/// to the end (within the page cap) keeping the last `limit`. The items come in the server's
/// order; callers sort them.
pub async fn fetch_newest(
    client: &Client,
    request: Request,
    limit: Limit,
) -> Result<Listing, ApiError> {
    let Limit::AtMost(n) = limit else {
        return fetch(client, request, limit).await;
    };
    let mut pager = Pager::with_cap(request, limit.page_cap());
    let mut items: Vec<Value> = Vec::new();
    let mut oldest_first = false;
    let mut undecided_pages = 0;
    if n == 0 {
        return Ok(Listing::default());
    }
    loop {
        let want = if oldest_first {
            spec::PAGE_MAX
        } else {
            n.saturating_sub(items.len()).clamp(1, spec::PAGE_MAX)
        };
        let Some(page) = pager.next(client, want).await? else {
            break;
        };
        items.extend(page);
        if oldest_first {
            keep_last(&mut items, n);
            continue;
        }
        match order(&items) {
            Order::OldestFirst => {
                oldest_first = true;
                if pager.seek_tail(n) {
                    items.clear();
                } else {
                    keep_last(&mut items, n);
                }
            }
            Order::NewestFirst if items.len() >= n => break,
            Order::NewestFirst => {}
            // One page past the limit tells the order when the first could not; a list
            // without dates is taken in the server's order.
            Order::Unknown if items.len() >= n => {
                undecided_pages += 1;
                if undecided_pages > 1 {
                    break;
                }
            }
            Order::Unknown => {}
        }
    }
    if oldest_first {
        keep_last(&mut items, n);
    } else {
        items.truncate(n);
    }
    Ok(Listing {
        items,
        shortfall: pager.shortfall,
    })
}

/// How many more items to ask for; `None` once `limit` is reached.
fn wanted(limit: Limit, have: usize) -> Option<usize> {
    match limit {
        Limit::AtMost(n) if have >= n => None,
        Limit::AtMost(n) => Some((n - have).min(spec::PAGE_MAX)),
        Limit::All => Some(spec::PAGE_MAX),
    }
}

fn keep_last(items: &mut Vec<Value>, n: usize) {
    if items.len() > n {
        items.drain(..items.len() - n);
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Order {
    NewestFirst,
    OldestFirst,
    Unknown,
}

/// The order of `items` by `created_at`: the first dated item against the last one.
fn order(items: &[Value]) -> Order {
    let dated = || items.iter().filter_map(created_at);
    match (dated().next(), dated().next_back()) {
        (Some(first), Some(last)) if first > last => Order::NewestFirst,
        (Some(first), Some(last)) if first < last => Order::OldestFirst,
        _ => Order::Unknown,
    }
}

fn created_at(item: &Value) -> Option<jiff::Timestamp> {
    item.get("created_at")?.as_str()?.parse().ok()
}

/// Where the next page is.
#[derive(Clone)]
enum Next {
    First,
    After(String),
    Cursor(String),
    Url(Request, String),
    Page(u64),
    Offset(u64),
    Done,
}

impl Next {
    /// What repeats when the server loops, for the set of positions already asked for.
    fn key(&self) -> Option<String> {
        match self {
            Self::First | Self::Done => None,
            Self::After(id) => Some(format!("its cursor `{}`", snippet(id))),
            Self::Cursor(cursor) => Some(format!("its cursor `{}`", snippet(cursor))),
            Self::Url(_, url) => Some(format!("its next-page link `{}`", snippet(url))),
            Self::Page(n) => Some(format!("page {n}")),
            Self::Offset(n) => Some(format!("offset {n}")),
        }
    }
}

/// A listing read one page at a time, for callers that may stop early (a batch's status stops
/// once every row is found).
pub struct Pager {
    request: Request,
    next: Next,
    asked: HashSet<String>,
    ids: HashSet<String>,
    pages: usize,
    cap: usize,
    read: usize,
    total: Option<u64>,
    /// Numbered pages: the size parameter's name and the size every page is asked with.
    page_size: Option<(&'static str, u64)>,
    last_page: Option<u64>,
    /// Whether pages were skipped on purpose ([`Pager::seek_tail`]): fewer items than the
    /// total is then no shortfall.
    skipped: bool,
    shortfall: Option<Shortfall>,
}

impl Pager {
    /// A listing of `request`'s collection, from its first page, within [`PAGE_CAP`] pages.
    pub fn new(request: Request) -> Self {
        Self::with_cap(request, PAGE_CAP)
    }

    /// A listing that stops as endless after `cap` pages.
    pub fn with_cap(request: Request, cap: usize) -> Self {
        Self {
            request,
            next: Next::First,
            asked: HashSet::new(),
            ids: HashSet::new(),
            pages: 0,
            cap: cap.max(1),
            read: 0,
            total: None,
            page_size: None,
            last_page: None,
            skipped: false,
            shortfall: None,
        }
    }

    /// Whether the server said there is no page after the last one read.
    pub fn finished(&self) -> bool {
        matches!(self.next, Next::Done)
    }

    /// Set when the list ended with the server saying it holds more than was read.
    pub fn shortfall(&self) -> Option<&Shortfall> {
        self.shortfall.as_ref()
    }

    /// The next page of at most `want` items (capped at [`spec::PAGE_MAX`]; numbered pages
    /// keep the size of the first); `None` once the server said there is no more. Items whose
    /// id was already read are dropped.
    pub async fn next(
        &mut self,
        client: &Client,
        want: usize,
    ) -> Result<Option<Vec<Value>>, ApiError> {
        if self.finished() {
            return Ok(None);
        }
        if self.pages >= self.cap {
            return Err(self.stopped(format!(
                "the list did not end within {} pages (the page cap), {} items read; stopped",
                self.cap, self.read
            )));
        }
        if let Some(key) = self.next.key() {
            self.asked.insert(key);
        }
        let request = self.page_request(want);
        let (body, headers) = client.json_with_headers(request).await?;
        let link = headers
            .get_all(reqwest::header::LINK)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(", ");
        let link = Some(link.as_str()).filter(|l| !l.is_empty());
        let Some(page) = spec::parse_page(body, link) else {
            return Err(ApiError::Decode {
                method: "GET".into(),
                path: self.request.path().to_string(),
                status: 200,
                problem: "expected a list (`{\"data\": [...]}` or an array)".into(),
            });
        };
        self.pages += 1;
        let fresh = self.fresh(&page.items);
        self.read += fresh.len();
        let next = self.after(client.base(), &page);
        if let Some(key) = next.key()
            && self.asked.contains(&key)
        {
            return Err(self.stopped(format!(
                "the list repeats {key}; stopped after {} pages and {} items",
                self.pages, self.read
            )));
        }
        if !page.items.is_empty() && fresh.is_empty() && !matches!(next, Next::Done) {
            return Err(self.stopped(format!(
                "the list repeats a page it already sent (page {}: every id already read); stopped after {} items",
                self.pages, self.read
            )));
        }
        self.next = next;
        if self.finished() && self.shortfall.is_none() && !self.skipped {
            self.shortfall = self.total.and_then(|total| {
                (total > self.read as u64).then(|| Shortfall {
                    listed: self.read,
                    total: Some(total),
                    reason: "its way of paging is not one pletor knows".into(),
                })
            });
        }
        Ok(Some(fresh))
    }

    /// The items of a page whose ids were not read before (items without an id are kept).
    fn fresh(&mut self, items: &[Value]) -> Vec<Value> {
        items
            .iter()
            .filter(|item| match first_str(item, ID_FIELDS) {
                Some(id) => self.ids.insert(id.to_string()),
                None => true,
            })
            .cloned()
            .collect()
    }

    fn page_request(&self, want: usize) -> Request {
        let want = want.clamp(1, spec::PAGE_MAX);
        let base = || self.request.clone();
        match &self.next {
            Next::First | Next::Done => base().query(spec::PAGE_LIMIT_PARAM, want.to_string()),
            Next::After(id) => base()
                .query(spec::PAGE_LIMIT_PARAM, want.to_string())
                .query(spec::PAGE_CURSOR_PARAM, id.clone()),
            Next::Cursor(cursor) => base()
                .query(spec::PAGE_LIMIT_PARAM, want.to_string())
                .query(spec::NEXT_CURSOR_PARAM, cursor.clone()),
            Next::Url(request, _) => request.clone(),
            Next::Page(number) => {
                let mut request = base().query(spec::PAGE_NUMBER_PARAM, number.to_string());
                if let Some((param, size)) = self.page_size {
                    // The size of the first page, under every name it may go by, so that page
                    // numbers keep meaning the same items.
                    request = request.query(spec::PAGE_LIMIT_PARAM, size.to_string());
                    request = request.query(param, size.to_string());
                }
                request
            }
            Next::Offset(offset) => base()
                .query(spec::PAGE_LIMIT_PARAM, want.to_string())
                .query(spec::OFFSET_FIELD, offset.to_string()),
        }
    }

    /// Where the page after `page` is, by the rules of the module documentation.
    fn after(&mut self, base: &Url, page: &Page) -> Next {
        if page.total.is_some() {
            self.total = page.total;
        }
        if page.has_more == Some(false) {
            return Next::Done;
        }
        if let Some(link) = &page.next_url {
            return match follow(base, &self.request, link) {
                Ok(request) => Next::Url(request, link.clone()),
                Err(reason) => self.short(reason),
            };
        }
        if let Some(cursor) = &page.next_cursor {
            return Next::Cursor(cursor.clone());
        }
        if page.explicit_end {
            return Next::Done;
        }
        if let Some(number) = page.page {
            return self.after_numbered(page, number);
        }
        if let (Some(offset), Some(total)) = (page.offset, page.total) {
            let end = offset + page.items.len() as u64;
            return if page.items.is_empty() || end >= total {
                Next::Done
            } else {
                Next::Offset(end)
            };
        }
        if page.has_more == Some(true) {
            return match page.items.last().and_then(|v| first_str(v, ID_FIELDS)) {
                Some(last) => Next::After(last.to_string()),
                None => self.short("it says there is more but its last item has no id".into()),
            };
        }
        Next::Done
    }

    fn after_numbered(&mut self, page: &Page, number: u64) -> Next {
        if self.page_size.is_none() {
            let size = page
                .page_size
                .or(Some((spec::PAGE_SIZE_PARAM, page.items.len() as u64)))
                .filter(|(_, size)| *size > 0);
            self.page_size = size;
        }
        let size = self.page_size.map(|(_, size)| size);
        let pages = page.pages.or_else(|| {
            let (total, size) = (page.total?, size?);
            Some(total.div_ceil(size))
        });
        self.last_page = pages;
        match pages {
            Some(pages) if number < pages && !page.items.is_empty() => Next::Page(number + 1),
            Some(_) => Next::Done,
            None if page.has_more == Some(true) => Next::Page(number + 1),
            None => {
                self.short("it numbers its pages but says neither how many nor how long".into())
            }
        }
    }

    /// The list ends here although the server says it holds more.
    fn short(&mut self, reason: String) -> Next {
        self.shortfall = Some(Shortfall {
            listed: self.read,
            total: self.total,
            reason,
        });
        Next::Done
    }

    /// Jumps to where the last `n` items start, when the server's pages allow it (numbered
    /// pages, or offsets with a total) and that is past what was read. Returns whether it did:
    /// the items read so far are then not part of the tail.
    fn seek_tail(&mut self, n: usize) -> bool {
        let n = n as u64;
        let target = match &self.next {
            Next::Offset(at) => {
                let start = self.total.map(|total| total.saturating_sub(n));
                start.filter(|start| start > at).map(Next::Offset)
            }
            Next::Page(at) => {
                let size = self.page_size.map(|(_, size)| size).filter(|s| *s > 0);
                let start = match (self.total, size, self.last_page) {
                    (Some(total), Some(size), _) => Some(total.saturating_sub(n) / size + 1),
                    // The last page may be short: one more page than `n` needs.
                    (None, Some(size), Some(last)) => {
                        Some(last.saturating_sub(n.div_ceil(size)).max(1))
                    }
                    _ => None,
                };
                start.filter(|start| start > at).map(Next::Page)
            }
            _ => None,
        };
        match target {
            Some(next) => {
                self.next = next;
                self.skipped = true;
                true
            }
            None => false,
        }
    }

    fn stopped(&self, problem: String) -> ApiError {
        ApiError::Paging {
            method: "GET".into(),
            path: self.request.path().to_string(),
            problem,
        }
    }
}

/// The request for a next-page link, resolved against the page that gave it: only on the
/// base's origin, below its path, and over a transport the key may use.
fn follow(base: &Url, current: &Request, link: &str) -> Result<Request, String> {
    let prefix = base.path().trim_end_matches('/');
    let mut here = base.clone();
    here.set_path(&format!("{prefix}{}", current.path()));
    let url = here
        .join(link)
        .map_err(|_| format!("its next-page link `{}` is not a URL", snippet(link)))?;
    if url.origin() != base.origin() || !super::client::transport_is_safe(&url) {
        return Err(format!(
            "its next page is on another origin ({}), where the key is not sent",
            snippet(&url.origin().ascii_serialization())
        ));
    }
    let path = url
        .path()
        .strip_prefix(prefix)
        .filter(|rest| rest.starts_with('/'))
        .ok_or_else(|| {
            format!(
                "its next-page link `{}` is outside the API base",
                snippet(url.path())
            )
        })?;
    let mut request = Request::get(path.to_string());
    for (key, value) in url.query_pairs() {
        request = request.query(&key, value.into_owned());
    }
    Ok(request)
}

/// A piece of what the server sent (a cursor, a link) for a message: cleaned and cut to 120
/// characters.
fn snippet(text: &str) -> String {
    crate::text::truncate(&crate::text::clean(text), 120)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn order_is_read_from_the_dates_of_the_first_and_last_items() {
        let at = |t: &str| json!({"created_at": t});
        assert_eq!(
            order(&[
                at("2026-02-01T00:00:00Z"),
                json!({}),
                at("2026-01-01T00:00:00Z")
            ]),
            Order::NewestFirst
        );
        assert_eq!(
            order(&[at("2026-01-01T00:00:00Z"), at("2026-01-01T01:00:00+00:30")]),
            Order::OldestFirst
        );
        assert_eq!(order(&[at("2026-01-01T00:00:00Z")]), Order::Unknown);
        assert_eq!(order(&[json!({"id": 1}), json!({"id": 2})]), Order::Unknown);
    }

    #[test]
    fn links_are_followed_only_below_the_base() {
        let base = Url::parse("https://api.example/api/v1").unwrap();
        let current = Request::get("/agents/");
        let ok = follow(&base, &current, "?page=2&size=5").unwrap();
        assert_eq!(ok.path(), "/agents/");
        let ok = follow(&base, &current, "https://api.example/api/v1/agents/?page=3").unwrap();
        assert_eq!(ok.path(), "/agents/");
        let ok = follow(&base, &current, "/api/v1/agents/?cursor=x").unwrap();
        assert_eq!(ok.path(), "/agents/");
        for bad in [
            "https://evil.example/api/v1/agents/?page=2",
            "http://api.example/api/v1/agents/?page=2",
            "https://api.example:8443/api/v1/agents/",
            "/other/agents/",
            "/api/v10/agents/",
        ] {
            assert!(follow(&base, &current, bad).is_err(), "{bad}");
        }
    }

    fn decide(pager: &mut Pager, body: Value) -> Option<String> {
        let base = Url::parse("https://api.example/v1").unwrap();
        let page = spec::parse_page(body, None).unwrap();
        pager.read += page.items.len();
        let next = pager.after(&base, &page);
        pager.next = next.clone();
        match next {
            Next::Done => None,
            Next::Url(request, _) => Some(format!("url {}", request.path())),
            other => other.key(),
        }
    }

    #[test]
    fn the_first_way_to_the_next_page_the_answer_gives_is_taken() {
        let mut pager = Pager::new(Request::get("/agents/"));
        let two = json!([{"id": "a"}, {"id": "b"}]);
        let cases = [
            (
                json!({"data": two, "has_more": true}),
                Some("its cursor `b`"),
            ),
            (
                json!({"data": two, "has_more": false, "next_cursor": "x"}),
                None,
            ),
            (
                json!({"data": two, "has_more": true, "next_cursor": "x"}),
                Some("its cursor `x`"),
            ),
            (
                json!({"data": two, "next": "/v1/agents/?p=2", "page": 1, "pages": 3}),
                Some("url /agents/"),
            ),
            (
                json!({"data": two, "next": null, "page": 1, "pages": 3}),
                None,
            ),
            (json!({"data": two, "page": 2, "pages": 3}), Some("page 3")),
            (json!({"data": two, "page": 3, "pages": 3}), None),
            (
                json!({"data": two, "offset": 4, "total": 9}),
                Some("offset 6"),
            ),
            (json!({"data": two, "offset": 8, "total": 9}), None),
        ];
        for (body, want) in cases {
            assert_eq!(decide(&mut pager, body.clone()).as_deref(), want, "{body}");
        }
    }

    #[test]
    fn more_without_a_known_way_to_it_is_a_shortfall_with_both_numbers() {
        let mut pager = Pager::new(Request::get("/agents/"));
        assert_eq!(
            decide(&mut pager, json!({"data": [{"id": "a"}], "total": 3})),
            None
        );
        // The total alone is reported when the list ends (see `Pager::next`); a dead end that
        // the answer itself shows is reported here.
        let mut pager = Pager::new(Request::get("/agents/"));
        assert_eq!(
            decide(
                &mut pager,
                json!({"data": [{"name": "no id"}], "has_more": true})
            ),
            None
        );
        let short = pager.shortfall().unwrap();
        assert_eq!((short.listed, short.total), (1, None));
        let mut pager = Pager::new(Request::get("/agents/"));
        let body =
            json!({"data": [{"id": "a"}], "total": 4, "next": "https://evil.example/v1/agents/"});
        assert_eq!(decide(&mut pager, body), None);
        let short = pager.shortfall().unwrap();
        assert_eq!((short.listed, short.total), (1, Some(4)));
        assert!(short.reason.contains("evil.example"), "{short}");
    }

    #[test]
    fn the_tail_is_reached_by_offset_or_page_number_when_the_server_allows() {
        let mut pager = Pager::new(Request::get("/runs/"));
        decide(
            &mut pager,
            json!({"data": [{"id": "a"}, {"id": "b"}], "offset": 0, "total": 35}),
        );
        assert!(pager.seek_tail(2));
        assert_eq!(pager.next.key().as_deref(), Some("offset 33"));

        let mut pager = Pager::new(Request::get("/runs/"));
        let ten: Vec<Value> = (0..10).map(|i| json!({"id": i.to_string()})).collect();
        decide(&mut pager, json!({"data": ten, "page": 1, "pages": 4}));
        assert!(pager.seek_tail(2));
        assert_eq!(
            pager.next.key().as_deref(),
            Some("page 3"),
            "the last page may be short"
        );

        let mut pager = Pager::new(Request::get("/runs/"));
        decide(&mut pager, json!({"data": [{"id": "a"}], "has_more": true}));
        assert!(!pager.seek_tail(2), "a cursor can only be walked");
    }

    #[test]
    fn a_limit_needing_more_pages_than_the_cap_raises_it() {
        assert_eq!(Limit::All.page_cap(), PAGE_CAP);
        assert_eq!(Limit::AtMost(30).page_cap(), PAGE_CAP);
        assert_eq!(Limit::AtMost(50_000).page_cap(), 500);
    }

    #[test]
    fn shortfalls_name_both_numbers() {
        let short = Shortfall {
            listed: 2,
            total: Some(5),
            reason: "its way of paging is not one pletor knows".into(),
        };
        assert_eq!(
            short.to_string(),
            "the server says the list holds 5 but only 2 could be fetched: its way of paging is not one pletor knows"
        );
    }
}
