//! `batch_status`: one batch's videos with state, account, file, reason and class; can wait
//! for the batch, sending progress meanwhile. Free.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Call;
use crate::mcp::reply::Refusal;
use crate::store::ledger::TakeRecord;
use crate::words::Said;

pub const NAME: &str = "batch_status";

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// The batch id (from generate, revise or list_batches).
    pub batch: i64,
    /// Wait up to this many seconds (0 to 600, default 0) for the batch to finish before
    /// answering; progress notifications are sent meanwhile when the request carries a
    /// progress token.
    #[serde(default)]
    #[schemars(range(min = 0, max = 600))]
    pub wait_seconds: u64,
}

pub fn tool() -> rmcp::model::Tool {
    super::describe::<Input>(
        NAME,
        "The state of one batch and each of its videos (takes): state (queued, assigned, \
         submitting, generating, ready, downloading, done, failed, timed_out, uncertain, \
         canceled), the account making it, the file on disk when done, and for a failed or \
         held video the reason in words with a machine-readable class and code. `finished` is \
         true when nothing more will happen without being asked. Costs nothing. Poll it, or \
         pass wait_seconds to wait (with progress notifications).",
    )
}

pub async fn run(args: Value, call: Call<'_>) -> Result<Value, Refusal> {
    let input: Input = super::read(NAME, args)?;
    if input.wait_seconds > crate::mcp::progress::MOST_WAIT_SECS {
        return Err(Refusal::input(crate::t!(
            "mcp-wait",
            most = crate::mcp::progress::MOST_WAIT_SECS
        )));
    }
    let ledger = call.folder.ledger().await?;
    crate::mcp::progress::wait(
        call.folder,
        &ledger,
        input.batch,
        input.wait_seconds,
        call.context,
    )
    .await;
    status(call, &ledger, input.batch).await
}

/// The batch as it is now.
pub async fn status(
    call: Call<'_>,
    ledger: &crate::store::ledger::Ledger,
    batch: i64,
) -> Result<Value, Refusal> {
    let takes = ledger.current_takes(batch).await?;
    if takes.is_empty() {
        return Err(Refusal::input(crate::t!("no-such-batch", batch = batch)));
    }
    let running = call.folder.is_running(batch).await;
    let settled = takes
        .iter()
        .filter(|t| crate::mcp::progress::settled(t.state))
        .count();
    let mut counts = serde_json::Map::new();
    for t in &takes {
        let n = counts
            .entry(t.state.as_str().to_string())
            .or_insert(json!(0));
        *n = json!(n.as_u64().unwrap_or(0) + 1);
    }
    let stalled = call.folder.seen().stalled.get(&batch).cloned();
    Ok(json!({
        "batch": batch,
        "label": takes.first().map(|t| t.batch_label.clone()),
        "out_dir": takes.first().map(|t| t.out_dir.clone()),
        "running_here": running,
        "finished": settled == takes.len(),
        "videos": takes.len(),
        "counts": counts,
        "stalled": stalled,
        "takes": takes.iter().map(take).collect::<Vec<_>>(),
    }))
}

/// One video, for a model to read: machine fields in English, the reason in words.
fn take(t: &TakeRecord) -> Value {
    let reason = t.error.as_ref().map(|m| m.said());
    let failure = crate::model::Failure::of(t);
    json!({
        "take": t.id,
        "scene": t.scene_index,
        "copy": t.copy,
        "state": t.state.as_str(),
        "account": t.account,
        "model": t.model.name(),
        "path": t.path,
        "bytes": t.bytes,
        "sha256": t.sha256,
        "reason": reason,
        "class": failure.as_ref().map(|f| f.class.as_str()),
        "code": failure.and_then(|f| f.code),
        "retry_of": t.retry_of,
        "prompt": t.prompt,
    })
}
