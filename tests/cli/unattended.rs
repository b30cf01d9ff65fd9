//! No spending without a person to answer: `--on-review prompt` where nobody can be asked
//! (stdin or stderr not a terminal, `--no-input`, `CI`) exits 2 before anything is uploaded,
//! created, answered or waited for, and names the modes that need nobody.

use std::time::Duration;

use pletor_sim::catalog;
use serde_json::json;

use crate::harness::{World, expect_code, stderr};

/// Checks the refusal: its reason, and the three modes that need no person.
#[track_caller]
fn assert_refused(output: &std::process::Output, reason: &str) {
    let err = stderr(output);
    assert!(
        err.contains("error: `--on-review prompt` needs a person to answer at the terminal"),
        "{err}"
    );
    assert!(err.contains(reason), "the reason `{reason}`: {err}");
    for mode in ["fail", "wait", "approve"] {
        assert!(err.contains(&format!("`--on-review {mode}`")), "{err}");
    }
    assert!(output.stdout.is_empty(), "nothing on stdout");
}

#[track_caller]
fn assert_nothing_spent(world: &World) {
    let stats = world.stats();
    assert_eq!(
        (
            stats["runs_created"].clone(),
            stats["app_runs_created"].clone(),
            stats["assets_uploaded"].clone(),
            stats["reviews_resolved"].clone(),
        ),
        (json!(0), json!(0), json!(0), json!(0)),
        "{stats}"
    );
}

#[test]
fn on_review_prompt_without_a_terminal_exits_2_before_any_upload_or_run() {
    let world = World::new();
    world.file("shoe.png", &pletor_sim::png::gradient_png(b"shoe"));
    let run = [
        "run",
        catalog::PRODUCT_SHOT,
        "-i",
        "prompt=a shoe",
        "-i",
        "product=@shoe.png",
        "--on-review",
        "prompt",
    ];
    // stdin is not a terminal (the harness gives none), and so is stderr (captured).
    let output = expect_code(world.pletor().args(run).timeout(secs(30)), 2);
    assert_refused(&output, "stdin is not a terminal");
    for (flag, env) in [("--no-input", None), ("-q", Some(("CI", "true")))] {
        let mut cmd = world.pletor();
        cmd.args(run).arg(flag).timeout(secs(30));
        if let Some((key, value)) = env {
            cmd.env(key, value);
        }
        let output = expect_code(&mut cmd, 2);
        assert_refused(
            &output,
            "`--no-input` (or `PLETOR_NO_INPUT`, or `CI`) is set",
        );
    }
    let app = [
        "app-run",
        catalog::REVIEWED_AD,
        "-i",
        "brief=spring",
        "--on-review",
        "prompt",
    ];
    let output = expect_code(world.pletor().args(app).timeout(secs(30)), 2);
    assert_refused(&output, "stdin is not a terminal");
    assert_nothing_spent(&world);
}

#[test]
fn on_review_prompt_is_refused_before_stdin_or_an_inputs_file_is_read() {
    let world = World::new();
    let output = expect_code(
        world
            .pletor()
            .args([
                "run",
                catalog::REVIEWED_POST,
                "-i",
                "prompt=@-",
                "--on-review",
                "prompt",
                "--dry-run",
            ])
            .write_stdin("from a pipe")
            .timeout(secs(30)),
        2,
    );
    assert_refused(&output, "stdin is not a terminal");
    assert_nothing_spent(&world);
}

#[test]
fn runs_wait_with_on_review_prompt_and_nobody_to_ask_exits_2_without_answering_or_waiting() {
    let world = World::new();
    let run = crate::harness::review::paused_run(&world, false);
    let id = run["id"].as_str().unwrap();
    let before = world.requests().len();
    let output = expect_code(
        world
            .pletor()
            .args(["runs", "wait", id, "--on-review", "prompt"])
            .timeout(secs(30)),
        2,
    );
    assert_refused(&output, "stdin is not a terminal");
    assert_eq!(world.stats()["reviews_resolved"], 0);
    assert_eq!(
        world.requests().len(),
        before,
        "refused before the first request"
    );
}

#[test]
fn a_batch_with_on_review_prompt_exits_2_before_any_row_starts() {
    let world = World::new();
    world.file(
        "rows.jsonl",
        b"{\"prompt\": \"one\"}\n{\"prompt\": \"two\"}\n",
    );
    let output = expect_code(
        world
            .pletor()
            .args([
                "run",
                catalog::REVIEWED_POST,
                "--batch",
                "rows.jsonl",
                "--on-review",
                "prompt",
            ])
            .timeout(secs(30)),
        2,
    );
    let err = stderr(&output);
    assert!(
        err.contains("`--on-review prompt` cannot be used with `--batch`"),
        "{err}"
    );
    for mode in ["fail", "wait", "approve"] {
        assert!(err.contains(&format!("`--on-review {mode}`")), "{err}");
    }
    assert_nothing_spent(&world);
}

#[test]
fn other_review_modes_still_run_where_nobody_can_be_asked() {
    let world = World::new();
    let output = expect_code(
        world
            .pletor()
            .args([
                "run",
                catalog::REVIEWED_POST,
                "-i",
                "prompt=unattended",
                "--on-review",
                "approve",
                "--no-input",
                "-o",
                "out",
            ])
            .timeout(secs(60)),
        0,
    );
    assert!(!stderr(&output).contains("needs a person"));
    let stats = world.stats();
    assert_eq!(
        (
            stats["runs_created"].clone(),
            stats["reviews_resolved"].clone()
        ),
        (json!(1), json!(1))
    );
}

/// On a terminal, `--no-input` still means nobody answers: the same refusal.
#[cfg(unix)]
#[test]
fn on_review_prompt_with_no_input_on_a_terminal_exits_2_before_the_run() {
    let world = World::new();
    let session = crate::harness::pty::pty(
        &world,
        &[
            "run",
            catalog::REVIEWED_POST,
            "-i",
            "prompt=fog",
            "--on-review",
            "prompt",
            "--no-input",
        ],
        &[],
    );
    let (rest, code) = crate::harness::pty::finish(session);
    assert_eq!(code, 2, "{rest}");
    assert!(
        rest.contains("`--no-input` (or `PLETOR_NO_INPUT`, or `CI`) is set"),
        "{rest}"
    );
    assert_nothing_spent(&world);
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}
