//! Waiting for a run to end: polling with backoff, progress, reviews and the deadline.
//!
//! Polls start near 0.5 s and grow ×1.5 (jittered ±10 %, so the interval still grows at every
//! step) up to about 5 s. When the `default` rate-limit bucket runs low (under a tenth of its
//! limit), polls are spread over what remains of the window, so waiting never spends the budget
//! that other requests need. No two polls of a run are ever closer than [`MIN_INTERVAL`]:
//! polls are sent without the client's own retries, and a poll that fails in transport, with a
//! 5xx or a 429 is simply tried again at the next interval.

use std::collections::BTreeSet;
use std::time::{Duration, Instant, SystemTime};

use crate::api::models::Run;
use crate::api::runs::{self, RunKind};
use crate::api::{ApiError, RateState, retry};
use crate::context::Context;
use crate::error::Exit;
use crate::output::progress::Spinner;
use crate::workflow::review::{self, OnReview, Pause};

/// The first poll interval.
pub const FIRST_INTERVAL: Duration = Duration::from_millis(500);
/// The longest interval of the backoff itself (a low rate budget may stretch it).
pub const MAX_INTERVAL: Duration = Duration::from_secs(5);
/// The shortest time between two polls of one run, whatever happens.
pub const MIN_INTERVAL: Duration = Duration::from_millis(400);
/// The longest pause the rate budget may impose between two polls.
const MAX_RATE_PAUSE: Duration = Duration::from_secs(60);

/// How to wait.
#[derive(Debug, Clone, Copy)]
pub struct WaitOptions {
    /// Stop waiting at this instant (`--timeout`).
    pub deadline: Option<Instant>,
    /// What to do at a review pause.
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
    kind: RunKind,
    mut run: Run,
    options: WaitOptions,
) -> anyhow::Result<Ended> {
    let client = ctx.api()?;
    let started = Instant::now();
    let progress = ctx.out.progress();
    let mut spinner = progress.spinner(&message(&run, started, progress.is_live()));
    let mut interval = FIRST_INTERVAL;
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
            answered = Some(pending);
        }
        if options.deadline.is_some_and(|d| Instant::now() >= d) {
            spinner.finish();
            return Ok(Ended::TimedOut(run));
        }
        let pause = next_pause(
            interval,
            client.rate_state("default"),
            options.deadline,
            Instant::now(),
        );
        sleep_showing(&spinner, pause, &run, started, progress.is_live()).await;
        match runs::poll(client, kind, &run.id).await {
            Ok(fresh) => {
                run = fresh;
                failures = 0;
            }
            Err(err) if is_transient(&err) && failures < max_failures => failures += 1,
            Err(err) => {
                spinner.finish();
                return Err(err.into());
            }
        }
        interval = grow(interval, rand::random::<f64>());
    }
}

/// How long to sleep before the next poll.
fn next_pause(
    interval: Duration,
    rate: Option<RateState>,
    deadline: Option<Instant>,
    now: Instant,
) -> Duration {
    let wanted = interval.max(rate_pause(rate, SystemTime::now()));
    let capped = match deadline {
        Some(deadline) => wanted.min(deadline.saturating_duration_since(now)),
        None => wanted,
    };
    capped.max(MIN_INTERVAL)
}

/// The next backoff interval: ×1.5 with ±10 % jitter (`unit` in `[0, 1)`), between
/// [`MIN_INTERVAL`] and about [`MAX_INTERVAL`].
pub fn grow(interval: Duration, unit: f64) -> Duration {
    let base = interval.mul_f64(1.5).min(MAX_INTERVAL);
    base.mul_f64(0.9 + 0.2 * unit.clamp(0.0, 1.0))
        .max(MIN_INTERVAL)
}

/// The pause the rate budget asks for: nothing while more than a tenth of the limit remains,
/// else what is left of the window shared out over the requests that remain.
pub fn rate_pause(rate: Option<RateState>, now: SystemTime) -> Duration {
    let Some(rate) = rate else {
        return Duration::ZERO;
    };
    let Some(limit) = rate.limit.filter(|l| *l > 0) else {
        return if rate.remaining == 0 {
            until(rate.reset_at, now)
        } else {
            Duration::ZERO
        };
    };
    if rate.remaining.saturating_mul(10) >= limit {
        return Duration::ZERO;
    }
    let left = until(rate.reset_at, now);
    let share = u32::try_from(rate.remaining + 1).unwrap_or(u32::MAX);
    (left / share).min(MAX_RATE_PAUSE)
}

fn until(when: SystemTime, now: SystemTime) -> Duration {
    when.duration_since(now)
        .unwrap_or(Duration::ZERO)
        .min(MAX_RATE_PAUSE)
}

fn is_transient(err: &ApiError) -> bool {
    match err {
        ApiError::Network { .. } | ApiError::Timeout { .. } => true,
        ApiError::Status { status, .. } => retry::is_retryable_status(*status),
        _ => false,
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn state(
        limit: Option<u64>,
        remaining: u64,
        reset_in: u64,
        now: SystemTime,
    ) -> Option<RateState> {
        Some(RateState {
            limit,
            remaining,
            reset_at: now + Duration::from_secs(reset_in),
        })
    }

    #[test]
    fn intervals_start_near_half_a_second_and_level_off_near_five() {
        let mut interval = FIRST_INTERVAL;
        let mut seen = vec![interval];
        for _ in 0..12 {
            interval = grow(interval, 0.5);
            seen.push(interval);
        }
        assert_eq!(seen[1], Duration::from_millis(750));
        assert_eq!(*seen.last().unwrap(), MAX_INTERVAL);
    }

    #[test]
    fn the_rate_budget_slows_polls_only_when_it_runs_low() {
        let now = SystemTime::now();
        assert_eq!(rate_pause(None, now), Duration::ZERO);
        assert_eq!(
            rate_pause(state(Some(2000), 1500, 30, now), now),
            Duration::ZERO
        );
        assert_eq!(
            rate_pause(state(Some(2000), 9, 30, now), now),
            Duration::from_secs(3)
        );
        assert_eq!(
            rate_pause(state(Some(2000), 0, 30, now), now),
            Duration::from_secs(30)
        );
        assert_eq!(
            rate_pause(state(None, 0, 30, now), now),
            Duration::from_secs(30)
        );
        assert_eq!(rate_pause(state(None, 5, 30, now), now), Duration::ZERO);
        assert_eq!(
            rate_pause(state(Some(10), 0, 3600, now), now),
            MAX_RATE_PAUSE
        );
    }

    #[test]
    fn the_deadline_shortens_a_pause_but_never_below_the_floor() {
        let now = Instant::now();
        assert_eq!(
            next_pause(
                Duration::from_secs(5),
                None,
                Some(now + Duration::from_secs(1)),
                now
            ),
            Duration::from_secs(1)
        );
        assert_eq!(
            next_pause(Duration::from_secs(5), None, Some(now), now),
            MIN_INTERVAL
        );
        assert_eq!(
            next_pause(Duration::from_secs(2), None, None, now),
            Duration::from_secs(2)
        );
    }

    proptest! {
        #[test]
        fn intervals_grow_until_the_cap_and_stay_in_bounds(start in 400u64..6000, unit in 0.0f64..1.0, next in 0.0f64..1.0) {
            let a = grow(Duration::from_millis(start), unit);
            prop_assert!(a >= MIN_INTERVAL && a <= MAX_INTERVAL.mul_f64(1.1));
            let b = grow(a, next);
            if a < Duration::from_millis(3000) {
                prop_assert!(b > a, "{a:?} then {b:?}");
            }
        }
    }
}
