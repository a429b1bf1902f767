//! What the engine tells the window: its events onto the board (with banners, desktop
//! notifications and thumbnails), and the start-up checks' verdicts.

use super::*;

impl Running {
    /// An account's read-only checks at start gave their verdict.
    pub(super) fn on_doctor(
        &mut self,
        name: &str,
        verdict: crate::ops::doctor::Verdict,
    ) -> Task<Message> {
        if let Some(lane) = self.board.lanes.get_mut(name) {
            lane.checked |= verdict.works();
            lane.own.doctor = Some(verdict);
        }
        Task::none()
    }

    pub(super) fn on_engine(&mut self, events: Vec<EngineEvent>) -> Task<Message> {
        let now = Instant::now();
        self.now = now;
        // A video that came home may be on a row the Queue shows: its first frame is wanted.
        let home = events
            .iter()
            .any(|e| matches!(e, EngineEvent::Take(u) if u.state == crate::model::TakeState::Done));
        for e in events {
            crate::ops::holds::Holds::at(&self.started.paths.data_dir)
                .note(&e)
                .ok();
            self.board.apply(e, now);
        }
        // What the engine wants said (lost creates looked up, takes waiting for an
        // account) becomes a banner.
        self.banners.append(&mut self.board.notices);
        let thumbs = if home {
            self.shown_thumbs()
        } else {
            Task::none()
        };
        let finished: Vec<(BatchId, BatchCounts)> = self.board.just_finished.drain(..).collect();
        let notes: Vec<Task<Message>> = finished
            .into_iter()
            .map(|(batch, c)| self.notify_finished(batch, &c))
            .collect();
        Task::batch(notes.into_iter().chain(std::iter::once(thumbs)))
    }

    /// Thumbnails for the finished videos on the Queue's shown rows (only those: a batch may
    /// hold thousands, and the cache keeps a few hundred).
    pub(super) fn shown_thumbs(&mut self) -> Task<Message> {
        self.thumbs
            .load(crate::ui::queue::shown_videos(&self.board))
            .map(Message::Thumbs)
    }

    /// A desktop notification that a batch finished, with how many need a look.
    fn notify_finished(&self, batch: BatchId, c: &BatchCounts) -> Task<Message> {
        let label = self
            .board
            .batches
            .get(&batch)
            .map(|b| b.label.clone())
            .unwrap_or_default();
        let total = c.done + c.failed + c.timed_out + c.uncertain + c.canceled;
        let mut body = crate::t!("notify-finished-body", done = c.done, total = total);
        let look = c.failed + c.uncertain + c.timed_out;
        if look > 0 {
            body.push_str(&crate::t!("notify-need-a-look", n = look));
        }
        Task::perform(
            platform::notify(crate::t!("notify-finished-title", batch = label), body),
            |()| Message::Done(Ok(())),
        )
    }
}
