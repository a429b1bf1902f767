//! What every command loads: paths, settings, secrets and the ledger, with failures turned
//! into exit codes and plain sentences.

use std::path::PathBuf;
use std::sync::Arc;

use crate::bridge::Bridge;
use crate::ops::{self, session::Session};
use crate::store::ledger::Ledger;
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

/// A command's session on the data folder, with failures turned into exit codes.
pub struct Context(pub Session);

impl std::ops::Deref for Context {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.0
    }
}

impl std::ops::DerefMut for Context {
    fn deref_mut(&mut self) -> &mut Session {
        &mut self.0
    }
}

impl From<ops::error::Error> for Exit {
    fn from(e: ops::error::Error) -> Exit {
        if e.input {
            Exit::usage(e.message)
        } else {
            Exit::failed(e.message)
        }
    }
}

impl Context {
    pub fn load(config: Option<PathBuf>) -> Result<Context, Exit> {
        let mut session = Session::open(config)?;
        let language = crate::i18n::of_setting(session.settings.ui.language.as_ref());
        crate::i18n::settle(language.map_err(Exit::usage)?);
        session.page_words = crate::words::pairing_page();
        if let Some(problem) = session.protocol_problem.take() {
            return Err(Exit::usage(problem));
        }
        Ok(Context(session))
    }

    /// The browser bridge, started on first use with every paired account's secret.
    /// One that cannot start (its port taken) is a setting to change: exit 2.
    pub async fn bridge(&mut self) -> Result<Arc<Bridge>, Exit> {
        self.0.bridge().await.map_err(|e| Exit::usage(e.message))
    }

    /// The right to drive this data folder's takes, held until dropped: a second engine on
    /// the same ledger is refused with who holds it.
    pub fn engine_lock(&self, what: &str) -> Result<crate::store::lock::EngineLock, Exit> {
        Ok(self.0.lock(what)?)
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
