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
    let brief = |text: &str| format!("brief={text}");
    let app = |text: &str| {
        vec![
            "app-run".to_string(),
            REVIEWED_AD.to_string(),
            "-i".to_string(),
            brief(text),
            "--external-id".to_string(),
            "k-1".to_string(),
            "--no-wait".to_string(),
        ]
    };
    let args: Vec<String> = app("spring");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    world.run_expect(&args, 0);
    let other: Vec<String> = app("autumn");
    let other: Vec<&str> = other.iter().map(String::as_str).collect();
    let err = refused(&world, &other);
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
    let shot = |file: &str| {
        vec![
            "run".to_string(),
            PRODUCT_SHOT.to_string(),
            "-i".to_string(),
            "prompt=p".to_string(),
            "-i".to_string(),
            format!("product=@{file}"),
            "--external-id".to_string(),
            "k-shot".to_string(),
            "--no-wait".to_string(),
        ]
    };
    let args = |v: &[String]| v.iter().map(String::clone).collect::<Vec<String>>();
    let first = args(&shot("shoe.png"));
    world.run_expect(&first.iter().map(String::as_str).collect::<Vec<_>>(), 0);
    let sha = |bytes: &[u8]| {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(bytes))[..8].to_string()
    };
    let (shoe, boot) = (
        sha(&png::gradient_png(b"shoe")),
        sha(&png::gradient_png(b"boot")),
    );
    let other = args(&shot("boot.png"));
    let err = refused(
        &world,
        &other.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert!(
        err.contains(&format!(
            "with product shoe.png (sha256 {shoe}…); this request asks for product boot.png (sha256 {boot}…)"
        )),
        "{err}"
    );
    // The same name with other bytes is another file too: content decides.
    world.file("shoe.png", &png::gradient_png(b"boot"));
    let err = refused(
        &world,
        &first.iter().map(String::as_str).collect::<Vec<_>>(),
    );
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
