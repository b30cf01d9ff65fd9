//! `pletor runs watch`: given runs followed to their end with `runs wait`'s codes, the key's
//! unended runs by default, one line per change off a terminal, a board redrawn in place on
//! one, and polling that stays inside the rate budget.

use std::time::Duration;

use pletor_sim::{Config, RateLimits, catalog};
use serde_json::{Value, json};

#[cfg(unix)]
use crate::harness::pty::{expect, finish, pty};
use crate::harness::review::{paused_run, run_id};
use crate::harness::{World, expect_code, fast_config, json, stdout};

/// A simulator whose runs last about `seconds` of real time, with `config`'s other settings.
fn lasting(seconds: f64, config: Config) -> World {
    World::with(Config {
        run_seconds: Some(seconds / config.time_scale),
        ..config
    })
}

/// Starts a run of `agent` (one text input) directly on the simulator; returns its id.
fn start(world: &World, agent: &str, input: &str) -> String {
    let run = world.api(
        "POST",
        "/runs/",
        Some(json!({"agent_id": agent, "inputs": [{"id": input, "value": "x"}]})),
    );
    run_id(&run)
}

/// The change lines printed for one run, split into cells.
fn lines_of(out: &str, id: &str) -> Vec<Vec<String>> {
    out.lines()
        .filter(|l| l.starts_with(id))
        .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
        .collect()
}

#[test]
fn watching_given_runs_prints_one_line_per_change_and_exits_with_the_worst_end() {
    // Long enough that the watch sees each run before it ends, however slowly a loaded
    // machine starts the binary (half a second was not).
    let world = lasting(3.0, fast_config());
    let fine = start(
        &world,
        catalog::TEXT_TO_IMAGE,
        catalog::TEXT_TO_IMAGE_PROMPT,
    );
    let failing = start(&world, catalog::ALWAYS_FAILS, catalog::ALWAYS_FAILS_PROMPT);
    let output = expect_code(
        world
            .pletor()
            .args(["runs", "watch", &fine, &failing, "--exit-status"])
            .timeout(Duration::from_secs(60)),
        3,
    );
    let out = stdout(&output);
    for (id, agent, end) in [
        (&fine, "Text to Image", "completed"),
        (&failing, "Always Fails", "failed"),
    ] {
        let lines = lines_of(&out, id);
        assert!(lines.len() >= 2, "a first state and the end: {out}");
        assert!(
            lines.iter().all(|cells| cells.last().unwrap() == agent),
            "{out}"
        );
        assert_eq!(lines.last().unwrap()[1], end, "{out}");
        assert!(
            lines.windows(2).all(|pair| pair[0][1] != pair[1][1]),
            "a line only when something changed: {out}"
        );
    }

    let output = expect_code(world.pletor().args(["runs", "watch", &fine]), 0);
    assert_eq!(lines_of(&stdout(&output), &fine).len(), 1, "already ended");
    let output = expect_code(world.pletor().args(["runs", "watch", &failing]), 0);
    assert!(
        stdout(&output).contains("failed"),
        "without --exit-status a failed run is not an error"
    );
}

#[test]
fn watching_the_keys_runs_follows_only_those_not_ended_and_settles_at_a_review() {
    let world = World::new();
    let ended = start(&world, catalog::ALWAYS_FAILS, catalog::ALWAYS_FAILS_PROMPT);
    let paused = run_id(&paused_run(&world, false));
    let output = expect_code(
        world
            .pletor()
            .args(["runs", "watch", "--exit-status"])
            .timeout(Duration::from_secs(60)),
        10,
    );
    let out = stdout(&output);
    assert!(!out.contains(&ended), "an ended run is not watched: {out}");
    let lines = lines_of(&out, &paused);
    assert_eq!(lines.len(), 1, "{out}");
    assert_eq!(lines[0][3], "1", "one review pending: {out}");
    assert_eq!(lines[0][4], "Reviewed Post", "{out}");

    let output = expect_code(
        world
            .pletor()
            .args(["runs", "watch", "--exit-status", "--json"])
            .timeout(Duration::from_secs(60)),
        10,
    );
    let doc = json(&output);
    let ids: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![paused.as_str()],
        "the last states, server objects"
    );
}

#[cfg(unix)]
#[test]
fn on_a_terminal_the_watch_is_a_board_redrawn_in_place_until_the_run_ends() {
    let world = World::new();
    let run = paused_run(&world, false);
    let id = run_id(&run);
    let review = run["pending_reviews"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut session = pty(&world, &["runs", "watch", &id], &[]);
    let board = expect(&mut session, "Reviewed Post");
    assert!(board.contains("ID") && board.contains("REVIEWS"), "{board}");
    assert!(board.contains(&id), "{board}");
    world.api(
        "POST",
        &format!("/runs/{id}/reviews/{review}"),
        Some(json!({"decision": "approve"})),
    );
    let redrawn = expect(&mut session, "completed");
    assert!(
        redrawn.contains("\x1b[1A") || redrawn.contains("\x1b[2K"),
        "the board is drawn over itself: {redrawn:?}"
    );
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
}

#[test]
fn a_watch_paces_its_polls_by_the_rate_budget_and_provokes_no_429() {
    let config = Config {
        rate_limits: RateLimits {
            default: 40,
            ..RateLimits::default()
        },
        ..fast_config()
    };
    let world = lasting(3.0, config);
    let ids: Vec<String> = (0..3)
        .map(|_| {
            start(
                &world,
                catalog::TEXT_TO_IMAGE,
                catalog::TEXT_TO_IMAGE_PROMPT,
            )
        })
        .collect();
    let mut args = vec!["runs", "watch", "--exit-status"];
    args.extend(ids.iter().map(String::as_str));
    expect_code(
        world.pletor().args(&args).timeout(Duration::from_secs(120)),
        0,
    );
    let limited: Vec<Value> = world
        .requests()
        .into_iter()
        .filter(|r| r["status"] == 429)
        .collect();
    assert!(limited.is_empty(), "no 429: {limited:?}");
}
