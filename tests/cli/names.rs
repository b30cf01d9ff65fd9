//! Addressing agents and apps by name, slug or id prefix; lists people can read (names, newest
//! first, `--agent`, `--since`); and `--jq` formats and compile errors.

use pletor_sim::{Config, catalog};
use serde_json::{Value, json};

use crate::harness::{World, fast_config, json, stderr, stdout};

/// Requests the simulator received on `path` (relative to the API base), with their query.
fn requests_to(world: &World, path: &str) -> Vec<Value> {
    let full = format!("/api/public/v1{path}");
    world
        .requests()
        .into_iter()
        .filter(|r| r["path"] == full.as_str())
        .collect()
}

#[test]
fn agents_and_apps_are_found_by_name_slug_or_id_prefix_wherever_one_is_taken() {
    let world = World::new();
    for text in [
        "Product Shot",
        "product shot",
        "product-shot",
        "5a1b0c2d-0002",
        "5a1b0c2d0002",
    ] {
        let output = world.run_expect(&["agents", "show", text, "--json"], 0);
        assert_eq!(json(&output)["id"], catalog::PRODUCT_SHOT, "{text}");
    }
    let output = world.run_expect(&["apps", "show", "social-post", "--json"], 0);
    assert_eq!(json(&output)["id"], catalog::SOCIAL_POST);
    let output = world.run_expect(
        &[
            "app-run",
            "Social Post",
            "-i",
            "topic=spring",
            "--no-download",
            "--json",
        ],
        0,
    );
    assert_eq!(json(&output)["run"]["app_id"], catalog::SOCIAL_POST);
    let output = world.run_expect(
        &[
            "run",
            "text-to-image",
            "-i",
            "prompt=a fox",
            "--no-download",
            "--json",
        ],
        0,
    );
    assert_eq!(json(&output)["run"]["agent_id"], catalog::TEXT_TO_IMAGE);
}

#[test]
fn an_ambiguous_prefix_exits_2_listing_the_candidates_and_creates_nothing() {
    let world = World::new();
    let output = world.run_expect(&["run", "5a1b0c2d", "-i", "prompt=x"], 2);
    let err = stderr(&output);
    assert!(err.contains("`5a1b0c2d` matches 5 agents"), "{err}");
    for name in catalog::entries(catalog::Kind::Agent).map(|e| e.name) {
        assert!(err.contains(&format!("`{name}`")), "{name}: {err}");
    }
    assert_eq!(world.stats()["runs_created"], 0);
}

#[test]
fn no_match_exits_5_with_did_you_mean_and_never_sends_the_text_as_an_id() {
    let world = World::new();
    let output = world.run_expect(&["run", "prodct shot", "-i", "prompt=x", "--json"], 5);
    let doc = json(&output);
    assert_eq!(doc["error"]["code"], "not_found");
    assert_eq!(
        doc["error"]["hint"],
        "did you mean `Product Shot`? `pletor agents list` shows every agent"
    );
    let output = world.run_expect(&["apps", "show", "not-a-uuid"], 5);
    assert!(
        stderr(&output).contains("`pletor apps list` shows every app"),
        "{}",
        stderr(&output)
    );
    world.run_expect(&["runs", "list", "--agent", "nope"], 5);
    // Only the catalog lists were asked: no path carried the typed text, so no 422.
    for request in world.requests() {
        let path = request["path"].as_str().unwrap();
        assert!(
            path.ends_with("/agents/") || path.ends_with("/apps/"),
            "{path} was requested"
        );
        assert_ne!(request["status"], 422);
    }
}

#[test]
fn the_catalog_is_fetched_once_per_invocation_across_every_page() {
    let world = World::with(Config {
        max_page_size: 2,
        ..fast_config()
    });
    world.run_expect(&["run", "always-fails", "--no-download"], 3);
    let before = requests_to(&world, "/agents/").len();
    assert_eq!(before, 3, "5 agents in pages of 2, each page once");
    // `--agent` resolves by name and the table names agents: still one listing of the catalog.
    let output = world.run_expect(&["runs", "list", "--agent", "Always Fails"], 0);
    assert!(
        stdout(&output).contains("Always Fails"),
        "{}",
        stdout(&output)
    );
    let pages = requests_to(&world, "/agents/");
    assert_eq!(pages.len() - before, 3, "{pages:?}");
    assert!(
        pages[before + 2]["query"]
            .as_str()
            .unwrap()
            .contains("starting_after=")
    );
}

#[test]
fn runs_list_is_newest_first_whatever_the_server_order_and_names_agents() {
    let world = World::new();
    let created = |at: &str, agent: &str, id: &str| json!({"id": id, "agent_id": agent, "status": "completed", "created_at": at, "external_id": null});
    // The server answers oldest first (a fault serves the page).
    let page = json!({"data": [
        created("2026-01-01T00:00:00.000001Z", catalog::TEXT_TO_IMAGE, "00000000-0000-4000-8000-00000000000a"),
        created("2026-03-01T00:00:00Z", catalog::ECHO, "00000000-0000-4000-8000-00000000000c"),
        created("2026-02-01T00:00:00Z", catalog::PRODUCT_SHOT, "00000000-0000-4000-8000-00000000000b"),
    ], "has_more": false});
    let serve = || {
        world.faults(
            json!([{"method": "GET", "path": "/runs/", "kind": "status", "status": 200,
            "body": page.to_string(), "content_type": "application/json"}]),
        )
    };
    serve();
    let output = world.run_expect(&["runs", "list"], 0);
    let text = stdout(&output);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert!(
        rows[0].contains("-00000000000c") && rows[0].contains("Echo"),
        "{text}"
    );
    assert!(
        rows[1].contains("-00000000000b") && rows[1].contains("Product Shot"),
        "{text}"
    );
    assert!(
        rows[2].contains("-00000000000a") && rows[2].contains("Text to Image"),
        "{text}"
    );

    serve();
    let output = world.run_expect(&["runs", "list", "--json"], 0);
    let listed = json(&output);
    assert_eq!(listed[0]["id"], "00000000-0000-4000-8000-00000000000c");
    assert_eq!(listed[0]["agent_id"], catalog::ECHO, "ids stay in --json");

    serve();
    let output = world.run_expect(
        &[
            "runs",
            "list",
            "--since",
            "2026-01-15",
            "--agent",
            "product-shot",
            "--json",
        ],
        0,
    );
    let listed = json(&output);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["id"], "00000000-0000-4000-8000-00000000000b");
}

#[test]
fn runs_list_since_a_duration_keeps_recent_runs_and_refuses_nonsense() {
    let world = World::new();
    world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=a",
            "--no-download",
        ],
        0,
    );
    let output = world.run_expect(&["runs", "list", "--since", "1h", "--json"], 0);
    assert_eq!(json(&output).as_array().unwrap().len(), 1);
    let later = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(1))
        .unwrap()
        .to_string();
    let output = world.run_expect(&["runs", "list", "--since", &later, "--json"], 0);
    assert_eq!(json(&output), json!([]));
    let output = world.run_expect(&["runs", "list", "--since", "last tuesday"], 2);
    assert!(
        stderr(&output).contains("neither a duration"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn runs_show_names_the_agent_and_the_inputs() {
    let world = World::new();
    world.run_expect(&["run", "always-fails", "-i", "prompt=boom"], 3);
    let id = world.api("GET", "/runs/", None)["data"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let output = world.run_expect(&["runs", "show", &id], 0);
    let text = stdout(&output);
    assert!(
        text.contains(&format!(
            "Agent:       Always Fails ({})",
            catalog::ALWAYS_FAILS
        )),
        "{text}"
    );
    assert!(text.contains("  prompt: boom"), "{text}");
    let output = world.run_expect(&["runs", "show", &id, "--json"], 0);
    assert_eq!(
        json(&output)["inputs"][0]["id"],
        catalog::ALWAYS_FAILS_PROMPT
    );
}

#[test]
fn jq_formats_work_like_jq() {
    let world = World::new();
    let filter = ".[0:2][] | [.name, .estimated_cost]";
    let cases = [
        ("@csv", "\"Text to Image\",2\n\"Product Shot\",4\n"),
        ("@tsv", "Text to Image\t2\nProduct Shot\t4\n"),
        ("@json", "[\"Text to Image\",2]\n[\"Product Shot\",4]\n"),
        ("@text", "[\"Text to Image\",2]\n[\"Product Shot\",4]\n"),
        ("@sh", "'Text to Image' 2\n'Product Shot' 4\n"),
        (
            "@base64",
            "WyJUZXh0IHRvIEltYWdlIiwyXQ==\nWyJQcm9kdWN0IFNob3QiLDRd\n",
        ),
        (
            "@uri",
            "%5B%22Text%20to%20Image%22%2C2%5D\n%5B%22Product%20Shot%22%2C4%5D\n",
        ),
    ];
    for (format, expected) in cases {
        let output = world.run_expect(
            &["agents", "list", "--jq", &format!("{filter} | {format}")],
            0,
        );
        assert_eq!(stdout(&output), expected, "{format}");
    }
}

#[test]
fn a_jq_filter_that_does_not_compile_says_why_and_where() {
    let world = World::new();
    for (filter, words) in [
        (".[] | nope(1)", "undefined filter `nope/1` at column 7"),
        (".[ | .id", "unclosed `[` at column 2"),
        (".[] | @xyz", "undefined filter `@xyz/0` at column 7"),
    ] {
        let output = world.run_expect(&["agents", "list", "--jq", filter], 2);
        let err = stderr(&output);
        assert!(err.contains(words), "{filter}: {err}");
        assert!(
            !err.contains("File {") && !err.contains("Filter("),
            "no debug dump: {err}"
        );
    }
    assert_eq!(world.stats()["requests"], 0);
}

#[test]
fn a_run_is_found_by_the_id_prefix_its_file_names_carry() {
    let world = World::new();
    let output = world.run_expect(
        &["run", "text-to-image", "-i", "prompt=a fox", "-o", "out"],
        0,
    );
    // `out/text-to-image-<first 8 hex digits of the run id>-image.png`
    let saved = stdout(&output);
    let prefix = saved
        .trim()
        .strip_prefix("out/text-to-image-")
        .and_then(|rest| rest.split('-').next())
        .unwrap_or_else(|| panic!("{saved}"))
        .to_string();
    assert_eq!(prefix.len(), 8, "{saved}");
    let id = world.api("GET", "/runs/", None)["data"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(id.starts_with(&prefix));

    let output = world.run_expect(&["runs", "show", &prefix, "--json"], 0);
    assert_eq!(json(&output)["id"], id.as_str());
    world.run_expect(
        &["runs", "wait", &prefix.to_uppercase(), "--no-download"],
        0,
    );
    let output = world.run_expect(&["download", "--run", &prefix, "-o", "again"], 0);
    assert!(
        stdout(&output).contains(&format!("again/text-to-image-{prefix}-image.png")),
        "{}",
        stdout(&output)
    );
    // A full id in capitals is the same run.
    let output = world.run_expect(&["runs", "show", &id.to_uppercase(), "--json"], 0);
    assert_eq!(json(&output)["id"], id.as_str());
}

#[test]
fn a_run_argument_that_is_no_id_is_refused_and_an_unknown_prefix_is_not_found() {
    let world = World::new();
    let output = world.run_expect(&["runs", "show", "d61ca81"], 2);
    assert!(
        stderr(&output).contains("`d61ca81` is not a run id"),
        "{}",
        stderr(&output)
    );
    world.run_expect(&["review", "latest"], 2);
    let output = world.run_expect(&["runs", "wait", "0123abcd", "--json"], 5);
    assert_eq!(json(&output)["error"]["code"], "not_found");
    for (args, code) in [
        (&["assets", "show", "abc"][..], 2),
        (&["download", "abc", "-o", "never"][..], 2),
    ] {
        let output = world.run_expect(args, code);
        assert!(
            stderr(&output).contains("`abc` is not an asset id"),
            "{}",
            stderr(&output)
        );
    }
    assert!(!world.work().join("never").exists(), "no folder for a typo");
    // The typed text never reached the server in a path: only the listings were read.
    for request in world.requests() {
        let path = request["path"].as_str().unwrap();
        assert!(
            path.ends_with("/runs/") || path.ends_with("/app-runs/"),
            "{path} was requested"
        );
    }
}

#[test]
fn a_run_prefix_shared_by_two_runs_lists_both() {
    let world = World::new();
    let run = |id: &str| json!({"id": id, "agent_id": catalog::ECHO, "status": "completed", "created_at": "2026-03-01T00:00:00Z"});
    let page = json!({"data": [
        run("abcdef12-0000-4000-8000-00000000000a"),
        run("abcdef12-0000-4000-8000-00000000000b"),
        run("99999999-0000-4000-8000-00000000000c"),
    ], "has_more": false});
    world.faults(
        json!([{"method": "GET", "path": "/runs/", "kind": "status", "status": 200,
        "body": page.to_string(), "content_type": "application/json"}]),
    );
    let output = world.run_expect(&["runs", "show", "abcdef12"], 2);
    let err = stderr(&output);
    assert!(err.contains("`abcdef12` starts 2 run ids"), "{err}");
    assert!(
        err.contains("-00000000000a") && err.contains("-00000000000b"),
        "{err}"
    );
}
