//! Reading what Flow's RPCs answer (reference section 3, "Media record and status"). Pure and
//! liberal: records are found by their shape wherever they sit, so a payload that gains a
//! wrapper or a slot still reads; what cannot be read is `None`, never a panic.
//!
//! A media record is `[idA, projectId, idB, kind, null, DETAILS, null, MEDIA_INFO]`: idA names
//! the video everywhere (poll, `as29s`, the `/video/<idA>` link); the status is at
//! `DETAILS[8][0]` (6 submitted, 1 and 2 running, 3 done, 4 a complaint or a failure).

use serde_json::Value;

use super::envelope::unescape_url;
use super::protocol;
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

/// `[idA, pid, idB, kind, null, DETAILS, …]`. The kind slot held `"CAE"` (or `"CAI"` for a
/// derivative) until 2026-10-05 and `null` since (hainguyen-keyti/google-flow-mcp captures of
/// 2026-10-08; gflow-cli #948): a short string or null is accepted, and DETAILS must be an array,
/// which tells a record from a workflow entry (`[idB, null, null, [meta…], pid]`).
fn as_record(v: &Value) -> Option<Record> {
    let a = v.as_array()?;
    if a.len() < 6 || !is_id(&a[0]) || !is_id(&a[2]) || !(a[1].is_null() || is_id(&a[1])) {
        return None;
    }
    let kind_ok = match &a[3] {
        Value::Null => true,
        Value::String(k) => k.len() <= 8,
        _ => false,
    };
    let p = protocol::current();
    let r = &p.reads;
    if !kind_ok || !v.pointer(&r.record_details).is_some_and(Value::is_array) {
        return None;
    }
    let status_block = v.pointer(&r.record_status);
    let status = status_block.and_then(|s| match s {
        Value::Array(x) => x.first().and_then(Value::as_i64),
        other => other.as_i64(),
    });
    let failure = status_block.and_then(failure_note);
    let media = a[0].as_str().unwrap_or_default().to_string();
    Some(Record {
        video_url: video_url(v, &r.record_video, &media),
        media,
        project: a[1].as_str().map(str::to_string),
        workflow: a[2].as_str().map(str::to_string),
        status,
        failure,
        bytes: v
            .pointer(&r.record_bytes)
            .and_then(|b| b.as_u64().or_else(|| b.as_str()?.parse().ok())),
        model_key: v
            .pointer(&r.record_model)
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

/// The record's signed video link: the one at the table's position, whatever its host
/// (`flow-content.google/video/…`, or a `*.googlevideo.com/videoplayback` link), else the
/// first `/video/` link in `v`, preferring the one for `media`.
fn video_url(v: &Value, at: &str, media: &str) -> Option<String> {
    if let Some(url) = v
        .pointer(at)
        .and_then(Value::as_str)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    {
        return Some(unescape_url(url));
    }
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

/// The balance that submit and poll answers carry (at `[1]`).
pub fn credits_in(payload: &Value) -> Option<i64> {
    payload
        .pointer(&protocol::current().reads.answer_credits)
        .and_then(Value::as_i64)
}

/// The account's plan, from `nzlxg`'s price-table tier at `[2]` (1 free, 2 Pro, 3 Ultra), or
/// the older numbering at `[1]` (1 Pro, 2 Ultra).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    Free,
    #[default]
    Pro,
    Ultra,
}

impl Plan {
    /// The catalogue's tier number (`HTrJv` prices keys per tier).
    pub fn tier(self) -> i64 {
        match self {
            Plan::Free => 1,
            Plan::Pro => 2,
            Plan::Ultra => 3,
        }
    }

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
    let p = protocol::current();
    let credits = payload
        .pointer(&p.reads.credits_balance)
        .and_then(Value::as_i64)
        .or_else(|| payload.get(5).and_then(Value::as_i64))?;
    let plan = match (
        payload
            .pointer(&p.reads.credits_tier)
            .and_then(Value::as_i64),
        payload.get(1).and_then(Value::as_i64),
    ) {
        (Some(1), _) => Plan::Free,
        (Some(3), _) | (None, Some(2)) => Plan::Ultra,
        _ => Plan::Pro,
    };
    Some((credits, plan))
}

/// `jHPbke` → `["<pid>",["<title>"]]`.
pub fn created_project(payload: &Value) -> Option<String> {
    let id = match payload.pointer(&protocol::current().reads.new_project_id)? {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.first()?.as_str()?.to_string(),
        _ => return None,
    };
    (!id.is_empty() && id.len() <= 200).then_some(id)
}

/// A workflow entry of the project listing (and of a create's answer):
/// `[idB, null, null, [title, [ts], archived, ?, idA, batch, [ts]], pid]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub media: String,
    pub workflow: String,
    /// `meta[5]`: the batch uuid the create carried in its `[batch, n]` tail. Every workflow
    /// of one create shares it (the copies of a 4-video create list one batch four times in a
    /// real listing), as REST's `mediaGenerationContext.batchId` did.
    pub batch: String,
    /// `meta[1]`, `[seconds, nanos]`: when it was made, which orders the copies of one create.
    pub created: (i64, i64),
}

/// What a `Zzl0ze` answer holds, as far as the lost-answer lookup relies on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub workflows: Vec<Listed>,
    /// Media records in it (videos and pictures alike).
    pub records: usize,
}

/// Reads a `Zzl0ze` answer whole, or says why it cannot be trusted to prove a video absent: a
/// listing that is not a list, or that holds media records but no workflow entry flowdeck can
/// read (a moved slot would otherwise make every lookup say "absent" and send again).
pub fn listing(payload: &Value) -> Result<Listing, String> {
    if !payload.is_array() {
        return Err("the project listing is not a list".into());
    }
    let workflows = listed(payload);
    let records = records(payload).len();
    if workflows.is_empty() && records > 0 {
        return Err(format!(
            "the project listing holds {records} media but no workflow entry flowdeck can read"
        ));
    }
    Ok(Listing { workflows, records })
}

/// Every workflow entry of a `Zzl0ze` (or create) answer that names a media and a batch.
pub fn listed(payload: &Value) -> Vec<Listed> {
    let mut out = Vec::new();
    find_listed(payload, &mut out, 0);
    out
}

fn stamp(v: Option<&Value>) -> (i64, i64) {
    let at = |i: usize| v.and_then(|t| t.get(i)).and_then(Value::as_i64);
    (at(0).unwrap_or(0), at(1).unwrap_or(0))
}

fn find_listed(v: &Value, out: &mut Vec<Listed>, depth: usize) {
    find_listed_with(&protocol::current().reads, v, out, depth);
}

fn find_listed_with(r: &protocol::Reads, v: &Value, out: &mut Vec<Listed>, depth: usize) {
    if depth > 8 {
        return;
    }
    let Some(a) = v.as_array() else {
        return;
    };
    let id_at = |ptr: &str| v.pointer(ptr).filter(|x| is_id(x)).and_then(Value::as_str);
    if a.len() >= 4
        && is_id(&a[0])
        && a[1].is_null()
        && let (Some(media), Some(batch)) = (id_at(&r.workflow_media), id_at(&r.workflow_batch))
    {
        out.push(Listed {
            media: media.to_string(),
            workflow: a[0].as_str().unwrap_or_default().to_string(),
            batch: batch.to_string(),
            created: stamp(v.pointer(&r.workflow_created)),
        });
        return;
    }
    for x in a {
        find_listed_with(r, x, out, depth + 1);
    }
}
