//! `run`, `app-run` and `runs list|show|wait|cancel` against the simulator: files on disk with
//! the right bytes, envelopes, exit codes, idempotency under faults, polling cadence, reviews,
//! Ctrl-C, and bad inputs refused before anything is paid for.

use std::path::Path;
use std::time::{Duration, Instant};

use pletor_sim::{Config, catalog};
use serde_json::{Value, json};

use crate::harness::assert_nothing_paid;
use crate::harness::{World, block, expect_code, fast_config, json, stderr, stdout, tree};

/// A simulator whose runs last `seconds` of real time.
fn slow_world(seconds: f64) -> World {
    let config = fast_config();
    World::with(Config {
        run_seconds: Some(seconds / config.time_scale),
        ..config
    })
}

/// The bytes of an asset as the simulator serves them.
fn served_bytes(world: &World, asset_id: &str) -> Vec<u8> {
    let url = format!("{}/assets/{asset_id}/download", world.sim.api_base());
    let key = world.sim.key();
    block(async move {
        let response = reqwest::Client::new()
            .get(url)
            .header("X-Api-Key", key)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        response.bytes().await.unwrap().to_vec()
    })
}

/// Every run the simulator holds (agent runs, or app runs).
fn runs_of(world: &World, collection: &str) -> Vec<Value> {
    world.api("GET", &format!("/{collection}/?limit=100"), None)["data"]
        .as_array()
        .cloned()
        .unwrap()
}

/// Arrival times of the GETs of one run.
fn poll_times(world: &World, collection: &str, run_id: &str) -> Vec<f64> {
    let path = format!("/api/public/v1/{collection}/{run_id}");
    world
        .requests()
        .iter()
        .filter(|r| r["method"] == "GET" && r["path"] == path.as_str())
        .map(|r| r["t"].as_f64().unwrap())
        .collect()
}

/// Asserts that every result asset of `envelope` is on disk under `dir` with the served bytes.
fn assert_files_match(world: &World, envelope: &Value, dir: &Path) {
    let files = envelope["files"].as_array().unwrap();
    let results: Vec<&str> = envelope["run"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["asset_id"].as_str())
        .collect();
    assert_eq!(
        files.len(),
        results.len(),
        "one file per result asset: {envelope}"
    );
    for file in files {
        let path = world.work().join(file["path"].as_str().unwrap());
        assert!(
            path.starts_with(dir),
            "{} is outside {}",
            path.display(),
            dir.display()
        );
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(
            bytes,
            served_bytes(world, file["asset_id"].as_str().unwrap()),
            "{}",
            path.display()
        );
        assert_eq!(file["bytes"].as_u64().unwrap(), bytes.len() as u64);
    }
}

#[test]
fn run_text_to_image_saves_the_png_and_prints_its_path() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=a red fox",
            "-o",
            "out",
        ],
        0,
    );
    let files = tree(&world.work().join("out"));
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with(".png"));
    let printed: Vec<String> = stdout(&output).lines().map(str::to_string).collect();
    assert_eq!(printed.len(), 1, "{printed:?}");
    let saved = world.work().join("out").join(&files[0]);
    assert_eq!(
        world.work().join(&printed[0]).canonicalize().unwrap(),
        saved.canonicalize().unwrap()
    );
    let run = &runs_of(&world, "runs")[0];
    assert_eq!(run["status"], "completed");
    let asset_id = run["results"][0]["asset_id"].as_str().unwrap();
    assert_eq!(
        std::fs::read(world.work().join("out").join(&files[0])).unwrap(),
        served_bytes(&world, asset_id)
    );
    let created = world
        .requests()
        .into_iter()
        .find(|r| r["method"] == "POST")
        .unwrap();
    assert_eq!(
        created["body"]["inputs"],
        json!([{"id": catalog::TEXT_TO_IMAGE_PROMPT, "value": "a red fox"}])
    );
    assert!(
        created["external_id"]
            .as_str()
            .is_some_and(|k| k.len() == 36),
        "a generated uuid: {created}"
    );
}

#[test]
fn run_product_shot_uploads_a_real_png_and_prints_the_caption_and_both_images() {
    let world = World::new();
    let png = pletor_sim::png::gradient_png(b"shoe");
    world.file("shoe.png", &png);
    let output = world.run_expect(
        &[
            "run",
            catalog::PRODUCT_SHOT,
            "-i",
            "prompt=on marble",
            "-i",
            "PRODUCT=@shoe.png",
            "--external-id",
            "shot-1",
            "-o",
            "out",
            "--json",
        ],
        0,
    );
    let envelope = json(&output);
    assert_eq!(envelope["run"]["status"], "completed");
    assert_eq!(envelope["texts"].as_array().unwrap().len(), 1, "{envelope}");
    assert_eq!(envelope["files"].as_array().unwrap().len(), 2, "{envelope}");
    assert_files_match(&world, &envelope, &world.work().join("out"));
    let requests = world.requests();
    let upload = requests
        .iter()
        .find(|r| r["path"] == "/api/public/v1/assets/upload/")
        .unwrap();
    assert_eq!(
        upload["external_id"], "shot-1-in-1",
        "uploads carry keys derived from the run's"
    );
    let uploaded = world.api("GET", "/assets/?external_id=shot-1-in-1", None)["data"][0].clone();
    assert_eq!(uploaded["size"], png.len());
    assert_eq!(uploaded["mime_type"], "image/png");
    let create = requests
        .iter()
        .find(|r| r["method"] == "POST" && r["path"] == "/api/public/v1/runs/")
        .unwrap();
    assert_eq!(create["external_id"], "shot-1");
    assert_eq!(
        create["body"]["inputs"],
        json!([{"id": catalog::PRODUCT_SHOT_PROMPT, "value": "on marble"},
               {"id": catalog::PRODUCT_SHOT_PRODUCT, "value": {"asset_ids": [uploaded["id"]]}}])
    );
}

#[test]
fn run_product_shot_prints_texts_then_saved_paths_in_table_mode() {
    let world = World::new();
    world.file("shoe.png", &pletor_sim::png::gradient_png(b"shoe"));
    let output = world.run_expect(
        &[
            "run",
            catalog::PRODUCT_SHOT,
            "-i",
            "prompt=on marble",
            "-i",
            "product=@shoe.png",
        ],
        0,
    );
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let run = &runs_of(&world, "runs")[0];
    let caption = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| r["text"].as_str())
        .unwrap();
    assert_eq!(lines[0], caption);
    assert_eq!(lines.len(), 3, "{text}");
    for path in &lines[1..] {
        assert!(world.work().join(path).is_file(), "{path} is not on disk");
    }
}

#[test]
fn run_echo_returns_every_uploaded_file_and_the_note() {
    let world = World::new();
    world.file("a.txt", b"first file\n");
    world.file("data/b.bin", &[0u8, 1, 2, 255, 254]);
    let output = world.run_expect(
        &[
            "run",
            catalog::ECHO,
            "-i",
            "file=@a.txt",
            "-i",
            "file=@data/b.bin",
            "-i",
            "note=hello",
            "-o",
            "back",
            "--json",
        ],
        0,
    );
    let envelope = json(&output);
    assert_eq!(envelope["texts"], json!(["hello"]));
    assert_files_match(&world, &envelope, &world.work().join("back"));
    assert_eq!(
        std::fs::read(world.work().join("back/a.txt")).unwrap(),
        b"first file\n"
    );
    assert_eq!(
        std::fs::read(world.work().join("back/b.bin")).unwrap(),
        [0u8, 1, 2, 255, 254]
    );
    assert_eq!(world.stats()["assets_uploaded"], 2);
}

#[test]
fn run_always_fails_exits_3_with_the_message_and_downloads_nothing() {
    let world = World::new();
    let output = world.run_expect(&["run", catalog::ALWAYS_FAILS, "-o", "out"], 3);
    assert!(
        stderr(&output).contains(catalog::ALWAYS_FAILS_ERROR),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
    assert!(tree(&world.work().join("out")).is_empty());
    assert!(
        !world
            .requests()
            .iter()
            .any(|r| r["path"].as_str().unwrap().ends_with("/download"))
    );

    let output = world.run_expect(&["run", catalog::ALWAYS_FAILS, "-o", "out", "--json"], 3);
    let envelope = json(&output);
    assert_eq!(envelope["run"]["status"], "failed");
    assert_eq!(envelope["run"]["error"], catalog::ALWAYS_FAILS_ERROR);
    assert_eq!(envelope["files"], json!([]));
}

#[test]
fn app_run_social_post_saves_the_image_and_returns_the_envelope() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "app-run",
            catalog::SOCIAL_POST,
            "-i",
            "topic=autumn sale",
            "-o",
            "post",
            "--json",
        ],
        0,
    );
    let envelope = json(&output);
    let app_run = &runs_of(&world, "app-runs")[0];
    assert_eq!(envelope["run"], *app_run, "the server's object, unchanged");
    assert_eq!(envelope["texts"].as_array().unwrap().len(), 1);
    assert_files_match(&world, &envelope, &world.work().join("post"));
    assert_eq!(world.stats()["app_runs_created"], 1);
    assert_eq!(world.stats()["runs_created"], 0);

    let output = world.run_expect(
        &[
            "app-run",
            catalog::SOCIAL_POST,
            "-i",
            "topic=autumn sale",
            "-o",
            "post2",
        ],
        0,
    );
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 2, "the text, then the path: {text}");
    assert!(
        world.work().join(text.lines().nth(1).unwrap()).is_file(),
        "{text}"
    );
}

#[test]
fn inputs_documents_and_stdin_values_reach_the_run_body() {
    let world = World::new();
    world.file("inputs.json", br#"{"topic": "from the file"}"#);
    world.run_expect(
        &[
            "app-run",
            catalog::SOCIAL_POST,
            "--inputs",
            "inputs.json",
            "--no-download",
        ],
        0,
    );
    expect_code(
        world
            .pletor()
            .args([
                "app-run",
                catalog::SOCIAL_POST,
                "-i",
                "topic=@-",
                "--no-wait",
            ])
            .write_stdin("piped topic\n"),
        0,
    );
    let api_array = format!(
        r#"[{{"id": "{}", "value": "raw api form"}}]"#,
        catalog::SOCIAL_POST_TOPIC
    );
    expect_code(
        world
            .pletor()
            .args([
                "app-run",
                catalog::SOCIAL_POST,
                "--inputs",
                "-",
                "--no-wait",
            ])
            .write_stdin(api_array),
        0,
    );
    let values: Vec<Value> = world
        .requests()
        .iter()
        .filter(|r| r["method"] == "POST")
        .map(|r| r["body"]["inputs"][0]["value"].clone())
        .collect();
    assert_eq!(
        values,
        vec![
            json!("from the file"),
            json!("piped topic"),
            json!("raw api form")
        ]
    );
}

#[test]
fn commit_then_reset_on_create_leaves_one_run_and_succeeds() {
    let world = World::new();
    world.faults(json!([{"method": "POST", "path": "/runs/", "kind": "commit_then_reset"}]));
    let output = world.run_expect(&["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=fox"], 0);
    assert_eq!(world.stats()["runs_created"], 1);
    assert_eq!(runs_of(&world, "runs").len(), 1);
    assert!(
        stderr(&output).contains("reusing run"),
        "{}",
        stderr(&output)
    );
    assert_eq!(tree(&world.work()).len(), 1, "the one image is saved");
}

#[test]
fn commit_then_status_on_create_leaves_one_run_and_succeeds() {
    let world = World::new();
    world.faults(
        json!([{"method": "POST", "path": "/runs/", "kind": "commit_then_status", "status": 503}]),
    );
    let output = world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=fox",
            "--external-id",
            "fox-1",
        ],
        0,
    );
    let runs = runs_of(&world, "runs");
    assert_eq!(
        (world.stats()["runs_created"].clone(), runs.len()),
        (json!(1), 1)
    );
    let id = runs[0]["id"].as_str().unwrap();
    assert!(
        stderr(&output).contains(&format!("reusing run {id} (external id fox-1)")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_same_command_twice_with_one_external_id_creates_one_run_and_one_upload() {
    let world = World::new();
    world.file("shoe.png", &pletor_sim::png::gradient_png(b"shoe"));
    let args = [
        "run",
        catalog::PRODUCT_SHOT,
        "-i",
        "prompt=p",
        "-i",
        "product=@shoe.png",
        "--external-id",
        "same",
    ];
    expect_code(world.pletor().args(args).args(["-o", "first"]), 0);
    let second = expect_code(world.pletor().args(args).args(["-o", "second"]), 0);
    let stats = world.stats();
    assert_eq!(
        (
            stats["runs_created"].clone(),
            stats["assets_uploaded"].clone()
        ),
        (json!(1), json!(1)),
        "{stats}"
    );
    assert!(
        stderr(&second).contains("reusing run"),
        "{}",
        stderr(&second)
    );
    assert_eq!(
        tree(&world.work().join("first")),
        tree(&world.work().join("second"))
    );
}

#[test]
fn rerunning_the_same_command_into_the_same_folder_reuses_the_run_and_its_files() {
    let world = World::new();
    let args = [
        "run",
        catalog::TEXT_TO_IMAGE,
        "-i",
        "prompt=again",
        "--external-id",
        "rerun-1",
        "-o",
        "out",
    ];
    let first = world.run_expect(&args, 0);
    let second = world.run_expect(&args, 0);
    assert!(
        stderr(&second).contains("reusing run"),
        "{}",
        stderr(&second)
    );
    assert_eq!(
        stdout(&first),
        stdout(&second),
        "the same paths are reported"
    );
    assert_eq!(world.stats()["runs_created"], 1);
}

#[test]
fn rate_limits_on_create_and_polls_are_absorbed_and_polls_back_off() {
    let world = slow_world(6.0);
    world.faults(json!([
        {"method": "POST", "path": "/runs/", "kind": "status", "status": 429, "retry_after": "1"},
        {"method": "GET", "path": "/runs/", "kind": "status", "status": 429, "after": 1}
    ]));
    world.run_expect(&["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=fox"], 0);
    assert_eq!(world.stats()["runs_created"], 1);
    let requests = world.requests();
    let creates: Vec<&Value> = requests.iter().filter(|r| r["method"] == "POST").collect();
    assert_eq!(creates.len(), 2, "one 429, one retry");
    assert_eq!(
        (creates[0]["status"].clone(), creates[1]["status"].clone()),
        (json!(429), json!(201))
    );
    assert_eq!(creates[0]["external_id"], creates[1]["external_id"]);
    let id = runs_of(&world, "runs")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let polls: Vec<&Value> = requests
        .iter()
        .filter(|r| {
            r["method"] == "GET" && r["path"] == format!("/api/public/v1/runs/{id}").as_str()
        })
        .collect();
    assert!(
        polls.iter().any(|p| p["status"] == 429),
        "a poll was refused"
    );
    let times: Vec<f64> = polls.iter().map(|p| p["t"].as_f64().unwrap()).collect();
    let gaps: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    // A 6 s run is polled every 0.25 s for its first 2.5 s, then every tenth of its age.
    assert!(gaps.len() >= 3, "{gaps:?}");
    assert!(
        gaps.iter().all(|g| *g >= 0.24),
        "a poll came less than 0.25 s after the last: {gaps:?}"
    );
    assert!(
        gaps[gaps.len() - 1] > 1.5 * gaps[0],
        "poll intervals grow with the run's age: {gaps:?}"
    );
}

#[test]
fn a_low_rate_budget_spreads_the_polls_out() {
    let world = slow_world(7.0);
    // Two polls answer 503 and claim 2 of 100 requests left until a reset 12 s away: the next
    // polls wait for a share of what is left (about 4 s, then 2.5 s) instead of 0.75 s and 1.1 s.
    let reset = (std::time::SystemTime::now() + Duration::from_secs(12))
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let headers = json!({"x-ratelimit-limit": "100", "x-ratelimit-remaining": "2", "x-ratelimit-reset": reset.to_string()});
    world.faults(json!([{"method": "GET", "path": "/runs/", "kind": "status", "status": 503, "times": 2, "headers": headers}]));
    world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=fox",
            "--no-download",
        ],
        0,
    );
    let id = runs_of(&world, "runs")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let times = poll_times(&world, "runs", &id);
    let gaps: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        gaps.len() >= 2 && gaps[0] >= 2.0 && gaps[1] >= 2.0,
        "polls at the budget's pace: {gaps:?}"
    );
}

#[test]
fn no_wait_prints_the_run_id_then_runs_wait_downloads_the_results() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=fox",
            "--no-wait",
        ],
        0,
    );
    let id = stdout(&output).trim().to_string();
    assert_eq!(id, runs_of(&world, "runs")[0]["id"].as_str().unwrap());
    assert!(stderr(&output).contains(&format!("pletor runs wait {id}")));
    assert!(tree(&world.work()).is_empty(), "nothing downloaded yet");

    let output = world.run_expect(&["runs", "wait", &id, "-o", "later", "--json"], 0);
    let envelope = json(&output);
    assert_eq!(envelope["run"]["id"], id.as_str());
    assert_files_match(&world, &envelope, &world.work().join("later"));
}

#[test]
fn no_wait_json_prints_the_created_run() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "app-run",
            catalog::SOCIAL_POST,
            "-i",
            "topic=t",
            "--no-wait",
            "--json",
        ],
        0,
    );
    let run = json(&output);
    assert_eq!(run["app_id"], catalog::SOCIAL_POST);
    assert!(run["id"].is_string());
}

#[test]
fn timeout_exits_7_with_the_run_id_and_the_runs_wait_command() {
    let world = slow_world(600.0);
    let started = Instant::now();
    let output = world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=fox",
            "--timeout",
            "1s",
            "--json",
        ],
        7,
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    let id = runs_of(&world, "runs")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        stderr(&output).contains(&format!("pletor runs wait {id}")),
        "{}",
        stderr(&output)
    );
    let envelope = json(&output);
    assert_eq!(envelope["run"]["id"], id.as_str());
    assert_ne!(envelope["run"]["status"], "completed");
}

#[test]
fn runs_cancel_then_runs_wait_exits_8() {
    let world = slow_world(600.0);
    let output = world
        .pletor()
        .args([
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=fox",
            "--no-wait",
        ])
        .output()
        .unwrap();
    let id = stdout(&output).trim().to_string();

    // No terminal and no --yes: a usage error.
    let output = world.run_expect(&["runs", "cancel", &id], 2);
    assert!(stderr(&output).contains("--yes"), "{}", stderr(&output));
    assert!(!world.requests().iter().any(|r| r["method"] == "DELETE"));

    let output = world.run_expect(&["runs", "cancel", &id, "--yes"], 0);
    assert_eq!(stdout(&output).trim(), "cancelled");
    assert_eq!(
        world.api("GET", &format!("/runs/{id}"), None)["status"],
        "cancelled"
    );
    assert_eq!(world.stats()["runs"]["cancelled"], 1);

    let output = world.run_expect(&["runs", "wait", &id], 8);
    assert!(stderr(&output).contains("cancelled"));
}

#[test]
fn runs_cancel_finds_app_runs_and_prints_the_run_with_json() {
    let world = slow_world(600.0);
    let output = world
        .pletor()
        .args([
            "app-run",
            catalog::SOCIAL_POST,
            "-i",
            "topic=t",
            "--no-wait",
        ])
        .output()
        .unwrap();
    let id = stdout(&output).trim().to_string();
    let output = world.run_expect(&["runs", "cancel", &id, "--yes", "--json"], 0);
    assert_eq!(json(&output)["status"], "cancelled");
    assert_eq!(world.stats()["app_runs"]["cancelled"], 1);
}

#[test]
fn runs_wait_on_several_runs_exits_with_the_worst_outcome() {
    let world = World::new();
    let ok = world
        .pletor()
        .args(["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=a", "--no-wait"])
        .output()
        .unwrap();
    let bad = world
        .pletor()
        .args(["run", catalog::ALWAYS_FAILS, "--no-wait"])
        .output()
        .unwrap();
    let (ok, bad) = (
        stdout(&ok).trim().to_string(),
        stdout(&bad).trim().to_string(),
    );
    let output = world.run_expect(&["runs", "wait", &ok, &bad, "-o", "out", "--json"], 3);
    let envelopes = json(&output);
    assert_eq!(envelopes.as_array().unwrap().len(), 2);
    assert_eq!(envelopes[0]["run"]["status"], "completed");
    assert_eq!(envelopes[1]["run"]["status"], "failed");
    assert_eq!(tree(&world.work().join("out")).len(), 1);
}

#[test]
fn a_review_pause_without_a_terminal_exits_10_within_one_poll() {
    let world = World::new();
    let output = world.run_expect(&["run", catalog::REVIEWED_POST, "-i", "prompt=launch"], 10);
    let id = runs_of(&world, "runs")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        stderr(&output).contains(&format!("`pletor review {id}`")),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        poll_times(&world, "runs", &id).len(),
        1,
        "one poll saw the pause"
    );
    assert_eq!(world.stats()["reviews_resolved"], 0);
}

#[test]
fn on_review_approve_completes_the_reviewed_post_run() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "run",
            catalog::REVIEWED_POST,
            "-i",
            "prompt=launch",
            "--on-review",
            "approve",
            "--json",
        ],
        0,
    );
    assert_eq!(world.stats()["reviews_resolved"], 1);
    let envelope = json(&output);
    assert_eq!(envelope["run"]["status"], "completed");
    assert_eq!(envelope["texts"], json!(["Post: launch"]));
    assert_eq!(
        envelope["files"].as_array().unwrap().len(),
        1,
        "the approved draft"
    );
    assert_files_match(&world, &envelope, &world.work());
    let review = world
        .requests()
        .into_iter()
        .find(|r| r["path"].as_str().unwrap().contains("/reviews/"))
        .unwrap();
    assert_eq!(review["body"], json!({"decision": "approve"}));
}

#[test]
fn on_review_reject_fails_the_reviewed_ad_app_run() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "app-run",
            catalog::REVIEWED_AD,
            "-i",
            "brief=b",
            "--on-review",
            "reject",
        ],
        3,
    );
    assert!(stderr(&output).contains(catalog::REVIEWED_AD_REJECTED_ERROR));
    assert_eq!(world.stats()["reviews_resolved"], 1);
}

#[cfg(unix)]
#[test]
fn sigint_while_waiting_exits_130_and_names_the_run() {
    let world = slow_world(600.0);
    let child = world.spawn(&["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=fox"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    let id = loop {
        assert!(Instant::now() < deadline, "the run was never polled");
        if let Some(run) = runs_of(&world, "runs").first()
            && let Some(id) = run["id"].as_str()
            && !poll_times(&world, "runs", id).is_empty()
        {
            break id.to_string();
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!("pletor runs wait {id}")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn runs_list_shows_runs_with_filters_and_json() {
    let world = World::new();
    for args in [
        vec![
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=a",
            "--external-id",
            "list-a",
            "--no-download",
        ],
        vec!["run", catalog::ALWAYS_FAILS, "--external-id", "list-b"],
    ] {
        world.pletor().args(&args).output().unwrap();
    }
    let output = world.run_expect(&["runs", "list"], 0);
    let text = stdout(&output);
    let header = text.lines().next().unwrap();
    for column in ["ID", "STATUS", "AGENT", "CREATED", "EXTERNAL ID"] {
        assert!(header.contains(column), "{header}");
    }
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(
        text.contains("list-a") && text.contains("Always Fails"),
        "{text}"
    );

    let output = world
        .pletor()
        .args(["runs", "list", "--status", "failed", "--json"])
        .output()
        .unwrap();
    let listed = json(&output);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["external_id"], "list-b");

    let output = world
        .pletor()
        .args(["runs", "list", "--external-id", "list-a", "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&output)[0]["status"], "completed");
    let output = world
        .pletor()
        .args(["runs", "list", "--limit", "1", "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&output).as_array().unwrap().len(), 1);
    let output = world
        .pletor()
        .args(["runs", "list", "--app", "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&output), json!([]));
}

#[test]
fn runs_show_prints_status_inputs_results_and_errors_of_agent_and_app_runs() {
    let world = World::new();
    world
        .pletor()
        .args(["run", catalog::ALWAYS_FAILS, "-i", "prompt=boom"])
        .output()
        .unwrap();
    let id = runs_of(&world, "runs")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let output = world.run_expect(&["runs", "show", &id], 0);
    let text = stdout(&output);
    assert!(text.contains("Status:      failed"), "{text}");
    assert!(text.contains(catalog::ALWAYS_FAILS_ERROR), "{text}");
    assert!(text.contains("  prompt: boom"), "inputs by name: {text}");

    world
        .pletor()
        .args([
            "app-run",
            catalog::SOCIAL_POST,
            "-i",
            "topic=t",
            "--no-download",
        ])
        .output()
        .unwrap();
    let app_id = runs_of(&world, "app-runs")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let output = world.run_expect(&["runs", "show", &app_id, "--json"], 0);
    assert_eq!(
        json(&output),
        world.api("GET", &format!("/app-runs/{app_id}"), None)
    );
    let output = world
        .pletor()
        .args(["runs", "show", &app_id])
        .output()
        .unwrap();
    assert!(stdout(&output).contains("Kind:        app run"));
    assert!(stdout(&output).contains("Results:"));
}

#[test]
fn every_bad_input_exits_2_before_anything_is_uploaded_or_created() {
    let world = World::new();
    world.file("shoe.png", &pletor_sim::png::gradient_png(b"shoe"));
    world.file("not-a-folder", b"x");
    let long_key = "k".repeat(256);
    let shot = catalog::PRODUCT_SHOT;
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["-i", "size=3", "-i", "product=@shoe.png"],
            "unknown input `size`",
        ),
        (vec!["-i", "prompt=@shoe.png"], "text input"),
        (
            vec!["-i", "prompt=p", "-i", "product=a red shoe"],
            "takes files",
        ),
        (
            vec!["-i", "prompt=p", "-i", "product=@missing.png"],
            "missing.png",
        ),
        (
            vec![
                "-i",
                "prompt=p",
                "-i",
                "product=@shoe.png",
                "--external-id",
                "",
            ],
            "--external-id",
        ),
        (
            vec![
                "-i",
                "prompt=p",
                "-i",
                "product=@shoe.png",
                "--external-id",
                &long_key,
            ],
            "--external-id",
        ),
        (
            vec![
                "-i",
                "prompt=p",
                "-i",
                "product=@shoe.png",
                "-o",
                "not-a-folder/out",
            ],
            "not-a-folder",
        ),
        (vec!["-i", "prompt"], "KEY=VALUE"),
    ];
    for (args, needle) in cases {
        let output = expect_code(world.pletor().args(["run", shot]).args(&args), 2);
        let err = stderr(&output);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(stdout(&output), "", "{args:?}");
        assert_nothing_paid(&world);
    }
    let output = world
        .pletor()
        .args(["run", shot, "-i", "size=3"])
        .output()
        .unwrap();
    let err = stderr(&output);
    assert!(
        err.contains("`prompt` (text_input)") && err.contains("`product` (image_input)"),
        "the inputs are listed: {err}"
    );
}
