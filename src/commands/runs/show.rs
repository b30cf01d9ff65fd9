//! `pletor runs show RUN`: status, the agent or app and the inputs by name, results, pending
//! reviews and error of one run. With `--json`, the server's object unchanged (ids only).

use serde_json::Value;

use super::ShowCmd;
use crate::api::Kind;
use crate::api::models::{CatalogEntry, Run, RunResult};
use crate::context::Context;
use crate::error::Exit;
use crate::output::clean_line;
use crate::workflow::next::{self, Next};

/// Shows one run: the server's object with `--json`, else one fact per line.
pub async fn run(ctx: &Context, args: ShowCmd) -> anyhow::Result<Exit> {
    let (kind, run) = crate::workflow::ids::run(ctx, &args.run, args.kind.kind()).await?;
    if ctx.out.is_json() {
        ctx.out.json(&run.raw)?;
        return Ok(Exit::Success);
    }
    let target = match run.raw.get(kind.target_field()).and_then(Value::as_str) {
        Some(id) => crate::workflow::listing::target(ctx, kind, id).await,
        None => None,
    };
    for line in describe(kind, &run, target.as_ref()) {
        ctx.out.line(&line)?;
    }
    Ok(Exit::Success)
}

/// The lines of `runs show`, every server text cleaned; `target` (when it could be read) names
/// the agent or app and the inputs.
fn describe(kind: Kind, run: &Run, target: Option<&CatalogEntry>) -> Vec<String> {
    let raw = &run.raw;
    let field = |key: &str| raw.get(key).and_then(Value::as_str).map(clean_line);
    let mut lines = vec![format!("ID:          {}", clean_line(&run.id))];
    let (noun, label) = match kind {
        Kind::Agent => ("agent run", "Agent:      "),
        Kind::App => ("app run", "App:        "),
    };
    lines.push(format!("Kind:        {noun}"));
    let mut status = clean_line(run.status.as_str());
    if run.awaiting_review && !run.status.is_terminal() {
        status.push_str(" (waiting for a review)");
    }
    lines.push(format!("Status:      {status}"));
    if let Some(id) = field(kind.target_field()) {
        match target.map(|t| t.name.trim()).filter(|n| !n.is_empty()) {
            Some(name) => lines.push(format!("{label} {} ({id})", clean_line(name))),
            None => lines.push(format!("{label} {id}")),
        }
    }
    for (label, key) in [
        ("External id:", "external_id"),
        ("Created:    ", "created_at"),
    ] {
        if let Some(value) = field(key) {
            lines.push(format!("{label} {value}"));
        }
    }
    if let Some(error) = &run.error {
        lines.push(format!("Error:       {}", clean_line(error)));
    }
    lines.extend(section("Inputs", inputs(raw, target)));
    lines.extend(section("Results", results(run)));
    lines.extend(section("Pending reviews", reviews(kind, run)));
    lines
}

fn section(title: &str, items: Vec<String>) -> Vec<String> {
    if items.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!("{title}:")];
    lines.extend(items.into_iter().map(|item| format!("  {item}")));
    lines
}

/// One line per input, named by its key (`prompt`) when the target declares it, else its id.
fn inputs(raw: &Value, target: Option<&CatalogEntry>) -> Vec<String> {
    crate::workflow::listing::inputs_by_name(raw, target)
        .into_iter()
        .map(|(key, value)| {
            clean_line(&format!(
                "{key}: {}",
                crate::workflow::listing::input_value_line(&value, 100)
            ))
        })
        .collect()
}

fn results(run: &Run) -> Vec<String> {
    run.results
        .iter()
        .map(|result| match result {
            RunResult::Asset {
                asset_id,
                name: Some(name),
            } => format!("asset {} ({})", clean_line(asset_id), clean_line(name)),
            RunResult::Asset {
                asset_id,
                name: None,
            } => format!("asset {}", clean_line(asset_id)),
            RunResult::Text(text) => {
                format!("text: {}", clean_line(&crate::output::truncate(text, 200)))
            }
        })
        .collect()
}

fn reviews(kind: Kind, run: &Run) -> Vec<String> {
    let mut lines: Vec<String> = run
        .pending_reviews
        .iter()
        .map(|review| {
            let mut line = format!("review {}", clean_line(&review.id));
            if !review.asset_ids.is_empty() {
                line.push_str(&format!(
                    ", assets {}",
                    clean_line(&review.asset_ids.join(", "))
                ));
            }
            if let Some(text) = &review.text {
                line.push_str(&format!(
                    ": {}",
                    clean_line(&crate::output::truncate(text, 100))
                ));
            }
            line
        })
        .collect();
    if !lines.is_empty() {
        lines.push(format!(
            "answer with `{}`",
            next::command(kind, &run.id, Next::REVIEW_ALL)
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn runs_show_every_part_cleaned() {
        let run = Run::from_value(json!({
            "id": "r1", "agent_id": "g1", "status": "running", "awaiting_human_review": true,
            "external_id": "k\u{1b}[31m", "inputs": [{"id": "p", "value": "hi"}, {"id": "i", "value": {"asset_ids": ["a"]}}],
            "pending_reviews": [{"id": "v1", "asset_ids": ["d"], "text": "draft"}],
            "results": [{"text": "t"}], "error": null
        }))
        .unwrap();
        let text = describe(Kind::Agent, &run, None).join("\n");
        assert!(
            text.contains("Status:      running (waiting for a review)"),
            "{text}"
        );
        assert!(
            text.contains("External id: k\n") || text.contains("External id: k"),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'));
        assert!(text.contains("  p: hi\n  i: assets a"), "{text}");
        assert!(text.contains("review v1, assets d: draft"), "{text}");
        assert!(text.contains("`pletor review r1`"), "{text}");
        let target = CatalogEntry::from_value(json!({"id": "g1", "name": "Product Shot",
            "inputs": [{"id": "p", "name": "prompt", "type": "text_input"}]}))
        .unwrap();
        let text = describe(Kind::Agent, &run, Some(&target)).join("\n");
        assert!(text.contains("Agent:       Product Shot (g1)"), "{text}");
        assert!(text.contains("  prompt: hi\n  i: assets a"), "{text}");
    }
}
