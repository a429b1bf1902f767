//! Turning configured accounts into lanes: secret → credential → client.

use std::sync::Arc;

use super::LaneSpec;
use crate::provider::Client;
use crate::provider::flow::{FlowClient, FlowConfig, FlowCredential};
use crate::provider::gemini::{self, GeminiClient, GeminiConfig};
use crate::secret::Secret;
use crate::store::config::{AccountEntry, ProviderKind, Settings};
use crate::store::secrets::SecretStore;

/// The Flow settings every Flow client shares.
pub fn flow_config(settings: &Settings) -> FlowConfig {
    FlowConfig {
        labs_url: settings.flow.labs_url.clone(),
        api_url: settings.flow.api_url.clone(),
        generation: settings.flow.generation,
        captcha_command: settings.flow.captcha_command.clone(),
        ..FlowConfig::default()
    }
}

/// The Gemini API settings every Gemini client shares.
pub fn gemini_config(settings: &Settings) -> GeminiConfig {
    GeminiConfig {
        api_url: settings.gemini.api_url.clone(),
        person_generation: settings.gemini.person_generation.clone(),
        negative_prompt: settings.gemini.negative_prompt.clone(),
        ..GeminiConfig::default()
    }
}

/// Checks a secret's shape for a provider, before it is stored.
pub fn check_secret(provider: ProviderKind, secret: &str) -> Result<Secret, String> {
    match provider {
        ProviderKind::Flow => FlowCredential::parse(secret).map(|_| Secret::new(secret.trim())),
        ProviderKind::Gemini => gemini::parse_key(secret),
    }
}

/// A client for one account with its secret.
pub fn connect(
    settings: &Settings,
    account: &AccountEntry,
    secret: &Secret,
) -> Result<Client, String> {
    match account.provider {
        ProviderKind::Flow => {
            let credential = FlowCredential::parse(secret.expose())
                .map_err(|e| format!("account \"{}\": {e}", account.name))?;
            FlowClient::new(
                flow_config(settings),
                credential,
                account.project_id.clone(),
            )
            .map(Client::Flow)
            .map_err(|e| e.to_string())
        }
        ProviderKind::Gemini => {
            let key = gemini::parse_key(secret.expose())
                .map_err(|e| format!("account \"{}\": {e}", account.name))?;
            GeminiClient::new(gemini_config(settings), key)
                .map(Client::Gemini)
                .map_err(|e| e.to_string())
        }
    }
}

/// Lanes for `names` (every enabled account when empty). Accounts that cannot be used are
/// returned with the reason, so the caller can say exactly what is wrong.
pub async fn lanes(
    settings: &Settings,
    secrets: &SecretStore,
    names: &[String],
) -> (Vec<LaneSpec>, Vec<(String, String)>) {
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for account in &settings.accounts {
        let named = names.iter().any(|n| n == &account.name);
        if !(named || names.is_empty() && account.enabled) {
            continue;
        }
        let client = match secrets.get(account).await {
            Ok(secret) => connect(settings, account, &secret),
            Err(e) => Err(e.to_string()),
        };
        match client {
            Ok(client) => ok.push(LaneSpec {
                name: account.name.clone(),
                client: Arc::new(client),
                concurrency: account.concurrency.unwrap_or(settings.engine.concurrency) as usize,
            }),
            Err(e) => problems.push((account.name.clone(), e)),
        }
    }
    for n in names {
        if settings.account(n).is_none() {
            problems.push((
                n.clone(),
                format!("there is no account \"{n}\" in the settings"),
            ));
        }
    }
    (ok, problems)
}
