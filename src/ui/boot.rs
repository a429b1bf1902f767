//! Starting the engine for the window: settings, secrets, ledger and lanes (or the demo
//! simulator), then resuming what the last session left unfinished.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::link::EventSource;
use crate::bridge::Bridge;
use crate::engine::Engine;
use crate::model::AccountId;
use crate::ops::session::Session;
use crate::provider::Client;
use crate::sim::demo::World;
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
    let mut problems = Vec::new();
    let (mut session, demo, lock) = if options.demo {
        let paths = Paths::resolve(options.config.clone()).map_err(said)?;
        let d = crate::sim::demo::start(paths, &crate::t!("demo-holder-window"))
            .await
            .map_err(|e| crate::t!("cli-demo-failed", error = e))?;
        let session = Session::with(d.paths, d.settings, Arc::new(d.secrets), Some(d.bridge));
        (session, Some(Arc::new(d.world)), None)
    } else {
        let session = Session::open(options.config.clone()).map_err(|e| e.message.said())?;
        // Before anything else: a second flowdeck on the same ledger must not drive its takes.
        let lock = session
            .lock("the flowdeck window")
            .map_err(|e| e.message.said())?;
        (session, None, Some(Arc::new(lock)))
    };
    // A wrong override is shown; the table built in is used meanwhile.
    if let Some(problem) = session.protocol_problem.take() {
        let file = crate::provider::flow::protocol::OVERRIDE_FILE.to_string();
        problems.push((file, problem.said()));
    }
    if let Some(theme) = options.theme {
        session.settings.ui.theme = theme;
    }
    // This run's language: the flag or variable, else the setting, else the system's.
    let setting = crate::i18n::of_setting(session.settings.ui.language.as_ref()).map_err(said)?;
    crate::i18n::set(
        options
            .language
            .or(setting)
            .unwrap_or_else(crate::i18n::from_system),
    );
    session.page_words = crate::words::pairing_page();
    // The window always listens for browsers, so a Flow account can be paired any time.
    if let Err(e) = session.bridge().await {
        problems.push(("browser bridge".to_string(), e.message.said()));
    }
    let ledger = session.ledger().await.map_err(|e| e.message.said())?;
    let (lanes, more) = session.lanes(&ledger, &[]).await;
    // Compose prices a batch from what each account offers: read it first, briefly.
    crate::ops::session::read_models(&lanes, std::time::Duration::from_secs(5)).await;
    problems.extend(more.into_iter().map(|(a, m)| (a, m.said())));
    let clients = lanes
        .iter()
        .map(|l| (l.name.clone(), l.client.clone()))
        .collect();
    let started = session
        .start(&ledger, lanes, true)
        .await
        .map_err(|e| e.message.said())?;
    Ok(Started {
        engine: started.engine,
        events: EventSource::new(started.events),
        ledger,
        paths: session.paths,
        settings: session.settings,
        secrets: session.secrets,
        clients,
        problems,
        resumed: started.resumed,
        bridge: session.bridge,
        demo,
        lock,
    })
}
