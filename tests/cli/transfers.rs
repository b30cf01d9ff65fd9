//! Uploads, downloads and assets against the simulator: round trips, idempotency under faults,
//! resume, hostile names, existing files, preflight checks and flat memory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use pletor_sim::catalog;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::harness::proxy::{Fault, Proxy};
use crate::harness::{World, expect_code, json, stderr, stdout, tree};

/// The simulator's filler content for an asset of `size` bytes: byte i is i mod 251.
fn filler(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i % 251) as u8).collect()
}

/// Creates an asset directly on the server (any name at all) and returns its id.
fn asset(world: &World, filename: &str, size: usize) -> String {
    let created = world.admin_post("assets", json!({"filename": filename, "size": size}));
    created["id"]
        .as_str()
        .expect("the asset has an id")
        .to_string()
}

/// Creates an asset with given bytes.
fn asset_with(world: &World, filename: &str, bytes: &[u8]) -> String {
    use base64_like::encode;
    let created = world.admin_post(
        "assets",
        json!({"filename": filename, "content_base64": encode(bytes)}),
    );
    created["id"]
        .as_str()
        .expect("the asset has an id")
        .to_string()
}

/// The download requests the simulator saw for `id`, oldest first.
fn downloads_of(world: &World, id: &str) -> Vec<Value> {
    let suffix = format!("/assets/{id}/download");
    world
        .requests()
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap_or("").ends_with(&suffix))
        .collect()
}

fn run(world: &World, args: &[&str]) -> Output {
    world.pletor().args(args).output().unwrap()
}

fn lines(output: &Output) -> Vec<String> {
    stdout(output).lines().map(str::to_string).collect()
}

#[test]
fn upload_then_download_gives_identical_bytes_and_names_with_spaces_quotes_and_unicode() {
    let world = World::new();
    let names = ["my photo.png", "it's \"quoted\".txt", "café ☕ 日本.bin"];
    let contents: Vec<Vec<u8>> = (0..3u8)
        .map(|n| {
            (0..70_000u32)
                .map(|i| (i * 7 + u32::from(n)) as u8)
                .collect()
        })
        .collect();
    for (name, bytes) in names.iter().zip(&contents) {
        world.file(name, bytes);
    }
    let output = world.run_expect(&["upload", names[0], names[1], names[2], "--json"], 0);
    let uploaded = json(&output);
    let ids: Vec<String> = uploaded
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 3);
    for (asset, name) in uploaded.as_array().unwrap().iter().zip(names) {
        assert_eq!(asset["filename"], name, "the part carries the real name");
    }
    assert_eq!(
        uploaded[0]["mime_type"], "image/png",
        "the part carries the MIME type"
    );
    assert_eq!(world.stats()["assets_uploaded"], 3);

    let mut args = vec!["download", "-o", "out"];
    args.extend(ids.iter().map(String::as_str));
    let output = world.run_expect(&args, 0);
    let expected: Vec<String> = names.iter().map(|n| format!("out/{n}")).collect();
    assert_eq!(
        lines(&output),
        expected,
        "paths, one per line, in input order"
    );
    for (name, bytes) in names.iter().zip(&contents) {
        assert_eq!(
            &std::fs::read(world.work().join("out").join(name)).unwrap(),
            bytes,
            "{name}"
        );
    }
    let mut files = tree(&world.work().join("out"));
    files.sort();
    let mut want: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    want.sort();
    assert_eq!(files, want, "no .part left behind");
}

#[test]
fn upload_prints_a_table_and_download_json_reports_path_bytes_and_sha256() {
    let world = World::new();
    world.file("src/a.txt", b"hello");
    let output = world.run_expect(&["upload", "src/a.txt"], 0);
    let table = stdout(&output);
    assert!(table.starts_with("FILE"), "{table}");
    assert!(table.contains("ASSET ID") && table.contains("src/a.txt") && table.contains("5 B"));
    let id = table
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();

    let output = world.run_expect(&["download", &id, "--json"], 0);
    let sha = hex::encode(Sha256::digest(b"hello"));
    assert_eq!(
        json(&output),
        json!({"files": [{"asset_id": id, "path": "a.txt", "bytes": 5, "sha256": sha}]})
    );
    assert_eq!(std::fs::read(world.work().join("a.txt")).unwrap(), b"hello");
}

#[test]
fn an_upload_whose_connection_resets_after_the_commit_leaves_exactly_one_asset() {
    let world = World::new();
    world.file("shot.png", &filler(10_000));
    world.faults(
        json!([{"method": "POST", "path": "/assets/upload/", "kind": "commit_then_reset"}]),
    );
    let output = world.run_expect(
        &["upload", "shot.png", "--external-id", "shot-1", "--json"],
        0,
    );
    let stats = world.stats();
    assert_eq!(stats["assets_uploaded"], 1, "{stats}");
    assert_eq!(
        stats["conflicts"], 1,
        "the retry met the first attempt's key: {stats}"
    );
    let uploads: Vec<Value> = world
        .requests()
        .into_iter()
        .filter(|r| {
            r["method"] == "POST" && r["path"].as_str().unwrap().ends_with("/assets/upload/")
        })
        .collect();
    assert_eq!(uploads.len(), 2);
    assert!(
        uploads.iter().all(|r| r["external_id"] == "shot-1"),
        "the retry reused the key"
    );

    let listed = json(&run(
        &world,
        &["assets", "list", "--external-id", "shot-1", "--json"],
    ));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(
        json(&output)[0]["id"],
        listed[0]["id"],
        "the adopted asset is the committed one"
    );
}

#[test]
fn a_generated_external_id_also_survives_a_reset_after_the_commit() {
    let world = World::new();
    world.file("a.bin", &filler(5_000));
    world.file("b.bin", &filler(6_000));
    world.faults(
        json!([{"method": "POST", "path": "/assets/upload/", "kind": "commit_then_reset"}]),
    );
    let output = world.run_expect(&["upload", "a.bin", "b.bin", "--json"], 0);
    assert_eq!(world.stats()["assets_uploaded"], 2);
    let keys: Vec<String> = json(&output)
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["external_id"].as_str().unwrap().to_string())
        .collect();
    assert!(keys.iter().all(|k| k.starts_with("upload-")), "{keys:?}");
    assert_ne!(keys[0], keys[1]);
}

#[test]
fn uploading_again_with_the_same_external_id_adopts_the_first_asset() {
    let world = World::new();
    world.file("a.txt", b"once");
    let first = json(&run(
        &world,
        &["upload", "a.txt", "--external-id", "k1", "--json"],
    ));
    let output = world.run_expect(&["upload", "a.txt", "--external-id", "k1", "--json"], 0);
    assert_eq!(json(&output)[0]["id"], first[0]["id"]);
    assert!(stderr(&output).contains("adopted"), "{}", stderr(&output));
    assert_eq!(world.stats()["assets_uploaded"], 1);
}

#[test]
fn an_external_id_for_several_files_is_a_usage_error_before_any_request() {
    let world = World::new();
    world.file("a.txt", b"a");
    world.file("b.txt", b"b");
    let output = world.run_expect(&["upload", "a.txt", "b.txt", "--external-id", "k"], 2);
    assert!(
        stderr(&output).contains("--external-id"),
        "{}",
        stderr(&output)
    );
    assert_eq!(world.stats()["requests"], 0);
}

#[test]
fn missing_files_folders_and_unreadable_paths_fail_before_anything_is_uploaded() {
    let world = World::new();
    world.file("good.txt", b"fine");
    world.file("file.txt", b"a file, not a folder");
    std::fs::create_dir_all(world.work().join("folder")).unwrap();
    for (bad, words) in [
        ("missing.png", "no such file"),
        ("folder", "is a folder"),
        ("file.txt/x", "cannot read"),
    ] {
        let output = world.run_expect(&["upload", "good.txt", bad], 2);
        let err = stderr(&output);
        assert!(
            err.contains(&format!("`{bad}`")) && err.contains(words),
            "{err}"
        );
        assert!(stdout(&output).is_empty());
    }
    let stats = world.stats();
    assert_eq!(stats["requests"], 0, "{stats}");
    assert_eq!(stats["assets_uploaded"], 0);
}

#[test]
fn a_truncated_download_is_resumed_with_a_range_and_ends_byte_identical() {
    let world = World::new();
    let id = asset(&world, "big.bin", 300_000);
    world.faults(
        json!([{"method": "GET", "path": format!("/assets/{id}/download"),
        "kind": "truncate", "bytes": 100_000}]),
    );
    world.run_expect(&["download", &id, "-o", "out"], 0);
    assert_eq!(
        std::fs::read(world.work().join("out/big.bin")).unwrap(),
        filler(300_000)
    );
    let requests = downloads_of(&world, &id);
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[0]["fault"], "truncate");
    assert_eq!(
        requests[1]["status"], 206,
        "the second request asked for the rest only"
    );
    assert_eq!(tree(&world.work().join("out")), vec!["big.bin"]);
}

#[test]
fn a_stalled_download_times_out_and_resumes_on_a_new_connection() {
    let world = World::new();
    let id = asset(&world, "slow.bin", 1_000_000);
    let proxy = Proxy::start(world.sim.addr(), Fault::StallAfter(200_000), 1);
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", proxy.api_base(&world.sim.api_base()))
            .args(["--read-timeout", "500ms", "download", &id, "-o", "out"]),
        0,
    );
    assert_eq!(
        std::fs::read(world.work().join("out/slow.bin")).unwrap(),
        filler(1_000_000)
    );
    let requests = downloads_of(&world, &id);
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[1]["status"], 206);
    assert!(stderr(&output).contains("resuming"), "{}", stderr(&output));
}

#[test]
fn downloads_cut_more_often_than_the_retry_budget_fail_cleanly_keep_the_part_and_resume_later() {
    let world = World::new();
    let id = asset(&world, "cut.bin", 400_000);
    world.faults(
        json!([{"method": "GET", "path": format!("/assets/{id}/download"),
        "kind": "truncate", "bytes": 50_000, "times": 3}]),
    );
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_RETRIES", "2")
            .args(["download", &id, "-o", "out"]),
        1,
    );
    let err = stderr(&output);
    assert!(
        err.contains("cut.bin.part") && err.contains("run the same command again"),
        "{err}"
    );
    assert!(stdout(&output).is_empty());
    let out = world.work().join("out");
    assert_eq!(tree(&out), vec!["cut.bin.part"], "no final file");
    assert_eq!(
        std::fs::read(out.join("cut.bin.part")).unwrap(),
        filler(150_000)
    );
    assert_eq!(downloads_of(&world, &id).len(), 3);

    world.run_expect(&["download", &id, "-o", "out"], 0);
    assert_eq!(std::fs::read(out.join("cut.bin")).unwrap(), filler(400_000));
    assert_eq!(tree(&out), vec!["cut.bin"]);
    let requests = downloads_of(&world, &id);
    assert_eq!(requests.len(), 4);
    assert_eq!(
        requests[3]["status"], 206,
        "the second run resumed from the .part"
    );
}

#[test]
fn a_download_reset_three_times_in_a_row_keeps_its_part_and_a_second_run_resumes_it() {
    let world = World::new();
    let id = asset(&world, "reset.bin", 300_000);
    let path = format!("/assets/{id}/download");
    world.faults(json!([
        {"method": "GET", "path": path, "kind": "truncate", "bytes": 64_000},
        {"method": "GET", "path": path, "kind": "reset", "times": 3},
    ]));
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_RETRIES", "2")
            .args(["download", &id, "-o", "out"]),
        1,
    );
    assert!(
        stderr(&output).contains("reset.bin.part` is kept"),
        "{}",
        stderr(&output)
    );
    let out = world.work().join("out");
    assert_eq!(tree(&out), vec!["reset.bin.part"]);
    assert_eq!(
        std::fs::read(out.join("reset.bin.part")).unwrap(),
        filler(64_000)
    );

    let output = world.run_expect(&["download", &id, "-o", "out", "--json"], 0);
    assert_eq!(
        std::fs::read(out.join("reset.bin")).unwrap(),
        filler(300_000)
    );
    let sha = hex::encode(Sha256::digest(filler(300_000)));
    assert_eq!(json(&output)["files"][0]["sha256"], sha);
    assert_eq!(downloads_of(&world, &id).last().unwrap()["status"], 206);
}

#[test]
fn hostile_names_never_write_outside_the_output_folder() {
    let world = World::new();
    let hostile = [
        "../../x.png".to_string(),
        "/etc/passwd".to_string(),
        "a/b".to_string(),
        "..".to_string(),
        ".".to_string(),
        "CON".to_string(),
        "nul\0byte.png".to_string(),
        "..\\x".to_string(),
        String::new(),
        "...".to_string(),
        format!("{}.png", "n".repeat(400)),
        format!("{}.jpg", "日本語".repeat(60)),
        ".bashrc".to_string(),
        "x.png.part".to_string(),
    ];
    let ids: Vec<String> = hostile
        .iter()
        .map(|name| asset(&world, name, 1_000))
        .collect();
    let mut args = vec!["download", "-o", "out", "--json"];
    args.extend(ids.iter().map(String::as_str));
    let output = world.run_expect(&args, 0);

    let everything = tree(world.home.path());
    let outside: Vec<&String> = everything
        .iter()
        .filter(|p| !p.starts_with("work/out/"))
        .collect();
    assert!(
        outside.is_empty(),
        "written outside the output folder: {outside:?}"
    );
    let files = tree(&world.work().join("out"));
    assert_eq!(files.len(), hostile.len(), "one file per asset: {files:?}");
    for name in &files {
        assert!(
            !name.contains('/') && !name.starts_with('.') && !name.ends_with(".part"),
            "{name:?}"
        );
        assert!(
            !name.chars().any(char::is_control) && name.len() <= 200,
            "{name:?}"
        );
        assert_eq!(
            std::fs::read(world.work().join("out").join(name)).unwrap(),
            filler(1_000)
        );
    }
    for expected in [
        "x.png",
        "passwd",
        "b",
        "_CON",
        "nulbyte.png",
        "x",
        "bashrc",
        "x.png.part_",
    ] {
        assert!(
            files.iter().any(|f| f == expected),
            "{expected} in {files:?}"
        );
    }
    let document = json(&output);
    let reported: Vec<&str> = document["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        reported.iter().all(|p| p.starts_with("out/")),
        "{reported:?}"
    );
}

#[test]
fn an_existing_file_is_an_error_and_stays_untouched_without_a_flag() {
    let world = World::new();
    let id = asset_with(&world, "keep.txt", b"new content");
    world.file("out/keep.txt", b"old content");
    let output = world.run_expect(&["download", &id, "-o", "out"], 2);
    let err = stderr(&output);
    assert!(err.contains("out/keep.txt` already exists"), "{err}");
    assert!(
        err.contains("--overwrite") && err.contains("--skip-existing"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(world.work().join("out/keep.txt")).unwrap(),
        b"old content"
    );
    assert_eq!(
        tree(&world.work().join("out")),
        vec!["keep.txt"],
        "no .part either"
    );
}

#[test]
fn downloading_the_same_asset_again_keeps_the_identical_file_without_a_flag() {
    let world = World::new();
    let id = asset_with(&world, "same.txt", b"identical bytes");
    world.run_expect(&["download", &id, "-o", "out"], 0);
    let again = world.run_expect(&["download", &id, "-o", "out", "--json"], 0);
    let doc: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(doc["files"][0]["skipped"], true);
    assert_eq!(
        std::fs::read(world.work().join("out/same.txt")).unwrap(),
        b"identical bytes"
    );
    // A different file under that name is still a conflict.
    std::fs::write(world.work().join("out/same.txt"), b"edited by hand").unwrap();
    world.run_expect(&["download", &id, "-o", "out"], 2);
    assert_eq!(
        std::fs::read(world.work().join("out/same.txt")).unwrap(),
        b"edited by hand"
    );
}

#[test]
fn skip_existing_keeps_the_file_and_reports_it_skipped() {
    let world = World::new();
    let id = asset_with(&world, "keep.txt", b"new content");
    world.file("out/keep.txt", b"old content");
    let output = world.run_expect(&["download", &id, "-o", "out", "--skip-existing"], 0);
    assert_eq!(lines(&output), vec!["out/keep.txt"]);
    assert!(stderr(&output).contains("skipped"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read(world.work().join("out/keep.txt")).unwrap(),
        b"old content"
    );

    let output = run(
        &world,
        &["download", &id, "-o", "out", "--skip-existing", "--json"],
    );
    let file = &json(&output)["files"][0];
    assert_eq!(file["skipped"], true);
    assert_eq!(file["sha256"], Value::Null);
    assert_eq!(file["bytes"], 11);
}

#[test]
fn overwrite_replaces_the_file_with_the_verified_download() {
    let world = World::new();
    let id = asset_with(&world, "keep.txt", b"new content");
    world.file("out/keep.txt", b"old");
    world.run_expect(&["download", &id, "-o", "out", "--overwrite"], 0);
    assert_eq!(
        std::fs::read(world.work().join("out/keep.txt")).unwrap(),
        b"new content"
    );
    assert_eq!(tree(&world.work().join("out")), vec!["keep.txt"]);
}

#[test]
fn two_assets_with_one_name_are_saved_side_by_side_in_input_order() {
    let world = World::new();
    let first = asset_with(&world, "same.png", b"first");
    let second = asset_with(&world, "same.png", b"second");
    let output = world.run_expect(&["download", &first, &second, "-o", "out"], 0);
    assert_eq!(lines(&output), vec!["out/same.png", "out/same (1).png"]);
    assert_eq!(
        std::fs::read(world.work().join("out/same.png")).unwrap(),
        b"first"
    );
    assert_eq!(
        std::fs::read(world.work().join("out/same (1).png")).unwrap(),
        b"second"
    );

    let again = world.run_expect(
        &["download", &first, &second, "-o", "out", "--skip-existing"],
        0,
    );
    assert_eq!(
        lines(&again),
        lines(&output),
        "a repeated command names alike"
    );
}

#[test]
fn an_asset_given_twice_is_downloaded_once() {
    let world = World::new();
    let id = asset_with(&world, "one.txt", b"1");
    let output = world.run_expect(&["download", &id, &id], 0);
    assert_eq!(lines(&output), vec!["one.txt"]);
    assert_eq!(downloads_of(&world, &id).len(), 1);
}

#[test]
fn an_unknown_asset_exits_5_and_leaves_nothing() {
    let world = World::new();
    world.run_expect(
        &[
            "download",
            "00000000-0000-4000-8000-000000000000",
            "-o",
            "out",
        ],
        5,
    );
    assert!(tree(&world.work().join("out")).is_empty());
}

#[test]
fn an_output_folder_under_a_file_is_a_usage_error_before_any_request() {
    let world = World::new();
    world.file("file.txt", b"x");
    let output = world.run_expect(
        &[
            "download",
            "00000000-0000-4000-8000-000000000000",
            "-o",
            "file.txt/out",
        ],
        2,
    );
    assert!(
        stderr(&output).contains("file.txt/out"),
        "{}",
        stderr(&output)
    );
    assert_eq!(world.stats()["requests"], 0);
}

/// Starts a run through the API and waits until it has finished.
fn finished_run(world: &World, collection: &str, body: Value) -> Value {
    let created = world.api("POST", &format!("/{collection}/"), Some(body));
    let id = created["id"].as_str().expect("a run id").to_string();
    for _ in 0..200 {
        let run = world.api("GET", &format!("/{collection}/{id}"), None);
        if run["status"] == "completed" {
            return run;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("run {id} did not complete");
}

#[test]
fn download_run_saves_every_result_asset_of_agent_and_app_runs() {
    let world = World::new();
    let agent_run = finished_run(
        &world,
        "runs",
        json!({"agent_id": catalog::PRODUCT_SHOT, "inputs": [
            {"id": catalog::PRODUCT_SHOT_PROMPT, "value": "a shoe"},
            {"id": catalog::PRODUCT_SHOT_PRODUCT, "value": {"asset_ids": [asset(&world, "p.png", 10)]}},
        ]}),
    );
    let output = world.run_expect(
        &[
            "download",
            "--run",
            agent_run["id"].as_str().unwrap(),
            "-o",
            "out",
            "--json",
        ],
        0,
    );
    let files = json(&output)["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), 2, "{files:?}");
    for file in &files {
        let path = world.work().join(file["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{}", path.display());
        assert_eq!(file["sha256"], hex::encode(Sha256::digest(&bytes)));
    }

    let app_run = finished_run(
        &world,
        "app-runs",
        json!({"app_id": catalog::SOCIAL_POST, "inputs": [{"id": catalog::SOCIAL_POST_TOPIC, "value": "spring"}]}),
    );
    let output = world.run_expect(
        &[
            "download",
            "--run",
            app_run["id"].as_str().unwrap(),
            "-o",
            "app",
        ],
        0,
    );
    assert_eq!(lines(&output).len(), 1);
    assert!(lines(&output)[0].starts_with("app/") && lines(&output)[0].ends_with(".png"));
}

#[test]
fn assets_list_filters_by_external_id_and_show_prints_the_metadata() {
    let world = World::new();
    world.file("a.txt", b"alpha");
    world.file("b.txt", b"beta");
    let a = json(&run(
        &world,
        &["upload", "a.txt", "--external-id", "key-a", "--json"],
    ))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let b = json(&run(&world, &["upload", "b.txt", "--json"]))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let listed = json(&run(
        &world,
        &["assets", "list", "--external-id", "key-a", "--json"],
    ));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], a.as_str());
    let filtered = world.requests().into_iter().any(|r| {
        r["path"].as_str().unwrap().ends_with("/assets/")
            && r["query"].as_str().unwrap().contains("external_id=key-a")
    });
    assert!(filtered, "the filter went to the server");

    let table = world.run_expect(&["assets", "list"], 0);
    let text = stdout(&table);
    assert!(
        text.starts_with("ID") && text.contains(&a) && text.contains(&b) && text.contains("key-a"),
        "{text}"
    );

    let shown = world.run_expect(&["assets", "show", &a], 0);
    let text = stdout(&shown);
    let sha = hex::encode(Sha256::digest(b"alpha"));
    assert!(
        text.contains("a.txt") && text.contains("text/plain") && text.contains(&sha),
        "{text}"
    );
    let object = json(&run(&world, &["assets", "show", &a, "--json"]));
    assert_eq!(object["id"], a.as_str());
    assert_eq!(object["sha256"], sha);
    assert_eq!(object["external_id"], "key-a");
}

/// Runs `pletor` as a plain child with the harness's environment and returns its exit status and
/// peak resident memory in KiB: GNU time's `%M` when `/usr/bin/time` exists, else the child's
/// `VmHWM` sampled from /proc while it runs (a high-water mark, so late samples lose nothing).
fn peak_rss(world: &World, args: &[&str]) -> (std::process::ExitStatus, u64) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_pletor"));
    let report = world.home.path().join("rss.txt");
    let gnu_time = Path::new("/usr/bin/time");
    let mut command = if gnu_time.exists() {
        let mut c = world.process(gnu_time);
        c.arg("-f").arg("%M").arg("-o").arg(&report).arg(&bin);
        c
    } else {
        world.process(&bin)
    };
    // This measures memory, not speed: the in-process simulator (a debug build) may take far
    // longer than the harness's 10 s read timeout to hash 200 MiB on a loaded machine.
    command
        .env("PLETOR_READ_TIMEOUT", "600s")
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = command.spawn().unwrap();
    let mut sampled = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        let proc_status =
            std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
        if let Some(kib) = proc_status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            sampled = sampled.max(kib);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let from_time = std::fs::read_to_string(&report)
        .ok()
        .and_then(|t| t.trim().lines().last()?.parse().ok());
    (status, from_time.unwrap_or(sampled))
}

#[test]
fn a_200_mib_upload_and_download_keep_peak_memory_flat() {
    const SIZE: usize = 200 * 1024 * 1024;
    const LIMIT_KIB: u64 = 50 * 1024;
    let world = World::new();
    let path = world.work().join("big.bin");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let mut hasher = Sha256::new();
    let block: Vec<u8> = (0..1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    for n in 0..SIZE / block.len() {
        let mut chunk = block.clone();
        chunk[0] = n as u8;
        hasher.update(&chunk);
        file.write_all(&chunk).unwrap();
    }
    file.flush().unwrap();
    drop(file);
    let sha = hex::encode(hasher.finalize());

    let (status, upload_kib) = peak_rss(&world, &["upload", "big.bin", "--external-id", "big"]);
    assert!(status.success(), "upload failed: {status}");
    let asset = json(&run(
        &world,
        &["assets", "list", "--external-id", "big", "--json"],
    ))[0]
        .clone();
    assert_eq!(asset["size"], SIZE as u64);
    assert_eq!(asset["sha256"], sha, "the server received the exact bytes");
    assert!(upload_kib < LIMIT_KIB, "upload peak RSS {upload_kib} KiB");

    let id = asset["id"].as_str().unwrap();
    let (status, download_kib) = peak_rss(&world, &["download", id, "-o", "out"]);
    assert!(status.success(), "download failed: {status}");
    assert!(
        download_kib < LIMIT_KIB,
        "download peak RSS {download_kib} KiB"
    );
    let saved = world.work().join("out/big.bin");
    assert_eq!(std::fs::metadata(&saved).unwrap().len(), SIZE as u64);
    eprintln!("peak RSS: upload {upload_kib} KiB, download {download_kib} KiB");
}

/// Standard base64, enough for test fixtures (no dependency for it).
mod base64_like {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}

#[test]
fn a_part_from_another_file_fails_the_checksum_and_is_downloaded_again_from_zero() {
    let world = World::new();
    let id = asset(&world, "x.bin", 5_000);
    world.file("out/x.bin.part", &[0xAA; 1_200]);
    let output = world.run_expect(&["download", &id, "-o", "out"], 0);
    assert_eq!(
        std::fs::read(world.work().join("out/x.bin")).unwrap(),
        filler(5_000)
    );
    assert_eq!(tree(&world.work().join("out")), vec!["x.bin"]);
    let statuses: Vec<Value> = downloads_of(&world, &id)
        .iter()
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(
        statuses,
        vec![json!(206), json!(200)],
        "resumed, mismatched, restarted"
    );
    assert!(
        stderr(&output).contains("checksum mismatch"),
        "{}",
        stderr(&output)
    );
}

/// The one asset [`PlainServer`] serves.
const ASSET: &str = "a1a1a1a1-0000-4000-8000-000000000001";

/// A bare HTTP server for what the simulator never does: ignore `Range`, and name the download
/// differently from the metadata. Records the `Range` headers it receives.
struct PlainServer {
    addr: std::net::SocketAddr,
    ranges: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl PlainServer {
    fn start(body: Vec<u8>, disposition: &'static str) -> Self {
        Self::with_metadata(body, disposition, true)
    }

    /// Without metadata, `GET /assets/{id}` answers 404 (the endpoint is only observed, not documented).
    fn with_metadata(body: Vec<u8>, disposition: &'static str, metadata: bool) -> Self {
        use std::io::{BufRead, BufReader};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let ranges = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = ranges.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut head = Vec::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    head.push(line.trim_end().to_string());
                }
                let path = head
                    .first()
                    .and_then(|l| l.split(' ').nth(1))
                    .unwrap_or("")
                    .to_string();
                if let Some(range) = head.iter().find_map(|h| {
                    h.to_ascii_lowercase()
                        .strip_prefix("range: ")
                        .map(str::to_string)
                }) {
                    seen.lock().unwrap().push(range);
                }
                if !metadata && !path.ends_with("/download") {
                    let _ = stream.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                    continue;
                }
                let (content_type, extra, payload) = if path.ends_with("/download") {
                    (
                        "application/octet-stream",
                        format!("Content-Disposition: {disposition}\r\n"),
                        body.clone(),
                    )
                } else {
                    let meta =
                        json!({"id": ASSET, "filename": "meta name.bin", "size": body.len()});
                    (
                        "application/json",
                        String::new(),
                        meta.to_string().into_bytes(),
                    )
                };
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
                    payload.len()
                );
                let _ = stream
                    .write_all(head.as_bytes())
                    .and_then(|()| stream.write_all(&payload));
            }
        });
        Self { addr, ranges }
    }

    fn api_base(&self) -> String {
        format!("http://{}/api/public/v1", self.addr)
    }
}

#[test]
fn a_server_that_ignores_range_restarts_the_download_from_zero() {
    let world = World::new();
    let body: Vec<u8> = (0..40_000u32).map(|i| (i % 13) as u8).collect();
    let server = PlainServer::start(body.clone(), "attachment; filename=\"meta name.bin\"");
    world.file("out/meta name.bin.part", &[0xFF; 700]);
    expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", server.api_base())
            .args(["download", ASSET, "-o", "out"]),
        0,
    );
    assert_eq!(
        server.ranges.lock().unwrap().clone(),
        vec!["bytes=700-"],
        "it asked to resume"
    );
    assert_eq!(
        std::fs::read(world.work().join("out/meta name.bin")).unwrap(),
        body,
        "a 200 started over"
    );
    assert_eq!(tree(&world.work().join("out")), vec!["meta name.bin"]);
}

#[test]
fn the_content_disposition_name_wins_over_the_metadata_name() {
    let world = World::new();
    let server = PlainServer::start(
        b"payload".to_vec(),
        "attachment; filename=\"fallback.bin\"; filename*=UTF-8''from%20the%20header%20%E2%9C%93.bin",
    );
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", server.api_base())
            .args(["download", ASSET, "--json"]),
        0,
    );
    assert_eq!(json(&output)["files"][0]["path"], "from the header ✓.bin");
    assert_eq!(
        std::fs::read(world.work().join("from the header ✓.bin")).unwrap(),
        b"payload"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_a_download_keeps_the_part_and_says_how_to_resume() {
    let world = World::new();
    let id = asset(&world, "stuck.bin", 2_000_000);
    let proxy = Proxy::start(world.sim.addr(), Fault::StallAfter(300_000), 1);
    let bin = env!("CARGO_BIN_EXE_pletor");
    let child = world
        .process(bin)
        .args(["--read-timeout", "120s", "download", &id, "-o", "out"])
        .env("PLETOR_API_BASE", proxy.api_base(&world.sim.api_base()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let part = world.work().join("out/stuck.bin.part");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !part.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the download never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("run the same command again to resume"),
        "{}",
        stderr(&output)
    );
    assert!(part.exists(), "the .part stays for a resume");
    assert!(!world.work().join("out/stuck.bin").exists());
}

#[test]
fn a_missing_metadata_endpoint_still_downloads_under_the_header_name() {
    let world = World::new();
    let server =
        PlainServer::with_metadata(b"bytes".to_vec(), "attachment; filename=\"h.txt\"", false);
    let output = expect_code(
        world
            .pletor()
            .env("PLETOR_API_BASE", server.api_base())
            .args(["download", ASSET]),
        0,
    );
    assert_eq!(lines(&output), vec!["h.txt"]);
    assert_eq!(std::fs::read(world.work().join("h.txt")).unwrap(), b"bytes");
}
