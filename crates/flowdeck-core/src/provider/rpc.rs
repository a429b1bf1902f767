//! Google's RPC error body (`{"error":{"code","message","status","details":[…]}}`), parsed
//! liberally: every field is optional and unknown detail types are skipped.

use std::time::Duration;

use serde_json::Value;

use crate::provider::error::ProviderError;

/// What a Google error body says, reduced to what classification needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RpcError {
    pub code: Option<i64>,
    pub message: String,
    /// `INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`, …
    pub status: Option<String>,
    /// `ErrorInfo.reason` values, e.g. `PUBLIC_ERROR_UNSAFE_GENERATION`.
    pub reasons: Vec<String>,
    /// `RetryInfo.retryDelay`.
    pub retry_delay: Option<Duration>,
    /// `QuotaFailure.violations[].quotaId`.
    pub quota_ids: Vec<String>,
    /// The string form `{"error":"ACCESS_TOKEN_REFRESH_NEEDED"}`.
    pub bare: Option<String>,
}

impl RpcError {
    /// Parses an error body; `None` when it is not JSON or has no `error` member.
    pub fn parse(body: &[u8]) -> Option<RpcError> {
        let value: Value = serde_json::from_slice(body).ok()?;
        Self::from_value(&value)
    }

    pub fn from_value(value: &Value) -> Option<RpcError> {
        let error = value.get("error")?;
        if let Some(s) = error.as_str() {
            return Some(RpcError {
                message: s.to_string(),
                bare: Some(s.to_string()),
                ..RpcError::default()
            });
        }
        let mut out = RpcError {
            code: error.get("code").and_then(Value::as_i64),
            message: error
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            status: error
                .get("status")
                .and_then(Value::as_str)
                .map(str::to_string),
            ..RpcError::default()
        };
        for detail in error
            .get("details")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(reason) = detail.get("reason").and_then(Value::as_str) {
                out.reasons.push(reason.to_string());
            }
            if let Some(delay) = detail.get("retryDelay").and_then(Value::as_str) {
                out.retry_delay = parse_duration(delay);
            }
            for v in detail
                .get("violations")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(id) = v.get("quotaId").and_then(Value::as_str) {
                    out.quota_ids.push(id.to_string());
                }
            }
        }
        Some(out)
    }

    /// The first `PUBLIC_ERROR_*` code, from the reasons or from the message itself.
    pub fn public_error(&self) -> Option<String> {
        self.reasons
            .iter()
            .find(|r| r.starts_with("PUBLIC_ERROR_"))
            .cloned()
            .or_else(|| find_public_error(&self.message))
    }
}

/// Finds a `PUBLIC_ERROR_*` code inside free text.
pub fn find_public_error(text: &str) -> Option<String> {
    let start = text.find("PUBLIC_ERROR_")?;
    let code: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
        .collect();
    Some(code)
}

/// What a Google API's answer means when its status says nothing more specific: a timeout
/// or server error with Google's error body is transient; without one, nothing is known of
/// the request's fate; anything else is an answer flowdeck does not know. Neither proves a
/// create was not made.
pub fn other_status(status: u16, rpc: &RpcError, message: String) -> ProviderError {
    match status {
        408 | 500..=599 if !rpc.message.is_empty() => ProviderError::Transient(crate::msg!(
            "http-status-said",
            status = status,
            said = message
        )),
        500..=599 => ProviderError::NoAnswer(crate::msg!("http-status-no-body", status = status)),
        _ => ProviderError::Unexpected {
            status,
            excerpt: message,
        },
    }
}

/// A failure reported inside a finished operation (`error` with a gRPC code).
pub fn operation_error(code: i64, message: &str) -> ProviderError {
    let message = crate::secret::excerpt(message, 300);
    match code {
        3 => ProviderError::InvalidRequest(crate::msg!(
            "service-said-code",
            message = message,
            code = "code 3, INVALID_ARGUMENT"
        )),
        8 => ProviderError::QuotaReached(crate::msg!(
            "service-said-code",
            message = message,
            code = "code 8, RESOURCE_EXHAUSTED"
        )),
        13 | 14 | 4 => ProviderError::Transient(crate::msg!(
            "service-said-code",
            message = message,
            code = format!("code {code}")
        )),
        _ => ProviderError::Unexpected {
            status: 200,
            excerpt: format!("{message} (code {code})"),
        },
    }
}

/// Parses a protobuf Duration string such as `"53s"` or `"45.837906927s"`.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let secs: f64 = s.trim().strip_suffix('s')?.parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(86_400.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_error_info_retry_info_and_quota_failure() {
        let body = br#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota",
          "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure",
                      "violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel"}]},
                     {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"45.837906927s"},
                     {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"PUBLIC_ERROR_USER_QUOTA_REACHED"}]}}"#;
        let e = RpcError::parse(body).expect("parses");
        assert_eq!(e.code, Some(429));
        assert_eq!(e.status.as_deref(), Some("RESOURCE_EXHAUSTED"));
        assert_eq!(
            e.public_error().as_deref(),
            Some("PUBLIC_ERROR_USER_QUOTA_REACHED")
        );
        assert_eq!(e.quota_ids, ["GenerateRequestsPerDayPerProjectPerModel"]);
        let d = e.retry_delay.expect("delay");
        assert!((d.as_secs_f64() - 45.837906927).abs() < 1e-6);
    }

    #[test]
    fn parses_the_bare_string_form_and_rejects_non_errors() {
        let e = RpcError::parse(br#"{"error":"ACCESS_TOKEN_REFRESH_NEEDED"}"#).expect("parses");
        assert_eq!(e.bare.as_deref(), Some("ACCESS_TOKEN_REFRESH_NEEDED"));
        assert!(RpcError::parse(b"<html>").is_none());
        assert!(RpcError::parse(br#"{"media":[]}"#).is_none());
    }

    #[test]
    fn finds_public_error_in_a_message() {
        assert_eq!(
            find_public_error("failed: PUBLIC_ERROR_IP_INPUT_IMAGE."),
            Some("PUBLIC_ERROR_IP_INPUT_IMAGE".into())
        );
        assert_eq!(parse_duration("bogus"), None);
        assert_eq!(parse_duration("-1s"), None);
    }
}
