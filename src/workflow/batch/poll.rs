//! One loop polls every run in flight: round-robin by due time, never a busy loop per row.
//!
//! Each run is due at the pause [`cadence::pause_after`] gives for its age; the loop polls
//! whichever run is due first, and between two polls it leaves at least [`cadence::poll_gap`],
//! which spreads the polls over the `default` budget left in the window, so a wide batch slows
//! its polling down instead of spending the budget and stalling.
//!
//! A run that ends, or pauses for a review the mode does not answer here, is handed back to the
//! driver. Polls are sent once (the loop owns the cadence); a transport error, a 5xx or a 429
//! is tried again at the next pause, and only a run that keeps failing stops the batch.

use std::collections::BTreeSet;
use std::time::{Instant, SystemTime};

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use crate::api::Kind;
use crate::api::models::Run;
use crate::api::runs;
use crate::context::Context;
use crate::workflow::cadence;
use crate::workflow::review::{self, OnReview, Pause};

/// Why the loop hands a run back to the driver.
#[derive(Debug)]
pub enum Handback {
    /// It reached a terminal state.
    Done(Run),
    /// It waits for a review this batch does not answer (`--on-review fail`).
    Review(Run),
    /// It could not be followed (gone, or a review decision failed).
    Lost(Run, anyhow::Error),
}

/// A run the loop follows.
struct Tracked {
    /// The plan's row index, to hand the run back to the right row.
    row: usize,
    /// The last state polled.
    run: Run,
    /// When the next poll of this run is due.
    due: Instant,
    /// The age [`cadence::pause_after`] reads: since tracking began, or since this loop
    /// answered the run's reviews (its remaining work starts then).
    working_since: Instant,
    /// Polls in a row that failed in a way that may heal; too many stop the batch.
    failures: u32,
    /// The pending reviews already answered, so one pause is answered once.
    answered: Option<BTreeSet<String>>,
}

/// The polling loop of one batch.
pub struct Poller<'a> {
    /// Where requests go (a context without progress bars of its own).
    pub ctx: &'a Context,
    /// Agent runs or app runs: every run of one batch is polled in the same collection.
    pub kind: Kind,
    /// At a review pause: `approve` and `reject` answer here, `wait` keeps polling, `fail`
    /// hands the run back.
    pub on_review: OnReview,
}

impl Poller<'_> {
    /// Follows the runs sent on `incoming` (row index, run) until the channel closes and every
    /// run has ended; each end goes out on `ended`. An error stops the batch.
    pub async fn run(
        self,
        mut incoming: UnboundedReceiver<(usize, Run)>,
        ended: UnboundedSender<(usize, Handback)>,
    ) -> anyhow::Result<()> {
        let client = self.ctx.api()?;
        let mut tracked: Vec<Tracked> = Vec::new();
        let mut open = true;
        let mut last_poll = Instant::now();
        loop {
            self.hand_back_ended(&mut tracked, &ended).await;
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
            let gap = cadence::poll_gap(client.rate_state("default"), SystemTime::now());
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
                Err(err) if err.is_transient() && entry.failures < max_failures => {
                    entry.failures += 1;
                }
                Err(err) if err.is_not_found() => {
                    let gone = tracked.swap_remove(next);
                    let _ = ended.send((gone.row, Handback::Lost(gone.run, err.into())));
                    continue;
                }
                Err(err) => return Err(err.into()),
            }
            entry.due = Instant::now() + cadence::pause_after(entry.working_since.elapsed());
        }
    }

    /// Hands back every run that ended or stopped for a review; answers reviews when asked to.
    async fn hand_back_ended(
        &self,
        tracked: &mut Vec<Tracked>,
        ended: &UnboundedSender<(usize, Handback)>,
    ) {
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
    async fn next_step(&self, entry: &mut Tracked) -> Option<Handback> {
        let run = &entry.run;
        if run.status.is_terminal() {
            return Some(Handback::Done(run.clone()));
        }
        if !run.awaiting_review {
            return None;
        }
        let pending: BTreeSet<String> = run.pending_reviews.iter().map(|r| r.id.clone()).collect();
        match self.on_review {
            OnReview::Fail | OnReview::Prompt => Some(Handback::Review(run.clone())),
            OnReview::Wait => None,
            OnReview::Approve | OnReview::Reject if entry.answered.as_ref() == Some(&pending) => {
                None
            }
            OnReview::Approve | OnReview::Reject => {
                match review::on_pause(self.ctx, self.kind, run, self.on_review).await {
                    Ok(Pause::Continue) => {
                        entry.answered = Some(pending);
                        entry.working_since = Instant::now();
                        None
                    }
                    Ok(Pause::Stop(_)) => Some(Handback::Review(run.clone())),
                    Err(err) => Some(Handback::Lost(run.clone(), err)),
                }
            }
        }
    }
}

impl Tracked {
    fn new(row: usize, run: Run) -> Self {
        let now = Instant::now();
        Self {
            row,
            run,
            due: now + cadence::pause_after(std::time::Duration::ZERO),
            working_since: now,
            failures: 0,
            answered: None,
        }
    }
}
