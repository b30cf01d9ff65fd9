//! Every fault kind, rule matching (method, path prefix, after, times), list and clear.

use std::time::{Duration, Instant};

use pletor_sim::catalog::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{Ctx, fast, ids, send_json};

fn run_body(key: &str) -> Value {
    json!({"agent_id": TEXT_TO_IMAGE, "external_id": key,
           "inputs": [{"id": TEXT_TO_IMAGE_PROMPT, "value": "x"}]})
}

#[tokio::test]
async fn a_status_fault_answers_without_doing_the_work() {
    let ctx = Ctx::new();
    ctx.add_faults(
        json!([{"method": "POST", "path": "/runs/", "kind": "status",
                           "status": 503, "retry_after": "2"}]),
    )
    .await;
    let response = ctx
        .post("/runs/")
        .json(&run_body("k"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "2");
    assert!(response.headers().contains_key("x-ratelimit-remaining"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(body, json!({"detail": "simulated fault: status 503"}));
    assert_eq!(ctx.stats().await["runs_created"], 0);
    // The rule fired once; the retry goes through and the key was never claimed.
    let (status, _) = ctx.post_json("/runs/", &run_body("k")).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_status_fault_can_send_a_raw_body_with_its_own_headers() {
    let ctx = Ctx::new();
    ctx.add_faults(json!({"path": "/agents/", "kind": "status", "status": 502,
                          "body": "<html>Bad Gateway</html>", "content_type": "text/html",
                          "headers": {"x-ratelimit-remaining": "0", "x-served-by": "proxy"}}))
        .await;
    let response = ctx.get("/agents/").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(response.headers()["content-type"], "text/html");
    assert_eq!(response.headers()["x-served-by"], "proxy");
    assert_eq!(
        response.headers()["x-ratelimit-remaining"],
        "0",
        "the rule's header wins"
    );
    assert!(response.headers().contains_key("x-ratelimit-limit"));
    assert_eq!(response.text().await.unwrap(), "<html>Bad Gateway</html>");
}

#[tokio::test]
async fn a_headers_fault_answers_normally_with_its_own_headers_date_included() {
    let ctx = Ctx::new();
    let skewed = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3600));
    ctx.add_faults(json!({"path": "/agents/", "kind": "headers",
                          "headers": {"date": skewed, "x-ratelimit-remaining": "3"}}))
        .await;
    let response = ctx.get("/agents/").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let dates: Vec<_> = response.headers().get_all("date").iter().collect();
    assert_eq!(dates, [skewed.as_str()], "one Date, the rule's");
    assert_eq!(response.headers()["x-ratelimit-remaining"], "3");
    assert!(response.headers().contains_key("x-ratelimit-limit"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(ids(&body).len(), 5, "the work was done: the real list");
    // The rule fired once: the next answer carries the server's own clock.
    let again = ctx.get("/agents/").send().await.unwrap();
    assert_ne!(again.headers()["date"], skewed.as_str());
}

#[tokio::test]
async fn a_delay_fault_waits_then_answers_normally() {
    let ctx = Ctx::new();
    ctx.add_faults(json!([{"path": "/agents/", "kind": "delay", "ms": 300}]))
        .await;
    let started = Instant::now();
    let (status, _) = ctx.get_json("/agents/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn a_hang_fault_never_answers_until_the_client_gives_up() {
    let ctx = Ctx::new();
    ctx.add_faults(json!([{"path": "/runs/", "kind": "hang"}]))
        .await;
    let error = ctx
        .get("/runs/")
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    // The server is still fine for everyone else.
    let (status, _) = ctx.get_json("/runs/").await;
    assert_eq!(status, StatusCode::OK);
    let log = ctx.requests().await;
    assert_eq!(log[0]["status"], 0);
    assert_eq!(log[0]["fault"], "hang");
}

#[tokio::test]
async fn a_reset_fault_drops_the_connection_without_doing_the_work() {
    let ctx = Ctx::new();
    ctx.add_faults(json!([{"method": "POST", "path": "/runs/", "kind": "reset"}]))
        .await;
    let error = ctx
        .post("/runs/")
        .json(&run_body("r"))
        .send()
        .await
        .unwrap_err();
    assert!(!error.is_timeout(), "{error:?}");
    assert_eq!(ctx.stats().await["runs_created"], 0);
    let (_, found) = ctx.get_json("/runs/?external_id=r").await;
    assert_eq!(ids(&found), Vec::<String>::new());
    let log = ctx.requests().await;
    assert_eq!(
        (log[0]["status"].clone(), log[0]["fault"].clone()),
        (json!(0), json!("reset"))
    );
}

#[tokio::test]
async fn commit_then_reset_creates_the_run_but_the_client_sees_an_error() {
    let ctx = Ctx::new();
    ctx.add_faults(json!([{"method": "POST", "path": "/runs/", "kind": "commit_then_reset"}]))
        .await;
    let error = ctx
        .post("/runs/")
        .json(&run_body("order-7"))
        .send()
        .await
        .unwrap_err();
    assert!(!error.is_timeout(), "{error:?}");
    assert_eq!(ctx.stats().await["runs_created"], 1);
    let (_, found) = ctx.get_json("/runs/?external_id=order-7").await;
    assert_eq!(ids(&found).len(), 1, "the run exists");
    // The retry with the same key learns that it worked the first time.
    let (status, _) = ctx.post_json("/runs/", &run_body("order-7")).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn commit_then_reset_on_an_upload_keeps_the_asset() {
    let ctx = Ctx::new();
    ctx.add_faults(json!([{"path": "/assets/upload/", "kind": "commit_then_reset"}]))
        .await;
    let form = reqwest::multipart::Form::new()
        .text("external_id", "up-1")
        .part(
            "file",
            reqwest::multipart::Part::bytes(vec![7; 1000]).file_name("x.bin"),
        );
    let result = ctx.post("/assets/upload/").multipart(form).send().await;
    assert!(result.is_err());
    let (_, found) = ctx.get_json("/assets/?external_id=up-1").await;
    assert_eq!(ids(&found).len(), 1);
    let log = ctx.requests().await;
    assert_eq!(log[0]["external_id"], "up-1");
}

#[tokio::test]
async fn commit_then_status_creates_the_run_and_answers_500() {
    let ctx = Ctx::new();
    ctx.add_faults(json!([{"method": "POST", "path": "/runs/", "kind": "commit_then_status"}]))
        .await;
    let (status, body) = ctx.post_json("/runs/", &run_body("c")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body, json!({"detail": "simulated fault: status 500"}));
    let (_, found) = ctx.get_json("/runs/?external_id=c").await;
    assert_eq!(ids(&found).len(), 1);

    ctx.add_faults(json!([{"path": "/runs/", "kind": "commit_then_status", "status": 504}]))
        .await;
    let (status, _) = ctx.post_json("/runs/", &run_body("d")).await;
    assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(ctx.stats().await["runs_created"], 2);
}

#[tokio::test]
async fn a_truncate_fault_sends_part_of_the_body_under_the_full_content_length() {
    let ctx = Ctx::new();
    let asset: Value = ctx
        .http
        .post(ctx.admin("/assets"))
        .json(&json!({"filename": "big.bin", "size": 100_000}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let path = format!("/assets/{}/download", asset["id"].as_str().unwrap());
    ctx.add_faults(json!([{"path": path, "kind": "truncate", "bytes": 1000}]))
        .await;
    let mut response = ctx.get(&path).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-length"], "100000");
    let mut received = 0;
    let error = loop {
        match response.chunk().await {
            Ok(Some(chunk)) => received += chunk.len(),
            Ok(None) => panic!("the body ended cleanly after {received} bytes"),
            Err(e) => break e,
        }
    };
    assert_eq!(received, 1000, "{error:?}");

    // A JSON answer is cut the same way.
    ctx.add_faults(json!([{"path": "/agents/", "kind": "truncate", "bytes": 10}]))
        .await;
    let response = ctx.get("/agents/").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.bytes().await.is_err());
}

#[tokio::test]
async fn a_bad_json_fault_answers_200_with_unparseable_json() {
    let ctx = Ctx::new();
    ctx.add_faults(json!([{"method": "POST", "path": "/runs/", "kind": "bad_json"}]))
        .await;
    let response = ctx
        .post("/runs/")
        .json(&run_body("b"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let text = response.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    let (_, found) = ctx.get_json("/runs/?external_id=b").await;
    assert_eq!(ids(&found).len(), 1, "the work was done");
}

#[tokio::test]
async fn rules_match_method_and_path_prefix_and_honour_after_and_times() {
    let ctx = Ctx::with(fast());
    ctx.add_faults(json!([{"method": "GET", "path": "/runs/", "kind": "status",
                           "status": 500, "after": 1, "times": 2}]))
        .await;
    let run = ctx.text_to_image("x").await; // POST: not matched
    let path = format!("/runs/{}", run["id"].as_str().unwrap());
    let statuses = [
        ctx.get_json(&path).await.0,
        ctx.get_json(&path).await.0,
        ctx.get_json("/runs/").await.0,
        ctx.get_json(&path).await.0,
    ];
    assert_eq!(
        statuses,
        [
            StatusCode::OK,
            StatusCode::INTERNAL_SERVER_ERROR,
            StatusCode::INTERNAL_SERVER_ERROR,
            StatusCode::OK
        ]
    );
    assert_eq!(ctx.get_json("/agents/").await.0, StatusCode::OK);
    assert_eq!(ctx.stats().await["faults_fired"], 2);
}

#[tokio::test]
async fn faults_can_be_listed_and_cleared_and_bad_rules_are_refused() {
    let ctx = Ctx::new();
    ctx.add_faults(json!([{"path": "/", "kind": "status", "status": 500, "times": 3}]))
        .await;
    ctx.add_faults(json!([{"path": "/agents/", "kind": "delay", "ms": 1}]))
        .await;
    let listed: Value = ctx
        .http
        .get(ctx.admin("/faults"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["times"], 3);
    assert_eq!(listed[1]["kind"], "delay");
    let (status, _) = ctx.get_json("/runs/").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    let listed: Value = ctx
        .http
        .get(ctx.admin("/faults"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed[0]["times"], 2);

    let cleared = ctx.http.delete(ctx.admin("/faults")).send().await.unwrap();
    assert!(cleared.status().is_success());
    let (status, _) = ctx.get_json("/runs/").await;
    assert_eq!(status, StatusCode::OK);

    for bad in [
        json!({"kind": "explode"}),
        json!({"kind": "status", "path": "runs"}),
        // A `headers` rule without headers could only do nothing.
        json!({"kind": "headers"}),
        json!("x"),
    ] {
        let (status, _) = send_json(ctx.http.post(ctx.admin("/faults")).json(&bad)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
}

#[tokio::test]
async fn faults_can_be_added_through_the_library_handle() {
    let ctx = Ctx::new();
    ctx.sim
        .add_faults(
            json!([{"path": "/agents/", "kind": "status", "status": 429, "retry_after": "1"}]),
        )
        .unwrap();
    let response = ctx.get("/agents/").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "1");
    ctx.sim.add_faults(json!({"kind": "reset"})).unwrap();
    ctx.sim.clear_faults();
    assert_eq!(ctx.get_json("/agents/").await.0, StatusCode::OK);
}
