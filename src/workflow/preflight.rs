//! The checks that close the gap between "every key is known and every value has the right
//! shape" ([`inputs::plan`](super::inputs::plan)) and the first upload, for `run`,
//! `app-run` and every row of a batch:
//!
//! - [`required`]: every input the catalog marks `required` has a value. When the catalog says
//!   nothing about `required`, nothing is enforced (the field is a guess and may be absent).
//! - [`contents`]: every local file fits the inputs it is given to: it is not empty, and an
//!   image input gets an image, told by the file's first bytes (not its name), unless the input
//!   says it accepts that type (`accept`, see `api::spec`).
//!
//! - [`asset_ids`]: every `asset:ID` is an id (a UUID; written in its canonical form).
//!
//! These are pure: they read the plan and the checked files, and return a usage error (exit 2)
//! naming the input and the file, so the caller can refuse before anything is paid for. Then
//! [`assets_exist`] reads every asset the plans name (only `GET`s): one that does not exist is
//! "not found" (exit 5) before the first upload, not a failed create, or a failed row after
//! others were paid for.

use std::collections::HashSet;

use futures_util::{StreamExt, stream};
use serde_json::Value;

use crate::api::assets;
use crate::api::models::{InputSpec, ValueShape};
use crate::context::Context;
use crate::error::{Exit, Failure, UsageError};
use crate::output::clean_line;
use crate::transfer::LocalFile;
use crate::workflow::ids;
use crate::workflow::inputs::{AssetSource, Planned, PlannedInput};

/// Assets read at once by [`assets_exist`].
const ASSET_LOOKUPS: usize = 8;

/// Where the values being checked came from, so the hint says where to add the missing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValuesFrom {
    /// `-i` and `--inputs`: one run.
    Flags,
    /// A row of a batch file (plus the `-i` values every row shares).
    Row,
}

/// Checks that every required input of `specs` has a value in `plan` (a JSON `null` is none).
/// `what` names the agent (`agent Product Shot`), `show` is the command that lists its inputs.
pub fn required(
    specs: &[InputSpec],
    plan: &[PlannedInput],
    what: &str,
    show: &str,
    source: ValuesFrom,
) -> Result<(), UsageError> {
    let given = |spec: &InputSpec| {
        plan.iter()
            .any(|p| p.id == spec.id && p.value != Planned::Json(Value::Null))
    };
    let missing: Vec<&InputSpec> = specs.iter().filter(|s| s.required && !given(s)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let named: Vec<String> = missing
        .iter()
        .map(|s| format!("`{}` ({})", clean_line(s.key()), clean_line(&s.kind)))
        .collect();
    let flags: Vec<String> = missing.iter().map(|s| example_flag(s)).collect();
    let (inputs, them) = if missing.len() == 1 {
        ("input", "it")
    } else {
        ("inputs", "them")
    };
    let how = match source {
        ValuesFrom::Flags => format!("give {them} with `{}`", flags.join(" ")),
        ValuesFrom::Row => format!(
            "set {them} in the row, or for every row with `{}`",
            flags.join(" ")
        ),
    };
    Err(UsageError::new(
        format!("missing required {inputs} {} of {what}", named.join(", ")),
        format!("{how}; `{show}` lists every input"),
    ))
}

/// `-i prompt="…"` or `-i product=@FILE`: how to give an input.
fn example_flag(spec: &InputSpec) -> String {
    let key = clean_line(spec.key());
    match spec.shape() {
        ValueShape::Assets => format!("-i {key}=@FILE"),
        _ => format!("-i {key}=\"…\""),
    }
}

/// Checks every local file of `plan` against the input it is given to. `files` are the checked
/// files (any order); a path of the plan missing from them is not checked here.
pub fn contents(
    specs: &[InputSpec],
    plan: &[PlannedInput],
    files: &[LocalFile],
) -> Result<(), UsageError> {
    for input in plan {
        let Planned::Assets(sources) = &input.value else {
            continue;
        };
        let spec = specs.iter().find(|s| s.id == input.id);
        for source in sources {
            let AssetSource::File(path) = source else {
                continue;
            };
            if let Some(file) = files.iter().find(|f| &f.path == path) {
                check_file(spec, &input.key, file)?;
            }
        }
    }
    Ok(())
}

/// Checks that every `asset:ID` of `plan` is an asset id (a UUID), and writes it in the
/// canonical form the API uses (lower case, hyphenated).
pub fn asset_ids(plan: &mut [PlannedInput]) -> Result<(), UsageError> {
    for input in plan.iter_mut() {
        let Planned::Assets(sources) = &mut input.value else {
            continue;
        };
        for source in sources.iter_mut() {
            let AssetSource::Existing(id) = source else {
                continue;
            };
            match ids::canonical(id) {
                Some(canonical) => *id = canonical,
                None => {
                    return Err(UsageError::new(
                        format!(
                            "input `{}`: `asset:{}` is not an asset id (asset ids are UUIDs)",
                            clean_line(&input.key),
                            clean_line(id)
                        ),
                        "`pletor assets list` shows your assets' ids; `-i KEY=@FILE` uploads a file instead",
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Reads every distinct asset the plans name with `asset:ID` (a few at a time). The first one
/// (in plan order) that does not exist is "not found" (exit 5); `plans` pairs each plan with how
/// a message places it (`` `rows.jsonl` line 3 (row 3): ``, or nothing for a single run).
pub async fn assets_exist<'a>(
    ctx: &Context,
    plans: impl IntoIterator<Item = (String, &'a [PlannedInput])>,
) -> anyhow::Result<()> {
    let mut seen = HashSet::new();
    let mut uses: Vec<(String, String, String)> = Vec::new();
    for (place, plan) in plans {
        for input in plan {
            let Planned::Assets(sources) = &input.value else {
                continue;
            };
            for source in sources {
                if let AssetSource::Existing(id) = source
                    && seen.insert(id.clone())
                {
                    uses.push((id.clone(), place.clone(), input.key.clone()));
                }
            }
        }
    }
    if uses.is_empty() {
        return Ok(());
    }
    let client = ctx.api()?;
    let mut lookups = stream::iter(uses)
        .map(|(id, place, key)| async move {
            let found = assets::get(client, &id).await;
            (id, place, key, found)
        })
        .buffered(ASSET_LOOKUPS);
    while let Some((id, place, key, found)) = lookups.next().await {
        match found {
            Ok(_) => {}
            Err(err) if err.is_not_found() => {
                return Err(Failure::new(
                    Exit::NotFound,
                    "not_found",
                    format!(
                        "{place}input `{}`: asset `{}` does not exist",
                        clean_line(&key),
                        clean_line(&id)
                    ),
                )
                .hint("`pletor assets list` shows your assets; nothing was uploaded or created")
                .into());
            }
            Err(err) => return Err(err.into()),
        }
    }
    Ok(())
}

fn check_file(spec: Option<&InputSpec>, key: &str, file: &LocalFile) -> Result<(), UsageError> {
    let shown = file.path.display();
    if file.size == 0 {
        return Err(UsageError::new(
            format!("`{shown}` is empty (0 bytes); input `{key}` needs its content"),
            "check that the file was written completely",
        ));
    }
    let Some(spec) = spec.filter(|s| s.takes_images()) else {
        return Ok(());
    };
    let is_image = file.sniffed.is_some_and(|m| m.starts_with("image/"));
    if is_image || spec.accepts(&file.mime_type) {
        return Ok(());
    }
    let content = match file.sniffed {
        Some(mime) => format!("its content is {mime}"),
        None => "its content is not in any image format".to_string(),
    };
    Err(UsageError::new(
        format!(
            "input `{key}` takes images ({}), but `{shown}` is not one: {content}",
            clean_line(&spec.kind)
        ),
        "give an image (JPG, PNG, WebP or GIF): the file's content decides, not its name",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn spec(id: &str, kind: &str, required: bool, accept: &[&str]) -> InputSpec {
        InputSpec {
            id: id.into(),
            name: Some(id.into()),
            kind: kind.into(),
            description: None,
            required,
            accept: accept.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn planned(id: &str, value: Planned) -> PlannedInput {
        PlannedInput {
            id: id.into(),
            key: id.into(),
            value,
        }
    }

    fn file(path: &str, size: u64, sniffed: Option<&'static str>) -> LocalFile {
        LocalFile {
            path: path.into(),
            filename: path.into(),
            mime_type: sniffed.unwrap_or("text/plain").into(),
            sniffed,
            size,
        }
    }

    fn files_of(path: &str) -> Planned {
        Planned::Assets(vec![AssetSource::File(PathBuf::from(path))])
    }

    #[test]
    fn every_missing_required_input_is_named_with_the_flag_that_gives_it() {
        let specs = [
            spec("prompt", "text_input", true, &[]),
            spec("product", "image_input", true, &[]),
            spec("note", "text_input", false, &[]),
        ];
        let plan = [planned("prompt", Planned::Json(Value::Null))];
        let err = required(
            &specs,
            &plan,
            "agent A",
            "pletor agents show a",
            ValuesFrom::Flags,
        )
        .unwrap_err();
        assert_eq!(
            err.message,
            "missing required inputs `prompt` (text_input), `product` (image_input) of agent A"
        );
        assert_eq!(
            err.hint.as_deref(),
            Some(
                "give them with `-i prompt=\"…\" -i product=@FILE`; `pletor agents show a` lists every input"
            )
        );
        let plan = [
            planned("prompt", Planned::Text(String::new())),
            planned("product", files_of("a.png")),
        ];
        assert!(required(&specs, &plan, "agent A", "s", ValuesFrom::Row).is_ok());
        let err = required(&specs, &plan[..1], "agent A", "s", ValuesFrom::Row).unwrap_err();
        assert!(err.hint.unwrap().starts_with("set it in the row"));
    }

    #[test]
    fn empty_files_and_non_images_for_image_inputs_are_refused() {
        let specs = [
            spec("product", "image_input", true, &[]),
            spec("any", "image_input", false, &["*/*"]),
            spec("file", "file_input", false, &[]),
        ];
        let files = [
            file("shoe.png", 10, Some("image/png")),
            file("notes.png", 10, None),
            file("doc.pdf", 10, Some("application/pdf")),
            file("empty.png", 0, None),
        ];
        let check = |id: &str, path: &str| contents(&specs, &[planned(id, files_of(path))], &files);
        assert!(check("product", "shoe.png").is_ok());
        let err = check("product", "notes.png").unwrap_err();
        assert!(
            err.message
                .contains("`notes.png` is not one: its content is not in any image format")
        );
        let err = check("product", "doc.pdf").unwrap_err();
        assert!(
            err.message.ends_with("its content is application/pdf"),
            "{}",
            err.message
        );
        assert!(
            check("any", "doc.pdf").is_ok(),
            "the input accepts any file"
        );
        assert!(
            check("file", "notes.png").is_ok(),
            "file inputs take anything"
        );
        let err = check("file", "empty.png").unwrap_err();
        assert!(
            err.message.starts_with("`empty.png` is empty"),
            "{}",
            err.message
        );
    }
}
