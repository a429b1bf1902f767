//! Turns what a Flow call brought back into a payload or one of the engine's typed errors
//! (reference sections 2 and 6). Pure.
//!
//! A refusal comes as HTTP 200 with an error block; HTTP 401 means signed out; 400 with `xsrf`
//! a stale page token (the extension has already reloaded the tab once); a generate call that
//! answers 200 with nothing in it was declined silently.

use std::time::Duration;

use serde_json::Value;

use super::envelope::{self, Fault};
use super::protocol::{self, Reason};
use super::transport::{Answer, PageError, PageErrorKind, TransportError};
use crate::message::Message;
use crate::msg;
use crate::provider::error::ProviderError;
use crate::secret::excerpt;

/// Whether a call spends credits. For those, every answer that does not prove "not created"
/// is reported as [`ProviderError::NoAnswer`], so the take is reconciled, never resent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    Generate,
    Read,
}

/// What "signed out" tells the user to do.
pub fn signed_out() -> Message {
    msg!("flow-signed-out")
}

/// A sentence for people for a `PUBLIC_ERROR_*` content or input code.
pub fn policy_sentence(code: &str) -> Message {
    let short = code.trim_start_matches("PUBLIC_ERROR_");
    match short {
        "UNSAFE_GENERATION" => msg!("flow-policy-unsafe"),
        "SEXUAL" => msg!("flow-policy-sexual"),
        "VIOLENCE_FILTER" => msg!("flow-policy-violence"),
        "DANGER_FILTER" => msg!("flow-policy-danger"),
        "MINOR" | "MINOR_UPLOAD" | "MINOR_INPUT_IMAGE" => msg!("flow-policy-minor"),
        "REPUTATIONAL" => msg!("flow-policy-reputation"),
        "PROMINENT_PEOPLE_FILTER_FAILED" | "PROMINENT_PEOPLE_UPLOAD" => {
            msg!("flow-policy-famous")
        }
        "IMAGE_OUTPUT_IP_FILTER" | "IP_INPUT_IMAGE" => msg!("flow-policy-ip"),
        "AUDIO_FILTERED" => msg!("flow-policy-audio"),
        "UNDERSPECIFIED_ANIMAL" => msg!("flow-policy-animal"),
        "NON_ENGLISH_PROMPT" => msg!("flow-policy-english"),
        "RESPONSE_TOO_LONG" => msg!("flow-policy-too-long"),
        _ => msg!("flow-policy-other", code = short),
    }
}

fn account_sentence(short: &str) -> Message {
    match short {
        "APP_UNAVAILABLE" => msg!("flow-account-unavailable"),
        "USER_REGION_DISALLOWED" => msg!("flow-account-region"),
        "USER_MINOR" => msg!("flow-account-minor"),
        _ => msg!("flow-account-refused"),
    }
}

/// Classifies a `PUBLIC_ERROR_*` code by what the protocol table says it means.
/// Every message keeps the whole code as Flow sent it (`PUBLIC_ERROR_…`): it is what
/// [`ProviderError::code`] gives scripts.
pub fn classify_public_error(code: &str, retry_after: Option<Duration>) -> ProviderError {
    let short = code.trim_start_matches("PUBLIC_ERROR_");
    let code = format!("PUBLIC_ERROR_{short}");
    match protocol::current().reason(short) {
        Reason::Quota => ProviderError::QuotaReached(msg!("flow-quota", code = code)),
        Reason::ModelQuota => ProviderError::ModelQuota(msg!("flow-model-quota", code = code)),
        Reason::ModelDenied => ProviderError::ModelDenied(msg!("flow-model-denied", code = code)),
        Reason::Throttled => ProviderError::Throttled {
            retry_after,
            reason: Message::verbatim(code),
        },
        Reason::Account => ProviderError::AccountDenied(msg!(
            "flow-account-code",
            why = account_sentence(short),
            code = code
        )),
        Reason::Held => ProviderError::Flagged(msg!("flow-flagged", code = code)),
        // Only classify_fault knows whether the call spends: there it is a lost answer.
        Reason::AfterTaking => ProviderError::Transient(msg!("flow-failed-code", code = code)),
        Reason::Other => ProviderError::Policy {
            reason: format!("PUBLIC_ERROR_{short}"),
            message: policy_sentence(short),
        },
    }
}

/// An error block, by its reasons first and its google.rpc code second.
pub fn classify_fault(fault: &Fault, kind: CallKind, rpcid: &str) -> ProviderError {
    if let Some(code) = fault
        .reasons
        .iter()
        .find(|r| r.starts_with("PUBLIC_ERROR_"))
    {
        let short = code.trim_start_matches("PUBLIC_ERROR_");
        if protocol::current().reason(short) == Reason::AfterTaking {
            let what = msg!(
                "flow-failed-after-taking",
                rpc = rpcid,
                code = code.as_str()
            );
            return match kind {
                CallKind::Generate => ProviderError::NoAnswer(what),
                CallKind::Read => ProviderError::Transient(what),
            };
        }
        return classify_public_error(code, None);
    }
    match fault.code {
        Some(3) => ProviderError::InvalidRequest(msg!("flow-invalid-argument", rpc = rpcid)),
        // A generate answered NOT_FOUND may still have been queued and billed (gflow-cli):
        // it is looked up in the listing like a lost answer, never failed and forgotten.
        Some(5) if kind == CallKind::Generate => {
            ProviderError::NoAnswer(msg!("flow-not-found-after-taking", rpc = rpcid))
        }
        Some(5) => ProviderError::NotFound(msg!("flow-not-found", rpc = rpcid)),
        Some(7) => ProviderError::AccountDenied(msg!("flow-permission-denied", rpc = rpcid)),
        Some(8) => ProviderError::Throttled {
            retry_after: None,
            reason: Message::verbatim("RESOURCE_EXHAUSTED"),
        },
        Some(16) => ProviderError::SignInAgain(signed_out()),
        Some(c @ (13 | 14 | 4)) => {
            let what = msg!("flow-failed-handling", rpc = rpcid, code = c);
            match kind {
                CallKind::Generate => ProviderError::NoAnswer(what),
                CallKind::Read => ProviderError::Transient(what),
            }
        }
        code => ProviderError::Unexpected {
            status: 200,
            excerpt: format!(
                "{rpcid} failed with code {code:?} and reasons {:?}",
                fault.reasons
            ),
        },
    }
}

/// The payload of a call, or why there is none. A read that answers nothing gives
/// `Value::Null`; the caller knows what an empty answer means for it.
pub fn answer(rpcid: &str, kind: CallKind, a: &Answer) -> Result<Value, ProviderError> {
    let after_send = |what: Message| match kind {
        CallKind::Generate => ProviderError::NoAnswer(what),
        CallKind::Read => ProviderError::Transient(what),
    };
    match a.status {
        200..=299 => {}
        401 => return Err(ProviderError::SignInAgain(signed_out())),
        400 if envelope::parse(&a.body).xsrf => {
            return Err(ProviderError::SignInAgain(msg!("flow-stale-page-token")));
        }
        429 => {
            return Err(ProviderError::Throttled {
                retry_after: None,
                reason: Message::verbatim("HTTP 429"),
            });
        }
        s @ 500..=599 => return Err(after_send(msg!("flow-http", status = s))),
        s => {
            return Err(ProviderError::Unexpected {
                status: s,
                excerpt: excerpt(&a.body, 300),
            });
        }
    }
    let reply = envelope::parse(&a.body);
    let Some(frame) = reply.frame(rpcid) else {
        let page = a.body.trim_start().starts_with('<');
        return Err(ProviderError::Unexpected {
            status: a.status,
            excerpt: if page {
                "a web page came back instead of an answer (signed out?)".into()
            } else {
                excerpt(&a.body, 300)
            },
        });
    };
    if let Some(fault) = &frame.fault {
        return Err(classify_fault(fault, kind, rpcid));
    }
    if frame.garbled {
        return Err(ProviderError::Unexpected {
            status: a.status,
            excerpt: format!("{rpcid}: the payload is not JSON"),
        });
    }
    match (&frame.payload, kind) {
        (Some(p), _) => Ok(p.clone()),
        (None, CallKind::Read) => Ok(Value::Null),
        (None, CallKind::Generate) => Err(ProviderError::NoAnswer(msg!(
            "flow-declined-silently",
            rpc = rpcid
        ))),
    }
}

/// A call that never got an answer from Flow.
pub fn transport(e: TransportError, kind: CallKind) -> ProviderError {
    match e {
        TransportError::NotConnected(m) => ProviderError::Browser(m),
        TransportError::Lost(m) => ProviderError::NoAnswer(m),
        TransportError::Page(p) => page(p, kind),
    }
}

fn page(p: PageError, kind: CallKind) -> ProviderError {
    // A generate the page may have sent is a lost answer, whatever went wrong after: it is
    // looked up, never sent again blindly (a tab closed mid-call says "no tab").
    if kind == CallKind::Generate && !p.proves_not_sent() {
        let (what, m) = (format!("{:?}", p.kind), p.message);
        return ProviderError::NoAnswer(msg!("flow-page-lost", what = what, why = m));
    }
    let m = p.message;
    match p.kind {
        PageErrorKind::SignedOut => ProviderError::SignInAgain(signed_out()),
        PageErrorKind::NoTab => ProviderError::Browser(msg!("flow-no-tab", why = m)),
        PageErrorKind::NotReady => ProviderError::Browser(msg!("flow-tab-not-ready", why = m)),
        PageErrorKind::Captcha => ProviderError::Captcha(msg!("flow-no-token", why = m)),
        PageErrorKind::AccountUnclear => {
            ProviderError::Browser(msg!("flow-account-unclear", why = m))
        }
        PageErrorKind::NeedsYou => ProviderError::Browser(super::transport::needs_you(&m)),
        PageErrorKind::NotAllowed => ProviderError::Browser(msg!("flow-not-allowed", why = m)),
        PageErrorKind::BadCall => ProviderError::Unexpected {
            status: 0,
            excerpt: format!("the extension did not understand the call ({m})"),
        },
        PageErrorKind::Network | PageErrorKind::Interrupted | PageErrorKind::Other => match kind {
            CallKind::Generate => ProviderError::NoAnswer(msg!("flow-browser-failed", why = m)),
            CallKind::Read => ProviderError::Transient(msg!("flow-browser-failed", why = m)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lost(kind: PageErrorKind, sent: Option<bool>, call: CallKind) -> ProviderError {
        transport(
            TransportError::Page(PageError {
                kind,
                message: "Frame with ID 0 was removed".into(),
                sent,
            }),
            call,
        )
    }

    /// A generate the page may have sent is never "not sent", whatever kind of trouble it
    /// names: only the extension's own `sent: false` (from before the POST) proves it.
    #[test]
    fn a_browser_side_error_on_a_generate_proves_nothing_unless_the_page_says_not_sent() {
        for sent in [None, Some(true)] {
            for kind in [
                PageErrorKind::NoTab,
                PageErrorKind::NotReady,
                PageErrorKind::Captcha,
            ] {
                let e = lost(kind, sent, CallKind::Generate);
                assert!(
                    matches!(e, ProviderError::NoAnswer(_)),
                    "{kind:?} {sent:?}: {e:?}"
                );
                assert!(!e.proves_not_created());
            }
        }
        let e = lost(PageErrorKind::NoTab, Some(false), CallKind::Generate);
        assert!(
            matches!(e, ProviderError::Browser(_)) && e.proves_not_created(),
            "{e:?}"
        );
        // The page gone with the request in it is never proof, even if it says otherwise.
        let e = lost(PageErrorKind::Interrupted, Some(false), CallKind::Generate);
        assert!(matches!(e, ProviderError::NoAnswer(_)), "{e:?}");
        // A read is asked again freely.
        let e = lost(PageErrorKind::NoTab, None, CallKind::Read);
        assert!(matches!(e, ProviderError::Browser(_)), "{e:?}");
    }
}
