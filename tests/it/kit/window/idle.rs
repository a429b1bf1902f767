//! A window on a real engine and an in-memory ledger whose Flow accounts' browsers never
//! connect, so nothing is sent: the window's tests and the frame benchmark start from it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flowdeck::bridge::{Bridge, BridgeConfig};
use flowdeck::engine::{Engine, EngineConfig, TakeInfo};
use flowdeck::model::TakeState;
use flowdeck::provider::Client;
use flowdeck::provider::flow::{FlowClient, FlowConfig};
use flowdeck::store::config::{AccountEntry, ProviderKind, Settings};
use flowdeck::store::ledger::Ledger;
use flowdeck::store::paths::Paths;
use flowdeck::store::secrets::SecretStore;
use flowdeck::ui::App;
use flowdeck::ui::boot::Started;
use flowdeck::ui::link::EventSource;

/// The window with Flow accounts `names` (data in `dir`), and accounts that could not start
/// (`problems`: name and why).
pub fn idle_app(
    rt: &tokio::runtime::Runtime,
    dir: &Path,
    names: &[String],
    problems: Vec<(String, String)>,
) -> App {
    let ledger = Ledger::open_in_memory().expect("ledger");
    idle_app_on(rt, dir, names, problems, ledger)
}

/// The same on a ledger of the caller's (the scale benchmark's History reads a big one).
pub fn idle_app_on(
    rt: &tokio::runtime::Runtime,
    dir: &Path,
    names: &[String],
    problems: Vec<(String, String)>,
    ledger: Ledger,
) -> App {
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
    for name in names {
        settings
            .accounts
            .push(AccountEntry::new(name, ProviderKind::Flow));
        let link = Arc::new(bridge.link(name));
        let client = FlowClient::new(FlowConfig::default(), link, Some("project".into()), None)
            .expect("client");
        clients.insert(name.clone(), Arc::new(Client::Flow(client)));
    }
    App::ready(Started {
        engine,
        events: EventSource::new(events),
        ledger,
        paths: Paths {
            config_file: dir.join("config.toml"),
            data_dir: dir.to_path_buf(),
            log_dir: dir.join("logs"),
        },
        settings,
        secrets: Arc::new(SecretStore::memory_only(
            flowdeck::message::Message::verbatim("tests have no keyring"),
        )),
        clients,
        problems,
        resumed: 0,
        bridge: Some(bridge),
        demo: None,
        lock: None,
    })
}

/// A queued take of `prompt`, not yet on any account.
pub fn info(take: i64, scene: u32, prompt: &str) -> TakeInfo {
    TakeInfo {
        take,
        scene,
        copy: 1,
        prompt: prompt.into(),
        state: TakeState::Queued,
        account: None,
        message: None,
        failure: None,
        revisable: false,
        upscalable: false,
        from: flowdeck::engine::Origin::default(),
        holds: Vec::new(),
    }
}
