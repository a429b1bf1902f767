//! A background job that panicked: its takes are put somewhere safe and the lane goes on.

use super::*;

impl Lane {
    /// Undoes a panicked job's bookkeeping so the lane goes on; a lane whose jobs keep
    /// panicking stops taking work and says so. A create that panicked may have been sent.
    pub(super) async fn recover(&mut self, job: Job, message: String) {
        tracing::error!(lane = %self.name, "a background job panicked (a bug): {message}");
        self.panics += 1;
        match job {
            Job::Check => self.checking = false,
            Job::Poll => self.polling = false,
            Job::Download(id) => {
                if let Some(item) = self.ready.iter_mut().find(|r| r.take.id == id) {
                    item.active = false;
                    item.attempts += 1;
                    item.not_before = Instant::now() + Duration::from_secs(5);
                }
            }
            Job::Lookup(mut due) => {
                self.looking = false;
                for l in &mut due {
                    l.failures += 1;
                    l.not_before = Instant::now() + Duration::from_secs(5);
                }
                self.lookups.extend(due);
            }
            Job::Submit(n, ids) => {
                self.submitting = self.submitting.saturating_sub(n);
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
                            let msg = crate::t!("lane-interrupted", error = message.to_string());
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
        if self.panics >= PANICS_BEFORE_PAUSE {
            self.set_health(LaneHealth::Paused {
                reason: crate::t!(
                    "lane-panics",
                    times = self.panics,
                    error = message.to_string()
                ),
            });
        }
    }
}
