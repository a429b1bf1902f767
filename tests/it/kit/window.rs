//! The window around a real engine with no network, for the window's tests (iced_test's
//! Simulator on the real views and update functions).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use flowdeck::bridge::{Bridge, BridgeConfig};
use flowdeck::engine::{Engine, EngineConfig};
use flowdeck::engine::{Event, LaneHealth, TakeInfo, TakeUpdate};
use flowdeck::model::TakeState;
use flowdeck::provider::Client;
use flowdeck::provider::flow::{FlowClient, FlowConfig};
use flowdeck::store::config::{AccountEntry, ProviderKind, Settings};
use flowdeck::store::ledger::Ledger;
use flowdeck::store::paths::Paths;
use flowdeck::store::secrets::SecretStore;
use flowdeck::ui::boot::Started;
use flowdeck::ui::link::EventSource;
use flowdeck::ui::{App, Message, Phase};
use iced::{Settings as IcedSettings, Theme};
use iced_test::Error;
use iced_test::Simulator;

pub const ACCOUNTS: [&str; 3] = ["alice", "bob", "carol"];

pub fn temp(tag: &str) -> PathBuf {
    super::temp_dir(&format!("ui-{tag}"))
}

/// A window around a real engine (no lanes, so no network), ready to take events.
pub fn app(rt: &tokio::runtime::Runtime) -> App {
    app_with(rt, Vec::new())
}

/// The window with accounts that could not start (`problems`: name and why).
pub fn app_with(rt: &tokio::runtime::Runtime, problems: Vec<(String, String)>) -> App {
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

pub fn running(app: &mut App) -> &mut flowdeck::ui::Running {
    match &mut app.phase {
        Phase::Ready(r) => r,
        _ => panic!("the window is not ready"),
    }
}

pub fn sim(app: &App) -> Simulator<'_, Message> {
    Simulator::with_size(IcedSettings::default(), (1280.0, 820.0), app.view())
}

/// Feeds what the simulated user did back into the window (tasks are not run).
pub fn deliver(app: &mut App, messages: impl IntoIterator<Item = Message>) {
    for m in messages {
        let _ = app.update(m);
    }
}

pub fn run_tasks(rt: &tokio::runtime::Runtime, app: &mut App, message: Message) {
    use futures_util::StreamExt;
    let mut pending = vec![message];
    while let Some(m) = pending.pop() {
        let Some(stream) = iced_runtime::task::into_stream(app.update(m)) else {
            continue;
        };
        let actions: Vec<_> = rt.block_on(stream.collect());
        for a in actions {
            if let iced_runtime::Action::Output(out) = a {
                pending.push(out);
            }
        }
    }
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
    let mut e = vec![Event::Batch {
        batch: 1,
        label: "scenes_2026-11-25".into(),
        takes: vec![
            info(1, 1, "A red fox walking through fresh snow"),
            info(2, 2, "Cảnh quay từ trên cao: phố cổ Hà Nội lúc bình minh"),
            info(3, 3, "A scene that is #unsafe to make"),
            info(4, 4, "Astronaut planting a tree on the moon"),
        ],
        resumed: false,
    }];
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

pub fn snapshot(app: &App, theme: &Theme, name: &str) -> Result<(), Error> {
    let mut ui = sim(app);
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
