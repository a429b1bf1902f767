//! Looking lost creates up in the account's own listing, and acting on what it says.

use super::lookups::Lookup;
use super::*;

/// A take the listing proved never made goes back to the queue at most this many times; then
/// it fails with the reason, so no take circles forever (each round waits out
/// `reconcile_after` first).
const ABSENT_REQUEUES: u32 = 3;

/// The videos other takes of the same batches already hold: copies of one create share its
/// batch uuid in the listing, and one video must never be handed to two takes.
pub(super) async fn claimed(
    ledger: &crate::store::ledger::Ledger,
    due: &[Lookup],
) -> Result<Vec<RemoteRef>, ProviderError> {
    let mut batches: Vec<BatchId> = due.iter().map(|l| l.take.batch).collect();
    batches.sort_unstable();
    batches.dedup();
    let mut held = Vec::new();
    for b in batches {
        let takes = ledger.batch_takes(b).await.map_err(ProviderError::from)?;
        held.extend(takes.iter().filter_map(|t| t.remote.clone()));
    }
    Ok(held)
}

/// What the listing's answers came to.
#[derive(Default)]
struct Tally {
    made: u32,
    absent: u32,
    /// Proven never made: back to the queue.
    back: Vec<TakeRecord>,
}

impl Lane {
    /// Schedules Uncertain takes to be looked up in the listing, no sooner than the provider
    /// allows after they were sent.
    pub(super) fn look_up(&mut self, takes: Vec<TakeRecord>) {
        let Some(after) = self.client.reconcile_after() else {
            return;
        };
        // An upscale (made from an earlier video) is not known to show in the listing by its
        // client uuid, so the listing cannot prove it absent: it is never looked up there.
        let (takes, blind): (Vec<TakeRecord>, Vec<TakeRecord>) = takes
            .into_iter()
            .partition(|t| t.request.is_some() && t.source.is_none());
        if !blind.is_empty() {
            // Nothing to look them up by: they stay Uncertain, settled.
            self.report(LaneReport::Reconciling {
                takes: blind.iter().map(|t| t.id).collect(),
                active: false,
            });
        }
        if takes.is_empty() {
            return;
        }
        self.report(LaneReport::Reconciling {
            takes: takes.iter().map(|t| t.id).collect(),
            active: true,
        });
        for take in takes {
            let since = take
                .submitted_at
                .map(|t| time::OffsetDateTime::now_utc() - t)
                .and_then(|d| Duration::try_from(d).ok())
                .unwrap_or_default();
            self.lookups
                .add(take, Instant::now() + after.saturating_sub(since));
        }
    }

    /// What the listing said about lost creates.
    pub(super) async fn reconciled(
        &mut self,
        due: Vec<Lookup>,
        result: Result<Vec<Found>, ProviderError>,
    ) {
        let found = match result {
            Ok(found) if found.len() == due.len() => found,
            Ok(_) | Err(_) => {
                if let Err(e) = &result {
                    tracing::info!(lane = %self.name, error = %e.log(), "looking up lost creates failed");
                    self.health.absorb(e);
                }
                let gave_up = self.lookups.on_failed(Instant::now(), due);
                if !gave_up.is_empty() {
                    self.report(LaneReport::Reconciling {
                        takes: gave_up,
                        active: false,
                    });
                }
                return;
            }
        };
        self.lookups.on_done();
        let mut tally = Tally::default();
        for (l, found) in due.into_iter().zip(found) {
            self.settle(l.take, found, &mut tally).await;
        }
        let Tally { made, absent, back } = tally;
        tracing::info!(lane = %self.name, made, absent, "looked up creates whose answer was lost");
        self.report(LaneReport::Event(Event::Reconciled {
            account: self.name.clone(),
            found: made,
            absent,
        }));
        if !back.is_empty() {
            self.report(LaneReport::Returned { takes: back });
        }
    }

    /// Records what the listing said about one take, and acts on it.
    async fn settle(&mut self, mut take: TakeRecord, found: Found, tally: &mut Tally) {
        let Some((to, change)) = self.verdict(&take, &found).await else {
            return;
        };
        let change = Change {
            clear_error: to != TakeState::Failed,
            reconciled: true,
            ..change
        };
        if self.rec.record(&mut take, to, change).await.is_err() {
            return;
        }
        match found {
            Found::Made(remote) => {
                tally.made += 1;
                let deadline = Instant::now() + self.shared.cfg.deadline;
                let video = InFlight {
                    take,
                    remote,
                    deadline,
                };
                self.poller.add(Instant::now(), video);
            }
            Found::Absent => {
                tally.absent += 1;
                if to == TakeState::Queued {
                    tally.back.push(take);
                }
            }
            Found::Gone => {}
        }
    }

    /// Where the listing's answer sends a take; None when the ledger cannot say.
    async fn verdict(&self, take: &TakeRecord, found: &Found) -> Option<(TakeState, Change)> {
        Some(match found {
            // Found: it goes on generating.
            Found::Made(remote) => (
                TakeState::Generating,
                Change {
                    remote: Some(remote.clone()),
                    ..Change::default()
                },
            ),
            // Proven never made: back to the queue, a few times at most.
            Found::Absent => match self.shared.ledger.absent_count(take.id).await {
                Ok(n) if n >= ABSENT_REQUEUES => (
                    TakeState::Failed,
                    Change::error(
                        "absent",
                        crate::msg!("lane-absent-too-often", times = ABSENT_REQUEUES),
                    ),
                ),
                Ok(_) => (TakeState::Queued, Change::default()),
                Err(e) => {
                    tracing::error!(take = take.id, "cannot read the ledger: {}", e.log());
                    return None;
                }
            },
            // Its project is gone: whatever was made went with it. Reported, never sent
            // again by itself.
            Found::Gone => (
                TakeState::Failed,
                Change::error("not_found", crate::msg!("lane-project-gone")),
            ),
        })
    }
}
