//! One configured account: which service, which secret or credentials, and the checks on its
//! name and its Vertex fields.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Which service an account talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    #[default]
    Flow,
    Gemini,
    Vertex,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 3] = [
        ProviderKind::Flow,
        ProviderKind::Gemini,
        ProviderKind::Vertex,
    ];
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProviderKind::Flow => "flow",
            ProviderKind::Gemini => "gemini",
            ProviderKind::Vertex => "vertex",
        })
    }
}

impl FromStr for ProviderKind {
    type Err = crate::message::Message;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "flow" => Ok(ProviderKind::Flow),
            "gemini" => Ok(ProviderKind::Gemini),
            "vertex" => Ok(ProviderKind::Vertex),
            other => Err(crate::msg!("config-unknown-provider", value = other)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountEntry {
    pub name: String,
    #[serde(default)]
    pub provider: ProviderKind,
    /// Read the secret from this environment variable instead of the keyring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_env: Option<String>,
    /// Read the secret from this user-only file instead (a Flow pairing secret kept in the
    /// data folder where there is no keyring: `accounts add --secret-file`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_file: Option<PathBuf>,
    /// An existing Flow project to put videos in; one is created when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Flow: the Google account its browser must be signed in as (recorded at pairing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Overrides `[engine] concurrency` for this account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<u32>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// Vertex: the Google Cloud project that runs and bills the videos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Vertex: the region (`us-central1` when absent), or `global`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Vertex: a service-account key file (its path only: the key stays in that file).
    /// Application Default Credentials when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<PathBuf>,
    /// Vertex: a command that prints an access token (e.g. `gcloud auth print-access-token`),
    /// used instead of a key file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_command: Option<String>,
    /// Vertex: this account's `gs://bucket/prefix` for outputs, overriding `[vertex]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_uri: Option<String>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl AccountEntry {
    pub fn new(name: &str, provider: ProviderKind) -> AccountEntry {
        AccountEntry {
            name: name.to_string(),
            provider,
            secret_env: None,
            secret_file: None,
            project_id: None,
            email: None,
            concurrency: None,
            enabled: true,
            project: None,
            location: None,
            credentials: None,
            token_command: None,
            storage_uri: None,
        }
    }
}

/// Vertex accounts need a project and a well-formed location and output URI; the other
/// providers must not carry Vertex's keys (a sign of a wrong `provider`).
pub fn vertex_fields(a: &AccountEntry) -> Result<(), crate::message::Message> {
    let vertex_only = [
        ("project", a.project.is_some()),
        ("location", a.location.is_some()),
        ("credentials", a.credentials.is_some()),
        ("token_command", a.token_command.is_some()),
        ("storage_uri", a.storage_uri.is_some()),
    ];
    if a.provider != ProviderKind::Vertex {
        return match vertex_only.iter().find(|(_, set)| *set) {
            Some((key, _)) => Err(crate::msg!(
                "config-vertex-only",
                key = *key,
                provider = a.provider.to_string()
            )),
            None => Ok(()),
        };
    }
    let project = a.project.as_deref().unwrap_or_default();
    crate::provider::vertex::codec::check_project(project)?;
    if let Some(l) = &a.location {
        crate::provider::vertex::codec::check_location(l)?;
    }
    if a.credentials.is_some() && a.token_command.is_some() {
        return Err(crate::msg!("config-vertex-both"));
    }
    if a.credentials
        .as_ref()
        .is_some_and(|p| p.as_os_str().is_empty())
    {
        return Err(crate::msg!("config-vertex-empty-path"));
    }
    if a.token_command
        .as_ref()
        .is_some_and(|c| c.trim().is_empty())
    {
        return Err(crate::msg!("config-vertex-empty-command"));
    }
    if a.secret_env.is_some() || a.secret_file.is_some() {
        return Err(crate::msg!("config-vertex-secret-env"));
    }
    if let Some(uri) = &a.storage_uri {
        crate::provider::vertex::codec::parse_gs(uri)
            .map_err(|m| crate::msg!("config-key-said", key = "storage_uri", why = m))?;
    }
    Ok(())
}

/// Account names appear in file names, the ledger and the keyring: keep them plain.
pub fn check_account_name(name: &str) -> Result<(), crate::message::Message> {
    if name.trim().is_empty() {
        return Err(crate::msg!("config-name-empty"));
    }
    if name.chars().count() > 40 {
        return Err(crate::msg!("config-name-long", account = name));
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || "-_.@ ".contains(c))
        || name.trim() != name
    {
        return Err(crate::msg!("config-name-chars", account = name));
    }
    Ok(())
}
