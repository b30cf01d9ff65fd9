//! Client-side rate-limit pacing: never send a request the server's budget cannot take.
//!
//! One [`RateBook`] per client (shared by its clones) keeps, per bucket (`default`, `runs`,
//! `uploads`), what the last answers said (`X-RateLimit-Limit`, `-Remaining`, `-Reset`) and how
//! many requests are on the wire. Before a request goes out, [`RateBook::admit`] reserves one
//! request of the budget; when its answer arrives (or it fails, or is dropped) the reservation
//! is settled. That keeps concurrent callers honest:
//!
//! - a `Remaining` read from an answer is lowered by the requests still in flight, which the
//!   server may not have counted when it answered;
//! - within one window the smallest estimate wins (answers arrive in any order);
//! - when the window's reset passes, a new window starts with the known limit less what is in
//!   flight, so callers that waited for the reset do not all rush out at once;
//! - while nothing is known about a bucket (its first request, or a new window whose limit was
//!   never told), one request goes out alone and the others wait for its answer, at most
//!   [`PROBE_WAIT`] (a slow upload must not serialize every transfer behind it).
//!
//! Several processes may spend one key (the shards of a batch on a CI matrix). They share no
//! state but the server's count, which each of them sees only in the answers to its own
//! requests, and a view of it goes stale as soon as another process sends. So each bucket also
//! estimates how many clients spend it (its sharers): in every window the server's count
//! rises by what everyone sent, ours by what we sent, and the ratio of the two is how many of us
//! there are. While others share the bucket, a window's budget is split: this client sends at
//! most its part of the limit (`limit ÷ sharers`, rounded down), and beyond its part one request
//! at a time, only while its freshest view leaves room for one request of every other client.
//! The parts add up to the limit, so the clients converge on the server's budget instead of
//! racing for it; the few 429s of the first window teach the estimate and are retried. A caller
//! that knows how many processes start together (`--shard K/N`) says so ([`RateBook::expect`])
//! and skips that lesson. Alone, a client spends the whole budget at once, as before.
//!
//! A part is rarely whole: 8 shards of a 20-request window get 2.5 each. Rounding every part
//! down wasted a fifth of every window (8 × 2 = 16 of 20), so the fraction is carried to the
//! next window instead (2, 3, 2, 3, …). Were every client to carry in step, all of them would
//! take their third request in the same window; so each starts its carry at its own phase, its
//! place among the clients (`K-1 ÷ N` for shard K of N, at random when the sharers were only
//! estimated). With phases `0, 1/N, …, (N-1)/N` the parts of one window add up to the limit
//! exactly, whole windows long (Hermite's identity: `Σ floor(x + k/N) = floor(N·x)`). Known
//! clients therefore never send beyond their part (a view that seems to leave room only
//! predates the others' requests), and keep N as the count of sharers rather than one window's
//! noisy ratio; a client idle for whole windows moves its carry on as if it had sent.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use tokio::sync::Notify;

/// What the last response said about one rate-limit bucket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateState {
    /// Requests allowed per window (`X-RateLimit-Limit`), when the server says: a new window
    /// starts with this many.
    pub limit: Option<u64>,
    /// Requests left in this window (decremented locally as requests go out).
    pub remaining: u64,
    /// When the window resets (`X-RateLimit-Reset`, read as epoch or delta): a spent budget
    /// waits until then.
    pub reset_at: SystemTime,
}

/// The longest a request waits for the answer to a bucket's first request before it goes anyway.
pub const PROBE_WAIT: Duration = Duration::from_secs(1);

/// A reset given in whole seconds may round toward now: wait this much longer.
const RESET_MARGIN: Duration = Duration::from_millis(50);

/// What a caller should do before sending.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Admit {
    /// Send now: one request of the budget is reserved.
    Go,
    /// The budget is spent: try again after this long (the window's reset).
    Wait(Duration),
    /// Nothing is known yet and a request is on the wire: wait for its answer.
    AwaitAnswer,
    /// This client's part of a shared window is spent: try again when an answer in flight
    /// brings a fresher view, or at the latest after this long (the window's reset).
    Hold(Duration),
}

/// Windows whose ratio of counts the sharers estimate remembers: one window's view can be stale
/// (our last answer came before the others sent), so the larger of the last two is kept.
const SHARE_MEMORY: usize = 2;

/// One bucket's books.
#[derive(Debug, Clone, Default, PartialEq)]
struct Entry {
    /// The window size, once an answer told it.
    limit: Option<u64>,
    /// Whether `remaining` means anything: false until an answer of this window gave a count,
    /// and meanwhile one request at a time goes out to ask.
    known: bool,
    /// Requests this client may still send in the window (reservations deducted).
    remaining: u64,
    /// The window's end; `None` while unknown (a new window no answer has described yet).
    reset_at: Option<SystemTime>,
    /// Requests sent and not answered yet: an answer's `Remaining` is lowered by them, since
    /// the server may not have counted them.
    in_flight: u64,
    /// The lowest `Remaining` an answer of this window reported.
    lowest: Option<u64>,
    /// Requests admitted in this window (this client's part of a shared window counts them).
    sent: u64,
    /// Our requests the server counted in this window (answered, and not with a 429).
    own: u64,
    /// The most the server reported used in this window (`limit - remaining`), by everyone.
    used: u64,
    /// What the server reported used at our first counted answer of this window.
    first_used: Option<u64>,
    /// How many clients spend this bucket, us included (`None`: no sign of another).
    sharers: Option<f64>,
    /// Of the last windows (newest last, at most [`SHARE_MEMORY`]): `used ÷ own`, and whether
    /// the count rose by more than our own requests while we were sending.
    ratios: Vec<(f64, bool)>,
    /// How many clients were said to share the key from the start (`--shard K/N`): then the
    /// sharers are taken to be exactly these, and the parts of one window add up to the limit.
    expected: Option<f64>,
    /// The window's length, once two answers of consecutive windows told it: a client idle
    /// for whole windows still moves its carry on by one part for each, so it stays in turn.
    window: Option<Duration>,
    /// The fraction of a request this client's part carries into the window, in `[0, 1)`:
    /// starts at the client's phase (see the module's docs), then keeps what rounding the
    /// parts down left over.
    carry: f64,
}

impl Entry {
    fn admit(&mut self, now: SystemTime) -> Admit {
        if let Some(reset) = self.reset_at.filter(|reset| *reset <= now) {
            // The window is over: a new one holds the whole limit, less what is still on the
            // wire (those may land in the new window).
            let idle = self.window.map_or(0, |window| {
                let past = now.duration_since(reset).unwrap_or_default();
                (past.as_secs_f64() / window.as_secs_f64().max(0.001)) as u32
            });
            self.roll();
            self.pass_idle_windows(idle);
            self.reset_at = None;
            self.lowest = None;
            self.known = self.limit.is_some();
            self.remaining = self.limit.unwrap_or(0).saturating_sub(self.in_flight);
        }
        if self.known && self.remaining > 0 {
            if let Some(wait) = self.over_our_part(now) {
                return wait;
            }
            self.remaining -= 1;
            return self.send();
        }
        match self.reset_at {
            Some(reset) if self.known => Admit::Wait(until(reset, now)),
            // Nothing known (or a spent window of unknown end): one request asks for news.
            _ if self.in_flight == 0 => self.send(),
            _ => Admit::AwaitAnswer,
        }
    }

    /// `Some` when others share the bucket and this request would pass this client's part of
    /// the window: within its part, the freshest view must leave room for one request of every
    /// other client (unless the clients are known: their parts add up to the limit, so a part
    /// is always there to spend); beyond it, the same, and only one request at a time (each
    /// answer is a fresh view).
    fn over_our_part(&self, now: SystemTime) -> Option<Admit> {
        let (Some(sharers), Some(limit)) = (self.sharers, self.limit) else {
            return None;
        };
        if self.sent == 0 {
            // The first request of a window always goes: the server tells the rest.
            return None;
        }
        let part = (self.part_of(limit, sharers).floor() as u64).max(1);
        // Room for one request of each other client: a partial one counts as a whole. When the
        // clients are known, their parts add up to the limit: a part is always there to spend,
        // and nothing beyond it ever is (a view that seems to leave room only predates the
        // others' requests).
        let room = match self.expected {
            Some(_) => self.sent < part,
            None => self.remaining as f64 >= sharers.ceil(),
        };
        if room && (self.sent < part || self.in_flight == 0) {
            return None;
        }
        let reset = self.reset_at.map_or(PROBE_WAIT, |reset| until(reset, now));
        Some(if self.in_flight > 0 {
            Admit::Hold(reset)
        } else {
            Admit::Wait(reset)
        })
    }

    /// Moves the carry on by one part for each of `idle` whole windows that passed without a
    /// request of ours, as the others' carries moved.
    fn pass_idle_windows(&mut self, idle: u32) {
        if let (Some(sharers), Some(limit)) = (self.sharers, self.limit) {
            self.carry = (self.carry + f64::from(idle) * (limit as f64 / sharers)).fract();
        }
    }

    /// This client's part of a window of `limit` shared by `sharers`, with the carried fraction.
    fn part_of(&self, limit: u64, sharers: f64) -> f64 {
        limit as f64 / sharers + self.carry
    }

    /// Closes this window's books: what it showed of the others updates the sharers estimate.
    /// A count that only ever rose by our own requests means we were alone, whatever was spent
    /// before our first one (an earlier command that has ended, not a sharer).
    fn roll(&mut self) {
        let before = self.sharers;
        if let (Some(sharers), Some(limit)) = (self.sharers, self.limit) {
            self.carry = self.part_of(limit, sharers).fract();
        }
        if self.own > 0 && self.limit.is_some() {
            let ratio = (self.used as f64 / self.own as f64).max(1.0);
            if self.ratios.len() == SHARE_MEMORY {
                self.ratios.remove(0);
            }
            self.ratios.push((ratio, self.others_seen()));
            let most = self
                .ratios
                .iter()
                .map(|(ratio, _)| *ratio)
                .fold(1.0, f64::max);
            let shared = self.ratios.iter().any(|(_, seen)| *seen);
            self.sharers = (shared && most > 1.0).then_some(most);
        }
        // Known clients stay known: one window's ratio is too noisy (whole requests against
        // fractional parts, views taken before the others sent) to replace an exact count.
        if let (Some(expected), Some(_)) = (self.expected, before) {
            self.sharers = Some(expected);
        }
        self.sent = 0;
        self.own = 0;
        self.used = 0;
        self.first_used = None;
    }

    /// Whether the count rose by more than our own requests since our first answer of the
    /// window: someone else spends this bucket now.
    fn others_seen(&self) -> bool {
        self.first_used
            .is_some_and(|first| self.used - first + 1 > self.own)
    }

    fn send(&mut self) -> Admit {
        self.in_flight += 1;
        self.sent += 1;
        Admit::Go
    }

    /// Settles one request: `fresh` is what its answer said, `counted` whether the server
    /// counted it (every answer but a 429).
    fn answered(&mut self, fresh: Option<RateState>, counted: bool, now: SystemTime) {
        self.in_flight = self.in_flight.saturating_sub(1);
        let Some(fresh) = fresh else {
            return;
        };
        if fresh.reset_at <= now {
            // An answer from a window that is already over says nothing about the next one.
            return;
        }
        let estimate = fresh.remaining.saturating_sub(self.in_flight);
        let same_window = self.known
            && self
                .reset_at
                .is_none_or(|old| fresh.reset_at <= old + Duration::from_millis(500));
        if self.known && !same_window {
            if let Some(old) = self.reset_at {
                let gap = fresh.reset_at.duration_since(old).unwrap_or_default();
                if self.window.is_none_or(|window| gap < window) && !gap.is_zero() {
                    self.window = Some(gap);
                }
            }
            self.roll();
        }
        self.count(&fresh, counted);
        let lowest = match self.lowest {
            Some(low) if same_window => low.min(fresh.remaining),
            _ => fresh.remaining,
        };
        self.remaining = if self.in_flight == 0 {
            // Every request sent is answered, so the server counted them all and the lowest
            // count it reported is exact: this gives back what answers arriving out of order
            // took from the estimate (a lost slot per window made a batch at 20 per 10 s use
            // only 19 of each window; BENCHMARKS.md, "Batch pacing").
            lowest
        } else if same_window {
            self.remaining.min(estimate)
        } else {
            estimate
        };
        self.lowest = Some(lowest);
        self.limit = fresh.limit.or(self.limit);
        self.reset_at = Some(fresh.reset_at);
        self.known = true;
    }

    /// Counts an answer of this window: ours if the server counted it, and the server's count
    /// of everyone's. A spent window while our part is not tells that more clients share it.
    fn count(&mut self, fresh: &RateState, counted: bool) {
        let Some(limit) = fresh.limit.or(self.limit) else {
            return;
        };
        let used = limit.saturating_sub(fresh.remaining);
        self.used = self.used.max(used);
        if counted {
            self.own += 1;
            self.first_used.get_or_insert(used);
        }
        let shared = self.others_seen() || self.ratios.iter().any(|(_, seen)| *seen);
        // Known clients stay known within a window too: a spent window seen before all our
        // answers are in (20 used, 2 of ours counted of 3 sent) would make 8 shards look like 10,
        // cut this client's part and move its carry out of turn.
        if fresh.remaining == 0 && self.own > 0 && shared && self.expected.is_none() {
            let ratio = self.used as f64 / self.own as f64;
            if ratio > self.sharers.unwrap_or(1.0) {
                self.sharers = Some(ratio);
            }
        }
    }

    fn state(&self, now: SystemTime) -> Option<RateState> {
        self.known.then(|| RateState {
            limit: self.limit,
            remaining: self.remaining,
            reset_at: self.reset_at.unwrap_or(now),
        })
    }
}

/// The wait until `reset`, plus the margin for a reset given in whole seconds.
fn until(reset: SystemTime, now: SystemTime) -> Duration {
    reset.duration_since(now).unwrap_or(Duration::ZERO) + RESET_MARGIN
}

/// The rate-limit books of one client.
#[derive(Debug)]
pub struct RateBook {
    buckets: Mutex<HashMap<&'static str, Entry>>,
    answered: Notify,
    /// Clients expected to share the key from the start ([`RateBook::expect`]; 0: unknown).
    expected: std::sync::atomic::AtomicU32,
    /// This client's place among them, from 0 ([`RateBook::expect`]): its phase is
    /// `place ÷ expected`. Unknown (`u32::MAX`): a random phase.
    place: std::sync::atomic::AtomicU32,
}

impl Default for RateBook {
    fn default() -> Self {
        Self {
            buckets: Mutex::default(),
            answered: Notify::default(),
            expected: std::sync::atomic::AtomicU32::new(0),
            place: std::sync::atomic::AtomicU32::new(u32::MAX),
        }
    }
}

impl RateBook {
    /// Decides for one request in `bucket`; on [`Admit::Go`] the caller must settle the
    /// reservation through the returned guard.
    pub fn admit(self: &Arc<Self>, bucket: &'static str, now: SystemTime) -> (Admit, Reservation) {
        let admit = self.with(bucket, |entry| entry.admit(now));
        let reservation = Reservation {
            book: (admit == Admit::Go).then(|| self.clone()),
            bucket,
        };
        (admit, reservation)
    }

    /// Sends without waiting any longer for news (after [`PROBE_WAIT`]); still counted in flight.
    pub fn admit_anyway(self: &Arc<Self>, bucket: &'static str) -> Reservation {
        self.with(bucket, |entry| {
            entry.remaining = entry.remaining.saturating_sub(1);
            entry.send()
        });
        Reservation {
            book: Some(self.clone()),
            bucket,
        }
    }

    /// Waits until an answer arrives in any bucket, or `PROBE_WAIT` passes.
    pub async fn answer_or_timeout(&self, notified: tokio::sync::futures::Notified<'_>) {
        let _ = tokio::time::timeout(PROBE_WAIT, notified).await;
    }

    /// A future woken by the next answer; create it before [`RateBook::admit`] so no answer is
    /// missed in between.
    pub fn next_answer(&self) -> tokio::sync::futures::Notified<'_> {
        self.answered.notified()
    }

    /// Says that `clients` processes (this one included) start spending every bucket of this
    /// key together, such as the `N` shards of a batch, and that this one is the `place`th of
    /// them (from 0): each keeps to its part of a window from the first one, instead of
    /// learning from 429s that the budget is shared, and takes the fractions of its parts in
    /// turn with the others (its phase). What the server's counts then show replaces the guess
    /// of how many share it after a window.
    pub fn expect(&self, clients: u32, place: u32) {
        if clients > 1 {
            let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
            self.expected
                .store(clients, std::sync::atomic::Ordering::Relaxed);
            let place = place.min(clients - 1);
            self.place
                .store(place, std::sync::atomic::Ordering::Relaxed);
            for entry in buckets.values_mut() {
                entry.sharers.get_or_insert(f64::from(clients));
                entry.expected = Some(f64::from(clients));
                entry.carry = f64::from(place) / f64::from(clients);
            }
        }
    }

    /// What is known of a bucket.
    pub fn state(&self, bucket: &str) -> Option<RateState> {
        let buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        buckets
            .get(bucket)
            .and_then(|entry| entry.state(SystemTime::now()))
    }

    fn settle(&self, bucket: &'static str, fresh: Option<RateState>, counted: bool) {
        self.with(bucket, |entry| {
            entry.answered(fresh, counted, SystemTime::now())
        });
        self.answered.notify_waiters();
    }

    fn with<R>(&self, bucket: &'static str, f: impl FnOnce(&mut Entry) -> R) -> R {
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        let expected = self.expected.load(std::sync::atomic::Ordering::Relaxed);
        let place = self.place.load(std::sync::atomic::Ordering::Relaxed);
        f(buckets.entry(bucket).or_insert_with(|| Entry {
            sharers: (expected > 1).then_some(f64::from(expected)),
            expected: (expected > 1).then_some(f64::from(expected)),
            carry: if place == u32::MAX {
                rand::random::<f64>()
            } else {
                f64::from(place) / f64::from(expected.max(1))
            },
            ..Entry::default()
        }))
    }
}

/// One request on the wire. Settled with the answer's headers, or on drop (a failed or
/// cancelled request), so that the books never count a request in flight forever.
#[derive(Debug)]
pub struct Reservation {
    book: Option<Arc<RateBook>>,
    bucket: &'static str,
}

impl Reservation {
    /// Settles with what the answer said (`None`: no rate headers); `counted`: whether the
    /// server counted the request against the budget (every answer but a 429).
    pub fn answered(mut self, fresh: Option<RateState>, counted: bool) {
        if let Some(book) = self.book.take() {
            book.settle(self.bucket, fresh, counted);
        }
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if let Some(book) = self.book.take() {
            book.settle(self.bucket, None, false);
        }
    }
}

#[cfg(test)]
mod tests;
