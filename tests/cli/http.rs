//! The HTTP layer seen from outside: retries, rate limits, timeouts, error rendering, redirects
//! and secrets.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use pletor_sim::{Config, RateLimits};
use serde_json::{Value, json};

use crate::harness::{World, assert_no_secret, expect_code, fast_config, json, stderr, stdout};

fn agent_list_requests(world: &World) -> Vec<Value> {
    world
        .requests()
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap_or("").ends_with("/agents/"))
        .collect()
}

#[test]
fn a_503_then_success_is_retried_and_never_surfaces() {
    let world = World::new();
    world.faults(
        json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 503, "times": 1}]),
    );
    let output = world.run_expect(&["agents", "list"], 0);
    assert!(!stderr(&output).contains("error"));
    let statuses: Vec<u64> = agent_list_requests(&world)
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, vec![503, 200]);
}

#[test]
fn a_429_with_retry_after_is_waited_out() {
    let world = World::new();
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 429, "retry_after": "1", "times": 1}]));
    world.run_expect(&["agents", "list", "--json"], 0);
    let times: Vec<f64> = agent_list_requests(&world)
        .iter()
        .map(|r| r["t"].as_f64().unwrap())
        .collect();
    assert_eq!(times.len(), 2);
    assert!(
        times[1] - times[0] >= 0.9,
        "Retry-After: 1 was honoured: {times:?}"
    );
}

#[test]
fn client_errors_are_never_retried() {
    for status in [400, 401, 403, 404, 409, 422] {
        let world = World::new();
        world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": status, "times": 5}]));
        let output = world.pletor().args(["agents", "list"]).output().unwrap();
        assert_ne!(output.status.code(), Some(0));
        assert_eq!(
            agent_list_requests(&world).len(),
            1,
            "status {status} was retried"
        );
    }
}

#[test]
fn retries_give_up_after_the_budget_with_the_server_error() {
    let world = World::new();
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 503, "times": 10}]));
    let output = world.run_expect(&["--retries", "2", "agents", "list"], 1);
    assert!(stderr(&output).contains("503"), "{}", stderr(&output));
    assert_eq!(agent_list_requests(&world).len(), 3);
}

#[test]
fn a_429_that_never_heals_exits_6() {
    let world = World::new();
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 429, "retry_after": "0", "times": 10}]));
    let output = world.run_expect(&["--retries", "1", "agents", "list", "--json"], 6);
    assert_eq!(json(&output)["error"]["code"], "rate_limited");
}

#[test]
fn a_401_exits_4_with_a_hint_to_log_in() {
    let world = World::new();
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_KEY", "sk-not-valid")
            .args(["agents", "list"]),
        4,
    );
    assert!(stderr(&output).contains("401"));
    assert!(
        stderr(&output).contains("`pletor auth login`"),
        "{}",
        stderr(&output)
    );
    assert_no_secret(&output, "sk-not-valid");
}

#[test]
fn a_hang_hits_the_read_timeout_and_exits_1_with_a_clear_message() {
    let world = World::new();
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "hang", "times": 5}]));
    let output = world.run_expect(
        &["--read-timeout", "1s", "--retries", "0", "agents", "list"],
        1,
    );
    assert!(stderr(&output).contains("no answer"), "{}", stderr(&output));
    assert!(stderr(&output).contains("--read-timeout"));
}

#[test]
fn an_html_502_page_becomes_a_short_clean_error() {
    let world = World::new();
    let page = "<html><head><title>502 Bad Gateway</title></head><body>\x1b[31m<h1>Bad Gateway</h1><p>nginx</p></body></html>";
    world.faults(
        json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 502,
        "body": page, "content_type": "text/html", "times": 10}]),
    );
    let output = world.run_expect(&["--retries", "1", "agents", "list"], 1);
    let err = stderr(&output);
    assert!(err.contains("502 Bad Gateway"), "{err}");
    assert!(!err.contains("<html>") && !err.contains('\x1b'), "{err}");
    assert!(!err.contains("hit a bug"), "{err}");
}

#[test]
fn malformed_json_on_a_2xx_is_a_clean_error() {
    let world = World::new();
    world.faults(json!([{"method": "GET", "path": "/agents/", "kind": "bad_json", "times": 1}]));
    let output = world.run_expect(&["agents", "list", "--json"], 1);
    assert_eq!(json(&output)["error"]["code"], "bad_response");
    assert!(stderr(&output).contains("not JSON"));
}

#[test]
fn a_spent_rate_limit_is_waited_for_instead_of_provoking_a_429() {
    let config = Config {
        max_page_size: 1,
        rate_limits: RateLimits {
            default: 3,
            runs: 600,
            uploads: 600,
        },
        rate_window: Duration::from_secs(2),
        ..fast_config()
    };
    let world = World::with(config);
    let output = world.run_expect(&["agents", "list", "--all", "--json"], 0);
    assert_eq!(json(&output).as_array().unwrap().len(), 5);
    assert_eq!(world.stats()["rate_limited"], 0, "no 429 was provoked");
    assert!(
        stderr(&output).contains("rate limit reached"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn verbose_logs_requests_and_never_the_key() {
    let key = "sk-test-very-secret-0042";
    let world = World::with(Config {
        keys: vec![key.to_string()],
        ..fast_config()
    });
    let output = world.run_expect(&["-vv", "agents", "list"], 0);
    let err = stderr(&output);
    assert!(err.contains("> GET /agents/ 200"), "{err}");
    assert!(err.contains("x-api-key: [redacted]"), "{err}");

    assert_no_secret(&output, key);

    let failing = world
        .pletor()
        .env("PLETOR_API_KEY", "sk-wrong-secret-99")
        .args(["-vv", "agents", "list", "--json"])
        .output()
        .unwrap();
    assert_no_secret(&failing, "sk-wrong-secret-99");
    let bearer = world
        .pletor()
        .env_remove("PLETOR_API_KEY")
        .env("PLETOR_TOKEN", "jwt-secret-token")
        .args(["-vv", "agents", "list"])
        .output()
        .unwrap();
    assert_no_secret(&bearer, "jwt-secret-token");
}

#[test]
fn a_key_is_refused_over_plain_http_to_a_remote_host() {
    let world = World::new();
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", "http://api.example.com/api/public/v1")
            .args(["agents", "list"]),
        2,
    );
    assert!(
        stderr(&output).contains("refusing to send the API key"),
        "{}",
        stderr(&output)
    );
    assert_no_secret(&output, &world.sim.key());
}

#[test]
fn connection_refused_exits_1_naming_the_host() {
    let world = World::new();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}/api/public/v1");
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", &base)
            .args(["--retries", "1", "agents", "list"]),
        1,
    );
    assert!(
        stderr(&output).contains("cannot reach the API at 127.0.0.1"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_redirect_to_another_host_does_not_carry_the_key() {
    let key = "sk-redirect-secret-7";
    let world = World::with(Config {
        keys: vec![key.to_string()],
        ..fast_config()
    });
    // 127.0.0.2 is loopback but another origin: the key must not follow the redirect there.
    let other = TcpListener::bind("127.0.0.2:0").unwrap();
    let target = format!("http://{}/elsewhere", other.local_addr().unwrap());
    world.faults(
        json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 307,
        "headers": {"Location": target}, "body": "", "times": 1}]),
    );
    let seen = std::thread::spawn(move || {
        let (mut stream, _) = other.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut buf = [0u8; 8192];
        let n = stream.read(&mut buf).unwrap();
        let body = "{\"data\": []}";
        write!(stream, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len()).unwrap();
        String::from_utf8_lossy(&buf[..n]).to_lowercase()
    });
    let output = world
        .pletor()
        .args(["agents", "list", "--json"])
        .output()
        .unwrap();
    let request = seen.join().unwrap();
    assert!(request.starts_with("get /elsewhere"), "{request}");
    assert!(
        !request.contains("x-api-key"),
        "the key followed the redirect: {request}"
    );
    assert!(!request.contains(key));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn a_closed_stdout_pipe_exits_quietly() {
    let world = World::new();
    let bin = assert_cmd::cargo::cargo_bin("pletor");
    let script = "\"$PLETOR_BIN\" agents list --json | head -c 10 >/dev/null; \
                  \"$PLETOR_BIN\" agents list | head -1 >/dev/null";
    let output = world
        .process("sh")
        .arg("-c")
        .arg(script)
        .env("PLETOR_BIN", &bin)
        .output()
        .unwrap();
    assert!(
        !stderr(&output).contains("hit a bug"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("error"), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
}
