//! Local bounds and hostile streams: text read from stdin or a file is capped, a broken stderr
//! never changes the exit code, SIGTERM ends like Ctrl-C, one `.part` has one writer, JSON and
//! `--jq` output cannot carry terminal controls, and loose config modes are refused.

use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::harness::{World, expect_code, stderr, stdout};

/// Creates an asset of `size` filler bytes named `filename` through the admin API.
fn asset(world: &World, filename: &str, size: usize) -> String {
    let created = world.admin_post("assets", json!({"filename": filename, "size": size}));
    created["id"].as_str().expect("an id").to_string()
}

/// A download that writes to stderr (`--progress plain`: one line per file), with stderr on
/// `sink`; returns the exit code.
fn download_with_stderr(world: &World, id: &str, out: &str, sink: Stdio) -> std::process::Child {
    world
        .process(crate::harness::pletor_bin())
        .args(["--progress", "plain", "download", id, "-o", out])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(sink)
        .spawn()
        .expect("pletor starts")
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_never_aborts_and_the_exit_code_is_that_of_the_work() {
    let world = World::new();
    let id = asset(&world, "full.bin", 50_000);
    let full = || {
        Stdio::from(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full opens"),
        )
    };
    let output = download_with_stderr(&world, &id, "out", full())
        .wait_with_output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        std::fs::metadata(world.work().join("out/full.bin"))
            .unwrap()
            .len(),
        50_000
    );
    // An error the command must report: the exit code stays the error's own.
    let missing = "00000000-0000-4000-8000-00000000dead";
    let output = download_with_stderr(&world, missing, "out", full())
        .wait_with_output()
        .unwrap();
    assert_eq!(output.status.code(), Some(5));
}

#[test]
fn a_closed_stderr_pipe_never_aborts_and_the_exit_code_is_that_of_the_work() {
    let world = World::new();
    let id = asset(&world, "closed.bin", 50_000);
    for (target, code) in [(id.as_str(), 0), ("00000000-0000-4000-8000-00000000dead", 5)] {
        let mut child = download_with_stderr(&world, target, "out", Stdio::piped());
        drop(child.stderr.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(code), "{}", stdout(&output));
    }
    assert_eq!(
        std::fs::read(world.work().join("out/closed.bin"))
            .unwrap()
            .len(),
        50_000
    );
}
