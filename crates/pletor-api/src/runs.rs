//! Agent runs and app runs: create (idempotently), fetch, list, cancel, review.

use serde_json::{Value, json};

use super::list::{self, Limit, Listing};
use super::models::Run;
use super::{ApiError, Client, Request, spec};

use crate::Kind;

/// A run that was created, or found because it already existed.
#[derive(Debug)]
pub struct Created {
    /// The run as the server holds it.
    pub run: Run,
    /// True when a `409` showed the run existed and it was adopted rather than created.
    pub adopted: bool,
}

/// Creates a run. The request carries `external_id`, so it is retried safely; a `409` means an
/// earlier attempt (ours or another process's) created it, and that run is adopted.
pub async fn create(
    client: &Client,
    kind: Kind,
    target_id: &str,
    external_id: &str,
    inputs: Value,
) -> Result<Created, ApiError> {
    let body =
        json!({ kind.target_field(): target_id, "external_id": external_id, "inputs": inputs });
    let path = spec::collection(kind.runs());
    match client
        .json(Request::post_json(path.clone(), body).idempotent())
        .await
    {
        Ok(value) => Ok(Created {
            run: parse(value, &path)?,
            adopted: false,
        }),
        Err(err) if err.is_conflict() => {
            match find_by_external_id(client, kind, external_id).await? {
                Some(run) => Ok(Created { run, adopted: true }),
                None => Err(err),
            }
        }
        Err(err) => Err(err),
    }
}

/// Finds the run created with `external_id` (certain: the list filter).
pub async fn find_by_external_id(
    client: &Client,
    kind: Kind,
    external_id: &str,
) -> Result<Option<Run>, ApiError> {
    let request = Request::get(spec::collection(kind.runs())).query("external_id", external_id);
    let listing = list::fetch(client, request, Limit::AtMost(spec::PAGE_MAX)).await?;
    // Match on the field too: a server that ignored the filter must not hand us another run.
    Ok(listing
        .items
        .into_iter()
        .filter_map(Run::from_value)
        .find(|run| run.external_id.as_deref() == Some(external_id)))
}

/// Fetches one run.
pub async fn get(client: &Client, kind: Kind, id: &str) -> Result<Run, ApiError> {
    let path = spec::item(kind.runs(), id);
    let value = client.json(Request::get(path.clone())).await?;
    parse(value, &path)
}

/// Fetches one run once, without retries: for poll loops, which retry at their own pace.
pub async fn poll(client: &Client, kind: Kind, id: &str) -> Result<Run, ApiError> {
    let path = spec::item(kind.runs(), id);
    let value = client.json(Request::get(path.clone()).once()).await?;
    parse(value, &path)
}

/// Fetches a run that may be an agent run or an app run: `kind` when known, else agent runs
/// first, then app runs on a 404.
pub async fn get_any(
    client: &Client,
    id: &str,
    kind: Option<Kind>,
) -> Result<(Kind, Run), ApiError> {
    if let Some(kind) = kind {
        return Ok((kind, get(client, kind, id).await?));
    }
    match get(client, Kind::Agent, id).await {
        Ok(run) => Ok((Kind::Agent, run)),
        Err(err) if err.is_not_found() => match get(client, Kind::App, id).await {
            Ok(run) => Ok((Kind::App, run)),
            Err(app_err) if app_err.is_not_found() => Err(err),
            Err(app_err) => Err(app_err),
        },
        Err(err) => Err(err),
    }
}

/// Lists the newest runs, whichever end of the list the server starts with (see
/// [`list::fetch_newest`]); in the server's order.
pub async fn list(
    client: &Client,
    kind: Kind,
    external_id: Option<&str>,
    limit: Limit,
) -> Result<Listing, ApiError> {
    let mut request = Request::get(spec::collection(kind.runs()));
    if let Some(external_id) = external_id {
        request = request.query("external_id", external_id);
    }
    list::fetch_newest(client, request, limit).await
}

/// Every run of a kind, newest first, one page at a time (for callers that may stop early).
pub fn listing(kind: Kind) -> list::Pager {
    list::Pager::new(Request::get(spec::collection(kind.runs())))
}

/// Cancels a run (observed; guessed for app runs).
pub async fn cancel(client: &Client, kind: Kind, id: &str) -> Result<Value, ApiError> {
    let request = Request::new(reqwest::Method::DELETE, spec::item(kind.runs(), id));
    client.json(request).await
}

/// Resolves one pending review with `body` (see [`spec::review_body`]). Not retried: a
/// decision carries no idempotency key, and a repeated one would answer `409`.
pub async fn review(
    client: &Client,
    kind: Kind,
    run_id: &str,
    review_id: &str,
    body: Value,
) -> Result<Value, ApiError> {
    let path = spec::review_path(kind.runs(), run_id, review_id);
    client.json(Request::post_json(path, body)).await
}

fn parse(value: Value, path: &str) -> Result<Run, ApiError> {
    Run::from_value(value).ok_or_else(|| ApiError::Decode {
        method: "GET".into(),
        path: path.to_string(),
        status: 200,
        problem: "the run has no id".into(),
    })
}
