//! What `pletor runs watch` follows, and when it looks again.
//!
//! Two ways to choose the runs:
//! - **Given runs** (`runs watch RUN...`): each is found once (agent or app run), then polled
//!   while it has not ended.
//! - **The key's runs** (no ids): each refresh lists the newest agent runs and app runs and
//!   follows those not yet ended, new ones included; a run seen before that leaves the list is
//!   polled once more, so its end is shown. With `--exit-status` the set is fixed at the first
//!   refresh.
//!
//! The pace is the one polling policy ([`cadence`]): the pause is a tenth of the time since the
//! last change (so a busy board stays fresh and a quiet one costs little), stretched by a low
//! `default` budget, and never shorter than what the batch rule gives for this many requests
//! ([`cadence::poll_gap`]): a wide watch slows down instead of spending the budget that runs,
//! uploads and downloads share through the one client.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use crate::api::Kind;
use crate::api::catalog::{self, Filters};
use crate::api::list::Limit;
use crate::api::models::Run;
use crate::api::runs;
use crate::context::Context;
use crate::error::Exit;
use crate::workflow::cadence;
use crate::workflow::outcome;

/// How many of the newest runs of each kind a refresh of the key's runs lists.
const LISTED: usize = 50;

/// One watched run as last seen.
#[derive(Debug, Clone)]
pub struct Watched {
    /// Agent run or app run: which collection it is polled in.
    pub kind: Kind,
    /// The run as the last refresh saw it; `--json` prints its `raw` at the end.
    pub run: Run,
    /// The agent's or app's name, when the catalog gives one; else the view shows its id.
    pub target: Option<String>,
}

impl Watched {
    /// Whether the run will not move without a person: ended, or waiting for a review.
    pub fn settled(&self) -> bool {
        self.run.status.is_terminal() || self.run.awaiting_review
    }

    /// The exit code `runs wait` gives this run where no one answers reviews: its end's, 10
    /// while it waits for a review.
    pub fn exit(&self) -> Exit {
        if self.run.status.is_terminal() {
            outcome::exit_of(&self.run.status)
        } else if self.run.awaiting_review {
            Exit::Review
        } else {
            Exit::Timeout
        }
    }

    /// What a change is judged by: status and pending reviews.
    fn state(&self) -> (String, usize, bool) {
        (
            self.run.status.as_str().to_string(),
            self.run.pending_reviews.len(),
            self.run.awaiting_review,
        )
    }
}

/// Which runs to watch.
#[derive(Debug, Clone)]
pub enum Selection {
    /// These ids (with the kind, when `--app` said).
    Given(Vec<String>, Option<Kind>),
    /// The key's runs not yet ended; `fixed`: only those of the first refresh.
    Unended {
        /// Keep the set of the first refresh (`--exit-status`).
        fixed: bool,
    },
}

/// The state of a watch: the runs by id, in the order first seen.
pub struct Watch {
    selection: Selection,
    runs: BTreeMap<usize, Watched>,
    order: HashMap<String, usize>,
    names: HashMap<String, String>,
    first: bool,
    quiet_since: Instant,
    requests: usize,
}

impl Watch {
    /// A watch of `selection`; the catalog's names are fetched once here (a failure only
    /// leaves ids).
    pub async fn new(ctx: &Context, selection: Selection) -> anyhow::Result<Self> {
        let client = ctx.api()?;
        let mut names = HashMap::new();
        for kind in [Kind::Agent, Kind::App] {
            if let Ok(listing) = catalog::list(client, kind, &Filters::default(), Limit::All).await
            {
                names.extend(listing.items.iter().filter_map(name_of));
            }
        }
        Ok(Self {
            selection,
            runs: BTreeMap::new(),
            order: HashMap::new(),
            names,
            first: true,
            quiet_since: Instant::now(),
            requests: 0,
        })
    }

    /// The runs, in the order first seen.
    pub fn runs(&self) -> impl Iterator<Item = &Watched> {
        self.runs.values()
    }

    /// Looks at every run again; returns the runs that are new or changed since the last look.
    pub async fn refresh(&mut self, ctx: &Context) -> anyhow::Result<Vec<Watched>> {
        let fresh = match self.selection.clone() {
            Selection::Given(ids, kind) if self.first => {
                let mut found = Vec::new();
                for id in ids {
                    found.push(crate::workflow::ids::run(ctx, &id, kind).await?);
                }
                self.requests = found.len();
                found
            }
            Selection::Given(..) | Selection::Unended { fixed: true } if !self.first => {
                self.poll_open(ctx).await?
            }
            Selection::Given(..) | Selection::Unended { .. } => self.list_unended(ctx).await?,
        };
        self.first = false;
        let changed = self.merge(fresh);
        if !changed.is_empty() {
            self.quiet_since = Instant::now();
        }
        Ok(changed)
    }

    /// Whether the watch is over: every run ended (or, with `settle_on_review`, waits for a
    /// person). The key's runs without `--exit-status` are never over.
    pub fn done(&self, settle_on_review: bool) -> bool {
        if matches!(self.selection, Selection::Unended { fixed: false }) {
            return false;
        }
        self.runs.values().all(|w| {
            if settle_on_review {
                w.settled()
            } else {
                w.run.status.is_terminal()
            }
        })
    }

    /// The pause before the next refresh: the policy's, for the time since the last change,
    /// and never less than the budget's share for this many requests.
    pub fn pause(&self, ctx: &Context) -> Duration {
        let rate = ctx.api().ok().and_then(|c| c.rate_state("default"));
        let policy = cadence::next_pause(self.quiet_since.elapsed(), rate, None, Instant::now());
        let share = cadence::poll_gap(rate, SystemTime::now())
            .saturating_mul(u32::try_from(self.requests.max(1)).unwrap_or(u32::MAX));
        policy.max(share)
    }

    /// Polls every run not ended yet (the set is fixed).
    async fn poll_open(&mut self, ctx: &Context) -> anyhow::Result<Vec<(Kind, Run)>> {
        let client = ctx.api()?;
        let open: Vec<(Kind, String)> = self
            .runs
            .values()
            .filter(|w| !w.run.status.is_terminal())
            .map(|w| (w.kind, w.run.id.clone()))
            .collect();
        self.requests = open.len();
        let mut fresh = Vec::new();
        for (kind, id) in open {
            match runs::poll(client, kind, &id).await {
                Ok(run) => fresh.push((kind, run)),
                // A failed poll is tried again at the next refresh, as in every wait.
                Err(err) if err.is_transient() => {}
                Err(err) => return Err(err.into()),
            }
        }
        Ok(fresh)
    }

    /// Lists the key's newest runs of both kinds and keeps those not ended, plus the final
    /// state of runs watched before.
    async fn list_unended(&mut self, ctx: &Context) -> anyhow::Result<Vec<(Kind, Run)>> {
        let client = ctx.api()?;
        let mut fresh = Vec::new();
        for kind in [Kind::Agent, Kind::App] {
            let listing = runs::list(client, kind, None, Limit::AtMost(LISTED)).await?;
            fresh.extend(
                listing
                    .items
                    .into_iter()
                    .filter_map(Run::from_value)
                    .filter(|run| !run.status.is_terminal() || self.order.contains_key(&run.id))
                    .map(|run| (kind, run)),
            );
        }
        self.requests = 2;
        let listed: Vec<String> = fresh.iter().map(|(_, r)| r.id.clone()).collect();
        let gone: Vec<(Kind, String)> = self
            .runs
            .values()
            .filter(|w| !w.run.status.is_terminal() && !listed.contains(&w.run.id))
            .map(|w| (w.kind, w.run.id.clone()))
            .collect();
        for (kind, id) in gone {
            self.requests += 1;
            if let Ok(run) = runs::poll(client, kind, &id).await {
                fresh.push((kind, run));
            }
        }
        Ok(fresh)
    }

    /// Records fresh states; returns the runs that are new or whose state changed.
    fn merge(&mut self, fresh: Vec<(Kind, Run)>) -> Vec<Watched> {
        let mut changed = Vec::new();
        for (kind, run) in fresh {
            let target = run
                .raw
                .get(kind.target_field())
                .and_then(Value::as_str)
                .and_then(|id| self.names.get(id).cloned());
            let watched = Watched { kind, run, target };
            let next = self.order.len();
            let slot = *self.order.entry(watched.run.id.clone()).or_insert(next);
            let before = self.runs.get(&slot).map(Watched::state);
            if before.as_ref() != Some(&watched.state()) {
                changed.push(watched.clone());
            }
            self.runs.insert(slot, watched);
        }
        changed
    }
}

/// `(id, name)` of a catalog item that has both.
fn name_of(item: &Value) -> Option<(String, String)> {
    let id = item.get("id").and_then(Value::as_str)?;
    let name = item.get("name").and_then(Value::as_str)?;
    Some((id.to_string(), name.to_string()))
}

/// How long a run has taken: from its `created_at` to now, while it has not ended.
pub fn elapsed(run: &Run, now: jiff::Timestamp) -> Option<Duration> {
    if run.status.is_terminal() {
        return None;
    }
    let created: jiff::Timestamp = run.raw.get("created_at")?.as_str()?.parse().ok()?;
    let span = now.duration_since(created);
    Duration::try_from(span).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn watched(status: &str, awaiting: bool) -> Watched {
        Watched {
            kind: Kind::Agent,
            run: Run::from_value(
                json!({"id": "r", "status": status, "awaiting_human_review": awaiting}),
            )
            .unwrap(),
            target: None,
        }
    }

    #[test]
    fn a_watched_run_ends_with_the_codes_of_runs_wait() {
        assert_eq!(watched("completed", false).exit(), Exit::Success);
        assert_eq!(watched("failed", false).exit(), Exit::RunFailed);
        assert_eq!(watched("cancelled", false).exit(), Exit::Cancelled);
        assert_eq!(watched("running", true).exit(), Exit::Review);
        assert!(watched("running", true).settled());
        assert!(!watched("running", false).settled());
    }

    #[test]
    fn elapsed_time_runs_from_creation_until_the_end() {
        let now: jiff::Timestamp = "2025-01-01T00:01:30Z".parse().unwrap();
        let open = Run::from_value(
            json!({"id": "r", "status": "running", "created_at": "2025-01-01T00:00:00Z"}),
        )
        .unwrap();
        assert_eq!(elapsed(&open, now), Some(Duration::from_secs(90)));
        let ended = Run::from_value(
            json!({"id": "r", "status": "completed", "created_at": "2025-01-01T00:00:00Z"}),
        )
        .unwrap();
        assert_eq!(elapsed(&ended, now), None);
        let undated = Run::from_value(json!({"id": "r", "status": "running"})).unwrap();
        assert_eq!(elapsed(&undated, now), None);
    }
}
