//! A background job that panicked: its takes are put somewhere safe and the lane goes on.

use super::*;

impl Lane {
    /// Undoes a panicked job's bookkeeping so the lane goes on; a lane whose jobs keep
    /// panicking stops taking work and says so. A create that panicked may have been sent.
    pub(super) async fn recover(&mut self, job: Job, message: String) {
        tracing::error!(lane = %self.name, "a background job panicked (a bug): {message}");
        let now = Instant::now();
        match job {
            Job::Check => self.probe.on_done(),
            Job::Poll => self.poller.on_lost(),
            Job::Download(id) => self.downloads.on_lost(now, id),
            Job::Lookup(due) => self.lookups.on_lost(now, due),
            Job::Submit(n, ids) => {
                self.submitter.on_lost(n);
                self.sort_out(ids, &message).await;
            }
        }
        self.health.panicked(&message);
    }

    /// The takes of a create that panicked: one never sent goes back to the queue; one that
    /// may have left is Uncertain, never sent again by itself, and looked up.
    async fn sort_out(&mut self, ids: Vec<TakeId>, message: &str) {
        let mut back = Vec::new();
        let mut unsure = Vec::new();
        for id in ids {
            let Ok(Some(t)) = self.shared.ledger.take(id).await else {
                continue;
            };
            match t.state {
                // Never sent: back to the queue.
                TakeState::Assigned => back.push(t),
                // It may have left: never sent again by itself.
                TakeState::Submitting => {
                    let msg = crate::msg!("lane-interrupted", error = message.to_string());
                    unsure.extend(self.rec.uncertain(t, msg).await);
                }
                _ => {}
            }
        }
        if !back.is_empty() {
            self.report(LaneReport::Returned { takes: back });
        }
        self.look_up(unsure);
    }
}
