//! A run found under an idempotency key is adopted only when it is the run that was asked for.
//!
//! The API answers a reused `external_id` with `409` and keeps the original run; it never
//! compares the two requests, and the key is permanent. So before a run found under a key is
//! adopted (looked up before any upload when the key was given, or found after a `409`),
//! [`check`] compares it with what this request asks for. Any difference is a usage error
//! (exit 2) naming it, with the rule that a genuine re-run needs a new key.
//!
//! What counts as the same:
//!
//! - **The agent or app**: the run's `agent_id` / `app_id` is the resolved target's id (ASCII
//!   case aside). A run that names no target is not refused for it.
//! - **Which inputs**: inputs are matched by input id (or by name, when the server echoes
//!   names); an input given on one side only is a difference. A JSON `null` is not given.
//! - **Text**: the exact string as given, with no trimming. A number or a boolean echoed by the
//!   server is the same as its text (`"3"` and `3`, `"true"` and `true`), since a server may
//!   store a text input either way. `KEY:=JSON` values are equal as JSON, with the same rule for
//!   every number, boolean and string inside.
//! - **Files**, in order, one asset per value: `asset:ID` by its id. A local file by its content:
//!   the SHA-256 of its bytes against the asset's `sha256` when the server shows one. Without a
//!   hash, a different size, file name or upload key (the asset's `external_id` against the key
//!   this request sends the file under) is a difference; when none of the three is known, the
//!   file is reported as not compared (a warning) and the run is adopted.
//! - **No inputs echoed**: when the run does not show the inputs it was created with, only the
//!   target is compared, and a warning says that the inputs could not be.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;

use crate::api::Kind;
use crate::api::models::{Asset, CatalogEntry, Run};
use crate::api::runs::{self, Created};
use crate::api::{assets, catalog};
use crate::context::Context;
use crate::error::UsageError;
use crate::output::{clean_line, truncate};
use crate::transfer::{self, LocalFile};
use crate::workflow::cost;
use crate::workflow::inputs::{AssetSource, Planned, PlannedInput};
use crate::workflow::next::{self, Next};
use crate::workflow::start::{self, Prepared};

/// Characters of a text value a message quotes before it cuts.
const QUOTED_MAX: usize = 60;

/// What this request asks for.
pub struct Asked<'a> {
    /// Agent runs or app runs.
    pub kind: Kind,
    /// The resolved agent or app.
    pub target: &'a CatalogEntry,
    /// The inputs, matched and shaped (stdin already read).
    pub inputs: &'a [PlannedInput],
    /// Every local file the inputs name, checked, with the upload key it is sent under.
    pub files: Vec<(&'a LocalFile, &'a str)>,
}

/// The key a run was found under, as messages name it.
pub struct Key<'a> {
    /// The subject of the message: `` `--external-id k-abc` `` or
    /// `` row 3's external id `3f2a9c0d1e4b-3` ``.
    pub named: String,
    /// How to get a new key: `pass another `--external-id``.
    pub renew: &'a str,
}

impl Key<'_> {
    /// A key given with `--external-id`.
    pub fn flag(external_id: &str) -> Key<'static> {
        Key {
            named: format!("`--external-id {}`", clean_line(external_id)),
            renew: "pass another `--external-id`",
        }
    }
}

/// What comparisons read, kept so that rows of a batch sharing files fetch each asset and hash
/// each local file once.
#[derive(Default)]
pub struct Evidence {
    assets: Mutex<HashMap<String, Option<Asset>>>,
    hashes: Mutex<HashMap<PathBuf, String>>,
    /// Whether the server was already found not to echo inputs: said once, not once a row.
    said_no_echo: AtomicBool,
}

impl Evidence {
    /// The asset's metadata; `None` when the server no longer has it.
    async fn asset(&self, ctx: &Context, id: &str) -> anyhow::Result<Option<Asset>> {
        if let Some(known) = lock(&self.assets).get(id) {
            return Ok(known.clone());
        }
        let found = match assets::get(ctx.api()?, id).await {
            Ok(asset) => Some(asset),
            Err(err) if err.is_not_found() => None,
            Err(err) => return Err(err.into()),
        };
        lock(&self.assets).insert(id.to_string(), found.clone());
        Ok(found)
    }

    /// The SHA-256 of a local file, in lowercase hex.
    async fn sha256(&self, path: &Path) -> anyhow::Result<String> {
        if let Some(known) = lock(&self.hashes).get(path) {
            return Ok(known.clone());
        }
        let owned = path.to_path_buf();
        let hash = tokio::task::spawn_blocking(move || transfer::sha256_file(&owned)).await??;
        lock(&self.hashes).insert(path.to_path_buf(), hash.clone());
        Ok(hash)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The run this request names: the one its `--external-id` (`given`) already names, checked
/// and looked up before any upload, so that a reuse sends no byte and a key that names another
/// request's run costs nothing; else a new run under `external_id`, adopted on a `409` only
/// when it is this request's.
pub async fn obtain(
    ctx: &Context,
    kind: Kind,
    prepared: &Prepared,
    given: Option<&str>,
    external_id: &str,
) -> anyhow::Result<Created> {
    if let Some(key) = given
        && let Some(run) = found(ctx, kind, prepared, key).await?
    {
        say_reused(ctx, &run, key);
        return Ok(Created { run, adopted: true });
    }
    cost::announce(
        ctx,
        &start::naming(kind, &prepared.target).0,
        &prepared.target,
    );
    let created = start::submit(ctx, kind, prepared, external_id).await?;
    if created.adopted {
        check_prepared(ctx, kind, prepared, external_id, &created.run).await?;
        say_reused(ctx, &created.run, external_id);
    }
    Ok(created)
}

/// For `--dry-run`: checks the run an `--external-id` already names (only `GET`s), and says
/// that running would reuse it.
pub async fn preview(
    ctx: &Context,
    kind: Kind,
    prepared: &Prepared,
    external_id: &str,
) -> anyhow::Result<()> {
    if let Some(run) = found(ctx, kind, prepared, external_id).await? {
        ctx.out.status(&format!(
            "`--external-id {}` already names run {} of this request: running it would reuse that run, uploading and creating nothing",
            clean_line(external_id),
            clean_line(&run.id)
        ));
    }
    Ok(())
}

/// The run `external_id` names, checked against the request; `None` when it names none yet.
async fn found(
    ctx: &Context,
    kind: Kind,
    prepared: &Prepared,
    external_id: &str,
) -> anyhow::Result<Option<Run>> {
    let Some(run) = runs::find_by_external_id(ctx.api()?, kind, external_id).await? else {
        return Ok(None);
    };
    check_prepared(ctx, kind, prepared, external_id, &run).await?;
    Ok(Some(run))
}

/// [`check`] for a single run keyed `external_id`.
async fn check_prepared(
    ctx: &Context,
    kind: Kind,
    prepared: &Prepared,
    external_id: &str,
    run: &Run,
) -> anyhow::Result<()> {
    let keys = start::upload_keys(external_id, prepared.files.len());
    let asked = Asked {
        kind,
        target: &prepared.target,
        inputs: &prepared.plan,
        files: prepared
            .files
            .iter()
            .zip(keys.iter().map(String::as_str))
            .collect(),
    };
    check(
        ctx,
        &asked,
        run,
        &Key::flag(external_id),
        &Evidence::default(),
    )
    .await
}

fn say_reused(ctx: &Context, run: &Run, external_id: &str) {
    ctx.out.status(&format!(
        "reusing run {} (external id {})",
        clean_line(&run.id),
        clean_line(external_id)
    ));
}

/// Checks that `run`, found under `key`, is what `asked` asks for (see the module's rules).
/// A difference is a usage error naming it; what could not be compared is a warning.
pub async fn check(
    ctx: &Context,
    asked: &Asked<'_>,
    run: &Run,
    key: &Key<'_>,
    evidence: &Evidence,
) -> anyhow::Result<()> {
    let field = asked.kind.target_field();
    if let Some(other) = run.raw.get(field).and_then(Value::as_str)
        && !other.eq_ignore_ascii_case(&asked.target.id)
    {
        return Err(other_target(ctx, asked, run, other, key).await.into());
    }
    let Some(echoed) = echoed_inputs(&run.raw) else {
        if evidence.said_no_echo.swap(true, Ordering::Relaxed) {
            return Ok(());
        }
        ctx.out.warn(&format!(
            "run {} does not show the inputs it was created with: only its {} could be compared with this request; a run with other inputs needs a new key",
            clean_line(&run.id),
            field.trim_end_matches("_id")
        ));
        return Ok(());
    };
    let Differences { then, now, unknown } = differences(ctx, asked, &echoed, evidence).await?;
    if !then.is_empty() {
        let (what, _) = start::naming(asked.kind, asked.target);
        return Err(differs(asked.kind, run, key, &what, &then, &now).into());
    }
    if !unknown.is_empty() {
        ctx.out.warn(&format!(
            "the files of run {} could not be compared with this request's: {}; a run with other files needs a new key",
            clean_line(&run.id),
            unknown.join(", ")
        ));
    }
    Ok(())
}

/// What the run had and what this request asks, input by input, where they differ; and the
/// inputs that could not be compared.
#[derive(Default)]
struct Differences {
    then: Vec<String>,
    now: Vec<String>,
    unknown: Vec<String>,
}

async fn differences(
    ctx: &Context,
    asked: &Asked<'_>,
    echoed: &[(String, Value)],
    evidence: &Evidence,
) -> anyhow::Result<Differences> {
    let mut found = Differences::default();
    let mut used = vec![false; echoed.len()];
    for input in asked.inputs {
        let at = echoed.iter().position(|(id, _)| {
            id.eq_ignore_ascii_case(&input.id) || id.eq_ignore_ascii_case(&input.key)
        });
        if let Some(at) = at {
            used[at] = true;
        }
        let was = at.map(|at| &echoed[at].1).filter(|v| !v.is_null());
        let key = clean_line(&input.key);
        match compare(ctx, asked, input, was, evidence).await? {
            Verdict::Same => {}
            Verdict::Unknown(why) => found.unknown.push(format!("`{key}` ({why})")),
            Verdict::Differs { was, is } => {
                found.then.push(format!("{key} {was}"));
                found.now.push(format!("{key} {is}"));
            }
        }
    }
    for ((id, value), _) in echoed.iter().zip(&used).filter(|(_, used)| !**used) {
        if !value.is_null() {
            let key = input_name(&asked.target.inputs, id);
            found.then.push(format!("{key} {}", describe_echoed(value)));
            found.now.push(format!("no {key}"));
        }
    }
    Ok(found)
}

/// How one input of the run compares with what is asked.
enum Verdict {
    Same,
    /// Different: what the run had, and what this request asks, as messages show them.
    Differs {
        was: String,
        is: String,
    },
    /// Not comparable with what the server shows: why.
    Unknown(String),
}

async fn compare(
    ctx: &Context,
    asked: &Asked<'_>,
    input: &PlannedInput,
    was: Option<&Value>,
    evidence: &Evidence,
) -> anyhow::Result<Verdict> {
    let plain = |asked: Value| {
        let same = match was {
            Some(was) => same_value(&asked, was),
            None => asked.is_null(),
        };
        if same {
            Verdict::Same
        } else {
            Verdict::Differs {
                was: was.map_or_else(|| "not given".to_string(), describe_echoed),
                is: describe_echoed(&asked),
            }
        }
    };
    Ok(match &input.value {
        Planned::Text(text) => plain(Value::String(text.clone())),
        Planned::Stdin => plain(Value::String(String::new())),
        Planned::Json(value) => plain(value.clone()),
        Planned::Assets(sources) => match was {
            None => Verdict::Differs {
                was: "not given".to_string(),
                is: describe_sources(sources, asked),
            },
            Some(was) => compare_files(ctx, asked, sources, was, evidence).await?,
        },
    })
}

/// Compares files and assets, in order, with the asset ids the run shows.
async fn compare_files(
    ctx: &Context,
    asked: &Asked<'_>,
    sources: &[AssetSource],
    was: &Value,
    evidence: &Evidence,
) -> anyhow::Result<Verdict> {
    let Some(ids) = echoed_asset_ids(was) else {
        return Ok(Verdict::Differs {
            was: describe_echoed(was),
            is: describe_sources(sources, asked),
        });
    };
    let mut differs = ids.len() != sources.len();
    let mut unknown = None;
    let (mut then, mut now) = (Vec::new(), Vec::new());
    for (n, id) in ids.iter().enumerate() {
        let asset = evidence.asset(ctx, id).await?;
        let source = sources.get(n);
        let (same, is) = match source {
            None => (Some(false), None),
            Some(AssetSource::Existing(mine)) => (
                Some(mine.eq_ignore_ascii_case(id)),
                Some(format!("asset:{}", clean_line(mine))),
            ),
            Some(AssetSource::File(path)) => {
                let file = asked.files.iter().find(|(f, _)| &f.path == path);
                match (file, &asset) {
                    (Some((file, upload_key)), Some(asset)) => {
                        let (same, is) = same_file(file, upload_key, asset, evidence).await?;
                        (same, Some(is))
                    }
                    (Some((file, _)), None) => (None, Some(clean_line(&file.filename))),
                    (None, _) => (None, Some(path.display().to_string())),
                }
            }
        };
        match same {
            Some(true) => {}
            Some(false) => differs = true,
            None => {
                unknown.get_or_insert_with(|| match &asset {
                    Some(_) => {
                        "the server shows neither their hash, size, name nor key".to_string()
                    }
                    None => format!("asset {} no longer exists", clean_line(id)),
                });
            }
        }
        then.push(describe_asset(id, asset.as_ref()));
        now.extend(is);
    }
    for source in sources.iter().skip(ids.len()) {
        now.push(describe_source(source, asked));
    }
    Ok(if differs {
        Verdict::Differs {
            was: then.join(", "),
            is: now.join(", "),
        }
    } else {
        unknown.map_or(Verdict::Same, Verdict::Unknown)
    })
}

/// Whether a local file is the asset (`None`: nothing to tell), and how to show the file.
async fn same_file(
    file: &LocalFile,
    upload_key: &str,
    asset: &Asset,
    evidence: &Evidence,
) -> anyhow::Result<(Option<bool>, String)> {
    let name = clean_line(&file.filename);
    if let Some(expected) = &asset.sha256 {
        let actual = evidence.sha256(&file.path).await?;
        return Ok((
            Some(actual == *expected),
            format!("{name} (sha256 {}…)", short(&actual)),
        ));
    }
    let key = asset.raw.get("external_id").and_then(Value::as_str);
    let checks = [
        asset.size.map(|size| size == file.size),
        asset.filename.as_deref().map(|n| n == file.filename),
        key.map(|k| k == upload_key),
    ];
    let same = checks.iter().flatten().copied().reduce(|a, b| a && b);
    Ok((same, name))
}

/// The first 8 hex digits of a hash or id.
fn short(hex: &str) -> String {
    clean_line(&hex.chars().take(8).collect::<String>())
}

/// The run's inputs as `(id or name, value)`: an array of `{"id", "value"}` (the API's own
/// shape, also with `input_id`) or an object keyed by input. `None`: the run shows none.
fn echoed_inputs(run: &Value) -> Option<Vec<(String, Value)>> {
    match run.get("inputs")? {
        Value::Array(items) => items
            .iter()
            .map(|item| {
                let id = item
                    .get("id")
                    .or_else(|| item.get("input_id"))
                    .or_else(|| item.get("name"))?
                    .as_str()?;
                Some((
                    id.to_string(),
                    item.get("value").cloned().unwrap_or(Value::Null),
                ))
            })
            .collect(),
        Value::Object(map) => Some(map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        _ => None,
    }
}

/// The asset ids of an echoed file input: `{"asset_ids": [...]}`, a bare list of ids, or one id.
fn echoed_asset_ids(value: &Value) -> Option<Vec<String>> {
    let list = value.get("asset_ids").unwrap_or(value);
    match list {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        Value::String(id) => Some(vec![id.clone()]),
        _ => None,
    }
}

/// Two values are the same input: equal as JSON, where a number or a boolean equals its text.
fn same_value(asked: &Value, echoed: &Value) -> bool {
    match (asked, echoed) {
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_value(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, x)| b.get(k).is_some_and(|y| same_value(x, y)))
        }
        (Value::Null, Value::Null) => true,
        (a, b) => scalar_text(a).is_some() && scalar_text(a) == scalar_text(b),
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A value as messages quote it: text in quotes, anything else as compact JSON, both cut.
fn describe_echoed(value: &Value) -> String {
    if let Some(ids) = value.get("asset_ids").and_then(Value::as_array) {
        let ids: Vec<String> = ids
            .iter()
            .map(|id| format!("asset:{}", clean_line(id.as_str().unwrap_or("?"))))
            .collect();
        return ids.join(", ");
    }
    match value {
        Value::String(text) => format!("\"{}\"", truncate(&clean_line(text), QUOTED_MAX)),
        other => truncate(&clean_line(&other.to_string()), QUOTED_MAX),
    }
}

fn describe_asset(id: &str, asset: Option<&Asset>) -> String {
    let name = asset
        .and_then(|a| a.filename.as_deref())
        .map_or_else(|| format!("asset:{}", clean_line(id)), clean_line);
    match asset.and_then(|a| a.sha256.as_deref()) {
        Some(hash) => format!("{name} (sha256 {}…)", short(hash)),
        None => name,
    }
}

fn describe_sources(sources: &[AssetSource], asked: &Asked<'_>) -> String {
    let all: Vec<String> = sources.iter().map(|s| describe_source(s, asked)).collect();
    all.join(", ")
}

fn describe_source(source: &AssetSource, asked: &Asked<'_>) -> String {
    match source {
        AssetSource::Existing(id) => format!("asset:{}", clean_line(id)),
        AssetSource::File(path) => asked
            .files
            .iter()
            .find(|(f, _)| &f.path == path)
            .map_or_else(
                || path.display().to_string(),
                |(f, _)| clean_line(&f.filename),
            ),
    }
}

/// The name of input `id` among `specs`, else the id itself.
fn input_name(specs: &[crate::api::models::InputSpec], id: &str) -> String {
    specs
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(id))
        .map_or_else(|| clean_line(id), |s| clean_line(s.key()))
}

/// The run belongs to another agent or app: name both, with what the other run was given.
async fn other_target(
    ctx: &Context,
    asked: &Asked<'_>,
    run: &Run,
    other: &str,
    key: &Key<'_>,
) -> UsageError {
    let kind = asked.kind;
    let found = match ctx.api() {
        Ok(client) => catalog::get(client, kind, other).await.ok(),
        Err(_) => None,
    };
    let specs = found.as_ref().map(|a| a.inputs.as_slice()).unwrap_or(&[]);
    let what_then = match &found {
        Some(agent) => start::naming(asked.kind, agent).0,
        None => format!("{} {}", kind.noun(), clean_line(other)),
    };
    let then: Vec<String> = echoed_inputs(&run.raw)
        .unwrap_or_default()
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(id, v)| format!("{} {}", input_name(specs, id), describe_echoed(v)))
        .collect();
    let now: Vec<String> = asked
        .inputs
        .iter()
        .filter(|i| i.value != Planned::Json(Value::Null))
        .map(|i| format!("{} {}", clean_line(&i.key), describe_planned(i, asked)))
        .collect();
    let (what_now, _) = start::naming(asked.kind, asked.target);
    UsageError::new(
        format!(
            "{} already names run {} of {what_then}{}; this request asks for {what_now}{}",
            key.named,
            clean_line(&run.id),
            with(&then),
            with(&now),
        ),
        renew_hint(asked.kind, run, key),
    )
}

fn describe_planned(input: &PlannedInput, asked: &Asked<'_>) -> String {
    match &input.value {
        Planned::Text(text) => describe_echoed(&Value::String(text.clone())),
        Planned::Stdin => "(stdin)".to_string(),
        Planned::Json(value) => describe_echoed(value),
        Planned::Assets(sources) => describe_sources(sources, asked),
    }
}

/// ` with a "x", b y`, or nothing.
fn with(items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!(" with {}", items.join(", "))
    }
}

/// The same target, other inputs.
fn differs(
    kind: Kind,
    run: &Run,
    key: &Key<'_>,
    what: &str,
    then: &[String],
    now: &[String],
) -> UsageError {
    UsageError::new(
        format!(
            "{} already names run {} of {what}{}; this request asks for {}",
            key.named,
            clean_line(&run.id),
            with(then),
            now.join(", ")
        ),
        renew_hint(kind, run, key),
    )
}

fn renew_hint(kind: Kind, run: &Run, key: &Key<'_>) -> String {
    format!(
        "a key names one run for good, so a genuine re-run needs a new key: {}; `{}` shows the earlier run",
        key.renew,
        next::command(kind, &run.id, Next::Show)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_and_booleans_equal_their_text_and_nothing_else_is_loosened() {
        assert!(same_value(&json!("3"), &json!(3)));
        assert!(same_value(&json!(3), &json!("3")));
        assert!(same_value(&json!("true"), &json!(true)));
        assert!(same_value(
            &json!({"n": "2", "l": [1, "x"]}),
            &json!({"n": 2, "l": ["1", "x"]})
        ));
        assert!(!same_value(&json!("first"), &json!("other")));
        assert!(
            !same_value(&json!("3 "), &json!(3)),
            "text is compared as given"
        );
        assert!(!same_value(&json!("3.0"), &json!(3)));
        assert!(!same_value(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
        assert!(!same_value(&json!(""), &json!(null)));
        assert!(same_value(&json!(null), &json!(null)));
    }

    #[test]
    fn echoed_inputs_are_read_from_the_api_array_or_an_object() {
        let run = json!({"inputs": [{"id": "p", "value": "x"}, {"input_id": "f", "value": {"asset_ids": ["a"]}}]});
        let echoed = echoed_inputs(&run).unwrap();
        assert_eq!(echoed[0], ("p".to_string(), json!("x")));
        assert_eq!(echoed_asset_ids(&echoed[1].1).unwrap(), ["a"]);
        let run = json!({"inputs": {"prompt": "x"}});
        assert_eq!(echoed_inputs(&run).unwrap()[0].0, "prompt");
        assert!(echoed_inputs(&json!({"id": "r"})).is_none());
        assert!(echoed_inputs(&json!({"inputs": null})).is_none());
    }

    #[test]
    fn values_are_quoted_and_cut_for_messages() {
        assert_eq!(describe_echoed(&json!("first")), "\"first\"");
        assert_eq!(describe_echoed(&json!(3)), "3");
        assert_eq!(
            describe_echoed(&json!({"asset_ids": ["a1", "b2"]})),
            "asset:a1, asset:b2"
        );
        let long = describe_echoed(&json!("x".repeat(200)));
        assert!(long.chars().count() < 70, "{long}");
    }
}
