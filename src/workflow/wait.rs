//! Waiting for a run to end: polling at the pace of [`cadence`], progress, reviews and the
//! deadline.
//!
//! Polls are sent without the client's own retries (the cadence owns the pace): a poll that
//! fails in transport, with a 5xx or a 429 is simply tried again at the next pause, and only a
//! run that keeps failing ends the wait with the error.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::api::Kind;
use crate::api::models::Run;
use crate::api::runs;
use crate::context::Context;
use crate::error::Exit;
use crate::output::progress::Spinner;
use crate::workflow::cadence;
use crate::workflow::review::{self, OnReview, Pause};

/// What may end a wait before the run ends.
#[derive(Debug, Clone, Copy)]
pub struct WaitOptions {
    /// Stop waiting at this instant (`--timeout`); `None` waits as long as the run takes.
    pub deadline: Option<Instant>,
    /// At a review pause: ask, answer, keep polling or stop (`--on-review`, resolved).
    pub on_review: OnReview,
}

/// How a wait ended.
#[derive(Debug)]
pub enum Ended {
    /// The run reached a terminal state.
    Done(Run),
    /// The review handler stopped the wait with this exit code.
    Stopped(Run, Exit),
    /// The deadline passed; the run goes on.
    TimedOut(Run),
}

/// Polls `run` until it ends, the review handler stops, or the deadline passes.
pub async fn wait(
    ctx: &Context,
    kind: Kind,
    mut run: Run,
    options: WaitOptions,
) -> anyhow::Result<Ended> {
    let client = ctx.api()?;
    let started = Instant::now();
    // The age the cadence reads: since the wait began, or since this client answered a review
    // (the run's remaining work starts then, and may be short).
    let mut working_since = started;
    let progress = ctx.out.progress();
    let mut spinner = progress.spinner(&message(&run, started, progress.is_live()));
    let mut answered: Option<BTreeSet<String>> = None;
    let mut failures = 0;
    let max_failures = client.policy().retries.max(3);
    loop {
        spinner.set_message(&message(&run, started, progress.is_live()));
        if run.status.is_terminal() {
            spinner.finish();
            return Ok(Ended::Done(run));
        }
        let pending: BTreeSet<String> = run.pending_reviews.iter().map(|r| r.id.clone()).collect();
        if run.awaiting_review && answered.as_ref() != Some(&pending) {
            if options.on_review == OnReview::Prompt {
                spinner.finish();
            }
            let pause = review::on_pause(ctx, kind, &run, options.on_review).await?;
            if let Pause::Stop(exit) = pause {
                spinner.finish();
                return Ok(Ended::Stopped(run, exit));
            }
            if options.on_review == OnReview::Prompt {
                spinner = progress.spinner(&message(&run, started, progress.is_live()));
            }
            if options.on_review != OnReview::Wait {
                working_since = Instant::now();
            }
            answered = Some(pending);
        }
        if options.deadline.is_some_and(|d| Instant::now() >= d) {
            spinner.finish();
            return Ok(Ended::TimedOut(run));
        }
        let pause = cadence::next_pause(
            working_since.elapsed(),
            client.rate_state("default"),
            options.deadline,
            Instant::now(),
        );
        sleep_showing(&spinner, pause, &run, started, progress.is_live()).await;
        // The deadline bounds the poll in flight too: a server that hangs or trickles its answer
        // cannot hold the wait past `--timeout`.
        let poll = runs::poll(client, kind, &run.id);
        let polled = match options.deadline {
            Some(deadline) => match tokio::time::timeout_at(deadline.into(), poll).await {
                Ok(polled) => polled,
                Err(_) => {
                    spinner.finish();
                    return Ok(Ended::TimedOut(run));
                }
            },
            None => poll.await,
        };
        match polled {
            Ok(fresh) => {
                run = fresh;
                failures = 0;
            }
            Err(err) if err.is_transient() && failures < max_failures => failures += 1,
            Err(err) => {
                spinner.finish();
                return Err(err.into());
            }
        }
    }
}

/// Sleeps, refreshing the elapsed time on a live spinner about once a second.
async fn sleep_showing(
    spinner: &Spinner,
    pause: Duration,
    run: &Run,
    started: Instant,
    live: bool,
) {
    if !live {
        tokio::time::sleep(pause).await;
        return;
    }
    let end = Instant::now() + pause;
    while let Some(left) = end
        .checked_duration_since(Instant::now())
        .filter(|l| !l.is_zero())
    {
        tokio::time::sleep(left.min(Duration::from_secs(1))).await;
        spinner.set_message(&message(run, started, true));
    }
}

/// The progress line: with the elapsed time on a live spinner; without it in plain mode, where
/// a line is printed only when the message changes (one per state change).
fn message(run: &Run, started: Instant, live: bool) -> String {
    let mut text = format!(
        "run {}: {}",
        crate::output::clean_line(&run.id),
        crate::output::clean_line(run.status.as_str())
    );
    if run.awaiting_review && !run.status.is_terminal() {
        text.push_str(", waiting for a review");
    }
    if live {
        text.push_str(&format!(
            " · {}",
            crate::output::human_duration(started.elapsed())
        ));
    }
    text
}
