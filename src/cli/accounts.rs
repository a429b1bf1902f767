//! `flowdeck accounts add|list|remove|check`.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::context::{Context, Exit};
use crate::engine::setup;
use crate::secret::Secret;
use crate::store::config::{AccountEntry, ProviderKind, check_account_name};
use crate::store::secrets::Stored;

#[derive(Debug, Subcommand)]
pub enum AccountsCmd {
    /// Add an account. A Gemini API key is read from standard input (or --secret-env at run
    /// time); a Flow account is then connected to its browser with `flowdeck bridge pair`; a
    /// Vertex account names its project and key file (or uses gcloud's credentials).
    Add(Box<AddArgs>),
    /// List the accounts.
    List,
    /// Remove an account and its keyring entry.
    Remove { name: String },
    /// Check accounts: a Flow account's browser, who it is signed in as, plan and credits; a
    /// Gemini key and its models; a Vertex project's credentials and models (all accounts
    /// when none is named).
    Check { names: Vec<String> },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    name: String,
    #[arg(long, default_value = "flow")]
    provider: ProviderKind,
    /// Read the secret from this environment variable when running, instead of the keyring.
    #[arg(long, value_name = "VAR")]
    secret_env: Option<String>,
    /// Put videos into this existing Flow project.
    #[arg(long)]
    project_id: Option<String>,
    /// Flow: the Google account its browser must be signed in as.
    #[arg(long)]
    email: Option<String>,
    /// Videos generating at once on this account.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=32))]
    concurrency: Option<u32>,
    /// Replace the secret of an existing account ("sign in again").
    #[arg(long)]
    replace: bool,
    /// Vertex: the Google Cloud project that runs and bills the videos.
    #[arg(long)]
    project: Option<String>,
    /// Vertex: the region (default us-central1), or global.
    #[arg(long)]
    location: Option<String>,
    /// Vertex: a service-account key file (only its path is kept). Application Default
    /// Credentials when neither this nor --token-command is given.
    #[arg(long, value_name = "FILE")]
    credentials: Option<PathBuf>,
    /// Vertex: a command that prints an access token, e.g. "gcloud auth print-access-token".
    #[arg(long, value_name = "CMD")]
    token_command: Option<String>,
    /// Vertex: write this account's videos to gs://bucket/prefix (downloaded from there).
    #[arg(long, value_name = "URI")]
    storage_uri: Option<String>,
}

fn read_secret(name: &str, provider: ProviderKind) -> Result<Secret, Exit> {
    let what = match provider {
        ProviderKind::Flow => "the pairing secret",
        ProviderKind::Gemini => "the Gemini API key (from aistudio.google.com/apikey)",
        ProviderKind::Vertex => "the credentials",
    };
    let text = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("Paste {what} for {name}: "))
            .map_err(|e| Exit::usage(format!("cannot read the secret: {e}")))?
    } else {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Exit::usage(format!("cannot read the secret from standard input: {e}")))?;
        s
    };
    let secret = Secret::new(text.trim());
    if secret.is_empty() {
        return Err(Exit::usage("no secret was given"));
    }
    Ok(secret)
}

pub async fn run(config: Option<PathBuf>, cmd: AccountsCmd) -> Result<i32, Exit> {
    let mut ctx = Context::load(config)?;
    let file = ctx.paths.config_file.clone();
    match cmd {
        AccountsCmd::Add(a) => {
            check_account_name(&a.name).map_err(Exit::usage)?;
            let exists = ctx.settings.account(&a.name).is_some();
            if exists && !a.replace {
                return Err(Exit::usage(format!(
                    "there is already an account \"{}\"; use --replace to give it a new secret",
                    a.name
                )));
            }
            if let Some(e) = &a.email
                && !e.contains('@')
            {
                return Err(Exit::usage(format!("\"{e}\" is not an email address")));
            }
            if a.provider == ProviderKind::Vertex {
                return add_vertex(&mut ctx, *a, &file);
            }
            if let Some(flag) = [
                ("--project", a.project.is_some()),
                ("--location", a.location.is_some()),
                ("--credentials", a.credentials.is_some()),
                ("--token-command", a.token_command.is_some()),
                ("--storage-uri", a.storage_uri.is_some()),
            ]
            .iter()
            .find(|(_, set)| *set)
            {
                return Err(Exit::usage(format!(
                    "{} is for Vertex accounts (--provider vertex)",
                    flag.0
                )));
            }
            if let Some(var) = &a.secret_env {
                match std::env::var(var) {
                    Ok(v) if !v.trim().is_empty() => {
                        if let Some(w) = key_note(a.provider, &v) {
                            eprintln!("note: {w}");
                        }
                    }
                    _ => eprintln!("note: {var} is not set now; set it before running flowdeck"),
                }
            } else if a.provider == ProviderKind::Gemini {
                let secret = read_secret(&a.name, a.provider)?;
                setup::check_secret(a.provider, secret.expose()).map_err(Exit::usage)?;
                if let Some(w) = key_note(a.provider, secret.expose()) {
                    eprintln!("note: {w}");
                }
                if let Stored::SessionOnly(why) = ctx.secrets.set(&a.name, &secret).await {
                    return Err(Exit::usage(format!(
                        "no keyring is available ({why}), so the secret would be lost when this command ends. \
                         Put it in an environment variable and add the account with --secret-env VAR"
                    )));
                }
            }
            let entry = ctx.settings.accounts.iter_mut().find(|e| e.name == a.name);
            let entry = match entry {
                Some(e) => e,
                None => {
                    ctx.settings
                        .accounts
                        .push(AccountEntry::new(&a.name, a.provider));
                    ctx.settings
                        .accounts
                        .last_mut()
                        .ok_or_else(|| Exit::failed("internal error"))?
                }
            };
            entry.provider = a.provider;
            entry.secret_env = a.secret_env.clone();
            if a.project_id.is_some() {
                entry.project_id = a.project_id.clone();
            }
            if a.email.is_some() {
                entry.email = a.email.clone();
            }
            if a.concurrency.is_some() {
                entry.concurrency = a.concurrency;
            }
            ctx.settings
                .save(&file)
                .map_err(|e| Exit::failed(e.to_string()))?;
            if a.provider == ProviderKind::Flow {
                say!("Account {} saved in {}.", a.name, file.display());
                say!(
                    "Now connect its browser (Chrome with the flowdeck extension, signed in to \
                     that Google account): flowdeck bridge pair {}",
                    a.name
                );
                return Ok(0);
            }
            let place = a
                .secret_env
                .map_or("the keyring".to_string(), |v| format!("${v}"));
            say!(
                "Account {} saved in {} (secret in {place}).",
                a.name,
                file.display()
            );
            say!("Check it with: flowdeck accounts check {}", a.name);
            Ok(0)
        }
        AccountsCmd::List => {
            if ctx.settings.accounts.is_empty() {
                say!("No accounts. Add one with `flowdeck accounts add NAME`.");
                return Ok(0);
            }
            say!(
                "{:<16} {:<8} {:<16} {:<28} enabled",
                "name",
                "provider",
                "secret",
                "email"
            );
            for a in &ctx.settings.accounts {
                let secret = match a.provider {
                    ProviderKind::Vertex => match (&a.credentials, &a.token_command) {
                        (Some(_), _) => "key file".to_string(),
                        (None, Some(_)) => "command".to_string(),
                        (None, None) => "ADC".to_string(),
                    },
                    _ => a
                        .secret_env
                        .as_ref()
                        .map_or("keyring".to_string(), |v| format!("${v}")),
                };
                say!(
                    "{:<16} {:<8} {:<16} {:<28} {}",
                    a.name,
                    a.provider,
                    secret,
                    a.email.as_deref().or(a.project.as_deref()).unwrap_or("-"),
                    if a.enabled { "yes" } else { "no" }
                );
            }
            Ok(0)
        }
        AccountsCmd::Remove { name } => {
            let before = ctx.settings.accounts.len();
            ctx.settings.accounts.retain(|a| a.name != name);
            if ctx.settings.accounts.len() == before {
                return Err(Exit::usage(format!("there is no account \"{name}\"")));
            }
            ctx.settings
                .save(&file)
                .map_err(|e| Exit::failed(e.to_string()))?;
            if let Err(e) = ctx.secrets.delete(&name).await {
                eprintln!("note: the keyring entry could not be removed: {e}");
            }
            say!("Account {name} removed.");
            Ok(0)
        }
        AccountsCmd::Check { names } => {
            let chosen: Vec<&AccountEntry> = if names.is_empty() {
                ctx.settings.accounts.iter().collect()
            } else {
                let mut v = Vec::new();
                for n in &names {
                    v.push(
                        ctx.settings
                            .account(n)
                            .ok_or_else(|| Exit::usage(format!("there is no account \"{n}\"")))?,
                    );
                }
                v
            };
            if chosen.is_empty() {
                return Err(Exit::usage(
                    "no accounts to check; add one with `flowdeck accounts add NAME`",
                ));
            }
            let chosen: Vec<AccountEntry> = chosen.into_iter().cloned().collect();
            let names: Vec<String> = chosen.iter().map(|a| a.name.clone()).collect();
            let bridge = if setup::needs_bridge(&ctx.settings, &names) {
                Some(ctx.bridge().await?)
            } else {
                None
            };
            if let Some(b) = &bridge {
                let paired = setup::pairings(&ctx.settings, &ctx.secrets).await;
                let flow: Vec<String> = chosen
                    .iter()
                    .filter(|a| paired.contains_key(&a.name))
                    .map(|a| a.name.clone())
                    .collect();
                let wait = Duration::from_secs(ctx.settings.bridge.wait_secs.min(15));
                super::bridge::wait_for_browsers(b, &flow, wait).await;
            }
            let projects = std::collections::HashMap::new();
            let links = bridge.as_deref().map(|bridge| setup::FlowLinks {
                bridge,
                projects: &projects,
            });
            let mut bad = 0;
            for a in &chosen {
                let result =
                    match setup::client(&ctx.settings, &ctx.secrets, a, links.as_ref()).await {
                        Err(e) => Err(e),
                        Ok(client) => match client.presence().map(|p| p.borrow().clone()) {
                            Some(p) if client.browser_problem(&p).is_some() => {
                                Err(client.browser_problem(&p).unwrap_or_default())
                            }
                            _ => client.check().await.map_err(|e| e.to_string()),
                        },
                    };
                match result {
                    Ok(s) => {
                        let credits = s.credits.map_or(String::new(), |c| format!("{c} credits"));
                        let browser = if a.provider == ProviderKind::Flow {
                            "browser connected, "
                        } else {
                            ""
                        };
                        say!(
                            "{:<16} ok   {browser}{:<32} {:<8} {credits}",
                            a.name,
                            s.email.as_deref().unwrap_or("-"),
                            s.tier,
                        );
                        if !s.models.is_empty() {
                            say!("{:<16}      makes: {}", "", s.models.join(", "));
                        }
                    }
                    Err(e) => {
                        bad += 1;
                        say!("{:<16} FAIL {e}", a.name);
                    }
                }
            }
            Ok(if bad > 0 { 1 } else { 0 })
        }
    }
}

/// A warning for a Gemini key that does not look like today's keys: kept anyway, since Google
/// changes formats and the service decides.
fn key_note(provider: ProviderKind, key: &str) -> Option<String> {
    (provider == ProviderKind::Gemini)
        .then(|| crate::provider::gemini::key_warning(key))
        .flatten()
}

/// `accounts add NAME --provider vertex --project P [--location L] [--credentials FILE |
/// --token-command CMD]`: nothing secret is stored, only where the credentials are.
fn add_vertex(ctx: &mut Context, a: AddArgs, file: &std::path::Path) -> Result<i32, Exit> {
    if a.secret_env.is_some() || a.project_id.is_some() || a.email.is_some() {
        return Err(Exit::usage(
            "Vertex accounts take --project, --location, --credentials or --token-command \
             (not --secret-env, --project-id or --email)",
        ));
    }
    let credentials = match &a.credentials {
        Some(p) => {
            // A relative path would break when flowdeck runs from elsewhere.
            let p = std::path::absolute(p).map_err(|e| Exit::usage(e.to_string()))?;
            let email = crate::provider::vertex::auth::inspect_key_file(&p).map_err(Exit::usage)?;
            say!("Key file {} is service account {email}.", p.display());
            Some(p)
        }
        None => None,
    };
    let mut entry = AccountEntry::new(&a.name, ProviderKind::Vertex);
    entry.project = a.project.clone();
    entry.location = a.location.clone();
    entry.credentials = credentials;
    entry.token_command = a.token_command.clone();
    entry.storage_uri = a.storage_uri.clone();
    entry.concurrency = a.concurrency;
    let mut next = ctx.settings.clone();
    next.accounts.retain(|e| e.name != a.name);
    next.accounts.push(entry);
    // The same checks as loading the file, so what is saved loads again.
    let text = toml::to_string_pretty(&next).map_err(|e| Exit::failed(e.to_string()))?;
    crate::store::config::Settings::parse(&text, file).map_err(|e| Exit::usage(e.message))?;
    next.save(file).map_err(|e| Exit::failed(e.to_string()))?;
    ctx.settings = next;
    say!("Account {} saved in {}.", a.name, file.display());
    say!("Check it with: flowdeck accounts check {}", a.name);
    Ok(0)
}
