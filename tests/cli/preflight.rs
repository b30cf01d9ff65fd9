//! Never paying for a mistake: required inputs, empty files and non-images refused before any
//! upload or create (single runs and every batch row), `--dry-run` plans that send only GETs,
//! and the estimated cost shown before spending (a status line; a question before a batch on
//! a terminal, never in scripts).

#[cfg(unix)]
use expectrl::Expect;
use pletor_sim::catalog;
use serde_json::{Value, json};

use crate::harness::assert_nothing_paid;
#[cfg(unix)]
use crate::harness::pty::{expect, finish, pty};
use crate::harness::{World, expect_code, json, stderr, stdout};

/// Runs `pletor ARGS`, which must exit 2 saying `words` on stderr, print nothing on stdout and
/// spend nothing; returns stderr.
#[track_caller]
fn refused(world: &World, args: &[&str], words: &str) -> String {
    let output = world.run_expect(args, 2);
    let err = stderr(&output);
    assert!(err.contains(words), "{args:?}: {err}");
    assert_eq!(stdout(&output), "", "{args:?}");
    assert_nothing_paid(world);
    err
}

/// The request log holds only GETs, and nothing was uploaded or created.
#[track_caller]
fn assert_only_gets(world: &World) {
    let methods: Vec<String> = world
        .requests()
        .iter()
        .map(|r| r["method"].as_str().unwrap().to_string())
        .collect();
    assert!(methods.iter().all(|m| m == "GET"), "{methods:?}");
    assert_nothing_paid(world);
}

/// A real PNG, a text file and an empty file in the working folder.
fn files(world: &World) {
    world.file("shoe.png", &pletor_sim::png::gradient_png(b"shoe"));
    world.file("notes.png", b"these are notes, not a picture");
    world.file("empty.png", b"");
}

/// A Product Shot batch whose row 3 (line 3) lacks the required `prompt`.
fn batch_missing_prompt_in_row_3(world: &World) {
    files(world);
    world.file(
        "rows.jsonl",
        b"{\"prompt\": \"one\", \"product\": \"@shoe.png\"}\n\
          {\"prompt\": \"two\", \"product\": \"@shoe.png\"}\n\
          {\"product\": \"@shoe.png\"}\n",
    );
}

#[test]
fn a_missing_required_input_exits_2_naming_it_and_spends_nothing() {
    let world = World::new();
    files(&world);
    let err = refused(
        &world,
        &["run", catalog::PRODUCT_SHOT, "-i", "product=@shoe.png"],
        "missing required input `prompt` (text_input) of agent Product Shot",
    );
    assert!(err.contains("-i prompt="), "the hint shows the flag: {err}");

    // App runs too, and `--json` carries the usage error.
    let output = world.run_expect(&["app-run", catalog::SOCIAL_POST, "--json"], 2);
    assert_eq!(json(&output)["error"]["code"], "usage");
    assert!(stderr(&output).contains("`topic`"), "{}", stderr(&output));
    assert_nothing_paid(&world);
}

#[test]
fn optional_inputs_and_a_catalog_without_required_enforce_nothing_extra() {
    let world = World::new();
    // Always Fails's prompt is optional: no input at all is fine (the run fails by design).
    world.run_expect(&["run", catalog::ALWAYS_FAILS], 3);
    // A catalog that does not say `required` enforces nothing: Text to Image without it.
    let mut bare = world.api("GET", &format!("/agents/{}", catalog::TEXT_TO_IMAGE), None);
    bare["inputs"][0]
        .as_object_mut()
        .unwrap()
        .remove("required");
    serve_agent(&world, catalog::TEXT_TO_IMAGE, &bare);
    let output = world.run_expect(&["run", catalog::TEXT_TO_IMAGE, "--dry-run", "--json"], 0);
    assert_eq!(json(&output)["inputs"], json!([]));
}

/// Serves `body` for the next `GET /agents/{id}` instead of the catalog's entry.
fn serve_agent(world: &World, id: &str, body: &Value) {
    world.faults(
        json!([{"method": "GET", "path": format!("/agents/{id}"), "kind": "status",
        "status": 200, "body": body.to_string(), "content_type": "application/json"}]),
    );
}

#[test]
fn empty_files_and_files_that_are_not_images_are_refused_before_any_upload() {
    let world = World::new();
    files(&world);
    let cases = [
        ("product=@empty.png", "`empty.png` is empty (0 bytes)"),
        (
            "product=@notes.png",
            "input `product` takes images (image_input), but `notes.png` is not one",
        ),
    ];
    for (input, words) in cases {
        let args = ["run", catalog::PRODUCT_SHOT, "-i", "prompt=p", "-i", input];
        refused(&world, &args, words);
    }
    // A file input takes any content, but not an empty file.
    refused(
        &world,
        &["run", catalog::ECHO, "-i", "file=@empty.png"],
        "is empty",
    );
    world.run_expect(
        &["run", catalog::ECHO, "-i", "file=@notes.png", "-o", "out"],
        0,
    );
    assert_eq!(world.stats()["assets_uploaded"], 1);
}

#[test]
fn an_image_named_without_an_extension_is_told_by_its_content_and_uploads_as_an_image() {
    let world = World::new();
    world.file("shoe", &pletor_sim::png::gradient_png(b"shoe"));
    let output = world.run_expect(
        &[
            "run",
            catalog::PRODUCT_SHOT,
            "-i",
            "prompt=p",
            "-i",
            "product=@shoe",
            "--json",
        ],
        0,
    );
    assert_eq!(json(&output)["run"]["status"], "completed");
    let upload = world
        .requests()
        .into_iter()
        .find(|r| r["method"] == "POST" && r["path"].as_str().unwrap().ends_with("/assets/upload/"))
        .unwrap();
    assert_eq!(upload["status"], 201);
}

#[test]
fn an_image_input_that_says_it_accepts_any_file_takes_a_non_image() {
    let world = World::new();
    files(&world);
    let mut agent = world.api("GET", &format!("/agents/{}", catalog::PRODUCT_SHOT), None);
    agent["inputs"][1]["accept"] = json!(["*/*"]);
    serve_agent(&world, catalog::PRODUCT_SHOT, &agent);
    let output = world.run_expect(
        &[
            "run",
            catalog::PRODUCT_SHOT,
            "-i",
            "prompt=p",
            "-i",
            "product=@notes.png",
            "--dry-run",
            "--json",
        ],
        0,
    );
    assert_eq!(json(&output)["files"][0]["path"], "notes.png");
    assert_nothing_paid(&world);
}

#[test]
fn a_batch_row_without_a_required_input_exits_2_naming_its_line_and_spends_nothing() {
    let world = World::new();
    batch_missing_prompt_in_row_3(&world);
    let err = refused(
        &world,
        &["run", catalog::PRODUCT_SHOT, "--batch", "rows.jsonl"],
        "`rows.jsonl` line 3 (row 3): missing required input `prompt`",
    );
    assert!(err.contains("nothing was uploaded or created"), "{err}");

    // The same rows with `-i prompt=…` for every row pass the check.
    let output = world.run_expect(
        &[
            "run",
            catalog::PRODUCT_SHOT,
            "--batch",
            "rows.jsonl",
            "-i",
            "prompt=default",
            "--dry-run",
            "--json",
        ],
        0,
    );
    let plan = json(&output);
    assert_eq!(plan["batch"]["rows"][2]["inputs"][1]["value"], "default");
    assert_nothing_paid(&world);
}

#[test]
fn a_batch_row_with_a_file_that_is_not_an_image_spends_nothing() {
    let world = World::new();
    files(&world);
    world.file(
        "rows.csv",
        b"prompt,product\none,@shoe.png\ntwo,@notes.png\n",
    );
    refused(
        &world,
        &["run", catalog::PRODUCT_SHOT, "--batch", "rows.csv"],
        "`rows.csv` line 3 (row 2): input `product` takes images",
    );
}

#[test]
fn dry_run_checks_everything_prints_the_plan_and_sends_only_gets() {
    let world = World::new();
    files(&world);
    let args = [
        "run",
        "product-shot",
        "-i",
        "prompt=a red shoe",
        "-i",
        "product=@shoe.png",
        "--external-id",
        "plan-1",
        "--dry-run",
    ];
    let output = world.run_expect(&args, 0);
    let text = stdout(&output);
    for words in [
        "agent:          Product Shot (5a1b0c2d-0002-4000-8000-000000000002)",
        "external id:    plan-1",
        "runs:           1",
        "estimated cost: 4 credits (4 per run)",
        "\"a red shoe\"",
        "@shoe.png",
        "image/png",
    ] {
        assert!(text.contains(words), "{words} missing from {text}");
    }
    assert!(stderr(&output).contains("nothing was uploaded or created"));

    let output = expect_code(world.pletor().args(args).arg("--json"), 0);
    let plan = json(&output);
    let size = std::fs::metadata(world.work().join("shoe.png"))
        .unwrap()
        .len();
    assert_eq!(plan["dry_run"], true);
    assert_eq!(plan["kind"], "agent");
    assert_eq!(plan["target"]["id"], catalog::PRODUCT_SHOT);
    assert_eq!(plan["runs"], 1);
    assert_eq!(plan["external_id"], "plan-1");
    assert_eq!(
        plan["estimated_cost"],
        json!({"per_run": 4, "runs": 1, "total": 4})
    );
    assert_eq!(plan["inputs"][0]["form"], "text");
    assert_eq!(plan["inputs"][1]["files"], json!(["shoe.png"]));
    let output = world.run_expect(
        &[
            "app-run",
            "social-post",
            "-i",
            "topic=spring",
            "--dry-run",
            "--json",
        ],
        0,
    );
    let app_plan = json(&output);
    assert_eq!(app_plan["kind"], "app");
    assert_eq!(app_plan["estimated_cost"]["total"], 3);
    assert_eq!(
        plan["files"],
        json!([{"path": "shoe.png", "bytes": size, "mime_type": "image/png"}])
    );
    assert_only_gets(&world);
}

#[test]
fn a_batch_dry_run_plans_every_row_with_the_total_cost_and_sends_only_gets() {
    let world = World::new();
    files(&world);
    let rows: String = (1..=3)
        .map(|n| format!("{{\"prompt\": \"take {n}\", \"product\": \"@shoe.png\"}}\n"))
        .collect();
    world.file("rows.jsonl", rows.as_bytes());
    let output = world.run_expect(
        &[
            "run",
            "Product Shot",
            "--batch",
            "rows.jsonl",
            "--batch-key",
            "plan",
            "--dry-run",
            "--json",
        ],
        0,
    );
    let plan = json(&output);
    assert_eq!(plan["runs"], 3);
    assert_eq!(plan["estimated_cost"]["total"], 12);
    assert_eq!(plan["batch"]["file"], "rows.jsonl");
    assert_eq!(plan["batch"]["batch_key"], "plan");
    assert_eq!(plan["batch"]["rows"][2]["external_id"], "plan-3");
    assert_eq!(plan["batch"]["rows"][2]["inputs"][0]["value"], "take 3");
    assert_eq!(
        plan["files"].as_array().unwrap().len(),
        1,
        "one file, uploaded once"
    );

    let output = world.run_expect(
        &["run", "Product Shot", "--batch", "rows.jsonl", "--dry-run"],
        0,
    );
    let text = stdout(&output);
    assert!(text.contains("runs:           3"), "{text}");
    assert!(
        text.contains("estimated cost: 12 credits (4 per run)"),
        "{text}"
    );
    assert!(text.contains("prompt=\"take 2\""), "{text}");
    assert_only_gets(&world);
}

#[test]
fn a_single_run_names_its_estimated_cost_in_its_first_status_line() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "run",
            "text to image",
            "-i",
            "prompt=a fox",
            "--no-download",
        ],
        0,
    );
    let first = stderr(&output).lines().next().unwrap_or("").to_string();
    assert_eq!(
        first,
        "starting agent Text to Image · estimated cost 2 credits",
        "{}",
        stderr(&output)
    );
}

/// A batch of two Text to Image rows (2 credits each).
fn two_prompts(world: &World) {
    world.file("rows.jsonl", b"{\"prompt\": \"a\"}\n{\"prompt\": \"b\"}\n");
}

/// `run` of the two-prompt batch, then `extra` flags.
fn batch<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let base = [
        "run",
        catalog::TEXT_TO_IMAGE,
        "--batch",
        "rows.jsonl",
        "--no-download",
    ];
    base.into_iter().chain(extra.iter().copied()).collect()
}

/// Runs the two-prompt batch on a terminal with `extra` flags to the end; it must not ask.
#[cfg(unix)]
fn unasked_on_a_terminal(world: &World, extra: &[&str]) {
    let (rest, code) = finish(pty(world, &batch(extra), &[]));
    assert_eq!(code, 0, "{rest}");
    assert!(!rest.contains("Start up to"), "{rest}");
}

#[cfg(unix)]
#[test]
fn a_batch_with_a_known_cost_asks_on_a_terminal_and_a_no_starts_nothing() {
    let world = World::new();
    two_prompts(&world);
    let mut session = pty(&world, &batch(&[]), &[]);
    expect(&mut session, "Start up to 2 runs of agent Text to Image");
    expect(&mut session, "4 credits (2 per run)");
    session.send("n").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("not started"), "{rest}");
    assert_nothing_paid(&world);
}

#[cfg(unix)]
#[test]
fn yes_skips_the_question_and_scripts_are_never_asked() {
    let world = World::new();
    two_prompts(&world);
    unasked_on_a_terminal(&world, &["--yes"]);
    assert_eq!(world.stats()["runs_created"], 2);
    // No terminal: no question, the batch runs (the same rows are adopted, not paid again).
    let output = world.run_expect(&batch(&[]), 0);
    assert!(
        !stderr(&output).contains("Start up to"),
        "{}",
        stderr(&output)
    );
    // On a terminal with `--no-input`, no question either.
    unasked_on_a_terminal(&world, &["--no-input"]);
    assert_eq!(world.stats()["runs_created"], 2);
}

#[test]
fn an_asset_that_is_not_an_id_or_does_not_exist_is_refused_before_anything_is_paid() {
    let world = World::new();
    files(&world);
    let run = |product: &str| {
        [
            "run".to_string(),
            catalog::PRODUCT_SHOT.to_string(),
            "-i".into(),
            "prompt=p".into(),
            "-i".into(),
            format!("product={product}"),
        ]
    };
    let args = run("asset:abc");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    refused(
        &world,
        &args,
        "input `product`: `asset:abc` is not an asset id (asset ids are UUIDs)",
    );

    let missing = "00000000-0000-4000-8000-0000000000ff";
    let args = run(&format!("asset:{missing}"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = world.run_expect(&args, 5);
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "input `product`: asset `{missing}` does not exist"
        )),
        "{err}"
    );
    assert!(err.contains("nothing was uploaded or created"), "{err}");

    // In a batch, a missing asset in row 2 stops everything before row 1 is paid for.
    world.file(
        "rows.jsonl",
        format!(
            "{{\"prompt\": \"one\", \"product\": \"@shoe.png\"}}\n\
             {{\"prompt\": \"two\", \"product\": \"asset:{missing}\"}}\n"
        )
        .as_bytes(),
    );
    let output = world.run_expect(&["run", catalog::PRODUCT_SHOT, "--batch", "rows.jsonl"], 5);
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "`rows.jsonl` line 2 (row 2): input `product`: asset `{missing}` does not exist"
        )),
        "{err}"
    );
    assert_nothing_paid(&world);
    // Only reads reached the server, and no typed text was sent as an id.
    for request in world.requests() {
        assert_eq!(request["method"], "GET", "{request}");
        assert_ne!(request["status"], 422, "{request}");
    }
}

#[test]
fn an_existing_asset_in_any_case_is_checked_and_sent_in_its_canonical_form() {
    let world = World::new();
    files(&world);
    let uploaded = json(&world.run_expect(&["upload", "shoe.png", "--json"], 0));
    let id = uploaded[0]["id"].as_str().unwrap().to_string();
    let shouted = format!("asset:{}", id.to_uppercase());
    let output = world.run_expect(
        &[
            "run",
            catalog::PRODUCT_SHOT,
            "-i",
            "prompt=p",
            "-i",
            &format!("product={shouted}"),
            "--no-download",
            "--json",
        ],
        0,
    );
    let run = json(&output);
    assert_eq!(
        run["run"]["inputs"][1]["value"]["asset_ids"][0],
        id.as_str()
    );
    assert_eq!(world.stats()["assets_uploaded"], 1, "the asset was reused");
    let checked = world
        .requests()
        .into_iter()
        .filter(|r| r["path"] == format!("/api/public/v1/assets/{id}").as_str())
        .count();
    assert_eq!(
        checked, 1,
        "the asset is read once before the run is created"
    );
}
