//! `--dry-run`: the plan of a run or a batch, after every check, with nothing paid for.
//!
//! By the time a plan is printed the target was resolved and read, and every input, row and
//! file passed the checks a real run makes; only `GET` requests were sent. The plan goes to
//! stdout: a readable summary, or with `--json` one document (docs/running.md, "Dry runs"):
//!
//! ```json
//! {"dry_run": true, "kind": "agent", "target": {"id", "name"}, "runs": 1,
//!  "estimated_cost": {"per_run", "runs", "total"} | null,
//!  "external_id": "…" | null, "inputs": [INPUT], "files": [{"path", "bytes", "mime_type"}],
//!  "batch": null | {"file", "batch_key", "rows": [{"row", "external_id", "inputs": [INPUT]}]}}
//! ```
//!
//! where INPUT is `{"id", "key", "type", "form": "text" | "json" | "files", …}` with `value`
//! (text and json) or `files` (local paths) and `assets` (existing asset ids). In a batch,
//! `inputs` are the `-i` values every row shares and each row lists all of its own.

use std::path::Path;

use serde_json::{Value, json};

use crate::api::Kind;
use crate::api::models::{CatalogEntry, InputSpec};
use crate::context::Context;
use crate::error::Exit;
use crate::output::{Table, clean_line, human_bytes, truncate};
use crate::transfer::LocalFile;
use crate::workflow::cost::Estimate;
use crate::workflow::inputs::{AssetSource, Planned, PlannedInput};

/// Rows a readable batch plan lists before it says how many more there are.
const ROWS_SHOWN: usize = 20;

/// What a dry run plans.
pub struct DryRunPlan<'a> {
    /// Agent runs or app runs: the plan's `kind`, and the noun its lines use.
    pub kind: Kind,
    /// The resolved target, as read from the API.
    pub target: &'a CatalogEntry,
    /// The inputs of the run, or the inputs every row of a batch shares.
    pub inputs: &'a [PlannedInput],
    /// Every local file to upload, each once.
    pub files: Vec<&'a LocalFile>,
    /// `--external-id`, when one was given (a single run).
    pub external_id: Option<&'a str>,
    /// The batch part; `None` for a single run.
    pub batch: Option<Batch<'a>>,
}

/// The batch part of a plan.
pub struct Batch<'a> {
    /// The batch file as given.
    pub file: &'a str,
    /// The batch key row external ids derive from.
    pub key: &'a str,
    /// Each row: number, external id, inputs.
    pub rows: Vec<(usize, &'a str, &'a [PlannedInput])>,
}

impl DryRunPlan<'_> {
    fn runs(&self) -> usize {
        self.batch.as_ref().map_or(1, |b| b.rows.len())
    }

    /// The plan as one JSON document (see the module's documentation).
    pub fn document(&self) -> Value {
        let specs = &self.target.inputs;
        let batch = self.batch.as_ref().map(|b| {
            let rows: Vec<Value> = b
                .rows
                .iter()
                .map(|(row, external_id, inputs)| json!({"row": row, "external_id": external_id, "inputs": inputs_json(specs, inputs)}))
                .collect();
            json!({"file": b.file, "batch_key": b.key, "rows": rows})
        });
        json!({
            "dry_run": true,
            "kind": noun(self.kind),
            "target": {"id": self.target.id, "name": self.target.name},
            "runs": self.runs(),
            "estimated_cost": Estimate::of(self.target, self.runs()).map(|e| e.json()),
            "external_id": self.external_id,
            "inputs": inputs_json(specs, self.inputs),
            "files": self.files.iter().map(|f| json!({"path": f.path.display().to_string(), "bytes": f.size, "mime_type": f.mime_type})).collect::<Vec<_>>(),
            "batch": batch,
        })
    }

    /// The plan as lines for people.
    pub fn lines(&self) -> Vec<String> {
        let target = match self.target.name.trim() {
            "" => clean_line(&self.target.id),
            name => format!("{} ({})", clean_line(name), clean_line(&self.target.id)),
        };
        let mut lines = vec![format!("{:<16}{target}", format!("{}:", noun(self.kind)))];
        if let Some(batch) = &self.batch {
            lines.push(format!(
                "batch:          {}, batch key {}",
                clean_line(batch.file),
                clean_line(batch.key)
            ));
        }
        if let Some(key) = self.external_id {
            lines.push(format!("external id:    {}", clean_line(key)));
        }
        lines.push(format!("runs:           {}", self.runs()));
        let cost = Estimate::of(self.target, self.runs()).map_or_else(
            || "unknown (the catalog gives none)".into(),
            |e| e.describe(),
        );
        lines.push(format!("estimated cost: {cost}"));
        let title = if self.batch.is_some() {
            "inputs every row shares:"
        } else {
            "inputs:"
        };
        lines.extend(section(title, self.inputs_table()));
        if let Some(batch) = &self.batch {
            lines.extend(section("rows:", rows_table(batch)));
            if batch.rows.len() > ROWS_SHOWN {
                lines.push(format!(
                    "  … and {} more rows (`--json` lists every row)",
                    batch.rows.len() - ROWS_SHOWN
                ));
            }
        }
        lines.extend(section("files to upload:", self.files_table()));
        lines
    }

    fn inputs_table(&self) -> Option<Table> {
        let mut table = Table::new(["KEY", "TYPE", "FORM", "VALUE"]);
        for input in self.inputs {
            let kind = spec_of(&self.target.inputs, input).map_or("", |s| s.kind.as_str());
            let (form, value) = shown_value(&input.value);
            table.row([clean_line(&input.key), clean_line(kind), form.into(), value]);
        }
        (!self.inputs.is_empty()).then_some(table)
    }

    fn files_table(&self) -> Option<Table> {
        let mut table = Table::new(["PATH", "SIZE", "TYPE"]);
        for file in &self.files {
            table.row([
                clean_line(&file.path.display().to_string()),
                human_bytes(file.size),
                file.mime_type.clone(),
            ]);
        }
        (!self.files.is_empty()).then_some(table)
    }
}

/// Prints the plan (stdout) and says on stderr that nothing was spent.
pub fn print(ctx: &Context, plan: &DryRunPlan<'_>) -> anyhow::Result<Exit> {
    if ctx.out.is_json() {
        ctx.out.json(&plan.document())?;
    } else {
        for line in plan.lines() {
            ctx.out.line(&line)?;
        }
    }
    ctx.out
        .status("dry run: every check passed; nothing was uploaded or created");
    Ok(Exit::Success)
}

fn noun(kind: Kind) -> &'static str {
    kind.noun()
}

fn spec_of<'a>(specs: &'a [InputSpec], input: &PlannedInput) -> Option<&'a InputSpec> {
    specs.iter().find(|s| s.id == input.id)
}

fn inputs_json(specs: &[InputSpec], inputs: &[PlannedInput]) -> Vec<Value> {
    inputs
        .iter()
        .map(|input| {
            let mut doc = json!({
                "id": input.id,
                "key": input.key,
                "type": spec_of(specs, input).map(|s| s.kind.as_str()),
            });
            match &input.value {
                Planned::Text(text) => {
                    doc["form"] = json!("text");
                    doc["value"] = json!(text);
                }
                Planned::Stdin => doc["form"] = json!("stdin"),
                Planned::Json(value) => {
                    doc["form"] = json!("json");
                    doc["value"] = value.clone();
                }
                Planned::Assets(sources) => {
                    let (files, assets) = split_sources(sources);
                    doc["form"] = json!("files");
                    doc["files"] = json!(files);
                    doc["assets"] = json!(assets);
                }
            }
            doc
        })
        .collect()
}

/// Local paths and existing asset ids of a file input.
fn split_sources(sources: &[AssetSource]) -> (Vec<String>, Vec<String>) {
    let mut files = Vec::new();
    let mut assets = Vec::new();
    for source in sources {
        match source {
            AssetSource::File(path) => files.push(path.display().to_string()),
            AssetSource::Existing(id) => assets.push(id.clone()),
        }
    }
    (files, assets)
}

/// The form and a short readable value of an input.
fn shown_value(value: &Planned) -> (&'static str, String) {
    match value {
        Planned::Text(text) => ("text", clean_line(&truncate(&format!("{text:?}"), 60))),
        Planned::Stdin => ("stdin", String::new()),
        Planned::Json(value) => ("json", clean_line(&truncate(&value.to_string(), 60))),
        Planned::Assets(sources) => {
            let (files, assets) = split_sources(sources);
            let shown: Vec<String> = files
                .iter()
                .map(|f| format!("@{f}"))
                .chain(assets.iter().map(|a| format!("asset:{a}")))
                .collect();
            ("files", clean_line(&shown.join(", ")))
        }
    }
}

fn rows_table(batch: &Batch<'_>) -> Option<Table> {
    let mut table = Table::new(["ROW", "EXTERNAL ID", "INPUTS"]);
    for (row, external_id, inputs) in batch.rows.iter().take(ROWS_SHOWN) {
        let values: Vec<String> = inputs
            .iter()
            .map(|i| format!("{}={}", i.key, shown_value(&i.value).1))
            .collect();
        table.row([
            row.to_string(),
            clean_line(external_id),
            clean_line(&truncate(&values.join(" "), 80)),
        ]);
    }
    (!batch.rows.is_empty()).then_some(table)
}

fn section(title: &str, table: Option<Table>) -> Vec<String> {
    let Some(table) = table else {
        return Vec::new();
    };
    let mut lines = vec![title.to_string()];
    lines.extend(table.render_aligned().lines().map(|l| format!("  {l}")));
    lines
}

/// The files of a batch, each once, ordered by path so that the plan reads the same each time.
pub fn sorted_files<'a>(files: impl Iterator<Item = &'a LocalFile>) -> Vec<&'a LocalFile> {
    let mut files: Vec<&LocalFile> = files.collect();
    files.sort_by(|a, b| Path::cmp(&a.path, &b.path));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_lists_inputs_files_and_the_cost() {
        let target = CatalogEntry::from_value(json!({"id": "g-1", "name": "Product Shot", "estimated_cost": 4,
            "inputs": [{"id": "p", "name": "prompt", "type": "text_input"}, {"id": "i", "name": "product", "type": "image_input"}]}))
        .unwrap();
        let inputs = vec![
            PlannedInput {
                id: "p".into(),
                key: "prompt".into(),
                value: Planned::Text("a red shoe".into()),
            },
            PlannedInput {
                id: "i".into(),
                key: "product".into(),
                value: Planned::Assets(vec![
                    AssetSource::File("shoe.png".into()),
                    AssetSource::Existing("a-1".into()),
                ]),
            },
        ];
        let file = LocalFile {
            path: "shoe.png".into(),
            filename: "shoe.png".into(),
            mime_type: "image/png".into(),
            sniffed: Some("image/png"),
            size: 2048,
        };
        let plan = DryRunPlan {
            kind: Kind::Agent,
            target: &target,
            inputs: &inputs,
            files: vec![&file],
            external_id: None,
            batch: None,
        };
        let doc = plan.document();
        assert_eq!(
            doc["estimated_cost"],
            json!({"per_run": 4, "runs": 1, "total": 4})
        );
        assert_eq!(
            doc["inputs"][1],
            json!({"id": "i", "key": "product", "type": "image_input", "form": "files", "files": ["shoe.png"], "assets": ["a-1"]})
        );
        assert_eq!(
            doc["files"],
            json!([{"path": "shoe.png", "bytes": 2048, "mime_type": "image/png"}])
        );
        let text = plan.lines().join("\n");
        assert!(
            text.contains("agent:          Product Shot (g-1)"),
            "{text}"
        );
        assert!(
            text.contains("estimated cost: 4 credits (4 per run)"),
            "{text}"
        );
        assert!(text.contains("\"a red shoe\""), "{text}");
        assert!(text.contains("@shoe.png, asset:a-1"), "{text}");
        assert!(
            text.contains("2.0 KiB") && text.contains("image/png"),
            "{text}"
        );
    }
}
