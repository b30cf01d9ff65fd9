//! Downloads bounded by what was announced: a body past the size its metadata or
//! `Content-Length` gave, an endless body, a size or encoding known wrong before the first
//! byte. Each stops at once, exit 1, with its `.part` removed and no resume hint (a resume
//! cannot mend an answer that is not the file), and nothing is retried.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::harness::{World, expect_code, stderr, tree};

/// An asset of `size` filler bytes; its id.
fn asset(world: &World, size: u64) -> String {
    let created = world.admin_post("assets", json!({"filename": "photo.png", "size": size}));
    created["id"].as_str().expect("an id").to_string()
}

/// The download requests the simulator received for asset `id`.
fn downloads(world: &World, id: &str) -> usize {
    world
        .requests()
        .iter()
        .filter(|r| {
            r["path"]
                .as_str()
                .unwrap_or("")
                .ends_with(&format!("/assets/{id}/download"))
        })
        .count()
}

/// Downloads `id` into `out/`; the output, checked to be exit 1, and how long it took.
fn refused(world: &World, id: &str) -> (String, Duration) {
    let started = Instant::now();
    let output = expect_code(
        world
            .pletor()
            .args(["download", id, "-o", "out"])
            .timeout(Duration::from_secs(60)),
        1,
    );
    (stderr(&output), started.elapsed())
}

/// Nothing of the file is left in `out/`: no final file, no `.part`.
fn nothing_left(world: &World) {
    let out = world.work().join("out");
    let left = if out.exists() { tree(&out) } else { Vec::new() };
    assert!(left.is_empty(), "nothing is kept: {left:?}");
}

#[test]
fn a_chunked_body_past_the_metadata_size_stops_there_and_removes_its_part() {
    let world = World::new();
    let id = asset(&world, 1000);
    world.faults(
        json!([{"path": format!("/assets/{id}/download"), "kind": "oversize",
        "bytes": 50_000_000, "length": false}]),
    );
    let (err, took) = refused(&world, &id);
    assert!(err.contains("its metadata says 1000"), "{err}");
    // The first chunk past the 1000 bytes stops it: the number it names is that chunk's end,
    // far below the 50 MB the server would send.
    let sent: u64 = err
        .split("sent ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the message names what arrived: {err}"));
    assert!((1001..=1000 + 1024 * 1024).contains(&sent), "{sent}: {err}");
    assert!(!err.contains("resume"), "no resume hint: {err}");
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert_eq!(downloads(&world, &id), 1, "nothing is retried");
    let handed = world.stats()["fault_body_bytes"].as_u64().unwrap();
    assert!(
        handed < 32 * 1024 * 1024,
        "the server was cut off early: {handed}"
    );
    nothing_left(&world);
}

#[test]
fn an_endless_body_stops_at_the_metadata_size_not_at_a_full_disk() {
    let world = World::new();
    let id = asset(&world, 4096);
    world.faults(json!([{"path": format!("/assets/{id}/download"), "kind": "endless"}]));
    let (err, took) = refused(&world, &id);
    assert!(err.contains("its metadata says 4096"), "{err}");
    assert!(!err.contains("resume"), "{err}");
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert_eq!(
        downloads(&world, &id),
        1,
        "an endless body is not downloaded again"
    );
    let handed = world.stats()["fault_body_bytes"].as_u64().unwrap();
    assert!(
        handed < 32 * 1024 * 1024,
        "stopped far below the 1 GiB cap: {handed}"
    );
    nothing_left(&world);
}

#[test]
fn a_content_length_that_contradicts_the_metadata_is_refused_before_the_body() {
    let world = World::new();
    let id = asset(&world, 1000);
    world.faults(
        json!([{"path": format!("/assets/{id}/download"), "kind": "oversize",
        "bytes": 9000, "length": true}]),
    );
    let (err, _) = refused(&world, &id);
    assert!(
        err.contains("announces 10000 bytes") && err.contains("metadata says 1000"),
        "both numbers: {err}"
    );
    assert!(!err.contains("resume"), "a wrong size is for good: {err}");
    assert_eq!(downloads(&world, &id), 1);
    nothing_left(&world);
}

#[test]
fn an_encoded_body_is_refused_before_the_body_and_leaves_nothing() {
    let world = World::new();
    let id = asset(&world, 1000);
    world.faults(
        json!([{"path": format!("/assets/{id}/download"), "kind": "headers",
        "headers": {"Content-Encoding": "gzip"}}]),
    );
    let (err, _) = refused(&world, &id);
    assert!(err.contains("Content-Encoding: gzip"), "{err}");
    assert!(!err.contains("resume"), "{err}");
    assert_eq!(downloads(&world, &id), 1);
    nothing_left(&world);
}

/// Faults for asset `id`: `download` for its body (a plain answer when `None`), then metadata
/// without a size (a server that does not say), for `--max-size`. A rule's path matches by
/// prefix and the first matching rule wins, so the body's rule comes first.
fn without_size(world: &World, id: &str, download: Option<serde_json::Value>) {
    let mut body_rule = download
        .unwrap_or_else(|| json!({"kind": "headers", "headers": {"X-Plain": "1"}, "times": 10}));
    body_rule["path"] = json!(format!("/assets/{id}/download"));
    let meta = json!({"id": id, "filename": "photo.png", "mime_type": "image/png"});
    world.faults(
        json!([body_rule, {"method": "GET", "path": format!("/assets/{id}"),
        "kind": "status", "status": 200, "body": meta.to_string(),
        "content_type": "application/json", "times": 10}]),
    );
}

#[test]
fn with_no_size_announced_max_size_bounds_the_body() {
    let world = World::new();
    let id = asset(&world, 1000);
    without_size(
        &world,
        &id,
        Some(json!({"kind": "oversize", "bytes": 50_000_000, "length": false})),
    );
    let started = Instant::now();
    let output = expect_code(
        world
            .pletor()
            .args(["--max-size", "64KiB", "download", &id, "-o", "out"])
            .timeout(Duration::from_secs(60)),
        1,
    );
    let err = stderr(&output);
    assert!(err.contains("`--max-size` is 65536"), "{err}");
    assert!(!err.contains("resume"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(downloads(&world, &id), 1);
    nothing_left(&world);
}

#[test]
fn with_no_size_in_the_metadata_a_content_length_past_max_size_is_refused_before_the_body() {
    let world = World::new();
    let id = asset(&world, 100_000);
    without_size(&world, &id, None);
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_MAX_SIZE", "50KB")
            .args(["download", &id, "-o", "out"]),
        1,
    );
    let err = stderr(&output);
    assert!(
        err.contains("announces 100000 bytes") && err.contains("over the 50000-byte limit"),
        "{err}"
    );
    nothing_left(&world);
    // Within the limit the same download succeeds: the bound is the setting, not the asset.
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_MAX_SIZE", "1MB")
            .args(["download", &id, "-o", "out"]),
        0,
    );
    assert!(
        world.work().join("out/photo.png").exists(),
        "{}",
        stderr(&output)
    );
}
