//! Run lifecycles on the simulated clock: states, outcomes per agent, reviews, cancel.

use std::time::{Duration, Instant};

use pletor_sim::Config;
use pletor_sim::catalog::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Ctx, fast, ids, locs, send_json};

fn id(v: &Value) -> &str {
    v["id"].as_str().unwrap()
}

/// Resolves `run`'s first pending review with `body` on `collection`.
async fn review(ctx: &Ctx, collection: &str, run: &Value, body: Value) -> (StatusCode, Value) {
    let review = run["pending_reviews"][0]["id"]
        .as_str()
        .expect("a pending review");
    ctx.post_json(&format!("{collection}{}/reviews/{review}", id(run)), &body)
        .await
}

#[tokio::test]
async fn a_run_goes_pending_running_completed_on_the_simulated_clock() {
    // 100 s runs: pending for the first 10 s, so nothing here races the wall clock.
    let ctx = Ctx::with(Config {
        run_seconds: Some(100.0),
        ..Config::default()
    });
    let run = ctx.text_to_image("a lighthouse").await;
    assert_eq!(run["status"], "pending");
    assert_eq!(run["agent_id"], TEXT_TO_IMAGE);
    assert_eq!(run["awaiting_human_review"], false);
    assert_eq!(run["pending_reviews"], json!([]));
    assert_eq!(run["results"], json!([]));
    assert_eq!(run["error"], Value::Null);
    assert_eq!(
        run["inputs"],
        json!([{"id": TEXT_TO_IMAGE_PROMPT, "value": "a lighthouse"}])
    );
    assert!(run["created_at"].as_str().unwrap().ends_with('Z'));

    ctx.sim.advance_clock(Duration::from_secs(20));
    let running = ctx.poll("/runs/", &run).await;
    assert_eq!(running["status"], "running");
    assert!(running["updated_at"].as_str() > running["created_at"].as_str());

    ctx.sim.advance_clock(Duration::from_secs(80));
    let done = ctx.poll("/runs/", &run).await;
    assert_eq!(done["status"], "completed");
    let results = done["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["type"], "image");
    assert_eq!(results[0]["name"], "image");
}

#[tokio::test]
async fn a_tiny_time_scale_finishes_runs_on_the_wall_clock() {
    let ctx = Ctx::with(fast());
    let run = ctx.text_to_image("quick").await;
    let started = Instant::now();
    loop {
        let now = ctx.poll("/runs/", &run).await;
        if now["status"] == "completed" {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "never completed: {now}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test]
async fn run_seconds_overrides_every_nominal_duration() {
    let ctx = Ctx::with(Config {
        run_seconds: Some(1000.0),
        time_scale: 1.0,
        ..Config::default()
    });
    let run = ctx
        .run(
            ECHO,
            json!([{"id": ECHO_FILE, "value": {"asset_ids": [ctx.upload_png("e.png").await]}}]),
        )
        .await;
    // Echo's nominal 2 s would be long over after 500 s; with run_seconds it is still running.
    ctx.sim.advance_clock(Duration::from_secs(500));
    assert_eq!(ctx.poll("/runs/", &run).await["status"], "running");
    ctx.sim.advance_clock(Duration::from_secs(500));
    assert_eq!(ctx.poll("/runs/", &run).await["status"], "completed");
}

#[tokio::test]
async fn always_fails_ends_failed_with_its_error_message() {
    let ctx = Ctx::new();
    let run = ctx
        .run(
            ALWAYS_FAILS,
            json!([{"id": ALWAYS_FAILS_PROMPT, "value": "x"}]),
        )
        .await;
    ctx.skip_ahead();
    let failed = ctx.poll("/runs/", &run).await;
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["error"], ALWAYS_FAILS_ERROR);
    assert_eq!(failed["results"], json!([]));
}

#[tokio::test]
async fn product_shot_returns_two_images_and_a_text() {
    let ctx = Ctx::new();
    let product = ctx.upload_png("bottle.png").await;
    let run = ctx
        .run(
            PRODUCT_SHOT,
            json!([
            {"id": PRODUCT_SHOT_PROMPT, "value": "on a beach"},
            {"id": PRODUCT_SHOT_PRODUCT, "value": {"asset_ids": [product]}}]),
        )
        .await;
    ctx.skip_ahead();
    let done = ctx.poll("/runs/", &run).await;
    assert_eq!(done["status"], "completed");
    let results = done["results"].as_array().unwrap();
    let images: Vec<&Value> = results.iter().filter(|r| r["type"] == "image").collect();
    let texts: Vec<&Value> = results.iter().filter(|r| r["type"] == "text").collect();
    assert_eq!(images.len(), 2);
    assert_ne!(images[0]["asset_id"], images[1]["asset_id"]);
    assert_eq!(texts.len(), 1);
    let text = texts[0]["text"].as_str().unwrap();
    assert!(
        text.contains("on a beach") && text.contains("bottle.png"),
        "{text}"
    );
}

#[tokio::test]
async fn echo_returns_the_same_assets_and_the_note() {
    let ctx = Ctx::new();
    let (_, csv) = ctx
        .upload("data.csv", b"a,b\n1,2\n".to_vec(), "text/csv", None)
        .await;
    let png = ctx.upload_png("pic.png").await;
    let run = ctx
        .run(
            ECHO,
            json!([
            {"id": ECHO_FILE, "value": {"asset_ids": [id(&csv), png]}},
            {"id": ECHO_NOTE, "value": "as requested"}]),
        )
        .await;
    ctx.skip_ahead();
    let done = ctx.poll("/runs/", &run).await;
    assert_eq!(
        done["results"],
        json!([
            {"asset_id": id(&csv), "type": "file", "name": "files"},
            {"asset_id": png, "type": "image", "name": "files"},
            {"text": "as requested", "type": "text"},
        ])
    );
    let without_note = ctx
        .run(
            ECHO,
            json!([{"id": ECHO_FILE, "value": {"asset_ids": [png]}}]),
        )
        .await;
    ctx.skip_ahead();
    assert_eq!(
        ctx.poll("/runs/", &without_note).await["results"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// Creates a Reviewed Post run and moves it to its review pause.
async fn paused_post(ctx: &Ctx) -> Value {
    let run = ctx
        .run(
            REVIEWED_POST,
            json!([{"id": REVIEWED_POST_PROMPT, "value": "autumn sale"}]),
        )
        .await;
    ctx.skip_ahead();
    let paused = ctx.poll("/runs/", &run).await;
    assert_eq!(paused["status"], "running");
    assert_eq!(paused["awaiting_human_review"], true);
    paused
}

#[tokio::test]
async fn reviewed_post_pauses_for_review_then_completes_after_approval() {
    let ctx = Ctx::new();
    let paused = paused_post(&ctx).await;
    let pending = paused["pending_reviews"].as_array().unwrap();
    assert_eq!(pending.len(), 1);
    let entry = &pending[0];
    assert_eq!(entry["node_id"], REVIEWED_POST_REVIEW_NODE);
    assert_eq!(entry["text"], "Post: autumn sale");
    assert!(entry["created_at"].is_string());
    let draft = entry["asset_ids"][0].as_str().unwrap().to_owned();
    let (status, _) = ctx.get_json(&format!("/assets/{draft}")).await;
    assert_eq!(status, StatusCode::OK, "the draft is a real asset");

    // Time alone does not end the pause.
    ctx.skip_ahead();
    assert_eq!(
        ctx.poll("/runs/", &paused).await["awaiting_human_review"],
        true
    );

    let (status, after) = review(
        &ctx,
        "/runs/",
        &paused,
        json!({"decision": "approve", "comment": "ship it"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(after["awaiting_human_review"], false);
    assert_eq!(after["pending_reviews"], json!([]));
    assert_eq!(
        after["status"], "running",
        "the rest of the run follows the decision"
    );

    ctx.skip_ahead();
    let done = ctx.poll("/runs/", &paused).await;
    assert_eq!(done["status"], "completed");
    assert_eq!(
        done["results"],
        json!([
            {"asset_id": draft, "type": "image", "name": "post_image"},
            {"text": "Post: autumn sale", "type": "text"},
        ])
    );
    assert_eq!(ctx.stats().await["reviews_resolved"], 1);
}

#[tokio::test]
async fn reviewed_post_rejected_completes_with_only_the_text() {
    let ctx = Ctx::new();
    let paused = paused_post(&ctx).await;
    let (status, _) = review(&ctx, "/runs/", &paused, json!({"decision": "reject"})).await;
    assert_eq!(status, StatusCode::OK);
    ctx.skip_ahead();
    let done = ctx.poll("/runs/", &paused).await;
    assert_eq!(done["status"], "completed");
    assert_eq!(
        done["results"],
        json!([{"text": "Post: autumn sale", "type": "text"}])
    );
}

#[tokio::test]
async fn a_second_decision_is_409_and_an_unknown_review_is_404() {
    let ctx = Ctx::new();
    let paused = paused_post(&ctx).await;
    let (status, _) = review(&ctx, "/runs/", &paused, json!({"decision": "approve"})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = review(&ctx, "/runs/", &paused, json!({"decision": "reject"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body, json!({"detail": "Review already resolved"}));

    let unknown = format!(
        "/runs/{}/reviews/00000000-0000-4000-8000-000000000000",
        id(&paused)
    );
    let (status, body) = ctx
        .post_json(&unknown, &json!({"decision": "approve"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "Review not found"}));
    let unknown_run =
        "/runs/00000000-0000-4000-8000-000000000000/reviews/00000000-0000-4000-8000-000000000000";
    let (status, body) = ctx
        .post_json(unknown_run, &json!({"decision": "approve"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "Run not found"}));
}

#[tokio::test]
async fn review_bodies_of_other_shapes_are_422_and_extra_fields_are_accepted() {
    let ctx = Ctx::new();
    let paused = paused_post(&ctx).await;
    for body in [
        json!({}),
        json!({"decision": "approved"}),
        json!({"decision": true}),
        json!({"decision": "approve", "comment": 5}),
        json!(["approve"]),
    ] {
        let (status, answer) = review(&ctx, "/runs/", &paused, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        locs(&answer);
    }
    assert_eq!(
        ctx.poll("/runs/", &paused).await["awaiting_human_review"],
        true
    );
    let (status, _) = review(
        &ctx,
        "/runs/",
        &paused,
        json!({"decision": "approve", "comment": null, "reviewer": "ana", "score": 5}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let log = ctx.requests().await;
    let logged = log
        .iter()
        .rfind(|e| e["path"].as_str().unwrap().contains("/reviews/"))
        .unwrap();
    assert_eq!(
        logged["body"]["reviewer"], "ana",
        "extra fields are kept in the log"
    );
}

#[tokio::test]
async fn reviewed_ad_app_run_fails_when_rejected_and_delivers_an_image_when_approved() {
    let ctx = Ctx::new();
    let inputs = json!([{"id": REVIEWED_AD_BRIEF, "value": "winter boots"}]);
    let rejected = ctx.app_run(REVIEWED_AD, inputs.clone()).await;
    let approved = ctx.app_run(REVIEWED_AD, inputs).await;
    ctx.skip_ahead();
    let rejected = ctx.poll("/app-runs/", &rejected).await;
    let approved = ctx.poll("/app-runs/", &approved).await;
    assert_eq!(rejected["awaiting_human_review"], true);
    assert_eq!(rejected["app_id"], REVIEWED_AD);
    assert_eq!(
        rejected["pending_reviews"][0]["node_id"],
        REVIEWED_AD_REVIEW_NODE
    );
    let (status, _) = review(&ctx, "/app-runs/", &rejected, json!({"decision": "reject"})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = review(
        &ctx,
        "/app-runs/",
        &approved,
        json!({"decision": "approve"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // An app run's review is not reachable under /runs/.
    let (status, _) = review(&ctx, "/runs/", &approved, json!({"decision": "approve"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    ctx.skip_ahead();
    let rejected = ctx.poll("/app-runs/", &rejected).await;
    assert_eq!(rejected["status"], "failed");
    assert_eq!(rejected["error"], REVIEWED_AD_REJECTED_ERROR);
    let approved = ctx.poll("/app-runs/", &approved).await;
    assert_eq!(approved["status"], "completed");
    assert_eq!(approved["results"].as_array().unwrap().len(), 1);
    assert_eq!(approved["results"][0]["type"], "image");
}

#[tokio::test]
async fn social_post_app_run_completes_with_an_image_and_a_text() {
    let ctx = Ctx::new();
    let run = ctx
        .app_run(
            SOCIAL_POST,
            json!([{"id": SOCIAL_POST_TOPIC, "value": "tea"}]),
        )
        .await;
    assert_eq!(run["status"], "pending");
    ctx.skip_ahead();
    let done = ctx.poll("/app-runs/", &run).await;
    assert_eq!(done["status"], "completed");
    let kinds: Vec<&str> = done["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["image", "text"]);
}

#[tokio::test]
async fn cancel_stops_a_live_run_and_is_409_once_terminal() {
    let ctx = Ctx::new();
    let run = ctx.text_to_image("slow").await;
    let path = format!("/runs/{}", id(&run));
    let (status, cancelled) = send_json(ctx.delete(&path)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cancelled["status"], "cancelled");
    ctx.skip_ahead();
    let later = ctx.poll("/runs/", &run).await;
    assert_eq!(
        later["status"], "cancelled",
        "a cancelled run never completes"
    );
    assert_eq!(later["results"], json!([]));
    let (status, body) = send_json(ctx.delete(&path)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body, json!({"detail": "Run is already cancelled"}));

    let finished = ctx.text_to_image("done").await;
    ctx.skip_ahead();
    let (status, body) = send_json(ctx.delete(&format!("/runs/{}", id(&finished)))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body, json!({"detail": "Run is already completed"}));
}

#[tokio::test]
async fn cancel_during_a_review_pause_clears_the_pending_review() {
    let ctx = Ctx::new();
    let paused = paused_post(&ctx).await;
    let (status, cancelled) = send_json(ctx.delete(&format!("/runs/{}", id(&paused)))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cancelled["awaiting_human_review"], false);
    assert_eq!(cancelled["pending_reviews"], json!([]));
    let (status, _) = review(&ctx, "/runs/", &paused, json!({"decision": "approve"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn app_runs_cancel_and_unknown_runs_are_404() {
    let ctx = Ctx::new();
    let run = ctx
        .app_run(
            SOCIAL_POST,
            json!([{"id": SOCIAL_POST_TOPIC, "value": "x"}]),
        )
        .await;
    let (status, cancelled) = send_json(ctx.delete(&format!("/app-runs/{}", id(&run)))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cancelled["status"], "cancelled");
    let (status, body) = ctx.get_json(&format!("/runs/{}", id(&run))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "app runs are not runs");
    assert_eq!(body, json!({"detail": "Run not found"}));
    let (status, body) =
        send_json(ctx.delete("/app-runs/00000000-0000-4000-8000-000000000000")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"detail": "App run not found"}));
}

#[tokio::test]
async fn runs_and_app_runs_are_listed_newest_first_and_apart() {
    let ctx = Ctx::new();
    let first = ctx.text_to_image("1").await;
    let second = ctx.text_to_image("2").await;
    let app = ctx
        .app_run(
            SOCIAL_POST,
            json!([{"id": SOCIAL_POST_TOPIC, "value": "x"}]),
        )
        .await;
    let (_, runs) = ctx.get_json("/runs/").await;
    assert_eq!(ids(&runs), [id(&second), id(&first)]);
    let (_, apps) = ctx.get_json("/app-runs/").await;
    assert_eq!(ids(&apps), [id(&app)]);
    let (_, page) = ctx
        .get_json(&format!("/runs/?limit=1&starting_after={}", id(&second)))
        .await;
    assert_eq!(ids(&page), [id(&first)]);
    assert_eq!(page["has_more"], false);
}
