//! The recipes of `examples/` (GitHub Actions, GitLab, a Kubernetes Indexed Job, a Slurm array
//! job) parse, and every `pletor` command they run exists with the flags they pass
//! (`pletor … --help`), so a recipe cannot rot while the CLI changes. The recipes that rely on
//! `--shard auto` are run as their engine would run them (its variables set for each job, with
//! `--dry-run`), so the variables they rely on are the ones `auto` reads.

use std::path::Path;

use pletor_sim::catalog::TEXT_TO_IMAGE;
use yaml_rust2::{Yaml, YamlLoader};

use crate::harness::{World, expect_code, stderr, stdout};

/// Keys whose values are shell scripts: GitHub's `run`, GitLab's `script` and friends.
const SCRIPT_KEYS: &[&str] = &["run", "script", "before_script", "after_script"];

/// The text of `examples/NAME`.
fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The recipe `examples/ci/NAME`, parsed.
fn recipe(name: &str) -> Yaml {
    yaml(&format!("ci/{name}"))
}

/// The YAML example `examples/NAME`, parsed: one document.
fn yaml(name: &str) -> Yaml {
    let text = example(name);
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
    calls_in(&lines)
}

/// The `pletor` calls among shell lines.
fn calls_in(lines: &[String]) -> Vec<Call> {
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

/// The `N` of `--shard "$SHARD/N"` (or `--shard K/N`) in a call.
fn shard_count(call: &Call) -> usize {
    let shard = call.line.split("--shard ").nth(1).unwrap();
    let count = shard.split_once('/').unwrap().1;
    count
        .trim_start_matches(['"', '\''])
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no N in `{}`", call.line))
}

#[test]
fn the_github_actions_recipe_runs_existing_commands_and_its_matrix_matches_its_shards() {
    let (doc, calls) = checked("github-actions-batch.yml");
    let count = shard_count(&calls[0]);
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
fn the_github_actions_recipe_installs_pletor_with_the_projects_action_in_every_job_that_runs_it() {
    let doc = recipe("github-actions-batch.yml");
    let action = crate::action::action();
    let inputs = action["inputs"].as_hash().expect("the action's inputs");
    let repository = crate::action::repository();
    for (name, job) in doc["jobs"].as_hash().unwrap() {
        let steps = job["steps"].as_vec().unwrap();
        let runs_pletor = steps.iter().position(|step| {
            step["run"]
                .as_str()
                .is_some_and(|run| run.lines().any(|l| l.trim_start().starts_with("pletor ")))
        });
        let Some(first_run) = runs_pletor else {
            continue;
        };
        let install = steps.iter().position(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|uses| uses.starts_with(&format!("{repository}@")))
        });
        let install = install.unwrap_or_else(|| {
            panic!("job {name:?} runs pletor without installing it with {repository}")
        });
        assert!(
            install < first_run,
            "job {name:?} installs pletor after running it"
        );
        for (input, _) in steps[install]["with"].as_hash().into_iter().flatten() {
            assert!(
                inputs.contains_key(input),
                "job {name:?} passes {input:?}, which action.yml does not take"
            );
        }
    }
}

#[test]
fn the_gitlab_recipe_runs_existing_commands_with_shard_auto_in_parallel_jobs() {
    let (doc, calls) = checked("gitlab-ci.yml");
    assert!(calls[0].line.contains("--shard auto"));
    assert!(doc["shard"]["parallel"].as_i64().is_some_and(|n| n > 1));
}

/// Runs `args` (a recipe's `pletor run …`, its agent and paths replaced by the simulator's)
/// with `--dry-run` and `vars`, and returns the shard it says it runs.
fn dry_run_shard(world: &World, args: &[String], vars: &[(String, String)]) -> String {
    let mut command = world.pletor();
    command.args(args).arg("--dry-run");
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = expect_code(&mut command, 0);
    let said = stderr(&output);
    let line = said
        .lines()
        .find(|l| l.contains("shard ") && l.contains("holds"))
        .unwrap_or_else(|| panic!("no shard line in:\n{said}"));
    line.split_whitespace()
        .nth(1)
        .unwrap()
        .trim_end_matches(':')
        .to_string()
}

/// A batch file of `rows` prompts, as the recipes' `rows.csv`.
fn rows_csv(world: &World, rows: usize) {
    let text: String = std::iter::once("prompt\n".to_string())
        .chain((1..=rows).map(|n| format!("a fox in the snow take {n}\n")))
        .collect();
    world.file("rows.csv", text.as_bytes());
}

#[test]
fn the_kubernetes_recipe_is_an_indexed_job_whose_pods_each_run_their_own_shard() {
    let doc = yaml("kubernetes/indexed-job.yaml");
    assert_eq!(doc["kind"].as_str(), Some("Job"));
    let spec = &doc["spec"];
    assert_eq!(spec["completionMode"].as_str(), Some("Indexed"));
    let completions = spec["completions"].as_i64().expect("completions") as usize;
    assert!(completions > 1);
    let container = &spec["template"]["spec"]["containers"][0];
    let image = container["image"].as_str().unwrap();
    assert!(
        image.starts_with(&format!("ghcr.io/{}:", crate::action::repository())),
        "the image the release workflow pushes: {image}"
    );
    let args: Vec<String> = container["args"]
        .as_vec()
        .expect("args")
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let world = World::new();
    let call = calls_in(&[format!("pletor {}", args.join(" "))]);
    assert_eq!(check_calls(&world, "indexed-job.yaml", &call), vec!["run"]);
    assert!(args.windows(2).any(|w| w[0] == "--shard" && w[1] == "auto"));

    // The count comes from PLETOR_SHARD_COUNT, which must say what `completions` says.
    let env: Vec<(String, String)> = container["env"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|e| {
            Some((
                e["name"].as_str()?.to_string(),
                e["value"].as_str()?.to_string(),
            ))
        })
        .collect();
    assert_eq!(
        env.iter()
            .find(|(n, _)| n == "PLETOR_SHARD_COUNT")
            .map(|(_, v)| v.as_str()),
        Some(completions.to_string().as_str()),
        "PLETOR_SHARD_COUNT = completions"
    );
    assert!(
        container["env"]
            .as_vec()
            .unwrap()
            .iter()
            .any(|e| e["name"].as_str() == Some("PLETOR_API_KEY")
                && !e["valueFrom"]["secretKeyRef"].is_badvalue()),
        "the key comes from a Secret"
    );

    // Each pod, as Kubernetes starts it (JOB_COMPLETION_INDEX from 0), runs its own shard.
    rows_csv(&world, 2 * completions + 1);
    let local: Vec<String> = args
        .iter()
        .map(|a| match a.as_str() {
            a if a.ends_with("rows.csv") => "rows.csv".to_string(),
            a if a.starts_with("/batch/out") => "out".to_string(),
            a if a.len() == 36 && a.matches('-').count() == 4 => TEXT_TO_IMAGE.to_string(),
            a => a.to_string(),
        })
        .collect();
    for index in 0..completions {
        let mut vars = env.clone();
        vars.push(("JOB_COMPLETION_INDEX".into(), index.to_string()));
        assert_eq!(
            dry_run_shard(&world, &local, &vars),
            format!("{}/{completions}", index + 1)
        );
    }
    assert_eq!(world.stats()["runs_created"], 0, "dry runs create nothing");
}

#[test]
fn the_slurm_recipe_is_an_array_job_whose_tasks_each_run_their_own_shard() {
    let script = example("slurm/batch.sbatch");
    assert!(script.starts_with("#!/bin/bash\n"));
    #[cfg(unix)]
    {
        let parsed = std::process::Command::new("bash")
            .args(["-n", "-c", &script])
            .status()
            .expect("bash runs");
        assert!(parsed.success(), "batch.sbatch is not valid bash");
    }
    let array = script
        .lines()
        .find_map(|l| l.strip_prefix("#SBATCH --array="))
        .expect("an #SBATCH --array line");
    let (first, last) = array.split_once('-').expect("--array=A-B");
    let (first, last): (usize, usize) = (first.parse().unwrap(), last.parse().unwrap());
    let tasks: Vec<usize> = (first..=last).collect();
    assert!(tasks.len() > 1);

    let lines: Vec<String> = script.lines().map(str::to_string).collect();
    let calls = calls_in(&lines);
    let world = World::new();
    assert_eq!(check_calls(&world, "batch.sbatch", &calls), vec!["run"]);
    assert!(calls[0].line.contains("--shard auto"));

    // Each task, with the variables Slurm sets for an array task, runs its own shard.
    rows_csv(&world, 2 * tasks.len() + 1);
    let args: Vec<String> = calls[0]
        .line
        .split_whitespace()
        .skip(1)
        .take_while(|t| !t.starts_with('>'))
        .map(|t| match t.trim_matches('"') {
            "$AGENT" => TEXT_TO_IMAGE.to_string(),
            "$ROWS" => "rows.csv".to_string(),
            t => t.to_string(),
        })
        .collect();
    for (k, id) in tasks.iter().enumerate() {
        let vars: Vec<(String, String)> = [
            ("SLURM_ARRAY_JOB_ID", "4242".to_string()),
            ("SLURM_ARRAY_TASK_ID", id.to_string()),
            ("SLURM_ARRAY_TASK_MIN", first.to_string()),
            ("SLURM_ARRAY_TASK_MAX", last.to_string()),
            ("SLURM_ARRAY_TASK_STEP", "1".to_string()),
            ("SLURM_ARRAY_TASK_COUNT", tasks.len().to_string()),
        ]
        .into_iter()
        .map(|(n, v)| (n.to_string(), v))
        .collect();
        assert_eq!(
            dry_run_shard(&world, &args, &vars),
            format!("{}/{}", k + 1, tasks.len())
        );
    }
    assert_eq!(world.stats()["runs_created"], 0, "dry runs create nothing");
}
