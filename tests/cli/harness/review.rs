//! Runs that wait for a person, made directly on the simulator, and what it received of their
//! reviews.

use std::time::{Duration, Instant};

use pletor_sim::catalog;
use serde_json::{Value, json};

use super::World;

/// Creates a Reviewed Post run (or a Reviewed Ad app run) directly on the simulator and waits
/// until it pauses for its review; returns the run as the server shows it.
pub fn paused_run(world: &World, app: bool) -> Value {
    paused_run_about(world, app, "sea")
}

/// [`paused_run`] with a given prompt (a Reviewed Post shows `Post: PROMPT` for review).
pub fn paused_run_about(world: &World, app: bool, prompt: &str) -> Value {
    let (path, body) = if app {
        (
            "/app-runs/",
            json!({"app_id": catalog::REVIEWED_AD,
            "inputs": [{"id": catalog::REVIEWED_AD_BRIEF, "value": "spring shoes"}]}),
        )
    } else {
        (
            "/runs/",
            json!({"agent_id": catalog::REVIEWED_POST,
            "inputs": [{"id": catalog::REVIEWED_POST_PROMPT, "value": prompt}]}),
        )
    };
    let created = world.api("POST", path, Some(body));
    let id = created["id"]
        .as_str()
        .expect("the run has an id")
        .to_string();
    wait_for(world, &format!("{path}{id}"), |run| {
        run["awaiting_human_review"] == true
    })
}

/// Polls an API path until `done` holds for its answer (bounded, so a bug fails, not hangs).
pub fn wait_for(world: &World, path: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let value = world.api("GET", path, None);
        if done(&value) {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never reached the state: {value}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

pub fn run_id(run: &Value) -> String {
    run["id"].as_str().unwrap().to_string()
}

pub fn review_id(run: &Value) -> String {
    run["pending_reviews"][0]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The review decisions the simulator received, in order.
pub fn decisions(world: &World) -> Vec<Value> {
    world
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST" && r["path"].as_str().unwrap_or("").contains("/reviews/"))
        .collect()
}

pub fn resolved(world: &World) -> u64 {
    world.stats()["reviews_resolved"].as_u64().unwrap()
}

/// The `copy:` path the review prompt printed in `shown`.
pub fn copy_path(shown: &str) -> std::path::PathBuf {
    let line = shown
        .lines()
        .find_map(|l| l.trim().strip_prefix("copy: "))
        .unwrap_or_else(|| panic!("no copy path in {shown}"));
    std::path::PathBuf::from(line.trim())
}
