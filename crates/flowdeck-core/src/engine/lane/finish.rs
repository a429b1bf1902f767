//! What a lane does when one of its background jobs (check, submit, poll, download, lookup)
//! comes back: the result goes to its part, and the lane acts on what the part says.

use super::downloads::{DOWNLOAD_ATTEMPTS, Downloaded};
use super::*;

impl Lane {
    pub(super) async fn finished(&mut self, done: Done) {
        match done {
            Done::Panicked(job, message) => self.recover(job, message).await,
            Done::Reconciled(due, result) => self.reconciled(due, result).await,
            Done::Submitted(n, outcome) => self.submitted(n, outcome),
            Done::Polled(outcome) => self.polled(outcome),
            Done::Downloaded(take, result) => self.downloaded(*take, result).await,
            Done::Checked(result) => self.checked(result),
        }
    }

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

    fn report_credits(&self, credits: Option<i64>) {
        if let Some(c) = credits {
            self.report(LaneReport::Event(Event::Credits {
                account: self.name.clone(),
                credits: Some(c),
                tier: None,
                plan: None,
                email: None,
            }));
        }
    }

    fn submitted(&mut self, n: usize, outcome: SubmitOutcome) {
        let now = Instant::now();
        let models_back = self.client.models_back_in().map(|d| now + d);
        self.submitter.on_done(n, models_back);
        self.keep_project();
        if !outcome.created.is_empty() {
            self.health.created();
            self.poller.created(now, outcome.created);
        }
        self.report_credits(outcome.credits);
        if !outcome.requeued.is_empty() {
            self.report(LaneReport::Returned {
                takes: outcome.requeued,
            });
        }
        self.look_up(outcome.uncertain);
        if let Some(e) = &outcome.error {
            self.health.submit_failed(e);
        }
    }

    fn polled(&mut self, outcome: PollOutcome) {
        let now = Instant::now();
        let polled = self
            .poller
            .on_done(now, outcome.verdicts, outcome.error.as_ref());
        for (take, remote) in polled.ready {
            self.downloads.add(now, take, remote);
        }
        self.report_credits(outcome.credits);
        if let (Some(e), Some(wait)) = (&outcome.error, polled.retry_in) {
            tracing::info!(lane = %self.name, error = %e.log(), "status call failed; trying again in {:.1} s", wait.as_secs_f64());
            self.health.absorb(e);
        }
    }

    async fn downloaded(&mut self, take: TakeRecord, result: Result<(), ProviderError>) {
        let id = take.id;
        let settled = self.downloads.on_done(Instant::now(), take, &result);
        let Err(e) = result else {
            return;
        };
        match settled {
            Downloaded::Unknown | Downloaded::Done => return,
            Downloaded::Retry => {
                tracing::info!(lane = %self.name, take = id, error = %e.log(), "download will be retried")
            }
            Downloaded::GaveUp { take, unwritable } => self.give_up(*take, unwritable, &e).await,
        }
        self.health.absorb(&e);
    }

    /// Marks a take whose download failed for good Failed; it stays re-downloadable.
    async fn give_up(&self, mut take: TakeRecord, unwritable: bool, e: &ProviderError) {
        let msg = if unwritable {
            let folder = take.out_dir.display().to_string();
            crate::msg!("download-unwritable", folder = folder, error = e.message())
        } else {
            crate::msg!(
                "download-gave-up",
                times = DOWNLOAD_ATTEMPTS,
                error = e.message()
            )
        };
        let change = Change::error("download", msg);
        self.rec
            .record(&mut take, TakeState::Failed, change)
            .await
            .ok();
    }

    fn checked(&mut self, result: Result<AccountStatus, ProviderError>) {
        self.probe.on_done();
        match result {
            Ok(status) => {
                if self.health.checked() {
                    // Signed in again in the browser.
                    self.work_now();
                }
                self.keep_project();
                self.report(LaneReport::Event(Event::Credits {
                    account: self.name.clone(),
                    credits: status.credits,
                    tier: Some(status.tier),
                    plan: status.plan,
                    email: status.email,
                }))
            }
            Err(e) => {
                tracing::info!(lane = %self.name, error = %e.log(), "account check failed");
                self.health.absorb(&e);
            }
        }
    }
}
