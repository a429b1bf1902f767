use super::*;
use crate::engine::TakeUpdate;

fn info(take: TakeId, state: TakeState, account: Option<&str>) -> TakeInfo {
    TakeInfo {
        take,
        scene: take as u32,
        copy: 1,
        prompt: format!("p{take}"),
        state,
        account: account.map(str::to_string),
        message: None,
        failure: None,
        revisable: false,
        upscalable: false,
        from: Origin::default(),
        holds: Vec::new(),
    }
}

fn batch(takes: Vec<TakeInfo>) -> Event {
    Event::Batch {
        batch: 1,
        label: "b".into(),
        takes,
        resumed: false,
    }
}

fn moved(take: TakeId, state: TakeState, account: &str) -> Event {
    Event::Take(TakeUpdate {
        take,
        batch: 1,
        scene: 1,
        copy: 1,
        account: Some(account.into()),
        state,
        message: (state == TakeState::Failed).then(|| Message::verbatim("refused")),
        failure: None,
        path: None,
        bytes: (state == TakeState::Done).then_some(1 << 20),
        revisable: false,
        upscalable: false,
        holds: Vec::new(),
    })
}

fn feed(events: &[Event]) -> Tally {
    let mut t = Tally::default();
    let now = Instant::now();
    for e in events {
        t.absorb(e, now);
    }
    t
}

fn counts(t: &Tally, account: &str) -> (u32, u32, u32) {
    let l = &t.lanes[account];
    (l.dealt, l.done, l.failed)
}

#[test]
fn a_take_sent_back_to_the_queue_and_dealt_again_counts_once() {
    let t = feed(&[
        batch(vec![info(1, TakeState::Queued, None)]),
        moved(1, TakeState::Assigned, "a"),
        moved(1, TakeState::Queued, "a"),
        moved(1, TakeState::Assigned, "a"),
        moved(1, TakeState::Submitting, "a"),
        moved(1, TakeState::Done, "a"),
    ]);
    assert_eq!(counts(&t, "a"), (1, 1, 0));
    assert_eq!(t.lanes["a"].bytes, 1 << 20);
    assert_eq!(t.done(), 1);
}

#[test]
fn a_failed_take_retried_elsewhere_replaces_its_row_and_keeps_the_failure_where_it_happened() {
    let t = feed(&[
        batch(vec![
            info(1, TakeState::Queued, None),
            info(2, TakeState::Queued, None),
        ]),
        moved(1, TakeState::Assigned, "a"),
        moved(1, TakeState::Failed, "a"),
        // The same failure told twice is one failure.
        moved(1, TakeState::Failed, "a"),
        Event::Retried {
            batch: 1,
            old: 1,
            new: info(3, TakeState::Queued, None),
        },
        moved(3, TakeState::Assigned, "b"),
        moved(3, TakeState::Done, "b"),
    ]);
    assert_eq!(counts(&t, "a"), (1, 0, 1));
    assert_eq!(counts(&t, "b"), (1, 1, 0));
    assert!(!t.takes.contains_key(&1));
    assert_eq!(t.batches[&1].takes, vec![3, 2]);
    assert_eq!(t.takes[&3].account.as_deref(), Some("b"));
}

#[test]
fn a_lost_create_found_again_is_no_longer_a_failure() {
    let t = feed(&[
        batch(vec![info(1, TakeState::Queued, None)]),
        moved(1, TakeState::Assigned, "a"),
        moved(1, TakeState::Uncertain, "a"),
        moved(1, TakeState::Generating, "a"),
    ]);
    assert_eq!(counts(&t, "a"), (1, 0, 0));
    // Lost, then given up as failed: still one failure.
    let t = feed(&[
        batch(vec![info(1, TakeState::Queued, None)]),
        moved(1, TakeState::Assigned, "a"),
        moved(1, TakeState::Uncertain, "a"),
        moved(1, TakeState::Failed, "a"),
    ]);
    assert_eq!(counts(&t, "a"), (1, 0, 1));
}

#[test]
fn a_resumed_batch_counts_what_its_takes_already_are() {
    let t = feed(&[batch(vec![
        info(1, TakeState::Done, Some("a")),
        info(2, TakeState::TimedOut, Some("a")),
        info(3, TakeState::Generating, Some("a")),
        // Queued with a hint of its account: not dealt until it is.
        info(4, TakeState::Queued, Some("a")),
    ])]);
    assert_eq!(counts(&t, "a"), (3, 1, 1));
    let t = feed(&[
        batch(vec![info(4, TakeState::Queued, Some("a"))]),
        moved(4, TakeState::Assigned, "a"),
    ]);
    assert_eq!(counts(&t, "a"), (1, 0, 0));
}

#[test]
fn lane_health_changes_restart_its_clock_and_credits_keep_what_a_check_left_out() {
    let mut t: Tally = Tally::default();
    let start = Instant::now();
    let later = start + std::time::Duration::from_secs(5);
    t.lane("a");
    assert!(!t.lanes["a"].heard);
    let cooling = Event::Lane {
        account: "a".into(),
        health: LaneHealth::CoolingDown { seconds: 30 },
        in_flight: 2,
    };
    t.absorb(&cooling, start);
    // The same health told again keeps its clock.
    t.absorb(&cooling, later);
    let lane = &t.lanes["a"];
    assert!(lane.heard);
    assert_eq!(lane.in_flight, 2);
    assert_eq!(lane.cooldown_left(later), Some(25));
    t.absorb(
        &Event::Lane {
            account: "a".into(),
            health: LaneHealth::Ready,
            in_flight: 0,
        },
        later,
    );
    assert_eq!(t.lanes["a"].health_since, later);
    assert_eq!(t.lanes["a"].cooldown_left(later), None);
    let credits = |credits, email: Option<&str>| Event::Credits {
        account: "a".into(),
        credits,
        tier: None,
        plan: None,
        email: email.map(str::to_string),
    };
    t.absorb(&credits(Some(120), Some("a@example.com")), later);
    t.absorb(&credits(None, None), later);
    let lane = &t.lanes["a"];
    assert!(lane.checked);
    assert_eq!(lane.credits, Some(120));
    assert_eq!(lane.email.as_deref(), Some("a@example.com"));
}

#[test]
fn downloads_count_while_downloading_and_batches_finish_and_stall() {
    let mut t = feed(&[
        batch(vec![
            info(1, TakeState::Queued, None),
            info(2, TakeState::Queued, None),
        ]),
        moved(1, TakeState::Assigned, "a"),
        moved(1, TakeState::Downloading, "a"),
        moved(2, TakeState::Assigned, "a"),
        Event::Progress {
            account: "a".into(),
            takes: vec![(1, 50, Some(100)), (2, 7, Some(9))],
        },
    ]);
    // Take 2 is not downloading: its progress is not believed.
    assert_eq!(t.downloading("a"), (50, 100));
    assert_eq!(t.takes[&1].fraction(), Some(0.5));
    let now = Instant::now();
    t.absorb(&moved(1, TakeState::Done, "a"), now);
    assert_eq!(t.downloading("a"), (0, 0));
    t.absorb(
        &Event::Stalled {
            batch: 1,
            queued: 1,
            lanes: vec![("a".into(), LaneHealth::Ready)],
        },
        now,
    );
    assert!(t.batches[&1].stalled.is_some());
    t.absorb(
        &Event::BatchFinished {
            batch: 1,
            counts: BatchCounts::default(),
        },
        now,
    );
    assert!(t.batches[&1].stalled.is_none());
    assert!(t.batches[&1].finished.is_some());
    // A take moving again reopens its batch.
    t.absorb(&moved(2, TakeState::Generating, "a"), now);
    assert!(t.batches[&1].finished.is_none());
    t.absorb(
        &Event::Reconciled {
            account: "a".into(),
            found: 2,
            absent: 1,
        },
        now,
    );
    assert_eq!(t.reconciled, (2, 1));
}
