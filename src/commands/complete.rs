//! Completion that knows your agents: with the shell integration on (`source <(COMPLETE=bash
//! pletor)`, clap_complete's dynamic completion), AGENT, APP, RUN and ASSET arguments and
//! `-i KEY=` complete from the API.
//!
//! The contract:
//! - **Never blocks the shell.** One attempt per request (no retries), a one-second connect and
//!   read timeout, and [`TIME_LIMIT`] for everything; past it the answer is the last cached one,
//!   or nothing.
//! - **Asks rarely.** Answers are cached for [`FRESH_FOR`] in the platform cache folder
//!   (`~/.cache/pletor/completion/` on Linux), one file per API base, key and question, mode
//!   0600, written atomically. The key never reaches the file or its name (a hash stands in).
//! - **Never prints anything else.** stdout is the completion protocol: errors are dropped.
//! - **Without a key** nothing is asked and nothing is offered; the static scripts in
//!   `completions/` never ask the API at all.
//!
//! AGENT and APP complete to ids and to slugs (`product-shot`: a name without spaces, which
//! `workflow::resolve` accepts wherever an AGENT is taken), each described by the name; `-i KEY=`
//! finds the AGENT typed on the line by the same rules.

use std::ffi::OsStr;
use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use clap_complete::engine::CompletionCandidate;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::api::Kind;
use crate::api::catalog::{self, Filters};
use crate::api::list::Limit;
use crate::api::models::CatalogEntry;
use crate::api::runs;
use crate::api::{Client, ClientConfig, Credential, assets};
use crate::config::{self, ConfigFile};
use crate::settings::{self, Flags};
use crate::workflow::resolve;

/// The longest a completion may take, network included.
pub const TIME_LIMIT: Duration = Duration::from_millis(1500);

/// How long a cached answer is used without asking again.
pub const FRESH_FOR: Duration = Duration::from_secs(60);

/// How many recent runs and assets are offered.
const RECENT: usize = 30;

/// One offered value and what it is.
type Entry = (String, String);

/// Runs the completion request in the environment (`COMPLETE=SHELL`), if any; `Some(code)`
/// when this process was a completion request and is done.
pub fn from_env(factory: fn() -> clap::Command) -> Option<u8> {
    let done = clap_complete::CompleteEnv::with_factory(factory)
        .try_complete(std::env::args_os(), std::env::current_dir().ok().as_deref());
    match done {
        Ok(true) => Some(0),
        Ok(false) => None,
        Err(err) => {
            let _ = err.print();
            Some(2)
        }
    }
}

/// AGENT (or, after `app-run` / `apps`, APP): ids and slugs whose value or name starts with
/// what is typed, each described by its name.
pub fn targets(current: &OsStr) -> Vec<CompletionCandidate> {
    let kind = if words().any(|w| w == "app-run" || w == "apps" || w == "--app") {
        Kind::App
    } else {
        Kind::Agent
    };
    let entries = answer(kind.catalog(), |client| async move {
        let mut entries = Vec::new();
        for agent in catalog_of(&client, kind).await? {
            let name = crate::output::clean_line(&agent.name);
            let slug = resolve::slug(&agent.name);
            if !slug.is_empty() {
                entries.push((slug, name.clone()));
            }
            entries.push((agent.id, name));
        }
        Ok(entries)
    });
    candidates(entries, current, true)
}

/// Every agent (or app) of the catalog.
async fn catalog_of(client: &Client, kind: Kind) -> anyhow::Result<Vec<CatalogEntry>> {
    let listing = catalog::list(client, kind, &Filters::default(), Limit::All).await?;
    Ok(listing
        .items
        .into_iter()
        .filter_map(CatalogEntry::from_value)
        .collect())
}

/// RUN: the newest agent runs and app runs, described by status and agent.
pub fn run_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let entries = answer("runs", |client| async move {
        let mut entries = Vec::new();
        for kind in [Kind::Agent, Kind::App] {
            let items = runs::list(&client, kind, None, Limit::AtMost(RECENT))
                .await?
                .items;
            entries.extend(
                items
                    .iter()
                    .filter_map(|item| described(item, &["status", kind.target_field()])),
            );
        }
        Ok(entries)
    });
    candidates(entries, current, false)
}

/// ASSET: the newest assets, described by file name.
pub fn asset_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let entries = answer("assets", |client| async move {
        let items = assets::list(&client, None, Limit::AtMost(RECENT))
            .await?
            .items;
        Ok(items
            .iter()
            .filter_map(|item| described(item, &["filename", "mime_type"]))
            .collect())
    });
    candidates(entries, current, false)
}

/// `-i KEY=`: the input keys of the agent (or app) named on the command line, each followed by
/// `=`. Nothing once the `=` is typed, or before the AGENT is.
pub fn input_keys(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    if typed.contains('=') {
        return Vec::new();
    }
    let Some((kind, target)) = target_on_line(&words().collect::<Vec<_>>()) else {
        return Vec::new();
    };
    let question = format!("{}-{target}", kind.catalog());
    let entries = answer(&question, |client| async move {
        let id = match uuid::Uuid::try_parse(&target) {
            Ok(id) => id.hyphenated().to_string(),
            Err(_) => match resolve::find(&catalog_of(&client, kind).await?, &target) {
                resolve::Match::One(entry) => entry.id.clone(),
                _ => return Ok(Vec::new()),
            },
        };
        let agent = catalog::get(&client, kind, &id).await?;
        Ok(agent
            .inputs
            .iter()
            .map(|input| (format!("{}=", input.key()), input.kind.clone()))
            .collect())
    });
    entries
        .into_iter()
        .filter(|(key, _)| key.to_lowercase().starts_with(&typed.to_lowercase()))
        .map(|(key, help)| CompletionCandidate::new(key).help(Some(help.into())))
        .collect()
}

/// The words of the command line being completed (after the `--` clap puts before them).
fn words() -> impl Iterator<Item = String> {
    std::env::args()
        .skip_while(|w| w != "--")
        .skip(2)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The AGENT or APP of a `run` / `app-run` line: the first word after the command that is not
/// an option or an option's value.
fn target_on_line(words: &[String]) -> Option<(Kind, String)> {
    let at = words.iter().position(|w| w == "run" || w == "app-run")?;
    let kind = if words[at] == "app-run" {
        Kind::App
    } else {
        Kind::Agent
    };
    let mut rest = words[at + 1..].iter();
    while let Some(word) = rest.next() {
        if takes_value(word) {
            rest.next();
        } else if !word.starts_with('-') {
            return Some((kind, word.clone()));
        }
    }
    None
}

/// Whether an option of `run` / `app-run` (or a global one) reads the next word as its value,
/// so that word is not the AGENT.
fn takes_value(word: &str) -> bool {
    matches!(
        word,
        "-i" | "--input"
            | "--inputs"
            | "-o"
            | "--output-dir"
            | "--external-id"
            | "--timeout"
            | "--on-review"
            | "--batch"
            | "--concurrency"
            | "--batch-key"
            | "--name-template"
            | "--shard"
            | "--profile"
            | "--api-base"
            | "--jq"
            | "--color"
            | "--progress"
            | "--connect-timeout"
            | "--read-timeout"
            | "--request-timeout"
            | "--retries"
            | "--retry-max-wait"
    )
}

/// `(id, the first of these fields that is set)` of an API object.
fn described(item: &Value, fields: &[&str]) -> Option<Entry> {
    let id = item.get("id").and_then(Value::as_str)?;
    let help: Vec<&str> = fields
        .iter()
        .filter_map(|f| item.get(*f).and_then(Value::as_str))
        .collect();
    Some((id.to_string(), crate::output::clean_line(&help.join(" · "))))
}

/// The entries whose value (or, with `by_help`, description) starts with what is typed.
fn candidates(entries: Vec<Entry>, current: &OsStr, by_help: bool) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy().to_lowercase();
    entries
        .into_iter()
        .filter(|(value, help)| {
            value.to_lowercase().starts_with(&typed)
                || (by_help && help.to_lowercase().starts_with(&typed))
        })
        .map(|(value, help)| CompletionCandidate::new(value).help(Some(help.into())))
        .collect()
}

/// Where and with what to ask: the resolved API base and key (flags are not known here: the
/// environment and the config file decide), and the cache file for `question`.
struct Backend {
    client: Client,
    cache: PathBuf,
}

fn backend(question: &str) -> Option<Backend> {
    let env = |name: &str| std::env::var(name).ok();
    let dir = config::default_dir(env("PLETOR_CONFIG_DIR")).ok()?;
    let file = ConfigFile::load(&dir).ok()?;
    let settings = settings::load(&Flags::default(), &env, &file, dir, false).ok()?;
    let (credential, _) = settings.credential?;
    let base = settings.api_base.0;
    let cache = cache_file(&base, &credential, question)?;
    let client = Client::new(ClientConfig {
        base,
        user_agent: concat!("pletor/", env!("CARGO_PKG_VERSION")).to_string(),
        credential: Some(credential),
        connect_timeout: Duration::from_secs(1),
        read_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(2),
        policy: crate::api::retry::RetryPolicy {
            retries: 0,
            ..settings.policy
        },
    })
    .ok()?;
    Some(Backend { client, cache })
}

/// `<cache>/completion/<hash of base and key>-<question>.json`.
fn cache_file(base: &str, credential: &Credential, question: &str) -> Option<PathBuf> {
    let mut hash = Sha256::new();
    hash.update(base.as_bytes());
    hash.update([0]);
    let (Credential::ApiKey(secret) | Credential::Bearer(secret)) = credential;
    hash.update(secret.expose().as_bytes());
    let who = hex::encode(&hash.finalize()[..8]);
    let safe: String = question
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Some(
        config::cache_dir()?
            .join("completion")
            .join(format!("{who}-{safe}.json")),
    )
}

/// The answer to `question`: the cache while fresh, else `fetch` within the time limit (and
/// cached), else the stale cache, else nothing.
fn answer<F, Fut>(question: &str, fetch: F) -> Vec<Entry>
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = anyhow::Result<Vec<Entry>>>,
{
    let Some(backend) = backend(question) else {
        return Vec::new();
    };
    let cached = read_cache(&backend.cache);
    if let Some((age, entries)) = &cached
        && *age < FRESH_FOR
    {
        return entries.clone();
    }
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    let fetched =
        runtime.block_on(async { tokio::time::timeout(TIME_LIMIT, fetch(backend.client)).await });
    match fetched {
        Ok(Ok(entries)) => {
            write_cache(&backend.cache, &entries);
            entries
        }
        _ => cached.map(|(_, entries)| entries).unwrap_or_default(),
    }
}

/// The cached entries and their age.
fn read_cache(path: &std::path::Path) -> Option<(Duration, Vec<Entry>)> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let age = SystemTime::now()
        .duration_since(modified)
        .unwrap_or_default();
    let entries = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    Some((age, entries))
}

/// Writes the cache atomically, mode 0600 (a temporary file in the same folder, renamed), in
/// a folder of mode 0700: its file names are derived from the key.
fn write_cache(path: &std::path::Path, entries: &[Entry]) {
    let Some(dir) = path.parent() else {
        return;
    };
    let write = || -> std::io::Result<()> {
        crate::config::create_private_dir(dir)?;
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        serde_json::to_writer(&mut file, entries)?;
        file.persist(path)?;
        Ok(())
    };
    let _ = write();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &str) -> Vec<String> {
        words.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn the_target_of_a_run_line_skips_options_and_their_values() {
        assert_eq!(
            target_on_line(&line("pletor run abc -i")),
            Some((Kind::Agent, "abc".into()))
        );
        assert_eq!(
            target_on_line(&line("pletor --json app-run -o out -i x=1 app1 -i")),
            Some((Kind::App, "app1".into()))
        );
        assert_eq!(target_on_line(&line("pletor run -i")), None);
        assert_eq!(target_on_line(&line("pletor runs list")), None);
    }

    #[test]
    fn candidates_match_the_typed_prefix_of_the_id_or_the_name() {
        let entries = vec![
            ("5a1b-1".to_string(), "Text to Image".to_string()),
            ("9f00-2".to_string(), "Product Shot".to_string()),
        ];
        let values = |typed: &str, by_help| {
            candidates(entries.clone(), OsStr::new(typed), by_help)
                .iter()
                .map(|c| c.get_value().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(values("", false), vec!["5a1b-1", "9f00-2"]);
        assert_eq!(values("9f", false), vec!["9f00-2"]);
        assert_eq!(values("prod", true), vec!["9f00-2"]);
        assert!(values("prod", false).is_empty());
    }
}
