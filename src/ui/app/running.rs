//! The running window's update: screens' actions carried out against the engine, the ledger
//! and the settings.

use super::*;
use crate::words::Said;

impl Running {
    /// The start-up banners still on screen, said again in the language just chosen.
    pub(super) fn reword_startup_banners(&mut self) {
        for (shown, banner) in &mut self.startup {
            let words = banner.words();
            if let Some(b) = self.banners.iter_mut().find(|b| *b == shown) {
                *b = words.clone();
            }
            *shown = words;
        }
    }

    pub fn choices(&self) -> Vec<AccountChoice> {
        self.started
            .clients
            .iter()
            .map(|(name, client)| {
                let lane = self.board.lanes.get(name);
                AccountChoice {
                    name: name.clone(),
                    credits: lane.and_then(|l| l.credits),
                    plan: lane.and_then(|l| l.plan),
                    unsupported: client
                        .supports(&self.compose.shot())
                        .err()
                        .map(|m| crate::i18n::say(&m)),
                    cost_each: client.estimated_cost(&self.compose.shot()),
                    resolutions: client.resolutions(&self.compose.model),
                    durations: client.durations(&self.compose.model),
                    usd_each: client.estimated_usd(&self.compose.shot()),
                }
            })
            .collect()
    }

    pub(super) fn accounts_ctx(&self) -> accounts::Ctx {
        accounts::Ctx {
            settings: self.started.settings.clone(),
            file: self.started.paths.config_file.clone(),
            secrets: self.started.secrets.clone(),
            engine: self.started.engine.clone(),
            ledger: self.started.ledger.clone(),
            bridge: self.started.bridge.clone(),
            captures: crate::store::captures::Captures::sink(
                &self.started.paths,
                &self.started.settings,
            ),
        }
    }

    pub(super) fn chore(&mut self, result: Result<(), String>) {
        if let Err(e) = result {
            self.banners.push(e);
        }
    }

    pub(super) fn load_history(&self) -> Task<Message> {
        let ledger = self.started.ledger.clone();
        Task::perform(
            async move { ledger.batches().await.map_err(|e| e.said()) },
            |r| Message::History(history::Message::Loaded(r)),
        )
    }

    /// Submits a batch and follows it until it settles.
    pub(super) fn submit(&mut self, spec: crate::model::BatchSpec) -> Task<Message> {
        let engine = self.started.engine.clone();
        self.screen = Screen::Queue;
        Task::sip(
            iced::task::sipper(async move |mut progress| {
                let batch = match engine.submit(spec).await {
                    Ok(b) => b,
                    Err(e) => return Err(e.said()),
                };
                progress.send(batch).await;
                let counts = engine.wait_batch(batch).await.map_err(|e| e.said());
                Ok((batch, counts))
            }),
            |batch| Message::Submitted(Ok(batch)),
            |r: Result<(BatchId, Result<BatchCounts, String>), String>| match r {
                Ok((batch, counts)) => Message::Settled(batch, counts),
                Err(e) => Message::Submitted(Err(e)),
            },
        )
    }

    /// One line per message: the handlers live beside what they handle (`from_engine.rs`,
    /// `from_screens.rs`, `input.rs`, `spend.rs`).
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Started(_) => Task::none(),
            Message::Doctor(name, verdict) => self.on_doctor(&name, verdict),
            Message::Engine(events) => self.on_engine(events),
            Message::Thumbs(m) => {
                self.thumbs.update(m);
                Task::none()
            }
            Message::ClosePreview => {
                self.thumbs.close_preview();
                Task::none()
            }
            Message::SpentToday(spent) => {
                self.compose.spent_today = spent;
                Task::none()
            }
            Message::Tick(now) => self.tick(now),
            Message::Show(screen) => self.show(screen),
            Message::Compose(m) => self.on_compose(m),
            Message::SpendChecked(spend, takes) => self.retry_checked(spend, takes),
            Message::Confirm(yes) => self.on_confirm(yes),
            Message::ConfirmOther => self.on_confirm_other(),
            Message::Submitted(r) => self.on_submitted(r),
            Message::Settled(batch, r) => self.on_settled(batch, r),
            Message::Revise(m) => self.on_revise(m),
            Message::Revised(r) => self.on_revised(r),
            Message::Queue(m) => self.on_queue(m),
            Message::Lanes(m) => self.on_lanes(m),
            Message::Accounts(m) => self.on_accounts(m),
            Message::Settings(m) => self.on_settings(m),
            Message::History(m) => self.on_history(m),
            Message::Key(k) => self.on_key(k),
            Message::FileDropped(path) => self.on_file_dropped(path),
            Message::Dismiss(i) => self.dismiss(i),
            Message::Done(r) => {
                self.chore(r);
                Task::none()
            }
            Message::Opened(r) => {
                self.unopened = r.err();
                Task::none()
            }
            Message::CopyPath(p) => iced::clipboard::write(p.display().to_string()),
            Message::DismissUnopened => {
                self.unopened = None;
                Task::none()
            }
            // The window's own business (App::update).
            Message::Resized(_)
            | Message::RememberSize(_)
            | Message::Welcome(_)
            | Message::DemoStarted(_) => Task::none(),
        }
    }

    fn tick(&mut self, now: Instant) -> Task<Message> {
        self.now = now;
        Task::none()
    }

    fn show(&mut self, screen: Screen) -> Task<Message> {
        self.screen = screen;
        if screen == Screen::History {
            return self.load_history();
        }
        if screen == Screen::Compose {
            return self.load_spent();
        }
        Task::none()
    }

    fn on_confirm(&mut self, yes: bool) -> Task<Message> {
        match self.confirm.take() {
            Some(c) if yes => self.carry_out(c.then),
            _ => Task::none(),
        }
    }

    fn on_confirm_other(&mut self) -> Task<Message> {
        match self.confirm.take().and_then(|c| c.other) {
            Some((_, then)) => self.carry_out(then),
            None => Task::none(),
        }
    }

    fn on_submitted(&mut self, r: Result<BatchId, String>) -> Task<Message> {
        match r {
            Ok(batch) => self.last = Some((batch, None)),
            Err(e) => {
                self.compose.error = Some(e);
                self.screen = Screen::Compose;
            }
        }
        Task::none()
    }

    fn on_settled(&mut self, batch: BatchId, r: Result<BatchCounts, String>) -> Task<Message> {
        match r {
            Ok(counts) => self.last = Some((batch, Some(counts))),
            Err(e) => self.banners.push(e),
        }
        self.load_spent()
    }

    /// Reads what was spent today (over all accounts) from the ledger.
    pub(super) fn load_spent(&self) -> Task<Message> {
        let ledger = self.started.ledger.clone();
        Task::perform(
            async move {
                match ledger.spent_today().await {
                    Ok(by_account) => by_account
                        .into_iter()
                        .fold(crate::model::Spend::default(), |a, (_, b)| a + b),
                    Err(e) => {
                        tracing::warn!("cannot read today's spending: {}", e.log());
                        crate::model::Spend::default()
                    }
                }
            },
            Message::SpentToday,
        )
    }

    fn dismiss(&mut self, i: usize) -> Task<Message> {
        if i < self.banners.len() {
            self.banners.remove(i);
        }
        Task::none()
    }

    /// Keeps the lane list in step with the accounts in the settings.
    pub(super) fn apply_accounts(&mut self, settings: crate::store::config::Settings) {
        let names: Vec<String> = settings.accounts.iter().map(|a| a.name.clone()).collect();
        self.board.lanes.retain(|n, _| names.contains(n));
        self.started.clients.retain(|n, _| names.contains(n));
        self.started.settings = settings;
    }
}
