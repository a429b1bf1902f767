//! The window fixture: `Window::new()`, or `Window::with_lanes(["alice"])` for an engine with
//! alice's lane in it, and what a test does with it (look, click, deliver, run its tasks,
//! record takes in its ledger, compare a snapshot).

use std::path::PathBuf;
use std::sync::Arc;

use flowdeck::engine::LaneSpec;
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, RemoteRef, Scene, TakeState};
use flowdeck::store::ledger::{Change, Ledger, TakeRecord};
use flowdeck::ui::{App, Message, Phase, Running};
use iced::{Settings as IcedSettings, Theme};
use iced_test::{Error, Simulator};

use super::app_with;

/// The window, ready to take events, with the runtime its engine and tasks run on.
pub struct Window {
    pub rt: tokio::runtime::Runtime,
    pub app: App,
}

impl Default for Window {
    fn default() -> Window {
        Window::with_lanes([])
    }
}

impl Window {
    /// Around a real engine with no lanes, so no network.
    pub fn new() -> Window {
        Window::default()
    }

    /// With lanes in the engine for the accounts `names`, whose browsers never connect: what
    /// is submitted waits in the engine's queue.
    pub fn with_lanes<const N: usize>(names: [&str; N]) -> Window {
        let mut w = Window::with_problems(Vec::new());
        for name in names {
            let client = w.running().started.clients[name].clone();
            w.running()
                .started
                .engine
                .add_lane(LaneSpec {
                    name: name.into(),
                    client,
                    concurrency: 1,
                })
                .expect("lane");
        }
        w
    }

    /// With accounts that could not start (`problems`: name and why).
    pub fn with_problems(problems: Vec<(String, String)>) -> Window {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let app = app_with(&rt, problems);
        let mut w = Window::around(rt, app);
        // The extension where the .deb puts it, whatever this checkout's path: the same
        // Accounts screen drawn everywhere.
        w.running().accounts.extension = Some(PathBuf::from("/usr/share/flowdeck/extension"));
        w
    }

    /// A first start: no account set up (the extension found as the window finds it).
    pub fn first_start() -> Window {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let app = super::idle::idle_app(&rt, &super::temp("first-start"), &[], Vec::new());
        Window::around(rt, app)
    }

    fn around(rt: tokio::runtime::Runtime, app: App) -> Window {
        let mut w = Window { rt, app };
        // As on a machine with no file dialog (CI's), whatever this one has: the same
        // controls drawn everywhere.
        let none = "this desktop has no file-dialog service";
        w.running().compose.dialogs = Err(none.into());
        w.running().accounts.no_dialogs = Some(none.into());
        w
    }

    /// The window as it is drawn now, to look at and click.
    pub fn ui(&self) -> Simulator<'_, Message> {
        Simulator::with_size(IcedSettings::default(), (1280.0, 820.0), self.app.view())
    }

    /// The window as drawn now at the size it opens at on a first start (1240×700).
    pub fn ui_as_opened(&self) -> Simulator<'_, Message> {
        let (w, h) = flowdeck::store::window::DEFAULT;
        Simulator::with_size(IcedSettings::default(), (w, h), self.app.view())
    }

    /// Whether some text in the window as drawn now holds `wanted`.
    pub fn shows(&self, wanted: &str) -> bool {
        use iced_test::selector::Candidate;
        let wanted = wanted.to_string();
        self.ui()
            .find(move |c: Candidate<'_>| match c {
                Candidate::Text { content, .. } if content.contains(&wanted) => Some(()),
                _ => None,
            })
            .is_ok()
    }

    /// Clicks `target` in the window as drawn now; what that sent (not delivered yet).
    pub fn click(&self, target: &str) -> Result<Vec<Message>, Error> {
        let mut ui = self.ui();
        let _ = ui.click(target)?;
        Ok(ui.into_messages().collect())
    }

    /// Clicks `target` and feeds the window what that sent (tasks are not run).
    pub fn press(&mut self, target: &str) -> Result<(), Error> {
        let messages = self.click(target)?;
        self.deliver(messages);
        Ok(())
    }

    /// Feeds messages (what the simulated user did) to the window; tasks are not run.
    pub fn deliver(&mut self, messages: impl IntoIterator<Item = Message>) {
        for m in messages {
            let _ = self.app.update(m);
        }
    }

    /// As [`Self::deliver`], inside the runtime (for updates that start its work themselves).
    pub fn deliver_in_rt(&mut self, messages: impl IntoIterator<Item = Message>) {
        let Window { rt, app } = self;
        for m in messages {
            rt.block_on(async {
                let _ = app.update(m);
            });
        }
    }

    /// Runs what `update` asked for (the window's tasks) and feeds each output back, as the
    /// runtime would: the real async work, not a stand-in.
    pub fn run_tasks(&mut self, message: Message) {
        use futures_util::StreamExt;
        let mut pending = vec![message];
        while let Some(m) = pending.pop() {
            let Some(stream) = iced_runtime::task::into_stream(self.app.update(m)) else {
                continue;
            };
            let actions: Vec<_> = self.rt.block_on(stream.collect());
            for a in actions {
                if let iced_runtime::Action::Output(out) = a {
                    pending.push(out);
                }
            }
        }
    }

    pub fn running(&mut self) -> &mut Running {
        match &mut self.app.phase {
            Phase::Ready(r) => r,
            _ => panic!("the window is not ready"),
        }
    }

    pub fn ledger(&mut self) -> Ledger {
        self.running().started.ledger.clone()
    }

    /// A batch of one scene, `copies` takes of `prompt` for alice, recorded in the ledger
    /// (nothing is sent).
    pub fn batch(
        &mut self,
        label: &str,
        prompt: &str,
        copies: u8,
        out_dir: PathBuf,
    ) -> (i64, Vec<TakeRecord>) {
        let ledger = self.ledger();
        self.rt
            .block_on(ledger.create_batch(BatchSpec {
                label: label.into(),
                scenes: vec![Scene::new(
                    prompt,
                    Model::Veo31Fast,
                    Aspect::Landscape,
                    copies,
                )],
                out_dir,
                template: "{slug}_{take}.mp4".into(),
                accounts: vec!["alice".into()],
                mode: Mode::Parallel,
                caps: Default::default(),
            }))
            .expect("batch")
    }

    /// Moves take `id` through `steps` in the ledger.
    pub fn record(&mut self, id: i64, steps: Vec<(TakeState, Change)>) {
        let ledger = self.ledger();
        for (to, change) in steps {
            self.rt
                .block_on(ledger.transition(id, to, change))
                .expect("transition");
        }
    }

    pub fn snapshot(&self, theme: &Theme, name: &str) -> Result<(), Error> {
        let mut ui = self.ui();
        let shot = ui.snapshot(theme)?;
        // For a person to look at: written next to the build, not committed.
        let _ = shot.matches_image(
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("flowdeck-snapshots/{name}")),
        );
        assert!(
            shot.matches_hash(format!(
                "{}/tests/snapshots/{name}",
                env!("CARGO_MANIFEST_DIR")
            ))?,
            "the {name} screen changed; look at the image in target/tmp/flowdeck-snapshots and, if it is right, delete the .sha256 to record it"
        );
        Ok(())
    }
}

/// Compose's message for `text` pasted into the prompts.
pub fn paste(text: &str) -> flowdeck::ui::compose::Message {
    use iced::widget::text_editor::{Action, Edit};
    flowdeck::ui::compose::Message::Edit(Action::Edit(Edit::Paste(Arc::new(text.into()))))
}

/// The step of a take dealt to `account`.
pub fn assigned(account: &str) -> (TakeState, Change) {
    (
        TakeState::Assigned,
        Change {
            account: Some(account.into()),
            ..Change::default()
        },
    )
}

/// A take's steps from alice making it to its file `path` of `bytes` on disk, `remote` being
/// what the service named it.
pub fn made_on_alice(remote: RemoteRef, path: PathBuf, bytes: u64) -> Vec<(TakeState, Change)> {
    vec![
        assigned("alice"),
        (
            TakeState::Submitting,
            Change {
                submitted: true,
                ..Change::default()
            },
        ),
        (
            TakeState::Generating,
            Change {
                remote: Some(remote),
                ..Change::default()
            },
        ),
        (TakeState::Ready, Change::default()),
        (
            TakeState::Downloading,
            Change {
                path: Some(path),
                ..Change::default()
            },
        ),
        (
            TakeState::Done,
            Change {
                bytes: Some(bytes),
                ..Change::default()
            },
        ),
    ]
}
