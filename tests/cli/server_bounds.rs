//! A server that misbehaves on purpose: replies that trickle, hang, never end or grow past any
//! honest size, that echo the key back, redirect to `file://` or ask for a day's wait; an upload
//! whose file changes under it; a proxy in the environment. Each test asserts the bound itself:
//! seconds taken, requests the simulator counted, bytes it sent, peak memory where it can be
//! read, the key absent from every byte of output.

use std::io::Read;
use std::net::TcpListener;
use std::process::{Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use pletor_sim::{Config, catalog};
use serde_json::json;

use crate::harness::{World, assert_no_secret, fast_config, json, stderr};

/// How many requests the simulator logged whose path ends with `path`.
fn requests_to(world: &World, method: &str, path: &str) -> usize {
    world
        .requests()
        .iter()
        .filter(|r| r["method"] == method && r["path"].as_str().unwrap_or("").ends_with(path))
        .count()
}

/// Removes the fault rules left.
fn clear_faults(world: &World) {
    let url = format!("{}/faults", world.sim.admin_url());
    crate::harness::block(async move {
        reqwest::Client::new().delete(url).send().await.unwrap();
    });
}

/// Runs `pletor ARGS` (the simulator's key and base), returning its output and how long it took.
fn timed(world: &World, args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let output = world.pletor().args(args).output().unwrap();
    (output, started.elapsed())
}

#[track_caller]
fn assert_code(output: &Output, code: i32) {
    assert_eq!(output.status.code(), Some(code), "{}", stderr(output));
}

#[test]
fn a_trickled_reply_ends_at_the_request_timeout_like_a_silence() {
    let world = World::new();
    world.faults(
        json!([{"method": "GET", "path": "/agents/", "kind": "trickle", "ms": 500, "times": 10}]),
    );
    let (output, took) = timed(
        &world,
        &[
            "--request-timeout",
            "2s",
            "--retries",
            "1",
            "agents",
            "list",
        ],
    );
    assert_code(&output, 1);
    // Two attempts of 2 s each, then the error: never the minutes a byte every 500 ms takes.
    assert!(took >= Duration::from_millis(3600), "{took:?}");
    assert!(took < Duration::from_secs(12), "{took:?}");
    assert_eq!(requests_to(&world, "GET", "/agents/"), 2);
    let err = stderr(&output);
    assert!(
        err.contains("no complete answer from 127.0.0.1 within 2s"),
        "{err}"
    );
    assert!(err.contains("--request-timeout"), "{err}");
}

#[test]
fn a_server_that_never_answers_ends_within_the_retry_budget_naming_the_host() {
    let world = World::new();
    world.faults(json!([{"path": "/", "kind": "hang", "times": 100}]));
    let (output, took) = timed(
        &world,
        &[
            "--request-timeout",
            "2s",
            "--retry-max-wait",
            "5s",
            "--retries",
            "5",
            "agents",
            "list",
            "--json",
        ],
    );
    assert_code(&output, 1);
    // Failed attempts count against the 5 s budget: 2 s, 2 s, then what is left.
    assert!(took >= Duration::from_millis(4500), "{took:?}");
    assert!(took < Duration::from_secs(10), "{took:?}");
    let attempts = requests_to(&world, "GET", "/agents/");
    assert!((2..=4).contains(&attempts), "{attempts} attempts");
    let envelope = json(&output);
    assert_eq!(envelope["error"]["code"], "timeout");
    assert!(
        envelope["error"]["message"]
            .as_str()
            .unwrap()
            .contains("127.0.0.1"),
        "{envelope}"
    );
}

/// Starts a run that takes an hour and returns its id.
fn long_run(world: &World) -> String {
    let created = world
        .pletor()
        .args(["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=x", "--no-wait"])
        .output()
        .unwrap();
    assert_code(&created, 0);
    String::from_utf8_lossy(&created.stdout).trim().to_string()
}

#[test]
fn timeout_bounds_a_poll_that_hangs_or_trickles() {
    let config = fast_config();
    let world = World::with(Config {
        run_seconds: Some(3600.0 / config.time_scale),
        ..config
    });
    for kind in ["hang", "trickle"] {
        let id = long_run(&world);
        world.faults(json!([{"method": "GET", "path": format!("/runs/{id}"), "kind": kind, "ms": 1000, "times": 1000}]));
        // `runs wait` and `run` share the wait; both exit 7 at the deadline.
        let (output, took) = timed(&world, &["runs", "wait", &id, "--timeout", "5s"]);
        assert_code(&output, 7);
        assert!(took >= Duration::from_millis(4500), "{kind}: {took:?}");
        assert!(took < Duration::from_secs(8), "{kind}: {took:?}");
        assert!(stderr(&output).contains(&format!("pletor runs wait {id}")));
        clear_faults(&world);
    }
    let (output, took) = {
        world.faults(json!([{"method": "GET", "path": "/runs/", "kind": "hang", "times": 1000}]));
        timed(
            &world,
            &[
                "run",
                catalog::TEXT_TO_IMAGE,
                "-i",
                "prompt=y",
                "--timeout",
                "5s",
            ],
        )
    };
    assert_code(&output, 7);
    assert!(took < Duration::from_secs(8), "run: {took:?}");
}

/// The peak resident memory of a child, in bytes, polled from `/proc` while it runs.
#[cfg(target_os = "linux")]
fn peak_rss(mut child: std::process::Child) -> (Output, u64) {
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_path) {
            let hwm = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
            if let Some(kib) = hwm {
                peak = peak.max(kib * 1024);
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (child.wait_with_output().unwrap(), peak)
}

#[test]
fn a_json_reply_past_the_cap_is_refused_as_it_streams_in() {
    let world = World::new();
    for (rule, label) in [
        (json!({"kind": "large_json"}), "chunked"),
        (json!({"kind": "large_json", "length": true}), "announced"),
        (json!({"kind": "endless", "bytes": 200u64 << 20}), "endless"),
    ] {
        let before = world.stats()["fault_body_bytes"].as_u64().unwrap();
        let mut rule = rule;
        rule["method"] = json!("GET");
        rule["path"] = json!("/agents/");
        rule["times"] = json!(3);
        world.faults(json!([rule]));
        let child = world
            .process(crate::harness::pletor_bin())
            .args(["agents", "list", "--json"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        #[cfg(target_os = "linux")]
        let (output, peak) = peak_rss(child);
        #[cfg(not(target_os = "linux"))]
        let output = child.wait_with_output().unwrap();
        assert_code(&output, 1);
        let envelope = json(&output);
        assert_eq!(envelope["error"]["code"], "too_large", "{label}");
        assert!(
            envelope["error"]["message"]
                .as_str()
                .unwrap()
                .contains("larger than 64.0 MiB"),
            "{envelope}"
        );
        // Never retried; the simulator sent at most the cap and what the sockets buffer.
        let sent = world.stats()["fault_body_bytes"].as_u64().unwrap() - before;
        assert!(sent < (64 << 20) + (16 << 20), "{label}: {sent} bytes");
        #[cfg(target_os = "linux")]
        assert!(peak < 100 << 20, "{label}: peak memory {peak} bytes");
        clear_faults(&world);
    }
    assert_eq!(requests_to(&world, "GET", "/agents/"), 3, "no retries");
}

#[test]
fn a_key_the_server_echoes_back_is_never_printed_in_any_mode() {
    let world = World::new();
    let key = world.sim.key().to_string();
    for status in [401, 500] {
        for mode in [
            &[][..],
            &["--json"][..],
            &["-vv"][..],
            &["-vv", "--json"][..],
        ] {
            world.faults(
                json!([{"path": "/agents/", "kind": "echo_key", "status": status,
                "headers": {"x-echo": "{key}"}, "times": 1}]),
            );
            let mut args = vec!["--retries", "0"];
            args.extend_from_slice(mode);
            args.extend(["agents", "list"]);
            let (output, _) = timed(&world, &args);
            assert_code(&output, if status == 401 { 4 } else { 1 });
            assert_no_secret(&output, &key);
            // The server's words are there, the key replaced.
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                stderr(&output)
            );
            assert!(all.contains("[redacted]"), "{status} {mode:?}: {all}");
        }
    }
}

/// A listener that counts the connections it accepts and closes them.
fn counting_listener() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            seen.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (url, count)
}

#[test]
fn a_loopback_base_never_goes_through_a_proxy() {
    let world = World::new();
    let (proxy, connections) = counting_listener();
    let with_proxy = |cmd: &mut assert_cmd::Command| {
        for name in [
            "HTTP_PROXY",
            "http_proxy",
            "HTTPS_PROXY",
            "https_proxy",
            "ALL_PROXY",
        ] {
            cmd.env(name, &proxy);
        }
    };
    let mut list = world.pletor();
    with_proxy(&mut list);
    let output = list.args(["agents", "list", "--json"]).output().unwrap();
    assert_code(&output, 0);
    let mut doctor = world.pletor();
    with_proxy(&mut doctor);
    let output = doctor.args(["doctor", "--json"]).output().unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains("never goes through a proxy"),
        "doctor says why: {report}"
    );
    assert_eq!(
        connections.load(Ordering::SeqCst),
        0,
        "the proxy saw a connection"
    );
}

#[test]
fn a_redirect_to_another_scheme_fails_at_once_without_retries() {
    let world = World::new();
    for target in ["file:///etc/passwd", "ftp://example.com/x"] {
        world.faults(
            json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 302,
            "headers": {"location": target}, "times": 10}]),
        );
        let before = requests_to(&world, "GET", "/agents/");
        let (output, took) = timed(&world, &["agents", "list"]);
        assert_code(&output, 1);
        assert!(took < Duration::from_secs(5), "{took:?}");
        assert_eq!(requests_to(&world, "GET", "/agents/") - before, 1);
        assert!(
            stderr(&output).contains("not an http(s) URL"),
            "{}",
            stderr(&output)
        );
        clear_faults(&world);
    }
}

#[test]
fn a_5xx_with_retry_after_is_a_server_error_whose_wait_is_honoured() {
    let world = World::new();
    // A day's wait is beyond the budget: a server error (exit 1) at once, not a rate limit.
    world.faults(
        json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 503,
        "retry_after": "86400", "times": 10}]),
    );
    let (output, took) = timed(&world, &["agents", "list", "--json"]);
    assert_code(&output, 1);
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert_eq!(json(&output)["error"]["code"], "server_error");
    assert_eq!(requests_to(&world, "GET", "/agents/"), 1);
    let before = requests_to(&world, "GET", "/agents/");
    clear_faults(&world);
    // A wait within the budget is waited, then the request succeeds.
    world.faults(
        json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 503,
        "retry_after": "1", "times": 1}]),
    );
    let (output, took) = timed(&world, &["agents", "list", "--json"]);
    assert_code(&output, 0);
    assert!(took >= Duration::from_millis(900), "{took:?}");
    assert_eq!(requests_to(&world, "GET", "/agents/") - before, 2);
}

/// A server that reads requests slowly (16 KiB every 20 ms) and never answers: an upload
/// through it takes long enough to change its file meanwhile. Counts connections and bytes.
fn slow_reader() -> (String, Arc<AtomicUsize>, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/api/public/v1", listener.local_addr().unwrap());
    let (connections, bytes) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicU64::new(0)));
    let (seen, read) = (connections.clone(), bytes.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            seen.fetch_add(1, Ordering::SeqCst);
            let read = read.clone();
            std::thread::spawn(move || {
                let mut buffer = vec![0u8; 16 * 1024];
                while let Ok(n) = stream.read(&mut buffer) {
                    if n == 0 {
                        break;
                    }
                    read.fetch_add(n as u64, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                }
            });
        }
    });
    (base, connections, bytes)
}

#[test]
fn an_upload_whose_file_changes_while_it_is_sent_stops_at_once_with_exit_2() {
    let world = World::new();
    for change in ["grow", "shrink"] {
        let (base, connections, received) = slow_reader();
        let path = world.file("shoe.png", &vec![7u8; 32 << 20]);
        let started = Instant::now();
        let child = world
            .process(crate::harness::pletor_bin())
            .env("PLETOR_API_BASE", &base)
            .args(["upload", "shoe.png"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        while received.load(Ordering::SeqCst) < 1 << 20 {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the upload never began"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        match change {
            "grow" => file.set_len((32 << 20) + 10).unwrap(),
            _ => file.set_len(1 << 20).unwrap(),
        }
        drop(file);
        let changed = Instant::now();
        let output = child.wait_with_output().unwrap();
        assert_code(&output, 2);
        assert!(
            changed.elapsed() < Duration::from_secs(10),
            "{change}: {:?}",
            changed.elapsed()
        );
        assert!(
            stderr(&output).contains("`shoe.png` changed while it was being uploaded"),
            "{}",
            stderr(&output)
        );
        // No retry: one connection, and it sent less than the file.
        assert_eq!(connections.load(Ordering::SeqCst), 1, "{change}");
    }
}
