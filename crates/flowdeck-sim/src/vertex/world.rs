//! What the simulated Vertex AI and Cloud Storage remember: service accounts, the access
//! tokens issued to them, long-running operations, stored objects and each project's recent
//! creates of each model (for the quota).

use std::collections::{HashMap, VecDeque};
use std::time::Instant;

/// One project's service account.
pub struct ServiceAccount {
    /// Index into `World::accounts`.
    pub account: usize,
    pub project: String,
    pub email: String,
    /// DER `RSAPublicKey`, to verify the account's signed assertions.
    pub public_key: Vec<u8>,
    /// The private key's first PEM line: key material that must never reach any listener.
    pub key_line: String,
}

pub struct Token {
    pub account: usize,
    pub issued: Instant,
    pub expires: Instant,
    /// `RunningSim::revoke_vertex_tokens` was called after it was issued.
    pub revoked: bool,
}

impl Token {
    pub fn valid(&self) -> bool {
        !self.revoked && Instant::now() < self.expires
    }
}

/// A `predictLongRunning` call's operation.
pub struct Operation {
    pub project: String,
    /// Media keys (`{operation}#{i}`), one per sample.
    pub samples: Vec<String>,
    /// The samples' `gs://` URIs when the create asked for Cloud Storage delivery; empty for
    /// inline bytes.
    pub uris: Vec<String>,
    pub created: Instant,
}

/// An object in simulated Cloud Storage: one sample's video.
pub struct Object {
    pub project: String,
    /// The operation that writes it; it exists once that operation is done.
    pub operation: String,
    pub media: String,
}

#[derive(Default)]
pub struct VertexWorld {
    /// Where the key files send their assertions (also the assertions' `aud`).
    pub token_uri: String,
    pub service_accounts: Vec<ServiceAccount>,
    pub tokens: HashMap<String, Token>,
    /// Full operation name → operation.
    pub operations: HashMap<String, Operation>,
    /// (bucket, object name) → object.
    pub objects: HashMap<(String, String), Object>,
    /// (project, model) → times of its recent accepted creates (quotas are per model).
    pub creates: HashMap<(String, String), VecDeque<Instant>>,
}

impl VertexWorld {
    pub fn by_email(&self, email: &str) -> Option<&ServiceAccount> {
        self.service_accounts.iter().find(|s| s.email == email)
    }

    pub fn by_account(&self, account: usize) -> Option<&ServiceAccount> {
        self.service_accounts.iter().find(|s| s.account == account)
    }
}
