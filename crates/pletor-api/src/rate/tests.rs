//! The pacing rules, checked against a simulated clock.

use super::*;

fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000 + secs)
}

fn answer(limit: u64, remaining: u64, reset: SystemTime) -> Option<RateState> {
    Some(RateState {
        limit: Some(limit),
        remaining,
        reset_at: reset,
    })
}

#[test]
fn an_unknown_bucket_sends_one_request_and_the_others_wait_for_its_answer() {
    let mut entry = Entry::default();
    assert_eq!(entry.admit(at(0)), Admit::Go);
    assert_eq!(entry.admit(at(0)), Admit::AwaitAnswer);
    entry.answered(answer(5, 4, at(2)), true, at(0));
    for _ in 0..4 {
        assert_eq!(entry.admit(at(0)), Admit::Go);
    }
    assert!(matches!(entry.admit(at(0)), Admit::Wait(_)));
}

#[test]
fn answers_are_lowered_by_the_requests_still_in_flight() {
    // Limit 5: one probe, then four concurrent requests; the first answer to come back was
    // counted before the three others reached the server.
    let mut entry = Entry::default();
    entry.admit(at(0));
    entry.answered(answer(5, 4, at(2)), true, at(0));
    for _ in 0..4 {
        entry.admit(at(0));
    }
    entry.answered(answer(5, 3, at(2)), true, at(0));
    assert_eq!(entry.remaining, 0, "three are still on the wire");
    assert!(matches!(entry.admit(at(0)), Admit::Wait(_)));
}

#[test]
fn a_spent_window_waits_for_its_reset_then_admits_only_the_limit() {
    let mut entry = Entry::default();
    entry.admit(at(0));
    entry.answered(answer(3, 0, at(2)), true, at(0));
    assert_eq!(
        entry.admit(at(1)),
        Admit::Wait(Duration::from_secs(1) + RESET_MARGIN)
    );
    // Many callers wake after the reset: only three go.
    let admitted = (0..10).filter(|_| entry.admit(at(3)) == Admit::Go).count();
    assert_eq!(admitted, 3);
    // The first answer of the new window tells its end.
    entry.answered(answer(3, 2, at(5)), true, at(3));
    assert!(matches!(entry.admit(at(3)), Admit::Wait(_)));
}

#[test]
fn a_window_that_moved_replaces_the_estimate_and_stale_answers_are_ignored() {
    let mut entry = Entry::default();
    entry.admit(at(0));
    entry.answered(answer(10, 1, at(2)), true, at(0));
    entry.admit(at(1));
    // A server whose window moved on without us: trust its new count.
    entry.answered(answer(10, 8, at(9)), true, at(1));
    assert_eq!(entry.remaining, 8);
    entry.admit(at(1));
    entry.answered(answer(10, 0, at(1)), true, at(3));
    assert_eq!(
        entry.remaining, 7,
        "an answer from a past window is ignored"
    );
}

#[test]
fn an_answer_without_headers_frees_the_probe() {
    let mut entry = Entry::default();
    assert_eq!(entry.admit(at(0)), Admit::Go);
    entry.answered(None, true, at(0));
    assert_eq!(entry.admit(at(0)), Admit::Go);
}

#[test]
fn a_dropped_reservation_is_settled() {
    let book = Arc::new(RateBook::default());
    let (admit, reservation) = book.admit("runs", SystemTime::now());
    assert_eq!(admit, Admit::Go);
    assert_eq!(book.admit("runs", SystemTime::now()).0, Admit::AwaitAnswer);
    drop(reservation);
    let (again, reservation) = book.admit("runs", SystemTime::now());
    assert_eq!(again, Admit::Go);
    reservation.answered(
        answer(4, 3, SystemTime::now() + Duration::from_secs(60)),
        true,
    );
    assert_eq!(book.state("runs").map(|s| s.remaining), Some(3));
}

#[test]
fn concurrent_callers_never_exceed_the_limit_of_a_window() {
    // Simulate a server with a fixed window and clients admitting in random interleavings.
    use proptest::prelude::*;
    proptest!(|(limit in 1u64..8, callers in 1usize..20, order in proptest::collection::vec(any::<bool>(), 0..200))| {
        let mut entry = Entry::default();
        let reset = at(60);
        let mut used = 0u64; // what the server counted
        let mut wire: Vec<u64> = Vec::new(); // requests sent, not answered
        let mut waiting = callers;
        for step in order {
            if step && waiting > 0 {
                if entry.admit(at(0)) == Admit::Go {
                    waiting -= 1;
                    used += 1;
                    wire.push(limit.saturating_sub(used));
                }
            } else if let Some(remaining) = wire.pop() {
                entry.answered(answer(limit, remaining, reset), true, at(0));
            }
            prop_assert!(used <= limit, "sent {used} with a limit of {limit}");
        }
    });
}

#[test]
fn answers_out_of_order_cost_no_slot_once_all_are_in() {
    // Limit 20: a probe, then four at once; the server counts them 18, 17, 16, 15 but the
    // answers come back 17, 18, 15, 16.
    let mut entry = Entry::default();
    entry.admit(at(0));
    entry.answered(answer(20, 19, at(10)), true, at(0));
    for _ in 0..4 {
        assert_eq!(entry.admit(at(0)), Admit::Go);
    }
    for remaining in [17, 18, 15, 16] {
        entry.answered(answer(20, remaining, at(10)), true, at(0));
    }
    assert_eq!(entry.remaining, 15, "all 15 slots left are usable");
    let admitted = (0..20).filter(|_| entry.admit(at(1)) == Admit::Go).count();
    assert_eq!(admitted, 15);
}

#[test]
fn once_every_answer_is_in_the_estimate_is_the_servers_count() {
    use proptest::prelude::*;
    proptest!(|(limit in 1u64..30, callers in 1usize..40, order in proptest::collection::vec(any::<bool>(), 0..300))| {
        let mut entry = Entry::default();
        let reset = at(60);
        let mut used = 0u64;
        let mut wire: Vec<u64> = Vec::new();
        let mut waiting = callers;
        for step in order {
            if step && waiting > 0 {
                if entry.admit(at(0)) == Admit::Go {
                    waiting -= 1;
                    used += 1;
                    wire.push(limit.saturating_sub(used));
                }
            } else if let Some(remaining) = wire.pop() {
                entry.answered(answer(limit, remaining, reset), true, at(0));
            }
        }
        while let Some(remaining) = wire.pop() {
            entry.answered(answer(limit, remaining, reset), true, at(0));
        }
        if used > 0 {
            prop_assert_eq!(entry.remaining, limit - used);
        }
    });
}

/// Admits until the entry says otherwise; the number admitted and what it said then.
fn admit_all(entry: &mut Entry, now: SystemTime) -> (usize, Admit) {
    let mut admitted = 0;
    loop {
        match entry.admit(now) {
            Admit::Go => admitted += 1,
            other => return (admitted, other),
        }
    }
}

#[test]
fn a_client_alone_spends_the_whole_window_at_once() {
    let mut entry = Entry::default();
    assert_eq!(entry.admit(at(0)), Admit::Go);
    entry.answered(answer(20, 19, at(10)), true, at(0));
    let (admitted, then) = admit_all(&mut entry, at(0));
    assert_eq!(admitted, 19);
    assert!(matches!(then, Admit::Wait(_)));
    for remaining in (0..19).rev() {
        entry.answered(answer(20, remaining, at(10)), true, at(0));
    }
    assert_eq!(
        admit_all(&mut entry, at(11)).0,
        20,
        "still alone next window"
    );
}

#[test]
fn a_window_others_spent_too_is_split_in_the_next_one() {
    // Limit 20: between two of our requests, three others land; our fifth takes the last.
    let mut entry = Entry::default();
    entry.admit(at(0));
    entry.answered(answer(20, 16, at(10)), true, at(0));
    for remaining in [12, 8, 4, 0] {
        assert_eq!(entry.admit(at(1)), Admit::Go);
        entry.answered(answer(20, remaining, at(10)), true, at(1));
    }
    assert_eq!(entry.sharers, Some(4.0), "20 counted, 5 of them ours");
    // Next window: our part is 5; the sixth waits for an answer in flight.
    let (admitted, then) = admit_all(&mut entry, at(11));
    assert_eq!(admitted, 5);
    assert!(matches!(then, Admit::Hold(_)));
    // The others stayed away: our answers show 15 left, room for us and three others, so
    // one more goes, alone on the wire.
    for remaining in [19, 18, 17, 16, 15] {
        entry.answered(answer(20, remaining, at(21)), true, at(11));
    }
    assert_eq!(entry.admit(at(11)), Admit::Go);
    assert!(matches!(entry.admit(at(11)), Admit::Hold(_)));
}

#[test]
fn a_view_with_no_room_for_the_others_waits_for_the_reset() {
    let mut entry = Entry {
        sharers: Some(4.0),
        ..Entry::default()
    };
    entry.admit(at(0));
    entry.answered(answer(20, 3, at(10)), true, at(0));
    assert_eq!(
        entry.admit(at(1)),
        Admit::Wait(Duration::from_secs(9) + RESET_MARGIN),
        "3 left are the others' share"
    );
}

#[test]
fn clients_expected_to_start_together_split_the_first_window() {
    let book = Arc::new(RateBook::default());
    book.expect(4, 0);
    let now = SystemTime::now();
    let (first, probe) = book.admit("runs", now);
    assert_eq!(first, Admit::Go);
    probe.answered(answer(20, 19, now + Duration::from_secs(10)), true);
    let mut held = Vec::new();
    loop {
        match book.admit("runs", now) {
            (Admit::Go, reservation) => held.push(reservation),
            (other, _) => {
                assert!(matches!(other, Admit::Hold(_)), "{other:?}");
                break;
            }
        }
    }
    assert_eq!(held.len() + 1, 5, "a quarter of 20");
}

#[test]
fn fractional_parts_are_carried_in_turn_so_every_window_is_spent_whole() {
    // 8, 16 and 3 clients on a window of 20: parts of 2.5, 1.25 and 6.67 requests. Each
    // client starts at its phase; over 40 windows the parts of one window always add up to
    // the limit (never over it, which would be 429s; never under, which would be waste).
    for clients in [2u32, 3, 4, 8, 16] {
        let mut entries: Vec<Entry> = (0..clients)
            .map(|place| Entry {
                limit: Some(20),
                sharers: Some(f64::from(clients)),
                carry: f64::from(place) / f64::from(clients),
                ..Entry::default()
            })
            .collect();
        for window in 0..40 {
            let parts: u64 = entries
                .iter()
                .map(|entry| entry.part_of(20, f64::from(clients)).floor() as u64)
                .sum();
            assert_eq!(parts, 20, "{clients} clients, window {window}");
            entries.iter_mut().for_each(Entry::roll);
        }
    }
}

#[test]
fn a_client_idle_for_whole_windows_keeps_its_turn() {
    // 8 clients, 20 a window (2.5 each): the 4th client's carry starts at 3/8. It sends in
    // window 0, then nothing until 2 s into window 3: its carry must be where the others'
    // are, three parts later.
    let mut entry = Entry {
        limit: Some(20),
        sharers: Some(8.0),
        expected: Some(8.0),
        window: Some(Duration::from_secs(10)),
        carry: 3.0 / 8.0,
        ..Entry::default()
    };
    assert_eq!(entry.admit(at(0)), Admit::Go);
    entry.answered(answer(20, 19, at(10)), true, at(0));
    entry.admit(at(32));
    let expected = (3.0 / 8.0 + 3.0 * 2.5f64).fract();
    assert!((entry.carry - expected).abs() < 1e-9, "{}", entry.carry);
}

#[test]
fn the_place_given_with_the_expected_clients_sets_the_phase() {
    let book = RateBook::default();
    book.expect(8, 5);
    book.with("runs", |entry| assert_eq!(entry.carry, 5.0 / 8.0));
    let alone = RateBook::default();
    alone.with("runs", |entry| assert!((0.0..1.0).contains(&entry.carry)));
}

#[test]
fn sharers_that_left_are_forgotten_after_two_windows_alone() {
    let mut entry = Entry {
        sharers: Some(4.0),
        ratios: vec![(4.0, true), (4.0, true)],
        ..Entry::default()
    };
    for window in 0..2u64 {
        let start = at(window * 10);
        entry.admit(start);
        entry.answered(answer(20, 19, at(window * 10 + 9)), true, start);
    }
    entry.admit(at(20));
    assert_eq!(entry.sharers, None);
}

#[test]
fn a_budget_spent_before_our_first_request_is_not_taken_for_sharers() {
    // An earlier command spent the window; this one is alone and must not shrink its part.
    let mut entry = Entry::default();
    entry.admit(at(0));
    entry.answered(answer(20, 0, at(5)), true, at(0));
    assert_eq!(entry.sharers, None);
    assert_eq!(admit_all(&mut entry, at(6)).0, 20);
    assert_eq!(entry.sharers, None);
}

#[test]
fn known_clients_keep_their_count_when_a_window_is_spent_before_their_answers_are_in() {
    // 8 shards, 20 a window; this is the 6th (phase 5/8: parts 3, 2, 3, 2, …). Its probe's
    // answer shows the others already took 18; it sends two more, and the window is spent
    // when only two of its three are answered (20 used, 2 ours): 10 clients, by that ratio.
    let mut entry = Entry {
        sharers: Some(8.0),
        expected: Some(8.0),
        carry: 5.0 / 8.0,
        ..Entry::default()
    };
    assert_eq!(entry.admit(at(0)), Admit::Go);
    entry.answered(answer(20, 2, at(10)), true, at(0));
    assert_eq!(
        admit_all(&mut entry, at(0)).0,
        2,
        "its part of 3: the probe and two more"
    );
    entry.answered(answer(20, 0, at(10)), true, at(0));
    assert_eq!(entry.sharers, Some(8.0), "the count given stays");
    entry.answered(answer(20, 0, at(10)), true, at(0));
    // Next window: the carry moved on by 2.5 to 1/8, and 2.5 + 1/8 is a part of 2.
    assert_eq!(admit_all(&mut entry, at(11)).0, 2);
    assert!((entry.carry - 1.0 / 8.0).abs() < 1e-9, "{}", entry.carry);
}
