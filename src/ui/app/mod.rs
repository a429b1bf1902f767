//! The window: a sidebar of account lanes, tabs for the screens, and the wiring between
//! screens and the engine. Screens return actions; only this file talks to the engine.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use iced::keyboard::{self, key};
use iced::widget::{column, container, text};
use iced::{Element, Event, Fill, Subscription, Task, Theme, event, time, window};

mod view;

use super::accounts::{self, Accounts};
use super::board::{Board, LaneView};
use super::boot::{self, Options, Started};
use super::compose::{self, AccountChoice, Compose};
use super::history::{self, History};
use super::revise::{self, Revise};
use super::settings::{self, SettingsScreen};
use super::{lanes, platform, queue, style};
use crate::engine::{BatchCounts, Event as EngineEvent};
use crate::model::BatchId;
use crate::store::config::ThemeChoice;
use crate::store::paths::Paths;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Compose,
    Queue,
    History,
    Accounts,
    Settings,
}

impl Screen {
    const ALL: [(Screen, &'static str); 5] = [
        (Screen::Compose, "Compose"),
        (Screen::Queue, "Queue"),
        (Screen::History, "History"),
        (Screen::Accounts, "Accounts"),
        (Screen::Settings, "Settings"),
    ];
}

#[derive(Debug, Clone, Copy)]
pub enum Key {
    Tab { shift: bool },
    Escape,
    Import,
    Generate,
}

#[derive(Debug, Clone)]
pub enum Message {
    Started(Result<Box<Started>, String>),
    Engine(Vec<EngineEvent>),
    Tick(Instant),
    Show(Screen),
    Compose(compose::Message),
    Queue(queue::Message),
    Lanes(lanes::Message),
    Accounts(accounts::Message),
    Settings(settings::Message),
    History(history::Message),
    Submitted(Result<BatchId, String>),
    Settled(BatchId, Result<BatchCounts, String>),
    Revise(revise::Message),
    /// The engine recorded a revision's batch, or refused it.
    Revised(Result<BatchId, String>),
    /// An account's read-only checks at start (`flowdeck doctor`) gave their verdict.
    Doctor(String, crate::engine::doctor::Verdict),
    Key(Key),
    FileDropped(PathBuf),
    Dismiss(usize),
    /// A background chore ended; an error becomes a banner.
    Done(Result<(), String>),
}

pub struct Running {
    pub started: Started,
    pub board: Board,
    pub screen: Screen,
    pub compose: Compose,
    pub accounts: Accounts,
    pub settings: SettingsScreen,
    pub history: History,
    pub banners: Vec<String>,
    /// The last batch the user started, and how it ended.
    pub last: Option<(BatchId, Option<BatchCounts>)>,
    pub now: Instant,
    /// Accounts as Compose shows them; refreshed after every update.
    pub choices: Vec<AccountChoice>,
    /// Why secrets cannot go to a keyring, once that is known.
    pub keyring: Option<String>,
    /// The Revise dialog, while open.
    pub revise: Option<Revise>,
}

pub enum Phase {
    Starting,
    Failed(String),
    Ready(Box<Running>),
}

pub struct App {
    pub phase: Phase,
}

fn subscription_events(
    event: Event,
    status: event::Status,
    _window: window::Id,
) -> Option<Message> {
    match event {
        Event::Keyboard(keyboard::Event::KeyPressed {
            key,
            modifiers,
            physical_key,
            ..
        }) => match key.as_ref() {
            keyboard::Key::Named(key::Named::Escape) => Some(Message::Key(Key::Escape)),
            keyboard::Key::Named(key::Named::Tab) if status == event::Status::Ignored => {
                Some(Message::Key(Key::Tab {
                    shift: modifiers.shift(),
                }))
            }
            keyboard::Key::Named(key::Named::Enter)
                if modifiers.command() && status == event::Status::Ignored =>
            {
                Some(Message::Key(Key::Generate))
            }
            _ if modifiers.command() && key.to_latin(physical_key) == Some('o') => {
                Some(Message::Key(Key::Import))
            }
            _ => None,
        },
        Event::Window(window::Event::FileDropped(path)) => Some(Message::FileDropped(path)),
        _ => None,
    }
}

impl App {
    pub fn boot(options: Options) -> (App, Task<Message>) {
        (
            App {
                phase: Phase::Starting,
            },
            Task::perform(boot::start(options), |r| Message::Started(r.map(Box::new))),
        )
    }

    /// A window whose engine is already started (tests, benchmarks).
    pub fn ready(started: Started) -> App {
        let mut app = App {
            phase: Phase::Starting,
        };
        let _ = app.started(started);
        app
    }

    pub fn title(&self) -> String {
        match &self.phase {
            Phase::Ready(r) => {
                let (done, total) = r
                    .board
                    .batches
                    .keys()
                    .map(|b| r.board.batch_counts(*b))
                    .fold((0, 0), |(d, t), c| (d + c.0, t + c.3));
                let demo = if r.started.demo.is_some() {
                    " (demo)"
                } else {
                    ""
                };
                if total > 0 && done < total {
                    format!("flowdeck{demo} · {done}/{total} videos")
                } else {
                    format!("flowdeck{demo}")
                }
            }
            _ => "flowdeck".into(),
        }
    }

    pub fn theme(&self) -> Option<Theme> {
        match &self.phase {
            Phase::Ready(r) => match r.started.settings.ui.theme {
                ThemeChoice::System => None,
                ThemeChoice::Light => Some(Theme::Light),
                ThemeChoice::Dark => Some(Theme::Dark),
            },
            _ => None,
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut subs = vec![event::listen_with(subscription_events)];
        if let Phase::Ready(r) = &self.phase {
            subs.push(r.started.events.subscription().map(Message::Engine));
            // A clock only while something on screen counts time.
            if r.board.is_ticking() {
                subs.push(time::every(Duration::from_secs(1)).map(Message::Tick));
            }
        }
        Subscription::batch(subs)
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        if let Message::Started(result) = message {
            return match result {
                Ok(started) => self.started(*started),
                Err(e) => {
                    self.phase = Phase::Failed(e);
                    Task::none()
                }
            };
        }
        let Phase::Ready(r) = &mut self.phase else {
            return Task::none();
        };
        let task = r.update(message);
        r.choices = r.choices();
        r.keyring = r.started.secrets.keyring_problem();
        task
    }

    fn started(&mut self, started: Started) -> Task<Message> {
        let default_out = started
            .settings
            .output
            .dir
            .clone()
            .unwrap_or_else(Paths::default_output);
        let mut board = Board::default();
        for (name, client) in &started.clients {
            board
                .lanes
                .insert(name.clone(), LaneView::new(name, client.provider()));
        }
        let mut banners = Vec::new();
        if let Some(k) = started
            .secrets
            .keyring_problem()
            .filter(|_| started.demo.is_none())
        {
            banners.push(format!(
                "No keyring available ({k}): secrets you add now are kept for this session only."
            ));
        }
        for (a, why) in &started.problems {
            banners.push(format!("Account {a} cannot start: {why}"));
        }
        if started.resumed > 0 {
            banners.push(format!(
                "Resumed {} unfinished take{} from last time.",
                started.resumed,
                if started.resumed == 1 { "" } else { "s" }
            ));
        }
        if started.demo.is_some() {
            banners.push("Demo mode: three simulated Flow accounts, each played by a built-in stand-in for the browser extension, and one Gemini API account making Gemini Omni Flash videos (omni-flash runs on all four); nothing is sent to Google. Prompts containing #unsafe are refused, to show how that looks.".into());
        }
        let screen = if started.resumed > 0 {
            Screen::Queue
        } else {
            Screen::Compose
        };
        let mut compose = Compose::new(default_out.clone());
        if started.demo.is_some() {
            // The one model all four demo accounts make.
            compose.model = crate::model::Model::OmniFlash;
        }
        let running = Running {
            compose,
            settings: SettingsScreen::new(&started.settings, &default_out),
            accounts: Accounts::default(),
            history: History::default(),
            board,
            screen,
            banners,
            last: None,
            now: Instant::now(),
            choices: Vec::new(),
            keyring: started.secrets.keyring_problem(),
            revise: None,
            started,
        };
        let mut running = running;
        running.choices = running.choices();
        // Each account's read-only checks, so a moved service shows before anything is spent.
        let checks =
            running.started.clients.iter().map(|(name, client)| {
                let (name, client) = (name.clone(), client.clone());
                Task::perform(
                    async move {
                        crate::engine::doctor::examine(&client, Duration::from_secs(20)).await
                    },
                    move |v| Message::Doctor(name.clone(), v),
                )
            });
        let checks = Task::batch(checks);
        self.phase = Phase::Ready(Box::new(running));
        checks
    }

    pub fn view(&self) -> Element<'_, Message> {
        match &self.phase {
            Phase::Starting => container(text("Starting…").size(18)).center(Fill).into(),
            Phase::Failed(e) => container(
                column![
                    text("flowdeck could not start").size(22),
                    text(e).size(15),
                    text("Fix the settings file named above (or run `flowdeck accounts list`), then start again.").size(13).style(style::muted),
                ]
                .spacing(12)
                .max_width(720),
            )
            .center(Fill)
            .into(),
            Phase::Ready(r) => r.view(),
        }
    }
}

impl Running {
    pub fn choices(&self) -> Vec<AccountChoice> {
        self.started
            .clients
            .iter()
            .map(|(name, client)| {
                let lane = self.board.lanes.get(name);
                AccountChoice {
                    name: name.clone(),
                    credits: lane.and_then(|l| l.credits),
                    tier: lane.and_then(|l| l.tier.clone()),
                    unsupported: client.supports(&self.compose.shot()).err(),
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
            async move { ledger.batches().await.map_err(|e| e.to_string()) },
            |r| Message::History(history::Message::Loaded(r)),
        )
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Started(_) => {}
            Message::Doctor(name, verdict) => {
                if let Some(lane) = self.board.lanes.get_mut(&name) {
                    lane.doctor = Some(verdict);
                }
            }
            Message::Engine(events) => {
                let now = Instant::now();
                self.now = now;
                for e in events {
                    self.board.apply(e, now);
                }
                // What the engine wants said (lost creates looked up, takes waiting for an
                // account) becomes a banner.
                self.banners.append(&mut self.board.notices);
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
                    let mut body = format!("{} of {total} videos on disk", c.done);
                    if c.failed + c.uncertain + c.timed_out > 0 {
                        body.push_str(&format!(
                            ", {} need a look",
                            c.failed + c.uncertain + c.timed_out
                        ));
                    }
                    Task::perform(
                        platform::notify(format!("flowdeck: {label} finished"), body),
                        |()| Message::Done(Ok(())),
                    )
                });
                return Task::batch(notes);
            }
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
                match self.compose.update(m, &choices, &template) {
                    compose::Action::None => {}
                    compose::Action::Run(t) => return t.map(Message::Compose),
                    compose::Action::Generate(spec) => {
                        let engine = self.started.engine.clone();
                        self.screen = Screen::Queue;
                        return Task::sip(
                            iced::task::sipper(async move |mut progress| {
                                let batch = match engine.submit(spec).await {
                                    Ok(b) => b,
                                    Err(e) => return Err(e.to_string()),
                                };
                                progress.send(batch).await;
                                let counts =
                                    engine.wait_batch(batch).await.map_err(|e| e.to_string());
                                Ok((batch, counts))
                            }),
                            |batch| Message::Submitted(Ok(batch)),
                            |r: Result<(BatchId, Result<BatchCounts, String>), String>| match r {
                                Ok((batch, counts)) => Message::Settled(batch, counts),
                                Err(e) => Message::Submitted(Err(e)),
                            },
                        );
                    }
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
                                    .map_err(|e| e.to_string())
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
                    queue::Message::Reveal(p) => {
                        return Task::perform(platform::reveal(p), Message::Done);
                    }
                    queue::Message::Retry(take) => {
                        return engine_chore(async move { engine.retry(take).await });
                    }
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
                        return engine_chore(async move { engine.retry_failed(batch).await });
                    }
                    queue::Message::Pause(batch, paused) => {
                        if let Some(b) = self.board.batches.get_mut(&batch) {
                            b.paused = paused;
                        }
                        self.chore(engine.pause(batch, paused).map_err(|e| e.to_string()));
                    }
                    queue::Message::Page(batch, page) => {
                        if let Some(b) = self.board.batches.get_mut(&batch) {
                            b.page = page;
                        }
                    }
                    queue::Message::Filter(batch, filter) => {
                        if let Some(b) = self.board.batches.get_mut(&batch) {
                            b.filter = filter;
                            b.page = 0;
                        }
                    }
                    queue::Message::Cancel(batch) => {
                        if let Some(b) = self.board.batches.get_mut(&batch) {
                            b.canceled = true;
                        }
                        self.chore(engine.cancel(batch).map_err(|e| e.to_string()));
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
                self.chore(result.map_err(|e| e.to_string()));
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
                            self.board
                                .lanes
                                .insert(name.clone(), LaneView::new(&name, client.provider()));
                            self.started.clients.insert(name, client);
                        }
                    }
                }
            }
            Message::Settings(m) => {
                let file = self.started.paths.config_file.clone();
                match self.settings.update(m, &self.started.settings, file) {
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
                history::Message::Loaded(r) => self.history.batches = Some(r),
                history::Message::OpenFolder(p) => {
                    return Task::perform(platform::open(p), Message::Done);
                }
                history::Message::RetryFailed(batch) => {
                    let engine = self.started.engine.clone();
                    self.screen = Screen::Queue;
                    return engine_chore(async move { engine.retry_failed(batch).await });
                }
            },
            Message::Key(k) => match k {
                Key::Tab { shift } => {
                    return if shift {
                        iced::widget::operation::focus_previous()
                    } else {
                        iced::widget::operation::focus_next()
                    };
                }
                Key::Escape if self.revise.is_some() => self.revise = None,
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
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if ["txt", "csv", "json"].contains(&ext.as_str()) {
                    self.screen = Screen::Compose;
                    return self.update(Message::Compose(compose::Message::ImportFile(path)));
                }
                self.banners.push(format!(
                    "{} is not a prompt file (.txt, .csv or .json).",
                    path.display()
                ));
            }
            Message::Dismiss(i) => {
                if i < self.banners.len() {
                    self.banners.remove(i);
                }
            }
            Message::Done(r) => self.chore(r),
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
fn engine_chore<T>(
    call: impl std::future::Future<Output = Result<T, crate::engine::EngineError>> + Send + 'static,
) -> Task<Message> {
    Task::perform(
        async move { call.await.map(|_| ()).map_err(|e| e.to_string()) },
        Message::Done,
    )
}
