//! `--help` of every command and every man page are insta snapshots (`tests/cli/snapshots/help/`
//! and `man/`, reviewed with `cargo insta review`), and the shipped `completions/` must be what
//! the binary prints. `harness::REGENERATE` rewrites them all; CONTRIBUTING.md says how to
//! review.

use crate::harness::{
    World, check_in_step, expect_code, in_step, only_snapshots, snapshots_in, stdout,
};

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

/// `pletor COMMAND --help` with the key in the environment: it must not reach the text.
pub fn help_of(world: &World, command: &str, flag: &str) -> String {
    let args: Vec<&str> = command.split_whitespace().chain([flag]).collect();
    let output = expect_code(
        world
            .bare()
            .env("COLUMNS", "100")
            .env("PLETOR_API_KEY", world.sim.key())
            .args(&args),
        0,
    );
    let text = stdout(&output);
    assert!(!text.contains(&world.sim.key()), "the key is in {args:?}");
    text
}

#[test]
fn help_of_every_command_matches_its_snapshot() {
    let world = World::new();
    let mut names = Vec::new();
    snapshots_in("help").bind(|| {
        for command in COMMANDS {
            let shown = format!("pletor {command}").trim_end().to_string();
            let name = shown.replace(' ', "_");
            insta::with_settings!({description => format!("{shown} --help")}, {
                insta::assert_snapshot!(name.as_str(), help_of(&world, command, "--help"));
            });
            names.push(name);
        }
    });
    only_snapshots("help", &names);
}

/// The shells `pletor completions` knows and the file each script is shipped as.
const COMPLETIONS: &[(&str, &str)] = &[
    ("bash", "pletor.bash"),
    ("zsh", "_pletor"),
    ("fish", "pletor.fish"),
    ("powershell", "_pletor.ps1"),
    ("elvish", "pletor.elv"),
];

#[test]
fn shipped_completions_are_what_the_binary_prints() {
    let world = World::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let mut shipped: Vec<String> = COMPLETIONS.iter().map(|(_, f)| f.to_string()).collect();
    shipped.sort();
    assert_eq!(
        crate::harness::tree(&dir),
        shipped,
        "completions/ ships one script per shell and nothing else"
    );
    for (shell, file) in COMPLETIONS {
        let output = expect_code(
            world
                .bare()
                .env("PLETOR_API_KEY", world.sim.key())
                .args(["completions", shell]),
            0,
        );
        assert!(!stdout(&output).contains(&world.sim.key()));
        in_step(
            &format!("completions/{file}"),
            &output.stdout,
            &format!("`pletor completions {shell}`"),
        );
    }
}

#[test]
fn a_drifted_shipped_file_fails_with_the_command_that_fixes_it() {
    let world = World::new();
    let file = world.home.path().join("pletor.bash");
    std::fs::write(&file, "complete -F _old pletor\n").unwrap();
    let source = "`pletor completions bash`";
    let line = check_in_step(&file, "completions/pletor.bash", b"new\n", source, false)
        .expect_err("a drift fails");
    assert_eq!(
        line,
        format!(
            "completions/pletor.bash is not what `pletor completions bash` prints: run \
             `{}` and review `git diff`",
            crate::harness::REGENERATE
        )
    );
    assert!(!line.contains('\n'), "one line: {line}");
    assert!(line.contains("INSTA_UPDATE=always cargo test"), "{line}");
    assert_eq!(std::fs::read(&file).unwrap(), b"complete -F _old pletor\n");
    // A missing file is a drift too; regenerating writes it, and then it is in step.
    let missing = world.home.path().join("_pletor");
    assert!(check_in_step(&missing, "completions/_pletor", b"new\n", source, false).is_err());
    check_in_step(&file, "completions/pletor.bash", b"new\n", source, true).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), b"new\n");
    check_in_step(&file, "completions/pletor.bash", b"new\n", source, false).unwrap();
}

#[test]
fn man_pages_one_per_command_match_their_snapshots() {
    let world = World::new();
    let fresh = world.home.path().join("man");
    let output = expect_code(
        world
            .bare()
            .env("PLETOR_API_KEY", world.sim.key())
            .args(["completions", "--man"])
            .arg(&fresh),
        0,
    );
    let listed: Vec<String> = stdout(&output).lines().map(str::to_string).collect();
    let pages = crate::harness::tree(&fresh);
    assert_eq!(
        listed,
        pages
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
        assert!(pages.contains(&page), "{page} missing from {pages:?}");
    }
    snapshots_in("man").bind(|| {
        for page in &pages {
            let text = std::fs::read_to_string(fresh.join(page)).unwrap();
            assert!(!text.contains(&world.sim.key()), "the key is in {page}");
            insta::with_settings!({description => format!("{page}, as `pletor completions --man DIR` writes it")}, {
                insta::assert_snapshot!(page.as_str(), text);
            });
        }
    });
    only_snapshots("man", &pages);
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
