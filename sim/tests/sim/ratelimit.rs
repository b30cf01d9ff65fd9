//! Per-key rate limits: headers on every answer, 429 with Retry-After, separate buckets.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pletor_sim::catalog::*;
use pletor_sim::{Config, RateLimits};
use reqwest::StatusCode;
use serde_json::json;

use crate::common::Ctx;

fn limited(default: u32, runs: u32, uploads: u32, window: Duration) -> Ctx {
    Ctx::with(Config {
        rate_limits: RateLimits {
            default,
            runs,
            uploads,
        },
        rate_window: window,
        keys: vec!["sk-a".into(), "sk-b".into()],
        ..Config::default()
    })
}

fn header(response: &reqwest::Response, name: &str) -> u64 {
    response.headers()[name].to_str().unwrap().parse().unwrap()
}

fn now_epoch() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn every_response_carries_rate_limit_headers_including_errors() {
    let ctx = limited(100, 10, 10, Duration::from_secs(60));
    let requests = [
        (ctx.get("/agents/"), 200),
        (ctx.get("/agents/00000000-0000-4000-8000-000000000000"), 404),
        (ctx.get("/runs/not-a-uuid"), 422),
        (ctx.get("/agents"), 307),
        (ctx.post("/runs/").body("{not json"), 422),
        (ctx.get("/nowhere"), 404),
        (ctx.http.get(ctx.url("/agents/")), 401),
    ];
    let mut last_remaining = 100;
    for (request, expected) in requests {
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), expected);
        let limit = header(&response, "x-ratelimit-limit");
        let remaining = header(&response, "x-ratelimit-remaining");
        let reset = header(&response, "x-ratelimit-reset");
        assert!(
            reset >= now_epoch() && reset <= now_epoch() + 62,
            "reset {reset}"
        );
        if expected == 401 {
            assert_eq!(
                (limit, remaining),
                (100, 100),
                "401 reports a full default bucket"
            );
        } else if response.url().path().ends_with("/runs/") {
            assert_eq!(limit, 10, "run creation bucket");
        } else {
            assert_eq!(limit, 100);
            assert!(remaining < last_remaining, "remaining counts down");
            last_remaining = remaining;
        }
    }
}

#[tokio::test]
async fn exceeding_a_bucket_answers_429_with_retry_after() {
    let ctx = limited(3, 10, 10, Duration::from_secs(60));
    for expected_remaining in [2, 1, 0] {
        let response = ctx.get("/agents/").send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            header(&response, "x-ratelimit-remaining"),
            expected_remaining
        );
    }
    let response = ctx.get("/agents/").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&response, "x-ratelimit-remaining"), 0);
    let retry_after = header(&response, "retry-after");
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body, json!({"detail": "Rate limit exceeded"}));
    assert_eq!(ctx.stats().await["rate_limited"], 1);
}

#[tokio::test]
async fn run_creation_and_uploads_have_their_own_buckets() {
    let ctx = limited(100, 1, 1, Duration::from_secs(60));
    ctx.text_to_image("one").await;
    let (status, _) = ctx
        .post_json(
            "/runs/",
            &json!({"agent_id": TEXT_TO_IMAGE, "inputs": [{"id": TEXT_TO_IMAGE_PROMPT, "value": "two"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // App runs share the run-creation bucket.
    let (status, _) = ctx
        .post_json(
            "/app-runs/",
            &json!({"app_id": SOCIAL_POST, "inputs": [{"id": SOCIAL_POST_TOPIC, "value": "x"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let (status, _) = ctx.upload("a.txt", b"a".to_vec(), "text/plain", None).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = ctx.upload("b.txt", b"b".to_vec(), "text/plain", None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Reads are still fine.
    let (status, _) = ctx.get_json("/runs/").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn limits_are_counted_per_key() {
    let ctx = limited(1, 1, 1, Duration::from_secs(60));
    let a = ctx
        .http
        .get(ctx.url("/agents/"))
        .header("X-Api-Key", "sk-a");
    assert_eq!(a.send().await.unwrap().status(), StatusCode::OK);
    let a = ctx
        .http
        .get(ctx.url("/agents/"))
        .header("X-Api-Key", "sk-a");
    assert_eq!(
        a.send().await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let b = ctx
        .http
        .get(ctx.url("/agents/"))
        .header("X-Api-Key", "sk-b");
    assert_eq!(b.send().await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn a_new_window_restores_the_limit_after_retry_after() {
    // Two seconds, so that even a stalled machine gets both requests into one window.
    let ctx = limited(1, 1, 1, Duration::from_secs(2));
    let key = "sk-a";
    let get = || ctx.http.get(ctx.url("/agents/")).header("X-Api-Key", key);
    assert_eq!(get().send().await.unwrap().status(), StatusCode::OK);
    let refused = get().send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait = header(&refused, "retry-after");
    assert!((1..=2).contains(&wait), "{wait}");
    // Waiting what Retry-After says is always enough: the window is anchored at its first request.
    tokio::time::sleep(Duration::from_secs(wait)).await;
    let again = get().send().await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(header(&again, "x-ratelimit-remaining"), 0);
}
