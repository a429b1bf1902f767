//! Accounts: add (with Check), rename, remove, sign in again. Secrets go to the keyring, or
//! stay in memory for the session when there is none.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{
    button, column, container, pick_list, row, scrollable, space, text, text_input,
};
use iced::{Element, Fill, Task};

use super::board::Board;
use super::style;
use crate::engine::{Engine, LaneSpec, setup};
use crate::provider::Client;
use crate::secret::Secret;
use crate::store::config::{AccountEntry, ProviderKind, Settings, check_account_name};
use crate::store::ledger::Ledger;
use crate::store::secrets::{SecretStore, Stored};

/// What account changes need.
#[derive(Clone)]
pub struct Ctx {
    pub settings: Settings,
    pub file: PathBuf,
    pub secrets: Arc<SecretStore>,
    pub engine: Engine,
    pub ledger: Ledger,
}

/// A client handed to the engine for an account, which the window keeps too (to show its
/// token time and what it can run).
#[derive(Clone)]
pub struct NewClient(pub String, pub Arc<Client>);

impl std::fmt::Debug for NewClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NewClient({})", self.0)
    }
}

type Saved = Result<(Box<Settings>, String, Option<NewClient>), String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    Rename { account: String, new_name: String },
    Remove { account: String },
    SignIn { account: String, secret: String },
}

#[derive(Default)]
pub struct Accounts {
    pub name: String,
    pub provider: ProviderKind,
    pub secret: String,
    pub project: String,
    pub form_error: Option<String>,
    pub form_result: Option<Result<String, String>>,
    pub busy: bool,
    pub checks: HashMap<String, Result<String, String>>,
    pub dialog: Option<Dialog>,
    pub dialog_error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Name(String),
    Provider(ProviderKind),
    Secret(String),
    Project(String),
    CheckNew,
    Add,
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
}

const PROVIDERS: [ProviderKind; 2] = ProviderKind::ALL;

fn describe(s: &crate::provider::AccountStatus) -> String {
    let renew = if s.can_refresh {
        ""
    } else {
        " · access token only (expires within the hour)"
    };
    let credits = s
        .credits
        .map_or(String::new(), |c| format!(" · {c} credits"));
    format!(
        "{} · {}{credits}{renew}",
        s.email.as_deref().unwrap_or("signed in"),
        s.tier
    )
}

fn validate_secret(provider: ProviderKind, secret: &str) -> Result<Secret, String> {
    setup::check_secret(provider, secret)
}

async fn check(settings: Settings, entry: AccountEntry, secret: Secret) -> Result<String, String> {
    let client = setup::connect(&settings, &entry, &secret)?;
    client
        .check()
        .await
        .map(|s| describe(&s))
        .map_err(|e| e.to_string())
}

async fn save(settings: Settings, file: PathBuf) -> Result<(), String> {
    tokio::task::spawn_blocking(move || settings.save(&file))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
}

fn stored_note(stored: Stored) -> String {
    match stored {
        Stored::Keyring => String::new(),
        Stored::SessionOnly(why) => {
            format!("No keyring is available ({why}): the secret is kept for this session only.")
        }
    }
}

impl Accounts {
    fn new_entry(&self, settings: &Settings) -> Result<(AccountEntry, Secret), String> {
        let name = self.name.trim();
        check_account_name(name)?;
        if settings.account(name).is_some() {
            return Err(format!("there is already an account \"{name}\""));
        }
        let secret = validate_secret(self.provider, &self.secret)?;
        let mut entry = AccountEntry::new(name, self.provider);
        if !self.project.trim().is_empty() {
            entry.project_id = Some(self.project.trim().to_string());
        }
        Ok((entry, secret))
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Action {
        match message {
            Message::Name(s) => self.name = s,
            Message::Provider(p) => self.provider = p,
            Message::Secret(s) => self.secret = s,
            Message::Project(s) => self.project = s,
            Message::CheckNew => match self.new_entry(&ctx.settings) {
                Err(e) => self.form_error = Some(e),
                Ok((entry, secret)) => {
                    self.form_error = None;
                    self.form_result = None;
                    self.busy = true;
                    let name = entry.name.clone();
                    let settings = ctx.settings.clone();
                    return Action::Run(Task::perform(check(settings, entry, secret), move |r| {
                        Message::Checked(format!("new:{name}"), r)
                    }));
                }
            },
            Message::Add => match self.new_entry(&ctx.settings) {
                Err(e) => self.form_error = Some(e),
                Ok((entry, secret)) => {
                    self.form_error = None;
                    self.busy = true;
                    let ctx = ctx.clone();
                    return Action::Run(Task::perform(
                        async move {
                            let client = Arc::new(setup::connect(&ctx.settings, &entry, &secret)?);
                            let stored = ctx.secrets.set(&entry.name, &secret).await;
                            let mut settings = ctx.settings.clone();
                            settings.accounts.push(entry.clone());
                            save(settings.clone(), ctx.file.clone()).await?;
                            ctx.engine
                                .add_lane(LaneSpec {
                                    name: entry.name.clone(),
                                    client: client.clone(),
                                    concurrency: settings.engine.concurrency as usize,
                                })
                                .map_err(|e| e.to_string())?;
                            Ok((
                                Box::new(settings),
                                stored_note(stored),
                                Some(NewClient(entry.name.clone(), client)),
                            ))
                        },
                        Message::Saved,
                    ));
                }
            },
            Message::Check(name) => {
                let Some(entry) = ctx.settings.account(&name).cloned() else {
                    return Action::None;
                };
                self.checks.insert(name.clone(), Ok("checking…".into()));
                let ctx = ctx.clone();
                return Action::Run(Task::perform(
                    async move {
                        let secret = ctx.secrets.get(&entry).await.map_err(|e| e.to_string())?;
                        check(ctx.settings.clone(), entry, secret).await
                    },
                    move |r| Message::Checked(name.clone(), r),
                ));
            }
            Message::Checked(key, result) => {
                if key.starts_with("new:") {
                    self.busy = false;
                    self.form_result = Some(result);
                } else {
                    self.checks.insert(key, result);
                }
            }
            Message::Open(d) => {
                self.dialog = Some(d);
                self.dialog_error = None;
            }
            Message::DialogInput(s) => match &mut self.dialog {
                Some(Dialog::Rename { new_name, .. }) => *new_name = s,
                Some(Dialog::SignIn { secret, .. }) => *secret = s,
                _ => {}
            },
            Message::Close => {
                self.dialog = None;
                self.dialog_error = None;
            }
            Message::Confirm => return self.confirm(ctx),
            Message::Saved(Ok((settings, note, client))) => {
                self.busy = false;
                self.dialog = None;
                self.dialog_error = None;
                self.name.clear();
                self.secret.clear();
                self.project.clear();
                self.form_result = None;
                return Action::Changed(settings, note, client);
            }
            Message::Saved(Err(e)) => {
                self.busy = false;
                if self.dialog.is_some() {
                    self.dialog_error = Some(e);
                } else {
                    self.form_error = Some(e);
                }
            }
        }
        Action::None
    }

    fn confirm(&mut self, ctx: &Ctx) -> Action {
        let Some(dialog) = self.dialog.clone() else {
            return Action::None;
        };
        let ctx = ctx.clone();
        let task = match dialog {
            Dialog::Rename { account, new_name } => {
                let new_name = new_name.trim().to_string();
                if let Err(e) = check_account_name(&new_name) {
                    self.dialog_error = Some(e);
                    return Action::None;
                }
                if ctx.settings.account(&new_name).is_some() {
                    self.dialog_error = Some(format!("there is already an account \"{new_name}\""));
                    return Action::None;
                }
                Task::perform(
                    async move {
                        let entry = ctx
                            .settings
                            .account(&account)
                            .cloned()
                            .ok_or("the account is gone")?;
                        let secret = ctx.secrets.get(&entry).await.map_err(|e| e.to_string())?;
                        ctx.engine
                            .remove_lane(account.clone())
                            .await
                            .map_err(|e| e.to_string())?;
                        ctx.ledger
                            .rename_account(&account, &new_name)
                            .await
                            .map_err(|e| e.to_string())?;
                        let mut settings = ctx.settings.clone();
                        let mut renamed = entry.clone();
                        renamed.name = new_name.clone();
                        if let Some(e) = settings.accounts.iter_mut().find(|a| a.name == account) {
                            *e = renamed.clone();
                        }
                        let stored = if entry.secret_env.is_none() {
                            let stored = ctx.secrets.set(&new_name, &secret).await;
                            ctx.secrets.delete(&account).await.ok();
                            stored
                        } else {
                            Stored::Keyring
                        };
                        save(settings.clone(), ctx.file.clone()).await?;
                        let client = Arc::new(setup::connect(&settings, &renamed, &secret)?);
                        ctx.engine
                            .add_lane(LaneSpec {
                                name: new_name.clone(),
                                client: client.clone(),
                                concurrency: renamed
                                    .concurrency
                                    .unwrap_or(settings.engine.concurrency)
                                    as usize,
                            })
                            .map_err(|e| e.to_string())?;
                        Ok((
                            Box::new(settings),
                            stored_note(stored),
                            Some(NewClient(new_name, client)),
                        ))
                    },
                    Message::Saved,
                )
            }
            Dialog::Remove { account } => Task::perform(
                async move {
                    ctx.engine
                        .remove_lane(account.clone())
                        .await
                        .map_err(|e| e.to_string())?;
                    let mut settings = ctx.settings.clone();
                    settings.accounts.retain(|a| a.name != account);
                    save(settings.clone(), ctx.file.clone()).await?;
                    let note = match ctx.secrets.delete(&account).await {
                        Ok(()) => String::new(),
                        Err(e) => {
                            format!("The keyring entry of {account} could not be removed: {e}")
                        }
                    };
                    Ok((Box::new(settings), note, None))
                },
                Message::Saved,
            ),
            Dialog::SignIn { account, secret } => {
                let Some(entry) = ctx.settings.account(&account).cloned() else {
                    return Action::None;
                };
                let secret = match validate_secret(entry.provider, &secret) {
                    Ok(s) => s,
                    Err(e) => {
                        self.dialog_error = Some(e);
                        return Action::None;
                    }
                };
                Task::perform(
                    async move {
                        let client = Arc::new(setup::connect(&ctx.settings, &entry, &secret)?);
                        client
                            .check()
                            .await
                            .map_err(|e| format!("the new secret does not work: {e}"))?;
                        let stored = if entry.secret_env.is_some() {
                            // The variable wins at the next start; keep this one for the session.
                            Stored::SessionOnly(format!(
                                "{} is read from ${}",
                                entry.name,
                                entry.secret_env.clone().unwrap_or_default()
                            ))
                        } else {
                            ctx.secrets.set(&entry.name, &secret).await
                        };
                        ctx.engine
                            .replace_client(entry.name.clone(), client.clone())
                            .map_err(|e| e.to_string())?;
                        Ok((
                            Box::new(ctx.settings.clone()),
                            stored_note(stored),
                            Some(NewClient(entry.name.clone(), client)),
                        ))
                    },
                    Message::Saved,
                )
            }
        };
        self.busy = true;
        Action::Run(task)
    }

    pub fn view<'a>(
        &'a self,
        settings: &'a Settings,
        board: &'a Board,
        keyring: Option<&'a str>,
    ) -> Element<'a, Message> {
        let mut list = column![text("Accounts").size(18)].spacing(10);
        if settings.accounts.is_empty() {
            list = list.push(text("No accounts yet. Add one below.").style(style::muted));
        }
        for a in &settings.accounts {
            let lane = board.lanes.get(&a.name);
            let status = lane.map_or("not running".to_string(), |l| l.health.label());
            let secret = match (&a.secret_env, keyring) {
                (Some(v), _) => format!("${v}"),
                (None, Some(_)) => "this session only".to_string(),
                (None, None) => "keyring".to_string(),
            };
            let mut line = column![
                row![
                    text(&a.name).size(15).width(160),
                    text(a.provider.to_string()).size(13).width(60),
                    text(format!("secret: {secret}"))
                        .size(13)
                        .width(200)
                        .style(style::muted),
                    text(status).size(13),
                    space::horizontal(),
                    button(text("Check").size(12))
                        .style(button::secondary)
                        .on_press(Message::Check(a.name.clone())),
                    button(text("Rename").size(12))
                        .style(button::secondary)
                        .on_press(Message::Open(Dialog::Rename {
                            account: a.name.clone(),
                            new_name: a.name.clone(),
                        })),
                    button(text("Sign in again").size(12))
                        .style(button::secondary)
                        .on_press(Message::Open(Dialog::SignIn {
                            account: a.name.clone(),
                            secret: String::new(),
                        })),
                    button(text("Remove").size(12))
                        .style(button::danger)
                        .on_press(Message::Open(Dialog::Remove {
                            account: a.name.clone(),
                        })),
                ]
                .spacing(8)
                .align_y(iced::Center)
            ]
            .spacing(4);
            match self.checks.get(&a.name) {
                Some(Ok(s)) => line = line.push(text(s).size(13).style(style::muted)),
                Some(Err(e)) => line = line.push(text(e).size(13).style(style::danger)),
                None => {}
            }
            list = list.push(container(line).padding(10).width(Fill).style(style::card));
        }
        let form = column![
            text("Add an account").size(18),
            row![
                column![
                    text("Name").size(13),
                    text_input("e.g. studio-1", &self.name)
                        .id("account-name")
                        .on_input(Message::Name)
                        .width(200)
                ]
                .spacing(4),
                column![
                    text("Provider").size(13),
                    pick_list(&PROVIDERS[..], Some(self.provider), Message::Provider)
                ]
                .spacing(4),
                column![
                    text(match self.provider {
                        ProviderKind::Flow => "Session cookie",
                        ProviderKind::Gemini => "API key",
                    })
                    .size(13),
                    text_input(
                        match self.provider {
                            ProviderKind::Flow => {
                                "__Secure-next-auth.session-token value, or the whole Cookie header"
                            }
                            ProviderKind::Gemini => "AIza… key from aistudio.google.com/apikey",
                        },
                        &self.secret
                    )
                    .id("account-secret")
                    .secure(true)
                    .on_input(Message::Secret)
                    .width(Fill)
                ]
                .spacing(4),
            ]
            .spacing(12),
            row![
                column![
                    text("Flow project id (optional)").size(13),
                    text_input("a new project is made when empty", &self.project)
                        .on_input(Message::Project)
                        .width(360)
                ]
                .spacing(4),
                space::horizontal(),
                button(text("Check"))
                    .style(button::secondary)
                    .on_press_maybe((!self.busy).then_some(Message::CheckNew)),
                button(text("Add account"))
                    .style(button::primary)
                    .on_press_maybe((!self.busy).then_some(Message::Add)),
            ]
            .spacing(12)
            .align_y(iced::Bottom),
        ]
        .push(
            self.form_error
                .as_ref()
                .map(|e| text(e).size(13).style(style::danger)),
        )
        .push(match &self.form_result {
            Some(Ok(s)) => Some(text(format!("Signed in: {s}")).size(13)),
            Some(Err(e)) => Some(text(e).size(13).style(style::danger)),
            None => None,
        })
        .push(keyring.map(|k| {
            text(format!(
                "No keyring ({k}): secrets added here last for this session only."
            ))
            .size(13)
            .style(style::warning)
        }))
        .spacing(10);
        scrollable(
            column![
                list,
                container(form).padding(12).width(Fill).style(style::card)
            ]
            .spacing(16)
            .padding(16),
        )
        .height(Fill)
        .into()
    }

    /// The open dialog, if any, drawn over the screen.
    pub fn dialog(&self) -> Option<Element<'_, Message>> {
        let d = self.dialog.as_ref()?;
        let (title, body, confirm): (String, Element<'_, Message>, &str) = match d {
            Dialog::Rename { account, new_name } => (
                format!("Rename {account}"),
                text_input("new name", new_name)
                    .id("dialog-input")
                    .on_input(Message::DialogInput)
                    .on_submit(Message::Confirm)
                    .into(),
                "Rename",
            ),
            Dialog::Remove { account } => (
                format!("Remove {account}?"),
                text("Its keyring entry is deleted. Videos already on disk stay.").into(),
                "Remove",
            ),
            Dialog::SignIn { account, secret } => (
                format!("Sign in again: {account}"),
                text_input("paste the new session cookie", secret)
                    .id("dialog-input")
                    .secure(true)
                    .on_input(Message::DialogInput)
                    .on_submit(Message::Confirm)
                    .into(),
                "Save",
            ),
        };
        Some(
            container(
                column![
                    text(title).size(18),
                    body,
                    self.dialog_error
                        .as_ref()
                        .map(|e| text(e).size(13).style(style::danger)),
                    row![
                        space::horizontal(),
                        button(text("Cancel  (Esc)"))
                            .style(button::secondary)
                            .on_press(Message::Close),
                        button(text(confirm))
                            .style(button::primary)
                            .on_press_maybe((!self.busy).then_some(Message::Confirm)),
                    ]
                    .spacing(10),
                ]
                .spacing(14),
            )
            .padding(20)
            .width(480)
            .style(style::card)
            .into(),
        )
    }
}
