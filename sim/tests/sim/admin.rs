//! Observation: the request log and the stats; the clock endpoint.

use pletor_sim::catalog::*;
use pletor_sim::{Config, RateLimits};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Ctx, send_json};

#[tokio::test]
async fn the_request_log_records_each_request_oldest_first_without_key_values() {
    let ctx = Ctx::with(Config {
        accept_bearer: true,
        ..Config::default()
    });
    ctx.get("/agents/?tags=image&visibility=PUBLIC")
        .send()
        .await
        .unwrap();
    let body = json!({"agent_id": TEXT_TO_IMAGE, "external_id": "log-1",
                      "inputs": [{"id": TEXT_TO_IMAGE_PROMPT, "value": "x"}]});
    ctx.post_json("/runs/", &body).await;
    ctx.get("/runs/?external_id=log-1").send().await.unwrap();
    ctx.http
        .get(ctx.url("/apps/"))
        .header("Authorization", "Bearer secret-token-value")
        .send()
        .await
        .unwrap();
    ctx.http.get(ctx.url("/apps/")).send().await.unwrap();
    ctx.upload("u.txt", b"u".to_vec(), "text/plain", Some("up-9"))
        .await;
    ctx.http.get(ctx.admin("/stats")).send().await.unwrap();

    let log = ctx.requests().await;
    assert_eq!(log.len(), 6, "admin requests are not logged: {log:?}");
    let times: Vec<f64> = log.iter().map(|e| e["t"].as_f64().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    assert!(times[0] > 1.6e9, "Unix seconds");

    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["path"], "/api/public/v1/agents/");
    assert_eq!(log[0]["query"], "tags=image&visibility=PUBLIC");
    assert_eq!(log[0]["status"], 200);
    assert_eq!(log[0]["auth"], json!(["x-api-key"]));
    assert_eq!(log[0]["external_id"], Value::Null);
    assert_eq!(log[0]["body"], Value::Null);

    assert_eq!(log[1]["method"], "POST");
    assert_eq!(log[1]["status"], 201);
    assert_eq!(log[1]["external_id"], "log-1");
    assert_eq!(log[1]["body"], body);

    assert_eq!(log[2]["external_id"], "log-1", "from the query");
    assert_eq!(log[3]["auth"], json!(["authorization"]));
    assert_eq!(log[4]["auth"], json!([]));
    assert_eq!(log[4]["status"], 401);
    assert_eq!(log[5]["external_id"], "up-9", "from the multipart form");
    assert_eq!(
        log[5]["body"],
        Value::Null,
        "uploads are not logged as bodies"
    );

    let text = serde_json::to_string(&log).unwrap();
    assert!(!text.contains(&ctx.sim.key()), "key values never appear");
    assert!(!text.contains("secret-token-value"));

    let cleared = ctx
        .http
        .delete(ctx.admin("/requests"))
        .send()
        .await
        .unwrap();
    assert!(cleared.status().is_success());
    assert!(ctx.requests().await.is_empty());
}

#[tokio::test]
async fn stats_count_creates_uploads_reviews_rate_limits_conflicts_and_statuses() {
    let ctx = Ctx::with(Config {
        rate_limits: RateLimits {
            default: 1000,
            runs: 6,
            uploads: 10,
        },
        ..Config::default()
    });
    let fails = json!({"agent_id": ALWAYS_FAILS, "external_id": "s1"});
    ctx.post_json("/runs/", &fails).await;
    ctx.post_json("/runs/", &fails).await; // 409
    let post = ctx
        .run(
            REVIEWED_POST,
            json!([{"id": REVIEWED_POST_PROMPT, "value": "p"}]),
        )
        .await;
    ctx.text_to_image("done").await;
    ctx.app_run(
        SOCIAL_POST,
        json!([{"id": SOCIAL_POST_TOPIC, "value": "t"}]),
    )
    .await;
    ctx.upload_png("a.png").await;
    for _ in 0..2 {
        ctx.post_json("/runs/", &json!({})).await; // 422, then 429 (the bucket of 6 is used up)
    }
    ctx.skip_ahead();
    let paused = ctx.poll("/runs/", &post).await;
    let review = paused["pending_reviews"][0]["id"].as_str().unwrap();
    let path = format!("/runs/{}/reviews/{review}", post["id"].as_str().unwrap());
    ctx.post_json(&path, &json!({"decision": "approve"})).await;
    ctx.post_json(&path, &json!({"decision": "approve"})).await; // 409

    let stats = ctx.stats().await;
    assert_eq!(stats["runs_created"], 3);
    assert_eq!(stats["app_runs_created"], 1);
    assert_eq!(stats["assets_uploaded"], 1);
    assert_eq!(stats["reviews_resolved"], 1);
    assert_eq!(stats["rate_limited"], 1);
    assert_eq!(stats["conflicts"], 2);
    assert_eq!(stats["requests"].as_u64().unwrap(), 11);
    assert_eq!(
        stats["runs"],
        json!({"pending": 0, "running": 1, "completed": 1, "failed": 1, "cancelled": 0})
    );
    assert_eq!(stats["app_runs"]["completed"], 1);
    assert_eq!(
        ctx.sim.stats(),
        stats,
        "the library handle reads the same counters"
    );
}

#[tokio::test]
async fn the_clock_endpoint_moves_simulated_time_forward() {
    let ctx = Ctx::new();
    let run = ctx.text_to_image("x").await;
    let (status, clock) = send_json(
        ctx.http
            .post(ctx.admin("/clock"))
            .json(&json!({"advance": 60})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(clock["offset_seconds"], 60.0);
    assert_eq!(ctx.poll("/runs/", &run).await["status"], "completed");
    let (status, _) = send_json(
        ctx.http
            .post(ctx.admin("/clock"))
            .json(&json!({"advance": -1})),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "time never goes back"
    );
}
