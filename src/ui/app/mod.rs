//! The window: a sidebar of account lanes, tabs for the screens, and the wiring between
//! screens and the engine. Screens return actions; only this module (running.rs) talks to the
//! engine.

use crate::ui::board::LaneLook;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use iced::keyboard::{self, key};
use iced::widget::{column, container, text};
use iced::{Element, Event, Fill, Subscription, Task, Theme, event, time, window};

mod chore;
mod first;
mod from_engine;
mod from_screens;
mod input;
mod running;
pub mod spend;
mod view;

use super::accounts::{self, Accounts};
use super::board::{Board, LaneView};
use super::boot::{self, Options, Started};
use super::compose::{self, AccountChoice, Compose};
use super::history::{self, History};
use super::revise::{self, Revise};
use super::settings::{self, SettingsScreen};
use super::thumbs::{self, Thumbs};
use super::welcome::{self, Welcome};
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
    const ALL: [Screen; 5] = [
        Screen::Compose,
        Screen::Queue,
        Screen::History,
        Screen::Accounts,
        Screen::Settings,
    ];

    /// The tab's name, in the language spoken.
    fn label(self) -> String {
        match self {
            Screen::Compose => crate::t!("tab-compose"),
            Screen::Queue => crate::t!("tab-queue"),
            Screen::History => crate::t!("tab-history"),
            Screen::Accounts => crate::t!("tab-accounts"),
            Screen::Settings => crate::t!("tab-settings"),
        }
    }
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
    Doctor(String, crate::ops::doctor::Verdict),
    Key(Key),
    FileDropped(PathBuf),
    Dismiss(usize),
    /// A background chore ended; an error becomes a banner.
    Done(Result<(), String>),
    /// A file or folder was given to the desktop to open: opened, or why not.
    Opened(Result<(), platform::Unopened>),
    /// Copy a path to the clipboard (of a file that could not be opened).
    CopyPath(PathBuf),
    /// Close the banner about a file that could not be opened.
    DismissUnopened,
    /// What a spending action would send was looked up.
    SpendChecked(
        spend::Spend,
        Result<Vec<crate::store::ledger::TakeRecord>, String>,
    ),
    /// The answer to "this costs again".
    Confirm(bool),
    /// The question's second way to say yes.
    ConfirmOther,
    /// The window was resized (to be remembered).
    Resized(iced::Size),
    /// Half a second after a resize: remember the size if no newer resize came.
    RememberSize(u64),
    /// A thumbnail or preview was decoded.
    Thumbs(thumbs::Message),
    /// Close the larger preview.
    ClosePreview,
    /// What was spent today, from the ledger (Compose weighs its estimate against the caps).
    SpentToday(crate::model::Spend),
    /// A step taken on the first start's welcome.
    Welcome(welcome::Message),
    /// The demo asked for from the welcome started (it takes the window's place), or why not.
    DemoStarted(Result<Box<Started>, String>),
}

/// A banner made when the window starts, kept as what it says so it can be said again.
#[derive(Debug, Clone)]
pub enum StartupBanner {
    NoKeyring(String),
    CannotStart(String, String),
    Resumed(usize),
    Demo,
}

impl StartupBanner {
    pub fn words(&self) -> String {
        match self {
            StartupBanner::NoKeyring(why) => crate::t!("banner-no-keyring", why = why),
            StartupBanner::CannotStart(account, why) => crate::t!(
                "banner-cannot-start",
                account = account.as_str(),
                why = why.as_str()
            ),
            StartupBanner::Resumed(n) => {
                let n = *n;
                crate::t!("banner-resumed", n = n)
            }
            StartupBanner::Demo => crate::t!("banner-demo"),
        }
    }
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
    /// The start-up banners as shown and how to say them again: a language chosen in Settings
    /// re-words those still on screen.
    pub startup: Vec<(String, StartupBanner)>,
    /// The last batch the user started, and how it ended.
    pub last: Option<(BatchId, Option<BatchCounts>)>,
    pub now: Instant,
    /// Accounts as Compose shows them; refreshed after every update.
    pub choices: Vec<AccountChoice>,
    /// Why secrets cannot go to a keyring, once that is known.
    pub keyring: Option<String>,
    /// The Revise dialog, while open.
    pub revise: Option<Revise>,
    /// A question before spending again.
    pub confirm: Option<spend::Confirm>,
    /// Thumbnails of finished videos, and the preview being looked at.
    pub thumbs: Thumbs,
    /// The last file or folder the desktop could not open, with a way to copy its path.
    pub unopened: Option<platform::Unopened>,
    /// The first start's welcome, shown in Compose's place while no account is set up.
    pub welcome: Welcome,
}

pub enum Phase {
    Starting,
    Failed(String),
    Ready(Box<Running>),
}

pub struct App {
    pub phase: Phase,
    /// How the window was started: the demo from the welcome starts the same way.
    options: Options,
    /// Where the window's size is remembered (none in tests), and the latest resize.
    pub size_file: Option<PathBuf>,
    resizes: (u64, Option<iced::Size>),
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
            _ if modifiers.command() => match key.to_latin(physical_key) {
                Some('o') => Some(Message::Key(Key::Import)),
                // Ctrl+1 … Ctrl+5: the tabs, in order.
                Some(c @ '1'..='5') => Screen::ALL
                    .get(c as usize - '1' as usize)
                    .map(|s| Message::Show(*s)),
                _ => None,
            },
            _ => None,
        },
        Event::Window(window::Event::FileDropped(path)) => Some(Message::FileDropped(path)),
        Event::Window(window::Event::Resized(size)) => Some(Message::Resized(size)),
        _ => None,
    }
}

impl App {
    pub fn boot(options: Options) -> (App, Task<Message>) {
        (
            App {
                phase: Phase::Starting,
                size_file: crate::store::paths::Paths::resolve(options.config.clone())
                    .ok()
                    .map(|p| crate::store::window::file(&p.data_dir)),
                resizes: (0, None),
                options: options.clone(),
            },
            Task::perform(boot::start(options), |r| Message::Started(r.map(Box::new))),
        )
    }

    /// A window whose engine is already started (tests, benchmarks).
    pub fn ready(started: Started) -> App {
        let mut app = App {
            phase: Phase::Starting,
            size_file: None,
            resizes: (0, None),
            options: Options::default(),
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
                    .fold((0, 0), |(d, t), c| (d + c.done, t + c.total));
                let demo = if r.started.demo.is_some() {
                    " (demo)"
                } else {
                    ""
                };
                if total > 0 && done < total {
                    let progress = crate::t!("title-progress", done = done, total = total);
                    format!("flowdeck{demo} · {progress}")
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
        // A drag sends many resizes: only the last one, once it settles, is written.
        match message {
            Message::Resized(size) => {
                self.resizes = (self.resizes.0 + 1, Some(size));
                let n = self.resizes.0;
                return Task::perform(tokio::time::sleep(Duration::from_millis(500)), move |()| {
                    Message::RememberSize(n)
                });
            }
            Message::RememberSize(n) => {
                if let (true, Some(size), Some(file)) =
                    (n == self.resizes.0, self.resizes.1, self.size_file.clone())
                {
                    return Task::perform(
                        async move {
                            tokio::task::spawn_blocking(move || {
                                crate::store::window::save(&file, (size.width, size.height))
                            })
                            .await
                        },
                        |r| match r {
                            Ok(Err(e)) => {
                                tracing::warn!("cannot remember the window's size: {e}");
                                Message::Done(Ok(()))
                            }
                            _ => Message::Done(Ok(())),
                        },
                    );
                }
                return Task::none();
            }
            _ => {}
        }
        match message {
            Message::Started(Ok(started)) => self.started(*started),
            Message::Started(Err(e)) => {
                self.phase = Phase::Failed(e);
                Task::none()
            }
            Message::Welcome(m) => self.on_welcome(m),
            Message::DemoStarted(result) => self.demo_started(result),
            message => self.update_running(message),
        }
    }

    /// What the running window does with `message`.
    fn update_running(&mut self, message: Message) -> Task<Message> {
        let Phase::Ready(r) = &mut self.phase else {
            return Task::none();
        };
        let task = r.update(message);
        r.choices = r.choices();
        r.keyring = r
            .started
            .secrets
            .keyring_problem()
            .map(|m| crate::i18n::say(&m));
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
                .insert(name.clone(), LaneView::of_client(name, client));
        }
        let mut startup = Vec::new();
        if let Some(k) = started
            .secrets
            .keyring_problem()
            .filter(|_| started.demo.is_none())
        {
            startup.push(StartupBanner::NoKeyring(crate::i18n::say(&k)));
        }
        for (a, why) in &started.problems {
            startup.push(StartupBanner::CannotStart(a.clone(), why.clone()));
            // The sidebar says the same as the banner: a card with the reason.
            let provider = started
                .settings
                .accounts
                .iter()
                .find(|e| &e.name == a)
                .map(|e| e.provider.to_string())
                .unwrap_or_default();
            let mut lane = LaneView::with_provider(a, &provider);
            lane.own.problem = Some(why.clone());
            board.lanes.insert(a.clone(), lane);
        }
        if started.resumed > 0 {
            startup.push(StartupBanner::Resumed(started.resumed));
        }
        if started.demo.is_some() {
            startup.push(StartupBanner::Demo);
        }
        let startup: Vec<(String, StartupBanner)> =
            startup.into_iter().map(|b| (b.words(), b)).collect();
        let banners = startup.iter().map(|(w, _)| w.clone()).collect();
        let screen = if started.resumed > 0 {
            Screen::Queue
        } else {
            Screen::Compose
        };
        let mut compose = Compose::new(default_out.clone());
        compose.budget = started.settings.budget.overall();
        if started.demo.is_some() {
            // The one model all four demo accounts make.
            compose.model = crate::model::Model::OmniFlash;
        }
        let running = Running {
            compose,
            settings: SettingsScreen::new(&started.settings, &default_out),
            accounts: Accounts {
                no_dialogs: platform::dialogs().err(),
                extension: crate::platform::extension_dir(),
                ..Accounts::default()
            },
            history: History::default(),
            board,
            screen,
            banners,
            startup,
            last: None,
            now: Instant::now(),
            choices: Vec::new(),
            keyring: started
                .secrets
                .keyring_problem()
                .map(|m| crate::i18n::say(&m)),
            revise: None,
            confirm: None,
            thumbs: Thumbs::default(),
            unopened: None,
            welcome: Welcome::default(),
            started,
        };
        let mut running = running;
        running.choices = running.choices();
        // Each account's read-only checks, so a moved service shows before anything is spent.
        let checks = running.started.clients.iter().map(|(name, client)| {
            let (name, client) = (name.clone(), client.clone());
            Task::perform(
                async move { crate::ops::doctor::examine(&client, Duration::from_secs(20)).await },
                move |v| Message::Doctor(name.clone(), v),
            )
        });
        let checks = Task::batch(checks.chain([running.load_spent()]));
        self.phase = Phase::Ready(Box::new(running));
        checks
    }

    pub fn view(&self) -> Element<'_, Message> {
        match &self.phase {
            Phase::Starting => container(text(crate::t!("starting")).size(18))
                .center(Fill)
                .into(),
            Phase::Failed(e) => container(
                column![
                    text(crate::t!("could-not-start")).size(22),
                    text(e).size(15),
                    text(crate::t!("could-not-start-help"))
                        .size(13)
                        .style(style::muted),
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

#[cfg(test)]
mod tests {
    use super::*;
    use iced::keyboard::{Location, Modifiers, key::Code, key::Physical};

    fn press(c: char, code: Code, modifiers: Modifiers) -> Option<Message> {
        let key = keyboard::Key::Character(c.to_string().into());
        let event = Event::Keyboard(keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key,
            physical_key: Physical::Code(code),
            location: Location::Standard,
            modifiers,
            text: None,
            repeat: false,
        });
        subscription_events(event, event::Status::Ignored, window::Id::unique())
    }

    #[test]
    fn ctrl_and_a_digit_open_the_tabs_in_order() {
        let ctrl = Modifiers::COMMAND;
        assert!(matches!(
            press('1', Code::Digit1, ctrl),
            Some(Message::Show(Screen::Compose))
        ));
        assert!(matches!(
            press('3', Code::Digit3, ctrl),
            Some(Message::Show(Screen::History))
        ));
        assert!(matches!(
            press('5', Code::Digit5, ctrl),
            Some(Message::Show(Screen::Settings))
        ));
        assert!(press('6', Code::Digit6, ctrl).is_none());
        // A digit typed without Ctrl is the editor's.
        assert!(press('2', Code::Digit2, Modifiers::empty()).is_none());
    }
}
