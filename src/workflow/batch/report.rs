//! What a batch tells: one JSON line per finished row on stdout (or one document with
//! `--json`), a live summary line on a terminal or one line per finished row elsewhere, and a
//! summary table at the end (stderr).
//!
//! A row line: `{"row", "external_id", "run_id", "status", "files", "texts", "error"}` where
//! `status` is `completed`, `failed`, `cancelled`, `awaiting_review` or `error` (the row could
//! not be started or saved: `run_id` may be null) and `files` lists `{"asset_id", "path",
//! "bytes", "skipped"}`. `pletor batch report` prints the same lines, where a row may also be
//! `running` or `not_started`.
//!
//! The exit code: 0 when every row completed; 3 when any row failed, was cancelled or hit an
//! error (the others still complete); else 10 when some row waits for a review.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::api::Kind;
use crate::api::models::{Run, RunStatus};
use crate::context::Context;
use crate::error::Exit;
use crate::output::progress::{Progress, Spinner};
use crate::output::{Table, clean_line, human_duration};
use crate::transfer::Saved;
use crate::workflow::next::{self, Next};

/// How a row ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowStatus {
    /// The run completed and its files are on disk.
    Completed,
    /// The run failed.
    Failed,
    /// The run was cancelled.
    Cancelled,
    /// The run waits for a human review.
    AwaitingReview,
    /// The row could not be started, followed or saved.
    Error,
    /// Its run goes on (only `batch status` and `batch report` see this).
    Running,
    /// No run has its external id yet (only `batch status` and `batch report` see this).
    NotStarted,
}

impl RowStatus {
    /// The status as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::AwaitingReview => "awaiting_review",
            Self::Error => "error",
            Self::Running => "running",
            Self::NotStarted => "not_started",
        }
    }

    /// Whether the row ended without its result: the batch exits 3.
    pub fn is_failure(self) -> bool {
        matches!(self, Self::Failed | Self::Cancelled | Self::Error)
    }

    /// How a row whose run is `run` stands, and why it did not complete (the line's `error`).
    pub fn of_run(kind: Kind, run: &Run) -> (Self, Option<String>) {
        match run.status {
            RunStatus::Completed => (Self::Completed, None),
            RunStatus::Cancelled => (Self::Cancelled, Some("the run was cancelled".into())),
            RunStatus::Failed => {
                let why = run.error.as_deref().unwrap_or("the API gave no reason");
                (Self::Failed, Some(clean_line(why)))
            }
            _ if run.awaiting_review => (Self::AwaitingReview, Some(review_hint(kind, &run.id))),
            _ => (Self::Running, None),
        }
    }
}

/// What a row waiting for a review says: the command that answers it.
pub fn review_hint(kind: Kind, run_id: &str) -> String {
    format!(
        "waits for a human review: answer it with `{}`, then run the same command again",
        next::command(kind, run_id, Next::REVIEW_ALL)
    )
}

/// The exit code of a batch whose rows stand as `counts` say: 0 when every row completed; 3
/// when any failed (or was cancelled, or hit an error); else 10 when some row waits for a
/// review; else 7 when some row still runs or has not started (the batch is not finished).
pub fn verdict(counts: &BTreeMap<RowStatus, usize>) -> Exit {
    let any = |wanted: fn(&RowStatus) -> bool| counts.iter().any(|(s, n)| *n > 0 && wanted(s));
    if any(|s| s.is_failure()) {
        Exit::RunFailed
    } else if any(|s| *s == RowStatus::AwaitingReview) {
        Exit::Review
    } else if any(|s| matches!(s, RowStatus::Running | RowStatus::NotStarted)) {
        Exit::Timeout
    } else {
        Exit::Success
    }
}

/// One finished row.
#[derive(Debug)]
pub struct RowOutcome {
    /// The row's number in the file (1-based); `--json` sorts the lines by it.
    pub number: usize,
    /// `<batch key>-<row>`: what finds the row's run again.
    pub external_id: String,
    /// Its run's id; `None` when the row failed before a run existed.
    pub run_id: Option<String>,
    /// How it ended.
    pub status: RowStatus,
    /// The files saved (or found in place).
    pub files: Vec<Saved>,
    /// The run's text results, reported in the row's line as a single run reports them.
    pub texts: Vec<String>,
    /// Why it did not complete, or the command that answers its review; `None` when it did.
    pub error: Option<String>,
}

impl RowOutcome {
    /// The row's JSON line.
    pub fn json(&self) -> Value {
        let files: Vec<Value> = self
            .files
            .iter()
            .map(|f| {
                json!({
                    "asset_id": f.asset_id,
                    "path": f.path.display().to_string(),
                    "bytes": f.bytes,
                    "skipped": f.skipped,
                })
            })
            .collect();
        json!({
            "row": self.number,
            "external_id": self.external_id,
            "run_id": self.run_id,
            "status": self.status.as_str(),
            "files": files,
            "texts": self.texts,
            "error": self.error,
        })
    }

    /// The row's line for people.
    fn human(&self) -> String {
        let run = self
            .run_id
            .as_deref()
            .map(|id| format!(" (run {})", clean_line(id)))
            .unwrap_or_default();
        let detail = match self.status {
            RowStatus::Completed => match self.files.len() {
                1 => "1 file".to_string(),
                n => format!("{n} files"),
            },
            _ => clean_line(self.error.as_deref().unwrap_or("")),
        };
        format!(
            "row {} {}: {detail}{run}",
            self.number,
            self.status.as_str()
        )
    }
}

/// The batch's scoreboard and voice.
pub struct Scoreboard<'a> {
    ctx: &'a Context,
    total: usize,
    started: Instant,
    running: usize,
    counts: BTreeMap<RowStatus, usize>,
    progress: Progress,
    spinner: Option<Spinner>,
    collected: Vec<Value>,
}

impl<'a> Scoreboard<'a> {
    /// A board for `total` rows; a live summary when stderr shows one.
    pub fn new(ctx: &'a Context, total: usize) -> Self {
        let progress = ctx.out.progress();
        let mut board = Self {
            ctx,
            total,
            started: Instant::now(),
            running: 0,
            counts: BTreeMap::new(),
            progress: progress.clone(),
            spinner: None,
            collected: Vec::new(),
        };
        if progress.is_live() {
            board.spinner = Some(progress.spinner(&board.summary_line()));
        }
        board.note();
        board
    }

    /// Whether a live summary is shown (row workers must then stay silent).
    pub fn is_live(&self) -> bool {
        self.spinner.is_some()
    }

    /// Rows started or finished running.
    pub fn set_running(&mut self, running: usize) {
        self.running = running;
        self.refresh();
    }

    /// Records a finished row and tells about it.
    pub fn finish(&mut self, outcome: &RowOutcome) -> anyhow::Result<()> {
        *self.counts.entry(outcome.status).or_default() += 1;
        let line = outcome.json();
        if self.ctx.out.is_json() {
            self.collected.push(line);
        } else {
            self.ctx.out.json_line(&line)?;
        }
        match &self.spinner {
            // On a terminal the summary line tells the count; only trouble gets a line.
            Some(_) if outcome.status != RowStatus::Completed => {
                self.progress.println(&outcome.human());
            }
            Some(_) => {}
            None => self.ctx.out.status(&outcome.human()),
        }
        self.note();
        self.refresh();
        Ok(())
    }

    /// Redraws the live summary (elapsed time and ETA move on their own).
    pub fn refresh(&self) {
        if let Some(spinner) = &self.spinner {
            spinner.set_message(&self.summary_line());
        }
    }

    /// Rows finished so far.
    pub fn finished(&self) -> usize {
        self.done()
    }

    fn done(&self) -> usize {
        self.counts.values().sum()
    }

    fn failed(&self) -> usize {
        self.counts
            .iter()
            .filter(|(status, _)| status.is_failure())
            .map(|(_, n)| n)
            .sum()
    }

    /// `12/30 rows done · 4 running · 1 failed · 1m 10s · ETA 2m 5s`.
    fn summary_line(&self) -> String {
        let done = self.done();
        let elapsed = self.started.elapsed();
        let mut line = format!(
            "{done}/{} rows done · {} running · {} failed · {}",
            self.total,
            self.running,
            self.failed(),
            human_duration(elapsed)
        );
        if let Some(eta) = eta(done, self.total, elapsed) {
            line.push_str(&format!(" · ETA {}", human_duration(eta)));
        }
        line
    }

    /// Keeps the Ctrl-C note current.
    fn note(&self) {
        self.ctx.set_resume_note(Some(format!(
            "{} of {} rows finished; rows in flight go on on the server: run the same command again to resume (finished rows are adopted, not paid for again)",
            self.done(),
            self.total
        )));
    }

    /// Ends the live summary and prints the summary table (stderr).
    pub fn close(&mut self) {
        if let Some(spinner) = self.spinner.take() {
            spinner.finish();
        }
        let mut table = Table::new(["status", "rows"]);
        for (status, count) in &self.counts {
            table.row([status.as_str().to_string(), count.to_string()]);
        }
        let unfinished = self.total - self.done();
        if unfinished > 0 {
            table.row(["unfinished".to_string(), unfinished.to_string()]);
        }
        let live = self.ctx.out.progress().is_live();
        let text = if live {
            table.render(true)
        } else {
            table.render_aligned()
        };
        self.ctx.out.status(text.trim_end());
        self.ctx.out.status(&format!(
            "{} of {} rows finished in {}",
            self.done(),
            self.total,
            human_duration(self.started.elapsed())
        ));
    }

    /// Whether some row waits for a review.
    pub fn awaits_review(&self) -> bool {
        self.counts
            .get(&RowStatus::AwaitingReview)
            .is_some_and(|n| *n > 0)
    }

    /// The batch's exit code from the rows so far (see [`verdict`]).
    pub fn exit(&self) -> Exit {
        verdict(&self.counts)
    }

    /// The one document of `--json`: every row line, in row order, and the counts.
    pub fn document(&mut self, batch_key: &str) -> Value {
        self.collected
            .sort_by_key(|line| line["row"].as_u64().unwrap_or(0));
        let counts: serde_json::Map<String, Value> = self
            .counts
            .iter()
            .map(|(status, n)| (status.as_str().to_string(), json!(n)))
            .collect();
        json!({ "batch_key": batch_key, "rows": self.collected, "counts": counts })
    }
}

/// The time left at the pace so far; `None` before the first row or after the last.
pub fn eta(done: usize, total: usize, elapsed: Duration) -> Option<Duration> {
    if done == 0 || done >= total {
        return None;
    }
    let per_row = elapsed.as_secs_f64() / done as f64;
    Some(Duration::from_secs_f64(per_row * (total - done) as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eta_follows_the_pace_so_far() {
        assert_eq!(eta(0, 10, Duration::from_secs(5)), None);
        assert_eq!(eta(10, 10, Duration::from_secs(5)), None);
        assert_eq!(
            eta(2, 10, Duration::from_secs(4)),
            Some(Duration::from_secs(16))
        );
    }

    #[test]
    fn row_lines_carry_every_field() {
        let outcome = RowOutcome {
            number: 3,
            external_id: "k-3".into(),
            run_id: None,
            status: RowStatus::Error,
            files: Vec::new(),
            texts: Vec::new(),
            error: Some("input rejected".into()),
        };
        assert_eq!(
            outcome.json(),
            json!({"row": 3, "external_id": "k-3", "run_id": null, "status": "error",
                   "files": [], "texts": [], "error": "input rejected"})
        );
        assert_eq!(outcome.human(), "row 3 error: input rejected");
    }
}
