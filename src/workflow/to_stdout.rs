//! `-o -`: a result's bytes on stdout, so `pletor run … -o - | magick - …` works.
//!
//! The contract:
//! - Exactly one file goes to stdout, and nothing else does (no texts, no paths); progress and
//!   messages stay on stderr.
//! - It is verified as every download is (size, and SHA-256 when the metadata has one): it is
//!   downloaded into a private temporary folder first, then copied, so a body cut short or
//!   corrupt never reaches the reader; the temporary copy is removed.
//! - Several files: exit 2 listing them, with `pletor download ASSET -o -` (the selector that
//!   already exists) to pick one. No file: the run's texts are its data, as without `-o`.
//! - Refused before anything is paid for when stdout cannot take bytes: `--json` (stdout is the
//!   document) or a terminal (bytes would garble it).

use std::path::Path;

use crate::api::models::{Run, RunResult};
use crate::context::Context;
use crate::error::UsageError;
use crate::output::clean_line;
use crate::transfer::{self, Existing, Saved};

/// Whether `-o` names stdout.
pub fn wanted(dir: Option<&Path>) -> bool {
    dir.is_some_and(|dir| dir.as_os_str() == "-")
}

/// Refuses `-o -` where stdout cannot carry a file's bytes; called before any request.
pub fn check(ctx: &Context) -> Result<(), UsageError> {
    if ctx.out.is_json() {
        return Err(UsageError::new(
            "`-o -` writes the file's bytes on stdout, where `--json` writes its document",
            "drop `--json` (or `--jq`), or save into a folder with `-o DIR`",
        ));
    }
    if ctx.out.stdout_is_terminal() {
        return Err(UsageError::new(
            "`-o -` would write a file's bytes to the terminal",
            "pipe or redirect stdout (`-o - > file.png`, `-o - | magick - …`), or use `-o DIR`",
        ));
    }
    Ok(())
}

/// The one result file of `run` on stdout. `None` when the run made no file (its texts are then
/// its data); a usage error listing the files when it made several.
pub async fn write_run(ctx: &Context, run: &Run) -> anyhow::Result<Option<Saved>> {
    let mut files: Vec<(String, Option<String>)> = Vec::new();
    for result in &run.results {
        if let RunResult::Asset { asset_id, name } = result
            && !files.iter().any(|(id, _)| id == asset_id)
        {
            files.push((asset_id.clone(), name.clone()));
        }
    }
    let what = format!("run {}", clean_line(&run.id));
    match files.as_slice() {
        [] => Ok(None),
        [(id, _)] => write_asset(ctx, id).await.map(Some),
        many => Err(several(&what, many).into()),
    }
}

/// The one asset of `download` on stdout; a usage error listing them when there are several
/// (`what` names where they come from: `run …`, or the command line).
pub async fn write_assets(ctx: &Context, what: &str, ids: &[String]) -> anyhow::Result<Vec<Saved>> {
    let mut unique: Vec<(String, Option<String>)> = Vec::new();
    for id in ids {
        if !unique.iter().any(|(seen, _)| seen == id) {
            unique.push((id.clone(), None));
        }
    }
    match unique.as_slice() {
        [] => Ok(Vec::new()),
        [(id, _)] => Ok(vec![write_asset(ctx, id).await?]),
        many => Err(several(what, many).into()),
    }
}

/// Downloads one asset, verified, into a temporary folder, then copies it to stdout.
async fn write_asset(ctx: &Context, id: &str) -> anyhow::Result<Saved> {
    let folder = tempfile::Builder::new()
        .prefix("pletor-stdout-")
        .tempdir()
        .map_err(|err| anyhow::anyhow!("cannot make a temporary folder for `-o -`: {err}"))?;
    let mut saved = transfer::download_assets(
        ctx,
        &[id.to_string()],
        folder.path(),
        Existing::Overwrite,
        1,
    )
    .await?;
    let mut file = saved
        .pop()
        .ok_or_else(|| anyhow::anyhow!("the download of `{}` saved nothing", clean_line(id)))?;
    let path = folder
        .path()
        .join(file.path.file_name().unwrap_or_default());
    ctx.out.file_bytes(&path)?;
    file.path = std::path::PathBuf::from("-");
    Ok(file)
}

/// The error for several files: each asset (with its name when the result has one), and the
/// command that writes one of them.
fn several(what: &str, files: &[(String, Option<String>)]) -> UsageError {
    let listed: Vec<String> = files
        .iter()
        .map(|(id, name)| match name {
            Some(name) => format!("{} ({})", clean_line(id), clean_line(name)),
            None => clean_line(id),
        })
        .collect();
    let first = crate::workflow::next::shell_word(&files[0].0);
    UsageError::new(
        format!(
            "{what} has {} files and `-o -` writes exactly one: {}",
            files.len(),
            listed.join(", ")
        ),
        format!(
            "write one with `pletor download ASSET -o -` (e.g. `pletor download {first} -o -`), or save them all with `-o DIR`"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_dash_means_stdout() {
        assert!(wanted(Some(Path::new("-"))));
        assert!(!wanted(Some(Path::new("./-"))));
        assert!(!wanted(Some(Path::new("out"))));
        assert!(!wanted(None));
    }

    #[test]
    fn several_files_are_listed_with_the_command_that_picks_one() {
        let err = several(
            "run r1",
            &[("a1".into(), Some("hero".into())), ("b2".into(), None)],
        );
        assert_eq!(
            err.message,
            "run r1 has 2 files and `-o -` writes exactly one: a1 (hero), b2"
        );
        assert!(err.hint.unwrap().contains("`pletor download a1 -o -`"));
    }
}
