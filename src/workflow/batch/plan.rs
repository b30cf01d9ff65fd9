//! Checking every row before anything costs: keys known, value shapes right, required inputs
//! given, files readable, not empty and of the kind their input takes (`workflow::preflight`).
//!
//! The `-i` and `--inputs` values apply to every row that does not set the same input (matched
//! by input id, so `Prompt` in a row overrides `-i prompt=…`). Every row is resolved; every
//! problem is collected and the first one is reported with its line, with a count of the others.
//!
//! A local file is uploaded once per batch, however many rows name it: under the upload key of
//! the first row (in file order) that names it, so the key does not depend on which row gets to
//! it first, and a rerun finds it again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::api::models::CatalogEntry;
use crate::error::UsageError;
use crate::transfer::{self, LocalFile};
use crate::workflow::inputs::{self, PlannedInput, RawInput};
use crate::workflow::preflight::{self, ValuesFrom};

use super::key;
use super::rows::Row;

/// One row, ready to start.
#[derive(Debug, Clone)]
pub struct RowPlan {
    /// The row's number in the whole file (1-based, kept under `--shard`): reports, `{row}` and
    /// the external id use it.
    pub number: usize,
    /// Its line in the batch file (1-based), for messages.
    pub line: usize,
    /// `<batch key>-<number>`: a rerun finds the row's run by it instead of paying again.
    pub external_id: String,
    /// Its inputs: the row's own, then the shared ones it does not set.
    pub inputs: Vec<PlannedInput>,
    /// The local files it names, in [`inputs::files`] order.
    pub files: Vec<PathBuf>,
}

/// A local file of the batch, checked, with the upload key it is sent under.
#[derive(Debug, Clone)]
pub struct SharedFile {
    /// The file, checked once for every row that names it.
    pub file: LocalFile,
    /// Its idempotency key: derived from the first row that names it.
    pub upload_key: String,
}

/// Every row, checked.
#[derive(Debug)]
pub struct BatchPlan {
    /// The rows, in file order (after `--shard`, only this shard's).
    pub rows: Vec<RowPlan>,
    /// Every local file, by its path as the rows name it.
    pub files: HashMap<PathBuf, SharedFile>,
    /// The `-i`/`--inputs` values every row shares unless it sets them itself.
    pub shared: Vec<PlannedInput>,
}

/// How messages name things.
pub struct Names<'a> {
    /// The batch file, as given.
    pub source: &'a str,
    /// The target as messages name it (`agent Text to Image`).
    pub what: &'a str,
    /// The command that lists the target's inputs, for hints (`pletor agents show ID`).
    pub show: &'a str,
}

/// Checks every row against `target`; `shared` are the resolved `-i`/`--inputs` values.
pub fn build(
    target: &CatalogEntry,
    shared: &[PlannedInput],
    rows: Vec<Row>,
    batch_key: &str,
    names: &Names<'_>,
) -> Result<BatchPlan, UsageError> {
    let mut checked: HashMap<PathBuf, Result<LocalFile, String>> = HashMap::new();
    let mut plan = BatchPlan {
        rows: Vec::with_capacity(rows.len()),
        files: HashMap::new(),
        shared: shared.to_vec(),
    };
    let mut problems: Vec<(usize, usize, UsageError)> = Vec::new();
    for row in rows {
        let (number, line) = (row.number, row.line);
        match row_plan(target, shared, row, batch_key, names, &mut checked) {
            Ok(row) => {
                claim_files(&mut plan.files, &row, &checked);
                plan.rows.push(row);
            }
            Err(problem) => problems.push((number, line, problem)),
        }
    }
    match problems.first() {
        None => Ok(plan),
        Some((number, line, first)) => {
            Err(summarize(names.source, *number, *line, first, &problems))
        }
    }
}

fn row_plan(
    target: &CatalogEntry,
    shared: &[PlannedInput],
    row: Row,
    batch_key: &str,
    names: &Names<'_>,
    checked: &mut HashMap<PathBuf, Result<LocalFile, String>>,
) -> Result<RowPlan, UsageError> {
    let mut own = inputs::plan(&target.inputs, row.values, names.what, names.show)?;
    own.extend(
        shared
            .iter()
            .filter(|s| !own.iter().any(|o| o.id == s.id))
            .cloned()
            .collect::<Vec<_>>(),
    );
    preflight::required(
        &target.inputs,
        &own,
        names.what,
        names.show,
        ValuesFrom::Row,
    )?;
    let files = inputs::files(&own);
    let mut local = Vec::with_capacity(files.len());
    for path in &files {
        let result = checked
            .entry(path.clone())
            .or_insert_with(|| check_file(path));
        match result {
            Ok(file) => local.push(file.clone()),
            Err(problem) => {
                return Err(UsageError::new(
                    problem.clone(),
                    "check the path; `@path` in a row is relative to the batch file's folder",
                ));
            }
        }
    }
    preflight::contents(&target.inputs, &own, &local)?;
    preflight::asset_ids(&mut own)?;
    Ok(RowPlan {
        number: row.number,
        line: row.line,
        external_id: key::external_id(batch_key, row.number),
        inputs: own,
        files,
    })
}

fn check_file(path: &Path) -> Result<LocalFile, String> {
    transfer::check_files(&[path.to_path_buf()])
        .map(|mut files| files.remove(0))
        .map_err(|err| err.to_string())
}

/// Records the files a row names for the first time, under keys derived from that row.
fn claim_files(
    files: &mut HashMap<PathBuf, SharedFile>,
    row: &RowPlan,
    checked: &HashMap<PathBuf, Result<LocalFile, String>>,
) {
    for (index, path) in row.files.iter().enumerate() {
        if files.contains_key(path) {
            continue;
        }
        if let Some(Ok(file)) = checked.get(path) {
            files.insert(
                path.clone(),
                SharedFile {
                    file: file.clone(),
                    upload_key: inputs::upload_key(&row.external_id, index),
                },
            );
        }
    }
}

fn summarize(
    source: &str,
    number: usize,
    line: usize,
    first: &UsageError,
    problems: &[(usize, usize, UsageError)],
) -> UsageError {
    let mut message = format!("`{source}` line {line} (row {number}): {}", first.message);
    if problems.len() > 1 {
        let lines: Vec<String> = problems[1..]
            .iter()
            .take(5)
            .map(|(_, line, _)| line.to_string())
            .collect();
        let more = if problems.len() > 6 { ", …" } else { "" };
        message.push_str(&format!(
            " (and {} more row{} with problems: line {}{more})",
            problems.len() - 1,
            if problems.len() == 2 { "" } else { "s" },
            lines.join(", ")
        ));
    }
    UsageError {
        message,
        hint: Some(match &first.hint {
            Some(hint) => format!("{hint}; nothing was uploaded or created"),
            None => "fix the rows; nothing was uploaded or created".into(),
        }),
    }
}

/// Resolves the `-i`/`--inputs` values shared by every row.
pub fn shared(
    target: &CatalogEntry,
    raw: Vec<RawInput>,
    names: &Names<'_>,
) -> Result<Vec<PlannedInput>, UsageError> {
    inputs::plan(&target.inputs, raw, names.what, names.show)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::InputSpec;
    use crate::workflow::inputs::{AssetSource, Planned, RawValue};

    fn agent() -> CatalogEntry {
        let spec = |id: &str, name: &str, kind: &str| InputSpec {
            id: id.into(),
            name: Some(name.into()),
            kind: kind.into(),
            description: None,
            required: false,
            accept: Vec::new(),
        };
        CatalogEntry {
            id: "a".into(),
            name: "A".into(),
            inputs: vec![
                spec("p", "prompt", "text_input"),
                spec("i", "product", "image_input"),
            ],
            estimated_cost: None,
            raw: serde_json::Value::Null,
        }
    }

    fn row(number: usize, values: &[(&str, RawValue)]) -> Row {
        Row {
            number,
            line: number + 1,
            values: values
                .iter()
                .map(|(k, v)| RawInput {
                    key: (*k).into(),
                    value: v.clone(),
                    from_doc: false,
                })
                .collect(),
        }
    }

    const NAMES: Names<'static> = Names {
        source: "rows.csv",
        what: "agent A",
        show: "pletor agents show a",
    };

    #[test]
    fn rows_override_shared_values_and_share_files_uploaded_once() {
        let dir = tempfile::tempdir().unwrap();
        let shoe = dir.path().join("shoe.png");
        std::fs::write(&shoe, b"\x89PNG\r\n\x1a\n").unwrap();
        let shared = shared(
            &agent(),
            vec![
                crate::workflow::inputs::parse_flag("prompt=default").unwrap(),
                crate::workflow::inputs::parse_flag(&format!("product=@{}", shoe.display()))
                    .unwrap(),
            ],
            &NAMES,
        )
        .unwrap();
        let rows = vec![
            row(1, &[]),
            row(2, &[("PROMPT", RawValue::Text("own".into()))]),
        ];
        let plan = build(&agent(), &shared, rows, "k", &NAMES).unwrap();
        assert_eq!(
            plan.rows[0].inputs[0].value,
            Planned::Text("default".into())
        );
        assert_eq!(plan.rows[1].inputs[0].value, Planned::Text("own".into()));
        assert_eq!(
            plan.rows[1].inputs[1].value,
            Planned::Assets(vec![AssetSource::File(shoe.clone())])
        );
        assert_eq!(plan.rows[1].external_id, "k-2");
        assert_eq!(plan.files.len(), 1);
        assert_eq!(plan.files[&shoe].upload_key, "k-1-in-1");
    }

    #[test]
    fn every_row_is_checked_and_the_first_problem_names_its_line() {
        let rows = vec![
            row(1, &[("prompt", RawValue::Text("ok".into()))]),
            row(2, &[("colour", RawValue::Text("red".into()))]),
            row(3, &[("product", RawValue::File("/no/such.png".into()))]),
            row(4, &[("prompt", RawValue::File("x.png".into()))]),
        ];
        let err = build(&agent(), &[], rows, "k", &NAMES).unwrap_err();
        assert!(
            err.message
                .starts_with("`rows.csv` line 3 (row 2): unknown input `colour`"),
            "{}",
            err.message
        );
        assert!(
            err.message
                .ends_with("(and 2 more rows with problems: line 4, 5)"),
            "{}",
            err.message
        );
        assert!(
            err.hint
                .unwrap()
                .contains("nothing was uploaded or created")
        );
    }
}
