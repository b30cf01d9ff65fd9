//! Runs and app runs: a lifecycle derived from the simulated clock, reviews, cancellation and
//! results.
//!
//! Nothing runs in the background. A run stores when it was created and how long it takes, and
//! [`Run::advance`] (called before every read) materialises whatever should have happened by
//! now: the review pause (at half the duration, for entries with a review node) and the outcome
//! (at the end). Transitions are stamped with the instant they were due, not the instant they
//! were observed. Status is `pending` for the first tenth of the duration, then `running`, then
//! `completed` or `failed`; a review keeps the run `running` with `awaiting_human_review` until
//! every review is resolved, and the rest of the duration starts from the last decision.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};
use uuid::Uuid;

use crate::assets::AssetTable;
use crate::catalog::{self, Behaviour, Entry, Kind};
use crate::clock::rfc3339;

/// Input values of a run, by input name, after validation.
#[derive(Debug, Default, Clone)]
pub struct Values {
    /// Text inputs.
    pub texts: HashMap<&'static str, String>,
    /// Asset inputs.
    pub assets: HashMap<&'static str, Vec<Uuid>>,
}

/// A human decision on one review.
#[derive(Debug, Clone)]
struct Decision {
    approve: bool,
    at: SystemTime,
}

/// One pause point waiting for a person.
#[derive(Debug, Clone)]
struct Review {
    id: Uuid,
    node_id: &'static str,
    asset_ids: Vec<Uuid>,
    text: Option<String>,
    created: SystemTime,
    decision: Option<Decision>,
}

/// How a run ended (cancellation aside).
#[derive(Debug, Clone)]
struct RunEnd {
    failed: bool,
    results: Vec<Value>,
    error: Option<String>,
    at: SystemTime,
}

/// Why a review decision was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum ReviewError {
    /// The run has no review with that id (yet).
    NotFound,
    /// The review already has a decision.
    AlreadyResolved,
    /// The run ended (cancelled) before the review was resolved.
    RunEnded(&'static str),
}

/// One agent run or app run.
#[derive(Debug, Clone)]
pub struct Run {
    /// Public id.
    pub id: Uuid,
    /// What it runs.
    pub entry: &'static Entry,
    /// The idempotency key, if any.
    pub external_id: Option<String>,
    inputs: Value,
    values: Values,
    created: SystemTime,
    duration: Duration,
    reviews: Vec<Review>,
    cancelled: Option<SystemTime>,
    outcome: Option<RunEnd>,
}

impl Run {
    /// A run of `entry` created `now`, lasting `duration` (plus review time).
    pub fn new(
        entry: &'static Entry,
        external_id: Option<String>,
        inputs: Value,
        values: Values,
        now: SystemTime,
        duration: Duration,
    ) -> Run {
        Run {
            id: Uuid::new_v4(),
            entry,
            external_id,
            inputs,
            values,
            created: now,
            duration,
            reviews: Vec::new(),
            cancelled: None,
            outcome: None,
        }
    }

    fn pending_until(&self) -> SystemTime {
        self.created + self.duration.mul_f64(0.1)
    }

    fn review_at(&self) -> Option<SystemTime> {
        self.entry
            .review_node
            .map(|_| self.created + self.duration / 2)
    }

    /// When the outcome is due, if it can be known yet.
    fn ends_at(&self) -> Option<SystemTime> {
        if self.entry.review_node.is_none() {
            return Some(self.created + self.duration);
        }
        if self.reviews.is_empty() {
            return None;
        }
        let mut last = self.created;
        for review in &self.reviews {
            last = last.max(review.decision.as_ref()?.at);
        }
        Some(last + (self.duration - self.duration / 2))
    }

    /// Whether the run has ended.
    pub fn is_terminal(&self) -> bool {
        self.cancelled.is_some() || self.outcome.is_some()
    }

    /// Materialises everything due by `now`.
    pub fn advance(&mut self, now: SystemTime, assets: &mut AssetTable) {
        if self.is_terminal() {
            return;
        }
        if let Some(at) = self.review_at()
            && self.reviews.is_empty()
            && now >= at
        {
            self.open_review(at, assets);
        }
        if let Some(end) = self.ends_at()
            && now >= end
        {
            self.outcome = Some(self.finish(end, assets));
        }
    }

    /// The status string at `now` (after [`Run::advance`]).
    pub fn status(&self, now: SystemTime) -> &'static str {
        match (&self.cancelled, &self.outcome) {
            (Some(_), _) => "cancelled",
            (None, Some(o)) if o.failed => "failed",
            (None, Some(_)) => "completed",
            (None, None) if now < self.pending_until() => "pending",
            (None, None) => "running",
        }
    }

    /// Cancels the run at `now`; refused with the current status when it already ended.
    pub fn cancel(&mut self, now: SystemTime) -> Result<(), &'static str> {
        if self.is_terminal() {
            return Err(self.status(now));
        }
        self.cancelled = Some(now);
        Ok(())
    }

    /// Records a decision on review `review_id` at `now`.
    pub fn decide(
        &mut self,
        review_id: Uuid,
        approve: bool,
        now: SystemTime,
    ) -> Result<(), ReviewError> {
        let status = self.status(now);
        let ended = self.is_terminal();
        let review = self
            .reviews
            .iter_mut()
            .find(|r| r.id == review_id)
            .ok_or(ReviewError::NotFound)?;
        if review.decision.is_some() {
            return Err(ReviewError::AlreadyResolved);
        }
        if ended {
            return Err(ReviewError::RunEnded(status));
        }
        review.decision = Some(Decision { approve, at: now });
        Ok(())
    }

    /// The API object at `now` (after [`Run::advance`]).
    pub fn to_json(&self, now: SystemTime) -> Value {
        let id_field = match self.entry.kind {
            Kind::Agent => "agent_id",
            Kind::App => "app_id",
        };
        let pending: Vec<Value> = if self.is_terminal() {
            Vec::new()
        } else {
            self.reviews
                .iter()
                .filter(|r| r.decision.is_none())
                .map(Review::to_json)
                .collect()
        };
        let (results, error) = match &self.outcome {
            Some(o) if self.cancelled.is_none() => (o.results.clone(), o.error.clone()),
            _ => (Vec::new(), None),
        };
        json!({
            "id": self.id,
            id_field: self.entry.id,
            "status": self.status(now),
            "external_id": self.external_id,
            "awaiting_human_review": !pending.is_empty(),
            "pending_reviews": pending,
            "inputs": self.inputs,
            "results": results,
            "error": error,
            "created_at": rfc3339(self.created),
            "updated_at": rfc3339(self.updated_at(now)),
        })
    }

    /// The instant of the latest transition that happened by `now`.
    fn updated_at(&self, now: SystemTime) -> SystemTime {
        let mut events = vec![self.created];
        if now >= self.pending_until() {
            events.push(self.pending_until());
        }
        for review in &self.reviews {
            events.push(review.created);
            events.extend(review.decision.as_ref().map(|d| d.at));
        }
        events.extend(self.cancelled);
        events.extend(self.outcome.as_ref().map(|o| o.at));
        events.into_iter().max().unwrap_or(self.created)
    }

    fn text(&self, name: &str) -> String {
        self.values.texts.get(name).cloned().unwrap_or_default()
    }

    /// `text-to-image-1a2b3c4d-image.png`: unique per run, readable, deterministic.
    fn image_name(&self, output: &str) -> String {
        let slug: String = self
            .entry
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let short = &self.id.simple().to_string()[..8];
        format!("{slug}-{short}-{output}.png")
    }

    /// Stores a generated PNG for `output` and returns its asset id.
    fn store_image(
        &self,
        output: &str,
        at: SystemTime,
        assets: &mut AssetTable,
    ) -> std::io::Result<Uuid> {
        let seed = format!("{}:{}:{output}", self.id, self.values_seed());
        let bytes = crate::png::gradient_png(seed.as_bytes());
        assets.create_small(self.image_name(output), "image/png", &bytes, at)
    }

    /// Stores a generated PNG and returns its result element.
    fn image(
        &self,
        output: &str,
        at: SystemTime,
        assets: &mut AssetTable,
    ) -> std::io::Result<Value> {
        let id = self.store_image(output, at, assets)?;
        Ok(json!({"asset_id": id, "type": "image", "name": output}))
    }

    fn values_seed(&self) -> String {
        let mut texts: Vec<_> = self.values.texts.iter().collect();
        texts.sort();
        format!("{texts:?}")
    }

    fn open_review(&mut self, at: SystemTime, assets: &mut AssetTable) {
        let Some(node_id) = self.entry.review_node else {
            return;
        };
        let text = match self.entry.behaviour {
            Behaviour::ReviewedAd => format!("Ad draft for brief: {}", self.text("brief")),
            _ => self.caption(),
        };
        // A draft that cannot be stored leaves a text-only review rather than a stuck run.
        let asset_ids = self
            .store_image("draft", at, assets)
            .ok()
            .into_iter()
            .collect();
        self.reviews.push(Review {
            id: Uuid::new_v4(),
            node_id,
            asset_ids,
            text: Some(text),
            created: at,
            decision: None,
        });
    }

    fn caption(&self) -> String {
        format!("Post: {}", self.text("prompt"))
    }

    fn approved(&self) -> bool {
        self.reviews
            .iter()
            .all(|r| r.decision.as_ref().is_some_and(|d| d.approve))
    }

    /// Builds the outcome due at `at`; storage errors fail the run instead of the server.
    fn finish(&self, at: SystemTime, assets: &mut AssetTable) -> RunEnd {
        match self.results(at, assets) {
            Ok(Ok(results)) => RunEnd {
                failed: false,
                results,
                error: None,
                at,
            },
            Ok(Err(message)) => RunEnd {
                failed: true,
                results: Vec::new(),
                error: Some(message),
                at,
            },
            Err(e) => RunEnd {
                failed: true,
                results: Vec::new(),
                error: Some(format!("simulator could not store a result: {e}")),
                at,
            },
        }
    }

    /// The results of a successful run, or the error message of a failed one.
    fn results(
        &self,
        at: SystemTime,
        assets: &mut AssetTable,
    ) -> std::io::Result<Result<Vec<Value>, String>> {
        let text = |t: String| json!({"text": t, "type": "text"});
        let results = match self.entry.behaviour {
            Behaviour::TextToImage => vec![self.image("image", at, assets)?],
            Behaviour::ProductShot => {
                let product = self.product_names(assets);
                vec![
                    self.image("hero", at, assets)?,
                    self.image("lifestyle", at, assets)?,
                    text(format!(
                        "{}: featuring {product}, shot in two styles.",
                        self.text("prompt")
                    )),
                ]
            }
            Behaviour::ReviewedPost => self.reviewed_post_results(),
            Behaviour::Echo => self.echo_results(assets),
            Behaviour::AlwaysFails => return Ok(Err(catalog::ALWAYS_FAILS_ERROR.to_owned())),
            Behaviour::SocialPost => vec![
                self.image("image", at, assets)?,
                text(format!(
                    "{}: a fresh take, ready to share. #pletor",
                    self.text("topic")
                )),
            ],
            Behaviour::ReviewedAd if self.approved() => self.draft_results("ad"),
            Behaviour::ReviewedAd => {
                return Ok(Err(catalog::REVIEWED_AD_REJECTED_ERROR.to_owned()));
            }
        };
        Ok(Ok(results))
    }

    /// Approved: the reviewed draft becomes the image result; rejected: only the caption.
    fn reviewed_post_results(&self) -> Vec<Value> {
        let mut results = if self.approved() {
            self.draft_results("post_image")
        } else {
            Vec::new()
        };
        results.push(json!({"text": self.caption(), "type": "text"}));
        results
    }

    fn draft_results(&self, name: &str) -> Vec<Value> {
        self.reviews
            .iter()
            .flat_map(|r| &r.asset_ids)
            .map(|id| json!({"asset_id": id, "type": "image", "name": name}))
            .collect()
    }

    fn echo_results(&self, assets: &AssetTable) -> Vec<Value> {
        let ids = self.values.assets.get("file").cloned().unwrap_or_default();
        let mut results: Vec<Value> = ids
            .iter()
            .map(|id| {
                let kind = assets.get(id).map_or("file", |a| a.result_type());
                json!({"asset_id": id, "type": kind, "name": "files"})
            })
            .collect();
        if let Some(note) = self.values.texts.get("note") {
            results.push(json!({"text": note, "type": "text"}));
        }
        results
    }

    fn product_names(&self, assets: &AssetTable) -> String {
        let ids = self
            .values
            .assets
            .get("product")
            .cloned()
            .unwrap_or_default();
        let names: Vec<String> = ids
            .iter()
            .filter_map(|id| assets.get(id).map(|a| a.filename.clone()))
            .collect();
        names.join(", ")
    }
}

impl Review {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "node_id": self.node_id,
            "asset_ids": self.asset_ids,
            "text": self.text,
            "created_at": rfc3339(self.created),
        })
    }
}

/// The runs of one kind, in creation order.
#[derive(Debug, Default)]
pub struct RunTable {
    map: HashMap<Uuid, Run>,
    order: Vec<Uuid>,
}

impl RunTable {
    /// Adds a new run.
    pub fn insert(&mut self, run: Run) {
        self.order.push(run.id);
        self.map.insert(run.id, run);
    }

    /// One run, for reading or changing.
    pub fn get_mut(&mut self, id: &Uuid) -> Option<&mut Run> {
        self.map.get_mut(id)
    }

    /// Brings every run up to `now`.
    pub fn advance_all(&mut self, now: SystemTime, assets: &mut AssetTable) {
        for run in self.map.values_mut() {
            run.advance(now, assets);
        }
    }

    /// Every run, newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Run> {
        self.order.iter().rev().filter_map(|id| self.map.get(id))
    }

    /// How many runs are in each status at `now`.
    pub fn status_counts(&self, now: SystemTime) -> BTreeMap<&'static str, u64> {
        let mut counts: BTreeMap<&'static str, u64> =
            ["pending", "running", "completed", "failed", "cancelled"]
                .into_iter()
                .map(|s| (s, 0))
                .collect();
        for run in self.map.values() {
            *counts.entry(run.status(now)).or_default() += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> (tempfile::TempDir, AssetTable) {
        let dir = tempfile::tempdir().expect("temp dir");
        let assets = AssetTable::new(dir.path().to_path_buf());
        (dir, assets)
    }

    fn run_of(id: &str, prompt: &str) -> (Run, SystemTime) {
        let entry = catalog::ENTRIES.iter().find(|e| e.id == id).expect("entry");
        let mut values = Values::default();
        values.texts.insert(entry.inputs[0].name, prompt.to_owned());
        let t0 = SystemTime::now();
        let run = Run::new(
            entry,
            None,
            Value::Null,
            values,
            t0,
            Duration::from_secs(10),
        );
        (run, t0)
    }

    #[test]
    fn a_plain_run_goes_pending_running_completed() {
        let (_dir, mut assets) = table();
        let (mut run, t0) = run_of(catalog::TEXT_TO_IMAGE, "cat");
        run.advance(t0, &mut assets);
        assert_eq!(run.status(t0), "pending");
        let t = t0 + Duration::from_secs(5);
        run.advance(t, &mut assets);
        assert_eq!(run.status(t), "running");
        let t = t0 + Duration::from_secs(10);
        run.advance(t, &mut assets);
        assert_eq!(run.status(t), "completed");
        assert_eq!(run.to_json(t)["results"][0]["type"], "image");
    }

    #[test]
    fn a_review_pauses_until_decided_then_runs_the_rest() {
        let (_dir, mut assets) = table();
        let (mut run, t0) = run_of(catalog::REVIEWED_POST, "sea");
        let late = t0 + Duration::from_secs(100);
        run.advance(late, &mut assets);
        let json = run.to_json(late);
        assert_eq!(json["status"], "running");
        assert_eq!(json["awaiting_human_review"], true);
        let review =
            Uuid::parse_str(json["pending_reviews"][0]["id"].as_str().expect("id")).expect("uuid");
        assert_eq!(run.decide(review, true, late), Ok(()));
        assert_eq!(
            run.decide(review, true, late),
            Err(ReviewError::AlreadyResolved)
        );
        run.advance(late + Duration::from_secs(4), &mut assets);
        assert_eq!(run.status(late), "running");
        let done = late + Duration::from_secs(5);
        run.advance(done, &mut assets);
        let json = run.to_json(done);
        assert_eq!(json["status"], "completed");
        assert_eq!(json["results"].as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn cancel_is_refused_once_terminal() {
        let (_dir, mut assets) = table();
        let (mut run, t0) = run_of(catalog::ALWAYS_FAILS, "x");
        let end = t0 + Duration::from_secs(10);
        run.advance(end, &mut assets);
        assert_eq!(run.status(end), "failed");
        assert_eq!(run.cancel(end), Err("failed"));
    }
}
