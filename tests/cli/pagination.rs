//! Lists against servers that page in every common way, list oldest first, or never end: every
//! item shown (or a warning with both numbers), the newest runs and assets first, and an endless
//! listing stopped at the page cap within seconds.

use std::time::{Duration, Instant};

use pletor_sim::{Config, Paging, catalog};
use serde_json::{Value, json};

use crate::harness::{World, expect_code, fast_config, json, stderr, stdout};

/// The page cap `pletor` documents: a listing still going after this many pages is stopped.
const PAGE_CAP: usize = 200;

/// Requests the simulator received on `path` (relative to the API base).
fn requests_to(world: &World, path: &str) -> Vec<Value> {
    let full = format!("/api/public/v1{path}");
    world
        .requests()
        .into_iter()
        .filter(|r| r["path"] == full.as_str())
        .collect()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON list")
        .iter()
        .map(|item| item["id"].as_str().expect("an id").to_string())
        .collect()
}

/// What the later pages of each shape carry in their query: proof the shape was followed, not
/// the first page asked for again with a bigger limit.
fn continuation(paging: Paging) -> &'static str {
    match paging {
        Paging::HasMore => "starting_after=",
        Paging::NextCursor | Paging::Cursor => "cursor=c",
        Paging::NextUrl | Paging::Link => "page_token=c",
        Paging::Pages => "page_size=2",
        Paging::PagesSize => "size=2",
        Paging::Offset => "offset=",
        Paging::TotalOnly => unreachable!("no way to a next page"),
    }
}

fn pageable() -> impl Iterator<Item = Paging> {
    Paging::ALL
        .into_iter()
        .map(|(paging, _)| paging)
        .filter(|paging| *paging != Paging::TotalOnly)
}

#[test]
fn every_paging_shape_lists_every_agent_and_finds_one_on_the_last_page_by_name() {
    let all = [
        catalog::TEXT_TO_IMAGE,
        catalog::PRODUCT_SHOT,
        catalog::REVIEWED_POST,
        catalog::ECHO,
        catalog::ALWAYS_FAILS,
    ];
    for paging in pageable() {
        let world = World::with(Config {
            max_page_size: 2,
            paging,
            ..fast_config()
        });
        let output = world.run_expect(&["agents", "list", "--json"], 0);
        assert_eq!(ids(&json(&output)), all, "{paging:?}");
        assert!(
            !stderr(&output).contains("warning"),
            "{paging:?}: {}",
            stderr(&output)
        );
        let pages = requests_to(&world, "/agents/");
        assert_eq!(
            pages.len(),
            3,
            "{paging:?}: 5 agents in pages of 2: {pages:?}"
        );
        for page in &pages[1..] {
            let query = page["query"].as_str().unwrap();
            assert!(query.contains(continuation(paging)), "{paging:?}: {query}");
        }

        // Always Fails is on the third page: found by name, planned, nothing spent.
        let output = world.run_expect(&["run", "Always Fails", "--dry-run"], 0);
        assert!(
            stdout(&output).contains(catalog::ALWAYS_FAILS),
            "{paging:?}: {}",
            stdout(&output)
        );
        assert_eq!(world.stats()["runs_created"], 0);

        let output = world.run_expect(&["agents", "list"], 0);
        assert!(stdout(&output).contains("Always Fails"), "{paging:?}");
    }
}

#[test]
fn a_list_whose_pages_cannot_be_followed_warns_with_both_numbers() {
    let world = World::with(Config {
        max_page_size: 2,
        paging: Paging::TotalOnly,
        ..fast_config()
    });
    let output = world.run_expect(&["agents", "list", "--json"], 0);
    // stdout stays the list (what could be fetched); the warning goes to stderr.
    assert_eq!(json(&output).as_array().unwrap().len(), 2);
    let err = stderr(&output);
    assert!(
        err.contains("warning:") && err.contains("holds 5 but only 2 could be fetched"),
        "{err}"
    );
    assert_eq!(requests_to(&world, "/agents/").len(), 1);

    let output = world.run_expect(&["agents", "list"], 0);
    assert!(
        stderr(&output).contains("holds 5 but only 2"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_next_page_on_another_host_is_not_followed_and_the_list_says_so() {
    let world = World::new();
    let page = json!({"data": [{"id": catalog::TEXT_TO_IMAGE, "name": "Text to Image"}], "total": 5,
        "next": "http://169.254.1.1:9/api/public/v1/agents/?page=2"});
    world.faults(
        json!([{"method": "GET", "path": "/agents/", "kind": "status", "status": 200,
        "body": page.to_string(), "content_type": "application/json"}]),
    );
    let output = world.run_expect(&["agents", "list", "--json"], 0);
    assert_eq!(ids(&json(&output)), [catalog::TEXT_TO_IMAGE]);
    let err = stderr(&output);
    assert!(
        err.contains("holds 5 but only 1") && err.contains("another origin"),
        "{err}"
    );
    assert_eq!(requests_to(&world, "/agents/").len(), 1);
}

/// A world with 35 agent runs, created a second apart; their ids, oldest first.
fn thirty_five_runs(config: Config) -> (World, Vec<String>) {
    let world = World::with(config);
    let mut created = Vec::new();
    for n in 0..35 {
        let run = world.api(
            "POST",
            "/runs/",
            Some(
                json!({"agent_id": catalog::TEXT_TO_IMAGE, "external_id": format!("k-{n}"),
                "inputs": [{"id": catalog::TEXT_TO_IMAGE_PROMPT, "value": format!("p{n}")}]}),
            ),
        );
        created.push(run["id"].as_str().expect("a run id").to_string());
        world.sim.advance_clock(Duration::from_secs(1));
    }
    (world, created)
}

#[test]
fn runs_list_shows_the_newest_runs_newest_first_in_either_order_and_shape() {
    for paging in [Paging::HasMore, Paging::Pages, Paging::Offset, Paging::Link] {
        for oldest_first in [false, true] {
            let case = format!("{paging:?}, oldest first: {oldest_first}");
            let (world, created) = thirty_five_runs(Config {
                max_page_size: 10,
                paging,
                oldest_first,
                ..fast_config()
            });
            let newest: Vec<String> = created.iter().rev().cloned().collect();

            let output = world.run_expect(&["runs", "list", "--json"], 0);
            assert_eq!(ids(&json(&output)), newest[..30], "{case}");

            let before = requests_to(&world, "/runs/").len();
            let output = world.run_expect(&["runs", "list", "--limit", "2", "--json"], 0);
            assert_eq!(ids(&json(&output)), newest[..2], "{case}");
            let pages = requests_to(&world, "/runs/").len() - before;
            if oldest_first && matches!(paging, Paging::Pages | Paging::Offset) {
                assert!(
                    pages <= 2,
                    "{case}: jumped to the last page: {pages} requests"
                );
            }

            let output = world.run_expect(&["runs", "list"], 0);
            let table = stdout(&output);
            let rows: Vec<&str> = table.lines().skip(1).collect();
            assert_eq!(rows.len(), 30, "{case}: {table}");
            assert!(rows[0].contains(&newest[0]), "{case}: {table}");
            assert!(
                !table.contains(&created[4]),
                "{case}: the oldest five are not shown"
            );
        }
    }
}

#[test]
fn assets_list_shows_the_newest_assets_newest_first_in_either_order() {
    for oldest_first in [false, true] {
        let world = World::with(Config {
            max_page_size: 2,
            oldest_first,
            ..fast_config()
        });
        let mut created = Vec::new();
        for n in 0..5 {
            let asset = world.admin_post(
                "assets",
                json!({"filename": format!("a{n}.txt"), "content_base64": "aGVsbG8="}),
            );
            created.push(asset["id"].as_str().unwrap().to_string());
            world.sim.advance_clock(Duration::from_secs(1));
        }
        let newest: Vec<String> = created.iter().rev().cloned().collect();
        let output = world.run_expect(&["assets", "list", "--json"], 0);
        assert_eq!(ids(&json(&output)), newest, "oldest first: {oldest_first}");
        let output = world.run_expect(&["assets", "list", "--limit", "2", "--json"], 0);
        assert_eq!(
            ids(&json(&output)),
            newest[..2],
            "oldest first: {oldest_first}"
        );
        let output = world.run_expect(&["assets", "list", "--limit", "2"], 0);
        let table = stdout(&output);
        assert!(table.lines().nth(1).unwrap().contains("a4.txt"), "{table}");
    }
}

/// Runs `pletor ARGS` against endless pages and checks the bound: exit 1 naming the cap, at
/// most the cap's requests, well within 10 seconds.
fn stopped_at_the_cap(world: &World, args: &[&str]) -> String {
    let before = requests_to(world, "/agents/").len();
    let started = Instant::now();
    let output = expect_code(world.pletor().args(args), 1);
    let took = started.elapsed();
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "did not end within {PAGE_CAP} pages (the page cap)"
        )),
        "{err}"
    );
    let pages = requests_to(world, "/agents/").len() - before;
    assert!(pages <= PAGE_CAP, "{pages} requests");
    assert!(
        pages >= PAGE_CAP / 2,
        "{pages} requests: the cap is what stopped it"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert!(stdout(&output).is_empty() || args.contains(&"--json"));
    err
}

#[test]
fn endless_pages_end_at_the_page_cap_within_seconds() {
    for paging in [Paging::HasMore, Paging::NextUrl, Paging::Pages] {
        let world = World::with(Config {
            paging,
            ..fast_config()
        });
        world.faults(
            json!([{"method": "GET", "path": "/agents/", "kind": "endless_pages", "times": 100000}]),
        );
        stopped_at_the_cap(&world, &["agents", "list", "--all"]);
        // Resolving a name reads the whole catalog: the same cap holds, and nothing is spent.
        stopped_at_the_cap(&world, &["run", "No Such Agent", "-i", "prompt=x"]);
        assert_eq!(world.stats()["runs_created"], 0);
    }
}

#[test]
fn a_repeated_cursor_page_or_link_ends_the_listing_at_once() {
    for paging in pageable() {
        let world = World::with(Config {
            paging,
            ..fast_config()
        });
        world.faults(
            json!([{"method": "GET", "path": "/agents/", "kind": "endless_pages",
            "same_cursor": true, "times": 100000}]),
        );
        let output = world.run_expect(&["agents", "list", "--all", "--json"], 1);
        let err = stderr(&output);
        assert!(err.contains("the list repeats"), "{paging:?}: {err}");
        assert_eq!(json(&output)["error"]["code"], "endless_list", "{paging:?}");
        let pages = requests_to(&world, "/agents/").len();
        assert!(pages <= 2, "{paging:?}: {pages} requests");
    }
}

#[test]
fn a_status_that_is_not_one_of_the_apis_exits_2_with_the_closest_one() {
    let world = World::new();
    let output = world.run_expect(&["runs", "list", "--status", "complete"], 2);
    let err = stderr(&output);
    assert!(err.contains("did you mean `completed`?"), "{err}");
    assert!(
        err.contains("pending, running, awaiting_review, completed, failed, cancelled"),
        "{err}"
    );
    assert!(world.requests().is_empty(), "nothing was asked of the API");
    // Both spellings of the API's own statuses still filter.
    world.run_expect(&["runs", "list", "--status", "Canceled"], 0);
    world.run_expect(&["runs", "list", "--status", "failed"], 0);
}
