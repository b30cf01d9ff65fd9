//! `--jq`: filters the JSON output with jaq, a jq implementation.
//!
//! As in `gh --jq`, string results print raw and other values as JSON, one per line. jq's
//! formats work: `@json`, `@text`, `@base64`, `@base64d`, `@uri`, `@sh`, `@html` come with
//! jaq's standard library, and `@csv` and `@tsv` (which jaq leaves to its binary) are defined
//! here as jq defines them. A filter that does not compile is reported in words with its line and
//! column, never as a debug dump.

use jaq_core::load::{self, Arena, File, Loader, lex, parse};
use jaq_core::{Compiler, Ctx, Vars, compile, data, unwrap_valr};
use jaq_json::Val;
use serde_json::Value;

/// `@csv` and `@tsv` as jq 1.7 writes them: an array of scalars to one line; strings quoted
/// (csv, `"` doubled) or escaped (tsv: `\t`, `\n`, `\r`, `\\`), `null` empty.
const FORMATS: &str = r#"
def @csv: if isarray then map(
      if isstring then "\"" + (split("\"") | join("\"\"")) + "\""
      elif . == null then ""
      elif isnumber or isboolean then tostring
      else error("\(type) (\(tojson)) is not valid in a csv row") end
    ) | join(",")
  else error("\(type) (\(tojson)) cannot be csv-formatted, only an array can be") end;
def @tsv: if isarray then map(
      if isstring then split("\\") | join("\\\\") | split("\t") | join("\\t")
        | split("\n") | join("\\n") | split("\r") | join("\\r")
      elif . == null then ""
      elif isnumber or isboolean then tostring
      else error("\(type) (\(tojson)) is not valid in a tsv row") end
    ) | join("\t")
  else error("\(type) (\(tojson)) cannot be tsv-formatted, only an array can be") end;
"#;

/// Checks that `expr` compiles, so a typo fails before any request is made.
pub fn check(expr: &str) -> Result<(), String> {
    run(expr, &Value::Null).map(|_| ()).or_else(|err| {
        // Only compile errors matter here; a runtime error on `null` is fine.
        if err.starts_with("invalid jq filter") {
            Err(err)
        } else {
            Ok(())
        }
    })
}

/// Runs `expr` on `input` and returns its outputs.
pub fn run(expr: &str, input: &Value) -> Result<Vec<Value>, String> {
    let program = File {
        code: expr,
        path: (),
    };
    let defs = jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs())
        .chain(load::parse(FORMATS, |p| p.defs()).into_iter().flatten());
    let funs = jaq_core::funs()
        .chain(jaq_std::funs())
        .chain(jaq_json::funs());
    let loader = Loader::new(defs);
    let arena = Arena::default();
    let invalid = |problem: String| format!("invalid jq filter `{expr}`: {problem}");
    let modules = loader
        .load(&arena, program)
        .map_err(|errs| invalid(load_problem(expr, &errs)))?;
    let filter = Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errs| invalid(compile_problem(expr, &errs)))?;
    let text = input.to_string();
    let val =
        jaq_json::read::parse_single(text.as_bytes()).map_err(|e| format!("jq input: {e}"))?;
    let ctx = Ctx::<data::JustLut<Val>>::new(&filter.lut, Vars::new([]));
    let mut outputs = Vec::new();
    for out in filter.id.run((ctx, val)).map(unwrap_valr) {
        // jaq's message quotes whole values; a line of the terminal is enough to see which.
        let val = out.map_err(|e| {
            format!(
                "jq: {}",
                shorten(&super::text::clean_line(&reason(&e.to_string())))
            )
        })?;
        let value: Value =
            serde_json::from_str(&val.to_string()).map_err(|e| format!("jq output: {e}"))?;
        outputs.push(value);
    }
    Ok(outputs)
}

/// A runtime error's words: `error("…")` displays as a JSON string, quotes and escapes
/// included, which hide the message; it is read back as the text it holds.
fn reason(shown: &str) -> String {
    if shown.starts_with('"')
        && let Ok(text) = serde_json::from_str::<String>(shown)
    {
        return text;
    }
    shown.to_string()
}

/// The longest runtime error shown, in characters.
const ERROR_CHARS: usize = 200;

/// A runtime error cut to [`ERROR_CHARS`] in its middle: jq's messages quote a value between
/// the words that say what is wrong (`object ({…}) cannot be csv-formatted, only an array can
/// be`, `cannot index array with "id"`), so both ends are kept and the quoted value gives way.
fn shorten(text: &str) -> String {
    let count = text.chars().count();
    if count <= ERROR_CHARS {
        return text.to_string();
    }
    let (head, tail) = (ERROR_CHARS / 3, ERROR_CHARS - ERROR_CHARS / 3 - 1);
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start}…{end}")
}

/// The first lexing or parsing problem, in words, with where it is.
fn load_problem(code: &str, errs: &load::Errors<&str, ()>) -> String {
    let first = errs.iter().find_map(|(_, err)| match err {
        load::Error::Lex(items) => items.first().map(|(expect, at)| match expect {
            lex::Expect::Delim(open) => format!("unclosed `{open}`{}", place(code, open)),
            other => format!("expected {}{}", other.as_str(), place(code, at)),
        }),
        load::Error::Parse(items) => items
            .first()
            .map(|(expect, found)| parsed(code, expect, found)),
        load::Error::Io(items) => items
            .first()
            .map(|(path, why)| format!("cannot load module `{path}`: {why}")),
    });
    first.unwrap_or_else(|| "it does not parse".into())
}

fn parsed(code: &str, expect: &parse::Expect<&str>, found: &str) -> String {
    let wanted = match expect {
        parse::Expect::Just(token) => format!("`{token}`"),
        other => other.as_str().to_string(),
    };
    if found.is_empty() {
        format!("expected {wanted} at the end")
    } else {
        format!(
            "expected {wanted} but found `{found}`{}",
            place(code, found)
        )
    }
}

/// The first undefined name, in words, with where it is.
fn compile_problem(code: &str, errs: &compile::Errors<&str, ()>) -> String {
    let first = errs.iter().flat_map(|(_, items)| items).next();
    match first {
        Some((name, compile::Undefined::Filter(arity))) => {
            format!("undefined filter `{name}/{arity}`{}", place(code, name))
        }
        Some((name, undefined)) => {
            format!(
                "undefined {} `{name}`{}",
                undefined.as_str(),
                place(code, name)
            )
        }
        None => "it does not compile".into(),
    }
}

/// ` at column C` (or ` at line L, column C` in a filter of several lines) of `part`, a slice of
/// `code`; empty when `part` is not inside `code`.
fn place(code: &str, part: &str) -> String {
    let (start, end) = (code.as_ptr() as usize, code.as_ptr() as usize + code.len());
    let at = part.as_ptr() as usize;
    if at < start || at > end || !code.is_char_boundary(at - start) {
        return String::new();
    }
    let before = &code[..at - start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    if code.contains('\n') {
        format!(" at line {line}, column {column}")
    } else {
        format!(" at column {column}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_select_and_map_like_jq() {
        let input = json!([{"id": "a", "n": 1}, {"id": "b", "n": 2}]);
        assert_eq!(
            run(".[] | select(.n > 1) | .id", &input),
            Ok(vec![json!("b")])
        );
        assert_eq!(run("map(.n) | add", &input), Ok(vec![json!(3)]));
        assert_eq!(run("length", &input), Ok(vec![json!(2)]));
    }

    #[test]
    fn a_bad_filter_is_reported_in_words_with_its_place() {
        assert!(check(".foo").is_ok());
        let cases = [
            (".[ | nope(", "unclosed `(` at column 10"),
            ("nope(1)", "undefined filter `nope/1` at column 1"),
            (".a | @xyz", "undefined filter `@xyz/0` at column 6"),
            ("if . then 1", "expected else or end at the end"),
            (
                ".a |\n .b | $x",
                "undefined variable `$x` at line 2, column 7",
            ),
        ];
        for (filter, words) in cases {
            let err = check(filter).unwrap_err();
            assert!(err.ends_with(words), "{filter}: {err}");
            assert!(!err.contains("File {"), "no debug dump: {err}");
        }
    }

    #[test]
    fn a_runtime_error_names_the_problem_without_dumping_the_whole_input() {
        let big: Vec<Value> = (0..1000)
            .map(|n| json!({"id": format!("asset-{n}")}))
            .collect();
        let err = run(".assets", &Value::Array(big)).unwrap_err();
        assert!(err.starts_with("jq: cannot index"), "{err}");
        assert!(err.chars().count() <= 210, "{} chars", err.chars().count());
        assert!(!err.contains('\n'));
    }

    #[test]
    fn a_runtime_error_keeps_its_reason_however_big_the_value() {
        let big: serde_json::Map<String, Value> =
            (0..500).map(|n| (format!("key-{n}"), json!(n))).collect();
        let err = run("@csv", &Value::Object(big)).unwrap_err();
        assert!(
            err.ends_with("cannot be csv-formatted, only an array can be"),
            "{err}"
        );
        assert!(err.starts_with("jq: object ("), "{err}");
        assert!(err.chars().count() <= 210 && !err.contains('\n'), "{err}");
    }

    #[test]
    fn every_jq_format_works() {
        let row = json!(["a,\"b\"", 1, null, true, "t\tn\n"]);
        let one = |filter: &str, input: &Value| run(filter, input).unwrap().remove(0);
        assert_eq!(
            one("@csv", &row),
            json!("\"a,\"\"b\"\"\",1,,true,\"t\tn\n\"")
        );
        assert_eq!(one("@tsv", &row), json!("a,\"b\"\t1\t\ttrue\tt\\tn\\n"));
        assert_eq!(one("@json", &json!({"a": 1})), json!("{\"a\":1}"));
        assert_eq!(one("@text", &json!(3)), json!("3"));
        assert_eq!(one("@base64", &json!("hi")), json!("aGk="));
        assert_eq!(one("@uri", &json!("a b/c")), json!("a%20b%2Fc"));
        assert_eq!(one("@sh", &json!(["it's", 2])), json!("'it'\\''s' 2"));
        assert_eq!(one("@html", &json!("<a>")), json!("&lt;a&gt;"));
        assert!(
            run("@csv", &json!([{"a": 1}]))
                .unwrap_err()
                .contains("not valid in a csv row")
        );
        assert!(
            run("@tsv", &json!("x"))
                .unwrap_err()
                .contains("only an array")
        );
    }
}
