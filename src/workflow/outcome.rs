//! From the end of a wait to what the user gets: the files on disk, the exit code, the human
//! message on stderr, and the data on stdout (texts and saved paths, or the JSON envelope
//! `{"run", "texts", "files"}`, printed on failure too).

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::api::Kind;
use crate::api::models::{Run, RunStatus};
use crate::context::Context;
use crate::error::{Exit, Report};
use crate::output::{Stream, clean_line, human_duration};
use crate::transfer::{self, Existing, Saved};
use crate::workflow::next::{self, Next};
use crate::workflow::wait::{self, Ended, WaitOptions};

/// Result files of one run downloaded at once by `run`, `app-run` and `runs wait` (`pletor
/// download` takes `--concurrency` instead).
pub const DOWNLOAD_CONCURRENCY: usize = 4;

/// Where result files go.
#[derive(Debug, Clone)]
pub struct SaveOptions {
    /// The prepared output folder; `None` skips downloads (`--no-download`).
    pub dir: Option<PathBuf>,
    /// What to do when a result's name is taken on disk (`--overwrite`, `--skip-existing`, else
    /// refuse).
    pub existing: Existing,
    /// `-o -`: the one result file goes to stdout instead (see `workflow::to_stdout`).
    pub stdout: bool,
}

/// What one run came to.
#[derive(Debug)]
pub struct RunOutcome {
    /// The last known state of the run.
    pub run: Run,
    /// What the command exits with for this run; several runs take the [`worst`].
    pub exit: Exit,
    /// The files saved (or kept); empty unless the run completed and downloads are on.
    pub saved: Vec<Saved>,
    /// The result file's bytes went to stdout (`-o -`): nothing else may follow them there.
    pub on_stdout: bool,
}

/// Waits for `run`, then concludes it: the common tail of `run`, `app-run` and `runs wait`. From
/// here on, Ctrl-C tells how to pick the run up again.
pub async fn follow(
    ctx: &Context,
    kind: Kind,
    run: Run,
    options: WaitOptions,
    save: &SaveOptions,
) -> anyhow::Result<RunOutcome> {
    ctx.set_resume_note(Some(resume_note(kind, &run.id)));
    let started = std::time::Instant::now();
    let ended = wait::wait(ctx, kind, run, options).await?;
    conclude(ctx, kind, ended, save, started.elapsed()).await
}

fn resume_note(kind: Kind, run_id: &str) -> String {
    // The command names the run: the id once in the sentence.
    format!(
        "the run goes on on the server: `{}`",
        next::command(kind, run_id, Next::Wait)
    )
}

/// Downloads the results of a completed run, tells people how any other end went (stderr), and
/// returns the outcome. Nothing is printed on stdout here.
pub async fn conclude(
    ctx: &Context,
    kind: Kind,
    ended: Ended,
    save: &SaveOptions,
    waited: std::time::Duration,
) -> anyhow::Result<RunOutcome> {
    let (run, exit) = match ended {
        Ended::Done(run) => {
            let exit = exit_of(&run.status);
            (run, exit)
        }
        // The review handler already said why and what to run.
        Ended::Stopped(run, exit) => {
            return Ok(RunOutcome {
                run,
                exit,
                saved: Vec::new(),
                on_stdout: false,
            });
        }
        Ended::TimedOut(run) => (run, Exit::Timeout),
    };
    match exit {
        Exit::Success if save.stdout && save.dir.is_some() => {
            let streamed = crate::workflow::to_stdout::write_run(ctx, &run).await?;
            Ok(RunOutcome {
                run,
                exit,
                on_stdout: streamed.is_some(),
                saved: streamed.into_iter().collect(),
            })
        }
        Exit::Success => {
            let saved = download(ctx, &run, save).await?;
            Ok(RunOutcome {
                run,
                exit,
                saved,
                on_stdout: false,
            })
        }
        _ => {
            ctx.out.error_text(&report(kind, &run, exit, waited));
            Ok(RunOutcome {
                run,
                exit,
                saved: Vec::new(),
                on_stdout: false,
            })
        }
    }
}

/// What a run's status says after "run X" or "it": `has completed`, `has failed`, `was
/// cancelled`, `is running`; never "is failed".
pub fn state_words(status: &RunStatus) -> String {
    match status {
        RunStatus::Completed => "has completed".into(),
        RunStatus::Failed => "has failed".into(),
        RunStatus::Cancelled => "was cancelled".into(),
        RunStatus::Pending | RunStatus::Running | RunStatus::Other(_) => {
            format!("is {}", clean_line(status.as_str()))
        }
    }
}

/// The exit code of a terminal status.
pub fn exit_of(status: &RunStatus) -> Exit {
    match status {
        RunStatus::Completed => Exit::Success,
        RunStatus::Failed => Exit::RunFailed,
        RunStatus::Cancelled => Exit::Cancelled,
        RunStatus::Pending | RunStatus::Running | RunStatus::Other(_) => Exit::Timeout,
    }
}

async fn download(ctx: &Context, run: &Run, save: &SaveOptions) -> anyhow::Result<Vec<Saved>> {
    let ids = run.asset_ids();
    let Some(dir) = save.dir.as_deref().filter(|_| !ids.is_empty()) else {
        return Ok(Vec::new());
    };
    transfer::download_assets(ctx, &ids, dir, save.existing, DOWNLOAD_CONCURRENCY).await
}

fn report(kind: Kind, run: &Run, exit: Exit, waited: std::time::Duration) -> Report {
    let id = clean_line(&run.id);
    let (code, message, hint) = match exit {
        Exit::RunFailed => (
            "run_failed",
            format!(
                "run {id} failed: {}",
                clean_line(run.error.as_deref().unwrap_or("the API gave no reason"))
            ),
            Some(format!(
                "see the run with `{}`",
                next::command(kind, &run.id, Next::Show)
            )),
        ),
        Exit::Cancelled => ("cancelled", format!("run {id} was cancelled"), None),
        _ => (
            "timeout",
            format!(
                "stopped waiting after {}; run {id} goes on ({})",
                human_duration(waited),
                clean_line(run.status.as_str())
            ),
            Some(format!(
                "wait for it again with `{}`",
                next::command(kind, &run.id, Next::Wait)
            )),
        ),
    };
    Report {
        exit,
        code,
        message,
        causes: Vec::new(),
        hint,
        status: None,
    }
}

/// The JSON envelope of one run.
pub fn envelope(outcome: &RunOutcome) -> Value {
    let files: Vec<Value> = outcome
        .saved
        .iter()
        .map(|s| json!({ "asset_id": s.asset_id, "path": s.path.display().to_string(), "bytes": s.bytes }))
        .collect();
    json!({ "run": outcome.run.raw, "texts": outcome.run.texts(), "files": files })
}

/// Prints one outcome as data lines: each text result (its lines, cleaned), then each saved
/// path. Only a completed run has data.
pub fn print_lines(ctx: &Context, outcome: &RunOutcome) -> anyhow::Result<()> {
    if outcome.exit != Exit::Success || outcome.on_stdout {
        return Ok(());
    }
    for text in outcome.run.texts() {
        ctx.out
            .line(crate::output::clean(&text).trim_end_matches('\n'))?;
    }
    for saved in &outcome.saved {
        ctx.out
            .line(&ctx.out.file_link(&saved.path, Stream::Stdout))?;
    }
    Ok(())
}

/// How bad an exit is, for several runs at once: usage and API errors first, then failed,
/// cancelled, waiting for a review, still going, and success last.
pub fn severity(exit: Exit) -> u8 {
    match exit {
        Exit::Success => 0,
        Exit::Timeout => 1,
        Exit::Review => 2,
        Exit::Cancelled => 3,
        Exit::RunFailed => 4,
        Exit::RateLimited => 5,
        Exit::Error => 6,
        Exit::NotFound => 7,
        Exit::Auth => 8,
        Exit::Usage => 9,
        Exit::Interrupted | Exit::Terminated => 10,
    }
}

/// The worst of several exits (success for none).
pub fn worst(exits: impl IntoIterator<Item = Exit>) -> Exit {
    exits
        .into_iter()
        .max_by_key(|e| severity(*e))
        .unwrap_or(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_states_map_to_their_exit_codes() {
        assert_eq!(exit_of(&RunStatus::Completed), Exit::Success);
        assert_eq!(exit_of(&RunStatus::Failed), Exit::RunFailed);
        assert_eq!(exit_of(&RunStatus::Cancelled), Exit::Cancelled);
    }

    #[test]
    fn states_read_as_english_after_a_run() {
        assert_eq!(state_words(&RunStatus::Failed), "has failed");
        assert_eq!(state_words(&RunStatus::Cancelled), "was cancelled");
        assert_eq!(state_words(&RunStatus::Running), "is running");
    }

    #[test]
    fn the_worst_outcome_wins() {
        assert_eq!(
            worst([Exit::Success, Exit::Timeout, Exit::Success]),
            Exit::Timeout
        );
        assert_eq!(
            worst([Exit::Review, Exit::RunFailed, Exit::Cancelled]),
            Exit::RunFailed
        );
        assert_eq!(worst([Exit::RunFailed, Exit::NotFound]), Exit::NotFound);
        assert_eq!(worst([]), Exit::Success);
    }

    #[test]
    fn envelopes_keep_the_server_object() {
        let run = Run::from_value(
            json!({"id": "r", "status": "completed", "x": 1, "results": [{"text": "hi"}]}),
        )
        .unwrap();
        let saved = vec![Saved {
            asset_id: "a".into(),
            path: PathBuf::from("out/a.png"),
            bytes: 3,
            sha256: String::new(),
            skipped: false,
        }];
        let outcome = RunOutcome {
            run,
            exit: Exit::Success,
            saved,
            on_stdout: false,
        };
        assert_eq!(
            envelope(&outcome),
            json!({"run": {"id": "r", "status": "completed", "x": 1, "results": [{"text": "hi"}]},
                   "texts": ["hi"], "files": [{"asset_id": "a", "path": "out/a.png", "bytes": 3}]})
        );
    }
}
