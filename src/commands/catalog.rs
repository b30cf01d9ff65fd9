//! `agents list|show` and `apps list|show`: the same views over two collections.

use clap::Args;
use serde_json::Value;

use super::ListArgs;
use crate::api::Kind;
use crate::api::catalog::{self, Filters};
use crate::api::models::{CatalogEntry, ValueShape};
use crate::context::Context;
use crate::error::Exit;
use crate::output::{Table, clean, clean_line};

/// Arguments of `list`.
#[derive(Debug, Args)]
pub struct ListCmd {
    /// Keep only items with this tag (repeat for any of several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Keep only items with this visibility (PUBLIC, PRIVATE, …)
    #[arg(long, value_name = "V")]
    pub visibility: Option<String>,

    #[command(flatten)]
    pub list: ListArgs,
}

/// Arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowCmd {
    /// Its id, an id prefix (8+ hex digits), its name ("Product Shot") or its slug (product-shot)
    #[arg(add = clap_complete::ArgValueCompleter::new(crate::commands::complete::targets))]
    pub id: String,
}

/// Lists agents or apps: a table, or the server's objects with `--json`.
pub async fn list(ctx: &Context, kind: Kind, args: ListCmd) -> anyhow::Result<Exit> {
    let filters = Filters {
        tags: args.tags,
        visibility: args.visibility,
    };
    let listing = catalog::list(ctx.api()?, kind, &filters, args.list.limit()).await?;
    ctx.warn_short(listing.shortfall.as_ref());
    let items = listing.items;
    if ctx.out.is_json() {
        ctx.out.json(&Value::Array(items))?;
        return Ok(Exit::Success);
    }
    if items.is_empty() {
        ctx.out.status(&format!("no {}s match", kind.noun()));
        return Ok(Exit::Success);
    }
    let mut table = Table::new(["ID", "NAME", "TAGS", "VISIBILITY", "COST"]);
    for item in &items {
        let text = |key: &str| {
            item.get(key)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let tags = item
            .get("tags")
            .and_then(Value::as_array)
            .map(|tags| {
                tags.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .unwrap_or_default();
        table.row([
            text("id"),
            text("name"),
            tags,
            text("visibility"),
            scalar(item.get("estimated_cost")),
        ]);
    }
    ctx.out.table(&table)?;
    Ok(Exit::Success)
}

/// Shows one agent or app: what it does, the keys to pass with `-i`, what it returns.
pub async fn show(ctx: &Context, kind: Kind, args: ShowCmd) -> anyhow::Result<Exit> {
    let agent = crate::workflow::resolve::resolve(ctx, kind, &args.id).await?;
    if ctx.out.is_json() {
        ctx.out.json(&agent.raw)?;
        return Ok(Exit::Success);
    }
    for line in describe(kind, &agent) {
        ctx.out.line(&line)?;
    }
    Ok(Exit::Success)
}

fn describe(kind: Kind, agent: &CatalogEntry) -> Vec<String> {
    let raw = &agent.raw;
    let mut lines = vec![format!(
        "{}  ({})",
        clean_line(&agent.name),
        clean_line(&agent.id)
    )];
    if let Some(description) = raw.get("description").and_then(Value::as_str) {
        lines.push(clean(description));
    }
    let mut facts = Vec::new();
    if let Some(tags) = raw.get("tags").and_then(Value::as_array) {
        let tags: Vec<&str> = tags.iter().filter_map(Value::as_str).collect();
        if !tags.is_empty() {
            facts.push(format!("tags: {}", clean_line(&tags.join(", "))));
        }
    }
    if let Some(visibility) = raw.get("visibility").and_then(Value::as_str) {
        facts.push(format!("visibility: {}", clean_line(visibility)));
    }
    if let Some(cost) = raw.get("estimated_cost").filter(|c| !c.is_null()) {
        facts.push(format!("estimated cost: {} credits", scalar(Some(cost))));
    }
    if !facts.is_empty() {
        lines.push(facts.join(" · "));
    }
    lines.push(String::new());
    lines.push("Inputs (pass with -i KEY=VALUE):".into());
    let mut inputs = Table::new(["KEY", "TYPE", "REQUIRED", "VALUE", "DESCRIPTION"]);
    for input in &agent.inputs {
        let value = match input.shape() {
            ValueShape::Text => "text",
            ValueShape::Assets => "@file or asset:ID",
            ValueShape::Either => "text or @file",
        };
        inputs.row([
            input.key().to_string(),
            input.kind.clone(),
            if input.required { "yes" } else { "" }.into(),
            value.into(),
            input.description.clone().unwrap_or_default(),
        ]);
    }
    lines.extend(inputs.render_aligned().lines().map(|l| format!("  {l}")));
    if let Some(outputs) = raw
        .get("outputs")
        .and_then(Value::as_array)
        .filter(|o| !o.is_empty())
    {
        lines.push(String::new());
        lines.push("Outputs:".into());
        let mut table = Table::new(["TYPE", "DESCRIPTION"]);
        for output in outputs {
            let get = |k: &str| {
                output
                    .get(k)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            table.row([get("type"), get("description")]);
        }
        lines.extend(table.render_aligned().lines().map(|l| format!("  {l}")));
    }
    lines.push(String::new());
    lines.push(format!("Run it: {}", example(kind, agent)));
    lines
}

fn example(kind: Kind, agent: &CatalogEntry) -> String {
    let command = match kind {
        Kind::Agent => "pletor run",
        Kind::App => "pletor app-run",
    };
    let mut text = format!("{command} {}", agent.id);
    for input in &agent.inputs {
        let key = input.key();
        let value = match input.shape() {
            ValueShape::Assets => format!("@{key}.png"),
            _ => "\"…\"".to_string(),
        };
        text.push_str(&format!(" -i {key}={value}"));
    }
    clean_line(&text)
}

fn scalar(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}
