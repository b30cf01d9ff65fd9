//! `--help` of every command is snapshot-tested, and `completions/` and `man/` must be current
//! (`UPDATE_SNAPSHOTS=1 cargo test --locked --test cli help::` regenerates all three).

use crate::harness::{World, expect_code, snapshot, stdout};

const COMMANDS: &[&str] = &[
    "",
    "agents",
    "agents list",
    "agents show",
    "apps",
    "apps list",
    "apps show",
    "run",
    "app-run",
    "batch",
    "batch status",
    "batch report",
    "runs",
    "runs list",
    "runs show",
    "runs wait",
    "runs watch",
    "runs cancel",
    "upload",
    "download",
    "assets",
    "assets list",
    "assets show",
    "review",
    "auth",
    "auth login",
    "auth status",
    "auth logout",
    "api",
    "completions",
    "doctor",
];

#[test]
fn help_of_every_command_matches_its_snapshot() {
    let world = World::new();
    for command in COMMANDS {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("--help");
        let output = expect_code(world.bare().env("COLUMNS", "100").args(&args), 0);
        let name = if command.is_empty() {
            "pletor".to_string()
        } else {
            format!("pletor {command}")
        };
        snapshot(
            &format!("help/{}.txt", name.replace(' ', "_")),
            &stdout(&output),
        );
    }
}

#[test]
fn committed_completions_are_current() {
    let world = World::new();
    let files = [
        ("bash", "pletor.bash"),
        ("zsh", "_pletor"),
        ("fish", "pletor.fish"),
        ("powershell", "_pletor.ps1"),
        ("elvish", "pletor.elv"),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in files {
        let output = expect_code(world.bare().args(["completions", shell]), 0);
        let path = dir.join(file);
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &output.stdout).unwrap();
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == output.stdout,
            "completions/{file} is stale: run the tests with UPDATE_SNAPSHOTS=1"
        );
    }
}

#[test]
fn committed_man_pages_are_current_one_per_command() {
    let world = World::new();
    let fresh = world.home.path().join("man");
    let output = expect_code(world.bare().args(["completions", "--man"]).arg(&fresh), 0);
    let listed: Vec<String> = stdout(&output).lines().map(str::to_string).collect();
    let names = crate::harness::tree(&fresh);
    assert_eq!(
        listed,
        names
            .iter()
            .map(|n| fresh.join(n).display().to_string())
            .collect::<Vec<_>>(),
        "the written pages are listed"
    );
    for command in COMMANDS {
        let page = if command.is_empty() {
            "pletor.1".to_string()
        } else {
            format!("pletor-{}.1", command.replace(' ', "-"))
        };
        assert!(names.contains(&page), "{page} missing from {names:?}");
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for name in &names {
            std::fs::copy(fresh.join(name), dir.join(name)).unwrap();
        }
        return;
    }
    let committed = crate::harness::tree(&dir);
    assert_eq!(
        committed, names,
        "man/ holds other pages: run the tests with UPDATE_SNAPSHOTS=1"
    );
    for name in &names {
        assert!(
            std::fs::read(dir.join(name)).unwrap() == std::fs::read(fresh.join(name)).unwrap(),
            "man/{name} is stale: run the tests with UPDATE_SNAPSHOTS=1"
        );
    }
}

#[test]
fn version_prints_the_package_version_the_commit_and_the_target() {
    let world = World::new();
    let output = expect_code(world.bare().arg("--version"), 0);
    let text = stdout(&output);
    let prefix = format!("pletor {} (commit ", env!("CARGO_PKG_VERSION"));
    let rest = text
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{text}"));
    let (commit, target) = rest
        .trim_end()
        .strip_suffix(')')
        .and_then(|r| r.split_once(", target "))
        .unwrap_or_else(|| panic!("{text}"));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    // A packager (a source archive, a distribution) names the commit with PLETOR_BUILD_COMMIT
    // for the build and its tests; it wins over git.
    let given = std::env::var("PLETOR_BUILD_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty());
    match given {
        Some(given) => assert_eq!(commit, given.trim(), "PLETOR_BUILD_COMMIT wins"),
        None => {
            match git(&["rev-parse", "--short=12", "HEAD"]).filter(|_| root.join(".git").exists()) {
                Some(head) => assert_eq!(commit, head, "the commit checked out"),
                None => assert_eq!(commit, "unknown"),
            }
        }
    }
    // Built by the same compiler as this test, for its host.
    let rustc = std::process::Command::new(std::env::var("RUSTC").unwrap_or("rustc".into()))
        .arg("-vV")
        .output()
        .unwrap();
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .unwrap();
    assert_eq!(target, host);
}

#[test]
fn a_usage_error_exits_2_and_with_json_prints_an_error_document() {
    let world = World::new();
    expect_code(world.bare().args(["agents", "list", "--limit", "many"]), 2);
    let output = expect_code(world.bare().args(["--json", "agents", "frobnicate"]), 2);
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["error"]["code"], "usage");
}

#[test]
fn every_test_named_in_reliability_md_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("RELIABILITY.md")).unwrap();
    let mut sources = String::new();
    for dir in ["src", "crates", "tests", "sim"] {
        for file in crate::harness::tree(&root.join(dir)) {
            if file.ends_with(".rs") {
                sources.push_str(&std::fs::read_to_string(root.join(dir).join(file)).unwrap());
            }
        }
    }
    let named: Vec<&str> = doc
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| {
            t.contains("::")
                && t.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == ':')
        })
        .collect();
    assert!(
        named.len() > 40,
        "RELIABILITY.md names its tests: {}",
        named.len()
    );
    for test in named {
        let name = test.rsplit("::").next().unwrap();
        assert!(
            sources.contains(&format!("fn {name}(")),
            "RELIABILITY.md names `{test}`, which does not exist"
        );
    }
}
