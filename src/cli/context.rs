//! What every command loads: paths, settings, secrets and the ledger, with failures turned
//! into exit codes and plain sentences.

use std::path::PathBuf;
use std::sync::Arc;

use crate::bridge::Bridge;
use crate::engine::setup;
use crate::provider::flow::protocol;
use crate::store::config::Settings;
use crate::store::ledger::Ledger;
use crate::store::paths::Paths;
use crate::store::secrets::SecretStore;
use crate::words::Said;

/// What a command prints: a sentence already made, or a message put into words here.
pub trait Text {
    fn text(self) -> String;
}

impl Text for String {
    fn text(self) -> String {
        self
    }
}

impl Text for &str {
    fn text(self) -> String {
        self.to_string()
    }
}

impl Text for crate::message::Message {
    fn text(self) -> String {
        crate::i18n::say(&self)
    }
}

/// A command's failure: the exit code and what to print.
#[derive(Debug)]
pub struct Exit {
    pub code: i32,
    pub message: String,
}

impl Exit {
    /// A usage or configuration error: exit code 2.
    pub fn usage(message: impl Text) -> Exit {
        Exit {
            code: 2,
            message: message.text(),
        }
    }

    /// A failure while working: exit code 1.
    pub fn failed(message: impl Text) -> Exit {
        Exit {
            code: 1,
            message: message.text(),
        }
    }
}

pub struct Context {
    pub paths: Paths,
    pub settings: Settings,
    pub secrets: SecretStore,
    /// The browser bridge, once started (the demo starts its own).
    pub bridge: Option<Arc<Bridge>>,
}

impl Context {
    pub fn load(config: Option<PathBuf>) -> Result<Context, Exit> {
        let paths = Paths::resolve(config).map_err(Exit::usage)?;
        let settings = Settings::load(&paths.config_file, paths.config_explicit)
            .map_err(|e| Exit::usage(e.said()))?;
        crate::i18n::settle(settings.ui.language);
        protocol::load_beside(&paths.config_file)
            .map_err(|error| Exit::usage(crate::t!("flow-protocol-override-bad", error = error)))?;
        Ok(Context {
            paths,
            settings,
            secrets: SecretStore::new(),
            bridge: None,
        })
    }

    /// The browser bridge, started on first use with every paired account's secret.
    pub async fn bridge(&mut self) -> Result<Arc<Bridge>, Exit> {
        if let Some(b) = &self.bridge {
            return Ok(b.clone());
        }
        let b = Arc::new(
            setup::start_bridge(&self.settings, &self.secrets)
                .await
                .map_err(|e| Exit::failed(e.said()))?,
        );
        self.bridge = Some(b.clone());
        Ok(b)
    }

    /// The right to drive this data folder's takes, held until dropped: a second engine on
    /// the same ledger is refused with who holds it.
    pub fn engine_lock(&self, what: &str) -> Result<crate::store::lock::EngineLock, Exit> {
        crate::store::lock::EngineLock::acquire(&self.paths.data_dir, what)
            .map_err(|e| Exit::usage(e.said()))
    }

    /// The user's ledger, or with `demo` the last demo's.
    pub fn ledger_or_demo(config: Option<PathBuf>, demo: bool) -> Result<Ledger, Exit> {
        if !demo {
            return Context::load(config)?.ledger();
        }
        let file = crate::sim::demo::folder()
            .map_err(Exit::usage)?
            .join("ledger.sqlite3");
        if !file.exists() {
            let file = file.display().to_string();
            return Err(Exit::usage(crate::t!("cli-no-demo-ledger", file = file)));
        }
        Ledger::open(&file).map_err(|e| {
            let (file, error) = (file.display().to_string(), e.said());
            Exit::usage(crate::t!(
                "cli-demo-ledger-unreadable",
                file = file,
                error = error
            ))
        })
    }

    pub fn ledger(&self) -> Result<Ledger, Exit> {
        Ledger::open(&self.paths.ledger()).map_err(|e| {
            let (file, error) = (self.paths.ledger().display().to_string(), e.said());
            Exit::usage(crate::t!(
                "cli-ledger-unreadable",
                file = file,
                error = error
            ))
        })
    }
}
