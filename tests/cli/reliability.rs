//! The fault matrix of the HTTP layer (see RELIABILITY.md): transport faults through a TCP
//! proxy, every shape of rate-limit answer, hostile bodies. Each test names its row.

use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use crate::harness::proxy::{Fault, Proxy};
use crate::harness::{World, expect_code, json, stderr, stdout};

fn agents_requests(world: &World) -> Vec<Value> {
    world
        .requests()
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap_or("").ends_with("/agents/"))
        .collect()
}

fn through(world: &World, fault: Fault, times: usize) -> Proxy {
    Proxy::start(world.sim.addr(), fault, times)
}

#[test]
fn a_slow_drip_succeeds_because_the_read_timeout_is_an_idle_timeout() {
    let world = World::new();
    // ~3.5 KB in 100-byte pieces 60 ms apart: about 2 s in total, twice the 1 s timeout, and
    // never more than 60 ms of silence (a margin of 16 for a loaded machine).
    let proxy = through(
        &world,
        Fault::Drip {
            chunk: 100,
            pause: Duration::from_millis(60),
        },
        100,
    );
    let started = std::time::Instant::now();
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", proxy.api_base(&world.sim.api_base()))
            .args([
                "--read-timeout",
                "1s",
                "--retries",
                "0",
                "agents",
                "list",
                "--json",
            ]),
        0,
    );
    // The reply took longer than the timeout in all: only an idle timeout lets it through.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the drip took {:?}, not longer than the timeout",
        started.elapsed()
    );
    assert_eq!(json(&output).as_array().unwrap().len(), 5);
    assert_eq!(proxy.connections(), 1);
}

#[test]
fn a_stall_in_the_middle_of_a_body_times_out_and_is_retried() {
    let world = World::new();
    let proxy = through(&world, Fault::StallAfter(600), 1);
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", proxy.api_base(&world.sim.api_base()))
            .args(["--read-timeout", "500ms", "agents", "list", "--json"]),
        0,
    );
    assert_eq!(json(&output).as_array().unwrap().len(), 5);
    assert_eq!(
        proxy.connections(),
        2,
        "the stalled connection was dropped and the GET retried"
    );
}

#[test]
fn a_connection_cut_in_the_middle_of_a_body_is_retried() {
    let world = World::new();
    let proxy = through(&world, Fault::CutAfter(600), 2);
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", proxy.api_base(&world.sim.api_base()))
            .args(["agents", "list", "--json"]),
        0,
    );
    assert_eq!(json(&output).as_array().unwrap().len(), 5);
    assert_eq!(proxy.connections(), 3);
}

#[test]
fn a_server_that_accepts_and_never_answers_fails_within_the_timeout() {
    let world = World::new();
    let proxy = through(&world, Fault::StallAfter(0), 100);
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", proxy.api_base(&world.sim.api_base()))
            .args([
                "--read-timeout",
                "300ms",
                "--retries",
                "1",
                "agents",
                "list",
            ]),
        1,
    );
    assert!(stderr(&output).contains("no answer"), "{}", stderr(&output));
    assert_eq!(proxy.connections(), 2);
}

/// Runs `agents list` with `rule` as a fault once, checks it was retried exactly once, and
/// returns when the simulator received the two requests (Unix seconds).
fn retried_once_after(world: &World, rule: Value) -> (f64, f64) {
    world.faults(json!([rule]));
    world.run_expect(&["agents", "list", "--json"], 0);
    let requests = agents_requests(world);
    let statuses: Vec<u64> = requests
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses.len(), 2, "{statuses:?}");
    assert_eq!(statuses[1], 200);
    let at = |i: usize| requests[i]["t"].as_f64().unwrap();
    (at(0), at(1))
}

fn unix(time: SystemTime) -> f64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// The first backoff step is at most 250 ms (`RetryPolicy::base`, full jitter): a retry within
/// this, the slack of a loaded machine included, followed no server-told wait.
const SHORT: f64 = 2.0;

#[test]
fn a_429_with_retry_after_as_an_http_date_is_waited_out() {
    let world = World::new();
    // The retry may not come before the date (whole seconds), however late the client started.
    let date = SystemTime::now() + Duration::from_secs(3);
    let rule = json!({"method": "GET", "path": "/agents/", "kind": "status", "status": 429,
        "retry_after": httpdate::fmt_http_date(date)});
    let (_, retried) = retried_once_after(&world, rule);
    let due = unix(date).floor();
    assert!(
        (due - 0.05..due + 10.0).contains(&retried),
        "retried {:.2}s after the date",
        retried - due
    );
}

#[test]
fn a_429_with_retry_after_in_the_past_is_retried_at_once() {
    let world = World::new();
    let date = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(3600));
    let rule = json!({"method": "GET", "path": "/agents/", "kind": "status", "status": 429,
        "retry_after": date});
    let (first, retried) = retried_once_after(&world, rule);
    let waited = retried - first;
    assert!(
        waited < SHORT,
        "a date an hour ago means now: waited {waited:.2}s"
    );
}

#[test]
fn a_429_with_garbage_retry_after_falls_back_to_backoff() {
    let world = World::new();
    // Garbage is no wait at all, so the retry takes the first backoff step (at most 250 ms),
    // not the clamp's longest wait nor a refusal.
    let rule = json!({"method": "GET", "path": "/agents/", "kind": "status", "status": 429,
        "retry_after": "soon-ish"});
    let (first, retried) = retried_once_after(&world, rule);
    let waited = retried - first;
    assert!(
        waited < SHORT,
        "the first backoff step is short: waited {waited:.2}s"
    );
}

#[test]
fn a_429_with_a_spent_budget_and_a_reset_delta_waits_for_the_reset() {
    let world = World::new();
    let rule = json!({"method": "GET", "path": "/agents/", "kind": "status", "status": 429,
        "headers": {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "2"}});
    let (first, retried) = retried_once_after(&world, rule);
    let waited = retried - first;
    assert!((1.9..12.0).contains(&waited), "waited {waited:.2}s");
}

#[test]
fn a_429_with_a_spent_budget_and_a_reset_epoch_waits_for_the_reset() {
    let world = World::new();
    // The retry may not come before the reset, however late the client started.
    let epoch = unix(SystemTime::now()).floor() + 3.0;
    let rule = json!({"method": "GET", "path": "/agents/", "kind": "status", "status": 429,
        "headers": {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": format!("{epoch}")}});
    let (_, retried) = retried_once_after(&world, rule);
    assert!(
        (epoch - 0.05..epoch + 10.0).contains(&retried),
        "retried {:.2}s after the reset",
        retried - epoch
    );
}

#[test]
fn a_wait_absurdly_far_in_the_future_is_refused_and_the_error_says_so() {
    let world = World::new();
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 429, "retry_after": "86400", "times": 3}]));
    let output = world.run_expect(&["agents", "list"], 6);
    let err = stderr(&output);
    assert!(
        err.contains("asks to wait 24h00m, more than the 20s allowed"),
        "{err}"
    );
    assert!(err.contains("--retry-max-wait"));
    assert_eq!(agents_requests(&world).len(), 1, "it did not sleep a day");
}

#[test]
fn gateway_errors_are_retried_with_and_without_retry_after() {
    for status in [502, 503, 504] {
        for retry_after in [None, Some("0")] {
            let world = World::new();
            let mut rule =
                json!({"method": "GET", "path": "/agents/", "kind": "status", "status": status});
            if let Some(value) = retry_after {
                rule["retry_after"] = json!(value);
            }
            retried_once_after(&world, rule);
        }
    }
}

#[test]
fn a_spent_budget_on_a_success_delays_the_next_request_instead_of_provoking_a_429() {
    let world = World::new();
    let page = json!({"data": [{"id": "5a1b0c2d-0001-4000-8000-000000000001", "name": "first"}], "has_more": true});
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 200, "body": page.to_string(),
        "content_type": "application/json", "headers": {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1"}}]));
    let output = world.run_expect(&["agents", "list", "--all", "--json"], 0);
    assert!(
        stderr(&output).contains("rate limit reached: waiting"),
        "{}",
        stderr(&output)
    );
    let times: Vec<f64> = agents_requests(&world)
        .iter()
        .map(|r| r["t"].as_f64().unwrap())
        .collect();
    assert_eq!(times.len(), 2);
    assert!(
        times[1] - times[0] >= 0.9,
        "the second page waited for the reset: {times:?}"
    );
    assert_eq!(world.stats()["rate_limited"], 0);
}

#[test]
fn a_list_that_repeats_its_cursor_is_stopped_not_looped() {
    let world = World::new();
    let page = json!({"data": [{"id": "same-id", "name": "again"}], "has_more": true});
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 200, "body": page.to_string(),
        "content_type": "application/json", "times": 50}]));
    let output = world.run_expect(&["agents", "list", "--all"], 1);
    assert!(
        stderr(&output).contains("repeats its cursor"),
        "{}",
        stderr(&output)
    );
    assert!(agents_requests(&world).len() <= 3);
}

#[test]
fn an_html_page_on_a_2xx_is_a_clean_error() {
    let world = World::new();
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 200,
        "body": "<html><body><h1>Welcome to nginx!</h1></body></html>", "content_type": "text/html"}]));
    let output = world.run_expect(&["agents", "list"], 1);
    let err = stderr(&output);
    assert!(
        err.contains("Welcome to nginx!") && !err.contains("<h1>"),
        "{err}"
    );
}

#[test]
fn names_with_escapes_and_control_characters_are_cleaned_and_unknown_fields_kept() {
    let world = World::new();
    let hostile = "\u{1b}[2J\u{1b}]0;pwned\u{7}Evil\u{0}Agent\u{1b}[31m";
    let page = json!({"data": [{"id": "x-1", "name": hostile, "tags": ["a\u{1b}[5mb"], "brand_new_field": {"k": 1}}]});
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 200, "body": page.to_string(),
        "content_type": "application/json", "times": 2}]));
    let output = world.run_expect(&["agents", "list"], 0);
    let text = stdout(&output);
    assert!(text.contains("EvilAgent"), "{text}");
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{text:?}"
    );
    let output = world
        .pletor()
        .args(["agents", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        json(&output)[0]["brand_new_field"]["k"],
        1,
        "unknown fields are kept"
    );
}

#[test]
fn client_errors_are_never_retried_even_with_retry_after() {
    for status in [400, 401, 403, 404, 409, 422] {
        let world = World::new();
        world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": status, "retry_after": "0", "times": 5}]));
        let output = world.pletor().args(["agents", "list"]).output().unwrap();
        assert_ne!(output.status.code(), Some(0));
        assert_eq!(
            agents_requests(&world).len(),
            1,
            "status {status} was retried"
        );
    }
}
