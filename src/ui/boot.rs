//! Starting the engine for the window: settings, secrets, ledger and lanes (or the demo
//! simulator), then resuming what the last session left unfinished.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::link::EventSource;
use crate::bridge::Bridge;
use crate::engine::{Engine, EngineConfig, setup};
use crate::model::AccountId;
use crate::provider::Client;
use crate::sim::demo::World;
use crate::store::captures::Captures;
use crate::store::config::{Settings, ThemeChoice};
use crate::store::ledger::Ledger;
use crate::store::paths::Paths;
use crate::store::secrets::SecretStore;
use crate::words::{Said, said};

/// How the window was asked to start.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub demo: bool,
    pub config: Option<PathBuf>,
    /// A theme for this run only (not saved).
    pub theme: Option<ThemeChoice>,
    /// A language for this run only (`--lang`, FLOWDECK_LANG; not saved).
    pub language: Option<crate::i18n::Language>,
}

/// A started engine and everything the window needs next to it.
#[derive(Clone)]
pub struct Started {
    pub engine: Engine,
    pub events: EventSource,
    pub ledger: Ledger,
    pub paths: Paths,
    pub settings: Settings,
    pub secrets: Arc<SecretStore>,
    pub clients: BTreeMap<AccountId, Arc<Client>>,
    /// Accounts that could not be started, and why.
    pub problems: Vec<(AccountId, String)>,
    pub resumed: usize,
    /// The browser bridge, when it could listen.
    pub bridge: Option<Arc<Bridge>>,
    /// The demo's simulator and stand-in extensions, alive as long as the window.
    pub demo: Option<Arc<World>>,
    /// The right to drive this data folder's takes, held as long as the window.
    pub lock: Option<Arc<crate::store::lock::EngineLock>>,
}

impl std::fmt::Debug for Started {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Started")
            .field("accounts", &self.clients.keys())
            .finish_non_exhaustive()
    }
}

pub async fn start(options: Options) -> Result<Started, String> {
    let paths = Paths::resolve(options.config.clone()).map_err(said)?;
    // Before anything else: a second flowdeck on the same ledger must not drive its takes.
    let lock = if options.demo {
        None
    } else {
        Some(Arc::new(
            crate::store::lock::EngineLock::acquire(&paths.data_dir, "the flowdeck window")
                .map_err(|e| e.said())?,
        ))
    };
    let mut problems = Vec::new();
    let (paths, mut settings, secrets, demo, bridge) = if options.demo {
        let d = crate::sim::demo::start(paths, &crate::t!("demo-holder-window"))
            .await
            .map_err(|e| crate::t!("cli-demo-failed", error = e))?;
        (
            d.paths,
            d.settings,
            d.secrets,
            Some(Arc::new(d.world)),
            Some(d.bridge),
        )
    } else {
        let settings =
            Settings::load(&paths.config_file, paths.config_explicit).map_err(|e| e.said())?;
        // A wrong override is shown; the table built in is used meanwhile.
        if let Err(error) = crate::provider::flow::protocol::load_beside(&paths.config_file) {
            problems.push((
                crate::provider::flow::protocol::OVERRIDE_FILE.to_string(),
                crate::t!("flow-protocol-override-bad", error = error),
            ));
        }
        let secrets = SecretStore::new();
        // The window always listens for browsers, so a Flow account can be paired any time.
        let bridge = match setup::start_bridge(&settings, &secrets).await {
            Ok(b) => Some(Arc::new(b)),
            Err(e) => {
                problems.push(("browser bridge".to_string(), e.said()));
                None
            }
        };
        (paths, settings, secrets, None, bridge)
    };
    if let Some(theme) = options.theme {
        settings.ui.theme = theme;
    }
    // This run's language: the flag or variable, else the setting, else the system's.
    crate::i18n::set(
        options
            .language
            .or(settings.ui.language)
            .unwrap_or_else(crate::i18n::from_system),
    );
    let ledger = {
        let path = paths.ledger();
        tokio::task::spawn_blocking(move || Ledger::open(&path))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| crate::t!("ledger-unreadable", error = e.said()))?
    };
    let projects = ledger.account_projects().await.unwrap_or_default();
    let links = bridge.as_deref().map(|bridge| setup::FlowLinks {
        bridge,
        projects: &projects,
        captures: Some(Captures::sink(&paths, &settings)),
    });
    let (lanes, more) = setup::lanes(&settings, &secrets, &[], links.as_ref()).await;
    problems.extend(more.into_iter().map(|(a, m)| (a, m.said())));
    let clients = lanes
        .iter()
        .map(|l| (l.name.clone(), l.client.clone()))
        .collect();
    let (engine, events) =
        Engine::start(EngineConfig::from(&settings.engine), ledger.clone(), lanes)
            .await
            .map_err(|e| e.said())?;
    let unfinished = ledger.unfinished().await.map_err(|e| e.said())?.len()
        + setup::lookable_uncertain(&ledger, &settings)
            .await
            .map_err(|e| e.said())?;
    if unfinished > 0 {
        engine.resume().await.map_err(|e| e.said())?;
    }
    Ok(Started {
        engine,
        events: EventSource::new(events),
        ledger,
        paths,
        settings,
        secrets: Arc::new(secrets),
        clients,
        problems,
        resumed: unfinished,
        bridge,
        demo,
        lock,
    })
}
