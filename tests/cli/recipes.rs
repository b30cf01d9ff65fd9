//! The CI recipes of `examples/ci/` parse, and every `pletor` command they run exists with the
//! flags they pass (`pletor … --help`), so a recipe cannot rot while the CLI changes.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

use crate::harness::{World, expect_code, stdout};

/// Keys whose values are shell scripts: GitHub's `run`, GitLab's `script` and friends.
const SCRIPT_KEYS: &[&str] = &["run", "script", "before_script", "after_script"];

/// The recipe, parsed.
fn recipe(name: &str) -> Yaml {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/ci")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut docs = YamlLoader::load_from_str(&text)
        .unwrap_or_else(|e| panic!("{name} is not valid YAML: {e}"));
    assert_eq!(docs.len(), 1, "{name} holds one document");
    docs.remove(0)
}

/// Every script line of the document, in order.
fn script_lines(node: &Yaml, lines: &mut Vec<String>) {
    match node {
        Yaml::Hash(map) => {
            for (key, value) in map {
                if key.as_str().is_some_and(|k| SCRIPT_KEYS.contains(&k)) {
                    let scripts = match value {
                        Yaml::Array(items) => items.iter().filter_map(Yaml::as_str).collect(),
                        other => other.as_str().into_iter().collect::<Vec<_>>(),
                    };
                    lines.extend(scripts.iter().flat_map(|s| s.lines()).map(str::to_string));
                }
                script_lines(value, lines);
            }
        }
        Yaml::Array(items) => items.iter().for_each(|item| script_lines(item, lines)),
        _ => {}
    }
}

/// One `pletor` call of a script line: the subcommand words, and the flags it passes.
#[derive(Debug)]
struct Call {
    words: Vec<String>,
    flags: Vec<String>,
    line: String,
}

fn calls(doc: &Yaml) -> Vec<Call> {
    let mut lines = Vec::new();
    script_lines(doc, &mut lines);
    lines
        .iter()
        .filter_map(|line| {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            // A line that starts with the program: `pletor …` or `bin/pletor …`.
            let program = tokens.first()?;
            if *program != "pletor" && !program.ends_with("/pletor") {
                return None;
            }
            let rest = &tokens[1..];
            let words = rest
                .iter()
                .take_while(|t| t.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
                .take_while(|t| !t.starts_with('-'))
                .map(|t| (*t).to_string())
                .collect();
            let flags = rest
                .iter()
                .take_while(|t| !matches!(**t, ">" | "|" | "||" | "&&" | ";"))
                .filter(|t| t.starts_with('-'))
                .map(|t| t.split('=').next().unwrap_or(t).to_string())
                .collect();
            Some(Call {
                words,
                flags,
                line: line.clone(),
            })
        })
        .collect()
}

/// Checks each call against `pletor WORDS --help`; returns the calls' words.
fn check_calls(world: &World, name: &str, calls: &[Call]) -> Vec<String> {
    assert!(!calls.is_empty(), "{name} runs no pletor command");
    for call in calls {
        let mut args: Vec<&str> = call.words.iter().map(String::as_str).collect();
        args.push("--help");
        let help = stdout(&expect_code(world.bare().args(&args), 0));
        assert!(
            !call.words.is_empty() && !help.starts_with("Usage: pletor [OPTIONS] <COMMAND>"),
            "{name}: `{}` names no command",
            call.line
        );
        for flag in &call.flags {
            let known = [" ", ",", "\n"]
                .iter()
                .any(|end| help.contains(&format!("{flag}{end}")));
            assert!(
                known,
                "{name}: `{}` passes {flag}, unknown to `pletor {}`",
                call.line,
                call.words.join(" ")
            );
        }
    }
    calls.iter().map(|c| c.words.join(" ")).collect()
}

/// The recipe `name`, parsed, and its `pletor` calls, checked: it runs a shard of the batch,
/// then reports and checks every row.
fn checked(name: &str) -> (Yaml, Vec<Call>) {
    let world = World::new();
    let doc = recipe(name);
    let calls = calls(&doc);
    let words = check_calls(&world, name, &calls);
    assert_eq!(words, vec!["run", "batch report", "batch status"]);
    (doc, calls)
}

#[test]
fn the_github_actions_recipe_runs_existing_commands_and_its_matrix_matches_its_shards() {
    let (doc, calls) = checked("github-actions-batch.yml");
    // `--shard ${{ matrix.shard }}/N`: N after the slash.
    let shard = calls[0].line.split("--shard ").nth(1).unwrap();
    let count: usize = shard
        .split_once('/')
        .unwrap()
        .1
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let matrix = doc["jobs"]["shard"]["strategy"]["matrix"]["shard"]
        .as_vec()
        .unwrap();
    let values: Vec<i64> = matrix.iter().filter_map(Yaml::as_i64).collect();
    assert_eq!(
        values,
        (1..=count as i64).collect::<Vec<_>>(),
        "the matrix is shards 1 to N"
    );
    assert!(doc["jobs"]["status"]["needs"].as_str() == Some("shard"));
}

#[test]
fn the_gitlab_recipe_runs_existing_commands_with_shard_auto_in_parallel_jobs() {
    let (doc, calls) = checked("gitlab-ci.yml");
    assert!(calls[0].line.contains("--shard auto"));
    assert!(doc["shard"]["parallel"].as_i64().is_some_and(|n| n > 1));
}
