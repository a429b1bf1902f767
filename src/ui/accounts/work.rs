//! The Accounts screen's background work: checking an account, finishing a pairing, saving
//! the settings.

use std::collections::HashMap;

use super::{Ctx, PAIRING_TIME, Saved};
use crate::ops::accounts::{Changed, Note, Scope};
use crate::ops::{self, setup};
use crate::secret::Secret;
use crate::store::config::{AccountEntry, ProviderKind};
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
    scope: Scope,
    entry: AccountEntry,
    secret: Secret,
    pairing: crate::bridge::Pairing,
) -> Saved {
    let presence = pairing.wait(PAIRING_TIME).await.map_err(|e| e.said())?;
    worded(ops::accounts::paired(&scope, entry, secret, presence.email.clone()).await)
}

/// A change's outcome in this language: the settings, what to tell, the new client.
pub(super) fn worded(result: Result<Changed, ops::error::Error>) -> Saved {
    let changed = result.map_err(|e| e.message.said())?;
    let notes: Vec<String> = changed.notes.iter().map(note).collect();
    Ok((changed.settings, notes.join(" "), changed.client))
}

fn note(note: &Note) -> String {
    let said = match note {
        Note::SessionOnly(why) => crate::t!("accounts-session-secret", why = why.said()),
        Note::KeyringKept { account, error } => crate::t!(
            "accounts-keyring-not-removed",
            account = account.as_str(),
            error = error.said()
        ),
        Note::PairAgain { old, new } => crate::t!(
            "accounts-reconnect",
            new = new.as_str(),
            old = old.as_str(),
            note = ""
        ),
        Note::WrongBrowser { account, got, want } => crate::t!(
            "accounts-wrong-browser",
            account = account.as_str(),
            got = got.as_str(),
            want = want.as_str(),
            note = ""
        ),
    };
    said.trim_end().to_string()
}
