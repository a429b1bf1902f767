//! Reading what Flow's RPCs answer (reference section 3, "Media record and status"). Pure and
//! liberal: records are found by their shape wherever they sit, so a payload that gains a
//! wrapper or a slot still reads; what cannot be read is `None`, never a panic.
//!
//! A media record is `[idA, projectId, idB, kind, null, DETAILS, null, MEDIA_INFO]`: idA names
//! the video everywhere (poll, `as29s`, the `/video/<idA>` link); the status is at
//! `DETAILS[8][0]` (6 submitted, 1 and 2 running, 3 done, 4 a complaint or a failure).

use serde_json::Value;

use super::envelope::unescape_url;
use crate::provider::rpc::find_public_error;

/// One video as a record describes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    /// idA.
    pub media: String,
    pub project: Option<String>,
    /// idB (the workflow).
    pub workflow: Option<String>,
    /// `DETAILS[8][0]`.
    pub status: Option<i64>,
    /// What `DETAILS[8]` says beyond the number.
    pub failure: Option<FailureNote>,
    /// A signed `/video/` link.
    pub video_url: Option<String>,
    /// The mp4's size in bytes (`DETAILS[13]`), when given.
    pub bytes: Option<u64>,
    pub model_key: Option<String>,
}

/// `DETAILS[8][1..]`: `[3, "PUBLIC_ERROR_…"]` and a reason list, or `[null, "Media not found."]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FailureNote {
    pub code: Option<i64>,
    /// A `PUBLIC_ERROR_*` code, when there is one.
    pub public_error: Option<String>,
    pub texts: Vec<String>,
}

/// Where a video is, from its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Submitted or rendering (also an unknown status: a paid render is never abandoned on a
    /// guess).
    Running,
    /// Rendered; done once `as29s` gives a `/video/` link.
    Rendered,
    /// Refused during generation, with the service's reason.
    Failed(FailureNote),
}

impl Record {
    pub fn progress(&self) -> Progress {
        if let Some(f) = &self.failure
            && (f.public_error.is_some() || f.code.is_some())
        {
            return Progress::Failed(f.clone());
        }
        match self.status {
            Some(3) => Progress::Rendered,
            _ => Progress::Running,
        }
    }
}

fn is_id(v: &Value) -> bool {
    v.as_str().is_some_and(|s| !s.is_empty() && s.len() <= 200)
}

/// `[idA, pid, idB, kind, …]` with a DETAILS array at `[5]` (or at least four ids and a kind).
fn as_record(v: &Value) -> Option<Record> {
    let a = v.as_array()?;
    if a.len() < 4 || !is_id(&a[0]) || !a[3].is_string() {
        return None;
    }
    let kind = a[3].as_str().unwrap_or_default();
    if !(kind.starts_with("CA") && kind.len() <= 4) {
        return None;
    }
    let details = a.get(5).and_then(Value::as_array);
    let status_block = details.and_then(|d| d.get(8));
    let status = status_block.and_then(|s| match s {
        Value::Array(x) => x.first().and_then(Value::as_i64),
        other => other.as_i64(),
    });
    let failure = status_block.and_then(failure_note);
    let media = a[0].as_str().unwrap_or_default().to_string();
    Some(Record {
        video_url: video_url(v, &media),
        media,
        project: a[1].as_str().map(str::to_string),
        workflow: a[2].as_str().map(str::to_string),
        status,
        failure,
        bytes: details
            .and_then(|d| d.get(13))
            .and_then(|b| b.as_u64().or_else(|| b.as_str()?.parse().ok())),
        model_key: v
            .pointer("/7/0/12")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

fn failure_note(block: &Value) -> Option<FailureNote> {
    let a = block.as_array()?;
    if a.len() < 2 {
        return None;
    }
    let mut texts = Vec::new();
    strings(&a[1..], &mut texts, 0);
    let code = a.get(1).and_then(|x| x.get(0)).and_then(Value::as_i64);
    let public_error = texts.iter().find_map(|t| find_public_error(t));
    Some(FailureNote {
        code,
        public_error,
        texts,
    })
    .filter(|n| !n.texts.is_empty() || n.code.is_some())
}

fn strings(values: &[Value], out: &mut Vec<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    for v in values {
        match v {
            Value::String(s) if !out.contains(s) => out.push(s.clone()),
            Value::Array(a) => strings(a, out, depth + 1),
            _ => {}
        }
    }
}

/// The first signed `/video/` link in `v`, preferring the one for `media`.
fn video_url(v: &Value, media: &str) -> Option<String> {
    let mut all = Vec::new();
    strings(std::slice::from_ref(v), &mut all, 0);
    let links: Vec<String> = all
        .iter()
        .filter(|s| s.starts_with("http") && s.contains("/video/"))
        .map(|s| unescape_url(s))
        .collect();
    links
        .iter()
        .find(|l| l.contains(&format!("/video/{media}")))
        .or_else(|| links.first())
        .cloned()
}

/// Every record in `v`, depth first, at most 12 levels down.
pub fn records(v: &Value) -> Vec<Record> {
    let mut out = Vec::new();
    collect(v, &mut out, 0);
    out
}

fn collect(v: &Value, out: &mut Vec<Record>, depth: usize) {
    if depth > 12 {
        return;
    }
    if let Some(r) = as_record(v) {
        out.push(r);
        return;
    }
    if let Some(a) = v.as_array() {
        for x in a {
            collect(x, out, depth + 1);
        }
    }
}

/// The balance that submit and poll answers carry at `[1]`.
pub fn credits_in(payload: &Value) -> Option<i64> {
    payload.get(1).and_then(Value::as_i64)
}

/// The account's plan, from `nzlxg`'s price-table tier at `[2]` (1 free, 2 Pro, 3 Ultra), or
/// the older numbering at `[1]` (1 Pro, 2 Ultra).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Plan {
    Free,
    #[default]
    Pro,
    Ultra,
}

impl Plan {
    pub fn label(self) -> &'static str {
        match self {
            Plan::Free => "Free",
            Plan::Pro => "Pro",
            Plan::Ultra => "Ultra",
        }
    }
}

/// `nzlxg` → `[balance, tierOld, tierPrice, ?, null, balance]`.
pub fn balance(payload: &Value) -> Option<(i64, Plan)> {
    let credits = payload
        .get(0)
        .and_then(Value::as_i64)
        .or_else(|| payload.get(5).and_then(Value::as_i64))?;
    let plan = match (
        payload.get(2).and_then(Value::as_i64),
        payload.get(1).and_then(Value::as_i64),
    ) {
        (Some(1), _) => Plan::Free,
        (Some(3), _) | (None, Some(2)) => Plan::Ultra,
        _ => Plan::Pro,
    };
    Some((credits, plan))
}

/// `yBhWQ` → `[[["abra",1],["veo_3_1_fast",1],…]]`: the family names.
pub fn families(payload: &Value) -> Option<Vec<String>> {
    let list = payload.get(0)?.as_array()?;
    let names: Vec<String> = list
        .iter()
        .filter_map(|e| match e {
            Value::Array(a) => a.first()?.as_str(),
            Value::String(s) => Some(s.as_str()),
            _ => None,
        })
        .map(str::to_string)
        .collect();
    (!names.is_empty()).then_some(names)
}

/// `jHPbke` → `["<pid>",["<title>"]]`.
pub fn created_project(payload: &Value) -> Option<String> {
    let id = match payload.get(0)? {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.first()?.as_str()?.to_string(),
        _ => return None,
    };
    (!id.is_empty() && id.len() <= 200).then_some(id)
}

/// A workflow entry of the project listing:
/// `[idB, null, null, [title, [ts], archived, ?, idA, clientUuid, [ts]], pid]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub media: String,
    pub workflow: String,
    /// The client uuid the create carried ([INFERRED] U1 or U2: both are matched).
    pub client_uuid: String,
}

/// Whether a `Zzl0ze` answer still has the shape the lost-answer lookup relies on: a list
/// (a new project's may be empty). Gives how many videos flowdeck finds in it.
pub fn listing_shape(payload: &Value) -> Result<usize, String> {
    if !payload.is_array() {
        return Err("the project listing is not a list".into());
    }
    Ok(listed(payload).len())
}

/// Every workflow entry of a `Zzl0ze` answer that names a media and a client uuid.
pub fn listed(payload: &Value) -> Vec<Listed> {
    let mut out = Vec::new();
    find_listed(payload, &mut out, 0);
    out
}

fn find_listed(v: &Value, out: &mut Vec<Listed>, depth: usize) {
    if depth > 8 {
        return;
    }
    let Some(a) = v.as_array() else {
        return;
    };
    let meta = a.get(3).and_then(Value::as_array);
    if a.len() >= 4
        && is_id(&a[0])
        && let Some(meta) = meta
        && let (Some(media), Some(uuid)) = (
            meta.get(4).and_then(Value::as_str),
            meta.get(5).and_then(Value::as_str),
        )
    {
        out.push(Listed {
            media: media.to_string(),
            workflow: a[0].as_str().unwrap_or_default().to_string(),
            client_uuid: uuid.to_string(),
        });
        return;
    }
    for x in a {
        find_listed(x, out, depth + 1);
    }
}
