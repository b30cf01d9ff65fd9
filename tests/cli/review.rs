//! Human reviews: `pletor review` on a pseudo-terminal (approve, reject with a comment, skip,
//! quit, Ctrl-C, `--open`), and without one (exit 10 with the command, decision flags, `--json`,
//! `--body`, the 409 and not-awaiting rules, app runs). Each test checks what the simulator got.

use std::process::Output;
use std::time::{Duration, Instant};

#[cfg(unix)]
use expectrl::Expect;
use pletor_sim::catalog;
use serde_json::json;

#[cfg(unix)]
use crate::harness::pty::{expect, finish, pty};
use crate::harness::review::{
    copy_path, decisions, paused_run, paused_run_about, resolved, review_id, run_id, wait_for,
};
use crate::harness::{World, expect_code, json, stderr, stdout};

#[cfg(unix)]
#[test]
fn review_on_a_terminal_shows_the_draft_and_sends_an_approval() {
    let world = World::new();
    let run = paused_run(&world, false);
    let (id, review) = (run_id(&run), review_id(&run));
    let asset = run["pending_reviews"][0]["asset_ids"][0]
        .as_str()
        .unwrap()
        .to_string();
    let mut session = pty(&world, &["review", &id], &[]);
    let shown = expect(&mut session, "Approve");
    assert!(
        shown.contains(&format!("Review 1 of 1 · {review}")),
        "{shown}"
    );
    assert!(
        shown.contains("Post: sea"),
        "the text is shown in full: {shown}"
    );
    assert!(
        shown.contains("image/png"),
        "the file's type is shown: {shown}"
    );
    let copy = copy_path(&shown);
    let served = world.api("GET", &format!("/assets/{asset}"), None);
    let bytes =
        std::fs::read(&copy).unwrap_or_else(|e| panic!("no copy at {}: {e}", copy.display()));
    assert_eq!(
        bytes.len() as u64,
        served["size"].as_u64().unwrap(),
        "the copy is whole"
    );
    session.send("\r").unwrap();
    expect(&mut session, &format!("approved review {review}"));
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    assert!(
        rest.contains(&format!("run {id} is")) || rest.contains(&format!("run {id} has")),
        "the new state is reported: {rest}"
    );
    assert!(!copy.exists(), "the copy is temporary: {}", copy.display());

    let sent = decisions(&world);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["body"], json!({"decision": "approve"}));
    assert!(
        sent[0]["path"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/runs/{id}/reviews/{review}"))
    );
    assert_eq!(resolved(&world), 1);
    let done = wait_for(&world, &format!("/runs/{id}"), |r| {
        r["status"] == "completed"
    });
    assert!(
        done["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["asset_id"] == asset.as_str())
    );
}

#[cfg(unix)]
#[test]
fn review_on_a_terminal_sends_a_rejection_with_the_typed_comment() {
    let world = World::new();
    let run = paused_run(&world, false);
    let (id, review) = (run_id(&run), review_id(&run));
    let mut session = pty(&world, &["review", &id], &[]);
    expect(&mut session, "Quit");
    session.send("j").unwrap();
    session.send("\r").unwrap();
    expect(&mut session, "Comment");
    session.send("too dark\r").unwrap();
    expect(&mut session, &format!("rejected review {review}"));
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");

    let sent = decisions(&world);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0]["body"],
        json!({"decision": "reject", "comment": "too dark"})
    );
    assert_eq!(resolved(&world), 1);
    let done = wait_for(&world, &format!("/runs/{id}"), |r| {
        r["status"] == "completed"
    });
    assert!(
        done["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r.get("asset_id").is_none()),
        "rejected draft dropped"
    );
}

#[cfg(unix)]
#[test]
fn skipping_and_quitting_on_a_terminal_send_nothing_and_leave_the_review_pending() {
    let world = World::new();
    let run = paused_run(&world, false);
    let id = run_id(&run);
    let mut session = pty(&world, &["review", &id], &[]);
    expect(&mut session, "Quit");
    session.send("jj\r").unwrap();
    expect(&mut session, "left 1 review(s) pending");
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("waits for 1 more review"), "{rest}");

    let mut session = pty(&world, &["review", &id], &[]);
    expect(&mut session, "Quit");
    session.send("jjj\r").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("left 1 review(s) pending"), "{rest}");

    assert!(decisions(&world).is_empty(), "no decision may be sent");
    assert_eq!(resolved(&world), 0);
    let now = world.api("GET", &format!("/runs/{id}"), None);
    assert_eq!(now["awaiting_human_review"], true);
}

#[cfg(unix)]
#[test]
fn ctrl_c_at_the_review_prompt_exits_130_without_sending_a_decision() {
    let world = World::new();
    let run = paused_run(&world, false);
    let id = run_id(&run);
    let mut session = pty(&world, &["review", &id], &[]);
    expect(&mut session, "Quit");
    session.send([3u8]).unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 130, "{rest}");
    assert!(rest.contains("interrupted"), "{rest}");
    assert!(
        rest.contains(&format!("pletor review {id}")),
        "the way back is shown: {rest}"
    );
    assert!(
        rest.contains("\x1b[?25h"),
        "the cursor is shown again: {rest:?}"
    );
    assert!(decisions(&world).is_empty());
    assert_eq!(resolved(&world), 0);
}

#[cfg(unix)]
#[test]
fn review_open_hands_the_copy_to_the_system_viewer_and_only_warns_when_it_fails() {
    let world = World::new();
    let bin = world.home.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let record = world.home.path().join("opened.txt");
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\nexit 3\n", record.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let run = paused_run(&world, false);
    let id = run_id(&run);
    let mut session = pty(&world, &["review", &id, "--open"], &[("PATH", &path)]);
    let shown = expect(&mut session, "Approve");
    assert!(
        shown.contains("could not open"),
        "a failing viewer is a warning: {shown}"
    );
    session.send("\r").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    let opened = std::fs::read_to_string(&record).expect("the viewer was called");
    assert!(
        copy_path(&shown) == std::path::Path::new(opened.trim()),
        "the copy was opened: {opened} / {shown}"
    );
    let opened = std::path::Path::new(opened.trim());
    assert!(
        opened.is_file(),
        "with --open the copy outlives the command"
    );
    let folder = opened.parent().unwrap().parent().unwrap();
    assert!(
        rest.contains(&format!("review copies kept in {}", folder.display())),
        "{rest}"
    );
    std::fs::remove_dir_all(folder).unwrap();
    assert_eq!(resolved(&world), 1);
}

#[cfg(unix)]
#[test]
fn ci_on_a_terminal_still_never_prompts() {
    let world = World::new();
    let run = paused_run(&world, false);
    let id = run_id(&run);
    let session = pty(&world, &["review", &id], &[("CI", "true")]);
    let (rest, code) = finish(session);
    assert_eq!(code, 10, "{rest}");
    assert!(
        rest.contains(&format!("pletor review {id} --approve")),
        "{rest}"
    );
    assert!(!rest.contains("Approve"), "no prompt: {rest}");
    assert!(decisions(&world).is_empty());
}

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

#[test]
fn without_a_terminal_review_lists_what_waits_and_exits_10_with_the_command_at_once() {
    let world = World::new();
    let run = paused_run(&world, false);
    let (id, review_id) = (run_id(&run), review_id(&run));
    let started = Instant::now();
    let output = review(&world, &[&id], 10);
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(5),
        "it must not wait for input: {took:?}"
    );
    let table = stdout(&output);
    assert!(table.starts_with("ID"), "{table}");
    assert!(
        table.contains(&review_id) && table.contains("Post: sea"),
        "{table}"
    );
    assert!(
        table.contains(run["pending_reviews"][0]["asset_ids"][0].as_str().unwrap()),
        "{table}"
    );
    let err = stderr(&output);
    assert!(
        err.contains(&format!("`pletor review {id} --approve`")),
        "{err}"
    );
    assert!(
        err.contains(&format!("`pletor review {id} --reject --comment")),
        "{err}"
    );
    assert!(decisions(&world).is_empty());
}

#[test]
fn review_json_lists_the_pending_review_objects_unchanged() {
    let world = World::new();
    let run = paused_run(&world, false);
    let output = review(&world, &[&run_id(&run), "--json"], 10);
    assert_eq!(json(&output), run["pending_reviews"]);
    assert!(decisions(&world).is_empty());
}

#[test]
fn review_approve_decides_every_pending_review_without_asking() {
    let world = World::new();
    let run = paused_run(&world, false);
    let (id, review_id) = (run_id(&run), review_id(&run));
    let output = review(&world, &[&id, "--approve", "--json"], 0);
    let doc = json(&output);
    assert_eq!(doc["run"]["id"], id.as_str());
    assert_eq!(
        doc["reviews"],
        json!([{"id": review_id, "outcome": "sent", "body": {"decision": "approve"}}])
    );
    let sent = decisions(&world);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["body"], json!({"decision": "approve"}));
    assert_eq!(resolved(&world), 1);
}

#[test]
fn review_reject_with_a_comment_decides_the_named_review() {
    let world = World::new();
    let run = paused_run(&world, false);
    let (id, review_id) = (run_id(&run), review_id(&run));
    let output = review(
        &world,
        &[&id, &review_id, "--reject", "--comment", "too dark"],
        0,
    );
    assert!(stderr(&output).contains(&format!("rejected review {review_id}")));
    let sent = decisions(&world);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0]["body"],
        json!({"decision": "reject", "comment": "too dark"})
    );
    assert!(
        sent[0]["path"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/reviews/{review_id}"))
    );
}

#[test]
fn review_body_reaches_the_simulator_unchanged() {
    let world = World::new();
    let run = paused_run(&world, false);
    let body = json!({"decision": "approve", "comment": "café ✓", "extra": {"n": [1, 2.5, null, "x"], "ok": true}});
    review(&world, &[&run_id(&run), "--body", &body.to_string()], 0);
    let sent = decisions(&world);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["body"], body);
}

#[test]
fn review_body_that_is_not_json_is_a_usage_error_before_any_request() {
    let world = World::new();
    let output = review(
        &world,
        &[
            "00000000-0000-4000-8000-000000000000",
            "--body",
            "{decision: approve",
        ],
        2,
    );
    assert!(
        stderr(&output).contains("`--body` is not valid JSON"),
        "{}",
        stderr(&output)
    );
    assert_eq!(world.stats()["requests"], 0);
}

#[test]
fn review_comment_without_a_decision_is_a_usage_error() {
    let world = World::new();
    review(
        &world,
        &["00000000-0000-4000-8000-000000000000", "--comment", "hm"],
        2,
    );
    assert_eq!(world.stats()["requests"], 0);
}

#[test]
fn a_review_resolved_elsewhere_exits_0_when_the_wanted_outcome_holds_else_1() {
    let world = World::new();
    let run = paused_run(&world, false);
    let (id, review_id) = (run_id(&run), review_id(&run));
    let path = format!("/runs/{id}/reviews/{review_id}");
    world.api("POST", &path, Some(json!({"decision": "approve"})));

    let output = review(&world, &[&id, &review_id, "--approve"], 0);
    let err = stderr(&output);
    assert!(err.contains("no longer pending (409"), "{err}");
    assert!(err.contains("nothing more to do"), "{err}");

    let output = review(&world, &[&id, &review_id, "--reject", "--json"], 1);
    assert!(
        stderr(&output).contains("may have been approved elsewhere"),
        "{}",
        stderr(&output)
    );
    assert_eq!(json(&output)["error"]["code"], "review_not_pending");

    let statuses: Vec<u64> = decisions(&world)
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(
        statuses,
        vec![200, 409, 409],
        "both CLI attempts reached the server and got 409"
    );
    assert_eq!(resolved(&world), 1);
}

#[test]
fn a_run_that_does_not_wait_for_a_review_is_reported_with_the_documented_exit_codes() {
    let world = World::new();
    let created = world.api(
        "POST",
        "/runs/",
        Some(json!({"agent_id": catalog::TEXT_TO_IMAGE, "inputs": [{"id": catalog::TEXT_TO_IMAGE_PROMPT, "value": "a fox"}]})),
    );
    let id = run_id(&created);
    wait_for(&world, &format!("/runs/{id}"), |r| {
        r["status"] == "completed"
    });

    // Nothing waits: exit 0.
    let output = review(&world, &[&id], 0);
    assert!(
        stderr(&output).contains("is not waiting for a review; it has completed"),
        "{}",
        stderr(&output)
    );
    let output = review(&world, &[&id, "--json"], 0);
    assert_eq!(json(&output), json!([]));

    // An approval holds when the run went on: exit 0.
    let output = review(&world, &[&id, "--approve"], 0);
    assert!(
        stderr(&output).contains("has no pending review"),
        "{}",
        stderr(&output)
    );

    // A rejection does not hold on a completed run: exit 1.
    let output = review(&world, &[&id, "--reject"], 1);
    assert!(
        stderr(&output).contains(&format!("pletor runs show {id}")),
        "{}",
        stderr(&output)
    );

    assert!(
        decisions(&world).is_empty(),
        "nothing pending: nothing is sent"
    );
}

#[test]
fn app_runs_are_found_without_a_flag_and_reviewed_at_their_own_path() {
    let world = World::new();
    let run = paused_run(&world, true);
    let (id, review_id) = (run_id(&run), review_id(&run));

    let output = review(&world, &[&id], 10);
    assert!(
        stderr(&output).contains(&format!("`pletor review {id} --app --approve`")),
        "{}",
        stderr(&output)
    );
    assert!(
        stdout(&output).contains("Ad draft for brief: spring shoes"),
        "{}",
        stdout(&output)
    );

    review(
        &world,
        &[&id, "--app", "--reject", "--comment", "off brand"],
        0,
    );
    let sent = decisions(&world);
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0]["path"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/app-runs/{id}/reviews/{review_id}"))
    );
    assert_eq!(
        sent[0]["body"],
        json!({"decision": "reject", "comment": "off brand"})
    );
    let guesses = world
        .requests()
        .iter()
        .filter(|r| {
            r["method"] == "GET"
                && r["path"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("/runs/{id}"))
        })
        .filter(|r| !r["path"].as_str().unwrap().contains("/app-runs/"))
        .count();
    assert_eq!(
        guesses, 1,
        "only the run without --app guessed agent runs first"
    );
    let done = wait_for(&world, &format!("/app-runs/{id}"), |r| {
        r["status"] == "failed"
    });
    assert_eq!(done["error"], catalog::REVIEWED_AD_REJECTED_ERROR);
}

#[cfg(unix)]
#[test]
fn run_on_a_terminal_shows_the_review_takes_an_approval_completes_and_downloads() {
    let world = World::new();
    let mut session = pty(
        &world,
        &[
            "run",
            catalog::REVIEWED_POST,
            "-i",
            "prompt=lighthouse at dawn",
        ],
        &[],
    );
    let shown = expect(&mut session, "Approve");
    assert!(shown.contains("Post: lighthouse at dawn"), "{shown}");
    session.send("\r").unwrap();
    expect(&mut session, "approved review");
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    assert_eq!(resolved(&world), 1);
    assert_eq!(decisions(&world)[0]["body"], json!({"decision": "approve"}));
    let files = crate::harness::tree(&world.work());
    assert_eq!(
        files.len(),
        1,
        "the approved image is downloaded: {files:?}"
    );
    assert!(files[0].ends_with(".png"), "{files:?}");
}

#[cfg(unix)]
#[test]
fn run_on_a_terminal_stops_with_exit_10_and_the_command_when_the_review_is_skipped() {
    let world = World::new();
    let mut session = pty(
        &world,
        &["run", catalog::REVIEWED_POST, "-i", "prompt=fog"],
        &[],
    );
    expect(&mut session, "Quit");
    session.send("jj\r").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 10, "{rest}");
    assert!(
        rest.contains("pletor review "),
        "the command to answer later: {rest}"
    );
    assert!(rest.contains("pletor runs wait "), "{rest}");
    assert!(decisions(&world).is_empty());
    assert!(
        crate::harness::tree(&world.work()).is_empty(),
        "nothing downloaded"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_at_the_review_prompt_of_a_run_exits_130_with_the_way_back_and_sends_nothing() {
    let world = World::new();
    let mut session = pty(
        &world,
        &["run", catalog::REVIEWED_POST, "-i", "prompt=fog"],
        &[],
    );
    expect(&mut session, "Quit");
    session.send([3u8]).unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 130, "{rest}");
    assert!(
        rest.contains("pletor runs wait "),
        "the run can be picked up again: {rest}"
    );
    assert!(decisions(&world).is_empty());
    assert_eq!(resolved(&world), 0);
}

#[cfg(unix)]
#[test]
fn a_review_answered_elsewhere_while_the_prompt_is_open_is_reported_not_repeated() {
    let world = World::new();
    let run = paused_run(&world, false);
    let (id, review) = (run_id(&run), review_id(&run));
    let mut session = pty(&world, &["review", &id], &[]);
    expect(&mut session, "Quit");
    world.api(
        "POST",
        &format!("/runs/{id}/reviews/{review}"),
        Some(json!({"decision": "approve"})),
    );
    session.send("\r").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "the approval holds: the run went on: {rest}");
    assert!(rest.contains("no longer pending (409"), "{rest}");
    assert!(rest.contains("nothing more to do"), "{rest}");
    let statuses: Vec<u64> = decisions(&world)
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, vec![200, 409]);
    assert_eq!(resolved(&world), 1);
}

#[cfg(unix)]
#[test]
fn runs_wait_on_a_terminal_hands_a_paused_run_to_the_review_prompt_then_downloads() {
    let world = World::new();
    let run = paused_run(&world, false);
    let id = run_id(&run);
    let mut session = pty(&world, &["runs", "wait", &id], &[]);
    expect(&mut session, "Quit");
    session.send("\r").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    assert_eq!(decisions(&world)[0]["body"], json!({"decision": "approve"}));
    let files = crate::harness::tree(&world.work());
    assert_eq!(
        files.len(),
        1,
        "the approved image is downloaded: {files:?}"
    );
}

#[cfg(unix)]
#[test]
fn review_text_from_the_server_is_cleaned_before_it_reaches_the_terminal() {
    let world = World::new();
    let run = paused_run_about(
        &world,
        false,
        "line one\nline two \u{1b}]0;pwned\u{7}\u{1b}[2Jend",
    );
    let mut session = pty(&world, &["review", &run_id(&run)], &[]);
    let shown = expect(&mut session, "Quit");
    assert!(shown.contains("│ Post: line one"), "{shown:?}");
    assert!(
        shown.contains("│ line two end"),
        "every line is shown, cleaned: {shown:?}"
    );
    assert!(
        !shown.contains("pwned") && !shown.contains("\u{1b}[2J"),
        "{shown:?}"
    );
    session.send([3u8]).unwrap();
    assert_eq!(finish(session).1, 130);
}

/// `--preview kitty` asks for pictures: a build with the `preview` feature goes on (here, no
/// terminal: exit 10 with the command), a build without it refuses in one line, exit 2, before
/// any request. CI runs the suite both ways.
#[test]
fn a_build_without_previews_refuses_a_named_preview_in_one_line() {
    let world = World::new();
    let run = paused_run(&world, false);
    let before = world.requests().len();
    let built_with = cfg!(feature = "preview");
    let output = review(
        &world,
        &[&run_id(&run), "--preview", "kitty"],
        if built_with { 10 } else { 2 },
    );
    let said = stderr(&output);
    if built_with {
        assert!(!said.contains("built without inline previews"), "{said}");
    } else {
        assert_eq!(said.trim_end().lines().count(), 1, "one line: {said}");
        assert!(said.contains("built without inline previews"), "{said}");
        assert!(said.contains("--open"), "{said}");
        assert_eq!(world.requests().len(), before, "no request");
    }
    assert!(decisions(&world).is_empty());
    // `auto` (the default) and `none` ask for nothing a build could lack.
    review(&world, &[&run_id(&run), "--preview", "none"], 10);
}
