//! What a lane does when one of its background jobs (check, submit, poll, download, lookup)
//! comes back.

use super::*;

impl Lane {
    /// Tells the coordinator the account's Flow project when it is new (the first, or one made
    /// because Flow no longer had the old), so the next run uses it.
    fn keep_project(&mut self) {
        let now = self.client.project();
        if now.is_some() && now != self.project {
            self.project = now.clone();
            if let Some(project) = now {
                self.report(LaneReport::Project {
                    account: self.name.clone(),
                    project,
                });
            }
        }
    }

    pub(super) async fn finished(&mut self, done: Done) {
        match done {
            Done::Panicked(job, message) => self.recover(job, message).await,
            Done::Reconciled(due, result) => self.reconciled(due, result).await,
            Done::Submitted(n, outcome) => {
                self.submitting = self.submitting.saturating_sub(n);
                self.keep_project();
                self.models_back = self.client.models_back_in().map(|d| Instant::now() + d);
                if !outcome.created.is_empty() {
                    self.failures_in_row = 0;
                    let first = Instant::now() + self.shared.cfg.poll_interval;
                    if self.generating.is_empty() || first < self.next_poll {
                        self.next_poll = first;
                    }
                    self.generating.extend(outcome.created);
                }
                if let Some(c) = outcome.credits {
                    self.report(LaneReport::Event(Event::Credits {
                        account: self.name.clone(),
                        credits: Some(c),
                        tier: None,
                        email: None,
                    }));
                }
                if !outcome.requeued.is_empty() {
                    self.report(LaneReport::Returned {
                        takes: outcome.requeued,
                    });
                }
                self.look_up(outcome.uncertain);
                if let Some(e) = &outcome.error {
                    // A failure the account may get over by itself: wait longer each time, so
                    // a broken account hands its work to the others instead of spinning.
                    let ledger = matches!(e, ProviderError::Local(m) if m.starts_with("ledger"));
                    if !ledger
                        && matches!(
                            e,
                            ProviderError::Transient(_)
                                | ProviderError::Unreachable(_)
                                | ProviderError::NoAnswer(_)
                                | ProviderError::Unexpected { .. }
                                | ProviderError::Local(_)
                                | ProviderError::Io(_)
                        )
                    {
                        let wait = backoff(
                            Duration::from_secs(2),
                            self.failures_in_row,
                            Duration::from_secs(60),
                        );
                        self.failures_in_row += 1;
                        self.cool_down(wait);
                    }
                    self.absorb(e);
                }
            }
            Done::Polled(outcome) => {
                self.polling = false;
                for (id, verdict) in outcome.verdicts {
                    match verdict {
                        Verdict::Waiting => {}
                        Verdict::Finished => self.generating.retain(|g| g.take.id != id),
                        Verdict::Ready(take) => {
                            let take = *take;
                            if let Some(pos) = self.generating.iter().position(|g| g.take.id == id)
                            {
                                let g = self.generating.remove(pos);
                                self.ready.push(ReadyItem {
                                    take,
                                    remote: g.remote,
                                    attempts: 0,
                                    not_before: Instant::now(),
                                    active: false,
                                });
                            }
                        }
                    }
                }
                if let Some(c) = outcome.credits {
                    self.report(LaneReport::Event(Event::Credits {
                        account: self.name.clone(),
                        credits: Some(c),
                        tier: None,
                        email: None,
                    }));
                }
                let interval = self.shared.cfg.poll_interval;
                match &outcome.error {
                    None => {
                        self.poll_failures = 0;
                        self.next_poll = Instant::now() + interval;
                    }
                    Some(e) => {
                        let wait = match e {
                            ProviderError::Throttled {
                                retry_after: Some(d),
                                ..
                            } => *d,
                            _ => backoff(interval, self.poll_failures, Duration::from_secs(60)),
                        };
                        self.poll_failures += 1;
                        self.next_poll = Instant::now() + wait;
                        tracing::info!(lane = %self.name, error = %e, "status call failed; trying again in {:.1} s", wait.as_secs_f64());
                        self.absorb(e);
                    }
                }
            }
            Done::Downloaded(take, result) => {
                let Some(pos) = self.ready.iter().position(|r| r.take.id == take.id) else {
                    return;
                };
                match result {
                    Ok(()) => {
                        self.ready.remove(pos);
                    }
                    Err(e) => {
                        let item = &mut self.ready[pos];
                        item.active = false;
                        item.attempts += 1;
                        item.take = *take;
                        item.not_before = Instant::now()
                            + backoff(
                                Duration::from_millis(500),
                                item.attempts - 1,
                                Duration::from_secs(30),
                            );
                        let blocked = matches!(
                            e,
                            ProviderError::SignInAgain(_)
                                | ProviderError::Unauthorized
                                | ProviderError::Browser(_)
                        );
                        let unwritable = e.is_unwritable();
                        if unwritable || (!blocked && item.attempts >= DOWNLOAD_ATTEMPTS) {
                            let mut item = self.ready.remove(pos);
                            let msg = if unwritable {
                                let folder = item.take.out_dir.display().to_string();
                                crate::t!(
                                    "download-unwritable",
                                    folder = folder,
                                    error = e.to_string()
                                )
                            } else {
                                crate::t!(
                                    "download-gave-up",
                                    times = DOWNLOAD_ATTEMPTS,
                                    error = e.to_string()
                                )
                            };
                            self.rec
                                .record(
                                    &mut item.take,
                                    TakeState::Failed,
                                    Change::error("download", msg),
                                )
                                .await
                                .ok();
                        } else {
                            tracing::info!(lane = %self.name, take = item.take.id, error = %e, "download will be retried");
                        }
                        self.absorb(&e);
                    }
                }
            }
            Done::Checked(result) => match result {
                Ok(status) => {
                    self.checking = false;
                    if matches!(self.health, LaneHealth::NeedsSignIn { .. }) {
                        // Signed in again in the browser.
                        self.set_health(LaneHealth::Ready);
                        self.work_now();
                    }
                    self.keep_project();
                    self.report(LaneReport::Event(Event::Credits {
                        account: self.name.clone(),
                        credits: status.credits,
                        tier: Some(status.tier),
                        email: status.email,
                    }))
                }
                Err(e) => {
                    self.checking = false;
                    tracing::info!(lane = %self.name, error = %e, "account check failed");
                    self.absorb(&e);
                }
            },
        }
    }
}
