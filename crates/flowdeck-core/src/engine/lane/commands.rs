//! What a lane does with the coordinator's commands.

use super::*;

impl Lane {
    pub(super) async fn command(&mut self, cmd: LaneCmd) {
        match cmd {
            LaneCmd::Assign(group) => {
                let some = !group.is_empty();
                self.submitter.assign(group);
                if some && !self.can_submit() {
                    self.hand_back().await;
                }
            }
            LaneCmd::Adopt(take) => self.adopt(*take),
            LaneCmd::StopSubmitting => {
                self.submitter.stop();
                self.hand_back().await;
            }
            LaneCmd::Cancel(batch) => {
                for mut t in self.submitter.cancel(batch) {
                    self.rec
                        .record(&mut t, TakeState::Canceled, Change::default())
                        .await
                        .ok();
                }
            }
            LaneCmd::Replace(client) => self.replace(client),
            LaneCmd::Release => {
                if self.health.released() {
                    self.browser_changed();
                }
            }
            LaneCmd::Hold(reason) => {
                self.health.set(LaneHealth::Held { reason });
                self.hand_back().await;
            }
            LaneCmd::Shutdown => {}
        }
    }

    /// A new client after "sign in again".
    fn replace(&mut self, client: Arc<Client>) {
        self.client = client;
        self.health.replaced();
        self.poller.forget_failures();
        self.work_now();
        self.watch_browser();
        if self.browser_ok() {
            self.check_account();
        }
    }

    /// Gives unsent takes back to the coordinator for other lanes.
    pub(super) async fn hand_back(&mut self) {
        let mut back = Vec::new();
        for mut take in self.submitter.unsent() {
            match self
                .rec
                .record(&mut take, TakeState::Queued, Change::default())
                .await
            {
                Ok(()) => back.push(take),
                Err(e) => tracing::error!(take = take.id, "cannot hand a take back: {}", e.log()),
            }
        }
        if !back.is_empty() {
            self.report(LaneReport::Returned { takes: back });
        }
    }
}
