//! A lane: the one task that owns an account's client. Every take dealt to it is submitted,
//! polled and downloaded here and nowhere else, so no other account's credentials can ever
//! touch its videos.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::Shared;
use super::backoff::{backoff, jitter};
use super::download::{self, ProgressMap};
use super::events::{Event, LaneHealth};
use super::poll::{self, PollOutcome, Verdict};
use super::record::Recorder;
use super::shield::shield;
use super::submit::{self, InFlight, SubmitOutcome};
use crate::model::{AccountId, BatchId, TakeId, TakeState};
use crate::provider::flow::Presence;
use crate::provider::{AccountStatus, Client, Lookup as Found, ProviderError, RemoteRef};
use crate::store::ledger::{Change, TakeRecord};

mod finish;
mod lookup;
mod recover;
mod resume;

/// Downloads of one take are tried this many times in a row before it is marked failed
/// (it stays re-downloadable: the video exists).
const DOWNLOAD_ATTEMPTS: u32 = 10;
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// What the coordinator tells a lane.
pub enum LaneCmd {
    /// Takes of one scene, already recorded as Assigned to this account.
    Assign(Vec<TakeRecord>),
    /// A resumed take (Generating, or Ready for download).
    Adopt(Box<TakeRecord>),
    /// Stop sending creates; hand back what was not sent.
    StopSubmitting,
    /// Drop unsent takes of a batch.
    Cancel(BatchId),
    /// A new client after "sign in again".
    Replace(Arc<Client>),
    /// The user resumes a held or paused account.
    Release,
    Shutdown,
}

/// What a lane tells the coordinator.
pub enum LaneReport {
    /// Free for up to `slots` more takes now.
    Want {
        account: AccountId,
        slots: usize,
    },
    /// Takes handed back, already recorded as Queued.
    Returned {
        takes: Vec<TakeRecord>,
    },
    Status {
        account: AccountId,
        health: LaneHealth,
        in_flight: u32,
    },
    /// Uncertain takes being looked up (`active`), or given up on (left Uncertain).
    Reconciling {
        takes: Vec<TakeId>,
        active: bool,
    },
    /// The account's Flow project, to keep for the next run.
    Project {
        account: AccountId,
        project: String,
    },
    Event(Event),
}

/// A lane to start: one account.
pub struct LaneSpec {
    pub name: AccountId,
    pub client: Arc<Client>,
    pub concurrency: usize,
}

struct ReadyItem {
    take: TakeRecord,
    remote: RemoteRef,
    attempts: u32,
    not_before: Instant,
    active: bool,
}

/// An Uncertain take waiting to be looked up in the account's listing.
#[derive(Clone)]
struct Lookup {
    take: TakeRecord,
    not_before: Instant,
    failures: u32,
}

enum Done {
    /// A job panicked (a bug): what it was doing, and the panic's message.
    Panicked(Job, String),
    Submitted(usize, SubmitOutcome),
    Polled(PollOutcome),
    Downloaded(Box<TakeRecord>, Result<(), ProviderError>),
    Checked(Result<AccountStatus, ProviderError>),
    Reconciled(Vec<Lookup>, Result<Vec<Found>, ProviderError>),
}

/// What a background job was doing, so its bookkeeping can be undone if it panics.
enum Job {
    Check,
    /// `n` creates of these takes.
    Submit(usize, Vec<TakeId>),
    Poll,
    Download(TakeId),
    Lookup(Vec<Lookup>),
}

/// Jobs that may panic before the lane stops taking work and says so.
const PANICS_BEFORE_PAUSE: u32 = 3;

struct Lane {
    name: AccountId,
    client: Arc<Client>,
    capacity: usize,
    shared: Arc<Shared>,
    rec: Recorder,
    health: LaneHealth,
    cooldown_until: Option<Instant>,
    failures_in_row: u32,
    assigned: VecDeque<Vec<TakeRecord>>,
    submitting: usize,
    generating: Vec<InFlight>,
    polling: bool,
    next_poll: Instant,
    poll_failures: u32,
    next_submit: Instant,
    ready: Vec<ReadyItem>,
    stop: bool,
    want_out: bool,
    tasks: JoinSet<Done>,
    progress: ProgressMap,
    next_progress: Instant,
    reported: Option<(LaneHealth, u32)>,
    /// The account's browser, for providers that work through one.
    presence: Option<watch::Receiver<Presence>>,
    lookups: Vec<Lookup>,
    looking: bool,
    /// A browser-driven account signed out looks again now and then (the user may sign in
    /// again in that browser, which tells nobody).
    next_probe: Instant,
    checking: bool,
    /// Jobs that panicked so far.
    panics: u32,
    /// The Flow project last reported to the coordinator.
    project: Option<String>,
    /// When a model resting after its daily quota comes back: the lane asks for work again
    /// then, so its takes (waiting, or dealt elsewhere) may come to it.
    models_back: Option<Instant>,
}

/// How often a signed-out browser account is looked at again.
const PROBE_EVERY: Duration = Duration::from_secs(10);

/// Starts a lane task; returns its command channel.
pub fn spawn(
    shared: Arc<Shared>,
    spec: LaneSpec,
    reports: UnboundedSender<LaneReport>,
) -> UnboundedSender<LaneCmd> {
    let (tx, rx) = unbounded_channel();
    let mut lane = Lane::new(shared, spec, reports);
    lane.watch_browser();
    if lane.browser_ok() {
        lane.check_account();
    }
    tokio::spawn(lane.run(rx));
    tx
}

impl Lane {
    fn new(shared: Arc<Shared>, spec: LaneSpec, reports: UnboundedSender<LaneReport>) -> Lane {
        let now = Instant::now();
        Lane {
            rec: Recorder {
                ledger: shared.ledger.clone(),
                reports,
            },
            name: spec.name,
            client: spec.client,
            capacity: spec.concurrency.max(1),
            shared,
            health: LaneHealth::Ready,
            cooldown_until: None,
            failures_in_row: 0,
            assigned: VecDeque::new(),
            submitting: 0,
            generating: Vec::new(),
            polling: false,
            next_poll: now,
            poll_failures: 0,
            next_submit: now,
            ready: Vec::new(),
            stop: false,
            want_out: false,
            tasks: JoinSet::new(),
            progress: Arc::new(Mutex::new(HashMap::new())),
            next_progress: now,
            reported: None,
            presence: None,
            lookups: Vec::new(),
            looking: false,
            next_probe: now,
            checking: false,
            panics: 0,
            project: None,
            models_back: None,
        }
    }

    async fn run(mut self, mut cmds: UnboundedReceiver<LaneCmd>) {
        loop {
            self.tick().await;
            self.report_status();
            let wake = self.next_wake();
            let mut presence = self.presence.clone();
            let browser = async {
                match presence.as_mut() {
                    Some(p) => p.changed().await.is_ok(),
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                cmd = cmds.recv() => match cmd {
                    None | Some(LaneCmd::Shutdown) => break,
                    Some(cmd) => self.command(cmd).await,
                },
                Some(done) = self.tasks.join_next(), if !self.tasks.is_empty() => match done {
                    Ok(done) => self.finished(done).await,
                    Err(e) => tracing::error!(lane = %self.name, "a lane task failed: {e}"),
                },
                alive = browser => {
                    if alive {
                        self.browser_changed();
                    } else {
                        self.presence = None;
                    }
                }
                _ = tokio::time::sleep_until(wake.into()) => {}
            }
        }
        self.tasks.abort_all();
    }

    fn check_account(&mut self) {
        if self.checking {
            return;
        }
        self.checking = true;
        let client = self.client.clone();
        self.tasks.spawn(shield(
            async move { Done::Checked(client.check().await) },
            |m| Done::Panicked(Job::Check, m),
        ));
    }

    /// Signed out in a browser that is still connected: look again from time to time.
    fn probe_due(&self, now: Instant) -> bool {
        matches!(self.health, LaneHealth::NeedsSignIn { .. })
            && self.presence.is_some()
            && !self.checking
            && now >= self.next_probe
    }

    /// Follows the client's browser (after a start or a new client).
    fn watch_browser(&mut self) {
        self.presence = self.client.presence();
        self.browser_changed();
    }

    /// After a pause: poll and download what waits, now.
    fn work_now(&mut self) {
        self.next_poll = Instant::now();
        for r in &mut self.ready {
            r.not_before = Instant::now();
        }
    }

    fn browser_ok(&self) -> bool {
        self.presence.is_none()
            || !matches!(
                self.health,
                LaneHealth::WaitingForBrowser { .. } | LaneHealth::NeedsYou { .. }
            )
    }

    /// The browser connected, left, changed accounts, or was sent to a check only the person
    /// can clear: wait for it, or go on.
    fn browser_changed(&mut self) {
        let Some(p) = self.presence.as_mut() else {
            return;
        };
        let now = p.borrow_and_update().clone();
        match self.client.browser_problem(&now) {
            Some(reason) => {
                // A hold or an empty account stays what it is; the browser can wait.
                if !matches!(
                    self.health,
                    LaneHealth::Held { .. } | LaneHealth::OutOfCredits { .. }
                ) {
                    self.set_health(if now.connected && now.blocked.is_some() {
                        LaneHealth::NeedsYou { reason }
                    } else {
                        LaneHealth::WaitingForBrowser { reason }
                    });
                }
            }
            None => {
                if matches!(
                    self.health,
                    LaneHealth::WaitingForBrowser { .. }
                        | LaneHealth::NeedsSignIn { .. }
                        | LaneHealth::NeedsYou { .. }
                ) {
                    self.set_health(LaneHealth::Ready);
                    self.work_now();
                    self.check_account();
                }
            }
        }
    }

    fn in_flight(&self) -> u32 {
        let assigned: usize = self.assigned.iter().map(Vec::len).sum();
        (assigned + self.submitting + self.generating.len() + self.ready.len() + self.lookups.len())
            as u32
    }

    fn report(&self, r: LaneReport) {
        self.rec.reports.send(r).ok();
    }

    fn report_status(&mut self) {
        let now = (self.health.clone(), self.in_flight());
        if self.reported.as_ref() != Some(&now) {
            self.report(LaneReport::Status {
                account: self.name.clone(),
                health: now.0.clone(),
                in_flight: now.1,
            });
            self.reported = Some(now);
        }
    }

    fn can_submit(&self) -> bool {
        self.health == LaneHealth::Ready && !self.stop
    }

    fn polls_allowed(&self) -> bool {
        !matches!(
            self.health,
            LaneHealth::NeedsSignIn { .. }
                | LaneHealth::WaitingForBrowser { .. }
                | LaneHealth::NeedsYou { .. }
        )
    }

    /// Starts whatever work is due.
    async fn tick(&mut self) {
        let now = Instant::now();
        if let Some(until) = self.cooldown_until
            && now >= until
        {
            self.cooldown_until = None;
            if matches!(self.health, LaneHealth::CoolingDown { .. }) {
                self.health = LaneHealth::Ready;
            }
        }
        if !self.can_submit() && !self.assigned.is_empty() {
            self.hand_back().await;
        }
        if self.models_back.is_some_and(|t| now >= t) {
            self.models_back = None;
            self.want_out = false;
        }
        // Submit the next group.
        if self.can_submit()
            && self.submitting == 0
            && now >= self.next_submit
            && let Some(group) = self.assigned.pop_front()
        {
            self.submitting = group.len();
            let n = group.len();
            let (rec, client, deadline) = (
                self.rec.clone(),
                self.client.clone(),
                self.shared.cfg.deadline,
            );
            let ids = group.iter().map(|t| t.id).collect();
            let model = group.first().map(|t| t.model.clone()).unwrap_or_default();
            self.tasks.spawn(shield(
                async move { Done::Submitted(n, submit::submit(rec, client, group, deadline).await) },
                move |m| Done::Panicked(Job::Submit(n, ids), m),
            ));
            let spacing = self
                .shared
                .cfg
                .submit_spacing
                .max(self.client.submit_spacing(&model));
            self.next_submit = now + jitter(spacing, 0.25);
        }
        // Ask for work when a create could go out now.
        let busy = self.submitting + self.generating.len();
        if self.can_submit()
            && !self.want_out
            && self.assigned.is_empty()
            && self.submitting == 0
            && now >= self.next_submit
            && busy < self.capacity
        {
            let slots = (self.capacity - busy).min(self.client.max_per_create());
            self.want_out = true;
            self.report(LaneReport::Want {
                account: self.name.clone(),
                slots,
            });
        }
        // One status call covers everything generating.
        if !self.polling
            && !self.generating.is_empty()
            && now >= self.next_poll
            && self.polls_allowed()
        {
            self.polling = true;
            let items: Vec<poll::Item> = self
                .generating
                .iter()
                .map(|g| (g.take.clone(), g.remote.clone(), g.deadline))
                .collect();
            let (rec, client) = (self.rec.clone(), self.client.clone());
            self.tasks.spawn(shield(
                async move { Done::Polled(poll::poll(rec, client, items).await) },
                |m| Done::Panicked(Job::Poll, m),
            ));
        }
        // Downloads that are due (the global semaphore limits how many run at once).
        if self.polls_allowed() {
            for item in self
                .ready
                .iter_mut()
                .filter(|r| !r.active && r.not_before <= now)
            {
                item.active = true;
                let (shared, rec, client, progress) = (
                    self.shared.clone(),
                    self.rec.clone(),
                    self.client.clone(),
                    self.progress.clone(),
                );
                let (take, remote) = (item.take.clone(), item.remote.clone());
                let id = take.id;
                self.tasks.spawn(shield(
                    async move {
                        let (take, result) =
                            download::download(shared, rec, client, take, remote, progress).await;
                        Done::Downloaded(Box::new(take), result)
                    },
                    move |m| Done::Panicked(Job::Download(id), m),
                ));
            }
        }
        if self.probe_due(now) {
            self.next_probe = now + PROBE_EVERY.max(self.shared.cfg.poll_interval * 4);
            self.check_account();
        }
        self.start_lookups(now);
        if now >= self.next_progress {
            let takes: Vec<(i64, u64, Option<u64>)> = self
                .progress
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .iter()
                .map(|(id, (d, t))| (*id, *d, *t))
                .collect();
            if !takes.is_empty() {
                self.report(LaneReport::Event(Event::Progress {
                    account: self.name.clone(),
                    takes,
                }));
            }
            self.next_progress = now + PROGRESS_EVERY;
        }
    }

    fn next_wake(&self) -> Instant {
        let now = Instant::now();
        let mut wake = now + Duration::from_secs(3600);
        let mut at = |t: Instant| wake = wake.min(t.max(now));
        if self.can_submit() && (!self.assigned.is_empty() || !self.want_out) {
            at(self.next_submit);
        }
        if !self.generating.is_empty() && !self.polling {
            at(self.next_poll);
        }
        if let Some(c) = self.cooldown_until {
            at(c);
        }
        if let Some(t) = self.models_back {
            at(t);
        }
        for r in self.ready.iter().filter(|r| !r.active) {
            at(r.not_before);
        }
        if !self.looking {
            for l in &self.lookups {
                at(l.not_before);
            }
        }
        if matches!(self.health, LaneHealth::NeedsSignIn { .. }) && self.presence.is_some() {
            at(self.next_probe);
        }
        if self.ready.iter().any(|r| r.active) {
            at(self.next_progress);
        }
        wake
    }

    /// Gives unsent takes back to the coordinator for other lanes.
    async fn hand_back(&mut self) {
        let mut back = Vec::new();
        for group in self.assigned.drain(..) {
            for mut take in group {
                match self
                    .rec
                    .record(&mut take, TakeState::Queued, Change::default())
                    .await
                {
                    Ok(()) => back.push(take),
                    Err(e) => tracing::error!(take = take.id, "cannot hand a take back: {e}"),
                }
            }
        }
        if !back.is_empty() {
            self.report(LaneReport::Returned { takes: back });
        }
    }

    fn set_health(&mut self, health: LaneHealth) {
        if health != self.health {
            tracing::info!(lane = %self.name, health = %health.label(), reason = health.reason().unwrap_or(""), "lane health");
        }
        self.health = health;
    }

    fn cool_down(&mut self, wait: Duration) {
        let until = Instant::now() + wait;
        self.cooldown_until = Some(self.cooldown_until.map_or(until, |u| u.max(until)));
        if self.health == LaneHealth::Ready || matches!(self.health, LaneHealth::CoolingDown { .. })
        {
            self.set_health(LaneHealth::CoolingDown {
                seconds: wait.as_secs().max(1),
            });
        }
    }

    /// Health after an error, for creates and status calls alike.
    fn absorb(&mut self, e: &ProviderError) {
        match e {
            ProviderError::Throttled { retry_after, .. } => {
                let wait = retry_after.unwrap_or_else(|| {
                    backoff(
                        Duration::from_secs(5),
                        self.failures_in_row,
                        Duration::from_secs(120),
                    )
                });
                self.failures_in_row += 1;
                self.cool_down(wait);
            }
            ProviderError::QuotaReached(m) => {
                self.set_health(LaneHealth::OutOfCredits { reason: m.clone() })
            }
            ProviderError::Captcha(m) => self.set_health(LaneHealth::Paused {
                reason: format!("reCAPTCHA: {m}"),
            }),
            ProviderError::Flagged(m) => self.set_health(LaneHealth::Held { reason: m.clone() }),
            ProviderError::Browser(_) => {
                let wait = backoff(
                    Duration::from_secs(5),
                    self.failures_in_row,
                    Duration::from_secs(120),
                );
                self.failures_in_row += 1;
                self.cool_down(wait);
            }
            ProviderError::AccountDenied(m) => {
                self.set_health(LaneHealth::Paused { reason: m.clone() })
            }
            ProviderError::SignInAgain(m) => {
                self.set_health(LaneHealth::NeedsSignIn { reason: m.clone() })
            }
            ProviderError::Unauthorized => self.set_health(LaneHealth::NeedsSignIn {
                reason: crate::t!("lane-credentials-refused"),
            }),
            ProviderError::Local(m) if m.starts_with("ledger") => {
                self.set_health(LaneHealth::Paused { reason: m.clone() })
            }
            _ => {}
        }
    }

    async fn command(&mut self, cmd: LaneCmd) {
        match cmd {
            LaneCmd::Assign(group) => {
                self.want_out = false;
                if !group.is_empty() {
                    self.assigned.push_back(group);
                    if !self.can_submit() {
                        self.hand_back().await;
                    }
                }
            }
            LaneCmd::Adopt(take) => self.adopt(*take),
            LaneCmd::StopSubmitting => {
                self.stop = true;
                self.hand_back().await;
            }
            LaneCmd::Cancel(batch) => {
                let mut keep = VecDeque::new();
                for group in self.assigned.drain(..) {
                    if group.first().is_some_and(|t| t.batch == batch) {
                        for mut t in group {
                            self.rec
                                .record(&mut t, TakeState::Canceled, Change::default())
                                .await
                                .ok();
                        }
                    } else {
                        keep.push_back(group);
                    }
                }
                self.assigned = keep;
            }
            LaneCmd::Replace(client) => {
                self.client = client;
                if matches!(
                    self.health,
                    LaneHealth::NeedsSignIn { .. } | LaneHealth::Paused { .. }
                ) {
                    self.set_health(LaneHealth::Ready);
                }
                self.poll_failures = 0;
                self.work_now();
                self.watch_browser();
                if self.browser_ok() {
                    self.check_account();
                }
            }
            LaneCmd::Release => {
                if matches!(
                    self.health,
                    LaneHealth::Held { .. } | LaneHealth::Paused { .. }
                ) {
                    tracing::info!(lane = %self.name, "resumed by the user");
                    self.set_health(LaneHealth::Ready);
                    self.browser_changed();
                }
            }
            LaneCmd::Shutdown => {}
        }
    }
}

#[cfg(test)]
mod tests;
