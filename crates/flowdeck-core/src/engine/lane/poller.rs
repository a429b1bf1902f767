//! The poller: a lane's videos being made, and the one status call that covers them all,
//! every interval, backing off while it fails.

use std::time::{Duration, Instant};

use crate::engine::backoff::backoff;
use crate::engine::poll::{self, Verdict};
use crate::engine::submit::InFlight;
use crate::model::TakeId;
use crate::provider::{ProviderError, RemoteRef};
use crate::store::ledger::TakeRecord;

pub(super) struct Poller {
    generating: Vec<InFlight>,
    /// A status call is out.
    polling: bool,
    next: Instant,
    /// Status calls failed in a row.
    failures: u32,
    interval: Duration,
}

/// What a status call's answer leaves to do.
pub(super) struct Polled {
    /// Made and recorded Ready: to download.
    pub ready: Vec<(TakeRecord, RemoteRef)>,
    /// The call failed: the next waits this long.
    pub retry_in: Option<Duration>,
}

impl Poller {
    pub fn new(now: Instant, interval: Duration) -> Poller {
        Poller {
            generating: Vec::new(),
            polling: false,
            next: now,
            failures: 0,
            interval,
        }
    }

    /// Videos a create just made: first asked about one interval from now (or sooner, when
    /// a call for others is due sooner).
    pub fn created(&mut self, now: Instant, created: Vec<InFlight>) {
        if created.is_empty() {
            return;
        }
        let first = now + self.interval;
        if self.generating.is_empty() || first < self.next {
            self.next = first;
        }
        self.generating.extend(created);
    }

    /// A video found or resumed: asked about now.
    pub fn add(&mut self, now: Instant, video: InFlight) {
        self.generating.push(video);
        self.next = now;
    }

    /// A status call is due: none is out, something is being made, the wait is over, and the
    /// account may poll (`allowed`).
    pub fn due(&self, now: Instant, allowed: bool) -> bool {
        !self.polling && !self.generating.is_empty() && now >= self.next && allowed
    }

    /// What the status call asks about.
    pub fn start(&mut self) -> Vec<poll::Item> {
        self.polling = true;
        self.generating
            .iter()
            .map(|g| (g.take.clone(), g.remote.clone(), g.deadline))
            .collect()
    }

    /// The status call came back with `verdicts`, or failed with `error`.
    pub fn on_done(
        &mut self,
        now: Instant,
        verdicts: Vec<(TakeId, Verdict)>,
        error: Option<&ProviderError>,
    ) -> Polled {
        self.polling = false;
        let mut ready = Vec::new();
        for (id, verdict) in verdicts {
            match verdict {
                Verdict::Waiting => {}
                Verdict::Finished => self.generating.retain(|g| g.take.id != id),
                Verdict::Ready(take) => {
                    if let Some(pos) = self.generating.iter().position(|g| g.take.id == id) {
                        ready.push((*take, self.generating.remove(pos).remote));
                    }
                }
            }
        }
        let retry_in = error.map(|e| self.failed(e));
        if retry_in.is_none() {
            self.failures = 0;
        }
        self.next = now + retry_in.unwrap_or(self.interval);
        Polled { ready, retry_in }
    }

    /// The next wait after a failed call: what the service asked, else a growing backoff.
    fn failed(&mut self, e: &ProviderError) -> Duration {
        let wait = match e {
            ProviderError::Throttled {
                retry_after: Some(d),
                ..
            } => *d,
            _ => backoff(self.interval, self.failures, Duration::from_secs(60)),
        };
        self.failures += 1;
        wait
    }

    /// The status call panicked.
    pub fn on_lost(&mut self) {
        self.polling = false;
    }

    /// Asks again now (after a pause).
    pub fn now(&mut self, now: Instant) {
        self.next = now;
    }

    /// Forgets past failures (a new secret).
    pub fn forget_failures(&mut self) {
        self.failures = 0;
    }

    pub fn next_wake(&self) -> Option<Instant> {
        (!self.generating.is_empty() && !self.polling).then_some(self.next)
    }

    pub fn len(&self) -> usize {
        self.generating.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lane::tests::takes;

    const INTERVAL: Duration = Duration::from_secs(5);

    async fn making(n: u8, now: Instant) -> Vec<InFlight> {
        takes(n)
            .await
            .into_iter()
            .map(|take| InFlight {
                remote: RemoteRef::Omni {
                    interaction: format!("i{}", take.id),
                },
                take,
                deadline: now + Duration::from_secs(600),
            })
            .collect()
    }

    #[tokio::test]
    async fn one_status_call_at_a_time_every_interval() {
        let t0 = Instant::now();
        let mut p = Poller::new(t0, INTERVAL);
        assert!(!p.due(t0, true), "nothing to ask about");
        p.created(t0, making(2, t0).await);
        assert!(!p.due(t0, true), "the first call waits an interval");
        assert_eq!(p.next_wake(), Some(t0 + INTERVAL));
        let t1 = t0 + INTERVAL;
        assert!(!p.due(t1, false), "not while the account may not poll");
        assert!(p.due(t1, true));
        assert_eq!(p.start().len(), 2);
        assert!(
            !p.due(t1 + INTERVAL * 10, true),
            "never a second call while one is out"
        );
        assert_eq!(p.next_wake(), None);
        p.on_done(t1, Vec::new(), None);
        assert_eq!(p.next_wake(), Some(t1 + INTERVAL));
    }

    #[tokio::test]
    async fn failed_calls_back_off_and_a_good_one_resets_the_wait() {
        let t0 = Instant::now();
        let mut p = Poller::new(t0, INTERVAL);
        p.add(t0, making(1, t0).await.remove(0));
        let mut waits = Vec::new();
        for _ in 0..5 {
            p.start();
            let e = ProviderError::Transient(crate::message::Message::verbatim("503"));
            let polled = p.on_done(t0, Vec::new(), Some(&e));
            let wait = polled.retry_in.expect("a failure");
            assert_eq!(p.next_wake(), Some(t0 + wait));
            waits.push(wait);
        }
        // 5 s, 10 s, 20 s, 40 s, 60 s (capped), each ± 25%.
        assert!(waits[0] <= INTERVAL.mul_f64(1.25), "{waits:?}");
        assert!(waits[4] >= Duration::from_secs(45), "{waits:?}");
        p.start();
        let throttled = ProviderError::Throttled {
            retry_after: Some(Duration::from_secs(7)),
            reason: crate::message::Message::verbatim("429"),
        };
        let polled = p.on_done(t0, Vec::new(), Some(&throttled));
        assert_eq!(
            polled.retry_in,
            Some(Duration::from_secs(7)),
            "the wait asked"
        );
        p.start();
        assert_eq!(p.on_done(t0, Vec::new(), None).retry_in, None);
        assert_eq!(p.next_wake(), Some(t0 + INTERVAL));
        p.start();
        let e = ProviderError::Transient(crate::message::Message::verbatim("503"));
        let wait = p.on_done(t0, Vec::new(), Some(&e)).retry_in;
        assert!(
            wait.is_some_and(|w| w <= INTERVAL.mul_f64(1.25)),
            "{wait:?}"
        );
    }

    #[tokio::test]
    async fn verdicts_move_videos_on() {
        let t0 = Instant::now();
        let mut p = Poller::new(t0, INTERVAL);
        let videos = making(3, t0).await;
        let ids: Vec<TakeId> = videos.iter().map(|v| v.take.id).collect();
        let made = Box::new(videos[1].take.clone());
        p.created(t0, videos);
        p.start();
        let verdicts = vec![
            (ids[0], Verdict::Waiting),
            (ids[1], Verdict::Ready(made)),
            (ids[2], Verdict::Finished),
        ];
        let polled = p.on_done(t0, verdicts, None);
        assert_eq!(polled.ready.len(), 1);
        assert_eq!(polled.ready[0].0.id, ids[1]);
        assert!(
            matches!(&polled.ready[0].1, RemoteRef::Omni { interaction } if interaction == "i2")
        );
        assert_eq!(p.len(), 1, "only the one still being made");
        assert_eq!(p.start()[0].0.id, ids[0]);
    }

    #[tokio::test]
    async fn a_panicked_call_frees_the_poller_and_new_videos_do_not_delay_a_due_call() {
        let t0 = Instant::now();
        let mut p = Poller::new(t0, INTERVAL);
        p.add(t0, making(1, t0).await.remove(0));
        p.start();
        p.on_lost();
        assert!(p.due(t0, true));
        // A call due now is not put off by videos a create just made.
        p.created(t0, making(1, t0).await);
        assert!(p.due(t0, true));
    }
}
