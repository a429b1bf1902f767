//! The small, typed set of failures the engine acts on, whatever the provider.

use std::sync::Arc;
use std::time::Duration;

use crate::message::Message;
use crate::msg;

/// Every way a provider call can fail, classified so the engine knows what to do next.
///
/// Messages never contain a secret: response excerpts are redacted before they get here.
#[derive(Debug, Clone)]
pub enum ProviderError {
    /// The access token was refused (HTTP 401). The client refreshes once and retries before
    /// this reaches the engine.
    Unauthorized,
    /// The credentials cannot be renewed: the user must sign in again and give a new secret.
    SignInAgain(Message),
    /// The account was refused for a reason signing in does not fix (region, access, minor…).
    AccountDenied(Message),
    /// The page could not make a reCAPTCHA token.
    Captcha(Message),
    /// The service flagged unusual activity on the account and refused the call (nothing was
    /// made). The account is held until the user resumes it.
    Flagged(Message),
    /// The account's browser cannot run calls now (not connected, no Flow tab, page not
    /// ready, signed in as someone else). Nothing was sent.
    Browser(Message),
    /// Too many requests; wait and try again.
    Throttled {
        retry_after: Option<Duration>,
        reason: Message,
    },
    /// Out of credits or a quota that a wait does not fix.
    QuotaReached(Message),
    /// The account's daily quota for this model is spent: the model waits for the next reset
    /// on this account; other models and accounts carry on. Nothing was made.
    ModelQuota(Message),
    /// This model is not for this account (access denied). Nothing was made.
    ModelDenied(Message),
    /// The prompt or the video was refused by a content policy. `reason` keeps the service's
    /// own code (`PUBLIC_ERROR_UNSAFE_GENERATION`); `message` is a sentence for people.
    Policy {
        reason: String,
        message: Message,
    },
    /// The request was malformed or a parameter is not supported.
    InvalidRequest(Message),
    /// The media, project or model does not exist for this account.
    NotFound(Message),
    /// A server error or a dropped connection after an answer began: try again later.
    Transient(Message),
    /// The request left this machine but no answer came back. For a create call the job may
    /// exist: it must not be sent again automatically.
    NoAnswer(Message),
    /// The connection could not be opened at all: the request certainly did not arrive.
    Unreachable(Message),
    /// An answer nobody has documented. `excerpt` is redacted, for the log.
    Unexpected {
        status: u16,
        excerpt: String,
    },
    /// A local problem: the disk, a file, a configuration value.
    Local(Message),
    /// The engine's ledger could not be read or written (never raised by a client). The lane
    /// stops sending on the account: what it would send could not be recorded first.
    Ledger(Message),
    Io(Arc<std::io::Error>),
}

impl ProviderError {
    /// What happened, as a message for a person (the window, the command line and the
    /// ledger's reasons put it into words).
    pub fn message(&self) -> Message {
        match self {
            ProviderError::Unauthorized => msg!("error-unauthorized"),
            ProviderError::SignInAgain(why) => msg!("error-sign-in-again", why = why.clone()),
            ProviderError::AccountDenied(why) => msg!("error-account-denied", why = why.clone()),
            ProviderError::Captcha(why) => msg!("error-captcha", why = why.clone()),
            ProviderError::Flagged(why)
            | ProviderError::Browser(why)
            | ProviderError::Unreachable(why)
            | ProviderError::ModelQuota(why)
            | ProviderError::ModelDenied(why)
            | ProviderError::Local(why)
            | ProviderError::Ledger(why) => why.clone(),
            ProviderError::Throttled {
                retry_after: Some(wait),
                reason,
            } => msg!(
                "error-throttled-wait",
                why = reason.clone(),
                seconds = wait.as_secs()
            ),
            ProviderError::Throttled {
                retry_after: None,
                reason,
            } => msg!("error-throttled", why = reason.clone()),
            ProviderError::QuotaReached(why) => msg!("error-quota", why = why.clone()),
            ProviderError::Policy { reason, message } => {
                msg!(
                    "error-policy",
                    message = message.clone(),
                    code = reason.as_str()
                )
            }
            ProviderError::InvalidRequest(why) => msg!("error-invalid", why = why.clone()),
            ProviderError::NotFound(why) => msg!("error-not-found", why = why.clone()),
            ProviderError::Transient(why) => msg!("error-transient", why = why.clone()),
            ProviderError::NoAnswer(why) => msg!("error-no-answer", why = why.clone()),
            ProviderError::Unexpected { status, excerpt } => msg!(
                "error-unexpected",
                status = *status,
                excerpt = excerpt.as_str()
            ),
            ProviderError::Io(e) => msg!("error-file", error = e.to_string()),
        }
    }
}

impl ProviderError {
    /// For a log line: the class, the message's key and arguments (front ends say
    /// [`ProviderError::message`] in words).
    pub fn log(&self) -> String {
        format!("{}: {}", self.class(), self.message().log())
    }
}

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
            | ProviderError::Ledger(_)
            | ProviderError::Io(_) => false,
        }
    }

    /// The service's own reason code, when it gave one: a refusal's reason
    /// (`PUBLIC_ERROR_UNSAFE_GENERATION`, `RAI_MEDIA_FILTERED`, `NO_VIDEO`), or the code a
    /// classifier kept in the message's `code` argument (`PUBLIC_ERROR_USER_QUOTA_REACHED`,
    /// `RESOURCE_EXHAUSTED`), or a throttle's reason when it is a code. Scripts read it beside
    /// [`crate::model::FailClass`].
    pub fn code(&self) -> Option<String> {
        match self {
            ProviderError::Policy { reason, .. } => code_token(reason),
            ProviderError::Throttled { reason, .. } => reason
                .verbatim_text()
                .and_then(code_token)
                .or_else(|| code_arg(reason)),
            ProviderError::SignInAgain(m)
            | ProviderError::AccountDenied(m)
            | ProviderError::Captcha(m)
            | ProviderError::Flagged(m)
            | ProviderError::Browser(m)
            | ProviderError::QuotaReached(m)
            | ProviderError::ModelQuota(m)
            | ProviderError::ModelDenied(m)
            | ProviderError::InvalidRequest(m)
            | ProviderError::NotFound(m)
            | ProviderError::Transient(m)
            | ProviderError::NoAnswer(m) => code_arg(m),
            ProviderError::Unauthorized
            | ProviderError::Unreachable(_)
            | ProviderError::Unexpected { .. }
            | ProviderError::Local(_)
            | ProviderError::Ledger(_)
            | ProviderError::Io(_) => None,
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
            ProviderError::Ledger(_) => "ledger",
        }
    }
}

/// The code in a message's `code` argument (text only: a number there is a gRPC status).
fn code_arg(m: &Message) -> Option<String> {
    match m.arg("code") {
        Some(crate::message::Arg::Text(t)) => code_token(t),
        _ => None,
    }
}

/// The code a reason starts with (`RAI_MEDIA_FILTERED, support codes 58061214` →
/// `RAI_MEDIA_FILTERED`; `code 8, RESOURCE_EXHAUSTED` → `RESOURCE_EXHAUSTED`): one word of
/// letters, digits, `_`, `.` or `-` with a letter in it, never a sentence.
fn code_token(reason: &str) -> Option<String> {
    let is_code = |w: &str| {
        !w.is_empty()
            && w.chars().any(|c| c.is_ascii_alphabetic())
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    };
    reason
        .split(", ")
        .map(str::trim)
        .find(|w| is_code(w))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The service's code where it gave one, and none where it did not (a number, a sentence).
    #[test]
    fn codes_come_from_reasons_and_code_arguments_only() {
        let policy = |reason: &str| ProviderError::Policy {
            reason: reason.into(),
            message: Message::verbatim("no"),
        };
        assert_eq!(
            policy("PUBLIC_ERROR_UNSAFE_GENERATION").code().as_deref(),
            Some("PUBLIC_ERROR_UNSAFE_GENERATION")
        );
        assert_eq!(
            policy("RAI_MEDIA_FILTERED, support codes 58061214")
                .code()
                .as_deref(),
            Some("RAI_MEDIA_FILTERED")
        );
        let quota = ProviderError::QuotaReached(crate::msg!(
            "flow-quota",
            code = "PUBLIC_ERROR_USER_QUOTA_REACHED"
        ));
        assert_eq!(
            quota.code().as_deref(),
            Some("PUBLIC_ERROR_USER_QUOTA_REACHED")
        );
        let op = ProviderError::QuotaReached(crate::msg!(
            "service-said-code",
            message = "quota",
            code = "code 8, RESOURCE_EXHAUSTED"
        ));
        assert_eq!(op.code().as_deref(), Some("RESOURCE_EXHAUSTED"));
        let throttled = |reason| ProviderError::Throttled {
            retry_after: None,
            reason,
        };
        assert_eq!(
            throttled(Message::verbatim("RESOURCE_EXHAUSTED"))
                .code()
                .as_deref(),
            Some("RESOURCE_EXHAUSTED")
        );
        assert_eq!(throttled(Message::verbatim("HTTP 429")).code(), None);
        let numbered = ProviderError::Transient(crate::msg!(
            "flow-failed-handling",
            rpc = "jwpduf",
            code = 13
        ));
        assert_eq!(numbered.code(), None);
        assert_eq!(
            ProviderError::InvalidRequest(Message::verbatim("bad duration")).code(),
            None
        );
        assert_eq!(policy("a sentence, with words").code(), None);
    }

    /// Every class, and whether a create that failed with it may be sent again.
    #[test]
    fn only_refusals_before_processing_prove_nothing_was_created() {
        let table: Vec<(ProviderError, bool)> = vec![
            (ProviderError::Unauthorized, true),
            (ProviderError::SignInAgain(Message::verbatim("401")), true),
            (ProviderError::AccountDenied(Message::verbatim("403")), true),
            (ProviderError::Captcha(Message::verbatim("no token")), true),
            (
                ProviderError::Flagged(Message::verbatim("unusual activity")),
                true,
            ),
            (
                ProviderError::Browser(Message::verbatim("not connected")),
                true,
            ),
            (
                ProviderError::Throttled {
                    retry_after: None,
                    reason: Message::verbatim("429"),
                },
                true,
            ),
            (
                ProviderError::QuotaReached(Message::verbatim("429 daily")),
                true,
            ),
            (
                ProviderError::ModelQuota(Message::verbatim("per model")),
                true,
            ),
            (
                ProviderError::ModelDenied(Message::verbatim("no access")),
                true,
            ),
            (
                ProviderError::Policy {
                    reason: "SAFETY".into(),
                    message: Message::verbatim("400"),
                },
                true,
            ),
            (
                ProviderError::InvalidRequest(Message::verbatim("400")),
                true,
            ),
            (
                ProviderError::NotFound(Message::verbatim("404 model")),
                true,
            ),
            (
                ProviderError::Unreachable(Message::verbatim("connection refused")),
                true,
            ),
            (
                ProviderError::Local(Message::verbatim("before sending")),
                true,
            ),
            (
                ProviderError::Transient(Message::verbatim("HTTP 503: overloaded")),
                false,
            ),
            (
                ProviderError::Transient(Message::verbatim("HTTP 408")),
                false,
            ),
            (
                ProviderError::NoAnswer(Message::verbatim("timed out")),
                false,
            ),
            (
                ProviderError::NoAnswer(Message::verbatim("DEADLINE_EXCEEDED")),
                false,
            ),
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
            (ProviderError::Ledger(Message::verbatim("disk full")), false),
        ];
        for (e, proves) in table {
            assert_eq!(e.proves_not_created(), proves, "{e:?}");
        }
    }
}
