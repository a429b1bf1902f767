//! The coordinator: keeps the queue, deals takes to the lanes that ask for work (least
//! loaded first), and keeps the books per batch. It never talks to a provider.

mod batches;
mod budget;
mod chain;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::Arc;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::oneshot;

use super::events::{BatchCounts, Event, LaneHealth, TakeInfo, TakeUpdate};
use super::lane::{self, LaneCmd, LaneReport, LaneSpec};
use super::{Command, EngineError, Shared};
use crate::model::{AccountId, BatchId, Mode, TakeId, TakeState};
use crate::provider::Client;
use crate::store::ledger::{BatchMeta, Change, TakeRecord};

struct LaneInfo {
    tx: UnboundedSender<LaneCmd>,
    client: Arc<Client>,
    capacity: usize,
    health: LaneHealth,
    want: Option<usize>,
}

struct BatchInfo {
    meta: BatchMeta,
    paused: bool,
    canceled: bool,
    finished: bool,
    stalled: bool,
}

struct Tracked {
    batch: BatchId,
    /// Its scene and copy (1-based), for finding the take a chained scene continues.
    scene: u32,
    copy: u32,
    state: TakeState,
    account: Option<AccountId>,
    /// Uncertain, and being looked up in its account's listing: not finished yet.
    reconciling: bool,
    /// What its create is expected to cost, once dealt: reserved against the caps until
    /// the ledger counts it as spent.
    cost: Option<crate::model::Spend>,
}

struct Coordinator {
    shared: Arc<Shared>,
    events: UnboundedSender<Event>,
    reports_tx: UnboundedSender<LaneReport>,
    reports: UnboundedReceiver<LaneReport>,
    lanes: BTreeMap<AccountId, LaneInfo>,
    queue: VecDeque<TakeRecord>,
    batches: HashMap<BatchId, BatchInfo>,
    takes: HashMap<TakeId, Tracked>,
    stopping: bool,
    idle: Option<bool>,
    watchers: HashMap<BatchId, Vec<oneshot::Sender<Result<BatchCounts, EngineError>>>>,
    /// The settings' spending caps.
    budget: crate::store::config::BudgetSection,
    /// Queued takes held by budget, with the cap that holds each.
    held: HashMap<TakeId, crate::model::Held>,
}

fn in_flight(state: TakeState) -> bool {
    matches!(
        state,
        TakeState::Assigned
            | TakeState::Submitting
            | TakeState::Generating
            | TakeState::Ready
            | TakeState::Downloading
    )
}

/// A take as announced; `holds`: the scenes its file holds (see [`crate::engine::holds`]).
fn info(t: &TakeRecord, holds: Vec<u32>) -> TakeInfo {
    TakeInfo {
        take: t.id,
        scene: t.scene_index,
        copy: t.copy,
        prompt: t.prompt.clone(),
        state: t.state,
        account: t.account.clone(),
        message: t.error.clone(),
        failure: crate::model::Failure::of(t),
        revisable: super::revise::revisable(t),
        upscalable: super::revise::upscalable(t),
        from: origin(t),
        holds,
    }
}

/// What a take starts from besides its prompt.
fn origin(t: &TakeRecord) -> super::Origin {
    super::Origin {
        continues: t.continues,
        pictures: t.inputs.in_words(),
    }
}

pub(super) fn spawn(
    shared: Arc<Shared>,
    lanes: Vec<LaneSpec>,
    cmds: UnboundedReceiver<Command>,
    events: UnboundedSender<Event>,
) {
    let (reports_tx, reports) = unbounded_channel();
    let mut c = Coordinator {
        shared,
        events,
        reports_tx,
        reports,
        lanes: BTreeMap::new(),
        queue: VecDeque::new(),
        batches: HashMap::new(),
        takes: HashMap::new(),
        stopping: false,
        idle: None,
        watchers: HashMap::new(),
        budget: Default::default(),
        held: HashMap::new(),
    };
    for spec in lanes {
        c.add_lane(spec);
    }
    tokio::spawn(c.run(cmds));
}

impl Coordinator {
    fn add_lane(&mut self, spec: LaneSpec) {
        if let Some(l) = self.lanes.get_mut(&spec.name) {
            l.client = spec.client.clone();
            l.tx.send(LaneCmd::Replace(spec.client)).ok();
            return;
        }
        let name = spec.name.clone();
        let client = spec.client.clone();
        let capacity = spec.concurrency;
        let tx = lane::spawn(self.shared.clone(), spec, self.reports_tx.clone());
        self.lanes.insert(
            name,
            LaneInfo {
                tx,
                client,
                capacity,
                health: LaneHealth::Ready,
                want: None,
            },
        );
    }

    async fn run(mut self, mut cmds: UnboundedReceiver<Command>) {
        loop {
            tokio::select! {
                cmd = cmds.recv() => match cmd {
                    None | Some(Command::Shutdown) => break,
                    Some(cmd) => self.command(cmd).await,
                },
                Some(r) = self.reports.recv() => self.report(r).await,
            }
            // Take in everything already waiting before dealing, so dealing sees fresh state.
            while let Ok(r) = self.reports.try_recv() {
                self.report(r).await;
            }
            self.settle_chains().await;
            self.deal().await;
            self.check();
        }
        for l in self.lanes.values() {
            l.tx.send(LaneCmd::Shutdown).ok();
        }
    }

    fn emit(&self, e: Event) {
        self.events.send(e).ok();
    }

    /// Commits a transition made by the coordinator itself and announces it.
    async fn record(&mut self, take: &mut TakeRecord, to: TakeState, change: Change) -> bool {
        let message = change.error.as_ref().map(|(_, m)| m.clone());
        if let Err(e) = self
            .shared
            .ledger
            .transition(take.id, to, change.clone())
            .await
        {
            tracing::error!(take = take.id, "{}", e.log());
            return false;
        }
        take.state = to;
        if let Some(a) = change.account {
            take.account = Some(a);
        }
        if change.clear_error {
            (take.error_class, take.error_code, take.error) = (None, None, None);
        }
        if let Some((class, m)) = change.error {
            (take.error_class, take.error_code, take.error) =
                (Some(class), change.error_code, Some(m));
        }
        self.track(take.id, take.place(), to, take.account.clone());
        self.emit(Event::Take(TakeUpdate {
            take: take.id,
            batch: take.batch,
            scene: take.scene_index,
            copy: take.copy,
            account: take.account.clone(),
            state: to,
            message,
            failure: crate::model::Failure::of(take),
            path: take.path.clone(),
            bytes: take.bytes,
            revisable: super::revise::revisable(take),
            upscalable: super::revise::upscalable(take),
            holds: Vec::new(),
        }));
        true
    }

    fn track(
        &mut self,
        id: TakeId,
        (batch, scene, copy): (BatchId, u32, u32),
        state: TakeState,
        account: Option<AccountId>,
    ) {
        let t = self.takes.entry(id).or_insert(Tracked {
            batch,
            scene,
            copy,
            state,
            account: None,
            reconciling: false,
            cost: None,
        });
        if state != TakeState::Uncertain {
            t.reconciling = false;
        }
        t.state = state;
        if account.is_some() {
            t.account = account;
        }
    }

    async fn command(&mut self, cmd: Command) {
        match cmd {
            Command::Submit(spec, reply) => {
                let r = self.submit(spec).await;
                reply.send(r).ok();
            }
            Command::Resume(reply) => {
                let r = self.resume().await;
                reply.send(r).ok();
            }
            Command::Cancel(batch) => self.cancel(batch).await,
            Command::Pause(batch, paused) => {
                if let Some(b) = self.batches.get_mut(&batch) {
                    b.paused = paused;
                }
            }
            Command::RunNext(take, reply) => {
                reply.send(Ok(self.run_next(take))).ok();
            }
            Command::Retry(take, reply) => {
                let r = self.retry(take).await;
                reply.send(r).ok();
            }
            Command::RetryFailed(batch, reply) => {
                let r = self.retry_failed(batch).await;
                reply.send(r).ok();
            }
            Command::Upscale(take, to, reply) => {
                let r = self.upscale(take, to).await;
                reply.send(r).ok();
            }
            Command::Revise(take, instruction, copies, reply) => {
                let r = self.revise(take, &instruction, copies).await;
                reply.send(r).ok();
            }
            Command::StopSubmitting => {
                self.stopping = true;
                for l in self.lanes.values() {
                    l.tx.send(LaneCmd::StopSubmitting).ok();
                }
            }
            Command::Replace(account, client) => {
                if let Some(l) = self.lanes.get_mut(&account) {
                    l.client = client.clone();
                    l.tx.send(LaneCmd::Replace(client)).ok();
                }
            }
            Command::AddLane(spec) => self.add_lane(spec),
            Command::Release(account) => {
                if let Some(l) = self.lanes.get(&account) {
                    l.tx.send(LaneCmd::Release).ok();
                }
            }
            Command::Hold(account, reason) => {
                if let Some(l) = self.lanes.get(&account) {
                    l.tx.send(LaneCmd::Hold(reason)).ok();
                }
            }
            Command::RemoveLane(account, reply) => {
                let busy = self
                    .takes
                    .values()
                    .any(|t| t.account.as_deref() == Some(account.as_str()) && in_flight(t.state));
                let r = if busy {
                    Err(EngineError::Invalid(crate::msg!(
                        "account-busy",
                        account = account.as_str()
                    )))
                } else {
                    if let Some(l) = self.lanes.remove(&account) {
                        l.tx.send(LaneCmd::Shutdown).ok();
                    }
                    Ok(())
                };
                reply.send(r).ok();
            }
            Command::Watch(batch, reply) => {
                if let Err(e) = self.load_batch(batch).await {
                    reply.send(Err(e)).ok();
                    return;
                }
                self.watchers.entry(batch).or_default().push(reply);
                if self.batches.get(&batch).is_some_and(|b| b.finished) {
                    let counts = self.counts(batch).unwrap_or_default();
                    self.fire(batch, counts);
                } else {
                    self.check_finished(batch).await;
                }
            }
            Command::SetBudget(budget) => {
                self.budget = budget;
                self.idle = None;
            }
            Command::SetBatchCaps(batch, caps, reply) => {
                let r = self.set_batch_caps(batch, caps).await;
                reply.send(r).ok();
            }
            Command::Shutdown => {}
        }
    }

    async fn report(&mut self, r: LaneReport) {
        match r {
            LaneReport::Want { account, slots } => {
                if let Some(l) = self.lanes.get_mut(&account) {
                    l.want = Some(slots);
                }
            }
            LaneReport::Returned { takes, .. } => {
                for t in takes.into_iter().rev() {
                    self.track(t.id, t.place(), t.state, None);
                    self.queue.push_front(t);
                }
            }
            LaneReport::Status {
                account,
                health,
                in_flight,
            } => {
                if let Some(l) = self.lanes.get_mut(&account) {
                    if health != LaneHealth::Ready {
                        l.want = None;
                    }
                    l.health = health.clone();
                }
                self.emit(Event::Lane {
                    account,
                    health,
                    in_flight,
                });
            }
            LaneReport::Reconciling { takes, active } => {
                let mut batches = Vec::new();
                for id in takes {
                    if let Some(t) = self.takes.get_mut(&id) {
                        t.reconciling = active && t.state == TakeState::Uncertain;
                        batches.push(t.batch);
                    }
                }
                for b in batches {
                    self.check_finished(b).await;
                }
            }
            LaneReport::Project { account, project } => {
                if let Err(e) = self
                    .shared
                    .ledger
                    .set_account_project(&account, &project)
                    .await
                {
                    tracing::warn!(%account, "cannot keep the account's project: {}", e.log());
                }
            }
            LaneReport::Event(e) => {
                if let Event::Take(u) = &e {
                    self.track(
                        u.take,
                        (u.batch, u.scene, u.copy),
                        u.state,
                        u.account.clone(),
                    );
                    // A lane whose service can look lost creates up does so next: until it
                    // says it gave up, such a take is not settled (else a batch could finish
                    // a moment before its last lost video is found).
                    let looks = u
                        .account
                        .as_ref()
                        .and_then(|a| self.lanes.get(a))
                        .is_some_and(|l| l.client.reconcile_after().is_some());
                    if u.state == TakeState::Uncertain
                        && looks
                        && let Some(t) = self.takes.get_mut(&u.take)
                    {
                        t.reconciling = true;
                    }
                    let batch = u.batch;
                    self.emit(e);
                    self.check_finished(batch).await;
                } else {
                    self.emit(e);
                }
            }
        }
    }

    /// Whether `take` may go to `account` now.
    fn eligible(&self, take: &TakeRecord, account: &str) -> bool {
        let Some(b) = self.batches.get(&take.batch) else {
            return false;
        };
        if b.paused || b.canceled {
            return false;
        }
        if !b.meta.accounts.is_empty() && !b.meta.accounts.iter().any(|a| a == account) {
            return false;
        }
        match self.link(take) {
            chain::Link::Free => {}
            chain::Link::Ready { account: a, .. } if a == account => {}
            _ => return false,
        }
        if self
            .lanes
            .get(account)
            .is_none_or(|l| l.client.supports(&take.shot()).is_err())
        {
            return false;
        }
        if b.meta.mode == Mode::Sequential {
            let busy = self.takes.values().any(|t| {
                t.batch == take.batch
                    && matches!(
                        t.state,
                        TakeState::Assigned | TakeState::Submitting | TakeState::Generating
                    )
            });
            let first = self
                .queue
                .iter()
                .find(|t| t.batch == take.batch)
                .map(|t| t.id);
            return !busy && first == Some(take.id);
        }
        true
    }

    /// Deals work to every lane that asked, least loaded first.
    async fn deal(&mut self) {
        if self.stopping {
            return;
        }
        // Nothing can be dealt, nor held, until a lane asks for work.
        if self.lanes.values().all(|l| l.want.is_none()) {
            return;
        }
        let Ok(mut books) = self.books().await else {
            return;
        };
        self.deal_with(books.as_mut()).await;
        self.hold_by_budget(books.as_ref()).await;
    }

    /// Deals while lanes ask and something fits; `books`: spending, when a cap applies.
    async fn deal_with(&mut self, mut books: Option<&mut budget::Books>) {
        loop {
            let mut wanting: Vec<(f64, AccountId, usize)> = self
                .lanes
                .iter()
                .filter_map(|(name, l)| {
                    let slots = l.want?;
                    let load = self
                        .takes
                        .values()
                        .filter(|t| t.account.as_deref() == Some(name) && in_flight(t.state))
                        .count();
                    Some((load as f64 / l.capacity.max(1) as f64, name.clone(), slots))
                })
                .collect();
            if wanting.is_empty() {
                return;
            }
            wanting.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut dealt = false;
            for (_, account, slots) in wanting {
                let Some(mut group) = self.pick(&account, slots, books.as_deref_mut()) else {
                    continue;
                };
                let mut assigned = Vec::new();
                for mut t in group.drain(..) {
                    if let Err(why) = self.attach_parent(&mut t).await {
                        self.record(&mut t, TakeState::Failed, Change::error("chain", why))
                            .await;
                        self.check_finished(t.batch).await;
                        continue;
                    }
                    // Dealt again: why it waited (a hold, a quota, a budget) is over.
                    let cost = self.cost(&t, &account);
                    let change = Change {
                        account: Some(account.clone()),
                        cost: Some(cost),
                        clear_error: true,
                        ..Change::default()
                    };
                    if self.record(&mut t, TakeState::Assigned, change).await {
                        if let Some(tracked) = self.takes.get_mut(&t.id) {
                            tracked.cost = Some(cost);
                        }
                        self.held.remove(&t.id);
                        assigned.push(t);
                    }
                }
                if let Some(l) = self.lanes.get_mut(&account) {
                    l.want = None;
                    if !assigned.is_empty() {
                        l.tx.send(LaneCmd::Assign(assigned)).ok();
                        dealt = true;
                    }
                }
            }
            if !dealt {
                return;
            }
        }
    }

    /// Moves `take` and the waiting copies of its scene to the front, keeping their order and
    /// everyone else's.
    fn run_next(&mut self, take: TakeId) -> Vec<TakeId> {
        let Some((batch, scene)) = self
            .queue
            .iter()
            .find(|t| t.id == take)
            .map(|t| (t.batch, t.scene_index))
        else {
            return Vec::new();
        };
        let (mut front, rest): (VecDeque<_>, VecDeque<_>) = self
            .queue
            .drain(..)
            .partition(|t| t.batch == batch && t.scene_index == scene);
        let moved = front.iter().map(|t| t.id).collect();
        front.extend(rest);
        self.queue = front;
        moved
    }

    /// The next group for `account`: takes of one scene, at most `slots`.
    fn pick(
        &mut self,
        account: &str,
        slots: usize,
        mut books: Option<&mut budget::Books>,
    ) -> Option<Vec<TakeRecord>> {
        let idx = self
            .queue
            .iter()
            .position(|t| self.eligible(t, account) && self.fits(t, account, books.as_deref()))?;
        let first = self.queue.remove(idx)?;
        self.reserve(&first, account, books.as_deref_mut());
        let sequential = self
            .batches
            .get(&first.batch)
            .is_some_and(|b| b.meta.mode == Mode::Sequential);
        let max_per_create = self
            .lanes
            .get(account)
            .map_or(1, |l| l.client.max_per_create());
        // A chained take extends its own earlier video: one per create.
        let max = if sequential || first.continues.is_some() {
            1
        } else {
            slots.min(max_per_create).max(1)
        };
        let mut group = vec![first];
        while group.len() < max {
            let same = self.queue.iter().position(|t| {
                t.batch == group[0].batch
                    && t.scene_index == group[0].scene_index
                    && self.fits(t, account, books.as_deref())
            });
            match same.and_then(|j| self.queue.remove(j)) {
                Some(t) => {
                    self.reserve(&t, account, books.as_deref_mut());
                    group.push(t)
                }
                None => break,
            }
        }
        Some(group)
    }

    /// The batch's final counts, or `None` while a take still has work to do.
    fn counts(&self, batch: BatchId) -> Option<BatchCounts> {
        let mut counts = BatchCounts::default();
        for t in self.takes.values().filter(|t| t.batch == batch) {
            match t.state {
                TakeState::Done => counts.done += 1,
                TakeState::Failed => counts.failed += 1,
                TakeState::TimedOut => counts.timed_out += 1,
                TakeState::Uncertain if t.reconciling => return None,
                TakeState::Uncertain => counts.uncertain += 1,
                TakeState::Canceled => counts.canceled += 1,
                _ => return None,
            }
        }
        Some(counts)
    }

    fn fire(&mut self, batch: BatchId, counts: BatchCounts) {
        for w in self.watchers.remove(&batch).unwrap_or_default() {
            w.send(Ok(counts.clone())).ok();
        }
    }

    async fn check_finished(&mut self, batch: BatchId) {
        if self.batches.get(&batch).is_none_or(|b| b.finished) {
            return;
        }
        let Some(counts) = self.counts(batch) else {
            return;
        };
        if let Some(b) = self.batches.get_mut(&batch) {
            b.finished = true;
        }
        self.shared
            .ledger
            .set_batch_state(batch, "finished")
            .await
            .ok();
        self.emit(Event::BatchFinished {
            batch,
            counts: counts.clone(),
        });
        self.fire(batch, counts);
    }

    /// Reports batches nobody can take, and announces when nothing is moving.
    fn check(&mut self) {
        let mut queued: BTreeMap<BatchId, u32> = BTreeMap::new();
        for t in &self.queue {
            *queued.entry(t.batch).or_default() += 1;
        }
        let mut stalled_now = HashSet::new();
        let mut newly_stalled = false;
        for (&batch, &n) in &queued {
            let Some(b) = self.batches.get(&batch) else {
                continue;
            };
            let able: Vec<&LaneInfo> = self
                .lanes
                .iter()
                .filter(|(name, _)| b.meta.accounts.is_empty() || b.meta.accounts.contains(name))
                .map(|(_, l)| l)
                .collect();
            if able.iter().any(|l| l.health.can_submit_eventually()) {
                continue;
            }
            stalled_now.insert(batch);
            if !b.stalled {
                newly_stalled = true;
                let lanes = self
                    .lanes
                    .iter()
                    .filter(|(name, _)| {
                        b.meta.accounts.is_empty() || b.meta.accounts.contains(name)
                    })
                    .map(|(name, l)| (name.clone(), l.health.clone()))
                    .collect();
                self.emit(Event::Stalled {
                    batch,
                    queued: n,
                    lanes,
                });
            }
        }
        for (id, b) in self.batches.iter_mut() {
            b.stalled = stalled_now.contains(id);
        }
        let dealable = !self.stopping
            && self.queue.iter().any(|t| {
                !self.held.contains_key(&t.id)
                    && self.batches.get(&t.batch).is_some_and(|b| {
                        !b.paused && !b.canceled && !stalled_now.contains(&t.batch)
                    })
            });
        let moving = self.takes.values().any(|t| {
            (in_flight(t.state) || t.reconciling)
                && t.account
                    .as_ref()
                    .and_then(|a| self.lanes.get(a))
                    .is_some_and(|l| !matches!(l.health, LaneHealth::NeedsSignIn { .. }))
        });
        let idle = !dealable && !moving;
        // A batch that stalls while nothing moves is news too: the takes its held lane gave
        // back can arrive after the lane said it was held, when the engine was idle already,
        // and a front end waiting for "idle and stalled" would wait for ever.
        if self.idle != Some(idle) || idle && newly_stalled {
            self.idle = Some(idle);
            if idle {
                self.emit(Event::Idle);
            }
        }
    }
}
