//! Turns a Flow answer that is not a success into the engine's typed error set
//! (reference section 6).

use std::time::Duration;

use crate::provider::error::ProviderError;
use crate::provider::rpc::RpcError;
use crate::secret::excerpt;

const RETRYABLE: &[&str] = &[
    "HIGH_TRAFFIC",
    "MODEL_OVERLOADED",
    "MODEL_DISABLED_DUE_TO_TRAFFIC",
    "UNUSUAL_ACTIVITY_TOO_MUCH_TRAFFIC",
    "USER_REQUESTS_THROTTLED",
    "CONCURRENT_LIMIT_REACHED",
    "GENERATION_ALREADY_IN_PROGRESS",
    "VIDEO_GENERATION_TIMED_OUT",
    "SOMETHING_WENT_WRONG",
];
const QUOTA: &[&str] = &[
    "USER_QUOTA_REACHED",
    "PER_MODEL_DAILY_QUOTA_REACHED",
    "PER_MODEL_DAILY_QUOTA_REACHED_UPGRADEABLE",
    "WORKSPACE_ACCOUNT_QUOTA_REACHED",
];
const ACCOUNT: &[&str] = &[
    "APP_UNAVAILABLE",
    "MODEL_ACCESS_DENIED",
    "USER_REGION_DISALLOWED",
    "USER_MINOR",
];

/// A sentence for people for a `PUBLIC_ERROR_*` content or input code.
pub fn policy_sentence(code: &str) -> String {
    let short = code.trim_start_matches("PUBLIC_ERROR_");
    let s = match short {
        "UNSAFE_GENERATION" => "Google's safety filter refused this prompt or its video",
        "SEXUAL" => "Refused as sexual content",
        "VIOLENCE_FILTER" => "Refused as too violent",
        "DANGER_FILTER" => "Refused as dangerous content",
        "MINOR" | "MINOR_UPLOAD" => "Refused because it appears to involve minors",
        "REPUTATIONAL" => "Refused because it may harm someone's reputation",
        "PROMINENT_PEOPLE_FILTER_FAILED" | "PROMINENT_PEOPLE_UPLOAD" => {
            "Refused because it names or shows a well-known person"
        }
        "IMAGE_OUTPUT_IP_FILTER" | "IP_INPUT_IMAGE" => {
            "Refused because it may show protected characters, brands or logos"
        }
        "AUDIO_FILTERED" => "The audio was filtered, so no video was delivered",
        "UNDERSPECIFIED_ANIMAL" => "Refused: describe the animal more precisely",
        "NON_ENGLISH_PROMPT" => "Refused: this model needs an English prompt",
        "RESPONSE_TOO_LONG" => "Refused: the prompt is too long",
        "IMAGE_TOO_LARGE" => "Refused: the input image is too large",
        "IMAGE_TOO_SMALL" => "Refused: the input image is too small",
        _ => return format!("Google refused this prompt ({short})"),
    };
    s.to_string()
}

fn account_sentence(short: &str) -> &'static str {
    match short {
        "APP_UNAVAILABLE" => "Flow is not available to this account",
        "MODEL_ACCESS_DENIED" => "this account's plan does not include the chosen model",
        "USER_REGION_DISALLOWED" => "Flow is not available in this account's region",
        "USER_MINOR" => "Flow is not available to accounts of minors",
        _ => "the account was refused",
    }
}

/// Classifies a `PUBLIC_ERROR_*` code alone (for a failure reported by a poll).
pub fn classify_public_error(
    code: &str,
    retry_after: Option<Duration>,
    message: &str,
) -> ProviderError {
    let short = code.trim_start_matches("PUBLIC_ERROR_");
    if QUOTA.contains(&short) {
        ProviderError::QuotaReached(format!("{short}: the account has no credits or quota left"))
    } else if RETRYABLE.contains(&short) {
        ProviderError::Throttled {
            retry_after,
            reason: short.to_string(),
        }
    } else if ACCOUNT.contains(&short) {
        ProviderError::AccountDenied(format!("{} ({short})", account_sentence(short)))
    } else if short == "UNUSUAL_ACTIVITY" || message.to_lowercase().contains("recaptcha") {
        ProviderError::Captcha(captcha_advice(message))
    } else {
        ProviderError::Policy {
            reason: format!("PUBLIC_ERROR_{short}"),
            message: policy_sentence(short),
        }
    }
}

fn captcha_advice(message: &str) -> String {
    let what = if message.is_empty() {
        "Google flagged unusual activity"
    } else {
        message
    };
    format!(
        "{what}. Flow needs a fresh reCAPTCHA token for every create: set [flow] \
         captcha_command to a helper that prints one, or check that it still works"
    )
}

/// Classifies a non-2xx answer. `retry_after` is the parsed `Retry-After` header.
pub fn classify(status: u16, retry_after: Option<Duration>, body: &[u8]) -> ProviderError {
    let rpc = RpcError::parse(body);
    let text = String::from_utf8_lossy(body);
    if status == 401 {
        return ProviderError::Unauthorized;
    }
    let Some(rpc) = rpc else {
        return match status {
            404 => ProviderError::NotFound(excerpt(&text, 200)),
            429 => ProviderError::Throttled {
                retry_after,
                reason: "HTTP 429".into(),
            },
            // No Google error body: a proxy or a cut connection answered, so the call may or
            // may not have reached the service.
            500..=599 => ProviderError::NoAnswer(format!("HTTP {status} without an error body")),
            _ => ProviderError::Unexpected {
                status,
                excerpt: excerpt(&text, 300),
            },
        };
    };
    let message = excerpt(&rpc.message, 300);
    let retry_after = retry_after.or(rpc.retry_delay);
    if message.to_lowercase().contains("recaptcha") {
        return ProviderError::Captcha(captcha_advice(&message));
    }
    if let Some(code) = rpc.public_error() {
        return classify_public_error(&code, retry_after, &message);
    }
    match status {
        400 | 409 | 412 | 413 => ProviderError::InvalidRequest(message),
        403 => ProviderError::AccountDenied(message),
        404 => ProviderError::NotFound(message),
        429 => {
            if rpc.quota_ids.iter().any(|q| q.contains("PerDay")) {
                ProviderError::QuotaReached(message)
            } else {
                ProviderError::Throttled {
                    retry_after,
                    reason: rpc.status.unwrap_or_else(|| "RESOURCE_EXHAUSTED".into()),
                }
            }
        }
        408 | 500..=599 => ProviderError::Transient(format!("HTTP {status}: {message}")),
        _ => ProviderError::Unexpected {
            status,
            excerpt: excerpt(&text, 300),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rpc(code: u16, status: &str, message: &str, reason: &str) -> Vec<u8> {
        serde_json::json!({"error":{"code":code,"message":message,"status":status,
            "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":reason}]}})
        .to_string()
        .into_bytes()
    }

    #[test]
    fn every_class_is_reachable() {
        assert!(matches!(
            classify(401, None, b""),
            ProviderError::Unauthorized
        ));
        let captcha = classify(
            403,
            None,
            &rpc(
                403,
                "PERMISSION_DENIED",
                "reCAPTCHA evaluation failed",
                "PUBLIC_ERROR_UNUSUAL_ACTIVITY",
            ),
        );
        assert!(matches!(&captcha, ProviderError::Captcha(m) if m.contains("captcha_command")));
        // The same captcha failure has been seen as a 429.
        assert!(matches!(
            classify(
                429,
                None,
                &rpc(
                    429,
                    "RESOURCE_EXHAUSTED",
                    "reCAPTCHA evaluation failed",
                    "PUBLIC_ERROR_UNUSUAL_ACTIVITY"
                )
            ),
            ProviderError::Captcha(_)
        ));
        assert!(matches!(
            classify(429, Some(Duration::from_secs(7)), &rpc(429, "RESOURCE_EXHAUSTED", "slow down", "PUBLIC_ERROR_USER_REQUESTS_THROTTLED")),
            ProviderError::Throttled { retry_after: Some(d), .. } if d.as_secs() == 7
        ));
        assert!(matches!(
            classify(
                429,
                None,
                &rpc(
                    429,
                    "RESOURCE_EXHAUSTED",
                    "quota",
                    "PUBLIC_ERROR_USER_QUOTA_REACHED"
                )
            ),
            ProviderError::QuotaReached(_)
        ));
        let policy = classify(
            400,
            None,
            &rpc(
                400,
                "INVALID_ARGUMENT",
                "x",
                "PUBLIC_ERROR_UNSAFE_GENERATION",
            ),
        );
        assert!(matches!(&policy, ProviderError::Policy { reason, message }
            if reason == "PUBLIC_ERROR_UNSAFE_GENERATION" && message.contains("safety")));
        assert!(matches!(
            classify(400, None, &rpc(400, "INVALID_ARGUMENT", "Unknown name \"videoLengthSeconds\"", "INVALID")),
            ProviderError::InvalidRequest(m) if m.contains("videoLengthSeconds")
        ));
        assert!(matches!(
            classify(
                404,
                None,
                &rpc(404, "NOT_FOUND", "Requested entity was not found.", "")
            ),
            ProviderError::NotFound(_)
        ));
        assert!(matches!(
            classify(503, None, &rpc(503, "UNAVAILABLE", "busy", "")),
            ProviderError::Transient(_)
        ));
        assert!(matches!(
            classify(502, None, b"<html>bad gateway"),
            ProviderError::NoAnswer(_)
        ));
        assert!(matches!(
            classify(403, None, &rpc(403, "PERMISSION_DENIED", "no", "PUBLIC_ERROR_USER_REGION_DISALLOWED")),
            ProviderError::AccountDenied(m) if m.contains("region")
        ));
        let odd = classify(302, None, b"{\"weird\": \"ya29.secret-token\"}");
        assert!(
            matches!(&odd, ProviderError::Unexpected { status: 302, excerpt } if excerpt.contains("ya29.***"))
        );
    }

    #[test]
    fn unknown_public_errors_read_as_refusals_with_their_code() {
        let e = classify_public_error("PUBLIC_ERROR_NEW_THING", None, "");
        assert!(
            matches!(e, ProviderError::Policy { ref reason, ref message }
            if reason == "PUBLIC_ERROR_NEW_THING" && message.contains("NEW_THING"))
        );
    }
}
