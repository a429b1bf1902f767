//! The Accounts screen's background work: checking an account, finishing a pairing, saving
//! the settings.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Ctx, NewClient, PAIRING_TIME};
use crate::bridge::Bridge;
use crate::engine::{LaneSpec, setup};
use crate::secret::Secret;
use crate::store::config::{AccountEntry, ProviderKind, Settings};
use crate::store::secrets::Stored;
use crate::words::{Said, said};

pub(super) fn describe(s: &crate::provider::AccountStatus) -> String {
    let credits = s.credits.map_or(String::new(), |c| {
        crate::t!("accounts-status-credits", credits = crate::i18n::number(c))
    });
    let models = if s.models.is_empty() {
        String::new()
    } else {
        crate::t!("accounts-status-makes", models = s.models.join(", "))
    };
    format!(
        "{} · {}{credits}{models}",
        s.email
            .clone()
            .unwrap_or_else(|| crate::t!("accounts-signed-in-plain")),
        s.tier.said()
    )
}

pub(super) fn validate_secret(provider: ProviderKind, secret: &str) -> Result<Secret, String> {
    setup::check_secret(provider, secret).map_err(said)
}

/// Checks an account: a Gemini key with `secret`, a Flow account through its browser, a
/// Vertex account with its credentials.
pub(super) async fn check(
    ctx: Ctx,
    entry: AccountEntry,
    secret: Option<Secret>,
) -> Result<String, String> {
    let client = match (entry.provider, secret) {
        (ProviderKind::Gemini, Some(secret)) => {
            setup::gemini_client(&ctx.settings, &entry, &secret).map_err(said)?
        }
        _ => {
            let projects = HashMap::new();
            let links = ctx.bridge.as_deref().map(|bridge| setup::FlowLinks {
                bridge,
                projects: &projects,
                captures: Some(ctx.captures.clone()),
            });
            setup::client(&ctx.settings, &ctx.secrets, &entry, links.as_ref())
                .await
                .map_err(said)?
        }
    };
    if let Some(p) = client.presence() {
        let now = p.borrow().clone();
        if let Some(problem) = client.browser_problem(&now) {
            return Err(problem.said());
        }
    }
    client
        .check()
        .await
        .map(|s| describe(&s))
        .map_err(|e| e.said())
}

/// Waits for the browser that opens the pairing link, then keeps the secret, records the
/// email, and starts (or keeps) the account's lane.
pub(super) async fn finish_pairing(
    ctx: Ctx,
    mut entry: AccountEntry,
    secret: Secret,
    pairing: crate::bridge::Pairing,
    bridge: Arc<Bridge>,
) -> Result<(Box<Settings>, String, Option<NewClient>), String> {
    let presence = pairing.wait(PAIRING_TIME).await.map_err(|e| e.said())?;
    let stored = if entry.secret_env.is_none() {
        ctx.secrets.set(&entry.name, &secret).await
    } else {
        Stored::Keyring
    };
    let email = presence.email.clone();
    let mut note = stored_note(stored);
    match (&entry.email, &email) {
        (Some(want), Some(got)) if !want.eq_ignore_ascii_case(got) => {
            note = crate::t!(
                "accounts-wrong-browser",
                account = entry.name.as_str(),
                got = got.as_str(),
                want = want.as_str(),
                note = note
            );
        }
        (None, Some(_)) => entry.email = email.clone(),
        _ => {}
    }
    let mut settings = ctx.settings.clone();
    match settings.accounts.iter_mut().find(|a| a.name == entry.name) {
        Some(a) => *a = entry.clone(),
        None => settings.accounts.push(entry.clone()),
    }
    save(settings.clone(), ctx.file.clone()).await?;
    let projects = ctx.ledger.account_projects().await.unwrap_or_default();
    let links = setup::FlowLinks {
        bridge: &bridge,
        projects: &projects,
        captures: Some(ctx.captures.clone()),
    };
    let client = Arc::new(setup::flow_client(&settings, &entry, &links).map_err(said)?);
    ctx.engine
        .add_lane(LaneSpec {
            name: entry.name.clone(),
            client: client.clone(),
            concurrency: entry.concurrency.unwrap_or(settings.engine.concurrency) as usize,
        })
        .map_err(|e| e.said())?;
    Ok((
        Box::new(settings),
        note,
        Some(NewClient(entry.name.clone(), client)),
    ))
}

pub(super) async fn save(settings: Settings, file: PathBuf) -> Result<(), String> {
    tokio::task::spawn_blocking(move || settings.save(&file))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.said())
}

pub(super) fn stored_note(stored: Stored) -> String {
    match stored {
        Stored::Keyring => String::new(),
        Stored::SessionOnly(why) => {
            crate::t!("accounts-session-secret", why = why.said())
        }
    }
}
