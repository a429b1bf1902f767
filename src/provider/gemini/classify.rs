//! Gemini API errors (`google.rpc.Status` under `error`, reference section 5) as the engine's
//! typed set. There is no `Retry-After` header: the wait is in `RetryInfo.retryDelay`.

use std::time::Duration;

use crate::provider::error::ProviderError;
use crate::provider::rpc::RpcError;
use crate::secret::excerpt;

pub fn classify(status: u16, _retry_after: Option<Duration>, body: &[u8]) -> ProviderError {
    let rpc = RpcError::parse(body).unwrap_or_default();
    let message = if rpc.message.is_empty() {
        excerpt(&String::from_utf8_lossy(body), 200)
    } else {
        excerpt(&rpc.message, 300)
    };
    let key_problem =
        rpc.reasons.iter().any(|r| r.contains("API_KEY")) || message.contains("API key");
    match status {
        401 => ProviderError::SignInAgain(format!("the API key was refused: {message}")),
        400 | 403 if key_problem => ProviderError::SignInAgain(format!(
            "the API key is not valid ({message}); create a new key in Google AI Studio and add it again"
        )),
        400 if rpc.status.as_deref() == Some("FAILED_PRECONDITION") => {
            ProviderError::AccountDenied(message)
        }
        400 => ProviderError::InvalidRequest(message),
        403 => ProviderError::AccountDenied(message),
        404 => ProviderError::NotFound(message),
        429 => {
            if rpc.quota_ids.iter().any(|q| q.contains("PerDay")) {
                ProviderError::QuotaReached(format!(
                    "the project's daily Veo quota is used up ({message})"
                ))
            } else {
                ProviderError::Throttled {
                    retry_after: rpc.retry_delay,
                    reason: rpc.status.unwrap_or_else(|| "RESOURCE_EXHAUSTED".into()),
                }
            }
        }
        408 | 500..=599 if !rpc.message.is_empty() => {
            ProviderError::Transient(format!("HTTP {status}: {message}"))
        }
        500..=599 => ProviderError::NoAnswer(format!("HTTP {status} without an error body")),
        _ => ProviderError::Unexpected {
            status,
            excerpt: message,
        },
    }
}

/// A failure reported inside a finished operation (`error` with a gRPC code).
pub fn operation_error(code: i64, message: &str) -> ProviderError {
    let message = excerpt(message, 300);
    match code {
        3 => ProviderError::InvalidRequest(format!("{message} (code 3, INVALID_ARGUMENT)")),
        8 => ProviderError::QuotaReached(format!("{message} (code 8, RESOURCE_EXHAUSTED)")),
        13 | 14 | 4 => ProviderError::Transient(format!("{message} (code {code})")),
        _ => ProviderError::Unexpected {
            status: 200,
            excerpt: format!("{message} (code {code})"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            matches!(classify(400, None, dur), ProviderError::InvalidRequest(m) if m.contains("durationSeconds"))
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
