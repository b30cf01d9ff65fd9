//! `pletor runs list`: a table of runs, newest first, with agent and app names; or the server's
//! objects (in the same order) with `--json`.

use std::collections::HashMap;

use serde_json::Value;

use super::ListCmd;
use crate::api::Kind;
use crate::api::list::Limit;
use crate::api::models::RunStatus;
use crate::api::runs;
use crate::context::Context;
use crate::error::Exit;
use crate::output::{Table, clean_line};
use crate::workflow::{listing, resolve};

/// Lists agent runs (or app runs with `--app`), newest first by `created_at`.
pub async fn run(ctx: &Context, args: ListCmd) -> anyhow::Result<Exit> {
    let kind = if args.app { Kind::App } else { Kind::Agent };
    let agent = match &args.agent {
        Some(text) => Some(resolve::resolve_id(ctx, Kind::Agent, text).await?),
        None => None,
    };
    let limit = args.list.limit();
    // The filters are applied here (the API documents none but `external_id`), so with a limit
    // they must look through every run to find `limit` matches.
    let filtered = args.status.is_some() || agent.is_some() || args.since.is_some();
    let fetch_limit = if filtered { Limit::All } else { limit };
    let listing = runs::list(ctx.api()?, kind, args.external_id.as_deref(), fetch_limit).await?;
    ctx.warn_short(listing.shortfall.as_ref());
    let mut items = listing.items;
    items.retain(|item| {
        args.status.as_ref().is_none_or(|s| has_status(item, s))
            && agent.as_ref().is_none_or(|id| made_with(item, kind, id))
            && args
                .since
                .is_none_or(|since| listing::created_at(item).is_some_and(|at| at >= since))
    });
    listing::newest_first(&mut items);
    if let Limit::AtMost(n) = limit {
        items.truncate(n);
    }
    if ctx.out.is_json() {
        ctx.out.json(&Value::Array(items))?;
        return Ok(Exit::Success);
    }
    if items.is_empty() {
        ctx.out
            .status(&format!("no {} match", kind.runs().replace('-', " ")));
        return Ok(Exit::Success);
    }
    let names = listing::names(ctx, kind).await;
    ctx.out.table(&table(kind, &items, &names))?;
    Ok(Exit::Success)
}

/// The table: the agent (or app) by name when the catalog knows it, else by id.
fn table(kind: Kind, items: &[Value], names: &HashMap<String, String>) -> Table {
    let target = if kind == Kind::App { "APP" } else { "AGENT" };
    let mut table = Table::new(["ID", "STATUS", target, "CREATED", "EXTERNAL ID"]);
    for item in items {
        let text = |keys: &[&str]| {
            crate::api::spec::first_str(item, keys)
                .map(clean_line)
                .unwrap_or_default()
        };
        let target_id = text(&[kind.target_field()]);
        let target = names
            .get(&target_id.to_lowercase())
            .map_or(target_id, |name| clean_line(name));
        table.row([
            text(&["id", "run_id"]),
            if awaits_review(item) {
                "awaiting review".to_string()
            } else {
                text(&["status"])
            },
            target,
            text(&["created_at"]),
            text(&["external_id"]),
        ]);
    }
    table
}

/// Whether a listed run was made with the agent (or app) `id`.
fn made_with(item: &Value, kind: Kind, id: &str) -> bool {
    item.get(kind.target_field())
        .and_then(Value::as_str)
        .is_some_and(|target| target.eq_ignore_ascii_case(id))
}

/// Whether a listed run is in state `wanted` (`canceled` matches `cancelled`). `awaiting_review`
/// is not a server status: a run that still runs and waits for a person.
fn has_status(item: &Value, wanted: &str) -> bool {
    let status = item.get("status").and_then(Value::as_str).unwrap_or("");
    if wanted.eq_ignore_ascii_case(AWAITING_REVIEW) {
        return awaits_review(item);
    }
    RunStatus::parse(status) == RunStatus::parse(wanted)
}

/// The state `--status` takes for runs that wait for a person.
const AWAITING_REVIEW: &str = "awaiting_review";

/// Whether a listed run waits for a person (the API keeps it `running` meanwhile).
fn awaits_review(item: &Value) -> bool {
    crate::api::models::Run::from_value(item.clone())
        .is_some_and(|run| run.awaiting_review && !run.status.is_terminal())
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
        let waiting = json!({"id": "r", "status": "running", "awaiting_human_review": true});
        assert!(has_status(&waiting, "awaiting_review"));
        assert!(has_status(&waiting, "running"), "it still runs");
        assert!(!has_status(
            &json!({"id": "r", "status": "running"}),
            "awaiting_review"
        ));
    }

    #[test]
    fn tables_name_the_agent_and_fall_back_to_its_id() {
        let items = [
            json!({"id": "r1", "status": "running", "agent_id": "A-1"}),
            json!({"id": "r2", "status": "running", "agent_id": "b-2"}),
        ];
        let names = HashMap::from([("a-1".to_string(), "Product\u{1b}[31m Shot".to_string())]);
        let text = table(Kind::Agent, &items, &names).render(false);
        assert!(
            text.contains("Product") && !text.contains('\u{1b}'),
            "{text}"
        );
        assert!(text.contains("b-2"), "{text}");
        assert!(made_with(&items[0], Kind::Agent, "a-1"));
        assert!(!made_with(&items[0], Kind::App, "a-1"));
    }
}
