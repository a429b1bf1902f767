//! One create call for a group of takes (copies of one scene), with the ledger written
//! before the call and after the answer.

use std::sync::Arc;
use std::time::Instant;

use super::record::Recorder;
use crate::model::TakeState;
use crate::provider::{Client, ProviderError, RemoteRef};
use crate::store::ledger::{Change, TakeRecord};

/// A take now generating remotely.
pub struct InFlight {
    pub take: TakeRecord,
    pub remote: RemoteRef,
    pub deadline: Instant,
}

/// What became of a group.
#[derive(Default)]
pub struct SubmitOutcome {
    pub created: Vec<InFlight>,
    /// Proven not created: back to Queued, for the coordinator to deal again.
    pub requeued: Vec<TakeRecord>,
    /// Sent with no answer: they may exist. Looked up later where the provider allows.
    pub uncertain: Vec<TakeRecord>,
    /// The error, when the call failed; the lane decides its health from it.
    pub error: Option<ProviderError>,
    pub credits: Option<i64>,
}

/// Puts takes back in the queue (nothing of theirs was sent).
async fn requeue(rec: &Recorder, takes: Vec<TakeRecord>, out: &mut SubmitOutcome) {
    for mut t in takes {
        if rec
            .record(&mut t, TakeState::Queued, Change::default())
            .await
            .is_ok()
        {
            out.requeued.push(t);
        }
    }
}

/// Prepares the create (a failure there sends nothing), marks the group Submitting with what
/// the create will carry (committed), sends one create, and records the answer.
pub async fn submit(
    rec: Recorder,
    client: Arc<Client>,
    mut group: Vec<TakeRecord>,
    deadline: std::time::Duration,
) -> SubmitOutcome {
    let mut out = SubmitOutcome::default();
    let requests = match client.prepare(group.len()).await {
        Ok(r) => r,
        Err(e) => {
            requeue(&rec, group, &mut out).await;
            out.error = Some(e);
            return out;
        }
    };
    for i in 0..group.len() {
        let change = Change {
            submitted: true,
            request: Some(requests[i].clone()),
            ..Change::default()
        };
        if let Err(e) = rec
            .record(&mut group[i], TakeState::Submitting, change)
            .await
        {
            // Nothing was sent. Takes already marked Submitting stay so (never resent);
            // the rest go back.
            tracing::error!("cannot record a submit: {e}");
            let rest = group.split_off(i);
            requeue(&rec, rest, &mut out).await;
            for mut t in group {
                let msg = format!("the ledger failed while sending: {e}");
                if rec
                    .record(
                        &mut t,
                        TakeState::Uncertain,
                        Change::error("uncertain", msg),
                    )
                    .await
                    .is_ok()
                {
                    // Looked up like any lost create, where the service allows.
                    out.uncertain.push(t);
                }
            }
            out.error = Some(ProviderError::Local(e.to_string()));
            return out;
        }
    }
    let first = &group[0];
    let seeds: Vec<u32> = group.iter().map(|t| t.seed).collect();
    let result = client
        .create(
            &first.prompt,
            &first.shot(),
            &seeds,
            &requests,
            first.previous.as_deref(),
        )
        .await;
    match result {
        Ok(submitted) => {
            out.credits = submitted.remaining_credits;
            let mut refs = submitted.refs.into_iter();
            for mut take in group {
                match refs.next() {
                    Some(remote) => {
                        let change = Change {
                            remote: Some(remote.to_json()),
                            ..Change::default()
                        };
                        if let Err(e) = rec.record(&mut take, TakeState::Generating, change).await {
                            tracing::error!(take = take.id, "cannot record a created video: {e}");
                        }
                        out.created.push(InFlight {
                            take,
                            remote,
                            deadline: Instant::now() + deadline,
                        });
                    }
                    None => {
                        let msg =
                            "the service answered with fewer videos than asked; this one may exist";
                        if rec
                            .record(
                                &mut take,
                                TakeState::Uncertain,
                                Change::error("uncertain", msg),
                            )
                            .await
                            .is_ok()
                        {
                            out.uncertain.push(take);
                        }
                    }
                }
            }
        }
        Err(e) => {
            match &e {
                // The service refused this prompt: it fails, and only it.
                ProviderError::Policy { .. }
                | ProviderError::InvalidRequest(_)
                | ProviderError::NotFound(_) => {
                    for mut take in group {
                        rec.record(
                            &mut take,
                            TakeState::Failed,
                            Change::error(e.class(), e.to_string()),
                        )
                        .await
                        .ok();
                    }
                }
                // Proven not made: the takes go back to the queue.
                _ if e.proves_not_created() => requeue(&rec, group, &mut out).await,
                // Sent with no answer: it may exist and may have cost credits.
                _ => {
                    let msg = format!(
                        "sent, but no answer came back ({e}); it may exist on the account, so it is not sent again automatically"
                    );
                    for mut take in group {
                        if rec
                            .record(
                                &mut take,
                                TakeState::Uncertain,
                                Change::error("uncertain", msg.clone()),
                            )
                            .await
                            .is_ok()
                        {
                            out.uncertain.push(take);
                        }
                    }
                }
            }
            out.error = Some(e);
        }
    }
    out
}
