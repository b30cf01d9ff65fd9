//! One loop polls every run in flight: round-robin by due time, never a busy loop per row.
//!
//! Each run keeps its own backoff (from [`wait::FIRST_INTERVAL`] growing to about
//! [`wait::MAX_INTERVAL`], never under [`wait::MIN_INTERVAL`]); the loop polls whichever run is
//! due first. Between two polls it also leaves a gap that spreads the polls over the `default`
//! budget left in the window, keeping half of it for everything else (downloads, lookups), so
//! a wide batch slows its polling down instead of spending the budget and stalling.
//!
//! A run that ends, or pauses for a review the mode does not answer here, is handed back to the
//! driver. Polls are sent once (the loop owns the cadence); a transport error, a 5xx or a 429
//! is tried again at the next interval, and only a run that keeps failing stops the batch.

use std::collections::BTreeSet;
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use crate::api::models::Run;
use crate::api::runs::{self, RunKind};
use crate::api::{ApiError, RateState, retry};
use crate::context::Context;
use crate::workflow::review::{self, OnReview, Pause};
use crate::workflow::wait;

/// The longest gap the budget may put between two polls.
const MAX_GAP: Duration = Duration::from_secs(30);

/// How a run left the loop.
#[derive(Debug)]
pub enum End {
    /// It reached a terminal state.
    Done(Run),
    /// It waits for a review this batch does not answer (`--on-review fail`).
    Review(Run),
    /// It could not be followed (gone, or a review decision failed).
    Lost(Run, anyhow::Error),
}

struct Tracked {
    row: usize,
    run: Run,
    due: Instant,
    interval: Duration,
    failures: u32,
    answered: Option<BTreeSet<String>>,
}

/// The polling loop of one batch.
pub struct Poller<'a> {
    /// Where requests go (a context without progress bars of its own).
    pub ctx: &'a Context,
    /// Agent runs or app runs.
    pub kind: RunKind,
    /// What to do at a review pause.
    pub on_review: OnReview,
}

impl Poller<'_> {
    /// Follows the runs sent on `incoming` (row index, run) until the channel closes and every
    /// run has ended; each end goes out on `ended`. An error stops the batch.
    pub async fn run(
        self,
        mut incoming: UnboundedReceiver<(usize, Run)>,
        ended: UnboundedSender<(usize, End)>,
    ) -> anyhow::Result<()> {
        let client = self.ctx.api()?;
        let mut tracked: Vec<Tracked> = Vec::new();
        let mut open = true;
        let mut last_poll = Instant::now();
        loop {
            self.settle(&mut tracked, &ended).await;
            let Some(next) = (0..tracked.len()).min_by_key(|i| tracked[*i].due) else {
                if !open {
                    return Ok(());
                }
                match incoming.recv().await {
                    Some((row, run)) => tracked.push(Tracked::new(row, run)),
                    None => open = false,
                }
                continue;
            };
            let gap = poll_gap(client.rate_state("default"), SystemTime::now());
            let wake = tracked[next].due.max(last_poll + gap);
            tokio::select! {
                biased;
                message = incoming.recv(), if open => {
                    match message {
                        Some((row, run)) => tracked.push(Tracked::new(row, run)),
                        None => open = false,
                    }
                    continue;
                }
                () = tokio::time::sleep_until(wake.into()) => {}
            }
            last_poll = Instant::now();
            let max_failures = client.policy().retries.max(3);
            let entry = &mut tracked[next];
            match runs::poll(client, self.kind, &entry.run.id).await {
                Ok(run) => {
                    entry.run = run;
                    entry.failures = 0;
                }
                Err(err) if is_transient(&err) && entry.failures < max_failures => {
                    entry.failures += 1;
                }
                Err(err) if err.is_not_found() => {
                    let gone = tracked.swap_remove(next);
                    let _ = ended.send((gone.row, End::Lost(gone.run, err.into())));
                    continue;
                }
                Err(err) => return Err(err.into()),
            }
            entry.interval = wait::grow(entry.interval, rand::random::<f64>());
            entry.due = Instant::now() + entry.interval;
        }
    }

    /// Hands back every run that ended or stopped for a review; answers reviews when asked to.
    async fn settle(&self, tracked: &mut Vec<Tracked>, ended: &UnboundedSender<(usize, End)>) {
        let mut index = 0;
        while index < tracked.len() {
            match self.next_step(&mut tracked[index]).await {
                None => index += 1,
                Some(end) => {
                    let done = tracked.swap_remove(index);
                    let _ = ended.send((done.row, end));
                }
            }
        }
    }

    /// `Some` when the run leaves the loop.
    async fn next_step(&self, entry: &mut Tracked) -> Option<End> {
        let run = &entry.run;
        if run.status.is_terminal() {
            return Some(End::Done(run.clone()));
        }
        if !run.awaiting_review {
            return None;
        }
        let pending: BTreeSet<String> = run.pending_reviews.iter().map(|r| r.id.clone()).collect();
        match self.on_review {
            OnReview::Fail | OnReview::Prompt => Some(End::Review(run.clone())),
            OnReview::Wait => None,
            OnReview::Approve | OnReview::Reject if entry.answered.as_ref() == Some(&pending) => {
                None
            }
            OnReview::Approve | OnReview::Reject => {
                match review::on_pause(self.ctx, self.kind, run, self.on_review).await {
                    Ok(Pause::Continue) => {
                        entry.answered = Some(pending);
                        None
                    }
                    Ok(Pause::Stop(_)) => Some(End::Review(run.clone())),
                    Err(err) => Some(End::Lost(run.clone(), err)),
                }
            }
        }
    }
}

impl Tracked {
    fn new(row: usize, run: Run) -> Self {
        Self {
            row,
            run,
            due: Instant::now() + wait::FIRST_INTERVAL,
            interval: wait::FIRST_INTERVAL,
            failures: 0,
            answered: None,
        }
    }
}

/// The least time between two polls of the loop: what is left of the window shared over half
/// of the requests left in it (the other half stays free for downloads and lookups).
pub fn poll_gap(rate: Option<RateState>, now: SystemTime) -> Duration {
    let Some(rate) = rate else {
        return Duration::ZERO;
    };
    let left = rate.reset_at.duration_since(now).unwrap_or(Duration::ZERO);
    let share = u32::try_from((rate.remaining / 2).max(1)).unwrap_or(u32::MAX);
    (left / share).min(MAX_GAP)
}

fn is_transient(err: &ApiError) -> bool {
    match err {
        ApiError::Network { .. } | ApiError::Timeout { .. } => true,
        ApiError::Status { status, .. } => retry::is_retryable_status(*status),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(remaining: u64, reset_in: u64, now: SystemTime) -> Option<RateState> {
        Some(RateState {
            limit: Some(2000),
            remaining,
            reset_at: now + Duration::from_secs(reset_in),
        })
    }

    #[test]
    fn polls_spread_over_half_the_budget_left() {
        let now = SystemTime::now();
        assert_eq!(poll_gap(None, now), Duration::ZERO);
        assert_eq!(
            poll_gap(rate(2000, 60, now), now),
            Duration::from_millis(60)
        );
        assert_eq!(poll_gap(rate(20, 10, now), now), Duration::from_secs(1));
        assert_eq!(poll_gap(rate(0, 10, now), now), Duration::from_secs(10));
        assert_eq!(poll_gap(rate(0, 600, now), now), MAX_GAP);
        assert_eq!(poll_gap(rate(5, 0, now), now), Duration::ZERO);
    }
}
