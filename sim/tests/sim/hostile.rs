//! The hostile fault kinds: trickled, endless, oversized and key-echoing replies, each bounded
//! on the simulator's side (a cap, the client going away).

use std::time::{Duration, Instant};

use futures_util::StreamExt as _;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::Ctx;

/// Uploads `size` bytes and returns the asset id.
async fn asset(ctx: &Ctx, size: usize) -> String {
    let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    let (status, asset) = ctx
        .upload("a.bin", bytes, "application/octet-stream", None)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{asset}");
    asset["id"].as_str().unwrap().to_owned()
}

/// Reads the body until it ends or `limit` bytes came, and returns how many came.
async fn read_up_to(response: reqwest::Response, limit: u64) -> u64 {
    let mut stream = response.bytes_stream();
    let mut got = 0;
    while let Some(chunk) = stream.next().await {
        got += chunk.map_or(0, |c| c.len() as u64);
        if got >= limit {
            break;
        }
    }
    got
}

#[tokio::test]
async fn a_trickle_sends_the_first_byte_at_once_then_one_per_pause() {
    let ctx = Ctx::new();
    ctx.add_faults(json!({"path": "/agents/", "kind": "trickle", "ms": 200}))
        .await;
    let started = Instant::now();
    let response = ctx.get("/agents/").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let declared = response
        .content_length()
        .expect("the real length is declared");
    assert!(declared > 100, "a real listing: {declared} bytes");
    let mut stream = response.bytes_stream();
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(&first[..], b"{");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the first byte comes at once"
    );
    let mut got = 1;
    while got < 6 {
        got += stream.next().await.unwrap().unwrap().len();
    }
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(900),
        "five pauses of 200 ms: {took:?}"
    );
    assert!(took < Duration::from_secs(10), "{took:?}");
    drop(stream);
}

#[tokio::test]
async fn a_trickle_stops_after_its_bytes_and_ends_the_body_early() {
    let ctx = Ctx::new();
    ctx.add_faults(json!({"path": "/agents/", "kind": "trickle", "ms": 10, "bytes": 20}))
        .await;
    let response = ctx.get("/agents/").send().await.unwrap();
    let body = response.bytes().await;
    // The declared length is longer than the 20 bytes sent: the client sees a body cut short.
    assert!(body.is_err(), "a declared length left unfilled is an error");
    let stats = ctx.stats().await;
    assert_eq!(stats["fault_body_bytes"], 20);
}

#[tokio::test]
async fn an_endless_json_reply_has_no_length_and_stops_at_its_cap() {
    let ctx = Ctx::new();
    ctx.add_faults(json!({"path": "/agents/", "kind": "endless", "bytes": 3_000_000}))
        .await;
    let response = ctx.get("/agents/").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.content_length(), None, "chunked, no length");
    let body = response.bytes().await.unwrap();
    assert_eq!(body.len(), 3_000_000, "the cap ends it");
    assert!(body.starts_with(b"{\"data\": [{\"id\":\"00000000-0000-4000-8000-000000000000\""));
    assert!(
        serde_json::from_slice::<Value>(&body).is_err(),
        "never valid JSON"
    );
    assert_eq!(ctx.stats().await["fault_body_bytes"], 3_000_000);
}

#[tokio::test]
async fn an_endless_download_stops_sending_when_the_client_goes_away() {
    let ctx = Ctx::new();
    let id = asset(&ctx, 1000).await;
    ctx.add_faults(json!({"path": format!("/assets/{id}/download"), "kind": "endless"}))
        .await;
    let response = ctx
        .get(&format!("/assets/{id}/download"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.content_length(), None);
    let got = read_up_to(response, 20_000_000).await;
    assert!(got >= 20_000_000, "far past the asset's 1000 bytes: {got}");
    // The client dropped the body: the simulator stops soon after, far below its 1 GiB cap.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let sent = ctx.stats().await["fault_body_bytes"].as_u64().unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let later = ctx.stats().await["fault_body_bytes"].as_u64().unwrap();
    assert_eq!(sent, later, "nothing more is sent once the client is gone");
    assert!(sent < 100_000_000, "sent {sent}");
}

#[tokio::test]
async fn an_oversize_download_sends_past_the_asset_size_with_or_without_a_length() {
    let ctx = Ctx::new();
    let id = asset(&ctx, 1000).await;
    let path = format!("/assets/{id}/download");
    let (_, meta) = ctx.get_json(&format!("/assets/{id}")).await;
    assert_eq!(meta["size"], 1000);
    ctx.add_faults(json!([
        {"path": path, "kind": "oversize", "bytes": 5000},
        {"path": path, "kind": "oversize", "bytes": 5000, "length": false},
    ]))
    .await;
    let declared = ctx.get(&path).send().await.unwrap();
    assert_eq!(declared.content_length(), Some(6000));
    let body = declared.bytes().await.unwrap();
    assert_eq!(body.len(), 6000);
    let expected: Vec<u8> = (0..1000).map(|i| (i % 251) as u8).collect();
    assert_eq!(&body[..1000], &expected[..], "the real bytes come first");
    let chunked = ctx.get(&path).send().await.unwrap();
    assert_eq!(chunked.content_length(), None);
    assert_eq!(chunked.bytes().await.unwrap().len(), 6000);
}

#[tokio::test]
async fn a_large_json_reply_is_valid_json_of_the_asked_size() {
    let ctx = Ctx::new();
    ctx.add_faults(json!([
        {"path": "/agents/", "kind": "large_json", "bytes": 5_000_000},
        {"path": "/agents/", "kind": "large_json", "bytes": 5_000_000, "length": true},
    ]))
    .await;
    let chunked = ctx.get("/agents/").send().await.unwrap();
    assert_eq!(chunked.content_length(), None);
    let body = chunked.bytes().await.unwrap();
    assert_eq!(body.len(), 5_000_000);
    let value: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        value["data"].as_array().unwrap().len(),
        5,
        "the real listing, padded"
    );
    let declared = ctx.get("/agents/").send().await.unwrap();
    assert_eq!(declared.content_length(), Some(5_000_000));
}

#[tokio::test]
async fn an_echo_key_reply_repeats_the_key_it_received_in_401_and_500() {
    let ctx = Ctx::new();
    ctx.add_faults(json!([
        {"path": "/agents/", "kind": "echo_key"},
        {"path": "/agents/", "kind": "echo_key", "status": 500, "body": "oops, key={key}"},
    ]))
    .await;
    let (status, body) = ctx.get_json("/agents/").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        body["detail"].as_str().unwrap().contains(&ctx.sim.key()),
        "{body}"
    );
    let response = ctx.get("/agents/").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        response.text().await.unwrap(),
        format!("oops, key={}", ctx.sim.key())
    );
    assert_eq!(ctx.stats().await["runs_created"], 0);
}

#[tokio::test]
async fn hostile_sizes_over_the_cap_are_refused_when_posted() {
    let ctx = Ctx::new();
    let response = ctx
        .http
        .post(ctx.admin("/faults"))
        .json(&json!({"kind": "endless", "bytes": 1_u64 << 40}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
