//! `pletor api`: an authenticated call to any API path, with the same auth, retries, rate
//! limits and redaction as every other command. Prints the response body.

use clap::Args as ClapArgs;
use serde_json::{Map, Value};

use crate::api::{HttpMethod, Request};
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::workflow::local_text;

/// Arguments of `api`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Fields make a POST unless `-X` says otherwise, as in `gh api`: a lookup with fields\n\
takes `-X GET`, or puts its query in the path.\n\n\
Examples:\n  pletor api /agents/\n  pletor api -X GET /runs/ -f external_id=batch-1-3\n  pletor api '/runs/?external_id=batch-1-3'\n  pletor api -X POST /runs/ --input body.json"
)]
pub struct Args {
    /// The path under the API base, e.g. `/agents/`, `runs/RUN_ID` or `/runs/?external_id=K`
    pub path: String,

    /// The HTTP method [default: GET, or POST with fields or --input]
    #[arg(short = 'X', long, value_name = "METHOD")]
    pub method: Option<String>,

    /// A string field: a query parameter for GET and DELETE, a JSON body field otherwise
    #[arg(short = 'f', long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,

    /// A typed field: the value is parsed as JSON when it can be (numbers, true, null, [..])
    #[arg(short = 'F', long = "raw-field", value_name = "KEY=VALUE")]
    pub raw_fields: Vec<String>,

    /// The JSON request body, from a file or `-` for stdin
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fields", "raw_fields"])]
    pub input: Option<String>,
}

/// Makes the call.
pub async fn run(ctx: &Context, args: Args) -> anyhow::Result<Exit> {
    let path = normalize_path(&args.path)?;
    let mut fields = Map::new();
    for field in &args.fields {
        let (key, value) = split_field(field)?;
        fields.insert(key, Value::String(value));
    }
    for field in &args.raw_fields {
        let (key, value) = split_field(field)?;
        fields.insert(
            key,
            serde_json::from_str(&value).unwrap_or(Value::String(value)),
        );
    }
    let body = match &args.input {
        Some(source) => Some(read_body(source).await?),
        None => None,
    };
    let method = method(args.method.as_deref(), body.is_some() || !fields.is_empty())?;
    let (path, query) = path;
    let takes_query = method.takes_query();
    let mut request = Request::raw(method.clone(), path);
    for (key, value) in query {
        request = request.query(&key, value);
    }
    if takes_query {
        for (key, value) in &fields {
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            request = request.query(key, text);
        }
        if body.is_some() {
            return Err(UsageError::new(
                format!("a {method} request takes no body"),
                "use `-X POST` with `--input`",
            )
            .into());
        }
    } else {
        let body = body.unwrap_or(Value::Object(fields));
        // A body with an idempotency key can be retried safely.
        let retry_safe = body.get("external_id").is_some_and(|v| !v.is_null());
        request = request.json(body);
        if retry_safe {
            request = request.idempotent();
        }
    }
    let value = ctx.api()?.json(request).await?;
    if ctx.out.is_json() || !value.is_null() {
        ctx.out.json(&value)?;
    }
    Ok(Exit::Success)
}

/// The method, as gh chooses it: `-X` when given, else POST when there are fields or a body
/// (a lookup with fields says `-X GET`), else GET.
fn method(explicit: Option<&str>, has_body: bool) -> anyhow::Result<HttpMethod> {
    let text = explicit.unwrap_or(if has_body { "POST" } else { "GET" });
    HttpMethod::parse(text).ok_or_else(|| {
        UsageError::new(
            format!("`{text}` is not an HTTP method"),
            "use e.g. `-X GET` or `-X POST`",
        )
        .into()
    })
}

/// The path under the API base, and the query given in it (`/runs/?external_id=K`), decoded.
fn normalize_path(path: &str) -> anyhow::Result<(String, Vec<(String, String)>)> {
    if path.contains("://") {
        return Err(UsageError::new(
            format!("`{path}` is a URL; `pletor api` takes a path under the API base"),
            "pass e.g. `/agents/`, and pick the server with `--api-base`",
        )
        .into());
    }
    let (path, query) = path
        .split_once('?')
        .map_or((path, None), |(p, q)| (p, Some(q)));
    // Percent-escapes are decoded (the query is encoded again when sent); a `+` stays a `+`,
    // as the user typed it.
    let decode = |text: &str| {
        percent_encoding::percent_decode_str(text)
            .decode_utf8_lossy()
            .into_owned()
    };
    let query = query
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect();
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    Ok((path, query))
}

fn split_field(field: &str) -> anyhow::Result<(String, String)> {
    match field.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_string(), value.to_string())),
        _ => Err(UsageError::new(
            format!("`{field}` is not KEY=VALUE"),
            "e.g. `-f external_id=batch-1`",
        )
        .into()),
    }
}

async fn read_body(source: &str) -> anyhow::Result<Value> {
    let what = format!("`--input {source}`");
    let limit = local_text::Capped {
        what: &what,
        cap: local_text::DOCUMENT_CAP,
        hint: "`--input` takes a JSON document, not a file to upload (see `pletor upload`)",
    };
    let text = if source == "-" {
        local_text::stdin_text(limit).await?
    } else {
        let open_hint = "check the path given to `--input`";
        local_text::file_text(std::path::Path::new(source), limit, open_hint).await?
    };
    serde_json::from_str(&text).map_err(|e| {
        UsageError::new(
            format!("`{source}` is not JSON: {e}"),
            "`--input` takes a JSON document",
        )
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_base_and_urls_are_refused() {
        assert_eq!(normalize_path("agents/").unwrap().0, "/agents/");
        assert_eq!(normalize_path("/runs/x").unwrap().0, "/runs/x");
        assert!(normalize_path("https://evil.example/agents/").is_err());
        assert_eq!(
            normalize_path("/runs/?external_id=a%20b&limit=2").unwrap(),
            (
                "/runs/".to_string(),
                vec![
                    ("external_id".to_string(), "a b".to_string()),
                    ("limit".to_string(), "2".to_string())
                ]
            )
        );
    }

    #[test]
    fn fields_imply_post_unless_a_method_is_given() {
        assert_eq!(method(None, true).unwrap().to_string(), "POST");
        assert_eq!(method(None, false).unwrap().to_string(), "GET");
        assert_eq!(method(Some("get"), true).unwrap().to_string(), "GET");
        assert!(method(Some("NOT A METHOD"), false).is_err());
    }
}
