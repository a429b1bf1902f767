//! One status call for every video a lane has generating.

use std::sync::Arc;
use std::time::Instant;

use super::record::Recorder;
use crate::model::{RemoteState, TakeId, TakeState};
use crate::provider::{Client, ProviderError, RemoteRef, RemoteStatus};
use crate::store::ledger::{Change, TakeRecord};

/// Where a polled take went.
pub enum Verdict {
    Waiting,
    /// Recorded as Ready; download next.
    Ready(Box<TakeRecord>),
    /// Recorded as Failed or TimedOut; no more work.
    Finished,
}

pub struct PollOutcome {
    pub verdicts: Vec<(TakeId, Verdict)>,
    pub error: Option<ProviderError>,
    pub credits: Option<i64>,
}

pub type Item = (TakeRecord, RemoteRef, Instant);

/// Asks for all of `items` in one call and records what finished. When the service says
/// "not found" for the call, asks one by one to find the video it no longer knows.
pub async fn poll(rec: Recorder, client: Arc<Client>, items: Vec<Item>) -> PollOutcome {
    let refs: Vec<RemoteRef> = items.iter().map(|(_, r, _)| r.clone()).collect();
    let mut out = PollOutcome {
        verdicts: Vec::new(),
        error: None,
        credits: None,
    };
    match client.poll(&refs).await {
        Ok((statuses, credits)) => {
            out.credits = credits;
            for (item, status) in items.into_iter().zip(statuses) {
                let id = item.0.id;
                out.verdicts.push((id, judge(&rec, item, status).await));
            }
        }
        Err(ProviderError::NotFound(_)) => {
            for item in items {
                let id = item.0.id;
                let verdict = match client.poll(std::slice::from_ref(&item.1)).await {
                    Ok((mut s, _)) if !s.is_empty() => judge(&rec, item, s.remove(0)).await,
                    Ok(_) => Verdict::Waiting,
                    Err(ProviderError::NotFound(m)) => {
                        let (mut take, _, _) = item;
                        let msg = crate::msg!("poll-forgotten", why = m);
                        match rec
                            .record(
                                &mut take,
                                TakeState::Failed,
                                Change::error("not_found", msg),
                            )
                            .await
                        {
                            Ok(()) => Verdict::Finished,
                            Err(_) => Verdict::Waiting,
                        }
                    }
                    Err(e) => {
                        out.error = Some(e);
                        Verdict::Waiting
                    }
                };
                out.verdicts.push((id, verdict));
            }
        }
        Err(e) => out.error = Some(e),
    }
    out
}

async fn judge(rec: &Recorder, item: Item, status: RemoteStatus) -> Verdict {
    let (mut take, _, deadline) = item;
    let id = take.id;
    let (to, change) = match status.state {
        RemoteState::Succeeded => (
            TakeState::Ready,
            Change {
                hint: status.hint,
                ..Change::default()
            },
        ),
        RemoteState::Failed | RemoteState::Canceled => {
            let e = status.failure.unwrap_or_else(|| ProviderError::Policy {
                reason: "CANCELED".into(),
                message: crate::msg!("poll-canceled"),
            });
            (TakeState::Failed, Change::failure(&e))
        }
        _ if Instant::now() >= deadline => (
            TakeState::TimedOut,
            Change::error("timed_out", crate::msg!("poll-deadline")),
        ),
        _ => return Verdict::Waiting,
    };
    match rec.record(&mut take, to, change).await {
        Ok(()) if to == TakeState::Ready => Verdict::Ready(Box::new(take)),
        Ok(()) => Verdict::Finished,
        Err(e) => {
            tracing::error!(take = id, "cannot record a status: {}", e.log());
            Verdict::Waiting
        }
    }
}
