//! The engine's events tallied per account, per batch and per take: facts only (no words), so
//! every front end counts the same way and keeps beside it only what is its own (bars, pages).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use crate::engine::{BatchCounts, Event, LaneHealth, Origin, TakeInfo, TakeUpdate};
use crate::message::Message;
use crate::model::{AccountId, BatchId, TakeId, TakeState};

/// A failure the account is charged with: failed, lost (uncertain) or timed out.
fn is_bad(state: TakeState) -> bool {
    matches!(
        state,
        TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut
    )
}

/// One account's lane, with `own` for what a front end keeps beside the facts.
#[derive(Debug, Clone)]
pub struct Lane<X = ()> {
    pub name: AccountId,
    pub health: LaneHealth,
    /// When the current health began (for cool-down countdowns).
    pub health_since: Instant,
    /// The lane has told its health at least once (until then it is starting).
    pub heard: bool,
    pub in_flight: u32,
    /// Takes dealt to this account in this session (a take sent back to the queue is not).
    pub dealt: u32,
    pub done: u32,
    /// Takes that failed, were lost or timed out here, less those found again.
    pub failed: u32,
    /// Bytes of the videos on disk.
    pub bytes: u64,
    pub credits: Option<i64>,
    pub tier: Option<Message>,
    /// A Flow account's plan, once a check said.
    pub plan: Option<crate::provider::flow::Plan>,
    pub email: Option<String>,
    /// A check of the account answered (credits came back, or a front end's own check).
    pub checked: bool,
    pub own: X,
}

impl<X> Lane<X> {
    pub fn new(name: &str, own: X) -> Lane<X> {
        Lane {
            name: name.to_string(),
            health: LaneHealth::Ready,
            health_since: Instant::now(),
            heard: false,
            in_flight: 0,
            dealt: 0,
            done: 0,
            failed: 0,
            bytes: 0,
            credits: None,
            tier: None,
            plan: None,
            email: None,
            checked: false,
            own,
        }
    }

    /// Seconds of cool-down left, counted down from when it began.
    pub fn cooldown_left(&self, now: Instant) -> Option<u64> {
        match self.health {
            LaneHealth::CoolingDown { seconds } => {
                Some(seconds.saturating_sub(now.duration_since(self.health_since).as_secs()))
            }
            _ => None,
        }
    }

    /// A take of this account went from `before` to `after`.
    fn moved(&mut self, before: TakeState, after: TakeState, bytes: Option<u64>) {
        // A lost create found again (or proven never made), or a failed poll that finds the
        // video after all, is no longer a failure.
        let found = (before == TakeState::Uncertain && after != TakeState::Uncertain)
            || (matches!(before, TakeState::Failed | TakeState::TimedOut)
                && matches!(after, TakeState::Ready | TakeState::Generating));
        if found {
            self.failed = self.failed.saturating_sub(1);
        }
        let newly_bad = is_bad(after) && (!is_bad(before) || before == TakeState::Uncertain);
        match (before, after) {
            (TakeState::Queued, TakeState::Assigned) => self.dealt += 1,
            (_, TakeState::Queued) => self.dealt = self.dealt.saturating_sub(1),
            (_, TakeState::Done) => {
                self.done += 1;
                self.bytes += bytes.unwrap_or(0);
            }
            (b, a) if b != a && newly_bad => self.failed += 1,
            _ => {}
        }
    }
}

/// One take as the events describe it.
#[derive(Debug, Clone)]
pub struct Take {
    pub id: TakeId,
    pub batch: BatchId,
    pub scene: u32,
    pub copy: u32,
    pub prompt: String,
    pub account: Option<AccountId>,
    pub state: TakeState,
    pub message: Option<Message>,
    /// Its class and the service's code while it has failed or waits for a reason.
    pub failure: Option<crate::model::Failure>,
    pub path: Option<PathBuf>,
    pub bytes: Option<u64>,
    /// Bytes so far and total while downloading.
    pub progress: Option<(u64, Option<u64>)>,
    /// When the take entered its state (for "generating for 1:23").
    pub since: Instant,
    /// A finished Gemini Omni video: it can be revised.
    pub revisable: bool,
    /// A finished 720p Flow video: it can be upscaled.
    pub upscalable: bool,
    /// What it starts from besides its prompt.
    pub from: Origin,
    /// The scenes its file holds, when it is an extension holding the videos before it.
    pub holds: Vec<u32>,
}

impl Take {
    /// Waiting because its create would cross a spending cap (its message names the cap).
    pub fn held_by_budget(&self) -> bool {
        self.state == TakeState::Queued
            && self
                .message
                .as_ref()
                .is_some_and(|m| m.key == crate::model::budget::HELD_KEY)
    }

    fn new(batch: BatchId, t: &TakeInfo, now: Instant) -> Take {
        Take {
            id: t.take,
            batch,
            scene: t.scene,
            copy: t.copy,
            prompt: t.prompt.clone(),
            account: t.account.clone(),
            state: t.state,
            message: t.message.clone(),
            failure: t.failure.clone(),
            path: None,
            bytes: None,
            progress: None,
            since: now,
            revisable: t.revisable,
            upscalable: t.upscalable,
            from: t.from.clone(),
            holds: t.holds.clone(),
        }
    }

    /// Takes in an update; returns the state it had before.
    fn update(&mut self, u: &TakeUpdate, now: Instant) -> TakeState {
        let before = self.state;
        if before != u.state {
            self.since = now;
        }
        self.state = u.state;
        self.revisable = u.revisable;
        self.upscalable = u.upscalable;
        self.holds.clone_from(&u.holds);
        if u.account.is_some() {
            self.account.clone_from(&u.account);
        }
        // A finished take keeps no earlier reason, nor one dealt again (why it waited is
        // over); any other keeps its last one.
        self.message = u.message.clone().or(
            if matches!(u.state, TakeState::Done | TakeState::Assigned) {
                None
            } else {
                self.message.take()
            },
        );
        // Worked out from the take's whole record at each change.
        self.failure.clone_from(&u.failure);
        if u.path.is_some() {
            self.path.clone_from(&u.path);
        }
        if u.bytes.is_some() {
            self.bytes = u.bytes;
        }
        if u.state != TakeState::Downloading {
            self.progress = None;
        }
        before
    }

    /// Download progress between 0 and 1, when known.
    pub fn fraction(&self) -> Option<f32> {
        let (done, total) = self.progress?;
        Some(done as f32 / total?.max(1) as f32)
    }

    pub fn can_retry(&self) -> bool {
        matches!(
            self.state,
            TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut | TakeState::Canceled
        )
    }
}

/// One batch, with `own` for what a front end keeps beside the facts.
#[derive(Debug, Clone)]
pub struct Batch<X = ()> {
    pub id: BatchId,
    pub label: String,
    /// Take ids in scene order.
    pub takes: Vec<TakeId>,
    pub finished: Option<BatchCounts>,
    /// Why its queued takes wait: each account it may use, with its health.
    pub stalled: Option<Vec<(AccountId, LaneHealth)>>,
    pub resumed: bool,
    pub own: X,
}

/// Every account, batch and take the events told of.
#[derive(Debug, Clone)]
pub struct Tally<L = (), B = ()> {
    pub lanes: BTreeMap<AccountId, Lane<L>>,
    pub batches: BTreeMap<BatchId, Batch<B>>,
    pub takes: BTreeMap<TakeId, Take>,
    /// Lost creates looked up: (found on the account, never made).
    pub reconciled: (u32, u32),
}

impl<L, B> Default for Tally<L, B> {
    fn default() -> Self {
        Tally {
            lanes: BTreeMap::new(),
            batches: BTreeMap::new(),
            takes: BTreeMap::new(),
            reconciled: (0, 0),
        }
    }
}

impl<L: Default, B: Default> Tally<L, B> {
    /// An account's lane, made when first heard of.
    pub fn lane(&mut self, name: &str) -> &mut Lane<L> {
        self.lanes
            .entry(name.to_string())
            .or_insert_with(|| Lane::new(name, L::default()))
    }

    /// Takes one event in.
    pub fn absorb(&mut self, event: &Event, now: Instant) {
        match event {
            Event::Batch {
                batch,
                label,
                takes,
                resumed,
            } => self.batch(*batch, label, takes, *resumed, now),
            Event::Retried { batch, old, new } => self.retried(*batch, *old, new, now),
            Event::Take(u) => self.take(u, now),
            Event::Progress { takes, .. } => self.progress(takes),
            Event::Lane {
                account,
                health,
                in_flight,
            } => self.health(account, health, *in_flight, now),
            Event::Credits {
                account,
                credits,
                tier,
                plan,
                email,
            } => {
                let lane = self.lane(account);
                // Credits come from a check that answered.
                lane.checked = true;
                lane.credits = credits.or(lane.credits);
                lane.tier = tier.clone().or(lane.tier.take());
                lane.plan = plan.or(lane.plan);
                lane.email = email.clone().or(lane.email.take());
            }
            Event::Stalled { batch, lanes, .. } => {
                if let Some(b) = self.batches.get_mut(batch) {
                    b.stalled = Some(lanes.clone());
                }
            }
            Event::BatchFinished { batch, counts } => {
                if let Some(b) = self.batches.get_mut(batch) {
                    b.finished = Some(counts.clone());
                    b.stalled = None;
                }
            }
            Event::Reconciled { found, absent, .. } => {
                self.reconciled.0 += found;
                self.reconciled.1 += absent;
            }
            Event::BudgetHeld {
                takes,
                cap,
                limit,
                spent,
                ..
            } => {
                let held = crate::model::Held {
                    cap: cap.clone(),
                    limit: *limit,
                    spent: *spent,
                };
                for id in takes {
                    if let Some(t) = self.takes.get_mut(id) {
                        t.message = Some(held.message());
                    }
                }
            }
            Event::BudgetReleased { takes, .. } => {
                for id in takes {
                    if let Some(t) = self.takes.get_mut(id).filter(|t| t.held_by_budget()) {
                        t.message = None;
                    }
                }
            }
            Event::Notice { .. } | Event::Idle => {}
        }
    }

    fn batch(
        &mut self,
        batch: BatchId,
        label: &str,
        takes: &[TakeInfo],
        resumed: bool,
        now: Instant,
    ) {
        for t in takes {
            // A take already dealt (resumed) counts for its account as it stands.
            if let Some(a) = &t.account
                && t.state != TakeState::Queued
            {
                let lane = self.lane(a);
                lane.dealt += 1;
                if t.state == TakeState::Done {
                    lane.done += 1;
                } else if is_bad(t.state) {
                    lane.failed += 1;
                }
            }
            self.takes.insert(t.take, Take::new(batch, t, now));
        }
        self.batches.insert(
            batch,
            Batch {
                id: batch,
                label: label.to_string(),
                takes: takes.iter().map(|t| t.take).collect(),
                finished: None,
                stalled: None,
                resumed,
                own: B::default(),
            },
        );
    }

    fn retried(&mut self, batch: BatchId, old: TakeId, new: &TakeInfo, now: Instant) {
        self.takes.remove(&old);
        if let Some(b) = self.batches.get_mut(&batch) {
            b.finished = None;
            match b.takes.iter().position(|t| *t == old) {
                Some(pos) => b.takes[pos] = new.take,
                None => b.takes.push(new.take),
            }
        }
        self.takes.insert(new.take, Take::new(batch, new, now));
    }

    fn take(&mut self, u: &TakeUpdate, now: Instant) {
        let Some(row) = self.takes.get_mut(&u.take) else {
            return;
        };
        let before = row.update(u, now);
        if let Some(a) = &u.account {
            self.lane(a).moved(before, u.state, u.bytes);
        }
        if let Some(b) = self.batches.get_mut(&u.batch)
            && !u.state.is_terminal()
        {
            b.finished = None;
        }
    }

    fn progress(&mut self, takes: &[(TakeId, u64, Option<u64>)]) {
        for (id, done, total) in takes {
            if let Some(row) = self.takes.get_mut(id)
                && row.state == TakeState::Downloading
            {
                row.progress = Some((*done, *total));
            }
        }
    }

    fn health(&mut self, account: &str, health: &LaneHealth, in_flight: u32, now: Instant) {
        let lane = self.lane(account);
        if lane.health != *health {
            lane.health_since = now;
        }
        lane.health = health.clone();
        lane.heard = true;
        lane.in_flight = in_flight;
    }
}

impl<L, B> Tally<L, B> {
    /// Bytes downloading now for an account: (so far, total known).
    pub fn downloading(&self, account: &str) -> (u64, u64) {
        self.takes
            .values()
            .filter(|t| t.account.as_deref() == Some(account))
            .filter_map(|t| t.progress)
            .fold((0, 0), |(d, t), (done, total)| {
                (d + done, t + total.unwrap_or(0))
            })
    }

    /// How many takes are on disk.
    pub fn done(&self) -> usize {
        self.takes
            .values()
            .filter(|t| t.state == TakeState::Done)
            .count()
    }
}

#[cfg(test)]
mod tests;
