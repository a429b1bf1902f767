//! One create call for a group of takes (copies of one scene), with the ledger written
//! before the call and after the answer.

use std::sync::Arc;
use std::time::Instant;

use super::record::Recorder;
use crate::model::TakeState;
use crate::provider::{Client, CreateSpec, ProviderError, RemoteRef};
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

/// Records what a create made, trying again while the disk recovers: until this lands, the
/// paid video exists only in memory.
async fn record_made(
    rec: &Recorder,
    take: &mut TakeRecord,
    remote: &RemoteRef,
) -> Result<(), crate::store::ledger::LedgerError> {
    let mut last = None;
    for wait_ms in [0, 200, 1000, 3000] {
        tokio::time::sleep(std::time::Duration::from_millis(wait_ms)).await;
        let change = Change {
            remote: Some(remote.clone()),
            ..Change::default()
        };
        match rec.record(take, TakeState::Generating, change).await {
            Ok(()) => return Ok(()),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        crate::store::ledger::LedgerError::Other(crate::msg!("ledger-no-take", take = take.id))
    }))
}

/// Puts takes back in the queue (nothing of theirs was sent). When `why` is the account's
/// state (held, out of quota, signed out), the takes keep it until they are dealt again: a
/// take that waits says what for (`status --json`, the export).
async fn requeue(
    rec: &Recorder,
    takes: Vec<TakeRecord>,
    out: &mut SubmitOutcome,
    why: Option<&ProviderError>,
) {
    let change = match why {
        Some(e) if about_the_account(e) => Change::failure(e),
        _ => Change::default(),
    };
    for mut t in takes {
        if rec
            .record(&mut t, TakeState::Queued, change.clone())
            .await
            .is_ok()
        {
            out.requeued.push(t);
        }
    }
}

/// A refusal that says the account cannot work until something changes (a hold, a spent
/// quota, the user's action), not a passing fault.
fn about_the_account(e: &ProviderError) -> bool {
    use crate::model::{FailClass, Failure};
    let failure = Failure::from_parts(
        TakeState::Queued,
        Some(e.class()),
        None,
        Some(e.message().key.as_ref()),
    );
    matches!(
        failure.map(|f| f.class),
        Some(FailClass::Held | FailClass::Quota | FailClass::Account)
    )
}

/// Fails every take of the group with `e`'s reason.
async fn fail(rec: &Recorder, group: Vec<TakeRecord>, e: &ProviderError) {
    for mut take in group {
        rec.record(&mut take, TakeState::Failed, Change::failure(e))
            .await
            .ok();
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
    let requests = match client.prepare(group.len(), &group[0].inputs).await {
        Ok(r) => r,
        // An image that cannot be read or that the service will not take: this scene cannot
        // be made as asked anywhere (nothing was sent or spent).
        Err(e @ ProviderError::InvalidRequest(_)) => {
            fail(&rec, group, &e).await;
            out.error = Some(e);
            return out;
        }
        Err(e) => {
            requeue(&rec, group, &mut out, Some(&e)).await;
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
            tracing::error!("cannot record a submit: {}", e.log());
            let rest = group.split_off(i);
            requeue(&rec, rest, &mut out, None).await;
            // Looked up like any lost create, where the service allows.
            for t in group {
                let msg = crate::msg!("submit-ledger-failed", error = e.message());
                out.uncertain.extend(rec.uncertain(t, msg).await);
            }
            out.error = Some(ProviderError::from(e));
            return out;
        }
    }
    let first = &group[0];
    let seeds: Vec<u32> = group.iter().map(|t| t.seed).collect();
    let shot = first.shot();
    let result = client
        .create(&CreateSpec {
            prompt: &first.prompt,
            shot: &shot,
            seeds: &seeds,
            requests: &requests,
            source: first.source.as_ref(),
            inputs: &first.inputs,
        })
        .await;
    match result {
        Ok(submitted) => {
            out.credits = submitted.remaining_credits;
            let mut refs = submitted.refs.into_iter();
            for mut take in group {
                match refs.next() {
                    Some(remote) => {
                        if let Err(e) = record_made(&rec, &mut take, &remote).await {
                            // Paid for, and now known only in memory: say where it is, loudly,
                            // and stop this account before anything else is sent.
                            tracing::error!(
                                take = take.id,
                                remote = %remote.to_json(),
                                "the ledger cannot be written; this paid video is recorded only \
                                 here: {}",
                                e.log()
                            );
                            out.error = Some(ProviderError::Ledger(crate::msg!(
                                "ledger-video-unrecorded",
                                take = take.id,
                                ids = remote.ids().to_string(),
                                why = e.message()
                            )));
                        }
                        out.created.push(InFlight {
                            take,
                            remote,
                            deadline: Instant::now() + deadline,
                        });
                    }
                    None => {
                        let msg = crate::msg!("submit-fewer-videos");
                        out.uncertain.extend(rec.uncertain(take, msg).await);
                    }
                }
            }
        }
        Err(e) => {
            match &e {
                // The service refused this prompt: it fails, and only it.
                ProviderError::Policy { .. }
                | ProviderError::InvalidRequest(_)
                | ProviderError::NotFound(_) => fail(&rec, group, &e).await,
                // Proven not made: the takes go back to the queue.
                _ if e.proves_not_created() => requeue(&rec, group, &mut out, Some(&e)).await,
                // Sent with no answer: it may exist and may have cost credits.
                _ => {
                    let msg = crate::msg!("submit-no-answer", why = e.message());
                    for take in group {
                        out.uncertain.extend(rec.uncertain(take, msg.clone()).await);
                    }
                }
            }
            out.error = Some(e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::message::En;
    use crate::model::{Aspect, BatchSpec, Mode, Model, Scene};
    use crate::provider::gemini::{GeminiClient, GeminiConfig};
    use crate::store::ledger::Ledger;
    use flowdeck_sim::{Faults, RunningSim, SimConfig};

    /// The create succeeds, then the disk refuses the ledger's write: the take's video is kept
    /// in memory, named in the error, and the error stops the account.
    #[tokio::test]
    async fn a_made_video_the_ledger_cannot_record_stops_the_account_loudly() {
        let sim = RunningSim::start(SimConfig {
            accounts: vec![],
            gemini_accounts: vec!["g1".into()],
            faults: Faults {
                slow: 1.0,
                slow_ms: 600,
                ..Faults::default()
            },
            ..SimConfig::default()
        })
        .await
        .expect("sim");
        let ledger = Ledger::open_in_memory().expect("ledger");
        let spec = BatchSpec {
            label: "b".into(),
            scenes: vec![Scene::new("a fox", Model::OmniFlash, Aspect::Landscape, 1)],
            out_dir: "/tmp".into(),
            template: "{slug}_{take}.mp4".into(),
            accounts: Vec::new(),
            mode: Mode::Parallel,
            caps: Default::default(),
        };
        let (_, mut takes) = ledger.create_batch(spec).await.expect("batch");
        ledger
            .transition(
                takes[0].id,
                TakeState::Assigned,
                Change {
                    account: Some("g1".into()),
                    ..Change::default()
                },
            )
            .await
            .expect("assigned");
        takes[0].state = TakeState::Assigned;
        let client = GeminiClient::new(
            GeminiConfig {
                api_url: sim.api_url(),
                ..GeminiConfig::default()
            },
            // The simulator links its own build of this crate: the key crosses as text.
            crate::secret::Secret::new(sim.account("g1").expect("g1").secret.expose()),
        )
        .expect("client");
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let rec = Recorder {
            ledger: ledger.clone(),
            reports: tx,
        };
        let work = tokio::spawn(submit(
            rec,
            Arc::new(Client::Gemini(client)),
            takes,
            Duration::from_secs(60),
        ));
        // While the slow create is on the wire, the disk goes away.
        tokio::time::sleep(Duration::from_millis(300)).await;
        ledger.refuse_writes(true);
        let out = work.await.expect("submit");
        assert_eq!(sim.report().videos_created(), 1);
        assert_eq!(out.created.len(), 1, "the paid video is kept in memory");
        match &out.error {
            Some(ProviderError::Ledger(m)) => {
                assert_eq!(m.key, "ledger-video-unrecorded", "{m:?}");
                assert!(m.en().contains("interaction"), "{m:?}")
            }
            other => panic!("{other:?}"),
        }
        assert!(out.uncertain.is_empty() && out.requeued.is_empty());
    }
}
