//! Authentication (`X-Api-Key`, optional Bearer) and the 307 to canonical paths.

use pletor_sim::Config;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Ctx, send_json};

#[tokio::test]
async fn missing_or_wrong_key_is_401_with_detail_and_rate_limit_headers() {
    let ctx = Ctx::new();
    for request in [
        ctx.http.get(ctx.url("/agents/")),
        ctx.http
            .get(ctx.url("/agents/"))
            .header("X-Api-Key", "sk-wrong"),
        ctx.http
            .get(ctx.url("/runs/x"))
            .header("Authorization", "Bearer token"),
    ] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        for name in [
            "x-ratelimit-limit",
            "x-ratelimit-remaining",
            "x-ratelimit-reset",
        ] {
            assert!(response.headers().contains_key(name), "{name}");
        }
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body, json!({"detail": "Invalid or missing API key"}));
    }
}

#[tokio::test]
async fn every_configured_key_is_accepted() {
    let ctx = Ctx::with(Config {
        keys: vec!["sk-one".into(), "sk-two".into()],
        ..Config::default()
    });
    assert_eq!(ctx.sim.key(), "sk-one");
    for key in ["sk-one", "sk-two"] {
        let response = ctx
            .http
            .get(ctx.url("/agents/"))
            .header("X-Api-Key", key)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{key}");
    }
}

#[tokio::test]
async fn bearer_tokens_are_accepted_only_with_accept_bearer() {
    let ctx = Ctx::with(Config {
        accept_bearer: true,
        ..Config::default()
    });
    let (status, _) = send_json(
        ctx.http
            .get(ctx.url("/agents/"))
            .header("Authorization", "Bearer eyJhbGciOi.any.thing"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = send_json(
        ctx.http
            .get(ctx.url("/agents/"))
            .header("Authorization", "Bearer "),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = send_json(
        ctx.http
            .get(ctx.url("/agents/"))
            .header("Authorization", "Basic abc"),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn admin_endpoints_need_no_key() {
    let ctx = Ctx::new();
    let response = ctx.http.get(ctx.admin("/stats")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn non_canonical_paths_answer_307_to_the_canonical_form_keeping_the_query() {
    let ctx = Ctx::new();
    let cases = [
        (
            "GET",
            "/agents?tags=image",
            "/api/public/v1/agents/?tags=image",
        ),
        ("GET", "/apps", "/api/public/v1/apps/"),
        (
            "GET",
            "/runs?external_id=a%20b",
            "/api/public/v1/runs/?external_id=a%20b",
        ),
        ("POST", "/runs", "/api/public/v1/runs/"),
        ("POST", "/app-runs", "/api/public/v1/app-runs/"),
        ("POST", "/assets/upload", "/api/public/v1/assets/upload/"),
        ("GET", "/assets", "/api/public/v1/assets/"),
        ("GET", "/runs/abc/", "/api/public/v1/runs/abc"),
        (
            "GET",
            "/assets/abc/download/",
            "/api/public/v1/assets/abc/download",
        ),
        (
            "POST",
            "/runs/a/reviews/b/",
            "/api/public/v1/runs/a/reviews/b",
        ),
    ];
    for (method, path, location) in cases {
        let request = match method {
            "GET" => ctx.get(path),
            _ => ctx.post(path).json(&json!({})),
        };
        let response = request.send().await.unwrap();
        assert_eq!(
            response.status(),
            StatusCode::TEMPORARY_REDIRECT,
            "{method} {path}"
        );
        assert_eq!(response.headers()["location"], location, "{method} {path}");
        assert!(response.headers().contains_key("x-ratelimit-remaining"));
    }
    // Following the redirect reaches the endpoint.
    let follow = reqwest::Client::new();
    let response = follow
        .get(ctx.url("/agents?visibility=PRIVATE"))
        .header("X-Api-Key", ctx.sim.key())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["data"].as_array().unwrap().len(), 1);
}
