//! Progress while a caller waits for a batch: `notifications/progress` on the request's
//! progress token, from the ledger (videos settled of the batch's videos), until the batch has
//! finished, the wait is over or the request is cancelled. MCP ties a progress token to its
//! request, so progress is sent only while a call waits (`wait_seconds`).

use std::time::{Duration, Instant};

use rmcp::RoleServer;
use rmcp::model::{ProgressNotificationParam, ProgressToken};
use rmcp::service::RequestContext;

use super::folder::Folder;
use crate::model::{BatchId, TakeState};
use crate::store::ledger::Ledger;

/// The longest a call may wait.
pub const MOST_WAIT_SECS: u64 = 600;

/// How often the ledger is read while waiting.
const EVERY: Duration = Duration::from_millis(200);

/// Waits up to `secs` for `batch` to finish, telling the caller how far it is when it asked.
pub async fn wait(
    folder: &Folder,
    ledger: &Ledger,
    batch: BatchId,
    secs: u64,
    context: &RequestContext<RoleServer>,
) {
    if secs == 0 {
        return;
    }
    let token: Option<ProgressToken> = context.meta.get_progress_token();
    let until = Instant::now() + Duration::from_secs(secs.min(MOST_WAIT_SECS));
    let mut told = None;
    loop {
        let takes = ledger.current_takes(batch).await.unwrap_or_default();
        let settled = takes.iter().filter(|t| settled(t.state)).count();
        let total = takes.len();
        if let Some(token) = &token
            && told != Some(settled)
        {
            told = Some(settled);
            let param = ProgressNotificationParam::new(token.clone(), settled as f64)
                .with_total(total as f64)
                .with_message(crate::t!("mcp-progress", done = settled, total = total));
            context.peer.notify_progress(param).await.ok();
        }
        let running = folder.is_running(batch).await;
        if settled == total || !running || Instant::now() >= until {
            return;
        }
        tokio::select! {
            () = tokio::time::sleep(EVERY) => {}
            () = context.ct.cancelled() => return,
        }
    }
}

/// Whether a take will change no more without being asked (retry, resume).
pub fn settled(state: TakeState) -> bool {
    matches!(
        state,
        TakeState::Done
            | TakeState::Failed
            | TakeState::TimedOut
            | TakeState::Uncertain
            | TakeState::Canceled
    )
}
