//! The submitter: the groups dealt to a lane, sent one create at a time with spacing between,
//! and the lane's asks for more work.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::engine::backoff::jitter;
use crate::model::{BatchId, Model};
use crate::store::ledger::TakeRecord;

pub(super) struct Submitter {
    /// Creates out at once, counted in takes.
    capacity: usize,
    /// Groups (copies of one scene) dealt and not sent yet.
    assigned: VecDeque<Vec<TakeRecord>>,
    /// Takes of the one create out now; 0 when none is.
    submitting: usize,
    /// No create goes out before this.
    next: Instant,
    /// A `Want` was sent and the coordinator has not answered it.
    want_out: bool,
    /// The engine stopped sending creates.
    stop: bool,
    /// When a model resting after its daily quota comes back: the lane asks for work again
    /// then, so its takes (waiting, or dealt elsewhere) may come to it.
    models_back: Option<Instant>,
}

impl Submitter {
    pub fn new(capacity: usize, now: Instant) -> Submitter {
        Submitter {
            capacity: capacity.max(1),
            assigned: VecDeque::new(),
            submitting: 0,
            next: now,
            want_out: false,
            stop: false,
            models_back: None,
        }
    }

    /// Creates may go out: the account is `ready` and the engine has not stopped them.
    pub fn open(&self, ready: bool) -> bool {
        ready && !self.stop
    }

    /// The coordinator's answer to a `Want` (an empty group: nothing to deal).
    pub fn assign(&mut self, group: Vec<TakeRecord>) {
        self.want_out = false;
        if !group.is_empty() {
            self.assigned.push_back(group);
        }
    }

    pub fn has_unsent(&self) -> bool {
        !self.assigned.is_empty()
    }

    /// Takes every unsent take out, in the order dealt.
    pub fn unsent(&mut self) -> Vec<TakeRecord> {
        self.assigned.drain(..).flatten().collect()
    }

    /// Takes out the unsent takes of `batch`.
    pub fn cancel(&mut self, batch: BatchId) -> Vec<TakeRecord> {
        let (gone, keep) = self
            .assigned
            .drain(..)
            .partition(|g| g.first().is_some_and(|t| t.batch == batch));
        self.assigned = keep;
        gone.into_iter().flatten().collect()
    }

    pub fn stop(&mut self) {
        self.stop = true;
    }

    /// A model resting after its quota is back: the lane may ask for work again.
    pub fn tick(&mut self, now: Instant) {
        if self.models_back.is_some_and(|t| now >= t) {
            self.models_back = None;
            self.want_out = false;
        }
    }

    /// The next group may be sent: creates are open, none is out, the spacing is over.
    pub fn due(&self, now: Instant, ready: bool) -> bool {
        self.open(ready) && self.submitting == 0 && now >= self.next && self.has_unsent()
    }

    /// Takes the next group to send; the next create waits `spacing(model)` (± 25%).
    pub fn start(
        &mut self,
        now: Instant,
        spacing: impl FnOnce(&Model) -> Duration,
    ) -> Option<Vec<TakeRecord>> {
        let group = self.assigned.pop_front()?;
        self.submitting = group.len();
        let model = group.first().map(|t| t.model.clone()).unwrap_or_default();
        self.next = now + jitter(spacing(&model), 0.25);
        Some(group)
    }

    /// How many takes to ask the coordinator for, when a create could go out now and none
    /// is waiting: once, until it answers. `generating` counts the lane's videos being made.
    pub fn wants(
        &mut self,
        now: Instant,
        ready: bool,
        generating: usize,
        per_create: usize,
    ) -> Option<usize> {
        let busy = self.submitting + generating;
        if !self.open(ready)
            || self.want_out
            || self.has_unsent()
            || self.submitting != 0
            || now < self.next
            || busy >= self.capacity
        {
            return None;
        }
        self.want_out = true;
        Some((self.capacity - busy).min(per_create))
    }

    /// The create of `n` takes came back; `models_back` is when a resting model returns.
    pub fn on_done(&mut self, n: usize, models_back: Option<Instant>) {
        self.submitting = self.submitting.saturating_sub(n);
        self.models_back = models_back;
    }

    /// The create of `n` takes panicked.
    pub fn on_lost(&mut self, n: usize) {
        self.submitting = self.submitting.saturating_sub(n);
    }

    pub fn next_wake(&self, ready: bool) -> Option<Instant> {
        let send = self.open(ready) && (self.has_unsent() || !self.want_out);
        let send = send.then_some(self.next);
        match (send, self.models_back) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Takes dealt here and not yet answered by the service.
    pub fn in_flight(&self) -> usize {
        self.assigned.iter().map(Vec::len).sum::<usize>() + self.submitting
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lane::tests::{takes, takes_in};

    const SPACING: Duration = Duration::from_secs(10);

    fn spacing(_: &Model) -> Duration {
        SPACING
    }

    #[tokio::test]
    async fn never_two_creates_out_and_the_spacing_is_kept() {
        let t0 = Instant::now();
        let mut s = Submitter::new(4, t0);
        let takes = takes(3).await;
        s.assign(takes[..2].to_vec());
        s.assign(takes[2..].to_vec());
        assert!(s.due(t0, true));
        let group = s.start(t0, spacing).expect("a group");
        assert_eq!(group.len(), 2);
        assert_eq!(s.in_flight(), 3);
        // The spacing is over and a group waits, but a create is out.
        let later = t0 + SPACING * 2;
        assert!(!s.due(later, true));
        s.on_done(2, None);
        assert!(s.due(later, true));
        // The next one waits the spacing (± 25%) after the one before.
        let mut s = Submitter::new(4, t0);
        s.assign(takes[..1].to_vec());
        s.assign(takes[1..2].to_vec());
        s.start(t0, spacing).expect("a group");
        s.on_done(1, None);
        assert!(!s.due(t0 + SPACING.mul_f64(0.7), true));
        assert!(s.due(t0 + SPACING.mul_f64(1.3), true));
        assert_eq!(
            s.next_wake(true).map(|t| t >= t0 + SPACING.mul_f64(0.75)),
            Some(true)
        );
    }

    #[tokio::test]
    async fn a_panicked_create_frees_the_submitter() {
        let t0 = Instant::now();
        let mut s = Submitter::new(2, t0);
        s.assign(takes(1).await);
        s.start(t0, |_| Duration::ZERO).expect("a group");
        s.assign(takes(1).await);
        assert!(!s.due(t0, true));
        s.on_lost(1);
        assert!(s.due(t0, true));
    }

    #[tokio::test]
    async fn nothing_is_sent_while_the_account_is_not_ready_or_after_a_stop() {
        let t0 = Instant::now();
        let mut s = Submitter::new(2, t0);
        s.assign(takes(1).await);
        assert!(!s.due(t0, false));
        assert_eq!(s.next_wake(false), None);
        s.stop();
        assert!(!s.open(true) && !s.due(t0, true));
        assert_eq!(s.wants(t0, true, 0, 4), None);
        assert_eq!(s.unsent().len(), 1);
        assert!(!s.has_unsent());
    }

    #[tokio::test]
    async fn it_asks_for_work_once_for_what_fits_until_answered() {
        let t0 = Instant::now();
        let mut s = Submitter::new(5, t0);
        assert_eq!(s.wants(t0, false, 0, 4), None, "not while unready");
        assert_eq!(s.wants(t0, true, 2, 4), Some(3), "the capacity left");
        assert_eq!(s.wants(t0, true, 0, 4), None, "once until answered");
        assert_eq!(s.next_wake(true), None, "nothing to wake for");
        s.assign(Vec::new());
        assert_eq!(
            s.wants(t0, true, 0, 4),
            Some(4),
            "no more than one create takes"
        );
        s.assign(takes(1).await);
        assert_eq!(s.wants(t0, true, 0, 4), None, "not while a group waits");
        s.start(t0, spacing).expect("a group");
        assert_eq!(
            s.wants(t0 + SPACING * 2, true, 0, 4),
            None,
            "not while one is out"
        );
        s.on_done(1, None);
        assert_eq!(s.wants(t0, true, 0, 4), None, "not before the spacing");
        assert_eq!(s.wants(t0 + SPACING * 2, true, 5, 4), None, "not when full");
        assert_eq!(s.wants(t0 + SPACING * 2, true, 1, 4), Some(4));
    }

    #[tokio::test]
    async fn a_model_coming_back_asks_again() {
        let t0 = Instant::now();
        let mut s = Submitter::new(2, t0);
        assert!(s.wants(t0, true, 0, 1).is_some());
        let back = t0 + Duration::from_secs(60);
        s.on_done(0, Some(back));
        assert_eq!(s.next_wake(true), Some(back));
        s.tick(back - Duration::from_secs(1));
        assert_eq!(s.wants(back, true, 0, 1), None);
        s.tick(back);
        assert_eq!(s.wants(back, true, 0, 1), Some(1));
    }

    #[tokio::test]
    async fn cancel_takes_out_only_that_batch() {
        let t0 = Instant::now();
        let mut s = Submitter::new(2, t0);
        let ledger = crate::store::ledger::Ledger::open_in_memory().expect("ledger");
        let (a, b) = (takes_in(&ledger, 2).await, takes_in(&ledger, 1).await);
        s.assign(a.clone());
        s.assign(b.clone());
        let gone = s.cancel(a[0].batch);
        assert_eq!(gone.len(), 2);
        assert_eq!(
            s.unsent().iter().map(|t| t.id).collect::<Vec<_>>(),
            [b[0].id]
        );
    }
}
