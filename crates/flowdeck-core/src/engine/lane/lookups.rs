//! The lookups: a lane's Uncertain takes (sent, answer lost) waiting to be looked up in the
//! account's listing, one listing at a time, each given up on (left Uncertain) after a few
//! failed listings.

use std::time::{Duration, Instant};

use crate::engine::backoff::backoff;
use crate::model::TakeId;
use crate::store::ledger::TakeRecord;

/// Listing lookups that fail this many times in a row leave their takes Uncertain.
pub(super) const LOOKUP_ATTEMPTS: u32 = 6;

/// An Uncertain take waiting to be looked up in the account's listing.
#[derive(Clone)]
pub(super) struct Lookup {
    pub take: TakeRecord,
    pub not_before: Instant,
    pub failures: u32,
}

#[derive(Default)]
pub(super) struct Lookups {
    waiting: Vec<Lookup>,
    /// A listing is out (with the takes it looks up, which are not in `waiting`).
    looking: bool,
}

impl Lookups {
    /// Looks `take` up no sooner than `not_before`.
    pub fn add(&mut self, take: TakeRecord, not_before: Instant) {
        self.waiting.push(Lookup {
            take,
            not_before,
            failures: 0,
        });
    }

    /// A listing is due: none is out, the account may look (`allowed`), a take's wait is over.
    pub fn due(&self, now: Instant, allowed: bool) -> bool {
        !self.looking && allowed && self.waiting.iter().any(|l| l.not_before <= now)
    }

    /// Takes out what one listing looks up: every take whose wait is over.
    pub fn start(&mut self, now: Instant) -> Vec<Lookup> {
        let (due, wait) = self.waiting.drain(..).partition(|l| l.not_before <= now);
        self.waiting = wait;
        self.looking = true;
        due
    }

    /// The listing answered for every take looked up.
    pub fn on_done(&mut self) {
        self.looking = false;
    }

    /// The listing failed (or answered for some only): each take is looked up again after a
    /// growing wait, or given up on. Returns those given up on.
    pub fn on_failed(&mut self, now: Instant, due: Vec<Lookup>) -> Vec<TakeId> {
        self.looking = false;
        let mut gave_up = Vec::new();
        for mut l in due {
            l.failures += 1;
            if l.failures >= LOOKUP_ATTEMPTS {
                gave_up.push(l.take.id);
            } else {
                l.not_before =
                    now + backoff(Duration::from_secs(5), l.failures, Duration::from_secs(300));
                self.waiting.push(l);
            }
        }
        gave_up
    }

    /// The listing panicked: its takes are looked up again a little later.
    pub fn on_lost(&mut self, now: Instant, mut due: Vec<Lookup>) {
        self.looking = false;
        for l in &mut due {
            l.failures += 1;
            l.not_before = now + Duration::from_secs(5);
        }
        self.waiting.extend(due);
    }

    pub fn next_wake(&self) -> Option<Instant> {
        if self.looking {
            return None;
        }
        self.waiting.iter().map(|l| l.not_before).min()
    }

    /// Takes waiting for a listing (not those in the one out).
    pub fn len(&self) -> usize {
        self.waiting.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lane::tests::takes;

    #[tokio::test]
    async fn one_listing_at_a_time_for_what_is_due() {
        let t0 = Instant::now();
        let later = t0 + Duration::from_secs(60);
        let mut l = Lookups::default();
        let takes = takes(3).await;
        l.add(takes[0].clone(), t0);
        l.add(takes[1].clone(), t0);
        l.add(takes[2].clone(), later);
        assert!(!l.due(t0, false), "not while the account may not look");
        assert!(l.due(t0, true));
        let due = l.start(t0);
        assert_eq!(due.len(), 2);
        assert_eq!(l.len(), 1);
        assert!(!l.due(later, true), "never two listings at once");
        assert_eq!(l.next_wake(), None);
        l.on_done();
        assert_eq!(l.next_wake(), Some(later));
        assert!(!l.due(t0, true) && l.due(later, true));
    }

    #[tokio::test]
    async fn failed_listings_wait_longer_each_time_then_give_up() {
        let t0 = Instant::now();
        let mut l = Lookups::default();
        let take = takes(1).await.remove(0);
        l.add(take.clone(), t0);
        let mut now = t0;
        for failure in 1..LOOKUP_ATTEMPTS {
            let due = l.start(now);
            assert_eq!(due.len(), 1);
            assert!(l.on_failed(now, due).is_empty());
            let wait = l.next_wake().expect("looked up again") - now;
            // 5 s · 2ⁿ, capped at 300 s, ± 25%.
            let expected = (Duration::from_secs(5) * (1 << failure)).min(Duration::from_secs(300));
            assert!(
                wait >= expected.mul_f64(0.74) && wait <= expected.mul_f64(1.26),
                "{failure}: {wait:?}"
            );
            assert!(!l.due(now, true));
            now += wait;
        }
        let due = l.start(now);
        assert_eq!(l.on_failed(now, due), [take.id]);
        assert_eq!(l.len(), 0);
        assert_eq!(l.next_wake(), None);
    }

    #[tokio::test]
    async fn a_panicked_listing_is_tried_again_after_five_seconds() {
        let t0 = Instant::now();
        let mut l = Lookups::default();
        l.add(takes(1).await.remove(0), t0);
        let due = l.start(t0);
        l.on_lost(t0, due);
        assert_eq!(l.next_wake(), Some(t0 + Duration::from_secs(5)));
        assert!(l.due(t0 + Duration::from_secs(5), true));
    }
}
