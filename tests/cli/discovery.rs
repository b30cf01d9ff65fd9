//! Discovery: `agents`, `apps`, `--json`, `--jq`, pagination and `pletor api`.

use pletor_sim::catalog;
use serde_json::{Value, json};

use crate::harness::{World, expect_code, json, stderr, stdout};

#[test]
fn agents_list_prints_the_catalog_as_aligned_columns_when_piped() {
    let world = World::new();
    let output = world.run_expect(&["agents", "list"], 0);
    let text = stdout(&output);
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with("ID") && header.contains("NAME") && header.contains("COST"),
        "{text}"
    );
    assert!(!text.contains('│'), "no borders when piped: {text}");
    for name in [
        "Text to Image",
        "Product Shot",
        "Reviewed Post",
        "Echo",
        "Always Fails",
    ] {
        assert!(text.contains(name), "{name} missing from {text}");
    }
    assert!(text.contains(catalog::TEXT_TO_IMAGE));
}

#[test]
fn agents_list_json_prints_the_server_objects_unchanged() {
    let world = World::new();
    let output = world.run_expect(&["agents", "list", "--json"], 0);
    let agents = json(&output);
    let served = world.api("GET", "/agents/", None);
    assert_eq!(
        agents, served["data"],
        "the CLI must not reshape server objects"
    );
    assert!(
        agents
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a.get("inputs").is_some())
    );
}

#[test]
fn agents_list_filters_by_tag_and_visibility() {
    let world = World::new();
    let all = json(
        &world
            .pletor()
            .args(["agents", "list", "--json"])
            .output()
            .unwrap(),
    );
    let tag = all[0]["tags"][0].as_str().unwrap().to_string();
    let output = world
        .pletor()
        .args(["agents", "list", "--json", "--tag", &tag])
        .output()
        .unwrap();
    let tagged = json(&output);
    assert!(!tagged.as_array().unwrap().is_empty());
    for agent in tagged.as_array().unwrap() {
        assert!(
            agent["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == tag.as_str()),
            "{agent}"
        );
    }
    let output = world
        .pletor()
        .args(["agents", "list", "--json", "--visibility", "PUBLIC"])
        .output()
        .unwrap();
    for agent in json(&output).as_array().unwrap() {
        assert_eq!(agent["visibility"], "PUBLIC");
    }
    let query_sent = world.requests().iter().any(|r| {
        r["query"]
            .as_str()
            .unwrap_or("")
            .contains("visibility=PUBLIC")
    });
    assert!(query_sent, "the filter goes to the server too");
}

#[test]
fn limit_and_all_follow_the_cursor_across_pages() {
    let world = World::new();
    // The first page comes from a fault rule and says there is more; the rest from the catalog.
    let first = json!({"data": [{"id": catalog::TEXT_TO_IMAGE, "name": "Text to Image"}], "has_more": true});
    world.faults(
        json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 200,
        "body": first.to_string(), "content_type": "application/json", "times": 1}]),
    );
    let output = world.run_expect(&["agents", "list", "--json", "--all"], 0);
    let ids: Vec<String> = json(&output)
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 5, "{ids:?}");
    assert_eq!(ids[0], catalog::TEXT_TO_IMAGE);
    let pages: Vec<Value> = world
        .requests()
        .into_iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with("/agents/"))
        .collect();
    assert_eq!(pages.len(), 2);
    let cursor = format!("starting_after={}", catalog::TEXT_TO_IMAGE);
    assert!(
        pages[1]["query"].as_str().unwrap().contains(&cursor),
        "{pages:?}"
    );

    let output = world
        .pletor()
        .args(["agents", "list", "--json", "--limit", "3"])
        .output()
        .unwrap();
    assert_eq!(json(&output).as_array().unwrap().len(), 3);
    let last = world.requests().pop().unwrap();
    assert!(
        last["query"].as_str().unwrap().contains("limit=3"),
        "only what is needed is asked: {last}"
    );
}

#[test]
fn agents_show_lists_the_keys_to_pass_with_dash_i() {
    let world = World::new();
    let output = world.run_expect(&["agents", "show", catalog::PRODUCT_SHOT], 0);
    let text = stdout(&output);
    assert!(text.contains("Product Shot"));
    assert!(text.contains("prompt") && text.contains("text_input"));
    assert!(text.contains("product") && text.contains("image_input") && text.contains("@file"));
    assert!(
        text.contains(&format!("pletor run {}", catalog::PRODUCT_SHOT)),
        "{text}"
    );
    let output = world
        .pletor()
        .args(["agents", "show", catalog::PRODUCT_SHOT, "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&output)["id"], catalog::PRODUCT_SHOT);
}

#[test]
fn apps_list_and_show_work_like_agents() {
    let world = World::new();
    let output = world.run_expect(&["apps", "list"], 0);
    assert!(stdout(&output).contains("Social Post") && stdout(&output).contains("Reviewed Ad"));
    let output = world
        .pletor()
        .args(["apps", "show", catalog::SOCIAL_POST])
        .output()
        .unwrap();
    assert!(stdout(&output).contains("topic"));
    assert!(stdout(&output).contains(&format!("pletor app-run {}", catalog::SOCIAL_POST)));
}

#[test]
fn jq_filters_the_json_output_and_prints_strings_raw() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "agents",
            "list",
            "--jq",
            ".[] | select(.name == \"Echo\") | .id",
        ],
        0,
    );
    assert_eq!(stdout(&output), format!("{}\n", catalog::ECHO));
    let output = world
        .pletor()
        .args(["agents", "list", "--jq", "length"])
        .output()
        .unwrap();
    assert_eq!(stdout(&output), "5\n");
}

#[test]
fn a_bad_jq_filter_fails_before_any_request() {
    let world = World::new();
    let output = world.run_expect(&["agents", "list", "--jq", ".[ | nope("], 2);
    assert!(
        stderr(&output).contains("invalid jq filter"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        stdout(&output),
        "",
        "under `--jq` the error is on stderr only"
    );
    assert_eq!(world.stats()["requests"], 0);
    let output = world.run_expect(&["agents", "list", "--json", "--jq", ".[ | nope("], 2);
    assert_eq!(stdout(&output), "", "`--jq` decides, even with `--json`");
}

#[test]
fn an_unknown_agent_exits_5_with_a_json_error_document() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "agents",
            "show",
            "00000000-0000-4000-8000-000000000000",
            "--json",
        ],
        5,
    );
    let doc = json(&output);
    assert_eq!(doc["error"]["code"], "not_found");
    assert_eq!(doc["error"]["status"], 404);
    assert!(doc["error"]["hint"].as_str().is_some());
    assert!(stderr(&output).starts_with("error: "));
}

#[test]
fn api_gets_any_path_and_posts_json_bodies() {
    let world = World::new();
    let output = world.run_expect(&["api", "agents/"], 0);
    assert_eq!(json(&output)["data"].as_array().unwrap().len(), 5);

    let body = json!({"agent_id": catalog::TEXT_TO_IMAGE, "external_id": "api-1",
        "inputs": [{"id": catalog::TEXT_TO_IMAGE_PROMPT, "value": "a fox"}]});
    let path = world.file("body.json", body.to_string().as_bytes());
    let output = expect_code(
        world
            .pletor()
            .args(["api", "-X", "POST", "/runs/", "--input"])
            .arg(&path),
        0,
    );
    assert_eq!(json(&output)["external_id"], "api-1");
    assert_eq!(world.stats()["runs_created"], 1);

    let output = world
        .pletor()
        .args(["api", "/runs/", "-f", "external_id=api-1", "-X", "GET"])
        .output()
        .unwrap();
    assert_eq!(json(&output)["data"][0]["external_id"], "api-1");

    world.run_expect(&["api", "/runs/00000000-0000-4000-8000-000000000000"], 5);
}

#[test]
fn api_reports_validation_errors_as_loc_and_msg_lines_with_exit_2() {
    let world = World::new();
    let body = json!({"agent_id": catalog::TEXT_TO_IMAGE, "inputs": [{"id": "nope", "value": 3}]});
    let path = world.file("bad.json", body.to_string().as_bytes());
    let output = expect_code(
        world.pletor().args(["api", "/runs/", "--input"]).arg(&path),
        2,
    );
    assert!(
        stderr(&output).contains("body.inputs.0"),
        "{}",
        stderr(&output)
    );
    assert_eq!(world.stats()["runs_created"], 0);
}
