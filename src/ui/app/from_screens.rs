//! What the screens ask for: Compose, the queue, the lanes' buttons, Accounts, Settings,
//! History and the revise dialog, carried out against the engine, the ledger and the settings.

use super::spend::Spend;
use super::*;
use crate::ui::board::LaneLook;
use crate::words::Said;

impl Running {
    pub(super) fn on_compose(&mut self, m: compose::Message) -> Task<Message> {
        let choices = self.choices.clone();
        let template = self.started.settings.output.template.clone();
        // Only a picture put in a slot or an imported file brings new pictures.
        let new_pictures = matches!(
            m,
            compose::Message::Picture(_)
                | compose::Message::Chosen(Some(_))
                | compose::Message::Imported(Ok(_))
        );
        let action = self.compose.update(m, &choices, &template);
        // The scenes' pictures get thumbnails in their slots.
        let thumbs = if new_pictures {
            self.thumbs
                .load(self.compose.pictures())
                .map(Message::Thumbs)
        } else {
            Task::none()
        };
        match action {
            compose::Action::None => thumbs,
            compose::Action::Run(t) => Task::batch([t.map(Message::Compose), thumbs]),
            compose::Action::Generate(spec) => Task::batch([self.generate(spec), thumbs]),
        }
    }

    pub(super) fn on_revise(&mut self, m: revise::Message) -> Task<Message> {
        let Some(dialog) = self.revise.as_mut() else {
            return Task::none();
        };
        match dialog.update(m) {
            revise::Action::None => {}
            revise::Action::Close => self.revise = None,
            revise::Action::Send {
                take,
                instruction,
                copies,
            } => {
                let engine = self.started.engine.clone();
                return Task::perform(
                    async move {
                        engine
                            .revise(take, instruction, copies)
                            .await
                            .map_err(|e| e.said())
                    },
                    Message::Revised,
                );
            }
        }
        Task::none()
    }

    pub(super) fn on_revised(&mut self, r: Result<BatchId, String>) -> Task<Message> {
        match r {
            Ok(batch) => {
                self.revise = None;
                self.last = Some((batch, None));
                self.screen = Screen::Queue;
            }
            Err(e) => match self.revise.as_mut() {
                Some(dialog) => dialog.refused(e),
                None => self.banners.push(e),
            },
        }
        Task::none()
    }

    pub(super) fn on_queue(&mut self, m: queue::Message) -> Task<Message> {
        let engine = self.started.engine.clone();
        match m {
            queue::Message::Open(p) => return Task::perform(platform::open(p), Message::Opened),
            queue::Message::Preview(p) => {
                return self.thumbs.open_preview(p).map(Message::Thumbs);
            }
            queue::Message::Reveal(p) => {
                return Task::perform(platform::reveal(p), Message::Opened);
            }
            queue::Message::Retry(take) => return self.check_retry(Spend::Retry(take)),
            queue::Message::Revise(take) => return self.open_revise(take),
            queue::Message::RetryFailed(batch) => {
                return self.check_retry(Spend::RetryFailed(batch));
            }
            queue::Message::Upscale(take) => self.ask_upscale(take),
            queue::Message::RunNext(take) => {
                return Task::perform(
                    async move { engine.run_next(take).await.map_err(|e| e.said()) },
                    |r| Message::Queue(queue::Message::MovedNext(r)),
                );
            }
            queue::Message::MovedNext(Ok(moved)) => self.board.next_up = moved,
            queue::Message::MovedNext(Err(e)) => self.banners.push(e),
            queue::Message::Pause(batch, paused) => {
                if let Some(b) = self.board.batches.get_mut(&batch) {
                    b.own.paused = paused;
                }
                self.chore(engine.pause(batch, paused).map_err(|e| e.said()));
            }
            queue::Message::Page(batch, page) => {
                if let Some(b) = self.board.batches.get_mut(&batch) {
                    b.own.page = page;
                }
                return self.shown_thumbs();
            }
            queue::Message::Filter(batch, filter) => {
                if let Some(b) = self.board.batches.get_mut(&batch) {
                    b.own.filter = filter;
                    b.own.page = 0;
                }
                return self.shown_thumbs();
            }
            queue::Message::Cancel(batch) => {
                if let Some(b) = self.board.batches.get_mut(&batch) {
                    b.own.canceled = true;
                }
                self.chore(engine.cancel(batch).map_err(|e| e.said()));
            }
        }
        Task::none()
    }

    /// The revise dialog for a finished take, with its prompt.
    fn open_revise(&mut self, take: crate::model::TakeId) -> Task<Message> {
        let Some(row) = self.board.takes.get(&take) else {
            return Task::none();
        };
        self.revise = Some(Revise::new(
            take,
            crate::ui::board::take_name(row),
            row.prompt.clone(),
            row.account.clone().unwrap_or_default(),
        ));
        iced::widget::operation::focus("revise-input")
    }

    pub(super) fn on_lanes(&mut self, m: lanes::Message) -> Task<Message> {
        match m {
            lanes::Message::SignInAgain(account) => {
                self.screen = Screen::Accounts;
                Task::done(Message::Accounts(accounts::Message::Open(
                    accounts::Dialog::SignIn {
                        account,
                        secret: String::new(),
                    },
                )))
            }
            lanes::Message::Connect(account) => {
                self.screen = Screen::Accounts;
                Task::done(Message::Accounts(accounts::Message::Pair(account)))
            }
            lanes::Message::Resume(account) => {
                crate::ops::holds::Holds::at(&self.started.paths.data_dir)
                    .release(&account)
                    .ok();
                let result = self.started.engine.release(account);
                self.chore(result.map_err(|e| e.said()));
                Task::none()
            }
        }
    }

    pub(super) fn on_accounts(&mut self, m: accounts::Message) -> Task<Message> {
        let ctx = self.accounts_ctx();
        match self.accounts.update(m, &ctx) {
            accounts::Action::None => {}
            accounts::Action::Run(t) => return t.map(Message::Accounts),
            accounts::Action::Open(p) => return Task::perform(platform::open(p), Message::Opened),
            accounts::Action::Changed(settings, note, client) => {
                if !note.is_empty() {
                    self.banners.push(note);
                }
                self.apply_accounts(*settings);
                if let Some(accounts::NewClient(name, client)) = client {
                    self.board
                        .lanes
                        .insert(name.clone(), LaneView::of_client(&name, &client));
                    self.started.clients.insert(name, client);
                }
            }
        }
        Task::none()
    }

    pub(super) fn on_settings(&mut self, m: settings::Message) -> Task<Message> {
        let file = self.started.paths.config_file.clone();
        let before = crate::i18n::current();
        let action = self.settings.update(m, &self.started.settings, file);
        if crate::i18n::current() != before {
            self.reword_startup_banners();
        }
        match action {
            settings::Action::None => {}
            settings::Action::Run(t) => return t.map(Message::Settings),
            settings::Action::Changed(s) => {
                if let Some(dir) = &s.output.dir {
                    self.compose.out_dir = dir.display().to_string();
                }
                // New caps hold from now on: takes held by a cap no longer there go.
                let caps = self.started.engine.set_budget(s.budget.clone());
                self.chore(caps.map_err(|e| e.said()));
                self.compose.budget = s.budget.overall();
                self.started.settings = *s;
            }
        }
        Task::none()
    }

    pub(super) fn on_history(&mut self, m: history::Message) -> Task<Message> {
        match m {
            history::Message::Refresh => self.load_history(),
            history::Message::Loaded(r) => {
                self.history.batches = Some(r);
                self.thumbs
                    .load(self.history.shown_videos())
                    .map(Message::Thumbs)
            }
            history::Message::Page(page) => {
                self.history.page = page;
                self.thumbs
                    .load(self.history.shown_videos())
                    .map(Message::Thumbs)
            }
            history::Message::Preview(p) => self.thumbs.open_preview(p).map(Message::Thumbs),
            history::Message::OpenFolder(p) => Task::perform(platform::open(p), Message::Opened),
            history::Message::RetryFailed(batch) => self.check_retry(Spend::RetryFailed(batch)),
            history::Message::Export(batch) => {
                let ledger = self.started.ledger.clone();
                Task::perform(
                    async move {
                        crate::ops::export::export(&ledger, batch, None, crate::i18n::say)
                            .await
                            .map_err(|m| crate::i18n::say(&m))
                    },
                    move |r| Message::History(history::Message::Exported(batch, r)),
                )
            }
            history::Message::Exported(batch, r) => {
                self.history.exported = Some((batch, r));
                Task::none()
            }
        }
    }
}
