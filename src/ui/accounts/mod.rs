//! Accounts: add (with Check), connect a Flow account's browser, rename, remove, give a
//! Gemini account a new key, name a Vertex account's project and key file. Secrets go to the keyring, or stay in memory for the session when
//! there is none.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use iced::Task;

use crate::bridge::{Bridge, proof};
use crate::engine::Engine;
use crate::ops::{self, accounts::Scope};
use crate::provider::capture::CaptureSink;
use crate::secret::Secret;
use crate::store::config::{AccountEntry, ProviderKind, Settings};
use crate::store::ledger::Ledger;
use crate::store::secrets::SecretStore;

mod view;
mod work;

use crate::words::{Said, said};
use work::{check, finish_pairing, validate_secret, worded};

/// What account changes need.
#[derive(Clone)]
pub struct Ctx {
    pub settings: Settings,
    pub file: PathBuf,
    pub secrets: Arc<SecretStore>,
    pub engine: Engine,
    pub ledger: Ledger,
    pub bridge: Option<Arc<Bridge>>,
    /// Where the clients made here keep answers flowdeck could not read.
    pub captures: Arc<dyn CaptureSink>,
}

impl Ctx {
    /// What an account change made from the window touches: its engine runs all along, and
    /// a secret kept in memory lasts as long as the window.
    fn scope(&self) -> Scope {
        Scope {
            settings: self.settings.clone(),
            file: self.file.clone(),
            secrets: self.secrets.clone(),
            ledger: Some(self.ledger.clone()),
            engine: Some(self.engine.clone()),
            bridge: self.bridge.clone(),
            captures: Some(self.captures.clone()),
            memory_lasts: true,
        }
    }
}

pub use crate::ops::accounts::NewClient;

pub(super) type Saved = Result<(Box<Settings>, String, Option<NewClient>), String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    Rename {
        account: String,
        new_name: String,
    },
    Remove {
        account: String,
    },
    SignIn {
        account: String,
        secret: String,
    },
    /// Pairing a Flow account's browser: the one-time URL, the check code its person types
    /// into the extension's popup, and how it went.
    Pair {
        account: String,
        url: String,
        check: String,
        outcome: Option<Result<String, String>>,
    },
}

/// How long a pairing link offered in the window stays valid.
const PAIRING_TIME: Duration = Duration::from_secs(600);

#[derive(Default)]
pub struct Accounts {
    pub name: String,
    pub provider: ProviderKind,
    pub secret: String,
    pub project: String,
    pub email: String,
    /// Vertex: the region, and the key file (empty: Application Default Credentials).
    pub location: String,
    pub key_file: String,
    pub form_error: Option<String>,
    pub form_result: Option<Result<String, String>>,
    pub busy: bool,
    pub checks: HashMap<String, Result<String, String>>,
    pub dialog: Option<Dialog>,
    pub dialog_error: Option<String>,
    /// Why no file dialog can open here, if none can (`platform::dialogs`): then the key
    /// file's path is typed, with no Choose button.
    pub no_dialogs: Option<String>,
    /// The extension folder that came with this flowdeck (`platform::extension_dir`), shown
    /// with the Flow form: the folder Chrome's "Load unpacked" wants.
    pub extension: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Name(String),
    Provider(ProviderKind),
    Secret(String),
    Project(String),
    Email(String),
    Location(String),
    KeyFile(String),
    /// Choose the key file with the desktop's file dialog.
    PickKeyFile,
    /// Open the extension's folder on the desktop.
    OpenFolder(PathBuf),
    CheckNew,
    Add,
    /// Start pairing a browser with this Flow account.
    Pair(String),
    /// Open the pairing link in the default browser.
    OpenLink(String),
    /// Put the pairing link on the clipboard.
    CopyLink(String),
    /// Pairing ended: the new settings and a note, or why it failed.
    Paired(String, Saved),
    Check(String),
    Checked(String, Result<String, String>),
    Open(Dialog),
    DialogInput(String),
    Confirm,
    Close,
    /// A change was saved: the new settings, a note for the user, and a new client.
    Saved(Saved),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Settings changed; `note` is worth a banner when it is a warning.
    Changed(Box<Settings>, String, Option<NewClient>),
    /// A folder for the desktop to open (the window says when it could not).
    Open(PathBuf),
}

const PROVIDERS: [ProviderKind; 3] = ProviderKind::ALL;

impl Accounts {
    fn new_entry(&self, settings: &Settings) -> Result<(AccountEntry, Secret), String> {
        let name = self.name.trim();
        ops::accounts::free_name(settings, name).map_err(|e| e.message.said())?;
        let mut entry = AccountEntry::new(name, self.provider);
        if self.provider == ProviderKind::Vertex {
            entry.project = Some(self.project.trim().to_string());
            let location = self.location.trim();
            if !location.is_empty() {
                entry.location = Some(location.to_string());
            }
            let key = self.key_file.trim();
            if !key.is_empty() {
                let path = std::path::absolute(key).map_err(|e| e.to_string())?;
                crate::provider::vertex::auth::inspect_key_file(&path).map_err(said)?;
                entry.credentials = Some(path);
            }
            crate::store::config::vertex_fields(&entry).map_err(said)?;
            // Nothing secret is kept for a Vertex account: only where its credentials are.
            return Ok((entry, Secret::new("")));
        }
        if !self.project.trim().is_empty() {
            entry.project_id = Some(self.project.trim().to_string());
        }
        let email = self.email.trim();
        if !email.is_empty() {
            if !email.contains('@') {
                return Err(format!("\"{email}\" is not an email address"));
            }
            entry.email = Some(email.to_string());
        }
        let secret = match self.provider {
            ProviderKind::Flow => proof::new_secret(),
            ProviderKind::Gemini | ProviderKind::Vertex => {
                validate_secret(self.provider, &self.secret)?
            }
        };
        Ok((entry, secret))
    }

    /// Offers a pairing for `entry` and shows its link; the task ends when a browser took it.
    fn start_pairing(&mut self, ctx: &Ctx, entry: AccountEntry, secret: Secret) -> Action {
        let Some(bridge) = ctx.bridge.clone() else {
            self.form_error = Some(crate::t!("accounts-no-bridge"));
            return Action::None;
        };
        let pairing = bridge.offer_pairing(&entry.name, secret.clone(), PAIRING_TIME);
        let account = entry.name.clone();
        self.dialog = Some(Dialog::Pair {
            account: account.clone(),
            url: pairing.url.clone(),
            check: pairing.check.clone(),
            outcome: None,
        });
        self.dialog_error = None;
        Action::Run(Task::perform(
            finish_pairing(ctx.scope(), entry, secret, pairing),
            move |r| Message::Paired(account.clone(), r),
        ))
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action {
        match message {
            Message::Name(s) => self.edit(|a| a.name = s),
            Message::Provider(p) => self.edit(|a| {
                a.provider = p;
                a.form_result = None;
            }),
            Message::Secret(s) => self.edit(|a| a.secret = s),
            Message::Project(s) => self.edit(|a| a.project = s),
            Message::Email(s) => self.edit(|a| a.email = s),
            Message::Location(s) => self.edit(|a| a.location = s),
            Message::KeyFile(s) => self.edit(|a| a.key_file = s),
            Message::PickKeyFile => pick_key_file(),
            Message::OpenFolder(p) => Action::Open(p),
            Message::CheckNew => self.check_new(ctx),
            Message::Add if self.provider == ProviderKind::Flow => self.add_flow(ctx),
            Message::Add => self.add(ctx),
            Message::Pair(account) => self.pair(ctx, &account),
            Message::CopyLink(url) => Action::Run(iced::clipboard::write(url)),
            Message::OpenLink(url) => open_link(url),
            Message::Paired(account, result) => self.paired(&account, result),
            Message::Check(name) => self.check(ctx, name),
            Message::Checked(key, result) => self.checked(key, result),
            Message::Open(d) => {
                self.dialog = Some(d);
                self.dialog_error = None;
                Action::None
            }
            Message::DialogInput(s) => {
                match &mut self.dialog {
                    Some(Dialog::Rename { new_name, .. }) => *new_name = s,
                    Some(Dialog::SignIn { secret, .. }) => *secret = s,
                    _ => {}
                }
                Action::None
            }
            Message::Close => {
                self.dialog = None;
                self.dialog_error = None;
                Action::None
            }
            Message::Confirm => self.confirm(ctx),
            Message::Saved(result) => self.saved(result),
        }
    }

    /// The add form for `provider`, as a first step from the welcome: a free name suggested
    /// when none is typed, and the cursor in the field to fill next.
    pub fn start_adding(&mut self, provider: ProviderKind, settings: &Settings) -> Task<Message> {
        self.provider = provider;
        self.form_error = None;
        self.form_result = None;
        let suggested = provider.to_string();
        if self.name.trim().is_empty() && ops::accounts::free_name(settings, &suggested).is_ok() {
            self.name = suggested;
        }
        let field = match provider {
            _ if self.name.trim().is_empty() => "account-name",
            ProviderKind::Flow => "account-email",
            ProviderKind::Gemini => "account-secret",
            ProviderKind::Vertex => "account-project",
        };
        iced::widget::operation::focus(field)
    }

    /// A change to the form: what was said about it no longer holds.
    fn edit(&mut self, change: impl FnOnce(&mut Accounts)) -> Action {
        self.form_error = None;
        change(self);
        Action::None
    }

    fn check_new(&mut self, ctx: &Ctx) -> Action {
        let (entry, secret) = match self.new_entry(&ctx.settings) {
            Ok(new) => new,
            Err(e) => return self.refuse(e),
        };
        self.form_error = None;
        self.form_result = None;
        self.busy = true;
        let name = entry.name.clone();
        Action::Run(Task::perform(
            check(ctx.clone(), entry, Some(secret)),
            move |r| Message::Checked(format!("new:{name}"), r),
        ))
    }

    fn add_flow(&mut self, ctx: &Ctx) -> Action {
        match self.new_entry(&ctx.settings) {
            Err(e) => self.refuse(e),
            Ok((entry, secret)) => {
                self.form_error = None;
                self.start_pairing(ctx, entry, secret)
            }
        }
    }

    fn add(&mut self, ctx: &Ctx) -> Action {
        let (entry, secret) = match self.new_entry(&ctx.settings) {
            Ok(new) => new,
            Err(e) => return self.refuse(e),
        };
        self.form_error = None;
        self.busy = true;
        let scope = ctx.scope();
        // A Vertex account keeps no secret: only where its credentials are.
        let secret = (entry.provider != ProviderKind::Vertex).then_some(secret);
        Action::Run(Task::perform(
            async move { worded(ops::accounts::add(&scope, entry, secret).await) },
            Message::Saved,
        ))
    }

    fn refuse(&mut self, why: String) -> Action {
        self.form_error = Some(why);
        Action::None
    }

    /// Pairs an existing Flow account's browser (again): its secret from its variable, or a
    /// new one.
    fn pair(&mut self, ctx: &Ctx, account: &str) -> Action {
        let Some(entry) = ctx.settings.account(account).cloned() else {
            return Action::None;
        };
        let secret = match &entry.secret_env {
            Some(var) => match crate::secret::env_value(var) {
                Some(v) if v.trim().len() >= 16 => Secret::new(v.trim()),
                _ => {
                    return self.refuse(crate::t!(
                        "accounts-pairing-env",
                        account = account,
                        var = var.as_str()
                    ));
                }
            },
            None => proof::new_secret(),
        };
        self.start_pairing(ctx, entry, secret)
    }

    fn paired(&mut self, account: &str, result: Saved) -> Action {
        let outcome = match &mut self.dialog {
            Some(Dialog::Pair {
                account: a,
                outcome,
                ..
            }) if a == account => Some(outcome),
            _ => None,
        };
        match result {
            Ok((settings, note, client)) => {
                let email = settings
                    .account(account)
                    .and_then(|a| a.email.clone())
                    .unwrap_or_else(|| crate::t!("accounts-unreadable"));
                if let Some(outcome) = outcome {
                    *outcome = Some(Ok(crate::t!("accounts-connected", email = email)));
                }
                self.name.clear();
                self.email.clear();
                self.project.clear();
                Action::Changed(settings, note, client)
            }
            Err(e) => {
                if let Some(outcome) = outcome {
                    *outcome = Some(Err(e));
                }
                Action::None
            }
        }
    }

    fn check(&mut self, ctx: &Ctx, name: String) -> Action {
        let Some(entry) = ctx.settings.account(&name).cloned() else {
            return Action::None;
        };
        self.checks
            .insert(name.clone(), Ok(crate::t!("accounts-checking")));
        Action::Run(Task::perform(check(ctx.clone(), entry, None), move |r| {
            Message::Checked(name.clone(), r)
        }))
    }

    fn checked(&mut self, key: String, result: Result<String, String>) -> Action {
        if key == "link" {
            if let Err(e) = result {
                self.dialog_error = Some(e);
            }
        } else if key.starts_with("new:") {
            self.busy = false;
            self.form_result = Some(result);
        } else {
            self.checks.insert(key, result);
        }
        Action::None
    }

    fn saved(&mut self, result: Saved) -> Action {
        self.busy = false;
        match result {
            Ok((settings, note, client)) => {
                self.dialog = None;
                self.dialog_error = None;
                self.name.clear();
                self.secret.clear();
                self.project.clear();
                self.location.clear();
                self.key_file.clear();
                self.form_result = None;
                Action::Changed(settings, note, client)
            }
            Err(e) if self.dialog.is_some() => {
                self.dialog_error = Some(e);
                Action::None
            }
            Err(e) => self.refuse(e),
        }
    }

    fn confirm(&mut self, ctx: &Ctx) -> Action {
        let Some(dialog) = self.dialog.clone() else {
            return Action::None;
        };
        let scope = ctx.scope();
        let task = match dialog {
            Dialog::Pair { .. } => {
                self.dialog = None;
                return Action::None;
            }
            Dialog::Rename { account, new_name } => {
                let new_name = new_name.trim().to_string();
                if let Err(e) = ops::accounts::free_name(&ctx.settings, &new_name) {
                    self.dialog_error = Some(e.message.said());
                    return Action::None;
                }
                Task::perform(
                    async move { worded(ops::accounts::rename(&scope, &account, &new_name).await) },
                    Message::Saved,
                )
            }
            Dialog::Remove { account } => Task::perform(
                async move { worded(ops::accounts::remove(&scope, &account).await) },
                Message::Saved,
            ),
            Dialog::SignIn { account, secret } => {
                let Some(entry) = ctx.settings.account(&account) else {
                    return Action::None;
                };
                if let Err(e) = validate_secret(entry.provider, &secret) {
                    self.dialog_error = Some(e);
                    return Action::None;
                }
                Task::perform(
                    async move {
                        worded(ops::accounts::replace_secret(&scope, &account, &secret).await)
                    },
                    Message::Saved,
                )
            }
        };
        self.busy = true;
        Action::Run(task)
    }
}

fn pick_key_file() -> Action {
    Action::Run(Task::perform(
        super::platform::pick_key_file(),
        |p| match p {
            Some(p) => Message::KeyFile(p.display().to_string()),
            None => Message::Checked("link".into(), Ok(String::new())),
        },
    ))
}

fn open_link(url: String) -> Action {
    Action::Run(Task::perform(
        async move { crate::platform::open(&url).await },
        |r| Message::Checked("link".into(), r.map(|()| String::new())),
    ))
}
