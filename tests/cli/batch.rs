//! `run --batch` and `app-run --batch`: every row on disk, reruns that pay for nothing, kills
//! in the middle, pacing under a low run limit, CSV and JSON Lines, bad rows and failed rows.

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use pletor_sim::Config;
use pletor_sim::catalog::{ALWAYS_FAILS, PRODUCT_SHOT, REVIEWED_POST, SOCIAL_POST, TEXT_TO_IMAGE};
use serde_json::{Value, json};

use crate::harness::batch::{lines, prompts, run_limit, stat};
use crate::harness::{World, expect_code, json, stderr, stdout, tree};

/// The JSON lines sorted by row.
fn by_row(output: &Output) -> Vec<Value> {
    let mut rows = lines(output);
    rows.sort_by_key(|r| r["row"].as_u64().unwrap());
    rows
}

/// A Product Shot CSV of `rows` rows, each with its own real PNG under `shots/`.
fn product_rows(world: &World, name: &str, rows: usize) {
    let mut csv = String::from("prompt,product\n");
    for n in 1..=rows {
        let png = pletor_sim::png::gradient_png(format!("shoe {n}").as_bytes());
        world.file(&format!("batch/shots/shoe-{n}.png"), &png);
        csv.push_str(&format!("\"shoe {n}, on marble\",@shots/shoe-{n}.png\n"));
    }
    world.file(name, csv.as_bytes());
}

/// Every row completed, and each of its files is on disk with its size.
fn assert_rows_on_disk(world: &World, rows: &[Value], expected: usize, files_per_row: usize) {
    assert_eq!(rows.len(), expected, "{rows:?}");
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(row["row"], n + 1);
        assert_eq!(row["status"], "completed", "{row}");
        assert!(row["error"].is_null());
        let files = row["files"].as_array().unwrap();
        assert_eq!(files.len(), files_per_row, "{row}");
        for file in files {
            let path = world.work().join(file["path"].as_str().unwrap());
            let size = std::fs::metadata(&path)
                .unwrap_or_else(|_| panic!("{} is missing", path.display()))
                .len();
            assert_eq!(size, file["bytes"].as_u64().unwrap());
            assert!(path.starts_with(world.work().join("out").join((n + 1).to_string())));
        }
    }
}

#[test]
fn a_thirty_row_batch_over_text_to_image_and_product_shot_puts_every_file_on_disk() {
    let world = World::new();
    prompts(&world, "prompts.jsonl", 20);
    product_rows(&world, "batch/products.csv", 10);

    let images = world.run_expect(
        &[
            "run",
            TEXT_TO_IMAGE,
            "--batch",
            "prompts.jsonl",
            "-o",
            "out",
        ],
        0,
    );
    let products = world.run_expect(
        &[
            "run",
            PRODUCT_SHOT,
            "--batch",
            "batch/products.csv",
            "-o",
            "out2",
            "--concurrency",
            "6",
        ],
        0,
    );

    assert_rows_on_disk(&world, &by_row(&images), 20, 1);
    let product_lines = by_row(&products);
    assert_eq!(product_lines.len(), 10);
    for row in &product_lines {
        assert_eq!(row["status"], "completed");
        assert_eq!(
            row["files"].as_array().unwrap().len(),
            2,
            "hero and lifestyle"
        );
        assert!(row["texts"][0].as_str().unwrap().contains("shoe"));
    }
    assert_eq!(tree(&world.work().join("out")).len(), 20);
    assert_eq!(
        tree(&world.work().join("out2")).len(),
        20,
        "no staging left behind"
    );
    let stats = world.stats();
    assert_eq!(stats["runs_created"], 30);
    assert_eq!(stats["assets_uploaded"], 10);
    assert_eq!(stats["rate_limited"], 0);
    assert!(
        stderr(&images).contains("completed  20"),
        "{}",
        stderr(&images)
    );
    // Every product shot carried its own upload, under keys derived from the row.
    let bodies: Vec<Value> = world
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST" && r["path"].as_str().unwrap().ends_with("/runs/"))
        .filter(|r| r["body"]["agent_id"] == PRODUCT_SHOT)
        .collect();
    assert_eq!(bodies.len(), 10);
    let uploads: Vec<String> = world
        .requests()
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with("/assets/upload/"))
        .map(|r| r["external_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(uploads.len(), 10);
    for (n, row) in product_lines.iter().enumerate() {
        let key = format!("{}-in-1", row["external_id"].as_str().unwrap());
        assert!(uploads.contains(&key), "upload {key} for row {}", n + 1);
    }
}

#[test]
fn running_a_finished_batch_again_creates_nothing_and_keeps_the_files() {
    let world = World::new();
    product_rows(&world, "batch/products.csv", 3);
    let run = || {
        world.run_expect(
            &[
                "run",
                PRODUCT_SHOT,
                "--batch",
                "batch/products.csv",
                "-o",
                "out",
            ],
            0,
        )
    };
    let first = run();
    let files = tree(&world.work().join("out"));
    let again = run();

    assert_eq!(stat(&world, "runs_created"), 3);
    assert_eq!(stat(&world, "assets_uploaded"), 3);
    assert_eq!(tree(&world.work().join("out")), files);
    let first_lines = by_row(&first);
    for (before, after) in first_lines.iter().zip(by_row(&again)) {
        assert_eq!(before["run_id"], after["run_id"]);
        assert_eq!(after["status"], "completed");
        assert!(
            after["files"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["skipped"] == true)
        );
    }
    // The rerun found each row's run before uploading anything again.
    let uploads_again = world
        .requests()
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with("/assets/upload/"))
        .count();
    assert_eq!(uploads_again, 3);
}

/// Waits until the simulator has seen `runs` run creations.
fn wait_for_runs(world: &World, runs: u64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while stat(world, "runs_created") < runs {
        assert!(Instant::now() < deadline, "the batch never started");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn kill_mid_batch_then_rerun(signal: &str) {
    // Product Shot takes 4 s; at this scale 1.2 s, so six rows at two at a time take about
    // four seconds: the signal lands long before the end.
    let world = World::with(Config {
        time_scale: 0.3,
        ..Config::default()
    });
    product_rows(&world, "batch/products.csv", 6);
    let args = [
        "run",
        PRODUCT_SHOT,
        "--batch",
        "batch/products.csv",
        "-o",
        "out",
        "--concurrency",
        "2",
    ];
    let mut child = world.spawn(&args);
    wait_for_runs(&world, 1);
    let output = match signal {
        // SIGKILL on Unix, TerminateProcess on Windows: the process gets no say in either.
        "KILL" => {
            child.kill().unwrap();
            child.wait_with_output().unwrap()
        }
        #[cfg(unix)]
        _ => crate::harness::signal(child, signal),
        #[cfg(not(unix))]
        other => panic!("no signal {other} to send on this system"),
    };
    let created_before = stat(&world, "runs_created");
    assert!(created_before < 6, "the batch was cut in the middle");
    if signal == "INT" {
        assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("run the same command again to resume"),
            "{}",
            stderr(&output)
        );
    } else {
        #[cfg(unix)]
        assert_eq!(output.status.code(), None, "killed by a signal");
        assert!(!output.status.success(), "killed");
    }

    let again = world.run_expect(&args, 0);
    let stats = world.stats();
    assert_eq!(stats["runs_created"], 6, "{stats}");
    assert_eq!(stats["assets_uploaded"], 6, "{stats}");
    assert_eq!(stats["rate_limited"], 0);
    assert_rows_on_disk(&world, &by_row(&again), 6, 2);
    assert!(!world.work().join("out/.pletor-batch").exists());
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_the_middle_of_a_batch_then_the_same_command_finishes_it_without_paying_twice() {
    kill_mid_batch_then_rerun("INT");
}

#[test]
fn a_killed_batch_resumes_with_the_same_command_without_paying_twice() {
    kill_mid_batch_then_rerun("KILL");
}

#[test]
fn with_a_low_run_creation_limit_the_batch_is_paced_and_provokes_no_429() {
    let world = World::with(run_limit(5, Duration::from_secs(2)));
    prompts(&world, "rows.jsonl", 13);
    let output = world.run_expect(
        &[
            "run",
            TEXT_TO_IMAGE,
            "--batch",
            "rows.jsonl",
            "-o",
            "out",
            "--concurrency",
            "8",
        ],
        0,
    );
    assert_rows_on_disk(&world, &by_row(&output), 13, 1);
    let stats = world.stats();
    assert_eq!(stats["rate_limited"], 0, "paced, not retried: {stats}");
    assert_eq!(stats["runs_created"], 13);
    // Creations came in windows of at most five.
    let creates: Vec<f64> = world
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST" && r["path"].as_str().unwrap().ends_with("/runs/"))
        .map(|r| r["t"].as_f64().unwrap())
        .collect();
    assert_eq!(creates.len(), 13, "no create was repeated");
    assert!(
        creates[12] - creates[0] >= 4.0,
        "13 creates need three windows"
    );
}

#[test]
fn a_csv_batch_sends_quoted_cells_as_written_and_shared_inputs_fill_empty_cells() {
    let world = World::new();
    world.file(
        "rows.csv",
        b"prompt\r\n\"a fox, in \"\"snow\"\"\"\r\n\r\n\"two\nlines\"\r\n\"\"\r\n",
    );
    let output = world.run_expect(
        &[
            "run",
            TEXT_TO_IMAGE,
            "--batch",
            "rows.csv",
            "-o",
            "out",
            "-i",
            "prompt=the default",
        ],
        0,
    );
    let rows = by_row(&output);
    assert_eq!(rows.len(), 3, "the blank line is skipped: {rows:?}");
    let sent: Vec<(String, String)> = world
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST" && r["status"] == 201)
        .map(|r| {
            (
                r["external_id"].as_str().unwrap().to_string(),
                r["body"]["inputs"][0]["value"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    let key = rows[0]["external_id"]
        .as_str()
        .unwrap()
        .trim_end_matches("-1")
        .to_string();
    assert!(
        sent.contains(&(format!("{key}-1"), "a fox, in \"snow\"".into())),
        "{sent:?}"
    );
    assert!(
        sent.contains(&(format!("{key}-2"), "two\nlines".into())),
        "{sent:?}"
    );
    assert!(
        sent.contains(&(format!("{key}-3"), "the default".into())),
        "{sent:?}"
    );
}

#[test]
fn a_jsonl_batch_with_a_name_template_and_json_prints_one_document() {
    let world = World::new();
    world.file(
        "rows.jsonl",
        b"{\"prompt\": \"one\"}\n\n{\"Prompt\": \"two\"}\n{\"prompt\": null}\n",
    );
    let output = world.run_expect(
        &[
            "run",
            TEXT_TO_IMAGE,
            "--batch",
            "rows.jsonl",
            "-o",
            "out",
            "--json",
            "--name-template",
            "{row}-{name}.{ext}",
            "--batch-key",
            "shoot-1",
            "-i",
            "prompt=fallback",
        ],
        0,
    );
    let doc = json(&output);
    assert_eq!(doc["batch_key"], "shoot-1");
    assert_eq!(doc["counts"]["completed"], 3);
    let rows = doc["rows"].as_array().unwrap();
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["external_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["shoot-1-1", "shoot-1-2", "shoot-1-3"]);
    let files = tree(&world.work().join("out"));
    assert_eq!(files.len(), 3);
    for (n, file) in files.iter().enumerate() {
        assert!(
            file.starts_with(&format!("{}-text-to-image-", n + 1)),
            "{files:?}"
        );
        assert!(file.ends_with(".png"));
    }
    let prompts: Vec<String> = world
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST")
        .map(|r| {
            r["body"]["inputs"][0]["value"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(prompts.len(), 3);
    assert!(prompts.contains(&"two".to_string()) && prompts.contains(&"fallback".to_string()));
}

#[test]
fn one_bad_row_exits_2_naming_its_line_and_nothing_is_created_or_uploaded() {
    let world = World::new();
    product_rows(&world, "batch/products.csv", 2);
    let mut csv = std::fs::read_to_string(world.work().join("batch/products.csv")).unwrap();
    csv.push_str("third,@shots/missing.png\n");
    world.file("batch/products.csv", csv.as_bytes());
    let output = world.run_expect(&["run", PRODUCT_SHOT, "--batch", "batch/products.csv"], 2);
    let err = stderr(&output);
    assert!(
        err.contains("line 4 (row 3)") && err.contains("missing.png"),
        "{err}"
    );
    assert!(err.contains("nothing was uploaded or created"), "{err}");
    assert!(stdout(&output).is_empty());

    world.file(
        "rows.jsonl",
        b"{\"prompt\": \"ok\"}\n{\"colour\": \"red\"}\n",
    );
    let unknown = world.run_expect(&["run", TEXT_TO_IMAGE, "--batch", "rows.jsonl"], 2);
    assert!(
        stderr(&unknown).contains("line 2 (row 2): unknown input `colour`"),
        "{}",
        stderr(&unknown)
    );

    let stats = world.stats();
    assert_eq!(stats["runs_created"], 0);
    assert_eq!(stats["assets_uploaded"], 0);
    assert!(
        world.requests().iter().all(|r| r["method"] == "GET"),
        "only the agent was looked up"
    );
}

#[test]
fn a_row_the_api_rejects_fails_alone_and_the_batch_exits_3() {
    let world = World::new();
    product_rows(&world, "batch/products.csv", 3);
    // Row 2 names an asset that is there when the batch checks it (a fault answers the check),
    // and gone when its run is created: only the API can tell.
    let gone = "00000000-0000-4000-8000-0000000000ff";
    let csv = std::fs::read_to_string(world.work().join("batch/products.csv")).unwrap();
    world.file(
        "batch/products.csv",
        csv.replace("@shots/shoe-2.png", &format!("asset:{gone}"))
            .as_bytes(),
    );
    let asset = json!({"id": gone, "filename": "shoe-2.png", "mime_type": "image/png", "size": 1});
    world.faults(
        json!([{"method": "GET", "path": format!("/assets/{gone}"), "kind": "status",
        "status": 200, "body": asset.to_string(), "content_type": "application/json"}]),
    );
    let output = world.run_expect(
        &[
            "run",
            PRODUCT_SHOT,
            "--batch",
            "batch/products.csv",
            "-o",
            "out",
        ],
        3,
    );
    let rows = by_row(&output);
    assert_eq!(rows[0]["status"], "completed");
    assert_eq!(rows[2]["status"], "completed");
    assert_eq!(rows[1]["status"], "error");
    assert!(rows[1]["run_id"].is_null());
    assert!(
        rows[1]["error"]
            .as_str()
            .unwrap()
            .contains("Asset not found"),
        "{}",
        rows[1]
    );
    assert_eq!(tree(&world.work().join("out")).len(), 4);
    assert!(
        stderr(&output).contains("row 2 error"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stat(&world, "runs_created"), 2);
}

#[test]
fn a_batch_on_always_fails_exits_3_with_a_failed_line_per_row() {
    let world = World::new();
    world.file(
        "rows.jsonl",
        b"{\"prompt\": \"a\"}\n{\"prompt\": \"b\"}\n{}\n",
    );
    let output = world.run_expect(
        &["run", ALWAYS_FAILS, "--batch", "rows.jsonl", "-o", "out"],
        3,
    );
    let rows = by_row(&output);
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row["status"], "failed");
        assert!(row["run_id"].is_string());
        assert!(row["error"].as_str().unwrap().contains("simulated failure"));
    }
    assert!(stderr(&output).contains("failed  3"), "{}", stderr(&output));
    assert_eq!(stat(&world, "runs_created"), 3);
}

#[test]
fn review_pauses_are_reported_per_row_by_default_and_approved_on_request() {
    let world = World::new();
    world.file("rows.jsonl", b"{\"prompt\": \"a\"}\n{\"prompt\": \"b\"}\n");
    let paused = world.run_expect(
        &["run", REVIEWED_POST, "--batch", "rows.jsonl", "-o", "out"],
        10,
    );
    for row in by_row(&paused) {
        assert_eq!(row["status"], "awaiting_review");
        let run = row["run_id"].as_str().unwrap();
        assert!(
            row["error"]
                .as_str()
                .unwrap()
                .contains(&format!("pletor review {run}"))
        );
    }

    let approved = world.run_expect(
        &[
            "run",
            REVIEWED_POST,
            "--batch",
            "rows.jsonl",
            "-o",
            "out",
            "--on-review",
            "approve",
        ],
        0,
    );
    for row in by_row(&approved) {
        assert_eq!(row["status"], "completed");
        assert_eq!(
            row["files"].as_array().unwrap().len(),
            1,
            "the approved draft"
        );
    }
    let stats = world.stats();
    assert_eq!(
        stats["runs_created"], 2,
        "the second command adopted the paused runs"
    );
    assert_eq!(stats["reviews_resolved"], 2);
}

#[test]
fn app_run_batches_make_one_app_run_per_row() {
    let world = World::new();
    world.file("topics.csv", b"topic\nspring sale\nnew shoes\n");
    let output = world.run_expect(
        &["app-run", SOCIAL_POST, "--batch", "topics.csv", "-o", "out"],
        0,
    );
    let rows = by_row(&output);
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r["texts"].as_array().unwrap().len() == 1)
    );
    let stats = world.stats();
    assert_eq!(stats["app_runs_created"], 2);
    assert_eq!(stats["runs_created"], 0);
    assert_eq!(tree(&world.work().join("out")).len(), 2);
}

#[test]
fn a_file_in_the_way_fails_its_row_unless_overwrite_is_given() {
    let world = World::new();
    world.file("rows.jsonl", b"{\"prompt\": \"a\"}\n");
    let template = ["--name-template", "{row}/image.{ext}"];
    world.file("out/1/image.png", b"not the asset");
    let output = expect_code(
        world
            .pletor()
            .args(["run", TEXT_TO_IMAGE, "--batch", "rows.jsonl", "-o", "out"])
            .args(template),
        3,
    );
    let row = &lines(&output)[0];
    assert_eq!(row["status"], "error");
    assert!(
        row["error"].as_str().unwrap().contains("--overwrite"),
        "{row}"
    );
    assert_eq!(
        std::fs::read(world.work().join("out/1/image.png")).unwrap(),
        b"not the asset"
    );

    expect_code(
        world
            .pletor()
            .args([
                "run",
                TEXT_TO_IMAGE,
                "--batch",
                "rows.jsonl",
                "-o",
                "out",
                "--overwrite",
            ])
            .args(template),
        0,
    );
    let png = std::fs::read(world.work().join("out/1/image.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    assert_eq!(stat(&world, "runs_created"), 1);
    assert!(!Path::new(&world.work().join("out/.pletor-batch")).exists());
}

#[test]
fn a_server_error_that_outlasts_the_retries_stops_the_batch_and_the_same_command_resumes_it() {
    let world = World::new();
    prompts(&world, "rows.jsonl", 4);
    // The third create and its one retry fail: rows 1 and 2 are running by then.
    world.faults(serde_json::json!([
        {"method": "POST", "path": "/runs/", "kind": "status", "status": 503, "after": 2, "times": 2}
    ]));
    let args = [
        "run",
        TEXT_TO_IMAGE,
        "--batch",
        "rows.jsonl",
        "-o",
        "out",
        "--concurrency",
        "1",
    ];
    let stopped = expect_code(world.pletor().args(args).env("PLETOR_RETRIES", "1"), 1);
    let err = stderr(&stopped);
    assert!(err.contains("the batch stopped after 2 of 4 rows"), "{err}");
    assert!(err.contains("503"), "{err}");
    assert_eq!(lines(&stopped).len(), 2, "the finished rows were reported");

    let again = world.run_expect(&args, 0);
    assert_rows_on_disk(&world, &by_row(&again), 4, 1);
    assert_eq!(stat(&world, "runs_created"), 4);
}

#[test]
fn a_batch_timeout_exits_7_and_leaves_the_rows_running_for_the_next_invocation() {
    // Runs take 30 s: the timeout always comes first.
    let world = World::with(Config {
        run_seconds: Some(30.0),
        ..Config::default()
    });
    prompts(&world, "rows.jsonl", 3);
    let output = world.run_expect(
        &[
            "run",
            TEXT_TO_IMAGE,
            "--batch",
            "rows.jsonl",
            "-o",
            "out",
            "--timeout",
            "1s",
        ],
        7,
    );
    let err = stderr(&output);
    assert!(err.contains("3 rows still running"), "{err}");
    assert!(err.contains("run the same command again"), "{err}");
    assert!(stdout(&output).is_empty());
    assert!(err.contains("unfinished  3"), "{err}");
    assert_eq!(
        world.stats()["runs"]["running"].as_u64().unwrap()
            + world.stats()["runs"]["pending"].as_u64().unwrap(),
        3
    );
}

#[test]
fn rows_can_come_from_stdin() {
    let world = World::new();
    let output = expect_code(
        world
            .pletor()
            .args(["run", TEXT_TO_IMAGE, "--batch", "-", "-o", "out"])
            .write_stdin("{\"prompt\": \"a\"}\n{\"prompt\": \"b\"}\n"),
        0,
    );
    assert_rows_on_disk(&world, &by_row(&output), 2, 1);

    let both = expect_code(
        world
            .pletor()
            .args(["run", TEXT_TO_IMAGE, "--batch", "-", "-i", "prompt=@-"])
            .write_stdin("{}\n"),
        2,
    );
    assert!(
        stderr(&both).contains("stdin cannot hold both"),
        "{}",
        stderr(&both)
    );
}
