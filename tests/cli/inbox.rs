//! The review inbox: `pletor review` without a RUN. The walk on a pseudo-terminal (approve,
//! reject with a comment, skip, quit; the next review prepared meanwhile; a review answered
//! elsewhere mid-walk), `--pending` for scripts (the list, bulk decisions with and without
//! `--yes`, a 409 among them), the filters (`--agent`, `--since`, `--batch` across shards,
//! `--limit`, `--app`), and where runs and batches point at it. Each test checks what the
//! simulator received.

use std::process::Output;
use std::time::Duration;

#[cfg(unix)]
use expectrl::Expect;
use pletor_sim::{Config, catalog};
use serde_json::{Value, json};

#[cfg(unix)]
use crate::harness::pty::{expect, finish, pty};
use crate::harness::review::{
    decisions, paused_run, paused_run_about, resolved, review_id, run_id, wait_for,
};
use crate::harness::{World, expect_code, fast_config, json, stderr, stdout};

/// `pletor review ARGS` without a terminal, bounded in time, expected to exit with `code`.
#[track_caller]
fn review(world: &World, args: &[&str], code: i32) -> Output {
    expect_code(
        world
            .pletor()
            .arg("review")
            .args(args)
            .timeout(Duration::from_secs(30)),
        code,
    )
}

/// Reviewed Post runs paused for review, created one after the other (so oldest first is
/// this order), one per prompt.
fn paused_runs(world: &World, prompts: &[&str]) -> Vec<Value> {
    prompts
        .iter()
        .map(|prompt| paused_run_about(world, false, prompt))
        .collect()
}

/// The run ids of `runs`.
fn ids(runs: &[Value]) -> Vec<String> {
    runs.iter().map(run_id).collect()
}

/// The run ids of `--pending --json` output, in order.
fn listed(output: &Output) -> Vec<String> {
    json(output)
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["run_id"].as_str().unwrap().to_string())
        .collect()
}

/// The run a decision in the request log was sent for.
fn decided_run(request: &Value) -> String {
    let path = request["path"].as_str().unwrap();
    let after = path.split("/runs/").nth(1).unwrap();
    after.split('/').next().unwrap().to_string()
}

/// Whether the simulator was asked for the file of `asset`.
fn downloaded(world: &World, asset: &str) -> bool {
    let wanted = format!("/assets/{asset}/download");
    world
        .requests()
        .iter()
        .any(|r| r["path"].as_str().unwrap_or("").ends_with(&wanted))
}

/// Waits (bounded) until the simulator has the decision for `run`'s review.
fn sent_before_the_next_key(world: &World, run: &Value) {
    let path = format!("/runs/{}/reviews/{}", run_id(run), review_id(run));
    world.wait_for_request(|r| {
        r["method"] == "POST" && r["path"].as_str().unwrap_or("").ends_with(&path)
    });
}

fn draft(run: &Value) -> String {
    run["pending_reviews"][0]["asset_ids"][0]
        .as_str()
        .unwrap()
        .to_string()
}

#[cfg(unix)]
#[test]
fn the_walk_approves_rejects_skips_and_quits_sending_each_decision_at_once() {
    let world = World::new();
    let runs = paused_runs(&world, &["one", "two", "three", "four"]);
    let mut session = pty(&world, &["review", "--preview", "none"], &[]);

    let shown = expect(&mut session, "[q] quit");
    assert!(
        shown.contains(&format!(
            "Review 1 of 4 · Reviewed Post · run {}",
            run_id(&runs[0])
        )),
        "oldest first, with its position and agent: {shown}"
    );
    assert!(shown.contains("  prompt: one"), "inputs by name: {shown}");
    assert!(shown.contains(" ago"), "the run's age: {shown}");
    assert!(shown.contains("│ Post: one"), "the review's text: {shown}");
    assert!(shown.contains("image/png"), "the draft: {shown}");
    // While the first is on screen the second is prepared: its draft is fetched already.
    world.wait_for_request(|r| {
        r["path"]
            .as_str()
            .unwrap_or("")
            .ends_with(&format!("/assets/{}/download", draft(&runs[1])))
    });
    assert!(
        !downloaded(&world, &draft(&runs[2])),
        "only the next one is prepared"
    );

    session.send("a").unwrap();
    expect(
        &mut session,
        &format!("approved review {}", review_id(&runs[0])),
    );
    sent_before_the_next_key(&world, &runs[0]);

    let shown = expect(&mut session, "[q] quit");
    assert!(shown.contains("Review 2 of 4"), "{shown}");
    assert!(shown.contains("prompt: two"), "{shown}");
    session.send("r").unwrap();
    expect(&mut session, "Comment");
    session.send("too dark\r").unwrap();
    expect(
        &mut session,
        &format!("rejected review {}", review_id(&runs[1])),
    );
    sent_before_the_next_key(&world, &runs[1]);

    let shown = expect(&mut session, "[q] quit");
    assert!(shown.contains("prompt: three"), "{shown}");
    session.send("s").unwrap();
    let shown = expect(&mut session, "[q] quit");
    assert!(shown.contains("Review 4 of 4"), "{shown}");
    session.send("q").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 10, "reviews are left: {rest}");
    assert!(
        rest.contains("approved 1 · rejected 1 · skipped 1 · left 1"),
        "{rest}"
    );
    assert!(
        rest.contains("2 reviews still wait: `pletor review`"),
        "{rest}"
    );

    let sent = decisions(&world);
    assert_eq!(sent.len(), 2, "skip and quit send nothing");
    assert_eq!(decided_run(&sent[0]), run_id(&runs[0]));
    assert_eq!(sent[0]["body"], json!({"decision": "approve"}));
    assert_eq!(decided_run(&sent[1]), run_id(&runs[1]));
    assert_eq!(
        sent[1]["body"],
        json!({"decision": "reject", "comment": "too dark"})
    );
    assert_eq!(resolved(&world), 2);
    for run in &runs[2..] {
        let now = world.api("GET", &format!("/runs/{}", run_id(run)), None);
        assert_eq!(now["awaiting_human_review"], true, "still waits: {now}");
    }
    // What is left is what the next inbox shows.
    let output = review(&world, &["--pending", "--json"], 0);
    assert_eq!(listed(&output), ids(&runs[2..]));
}

#[cfg(unix)]
#[test]
fn reviews_answered_elsewhere_mid_walk_are_reported_and_the_walk_goes_on() {
    let world = World::new();
    let runs = paused_runs(&world, &["one", "two", "three"]);
    let mut session = pty(&world, &["review", "--preview", "none"], &[]);
    expect(&mut session, "[q] quit");
    // The second is prepared while the first is on screen; then both others are answered
    // through the API, as another reviewer would.
    world.wait_for_request(|r| {
        r["path"]
            .as_str()
            .unwrap_or("")
            .ends_with(&format!("/assets/{}/download", draft(&runs[1])))
    });
    for run in &runs[1..] {
        let path = format!("/runs/{}/reviews/{}", run_id(run), review_id(run));
        world.api("POST", &path, Some(json!({"decision": "approve"})));
    }
    session.send("a").unwrap();
    // The second was prepared before it was answered: the approval meets a 409.
    let shown = expect(&mut session, "[q] quit");
    assert!(shown.contains("prompt: two"), "{shown}");
    session.send("a").unwrap();
    expect(&mut session, "no longer pending (409");
    // The third is read again when its turn is prepared: answered, so not asked.
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "nothing is left: {rest}");
    assert!(rest.contains("Review 3 of 3"), "{rest}");
    assert!(rest.contains("was answered elsewhere"), "{rest}");
    assert!(
        rest.contains("approved 1 · rejected 0 · skipped 0 · left 0 · answered elsewhere 2"),
        "{rest}"
    );
    let statuses: Vec<(String, u64)> = decisions(&world)
        .iter()
        .map(|r| (decided_run(r), r["status"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            (run_id(&runs[1]), 200),
            (run_id(&runs[2]), 200),
            (run_id(&runs[0]), 200),
            (run_id(&runs[1]), 409),
        ],
        "one approval sent, one 409, none for the review found answered"
    );
}

#[test]
fn pending_json_lists_what_waits_with_run_agent_inputs_and_drafts_and_decides_nothing() {
    let world = World::new();
    let done = world.api(
        "POST",
        "/runs/",
        Some(json!({"agent_id": catalog::TEXT_TO_IMAGE,
            "inputs": [{"id": catalog::TEXT_TO_IMAGE_PROMPT, "value": "a fox"}]})),
    );
    wait_for(&world, &format!("/runs/{}", run_id(&done)), |r| {
        r["status"] == "completed"
    });
    let runs = paused_runs(&world, &["sea", "sky"]);

    let output = review(&world, &["--pending", "--json"], 0);
    let doc = json(&output);
    assert_eq!(
        listed(&output),
        ids(&runs),
        "oldest first, only the waiting"
    );
    let first = &doc[0];
    let server = &runs[0]["pending_reviews"][0];
    assert_eq!(first["review_id"], server["id"]);
    assert_eq!(first["kind"], "agent");
    assert_eq!(first["agent_id"], catalog::REVIEWED_POST);
    assert_eq!(first["agent"], "Reviewed Post");
    assert_eq!(first["inputs"], json!({"prompt": "sea"}));
    assert_eq!(first["asset_ids"], server["asset_ids"]);
    assert_eq!(first["text"], "Post: sea");
    assert_eq!(first["created_at"], runs[0]["created_at"]);

    // Without --pending and without a terminal: the same list, exit 10 and the commands.
    let output = review(&world, &[], 10);
    let table = stdout(&output);
    assert!(table.starts_with("RUN"), "{table}");
    assert!(table.contains("Post: sky"), "{table}");
    let err = stderr(&output);
    assert!(err.contains("2 reviews waiting"), "{err}");
    assert!(
        err.contains("`pletor review --pending --approve --yes`"),
        "{err}"
    );
    assert!(decisions(&world).is_empty(), "listing decides nothing");
}

#[test]
fn bulk_decisions_in_a_script_need_yes_and_nothing_is_sent_without_it() {
    let world = World::new();
    let runs = paused_runs(&world, &["one", "two", "three"]);
    let before = world.stats()["requests"].as_u64().unwrap();

    let output = review(&world, &["--pending", "--approve"], 2);
    let err = stderr(&output);
    assert!(err.contains("no terminal to ask on"), "{err}");
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(
        world.stats()["requests"].as_u64().unwrap(),
        before,
        "nothing is sent, not even the listing"
    );
    assert!(decisions(&world).is_empty());

    // One of them is answered between the listing and its decision (a 409, as when someone
    // answered it elsewhere): reported, skipped, and the others are decided.
    world.faults(json!([{
        "method": "POST",
        "path": format!("/runs/{}/reviews/", run_id(&runs[1])),
        "kind": "status",
        "status": 409,
    }]));
    let output = review(
        &world,
        &[
            "--pending",
            "--reject",
            "--comment",
            "off brand",
            "--yes",
            "--json",
        ],
        0,
    );
    let doc = json(&output);
    let outcomes: Vec<(&str, &str)> = doc["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["run_id"].as_str().unwrap(),
                r["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    let ids = ids(&runs);
    assert_eq!(
        outcomes,
        vec![
            (ids[0].as_str(), "sent"),
            (ids[1].as_str(), "already_resolved"),
            (ids[2].as_str(), "sent"),
        ]
    );
    assert_eq!(doc["counts"], json!({"sent": 2, "already_resolved": 1}));
    assert!(
        stderr(&output).contains("no longer pending (409"),
        "{}",
        stderr(&output)
    );
    let sent = decisions(&world);
    assert_eq!(sent.len(), 3);
    assert!(
        sent.iter()
            .all(|r| r["body"] == json!({"decision": "reject", "comment": "off brand"}))
    );
    assert_eq!(resolved(&world), 2);
    let output = review(&world, &["--pending", "--json"], 0);
    assert_eq!(
        listed(&output),
        vec![ids[1].clone()],
        "the faulted one waits"
    );
}

#[cfg(unix)]
#[test]
fn bulk_decisions_on_a_terminal_ask_with_the_count_first() {
    let world = World::new();
    let runs = paused_runs(&world, &["one", "two"]);
    let mut session = pty(&world, &["review", "--pending", "--approve"], &[]);
    expect(&mut session, "Approve 2 reviews of 2 runs?");
    session.send("n").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("nothing was sent"), "{rest}");
    assert!(decisions(&world).is_empty());

    let mut session = pty(&world, &["review", "--pending", "--approve"], &[]);
    expect(&mut session, "Approve 2 reviews of 2 runs?");
    session.send("y").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("approved 2 reviews"), "{rest}");
    let sent: Vec<String> = decisions(&world).iter().map(decided_run).collect();
    assert_eq!(sent, ids(&runs));
}

#[test]
fn filters_pick_by_agent_time_batch_across_shards_limit_and_kind() {
    let world = World::new();
    world.file("rows.csv", b"prompt\nred shoe\nblue shoe\ngreen shoe\n");
    let solo = paused_run_about(&world, false, "solo");
    // The batch in two shards: each process runs its rows; together they are the batch.
    let mut batch_runs: Vec<String> = Vec::new();
    for shard in ["1/2", "2/2"] {
        let output = expect_code(
            world
                .pletor()
                .args([
                    "run",
                    "Reviewed Post",
                    "--batch",
                    "rows.csv",
                    "--no-download",
                    "--shard",
                    shard,
                    "--json",
                ])
                .timeout(Duration::from_secs(60)),
            10,
        );
        let doc = json(&output);
        assert_eq!(
            doc["next_step"], "pletor review --batch rows.csv",
            "the batch names its inbox"
        );
        assert!(
            stderr(&output).contains("answer the reviews with `pletor review --batch rows.csv`"),
            "{}",
            stderr(&output)
        );
        for row in doc["rows"].as_array().unwrap() {
            assert_eq!(row["status"], "awaiting_review");
            batch_runs.push(row["run_id"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(batch_runs.len(), 3);
    let later = paused_run_about(&world, false, "later");
    let app = paused_run(&world, true);

    let all = listed(&review(&world, &["--pending", "--json"], 0));
    assert_eq!(all.len(), 5, "every agent run that waits: {all:?}");
    assert_eq!(all[0], run_id(&solo), "oldest first");
    assert_eq!(all[4], run_id(&later));

    let mut in_batch = listed(&review(
        &world,
        &["--pending", "--json", "--batch", "rows.csv"],
        0,
    ));
    in_batch.sort();
    batch_runs.sort();
    assert_eq!(in_batch, batch_runs, "every shard's rows, nothing else");

    let by_agent = listed(&review(
        &world,
        &["--pending", "--json", "--agent", "reviewed-post"],
        0,
    ));
    assert_eq!(by_agent, all);
    let none = listed(&review(
        &world,
        &["--pending", "--json", "--agent", "Text to Image"],
        0,
    ));
    assert!(none.is_empty());

    let since = later["created_at"].as_str().unwrap();
    let recent = listed(&review(
        &world,
        &["--pending", "--json", "--since", since],
        0,
    ));
    assert_eq!(recent, vec![run_id(&later)]);

    let oldest = listed(&review(&world, &["--pending", "--json", "--limit", "2"], 0));
    assert_eq!(oldest, all[..2].to_vec());

    let apps = review(&world, &["--pending", "--json", "--app"], 0);
    assert_eq!(listed(&apps), vec![run_id(&app)]);
    assert_eq!(json(&apps)[0]["app"], "Reviewed Ad");
    assert_eq!(json(&apps)[0]["app_id"], catalog::REVIEWED_AD);

    // `runs list` shows the same state, and filters on it.
    let output = world.run_expect(&["runs", "list", "--status", "awaiting_review"], 0);
    let table = stdout(&output);
    assert_eq!(
        table
            .lines()
            .filter(|l| l.contains("awaiting review"))
            .count(),
        5,
        "{table}"
    );
    let output = world.run_expect(
        &["runs", "list", "--status", "awaiting_review", "--json"],
        0,
    );
    assert_eq!(json(&output).as_array().unwrap().len(), 5);

    // `batch status` counts the rows and names the inbox.
    let output = expect_code(
        world
            .pletor()
            .args(["batch", "status", "Reviewed Post", "rows.csv"])
            .timeout(Duration::from_secs(30)),
        10,
    );
    assert!(
        stdout(&output).contains("awaiting review"),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("`pletor review --batch rows.csv`"),
        "{}",
        stderr(&output)
    );
    assert!(decisions(&world).is_empty(), "filters decide nothing");
}

#[test]
fn the_listing_reads_the_same_pages_as_runs_list() {
    let world = World::with(Config {
        max_page_size: 2,
        ..fast_config()
    });
    paused_runs(&world, &["a", "b", "c", "d", "e"]);
    let pages = |world: &World| {
        world
            .requests()
            .iter()
            .filter(|r| r["method"] == "GET" && r["path"].as_str().unwrap().ends_with("/runs/"))
            .count()
    };
    let before = pages(&world);
    let output = review(&world, &["--pending", "--json"], 0);
    assert_eq!(json(&output).as_array().unwrap().len(), 5);
    let inbox = pages(&world) - before;
    world.run_expect(
        &["runs", "list", "--status", "awaiting_review", "--json"],
        0,
    );
    let list = pages(&world) - before - inbox;
    assert_eq!(inbox, 3, "5 runs in pages of 2");
    assert_eq!(inbox, list, "the same pages as `runs list`");
}

#[test]
fn bad_inbox_input_is_a_usage_error_before_any_request() {
    let world = World::new();
    for (args, says) in [
        (&["--approve"][..], "need `--pending`"),
        (&["--pending", "--batch", "missing.csv"][..], "missing.csv"),
        (
            &["--pending", "--since", "yesterday-ish"][..],
            "yesterday-ish",
        ),
        (&["--pending", "--limit", "0"][..], "0"),
        (
            &["00000000-0000-4000-8000-000000000000", "--pending"][..],
            "--pending",
        ),
    ] {
        let output = review(&world, args, 2);
        assert!(
            stderr(&output).contains(says),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(world.stats()["requests"], 0);
}

#[test]
fn an_empty_inbox_says_so_and_exits_0() {
    let world = World::new();
    let output = review(&world, &[], 0);
    assert!(
        stderr(&output).contains("nothing waits for a review"),
        "{}",
        stderr(&output)
    );
    let output = review(&world, &["--pending", "--approve", "--yes", "--json"], 0);
    assert_eq!(
        json(&output),
        json!({"reviews": [], "counts": {"sent": 0, "already_resolved": 0}})
    );
    assert!(decisions(&world).is_empty());
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_the_walk_keeps_every_decision_made_and_names_the_way_back() {
    let world = World::new();
    let runs = paused_runs(&world, &["one", "two"]);
    let mut session = pty(&world, &["review", "--agent", "Reviewed Post"], &[]);
    expect(&mut session, "[q] quit");
    session.send("a").unwrap();
    expect(&mut session, "Review 2 of 2");
    expect(&mut session, "[q] quit");
    session.send([3u8]).unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 130, "{rest}");
    assert!(
        rest.contains("every decision made was sent; `pletor review --agent 'Reviewed Post'` shows what still waits"),
        "{rest}"
    );
    let sent: Vec<String> = decisions(&world).iter().map(decided_run).collect();
    assert_eq!(sent, vec![run_id(&runs[0])], "the approval made stays made");
    let output = review(&world, &["--pending", "--json"], 0);
    assert_eq!(listed(&output), vec![run_id(&runs[1])]);
}

#[cfg(unix)]
#[test]
fn the_open_key_hands_the_drafts_to_the_viewer_and_asks_again() {
    let world = World::new();
    let bin = world.home.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let record = world.home.path().join("opened.txt");
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" >> '{}'\n", record.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    paused_runs(&world, &["one"]);
    let mut session = pty(&world, &["review"], &[("PATH", &path)]);
    let shown = expect(&mut session, "[q] quit");
    session.send("o").unwrap();
    expect(&mut session, "[q] quit");
    let opened = std::fs::read_to_string(&record).expect("the viewer was called");
    assert_eq!(
        std::path::Path::new(opened.trim()),
        crate::harness::review::copy_path(&shown),
        "the shown copy was opened"
    );
    assert!(decisions(&world).is_empty(), "opening decides nothing");
    session.send("a").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    let folder = std::path::Path::new(opened.trim())
        .parent()
        .unwrap()
        .parent()
        .unwrap();
    assert!(
        rest.contains(&format!("review copies kept in {}", folder.display())),
        "an opened copy outlives the command: {rest}"
    );
    std::fs::remove_dir_all(folder).unwrap();
    assert_eq!(resolved(&world), 1);
}

#[test]
fn app_runs_are_decided_at_their_own_path() {
    let world = World::new();
    let app = paused_run(&world, true);
    paused_runs(&world, &["agent run"]);
    let output = review(
        &world,
        &["--pending", "--app", "--approve", "--yes", "--json"],
        0,
    );
    assert_eq!(
        json(&output)["counts"],
        json!({"sent": 1, "already_resolved": 0})
    );
    let sent = decisions(&world);
    assert_eq!(sent.len(), 1, "only the app run");
    assert!(
        sent[0]["path"].as_str().unwrap().ends_with(&format!(
            "/app-runs/{}/reviews/{}",
            run_id(&app),
            review_id(&app)
        )),
        "{}",
        sent[0]["path"]
    );
}
