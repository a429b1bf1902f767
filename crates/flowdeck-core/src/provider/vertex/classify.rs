//! Vertex AI and Cloud Storage errors as the engine's typed set, with the action a person must
//! take where Google's answer names one (an API to enable, a role to grant).

use std::time::Duration;

use serde_json::Value;

use crate::message::Message;
use crate::provider::error::ProviderError;
use crate::provider::rpc::RpcError;
use crate::secret::excerpt;

pub use crate::provider::rpc::operation_error;

/// Veo's documented quota: 10 requests a minute per project. A 429 without a stated wait
/// waits long enough for that window to pass.
pub const QUOTA_WAIT: Duration = Duration::from_secs(60);

/// Which host answered, for advice that fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    Vertex,
    Storage,
}

fn message_of(body: &[u8], rpc: &RpcError) -> String {
    if rpc.message.is_empty() {
        excerpt(&String::from_utf8_lossy(body), 200)
    } else {
        excerpt(&rpc.message, 400)
    }
}

/// The project an error names (`projects/{p}` or "in project {p}"), for the advice.
fn project_in(body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let details = v.pointer("/error/details")?.as_array()?;
    let consumer = details
        .iter()
        .find_map(|d| d.pointer("/metadata/consumer").and_then(Value::as_str))?;
    consumer.strip_prefix("projects/").map(str::to_string)
}

pub fn classify(
    host: Host,
    status: u16,
    retry_after: Option<Duration>,
    body: &[u8],
) -> ProviderError {
    let rpc = RpcError::parse(body).unwrap_or_default();
    let message = message_of(body, &rpc);
    let disabled = rpc.reasons.iter().any(|r| r == "SERVICE_DISABLED")
        || message.contains("has not been used in project")
        || message.contains("it is disabled");
    match status {
        401 => ProviderError::Unauthorized,
        403 if disabled => {
            let project = project_in(body).map_or_else(
                || crate::message::Arg::from(crate::msg!("vertex-this-project")),
                crate::message::Arg::from,
            );
            ProviderError::AccountDenied(crate::msg!(
                "vertex-api-disabled",
                project = project,
                said = message.as_str()
            ))
        }
        403 if host == Host::Storage => {
            ProviderError::AccountDenied(crate::msg!("vertex-no-bucket", said = message.as_str()))
        }
        403 if message.contains("serviceusage") => {
            ProviderError::AccountDenied(crate::msg!("vertex-no-project", said = message.as_str()))
        }
        403 => {
            ProviderError::AccountDenied(crate::msg!("vertex-no-access", said = message.as_str()))
        }
        400 if rpc.status.as_deref() == Some("FAILED_PRECONDITION") => {
            ProviderError::AccountDenied(Message::verbatim(message))
        }
        400 => ProviderError::InvalidRequest(Message::verbatim(message)),
        404 => ProviderError::NotFound(Message::verbatim(message)),
        429 => ProviderError::Throttled {
            retry_after: rpc.retry_delay.or(retry_after).or(Some(QUOTA_WAIT)),
            reason: crate::msg!(
                "vertex-quota-minute",
                said = excerpt(&message, 160),
                code = rpc.status.as_deref().unwrap_or("RESOURCE_EXHAUSTED")
            ),
        },
        _ => crate::provider::rpc::other_status(status, &rpc, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    #[test]
    fn disabled_api_and_missing_roles_say_what_to_do() {
        let disabled = br#"{"error":{"code":403,"status":"PERMISSION_DENIED","message":"Vertex AI API has not been used in project p1 before or it is disabled.",
          "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED","domain":"googleapis.com",
                      "metadata":{"service":"aiplatform.googleapis.com","consumer":"projects/p1"}}]}}"#;
        match classify(Host::Vertex, 403, None, disabled) {
            ProviderError::AccountDenied(m) => {
                assert!(
                    m.en().contains("enable aiplatform.googleapis.com") && m.en().contains("p1"),
                    "{m:?}"
                )
            }
            other => panic!("{other:?}"),
        }
        let denied = br#"{"error":{"code":403,"status":"PERMISSION_DENIED","message":"Permission 'aiplatform.endpoints.predict' denied",
          "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"IAM_PERMISSION_DENIED"}]}}"#;
        assert!(matches!(classify(Host::Vertex, 403, None, denied),
            ProviderError::AccountDenied(m) if m.en().contains("roles/aiplatform.user")));
        let bucket = br#"{"error":{"code":403,"message":"sa@p.iam.gserviceaccount.com does not have storage.objects.get access"}}"#;
        assert!(matches!(classify(Host::Storage, 403, None, bucket),
            ProviderError::AccountDenied(m) if m.en().contains("roles/storage.objectViewer")));
    }

    #[test]
    fn tokens_quotas_and_server_errors() {
        assert!(matches!(
            classify(Host::Vertex, 401, None, b"{}"),
            ProviderError::Unauthorized
        ));
        let quota = br#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model"}}"#;
        assert!(matches!(classify(Host::Vertex, 429, None, quota),
            ProviderError::Throttled { retry_after: Some(d), .. } if d == QUOTA_WAIT));
        assert_eq!(
            classify(Host::Vertex, 429, None, quota).code().as_deref(),
            Some("RESOURCE_EXHAUSTED")
        );
        assert!(matches!(
            classify(
                Host::Vertex,
                503,
                None,
                br#"{"error":{"code":503,"message":"overloaded"}}"#
            ),
            ProviderError::Transient(_)
        ));
        assert!(matches!(
            classify(Host::Vertex, 502, None, b"<html>"),
            ProviderError::NoAnswer(_)
        ));
        assert!(matches!(
            classify(Host::Vertex, 404, None, b"{}"),
            ProviderError::NotFound(_)
        ));
        assert!(matches!(
            classify(Host::Vertex, 418, None, b"teapot"),
            ProviderError::Unexpected { .. }
        ));
    }
}
