//! The small, typed set of failures the engine acts on, whatever the provider.

use std::sync::Arc;
use std::time::Duration;

use thiserror::Error;

/// Every way a provider call can fail, classified so the engine knows what to do next.
///
/// Messages never contain a secret: response excerpts are redacted before they get here.
#[derive(Debug, Clone, Error)]
pub enum ProviderError {
    /// The access token was refused (HTTP 401). The client refreshes once and retries before
    /// this reaches the engine.
    #[error("the access token was refused")]
    Unauthorized,
    /// The credentials cannot be renewed: the user must sign in again and give a new secret.
    #[error("this account must sign in again: {0}")]
    SignInAgain(String),
    /// The account was refused for a reason signing in does not fix (region, access, minor…).
    #[error("this account is not allowed to generate: {0}")]
    AccountDenied(String),
    /// The page could not make a reCAPTCHA token.
    #[error("reCAPTCHA: {0}")]
    Captcha(String),
    /// The service flagged unusual activity on the account and refused the call (nothing was
    /// made). The account is held until the user resumes it.
    #[error("{0}")]
    Flagged(String),
    /// The account's browser cannot run calls now (not connected, no Flow tab, page not
    /// ready, signed in as someone else). Nothing was sent.
    #[error("{0}")]
    Browser(String),
    /// Too many requests; wait and try again.
    #[error("throttled by the service ({reason}){}", retry_after.map(|d| format!("; retry after {} s", d.as_secs())).unwrap_or_default())]
    Throttled {
        retry_after: Option<Duration>,
        reason: String,
    },
    /// Out of credits or a quota that a wait does not fix.
    #[error("out of credits or quota: {0}")]
    QuotaReached(String),
    /// The prompt or the video was refused by a content policy. `reason` keeps the service's
    /// own code (`PUBLIC_ERROR_UNSAFE_GENERATION`); `message` is a sentence for people.
    #[error("{message} ({reason})")]
    Policy { reason: String, message: String },
    /// The request was malformed or a parameter is not supported.
    #[error("the service rejected the request: {0}")]
    InvalidRequest(String),
    /// The media, project or model does not exist for this account.
    #[error("not found: {0}")]
    NotFound(String),
    /// A server error or a dropped connection after an answer began: try again later.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// The request left this machine but no answer came back. For a create call the job may
    /// exist: it must not be sent again automatically.
    #[error("no answer from the service: {0}")]
    NoAnswer(String),
    /// The connection could not be opened at all: the request certainly did not arrive.
    #[error("could not connect: {0}")]
    Unreachable(String),
    /// An answer nobody has documented. `excerpt` is redacted, for the log.
    #[error("unexpected response (HTTP {status}): {excerpt}")]
    Unexpected { status: u16, excerpt: String },
    /// A local problem: the disk, a file, a configuration value.
    #[error("{0}")]
    Local(String),
    #[error("file error: {0}")]
    Io(Arc<std::io::Error>),
}

impl From<std::io::Error> for ProviderError {
    fn from(e: std::io::Error) -> Self {
        ProviderError::Io(Arc::new(e))
    }
}

impl ProviderError {
    /// Errors where the same call may succeed later without any change.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ProviderError::Throttled { .. }
                | ProviderError::Transient(_)
                | ProviderError::NoAnswer(_)
                | ProviderError::Unreachable(_)
        )
    }

    /// For a create call: true when the answer proves no job was made, so sending the
    /// request again cannot make a second paid video.
    pub fn proves_not_created(&self) -> bool {
        match self {
            ProviderError::NoAnswer(_)
            | ProviderError::Unexpected { .. }
            | ProviderError::Io(_)
            | ProviderError::Local(_) => false,
            // A 5xx that carried a Google error body is the service saying the call failed.
            ProviderError::Transient(_) => true,
            _ => true,
        }
    }

    /// A short stable name for the class, for logs, events and the ledger.
    pub fn class(&self) -> &'static str {
        match self {
            ProviderError::Unauthorized => "auth",
            ProviderError::SignInAgain(_) => "sign_in",
            ProviderError::AccountDenied(_) => "account",
            ProviderError::Captcha(_) => "captcha",
            ProviderError::Flagged(_) => "flagged",
            ProviderError::Browser(_) => "browser",
            ProviderError::Throttled { .. } => "throttled",
            ProviderError::QuotaReached(_) => "quota",
            ProviderError::Policy { .. } => "policy",
            ProviderError::InvalidRequest(_) => "invalid",
            ProviderError::NotFound(_) => "not_found",
            ProviderError::Transient(_) => "transient",
            ProviderError::NoAnswer(_) => "no_answer",
            ProviderError::Unreachable(_) => "unreachable",
            ProviderError::Unexpected { .. } => "unexpected",
            ProviderError::Local(_) | ProviderError::Io(_) => "local",
        }
    }
}
