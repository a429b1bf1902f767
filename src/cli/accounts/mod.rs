//! `flowdeck accounts add|list|rename|remove|check`: one file per command.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::context::{Context, Exit};
use crate::ops;
use crate::store::config::ProviderKind;
use crate::words::Said;

mod add;
mod check;
mod list;

#[derive(Debug, Subcommand)]
pub enum AccountsCmd {
    /// Add an account. A Gemini API key is read from standard input (or --secret-env at run
    /// time); a Flow account is then connected to its browser with `flowdeck bridge pair`; a
    /// Vertex account names its project and key file (or uses gcloud's credentials).
    Add(Box<AddArgs>),
    /// List the accounts.
    List,
    /// Rename an account: its settings, its secret and its takes in the ledger follow.
    Rename { old: String, new: String },
    /// Remove an account and its keyring entry.
    Remove { name: String },
    /// Let an account the service held (it flagged unusual activity) work again, once you
    /// have checked it in its browser; `flowdeck resume` then takes up what waits.
    Resume { name: String },
    /// Check accounts: a Flow account's browser, who it is signed in as, plan and credits; a
    /// Gemini key and its models; a Vertex project's credentials and models (all accounts
    /// when none is named).
    Check { names: Vec<String> },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    pub(super) name: String,
    #[arg(long, default_value = "flow", value_parser = super::words::<ProviderKind>)]
    pub(super) provider: ProviderKind,
    /// Read the secret from this environment variable when running, instead of the keyring.
    #[arg(long, value_name = "VAR")]
    pub(super) secret_env: Option<String>,
    /// Flow: keep the pairing secret in a file only you can read, in the data folder (for a
    /// machine without a keyring).
    #[arg(long, conflicts_with = "secret_env")]
    pub(super) secret_file: bool,
    /// Put videos into this existing Flow project.
    #[arg(long)]
    pub(super) project_id: Option<String>,
    /// Flow: the Google account its browser must be signed in as.
    #[arg(long)]
    pub(super) email: Option<String>,
    /// Videos generating at once on this account.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=32))]
    pub(super) concurrency: Option<u32>,
    /// Replace the secret of an existing account ("sign in again").
    #[arg(long)]
    pub(super) replace: bool,
    /// Vertex: the Google Cloud project that runs and bills the videos.
    #[arg(long)]
    pub(super) project: Option<String>,
    /// Vertex: the region (default us-central1), or global.
    #[arg(long)]
    pub(super) location: Option<String>,
    /// Vertex: a service-account key file (only its path is kept). Application Default
    /// Credentials when neither this nor --token-command is given.
    #[arg(long, value_name = "FILE")]
    pub(super) credentials: Option<PathBuf>,
    /// Vertex: a command that prints an access token, e.g. "gcloud auth print-access-token".
    #[arg(long, value_name = "CMD")]
    pub(super) token_command: Option<String>,
    /// Vertex: write this account's videos to gs://bucket/prefix (downloaded from there).
    #[arg(long, value_name = "URI")]
    pub(super) storage_uri: Option<String>,
}

pub async fn run(config: Option<PathBuf>, cmd: AccountsCmd) -> Result<i32, Exit> {
    let mut ctx = Context::load(config)?;
    match cmd {
        AccountsCmd::Add(a) => add::add(&mut ctx, *a).await,
        AccountsCmd::List => list::list(&ctx),
        AccountsCmd::Rename { old, new } => rename(&ctx, &old, &new).await,
        AccountsCmd::Remove { name } => remove(&ctx, &name).await,
        AccountsCmd::Resume { name } => resume(&ctx, &name),
        AccountsCmd::Check { names } => check::check(&mut ctx, names).await,
    }
}

/// Renames an account, its takes in the ledger and its secret: only while no other flowdeck
/// drives this folder's takes.
async fn rename(ctx: &Context, old: &str, new: &str) -> Result<i32, Exit> {
    let _lock = ctx.engine_lock("flowdeck accounts rename")?;
    let ledger = ctx.ledger()?;
    let changed = ops::accounts::rename(&ctx.scope(Some(ledger), None, false), old, new).await?;
    say!("{}", crate::t!("cli-account-renamed", old = old, new = new));
    for note in &changed.notes {
        if let ops::accounts::Note::PairAgain { new, .. } = note {
            say!("{}", crate::t!("cli-pair-again", account = new.as_str()));
        }
    }
    Ok(0)
}

/// Releases a held account: the next session starts it as ready.
fn resume(ctx: &Context, name: &str) -> Result<i32, Exit> {
    if ctx.settings.account(name).is_none() {
        return Err(Exit::usage(crate::t!("no-such-account", account = name)));
    }
    let released = ops::holds::Holds::at(&ctx.paths.data_dir)
        .release(name)
        .map_err(Exit::failed)?;
    if released {
        say!("{}", crate::t!("cli-account-released", account = name));
    } else {
        say!("{}", crate::t!("cli-account-not-held", account = name));
    }
    Ok(0)
}

async fn remove(ctx: &Context, name: &str) -> Result<i32, Exit> {
    let changed = ops::accounts::remove(&ctx.scope(None, None, false), name).await?;
    for note in &changed.notes {
        if let ops::accounts::Note::KeyringKept { error, .. } = note {
            tell!(
                "{}",
                crate::t!("cli-keyring-not-removed", error = error.said())
            );
        }
    }
    say!("{}", crate::t!("cli-account-removed", account = name));
    Ok(0)
}
