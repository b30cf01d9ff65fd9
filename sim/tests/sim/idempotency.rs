//! `external_id`: 409 on reuse, 422 over 255 characters, nothing claimed on validation
//! failure, separate namespaces for runs, app runs and uploads.

use pletor_sim::catalog::*;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::common::{Ctx, fast, ids, locs, send_json};

fn run_body(key: &str) -> Value {
    json!({"agent_id": TEXT_TO_IMAGE, "external_id": key,
           "inputs": [{"id": TEXT_TO_IMAGE_PROMPT, "value": "a cat"}]})
}

#[tokio::test]
async fn reusing_a_run_external_id_is_409_and_the_original_is_found_by_filter() {
    let ctx = Ctx::new();
    let (status, first) = ctx.post_json("/runs/", &run_body("order-42")).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(first["external_id"], "order-42");
    ctx.text_to_image("unrelated").await;

    let (status, body) = ctx.post_json("/runs/", &run_body("order-42")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body,
        json!({"detail": "external_id already used: order-42"})
    );
    assert!(
        body.get("id").is_none(),
        "the 409 body does not carry the object"
    );

    let (_, found) = ctx.get_json("/runs/?external_id=order-42").await;
    assert_eq!(ids(&found), [first["id"].as_str().unwrap()]);
    let (_, runs) = ctx.get_json("/runs/").await;
    assert_eq!(ids(&runs).len(), 2, "the conflict created nothing");
    assert_eq!(ctx.stats().await["conflicts"], 1);
}

#[tokio::test]
async fn external_id_over_255_chars_is_422_and_255_is_fine() {
    let ctx = Ctx::new();
    let (status, body) = ctx.post_json("/runs/", &run_body(&"x".repeat(256))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(locs(&body), [json!(["body", "external_id"])]);
    assert_eq!(body["detail"][0]["type"], "string_too_long");
    // Characters, not bytes: 255 two-byte characters are fine.
    let (status, _) = ctx.post_json("/runs/", &run_body(&"é".repeat(255))).await;
    assert_eq!(status, StatusCode::CREATED);

    let (status, body) = ctx
        .upload("a.txt", b"a".to_vec(), "text/plain", Some(&"k".repeat(256)))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(locs(&body), [json!(["body", "external_id"])]);
}

#[tokio::test]
async fn a_create_that_fails_validation_claims_nothing() {
    let ctx = Ctx::new();
    let invalid = json!({"agent_id": TEXT_TO_IMAGE, "external_id": "retry-me", "inputs": []});
    let (status, _) = ctx.post_json("/runs/", &invalid).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown =
        json!({"agent_id": "00000000-0000-4000-8000-000000000000", "external_id": "retry-me"});
    let (status, _) = ctx.post_json("/runs/", &unknown).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = ctx.post_json("/runs/", &run_body("retry-me")).await;
    assert_eq!(status, StatusCode::CREATED);

    let form = Form::new().text("external_id", "upload-retry");
    let (status, _) = send_json(ctx.post("/assets/upload/").multipart(form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "no file part");
    let (status, _) = ctx
        .upload("a.txt", b"a".to_vec(), "text/plain", Some("upload-retry"))
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn runs_app_runs_and_uploads_are_separate_namespaces() {
    let ctx = Ctx::new();
    let (status, _) = ctx.post_json("/runs/", &run_body("shared")).await;
    assert_eq!(status, StatusCode::CREATED);
    let app = json!({"app_id": SOCIAL_POST, "external_id": "shared",
                     "inputs": [{"id": SOCIAL_POST_TOPIC, "value": "spring"}]});
    let (status, created) = ctx.post_json("/app-runs/", &app).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["app_id"], SOCIAL_POST);
    let (status, _) = ctx
        .upload("a.txt", b"a".to_vec(), "text/plain", Some("shared"))
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let (status, _) = ctx.post_json("/app-runs/", &app).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = ctx
        .upload("b.txt", b"b".to_vec(), "text/plain", Some("shared"))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, found) = ctx.get_json("/app-runs/?external_id=shared").await;
    assert_eq!(ids(&found), [created["id"].as_str().unwrap()]);
    let (_, assets) = ctx.get_json("/assets/?external_id=shared").await;
    assert_eq!(ids(&assets).len(), 1);
    assert_eq!(assets["data"][0]["filename"], "a.txt");
}

#[tokio::test]
async fn upload_external_id_may_come_before_or_after_the_file_part() {
    let ctx = Ctx::new();
    let file = || {
        Part::bytes(b"hello".to_vec())
            .file_name("h.txt")
            .mime_str("text/plain")
            .unwrap()
    };
    let before = Form::new()
        .text("external_id", "first")
        .part("file", file());
    let (status, asset) = send_json(ctx.post("/assets/upload/").multipart(before)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(asset["external_id"], "first");
    let after = Form::new()
        .part("file", file())
        .text("external_id", "second");
    let (status, asset) = send_json(ctx.post("/assets/upload/").multipart(after)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(asset["external_id"], "second");

    let again = Form::new()
        .part("file", file())
        .text("external_id", "second");
    let (status, body) = send_json(ctx.post("/assets/upload/").multipart(again)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body, json!({"detail": "external_id already used: second"}));
    let (_, all) = ctx.get_json("/assets/").await;
    assert_eq!(ids(&all).len(), 2, "the conflicting upload stored nothing");
    let stored = std::fs::read_dir(ctx.sim.data_dir().join("assets"))
        .unwrap()
        .count();
    assert_eq!(stored, 2, "no stray file left in the data folder");
}

#[tokio::test]
async fn a_key_stays_claimed_after_the_run_failed_or_was_cancelled() {
    let ctx = Ctx::with(fast());
    let failing = json!({"agent_id": ALWAYS_FAILS, "external_id": "doomed"});
    let (status, run) = ctx.post_json("/runs/", &failing).await;
    assert_eq!(status, StatusCode::CREATED);
    ctx.skip_ahead();
    assert_eq!(ctx.poll("/runs/", &run).await["status"], "failed");
    let (status, _) = ctx.post_json("/runs/", &failing).await;
    assert_eq!(status, StatusCode::CONFLICT);

    let slow = Ctx::new();
    let (_, run) = slow.post_json("/runs/", &run_body("stopped")).await;
    let (status, _) =
        send_json(slow.delete(&format!("/runs/{}", run["id"].as_str().unwrap()))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = slow.post_json("/runs/", &run_body("stopped")).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn runs_echo_their_inputs_unless_the_simulator_hides_them() {
    let ctx = Ctx::with(fast());
    let (_, created) = ctx.post_json("/runs/", &run_body("echo-1")).await;
    assert_eq!(created["inputs"], run_body("echo-1")["inputs"]);
    let (_, found) = ctx.get_json("/runs/?external_id=echo-1").await;
    assert_eq!(found["data"][0]["inputs"], run_body("echo-1")["inputs"]);

    let hidden = Ctx::with(pletor_sim::Config {
        echo_inputs: false,
        ..fast()
    });
    let (_, created) = hidden.post_json("/runs/", &run_body("echo-2")).await;
    let id = created["id"].as_str().unwrap().to_string();
    let (_, shown) = hidden.get_json(&format!("/runs/{id}")).await;
    let (_, found) = hidden.get_json("/runs/?external_id=echo-2").await;
    for run in [&created, &shown, &found["data"][0]] {
        assert_eq!(run["id"], id.as_str());
        assert!(run.get("inputs").is_none(), "{run}");
    }
}
