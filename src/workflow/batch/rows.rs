//! Reading a batch file into rows of raw inputs.
//!
//! Formats, chosen by extension (`.jsonl`, `.ndjson`, `.json` / `.csv`) or else by the first
//! character (`{` or `[`: JSON; anything else: CSV):
//!
//! - **JSON Lines**: one object per line, blank lines skipped. A string value takes the `-i`
//!   forms (`@path`, `asset:ID`, text), an array of strings gives several files, `null` leaves
//!   the input unset, any other value is sent as raw JSON. A file holding one JSON array of
//!   objects is read the same way.
//! - **CSV** (RFC 4180, see [`super::csv`]): a header row of input keys, then one row per run.
//!   A cell takes the `-i` string forms; an empty cell leaves the input unset; a column whose
//!   header ends in `:=` (`count:=`) holds raw JSON. A key repeated in the header adds files.
//!
//! Row N is the Nth data row (1-based; blank lines and the CSV header do not count); messages
//! also give the file's line. `@path` is relative to the batch file's folder.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::csv;
use crate::error::UsageError;
use crate::workflow::inputs::{RawInput, RawValue, parse_value};
use crate::workflow::local_text;

/// One data row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Its number: the Nth data row, 1-based.
    pub number: usize,
    /// The line of the file it starts on (1-based).
    pub line: usize,
    /// Its values, in the `-i` forms, paths already relative to the current folder.
    pub values: Vec<RawInput>,
}

/// The layout of a batch file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines, or one JSON array of objects.
    Json,
    /// CSV with a header row.
    Csv,
}

/// A batch file, read and parsed.
#[derive(Debug)]
pub struct BatchFile {
    /// Its bytes (the default batch key hashes them).
    pub bytes: Vec<u8>,
    /// Its data rows in file order; never empty (an empty file is refused).
    pub rows: Vec<Row>,
    /// A CSV file's column keys (`:=` dropped): checked against the target once, so an unknown
    /// column is named at line 1, the header, rather than at every row. Empty for JSON Lines.
    pub columns: Vec<String>,
}

/// Reads and parses the batch file at `path`; `-` is stdin (its `@path` values are relative
/// to the current folder).
pub async fn read(path: &Path) -> Result<BatchFile, UsageError> {
    let shown = path.display().to_string();
    let what = format!("the batch file `{shown}`");
    let limit = local_text::Capped {
        what: &what,
        cap: local_text::DOCUMENT_CAP,
        hint: "split the rows into several batch files",
    };
    let bytes = if path == Path::new("-") {
        local_text::read_bytes(tokio::io::stdin(), limit).await?
    } else {
        local_text::file_bytes(path, limit, "check the path given to `--batch`").await?
    };
    let text = std::str::from_utf8(&bytes).map_err(|err| {
        UsageError::new(
            format!("the batch file `{shown}` is not UTF-8 text: {err}"),
            "save it as UTF-8 (JSON Lines or CSV)",
        )
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    let format = detect(path, text);
    let rows = parse(text, format, base, &shown)?;
    if rows.is_empty() {
        return Err(UsageError::new(
            format!("the batch file `{shown}` has no rows"),
            "write one JSON object per line, or a CSV header and one row per run",
        ));
    }
    let columns = match format {
        // The rows parsed, so the header did too.
        Format::Csv => csv::parse(text)
            .ok()
            .and_then(|records| records.into_iter().next())
            .map(|header| header.fields.iter().map(|f| column_key(f).0).collect())
            .unwrap_or_default(),
        Format::Json => Vec::new(),
    };
    Ok(BatchFile {
        bytes,
        rows,
        columns,
    })
}

/// A CSV header cell's input key, and whether its cells are JSON (`key:=`).
fn column_key(name: &str) -> (String, bool) {
    match name.trim().strip_suffix(":=") {
        Some(key) => (key.trim().to_string(), true),
        None => (name.trim().to_string(), false),
    }
}

/// The format of a file: its extension, else its first character.
pub fn detect(path: &Path, text: &str) -> Format {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("jsonl" | "ndjson" | "json") => Format::Json,
        Some("csv") => Format::Csv,
        _ => match text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next()
        {
            Some('{' | '[') => Format::Json,
            _ => Format::Csv,
        },
    }
}

/// Parses the text of a batch file; `base` is its folder, `source` its name in messages.
pub fn parse(
    text: &str,
    format: Format,
    base: &Path,
    source: &str,
) -> Result<Vec<Row>, UsageError> {
    let at = |line: usize, problem: String| {
        UsageError::new(
            format!("`{source}` line {line}: {problem}"),
            match format {
                Format::Json => {
                    "write one JSON object per line, e.g. {\"prompt\": \"a red shoe\", \"product\": \"@shoe.png\"}"
                }
                Format::Csv => {
                    "write a header row of input keys, then one row per run; quote cells holding commas"
                }
            },
        )
    };
    match format {
        Format::Json
            if text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('[') =>
        {
            json_array(text, base).map_err(|(line, problem)| at(line, problem))
        }
        Format::Json => json_lines(text, base).map_err(|(line, problem)| at(line, problem)),
        Format::Csv => csv_rows(text, base).map_err(|(line, problem)| at(line, problem)),
    }
}

type Problem = (usize, String);

fn json_lines(text: &str, base: &Path) -> Result<Vec<Row>, Problem> {
    let mut rows = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let raw = if index == 0 {
            raw.trim_start_matches('\u{feff}')
        } else {
            raw
        };
        if raw.trim().is_empty() {
            continue;
        }
        let value: Value =
            serde_json::from_str(raw).map_err(|err| (line, format!("not valid JSON: {err}")))?;
        rows.push(object_row(value, rows.len() + 1, line, base)?);
    }
    Ok(rows)
}

fn json_array(text: &str, base: &Path) -> Result<Vec<Row>, Problem> {
    let items: Vec<Value> = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|err| (err.line(), format!("not a valid JSON array: {err}")))?;
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| object_row(item, index + 1, 1, base))
        .collect()
}

fn object_row(value: Value, number: usize, line: usize, base: &Path) -> Result<Row, Problem> {
    let Value::Object(map) = value else {
        return Err((line, format!("row {number} is not a JSON object")));
    };
    let mut values = Vec::new();
    for (key, value) in map {
        for value in json_forms(value) {
            values.push(raw(&key, value, base).map_err(|p| (line, p))?);
        }
    }
    Ok(Row {
        number,
        line,
        values,
    })
}

/// The `-i` forms of one JSON value (none for `null`).
fn json_forms(value: Value) -> Vec<RawValue> {
    match value {
        Value::Null => Vec::new(),
        other => crate::workflow::inputs::doc_values(other),
    }
}

/// One raw input of a row: `@path` made relative to the current folder; stdin refused.
fn raw(key: &str, value: RawValue, base: &Path) -> Result<RawInput, String> {
    if key.trim().is_empty() {
        return Err("a value has an empty key".into());
    }
    let value = match value {
        RawValue::Stdin => {
            return Err(format!(
                "`{key}`: `@-` (stdin) cannot be used in a batch row; give the text itself, or `-i {key}=@-` for every row"
            ));
        }
        RawValue::File(path) => RawValue::File(relative_to(base, path)),
        other => other,
    };
    Ok(RawInput {
        key: key.to_string(),
        value,
        from_doc: false,
    })
}

fn relative_to(base: &Path, path: PathBuf) -> PathBuf {
    if path.is_absolute() {
        path
    } else {
        base.join(path)
    }
}

fn csv_rows(text: &str, base: &Path) -> Result<Vec<Row>, Problem> {
    let records = csv::parse(text).map_err(|err| (err.line, err.problem))?;
    let Some((header, data)) = records.split_first() else {
        return Ok(Vec::new());
    };
    let columns: Vec<(String, bool)> = header.fields.iter().map(|name| column_key(name)).collect();
    if let Some(blank) = columns.iter().position(|(key, _)| key.is_empty()) {
        return Err((
            header.line,
            format!("column {} of the header has no name", blank + 1),
        ));
    }
    let mut rows = Vec::with_capacity(data.len());
    for (index, record) in data.iter().enumerate() {
        if record.fields.len() != columns.len() {
            return Err((
                record.line,
                format!(
                    "{} cells where the header has {}",
                    record.fields.len(),
                    columns.len()
                ),
            ));
        }
        let mut values = Vec::new();
        for ((key, is_json), cell) in columns.iter().zip(&record.fields) {
            if cell.is_empty() {
                continue;
            }
            let value = if *is_json {
                RawValue::Json(serde_json::from_str(cell).map_err(|err| {
                    (
                        record.line,
                        format!("column `{key}:=` is not valid JSON: {err}"),
                    )
                })?)
            } else {
                parse_value(cell)
            };
            values.push(raw(key, value, base).map_err(|p| (record.line, p))?);
        }
        rows.push(Row {
            number: index + 1,
            line: record.line,
            values,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rows(text: &str, format: Format) -> Vec<Row> {
        parse(text, format, Path::new("batch"), "b").unwrap()
    }

    fn input(key: &str, value: RawValue) -> RawInput {
        RawInput {
            key: key.into(),
            value,
            from_doc: false,
        }
    }

    #[test]
    fn json_lines_skip_blank_lines_and_number_rows_and_lines() {
        let rows = rows(
            "{\"prompt\": \"a\"}\n\n{\"prompt\": \"b\", \"img\": [\"@x.png\", \"asset:z\"], \"n\": 3, \"skip\": null}\n",
            Format::Json,
        );
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].number, rows[1].line), (2, 3));
        assert_eq!(
            rows[1].values,
            vec![
                input("prompt", RawValue::Text("b".into())),
                input("img", RawValue::File("batch/x.png".into())),
                input("img", RawValue::Asset("z".into())),
                input("n", RawValue::Json(json!(3))),
            ]
        );
    }

    #[test]
    fn csv_cells_take_the_flag_forms_and_empty_cells_are_unset() {
        let rows = rows(
            "prompt,product,count:=\n\"red, shoe\",@/abs/a.png,\nblue,,{\"k\": 1}\n",
            Format::Csv,
        );
        assert_eq!(
            rows[0].values,
            vec![
                input("prompt", RawValue::Text("red, shoe".into())),
                input("product", RawValue::File("/abs/a.png".into())),
            ]
        );
        assert_eq!((rows[1].number, rows[1].line), (2, 3));
        assert_eq!(
            rows[1].values,
            vec![
                input("prompt", RawValue::Text("blue".into())),
                input("count", RawValue::Json(json!({"k": 1}))),
            ]
        );
    }

    #[test]
    fn a_json_array_is_read_as_rows() {
        let rows = rows("[{\"prompt\": \"a\"}, {\"prompt\": \"b\"}]", Format::Json);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].number, 2);
    }

    #[test]
    fn problems_name_the_line() {
        let cases = [
            (
                "{\"a\": 1}\n[1]\n",
                Format::Json,
                "line 2: row 2 is not a JSON object",
            ),
            (
                "{\"a\": 1}\n\n{oops\n",
                Format::Json,
                "line 3: not valid JSON",
            ),
            (
                "{\"a\": \"@-\"}\n",
                Format::Json,
                "line 1: `a`: `@-` (stdin)",
            ),
            (
                "a,b\n1,2\n3\n",
                Format::Csv,
                "line 3: 1 cells where the header has 2",
            ),
            (
                "a,\n1,2\n",
                Format::Csv,
                "line 1: column 2 of the header has no name",
            ),
            (
                "a,n:=\nx,{bad\n",
                Format::Csv,
                "line 2: column `n:=` is not valid JSON",
            ),
        ];
        for (text, format, expected) in cases {
            let err = parse(text, format, Path::new(""), "b").unwrap_err();
            assert!(
                err.message.contains(expected),
                "{} vs {expected}",
                err.message
            );
        }
    }

    #[test]
    fn formats_follow_the_extension_then_the_content() {
        assert_eq!(detect(Path::new("r.CSV"), "{"), Format::Csv);
        assert_eq!(detect(Path::new("r.ndjson"), "a,b"), Format::Json);
        assert_eq!(detect(Path::new("rows"), "  {\"a\":1}"), Format::Json);
        assert_eq!(detect(Path::new("rows.txt"), "prompt\nx"), Format::Csv);
    }
}
