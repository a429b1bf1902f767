//! Why a take did not end on disk, for scripts: one of nine stable classes and, when the
//! service gave one, its own reason code. The engine keeps finer classes of its own (the
//! ledger's `error_class`, [`crate::provider::ProviderError::class`]); these are what `--json`,
//! `status --json`, the export and MCP results promise not to change.

use serde::{Deserialize, Serialize};

use super::TakeState;

/// What kind of failure, by what the user should do about it (README, "When a take fails").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailClass {
    /// A content filter refused the prompt, its pictures or the video. Sending it again as
    /// it is will be refused again; nothing was charged.
    Policy,
    /// The account's credits or a quota (daily, per model) are spent.
    Quota,
    /// The account cannot work until the user acts: sign in again, a new key, access,
    /// region, the browser, a model the account may not use.
    Account,
    /// The service held the account (unusual activity, "Confirm it's you"): the take waits
    /// until the user clears the check and resumes the account.
    Held,
    /// A spending cap would be crossed: the take waits until the cap is raised.
    Budget,
    /// What was asked cannot be made as asked: a parameter, a picture, a retired model, a
    /// local file or setting, a broken chain.
    Input,
    /// A passing fault (throttling, a server error, a download cut, a deadline): trying
    /// again later is expected to work, and never pays twice.
    Transient,
    /// Sent with no answer: the video may exist and may have been charged. Never sent again
    /// by itself; look it up or retry on purpose.
    Uncertain,
    /// An answer nobody documented, or flowdeck's own fault.
    Unexpected,
}

impl FailClass {
    /// Every class, in the README's order.
    pub const ALL: [FailClass; 9] = [
        FailClass::Policy,
        FailClass::Quota,
        FailClass::Account,
        FailClass::Held,
        FailClass::Budget,
        FailClass::Input,
        FailClass::Transient,
        FailClass::Uncertain,
        FailClass::Unexpected,
    ];

    /// The stable name (the JSON and CSV value).
    pub fn as_str(self) -> &'static str {
        match self {
            FailClass::Policy => "policy",
            FailClass::Quota => "quota",
            FailClass::Account => "account",
            FailClass::Held => "held",
            FailClass::Budget => "budget",
            FailClass::Input => "input",
            FailClass::Transient => "transient",
            FailClass::Uncertain => "uncertain",
            FailClass::Unexpected => "unexpected",
        }
    }

    /// The public class of an internal one: a provider's
    /// ([`crate::provider::ProviderError::class`]) or the engine's own (`uncertain`,
    /// `timed_out`, `download`, `absent`, `chain`, `budget`). One nobody knows is
    /// `unexpected`.
    pub fn of_internal(class: &str) -> FailClass {
        match class {
            "policy" => FailClass::Policy,
            "quota" | "model_quota" => FailClass::Quota,
            "auth" | "sign_in" | "account" | "captcha" | "browser" | "model_denied" => {
                FailClass::Account
            }
            "flagged" => FailClass::Held,
            "budget" => FailClass::Budget,
            "invalid" | "not_found" | "local" | "chain" => FailClass::Input,
            // A deadline passed while the video was still being made: it is checked again
            // (`flowdeck retry`) without a new create, so nothing is paid twice.
            // A create the service's listing proved never made, several times over: nothing
            // was made or paid, so it may be sent again.
            "throttled" | "transient" | "unreachable" | "download" | "timed_out" | "absent" => {
                FailClass::Transient
            }
            "no_answer" | "uncertain" => FailClass::Uncertain,
            _ => FailClass::Unexpected,
        }
    }
}

/// A take's failure as scripts read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub class: FailClass,
    /// The service's own reason code, when it gave one (`PUBLIC_ERROR_UNSAFE_GENERATION`,
    /// `RAI_MEDIA_FILTERED`, `NO_VIDEO`, `RESOURCE_EXHAUSTED`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The message key of "Google wants the person to confirm it's them": a browser that cannot
/// work because the account is held by a check.
const NEEDS_YOU: &str = "flow-needs-you";

impl Failure {
    /// The failure of a take in `state` whose ledger row keeps `class` and `code` (and a
    /// reason with `message_key`); `None` when nothing failed: done, cancelled, on its way,
    /// or waiting with no reason given. A queued take that carries a reason waits for it (a
    /// held account, a cap, a spent quota).
    pub fn from_parts(
        state: TakeState,
        class: Option<&str>,
        code: Option<&str>,
        message_key: Option<&str>,
    ) -> Option<Failure> {
        let code = code.filter(|c| !c.is_empty()).map(str::to_string);
        let class = match state {
            TakeState::Uncertain => FailClass::Uncertain,
            TakeState::TimedOut => FailClass::Transient,
            TakeState::Failed => match class {
                Some(c) => Self::class_of(c, message_key),
                None => FailClass::Unexpected,
            },
            TakeState::Queued => Self::class_of(class?, message_key),
            TakeState::Assigned
            | TakeState::Submitting
            | TakeState::Generating
            | TakeState::Ready
            | TakeState::Downloading
            | TakeState::Done
            | TakeState::Canceled => return None,
        };
        Some(Failure { class, code })
    }

    /// [`Failure::from_parts`] for a ledger row.
    pub fn of(take: &crate::store::ledger::TakeRecord) -> Option<Failure> {
        Self::from_parts(
            take.state,
            take.error_class.as_deref(),
            take.error_code.as_deref(),
            take.error.as_ref().map(|m| m.key.as_ref()),
        )
    }

    fn class_of(class: &str, message_key: Option<&str>) -> FailClass {
        if class == "browser" && message_key == Some(NEEDS_YOU) {
            return FailClass::Held;
        }
        FailClass::of_internal(class)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every internal class there is, and the public class it becomes.
    #[test]
    fn every_internal_class_has_its_public_class() {
        use FailClass::*;
        let table = [
            ("auth", Account),
            ("sign_in", Account),
            ("account", Account),
            ("captcha", Account),
            ("flagged", Held),
            ("browser", Account),
            ("throttled", Transient),
            ("quota", Quota),
            ("model_quota", Quota),
            ("model_denied", Account),
            ("policy", Policy),
            ("invalid", Input),
            ("not_found", Input),
            ("transient", Transient),
            ("no_answer", Uncertain),
            ("unreachable", Transient),
            ("unexpected", Unexpected),
            ("local", Input),
            ("ledger", Unexpected),
            // The engine's own.
            ("uncertain", Uncertain),
            ("timed_out", Transient),
            ("download", Transient),
            ("absent", Transient),
            ("chain", Input),
            ("budget", Budget),
            ("something new", Unexpected),
        ];
        for (internal, public) in table {
            assert_eq!(FailClass::of_internal(internal), public, "{internal}");
        }
        // Every public class is reached by some internal one.
        for c in FailClass::ALL {
            assert!(table.iter().any(|(_, p)| *p == c), "{c:?} is never given");
        }
    }

    #[test]
    fn the_state_decides_first_and_only_what_did_not_end_well_has_a_failure() {
        let of = |state, class, code| Failure::from_parts(state, class, code, None);
        assert_eq!(
            of(TakeState::Failed, Some("policy"), Some("NO_VIDEO")),
            Some(Failure {
                class: FailClass::Policy,
                code: Some("NO_VIDEO".into())
            })
        );
        assert_eq!(
            of(TakeState::Uncertain, Some("no_answer"), None).map(|f| f.class),
            Some(FailClass::Uncertain)
        );
        assert_eq!(
            of(TakeState::TimedOut, Some("timed_out"), None).map(|f| f.class),
            Some(FailClass::Transient)
        );
        assert_eq!(
            of(TakeState::Failed, None, None).map(|f| f.class),
            Some(FailClass::Unexpected)
        );
        // Waiting with a reason: a cap, a held account, a spent quota.
        assert_eq!(
            of(TakeState::Queued, Some("budget"), None).map(|f| f.class),
            Some(FailClass::Budget)
        );
        assert_eq!(
            of(
                TakeState::Queued,
                Some("quota"),
                Some("PUBLIC_ERROR_USER_QUOTA_REACHED")
            )
            .and_then(|f| f.code),
            Some("PUBLIC_ERROR_USER_QUOTA_REACHED".into())
        );
        assert_eq!(of(TakeState::Queued, None, None), None);
        // "Confirm it's you" comes as a browser that cannot work: the account is held.
        assert_eq!(
            Failure::from_parts(TakeState::Queued, Some("browser"), None, Some(NEEDS_YOU))
                .map(|f| f.class),
            Some(FailClass::Held)
        );
        for state in [
            TakeState::Done,
            TakeState::Canceled,
            TakeState::Generating,
            TakeState::Ready,
        ] {
            assert_eq!(of(state, Some("download"), Some("X")), None, "{state:?}");
        }
        // An empty code is no code.
        assert_eq!(
            of(TakeState::Failed, Some("policy"), Some("")).and_then(|f| f.code),
            None
        );
    }

    #[test]
    fn classes_serialize_as_their_stable_names() {
        for c in FailClass::ALL {
            assert_eq!(
                serde_json::to_value(c).ok(),
                Some(serde_json::json!(c.as_str()))
            );
        }
        let f = Failure {
            class: FailClass::Quota,
            code: None,
        };
        assert_eq!(
            serde_json::to_value(&f).ok(),
            Some(serde_json::json!({"class": "quota"}))
        );
    }
}
