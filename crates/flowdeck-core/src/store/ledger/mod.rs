//! The ledger: every batch, scene and take with every state change, in SQLite (WAL, full
//! sync). A change is committed before the engine acts on it, and the table itself refuses
//! transitions that could send a take twice.

mod migrations;
mod records;
mod schema;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension, params};

pub use records::{
    BatchMeta, BatchSummary, Change, Durability, LedgerError, Result, TakeRecord, sources,
};
use schema::{TAKE_COLUMNS, TAKE_FROM, now, parse_time, take_from_row};

pub use migrations::LATEST as SCHEMA_VERSION;

/// Takes per batch and state, a retried take counted once (as its retry).
const COUNTS: &str = "SELECT batch_id, state, COUNT(*) FROM takes
     WHERE id NOT IN (SELECT retry_of FROM takes WHERE retry_of IS NOT NULL)
     GROUP BY batch_id, state";

use crate::model::{
    BatchId, BatchSpec, Hint, Mode, RemoteRef, Resolution, SeedChoice, Spend, TakeId, TakeState,
};

/// Characters of an error message the ledger keeps.
const MAX_ERROR: usize = 600;

/// The ledger. Cheap to clone; calls run on the blocking pool.
#[derive(Clone)]
pub struct Ledger {
    conn: Arc<Mutex<Connection>>,
}

impl Ledger {
    /// Opens (creating when needed) the ledger file.
    pub fn open(path: &Path) -> Result<Ledger> {
        Self::open_with(path, Durability::Full)
    }

    /// Opens with a chosen durability; flowdeck itself always uses [`Durability::Full`]
    /// (the other exists to measure what that costs).
    pub fn open_with(path: &Path, durability: Durability) -> Result<Ledger> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::store::private::create_dir(dir)
                .map_err(|e| LedgerError::Other(cannot_create(dir, &e)))?;
        }
        // A new ledger is created user-only before SQLite opens it (its journal files take the
        // database's mode); one an older flowdeck left readable to all is made so too, where
        // this user may.
        match crate::store::private::options()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                return Err(LedgerError::Other(cannot_create(path, &e)));
            }
            _ => {}
        }
        for end in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(end);
            crate::store::private::restrict_file(Path::new(&p)).ok();
        }
        let conn = Connection::open(path)?;
        Self::setup(conn, durability)
    }

    /// Makes every write fail (or succeed again), as a full or vanished disk would: for the
    /// engine's tests of what happens when the ledger cannot be written.
    #[cfg(test)]
    pub(crate) fn refuse_writes(&self, refuse: bool) {
        if let Ok(c) = self.conn.lock() {
            c.pragma_update(None, "query_only", refuse).ok();
        }
    }

    pub fn open_in_memory() -> Result<Ledger> {
        Self::setup(Connection::open_in_memory()?, Durability::Full)
    }

    fn setup(mut conn: Connection, durability: Durability) -> Result<Ledger> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL lets readers (the window, `flowdeck status`) look while a run writes; FULL makes
        // every commit durable before the engine acts on it.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let sync = match durability {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        };
        conn.pragma_update(None, "synchronous", sync)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::run(&mut conn)?;
        Ok(Ledger {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` with the connection on the blocking pool.
    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut c = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut c)
        })
        .await
        .map_err(|e| LedgerError::Other(crate::msg!("task-failed", why = e.to_string())))?
    }

    /// Records a new batch with all its takes Queued, and returns them. Seeds are chosen
    /// here, so a take keeps its seed through crashes and retries.
    pub async fn create_batch(&self, spec: BatchSpec) -> Result<(BatchId, Vec<TakeRecord>)> {
        self.run(move |c| {
            let tx = c.transaction()?;
            tx.execute(
                "INSERT INTO batches (created_at, label, out_dir, template, mode, accounts, cap_credits, cap_usd)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    now(),
                    spec.label,
                    spec.out_dir.to_string_lossy(),
                    spec.template,
                    format!("{:?}", spec.mode).to_lowercase(),
                    serde_json::to_string(&spec.accounts).unwrap_or_default(),
                    spec.caps.credits,
                    spec.caps.usd,
                ],
            )?;
            let batch = tx.last_insert_rowid();
            for (i, scene) in spec.scenes.iter().enumerate() {
                tx.execute(
                    "INSERT INTO scenes (batch_id, idx, name, prompt, model, aspect, copies, duration, resolution, previous, inputs, continues)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        batch,
                        i as u32 + 1,
                        scene.name,
                        scene.prompt,
                        scene.model.name(),
                        scene.aspect.to_string(),
                        scene.copies,
                        scene.duration,
                        scene.resolution.map(Resolution::as_str),
                        scene.source.as_ref().map(crate::model::Source::to_json),
                        // Absent for a text-only scene: older flowdecks read such rows too.
                        (!scene.inputs.is_empty())
                            .then(|| serde_json::to_string(&scene.inputs).unwrap_or_default()),
                        scene.continues,
                    ],
                )?;
                let scene_id = tx.last_insert_rowid();
                // Copies get consecutive seeds, random or not: a service that makes several
                // copies in one request (Vertex) takes one seed and varies it per copy.
                let first = match scene.seed {
                    SeedChoice::Fixed(s) => s,
                    SeedChoice::Random => fastrand::u32(1..100_000),
                };
                for copy in 0..u32::from(scene.copies) {
                    let seed = first.wrapping_add(copy) % 2_147_483_648;
                    tx.execute(
                        "INSERT INTO takes (batch_id, scene_id, copy, seed, state, updated_at)
                         VALUES (?1, ?2, ?3, ?4, 'queued', ?5)",
                        params![batch, scene_id, copy + 1, seed, now()],
                    )?;
                }
            }
            let takes = query_takes(&tx, "WHERE t.batch_id = ?1 ORDER BY t.id", params![batch])?;
            tx.commit()?;
            Ok((batch, takes))
        })
        .await
    }

    /// Moves a take to `to`, applying `change`, in one committed transaction. Refuses a
    /// transition that the take's current state does not allow.
    pub async fn transition(&self, take: TakeId, to: TakeState, change: Change) -> Result<()> {
        self.run(move |c| transition(c, take, to, &change)).await
    }

    /// Takes that still have work to do (not Done, Failed, TimedOut, Uncertain or Canceled).
    pub async fn unfinished(&self) -> Result<Vec<TakeRecord>> {
        self.run(|c| {
            query_takes(
                c,
                "WHERE t.state IN ('queued','assigned','submitting','generating','ready','downloading')
                 ORDER BY t.id",
                [],
            )
        })
        .await
    }

    /// Uncertain takes whose create can still be looked up (they carry a request record).
    pub async fn uncertain(&self) -> Result<Vec<TakeRecord>> {
        self.run(|c| {
            query_takes(
                c,
                "WHERE t.state = 'uncertain' AND t.request IS NOT NULL AND t.account IS NOT NULL
                 ORDER BY t.id",
                [],
            )
        })
        .await
    }

    /// The Flow project each account uses, as the accounts' checks reported it.
    pub async fn account_projects(&self) -> Result<std::collections::HashMap<String, String>> {
        self.run(|c| {
            let mut stmt =
                c.prepare("SELECT name, project FROM accounts WHERE project IS NOT NULL")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.map(|r| r.map_err(LedgerError::from)).collect()
        })
        .await
    }

    pub async fn set_account_project(&self, account: &str, project: &str) -> Result<()> {
        let (account, project) = (account.to_string(), project.to_string());
        self.run(move |c| {
            c.execute(
                "INSERT INTO accounts (name, project) VALUES (?1, ?2)
                 ON CONFLICT(name) DO UPDATE SET project = excluded.project",
                params![account, project],
            )?;
            Ok(())
        })
        .await
    }

    pub async fn batch_takes(&self, batch: BatchId) -> Result<Vec<TakeRecord>> {
        self.run(move |c| query_takes(c, "WHERE t.batch_id = ?1 ORDER BY t.id", params![batch]))
            .await
    }

    /// A batch's takes as they stand now: a take that was retried is replaced by its retry.
    pub async fn current_takes(&self, batch: BatchId) -> Result<Vec<TakeRecord>> {
        let takes = self.batch_takes(batch).await?;
        let superseded: std::collections::HashSet<TakeId> =
            takes.iter().filter_map(|t| t.retry_of).collect();
        Ok(takes
            .into_iter()
            .filter(|t| !superseded.contains(&t.id))
            .collect())
    }

    pub async fn take(&self, id: TakeId) -> Result<Option<TakeRecord>> {
        self.run(move |c| Ok(query_takes(c, "WHERE t.id = ?1", params![id])?.pop()))
            .await
    }

    /// Every batch, newest first, with counts per state.
    ///
    /// The counts read index `takes_batch_state` alone (migration 10).
    pub async fn batches(&self) -> Result<Vec<BatchSummary>> {
        self.run(|c| {
            let mut stmt = c.prepare(
                "SELECT id, label, created_at, out_dir, state FROM batches ORDER BY id DESC",
            )?;
            let mut out: Vec<BatchSummary> = stmt
                .query_map([], |r| {
                    Ok(BatchSummary {
                        id: r.get(0)?,
                        label: r.get(1)?,
                        created_at: parse_time(r.get(2)?),
                        out_dir: PathBuf::from(r.get::<_, String>(3)?),
                        state: r.get(4)?,
                        counts: Vec::new(),
                        videos: Vec::new(),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            // Where each batch is in `out` (a year of history is thousands of batches).
            let at: std::collections::HashMap<BatchId, usize> =
                out.iter().enumerate().map(|(i, b)| (b.id, i)).collect();
            let mut stmt = c.prepare(COUNTS)?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, BatchId>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                ))
            })?;
            for row in rows {
                let (batch, state, n) = row?;
                if let (Some(&i), Some(s)) = (at.get(&batch), TakeState::parse(&state)) {
                    let b = &mut out[i];
                    b.counts.push((s, n));
                }
            }
            let mut stmt = c.prepare(
                "SELECT t.batch_id, t.path FROM takes t JOIN scenes s ON s.id = t.scene_id
                 WHERE t.state = 'done' AND t.path IS NOT NULL
                 ORDER BY t.batch_id, s.idx, t.copy",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, BatchId>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (batch, path) = row?;
                if let Some(&i) = at.get(&batch)
                    && out[i].videos.len() < BatchSummary::VIDEOS
                {
                    out[i].videos.push(PathBuf::from(path));
                }
            }
            Ok(out)
        })
        .await
    }

    /// A batch's label, accounts, mode and state.
    pub async fn batch_meta(&self, batch: BatchId) -> Result<Option<BatchMeta>> {
        self.run(move |c| {
            c.query_row(
                "SELECT label, accounts, mode, state, out_dir, cap_credits, cap_usd FROM batches WHERE id = ?1",
                params![batch],
                |r| {
                    let accounts: String = r.get(1)?;
                    let mode: String = r.get(2)?;
                    Ok(BatchMeta {
                        id: batch,
                        label: r.get(0)?,
                        accounts: serde_json::from_str(&accounts).unwrap_or_default(),
                        mode: if mode == "sequential" {
                            Mode::Sequential
                        } else {
                            Mode::Parallel
                        },
                        state: r.get(3)?,
                        out_dir: PathBuf::from(r.get::<_, String>(4)?),
                        caps: crate::model::Caps {
                            credits: r.get(5)?,
                            usd: r.get(6)?,
                        },
                    })
                },
            )
            .optional()
            .map_err(LedgerError::from)
        })
        .await
    }

    /// Gives a batch new caps of its own (`flowdeck budget raise --batch`).
    pub async fn set_batch_caps(&self, batch: BatchId, caps: crate::model::Caps) -> Result<bool> {
        self.run(move |c| {
            let n = c.execute(
                "UPDATE batches SET cap_credits = ?2, cap_usd = ?3 WHERE id = ?1",
                params![batch, caps.credits, caps.usd],
            )?;
            Ok(n == 1)
        })
        .await
    }

    /// What each account spent today (the user's local day), by name.
    pub async fn spent_today(&self) -> Result<Vec<(String, Spend)>> {
        self.run(|c| {
            spent(
                c,
                // The local day's start in UTC, in the shape `now()` writes: the index is used.
                "t.spent_at >= strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime', 'start of day', 'utc')",
                [],
            )
        })
        .await
    }

    /// What each account spent on a batch.
    pub async fn spent_on(&self, batch: BatchId) -> Result<Vec<(String, Spend)>> {
        self.run(move |c| spent(c, "t.batch_id = ?1", params![batch]))
            .await
    }

    /// Marks a queued take held by budget (`Some`: why), or no longer held (`None`). A take
    /// that moved on meanwhile is left as it is.
    pub async fn set_budget_hold(
        &self,
        take: TakeId,
        why: Option<crate::message::Message>,
    ) -> Result<()> {
        self.run(move |c| {
            match why {
                Some(m) => c.execute(
                    "UPDATE takes SET error_class = 'budget', error = ?2
                     WHERE id = ?1 AND state = 'queued'",
                    params![take, m.to_stored()],
                )?,
                None => c.execute(
                    "UPDATE takes SET error_class = NULL, error = NULL
                     WHERE id = ?1 AND error_class = 'budget'",
                    params![take],
                )?,
            };
            Ok(())
        })
        .await
    }

    pub async fn set_batch_state(&self, batch: BatchId, state: &str) -> Result<()> {
        let state = state.to_string();
        self.run(move |c| {
            c.execute(
                "UPDATE batches SET state = ?1 WHERE id = ?2",
                params![state, batch],
            )?;
            Ok(())
        })
        .await
    }

    /// Renames an account in every take that refers to it.
    pub async fn rename_account(&self, old: &str, new: &str) -> Result<()> {
        let (old, new) = (old.to_string(), new.to_string());
        self.run(move |c| {
            c.execute(
                "UPDATE takes SET account = ?2 WHERE account = ?1",
                params![old, new],
            )?;
            c.execute(
                "UPDATE OR REPLACE accounts SET name = ?2 WHERE name = ?1",
                params![old, new],
            )?;
            Ok(())
        })
        .await
    }

    /// Paths already given to takes, as collision keys.
    pub async fn paths_in_use(&self) -> Result<Vec<PathBuf>> {
        self.run(|c| {
            let mut stmt = c.prepare("SELECT path FROM takes WHERE path IS NOT NULL")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.map(|r| r.map(PathBuf::from).map_err(LedgerError::from))
                .collect()
        })
        .await
    }

    /// A user's "retry": a failed download goes back to Ready (the video exists and is not
    /// paid again); anything else gets a new take that will be submitted anew.
    pub async fn retry(&self, id: TakeId) -> Result<TakeRecord> {
        self.run(move |c| {
            let old = query_takes(c, "WHERE t.id = ?1", params![id])?
                .pop()
                .ok_or_else(|| LedgerError::Other(crate::msg!("ledger-no-take", take = id)))?;
            let redownload = old.remote.is_some()
                && matches!(old.state, TakeState::Failed | TakeState::TimedOut)
                && old
                    .error_class
                    .as_deref()
                    .is_some_and(|c| c == "download" || c == "timed_out");
            if redownload {
                let to = if old.state == TakeState::TimedOut {
                    TakeState::Generating
                } else {
                    TakeState::Ready
                };
                transition(
                    c,
                    id,
                    to,
                    &Change {
                        clear_error: true,
                        ..Change::default()
                    },
                )?;
                return Ok(query_takes(c, "WHERE t.id = ?1", params![id])?.remove(0));
            }
            if !matches!(
                old.state,
                TakeState::Failed
                    | TakeState::Uncertain
                    | TakeState::TimedOut
                    | TakeState::Canceled
            ) {
                return Err(LedgerError::Other(crate::msg!(
                    "ledger-cannot-retry",
                    take = id,
                    state = old.state.to_string()
                )));
            }
            if c.query_row(
                "SELECT COUNT(*) FROM takes WHERE retry_of = ?1",
                params![id],
                |r| r.get::<_, i64>(0),
            )? > 0
            {
                return Err(LedgerError::Other(crate::msg!(
                    "ledger-retried-already",
                    take = id
                )));
            }
            c.execute(
                "INSERT INTO takes (batch_id, scene_id, copy, seed, state, updated_at, retry_of)
                 SELECT batch_id, scene_id, copy, seed, 'queued', ?2, id FROM takes WHERE id = ?1",
                params![id, now()],
            )?;
            let new_id = c.last_insert_rowid();
            c.execute(
                "UPDATE batches SET state = 'active' WHERE id = ?1",
                params![old.batch],
            )?;
            Ok(query_takes(c, "WHERE t.id = ?1", params![new_id])?.remove(0))
        })
        .await
    }

    /// How many times the provider's listing proved `take` never made and it went back to
    /// the queue.
    pub async fn absent_count(&self, take: TakeId) -> Result<u32> {
        self.run(move |c| {
            c.query_row(
                "SELECT COUNT(*) FROM transitions
                 WHERE take_id = ?1 AND from_state = 'uncertain' AND to_state = 'queued'",
                params![take],
                |r| r.get(0),
            )
            .map_err(LedgerError::from)
        })
        .await
    }

    /// How many times each take was made remotely (a create answered with its video, or sent
    /// with no answer and not proven absent since), from the transition log. Sends that were
    /// refused (429, 5xx) do not count: nothing was made.
    pub async fn created_counts(&self) -> Result<Vec<(TakeId, u32)>> {
        self.run(|c| {
            let mut stmt = c.prepare(
                "SELECT take_id, SUM(CASE WHEN from_state = 'submitting' THEN 1 ELSE -1 END)
                 FROM transitions
                 WHERE (from_state = 'submitting' AND to_state IN ('generating', 'uncertain'))
                    OR (from_state = 'uncertain' AND to_state = 'queued')
                 GROUP BY take_id",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.map(|r| r.map_err(LedgerError::from)).collect()
        })
        .await
    }
}

fn query_takes<P: rusqlite::Params>(c: &Connection, filter: &str, p: P) -> Result<Vec<TakeRecord>> {
    let sql = format!("SELECT {TAKE_COLUMNS} {TAKE_FROM} {filter}");
    let mut stmt = c.prepare(&sql)?;
    let rows = stmt.query_map(p, take_from_row)?;
    rows.map(|r| r.map_err(LedgerError::from)).collect()
}

/// Spending per account over the takes `filter` picks (`t.` is the takes table).
fn spent<P: rusqlite::Params>(c: &Connection, filter: &str, p: P) -> Result<Vec<(String, Spend)>> {
    let sql = format!(
        "SELECT COALESCE(t.account, ''), SUM(COALESCE(t.cost_credits, 0)), SUM(COALESCE(t.cost_usd, 0))
         FROM takes t WHERE t.spent_at IS NOT NULL AND {filter} GROUP BY 1"
    );
    let mut stmt = c.prepare(&sql)?;
    let rows = stmt.query_map(p, |r| {
        Ok((
            r.get::<_, String>(0)?,
            Spend {
                credits: r.get(1)?,
                usd: r.get(2)?,
            },
        ))
    })?;
    rows.map(|r| r.map_err(LedgerError::from)).collect()
}

/// What a transition does to a take's spending: a create the service accepted (or may
/// have) is spent now; one its listing proved never made costs nothing.
fn spending(from: Option<TakeState>, to: TakeState, ch: &Change) -> &'static str {
    use TakeState::*;
    match (from, to) {
        (Some(Submitting), Generating | Uncertain) => "COALESCE(spent_at, ?13)",
        (Some(Uncertain), Queued) => "NULL",
        (Some(Uncertain), Failed) if ch.error.as_ref().is_some_and(|(c, _)| c == "absent") => {
            "NULL"
        }
        _ => "spent_at",
    }
}

fn transition(c: &mut Connection, take: TakeId, to: TakeState, ch: &Change) -> Result<()> {
    let tx = c.transaction()?;
    let from: Option<String> = tx
        .query_row(
            "SELECT state FROM takes WHERE id = ?1",
            params![take],
            |r| r.get(0),
        )
        .optional()?;
    let from =
        from.ok_or_else(|| LedgerError::Other(crate::msg!("ledger-no-take", take = take)))?;
    let from_state = TakeState::parse(&from);
    let allowed = from_state.is_some_and(|f| sources(to).contains(&f))
        && (from_state != Some(TakeState::Uncertain) || ch.reconciled);
    if !allowed {
        return Err(LedgerError::Illegal { take, from, to });
    }
    // Service text can be long or carry a token: the ledger keeps a redacted excerpt.
    let (error_class, error) = match &ch.error {
        Some((c, m)) => (
            Some(c.as_str()),
            Some(
                m.map_text(&|t| crate::secret::excerpt(t, MAX_ERROR))
                    .to_stored(),
            ),
        ),
        None => (None, None),
    };
    let at = now();
    let spent_at = spending(from_state, to, ch);
    tx.execute(
        &format!(
            "UPDATE takes SET state = ?2,
            account = COALESCE(?3, account),
            remote = COALESCE(?4, remote),
            hint = COALESCE(?5, hint),
            error_class = CASE WHEN ?6 THEN NULL ELSE COALESCE(?7, error_class) END,
            error = CASE WHEN ?6 THEN NULL ELSE COALESCE(?8, error) END,
            error_code = CASE WHEN ?6 THEN NULL WHEN ?7 IS NOT NULL THEN ?18 ELSE error_code END,
            path = COALESCE(?9, path),
            bytes = COALESCE(?10, bytes),
            sha256 = COALESCE(?11, sha256),
            submitted_at = CASE WHEN ?12 THEN ?13 ELSE submitted_at END,
            updated_at = ?13,
            request = COALESCE(?14, request),
            cost_credits = CASE WHEN ?15 THEN ?16 ELSE cost_credits END,
            cost_usd = CASE WHEN ?15 THEN ?17 ELSE cost_usd END,
            spent_at = {spent_at}
         WHERE id = ?1"
        ),
        params![
            take,
            to.as_str(),
            ch.account,
            ch.remote.as_ref().map(RemoteRef::to_json),
            ch.hint.as_ref().map(Hint::to_text),
            ch.clear_error,
            error_class,
            error,
            ch.path.as_ref().map(|p| p.to_string_lossy().to_string()),
            ch.bytes.map(|b| b as i64),
            ch.sha256,
            ch.submitted,
            at,
            ch.request,
            ch.cost.is_some(),
            ch.cost.map(|c| c.credits),
            ch.cost.map(|c| c.usd),
            ch.error.as_ref().and(ch.error_code.as_deref()),
        ],
    )?;
    tx.execute(
        "INSERT INTO transitions (take_id, at, from_state, to_state, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![take, at, from, to.as_str(), error],
    )?;
    tx.commit()?;
    Ok(())
}

/// A file or folder the ledger could not make.
fn cannot_create(path: &Path, e: &std::io::Error) -> crate::message::Message {
    crate::msg!(
        "ledger-cannot-create",
        path = path.display().to_string(),
        why = e.to_string()
    )
}

#[cfg(test)]
mod tests;
