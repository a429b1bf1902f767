//! Taking back a take that a resumed batch left in flight: one that may exist is looked up,
//! one generating is polled again, one ready is downloaded.

use super::*;

impl Lane {
    pub(super) fn adopt(&mut self, take: TakeRecord) {
        if take.state == TakeState::Uncertain {
            self.look_up(vec![take]);
            return;
        }
        let Some(remote) = take.remote.clone() else {
            tracing::error!(take = take.id, "a resumed take has no remote id");
            return;
        };
        match take.state {
            TakeState::Generating => {
                let since = take
                    .submitted_at
                    .map(|t| time::OffsetDateTime::now_utc() - t)
                    .and_then(|d| Duration::try_from(d).ok())
                    .unwrap_or_default();
                let left = self
                    .shared
                    .cfg
                    .deadline
                    .saturating_sub(since)
                    .max(self.shared.cfg.poll_interval * 3);
                let now = Instant::now();
                let video = InFlight {
                    take,
                    remote,
                    deadline: now + left,
                };
                self.poller.add(now, video);
            }
            TakeState::Ready => self.downloads.add(Instant::now(), take, remote),
            other => {
                tracing::error!(take = take.id, state = %other, "cannot adopt a take in this state")
            }
        }
    }
}
