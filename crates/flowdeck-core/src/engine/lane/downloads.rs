//! A lane's downloads: each made video fetched once at a time, tried again with backoff, given
//! up on (left re-downloadable) after a few failures in a row; and their throttled progress.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::engine::backoff::backoff;
use crate::engine::download::ProgressMap;
use crate::model::TakeId;
use crate::provider::{ProviderError, RemoteRef};
use crate::store::ledger::TakeRecord;

/// Downloads of one take are tried this many times in a row before it is marked failed
/// (it stays re-downloadable: the video exists).
pub(super) const DOWNLOAD_ATTEMPTS: u32 = 10;
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

struct Item {
    take: TakeRecord,
    remote: RemoteRef,
    /// Failed tries in a row.
    attempts: u32,
    not_before: Instant,
    /// Its download is running.
    active: bool,
}

pub(super) struct Downloads {
    items: Vec<Item>,
    progress: ProgressMap,
    next_progress: Instant,
}

/// What a finished download leaves to do.
pub(super) enum Downloaded {
    /// Not one of this lane's (nothing to do).
    Unknown,
    Done,
    /// Failed; tried again after a wait.
    Retry,
    /// Failed for good: `take` is to be marked failed, for a folder it cannot write into
    /// (`unwritable`) or after too many tries.
    GaveUp {
        take: Box<TakeRecord>,
        unwritable: bool,
    },
}

impl Downloads {
    pub fn new(now: Instant) -> Downloads {
        Downloads {
            items: Vec::new(),
            progress: Arc::new(Mutex::new(HashMap::new())),
            next_progress: now,
        }
    }

    /// A video to bring home, now.
    pub fn add(&mut self, now: Instant, take: TakeRecord, remote: RemoteRef) {
        self.items.push(Item {
            take,
            remote,
            attempts: 0,
            not_before: now,
            active: false,
        });
    }

    /// Some download waits and may start.
    pub fn due(&self, now: Instant) -> bool {
        self.items.iter().any(|r| !r.active && r.not_before <= now)
    }

    /// The downloads to start now (the engine's semaphore limits how many run at once).
    pub fn start(&mut self, now: Instant) -> Vec<(TakeRecord, RemoteRef)> {
        self.items
            .iter_mut()
            .filter(|r| !r.active && r.not_before <= now)
            .map(|r| {
                r.active = true;
                (r.take.clone(), r.remote.clone())
            })
            .collect()
    }

    /// A download ended; `take` is the take as it left it.
    pub fn on_done(
        &mut self,
        now: Instant,
        take: TakeRecord,
        result: &Result<(), ProviderError>,
    ) -> Downloaded {
        let Some(pos) = self.items.iter().position(|r| r.take.id == take.id) else {
            return Downloaded::Unknown;
        };
        let Err(e) = result else {
            self.items.remove(pos);
            return Downloaded::Done;
        };
        let item = &mut self.items[pos];
        item.active = false;
        item.attempts += 1;
        item.take = take;
        item.not_before = now
            + backoff(
                Duration::from_millis(500),
                item.attempts - 1,
                Duration::from_secs(30),
            );
        // A signed-out account or an absent browser is waited for, however long.
        let blocked = matches!(
            e,
            ProviderError::SignInAgain(_) | ProviderError::Unauthorized | ProviderError::Browser(_)
        );
        let unwritable = e.is_unwritable();
        if unwritable || (!blocked && item.attempts >= DOWNLOAD_ATTEMPTS) {
            let take = Box::new(self.items.remove(pos).take);
            return Downloaded::GaveUp { take, unwritable };
        }
        Downloaded::Retry
    }

    /// The download of `id` panicked: tried again a little later.
    pub fn on_lost(&mut self, now: Instant, id: TakeId) {
        if let Some(item) = self.items.iter_mut().find(|r| r.take.id == id) {
            item.active = false;
            item.attempts += 1;
            item.not_before = now + Duration::from_secs(5);
        }
    }

    /// Tries what waits now (after a pause).
    pub fn now(&mut self, now: Instant) {
        for r in &mut self.items {
            r.not_before = now;
        }
    }

    pub fn next_wake(&self) -> Option<Instant> {
        let waiting = self.items.iter().filter(|r| !r.active);
        let next = waiting.map(|r| r.not_before).min();
        let progress = self
            .items
            .iter()
            .any(|r| r.active)
            .then_some(self.next_progress);
        next.into_iter().chain(progress).min()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Where running downloads note their bytes.
    pub fn progress(&self) -> ProgressMap {
        self.progress.clone()
    }

    /// Bytes so far of each running download, at most every `PROGRESS_EVERY`; None between,
    /// or when nothing runs.
    pub fn progress_due(&mut self, now: Instant) -> Option<Vec<(i64, u64, Option<u64>)>> {
        if now < self.next_progress {
            return None;
        }
        self.next_progress = now + PROGRESS_EVERY;
        let takes: Vec<_> = self
            .progress
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|(id, (d, t))| (*id, *d, *t))
            .collect();
        (!takes.is_empty()).then_some(takes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lane::tests::takes;

    fn remote() -> RemoteRef {
        RemoteRef::Omni {
            interaction: "i".into(),
        }
    }

    async fn one(now: Instant) -> (Downloads, TakeRecord) {
        let mut d = Downloads::new(now);
        let take = takes(1).await.remove(0);
        d.add(now, take.clone(), remote());
        (d, take)
    }

    fn cut() -> Result<(), ProviderError> {
        Err(ProviderError::Transient(crate::message::Message::verbatim(
            "connection reset",
        )))
    }

    #[tokio::test]
    async fn one_download_per_take_at_a_time() {
        let t0 = Instant::now();
        let (mut d, take) = one(t0).await;
        assert!(d.due(t0));
        assert_eq!(d.start(t0).len(), 1);
        assert!(!d.due(t0) && d.start(t0).is_empty(), "it runs already");
        assert!(matches!(d.on_done(t0, take, &Ok(())), Downloaded::Done));
        assert_eq!(d.len(), 0);
        assert_eq!(d.next_wake(), None);
    }

    #[tokio::test]
    async fn failures_are_retried_with_backoff_then_given_up() {
        let t0 = Instant::now();
        let (mut d, take) = one(t0).await;
        let mut now = t0;
        for attempt in 1..DOWNLOAD_ATTEMPTS {
            d.start(now);
            assert!(matches!(
                d.on_done(now, take.clone(), &cut()),
                Downloaded::Retry
            ));
            let wait = d.next_wake().expect("a retry") - now;
            // 0.5 s · 2ⁿ, capped at 30 s, ± 25%.
            let expected = Duration::from_millis(500)
                .saturating_mul(1 << (attempt - 1))
                .min(Duration::from_secs(30));
            assert!(
                wait >= expected.mul_f64(0.74) && wait <= expected.mul_f64(1.26),
                "{attempt}: {wait:?}"
            );
            assert!(!d.due(now), "not before the wait");
            now += wait;
            assert!(d.due(now));
        }
        d.start(now);
        match d.on_done(now, take.clone(), &cut()) {
            Downloaded::GaveUp {
                take: t,
                unwritable,
            } => {
                assert_eq!(t.id, take.id);
                assert!(!unwritable);
            }
            _ => panic!("the tenth failure gives up"),
        }
        assert_eq!(d.len(), 0);
        assert!(matches!(d.on_done(now, take, &cut()), Downloaded::Unknown));
    }

    #[tokio::test]
    async fn a_signed_out_account_is_waited_for_and_a_full_disk_is_said_at_once() {
        let t0 = Instant::now();
        let (mut d, take) = one(t0).await;
        for _ in 0..DOWNLOAD_ATTEMPTS * 2 {
            d.start(t0);
            let e = Err(ProviderError::SignInAgain(
                crate::message::Message::verbatim("expired"),
            ));
            assert!(matches!(d.on_done(t0, take.clone(), &e), Downloaded::Retry));
        }
        // A full disk on the first try: said at once.
        let (mut d, take) = one(t0).await;
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        let e = Err(ProviderError::from(full));
        d.start(t0);
        assert!(matches!(
            d.on_done(t0, take, &e),
            Downloaded::GaveUp {
                unwritable: true,
                ..
            }
        ));
    }

    #[tokio::test]
    async fn a_panicked_download_is_tried_again_later_and_a_pause_ends_every_wait() {
        let t0 = Instant::now();
        let (mut d, take) = one(t0).await;
        d.start(t0);
        d.on_lost(t0, take.id);
        assert!(!d.due(t0));
        assert_eq!(d.next_wake(), Some(t0 + Duration::from_secs(5)));
        let t1 = t0 + Duration::from_secs(1);
        d.now(t1);
        assert!(d.due(t1));
    }

    #[tokio::test]
    async fn progress_is_said_at_most_every_tenth_of_a_second_while_bytes_come() {
        let t0 = Instant::now();
        let (mut d, take) = one(t0).await;
        assert_eq!(d.progress_due(t0), None, "nothing running");
        d.start(t0);
        assert_eq!(d.next_wake(), Some(t0 + PROGRESS_EVERY));
        d.progress()
            .lock()
            .expect("map")
            .insert(take.id, (10, Some(100)));
        assert_eq!(d.progress_due(t0), None, "too soon");
        let t1 = t0 + PROGRESS_EVERY;
        assert_eq!(d.progress_due(t1), Some(vec![(take.id, 10, Some(100))]));
        assert_eq!(d.progress_due(t1), None);
    }
}
