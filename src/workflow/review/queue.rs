//! What waits for a person: every run that awaits a review (`awaiting_human_review` while it
//! still runs), oldest first, narrowed by the inbox's filters. `pletor review` without a RUN
//! walks it ([`super::inbox`]), `--pending` lists or decides it.
//!
//! The runs are read from the same listing `runs list` reads (its pages, its page size and the
//! client's rate budget), and filtered here as `runs list` filters: the API documents no filter
//! but `external_id`. A run that waits but lists no review (a server that does not show them)
//! is kept as one entry without a review id: it can be listed, not decided from here.
//!
//! `--batch FILE` keeps the runs whose external id is one of that batch's row ids,
//! `<batch key>-<row>` (see `batch::key`), whichever process or shard started them. The batch key
//! is `--batch-key` when given, else derived as the batch derived it, from the run's own agent
//! (or app) id and the file's bytes, so no agent needs naming.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use jiff::Timestamp;
use serde_json::{Map, Value, json};

use crate::api::Kind;
use crate::api::list::Limit;
use crate::api::models::{CatalogEntry, PendingReview, Run};
use crate::api::runs;
use crate::context::Context;
use crate::error::UsageError;
use crate::workflow::batch::{key, rows};
use crate::workflow::next::shell_word;
use crate::workflow::{listing, resolve};

/// Which waiting reviews to take.
#[derive(Debug, Clone)]
pub struct Filters {
    /// Agent runs, or app runs (`--app`).
    pub kind: Kind,
    /// `--agent`: the agent (or app) as typed.
    pub agent: Option<String>,
    /// `--since`: runs created at or after it.
    pub since: Option<Timestamp>,
    /// `--batch`: the batch file whose rows' runs to take (`-`: stdin).
    pub batch: Option<PathBuf>,
    /// `--batch-key`: the key the batch's row ids derive from, when it was given one.
    pub batch_key: Option<String>,
    /// `--limit`: at most this many reviews, the oldest.
    pub limit: Option<usize>,
}

impl Filters {
    /// `pletor review` with these filters, safe to paste into a shell: how to come back to
    /// what is left. `--since` is written as the instant it meant, so it means the same later;
    /// `--limit` is left out, since what is left is another set.
    pub fn command(&self) -> String {
        let mut command = String::from("pletor review");
        let mut flag = |name: &str, value: &str| {
            command.push_str(&format!(" --{name} {}", shell_word(value)));
        };
        if let Some(agent) = &self.agent {
            flag("agent", agent);
        }
        if let Some(since) = self.since {
            // Whole seconds, rounded down: the same runs and maybe a few more, never fewer.
            let floor = Timestamp::from_second(since.as_second()).unwrap_or(since);
            flag("since", &floor.to_string());
        }
        if let Some(batch) = &self.batch {
            flag("batch", &batch.display().to_string());
        }
        if let Some(key) = &self.batch_key {
            flag("batch-key", key);
        }
        if self.kind == Kind::App {
            command.push_str(" --app");
        }
        command
    }
}

/// One review that waits, with what the inbox shows of its run.
#[derive(Debug, Clone)]
pub struct Waiting {
    /// Agent run or app run: where the decision is sent.
    pub kind: Kind,
    /// The run as listed.
    pub run: Run,
    /// The review; `None` when the run waits but the server lists no review.
    pub review: Option<PendingReview>,
    /// The run's agent (or app), when it could be read: its name and input names.
    pub target: Option<CatalogEntry>,
    /// When the run was created, when the server says.
    pub created: Option<Timestamp>,
}

impl Waiting {
    /// The id of the run's agent (or app), as the server gives it.
    pub fn target_id(&self) -> Option<&str> {
        self.run
            .raw
            .get(self.kind.target_field())
            .and_then(Value::as_str)
    }

    /// The agent's (or app's) name, else its id, cleaned.
    pub fn target_name(&self) -> String {
        let name = self
            .target
            .as_ref()
            .map(|t| t.name.trim())
            .filter(|n| !n.is_empty())
            .or(self.target_id())
            .unwrap_or("?");
        crate::output::clean_line(name)
    }

    /// `--pending --json`'s entry: `{"run_id", "kind", "review_id", "agent_id", "agent",
    /// "inputs": {name: value}, "external_id", "created_at", "asset_ids", "text"}` (`app_id` and
    /// `app` for app runs); `review_id` is null for a run that lists no review.
    pub fn json(&self) -> Value {
        let noun = match self.kind {
            Kind::Agent => "agent",
            Kind::App => "app",
        };
        let inputs: Map<String, Value> =
            listing::inputs_by_name(&self.run.raw, self.target.as_ref())
                .into_iter()
                .collect();
        let review = self.review.as_ref();
        let mut doc = Map::new();
        doc.insert("run_id".into(), json!(self.run.id));
        doc.insert("kind".into(), json!(noun));
        doc.insert("review_id".into(), json!(review.map(|r| r.id.clone())));
        doc.insert(format!("{noun}_id"), json!(self.target_id()));
        doc.insert(
            noun.into(),
            json!(self.target.as_ref().map(|t| t.name.clone())),
        );
        doc.insert("inputs".into(), Value::Object(inputs));
        doc.insert("external_id".into(), json!(self.run.external_id));
        doc.insert(
            "created_at".into(),
            self.run
                .raw
                .get("created_at")
                .cloned()
                .unwrap_or(Value::Null),
        );
        doc.insert(
            "asset_ids".into(),
            json!(review.map(|r| r.asset_ids.clone()).unwrap_or_default()),
        );
        doc.insert("text".into(), json!(review.and_then(|r| r.text.clone())));
        Value::Object(doc)
    }
}

/// Every review that waits and passes `filters`, oldest run first (undated runs last); a run's
/// reviews in the server's order.
pub async fn find(ctx: &Context, filters: &Filters) -> anyhow::Result<Vec<Waiting>> {
    let mut batch = match &filters.batch {
        Some(file) => Some(BatchRows::read(file, filters.batch_key.clone()).await?),
        None => filters.batch_key.clone().map(BatchRows::key_only),
    };
    let kind = filters.kind;
    let agent = match &filters.agent {
        Some(text) => Some(resolve::resolve_id(ctx, kind, text).await?),
        None => None,
    };
    let listing = runs::list(ctx.api()?, kind, None, Limit::All).await?;
    ctx.warn_short(listing.shortfall.as_ref());
    let items = listing.items;
    let mut waiting: Vec<(Option<Timestamp>, Run)> = items
        .into_iter()
        .filter_map(|item| {
            let created = listing::created_at(&item);
            Run::from_value(item).map(|run| (created, run))
        })
        .filter(|(created, run)| {
            let target = run.raw.get(kind.target_field()).and_then(Value::as_str);
            run.awaiting_review
                && !run.status.is_terminal()
                && agent
                    .as_deref()
                    .is_none_or(|id| target.is_some_and(|t| t.eq_ignore_ascii_case(id)))
                && filters
                    .since
                    .is_none_or(|since| created.is_some_and(|at| at >= since))
        })
        .collect();
    if let Some(batch) = &mut batch {
        waiting.retain(|(_, run)| {
            let target = run.raw.get(kind.target_field()).and_then(Value::as_str);
            batch.holds(target, run.external_id.as_deref())
        });
    }
    // Oldest first: a queue. `None` sorts first in `Option`'s order, so undated runs are put
    // last by hand.
    waiting.sort_by_key(|(created, _)| (created.is_none(), *created));
    let mut entries: Vec<Waiting> = Vec::new();
    for (created, run) in waiting {
        let reviews: Vec<Option<PendingReview>> = if run.pending_reviews.is_empty() {
            vec![None]
        } else {
            run.pending_reviews.iter().cloned().map(Some).collect()
        };
        for review in reviews {
            entries.push(Waiting {
                kind,
                run: run.clone(),
                review,
                target: None,
                created,
            });
        }
    }
    if let Some(limit) = filters.limit {
        entries.truncate(limit);
    }
    name_targets(ctx, kind, &mut entries).await;
    Ok(entries)
}

/// Fills in each entry's agent (or app): from the catalog, read once, else one read per agent
/// the catalog does not list (a private one). Unreadable ones stay `None`: ids are shown then.
async fn name_targets(ctx: &Context, kind: Kind, entries: &mut [Waiting]) {
    let ids: HashSet<String> = entries
        .iter()
        .filter_map(|e| e.target_id().map(str::to_lowercase))
        .collect();
    if ids.is_empty() {
        return;
    }
    let mut known: HashMap<String, CatalogEntry> = match ctx.catalog(kind).await {
        Ok(catalog) => catalog
            .iter()
            .filter(|a| ids.contains(&a.id.to_lowercase()))
            .map(|a| (a.id.to_lowercase(), a.clone()))
            .collect(),
        Err(_) => HashMap::new(),
    };
    for id in ids {
        if !known.contains_key(&id)
            && let Some(agent) = listing::target(ctx, kind, &id).await
        {
            known.insert(id, agent);
        }
    }
    for entry in entries {
        entry.target = entry
            .target_id()
            .and_then(|id| known.get(&id.to_lowercase()))
            .cloned();
    }
}

/// The row ids of one batch: which external ids belong to it.
#[derive(Debug)]
struct BatchRows {
    /// `--batch-key`; `None` derives the key per target from `bytes`.
    key: Option<String>,
    /// The batch file's bytes, for the derived key.
    bytes: Option<Vec<u8>>,
    /// The file's row numbers; `None` (only a key given) takes any row number.
    rows: Option<HashSet<usize>>,
    /// Derived keys by target id.
    derived: HashMap<String, String>,
}

impl BatchRows {
    /// The rows of the batch file at `file` (a bad file is a usage error, before any request).
    async fn read(file: &std::path::Path, key: Option<String>) -> Result<Self, UsageError> {
        let file_rows = rows::read(file).await?;
        if let Some(key) = &key {
            key::check(key, file_rows.rows.len())?;
        }
        Ok(Self {
            key,
            rows: Some(file_rows.rows.iter().map(|r| r.number).collect()),
            bytes: Some(file_rows.bytes),
            derived: HashMap::new(),
        })
    }

    /// Any row of the batch run with `key`.
    fn key_only(key: String) -> Self {
        Self {
            key: Some(key),
            bytes: None,
            rows: None,
            derived: HashMap::new(),
        }
    }

    /// Whether a run of `target` with `external_id` is one of the batch's rows.
    fn holds(&mut self, target: Option<&str>, external_id: Option<&str>) -> bool {
        let Some(external_id) = external_id else {
            return false;
        };
        let key = match (&self.key, &self.bytes, target) {
            (Some(key), _, _) => key.clone(),
            (None, Some(bytes), Some(target)) => self
                .derived
                .entry(target.to_string())
                .or_insert_with(|| key::default_key(target, bytes))
                .clone(),
            _ => return false,
        };
        let Some(row) = external_id
            .strip_prefix(key.as_str())
            .and_then(|rest| rest.strip_prefix('-'))
        else {
            return false;
        };
        // `<key>-<row>` exactly: no sign, no leading zero, no other suffix.
        match row.parse::<usize>() {
            Ok(number) if number >= 1 && number.to_string() == row => {
                self.rows.as_ref().is_none_or(|rows| rows.contains(&number))
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_rows_are_the_keys_row_ids_and_nothing_else() {
        let bytes = b"prompt\na\nb\n".to_vec();
        let key = key::default_key("agent-1", &bytes);
        let mut batch = BatchRows {
            key: None,
            bytes: Some(bytes),
            rows: Some(HashSet::from([1, 2])),
            derived: HashMap::new(),
        };
        assert!(batch.holds(Some("agent-1"), Some(&key::external_id(&key, 2))));
        assert!(!batch.holds(Some("agent-1"), Some(&key::external_id(&key, 3))));
        assert!(
            !batch.holds(Some("agent-2"), Some(&key::external_id(&key, 1))),
            "the key derives from the run's own agent"
        );
        assert!(!batch.holds(Some("agent-1"), Some(&format!("{key}-01"))));
        assert!(!batch.holds(Some("agent-1"), Some(&format!("{key}-1-in-1"))));
        assert!(!batch.holds(Some("agent-1"), None));

        let mut given = BatchRows::key_only("shoes".into());
        assert!(given.holds(None, Some("shoes-17")));
        assert!(!given.holds(None, Some("shoes-0")));
        assert!(!given.holds(None, Some("shoesx-1")));
    }

    #[test]
    fn the_way_back_names_every_filter_pasteably() {
        let filters = Filters {
            kind: Kind::App,
            agent: Some("Reviewed Ad".into()),
            since: Some("2026-01-15T10:00:00.5Z".parse().unwrap()),
            batch: Some(PathBuf::from("rows.csv")),
            batch_key: None,
            limit: Some(3),
        };
        assert_eq!(
            filters.command(),
            "pletor review --agent 'Reviewed Ad' --since 2026-01-15T10:00:00Z --batch rows.csv --app"
        );
    }
}
