//! The `sh` block under README.md's "Try it: two commands" is what a new user runs first, and
//! CONTRIBUTING.md opens with the same two: one that runs the main job offline against the
//! simulator, one that runs the whole test suite. These tests read them from the files, so they
//! cannot drift from what works: the first command's `pletor` part runs against a simulator
//! started with the same options, and the second must be the test command `.ci/run` runs.

use std::path::Path;

use pletor_sim::Config;

use crate::harness::{World, expect_code, stdout};

fn repo_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The heading of README.md's section with the two commands.
const TRY_IT: &str = "\n## Try it: two commands\n";

/// The commands of the first ```` ```sh ```` block after `heading` in `file`, each split into
/// words as `sh` would (quotes, comments, `\` line continuations).
fn commands_of(file: &str, heading: &str) -> Vec<Vec<String>> {
    let text = repo_file(file);
    let section = text
        .find(heading)
        .unwrap_or_else(|| panic!("{file} has no {heading:?} section"));
    let text = &text[section..];
    let start = text.find("\n```sh\n").expect("the section has an sh block") + "\n```sh\n".len();
    let block = &text[start..start + text[start..].find("\n```").expect("the block ends")];
    block
        .replace("\\\n", " ")
        .lines()
        .filter_map(|line| shlex::split(line).filter(|words| !words.is_empty()))
        .collect()
}

/// The commands of README.md's "Try it" block.
fn first_commands() -> Vec<Vec<String>> {
    commands_of("README.md", TRY_IT)
}

/// Splits `words` at each `--`.
fn parts(words: &[String]) -> Vec<&[String]> {
    words.split(|w| w == "--").collect()
}

/// `cargo run [-p PACKAGE] [options]`, and the package it names (`None`: the root package).
fn cargo_run(words: &[String]) -> Option<&str> {
    assert_eq!(words[..2], ["cargo", "run"], "{words:?}");
    let package = words.iter().position(|w| w == "-p" || w == "--package");
    package.map(|i| words[i + 1].as_str())
}

/// The simulator's configuration for `exec`'s options as the README gives them.
fn sim_config(options: &[String]) -> Config {
    let mut config = Config::default();
    let mut options = options.iter();
    while let Some(option) = options.next() {
        let mut value = || options.next().expect("an option value").as_str();
        match option.as_str() {
            "--time-scale" => config.time_scale = value().parse().expect("a number"),
            "--run-seconds" => config.run_seconds = Some(value().parse().expect("a number")),
            other => {
                panic!("README passes `pletor-sim exec {other}`: teach this test what it does")
            }
        }
    }
    config
}

#[test]
fn readme_starts_with_two_commands_the_second_is_the_suite_ci_runs() {
    let commands = first_commands();
    assert_eq!(commands.len(), 2, "{commands:?}");
    let suite = commands[1].join(" ");
    assert_eq!(suite, "cargo test --workspace --locked");
    let ci = repo_file(".ci/run");
    assert!(
        ci.lines().any(|l| l.trim_start().starts_with(&suite)),
        ".ci/run no longer runs `{suite}`"
    );
    assert_eq!(
        commands_of("CONTRIBUTING.md", "\n## The two commands\n"),
        commands,
        "CONTRIBUTING.md gives the README's two commands"
    );
}

#[test]
fn readme_first_command_runs_the_main_job_offline_and_prints_the_saved_file() {
    let commands = first_commands();
    // cargo run -p pletor-sim -- exec [OPTIONS] -- cargo run [-q] -- PLETOR ARGS
    let parts = parts(&commands[0]);
    assert!(parts.len() >= 4, "{:?}", commands[0]);
    assert_eq!(cargo_run(parts[0]), Some("pletor-sim"));
    let (exec, options) = parts[1].split_first().expect("a pletor-sim command");
    assert_eq!(
        exec, "exec",
        "the simulator runs the command: `pletor-sim exec`"
    );
    assert!(matches!(cargo_run(parts[2]), None | Some("pletor-cli")));
    let args = parts[3..].join(&"--".to_string());

    let world = World::with(sim_config(options));
    let output = expect_code(world.pletor().args(&args), 0);
    let saved: Vec<String> = stdout(&output).lines().map(str::to_string).collect();
    assert!(!saved.is_empty(), "the saved files are printed");
    for path in saved {
        let bytes = std::fs::read(world.work().join(&path))
            .unwrap_or_else(|e| panic!("`{path}` was printed but not saved: {e}"));
        assert!(bytes.starts_with(b"\x89PNG"), "{path} is an image");
    }
    assert_eq!(world.stats()["runs_created"], 1);
}

#[test]
fn the_changelog_has_an_unreleased_section_then_this_version_each_with_its_link() {
    let changelog = repo_file("CHANGELOG.md");
    let sections: Vec<&str> = changelog
        .lines()
        .filter_map(|l| l.strip_prefix("## ["))
        .collect();
    assert_eq!(sections.first(), Some(&"Unreleased]"), "{sections:?}");
    // The package's version is released, with a date: what a tag publishes as its notes.
    let version = env!("CARGO_PKG_VERSION");
    let released = sections
        .iter()
        .find_map(|s| s.strip_prefix(&format!("{version}] - ")))
        .unwrap_or_else(|| panic!("no `## [{version}] - DATE` in CHANGELOG.md"));
    let date: Vec<&str> = released.split('-').collect();
    assert!(
        date.len() == 3 && date.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())),
        "`{released}` is not a YYYY-MM-DD date"
    );
    let repo = "https://github.com/pletor-ai/pletor-cli/";
    for section in sections {
        let name = &section[..section.find(']').unwrap()];
        assert!(
            changelog
                .lines()
                .any(|l| l.starts_with(&format!("[{name}]: {repo}"))),
            "`## [{name}]` has no link to {repo}…"
        );
    }
}
