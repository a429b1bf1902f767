//! What the window shows, built from engine events: lanes, batches and takes. Plain data
//! (no iced), so it can be tested and benchmarked on its own.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Instant;

use crate::engine::{BatchCounts, Event, LaneHealth, TakeInfo};
use crate::model::{AccountId, BatchId, TakeId, TakeState};

/// One account's lane.
#[derive(Debug, Clone)]
pub struct LaneView {
    pub name: AccountId,
    pub provider: String,
    pub health: LaneHealth,
    /// When the current health began (for cool-down countdowns).
    pub health_since: Instant,
    pub email: Option<String>,
    pub tier: Option<crate::message::Message>,
    /// A Flow account's plan, once a check said.
    pub plan: Option<crate::provider::flow::Plan>,
    pub credits: Option<i64>,
    pub in_flight: u32,
    pub done: u32,
    pub failed: u32,
    /// Takes dealt to this account in this session.
    pub dealt: u32,
    /// What `flowdeck doctor`'s read-only checks said at start (None while they run).
    pub doctor: Option<crate::ops::doctor::Verdict>,
    /// A check of the account succeeded (the start-up check, or the lane's own): until then
    /// it is not shown as ready.
    pub checked: bool,
    /// Why the account could not start at all (its lane does not run).
    pub problem: Option<String>,
}

impl LaneView {
    pub fn new(name: &str, provider: &str) -> LaneView {
        LaneView {
            name: name.to_string(),
            provider: provider.to_string(),
            health: LaneHealth::Ready,
            health_since: Instant::now(),
            email: None,
            tier: None,
            plan: None,
            credits: None,
            in_flight: 0,
            done: 0,
            failed: 0,
            dealt: 0,
            doctor: None,
            checked: false,
            problem: None,
        }
    }

    /// The word for the account's state, and whether it is a problem.
    pub fn state_word(&self) -> (String, Tone) {
        if self.problem.is_some() {
            return (crate::t!("lane-cannot-start"), Tone::Bad);
        }
        if self.doctor.as_ref().is_some_and(|v| v.blocks()) {
            return (crate::t!("lane-not-working"), Tone::Bad);
        }
        // "ready" is the lane's starting value, not news: say so only once a check answered.
        if !self.checked && self.health == LaneHealth::Ready {
            return (crate::t!("lane-checking"), Tone::Quiet);
        }
        (crate::words::health(&self.health), Tone::Health)
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
}

#[derive(Debug, Clone)]
pub struct TakeRow {
    pub id: TakeId,
    pub batch: BatchId,
    pub scene: u32,
    pub copy: u32,
    pub prompt: String,
    pub account: Option<AccountId>,
    pub state: TakeState,
    pub message: Option<crate::message::Message>,
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
    pub from: crate::engine::Origin,
    /// The scenes its file holds, when it is an extension holding the videos before it.
    pub holds: Vec<u32>,
}

impl TakeRow {
    fn new(batch: BatchId, t: &TakeInfo, now: Instant) -> TakeRow {
        TakeRow {
            id: t.take,
            batch,
            scene: t.scene,
            copy: t.copy,
            prompt: t.prompt.clone(),
            account: t.account.clone(),
            state: t.state,
            message: t.message.clone(),
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

/// Which of a batch's takes the queue lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    /// Failed, uncertain or timed out.
    Attention,
    Moving,
    Done,
}

impl Filter {
    pub const ALL: [Filter; 4] = [Filter::All, Filter::Moving, Filter::Attention, Filter::Done];

    /// The filter's name, in the language spoken.
    pub fn label(self) -> String {
        match self {
            Filter::All => crate::t!("filter-all"),
            Filter::Moving => crate::t!("filter-moving"),
            Filter::Attention => crate::t!("filter-attention"),
            Filter::Done => crate::t!("filter-done"),
        }
    }

    pub fn keeps(self, state: TakeState) -> bool {
        match self {
            Filter::All => true,
            Filter::Attention => matches!(
                state,
                TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut
            ),
            Filter::Done => state == TakeState::Done,
            Filter::Moving => !state.is_terminal() && state != TakeState::Queued,
        }
    }
}

#[derive(Debug, Clone)]
pub struct BatchView {
    pub id: BatchId,
    pub label: String,
    /// Take ids in scene order.
    pub takes: Vec<TakeId>,
    pub finished: Option<BatchCounts>,
    pub paused: bool,
    pub canceled: bool,
    /// Why its queued takes wait: each account it may use, with its health.
    pub stalled: Option<Vec<(AccountId, LaneHealth)>>,
    pub resumed: bool,
    /// The queue shows one page of rows at a time, so a 1,000-take batch stays cheap to draw.
    pub page: usize,
    pub filter: Filter,
}

/// How a lane's state word is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Its health's own colour.
    Health,
    /// Not known yet.
    Quiet,
    /// Cannot work.
    Bad,
}

/// A batch's takes by what they are doing, for its summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub done: usize,
    pub failed: usize,
    /// Assigned, sending, generating or downloading.
    pub moving: usize,
    pub cancelled: usize,
    pub total: usize,
}

/// Everything the window knows about the engine's work.
#[derive(Debug, Default)]
pub struct Board {
    pub lanes: BTreeMap<AccountId, LaneView>,
    pub batches: BTreeMap<BatchId, BatchView>,
    pub takes: HashMap<TakeId, TakeRow>,
    pub notices: Vec<String>,
    /// Batches that finished since the last look (for desktop notifications).
    pub just_finished: Vec<(BatchId, BatchCounts)>,
    /// The waiting takes the engine last moved to the front ("Run next").
    pub next_up: Vec<TakeId>,
}

impl Board {
    pub fn lane(&mut self, name: &str) -> &mut LaneView {
        self.lanes
            .entry(name.to_string())
            .or_insert_with(|| LaneView::new(name, "flow"))
    }

    /// Applies one engine event.
    pub fn apply(&mut self, event: Event, now: Instant) {
        match event {
            Event::Batch {
                batch,
                label,
                takes,
                resumed,
            } => {
                let ids = takes.iter().map(|t| t.take).collect();
                for t in &takes {
                    if let Some(a) = &t.account {
                        let lane = self.lane(a);
                        lane.dealt += 1;
                        match t.state {
                            TakeState::Done => lane.done += 1,
                            TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut => {
                                lane.failed += 1
                            }
                            _ => {}
                        }
                    }
                    self.takes.insert(t.take, TakeRow::new(batch, t, now));
                }
                self.batches.insert(
                    batch,
                    BatchView {
                        id: batch,
                        label,
                        takes: ids,
                        finished: None,
                        paused: false,
                        canceled: false,
                        stalled: None,
                        resumed,
                        page: 0,
                        filter: Filter::All,
                    },
                );
            }
            Event::Retried { batch, old, new } => {
                self.takes.remove(&old);
                if let Some(b) = self.batches.get_mut(&batch) {
                    b.finished = None;
                    if let Some(pos) = b.takes.iter().position(|t| *t == old) {
                        b.takes[pos] = new.take;
                    } else {
                        b.takes.push(new.take);
                    }
                }
                self.takes.insert(new.take, TakeRow::new(batch, &new, now));
            }
            Event::Take(u) => {
                let Some(row) = self.takes.get_mut(&u.take) else {
                    return;
                };
                let before = row.state;
                if before != u.state {
                    row.since = now;
                }
                row.state = u.state;
                row.revisable = u.revisable;
                row.upscalable = u.upscalable;
                row.holds.clone_from(&u.holds);
                if u.account.is_some() {
                    row.account = u.account.clone();
                }
                row.message = u.message.clone().or(if u.state == TakeState::Done {
                    None
                } else {
                    row.message.take()
                });
                if u.path.is_some() {
                    row.path = u.path;
                }
                if u.bytes.is_some() {
                    row.bytes = u.bytes;
                }
                if u.state != TakeState::Downloading {
                    row.progress = None;
                }
                if let Some(a) = u.account {
                    let lane = self.lane(&a);
                    // A lost create found again (or proven never made) is no longer a failure.
                    if before == TakeState::Uncertain && u.state != TakeState::Uncertain {
                        lane.failed = lane.failed.saturating_sub(1);
                    }
                    match (before, u.state) {
                        (TakeState::Queued, TakeState::Assigned) => lane.dealt += 1,
                        (_, TakeState::Queued) => lane.dealt = lane.dealt.saturating_sub(1),
                        (_, TakeState::Done) => lane.done += 1,
                        (b, TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut)
                            if !matches!(
                                b,
                                TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut
                            ) =>
                        {
                            lane.failed += 1
                        }
                        (
                            TakeState::Failed | TakeState::TimedOut,
                            TakeState::Ready | TakeState::Generating,
                        ) => lane.failed = lane.failed.saturating_sub(1),
                        _ => {}
                    }
                }
                if let Some(b) = self.batches.get_mut(&u.batch)
                    && !u.state.is_terminal()
                {
                    b.finished = None;
                }
            }
            Event::Progress { takes, .. } => {
                for (id, done, total) in takes {
                    if let Some(row) = self.takes.get_mut(&id)
                        && row.state == TakeState::Downloading
                    {
                        row.progress = Some((done, total));
                    }
                }
            }
            Event::Lane {
                account,
                health,
                in_flight,
            } => {
                let lane = self.lane(&account);
                if lane.health != health {
                    lane.health_since = now;
                }
                lane.health = health;
                lane.in_flight = in_flight;
            }
            Event::Credits {
                account,
                credits,
                tier,
                plan,
                email,
            } => {
                let lane = self.lane(&account);
                // Credits come from a check that answered.
                lane.checked = true;
                if credits.is_some() {
                    lane.credits = credits;
                }
                if tier.is_some() {
                    lane.tier = tier;
                }
                if plan.is_some() {
                    lane.plan = plan;
                }
                if email.is_some() {
                    lane.email = email;
                }
            }
            Event::Stalled { batch, lanes, .. } => {
                if let Some(b) = self.batches.get_mut(&batch) {
                    b.stalled = Some(lanes);
                }
            }
            Event::BatchFinished { batch, counts } => {
                if let Some(b) = self.batches.get_mut(&batch) {
                    b.finished = Some(counts.clone());
                    b.stalled = None;
                }
                self.just_finished.push((batch, counts));
            }
            Event::Reconciled {
                account,
                found,
                absent,
            } => {
                let n = found + absent;
                self.notices.push(crate::t!(
                    "cli-reconciled",
                    account = account.as_str(),
                    n = n,
                    found = found,
                    absent = absent
                ))
            }
            Event::Idle => {}
            Event::Notice { message } => self.notices.push(crate::i18n::say(&message)),
        }
    }

    /// Something is moving that a clock on screen should follow (elapsed times, countdowns).
    pub fn is_ticking(&self) -> bool {
        self.takes
            .values()
            .any(|t| matches!(t.state, TakeState::Submitting | TakeState::Generating))
            || self
                .lanes
                .values()
                .any(|l| matches!(l.health, LaneHealth::CoolingDown { .. }))
    }

    /// Fraction of an account's dealt takes that are on disk, counting partial downloads.
    pub fn lane_fraction(&self, account: &str) -> f32 {
        let Some(lane) = self.lanes.get(account) else {
            return 0.0;
        };
        if lane.dealt == 0 {
            return 0.0;
        }
        let partial: f32 = self
            .takes
            .values()
            .filter(|t| t.account.as_deref() == Some(account))
            .filter_map(TakeRow::fraction)
            .sum();
        ((lane.done as f32 + partial) / lane.dealt as f32).min(1.0)
    }

    /// Bytes downloading now for an account: (so far, total known).
    pub fn lane_bytes(&self, account: &str) -> (u64, u64) {
        self.takes
            .values()
            .filter(|t| t.account.as_deref() == Some(account))
            .filter_map(|t| t.progress)
            .fold((0, 0), |(d, t), (done, total)| {
                (d + done, t + total.unwrap_or(0))
            })
    }

    /// Counts of a batch's takes by state group: (done, failed, in flight, total).
    pub fn batch_counts(&self, batch: BatchId) -> Tally {
        let Some(b) = self.batches.get(&batch) else {
            return Tally::default();
        };
        let mut c = Tally {
            total: b.takes.len(),
            ..Tally::default()
        };
        for t in b.takes.iter().filter_map(|id| self.takes.get(id)) {
            match t.state {
                TakeState::Done => c.done += 1,
                TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut => c.failed += 1,
                TakeState::Canceled => c.cancelled += 1,
                TakeState::Queued => {}
                _ => c.moving += 1,
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::TakeUpdate;

    fn info(take: TakeId, scene: u32) -> TakeInfo {
        TakeInfo {
            take,
            scene,
            copy: 1,
            prompt: format!("p{scene}"),
            state: TakeState::Queued,
            account: None,
            message: None,
            revisable: false,
            upscalable: false,
            from: crate::engine::Origin::default(),
            holds: Vec::new(),
        }
    }

    fn update(take: TakeId, state: TakeState, account: &str) -> Event {
        Event::Take(TakeUpdate {
            take,
            batch: 1,
            scene: 1,
            copy: 1,
            account: Some(account.into()),
            state,
            message: (state == TakeState::Failed)
                .then(|| crate::message::Message::verbatim("refused (PUBLIC_ERROR_X)")),
            path: None,
            bytes: None,
            revisable: false,
            upscalable: false,
            holds: Vec::new(),
        })
    }

    #[test]
    fn events_move_takes_and_lanes() {
        let mut b = Board::default();
        let now = Instant::now();
        b.apply(
            Event::Batch {
                batch: 1,
                label: "b".into(),
                takes: vec![info(1, 1), info(2, 2)],
                resumed: false,
            },
            now,
        );
        for s in [
            TakeState::Assigned,
            TakeState::Submitting,
            TakeState::Generating,
            TakeState::Ready,
            TakeState::Downloading,
        ] {
            b.apply(update(1, s, "a"), now);
        }
        b.apply(
            Event::Progress {
                account: "a".into(),
                takes: vec![(1, 50, Some(100))],
            },
            now,
        );
        assert_eq!(b.takes[&1].fraction(), Some(0.5));
        assert!((b.lane_fraction("a") - 0.5).abs() < 1e-6);
        b.apply(update(1, TakeState::Done, "a"), now);
        b.apply(update(2, TakeState::Assigned, "a"), now);
        b.apply(update(2, TakeState::Failed, "a"), now);
        let lane = &b.lanes["a"];
        assert_eq!((lane.dealt, lane.done, lane.failed), (2, 1, 1));
        assert!(
            b.takes[&2]
                .message
                .as_ref()
                .and_then(|m| m.verbatim_text())
                .is_some_and(|m| m.contains("PUBLIC_ERROR_X"))
        );
        assert_eq!(
            b.batch_counts(1),
            Tally {
                done: 1,
                failed: 1,
                total: 2,
                ..Tally::default()
            }
        );
        b.apply(
            Event::Lane {
                account: "a".into(),
                health: LaneHealth::CoolingDown { seconds: 30 },
                in_flight: 0,
            },
            now,
        );
        assert_eq!(
            b.lanes["a"].cooldown_left(now + std::time::Duration::from_secs(12)),
            Some(18)
        );
        assert!(b.is_ticking());
    }
}
