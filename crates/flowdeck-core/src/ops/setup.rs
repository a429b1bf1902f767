//! Turning configured accounts into lanes: Flow accounts get a client that calls through
//! their own paired browser (the bridge), Gemini accounts a client with their API key, Vertex
//! accounts one with their project's credentials.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::bridge::{Bridge, BridgeConfig};
use crate::engine::LaneSpec;
use crate::provider::Client;
use crate::provider::capture::CaptureSink;
use crate::provider::flow::{FlowClient, FlowConfig};
use crate::provider::gemini::{self, GeminiClient, GeminiConfig};
use crate::provider::vertex::{self, Credentials, Project, VertexClient, VertexConfig};
use crate::secret::Secret;
use crate::store::config::{AccountEntry, ProviderKind, Settings};
use crate::store::secrets::{SecretError, SecretStore};

/// The Flow settings every Flow client shares.
pub fn flow_config(settings: &Settings) -> FlowConfig {
    FlowConfig {
        origin: settings.flow.origin.clone(),
        generate_spacing: Duration::from_secs_f64(settings.flow.generate_spacing_secs),
        reconcile_after: Duration::from_secs_f64(settings.flow.reconcile_after_secs),
        copies_per_create: usize::from(settings.flow.copies_per_create),
        ..FlowConfig::default()
    }
}

/// The bridge's settings.
pub fn bridge_config(settings: &Settings) -> BridgeConfig {
    BridgeConfig {
        port: settings.bridge.port,
        origin: settings.flow.origin.clone(),
        call_timeout: Duration::from_secs(settings.bridge.call_timeout_secs),
        ..BridgeConfig::default()
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

/// The Vertex settings for one account (its own output bucket overrides `[vertex]`'s).
pub fn vertex_config(settings: &Settings, account: &AccountEntry) -> VertexConfig {
    let v = &settings.vertex;
    VertexConfig {
        api_url: v.api_url.clone(),
        storage_url: v.storage_url.clone(),
        storage_uri: account
            .storage_uri
            .clone()
            .or_else(|| v.storage_uri.clone()),
        generate_audio: v.generate_audio,
        person_generation: v.person_generation.clone(),
        negative_prompt: v.negative_prompt.clone(),
        submit_spacing: v.submit_spacing_secs.map(Duration::from_secs_f64),
        ..VertexConfig::default()
    }
}

/// Where a Vertex account's tokens come from: its key file, its token command, or ADC.
pub fn vertex_credentials(account: &AccountEntry) -> Credentials {
    match (&account.credentials, &account.token_command) {
        (Some(path), _) => Credentials::KeyFile(path.clone()),
        (None, Some(cmd)) => Credentials::Command(cmd.clone()),
        (None, None) => Credentials::Default,
    }
}

/// A Vertex client for one account.
pub fn vertex_client(
    settings: &Settings,
    account: &AccountEntry,
) -> Result<Client, crate::message::Message> {
    let project = Project {
        id: account.project.clone().unwrap_or_default(),
        location: account
            .location
            .clone()
            .unwrap_or_else(|| vertex::DEFAULT_LOCATION.into()),
    };
    VertexClient::new(
        vertex_config(settings, account),
        project,
        vertex_credentials(account),
    )
    .map(Client::Vertex)
    .map_err(|e| e.message())
}

/// Checks a secret's shape for a provider, before it is stored.
pub fn check_secret(
    provider: ProviderKind,
    secret: &str,
) -> Result<Secret, crate::message::Message> {
    match provider {
        ProviderKind::Flow => Err(crate::msg!("setup-flow-no-secret")),
        ProviderKind::Gemini => gemini::parse_key(secret),
        ProviderKind::Vertex => Err(crate::msg!("setup-vertex-no-secret")),
    }
}

/// Whether any enabled account (or any of `names`) is a Flow account, so the bridge is needed.
pub fn needs_bridge(settings: &Settings, names: &[String]) -> bool {
    settings.accounts.iter().any(|a| {
        a.provider == ProviderKind::Flow
            && (names.iter().any(|n| n == &a.name) || names.is_empty() && a.enabled)
    })
}

/// The pairing secrets of the Flow accounts that have one, for the bridge to check browsers
/// against. Accounts not paired yet are simply absent.
pub async fn pairings(settings: &Settings, secrets: &SecretStore) -> HashMap<String, Secret> {
    let mut out = HashMap::new();
    for a in settings
        .accounts
        .iter()
        .filter(|a| a.provider == ProviderKind::Flow)
    {
        if let Ok(secret) = secrets.get(a).await {
            out.insert(a.name.clone(), secret);
        }
    }
    out
}

/// Starts the bridge with every paired account's secret.
pub async fn start_bridge(
    settings: &Settings,
    secrets: &SecretStore,
    page: crate::bridge::page::PageWords,
) -> Result<Bridge, crate::bridge::BridgeError> {
    let config = crate::bridge::BridgeConfig {
        page,
        ..bridge_config(settings)
    };
    Bridge::start(config, pairings(settings, secrets).await).await
}

/// What Flow clients are built with besides the settings.
pub struct FlowLinks<'a> {
    pub bridge: &'a Bridge,
    /// Projects the accounts' earlier checks created or found (from the ledger).
    pub projects: &'a HashMap<String, String>,
    /// Where answers flowdeck could not read are kept (`crate::store::captures`).
    pub captures: Option<Arc<dyn CaptureSink>>,
}

/// A Flow client for one account, calling through its paired browser.
pub fn flow_client(
    settings: &Settings,
    account: &AccountEntry,
    links: &FlowLinks<'_>,
) -> Result<Client, crate::message::Message> {
    let project = account
        .project_id
        .clone()
        .or_else(|| links.projects.get(&account.name).cloned());
    FlowClient::new(
        FlowConfig {
            captures: links.captures.clone(),
            ..flow_config(settings)
        },
        Arc::new(links.bridge.link(&account.name)),
        project,
        account.email.clone(),
    )
    .map(Client::Flow)
    .map_err(|e| e.message())
}

/// A Gemini client for one account with its key.
pub fn gemini_client(
    settings: &Settings,
    account: &AccountEntry,
    secret: &Secret,
) -> Result<Client, crate::message::Message> {
    let key = gemini::parse_key(secret.expose()).map_err(|e| {
        crate::msg!(
            "setup-account-said",
            account = account.name.as_str(),
            why = e
        )
    })?;
    GeminiClient::new(gemini_config(settings), key)
        .map(Client::Gemini)
        .map_err(|e| e.message())
}

/// The client for one account: Flow through the bridge (when paired), Gemini with its key.
pub async fn client(
    settings: &Settings,
    secrets: &SecretStore,
    account: &AccountEntry,
    flow: Option<&FlowLinks<'_>>,
) -> Result<Client, crate::message::Message> {
    match account.provider {
        ProviderKind::Flow => {
            let Some(links) = flow else {
                return Err(crate::msg!("setup-no-bridge"));
            };
            match secrets.get(account).await {
                Ok(_) => {}
                Err(e @ SecretError::EnvMissing { .. }) => return Err(e.message()),
                Err(_) => {
                    return Err(crate::msg!(
                        "setup-not-paired",
                        account = account.name.as_str()
                    ));
                }
            }
            flow_client(settings, account, links)
        }
        ProviderKind::Gemini => {
            let secret = secrets.get(account).await.map_err(|e| e.message())?;
            gemini_client(settings, account, &secret)
        }
        ProviderKind::Vertex => vertex_client(settings, account),
    }
}

/// Lanes for `names` (every enabled account when empty). Accounts that cannot be used are
/// returned with the reason, so the caller can say exactly what is wrong.
pub async fn lanes(
    settings: &Settings,
    secrets: &SecretStore,
    names: &[String],
    flow: Option<&FlowLinks<'_>>,
) -> (Vec<LaneSpec>, Vec<(String, crate::message::Message)>) {
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for account in &settings.accounts {
        let named = names.iter().any(|n| n == &account.name);
        if !(named || names.is_empty() && account.enabled) {
            continue;
        }
        match client(settings, secrets, account, flow).await {
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
                crate::msg!("setup-no-such-account", account = n.as_str()),
            ));
        }
    }
    (ok, problems)
}

/// Uncertain takes whose account can look them up (Flow's listing): resuming has work then.
pub async fn lookable_uncertain(
    ledger: &crate::store::ledger::Ledger,
    settings: &Settings,
) -> Result<usize, crate::store::ledger::LedgerError> {
    Ok(ledger
        .uncertain()
        .await?
        .iter()
        .filter(|t| {
            t.account
                .as_deref()
                .and_then(|a| settings.account(a))
                .is_some_and(|a| a.provider == ProviderKind::Flow)
        })
        .count())
}
