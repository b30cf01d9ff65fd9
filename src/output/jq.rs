//! `--jq`: filters the JSON output with jaq, a jq implementation.
//!
//! As in `gh --jq`, string results print raw and other values as JSON, one per line.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;
use serde_json::Value;

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
        .chain(jaq_json::defs());
    let funs = jaq_core::funs()
        .chain(jaq_std::funs())
        .chain(jaq_json::funs());
    let loader = Loader::new(defs);
    let arena = Arena::default();
    let modules = loader
        .load(&arena, program)
        .map_err(|errs| format!("invalid jq filter `{expr}`: {}", describe(&errs)))?;
    let filter = Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errs| format!("invalid jq filter `{expr}`: {}", describe(&errs)))?;
    let text = input.to_string();
    let val =
        jaq_json::read::parse_single(text.as_bytes()).map_err(|e| format!("jq input: {e}"))?;
    let ctx = Ctx::<data::JustLut<Val>>::new(&filter.lut, Vars::new([]));
    let mut outputs = Vec::new();
    for out in filter.id.run((ctx, val)).map(unwrap_valr) {
        let val = out.map_err(|e| format!("jq: {e}"))?;
        let value: Value =
            serde_json::from_str(&val.to_string()).map_err(|e| format!("jq output: {e}"))?;
        outputs.push(value);
    }
    Ok(outputs)
}

fn describe<T: std::fmt::Debug>(errs: &T) -> String {
    let text = format!("{errs:?}");
    crate::output::truncate(&text, 200)
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
    fn a_bad_filter_is_reported_before_use() {
        assert!(check(".[ | nope(").is_err());
        assert!(check(".foo").is_ok());
    }
}
