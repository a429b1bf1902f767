//! `flowdeck accounts add`: a Flow account (paired later with `flowdeck bridge pair`), a
//! Gemini account with its key, a Vertex account naming its project and credentials.

use std::io::{IsTerminal, Read};

use super::AddArgs;
use crate::cli::context::{Context, Exit};
use crate::ops;
use crate::secret::Secret;
use crate::store::config::{AccountEntry, ProviderKind, check_account_name};
use crate::words::Said;

pub async fn add(ctx: &mut Context, a: AddArgs) -> Result<i32, Exit> {
    refuse_flags(ctx, &a)?;
    if a.provider == ProviderKind::Vertex {
        return add_vertex(ctx, a).await;
    }
    let mut secret = None;
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
        let read = read_secret(&a.name, a.provider)?;
        if let Some(w) = key_note(a.provider, read.expose()) {
            tell!("{}", crate::t!("cli-note", note = w));
        }
        secret = Some(read);
    }
    let mut entry = ctx
        .settings
        .account(&a.name)
        .cloned()
        .unwrap_or_else(|| AccountEntry::new(&a.name, a.provider));
    entry.provider = a.provider;
    entry.secret_env = a.secret_env.clone();
    entry.secret_file = None;
    let kept = if a.provider == ProviderKind::Flow && a.secret_env.is_none() {
        outside_keyring(ctx, &a, &mut entry).await?
    } else {
        None
    };
    if a.project_id.is_some() {
        entry.project_id = a.project_id.clone();
    }
    if a.email.is_some() {
        entry.email = a.email.clone();
    }
    if a.concurrency.is_some() {
        entry.concurrency = a.concurrency;
    }
    ops::accounts::add(&ctx.scope(None, None, false), entry, secret).await?;
    let shown = ctx.paths.config_file.display().to_string();
    if a.provider == ProviderKind::Flow {
        say_flow_saved(&a.name, &shown, kept);
        return Ok(0);
    }
    let place = a
        .secret_env
        .map_or_else(|| crate::t!("cli-the-keyring"), |v| format!("${v}"));
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

/// What the flags ask that cannot be: a bad or taken name, an email without @, a flag of
/// another provider.
fn refuse_flags(ctx: &Context, a: &AddArgs) -> Result<(), Exit> {
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
    if a.secret_file && a.provider != ProviderKind::Flow {
        return Err(Exit::usage(crate::t!("cli-secret-file-flow-only")));
    }
    if a.provider == ProviderKind::Vertex {
        return Ok(());
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
    Ok(())
}

/// What a Flow account needs next: its browser paired, and where its secret is kept when not
/// in the keyring.
fn say_flow_saved(name: &str, shown: &str, kept: Option<Kept>) {
    say!(
        "{}",
        crate::t!("cli-account-saved", account = name, file = shown)
    );
    match kept {
        Some(Kept::Env { var, secret, why }) => {
            say!(
                "{}",
                crate::t!("cli-no-keyring-export", account = name, why = why.said())
            );
            // The shell's own words, the same in every language.
            let line = crate::t!(
                "cli-export-line",
                var = var.as_str(),
                secret = secret.expose()
            );
            say!("  {line}");
            say!("{}", crate::t!("cli-no-keyring-or-file", account = name));
        }
        Some(Kept::File(file)) => {
            let file = file.display().to_string();
            say!(
                "{}",
                crate::t!("cli-secret-file-kept", account = name, file = file)
            );
            say!("{}", crate::t!("cli-connect-browser", account = name));
        }
        None => say!("{}", crate::t!("cli-connect-browser", account = name)),
    }
}

/// Where a Flow account's pairing secret lives when it is not in the keyring.
enum Kept {
    /// Made here, for the user's shell profile: no keyring on this machine.
    Env {
        var: String,
        secret: Secret,
        why: crate::message::Message,
    },
    /// In a user-only file in the data folder (`--secret-file`).
    File(std::path::PathBuf),
}

/// A Flow account's pairing secret, outside the keyring when asked (`--secret-file`) or when
/// there is none: the dead end would otherwise come at `bridge pair`.
async fn outside_keyring(
    ctx: &Context,
    a: &AddArgs,
    entry: &mut AccountEntry,
) -> Result<Option<Kept>, Exit> {
    if a.secret_file {
        let file = ops::accounts::pairing_secret_in_file(&ctx.paths.data_dir, &a.name)?;
        entry.secret_file = Some(file.clone());
        return Ok(Some(Kept::File(file)));
    }
    let Some(why) = ctx.secrets.keyring_missing().await else {
        return Ok(None);
    };
    let (var, secret) = ops::accounts::pairing_secret_for_env(&a.name);
    entry.secret_env = Some(var.clone());
    Ok(Some(Kept::Env { var, secret, why }))
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
async fn add_vertex(ctx: &mut Context, a: AddArgs) -> Result<i32, Exit> {
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
    let file = ctx.paths.config_file.clone();
    let mut next = ctx.settings.clone();
    next.accounts.retain(|e| e.name != a.name);
    next.accounts.push(entry.clone());
    // The same checks as loading the file, so what is saved loads again.
    let text = toml::to_string_pretty(&next).map_err(|e| Exit::failed(e.to_string()))?;
    crate::store::config::Settings::parse(&text, &file).map_err(|e| Exit::usage(e.message))?;
    let changed = ops::accounts::add(&ctx.scope(None, None, false), entry, None).await?;
    ctx.settings = *changed.settings;
    let shown = file.display().to_string();
    say!(
        "{}",
        crate::t!("cli-account-saved", account = a.name.as_str(), file = shown)
    );
    say!("{}", crate::t!("cli-check-it", account = a.name.as_str()));
    Ok(0)
}
