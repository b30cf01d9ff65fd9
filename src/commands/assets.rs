//! `pletor assets list|show`.

use clap::{Args, Subcommand};
use serde_json::Value;

use super::ListArgs;
use crate::api::assets;
use crate::api::models::Asset;
use crate::context::Context;
use crate::error::Exit;
use crate::output::{Table, clean_line, human_bytes};

/// Asset commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List assets, newest first
    #[command(
        after_help = "Examples:\n  pletor assets list\n  pletor assets list --external-id shoe-v1 --json --jq '.[0].id'"
    )]
    List(ListCmd),
    /// Show an asset's metadata
    Show(ShowCmd),
}

/// Arguments of `assets list`.
#[derive(Debug, Args)]
pub struct ListCmd {
    /// Keep the asset uploaded with this idempotency key
    #[arg(long, value_name = "K")]
    pub external_id: Option<String>,

    #[command(flatten)]
    pub list: ListArgs,
}

/// Arguments of `assets show`.
#[derive(Debug, Args)]
pub struct ShowCmd {
    /// The asset id
    #[arg(add = clap_complete::ArgValueCompleter::new(crate::commands::complete::asset_ids))]
    pub asset: String,
}

/// Runs an assets command.
pub async fn run(ctx: &Context, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::List(args) => list(ctx, args).await,
        Command::Show(args) => show(ctx, args).await,
    }
}

/// A table (ID, FILENAME, TYPE, SIZE, EXTERNAL ID, CREATED), or the server's objects; newest
/// first by `created_at` either way, whatever order the server answers in.
async fn list(ctx: &Context, args: ListCmd) -> anyhow::Result<Exit> {
    let listing = assets::list(ctx.api()?, args.external_id.as_deref(), args.list.limit()).await?;
    ctx.warn_short(listing.shortfall.as_ref());
    let mut items = listing.items;
    crate::workflow::listing::newest_first(&mut items);
    if let Some(key) = &args.external_id {
        // A server that ignored the filter must not make us show other assets.
        items.retain(|item| item.get("external_id").and_then(Value::as_str) == Some(key.as_str()));
    }
    if ctx.out.is_json() {
        ctx.out.json(&Value::Array(items))?;
        return Ok(Exit::Success);
    }
    if items.is_empty() {
        ctx.out.status("no assets match");
        return Ok(Exit::Success);
    }
    let mut table = Table::new(["ID", "FILENAME", "TYPE", "SIZE", "EXTERNAL ID", "CREATED"]);
    for asset in items.into_iter().filter_map(Asset::from_value) {
        let text = |key: &str| {
            asset
                .raw
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        table.row([
            asset.id.clone(),
            asset.filename.clone().unwrap_or_default(),
            asset.mime_type.clone().unwrap_or_default(),
            asset.size.map(human_bytes).unwrap_or_default(),
            text("external_id"),
            text("created_at"),
        ]);
    }
    ctx.out.table(&table)?;
    Ok(Exit::Success)
}

/// `key: value` lines, or the server's object with `--json`.
async fn show(ctx: &Context, args: ShowCmd) -> anyhow::Result<Exit> {
    let id = crate::workflow::ids::asset(&args.asset, &args.asset)?;
    let asset = assets::get(ctx.api()?, &id).await?;
    if ctx.out.is_json() {
        ctx.out.json(&asset.raw)?;
        return Ok(Exit::Success);
    }
    for line in describe(&asset) {
        ctx.out.line(&line)?;
    }
    ctx.out.hint(&format!(
        "download it with `pletor download {}`",
        clean_line(&asset.id)
    ));
    Ok(Exit::Success)
}

fn describe(asset: &Asset) -> Vec<String> {
    let text = |key: &str| asset.raw.get(key).and_then(Value::as_str).map(clean_line);
    let size = asset
        .size
        .map(|s| format!("{} ({s} bytes)", human_bytes(s)));
    let fields = [
        ("id", Some(clean_line(&asset.id))),
        ("filename", asset.filename.as_deref().map(clean_line)),
        ("type", asset.mime_type.as_deref().map(clean_line)),
        ("size", size),
        ("sha256", asset.sha256.as_deref().map(clean_line)),
        ("external id", text("external_id")),
        ("created", text("created_at")),
        ("url", text("url")),
    ];
    fields
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| format!("{key:<12} {v}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_lists_known_fields_cleaned_and_skips_missing_ones() {
        let asset = Asset::from_value(
            serde_json::json!({"id": "a1", "filename": "x\u{1b}[2J.png", "size": 2048}),
        )
        .unwrap();
        assert_eq!(
            describe(&asset),
            vec![
                "id           a1",
                "filename     x.png",
                "size         2.0 KiB (2048 bytes)"
            ]
        );
    }
}
