//! `pletor upload FILE...`: streaming, parallel, idempotent uploads.

use std::path::PathBuf;

use clap::Args as ClapArgs;
use serde_json::Value;

use crate::api::spec::EXTERNAL_ID_MAX;
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::output::{Table, clean_line, human_bytes};
use crate::transfer::{self, LocalFile};

/// Arguments of `upload`.
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  pletor upload shoe.jpg\n  pletor upload shoe.jpg --external-id shoe-v1\n  pletor upload *.png --json --jq '.[].id'"
)]
pub struct Args {
    /// The files to upload
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Idempotency key (one file only): uploading again with it adopts the first upload
    #[arg(long, value_name = "K")]
    pub external_id: Option<String>,

    /// Files uploaded at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = transfer::parse_concurrency)]
    pub concurrency: usize,
}

/// Uploads the files: every path is checked first, then they go up in parallel; prints a table
/// (FILE, ASSET ID, SIZE) or, with `--json`, the server's asset objects as an array.
pub async fn run(ctx: &Context, args: Args) -> anyhow::Result<Exit> {
    let files = transfer::check_files(&args.files)?;
    refuse_empty(&files)?;
    let given_key = args.external_id.is_some();
    let keyed = with_external_ids(files, args.external_id)?;
    let shown: Vec<(String, u64)> = keyed
        .iter()
        .map(|(f, _)| (f.path.display().to_string(), f.size))
        .collect();
    let uploaded = transfer::upload_files(ctx, keyed, args.concurrency).await?;
    for ((path, _), item) in shown.iter().zip(&uploaded) {
        // With a generated key, adoption only means our own retry met our first attempt.
        if item.adopted && given_key {
            ctx.out.status(&format!(
                "`{path}` was already uploaded with this external id: adopted {}",
                clean_line(&item.asset.id)
            ));
        }
    }
    if ctx.out.is_json() {
        ctx.out.json(&Value::Array(
            uploaded.into_iter().map(|u| u.asset.raw).collect(),
        ))?;
        return Ok(Exit::Success);
    }
    let mut table = Table::new(["FILE", "ASSET ID", "SIZE"]);
    for ((path, size), item) in shown.into_iter().zip(&uploaded) {
        table.row([
            path,
            item.asset.id.clone(),
            human_bytes(item.asset.size.unwrap_or(size)),
        ]);
    }
    ctx.out.table(&table)?;
    Ok(Exit::Success)
}

/// An empty file makes an asset no run accepts: refused before anything is sent, as `run`
/// refuses one.
fn refuse_empty(files: &[LocalFile]) -> Result<(), UsageError> {
    let empty: Vec<String> = files
        .iter()
        .filter(|f| f.size == 0)
        .map(|f| format!("`{}`", f.path.display()))
        .collect();
    match empty.as_slice() {
        [] => Ok(()),
        [one] => Err(UsageError::new(
            format!("{one} is empty (0 bytes); nothing was uploaded"),
            "check the file: an asset needs content",
        )),
        many => Err(UsageError::new(
            format!(
                "{} are empty (0 bytes); nothing was uploaded",
                many.join(", ")
            ),
            "check the files: an asset needs content",
        )),
    }
}

/// Pairs each file with its idempotency key: the one given (a single file only) or a fresh one.
fn with_external_ids(
    files: Vec<LocalFile>,
    given: Option<String>,
) -> anyhow::Result<Vec<(LocalFile, String)>> {
    let Some(key) = given else {
        return Ok(files
            .into_iter()
            .map(|f| (f, transfer::generated_external_id()))
            .collect());
    };
    if files.len() > 1 {
        return Err(UsageError::new(
            format!(
                "`--external-id` names one upload, but {} files were given",
                files.len()
            ),
            "upload the files one at a time, each with its own `--external-id`",
        )
        .into());
    }
    if key.trim().is_empty() || key.len() > EXTERNAL_ID_MAX {
        return Err(UsageError::new(
            format!(
                "`--external-id` must have 1 to {EXTERNAL_ID_MAX} characters (got {})",
                key.len()
            ),
            "choose a shorter key",
        )
        .into());
    }
    Ok(files.into_iter().map(|f| (f, key.clone())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> LocalFile {
        LocalFile {
            path: name.into(),
            filename: name.into(),
            mime_type: "text/plain".into(),
            sniffed: None,
            size: 1,
        }
    }

    #[test]
    fn a_given_external_id_applies_to_one_file_only() {
        let keyed = with_external_ids(vec![file("a")], Some("k".into())).unwrap();
        assert_eq!(keyed[0].1, "k");
        let err = with_external_ids(vec![file("a"), file("b")], Some("k".into())).unwrap_err();
        assert_eq!(crate::error::classify(&err).exit, Exit::Usage);
        assert!(with_external_ids(vec![file("a")], Some("x".repeat(256))).is_err());
    }

    #[test]
    fn generated_external_ids_are_distinct_per_file() {
        let keyed = with_external_ids(vec![file("a"), file("b")], None).unwrap();
        assert!(keyed[0].1.starts_with("upload-"));
        assert_ne!(keyed[0].1, keyed[1].1);
    }
}
