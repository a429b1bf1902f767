//! The running window's update: screens' actions carried out against the engine, the ledger
//! and the settings.

use super::spend::Spend;
use super::*;
use crate::store::import;
use crate::words::Said;

impl Running {
    /// The start-up banners still on screen, said again in the language just chosen.
    fn reword_startup_banners(&mut self) {
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

    fn accounts_ctx(&self) -> accounts::Ctx {
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

    fn chore(&mut self, result: Result<(), String>) {
        if let Err(e) = result {
            self.banners.push(e);
        }
    }

    fn load_history(&self) -> Task<Message> {
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

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Started(_) => {}
            Message::Doctor(name, verdict) => {
                if let Some(lane) = self.board.lanes.get_mut(&name) {
                    lane.checked |= verdict.works();
                    lane.own.doctor = Some(verdict);
                }
            }
            Message::Engine(events) => {
                let now = Instant::now();
                self.now = now;
                // Videos that came home in these events get their first frame as a thumbnail
                // (only these: the board may hold thousands of takes, and events come often).
                let videos: Vec<PathBuf> = events
                    .iter()
                    .filter_map(|e| match e {
                        EngineEvent::Take(u) if u.state == crate::model::TakeState::Done => {
                            u.path.clone()
                        }
                        _ => None,
                    })
                    .collect();
                for e in events {
                    self.board.apply(e, now);
                }
                // What the engine wants said (lost creates looked up, takes waiting for an
                // account) becomes a banner.
                self.banners.append(&mut self.board.notices);
                let thumbs = self.thumbs.load(videos).map(Message::Thumbs);
                let finished: Vec<(BatchId, BatchCounts)> =
                    self.board.just_finished.drain(..).collect();
                let notes = finished.into_iter().map(|(batch, c)| {
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
                });
                return Task::batch(notes.chain(std::iter::once(thumbs)));
            }
            Message::Thumbs(m) => self.thumbs.update(m),
            Message::ClosePreview => self.thumbs.close_preview(),
            Message::Tick(now) => self.now = now,
            Message::Show(screen) => {
                self.screen = screen;
                if screen == Screen::History {
                    return self.load_history();
                }
            }
            Message::Compose(m) => {
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
                    compose::Action::None => return thumbs,
                    compose::Action::Run(t) => {
                        return Task::batch([t.map(Message::Compose), thumbs]);
                    }
                    compose::Action::Generate(spec) => {
                        return Task::batch([self.generate(spec), thumbs]);
                    }
                }
            }
            Message::SpendChecked(spend, takes) => return self.retry_checked(spend, takes),
            Message::Confirm(yes) => {
                if let Some(c) = self.confirm.take()
                    && yes
                {
                    return self.carry_out(c.then);
                }
            }
            Message::ConfirmOther => {
                if let Some((_, then)) = self.confirm.take().and_then(|c| c.other) {
                    return self.carry_out(then);
                }
            }
            Message::Submitted(Ok(batch)) => self.last = Some((batch, None)),
            Message::Submitted(Err(e)) => {
                self.compose.error = Some(e);
                self.screen = Screen::Compose;
            }
            Message::Settled(batch, Ok(counts)) => self.last = Some((batch, Some(counts))),
            Message::Settled(_, Err(e)) => self.banners.push(e),
            Message::Revise(m) => {
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
            }
            Message::Revised(Ok(batch)) => {
                self.revise = None;
                self.last = Some((batch, None));
                self.screen = Screen::Queue;
            }
            Message::Revised(Err(e)) => match self.revise.as_mut() {
                Some(dialog) => dialog.refused(e),
                None => self.banners.push(e),
            },
            Message::Queue(m) => {
                let engine = self.started.engine.clone();
                match m {
                    queue::Message::Open(p) => {
                        return Task::perform(platform::open(p), Message::Done);
                    }
                    queue::Message::Preview(p) => {
                        return self.thumbs.open_preview(p).map(Message::Thumbs);
                    }
                    queue::Message::Reveal(p) => {
                        return Task::perform(platform::reveal(p), Message::Done);
                    }
                    queue::Message::Retry(take) => return self.check_retry(Spend::Retry(take)),
                    queue::Message::Revise(take) => {
                        if let Some(row) = self.board.takes.get(&take) {
                            self.revise = Some(Revise::new(
                                take,
                                row.prompt.clone(),
                                row.account.clone().unwrap_or_default(),
                            ));
                            return iced::widget::operation::focus("revise-input");
                        }
                    }
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
                    }
                    queue::Message::Filter(batch, filter) => {
                        if let Some(b) = self.board.batches.get_mut(&batch) {
                            b.own.filter = filter;
                            b.own.page = 0;
                        }
                    }
                    queue::Message::Cancel(batch) => {
                        if let Some(b) = self.board.batches.get_mut(&batch) {
                            b.own.canceled = true;
                        }
                        self.chore(engine.cancel(batch).map_err(|e| e.said()));
                    }
                }
            }
            Message::Lanes(lanes::Message::SignInAgain(account)) => {
                self.screen = Screen::Accounts;
                return Task::done(Message::Accounts(accounts::Message::Open(
                    accounts::Dialog::SignIn {
                        account,
                        secret: String::new(),
                    },
                )));
            }
            Message::Lanes(lanes::Message::Connect(account)) => {
                self.screen = Screen::Accounts;
                return Task::done(Message::Accounts(accounts::Message::Pair(account)));
            }
            Message::Lanes(lanes::Message::Resume(account)) => {
                let result = self.started.engine.release(account);
                self.chore(result.map_err(|e| e.said()));
            }
            Message::Accounts(m) => {
                let ctx = self.accounts_ctx();
                match self.accounts.update(m, &ctx) {
                    accounts::Action::None => {}
                    accounts::Action::Run(t) => return t.map(Message::Accounts),
                    accounts::Action::Changed(settings, note, client) => {
                        if !note.is_empty() {
                            self.banners.push(note);
                        }
                        self.apply_accounts(*settings);
                        if let Some(accounts::NewClient(name, client)) = client {
                            self.board.lanes.insert(
                                name.clone(),
                                LaneView::with_provider(&name, client.provider()),
                            );
                            self.started.clients.insert(name, client);
                        }
                    }
                }
            }
            Message::Settings(m) => {
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
                        self.started.settings = *s;
                    }
                }
            }
            Message::History(m) => match m {
                history::Message::Refresh => return self.load_history(),
                history::Message::Loaded(r) => {
                    let videos: Vec<PathBuf> = r
                        .iter()
                        .flatten()
                        .flat_map(|b| b.videos.iter().cloned())
                        .collect();
                    self.history.batches = Some(r);
                    return self.thumbs.load(videos).map(Message::Thumbs);
                }
                history::Message::Preview(p) => {
                    return self.thumbs.open_preview(p).map(Message::Thumbs);
                }
                history::Message::OpenFolder(p) => {
                    return Task::perform(platform::open(p), Message::Done);
                }
                history::Message::RetryFailed(batch) => {
                    return self.check_retry(Spend::RetryFailed(batch));
                }
                history::Message::Export(batch) => {
                    let ledger = self.started.ledger.clone();
                    return Task::perform(
                        async move {
                            crate::engine::export::export(&ledger, batch, None, crate::i18n::say)
                                .await
                                .map_err(|m| crate::i18n::say(&m))
                        },
                        move |r| Message::History(history::Message::Exported(batch, r)),
                    );
                }
                history::Message::Exported(batch, r) => self.history.exported = Some((batch, r)),
            },
            Message::Key(k) => match k {
                Key::Tab { shift } => {
                    return if shift {
                        iced::widget::operation::focus_previous()
                    } else {
                        iced::widget::operation::focus_next()
                    };
                }
                Key::Escape if self.confirm.is_some() => self.confirm = None,
                Key::Escape if self.revise.is_some() => self.revise = None,
                Key::Escape if self.thumbs.preview().is_some() => self.thumbs.close_preview(),
                Key::Escape => {
                    return self.update(Message::Accounts(accounts::Message::Close));
                }
                Key::Import => {
                    self.screen = Screen::Compose;
                    return self.update(Message::Compose(compose::Message::Import));
                }
                Key::Generate if self.screen == Screen::Compose => {
                    return self.update(Message::Compose(compose::Message::Generate));
                }
                Key::Generate => {}
            },
            Message::FileDropped(path) => {
                if import::is_prompt_file(&path) {
                    self.screen = Screen::Compose;
                    return self.update(Message::Compose(compose::Message::ImportFile(path)));
                }
                // A picture goes to the scene slot last clicked in Compose.
                if crate::picture::is_picture_name(&path) {
                    self.screen = Screen::Compose;
                    return self.update(Message::Compose(compose::Message::Picture(path)));
                }
                self.banners.push(crate::t!(
                    "banner-not-a-file",
                    path = path.display().to_string(),
                    kinds = crate::i18n::say(&import::kinds_in_words())
                ));
            }
            Message::Dismiss(i) => {
                if i < self.banners.len() {
                    self.banners.remove(i);
                }
            }
            Message::Done(r) => self.chore(r),
            // The window's own business (App::update).
            Message::Resized(_) | Message::RememberSize(_) => {}
        }
        Task::none()
    }

    /// Keeps the lane list in step with the accounts in the settings.
    fn apply_accounts(&mut self, settings: crate::store::config::Settings) {
        let names: Vec<String> = settings.accounts.iter().map(|a| a.name.clone()).collect();
        self.board.lanes.retain(|n, _| names.contains(n));
        self.started.clients.retain(|n, _| names.contains(n));
        self.started.settings = settings;
    }
}

/// An engine call whose only news is an error, which becomes a banner.
pub(super) fn engine_chore<T>(
    call: impl std::future::Future<Output = Result<T, crate::engine::EngineError>> + Send + 'static,
) -> Task<Message> {
    Task::perform(
        async move { call.await.map(|_| ()).map_err(|e| e.said()) },
        Message::Done,
    )
}
