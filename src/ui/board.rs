//! What the window shows, built from engine events: the tally of lanes, batches and takes, and
//! what the window keeps beside it. Plain data (no iced), so it can be tested on its own.

use std::time::Instant;

use crate::engine::{BatchCounts, Event, LaneHealth};
use crate::model::{BatchId, TakeId, TakeState};
use crate::ops::tally;

/// What the window keeps of an account beside the tally's facts.
#[derive(Debug, Clone)]
pub struct LaneOwn {
    pub provider: String,
    /// What `flowdeck doctor`'s read-only checks said at start (None while they run).
    pub doctor: Option<crate::ops::doctor::Verdict>,
    /// Why the account could not start at all (its lane does not run).
    pub problem: Option<String>,
    /// A Flow account's browser as the bridge hears it (which extension version it runs).
    pub presence: Option<tokio::sync::watch::Receiver<crate::provider::flow::transport::Presence>>,
}

impl Default for LaneOwn {
    /// A lane first heard of from an event: the window started with every other one.
    fn default() -> Self {
        LaneOwn {
            provider: "flow".to_string(),
            doctor: None,
            problem: None,
            presence: None,
        }
    }
}

/// One account's lane.
pub type LaneView = tally::Lane<LaneOwn>;

/// What the window makes of a lane: the tally's type lives in the core, so the window's own
/// ways with it are a trait here.
pub trait LaneLook {
    fn with_provider(name: &str, provider: &str) -> LaneView;
    /// The lane of a started client, following its browser when it has one.
    fn of_client(name: &str, client: &crate::provider::Client) -> LaneView;
    fn state_word(&self) -> (String, Tone);
}

impl LaneLook for LaneView {
    fn with_provider(name: &str, provider: &str) -> LaneView {
        tally::Lane::new(
            name,
            LaneOwn {
                provider: provider.to_string(),
                ..LaneOwn::default()
            },
        )
    }

    fn of_client(name: &str, client: &crate::provider::Client) -> LaneView {
        let mut lane = LaneView::with_provider(name, client.provider());
        lane.own.presence = client.presence();
        lane
    }

    /// The word for the account's state, and whether it is a problem.
    fn state_word(&self) -> (String, Tone) {
        if self.own.problem.is_some() {
            return (crate::t!("lane-cannot-start"), Tone::Bad);
        }
        if self.own.doctor.as_ref().is_some_and(|v| v.blocks()) {
            return (crate::t!("lane-not-working"), Tone::Bad);
        }
        // "ready" is the lane's starting value, not news: say so only once a check answered.
        if !self.checked && self.health == LaneHealth::Ready {
            return (crate::t!("lane-checking"), Tone::Quiet);
        }
        (crate::words::health(&self.health), Tone::Health)
    }
}

/// A take as the queue shows it.
pub type TakeRow = tally::Take;

/// A take's name wherever the window shows one: its scene and copy ("002.2"), as its file
/// is named and `flowdeck export` lists it.
pub fn take_name(t: &TakeRow) -> String {
    format!("{:03}.{}", t.scene, t.copy)
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

/// What the window keeps of a batch beside the tally's facts.
#[derive(Debug, Clone, Default)]
pub struct BatchOwn {
    pub paused: bool,
    pub canceled: bool,
    /// The queue shows one page of rows at a time, so a 1,000-take batch stays cheap to draw.
    pub page: usize,
    pub filter: Filter,
}

pub type BatchView = tally::Batch<BatchOwn>;

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

/// Everything the window knows about the engine's work: the tally (lanes, batches, takes,
/// read through it as `board.lanes` and so on) and the window's own notices.
/// An account's takes being made now, and the bytes downloading (so far, total known).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct LaneNow {
    pub making: u32,
    pub got: u64,
    pub total: u64,
}

impl LaneNow {
    /// The account's takes this session: (on disk, being made now, dealt to it).
    pub fn split(&self, lane: &LaneView) -> (u32, u32, u32) {
        let making = self.making;
        (lane.done, making, lane.dealt.max(lane.done + making))
    }
}

#[derive(Debug, Default)]
pub struct Board {
    pub tally: tally::Tally<LaneOwn, BatchOwn>,
    pub notices: Vec<String>,
    /// Batches that finished since the last look (for desktop notifications).
    pub just_finished: Vec<(BatchId, BatchCounts)>,
    /// The waiting takes the engine last moved to the front ("Run next").
    pub next_up: Vec<TakeId>,
}

impl std::ops::Deref for Board {
    type Target = tally::Tally<LaneOwn, BatchOwn>;
    fn deref(&self) -> &Self::Target {
        &self.tally
    }
}

impl std::ops::DerefMut for Board {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tally
    }
}

impl Board {
    /// Applies one engine event.
    pub fn apply(&mut self, event: Event, now: Instant) {
        self.tally.absorb(&event, now);
        match event {
            Event::BatchFinished { batch, counts } => self.just_finished.push((batch, counts)),
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
            Event::Notice { message } => self.notices.push(crate::i18n::say(&message)),
            _ => {}
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

    /// What every account is doing now, in one pass over the takes (the sidebar shows each
    /// account every frame, and a batch may hold 20,000 takes).
    pub fn lanes_now(&self) -> std::collections::HashMap<&str, LaneNow> {
        let mut out: std::collections::HashMap<&str, LaneNow> = Default::default();
        for t in self.takes.values() {
            let Some(account) = t.account.as_deref() else {
                continue;
            };
            // Those being made are those sent to the service and not yet on disk.
            let making = matches!(
                t.state,
                TakeState::Submitting
                    | TakeState::Generating
                    | TakeState::Ready
                    | TakeState::Downloading
            );
            if !making && t.progress.is_none() {
                continue;
            }
            let n = out.entry(account).or_default();
            n.making += u32::from(making);
            if let Some((done, total)) = t.progress {
                n.got += done;
                n.total += total.unwrap_or(0);
            }
        }
        out
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
    use crate::engine::{TakeInfo, TakeUpdate};

    fn info(take: TakeId, scene: u32) -> TakeInfo {
        TakeInfo {
            take,
            scene,
            copy: 1,
            prompt: format!("p{scene}"),
            state: TakeState::Queued,
            account: None,
            message: None,
            failure: None,
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
            failure: None,
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
        // Being downloaded: being made, not yet on disk.
        let now_a = b.lanes_now()["a"];
        assert_eq!(now_a.split(&b.lanes["a"]), (0, 1, 1));
        assert_eq!((now_a.got, now_a.total), (50, 100));
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
