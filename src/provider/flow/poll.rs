//! `video:batchCheckAsyncVideoGenerationStatus` for many media in one call (reference
//! section 3), with answers read liberally: status, URL and failure from any of the places
//! public clients have seen them.

use reqwest::Method;
use serde_json::{Value, json};

use super::classify::classify_public_error;
use super::config::WireGeneration;
use super::{FlowClient, MediaRef, json};
use crate::model::RemoteState;
use crate::provider::error::ProviderError;
use crate::provider::rpc::find_public_error;

/// Why a video failed, as the poll answer said it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Failure {
    pub code: Option<i64>,
    pub message: String,
    /// `failureReasons[]` and `error.details[].reason`.
    pub reasons: Vec<String>,
}

impl Failure {
    /// The failure as the engine's error type: a content refusal keeps its `PUBLIC_ERROR_*`.
    pub fn to_error(&self) -> ProviderError {
        let code = find_public_error(&self.message).or_else(|| {
            self.reasons
                .iter()
                .find_map(|r| find_public_error(r).or_else(|| Some(format!("PUBLIC_ERROR_{r}"))))
        });
        match code {
            Some(code) => classify_public_error(&code, None, &self.message),
            None => ProviderError::Policy {
                reason: "MEDIA_GENERATION_STATUS_FAILED".into(),
                message: if self.message.is_empty() {
                    "Flow reported the video as failed without a reason".into()
                } else {
                    format!("Flow reported the video as failed: {}", self.message)
                },
            },
        }
    }
}

/// One media's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolledMedia {
    pub name: String,
    pub state: RemoteState,
    /// The status as sent (`MEDIA_GENERATION_STATUS_ACTIVE`), or `MISSING` when the answer
    /// did not mention this media.
    pub status: String,
    /// The signed `fifeUrl` of the legacy shape.
    pub video_url: Option<String>,
    /// `video.operation.name` of the current shape.
    pub operation_name: Option<String>,
    pub failure: Option<Failure>,
}

/// The answer to one poll.
#[derive(Debug, Clone, Default)]
pub struct PollResult {
    /// One per media asked about, in the same order.
    pub media: Vec<PolledMedia>,
    pub remaining_credits: Option<i64>,
}

/// `MEDIA_GENERATION_STATUS_*` → state (reference 3c).
pub fn parse_status(status: &str) -> RemoteState {
    let s = status.trim_start_matches("MEDIA_GENERATION_STATUS_");
    match s {
        "PENDING" | "SCHEDULED" | "QUEUED" => RemoteState::Pending,
        "ACTIVE" | "IN_PROGRESS" | "RUNNING" => RemoteState::Running,
        "SUCCESSFUL" | "COMPLETE" | "COMPLETED" => RemoteState::Succeeded,
        "FAILED" => RemoteState::Failed,
        "CANCELED" | "CANCELLED" => RemoteState::Canceled,
        _ if s.starts_with("ERROR") => RemoteState::Failed,
        _ => RemoteState::Unknown,
    }
}

impl FlowClient {
    /// Asks for the status of all of `media` in one request.
    pub async fn poll(&self, media: &[MediaRef]) -> Result<PollResult, ProviderError> {
        if media.is_empty() {
            return Ok(PollResult::default());
        }
        let body = poll_body(self.config.generation, media);
        let answer = self
            .api(
                Method::POST,
                "v1/video:batchCheckAsyncVideoGenerationStatus",
                Some(&body),
            )
            .await?;
        Ok(match_answer(media, &json(&answer)?))
    }
}

pub fn poll_body(generation: WireGeneration, media: &[MediaRef]) -> Value {
    match generation {
        WireGeneration::Legacy => json!({
            "operations": media.iter().map(|m| {
                let mut op = json!({
                    "operation": {"name": m.name},
                    "status": "MEDIA_GENERATION_STATUS_PENDING",
                });
                if let Some(scene) = &m.scene_id {
                    op["sceneId"] = json!(scene);
                }
                op
            }).collect::<Vec<_>>()
        }),
        WireGeneration::Current => json!({
            "media": media.iter()
                .map(|m| json!({"name": m.name, "projectId": m.project_id}))
                .collect::<Vec<_>>()
        }),
    }
}

struct Entry {
    name: String,
    scene_id: Option<String>,
    polled: PolledMedia,
}

/// Pairs the answer's entries with the media asked about, by name, then by scene id.
pub fn match_answer(asked: &[MediaRef], v: &Value) -> PollResult {
    let entries = entries(v);
    let media = asked
        .iter()
        .map(|m| {
            entries
                .iter()
                .find(|e| e.name == m.name)
                .or_else(|| {
                    let scene = m.scene_id.as_ref()?;
                    entries.iter().find(|e| e.scene_id.as_ref() == Some(scene))
                })
                .map(|e| PolledMedia {
                    name: m.name.clone(),
                    ..e.polled.clone()
                })
                .unwrap_or_else(|| PolledMedia {
                    name: m.name.clone(),
                    state: RemoteState::Unknown,
                    status: "MISSING".into(),
                    video_url: None,
                    operation_name: None,
                    failure: None,
                })
        })
        .collect();
    PollResult {
        media,
        remaining_credits: v.get("remainingCredits").and_then(Value::as_i64),
    }
}

fn str_at<'a>(v: &'a Value, pointers: &[&str]) -> Option<&'a str> {
    pointers
        .iter()
        .find_map(|p| v.pointer(p).and_then(Value::as_str))
        .filter(|s| !s.is_empty())
}

fn entries(v: &Value) -> Vec<Entry> {
    let mut out = Vec::new();
    for m in v
        .get("media")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(name) = str_at(m, &["/name"]) else {
            continue;
        };
        let status = str_at(
            m,
            &[
                "/mediaMetadata/mediaStatus/mediaGenerationStatus",
                "/mediaStatus/mediaGenerationStatus",
                "/status",
            ],
        )
        .unwrap_or("MEDIA_GENERATION_STATUS_UNSPECIFIED");
        let failure = failure_at(m, &["/mediaMetadata/mediaStatus", "/mediaStatus", ""]);
        out.push(Entry {
            name: name.to_string(),
            scene_id: None,
            polled: PolledMedia {
                name: name.to_string(),
                state: parse_status(status),
                status: status.to_string(),
                video_url: str_at(
                    m,
                    &[
                        "/video/fifeUrl",
                        "/video/generatedVideo/fifeUrl",
                        "/fifeUrl",
                    ],
                )
                .map(str::to_string),
                operation_name: str_at(m, &["/video/operation/name"]).map(str::to_string),
                failure,
            },
        });
    }
    for op in v
        .get("operations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(name) = str_at(op, &["/operation/name"]) else {
            continue;
        };
        let status = str_at(op, &["/status", "/operation/metadata/status"])
            .unwrap_or("MEDIA_GENERATION_STATUS_UNSPECIFIED");
        out.push(Entry {
            name: name.to_string(),
            scene_id: str_at(op, &["/sceneId"]).map(str::to_string),
            polled: PolledMedia {
                name: name.to_string(),
                state: parse_status(status),
                status: status.to_string(),
                video_url: str_at(op, &["/operation/metadata/video/fifeUrl", "/video/fifeUrl"])
                    .map(str::to_string),
                operation_name: Some(name.to_string()),
                failure: failure_at(op, &["/operation", ""]),
            },
        });
    }
    out
}

/// `error{code,message,details[].reason}` and `failureReasons[]` under any of `bases`.
fn failure_at(v: &Value, bases: &[&str]) -> Option<Failure> {
    for base in bases {
        let Some(node) = (if base.is_empty() {
            Some(v)
        } else {
            v.pointer(base)
        }) else {
            continue;
        };
        let error = node.get("error");
        let reasons: Vec<String> = node
            .get("failureReasons")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .chain(
                error
                    .and_then(|e| e.get("details"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|d| d.get("reason")),
            )
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        if error.is_some() || !reasons.is_empty() {
            return Some(Failure {
                code: error.and_then(|e| e.get("code")).and_then(Value::as_i64),
                message: error
                    .and_then(|e| e.get("message"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                reasons,
            });
        }
    }
    None
}
