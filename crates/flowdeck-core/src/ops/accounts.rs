//! Account changes every front end makes: add, a finished pairing, rename, remove, a new
//! secret. Each keeps the secret, then saves the settings file, then tells the engine when
//! one runs, and returns what changed as data; the front end says it.

use std::path::PathBuf;
use std::sync::Arc;

use super::error::Error;
use super::setup;
use crate::bridge::Bridge;
use crate::engine::{Engine, LaneSpec};
use crate::message::Message;
use crate::provider::Client;
use crate::provider::capture::CaptureSink;
use crate::secret::Secret;
use crate::store::config::{AccountEntry, ProviderKind, Settings, check_account_name};
use crate::store::ledger::Ledger;
use crate::store::secrets::{SecretStore, Stored};

/// What an account change touches. The engine, bridge and ledger are absent where the front
/// end has none running (a command that only edits the settings).
#[derive(Clone)]
pub struct Scope {
    pub settings: Settings,
    pub file: PathBuf,
    pub secrets: Arc<SecretStore>,
    pub ledger: Option<Ledger>,
    pub engine: Option<Engine>,
    pub bridge: Option<Arc<Bridge>>,
    /// Where the clients made here keep answers flowdeck could not read.
    pub captures: Option<Arc<dyn CaptureSink>>,
    /// A secret kept only in memory is worth keeping: the process outlives the change (the
    /// window). A command that ends right after refuses instead.
    pub memory_lasts: bool,
}

/// A change made: the settings as saved, what the user should know, and the account's new
/// client when an engine took it.
#[derive(Debug, Clone)]
pub struct Changed {
    pub settings: Box<Settings>,
    pub notes: Vec<Note>,
    pub client: Option<NewClient>,
}

/// What the user should know after a change that worked.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// No keyring: the secret is kept for this session only, and why.
    SessionOnly(Message),
    /// The account is gone but its keyring entry could not be removed.
    KeyringKept { account: String, error: Message },
    /// A renamed Flow account's browser still knows it by its old name: pair it again.
    PairAgain { old: String, new: String },
    /// The browser that paired is signed in as another Google account than the one named.
    WrongBrowser {
        account: String,
        got: String,
        want: String,
    },
}

/// A client handed to the engine for an account, which a front end keeps too (to show its
/// token time and what it can run).
#[derive(Clone)]
pub struct NewClient(pub String, pub Arc<Client>);

impl std::fmt::Debug for NewClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NewClient({})", self.0)
    }
}

/// A name a new account may take: well formed and not in use.
pub fn free_name(settings: &Settings, name: &str) -> Result<(), Error> {
    check_account_name(name).map_err(Error::input)?;
    if settings.account(name).is_some() {
        return Err(Error::input(crate::msg!("account-exists", account = name)));
    }
    Ok(())
}

/// Adds (or, with the same name, replaces) an account with its secret (none for Flow, which
/// pairs later, and Vertex, which names where its credentials are).
pub async fn add(
    scope: &Scope,
    entry: AccountEntry,
    secret: Option<Secret>,
) -> Result<Changed, Error> {
    if let Some(secret) = &secret {
        setup::check_secret(entry.provider, secret.expose()).map_err(Error::input)?;
    }
    let mut notes = Vec::new();
    if let (Some(secret), None, None) = (&secret, &entry.secret_env, &entry.secret_file) {
        notes.extend(keep(scope, &entry.name, secret).await?);
    }
    let settings = upsert(&scope.settings, entry.clone());
    save(&settings, &scope.file).await?;
    let client = match (&scope.engine, entry.provider) {
        (Some(engine), ProviderKind::Gemini | ProviderKind::Vertex) => {
            let client = match &secret {
                Some(secret) => setup::gemini_client(&settings, &entry, secret),
                None => setup::vertex_client(&settings, &entry),
            };
            let client = Arc::new(client.map_err(Error::failed)?);
            Some(start_lane(engine, &settings, &entry, client)?)
        }
        _ => None,
    };
    Ok(Changed {
        settings: Box::new(settings),
        notes,
        client,
    })
}

/// A browser took a Flow account's pairing link, signed in as `email`: keeps the secret,
/// records the email when none was named, and starts the account's lane.
pub async fn paired(
    scope: &Scope,
    mut entry: AccountEntry,
    secret: Secret,
    email: Option<String>,
) -> Result<Changed, Error> {
    let mut notes = Vec::new();
    if entry.secret_env.is_none() && entry.secret_file.is_none() {
        notes.extend(keep(scope, &entry.name, &secret).await?);
    }
    match (&entry.email, email) {
        (Some(want), Some(got)) if !want.eq_ignore_ascii_case(&got) => {
            notes.insert(
                0,
                Note::WrongBrowser {
                    account: entry.name.clone(),
                    got,
                    want: want.clone(),
                },
            );
        }
        (None, Some(got)) => entry.email = Some(got),
        _ => {}
    }
    let settings = upsert(&scope.settings, entry.clone());
    save(&settings, &scope.file).await?;
    let client = match &scope.engine {
        Some(engine) => Some(start_lane(
            engine,
            &settings,
            &entry,
            flow_client(scope, &settings, &entry).await?,
        )?),
        None => None,
    };
    Ok(Changed {
        settings: Box::new(settings),
        notes,
        client,
    })
}

/// Renames an account: its takes in the ledger, its secret, its settings entry and its lane.
pub async fn rename(scope: &Scope, old: &str, new: &str) -> Result<Changed, Error> {
    let entry = known(&scope.settings, old)?;
    free_name(&scope.settings, new)?;
    let Some(ledger) = &scope.ledger else {
        return Err(Error::failed(crate::msg!("accounts-no-ledger")));
    };
    // Read before anything changes, so a missing secret stops the rename whole.
    let secret = if entry.provider != ProviderKind::Vertex
        && entry.secret_env.is_none()
        && entry.secret_file.is_none()
    {
        Some(
            scope
                .secrets
                .get(&entry)
                .await
                .map_err(|e| Error::failed(e.message()))?,
        )
    } else {
        None
    };
    // The secret goes under the new name first: where it cannot be kept, nothing changed.
    let mut notes = match &secret {
        Some(secret) => keep(scope, new, secret).await?,
        None => Vec::new(),
    };
    if let Some(engine) = &scope.engine {
        engine
            .remove_lane(old.to_string())
            .await
            .map_err(|e| Error::failed(e.message()))?;
    }
    // The ledger before the settings: if saving fails, renaming again finishes the job.
    ledger
        .rename_account(old, new)
        .await
        .map_err(|e| Error::failed(e.message()))?;
    if entry.provider == ProviderKind::Flow {
        notes.insert(
            0,
            Note::PairAgain {
                old: old.to_string(),
                new: new.to_string(),
            },
        );
    }
    let mut renamed = entry.clone();
    renamed.name = new.to_string();
    let mut settings = scope.settings.clone();
    if let Some(e) = settings.accounts.iter_mut().find(|a| a.name == old) {
        *e = renamed.clone();
    }
    // Its spending caps follow it.
    if let Some(caps) = settings.budget.accounts.remove(old) {
        settings.budget.accounts.insert(new.to_string(), caps);
    }
    save(&settings, &scope.file).await?;
    if secret.is_some() {
        scope.secrets.delete(old).await.ok();
    }
    let client = match &scope.engine {
        Some(engine) => {
            if let (Some(bridge), Some(secret)) = (&scope.bridge, &secret)
                && renamed.provider == ProviderKind::Flow
            {
                // The bridge checks the browser's hello against the new name's secret.
                bridge.set_secret(new, secret.clone());
            }
            let client = client_for(scope, &settings, &renamed).await?;
            Some(start_lane(engine, &settings, &renamed, client)?)
        }
        None => None,
    };
    Ok(Changed {
        settings: Box::new(settings),
        notes,
        client,
    })
}

/// Removes an account: its lane, its settings entry, then its secret (its secret file too).
pub async fn remove(scope: &Scope, name: &str) -> Result<Changed, Error> {
    let entry = known(&scope.settings, name)?;
    if let Some(engine) = &scope.engine {
        engine
            .remove_lane(name.to_string())
            .await
            .map_err(|e| Error::failed(e.message()))?;
    }
    let mut settings = scope.settings.clone();
    settings.accounts.retain(|a| a.name != name);
    settings.budget.accounts.remove(name);
    save(&settings, &scope.file).await?;
    if let Some(file) = &entry.secret_file {
        std::fs::remove_file(file).ok();
    }
    let notes = match scope.secrets.delete(name).await {
        Ok(()) => Vec::new(),
        Err(e) => vec![Note::KeyringKept {
            account: name.to_string(),
            error: e.message(),
        }],
    };
    Ok(Changed {
        settings: Box::new(settings),
        notes,
        client: None,
    })
}

/// Gives a Gemini account a new key, once the service accepted it.
pub async fn replace_secret(scope: &Scope, name: &str, secret: &str) -> Result<Changed, Error> {
    let entry = known(&scope.settings, name)?;
    let secret = setup::check_secret(entry.provider, secret).map_err(Error::input)?;
    let client =
        Arc::new(setup::gemini_client(&scope.settings, &entry, &secret).map_err(Error::failed)?);
    client
        .check()
        .await
        .map_err(|e| Error::input(crate::msg!("accounts-secret-fails", error = e.message())))?;
    let notes = match &entry.secret_env {
        // The variable wins at the next start; this one is kept for the session.
        Some(var) => vec![Note::SessionOnly(crate::msg!(
            "accounts-read-from-env",
            account = name,
            var = var.as_str()
        ))],
        None => keep(scope, name, &secret).await?,
    };
    let client = match &scope.engine {
        Some(engine) => {
            engine
                .replace_client(name.to_string(), client.clone())
                .map_err(|e| Error::failed(e.message()))?;
            Some(NewClient(name.to_string(), client))
        }
        None => None,
    };
    Ok(Changed {
        settings: Box::new(scope.settings.clone()),
        notes,
        client,
    })
}

fn known(settings: &Settings, name: &str) -> Result<AccountEntry, Error> {
    settings
        .account(name)
        .cloned()
        .ok_or_else(|| Error::input(crate::msg!("no-such-account", account = name)))
}

/// Keeps a secret; in memory only when that lasts long enough to be of use.
async fn keep(scope: &Scope, account: &str, secret: &Secret) -> Result<Vec<Note>, Error> {
    match scope.secrets.set(account, secret).await {
        Stored::Keyring => Ok(Vec::new()),
        Stored::SessionOnly(why) if scope.memory_lasts => Ok(vec![Note::SessionOnly(why)]),
        Stored::SessionOnly(why) => Err(Error::input(crate::msg!(
            "accounts-secret-not-kept",
            why = why
        ))),
    }
}

fn upsert(settings: &Settings, entry: AccountEntry) -> Settings {
    let mut settings = settings.clone();
    match settings.accounts.iter_mut().find(|a| a.name == entry.name) {
        Some(a) => *a = entry,
        None => settings.accounts.push(entry),
    }
    settings
}

async fn save(settings: &Settings, file: &std::path::Path) -> Result<(), Error> {
    let (settings, file) = (settings.clone(), file.to_path_buf());
    tokio::task::spawn_blocking(move || settings.save(&file))
        .await
        .map_err(|_| Error::failed(crate::msg!("accounts-save-stopped")))?
        .map_err(|e| Error::failed(e.to_message()))
}

async fn flow_client(
    scope: &Scope,
    settings: &Settings,
    entry: &AccountEntry,
) -> Result<Arc<Client>, Error> {
    let Some(bridge) = &scope.bridge else {
        return Err(Error::failed(crate::msg!("setup-no-bridge")));
    };
    let projects = match &scope.ledger {
        Some(ledger) => ledger.account_projects().await.unwrap_or_default(),
        None => Default::default(),
    };
    let links = setup::FlowLinks {
        bridge,
        projects: &projects,
        captures: scope.captures.clone(),
    };
    Ok(Arc::new(
        setup::flow_client(settings, entry, &links).map_err(Error::failed)?,
    ))
}

async fn client_for(
    scope: &Scope,
    settings: &Settings,
    entry: &AccountEntry,
) -> Result<Arc<Client>, Error> {
    match entry.provider {
        ProviderKind::Flow => flow_client(scope, settings, entry).await,
        _ => setup::client(settings, &scope.secrets, entry, None)
            .await
            .map(Arc::new)
            .map_err(Error::failed),
    }
}

fn start_lane(
    engine: &Engine,
    settings: &Settings,
    entry: &AccountEntry,
    client: Arc<Client>,
) -> Result<NewClient, Error> {
    engine
        .add_lane(LaneSpec {
            name: entry.name.clone(),
            client: client.clone(),
            concurrency: entry.concurrency.unwrap_or(settings.engine.concurrency) as usize,
        })
        .map_err(|e| Error::failed(e.message()))?;
    Ok(NewClient(entry.name.clone(), client))
}

/// A new Flow account's pairing secret where there is no keyring: made here, for the user to
/// keep in a variable of their shell (the variable's name comes back with it).
pub fn pairing_secret_for_env(name: &str) -> (String, Secret) {
    let var = format!(
        "FLOWDECK_PAIR_{}",
        name.to_ascii_uppercase().replace('-', "_")
    );
    (var, crate::bridge::proof::new_secret())
}

/// A new Flow account's pairing secret where there is no keyring, kept in a file only this
/// user can read: `<data>/secrets/<name>`. Returns the file.
pub fn pairing_secret_in_file(data_dir: &std::path::Path, name: &str) -> Result<PathBuf, Error> {
    let dir = data_dir.join("secrets");
    let failed = |e: std::io::Error| {
        Error::failed(crate::msg!(
            "accounts-secret-file-failed",
            file = dir.join(name).display().to_string(),
            error = e.to_string()
        ))
    };
    crate::store::private::create_dir(&dir).map_err(failed)?;
    crate::store::private::restrict_dir(&dir).map_err(failed)?;
    let file = dir.join(name);
    let secret = crate::bridge::proof::new_secret();
    crate::store::private::write(&file, secret.expose().as_bytes()).map_err(failed)?;
    Ok(file)
}
