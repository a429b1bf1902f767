//! Veo through `predictLongRunning`, for a key whose model list still offers it (reference
//! section 2; the Gemini API retired its Veo previews on 2026-10-22). Pure.

use serde_json::{Value, json};

use super::classify;
use super::models::Params;
use crate::model::RemoteState;
use crate::provider::error::ProviderError;

/// The `models/{model}:predictLongRunning` body. Never `seed`, `generateAudio` or
/// `storageUri`: the Gemini API refuses them.
pub fn create_body(
    prompt: &str,
    p: &Params,
    person_generation: Option<&str>,
    negative_prompt: Option<&str>,
) -> Value {
    let mut parameters = json!({
        "sampleCount": 1,
        "aspectRatio": p.aspect,
        "durationSeconds": p.seconds,
        "resolution": p.resolution,
        "personGeneration": person_generation.unwrap_or("allow_all"),
    });
    if let Some(n) = negative_prompt.filter(|n| !n.trim().is_empty()) {
        parameters["negativePrompt"] = json!(n);
    }
    json!({"instances": [{"prompt": prompt}], "parameters": parameters})
}

/// Where an operation stands.
#[derive(Debug, Clone)]
pub enum Operation {
    Pending,
    /// Done with a video at this URI.
    Ready(String),
    /// Done, but the safety filter kept every video back.
    Filtered {
        count: i64,
        reasons: Vec<String>,
    },
    Failed(ProviderError),
}

impl Operation {
    pub fn state(&self) -> RemoteState {
        match self {
            Operation::Pending => RemoteState::Running,
            Operation::Ready(_) => RemoteState::Succeeded,
            Operation::Filtered { .. } | Operation::Failed(_) => RemoteState::Failed,
        }
    }

    /// Why it produced no video, for the take.
    pub fn failure(&self) -> Option<ProviderError> {
        match self {
            Operation::Filtered { count, reasons } => Some(ProviderError::Policy {
                reason: "RAI_MEDIA_FILTERED".into(),
                message: if reasons.is_empty() {
                    crate::msg!("veo-filtered-silently", count = *count)
                } else {
                    crate::message::Message::verbatim(reasons.join(" "))
                },
            }),
            Operation::Failed(e) => Some(e.clone()),
            _ => None,
        }
    }
}

/// Reads `GET /v1beta/{operation}`. `done` missing or false is pending; done with no samples is
/// a safety refusal, never a success without a file.
pub fn parse_operation(v: &Value) -> Operation {
    if v.get("done").and_then(Value::as_bool) != Some(true) {
        return Operation::Pending;
    }
    if let Some(err) = v.get("error") {
        let code = err.get("code").and_then(Value::as_i64).unwrap_or(0);
        let message = err
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("the generation failed");
        return Operation::Failed(classify::operation_error(code, message));
    }
    let resp = v.pointer("/response/generateVideoResponse");
    let uri = resp
        .and_then(|r| r.get("generatedSamples"))
        .and_then(Value::as_array)
        .and_then(|s| {
            s.iter()
                .find_map(|x| x.pointer("/video/uri").and_then(Value::as_str))
        });
    if let Some(uri) = uri {
        return Operation::Ready(uri.to_string());
    }
    let reasons: Vec<String> = resp
        .and_then(|r| r.get("raiMediaFilteredReasons"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let count = resp
        .and_then(|r| r.get("raiMediaFilteredCount"))
        .and_then(Value::as_i64)
        .unwrap_or(reasons.len() as i64);
    Operation::Filtered { count, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    #[test]
    fn operations_parse_pending_ready_filtered_and_failed() {
        assert!(matches!(
            parse_operation(&json!({"name": "models/m/operations/1"})),
            Operation::Pending
        ));
        assert!(matches!(
            parse_operation(&json!({"name": "x", "done": false})),
            Operation::Pending
        ));
        let ready = json!({"name":"x","done":true,"response":{"@type":"t","generateVideoResponse":{
            "generatedSamples":[{"video":{"uri":"https://g/v1beta/files/abc:download?alt=media"}}]}}});
        assert!(
            matches!(parse_operation(&ready), Operation::Ready(u) if u == "https://g/v1beta/files/abc:download?alt=media")
        );
        let filtered = json!({"name":"x","done":true,"response":{"generateVideoResponse":{
            "raiMediaFilteredCount":1,"raiMediaFilteredReasons":["Sorry, we can't create videos with real people's names."]}}});
        let f = parse_operation(&filtered);
        assert_eq!(f.state(), RemoteState::Failed);
        assert!(
            matches!(f.failure(), Some(ProviderError::Policy { reason, message })
            if reason == "RAI_MEDIA_FILTERED" && message.en().contains("real people"))
        );
        let empty = json!({"name":"x","done":true,"response":{"generateVideoResponse":{}}});
        assert!(
            matches!(parse_operation(&empty), Operation::Filtered { .. }),
            "done with no samples is never a success"
        );
        let failed = json!({"name":"x","done":true,"error":{"code":3,"message":"bad prompt"}});
        assert!(
            matches!(parse_operation(&failed), Operation::Failed(ProviderError::InvalidRequest(m)) if m.en().contains("bad prompt"))
        );
    }
}
