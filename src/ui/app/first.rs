//! The first start's welcome, carried out: the demo started in this window, or the Accounts
//! screen opened on one provider's add form.

use super::*;

impl Running {
    /// The welcome takes Compose's place while nothing is set up (never in the demo).
    pub fn welcoming(&self) -> bool {
        self.screen == Screen::Compose
            && self.started.demo.is_none()
            && self.started.settings.accounts.is_empty()
    }
}

impl App {
    pub(super) fn on_welcome(&mut self, m: welcome::Message) -> Task<Message> {
        let Phase::Ready(r) = &mut self.phase else {
            return Task::none();
        };
        match r.welcome.update(m) {
            welcome::Action::Add(provider) => {
                r.screen = Screen::Accounts;
                r.accounts
                    .start_adding(provider, &r.started.settings)
                    .map(Message::Accounts)
            }
            // The demo as `flowdeck --demo` starts it, in the theme and language on screen.
            welcome::Action::StartDemo => {
                let options = Options {
                    demo: true,
                    theme: Some(r.started.settings.ui.theme),
                    language: Some(crate::i18n::current()),
                    ..self.options.clone()
                };
                Task::perform(boot::start(options), |r| {
                    Message::DemoStarted(r.map(Box::new))
                })
            }
        }
    }

    /// The demo replaces the empty window (whose engine, bridge and lock go with it); if it
    /// could not start, the welcome says why and stays.
    pub(super) fn demo_started(&mut self, result: Result<Box<Started>, String>) -> Task<Message> {
        let Phase::Ready(r) = &mut self.phase else {
            return Task::none();
        };
        match result {
            // An account added meanwhile wins: the demo just started is let go.
            Ok(demo) if r.started.settings.accounts.is_empty() => self.started(*demo),
            Ok(_) => Task::none(),
            Err(e) => {
                r.welcome.demo_failed(e);
                Task::none()
            }
        }
    }
}
