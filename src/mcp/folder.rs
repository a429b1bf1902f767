//! The data folder as this server uses it: the engine lock, taken only while a batch of this
//! server runs, and the engine and accounts of that run.
//!
//! Why not hold the lock for the whole session: an assistant's client starts `flowdeck mcp`
//! when it opens and keeps it for days; holding the folder all that time would lock the window
//! and the CLI out between agent sessions. So the lock is taken when a tool must send something
//! (generate, retry, revise) and let go as soon as the last batch of this server has finished.
//! Tools that only read take it for a moment, to answer a clear "held by …" when another
//! flowdeck has the folder, and let it go at once (reading the ledger needs no lock).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::sync::{MutexGuard, mpsc::UnboundedReceiver};

use super::reply::Refusal;
use crate::cli::context::Context;
use crate::engine::{Engine, Event, LaneHealth};
use crate::model::{AccountId, BatchId};
use crate::provider::Client;
use crate::store::ledger::Ledger;

/// Who holds the folder, as `flowdeck status` and a refused second engine say it.
pub const HOLDER: &str = "flowdeck mcp";

/// The accounts a tool can use: their clients (models read), and the ones that cannot be used
/// with why.
pub struct Accounts {
    pub lanes: Vec<(AccountId, Arc<Client>)>,
    pub problems: Vec<(String, crate::message::Message)>,
}

/// A running engine of this server and what keeps it going.
pub struct Run {
    /// The settings of the run; keeps the browser bridge (and its port) while it runs.
    pub ctx: Context,
    _lock: crate::store::lock::EngineLock,
    pub engine: Engine,
    pub accounts: Accounts,
    pub ledger: Ledger,
    /// The batches of this server the engine is still making.
    pub batches: HashSet<BatchId>,
}

/// The accounts for one call: the run's, or made for it. No run can start meanwhile (and no
/// other call of this server take the folder), since the run's slot is held.
pub struct Held<'a> {
    run: MutexGuard<'a, Option<Run>>,
    brief: Option<Box<Brief>>,
}

pub struct Brief {
    accounts: Accounts,
    ledger: Ledger,
    _ctx: Context,
    _lock: crate::store::lock::EngineLock,
}

impl Held<'_> {
    pub fn accounts(&self) -> &Accounts {
        match (self.run.as_ref(), &self.brief) {
            (Some(r), _) => &r.accounts,
            (None, Some(b)) => &b.accounts,
            (None, None) => &NO_ACCOUNTS,
        }
    }

    pub fn ledger(&self) -> Option<&Ledger> {
        match (self.run.as_ref(), &self.brief) {
            (Some(r), _) => Some(&r.ledger),
            (None, Some(b)) => Some(&b.ledger),
            (None, None) => None,
        }
    }
}

static NO_ACCOUNTS: Accounts = Accounts {
    lanes: Vec::new(),
    problems: Vec::new(),
};

/// What the engine last said of each account and batch, kept across runs.
#[derive(Default)]
pub struct Seen {
    pub credits: HashMap<AccountId, i64>,
    pub health: HashMap<AccountId, LaneHealth>,
    /// Batches whose queued takes no account could take, with why.
    pub stalled: HashMap<BatchId, String>,
}

pub struct Folder {
    config: Option<PathBuf>,
    pub run: tokio::sync::Mutex<Option<Run>>,
    pub seen: Mutex<Seen>,
    /// The ledger, once a read opened it.
    ledger: tokio::sync::Mutex<Option<Ledger>>,
}

impl Folder {
    pub fn new(config: Option<PathBuf>) -> Arc<Folder> {
        Arc::new(Folder {
            config,
            run: tokio::sync::Mutex::new(None),
            seen: Mutex::new(Seen::default()),
            ledger: tokio::sync::Mutex::new(None),
        })
    }

    /// The settings as they are now (the user may have changed them since the last call).
    pub fn load(&self) -> Result<Context, Refusal> {
        Ok(Context::load(self.config.clone())?)
    }

    pub fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The ledger, once no other flowdeck holds the folder.
    pub async fn ledger(&self) -> Result<Ledger, Refusal> {
        let run = self.run.lock().await;
        if let Some(r) = run.as_ref() {
            return Ok(r.ledger.clone());
        }
        // Where the folder is, without reading the settings again (reads are the calls an
        // assistant makes most; the settings are read afresh for every run).
        let paths = crate::store::paths::Paths::resolve(self.config.clone())
            .map_err(|m| Refusal::said("input", &m))?;
        drop(take(&paths.data_dir)?);
        // Opened once: the ledger can be read while another process holds the folder, so
        // keeping it open between calls takes nothing from the window or the CLI.
        let mut open = self.ledger.lock().await;
        if let Some(l) = open.as_ref() {
            return Ok(l.clone());
        }
        let file = paths.ledger();
        let l = crate::store::ledger::Ledger::open(&file).map_err(|e| {
            let (file, error) = (file.display().to_string(), e.message());
            Refusal::said(
                "failed",
                &crate::msg!("cli-ledger-unreadable", file = file, error = error),
            )
        })?;
        *open = Some(l.clone());
        Ok(l)
    }

    /// The accounts: the running engine's, or ones made for this call (the folder held
    /// meanwhile, since that starts the browser bridge on its port).
    pub async fn accounts(&self) -> Result<Held<'_>, Refusal> {
        let run = self.run.lock().await;
        if run.is_some() {
            return Ok(Held { run, brief: None });
        }
        let mut ctx = self.load()?;
        let lock = take(&ctx.paths.data_dir)?;
        let ledger = ctx.ledger()?;
        let (lanes, problems) = crate::cli::lanes::prepare(&mut ctx, &ledger, &[]).await?;
        let brief = Brief {
            accounts: Accounts {
                lanes: lanes.into_iter().map(|l| (l.name, l.client)).collect(),
                problems,
            },
            ledger,
            _ctx: ctx,
            _lock: lock,
        };
        Ok(Held {
            run,
            brief: Some(Box::new(brief)),
        })
    }

    /// The running engine, started (the folder taken) when none runs.
    pub async fn running(self: &Arc<Self>) -> Result<MutexGuard<'_, Option<Run>>, Refusal> {
        let mut run = self.run.lock().await;
        if run.is_none() {
            *run = Some(self.start().await?);
        }
        Ok(run)
    }

    async fn start(self: &Arc<Self>) -> Result<Run, Refusal> {
        let mut ctx = self.load()?;
        let lock = take(&ctx.paths.data_dir)?;
        let ledger = ctx.ledger()?;
        let (lanes, problems) = crate::cli::lanes::prepare(&mut ctx, &ledger, &[]).await?;
        let clients = lanes
            .iter()
            .map(|l| (l.name.clone(), l.client.clone()))
            .collect();
        let (engine, events) = crate::cli::lanes::start(&ctx, ledger.clone(), lanes).await?;
        tokio::spawn(listen(Arc::downgrade(self), events));
        Ok(Run {
            ctx,
            _lock: lock,
            engine,
            accounts: Accounts {
                lanes: clients,
                problems,
            },
            ledger,
            batches: HashSet::new(),
        })
    }

    /// Follows `batch` on the running engine until it has finished, then lets the folder go
    /// if it was the last one.
    pub fn follow(self: &Arc<Self>, run: &mut Run, batch: BatchId) {
        if !run.batches.insert(batch) {
            return;
        }
        let (folder, engine) = (Arc::downgrade(self), run.engine.clone());
        tokio::spawn(async move {
            let _ = engine.wait_batch(batch).await;
            if let Some(folder) = folder.upgrade() {
                let mut run = folder.run.lock().await;
                if let Some(r) = run.as_mut() {
                    r.batches.remove(&batch);
                }
                Folder::settle(&mut run);
            }
        });
    }

    /// Stops the engine and lets the folder go when no batch of this server runs.
    pub fn settle(run: &mut Option<Run>) {
        if run.as_ref().is_some_and(|r| r.batches.is_empty())
            && let Some(r) = run.take()
        {
            r.engine.shutdown();
        }
    }

    /// Whether `batch` is being made by this server now.
    pub async fn is_running(&self, batch: BatchId) -> bool {
        self.run
            .lock()
            .await
            .as_ref()
            .is_some_and(|r| r.batches.contains(&batch))
    }

    /// At the end of the session: in-flight work is left to the ledger (resumable), the engine
    /// stopped and the folder let go.
    pub async fn close(&self) {
        if let Some(r) = self.run.lock().await.take() {
            r.engine.shutdown();
        }
    }
}

/// The folder's lock; held by another flowdeck, a `busy` refusal naming it.
fn take(dir: &std::path::Path) -> Result<crate::store::lock::EngineLock, Refusal> {
    use crate::store::lock::{EngineLock, LockError};
    EngineLock::acquire(dir, HOLDER).map_err(|e| match e {
        LockError::Held { .. } => Refusal::said("busy", &e.message()),
        _ => Refusal::said("failed", &e.message()),
    })
}

/// Keeps what the engine says of accounts and batches, until it stops.
async fn listen(folder: std::sync::Weak<Folder>, mut events: UnboundedReceiver<Event>) {
    while let Some(event) = events.recv().await {
        let Some(folder) = folder.upgrade() else {
            return;
        };
        let mut seen = folder.seen();
        match event {
            Event::Credits {
                account,
                credits: Some(c),
                ..
            } => {
                seen.credits.insert(account, c);
            }
            Event::Lane {
                account, health, ..
            } => {
                seen.health.insert(account, health);
            }
            Event::Stalled { batch, lanes, .. } => {
                let why: Vec<String> = lanes
                    .iter()
                    .map(|(a, h)| match h.reason() {
                        Some(m) => format!("{a}: {}", crate::i18n::say(m)),
                        None => format!("{a}: {}", h.label()),
                    })
                    .collect();
                seen.stalled.insert(batch, why.join("; "));
            }
            Event::Take(t) => {
                seen.stalled.remove(&t.batch);
            }
            _ => {}
        }
    }
}
