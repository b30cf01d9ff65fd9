//! The scripting contract: exit codes that say what happened, stdout that holds only data (or
//! the error document under `--json`, nothing under `--jq`), `-o -` for a result's bytes,
//! `pletor api`'s method rule, the terminal and environment conventions (tab-separated tables
//! on a pipe, colour variables, one duration grammar, a bounded terminal query, Ctrl-C ending
//! a watch), and the small messages a user reads.

use std::time::{Duration, Instant};

use pletor_sim::catalog;
use serde_json::{Value, json};

use crate::harness::{World, expect_code, json, stderr, stdout};

/// A completed Text to Image run's id.
fn completed_run(world: &World) -> String {
    let output = world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=fox",
            "--no-download",
            "--json",
        ],
        0,
    );
    json(&output)["run"]["id"].as_str().unwrap().to_string()
}

/// How many requests of `method` the simulator saw on a path containing `part`.
fn requests_to(world: &World, method: &str, part: &str) -> usize {
    world
        .requests()
        .iter()
        .filter(|r| r["method"] == method && r["path"].as_str().unwrap_or("").contains(part))
        .count()
}

#[test]
fn runs_cancel_on_an_ended_run_exits_1_naming_its_state_and_cancels_nothing() {
    let world = World::new();
    let id = completed_run(&world);
    let output = world.run_expect(&["runs", "cancel", &id, "--yes"], 1);
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "run {id} has already ended (completed); nothing was cancelled"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("pletor runs show {id}")), "{err}");
    assert_eq!(stdout(&output), "", "a failure prints no data");
    assert_eq!(requests_to(&world, "DELETE", "/runs/"), 0);
    assert_eq!(world.stats()["runs"]["cancelled"], 0);

    let output = world.run_expect(&["runs", "cancel", &id, "--yes", "--json"], 1);
    assert_eq!(json(&output)["error"]["code"], "already_ended");
}

#[test]
fn under_jq_a_failing_command_writes_nothing_on_stdout_and_under_json_only_the_error() {
    let world = World::new();
    let missing = "00000000-0000-4000-8000-000000000000";
    let output = world.run_expect(&["runs", "show", missing, "--jq", ".id"], 5);
    assert_eq!(
        stdout(&output),
        "",
        "`id=$(pletor … --jq .id)` captures nothing"
    );
    assert!(stderr(&output).contains("error:"), "{}", stderr(&output));

    let output = world.run_expect(&["runs", "show", missing, "--json"], 5);
    let doc = json(&output);
    assert_eq!(doc["error"]["code"], "not_found");
    assert_eq!(
        doc.as_object().unwrap().len(),
        1,
        "only the error document: {doc}"
    );

    // A usage error found by the parser, and one found before any request.
    let output = world.run_expect(&["runs", "show", "--jq", ".id", "--bogus"], 2);
    assert_eq!(stdout(&output), "");
    let output = world.run_expect(&["runs", "show", "--json", "--bogus"], 2);
    assert_eq!(json(&output)["error"]["code"], "usage");
    let output = world.run_expect(&["runs", "show", "nope", "--jq", ".id"], 2);
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_jq_runtime_error_keeps_jqs_reason_on_its_one_line() {
    let world = World::new();
    let output = world.run_expect(&["agents", "list", "--jq", ".[0] | @csv"], 1);
    let err = stderr(&output);
    let line = err
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap_or_else(|| panic!("no error line: {err}"));
    assert!(
        line.ends_with("cannot be csv-formatted, only an array can be"),
        "{line}"
    );
    assert!(
        line.chars().count() <= 220,
        "{} chars",
        line.chars().count()
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn api_fields_imply_post_and_a_lookup_says_get_or_puts_its_query_in_the_path() {
    let world = World::new();
    world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=a",
            "--external-id",
            "k1",
            "--no-download",
        ],
        0,
    );

    // gh's rule: a field makes a POST (here a create without an agent: the API refuses it).
    let output = world
        .pletor()
        .args(["api", "/runs/", "-f", "external_id=k1"])
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(0));
    let posts: Vec<Value> = world
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "POST" && r["path"].as_str().unwrap().ends_with("/runs/"))
        .collect();
    assert_eq!(posts.len(), 2, "the run, then the fields' POST");
    assert_eq!(world.stats()["runs_created"], 1, "the POST made nothing");

    let lookups = |world: &World| {
        world
            .requests()
            .into_iter()
            .filter(|r| {
                r["method"] == "GET" && r["query"].as_str().unwrap_or("").contains("external_id=k1")
            })
            .count()
    };
    // `run --external-id` looks its key up before creating: count from here.
    let before = lookups(&world);
    for args in [
        &["api", "-X", "GET", "/runs/", "-f", "external_id=k1"][..],
        &["api", "/runs/?external_id=k1"][..],
    ] {
        let output = world.run_expect(args, 0);
        let data = json(&output)["data"].as_array().unwrap().clone();
        assert_eq!(data.len(), 1, "{args:?}");
        assert_eq!(data[0]["external_id"], "k1");
    }
    assert_eq!(lookups(&world) - before, 2, "both lookups sent the query");

    let help = stdout(&world.run_expect(&["api", "--help"], 0));
    for line in help
        .lines()
        .filter(|l| l.contains("pletor api") && l.contains("external_id"))
    {
        assert!(
            line.contains("-X GET") || line.contains('?'),
            "a lookup example that would POST: {line}"
        );
    }
}

/// Creates an asset directly on the server, filled with `(i % 251)` bytes, and returns its id.
fn filled_asset(world: &World, filename: &str, size: usize) -> String {
    let created = world.admin_post("assets", json!({"filename": filename, "size": size}));
    created["id"].as_str().unwrap().to_string()
}

#[test]
fn dash_o_writes_the_one_result_file_on_stdout_and_nothing_else() {
    let world = World::new();
    let output = world.run_expect(
        &["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=fox", "-o", "-"],
        0,
    );
    let bytes = output.stdout.clone();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "stdout is the PNG itself"
    );
    let err = stderr(&output);
    assert!(err.contains("done"), "progress is on stderr: {err}");
    assert_eq!(
        std::fs::read_dir(world.work()).unwrap().count(),
        0,
        "no folder named `-`, no file, no temporary copy left"
    );
    // The very asset the run made, as a download into a folder saves it.
    let runs = world.api("GET", "/runs/", None);
    let asset = runs["data"][0]["results"][0]["asset_id"]
        .as_str()
        .unwrap()
        .to_string();
    world.run_expect(&["download", &asset, "-o", "saved"], 0);
    let saved = std::fs::read_dir(world.work().join("saved"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(std::fs::read(saved.path()).unwrap(), bytes);
}

#[test]
fn dash_o_resumes_a_cut_body_and_writes_only_verified_bytes() {
    let world = World::new();
    let id = filled_asset(&world, "big.bin", 300_000);
    world.faults(
        json!([{"method": "GET", "path": format!("/assets/{id}/download"),
        "kind": "truncate", "bytes": 100_000}]),
    );
    let output = world.run_expect(&["download", &id, "-o", "-"], 0);
    let expected: Vec<u8> = (0..300_000).map(|i| (i % 251) as u8).collect();
    assert_eq!(output.stdout.len(), 300_000, "the whole file, once");
    assert!(output.stdout == expected, "byte-identical after the resume");
    assert_eq!(std::fs::read_dir(world.work()).unwrap().count(), 0);
}

#[test]
fn dash_o_with_several_results_exits_2_listing_them_and_how_to_pick_one() {
    let world = World::new();
    world.file("shoe.png", &pletor_sim::png::gradient_png(b"contract"));
    let output = world.run_expect(
        &[
            "run",
            catalog::PRODUCT_SHOT,
            "-i",
            "prompt=p",
            "-i",
            "product=@shoe.png",
            "-o",
            "-",
        ],
        2,
    );
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let err = stderr(&output);
    let runs = world.api("GET", "/runs/", None);
    let results = runs["data"][0]["results"].as_array().unwrap().clone();
    let assets: Vec<&str> = results
        .iter()
        .filter_map(|r| r["asset_id"].as_str())
        .collect();
    assert_eq!(assets.len(), 2);
    assert!(
        err.contains("has 2 files and `-o -` writes exactly one"),
        "{err}"
    );
    for asset in &assets {
        assert!(err.contains(asset), "{asset} listed: {err}");
    }
    assert!(
        err.contains(&format!("pletor download {} -o -", assets[0])),
        "{err}"
    );
    let one = world.run_expect(&["download", assets[1], "-o", "-"], 0);
    assert!(one.stdout.starts_with(b"\x89PNG"));
    let both = world.run_expect(&["download", assets[0], assets[1], "-o", "-"], 2);
    assert!(both.stdout.is_empty());
}

#[test]
fn dash_o_is_refused_before_anything_is_paid_for_where_stdout_cannot_take_bytes() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=fox",
            "-o",
            "-",
            "--json",
        ],
        2,
    );
    assert_eq!(json(&output)["error"]["code"], "usage");
    world.file("rows.jsonl", b"{\"prompt\": \"a\"}\n");
    world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "--batch",
            "rows.jsonl",
            "-o",
            "-",
        ],
        2,
    );
    assert_eq!(world.stats()["runs_created"], 0);
}

#[cfg(unix)]
#[test]
fn dash_o_refuses_to_write_bytes_to_a_terminal() {
    use crate::harness::pty::{finish, pty};
    let world = World::new();
    let session = pty(
        &world,
        &["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=fox", "-o", "-"],
        &[],
    );
    let (rest, code) = finish(session);
    assert_eq!(code, 2, "{rest}");
    assert!(rest.contains("to the terminal"), "{rest}");
    assert_eq!(world.stats()["runs_created"], 0);
}

#[test]
fn piped_tables_are_tab_separated_so_cut_takes_a_name_with_spaces() {
    let world = World::new();
    world.file(
        "my red shoe.png",
        &pletor_sim::png::gradient_png(b"contract"),
    );
    world.run_expect(&["upload", "my red shoe.png"], 0);
    let output = world.run_expect(&["assets", "list"], 0);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0].split('\t').collect::<Vec<_>>()[..2],
        ["ID", "FILENAME"]
    );
    let names: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split('\t').nth(1).unwrap())
        .collect();
    assert_eq!(names, vec!["my red shoe.png"], "`cut -f2`: {text:?}");
}

#[cfg(unix)]
#[test]
fn terminal_tables_align_by_display_width_with_cjk_and_emoji() {
    use crate::harness::pty::{expect, finish, pty};
    use unicode_width::UnicodeWidthStr;
    let world = World::new();
    for name in ["猫の写真.png", "cat 🐱.png", "plain.png"] {
        world.file(name, &pletor_sim::png::gradient_png(b"contract"));
        world.run_expect(&["upload", name], 0);
    }
    let mut session = pty(&world, &["assets", "list"], &[]);
    expect(&mut session, "FILENAME");
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
    let widths: Vec<usize> = rest
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| l.starts_with('│') || l.starts_with('├') || l.starts_with('└'))
        .map(UnicodeWidthStr::width)
        .collect();
    assert!(widths.len() >= 5, "{rest}");
    assert!(
        widths.iter().all(|w| *w == widths[0]),
        "ragged borders {widths:?}:\n{rest}"
    );
}

#[test]
fn colour_follows_no_color_clicolor_force_and_term() {
    let world = World::new();
    let colored = |envs: &[(&str, &str)]| {
        let mut cmd = world.pletor();
        cmd.args(["runs", "show", "nope"]);
        for (key, value) in envs {
            cmd.env(key, value);
        }
        stderr(&expect_code(&mut cmd, 2)).contains('\x1b')
    };
    assert!(
        colored(&[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")]),
        "forced on a pipe"
    );
    assert!(!colored(&[("NO_COLOR", "")]), "a pipe: no colour");
    assert!(
        !colored(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]),
        "NO_COLOR wins"
    );
}

#[cfg(unix)]
#[test]
fn on_a_terminal_an_empty_no_color_colours_and_term_dumb_does_not() {
    use crate::harness::pty::{finish, pty};
    let world = World::new();
    let (rest, code) = finish(pty(&world, &["runs", "show", "nope"], &[("NO_COLOR", "")]));
    assert_eq!(code, 2);
    assert!(
        rest.contains("\x1b[") && rest.contains("error:"),
        "{rest:?}"
    );
    let (rest, _) = finish(pty(
        &world,
        &["runs", "show", "nope"],
        &[("NO_COLOR", ""), ("TERM", "dumb")],
    ));
    assert!(
        rest.contains("error:") && !rest.contains("\x1b["),
        "{rest:?}"
    );
}

#[test]
fn every_duration_takes_one_grammar() {
    let world = World::new();
    for timeout in ["1d", "90s", "1h30m", "600", "2 hours"] {
        world.run_expect(
            &[
                "run",
                catalog::TEXT_TO_IMAGE,
                "-i",
                "prompt=a",
                "--no-download",
                "--timeout",
                timeout,
            ],
            0,
        );
    }
    world.run_expect(
        &[
            "agents",
            "list",
            "--read-timeout",
            "1m30s",
            "--retry-max-wait",
            "2m",
        ],
        0,
    );
    expect_code(
        world
            .pletor()
            .args(["agents", "list"])
            .env("PLETOR_CONNECT_TIMEOUT", "PT5S"),
        0,
    );
    let output = world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=a",
            "--timeout",
            "1mo",
        ],
        2,
    );
    assert!(
        stderr(&output).contains("months or years"),
        "{}",
        stderr(&output)
    );
    assert_eq!(world.stats()["runs_created"], 5);
}

#[cfg(unix)]
#[test]
fn a_terminal_that_never_answers_the_image_query_gets_no_picture_within_the_deadline() {
    use crate::harness::pty::{expect, finish, pty};
    use crate::harness::review::{paused_run, run_id};
    use expectrl::Expect;
    let world = World::new();
    let run = paused_run(&world, false);
    let mut session = pty(
        &world,
        &["review", &run_id(&run)],
        &[("KITTY_WINDOW_ID", "1")],
    );
    expect(&mut session, "\x1b[c");
    let asked = Instant::now();
    let shown = expect(&mut session, "Quit");
    let waited = asked.elapsed();
    assert!(
        waited >= Duration::from_millis(250),
        "it waited for the answer: {waited:?}"
    );
    assert!(
        waited < Duration::from_secs(10),
        "and not longer: {waited:?}"
    );
    assert!(
        !shown.contains("\x1b_G"),
        "no kitty query or picture: {shown:?}"
    );
    session.send("\r").unwrap();
    let (rest, code) = finish(session);
    assert_eq!(code, 0, "{rest}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_a_watch_of_every_run_normally() {
    let world = World::with(pletor_sim::Config {
        run_seconds: Some(600.0),
        ..crate::harness::fast_config()
    });
    world.run_expect(
        &["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=a", "--no-wait"],
        0,
    );
    let child = world.spawn(&["runs", "watch", "--json"]);
    world.wait_for_request(|r| {
        r["method"] == "GET" && r["path"].as_str().unwrap_or("").ends_with("/app-runs/")
    });
    std::thread::sleep(Duration::from_millis(300));
    let output = crate::harness::interrupt(child);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("error"), "{}", stderr(&output));
    let doc = json(&output);
    assert_eq!(doc.as_array().unwrap().len(), 1, "the last states: {doc}");

    // Watching given runs, Ctrl-C still interrupts (130).
    let id = doc[0]["id"].as_str().unwrap().to_string();
    let child = world.spawn(&["runs", "watch", &id]);
    world.wait_for_request(|r| r["path"].as_str().unwrap_or("").ends_with(&id));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(crate::harness::interrupt(child).status.code(), Some(130));
}

#[test]
fn upload_refuses_an_empty_file_as_run_does() {
    let world = World::new();
    world.file("empty.png", b"");
    world.file("full.png", &pletor_sim::png::gradient_png(b"contract"));
    let output = world.run_expect(&["upload", "full.png", "empty.png"], 2);
    assert!(
        stderr(&output).contains("`empty.png` is empty (0 bytes)"),
        "{}",
        stderr(&output)
    );
    assert_eq!(world.stats()["assets_uploaded"], 0, "nothing was uploaded");
}

#[test]
fn run_no_wait_says_that_o_applies_when_the_results_are_fetched() {
    let world = World::new();
    let output = world.run_expect(
        &[
            "run",
            catalog::TEXT_TO_IMAGE,
            "-i",
            "prompt=a",
            "--no-wait",
            "-o",
            "out",
        ],
        0,
    );
    let err = stderr(&output);
    let id = stdout(&output).trim().to_string();
    assert!(
        err.contains("`-o` applies when the results are fetched"),
        "{err}"
    );
    assert!(
        err.contains(&format!("pletor runs wait {id} -o out")),
        "{err}"
    );
    assert!(!world.work().join("out").exists(), "nothing made yet");
    world.run_expect(&["runs", "wait", &id, "-o", "out"], 0);
    assert_eq!(
        std::fs::read_dir(world.work().join("out")).unwrap().count(),
        1
    );
}

#[test]
fn a_csv_column_that_names_no_input_is_reported_at_the_header() {
    let world = World::new();
    world.file("rows.csv", b"prompt,size\nfox,3\nowl,4\n");
    let output = world.run_expect(&["run", catalog::TEXT_TO_IMAGE, "--batch", "rows.csv"], 2);
    let err = stderr(&output);
    assert!(
        err.contains("`rows.csv` line 1 (the header): unknown input `size`"),
        "{err}"
    );
    assert_eq!(world.stats()["runs_created"], 0);
}

#[test]
fn a_404_hints_the_list_command_of_its_kind_only() {
    let world = World::new();
    let missing = "00000000-0000-4000-8000-000000000000";
    for (args, list) in [
        (&["runs", "show", missing][..], "pletor runs list"),
        (&["assets", "show", missing][..], "pletor assets list"),
        (&["agents", "show", missing][..], "pletor agents list"),
        (
            &["download", missing, "-o", "out"][..],
            "pletor assets list",
        ),
    ] {
        let output = world.run_expect(args, 5);
        let hint = stderr(&output)
            .lines()
            .find(|l| l.starts_with("hint:"))
            .unwrap_or_default()
            .to_string();
        assert!(hint.contains(list), "{args:?}: {hint}");
        assert_eq!(hint.matches("pletor ").count(), 1, "{args:?}: {hint}");
    }
}

#[test]
fn messages_count_credits_in_english_and_name_a_failed_run_once() {
    let world = World::new();
    let output = world.run_expect(&["run", catalog::ALWAYS_FAILS], 3);
    let err = stderr(&output);
    assert!(
        err.contains("estimated cost 1 credit\n") || err.contains("estimated cost 1 credit "),
        "{err}"
    );
    assert!(!err.contains("1 credits"), "{err}");
    let id = stdout(&world.run_expect(&["runs", "list", "--limit", "1"], 0))
        .lines()
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let output = world.run_expect(&["review", &id, "--approve"], 1);
    let err = stderr(&output);
    let line = err.lines().find(|l| l.starts_with("error:")).unwrap();
    assert!(line.contains("has failed"), "{line}");
    assert!(!line.contains("is failed"), "{line}");
    assert_eq!(line.matches(&id).count(), 1, "the id once: {line}");
}

#[test]
fn plain_progress_lines_never_cut_a_file_name() {
    let world = World::new();
    let name = "a-very-long-file-name-that-is-longer-than-any-progress-column.png";
    world.file(name, &pletor_sim::png::gradient_png(b"contract"));
    let output = world.run_expect(&["upload", name, "--progress", "plain"], 0);
    assert!(
        stderr(&output).contains(&format!("{name}: done")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn dash_o_works_for_runs_wait_and_download_of_a_run_too() {
    let world = World::new();
    let output = world.run_expect(
        &["run", catalog::TEXT_TO_IMAGE, "-i", "prompt=a", "--no-wait"],
        0,
    );
    let id = stdout(&output).trim().to_string();
    let output = world.run_expect(&["runs", "wait", &id, "-o", "-"], 0);
    assert!(
        output.stdout.starts_with(b"\x89PNG"),
        "the run's image on stdout"
    );
    let again = world.run_expect(&["download", "--run", &id, "-o", "-"], 0);
    assert_eq!(again.stdout, output.stdout, "the same bytes");
    world.run_expect(&["runs", "wait", &id, &id, "-o", "-"], 2);

    world.file("shoe.png", &pletor_sim::png::gradient_png(b"shoe"));
    let output = world.run_expect(
        &[
            "run",
            catalog::PRODUCT_SHOT,
            "-i",
            "prompt=p",
            "-i",
            "product=@shoe.png",
            "--no-download",
            "--json",
        ],
        0,
    );
    let shot = json(&output)["run"]["id"].as_str().unwrap().to_string();
    let output = world.run_expect(&["download", "--run", &shot, "-o", "-"], 2);
    assert!(output.stdout.is_empty());
    assert!(
        stderr(&output).contains(&format!("run {shot} has 2 files")),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_dir(world.work()).unwrap().count(),
        1,
        "only shoe.png"
    );
}
