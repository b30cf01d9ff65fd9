//! Reused idempotency keys are checked against what was asked: a key that already names a run
//! of another agent, with another prompt or another file, exits 2 naming the difference before
//! anything is uploaded or created; the same request adopts its run and sends nothing; a batch
//! row whose run differs is an `error` row; a server that does not echo inputs gets the agent
//! compared and a warning.

use pletor_sim::catalog::{self, PRODUCT_SHOT, REVIEWED_AD, TEXT_TO_IMAGE};
use pletor_sim::{Config, png};
use serde_json::{Value, json};

use crate::harness::{World, expect_code, fast_config, json, stderr};

/// What the simulator has paid for so far: runs, app runs, uploads.
fn spent(world: &World) -> Value {
    let stats = world.stats();
    json!([
        stats["runs_created"],
        stats["app_runs_created"],
        stats["assets_uploaded"]
    ])
}

/// The POSTs the simulator received (uploads, creates).
fn posts(world: &World) -> usize {
    world
        .requests()
        .iter()
        .filter(|r| r["method"] == "POST")
        .count()
}

/// The id of the run created under `key`.
fn run_under(world: &World, key: &str) -> String {
    world.api("GET", &format!("/runs/?external_id={key}"), None)["data"][0]["id"]
        .as_str()
        .expect("a run under the key")
        .to_string()
}

/// Runs `args` expecting the refusal of a reused key; checks that nothing was sent or paid
/// for, and returns stderr.
#[track_caller]
fn refused(world: &World, args: &[&str]) -> String {
    let (before, sent) = (spent(world), posts(world));
    let output = world.run_expect(args, 2);
    assert_eq!(spent(world), before, "nothing uploaded or created");
    assert_eq!(posts(world), sent, "not one POST: {}", stderr(&output));
    assert!(output.stdout.is_empty());
    let err = stderr(&output);
    assert!(
        err.contains("a genuine re-run needs a new key: pass another `--external-id`"),
        "{err}"
    );
    err
}

#[test]
fn a_key_reused_for_another_agent_exits_2_naming_both_before_any_upload() {
    let world = World::new();
    world.file("shoe.png", &png::gradient_png(b"shoe"));
    world.run_expect(
        &[
            "run",
            "Text to Image",
            "-i",
            "prompt=first",
            "--external-id",
            "k-abc",
        ],
        0,
    );
    let id = run_under(&world, "k-abc");
    let err = refused(
        &world,
        &[
            "run",
            "Product Shot",
            "-i",
            "prompt=other",
            "-i",
            "product=@shoe.png",
            "--external-id",
            "k-abc",
        ],
    );
    assert!(
        err.contains(&format!(
            "error: `--external-id k-abc` already names run {id} of agent Text to Image with prompt \"first\"; this request asks for agent Product Shot with prompt \"other\", product shoe.png"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("`pletor runs show {id}`")), "{err}");
}

#[test]
fn a_key_reused_with_another_prompt_exits_2_naming_both_prompts() {
    let world = World::new();
    let first = [
        "run",
        TEXT_TO_IMAGE,
        "-i",
        "prompt=first",
        "--external-id",
        "k-1",
    ];
    world.run_expect(&first, 0);
    let id = run_under(&world, "k-1");
    let err = refused(
        &world,
        &[
            "run",
            TEXT_TO_IMAGE,
            "-i",
            "prompt=first ",
            "--external-id",
            "k-1",
        ],
    );
    assert!(
        err.contains(&format!(
            "`--external-id k-1` already names run {id} of agent Text to Image with prompt \"first\"; this request asks for prompt \"first \""
        )),
        "text is compared as given: {err}"
    );
    // App runs keep their own keys, and are checked the same way.
    let app = [
        "app-run",
        REVIEWED_AD,
        "--external-id",
        "k-1",
        "--no-wait",
        "-i",
    ];
    world.run_expect(&[&app[..], &["brief=spring"]].concat(), 0);
    let err = refused(&world, &[&app[..], &["brief=autumn"]].concat());
    assert!(
        err.contains(
            "of app Reviewed Ad with brief \"spring\"; this request asks for brief \"autumn\""
        ),
        "{err}"
    );
}

#[test]
fn a_key_reused_with_another_file_exits_2_naming_both_hashes_and_uploads_nothing() {
    let world = World::new();
    world.file("shoe.png", &png::gradient_png(b"shoe"));
    world.file("boot.png", &png::gradient_png(b"boot"));
    let shot = [
        "run",
        PRODUCT_SHOT,
        "-i",
        "prompt=p",
        "--external-id",
        "k-shot",
        "--no-wait",
        "-i",
    ];
    let shoe_args = [&shot[..], &["product=@shoe.png"]].concat();
    world.run_expect(&shoe_args, 0);
    let sha = |seed: &[u8]| {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(png::gradient_png(seed)))[..8].to_string()
    };
    let (shoe, boot) = (sha(b"shoe"), sha(b"boot"));
    let err = refused(&world, &[&shot[..], &["product=@boot.png"]].concat());
    assert!(
        err.contains(&format!(
            "with product shoe.png (sha256 {shoe}…); this request asks for product boot.png (sha256 {boot}…)"
        )),
        "{err}"
    );
    // The same name with other bytes is another file too: content decides.
    world.file("shoe.png", &png::gradient_png(b"boot"));
    let err = refused(&world, &shoe_args);
    assert!(
        err.contains(&format!(
            "with product shoe.png (sha256 {shoe}…); this request asks for product shoe.png (sha256 {boot}…)"
        )),
        "{err}"
    );
}

#[test]
fn the_same_key_and_the_same_request_adopts_the_run_and_sends_nothing() {
    let world = World::new();
    world.file("shoe.png", &png::gradient_png(b"shoe"));
    let args = [
        "run",
        PRODUCT_SHOT,
        "-i",
        "prompt=p",
        "-i",
        "product=@shoe.png",
        "--external-id",
        "same",
        "--json",
        "--no-download",
    ];
    let first = json(&world.run_expect(&args, 0));
    let (before, sent) = (spent(&world), posts(&world));
    let output = world.run_expect(&args, 0);
    assert_eq!(json(&output)["run"]["id"], first["run"]["id"]);
    assert_eq!(spent(&world), before);
    assert_eq!(
        posts(&world),
        sent,
        "no upload, no create: the run was looked up"
    );
    let err = stderr(&output);
    assert!(err.contains("reusing run"), "{err}");
    assert!(!err.contains("warning"), "everything was compared: {err}");
}

#[test]
fn a_batch_row_whose_key_names_a_run_with_other_inputs_is_an_error_row() {
    let world = World::new();
    world.file("shoe.png", &png::gradient_png(b"shoe"));
    world.file(
        "rows.jsonl",
        b"{\"prompt\": \"one\", \"product\": \"@shoe.png\"}\n{\"prompt\": \"two\", \"product\": \"@shoe.png\"}\n",
    );
    let args = [
        "run",
        PRODUCT_SHOT,
        "--batch",
        "rows.jsonl",
        "--batch-key",
        "shoot",
        "--no-download",
        "--json",
    ];
    let first = json(&world.run_expect(&args, 0));
    assert_eq!(first["counts"]["completed"], 2, "{first}");
    // Row 2 now asks for another prompt under the same key; the shared file is unchanged.
    world.file(
        "rows.jsonl",
        b"{\"prompt\": \"one\", \"product\": \"@shoe.png\"}\n{\"prompt\": \"three\", \"product\": \"@shoe.png\"}\n",
    );
    let (before, sent) = (spent(&world), posts(&world));
    let output = expect_code(world.pletor().args(args), 3);
    assert_eq!(spent(&world), before, "nothing uploaded or created");
    assert_eq!(posts(&world), sent);
    let doc = json(&output);
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows[0]["status"], "completed", "{doc}");
    assert_eq!(rows[1]["status"], "error", "{doc}");
    let message = rows[1]["error"].as_str().unwrap();
    assert!(
        message.contains("row 2's external id `shoot-2` already names run")
            && message.contains("with prompt \"two\"; this request asks for prompt \"three\"")
            && message.contains("choose another `--batch-key`"),
        "{message}"
    );
    // The file under the rows changes: every row's run had other bytes.
    world.file("shoe.png", &png::gradient_png(b"boot"));
    let output = expect_code(world.pletor().args(args), 3);
    let doc = json(&output);
    assert_eq!(doc["counts"]["error"], 2, "{doc}");
    assert!(
        doc["rows"][0]["error"]
            .as_str()
            .unwrap()
            .contains("this request asks for product shoe.png (sha256"),
        "{doc}"
    );
    assert_eq!(spent(&world), before);
}

#[test]
fn a_server_that_does_not_echo_inputs_gets_the_agent_compared_and_a_warning() {
    let world = World::with(Config {
        echo_inputs: false,
        ..fast_config()
    });
    let first = [
        "run",
        TEXT_TO_IMAGE,
        "-i",
        "prompt=first",
        "--external-id",
        "k-2",
    ];
    world.run_expect(&first, 0);
    let id = run_under(&world, "k-2");
    assert!(
        world
            .api("GET", &format!("/runs/{id}"), None)
            .get("inputs")
            .is_none()
    );
    let before = spent(&world);
    let output = world.run_expect(
        &[
            "run",
            TEXT_TO_IMAGE,
            "-i",
            "prompt=second",
            "--external-id",
            "k-2",
        ],
        0,
    );
    assert_eq!(spent(&world), before, "the run was adopted");
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "warning: run {id} does not show the inputs it was created with: only its agent could be compared with this request"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("reusing run {id}")), "{err}");
    let err = refused(
        &world,
        &[
            "run",
            catalog::ALWAYS_FAILS,
            "-i",
            "prompt=first",
            "--external-id",
            "k-2",
        ],
    );
    assert!(
        err.contains(&format!(
            "`--external-id k-2` already names run {id} of agent Text to Image; this request asks for agent Always Fails with prompt \"first\""
        )),
        "{err}"
    );
}

#[test]
fn a_dry_run_checks_a_reused_key_with_only_gets() {
    let world = World::new();
    world.run_expect(
        &[
            "run",
            TEXT_TO_IMAGE,
            "-i",
            "prompt=first",
            "--external-id",
            "k-3",
        ],
        0,
    );
    let id = run_under(&world, "k-3");
    let sent = posts(&world);
    let err = refused(
        &world,
        &[
            "run",
            TEXT_TO_IMAGE,
            "-i",
            "prompt=second",
            "--external-id",
            "k-3",
            "--dry-run",
        ],
    );
    assert!(
        err.contains("this request asks for prompt \"second\""),
        "{err}"
    );
    let output = world.run_expect(
        &[
            "run",
            TEXT_TO_IMAGE,
            "-i",
            "prompt=first",
            "--external-id",
            "k-3",
            "--dry-run",
        ],
        0,
    );
    assert!(
        stderr(&output).contains(&format!(
            "`--external-id k-3` already names run {id} of this request: running it would reuse that run"
        )),
        "{}",
        stderr(&output)
    );
    assert_eq!(posts(&world), sent, "a dry run sends only GETs");
}

#[test]
fn a_batch_against_a_server_that_does_not_echo_inputs_warns_once_and_adopts_its_rows() {
    let world = World::with(Config {
        echo_inputs: false,
        ..fast_config()
    });
    let rows = |word: &str| {
        (1..=3)
            .map(|n| format!("{{\"prompt\": \"{word} {n}\"}}\n"))
            .collect::<String>()
    };
    world.file("rows.jsonl", rows("fox").as_bytes());
    let args = [
        "run",
        TEXT_TO_IMAGE,
        "--batch",
        "rows.jsonl",
        "--batch-key",
        "quiet",
        "--no-download",
        "--json",
    ];
    world.run_expect(&args, 0);
    world.file("rows.jsonl", rows("owl").as_bytes());
    let before = spent(&world);
    let output = world.run_expect(&args, 0);
    assert_eq!(spent(&world), before, "every row was adopted");
    assert_eq!(json(&output)["counts"]["completed"], 3);
    let err = stderr(&output);
    assert_eq!(
        err.matches("does not show the inputs it was created with")
            .count(),
        1,
        "one warning, not one per row: {err}"
    );
}

#[test]
fn without_a_hash_a_file_is_compared_by_size_name_and_upload_key_and_else_reported_uncompared() {
    let world = World::new();
    world.file("shoe.png", &png::gradient_png(b"shoe"));
    world.file("boot.png", &png::gradient_png(b"boot"));
    let shot = [
        "run",
        PRODUCT_SHOT,
        "-i",
        "prompt=p",
        "--external-id",
        "k-f",
        "--no-wait",
        "-i",
    ];
    let shoe = [&shot[..], &["product=@shoe.png"]].concat();
    let boot = [&shot[..], &["product=@boot.png"]].concat();
    world.run_expect(&shoe, 0);
    let listed = world.api("GET", "/runs/?external_id=k-f", None);
    let asset = listed["data"][0]["inputs"][1]["value"]["asset_ids"][0]
        .as_str()
        .unwrap()
        .to_string();
    let size = std::fs::metadata(world.work().join("shoe.png"))
        .unwrap()
        .len();
    // The server shows the asset without a hash: size, name and upload key decide.
    answer_asset(
        &world,
        &asset,
        json!({"id": asset, "filename": "shoe.png", "size": size, "external_id": "k-f-in-1"}),
    );
    let same = world.run_expect(&shoe, 0);
    assert!(!stderr(&same).contains("warning"), "{}", stderr(&same));
    let err = refused(&world, &boot);
    assert!(
        err.contains("with product shoe.png; this request asks for product boot.png"),
        "{err}"
    );
    // Nothing to compare at all: adopted, with a warning that says so.
    answer_asset(&world, &asset, json!({"id": asset}));
    let output = world.run_expect(&boot, 0);
    let err = stderr(&output);
    assert!(
        err.contains("warning: the files of run")
            && err.contains("could not be compared with this request's: `product`"),
        "{err}"
    );
}

/// From now on, `GET /assets/ASSET` answers `body` (earlier rules removed).
fn answer_asset(world: &World, asset: &str, body: Value) {
    let url = format!("{}/faults", world.sim.admin_url());
    crate::harness::block(async move { reqwest::Client::new().delete(url).send().await.unwrap() });
    world.faults(json!([{"method": "GET", "path": format!("/assets/{asset}"), "kind": "status",
        "status": 200, "body": body.to_string(), "content_type": "application/json", "times": 1000}]));
}

#[test]
fn a_run_adopted_after_a_409_is_checked_as_well() {
    let world = World::new();
    world.run_expect(
        &[
            "run",
            TEXT_TO_IMAGE,
            "-i",
            "prompt=first",
            "--external-id",
            "k-4",
        ],
        0,
    );
    let id = run_under(&world, "k-4");
    // The lookup before the create misses the run (a list that lags, a race with another
    // process): the create is answered 409, and the run found then is checked.
    world.faults(
        json!([{"method": "GET", "path": "/runs/", "kind": "status", "status": 200,
        "body": "{\"data\": []}", "content_type": "application/json", "times": 1}]),
    );
    let before = spent(&world);
    let output = world.run_expect(
        &[
            "run",
            TEXT_TO_IMAGE,
            "-i",
            "prompt=second",
            "--external-id",
            "k-4",
        ],
        2,
    );
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "`--external-id k-4` already names run {id} of agent Text to Image with prompt \"first\"; this request asks for prompt \"second\""
        )),
        "{err}"
    );
    assert_eq!(spent(&world), before);
    assert_eq!(world.stats()["conflicts"], 1, "the create met the key");
    assert!(output.stdout.is_empty());
}
