//! The window around a real engine with no network, for the window's tests (iced_test's
//! Simulator on the real views and update functions): `Window::new()`, or
//! `Window::with_lanes(["alice"])` for an engine with alice's lane in it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use flowdeck::bridge::{Bridge, BridgeConfig};
use flowdeck::engine::{Engine, EngineConfig, LaneSpec};
use flowdeck::engine::{Event, LaneHealth, TakeInfo, TakeUpdate};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene, TakeState};
use flowdeck::provider::Client;
use flowdeck::provider::flow::{FlowClient, FlowConfig};
use flowdeck::store::config::{AccountEntry, ProviderKind, Settings};
use flowdeck::store::ledger::{Change, Ledger, TakeRecord};
use flowdeck::store::paths::Paths;
use flowdeck::store::secrets::SecretStore;
use flowdeck::ui::boot::Started;
use flowdeck::ui::link::EventSource;
use flowdeck::ui::{App, Message, Phase, Running};
use iced::{Settings as IcedSettings, Theme};
use iced_test::Error;
use iced_test::Simulator;

pub const ACCOUNTS: [&str; 3] = ["alice", "bob", "carol"];

pub fn temp(tag: &str) -> PathBuf {
    super::temp_dir(&format!("ui-{tag}"))
}

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
        Window { rt, app }
    }

    /// The window as it is drawn now, to look at and click.
    pub fn ui(&self) -> Simulator<'_, Message> {
        Simulator::with_size(IcedSettings::default(), (1280.0, 820.0), self.app.view())
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
pub fn made_on_alice(remote: &str, path: PathBuf, bytes: u64) -> Vec<(TakeState, Change)> {
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
                remote: Some(remote.into()),
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

/// The window with accounts that could not start (`problems`: name and why).
fn app_with(rt: &tokio::runtime::Runtime, problems: Vec<(String, String)>) -> App {
    let dir = temp("app");
    let ledger = Ledger::open_in_memory().expect("ledger");
    let (engine, events) = rt
        .block_on(Engine::start(
            EngineConfig::default(),
            ledger.clone(),
            Vec::new(),
        ))
        .expect("engine");
    let mut settings = Settings::default();
    settings.output.dir = Some(PathBuf::from("/videos/flowdeck"));
    // A bridge no browser connects to: the lanes wait for their browsers, nothing is sent.
    let bridge = Arc::new(
        rt.block_on(Bridge::start(
            BridgeConfig {
                port: 0,
                ..BridgeConfig::default()
            },
            Default::default(),
        ))
        .expect("bridge"),
    );
    let mut clients = BTreeMap::new();
    for name in ACCOUNTS {
        settings
            .accounts
            .push(AccountEntry::new(name, ProviderKind::Flow));
        let client = FlowClient::new(
            FlowConfig::default(),
            Arc::new(bridge.link(name)),
            Some("project".into()),
            None,
        )
        .expect("client");
        clients.insert(name.to_string(), Arc::new(Client::Flow(client)));
    }
    let started = Started {
        engine,
        events: EventSource::new(events),
        ledger,
        paths: Paths {
            config_file: dir.join("config.toml"),
            config_explicit: false,
            data_dir: dir.clone(),
            log_dir: dir.join("logs"),
        },
        settings,
        secrets: Arc::new(SecretStore::memory_only("tests have no keyring")),
        clients,
        problems,
        resumed: 0,
        bridge: Some(bridge),
        demo: None,
        lock: None,
    };
    App::ready(started)
}

/// Compose drawn alone, with no thumbnails decoded.
pub fn no_thumbs() -> &'static flowdeck::ui::thumbs::Thumbs {
    Box::leak(Box::default())
}

/// A batch as the engine announces it.
pub fn batch_of(batch: i64, label: &str, takes: Vec<TakeInfo>) -> Event {
    Event::Batch {
        batch,
        label: label.into(),
        takes,
        resumed: false,
    }
}

/// One queued take per prompt, take and scene numbered from 1.
pub fn scenes(prompts: &[&str]) -> Vec<TakeInfo> {
    (1..)
        .zip(prompts)
        .map(|(n, p)| info(n, n as u32, p))
        .collect()
}

pub fn info(take: i64, scene: u32, prompt: &str) -> TakeInfo {
    TakeInfo {
        take,
        scene,
        copy: 1,
        prompt: prompt.into(),
        state: TakeState::Queued,
        account: None,
        message: None,
        revisable: false,
        upscalable: false,
        from: None,
        holds: Vec::new(),
    }
}

/// Take `take` (of scene `take`) done on `account`, its file `path` of `bytes`.
pub fn done(take: i64, account: &str, path: PathBuf, bytes: u64) -> TakeUpdate {
    TakeUpdate {
        take,
        batch: 1,
        scene: take as u32,
        copy: 1,
        account: Some(account.into()),
        state: TakeState::Done,
        message: None,
        path: Some(path),
        bytes: Some(bytes),
        revisable: false,
        upscalable: false,
        holds: Vec::new(),
    }
}

pub fn take(
    take: i64,
    scene: u32,
    state: TakeState,
    account: &str,
    message: Option<&str>,
) -> Event {
    Event::Take(TakeUpdate {
        take,
        batch: 1,
        scene,
        copy: 1,
        account: Some(account.into()),
        state,
        message: message.map(str::to_string),
        path: (state == TakeState::Done)
            .then(|| PathBuf::from("/videos/flowdeck/b/001_a-red-fox_1.mp4")),
        bytes: (state == TakeState::Done).then_some(3 << 20),
        revisable: false,
        upscalable: false,
        holds: Vec::new(),
    })
}

/// A batch in every interesting state, as the engine would report it.
pub fn busy_events() -> Vec<Event> {
    let mut e = vec![batch_of(
        1,
        "scenes_2026-11-25",
        scenes(&[
            "A red fox walking through fresh snow",
            "Cảnh quay từ trên cao: phố cổ Hà Nội lúc bình minh",
            "A scene that is #unsafe to make",
            "Astronaut planting a tree on the moon",
        ]),
    )];
    // Assigned … Done for take 1, Assigned … Downloading for take 2.
    for &s in &TakeState::ALL[1..=6] {
        e.push(take(1, 1, s, "alice", None));
    }
    for &s in &TakeState::ALL[1..=5] {
        e.push(take(2, 2, s, "bob", None));
    }
    e.push(Event::Progress {
        account: "bob".into(),
        takes: vec![(2, 3 << 19, Some(3 << 20))],
    });
    for s in [
        TakeState::Assigned,
        TakeState::Submitting,
        TakeState::Generating,
    ] {
        e.push(take(3, 3, s, "carol", None));
    }
    // The reasons as the real code words them, in the language being spoken.
    let refused = flowdeck::provider::flow::classify::classify_public_error(
        "PUBLIC_ERROR_UNSAFE_GENERATION",
        None,
    )
    .to_string();
    e.push(take(3, 3, TakeState::Failed, "carol", Some(&refused)));
    e.push(take(4, 4, TakeState::Assigned, "alice", None));
    e.push(take(4, 4, TakeState::Generating, "alice", None));
    e.push(Event::Credits {
        account: "alice".into(),
        credits: Some(9_960),
        tier: Some("Pro".into()),
        email: Some("alice@example.com".into()),
    });
    e.push(Event::Lane {
        account: "alice".into(),
        health: LaneHealth::Ready,
        in_flight: 1,
    });
    e.push(Event::Lane {
        account: "bob".into(),
        health: LaneHealth::WaitingForBrowser {
            reason: flowdeck::t!("flow-waiting-browser"),
        },
        in_flight: 1,
    });
    e.push(Event::Lane {
        account: "carol".into(),
        health: LaneHealth::CoolingDown { seconds: 30 },
        in_flight: 0,
    });
    e
}
