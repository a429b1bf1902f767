//! `flowdeck bridge pair`, and waiting for paired browsers before a run.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};

use super::context::{Context, Exit};
use crate::bridge::{Bridge, proof};
use crate::ops;
use crate::secret::Secret;
use crate::store::config::{AccountEntry, ProviderKind, check_account_name};
use crate::words::Said;

#[derive(Debug, Subcommand)]
pub enum BridgeCmd {
    /// Pair a browser profile (with the flowdeck extension) with a Flow account.
    Pair(PairArgs),
}

#[derive(Debug, Args)]
pub struct PairArgs {
    /// The Flow account; it is added when it does not exist yet.
    name: String,
    /// Print the pairing URL without opening it in the default browser.
    #[arg(long)]
    no_open: bool,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(5..=3600))]
    timeout: u64,
}

pub async fn run(config: Option<PathBuf>, cmd: BridgeCmd) -> Result<i32, Exit> {
    let BridgeCmd::Pair(args) = cmd;
    let mut ctx = Context::load(config)?;
    pair(&mut ctx, args).await
}

async fn pair(ctx: &mut Context, args: PairArgs) -> Result<i32, Exit> {
    let name = args.name.clone();
    check_account_name(&name).map_err(Exit::usage)?;
    let existing = ctx.settings.account(&name).cloned();
    if existing
        .as_ref()
        .is_some_and(|a| a.provider != ProviderKind::Flow)
    {
        let provider = existing
            .as_ref()
            .map_or(ProviderKind::Flow, |a| a.provider)
            .to_string();
        return Err(Exit::usage(crate::t!(
            "cli-pair-not-flow",
            account = name.as_str(),
            provider = provider
        )));
    }
    let entry = existing.unwrap_or_else(|| AccountEntry::new(&name, ProviderKind::Flow));
    // The secret: the one in secret_env when the account keeps it there, else a new one for
    // the keyring (refused up front when there is no keyring to keep it).
    let (secret, fresh) = match &entry.secret_env {
        None if entry.secret_file.is_some() => (
            ctx.secrets
                .get(&entry)
                .await
                .map_err(|e| Exit::usage(e.message()))?,
            false,
        ),
        Some(var) => {
            let value = crate::secret::env_value(var).ok_or_else(|| {
                Exit::usage(crate::t!(
                    "cli-pair-env-unset",
                    account = name.as_str(),
                    var = var
                ))
            })?;
            if value.trim().len() < 16 {
                return Err(Exit::usage(crate::t!("cli-pair-env-short", var = var)));
            }
            (Secret::new(value.trim()), false)
        }
        None => (proof::new_secret(), true),
    };
    if fresh && let Some(why) = ctx.secrets.keyring_problem() {
        return Err(Exit::usage(crate::t!(
            "cli-pair-no-keyring",
            why = why.said()
        )));
    }
    let bridge = ctx.bridge().await?;
    let pairing = bridge.offer_pairing(&name, secret.clone(), Duration::from_secs(args.timeout));
    // One line, so a script (or a test) can take the URL; the check code on the next, only
    // here (never in the opener's arguments or on the page).
    say!(
        "{}",
        crate::t!(
            "cli-pair-open",
            account = name.as_str(),
            url = pairing.url.as_str()
        )
    );
    say!(
        "{}",
        crate::t!("cli-pair-check", code = pairing.check.as_str())
    );
    if !args.no_open
        && let Err(e) = crate::platform::open(&pairing.url).await
    {
        tell!(
            "flowdeck: {}",
            crate::t!("cli-pair-open-yourself", error = e.to_string())
        );
    }
    let presence = pairing
        .wait(Duration::from_secs(args.timeout))
        .await
        .map_err(|e| Exit::failed(e.said()))?;
    let email = presence.email.clone();
    let changed =
        ops::accounts::paired(&ctx.scope(None, None, false), entry, secret, email.clone()).await?;
    ctx.settings = *changed.settings;
    let who = email.map_or_else(
        || crate::t!("cli-pair-unknown-account"),
        |e| crate::visible::one_line(&e).into_owned(),
    );
    say!(
        "{}",
        crate::t!("cli-paired", account = name.as_str(), who = who)
    );
    for note in &changed.notes {
        if let ops::accounts::Note::WrongBrowser { want, .. } = note {
            let file = ctx.paths.config_file.display().to_string();
            say!(
                "{}",
                crate::t!(
                    "cli-pair-wrong-account",
                    account = name.as_str(),
                    want = want.as_str(),
                    file = file
                )
            );
            return Ok(1);
        }
    }
    Ok(0)
}

/// Waits up to `limit` for the browsers of `accounts` to connect, saying who it waits for.
/// Returns those still missing.
pub async fn wait_for_browsers(
    bridge: &Bridge,
    accounts: &[String],
    limit: Duration,
) -> Vec<String> {
    let missing = |b: &Bridge| -> BTreeSet<String> {
        accounts
            .iter()
            .filter(|a| !b.presence(a).borrow().connected)
            .cloned()
            .collect()
    };
    let start = Instant::now();
    let mut said = false;
    loop {
        let now = missing(bridge);
        if now.is_empty() || start.elapsed() >= limit {
            return now.into_iter().collect();
        }
        // Browsers that are open connect within moments: only say who is still awaited.
        if !said && start.elapsed() >= Duration::from_millis(500).min(limit / 2) {
            let accounts = now.iter().cloned().collect::<Vec<_>>().join(", ");
            tell!(
                "flowdeck: {}",
                crate::t!(
                    "cli-waiting-for-browsers",
                    seconds = limit.as_secs(),
                    accounts = accounts
                )
            );
            said = true;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
