//! A batch on many machines: `--shard K/N` processes in parallel on one key, resuming with
//! another N, and `batch status` / `batch report` across the shards.

use std::process::Output;
use std::time::Duration;

use pletor_sim::Config;
use pletor_sim::catalog::{REVIEWED_AD, REVIEWED_AD_BRIEF, TEXT_TO_IMAGE};
use serde_json::{Value, json};

use crate::harness::batch::{lines, prompts, run_limit, stat};
use crate::harness::{World, expect_code, json, stderr, stdout, tree};

/// Lines of several outputs, sorted by row.
fn merged(outputs: &[Output]) -> Vec<Value> {
    let mut rows: Vec<Value> = outputs.iter().flat_map(lines).collect();
    rows.sort_by_key(|r| r["row"].as_u64().unwrap());
    rows
}

/// Runs the shards `shards` of `count` of the Text to Image batch `rows.jsonl` in parallel.
fn run_shards(world: &World, shards: &[usize], count: usize, extra: &[&str]) -> Vec<Output> {
    let children: Vec<_> = shards
        .iter()
        .map(|k| {
            let shard = format!("{k}/{count}");
            let mut args = vec![
                "run",
                TEXT_TO_IMAGE,
                "--batch",
                "rows.jsonl",
                "-o",
                "out",
                "--shard",
                &shard,
            ];
            args.extend_from_slice(extra);
            world.spawn(&args)
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().unwrap();
            assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
            output
        })
        .collect()
}

#[test]
fn four_shard_processes_in_parallel_create_each_row_once_and_save_what_one_unsharded_run_would() {
    let world = World::new();
    prompts(&world, "rows.jsonl", 22);

    let outputs = run_shards(&world, &[1, 2, 3, 4], 4, &[]);

    assert_eq!(stat(&world, "runs_created"), 22, "each row created once");
    assert_eq!(
        stat(&world, "conflicts"),
        0,
        "no shard touched another's row"
    );
    let rows = merged(&outputs);
    let numbers: Vec<u64> = rows.iter().map(|r| r["row"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (1..=22).collect::<Vec<u64>>());
    // Shard 2 of 4 ran rows 2, 6, 10, …, under the unsharded batch's external ids.
    let second: Vec<u64> = lines(&outputs[1])
        .iter()
        .map(|r| r["row"].as_u64().unwrap())
        .collect();
    assert_eq!(second.len(), 6);
    assert!(second.iter().all(|n| n % 4 == 2), "{second:?}");
    assert!(stderr(&outputs[1]).contains("shard 2/4: `rows.jsonl` holds 22 rows"));
    let files = tree(&world.work().join("out"));
    assert_eq!(files.len(), 22, "{files:?}");

    // The unsharded batch finds every run and every file where it would have put them.
    let whole = world.run_expect(
        &["run", TEXT_TO_IMAGE, "--batch", "rows.jsonl", "-o", "out"],
        0,
    );
    assert_eq!(stat(&world, "runs_created"), 22, "nothing paid twice");
    let again = merged(&[whole]);
    for (sharded, unsharded) in rows.iter().zip(&again) {
        assert_eq!(sharded["run_id"], unsharded["run_id"]);
        assert_eq!(sharded["external_id"], unsharded["external_id"]);
        assert_eq!(sharded["files"][0]["path"], unsharded["files"][0]["path"]);
        assert_eq!(unsharded["files"][0]["skipped"], true, "already in place");
    }
    assert_eq!(tree(&world.work().join("out")), files);
}

#[test]
fn resuming_with_another_shard_count_adopts_every_row_and_finishes_the_rest() {
    let world = World::new();
    prompts(&world, "rows.jsonl", 12);
    // One of three shards ran (rows 1, 4, 7, 10), then the batch is resumed on two machines.
    run_shards(&world, &[1], 3, &[]);
    assert_eq!(stat(&world, "runs_created"), 4);

    let outputs = run_shards(&world, &[1, 2], 2, &[]);

    assert_eq!(
        stat(&world, "runs_created"),
        12,
        "the four rows were adopted"
    );
    let rows = merged(&outputs);
    assert_eq!(rows.len(), 12);
    assert!(rows.iter().all(|r| r["status"] == "completed"), "{rows:?}");
    assert_eq!(tree(&world.work().join("out")).len(), 12);
}

#[test]
fn shards_on_a_low_run_limit_create_every_row_once_and_retry_every_429() {
    let world = World::with(run_limit(4, Duration::from_secs(1)));
    prompts(&world, "rows.jsonl", 16);

    let outputs = run_shards(&world, &[1, 2, 3, 4], 4, &["--concurrency", "4"]);

    assert_eq!(merged(&outputs).len(), 16);
    assert_eq!(stat(&world, "runs_created"), 16);
    assert_eq!(stat(&world, "conflicts"), 0, "no create was answered twice");
    let creates: Vec<Value> = world
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST" && r["path"].as_str().unwrap().ends_with("/runs/"))
        .collect();
    // Each row was created by one 201; anything else the creates got was a 429, tried again.
    let mut created: Vec<&str> = creates
        .iter()
        .filter(|r| r["status"] == 201)
        .map(|r| r["external_id"].as_str().unwrap())
        .collect();
    created.sort_unstable();
    created.dedup();
    assert_eq!(created.len(), 16);
    assert!(
        creates
            .iter()
            .all(|r| r["status"] == 201 || r["status"] == 429),
        "{creates:?}"
    );
}

#[test]
fn a_shard_with_no_rows_exits_0_at_once_and_a_shard_past_n_is_a_usage_error() {
    let world = World::new();
    prompts(&world, "rows.jsonl", 3);
    let batch = ["run", TEXT_TO_IMAGE, "--batch", "rows.jsonl", "-o", "out"];

    let empty = world.run_expect(&[&batch[..], &["--shard", "5/8"]].concat(), 0);
    assert!(stdout(&empty).is_empty());
    assert!(stderr(&empty).contains("this shard runs none of them: nothing to do"));
    let document = world.run_expect(&[&batch[..], &["--shard", "4/4", "--json"]].concat(), 0);
    assert_eq!(json(&document)["rows"], json!([]));

    let past = world.run_expect(&[&batch[..], &["--shard", "3/2"]].concat(), 2);
    assert!(
        stderr(&past).contains("there is no shard 3 of 2"),
        "{}",
        stderr(&past)
    );
    let from_env = expect_code(world.pletor().args(batch).env("PLETOR_SHARD", "0/2"), 2);
    assert!(stderr(&from_env).contains("`PLETOR_SHARD=0/2`: there is no shard 0 of 2"));
    let no_ci = world.run_expect(&[&batch[..], &["--shard", "auto"]].concat(), 2);
    assert!(stderr(&no_ci).contains("found no job-index variables"));
    // A Kubernetes Indexed Job tells the pod its index but not the count: exit 2, naming the
    // variable to set, before anything is created.
    let no_count = expect_code(
        world
            .pletor()
            .args(batch)
            .args(["--shard", "auto"])
            .env("JOB_COMPLETION_INDEX", "1"),
        2,
    );
    let said = stderr(&no_count);
    assert!(
        said.contains("a Kubernetes Indexed Job sets `JOB_COMPLETION_INDEX` but no count of jobs"),
        "{said}"
    );
    assert!(said.contains("set `PLETOR_SHARD_COUNT`"), "{said}");
    assert_eq!(stat(&world, "runs_created"), 0);
    assert_eq!(
        world.requests().len(),
        2,
        "only the two empty shards looked up the agent"
    );

    // GitLab's `parallel:` numbers its jobs from 1.
    let gitlab = expect_code(
        world
            .pletor()
            .args(batch)
            .args(["--shard", "auto"])
            .env("CI_NODE_INDEX", "2")
            .env("CI_NODE_TOTAL", "3"),
        0,
    );
    let rows: Vec<Value> = lines(&gitlab);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["row"], 2);
    // Kubernetes and AWS Batch number their jobs from 0, Slurm from its array's first index;
    // each runs the row of its shard (a row that exists is adopted, not paid twice).
    let engines: [&[(&str, &str)]; 3] = [
        &[("JOB_COMPLETION_INDEX", "2"), ("PLETOR_SHARD_COUNT", "3")],
        &[
            ("AWS_BATCH_JOB_ARRAY_INDEX", "0"),
            ("PLETOR_SHARD_COUNT", "3"),
        ],
        &[
            ("SLURM_ARRAY_TASK_ID", "6"),
            ("SLURM_ARRAY_TASK_MIN", "5"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
        ],
    ];
    for (vars, row) in engines.iter().zip([3, 1, 2]) {
        let mut command = world.pletor();
        command.args(batch).args(["--shard", "auto"]);
        for (name, value) in *vars {
            command.env(name, value);
        }
        let rows: Vec<Value> = lines(&expect_code(&mut command, 0));
        assert_eq!(rows.len(), 1, "{vars:?}");
        assert_eq!(rows[0]["row"], row, "{vars:?}");
    }
    assert_eq!(
        stat(&world, "runs_created"),
        3,
        "rows 1, 2 and 3, once each"
    );
    // Without `--batch`, the environment's shard is not this command's business.
    expect_code(
        world
            .pletor()
            .args(["runs", "list"])
            .env("PLETOR_SHARD", "9/2"),
        0,
    );
}

/// Creates the app run of row `row` of the batch key `st` directly, as a shard would.
fn app_run(world: &World, row: usize) -> String {
    let created = world.api(
        "POST",
        "/app-runs/",
        Some(json!({
            "app_id": REVIEWED_AD,
            "external_id": format!("st-{row}"),
            "inputs": [{"id": REVIEWED_AD_BRIEF, "value": format!("brief {row}")}],
        })),
    );
    created["id"].as_str().unwrap().to_string()
}

fn decide(world: &World, run: &str, decision: &str) {
    let shown = world.api("GET", &format!("/app-runs/{run}"), None);
    let review = shown["pending_reviews"][0]["id"].as_str().unwrap();
    world.api(
        "POST",
        &format!("/app-runs/{run}/reviews/{review}"),
        Some(json!({"decision": decision})),
    );
}

#[test]
fn batch_status_reports_every_state_including_rows_not_started_from_the_listing() {
    // Runs take 40 s of real time, the review comes at 20 s: the clock is moved by hand.
    let world = World::with(Config {
        time_scale: 10.0,
        ..Config::default()
    });
    let text: String = (1..=5)
        .map(|n| format!("{{\"brief\": \"brief {n}\"}}\n"))
        .collect();
    world.file("rows.jsonl", text.as_bytes());
    let (done, rejected, waiting) = (app_run(&world, 1), app_run(&world, 2), app_run(&world, 3));
    world.sim.advance_clock(Duration::from_secs(30));
    decide(&world, &done, "approve");
    decide(&world, &rejected, "reject");
    world.sim.advance_clock(Duration::from_secs(30));
    let running = app_run(&world, 4);
    let seen = world.requests().len();

    let status = [
        "batch",
        "status",
        REVIEWED_AD,
        "rows.jsonl",
        "--app",
        "--batch-key",
        "st",
    ];
    let document = json(&world.run_expect(&[&status[..], &["--json"]].concat(), 3));
    let states: Vec<(&str, Option<&str>)> = document["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["status"].as_str().unwrap(), r["run_id"].as_str()))
        .collect();
    assert_eq!(
        states,
        vec![
            ("completed", Some(done.as_str())),
            ("failed", Some(rejected.as_str())),
            ("awaiting_review", Some(waiting.as_str())),
            ("running", Some(running.as_str())),
            ("not_started", None),
        ]
    );
    assert_eq!(
        document["counts"],
        json!({"completed": 1, "failed": 1, "awaiting_review": 1, "running": 1, "not_started": 1})
    );
    assert_eq!(document["rows"][1]["error"], "rejected by reviewer");
    // One page of the listing answered every row: no lookup per row.
    let lists: Vec<Value> = world
        .requests()
        .split_off(seen)
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with("/app-runs/"))
        .collect();
    assert_eq!(lists.len(), 1, "{lists:?}");
    assert!(!lists[0]["query"].as_str().unwrap().contains("external_id"));

    let table = world.run_expect(&status, 3);
    let text = stdout(&table);
    for heading in [
        "completed: 1",
        "failed: 1",
        "awaiting review: 1",
        "running: 1",
        "not started: 1",
    ] {
        assert!(text.contains(heading), "{heading}: {text}");
    }
    assert!(text.contains("st-5"), "the row not started, by external id");
    assert!(stderr(&table).contains("the batch command starts the rows not started"));
}

#[test]
fn batch_report_prints_the_lines_of_every_shard_as_one_report() {
    let world = World::new();
    prompts(&world, "rows.jsonl", 7);
    let status = ["batch", "status", TEXT_TO_IMAGE, "rows.jsonl"];
    let before = world.run_expect(&status, 7);
    assert!(stdout(&before).contains("not started: 7"));

    let shards = merged(&run_shards(&world, &[1, 2], 2, &[]));
    let report = world.run_expect(
        &["batch", "report", TEXT_TO_IMAGE, "rows.jsonl", "-o", "out"],
        0,
    );
    assert_eq!(
        lines(&report),
        shards,
        "the report is the shards' lines, merged"
    );
    world.run_expect(&status, 0);

    let document = json(&world.run_expect(
        &[
            "batch",
            "report",
            TEXT_TO_IMAGE,
            "rows.jsonl",
            "--no-download",
            "--json",
        ],
        0,
    ));
    assert_eq!(document["counts"], json!({"completed": 7}));
    assert_eq!(document["rows"][0]["files"], json!([]));
}
