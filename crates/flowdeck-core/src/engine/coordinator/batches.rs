//! The coordinator's batch-level work: new batches, resuming the ledger's unfinished takes,
//! cancelling, and retries asked for by the user.

use std::collections::VecDeque;

use super::{BatchInfo, Coordinator, LaneInfo, info};
use crate::engine::EngineError;
use crate::engine::events::{Event, TakeUpdate};
use crate::engine::lane::LaneCmd;
use crate::model::{BatchId, BatchSpec, TakeId, TakeState};
use crate::store::ledger::{Change, TakeRecord};
use crate::store::naming::Template;

impl Coordinator {
    /// Tells the front ends about a batch and all its takes.
    fn announce(&self, batch: BatchId, takes: &[TakeRecord], resumed: bool) {
        let label = self
            .batches
            .get(&batch)
            .map(|b| b.meta.label.clone())
            .unwrap_or_default();
        self.emit(Event::Batch {
            batch,
            label,
            takes: takes
                .iter()
                .map(|t| info(t, crate::engine::holds::scenes_held(takes, t)))
                .collect(),
            resumed,
        });
    }

    pub(super) async fn load_batch(&mut self, batch: BatchId) -> Result<(), EngineError> {
        if self.batches.contains_key(&batch) {
            return Ok(());
        }
        let meta = self
            .shared
            .ledger
            .batch_meta(batch)
            .await?
            .ok_or_else(|| EngineError::Invalid(crate::msg!("no-such-batch", batch = batch)))?;
        for t in self.shared.ledger.current_takes(batch).await? {
            self.track(t.id, t.place(), t.state, t.account.clone());
        }
        self.batches.insert(
            batch,
            BatchInfo {
                canceled: meta.state == "canceled",
                meta,
                paused: false,
                finished: false,
                stalled: false,
            },
        );
        Ok(())
    }

    pub(super) async fn submit(&mut self, mut spec: BatchSpec) -> Result<BatchId, EngineError> {
        // Stored absolute, so a resume from another working folder writes to the same place.
        spec.out_dir = std::path::absolute(&spec.out_dir).map_err(|e| {
            let (folder, error) = (spec.out_dir.display().to_string(), e.to_string());
            EngineError::Invalid(crate::msg!(
                "batch-folder-unresolved",
                folder = folder,
                error = error
            ))
        })?;
        if spec.scenes.is_empty() {
            return Err(EngineError::Invalid(crate::msg!("batch-no-scenes")));
        }
        if let Some(i) = spec.scenes.iter().position(|s| s.prompt.trim().is_empty()) {
            let scene = i + 1;
            return Err(EngineError::Invalid(crate::msg!(
                "batch-empty-prompt",
                scene = scene
            )));
        }
        if let Some(i) = spec
            .scenes
            .iter()
            .position(|s| !(1..=4).contains(&s.copies))
        {
            let scene = i + 1;
            return Err(EngineError::Invalid(crate::msg!(
                "batch-copies",
                scene = scene
            )));
        }
        for (i, s) in spec.scenes.iter().enumerate() {
            s.inputs.kind().map_err(|e| scene_error(i, e))?;
            chained(&spec.scenes, i).map_err(|e| scene_error(i, e))?;
        }
        for a in &spec.accounts {
            if !self.lanes.contains_key(a) {
                return Err(EngineError::Invalid(crate::msg!(
                    "no-such-account",
                    account = a
                )));
            }
        }
        if self.lanes.is_empty() {
            return Err(EngineError::Invalid(crate::msg!("batch-no-accounts")));
        }
        let chosen: Vec<&LaneInfo> = self
            .lanes
            .iter()
            .filter(|(n, _)| spec.accounts.is_empty() || spec.accounts.contains(n))
            .map(|(_, l)| l)
            .collect();
        for (i, s) in spec.scenes.iter().enumerate() {
            let errors: Vec<crate::message::Message> = chosen
                .iter()
                .filter_map(|l| l.client.supports(&s.shot()).err())
                .collect();
            if errors.len() == chosen.len() {
                // Each distinct reason once: accounts of different providers refuse differently.
                let mut reasons: Vec<crate::message::Message> = Vec::new();
                for e in errors {
                    if !reasons.contains(&e) {
                        reasons.push(e);
                    }
                }
                let what = match s.shot().inputs {
                    crate::model::InputKind::Text => {
                        crate::message::Message::verbatim(format!("{} {}", s.model, s.aspect))
                    }
                    kind => crate::msg!(
                        "batch-made-from",
                        model = s.model.to_string(),
                        aspect = s.aspect.to_string(),
                        from = kind.describe()
                    ),
                };
                let reasons = crate::message::Message::list(reasons, "; ");
                let scene = i + 1;
                return Err(EngineError::Invalid(crate::msg!(
                    "batch-no-account-can",
                    scene = scene,
                    what = what,
                    reasons = reasons
                )));
            }
        }
        Template::parse(&spec.template)
            .map_err(|e| EngineError::Invalid(crate::msg!("batch-template", error = e)))?;
        std::fs::create_dir_all(&spec.out_dir).map_err(|e| {
            let (folder, error) = (spec.out_dir.display().to_string(), e.to_string());
            EngineError::Invalid(crate::msg!(
                "batch-folder-create",
                folder = folder,
                error = error
            ))
        })?;
        writable(&spec.out_dir).map_err(|e| {
            let (folder, error) = (spec.out_dir.display().to_string(), e.to_string());
            EngineError::Invalid(crate::msg!(
                "batch-folder-unwritable",
                folder = folder,
                error = error
            ))
        })?;
        let (batch, takes) = self.shared.ledger.create_batch(spec).await?;
        self.load_batch(batch).await?;
        self.announce(batch, &takes, false);
        self.queue.extend(takes);
        self.idle = None;
        Ok(batch)
    }

    /// Hands an Uncertain take to its account's lane to be looked up, when that account can.
    fn look_up(&mut self, t: TakeRecord) -> bool {
        let lane = t.account.as_ref().and_then(|a| self.lanes.get(a));
        let Some(lane) = lane.filter(|l| l.client.reconcile_after().is_some()) else {
            return false;
        };
        if t.request.is_none() {
            return false;
        }
        lane.tx.send(LaneCmd::Adopt(Box::new(t))).ok();
        true
    }

    pub(super) async fn resume(&mut self) -> Result<Vec<BatchId>, EngineError> {
        let mut unfinished = self.shared.ledger.unfinished().await?;
        // Creates whose answer was lost, where the account can look them up.
        let lookable =
            |l: Option<&LaneInfo>| l.is_some_and(|l| l.client.reconcile_after().is_some());
        for t in self.shared.ledger.uncertain().await? {
            if lookable(t.account.as_ref().and_then(|a| self.lanes.get(a))) {
                unfinished.push(t);
            }
        }
        let mut batches: Vec<BatchId> = Vec::new();
        for t in &unfinished {
            if !batches.contains(&t.batch) {
                batches.push(t.batch);
            }
        }
        // Announce the batches first, so watchers know every take before it moves.
        for &batch in &batches {
            self.load_batch(batch).await?;
            let takes = self.shared.ledger.current_takes(batch).await?;
            self.announce(batch, &takes, true);
        }
        for mut t in unfinished {
            match t.state {
                TakeState::Queued => self.queue.push_back(t),
                TakeState::Assigned => {
                    let requeued = self
                        .record(&mut t, TakeState::Queued, Change::default())
                        .await;
                    if requeued {
                        self.queue.push_back(t);
                    }
                }
                TakeState::Submitting | TakeState::Uncertain => {
                    if t.state == TakeState::Submitting {
                        let msg = crate::msg!("take-stopped-while-sending");
                        if !self
                            .record(
                                &mut t,
                                TakeState::Uncertain,
                                Change::error("uncertain", msg),
                            )
                            .await
                        {
                            continue;
                        }
                    }
                    let id = t.id;
                    if self.look_up(t)
                        && let Some(tracked) = self.takes.get_mut(&id)
                    {
                        tracked.reconciling = true;
                    }
                }
                TakeState::Generating | TakeState::Ready | TakeState::Downloading => {
                    if t.state == TakeState::Downloading
                        && !self
                            .record(&mut t, TakeState::Ready, Change::default())
                            .await
                    {
                        continue;
                    }
                    match t.account.as_ref().and_then(|a| self.lanes.get(a)) {
                        Some(l) => {
                            l.tx.send(LaneCmd::Adopt(Box::new(t))).ok();
                        }
                        None => {
                            let account = t.account.clone().unwrap_or_else(|| "?".into());
                            self.emit(Event::Notice {
                                message: crate::msg!(
                                    "take-waits-for-account",
                                    take = t.id,
                                    account = account
                                ),
                            })
                        }
                    }
                }
                _ => {}
            }
        }
        for &batch in &batches {
            self.check_finished(batch).await;
        }
        self.idle = None;
        Ok(batches)
    }

    pub(super) async fn cancel(&mut self, batch: BatchId) {
        let mut keep = VecDeque::new();
        let mut drop = Vec::new();
        for t in self.queue.drain(..) {
            if t.batch == batch {
                drop.push(t)
            } else {
                keep.push_back(t)
            }
        }
        self.queue = keep;
        for mut t in drop {
            self.record(&mut t, TakeState::Canceled, Change::default())
                .await;
        }
        for l in self.lanes.values() {
            l.tx.send(LaneCmd::Cancel(batch)).ok();
        }
        if let Some(b) = self.batches.get_mut(&batch) {
            b.canceled = true;
        }
        self.shared
            .ledger
            .set_batch_state(batch, "canceled")
            .await
            .ok();
        self.check_finished(batch).await;
    }

    pub(super) async fn retry(&mut self, take: TakeId) -> Result<TakeId, EngineError> {
        let before = self
            .shared
            .ledger
            .take(take)
            .await?
            .ok_or_else(|| EngineError::Invalid(crate::msg!("no-such-take", take = take)))?;
        self.load_batch(before.batch).await?;
        let t = self.shared.ledger.retry(take).await?;
        if let Some(b) = self.batches.get_mut(&t.batch) {
            b.finished = false;
            b.canceled = false;
        }
        self.track(t.id, t.place(), t.state, t.account.clone());
        if t.id == take {
            // The same video, fetched or checked again by its own account.
            let lane = t
                .account
                .as_ref()
                .and_then(|a| self.lanes.get(a))
                .ok_or_else(|| {
                    EngineError::Invalid(crate::msg!("take-account-gone", take = take))
                })?;
            lane.tx.send(LaneCmd::Adopt(Box::new(t.clone()))).ok();
            self.emit(Event::Take(TakeUpdate {
                take: t.id,
                batch: t.batch,
                scene: t.scene_index,
                copy: t.copy,
                account: t.account.clone(),
                state: t.state,
                message: None,
                failure: None,
                path: t.path.clone(),
                bytes: None,
                revisable: false,
                upscalable: false,
                holds: Vec::new(),
            }));
        } else {
            self.takes.remove(&take);
            self.emit(Event::Retried {
                batch: t.batch,
                old: take,
                new: info(&t, Vec::new()),
            });
            self.queue.push_back(t.clone());
        }
        self.idle = None;
        Ok(t.id)
    }

    pub(super) async fn revise(
        &mut self,
        take: TakeId,
        instruction: &str,
        copies: u8,
    ) -> Result<BatchId, EngineError> {
        let t = self.known_take(take).await?;
        let spec =
            super::super::revise::batch(&t, instruction, copies).map_err(EngineError::Invalid)?;
        self.submit(spec).await
    }

    pub(super) async fn upscale(
        &mut self,
        take: TakeId,
        to: crate::model::Resolution,
    ) -> Result<BatchId, EngineError> {
        let t = self.known_take(take).await?;
        let spec = super::super::revise::upscale_batch(&t, to).map_err(EngineError::Invalid)?;
        self.submit(spec).await
    }

    /// A take from the ledger, or "there is no take N".
    async fn known_take(&self, take: TakeId) -> Result<TakeRecord, EngineError> {
        self.shared
            .ledger
            .take(take)
            .await?
            .ok_or_else(|| EngineError::Invalid(crate::msg!("no-such-take", take = take)))
    }

    pub(super) async fn retry_failed(&mut self, batch: BatchId) -> Result<usize, EngineError> {
        let takes = self.shared.ledger.current_takes(batch).await?;
        let mut n = 0;
        for t in takes.iter().filter(|t| t.state == TakeState::Failed) {
            self.retry(t.id).await?;
            n += 1;
        }
        Ok(n)
    }
}

/// Proves `dir` takes a new file before anything is paid for: a read-only mount or a folder
/// without permission would otherwise be found only after the videos were made.
/// A refusal about scene `i` (0-based), naming it.
fn scene_error(i: usize, e: crate::message::Message) -> EngineError {
    let scene = i + 1;
    EngineError::Invalid(crate::msg!("batch-scene-error", scene = scene, error = e))
}

/// Whether scene `i` (0-based) may continue the scene it names: an earlier one, made the same
/// way (an extension keeps the model and the frame), and with no pictures of its own.
fn chained(scenes: &[crate::model::Scene], i: usize) -> Result<(), crate::message::Message> {
    let s = &scenes[i];
    let Some(n) = s.continues else {
        return Ok(());
    };
    if n == 0 || n as usize > i {
        return Err(crate::msg!("chain-not-earlier", scene = n, last = i));
    }
    let parent = &scenes[n as usize - 1];
    if (&parent.model, parent.aspect) != (&s.model, s.aspect) {
        return Err(crate::msg!(
            "chain-same-way",
            scene = n,
            model = parent.model.to_string(),
            aspect = parent.aspect.to_string(),
            its_model = s.model.to_string(),
            its_aspect = s.aspect.to_string()
        ));
    }
    if !s.inputs.is_empty() {
        return Err(crate::msg!("chain-no-pictures", scene = n));
    }
    if s.source.is_some() {
        return Err(crate::msg!("chain-not-revision"));
    }
    Ok(())
}

fn writable(dir: &std::path::Path) -> std::io::Result<()> {
    let probe = dir.join(format!(".flowdeck-write-check-{}", std::process::id()));
    let written = std::fs::File::create(&probe).and_then(|mut f| {
        use std::io::Write;
        f.write_all(b"flowdeck")
    });
    std::fs::remove_file(&probe).ok();
    written
}
