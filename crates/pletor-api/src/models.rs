//! Typed views of the API's objects, built tolerantly from the server's JSON.
//!
//! Each view keeps the server's object unchanged in `raw` (unknown fields included) for
//! `--json` output, and reads its fields through the alternatives of [`super::spec`]. A missing
//! optional field never breaks parsing; only a missing id does.

use serde_json::Value;

use super::spec::{self, first_str};

/// The lifecycle state of a run (certain: documented). An unknown state is kept and treated as not terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunStatus {
    /// Accepted, not started yet (`pending`, `queued`).
    Pending,
    /// Working (also while it waits for a review).
    Running,
    /// Done, with results.
    Completed,
    /// Done, with an error.
    Failed,
    /// Stopped by a person.
    Cancelled,
    /// A state this client does not know.
    Other(String),
}

impl RunStatus {
    /// Parses a status string (`canceled` is accepted for `cancelled`).
    pub fn parse(text: &str) -> Self {
        match text.to_ascii_lowercase().as_str() {
            "pending" | "queued" => Self::Pending,
            "running" | "in_progress" => Self::Running,
            "completed" | "succeeded" => Self::Completed,
            "failed" | "error" => Self::Failed,
            "cancelled" | "canceled" => Self::Cancelled,
            _ => Self::Other(text.to_string()),
        }
    }

    /// Whether the run has ended.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Completed | Self::Failed | Self::Cancelled)
    }

    /// The status as the API spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Pending => "pending",
            Self::Running => "running",
            Self::Completed => "completed",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::Other(text) => text,
        }
    }
}

/// One result of a run.
#[derive(Debug, Clone, PartialEq)]
pub enum RunResult {
    /// A generated file, saved by downloading its asset.
    Asset {
        /// What downloads fetch; one asset may appear in several results ([`Run::asset_ids`]
        /// drops the repeats).
        asset_id: String,
        /// The name the result carries, shown by `runs show`; a saved file is named from the
        /// asset's own metadata instead.
        name: Option<String>,
    },
    /// Generated text, given inline: nothing to download, reported as the run's `texts`.
    Text(String),
}

/// A pending human review (its shape is guessed: see docs/api-contract.md).
#[derive(Debug, Clone)]
pub struct PendingReview {
    /// Where a decision is sent (`…/reviews/{id}`), and what `pletor review RUN REVIEW` takes.
    pub id: String,
    /// The drafts the paused node shows: the interactive review downloads and previews them.
    pub asset_ids: Vec<String>,
    /// Text the paused node shows the reviewer.
    pub text: Option<String>,
    /// The server's object, unchanged: what `--json` prints, unknown fields included.
    pub raw: Value,
}

/// An agent run or an app run.
#[derive(Debug, Clone)]
pub struct Run {
    /// The run id (`id`, or `run_id`).
    pub id: String,
    /// Where it is in its lifecycle; a wait ends once it [is terminal](RunStatus::is_terminal).
    pub status: RunStatus,
    /// Whether it waits for a person (certain: `awaiting_human_review`; when absent, whether any
    /// review is pending).
    pub awaiting_review: bool,
    /// The reviews it waits for (their shape is guessed); may be empty while `awaiting_review` is true, when the
    /// server does not list them.
    pub pending_reviews: Vec<PendingReview>,
    /// Its results so far, in the server's order (`results`, else `outputs`).
    pub results: Vec<RunResult>,
    /// The failure message, if any.
    pub error: Option<String>,
    /// The idempotency key it was created with.
    pub external_id: Option<String>,
    /// The server's object, unchanged: what `--json` prints, and where fields without a typed
    /// view (`created_at`, the agent or app id) are read.
    pub raw: Value,
}

impl Run {
    /// Reads a run; `None` when the object has no id.
    pub fn from_value(raw: Value) -> Option<Self> {
        let id = first_str(&raw, &["id", "run_id"])?.to_string();
        let status = RunStatus::parse(raw.get("status").and_then(Value::as_str).unwrap_or(""));
        let pending_reviews: Vec<PendingReview> = raw
            .get("pending_reviews")
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(PendingReview::from_value).collect())
            .unwrap_or_default();
        let awaiting_review = raw
            .get("awaiting_human_review")
            .and_then(Value::as_bool)
            .unwrap_or(!pending_reviews.is_empty());
        Some(Self {
            id,
            status,
            awaiting_review,
            pending_reviews,
            results: results_of(&raw),
            error: error_of(&raw),
            external_id: raw
                .get("external_id")
                .and_then(Value::as_str)
                .map(str::to_string),
            raw,
        })
    }

    /// The ids of the result assets, in order, without repeats.
    pub fn asset_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for result in &self.results {
            if let RunResult::Asset { asset_id, .. } = result
                && !ids.contains(asset_id)
            {
                ids.push(asset_id.clone());
            }
        }
        ids
    }

    /// The text results, in order.
    pub fn texts(&self) -> Vec<String> {
        self.results
            .iter()
            .filter_map(|r| match r {
                RunResult::Text(text) => Some(text.clone()),
                RunResult::Asset { .. } => None,
            })
            .collect()
    }
}

impl PendingReview {
    fn from_value(raw: &Value) -> Option<Self> {
        Some(Self {
            id: first_str(raw, &["id", "review_id"])?.to_string(),
            asset_ids: string_list(raw.get("asset_ids")),
            text: raw.get("text").and_then(Value::as_str).map(str::to_string),
            raw: raw.clone(),
        })
    }
}

/// Results under `results` (certain), or `outputs[].asset_ids[]` (observed in one client).
fn results_of(raw: &Value) -> Vec<RunResult> {
    let mut results = Vec::new();
    if let Some(items) = raw.get("results").and_then(Value::as_array) {
        for item in items {
            if let Some(asset_id) = first_str(item, &["asset_id"]) {
                let name = first_str(item, spec::FILENAME_FIELDS).map(str::to_string);
                results.push(RunResult::Asset {
                    asset_id: asset_id.to_string(),
                    name,
                });
            } else if let Some(text) = item.get("text").and_then(Value::as_str) {
                results.push(RunResult::Text(text.to_string()));
            } else if let Some(text) = item.as_str() {
                results.push(RunResult::Text(text.to_string()));
            }
            for asset_id in string_list(item.get("asset_ids")) {
                results.push(RunResult::Asset {
                    asset_id,
                    name: None,
                });
            }
        }
    }
    if let Some(outputs) = raw.get("outputs").and_then(Value::as_array) {
        for output in outputs {
            for asset_id in string_list(output.get("asset_ids")) {
                results.push(RunResult::Asset {
                    asset_id,
                    name: None,
                });
            }
            if let Some(text) = output.get("text").and_then(Value::as_str) {
                results.push(RunResult::Text(text.to_string()));
            }
        }
    }
    results
}

/// `error` as a string (observed) or `error.message`.
fn error_of(raw: &Value) -> Option<String> {
    match raw.get("error")? {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => other
            .get("message")
            .or_else(|| other.get("detail"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| Some(other.to_string())),
    }
}

fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// One input of an agent or app.
#[derive(Debug, Clone)]
pub struct InputSpec {
    /// The input id (what the API wants).
    pub id: String,
    /// The name, when the agent gives one (guessed: inputs may carry only an id).
    pub name: Option<String>,
    /// The type string (`text_input`, `image_input`, …).
    pub kind: String,
    /// What it is for, in the catalog's words: `agents show` lists it beside the key.
    pub description: Option<String>,
    /// Whether a run must give it: only when the catalog says so (guessed: the field may be absent,
    /// and then nothing is enforced).
    pub required: bool,
    /// The media types it says it accepts (guessed: `accept` and its alternatives), such as `*/*` for
    /// an image input that takes any file; empty when it says nothing.
    pub accept: Vec<String>,
}

/// How an input's value is shaped in a run body (observed in several public clients).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueShape {
    /// A JSON string (`text_input`): a file or asset given to it is refused.
    Text,
    /// `{"asset_ids": [...]}` (image, video, audio, file, document inputs): text is refused.
    Assets,
    /// Unknown type: text stays text, files become assets.
    Either,
}

impl InputSpec {
    fn from_value(raw: &Value) -> Option<Self> {
        Some(Self {
            id: first_str(raw, &["id", "input_id"])?.to_string(),
            name: first_str(raw, &["name", "key"]).map(str::to_string),
            kind: first_str(raw, &["type", "kind"])
                .unwrap_or("unknown")
                .to_string(),
            description: raw
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_string),
            required: spec::INPUT_REQUIRED_FIELDS
                .iter()
                .find_map(|name| raw.get(*name).and_then(Value::as_bool))
                .unwrap_or(false),
            accept: spec::INPUT_ACCEPT_FIELDS
                .iter()
                .find_map(|name| raw.get(*name))
                .map(accepted_types)
                .unwrap_or_default(),
        })
    }

    /// Whether the input takes images (and so is checked to get one).
    pub fn takes_images(&self) -> bool {
        self.kind == "image_input"
    }

    /// Whether it says it accepts files of media type `mime` (`*/*`, `image/*` and exact types).
    pub fn accepts(&self, mime: &str) -> bool {
        self.accept.iter().any(|pattern| {
            let pattern = pattern.trim();
            if pattern == "*" || pattern == "*/*" {
                return true;
            }
            match pattern.split_once('/') {
                Some((major, "*")) => mime
                    .split_once('/')
                    .is_some_and(|(m, _)| m.eq_ignore_ascii_case(major)),
                _ => pattern.eq_ignore_ascii_case(mime),
            }
        })
    }

    /// The value shape this input takes.
    pub fn shape(&self) -> ValueShape {
        match self.kind.as_str() {
            "text_input" => ValueShape::Text,
            "image_input" | "video_input" | "audio_input" | "file_input" | "document_input" => {
                ValueShape::Assets
            }
            _ => ValueShape::Either,
        }
    }

    /// The key to use with `-i`: the name when there is one, else the id.
    pub fn key(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// `accept` as a list of media types, or one comma-separated string (as HTML writes it).
fn accepted_types(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => text.split(',').map(|t| t.trim().to_string()).collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// An agent or an app (the same shape; guessed for apps).
#[derive(Debug, Clone)]
pub struct CatalogEntry {
    /// What a run is created with; the names, slugs and prefixes people type resolve to it.
    pub id: String,
    /// Its display name (`name`, else `title`; empty when it has neither).
    pub name: String,
    /// The inputs it declares: `-i` keys are matched against them before anything is sent.
    pub inputs: Vec<InputSpec>,
    /// Credits one run costs, when the catalog says (observed: `estimated_cost`).
    pub estimated_cost: Option<f64>,
    /// The server's object, unchanged: what `--json` prints, and where `show` reads the
    /// description, tags and visibility.
    pub raw: Value,
}

impl CatalogEntry {
    /// Reads an agent; `None` without an id.
    pub fn from_value(raw: Value) -> Option<Self> {
        let id = first_str(&raw, &["id", "agent_id", "app_id"])?.to_string();
        let name = first_str(&raw, &["name", "title"])
            .unwrap_or("")
            .to_string();
        let inputs = raw
            .get("inputs")
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(InputSpec::from_value).collect())
            .unwrap_or_default();
        let estimated_cost = spec::COST_FIELDS
            .iter()
            .find_map(|field| raw.get(*field))
            .and_then(|cost| match cost {
                Value::Number(n) => n.as_f64(),
                Value::String(text) => text.trim().parse().ok(),
                _ => None,
            })
            .filter(|cost: &f64| cost.is_finite() && *cost >= 0.0);
        Some(Self {
            id,
            name,
            inputs,
            estimated_cost,
            raw,
        })
    }
}

/// An asset's metadata (observed, with guessed alternative field names).
#[derive(Debug, Clone)]
pub struct Asset {
    /// What runs take (`asset:ID`) and downloads fetch.
    pub id: String,
    /// Its file name, when known: a download is named after it unless `Content-Disposition`
    /// names the file.
    pub filename: Option<String>,
    /// Its media type, when known: gives a download its extension when no name is known.
    pub mime_type: Option<String>,
    /// Its size in bytes, when known: a download of another length fails verification.
    pub size: Option<u64>,
    /// Its SHA-256 in lowercase hex, when known: a download must match it, and an existing file
    /// that matches (with the size) is kept rather than fetched again.
    pub sha256: Option<String>,
    /// The server's object, unchanged: what `--json` prints, and where fields without a typed
    /// view (`external_id`, `created_at`) are read.
    pub raw: Value,
}

impl Asset {
    /// Reads an asset; `None` without an id.
    pub fn from_value(raw: Value) -> Option<Self> {
        Some(Self {
            id: first_str(&raw, &["id", "asset_id"])?.to_string(),
            filename: first_str(&raw, spec::FILENAME_FIELDS).map(str::to_string),
            mime_type: first_str(&raw, spec::MIME_FIELDS).map(str::to_string),
            size: raw
                .get("size")
                .or_else(|| raw.get("bytes"))
                .and_then(Value::as_u64),
            sha256: first_str(&raw, &["sha256", "checksum_sha256"]).map(str::to_ascii_lowercase),
            raw,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn runs_accept_every_documented_alternative() {
        let run = Run::from_value(json!({
            "run_id": "r1", "status": "canceled", "error": {"message": "boom"},
            "outputs": [{"asset_ids": ["a1", "a2"]}], "extra": 1
        }))
        .unwrap();
        assert_eq!(run.id, "r1");
        assert_eq!(run.status, RunStatus::Cancelled);
        assert_eq!(run.error.as_deref(), Some("boom"));
        assert_eq!(run.asset_ids(), vec!["a1", "a2"]);
        assert_eq!(run.raw["extra"], 1);
    }

    #[test]
    fn results_mix_assets_and_texts_with_extra_fields() {
        let run = Run::from_value(json!({"id": "r", "status": "completed", "results": [
            {"asset_id": "a", "type": "image", "node_id": "n", "name": "x.png"}, {"text": "hi"}, {"asset_id": "a"}
        ]}))
        .unwrap();
        assert_eq!(run.asset_ids(), vec!["a"]);
        assert_eq!(run.texts(), vec!["hi"]);
    }

    #[test]
    fn unknown_statuses_are_not_terminal() {
        assert!(!RunStatus::parse("thinking").is_terminal());
        assert!(RunStatus::parse("COMPLETED").is_terminal());
        assert_eq!(RunStatus::parse("thinking").as_str(), "thinking");
    }

    #[test]
    fn inputs_without_names_are_keyed_by_id() {
        let agent = CatalogEntry::from_value(json!({"id": "g", "inputs": [
            {"id": "i1", "type": "image_input"}, {"id": "i2", "name": "prompt", "type": "text_input"}
        ]}))
        .unwrap();
        assert_eq!(agent.inputs[0].key(), "i1");
        assert_eq!(agent.inputs[0].shape(), ValueShape::Assets);
        assert_eq!(agent.inputs[1].key(), "prompt");
        assert!(!agent.inputs[0].required, "absent means not enforced");
        assert_eq!(agent.estimated_cost, None);
    }

    #[test]
    fn required_accept_and_cost_are_read_when_present() {
        let agent = CatalogEntry::from_value(json!({"id": "g", "estimated_cost": "2.5", "inputs": [
            {"id": "i1", "type": "image_input", "required": true, "accept": "image/*, application/pdf"},
            {"id": "i2", "type": "image_input", "accept": ["*/*"]}
        ]}))
        .unwrap();
        assert_eq!(agent.estimated_cost, Some(2.5));
        let (pdf_or_image, any) = (&agent.inputs[0], &agent.inputs[1]);
        assert!(pdf_or_image.required && pdf_or_image.takes_images());
        assert!(pdf_or_image.accepts("application/pdf") && pdf_or_image.accepts("image/heic"));
        assert!(!pdf_or_image.accepts("text/plain"));
        assert!(any.accepts("text/plain") && !any.required);
    }

    #[test]
    fn assets_accept_alternative_field_names() {
        let asset = Asset::from_value(
            json!({"asset_id": "a", "name": "x.png", "content_type": "image/png"}),
        )
        .unwrap();
        assert_eq!(asset.filename.as_deref(), Some("x.png"));
        assert_eq!(asset.mime_type.as_deref(), Some("image/png"));
    }
}
