//! Run inputs, from what the user typed to the API's `inputs` array, in pure steps:
//!
//! 1. [`parse_flag`] reads one `-i KEY=VALUE`, [`parse_inputs_doc`] a whole `--inputs` document;
//! 2. [`plan`] matches every key to one of the agent's inputs (by id, or by name without
//!    regard to case) and checks the value's shape: all of this before anything is uploaded;
//! 3. [`build_body`] turns the plan into the API body once the files have asset ids.
//!
//! Value forms: plain text; `@path` (a file to upload); `@-` (text read from stdin);
//! `asset:ID` (an existing asset); `KEY:=JSON` (a raw JSON value, sent as is). A key repeated for
//! a file input adds assets. Text that starts with `@` is passed with the JSON form:
//! `KEY:='"@text"'`.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::{Value, json};

use crate::api::models::{InputSpec, ValueShape};
use crate::error::UsageError;

/// One value as the user wrote it.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// Plain text: a string for a text input, refused by a file input.
    Text(String),
    /// `@path`: a file to upload.
    File(PathBuf),
    /// `@-`: text read from stdin.
    Stdin,
    /// `asset:ID`: an asset that exists already.
    Asset(String),
    /// `KEY:=JSON`: sent unchanged.
    Json(Value),
}

/// One `KEY=VALUE` pair.
#[derive(Debug, Clone, PartialEq)]
pub struct RawInput {
    /// The key as typed: an input id or name.
    pub key: String,
    /// What follows the `=`, already sorted by its form (`@`, `asset:`, `:=`).
    pub value: RawValue,
    /// True when it came from `--inputs`: a `-i` for the same input replaces it.
    pub from_doc: bool,
}

/// Parses one `-i` argument.
pub fn parse_flag(text: &str) -> Result<RawInput, UsageError> {
    let Some(eq) = text.find('=') else {
        return Err(UsageError::new(
            format!("`-i {text}` is not KEY=VALUE"),
            "write `-i prompt=\"a red shoe\"`, `-i image=@shoe.jpg` or `-i count:=3`",
        ));
    };
    let (key, value) = (&text[..eq], &text[eq + 1..]);
    if let Some(json_key) = key.strip_suffix(':') {
        let value = serde_json::from_str(value).map_err(|err| {
            UsageError::new(
                format!("`-i {json_key}:=…` is not valid JSON: {err}"),
                format!("quote JSON text: `-i '{json_key}:=\"text\"'`"),
            )
        })?;
        return Ok(RawInput {
            key: check_key(json_key, text)?,
            value: RawValue::Json(value),
            from_doc: false,
        });
    }
    Ok(RawInput {
        key: check_key(key, text)?,
        value: parse_value(value),
        from_doc: false,
    })
}

fn check_key(key: &str, text: &str) -> Result<String, UsageError> {
    if key.trim().is_empty() {
        return Err(UsageError::new(
            format!("`-i {text}` has no key"),
            "write `-i KEY=VALUE`",
        ));
    }
    Ok(key.to_string())
}

/// Reads a value in one of the string forms.
pub fn parse_value(value: &str) -> RawValue {
    if value == "@-" {
        RawValue::Stdin
    } else if let Some(path) = value.strip_prefix('@').filter(|p| !p.is_empty()) {
        RawValue::File(PathBuf::from(path))
    } else if let Some(id) = value.strip_prefix("asset:").filter(|id| is_asset_id(id)) {
        RawValue::Asset(id.to_string())
    } else {
        RawValue::Text(value.to_string())
    }
}

/// An asset id is one token: no spaces, no slashes (so `asset: the brand` stays text).
fn is_asset_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Parses an `--inputs` document: an object `{key: value}` (string values in the `-i` forms,
/// arrays of strings for several files, anything else raw JSON) or the API's own
/// `[{"id", "value"}]` array (values sent unchanged).
pub fn parse_inputs_doc(text: &str, source: &str) -> Result<Vec<RawInput>, UsageError> {
    let doc: Value = serde_json::from_str(text).map_err(|err| {
        UsageError::new(
            format!("`--inputs {source}` is not valid JSON: {err}"),
            "write an object such as {\"prompt\": \"a red shoe\", \"image\": \"@shoe.jpg\"}",
        )
    })?;
    let entry = |key: &str, value: RawValue| RawInput {
        key: key.to_string(),
        value,
        from_doc: true,
    };
    match doc {
        Value::Object(map) => Ok(map
            .into_iter()
            .flat_map(|(key, value)| doc_values(value).into_iter().map(move |v| (key.clone(), v)))
            .map(|(key, value)| entry(&key, value))
            .collect()),
        Value::Array(items) => items
            .into_iter()
            .map(|item| {
                let id = item.get("id").and_then(Value::as_str).map(str::to_string);
                match (id, item.get("value")) {
                    (Some(id), Some(value)) => Ok(entry(&id, RawValue::Json(value.clone()))),
                    _ => Err(UsageError::new(
                        format!("`--inputs {source}`: every array item needs \"id\" and \"value\""),
                        "write [{\"id\": \"<input id>\", \"value\": \"…\"}] or an object {\"key\": \"value\"}",
                    )),
                }
            })
            .collect(),
        _ => Err(UsageError::new(
            format!("`--inputs {source}` must hold a JSON object or array"),
            "write an object such as {\"prompt\": \"a red shoe\"}",
        )),
    }
}

/// The `-i` forms of one JSON value of an inputs document: a string is parsed like `-i`, an
/// array of strings gives several values, anything else is sent as raw JSON.
pub(crate) fn doc_values(value: Value) -> Vec<RawValue> {
    match value {
        Value::String(text) => vec![parse_value(&text)],
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .map(parse_value)
            .collect(),
        other => vec![RawValue::Json(other)],
    }
}

/// Where one asset of a file input comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum AssetSource {
    /// A local file, uploaded first.
    File(PathBuf),
    /// An asset id given by the user.
    Existing(String),
}

/// The value an input will get.
#[derive(Debug, Clone, PartialEq)]
pub enum Planned {
    /// Text, sent as a JSON string.
    Text(String),
    /// A string read from stdin (filled in by [`fill_stdin`]).
    Stdin,
    /// `{"asset_ids": [...]}` in the order given; local files get their ids once uploaded.
    Assets(Vec<AssetSource>),
    /// A raw JSON value (`KEY:=JSON`, or a non-string in `--inputs`), sent unchanged.
    Json(Value),
}

/// One input of the run, matched to the agent's declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedInput {
    /// The input id (what the API wants).
    pub id: String,
    /// The key shown to people: the input's name, else its id, as `-i` takes it.
    pub key: String,
    /// What the input gets, shape already checked; [`build_body`] turns it into JSON.
    pub value: Planned,
}

/// Matches every raw input to one of `specs` and checks its shape. `what` names the agent or
/// app in messages (`agent Product Shot`); `show` is the command that lists its inputs.
pub fn plan(
    specs: &[InputSpec],
    raw: Vec<RawInput>,
    what: &str,
    show: &str,
) -> Result<Vec<PlannedInput>, UsageError> {
    let flagged: Vec<usize> = raw
        .iter()
        .filter(|r| !r.from_doc)
        .map(|r| find_spec(specs, &r.key, what, show))
        .collect::<Result<_, _>>()?;
    let mut plan: Vec<(usize, PlannedInput)> = Vec::new();
    for input in raw {
        let index = find_spec(specs, &input.key, what, show)?;
        // A `-i` replaces what the `--inputs` document said for the same input.
        if input.from_doc && flagged.contains(&index) {
            continue;
        }
        let spec = &specs[index];
        match plan.iter_mut().find(|(i, _)| *i == index) {
            Some((_, planned)) => planned.value = merge(spec, Some(&planned.value), input.value)?,
            None => {
                let value = merge(spec, None, input.value)?;
                plan.push((
                    index,
                    PlannedInput {
                        id: spec.id.clone(),
                        key: spec.key().to_string(),
                        value,
                    },
                ));
            }
        }
    }
    Ok(plan.into_iter().map(|(_, planned)| planned).collect())
}

/// Adds `value` to what input `spec` holds so far (`None`: nothing yet).
fn merge(
    spec: &InputSpec,
    so_far: Option<&Planned>,
    value: RawValue,
) -> Result<Planned, UsageError> {
    let key = spec.key();
    let shape = spec.shape();
    let file_to_text = || {
        UsageError::new(
            format!(
                "input `{key}` is a text input ({}); it cannot take a file or an asset",
                spec.kind
            ),
            format!("give it text: `-i {key}=\"…\"`"),
        )
    };
    let text_to_file = || {
        UsageError::new(
            format!(
                "input `{key}` takes files ({}); it cannot take text",
                spec.kind
            ),
            format!("give it a file or an asset: `-i {key}=@path` or `-i {key}=asset:ID`"),
        )
    };
    let twice = || {
        UsageError::new(
            format!("input `{key}` is given more than once"),
            "give a text input once (only file inputs take several values)",
        )
    };
    let new = match value {
        RawValue::Text(_) | RawValue::Stdin if shape == ValueShape::Assets => {
            return Err(text_to_file());
        }
        RawValue::Json(Value::String(_)) if shape == ValueShape::Assets => {
            return Err(text_to_file());
        }
        RawValue::File(_) | RawValue::Asset(_) if shape == ValueShape::Text => {
            return Err(file_to_text());
        }
        RawValue::Json(ref v) if shape == ValueShape::Text && v.get("asset_ids").is_some() => {
            return Err(file_to_text());
        }
        RawValue::Text(text) => Planned::Text(text),
        RawValue::Stdin => Planned::Stdin,
        RawValue::Json(value) => Planned::Json(value),
        RawValue::File(path) => Planned::Assets(vec![AssetSource::File(path)]),
        RawValue::Asset(id) => Planned::Assets(vec![AssetSource::Existing(id)]),
    };
    match (so_far, new) {
        (None, new) => Ok(new),
        (Some(Planned::Assets(old)), Planned::Assets(more)) => {
            Ok(Planned::Assets([old.clone(), more].concat()))
        }
        (Some(Planned::Assets(_)), _) | (Some(_), Planned::Assets(_))
            if shape == ValueShape::Either =>
        {
            Err(UsageError::new(
                format!("input `{key}` is given both text and files"),
                format!("give `{key}` either text or files"),
            ))
        }
        _ => Err(twice()),
    }
}

/// Checks that `key` names one input of `specs` (by id, or by name ignoring case).
pub fn check_input_key(
    specs: &[InputSpec],
    key: &str,
    what: &str,
    show: &str,
) -> Result<(), UsageError> {
    find_spec(specs, key, what, show).map(|_| ())
}

fn find_spec(specs: &[InputSpec], key: &str, what: &str, show: &str) -> Result<usize, UsageError> {
    if let Some(index) = specs.iter().position(|s| s.id == key) {
        return Ok(index);
    }
    let named: Vec<usize> = specs
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(key))
        })
        .map(|(i, _)| i)
        .collect();
    match named.as_slice() {
        [one] => Ok(*one),
        [] => Err(UsageError::new(
            format!("unknown input `{key}`: {what} {}", describe(specs)),
            format!("use one of the keys above; `{show}` shows each input"),
        )),
        many => {
            let ids: Vec<&str> = many.iter().map(|i| specs[*i].id.as_str()).collect();
            Err(UsageError::new(
                format!(
                    "input name `{key}` matches several inputs of {what}: {}",
                    ids.join(", ")
                ),
                "use the input id instead of its name",
            ))
        }
    }
}

/// `takes prompt (text_input), product (image_input)`, or `declares no inputs`.
pub fn describe(specs: &[InputSpec]) -> String {
    if specs.is_empty() {
        return "declares no inputs".to_string();
    }
    let items: Vec<String> = specs
        .iter()
        .map(|s| {
            format!(
                "`{}` ({})",
                crate::output::clean_line(s.key()),
                crate::output::clean_line(&s.kind)
            )
        })
        .collect();
    format!("takes {}", items.join(", "))
}

/// Whether any input reads stdin.
pub fn wants_stdin(plan: &[PlannedInput]) -> bool {
    plan.iter().any(|p| p.value == Planned::Stdin)
}

/// Replaces `@-` with the text read from stdin (one trailing newline dropped, as shells add it).
pub fn fill_stdin(plan: &mut [PlannedInput], text: &str) {
    let text = text
        .strip_suffix('\n')
        .map_or(text, |t| t.strip_suffix('\r').unwrap_or(t));
    for input in plan.iter_mut().filter(|p| p.value == Planned::Stdin) {
        input.value = Planned::Text(text.to_string());
    }
}

/// The local files to upload, in order of first mention, each once.
pub fn files(plan: &[PlannedInput]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for input in plan {
        if let Planned::Assets(sources) = &input.value {
            for source in sources {
                if let AssetSource::File(path) = source
                    && !paths.contains(path)
                {
                    paths.push(path.clone());
                }
            }
        }
    }
    paths
}

/// The idempotency key of the `n`th upload (0-based) of a run keyed `external_id`. A key too
/// long to carry the suffix is replaced by its SHA-256, so the derived key stays stable.
pub fn upload_key(external_id: &str, n: usize) -> String {
    let suffix = format!("-in-{}", n + 1);
    if external_id.len() + suffix.len() <= crate::api::spec::EXTERNAL_ID_MAX {
        return format!("{external_id}{suffix}");
    }
    use sha2::Digest;
    format!(
        "{}{suffix}",
        hex::encode(sha2::Sha256::digest(external_id.as_bytes()))
    )
}

/// The API's `inputs` array. `uploaded` maps each local file to its asset id.
pub fn build_body(
    plan: &[PlannedInput],
    uploaded: &HashMap<PathBuf, String>,
) -> anyhow::Result<Value> {
    let mut items = Vec::with_capacity(plan.len());
    for input in plan {
        let value = match &input.value {
            Planned::Text(text) => json!(text),
            Planned::Json(value) => value.clone(),
            Planned::Stdin => anyhow::bail!("input `{}`: stdin was not read", input.key),
            Planned::Assets(sources) => {
                let ids = sources
                    .iter()
                    .map(|s| match s {
                        AssetSource::Existing(id) => Ok(id.clone()),
                        AssetSource::File(path) => uploaded.get(path).cloned().ok_or_else(|| {
                            anyhow::anyhow!("`{}` was not uploaded", path.display())
                        }),
                    })
                    .collect::<anyhow::Result<Vec<String>>>()?;
                json!({ "asset_ids": ids })
            }
        };
        items.push(json!({ "id": input.id, "value": value }));
    }
    Ok(Value::Array(items))
}

/// Checks an `--external-id`: 1 to 255 characters, no control characters.
pub fn check_external_id(key: &str) -> Result<(), UsageError> {
    let hint = "use 1 to 255 printable characters, e.g. `--external-id order-1234`";
    if key.trim().is_empty() {
        return Err(UsageError::new("`--external-id` is empty", hint));
    }
    if key.len() > crate::api::spec::EXTERNAL_ID_MAX {
        return Err(UsageError::new(
            format!(
                "`--external-id` is {} bytes long; the API accepts at most {}",
                key.len(),
                crate::api::spec::EXTERNAL_ID_MAX
            ),
            hint,
        ));
    }
    if key.chars().any(char::is_control) {
        return Err(UsageError::new(
            "`--external-id` holds control characters",
            hint,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spec(id: &str, name: Option<&str>, kind: &str) -> InputSpec {
        InputSpec {
            id: id.into(),
            name: name.map(str::to_string),
            kind: kind.into(),
            description: None,
            required: false,
            accept: Vec::new(),
        }
    }

    fn specs() -> Vec<InputSpec> {
        vec![
            spec("p-1", Some("prompt"), "text_input"),
            spec("i-2", Some("Product"), "image_input"),
            spec("x-3", None, "mystery"),
        ]
    }

    fn flags(args: &[&str]) -> Vec<RawInput> {
        args.iter().map(|a| parse_flag(a).unwrap()).collect()
    }

    fn planned(args: &[&str]) -> Result<Vec<PlannedInput>, UsageError> {
        plan(&specs(), flags(args), "agent A", "pletor agents show A")
    }

    #[test]
    fn every_value_form_parses() {
        assert_eq!(
            parse_flag("prompt=a=b").unwrap().value,
            RawValue::Text("a=b".into())
        );
        assert_eq!(
            parse_flag("img=@shoe.jpg").unwrap().value,
            RawValue::File("shoe.jpg".into())
        );
        assert_eq!(parse_flag("p=@-").unwrap().value, RawValue::Stdin);
        assert_eq!(
            parse_flag("img=asset:ab-12").unwrap().value,
            RawValue::Asset("ab-12".into())
        );
        assert_eq!(
            parse_flag("n:=3").unwrap(),
            RawInput {
                key: "n".into(),
                value: RawValue::Json(json!(3)),
                from_doc: false
            }
        );
        assert_eq!(
            parse_flag("t:=\"@x\"").unwrap().value,
            RawValue::Json(json!("@x"))
        );
        assert_eq!(
            parse_flag("p=").unwrap().value,
            RawValue::Text(String::new())
        );
        assert_eq!(parse_flag("p=@").unwrap().value, RawValue::Text("@".into()));
        assert_eq!(
            parse_flag("p=asset: brand").unwrap().value,
            RawValue::Text("asset: brand".into())
        );
    }

    #[test]
    fn malformed_flags_are_usage_errors() {
        assert!(parse_flag("prompt").is_err());
        assert!(parse_flag("=x").is_err());
        assert!(parse_flag("n:={oops").is_err());
    }

    #[test]
    fn keys_match_ids_and_names_without_case() {
        let plan = planned(&["PROMPT=hi", "i-2=@a.png", "product=asset:z", "x-3=free"]).unwrap();
        assert_eq!(
            plan[0],
            PlannedInput {
                id: "p-1".into(),
                key: "prompt".into(),
                value: Planned::Text("hi".into())
            }
        );
        assert_eq!(
            plan[1].value,
            Planned::Assets(vec![
                AssetSource::File("a.png".into()),
                AssetSource::Existing("z".into())
            ])
        );
        assert_eq!(plan[2].value, Planned::Text("free".into()));
    }

    #[test]
    fn unknown_keys_list_the_inputs() {
        let err = planned(&["size=3"]).unwrap_err();
        assert!(
            err.message.contains("unknown input `size`"),
            "{}",
            err.message
        );
        assert!(
            err.message
                .contains("`prompt` (text_input), `Product` (image_input), `x-3` (mystery)"),
            "{}",
            err.message
        );
    }

    #[test]
    fn ambiguous_names_must_use_ids() {
        let specs = vec![
            spec("a", Some("img"), "image_input"),
            spec("b", Some("IMG"), "image_input"),
        ];
        let err = plan(&specs, flags(&["img=@x"]), "agent A", "s").unwrap_err();
        assert!(err.message.contains("a, b"));
        assert!(plan(&specs, flags(&["b=@x"]), "agent A", "s").is_ok());
    }

    #[test]
    fn shapes_are_checked() {
        assert!(
            planned(&["prompt=@a.png"])
                .unwrap_err()
                .message
                .contains("text input")
        );
        assert!(
            planned(&["prompt=asset:x"])
                .unwrap_err()
                .message
                .contains("text input")
        );
        assert!(
            planned(&["product=hello"])
                .unwrap_err()
                .message
                .contains("takes files")
        );
        assert!(
            planned(&["product=@-"])
                .unwrap_err()
                .message
                .contains("takes files")
        );
        assert!(
            planned(&["product:=\"x\""])
                .unwrap_err()
                .message
                .contains("takes files")
        );
        assert!(
            planned(&["prompt:={\"asset_ids\":[]}"])
                .unwrap_err()
                .message
                .contains("text input")
        );
        assert!(
            planned(&["prompt=a", "prompt=b"])
                .unwrap_err()
                .message
                .contains("more than once")
        );
        assert!(
            planned(&["x-3=a", "x-3=@f"])
                .unwrap_err()
                .message
                .contains("both text and files")
        );
        assert!(planned(&["product:={\"asset_ids\":[\"a\"]}"]).is_ok());
    }

    #[test]
    fn flags_replace_the_inputs_document() {
        let mut raw = parse_inputs_doc(
            r#"{"prompt": "from file", "product": ["@a.png", "asset:b"]}"#,
            "f",
        )
        .unwrap();
        raw.extend(flags(&["prompt=from flag"]));
        let plan = plan(&specs(), raw, "agent A", "s").unwrap();
        let value = |id: &str| plan.iter().find(|p| p.id == id).map(|p| p.value.clone());
        assert_eq!(plan.len(), 2);
        assert_eq!(value("p-1"), Some(Planned::Text("from flag".into())));
        assert_eq!(
            value("i-2"),
            Some(Planned::Assets(vec![
                AssetSource::File("a.png".into()),
                AssetSource::Existing("b".into())
            ]))
        );
    }

    #[test]
    fn inputs_documents_take_the_api_array_too() {
        let raw = parse_inputs_doc(
            r#"[{"id": "p-1", "value": "hi"}, {"id": "i-2", "value": {"asset_ids": ["z"]}}]"#,
            "f",
        )
        .unwrap();
        let plan = plan(&specs(), raw, "agent A", "s").unwrap();
        let body = build_body(&plan, &HashMap::new()).unwrap();
        assert_eq!(
            body,
            json!([{"id": "p-1", "value": "hi"}, {"id": "i-2", "value": {"asset_ids": ["z"]}}])
        );
        assert!(parse_inputs_doc("[{\"value\": 1}]", "f").is_err());
        assert!(parse_inputs_doc("3", "f").is_err());
        assert!(parse_inputs_doc("{", "f").is_err());
    }

    #[test]
    fn bodies_carry_uploaded_ids_in_order() {
        let mut plan = planned(&[
            "prompt=@-",
            "product=@a.png",
            "product=asset:z",
            "product=@b.png",
            "product=@a.png",
        ])
        .unwrap();
        assert!(wants_stdin(&plan));
        fill_stdin(&mut plan, "from stdin\r\n");
        assert_eq!(
            files(&plan),
            vec![PathBuf::from("a.png"), PathBuf::from("b.png")]
        );
        let uploaded = HashMap::from([
            (PathBuf::from("a.png"), "A".to_string()),
            (PathBuf::from("b.png"), "B".to_string()),
        ]);
        let body = build_body(&plan, &uploaded).unwrap();
        assert_eq!(
            body,
            json!([{"id": "p-1", "value": "from stdin"}, {"id": "i-2", "value": {"asset_ids": ["A", "z", "B", "A"]}}])
        );
    }

    #[test]
    fn external_ids_are_checked_and_upload_keys_stay_short() {
        assert!(check_external_id("order-1").is_ok());
        assert!(check_external_id("").is_err());
        assert!(check_external_id("  ").is_err());
        assert!(check_external_id(&"k".repeat(256)).is_err());
        assert!(check_external_id(&"k".repeat(255)).is_ok());
        assert!(check_external_id("a\nb").is_err());
        assert_eq!(upload_key("k", 0), "k-in-1");
        let long = "k".repeat(255);
        assert_eq!(upload_key(&long, 1), upload_key(&long, 1));
        assert!(upload_key(&long, 1).len() <= 255 && upload_key(&long, 1).ends_with("-in-2"));
    }

    proptest! {
        #[test]
        fn parsing_a_flag_never_panics(text in any::<String>()) {
            let _ = parse_flag(&text);
        }

        #[test]
        fn text_values_round_trip(key in "[a-zA-Z_][a-zA-Z0-9_ -]{0,20}", value in "[^@]\\PC*") {
            prop_assume!(!value.starts_with("asset:"));
            let parsed = parse_flag(&format!("{key}={value}")).unwrap();
            prop_assert_eq!(parsed.key, key);
            prop_assert_eq!(parsed.value, RawValue::Text(value));
        }

        #[test]
        fn json_values_round_trip(key in "[a-z]{1,8}", n in any::<i64>(), s in "\\PC*") {
            let value = json!({"n": n, "s": s});
            let parsed = parse_flag(&format!("{key}:={value}")).unwrap();
            prop_assert_eq!(parsed.value, RawValue::Json(value));
        }

        #[test]
        fn file_values_round_trip(path in "[a-zA-Z0-9_./ -]{1,40}") {
            let parsed = parse_flag(&format!("f=@{path}")).unwrap();
            let expected = if path == "-" { RawValue::Stdin } else { RawValue::File(PathBuf::from(&path)) };
            prop_assert_eq!(parsed.value, expected);
        }
    }
}
