//! The tables, and turning a row into a [`TakeRecord`].

use std::path::PathBuf;

use rusqlite::Row;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::TakeRecord;
use crate::model::{Inputs, TakeState};

pub(super) const SCHEMA: &str = "
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
    copies INTEGER NOT NULL,
    duration INTEGER,
    resolution TEXT,
    previous TEXT,
    inputs TEXT,
    continues INTEGER
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
    retry_of INTEGER REFERENCES takes(id),
    request TEXT
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
CREATE TABLE IF NOT EXISTS accounts (
    name TEXT PRIMARY KEY,
    project TEXT
);
";

pub(super) const TAKE_COLUMNS: &str =
    "t.id, t.batch_id, s.idx, t.copy, s.prompt, s.name, s.model, s.aspect, t.seed,
    t.state, t.account, t.remote, t.hint, t.error_class, t.error, t.path, t.bytes, t.sha256,
    t.submitted_at, t.updated_at, t.retry_of, b.label, b.out_dir, b.template, s.duration, s.resolution, t.request, s.previous, s.inputs, s.continues";
pub(super) const TAKE_FROM: &str =
    "FROM takes t JOIN scenes s ON s.id = t.scene_id JOIN batches b ON b.id = t.batch_id";

pub(super) fn now() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default()
}

pub(super) fn parse_time(s: Option<String>) -> Option<OffsetDateTime> {
    s.and_then(|s| OffsetDateTime::parse(&s, &Rfc3339).ok())
}

pub(super) fn take_from_row(r: &Row<'_>) -> rusqlite::Result<TakeRecord> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("bad {what} in the ledger").into(),
        )
    };
    let model: String = r.get(6)?;
    let aspect: String = r.get(7)?;
    let state: String = r.get(9)?;
    Ok(TakeRecord {
        id: r.get(0)?,
        batch: r.get(1)?,
        scene_index: r.get(2)?,
        copy: r.get(3)?,
        prompt: r.get(4)?,
        scene_name: r.get(5)?,
        model: model.parse().map_err(|_| bad(6, "model"))?,
        aspect: aspect.parse().map_err(|_| bad(7, "aspect"))?,
        seed: r.get(8)?,
        state: TakeState::parse(&state).ok_or_else(|| bad(9, "state"))?,
        account: r.get(10)?,
        remote: r.get(11)?,
        hint: r.get(12)?,
        error_class: r.get(13)?,
        error: r.get(14)?,
        path: r.get::<_, Option<String>>(15)?.map(PathBuf::from),
        bytes: r.get::<_, Option<i64>>(16)?.map(|b| b.max(0) as u64),
        sha256: r.get(17)?,
        submitted_at: parse_time(r.get(18)?),
        updated_at: parse_time(r.get(19)?),
        retry_of: r.get(20)?,
        batch_label: r.get(21)?,
        out_dir: PathBuf::from(r.get::<_, String>(22)?),
        template: r.get(23)?,
        duration: r.get(24)?,
        resolution: match r.get::<_, Option<String>>(25)? {
            Some(s) => Some(s.parse().map_err(|_| bad(25, "resolution"))?),
            None => None,
        },
        request: r.get(26)?,
        previous: r.get(27)?,
        inputs: match r.get::<_, Option<String>>(28)? {
            Some(s) => serde_json::from_str(&s).map_err(|_| bad(28, "scene inputs"))?,
            None => Inputs::default(),
        },
        continues: r.get(29)?,
    })
}
