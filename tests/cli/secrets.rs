//! The key never appears in any output: every command line below runs with `-vv`, on success
//! and on failure, in table and JSON form, and every captured byte is searched.

use pletor_sim::{Config, catalog};
use serde_json::json;

use crate::harness::{World, fast_config, stderr, stdout};

const KEY: &str = "sk-live-0123456789abcdef-SECRET";

#[test]
fn the_key_never_appears_in_stdout_stderr_or_logs() {
    let world = World::with(Config {
        keys: vec![KEY.to_string()],
        ..fast_config()
    });
    world.faults(json!([
        {"method": "GET", "path": "/apps/", "kind": "status", "status": 503, "times": 1},
        {"method": "GET", "path": "/agents/", "kind": "status", "status": 500, "body": "<html>oops</html>", "content_type": "text/html", "after": 3, "times": 10}
    ]));
    let missing = "00000000-0000-4000-8000-000000000000";
    let lines: Vec<Vec<&str>> = vec![
        vec!["-vv", "agents", "list"],
        vec!["-vv", "agents", "list", "--json"],
        vec!["-vv", "agents", "show", catalog::ECHO, "--json"],
        vec!["-vv", "apps", "list"],
        vec!["-vv", "agents", "show", missing],
        vec!["-vv", "agents", "show", missing, "--json"],
        vec!["-vv", "auth", "status"],
        vec!["-vv", "auth", "status", "--json"],
        vec!["-vv", "api", "/runs/"],
        vec!["-vv", "--retries", "1", "agents", "list", "--json"],
        vec!["-vv", "--jq", ".[0]", "apps", "list"],
    ];
    for args in &lines {
        let output = world.pletor().args(args).output().unwrap();
        for (stream, text) in [("stdout", stdout(&output)), ("stderr", stderr(&output))] {
            assert!(
                !text.contains(KEY),
                "`pletor {}` leaked the key on {stream}",
                args.join(" ")
            );
            assert!(
                !text.contains("SECRET"),
                "`pletor {}` leaked part of the key on {stream}",
                args.join(" ")
            );
        }
    }
    // A wrong key, and a key given as a flag, are secrets too.
    for args in [
        vec!["-vv", "--api-key", KEY, "auth", "status"],
        vec![
            "-vv",
            "--api-key",
            "sk-wrong-SECRET-2",
            "agents",
            "list",
            "--json",
        ],
    ] {
        let output = world
            .bare()
            .env("PLETOR_API_BASE", world.sim.api_base())
            .args(&args)
            .output()
            .unwrap();
        let all = format!("{}{}", stdout(&output), stderr(&output));
        assert!(
            !all.contains("SECRET"),
            "`pletor {}` leaked a key",
            args.join(" ")
        );
    }
    // The config file is the only file that holds the key.
    world
        .bare()
        .env("PLETOR_API_BASE", world.sim.api_base())
        .args(["auth", "login", "--with-key"])
        .write_stdin(KEY)
        .assert()
        .success();
    for file in crate::harness::tree(world.home.path()) {
        let bytes = std::fs::read(world.home.path().join(&file)).unwrap();
        let holds_key = String::from_utf8_lossy(&bytes).contains(KEY);
        assert_eq!(holds_key, file == "config/config.toml", "{file}");
    }
}
