//! Help that answers: `pletor help exit-codes|environment|files`, the same text as the EXIT
//! STATUS, ENVIRONMENT and FILES sections of `man pletor` and as the lists in `docs/`; `-h`
//! that shows a command's own flags; and the config folder under `XDG_CONFIG_HOME`.
//! The topics' text is pinned where it is read, the quotes in `docs/` (no second copy as a
//! snapshot); the `-h` texts are insta snapshots. `harness::REGENERATE` rewrites both.

use std::path::Path;

use crate::harness::{World, expect_code, in_step, only_snapshots, snapshots_in, stdout};

const TOPICS: &[(&str, &str)] = &[
    ("exit-codes", "EXIT STATUS"),
    ("environment", "ENVIRONMENT"),
    ("files", "FILES"),
];

/// The Markdown files that quote a topic between `<!-- help NAME -->` and `<!-- end -->`.
const QUOTED_IN: &[&str] = &["docs/scripting.md", "docs/configuration.md"];

/// `pletor help NAME`, with the key in the environment: it must not reach the text.
fn topic(world: &World, name: &str) -> String {
    let key = world.sim.key();
    let text = stdout(&expect_code(
        world
            .bare()
            .env("PLETOR_API_KEY", &key)
            .args(["help", name]),
        0,
    ));
    assert!(!text.contains(&key), "the key is in `pletor help {name}`");
    text
}

#[test]
fn each_help_topic_prints_its_text() {
    let world = World::new();
    for (name, _) in TOPICS {
        let text = topic(&world, name);
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    }
    let codes = topic(&world, "exit-codes");
    for code in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "10", "130"] {
        assert!(
            codes
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{code} "))),
            "exit code {code} is not explained:\n{codes}"
        );
    }
    let environment = topic(&world, "environment");
    for variable in [
        "PLETOR_API_KEY",
        "PLETOR_CONFIG_DIR",
        "XDG_CONFIG_HOME",
        "NO_COLOR",
    ] {
        assert!(environment.contains(variable), "{variable}:\n{environment}");
    }
    let files = topic(&world, "files");
    for place in [
        "Linux",
        "macOS",
        "Windows",
        "XDG_CONFIG_HOME",
        "Library/Application Support",
    ] {
        assert!(files.contains(place), "{place}:\n{files}");
    }
    // A topic that does not exist is a usage error, as an unknown command is.
    expect_code(world.bare().args(["help", "nonsense"]), 2);
}

#[test]
fn the_man_page_carries_each_topic_as_its_section() {
    let world = World::new();
    let dir = world.home.path().join("man");
    expect_code(world.bare().args(["completions", "--man"]).arg(&dir), 0);
    let page = std::fs::read_to_string(dir.join("pletor.1")).unwrap();
    let mut last = 0;
    for (name, section) in TOPICS {
        let at = page
            .find(&format!(".SH \"{section}\"\n"))
            .unwrap_or_else(|| panic!("no {section} in pletor.1"));
        assert!(at > last, "{section} is out of order");
        last = at;
        // Every term the topic lists is an entry of the section.
        let text = topic(&world, name);
        let body = &page[at..];
        let body = &body[..body[1..].find("\n.SH ").map_or(body.len(), |i| i + 1)];
        let entries = body.matches("\n.TP\n").count();
        let listed = text
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .count();
        assert_eq!(entries, listed, "{section}:\n{body}");
    }
    assert!(
        page.find(".SH VERSION").is_none_or(|v| v > last),
        "the sections come before VERSION"
    );
    assert!(page.contains("\\fBPLETOR_API_KEY\\fR"));
    assert!(page.contains("\\fB130\\fR"));
}

/// The quoted block for `name` in `text`: its start and end offsets.
fn quote(text: &str, name: &str) -> Option<(usize, usize)> {
    let open = format!("<!-- help {name} -->\n");
    let start = text.find(&open)? + open.len();
    let end = start + text[start..].find("<!-- end -->")?;
    Some((start, end))
}

#[test]
fn docs_quote_each_help_topic_as_pletor_prints_it() {
    let world = World::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut quoted = Vec::new();
    for file in QUOTED_IN {
        let committed = std::fs::read_to_string(root.join(file)).unwrap();
        let mut text = committed.clone();
        let mut topics = Vec::new();
        for (name, _) in TOPICS {
            let Some((start, end)) = quote(&text, name) else {
                continue;
            };
            let expected = format!("```text\n{}```\n", topic(&world, name));
            text = format!("{}{expected}{}", &text[..start], &text[end..]);
            topics.push(format!("`pletor help {name}`"));
            quoted.push(*name);
        }
        if !topics.is_empty() {
            in_step(file, text.as_bytes(), &topics.join(" and "));
        }
    }
    for (name, _) in TOPICS {
        assert!(
            quoted.contains(name),
            "no file of {QUOTED_IN:?} quotes `pletor help {name}`"
        );
    }
}

#[test]
fn short_help_shows_the_commands_own_flags_and_points_at_long_help() {
    let world = World::new();
    let pointer = "and network options: see --help";
    for command in [&["run"][..], &["runs", "list"], &["batch", "status"], &[]] {
        let short = stdout(&expect_code(world.bare().args(command).arg("-h"), 0));
        let long = stdout(&expect_code(world.bare().args(command).arg("--help"), 0));
        // The flags listed: neither the examples nor the pointer line, which name a few.
        let listed = short
            .split("\n\n")
            .filter(|part| !part.starts_with("Examples:"));
        let listed: String = listed
            .filter(|p| !p.starts_with("Global options ("))
            .collect();
        for global in [
            "--profile",
            "--json",
            "--jq",
            "--verbose",
            "--retries",
            "--read-timeout",
        ] {
            assert!(
                !listed.contains(global),
                "{command:?} -h shows {global}:\n{short}"
            );
            assert!(
                long.contains(global),
                "{command:?} --help lacks {global}:\n{long}"
            );
        }
        assert!(
            short.trim_end().ends_with(pointer),
            "{command:?} -h:\n{short}"
        );
        assert!(!long.contains(pointer), "{command:?} --help:\n{long}");
    }
    let run = stdout(&expect_code(world.bare().args(["run", "-h"]), 0));
    for own in ["--input", "--dry-run", "--batch", "--shard", "Examples:"] {
        assert!(run.contains(own), "run -h lacks {own}:\n{run}");
    }
    let mut names = Vec::new();
    snapshots_in("help-short").bind(|| {
        for command in ["", "run", "batch", "batch status"] {
            let shown = format!("pletor {command}").trim_end().to_string();
            let name = shown.replace(' ', "_");
            insta::with_settings!({description => format!("{shown} -h")}, {
                insta::assert_snapshot!(name.as_str(), crate::help::help_of(&world, command, "-h"));
            });
            names.push(name);
        }
    });
    only_snapshots("help-short", &names);
}

#[test]
fn batch_help_shows_how_a_batch_is_run_sharded_and_followed() {
    let world = World::new();
    let help = stdout(&expect_code(world.bare().args(["batch", "--help"]), 0));
    let examples = &help[help.find("Examples:").expect("batch --help has examples")..];
    for example in [
        "--batch rows.csv",
        "--shard 2/4",
        "batch status",
        "batch report",
    ] {
        assert!(examples.contains(example), "{example}:\n{examples}");
    }
}

#[test]
fn the_config_folder_is_under_xdg_config_home_when_it_is_set() {
    let world = World::new();
    let xdg = world.home.path().join("xdg-config");
    expect_code(
        world
            .bare()
            .env_remove("PLETOR_CONFIG_DIR")
            .env("XDG_CONFIG_HOME", &xdg)
            .env("PLETOR_API_BASE", world.sim.api_base())
            .args(["auth", "login", "--with-key"])
            .write_stdin(format!("{}\n", world.sim.key())),
        0,
    );
    let file = xdg.join("pletor").join("config.toml");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    assert!(text.contains("[profiles.default]"), "{text}");
    assert!(
        !world.config_dir().exists(),
        "nothing is written to the harness's config folder"
    );
    // PLETOR_CONFIG_DIR still wins over XDG_CONFIG_HOME.
    let output = expect_code(
        world
            .bare()
            .env("XDG_CONFIG_HOME", &xdg)
            .args(["auth", "status"]),
        4,
    );
    assert!(!stdout(&output).contains(&world.sim.key()));
}
