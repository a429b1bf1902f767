//! Gemini API errors (`google.rpc.Status` under `error`; on the Interactions API the code may be
//! a string and the whole body wrapped in an array, reference section 4) as the engine's typed
//! set. There is no `Retry-After` header: the wait is in `RetryInfo.retryDelay`.

use std::time::Duration;

use serde_json::Value;

use crate::message::Message;
use crate::provider::error::ProviderError;
use crate::provider::rpc::RpcError;
use crate::secret::excerpt;

/// Status or code tokens a safety filter answers with.
const SAFETY: &[&str] = &[
    "SAFETY",
    "PROHIBITED_CONTENT",
    "BLOCKLIST",
    "RECITATION",
    "SPII",
];

/// The `error` object, whether the body is `{error}` or `[{error}]`.
fn error_value(body: &[u8]) -> Option<Value> {
    let v: Value = serde_json::from_slice(body).ok()?;
    match v {
        Value::Array(mut a) if !a.is_empty() => Some(a.swap_remove(0)),
        other => Some(other),
    }
}

/// A safety token in the error's status, string code or reasons.
fn safety_token(e: &Value, rpc: &RpcError) -> Option<String> {
    let err = e.get("error").unwrap_or(e);
    let candidates = [
        err.get("status").and_then(Value::as_str),
        err.get("code").and_then(Value::as_str),
    ];
    candidates
        .into_iter()
        .flatten()
        .chain(rpc.reasons.iter().map(String::as_str))
        .map(|t| t.to_ascii_uppercase())
        .find(|t| SAFETY.iter().any(|s| t.contains(s)))
}

/// An error reported inside a finished interaction (`{code, message}`, code a number or a
/// string such as `"invalid_request"`).
pub fn interaction_error(e: &Value) -> ProviderError {
    let said = e.get("message").and_then(Value::as_str);
    let message = said.map_or_else(
        || crate::msg!("gemini-generation-failed"),
        |m| Message::verbatim(excerpt(m, 300)),
    );
    let rpc = RpcError::default();
    if let Some(token) = safety_token(e, &rpc) {
        return ProviderError::Policy {
            reason: token,
            message,
        };
    }
    match e.get("code") {
        Some(Value::Number(n)) => operation_error(n.as_i64().unwrap_or(0), said.unwrap_or("")),
        Some(Value::String(code)) if code.contains("invalid") => ProviderError::InvalidRequest(
            crate::msg!("service-said-code", message = message, code = code.as_str()),
        ),
        Some(Value::String(code)) if code.contains("exhausted") || code.contains("quota") => {
            ProviderError::QuotaReached(crate::msg!(
                "service-said-code",
                message = message,
                code = code.as_str()
            ))
        }
        other => ProviderError::Policy {
            reason: other
                .and_then(Value::as_str)
                .unwrap_or("FAILED")
                .to_ascii_uppercase(),
            message,
        },
    }
}

pub fn classify(status: u16, _retry_after: Option<Duration>, body: &[u8]) -> ProviderError {
    let value = error_value(body).unwrap_or(Value::Null);
    let rpc = RpcError::from_value(&value).unwrap_or_default();
    let text = if rpc.message.is_empty() {
        excerpt(&String::from_utf8_lossy(body), 200)
    } else {
        excerpt(&rpc.message, 300)
    };
    let message = Message::verbatim(text.as_str());
    let key_problem = rpc.reasons.iter().any(|r| r.contains("API_KEY")) || text.contains("API key");
    if status == 400
        && let Some(token) = safety_token(&value, &rpc)
    {
        return ProviderError::Policy {
            reason: token,
            message,
        };
    }
    if status == 400 && text.contains("Invalid interaction name") {
        return ProviderError::NotFound(crate::msg!("service-does-not-know-it", message = message));
    }
    match status {
        401 => ProviderError::SignInAgain(crate::msg!("gemini-key-refused", message = message)),
        400 | 403 if key_problem => {
            ProviderError::SignInAgain(crate::msg!("gemini-key-not-valid", message = message))
        }
        400 if rpc.status.as_deref() == Some("FAILED_PRECONDITION") => {
            ProviderError::AccountDenied(message)
        }
        400 => ProviderError::InvalidRequest(message),
        403 => ProviderError::AccountDenied(message),
        404 => ProviderError::NotFound(message),
        429 => {
            // A 429 is RESOURCE_EXHAUSTED whether or not the body names it.
            let code = rpc.status.unwrap_or_else(|| "RESOURCE_EXHAUSTED".into());
            if rpc.quota_ids.iter().any(|q| q.contains("PerDay")) {
                ProviderError::QuotaReached(crate::msg!(
                    "veo-daily-quota",
                    message = message,
                    code = code
                ))
            } else {
                ProviderError::Throttled {
                    retry_after: rpc.retry_delay,
                    reason: Message::verbatim(code),
                }
            }
        }
        _ => crate::provider::rpc::other_status(status, &rpc, text),
    }
}

pub use crate::provider::rpc::operation_error;

/// A refusal that says a continuation must name its task (the opposite of what was seen
/// live, where naming it was refused): then it is sent again with the task.
pub fn asks_for_task(message: &Message) -> bool {
    // The service's own words, kept verbatim: reading them is reading the answer.
    let Some(m) = message.verbatim_text() else {
        return false;
    };
    let m = m.to_ascii_lowercase();
    m.contains("task")
        && ["required", "must be set", "missing"]
            .iter()
            .any(|w| m.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    #[test]
    fn retry_info_and_daily_quota() {
        let minute = br#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"You exceeded your current quota",
          "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel"}]},
                     {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"53s"}]}}"#;
        assert!(matches!(classify(429, None, minute),
            ProviderError::Throttled { retry_after: Some(d), .. } if d == Duration::from_secs(53)));
        let day = br#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota",
          "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel"}]}]}}"#;
        assert!(matches!(
            classify(429, None, day),
            ProviderError::QuotaReached(_)
        ));
        // Both keep the status Google named, for scripts.
        assert_eq!(
            classify(429, None, minute).code().as_deref(),
            Some("RESOURCE_EXHAUSTED")
        );
        assert_eq!(
            classify(429, None, day).code().as_deref(),
            Some("RESOURCE_EXHAUSTED")
        );
    }

    #[test]
    fn interactions_errors_safety_and_unknown_names() {
        let safety =
            br#"[{"error":{"code":400,"status":"SAFETY","message":"The prompt was blocked."}}]"#;
        assert!(
            matches!(classify(400, None, safety), ProviderError::Policy { reason, message } if reason == "SAFETY" && message.en().contains("blocked"))
        );
        let prohibited = br#"{"error":{"code":"PROHIBITED_CONTENT","message":"no"}}"#;
        assert!(matches!(
            classify(400, None, prohibited),
            ProviderError::Policy { .. }
        ));
        let unknown =
            br#"{"error":{"code":"invalid_request","message":"Invalid interaction name: v1_x"}}"#;
        assert!(matches!(
            classify(400, None, unknown),
            ProviderError::NotFound(_)
        ));
        let retired = br#"{"error":{"code":404,"status":"NOT_FOUND","message":"models/veo-3.1-generate-preview is no longer available"}}"#;
        assert!(
            matches!(classify(404, None, retired), ProviderError::NotFound(m) if m.en().contains("no longer available"))
        );
        assert!(matches!(
            interaction_error(
                &serde_json::json!({"code":"invalid_request","message":"bad duration"})
            ),
            ProviderError::InvalidRequest(_)
        ));
    }

    #[test]
    fn only_a_refusal_asking_for_the_task_brings_it_back() {
        assert!(asks_for_task(&Message::verbatim(
            "generation_config.video_config.task is required when previous_interaction_id is set"
        )));
        assert!(!asks_for_task(&Message::verbatim(
            "Aspect ratio cannot be set in response format for edit task"
        )));
        assert!(!asks_for_task(&Message::verbatim(
            "generation_config.video_config.task cannot be set together with previous_interaction_id"
        )));
    }

    #[test]
    fn bad_keys_and_bad_parameters() {
        let key = br#"{"error":{"code":400,"status":"INVALID_ARGUMENT","message":"API key not valid. Please pass a valid API key.",
          "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}"#;
        assert!(matches!(
            classify(400, None, key),
            ProviderError::SignInAgain(_)
        ));
        let dur = br#"{"error":{"code":400,"status":"INVALID_ARGUMENT","message":"The number value for `durationSeconds` is out of bound."}}"#;
        assert!(
            matches!(classify(400, None, dur), ProviderError::InvalidRequest(m) if m.en().contains("durationSeconds"))
        );
        assert!(matches!(
            classify(
                503,
                None,
                br#"{"error":{"code":503,"message":"overloaded","status":"UNAVAILABLE"}}"#
            ),
            ProviderError::Transient(_)
        ));
        assert!(matches!(
            operation_error(3, "bad"),
            ProviderError::InvalidRequest(_)
        ));
    }
}
