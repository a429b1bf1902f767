//! The ledger's schema, one numbered step at a time. SQLite's `user_version` says which steps a
//! ledger has had; opening it runs the rest, in order, each in its own transaction with the
//! version it reaches, so a ledger from any earlier flowdeck opens, and one that stops half way
//! (a full disk) is left at the last whole step. `tests/fixtures/ledger/` holds a ledger of each
//! earlier version.

use rusqlite::{Connection, Transaction, params};

use crate::model::{RemoteRef, Source};

/// The version this flowdeck writes.
pub const LATEST: i64 = 10;

/// Version 1 (2026-11-25): batches, scenes, takes, their transitions.
const V1: &str = "
CREATE TABLE IF NOT EXISTS batches (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    label TEXT NOT NULL,
    out_dir TEXT NOT NULL,
    template TEXT NOT NULL,
    mode TEXT NOT NULL,
    accounts TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'active'
);
CREATE TABLE IF NOT EXISTS scenes (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    idx INTEGER NOT NULL,
    name TEXT,
    prompt TEXT NOT NULL,
    model TEXT NOT NULL,
    aspect TEXT NOT NULL,
    copies INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS takes (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    scene_id INTEGER NOT NULL REFERENCES scenes(id),
    copy INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    state TEXT NOT NULL,
    account TEXT,
    remote TEXT,
    hint TEXT,
    error_class TEXT,
    error TEXT,
    path TEXT,
    bytes INTEGER,
    sha256 TEXT,
    submitted_at TEXT,
    updated_at TEXT,
    retry_of INTEGER REFERENCES takes(id)
);
CREATE INDEX IF NOT EXISTS takes_state ON takes(state);
CREATE INDEX IF NOT EXISTS takes_batch ON takes(batch_id);
CREATE TABLE IF NOT EXISTS transitions (
    id INTEGER PRIMARY KEY,
    take_id INTEGER NOT NULL REFERENCES takes(id),
    at TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    detail TEXT
);
";

/// Runs every step `conn` has not had yet.
pub fn run(conn: &mut Connection) -> rusqlite::Result<()> {
    let mut version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    while version < LATEST {
        let tx = conn.transaction()?;
        step(&tx, version + 1)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        version += 1;
    }
    Ok(())
}

fn step(tx: &Transaction<'_>, to: i64) -> rusqlite::Result<()> {
    match to {
        1 => tx.execute_batch(V1),
        // Shots: a length and a resolution per scene.
        2 => {
            add_column(tx, "scenes", "duration", "INTEGER")?;
            add_column(tx, "scenes", "resolution", "TEXT")
        }
        // Flow through the browser: what a create carried, and each account's project.
        3 => {
            add_column(tx, "takes", "request", "TEXT")?;
            tx.execute_batch(
                "CREATE TABLE IF NOT EXISTS accounts (name TEXT PRIMARY KEY, project TEXT);",
            )
        }
        // Revisions of an earlier video.
        4 => add_column(tx, "scenes", "previous", "TEXT"),
        // Pictures a scene starts from.
        5 => add_column(tx, "scenes", "inputs", "TEXT"),
        // Chains: the scene a scene continues.
        6 => add_column(tx, "scenes", "continues", "INTEGER"),
        7 => typed(tx),
        // Spending caps: what a take's create costs (set when dealt), when it was spent (the
        // service accepted it, or may have), and a batch's own caps.
        8 => {
            add_column(tx, "takes", "cost_credits", "INTEGER")?;
            add_column(tx, "takes", "cost_usd", "REAL")?;
            add_column(tx, "takes", "spent_at", "TEXT")?;
            add_column(tx, "batches", "cap_credits", "INTEGER")?;
            add_column(tx, "batches", "cap_usd", "REAL")?;
            tx.execute_batch("CREATE INDEX IF NOT EXISTS takes_spent ON takes(spent_at);")
        }
        // Failures a script can read: the service's own reason code beside the class.
        9 => add_column(tx, "takes", "error_code", "TEXT"),
        // A year of history (issue 28): counts per batch and state read from the index alone
        // (`flowdeck status`, History), and the few retries found without reading every take.
        10 => tx.execute_batch(
            "CREATE INDEX IF NOT EXISTS takes_batch_state ON takes(batch_id, state);
             CREATE INDEX IF NOT EXISTS takes_retry_of ON takes(retry_of)
                 WHERE retry_of IS NOT NULL;",
        ),
        _ => Ok(()),
    }
}

/// Ledgers written before a column existed get it (once; a column already there is kept).
fn add_column(tx: &Transaction<'_>, table: &str, column: &str, kind: &str) -> rusqlite::Result<()> {
    let have: i64 = tx.query_row(
        "SELECT COUNT(*) FROM pragma_table_info(?1) WHERE name = ?2",
        params![table, column],
        |r| r.get(0),
    )?;
    if have == 0 {
        tx.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {kind}"))?;
    }
    Ok(())
}

/// Version 7: every stored handle reads as a type. Flow videos of the REST API (retired in
/// 2026-09; their handle has no `api`) are marked so, instead of the reader guessing; a
/// scene's `previous` (a revision's interaction, or an upscale's source handle) becomes a
/// [`Source`].
fn typed(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String)> = tx
        .prepare("SELECT id, remote FROM takes WHERE remote IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, remote) in rows {
        let Ok(mut v) = serde_json::from_str::<serde_json::Value>(&remote) else {
            continue;
        };
        if v["provider"] == "flow" && v.get("api").is_none() {
            v["api"] = serde_json::json!("rest");
            tx.execute(
                "UPDATE takes SET remote = ?2 WHERE id = ?1",
                params![id, v.to_string()],
            )?;
        }
    }
    let scenes: Vec<(i64, String)> = tx
        .prepare("SELECT id, previous FROM scenes WHERE previous IS NOT NULL AND previous != ''")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, previous) in scenes {
        if Source::from_json(&previous).is_ok() {
            continue;
        }
        let source = match RemoteRef::from_json(&upgrade_remote(&previous)) {
            Ok(remote) => Source::Upscale(remote),
            Err(_) => Source::Revise {
                interaction: previous,
            },
        };
        tx.execute(
            "UPDATE scenes SET previous = ?2 WHERE id = ?1",
            params![id, source.to_json()],
        )?;
    }
    Ok(())
}

/// A handle written before version 7, as version 7 writes it.
fn upgrade_remote(text: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(mut v) if v["provider"] == "flow" && v.get("api").is_none() => {
            v["api"] = serde_json::json!("rest");
            v.to_string()
        }
        _ => text.to_string(),
    }
}
