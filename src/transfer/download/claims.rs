//! Name claims: which final name each download of one call gets.
//!
//! Names are claimed in input order, so a repeated command gives every asset the same name
//! again: when two assets of one call resolve to the same name, the later one (in input order)
//! gets ` (1)`, ` (2)`, … before the extension. Names compare case-insensitively, and a name
//! also reserves its `.part`. A download that fails before it has a name still ends its turn
//! (on drop), so it never holds up the ones after it. Claims cover one call only: a file already
//! on disk is the existing-file rule's business (see [`super::place`]).

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

use tokio::sync::watch;

use crate::transfer::names::{self, part_name};

/// Names taken in this call, claimed in input order so a repeated command names alike.
pub(super) struct Claims {
    /// Every name given out in this call, and its `.part`, lowercased: two names that differ only
    /// in case would be one file on a case-insensitive file system.
    taken: Mutex<HashSet<String>>,
    /// The first turn not yet ended: every turn before it has claimed its name or given up. Turn
    /// `i` waits until this reaches `i`, which is what makes the naming order the input order.
    next_turn: watch::Sender<usize>,
    /// Which turns have ended, by index: they end out of order (a download that fails early
    /// drops its turn at once), while `next_turn` only moves past an unbroken run of them.
    ended: Mutex<Vec<bool>>,
}

impl Claims {
    /// No name taken yet, and turn 0 may claim at once.
    pub(super) fn new() -> Self {
        Self {
            taken: Mutex::default(),
            next_turn: watch::Sender::new(0),
            ended: Mutex::default(),
        }
    }

    /// The turn of download `index` (its position in the input). A download takes it before
    /// anything that can fail, so a failure before naming still ends the turn (on drop).
    pub(super) fn turn(&self, index: usize) -> Turn<'_> {
        Turn {
            claims: self,
            index,
            ended: false,
        }
    }

    /// Ends turn `index` (its name claimed, or given up) and lets the turns after the unbroken
    /// run of ended ones claim theirs. The name itself stays taken.
    fn end_turn(&self, index: usize) {
        let mut ended = self.ended.lock().unwrap_or_else(PoisonError::into_inner);
        if ended.len() <= index {
            ended.resize(index + 1, false);
        }
        ended[index] = true;
        let next = ended.iter().take_while(|e| **e).count();
        self.next_turn.send_replace(next);
    }

    /// `name`, or the first ` (N)` variant that neither it nor its `.part` collides with.
    fn take(&self, name: String) -> String {
        let mut taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        let free = |candidate: &str, taken: &HashSet<String>| {
            let key = candidate.to_lowercase();
            !taken.contains(&key) && !taken.contains(&part_name(&key))
        };
        let mut chosen = name.clone();
        let mut n = 0;
        while !free(&chosen, &taken) {
            n += 1;
            chosen = names::numbered(&name, n);
        }
        let key = chosen.to_lowercase();
        taken.insert(part_name(&key));
        taken.insert(key);
        chosen
    }
}

/// A download's place in the naming order; ends on drop, so a failed download never holds up
/// the ones after it.
pub(super) struct Turn<'a> {
    /// Where the name is taken and the turn ended.
    claims: &'a Claims,
    /// The download's position in the input: the turns before it must end first.
    index: usize,
    /// Set once `claim` has ended the turn, so the drop that follows does not end it again.
    ended: bool,
}

impl Turn<'_> {
    /// Waits until every earlier download has claimed its name, then claims one.
    pub(super) async fn claim(mut self, name: String) -> String {
        let claims = self.claims;
        let mut next_turn = claims.next_turn.subscribe();
        let index = self.index;
        // The sender lives as long as `claims`, so the wait cannot fail.
        let _ = next_turn.wait_for(|next| *next >= index).await;
        let chosen = claims.take(name);
        claims.end_turn(index);
        self.ended = true;
        chosen
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        if !self.ended {
            self.claims.end_turn(self.index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn names_are_claimed_in_input_order_whatever_order_they_arrive_in() {
        let claims = std::sync::Arc::new(Claims::new());
        let later = {
            let claims = claims.clone();
            tokio::spawn(async move { claims.turn(1).claim("a.png".into()).await })
        };
        tokio::task::yield_now().await;
        assert!(
            !later.is_finished(),
            "the second download waits for the first"
        );
        let first = claims.turn(0).claim("A.png".into()).await;
        assert_eq!(first, "A.png");
        assert_eq!(later.await.unwrap(), "a (1).png");
    }

    #[tokio::test]
    async fn a_download_that_fails_before_naming_does_not_block_the_next() {
        let claims = Claims::new();
        drop(claims.turn(0));
        assert_eq!(claims.turn(1).claim("x".into()).await, "x");
    }

    #[test]
    fn a_name_reserves_its_part_file() {
        let claims = Claims::new();
        assert_eq!(claims.take("x.png".into()), "x.png");
        assert_eq!(claims.take("x.png.part".into()), "x.png (1).part");
    }
}
