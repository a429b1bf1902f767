//! Reading the tables: a row into a [`TakeRecord`] (the tables themselves are made by
//! `migrations`).

use std::path::PathBuf;

use rusqlite::Row;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::TakeRecord;
use crate::model::{Hint, Inputs, RemoteRef, Source, TakeState};

pub(super) const TAKE_COLUMNS: &str =
    "t.id, t.batch_id, s.idx, t.copy, s.prompt, s.name, s.model, s.aspect, t.seed,
    t.state, t.account, t.remote, t.hint, t.error_class, t.error, t.path, t.bytes, t.sha256,
    t.submitted_at, t.updated_at, t.retry_of, b.label, b.out_dir, b.template, s.duration, s.resolution, t.request, s.previous, s.inputs, s.continues, t.error_code";
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
        remote: match r.get::<_, Option<String>>(11)? {
            Some(s) => Some(RemoteRef::from_json(&s).map_err(|_| bad(11, "remote id"))?),
            None => None,
        },
        hint: r.get::<_, Option<String>>(12)?.map(|h| Hint::from_text(&h)),
        error_class: r.get(13)?,
        error: r
            .get::<_, Option<String>>(14)?
            .map(|e| crate::message::Message::from_stored(&e)),
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
        source: match r.get::<_, Option<String>>(27)? {
            Some(s) => Some(Source::from_json(&s).map_err(|_| bad(27, "source"))?),
            None => None,
        },
        inputs: match r.get::<_, Option<String>>(28)? {
            Some(s) => serde_json::from_str(&s).map_err(|_| bad(28, "scene inputs"))?,
            None => Inputs::default(),
        },
        continues: r.get(29)?,
        error_code: r.get(30)?,
    })
}
