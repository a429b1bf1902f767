//! A session on the data folder, built once by each front end: paths, settings and secrets,
//! then on demand the browser bridge, the ledger, the right to drive takes, the accounts'
//! lanes and a started engine. Failures come back as [`Error`]s the front end words.

use std::path::PathBuf;
use std::sync::Arc;

use super::error::Error;
use super::setup;
use crate::bridge::Bridge;
use crate::bridge::page::PageWords;
use crate::engine::{Engine, EngineConfig, Event, LaneSpec};
use crate::message::Message;
use crate::provider::capture::CaptureSink;
use crate::provider::flow::protocol;
use crate::store::captures::Captures;
use crate::store::config::Settings;
use crate::store::ledger::Ledger;
use crate::store::lock::EngineLock;
use crate::store::paths::Paths;
use crate::store::secrets::SecretStore;

pub struct Session {
    pub paths: Paths,
    pub settings: Settings,
    pub secrets: Arc<SecretStore>,
    /// The browser bridge, once started.
    pub bridge: Option<Arc<Bridge>>,
    /// Why the Flow table beside the settings cannot be used (the built-in one is, meanwhile).
    pub protocol_problem: Option<Message>,
    /// The pairing page's words, in the front end's language.
    pub page_words: PageWords,
}

/// A started engine, its events, and how many takes it found unfinished and took up again.
pub struct Started {
    pub engine: Engine,
    pub events: tokio::sync::mpsc::UnboundedReceiver<Event>,
    pub resumed: usize,
}

impl Session {
    /// Reads where things are and the settings (`config` names the settings file).
    pub fn open(config: Option<PathBuf>) -> Result<Session, Error> {
        let paths = Paths::resolve(config).map_err(Error::input)?;
        let settings =
            Settings::load(&paths.config_file).map_err(|e| Error::input(e.to_message()))?;
        let protocol_problem = protocol::load_beside(&paths.config_file)
            .err()
            .map(|error| crate::msg!("flow-protocol-override-bad", error = error));
        Ok(
            Session::with(paths, settings, Arc::new(SecretStore::new()), None)
                .problem(protocol_problem),
        )
    }

    /// A session on parts made elsewhere (the demo's simulator and stand-in browsers).
    pub fn with(
        paths: Paths,
        settings: Settings,
        secrets: Arc<SecretStore>,
        bridge: Option<Arc<Bridge>>,
    ) -> Session {
        Session {
            paths,
            settings,
            secrets,
            bridge,
            protocol_problem: None,
            page_words: PageWords::default(),
        }
    }

    fn problem(mut self, problem: Option<Message>) -> Session {
        self.protocol_problem = problem;
        self
    }

    /// The right to drive this data folder's takes, held until dropped: a second engine on
    /// the same ledger is refused with who holds it.
    pub fn lock(&self, holder: &str) -> Result<EngineLock, Error> {
        EngineLock::acquire(&self.paths.data_dir, holder).map_err(|e| Error::input(e.message()))
    }

    /// The browser bridge, started on first use with every paired account's secret.
    pub async fn bridge(&mut self) -> Result<Arc<Bridge>, Error> {
        if let Some(b) = &self.bridge {
            return Ok(b.clone());
        }
        let b = setup::start_bridge(&self.settings, &self.secrets, self.page_words.clone())
            .await
            .map_err(|e| Error::failed(e.message()))?;
        let b = Arc::new(b);
        self.bridge = Some(b.clone());
        Ok(b)
    }

    /// The ledger of this data folder.
    pub async fn ledger(&self) -> Result<Ledger, Error> {
        let path = self.paths.ledger();
        let file = path.display().to_string();
        tokio::task::spawn_blocking(move || Ledger::open(&path))
            .await
            .map_err(|_| Error::failed(crate::msg!("session-stopped")))?
            .map_err(|e| {
                Error::input(crate::msg!(
                    "cli-ledger-unreadable",
                    file = file,
                    error = e.message()
                ))
            })
    }

    /// Where this folder's clients keep answers flowdeck could not read.
    pub fn captures(&self) -> Arc<dyn CaptureSink> {
        Captures::sink(&self.paths, &self.settings)
    }

    /// Lanes for `names` (every enabled account when empty), Flow accounts through the bridge
    /// when it runs; accounts that cannot be used come back with the reason.
    pub async fn lanes(
        &self,
        ledger: &Ledger,
        names: &[String],
    ) -> (Vec<LaneSpec>, Vec<(String, Message)>) {
        let projects = ledger.account_projects().await.unwrap_or_default();
        let links = self.bridge.as_deref().map(|bridge| setup::FlowLinks {
            bridge,
            projects: &projects,
            captures: Some(self.captures()),
        });
        setup::lanes(&self.settings, &self.secrets, names, links.as_ref()).await
    }

    /// Starts the engine on `lanes`, taking up what an earlier session left unfinished when
    /// `resume` is set.
    pub async fn start(
        &self,
        ledger: &Ledger,
        lanes: Vec<LaneSpec>,
        resume: bool,
    ) -> Result<Started, Error> {
        let failed = |e: crate::engine::EngineError| Error::failed(e.message());
        let (engine, events) = Engine::start(
            EngineConfig::from(&self.settings.engine),
            ledger.clone(),
            lanes,
        )
        .await
        .map_err(failed)?;
        super::holds::Holds::at(&self.paths.data_dir).apply(&engine);
        engine
            .set_budget(self.settings.budget.clone())
            .map_err(failed)?;
        let mut resumed = 0;
        if resume {
            let ledger_failed = |e: crate::store::ledger::LedgerError| Error::failed(e.message());
            resumed = ledger.unfinished().await.map_err(ledger_failed)?.len()
                + setup::lookable_uncertain(ledger, &self.settings)
                    .await
                    .map_err(ledger_failed)?;
            if resumed > 0 {
                engine.resume().await.map_err(failed)?;
            }
        }
        Ok(Started {
            engine,
            events,
            resumed,
        })
    }

    /// What an account change in this session touches.
    pub fn scope(
        &self,
        ledger: Option<Ledger>,
        engine: Option<Engine>,
        memory_lasts: bool,
    ) -> super::accounts::Scope {
        super::accounts::Scope {
            settings: self.settings.clone(),
            file: self.paths.config_file.clone(),
            secrets: self.secrets.clone(),
            ledger,
            engine,
            bridge: self.bridge.clone(),
            captures: Some(self.captures()),
            memory_lasts,
        }
    }
}

/// Which models each account offers, read side by side before any work is dealt or priced; an
/// account that cannot say within `limit` (or whose browser is not there) is left to its lane.
pub async fn read_models(lanes: &[LaneSpec], limit: std::time::Duration) {
    let reads = lanes.iter().map(|l| async move {
        let connected = l
            .client
            .presence()
            .is_none_or(|p| l.client.browser_problem(&p.borrow()).is_none());
        if connected {
            tokio::time::timeout(limit, l.client.load_models())
                .await
                .ok();
        }
    });
    futures_util::future::join_all(reads).await;
}
