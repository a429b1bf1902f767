//! The task pool: one lane per account, a coordinator that deals takes to lanes, and a
//! stream of typed events. Knows nothing of windows or terminals.
//!
//! ```text
//!  Engine (handle) ──commands──▶ coordinator ──Assign/Adopt──▶ lane (one per account)
//!                 ◀──events────              ◀──reports──────  owns the account's client
//! ```

mod backoff;
mod budget;
mod coordinator;
mod download;
pub mod events;
pub mod holds;
mod lane;
mod mp4;
mod poll;
mod record;
mod report;
pub mod revise;
mod shield;
mod submit;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc, oneshot};

pub use crate::provider::transfer::sha256_file as sha256;
pub use download::{bring_home, write_json};
pub use events::{BatchCounts, Event, LaneHealth, Origin, TakeInfo, TakeUpdate};
pub use lane::LaneSpec;

use crate::model::{AccountId, BatchId, BatchSpec, TakeId};
use crate::provider::Client;
use crate::store::config::{BudgetSection, EngineSection};
use crate::store::ledger::{Ledger, LedgerError};
use crate::store::naming;

/// How the engine paces itself.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Least time between two creates on one account (±25% jitter is added).
    pub submit_spacing: Duration,
    /// Time between one account's status calls.
    pub poll_interval: Duration,
    /// Downloads at once over all accounts.
    pub max_downloads: usize,
    /// After this long still generating, a take becomes TimedOut.
    pub deadline: Duration,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig::from(&EngineSection::default())
    }
}

impl From<&EngineSection> for EngineConfig {
    fn from(s: &EngineSection) -> Self {
        EngineConfig {
            submit_spacing: Duration::from_secs_f64(s.submit_spacing_secs),
            poll_interval: Duration::from_secs_f64(s.poll_interval_secs),
            max_downloads: s.max_downloads as usize,
            deadline: Duration::from_secs_f64(s.deadline_mins * 60.0),
        }
    }
}

#[derive(Debug, Clone)]
pub enum EngineError {
    Ledger(LedgerError),
    Invalid(crate::message::Message),
    Stopped,
}

impl From<LedgerError> for EngineError {
    fn from(e: LedgerError) -> EngineError {
        EngineError::Ledger(e)
    }
}

impl EngineError {
    /// What happened, for a person (the front ends put it into words).
    pub fn message(&self) -> crate::message::Message {
        match self {
            EngineError::Ledger(e) => e.message(),
            EngineError::Invalid(m) => m.clone(),
            EngineError::Stopped => crate::msg!("engine-stopped"),
        }
    }
}

/// What lanes and the coordinator share.
pub(crate) struct Shared {
    pub cfg: EngineConfig,
    pub ledger: Ledger,
    pub downloads: Arc<Semaphore>,
    /// File names given out, as collision keys.
    pub names: Mutex<HashSet<String>>,
}

pub(crate) enum Command {
    Submit(BatchSpec, oneshot::Sender<Result<BatchId, EngineError>>),
    Resume(oneshot::Sender<Result<Vec<BatchId>, EngineError>>),
    Cancel(BatchId),
    Pause(BatchId, bool),
    RunNext(TakeId, oneshot::Sender<Result<Vec<TakeId>, EngineError>>),
    Retry(TakeId, oneshot::Sender<Result<TakeId, EngineError>>),
    RetryFailed(BatchId, oneshot::Sender<Result<usize, EngineError>>),
    Revise(
        TakeId,
        String,
        u8,
        oneshot::Sender<Result<BatchId, EngineError>>,
    ),
    Upscale(
        TakeId,
        crate::model::Resolution,
        oneshot::Sender<Result<BatchId, EngineError>>,
    ),
    StopSubmitting,
    Replace(AccountId, Arc<Client>),
    Release(AccountId),
    Hold(AccountId, crate::message::Message),
    AddLane(LaneSpec),
    RemoveLane(AccountId, oneshot::Sender<Result<(), EngineError>>),
    Watch(BatchId, oneshot::Sender<Result<BatchCounts, EngineError>>),
    SetBudget(BudgetSection),
    SetBatchCaps(
        BatchId,
        crate::model::Caps,
        oneshot::Sender<Result<(), EngineError>>,
    ),
    Shutdown,
}

/// A handle to a running engine. Cheap to clone.
#[derive(Clone)]
pub struct Engine {
    cmds: mpsc::UnboundedSender<Command>,
}

impl Engine {
    /// Starts the coordinator and one lane per account.
    pub async fn start(
        cfg: EngineConfig,
        ledger: Ledger,
        lanes: Vec<LaneSpec>,
    ) -> Result<(Engine, mpsc::UnboundedReceiver<Event>), EngineError> {
        let names = ledger
            .paths_in_use()
            .await?
            .iter()
            .flat_map(|p| [naming::key(p), naming::key(&naming::sidecar_of(p))])
            .collect();
        let shared = Arc::new(Shared {
            downloads: Arc::new(Semaphore::new(cfg.max_downloads.max(1))),
            cfg,
            ledger,
            names: Mutex::new(names),
        });
        let (cmd_tx, cmd_rx) = mpsc::unbounded_channel();
        let (event_tx, event_rx) = mpsc::unbounded_channel();
        coordinator::spawn(shared, lanes, cmd_rx, event_tx);
        Ok((Engine { cmds: cmd_tx }, event_rx))
    }

    fn send(&self, c: Command) -> Result<(), EngineError> {
        self.cmds.send(c).map_err(|_| EngineError::Stopped)
    }

    async fn ask<T>(
        &self,
        make: impl FnOnce(oneshot::Sender<Result<T, EngineError>>) -> Command,
    ) -> Result<T, EngineError> {
        let (tx, rx) = oneshot::channel();
        self.send(make(tx))?;
        rx.await.map_err(|_| EngineError::Stopped)?
    }

    /// Records a new batch and starts dealing it.
    pub async fn submit(&self, spec: BatchSpec) -> Result<BatchId, EngineError> {
        self.ask(|tx| Command::Submit(spec, tx)).await
    }

    /// Picks up every unfinished take in the ledger. Returns the batches involved.
    pub async fn resume(&self) -> Result<Vec<BatchId>, EngineError> {
        self.ask(Command::Resume).await
    }

    /// Stops dealing a batch; what is in flight is still brought home.
    pub fn cancel(&self, batch: BatchId) -> Result<(), EngineError> {
        self.send(Command::Cancel(batch))
    }

    pub fn pause(&self, batch: BatchId, paused: bool) -> Result<(), EngineError> {
        self.send(Command::Pause(batch, paused))
    }

    /// Moves a waiting take, with the waiting copies of its scene, to the front of the queue:
    /// the next free account makes them before anything else. Returns the takes moved (none
    /// when the take is no longer waiting). The order lives in memory: after a restart,
    /// `resume` deals in the batch's own order again.
    pub async fn run_next(&self, take: TakeId) -> Result<Vec<TakeId>, EngineError> {
        self.ask(|tx| Command::RunNext(take, tx)).await
    }

    /// Retries one take: a failed download is fetched again; anything else is submitted anew
    /// (on the user's request only). Returns the take that will run.
    pub async fn retry(&self, take: TakeId) -> Result<TakeId, EngineError> {
        self.ask(|tx| Command::Retry(take, tx)).await
    }

    /// Retries every failed take of a batch. Returns how many.
    pub async fn retry_failed(&self, batch: BatchId) -> Result<usize, EngineError> {
        self.ask(|tx| Command::RetryFailed(batch, tx)).await
    }

    /// Revises a finished Gemini Omni video: a new one-scene batch on the take's own account
    /// that carries `instruction` and the earlier interaction. This costs credits again.
    pub async fn revise(
        &self,
        take: TakeId,
        instruction: String,
        copies: u8,
    ) -> Result<BatchId, EngineError> {
        self.ask(|tx| Command::Revise(take, instruction, copies, tx))
            .await
    }

    /// Upscales a finished Flow video to 1080p or 4K: a new one-scene batch on the take's own
    /// account, its file next to the original. This costs credits (4K: 50).
    pub async fn upscale(
        &self,
        take: TakeId,
        to: crate::model::Resolution,
    ) -> Result<BatchId, EngineError> {
        self.ask(|tx| Command::Upscale(take, to, tx)).await
    }

    /// No more creates; in-flight work finishes. `Event::Idle` follows when it has.
    pub fn stop_submitting(&self) -> Result<(), EngineError> {
        self.send(Command::StopSubmitting)
    }

    /// Gives an account a new client ("sign in again").
    pub fn replace_client(
        &self,
        account: AccountId,
        client: Arc<Client>,
    ) -> Result<(), EngineError> {
        self.send(Command::Replace(account, client))
    }

    /// Resumes an account held after the service flagged unusual activity (or paused).
    pub fn release(&self, account: AccountId) -> Result<(), EngineError> {
        self.send(Command::Release(account))
    }

    /// Holds an account as the service did in an earlier session (see [`crate::ops::holds`]):
    /// it takes no work until [`Engine::release`].
    pub fn hold(
        &self,
        account: AccountId,
        reason: crate::message::Message,
    ) -> Result<(), EngineError> {
        self.send(Command::Hold(account, reason))
    }

    /// Starts a lane for an account added while running.
    pub fn add_lane(&self, lane: LaneSpec) -> Result<(), EngineError> {
        self.send(Command::AddLane(lane))
    }

    /// Stops an account's lane; refused while it has videos in flight.
    pub async fn remove_lane(&self, account: AccountId) -> Result<(), EngineError> {
        self.ask(|tx| Command::RemoveLane(account, tx)).await
    }

    /// Resolves when the batch has finished (at once if it already has).
    pub async fn wait_batch(&self, batch: BatchId) -> Result<BatchCounts, EngineError> {
        self.ask(|tx| Command::Watch(batch, tx)).await
    }

    /// Takes the settings' spending caps (`[budget]`), at start and whenever they are saved:
    /// takes held by a cap that no longer holds them go.
    pub fn set_budget(&self, budget: BudgetSection) -> Result<(), EngineError> {
        self.send(Command::SetBudget(budget))
    }

    /// Gives a batch new caps of its own (kept in the ledger for a resume).
    pub async fn set_batch_caps(
        &self,
        batch: BatchId,
        caps: crate::model::Caps,
    ) -> Result<(), EngineError> {
        self.ask(|tx| Command::SetBatchCaps(batch, caps, tx)).await
    }

    pub fn shutdown(&self) {
        self.send(Command::Shutdown).ok();
    }
}
