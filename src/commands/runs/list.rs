//! `pletor runs list`: a table of runs, or the server's objects with `--json`.

use serde_json::Value;

use super::ListCmd;
use crate::api::list::Limit;
use crate::api::models::RunStatus;
use crate::api::runs::{self, RunKind};
use crate::context::Context;
use crate::error::Exit;
use crate::output::Table;

/// Lists agent runs (or app runs with `--app`), newest first as the server orders them.
pub async fn run(ctx: &Context, args: ListCmd) -> anyhow::Result<Exit> {
    let kind = if args.app {
        RunKind::App
    } else {
        RunKind::Agent
    };
    let limit = args.list.limit();
    // The status filter is applied here (the API documents none), so with a limit it must
    // look further than `limit` items to find `limit` matches.
    let fetch_limit = if args.status.is_some() {
        Limit::All
    } else {
        limit
    };
    let mut items = runs::list(ctx.api()?, kind, args.external_id.as_deref(), fetch_limit).await?;
    if let Some(wanted) = &args.status {
        items.retain(|item| has_status(item, wanted));
    }
    if let Limit::AtMost(n) = limit {
        items.truncate(n);
    }
    if ctx.out.is_json() {
        ctx.out.json(&Value::Array(items))?;
        return Ok(Exit::Success);
    }
    if items.is_empty() {
        ctx.out
            .status(&format!("no {} match", kind.collection().replace('-', " ")));
        return Ok(Exit::Success);
    }
    let target = if kind == RunKind::App { "APP" } else { "AGENT" };
    let mut table = Table::new(["ID", "STATUS", target, "CREATED", "EXTERNAL ID"]);
    for item in &items {
        let text = |keys: &[&str]| {
            crate::api::spec::first_str(item, keys)
                .unwrap_or("")
                .to_string()
        };
        table.row([
            text(&["id", "run_id"]),
            text(&["status"]),
            text(&[kind.target_field()]),
            text(&["created_at"]),
            text(&["external_id"]),
        ]);
    }
    ctx.out.table(&table)?;
    Ok(Exit::Success)
}

/// Whether a listed run is in state `wanted` (`canceled` matches `cancelled`).
fn has_status(item: &Value, wanted: &str) -> bool {
    let status = item.get("status").and_then(Value::as_str).unwrap_or("");
    RunStatus::parse(status) == RunStatus::parse(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn status_filters_accept_both_spellings() {
        assert!(has_status(&json!({"status": "cancelled"}), "canceled"));
        assert!(has_status(&json!({"status": "RUNNING"}), "running"));
        assert!(!has_status(&json!({"status": "failed"}), "completed"));
        assert!(!has_status(&json!({}), "completed"));
    }
}
