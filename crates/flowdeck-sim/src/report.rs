//! What the simulator saw, for tests and benchmarks (`GET /sim/report`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountReport {
    pub name: String,
    pub email: String,
    /// Create calls that made videos.
    pub create_calls: u64,
    pub videos_created: u64,
    /// Status calls, and media asked about in them.
    pub polls: u64,
    pub polled_media: u64,
    /// Flow: `as29s` calls (signed links asked for).
    pub signs: u64,
    /// Flow: project listings.
    pub listings: u64,
    /// Flow: reCAPTCHA tokens minted by the account's pages.
    pub captcha_mints: u64,
    /// Flow: generate calls refused as unusual activity.
    pub flagged: u64,
    /// Calls refused as signed out, or (Vertex) with an expired or revoked token (401).
    pub unauthorized: u64,
    /// Gemini: downloads begun with the API key; Vertex: Cloud Storage downloads begun.
    pub download_requests: u64,
    /// Vertex: assertions posted to the token endpoint in this account's name (each a token
    /// asked for; refused ones included).
    #[serde(default)]
    pub token_requests: u64,
    pub credits: i64,
    /// Every HTTP request that carried this account's credentials.
    pub requests: u64,
    /// Flow: images uploaded (`maseQ` calls that stored one).
    #[serde(default)]
    pub uploads: u64,
    /// Flow: batchexecute calls by how they named this account among the browser's
    /// (`/u/1`, `authuser=1`, or `default` for neither).
    #[serde(default)]
    pub routes: std::collections::BTreeMap<String, u64>,
    /// Flow: calls whose `source-path` named the account otherwise than their URL did.
    #[serde(default)]
    pub source_path_mismatches: u64,
    /// Flow: calls turned away to "Confirm it's you" (nothing ran).
    #[serde(default)]
    pub turned_away: u64,
}

/// A request for media (or a project) owned by another account. Vertex: `media` is the
/// project, operation or `bucket/object`; `owner` is empty when no account owns the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub route: String,
    pub requester: String,
    pub owner: String,
    pub media: String,
}

/// A credential seen where it must not go: anything on the CDN, a Vertex access token on the
/// Flow/Gemini origin, a Gemini key or cookie on Vertex or Cloud Storage, a service-account
/// private key anywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leak {
    pub route: String,
    /// Where it was: a header's name, `key (query)`, `query` or `body`.
    pub header: String,
    /// The account the credential belongs to, when it is one the simulator issued.
    pub account: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultCounts {
    pub poll_5xx: u64,
    pub create_429: u64,
    pub cut_downloads: u64,
    pub quiet_cuts: u64,
    pub slow: u64,
    pub refused_tokens: u64,
    pub lost_answers: u64,
    #[serde(default)]
    pub create_5xx: u64,
    /// Generates made and charged, answered `[5]`.
    #[serde(default)]
    pub queued_not_found: u64,
    /// Generates cut before Flow took them.
    #[serde(default)]
    pub dropped: u64,
    /// Flow answers sent in a shape no client knows (`Faults::drift`).
    #[serde(default)]
    pub drifted: u64,
    /// Flow answers sent hollow (`Faults::hollow`).
    #[serde(default)]
    pub hollow: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaReport {
    pub name: String,
    pub owner: String,
    pub prompt: String,
    pub seed: u64,
    pub model: String,
    pub size: u64,
    pub failed: bool,
    /// Bodies served to the end (CDN, Cloud Storage, a Gemini file, or Vertex inline).
    pub full_downloads: u64,
    /// The video it was made from (a revision's or extension's interaction, an upscale's or
    /// extension's media).
    #[serde(default)]
    pub previous: Option<String>,
    /// Made by continuing `previous`.
    #[serde(default)]
    pub extends: bool,
    /// Flow: the uploaded images it was made from.
    #[serde(default)]
    pub from_images: Vec<String>,
}

/// A picture uploaded to a Flow account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageReport {
    pub id: String,
    pub owner: String,
    /// The first 16 hex digits of its SHA-256.
    pub digest: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Flow uploads.
    #[serde(default)]
    pub images: Vec<ImageReport>,
    pub accounts: Vec<AccountReport>,
    pub ownership_violations: Vec<Violation>,
    pub credential_leaks: Vec<Leak>,
    pub faults: FaultCounts,
    pub media: Vec<MediaReport>,
    /// Requests to the CDN.
    pub cdn_requests: u64,
}

impl Report {
    pub fn account(&self, name: &str) -> Option<&AccountReport> {
        self.accounts.iter().find(|a| a.name == name)
    }

    pub fn videos_created(&self) -> u64 {
        self.accounts.iter().map(|a| a.videos_created).sum()
    }

    /// Prompts that were made into more videos than `copies`: each is a paid duplicate.
    pub fn duplicated_prompts(&self, copies: usize) -> Vec<String> {
        let mut counts = std::collections::BTreeMap::<&str, usize>::new();
        for m in &self.media {
            *counts.entry(m.prompt.as_str()).or_default() += 1;
        }
        counts
            .into_iter()
            .filter(|(_, n)| *n > copies)
            .map(|(p, _)| p.to_string())
            .collect()
    }
}
