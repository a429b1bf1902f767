//! `flowdeck accounts add|list|remove|check`.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::context::{Context, Exit};
use crate::engine::setup;
use crate::secret::Secret;
use crate::store::captures::Captures;
use crate::store::config::{AccountEntry, ProviderKind, check_account_name};
use crate::store::secrets::Stored;
use crate::visible::one_line;
use crate::words::Said;

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
    #[arg(long, default_value = "flow", value_parser = super::words::<ProviderKind>)]
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
        ProviderKind::Flow => crate::t!("cli-secret-pairing"),
        ProviderKind::Gemini => crate::t!("cli-secret-gemini"),
        ProviderKind::Vertex => crate::t!("cli-secret-vertex"),
    };
    let text = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!(
            "{} ",
            crate::t!("cli-paste-secret", what = what, account = name)
        ))
        .map_err(|e| Exit::usage(crate::t!("cli-secret-unreadable", error = e.to_string())))?
    } else {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| {
            Exit::usage(crate::t!(
                "cli-secret-stdin-unreadable",
                error = e.to_string()
            ))
        })?;
        s
    };
    let secret = Secret::new(text.trim());
    if secret.is_empty() {
        return Err(Exit::usage(crate::t!("cli-no-secret")));
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
                return Err(Exit::usage(crate::t!(
                    "cli-account-exists",
                    account = a.name.as_str()
                )));
            }
            if let Some(e) = &a.email
                && !e.contains('@')
            {
                return Err(Exit::usage(crate::t!("cli-not-an-email", email = e)));
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
                return Err(Exit::usage(crate::t!(
                    "cli-vertex-only-flag",
                    flag = flag.0
                )));
            }
            if let Some(var) = &a.secret_env {
                match crate::secret::env_value(var) {
                    Some(v) if !v.trim().is_empty() => {
                        if let Some(w) = key_note(a.provider, &v) {
                            tell!("{}", crate::t!("cli-note", note = w));
                        }
                    }
                    _ => tell!("{}", crate::t!("cli-env-not-set", var = var)),
                }
            } else if a.provider == ProviderKind::Gemini {
                let secret = read_secret(&a.name, a.provider)?;
                setup::check_secret(a.provider, secret.expose()).map_err(Exit::usage)?;
                if let Some(w) = key_note(a.provider, secret.expose()) {
                    tell!("{}", crate::t!("cli-note", note = w));
                }
                if let Stored::SessionOnly(why) = ctx.secrets.set(&a.name, &secret).await {
                    return Err(Exit::usage(crate::t!("cli-no-keyring", why = why.said())));
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
                        .ok_or_else(|| Exit::failed(crate::t!("cli-internal-error")))?
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
                .map_err(|e| Exit::failed(e.said()))?;
            if a.provider == ProviderKind::Flow {
                let shown = file.display().to_string();
                say!(
                    "{}",
                    crate::t!("cli-account-saved", account = a.name.as_str(), file = shown)
                );
                say!(
                    "{}",
                    crate::t!("cli-connect-browser", account = a.name.as_str())
                );
                return Ok(0);
            }
            let place = a
                .secret_env
                .map_or_else(|| crate::t!("cli-the-keyring"), |v| format!("${v}"));
            let shown = file.display().to_string();
            say!(
                "{}",
                crate::t!(
                    "cli-account-saved-secret",
                    account = a.name.as_str(),
                    file = shown,
                    place = place
                )
            );
            say!("{}", crate::t!("cli-check-it", account = a.name.as_str()));
            Ok(0)
        }
        AccountsCmd::List => {
            if ctx.settings.accounts.is_empty() {
                say!("{}", crate::t!("cli-no-accounts-yet"));
                return Ok(0);
            }
            say!(
                "{:<16} {:<8} {:<16} {:<28} {}",
                crate::t!("cli-col-name"),
                crate::t!("cli-col-provider"),
                crate::t!("cli-col-secret"),
                crate::t!("cli-col-email"),
                crate::t!("cli-col-enabled"),
            );
            for a in &ctx.settings.accounts {
                let secret = match a.provider {
                    ProviderKind::Vertex => match (&a.credentials, &a.token_command) {
                        (Some(_), _) => crate::t!("cli-secret-key-file"),
                        (None, Some(_)) => crate::t!("cli-secret-command"),
                        (None, None) => "ADC".to_string(),
                    },
                    _ => a
                        .secret_env
                        .as_ref()
                        .map_or_else(|| crate::t!("cli-keyring"), |v| format!("${v}")),
                };
                say!(
                    "{:<16} {:<8} {:<16} {:<28} {}",
                    a.name,
                    a.provider,
                    secret,
                    one_line(a.email.as_deref().or(a.project.as_deref()).unwrap_or("-")),
                    if a.enabled {
                        crate::t!("cli-yes")
                    } else {
                        crate::t!("cli-no")
                    }
                );
            }
            Ok(0)
        }
        AccountsCmd::Remove { name } => {
            let before = ctx.settings.accounts.len();
            ctx.settings.accounts.retain(|a| a.name != name);
            if ctx.settings.accounts.len() == before {
                return Err(Exit::usage(crate::t!(
                    "no-such-account",
                    account = name.as_str()
                )));
            }
            ctx.settings
                .save(&file)
                .map_err(|e| Exit::failed(e.said()))?;
            if let Err(e) = ctx.secrets.delete(&name).await {
                tell!("{}", crate::t!("cli-keyring-not-removed", error = e.said()));
            }
            say!(
                "{}",
                crate::t!("cli-account-removed", account = name.as_str())
            );
            Ok(0)
        }
        AccountsCmd::Check { names } => {
            let chosen: Vec<&AccountEntry> =
                if names.is_empty() {
                    ctx.settings.accounts.iter().collect()
                } else {
                    let mut v = Vec::new();
                    for n in &names {
                        v.push(ctx.settings.account(n).ok_or_else(|| {
                            Exit::usage(crate::t!("no-such-account", account = n))
                        })?);
                    }
                    v
                };
            if chosen.is_empty() {
                return Err(Exit::usage(crate::t!("cli-no-accounts-to-check")));
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
                captures: Some(Captures::sink(&ctx.paths, &ctx.settings)),
            });
            let mut bad = 0;
            for a in &chosen {
                let result =
                    match setup::client(&ctx.settings, &ctx.secrets, a, links.as_ref()).await {
                        Err(e) => Err(e.said()),
                        Ok(client) => match client.presence().map(|p| p.borrow().clone()) {
                            Some(p) if client.browser_problem(&p).is_some() => Err(client
                                .browser_problem(&p)
                                .map(|m| m.said())
                                .unwrap_or_default()),
                            _ => client.check().await.map_err(|e| e.said()),
                        },
                    };
                match result {
                    Ok(s) => {
                        let credits = s.credits.map_or(String::new(), |c| {
                            crate::t!("cost-credits", credits = crate::i18n::number(c))
                        });
                        let browser = if a.provider == ProviderKind::Flow {
                            format!("{}, ", crate::t!("cli-browser-connected"))
                        } else {
                            String::new()
                        };
                        say!(
                            "{:<16} {:<4} {browser}{:<32} {:<8} {credits}",
                            a.name,
                            crate::t!("cli-check-ok"),
                            one_line(s.email.as_deref().unwrap_or("-")),
                            one_line(&s.tier.said()),
                        );
                        let models = one_line(&s.models.join(", ")).into_owned();
                        let makes = match (&s.models_from, s.models.is_empty()) {
                            (Some(from), true) => {
                                Some(crate::t!("cli-makes-built-in", from = one_line(from)))
                            }
                            (Some(from), false) => Some(crate::t!(
                                "cli-makes-from",
                                models = models.as_str(),
                                from = one_line(from)
                            )),
                            (None, false) => Some(crate::t!("cli-makes", models = models.as_str())),
                            (None, true) => None,
                        };
                        if let Some(makes) = makes {
                            say!("{:<16}      {makes}", "");
                        }
                        for w in &s.warnings {
                            let warning = crate::t!(
                                "cli-check-warning",
                                rpc = one_line(&w.rpc),
                                detail = one_line(&w.detail.said()).into_owned()
                            );
                            say!("{:<16}      {warning}", "");
                        }
                    }
                    Err(e) => {
                        bad += 1;
                        say!(
                            "{:<16} {:<4} {}",
                            a.name,
                            crate::t!("cli-check-fail"),
                            one_line(&e)
                        );
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
        .map(|m| m.said())
}

/// `accounts add NAME --provider vertex --project P [--location L] [--credentials FILE |
/// --token-command CMD]`: nothing secret is stored, only where the credentials are.
fn add_vertex(ctx: &mut Context, a: AddArgs, file: &std::path::Path) -> Result<i32, Exit> {
    if a.secret_env.is_some() || a.project_id.is_some() || a.email.is_some() {
        return Err(Exit::usage(crate::t!("cli-vertex-flags")));
    }
    let credentials = match &a.credentials {
        Some(p) => {
            // A relative path would break when flowdeck runs from elsewhere.
            let p = std::path::absolute(p).map_err(|e| Exit::usage(e.to_string()))?;
            let email = crate::provider::vertex::auth::inspect_key_file(&p).map_err(Exit::usage)?;
            let shown = p.display().to_string();
            say!(
                "{}",
                crate::t!("cli-key-file-is", file = shown, email = email)
            );
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
    next.save(file).map_err(|e| Exit::failed(e.said()))?;
    ctx.settings = next;
    let shown = file.display().to_string();
    say!(
        "{}",
        crate::t!("cli-account-saved", account = a.name.as_str(), file = shown)
    );
    say!("{}", crate::t!("cli-check-it", account = a.name.as_str()));
    Ok(0)
}
