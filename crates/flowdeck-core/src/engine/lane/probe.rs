//! The account check: one at a time, at the start, when a browser or a secret comes back, and
//! now and then while a browser account is signed out (the user may sign in again in that
//! browser, which tells nobody).

use std::time::{Duration, Instant};

/// How often a signed-out browser account is looked at again, at least.
const PROBE_EVERY: Duration = Duration::from_secs(10);

pub(super) struct Probe {
    /// A check is out.
    checking: bool,
    /// The next look at a signed-out browser account.
    next: Instant,
    every: Duration,
}

impl Probe {
    /// Looks at a signed-out account every `PROBE_EVERY`, or four status intervals if longer.
    pub fn new(now: Instant, poll_interval: Duration) -> Probe {
        Probe {
            checking: false,
            next: now,
            every: PROBE_EVERY.max(poll_interval * 4),
        }
    }

    /// Starts a check unless one is out; true when it started.
    pub fn start(&mut self) -> bool {
        !std::mem::replace(&mut self.checking, true)
    }

    /// A look is due: the account is signed out in a browser that is still there
    /// (`signed_out`), no check is out, the wait is over.
    pub fn due(&self, now: Instant, signed_out: bool) -> bool {
        signed_out && !self.checking && now >= self.next
    }

    /// Starts a look (see [`Probe::due`]); the next waits `every`.
    pub fn start_look(&mut self, now: Instant) -> bool {
        self.next = now + self.every;
        self.start()
    }

    /// The check came back (or panicked).
    pub fn on_done(&mut self) {
        self.checking = false;
    }

    pub fn next_wake(&self, signed_out: bool) -> Option<Instant> {
        signed_out.then_some(self.next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_check_at_a_time() {
        let mut p = Probe::new(Instant::now(), Duration::from_secs(1));
        assert!(p.start());
        assert!(!p.start(), "one is out");
        p.on_done();
        assert!(p.start());
    }

    #[test]
    fn a_signed_out_account_is_looked_at_every_so_often() {
        let t0 = Instant::now();
        let mut p = Probe::new(t0, Duration::from_secs(5));
        assert!(!p.due(t0, false) && p.next_wake(false).is_none());
        assert!(p.due(t0, true));
        assert!(p.start_look(t0));
        p.on_done();
        // Four status intervals (20 s) is longer than ten seconds.
        let next = t0 + Duration::from_secs(20);
        assert_eq!(p.next_wake(true), Some(next));
        assert!(!p.due(next - Duration::from_millis(1), true));
        assert!(p.due(next, true));
        // Not while a check is out.
        p.start();
        assert!(!p.due(next, true));
        let fast = Probe::new(t0, Duration::from_millis(100));
        assert_eq!(fast.every, PROBE_EVERY);
    }
}
