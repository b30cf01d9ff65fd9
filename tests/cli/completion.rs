//! Completion that knows your agents: `COMPLETE=fish pletor -- pletor …` (clap_complete's
//! dynamic protocol; fish's is `value<TAB>help` per line) offers agents, apps, input keys, runs
//! and assets from the simulator, caches each answer for a minute (0600, no key inside), gives
//! up within its time limit on a hung API, and offers nothing without a key.

use std::time::Duration;

use pletor_sim::catalog;
use serde_json::json;

use crate::harness::{World, expect_code, stdout};

/// The candidates offered for the last word of `line`, as `(value, help)`.
fn complete(world: &World, line: &[&str]) -> Vec<(String, String)> {
    let output = expect_code(
        world
            .pletor()
            .env("COMPLETE", "fish")
            .arg("--")
            .arg("pletor")
            .args(line)
            .timeout(Duration::from_secs(30)),
        0,
    );
    stdout(&output)
        .lines()
        .map(|l| {
            let (value, help) = l.split_once('\t').unwrap_or((l, ""));
            (value.to_string(), help.to_string())
        })
        .collect()
}

fn values(candidates: &[(String, String)]) -> Vec<&str> {
    candidates.iter().map(|(v, _)| v.as_str()).collect()
}

#[test]
fn agents_apps_input_keys_runs_and_assets_complete_from_the_api() {
    let world = World::new();
    let agents = complete(&world, &["run", ""]);
    assert!(
        agents.contains(&(
            catalog::TEXT_TO_IMAGE.to_string(),
            "Text to Image".to_string()
        )),
        "{agents:?}"
    );
    let by_name = complete(&world, &["run", "prod"]);
    assert_eq!(
        values(&by_name),
        vec!["product-shot", catalog::PRODUCT_SHOT],
        "names match too, and the slug is offered beside the id"
    );
    let apps = complete(&world, &["app-run", ""]);
    assert!(values(&apps).contains(&catalog::SOCIAL_POST), "{apps:?}");
    assert!(!values(&apps).contains(&catalog::TEXT_TO_IMAGE), "{apps:?}");

    let keys = complete(&world, &["run", catalog::PRODUCT_SHOT, "-i", "p"]);
    assert_eq!(values(&keys), vec!["prompt=", "product="], "{keys:?}");
    assert!(complete(&world, &["run", catalog::PRODUCT_SHOT, "-i", "prompt="]).is_empty());
    let by_slug = complete(&world, &["--json", "run", "product-shot", "-i", "p"]);
    assert_eq!(values(&by_slug), vec!["prompt=", "product="], "{by_slug:?}");

    let run = world.api(
        "POST",
        "/runs/",
        Some(json!({"agent_id": catalog::TEXT_TO_IMAGE,
            "inputs": [{"id": catalog::TEXT_TO_IMAGE_PROMPT, "value": "x"}]})),
    );
    let run_id = run["id"].as_str().unwrap();
    for line in [
        &["runs", "show", ""][..],
        &["review", ""],
        &["download", "--run", ""],
    ] {
        let runs = complete(&world, line);
        assert!(values(&runs).contains(&run_id), "{line:?}: {runs:?}");
    }
    world.file("shoe.png", b"not really a png");
    let uploaded = expect_code(world.pletor().args(["upload", "shoe.png", "--json"]), 0);
    let asset: serde_json::Value = serde_json::from_slice(&uploaded.stdout).unwrap();
    let asset_id = asset[0]["id"].as_str().unwrap();
    let assets = complete(&world, &["assets", "show", ""]);
    assert!(
        assets.contains(&(asset_id.to_string(), "shoe.png · image/png".to_string())),
        "{assets:?}"
    );
}

#[test]
fn answers_are_cached_for_a_minute_privately_without_the_key() {
    let world = World::new();
    let first = complete(&world, &["run", ""]);
    let asked = world.requests().len();
    let again = complete(&world, &["run", ""]);
    assert_eq!(first, again);
    assert_eq!(
        world.requests().len(),
        asked,
        "the second answer is the cache's"
    );

    // The platform's cache folder under the test's HOME. Windows keeps it in the Local AppData
    // known folder, which no variable moves: the behaviour above is checked there, the file not.
    let home = world.home.path();
    let cache = if cfg!(windows) {
        return;
    } else if cfg!(target_os = "macos") {
        home.join("Library/Caches/ai.pletor.pletor/completion")
    } else {
        home.join(".cache/pletor/completion")
    };
    let files = crate::harness::tree(&cache);
    assert_eq!(files.len(), 1, "{files:?}");
    let path = cache.join(&files[0]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(catalog::TEXT_TO_IMAGE), "{text}");
    assert!(
        !text.contains(&world.sim.key()) && !files[0].contains(&world.sim.key()),
        "the key never reaches the cache"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let mode = std::fs::metadata(&cache).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "the folder is private too");
    }
}

#[test]
fn a_hung_api_gives_no_candidates_instead_of_blocking_the_shell() {
    let world = World::new();
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "hang", "times": 5}]));
    let offered = complete(&world, &["run", ""]);
    assert!(
        offered.iter().all(|(value, _)| value.starts_with('-')),
        "only the options, no ids: {offered:?}"
    );
}

#[test]
fn without_a_key_nothing_is_asked_and_static_options_still_complete() {
    let world = World::new();
    let output = expect_code(
        world
            .bare()
            .env("PLETOR_API_BASE", world.sim.api_base())
            .env("COMPLETE", "fish")
            .args(["--", "pletor", "run", ""]),
        0,
    );
    let offered = stdout(&output);
    assert!(
        offered.lines().all(|l| l.starts_with('-')),
        "no key: only the options, no ids: {offered}"
    );
    assert!(world.requests().is_empty(), "nothing was asked");
    let output = expect_code(
        world
            .bare()
            .env("COMPLETE", "fish")
            .args(["--", "pletor", "review", "RUN", "--prev"]),
        0,
    );
    assert!(stdout(&output).contains("--preview"), "{}", stdout(&output));
}
