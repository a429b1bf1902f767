//! The small, typed set of failures the engine acts on, whatever the provider.

use std::sync::Arc;
use std::time::Duration;

/// Every way a provider call can fail, classified so the engine knows what to do next.
///
/// Messages never contain a secret: response excerpts are redacted before they get here.
#[derive(Debug, Clone)]
pub enum ProviderError {
    /// The access token was refused (HTTP 401). The client refreshes once and retries before
    /// this reaches the engine.
    Unauthorized,
    /// The credentials cannot be renewed: the user must sign in again and give a new secret.
    SignInAgain(String),
    /// The account was refused for a reason signing in does not fix (region, access, minor…).
    AccountDenied(String),
    /// The page could not make a reCAPTCHA token.
    Captcha(String),
    /// The service flagged unusual activity on the account and refused the call (nothing was
    /// made). The account is held until the user resumes it.
    Flagged(String),
    /// The account's browser cannot run calls now (not connected, no Flow tab, page not
    /// ready, signed in as someone else). Nothing was sent.
    Browser(String),
    /// Too many requests; wait and try again.
    Throttled {
        retry_after: Option<Duration>,
        reason: String,
    },
    /// Out of credits or a quota that a wait does not fix.
    QuotaReached(String),
    /// The account's daily quota for this model is spent: the model waits for the next reset
    /// on this account; other models and accounts carry on. Nothing was made.
    ModelQuota(String),
    /// This model is not for this account (access denied). Nothing was made.
    ModelDenied(String),
    /// The prompt or the video was refused by a content policy. `reason` keeps the service's
    /// own code (`PUBLIC_ERROR_UNSAFE_GENERATION`); `message` is a sentence for people.
    Policy {
        reason: String,
        message: String,
    },
    /// The request was malformed or a parameter is not supported.
    InvalidRequest(String),
    /// The media, project or model does not exist for this account.
    NotFound(String),
    /// A server error or a dropped connection after an answer began: try again later.
    Transient(String),
    /// The request left this machine but no answer came back. For a create call the job may
    /// exist: it must not be sent again automatically.
    NoAnswer(String),
    /// The connection could not be opened at all: the request certainly did not arrive.
    Unreachable(String),
    /// An answer nobody has documented. `excerpt` is redacted, for the log.
    Unexpected {
        status: u16,
        excerpt: String,
    },
    /// A local problem: the disk, a file, a configuration value.
    Local(String),
    Io(Arc<std::io::Error>),
}

// Said in the user's language: these sentences reach the window, the command line and the
// ledger's reasons.
impl std::fmt::Display for ProviderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::t;
        let text = match self {
            ProviderError::Unauthorized => t!("error-unauthorized"),
            ProviderError::SignInAgain(why) => t!("error-sign-in-again", why = why),
            ProviderError::AccountDenied(why) => t!("error-account-denied", why = why),
            ProviderError::Captcha(why) => t!("error-captcha", why = why),
            ProviderError::Flagged(why)
            | ProviderError::Browser(why)
            | ProviderError::Unreachable(why)
            | ProviderError::Local(why) => why.clone(),
            ProviderError::Throttled {
                retry_after: Some(wait),
                reason,
            } => {
                let seconds = wait.as_secs();
                t!("error-throttled-wait", why = reason, seconds = seconds)
            }
            ProviderError::Throttled {
                retry_after: None,
                reason,
            } => t!("error-throttled", why = reason),
            ProviderError::QuotaReached(why) => t!("error-quota", why = why),
            ProviderError::ModelQuota(why) | ProviderError::ModelDenied(why) => why.clone(),
            ProviderError::Policy { reason, message } => {
                t!("error-policy", message = message, code = reason)
            }
            ProviderError::InvalidRequest(why) => t!("error-invalid", why = why),
            ProviderError::NotFound(why) => t!("error-not-found", why = why),
            ProviderError::Transient(why) => t!("error-transient", why = why),
            ProviderError::NoAnswer(why) => t!("error-no-answer", why = why),
            ProviderError::Unexpected { status, excerpt } => {
                let status = *status;
                t!("error-unexpected", status = status, excerpt = excerpt)
            }
            ProviderError::Io(e) => t!("error-file", error = e.to_string()),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ProviderError {}

impl From<std::io::Error> for ProviderError {
    fn from(e: std::io::Error) -> Self {
        ProviderError::Io(Arc::new(e))
    }
}

impl ProviderError {
    /// The disk refused the file (read-only, no permission, full): trying again changes
    /// nothing until the user fixes the folder, so it is shown at once, not retried.
    pub fn is_unwritable(&self) -> bool {
        use std::io::ErrorKind as K;
        let ProviderError::Io(e) = self else {
            return false;
        };
        matches!(
            e.kind(),
            K::ReadOnlyFilesystem
                | K::PermissionDenied
                | K::StorageFull
                | K::QuotaExceeded
                | K::FileTooLarge
        )
    }

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

    /// For a create call: true when the failure proves no job was made, so sending the
    /// request again cannot make a second paid video. Only a refusal before processing proves
    /// it (or a failure before the request left this machine); anything that may have reached
    /// the service's processing — a 408 or 5xx, a timeout, a cut or unreadable answer — does
    /// not. The table is tested row by row below.
    pub fn proves_not_created(&self) -> bool {
        match self {
            // Refused before processing, or never sent.
            ProviderError::Unauthorized
            | ProviderError::SignInAgain(_)
            | ProviderError::AccountDenied(_)
            | ProviderError::Captcha(_)
            | ProviderError::Flagged(_)
            | ProviderError::Browser(_)
            | ProviderError::Throttled { .. }
            | ProviderError::QuotaReached(_)
            | ProviderError::ModelQuota(_)
            | ProviderError::ModelDenied(_)
            | ProviderError::Policy { .. }
            | ProviderError::InvalidRequest(_)
            | ProviderError::NotFound(_)
            | ProviderError::Unreachable(_)
            // Clients raise `Local` only before sending (a check, a file, a setting).
            | ProviderError::Local(_) => true,
            // May have been acted on.
            ProviderError::Transient(_)
            | ProviderError::NoAnswer(_)
            | ProviderError::Unexpected { .. }
            | ProviderError::Io(_) => false,
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
            ProviderError::ModelQuota(_) => "model_quota",
            ProviderError::ModelDenied(_) => "model_denied",
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every class, and whether a create that failed with it may be sent again.
    #[test]
    fn only_refusals_before_processing_prove_nothing_was_created() {
        let table: Vec<(ProviderError, bool)> = vec![
            (ProviderError::Unauthorized, true),
            (ProviderError::SignInAgain("401".into()), true),
            (ProviderError::AccountDenied("403".into()), true),
            (ProviderError::Captcha("no token".into()), true),
            (ProviderError::Flagged("unusual activity".into()), true),
            (ProviderError::Browser("not connected".into()), true),
            (
                ProviderError::Throttled {
                    retry_after: None,
                    reason: "429".into(),
                },
                true,
            ),
            (ProviderError::QuotaReached("429 daily".into()), true),
            (ProviderError::ModelQuota("per model".into()), true),
            (ProviderError::ModelDenied("no access".into()), true),
            (
                ProviderError::Policy {
                    reason: "SAFETY".into(),
                    message: "400".into(),
                },
                true,
            ),
            (ProviderError::InvalidRequest("400".into()), true),
            (ProviderError::NotFound("404 model".into()), true),
            (
                ProviderError::Unreachable("connection refused".into()),
                true,
            ),
            (ProviderError::Local("before sending".into()), true),
            (
                ProviderError::Transient("HTTP 503: overloaded".into()),
                false,
            ),
            (ProviderError::Transient("HTTP 408".into()), false),
            (ProviderError::NoAnswer("timed out".into()), false),
            (ProviderError::NoAnswer("DEADLINE_EXCEEDED".into()), false),
            (
                ProviderError::Unexpected {
                    status: 200,
                    excerpt: "no operation name".into(),
                },
                false,
            ),
            (
                ProviderError::Io(Arc::new(std::io::Error::other("disk"))),
                false,
            ),
        ];
        for (e, proves) in table {
            assert_eq!(e.proves_not_created(), proves, "{e:?}");
        }
    }
}
