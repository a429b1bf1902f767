//! Looking lost creates up in the account's own listing, and acting on what it says.

use super::*;

/// Listing lookups that fail this many times in a row leave their takes Uncertain.
const LOOKUP_ATTEMPTS: u32 = 6;

/// A take the listing proved never made goes back to the queue at most this many times; then
/// it fails with the reason, so no take circles forever (each round waits out
/// `reconcile_after` first).
const ABSENT_REQUEUES: u32 = 3;

/// The videos other takes of the same batches already hold: copies of one create share its
/// batch uuid in the listing, and one video must never be handed to two takes.
async fn claimed(
    ledger: &crate::store::ledger::Ledger,
    due: &[Lookup],
) -> Result<Vec<RemoteRef>, ProviderError> {
    let mut batches: Vec<BatchId> = due.iter().map(|l| l.take.batch).collect();
    batches.sort_unstable();
    batches.dedup();
    let mut held = Vec::new();
    for b in batches {
        let takes = ledger
            .batch_takes(b)
            .await
            .map_err(|e| ProviderError::Local(e.to_string()))?;
        held.extend(takes.iter().filter_map(|t| t.remote.clone()));
    }
    Ok(held)
}

impl Lane {
    /// Looks up the lost creates that are due, in one listing.
    pub(super) fn start_lookups(&mut self, now: Instant) {
        if self.looking
            || !self.polls_allowed()
            || !self.lookups.iter().any(|l| l.not_before <= now)
        {
            return;
        }
        let (due, wait): (Vec<Lookup>, Vec<Lookup>) =
            self.lookups.drain(..).partition(|l| l.not_before <= now);
        self.lookups = wait;
        self.looking = true;
        let (client, ledger) = (self.client.clone(), self.shared.ledger.clone());
        let again = due.clone();
        self.tasks.spawn(shield(
            async move {
                let tokens: Vec<String> = due
                    .iter()
                    .map(|l| l.take.request.clone().unwrap_or_default())
                    .collect();
                let result = match claimed(&ledger, &due).await {
                    Ok(claimed) => client.reconcile(&tokens, &claimed).await,
                    Err(e) => Err(e),
                };
                Done::Reconciled(due, result)
            },
            move |m| Done::Panicked(Job::Lookup(again), m),
        ));
    }

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
            self.lookups.push(Lookup {
                not_before: Instant::now() + after.saturating_sub(since),
                take,
                failures: 0,
            });
        }
    }

    /// What the listing said about lost creates.
    pub(super) async fn reconciled(
        &mut self,
        mut due: Vec<Lookup>,
        result: Result<Vec<Found>, ProviderError>,
    ) {
        self.looking = false;
        let found = match result {
            Ok(found) if found.len() == due.len() => found,
            Ok(_) | Err(_) => {
                if let Err(e) = &result {
                    tracing::info!(lane = %self.name, error = %e, "looking up lost creates failed");
                    self.absorb(e);
                }
                let mut gave_up = Vec::new();
                for mut l in due {
                    l.failures += 1;
                    if l.failures >= LOOKUP_ATTEMPTS {
                        gave_up.push(l.take.id);
                    } else {
                        l.not_before = Instant::now()
                            + backoff(Duration::from_secs(5), l.failures, Duration::from_secs(300));
                        self.lookups.push(l);
                    }
                }
                if !gave_up.is_empty() {
                    self.report(LaneReport::Reconciling {
                        takes: gave_up,
                        active: false,
                    });
                }
                return;
            }
        };
        let (mut made, mut absent) = (0u32, 0u32);
        let mut back = Vec::new();
        for (l, found) in due.iter_mut().zip(found) {
            let (to, change) = match &found {
                // Found: it goes on generating.
                Found::Made(remote) => (
                    TakeState::Generating,
                    Change {
                        remote: Some(remote.clone()),
                        ..Change::default()
                    },
                ),
                // Proven never made: back to the queue, a few times at most.
                Found::Absent => match self.shared.ledger.absent_count(l.take.id).await {
                    Ok(n) if n >= ABSENT_REQUEUES => (
                        TakeState::Failed,
                        Change::error(
                            "absent",
                            crate::t!("lane-absent-too-often", times = ABSENT_REQUEUES),
                        ),
                    ),
                    Ok(_) => (TakeState::Queued, Change::default()),
                    Err(e) => {
                        tracing::error!(take = l.take.id, "cannot read the ledger: {e}");
                        continue;
                    }
                },
                // Its project is gone: whatever was made went with it. Reported, never sent
                // again by itself.
                Found::Gone => (
                    TakeState::Failed,
                    Change::error("not_found", crate::t!("lane-project-gone")),
                ),
            };
            let change = Change {
                clear_error: to != TakeState::Failed,
                reconciled: true,
                ..change
            };
            if self.rec.record(&mut l.take, to, change).await.is_err() {
                continue;
            }
            match found {
                Found::Made(remote) => {
                    made += 1;
                    self.generating.push(InFlight {
                        take: l.take.clone(),
                        remote,
                        deadline: Instant::now() + self.shared.cfg.deadline,
                    });
                    self.next_poll = Instant::now();
                }
                Found::Absent => {
                    absent += 1;
                    if to == TakeState::Queued {
                        back.push(l.take.clone());
                    }
                }
                Found::Gone => {}
            }
        }
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
}
