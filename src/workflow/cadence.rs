//! The one polling policy: when to look at a run again. `run`, `app-run`, `runs wait`, review
//! waits and the batch loop all ask this module, and nothing else holds an interval or a cap.
//!
//! The pause before the next poll is a tenth of the time the run has already taken, never under
//! [`FLOOR`] and never over [`CAP`] ([`pause_after`]). A run that ends just after a poll is
//! therefore seen at most `max(0.25 s, a tenth of its length)` late, capped at 5 s, whatever its
//! length; and the number of polls grows with the logarithm of the run's length (each pause is
//! 10 % longer than the one before) until the cap, then by one every 5 s. The pause is the same
//! for every client at the same age of a run, with no jitter: runs started at different times
//! are already polled at different times, and a batch spaces its polls itself ([`poll_gap`]).
//!
//! The rate budget overrides the policy when it runs low: [`rate_pause`] spreads a single
//! wait's polls over what is left of the window once less than a tenth of the `default` bucket
//! remains, and [`poll_gap`] spreads a batch's polls over half of what is left at any time.

use std::time::{Duration, Instant, SystemTime};

use crate::api::RateState;

/// The shortest pause between two polls of one run, whatever happens: a run's first seconds
/// are polled this often, and a deadline or a low budget never makes polls closer.
pub const FLOOR: Duration = Duration::from_millis(250);

/// The longest pause the policy itself chooses (a low rate budget may wait longer): a long run
/// is seen at most this late.
pub const CAP: Duration = Duration::from_secs(5);

/// The pause as a share of the run's age: the bound on how late an end is seen, relative to
/// the run's length.
pub const SHARE: f64 = 0.1;

/// The longest pause the rate budget may impose on a single wait between two polls.
const MAX_RATE_PAUSE: Duration = Duration::from_secs(60);

/// The longest gap the budget may put between two polls of a batch's loop.
const MAX_BATCH_GAP: Duration = Duration::from_secs(30);

/// The pause before the next poll of a run that has been followed for `elapsed`.
pub fn pause_after(elapsed: Duration) -> Duration {
    elapsed.mul_f64(SHARE).clamp(FLOOR, CAP)
}

/// The pause before the next poll of a single wait: the policy's, stretched by a low rate
/// budget, shortened to end at the deadline, never under [`FLOOR`].
pub fn next_pause(
    elapsed: Duration,
    rate: Option<RateState>,
    deadline: Option<Instant>,
    now: Instant,
) -> Duration {
    let wanted = pause_after(elapsed).max(rate_pause(rate, SystemTime::now()));
    let capped = match deadline {
        Some(deadline) => wanted.min(deadline.saturating_duration_since(now)),
        None => wanted,
    };
    capped.max(FLOOR)
}

/// The pause the rate budget asks of a single wait: nothing while more than a tenth of the
/// limit remains, else what is left of the window shared out over the requests that remain.
pub fn rate_pause(rate: Option<RateState>, now: SystemTime) -> Duration {
    let Some(rate) = rate else {
        return Duration::ZERO;
    };
    let left = rate
        .reset_at
        .duration_since(now)
        .unwrap_or(Duration::ZERO)
        .min(MAX_RATE_PAUSE);
    let Some(limit) = rate.limit.filter(|l| *l > 0) else {
        return if rate.remaining == 0 {
            left
        } else {
            Duration::ZERO
        };
    };
    if rate.remaining.saturating_mul(10) >= limit {
        return Duration::ZERO;
    }
    let share = u32::try_from(rate.remaining + 1).unwrap_or(u32::MAX);
    left / share
}

/// The least time between two polls of a batch's loop, which polls many runs: what is left of
/// the window shared over half of the requests left in it (the other half stays free for
/// downloads and lookups), so a wide batch slows its polling instead of stalling on the budget.
pub fn poll_gap(rate: Option<RateState>, now: SystemTime) -> Duration {
    let Some(rate) = rate else {
        return Duration::ZERO;
    };
    let left = rate.reset_at.duration_since(now).unwrap_or(Duration::ZERO);
    let share = u32::try_from((rate.remaining / 2).max(1)).unwrap_or(u32::MAX);
    (left / share).min(MAX_BATCH_GAP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The times (since the wait began) at which the policy polls, up to and including the
    /// first poll at or after `end`, with answers taking no time and a budget that never binds.
    fn polls_until(end: Duration) -> Vec<Duration> {
        let mut at = Duration::ZERO;
        let mut polls = Vec::new();
        loop {
            at += pause_after(at);
            polls.push(at);
            if at >= end {
                return polls;
            }
        }
    }

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
    fn the_pause_is_a_tenth_of_the_age_between_the_floor_and_the_cap() {
        assert_eq!(pause_after(Duration::ZERO), FLOOR);
        assert_eq!(pause_after(Duration::from_secs(2)), FLOOR);
        assert_eq!(pause_after(Duration::from_secs(10)), Duration::from_secs(1));
        assert_eq!(pause_after(Duration::from_secs(30)), Duration::from_secs(3));
        assert_eq!(pause_after(Duration::from_secs(3600)), CAP);
    }

    #[test]
    fn runs_of_the_benchmarked_lengths_are_seen_within_a_tenth() {
        for (secs, polls) in [(0.6, 3), (3.0, 12), (10.0, 25), (30.0, 37)] {
            let end = Duration::from_secs_f64(secs);
            let seen = polls_until(end);
            let late = *seen.last().unwrap() - end;
            assert!(
                late <= end.mul_f64(SHARE) + FLOOR,
                "{secs} s: {late:?} late"
            );
            assert_eq!(seen.len(), polls, "{secs} s");
        }
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
        let old = Duration::from_secs(600);
        assert_eq!(
            next_pause(old, None, Some(now + Duration::from_secs(1)), now),
            Duration::from_secs(1)
        );
        assert_eq!(next_pause(old, None, Some(now), now), FLOOR);
        assert_eq!(
            next_pause(Duration::from_secs(20), None, None, now),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn a_batch_spreads_its_polls_over_half_the_budget_left() {
        let now = SystemTime::now();
        let rate = |remaining, reset_in| state(Some(2000), remaining, reset_in, now);
        assert_eq!(poll_gap(None, now), Duration::ZERO);
        assert_eq!(poll_gap(rate(2000, 60), now), Duration::from_millis(60));
        assert_eq!(poll_gap(rate(20, 10), now), Duration::from_secs(1));
        assert_eq!(poll_gap(rate(0, 10), now), Duration::from_secs(10));
        assert_eq!(poll_gap(rate(0, 600), now), MAX_BATCH_GAP);
        assert_eq!(poll_gap(rate(5, 0), now), Duration::ZERO);
    }

    proptest! {
        /// Whatever the run's length, its end is seen at most a tenth of it plus the floor
        /// late (at most the cap), and the polls grow with the logarithm of the length until
        /// the cap, then one per cap.
        #[test]
        fn lateness_and_poll_count_are_bounded(millis in 1u64..4 * 3600 * 1000) {
            let end = Duration::from_millis(millis);
            let seen = polls_until(end);
            let late = *seen.last().unwrap() - end;
            prop_assert!(late <= (end.mul_f64(SHARE) + FLOOR).min(CAP), "{late:?} late for {end:?}");
            let secs = end.as_secs_f64();
            let at_floor = (FLOOR.as_secs_f64() / SHARE) / FLOOR.as_secs_f64();
            let growing = (secs.min(CAP.as_secs_f64() / SHARE) / (FLOOR.as_secs_f64() / SHARE))
                .max(1.0)
                .ln()
                / (1.0 + SHARE).ln();
            let capped = (secs - CAP.as_secs_f64() / SHARE).max(0.0) / CAP.as_secs_f64();
            let bound = at_floor + growing + capped + 2.0;
            prop_assert!((seen.len() as f64) <= bound, "{} polls for {end:?}, bound {bound}", seen.len());
        }

        /// Pauses never shrink as a run ages, so the cadence only ever slows down.
        #[test]
        fn pauses_never_shrink_with_age(a in 0u64..100_000, b in 0u64..100_000) {
            let (young, old) = (a.min(b), a.max(b));
            prop_assert!(pause_after(Duration::from_millis(young)) <= pause_after(Duration::from_millis(old)));
        }
    }
}
