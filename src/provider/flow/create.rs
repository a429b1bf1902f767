//! `video:batchAsyncGenerateVideoText` in both wire generations (reference section 2).

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use super::config::WireGeneration;
use super::models::{self, PaygateTier};
use super::{FlowClient, captcha, json};
use crate::model::{Aspect, Shot};
use crate::provider::error::ProviderError;
use crate::secret::Secret;

/// One prompt, asked for `seeds.len()` times (one video per seed).
#[derive(Debug, Clone)]
pub struct CreateRequest<'a> {
    pub prompt: &'a str,
    pub shot: &'a Shot,
    pub seeds: &'a [u32],
}

/// The handle of one remote video: what polling and downloading need, and what the ledger
/// keeps. It holds no credential; the client that made it is the only one that can use it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MediaRef {
    /// `media[].name` (current) or `operations[].operation.name` (legacy).
    pub name: String,
    pub project_id: String,
    /// The client-made scene id of the legacy shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scene_id: Option<String>,
}

/// What a create call made.
#[derive(Debug, Clone)]
pub struct Created {
    /// One per seed, in the order asked. May be shorter if the service made fewer.
    pub media: Vec<MediaRef>,
    pub remaining_credits: Option<i64>,
    pub model_key: String,
}

impl FlowClient {
    /// Submits one prompt. Every video made here costs credits: the engine never calls this
    /// twice for the same take.
    pub async fn create(&self, req: &CreateRequest<'_>) -> Result<Created, ProviderError> {
        let prompt = req.prompt.trim();
        if prompt.is_empty() {
            return Err(ProviderError::InvalidRequest("the prompt is empty".into()));
        }
        if req.seeds.is_empty() || req.seeds.len() > 4 {
            return Err(ProviderError::InvalidRequest(format!(
                "Flow makes 1 to 4 videos per prompt, not {}",
                req.seeds.len()
            )));
        }
        let tier = self.tier().await?;
        let key = models::model_key(req.shot, &tier).map_err(ProviderError::InvalidRequest)?;
        if !models::tier_allows(&key, &tier) {
            return Err(ProviderError::AccountDenied(format!(
                "{key} needs an Ultra plan; this account is {}",
                tier.label()
            )));
        }
        let project = self.project_id().await?;
        let captcha = match &self.config.captcha_command {
            Some(cmd) => Some(captcha::fetch_token(cmd, self.config.captcha_timeout).await?),
            None => None,
        };
        let scene_ids: Vec<String> = req
            .seeds
            .iter()
            .map(|_| Uuid::new_v4().to_string())
            .collect();
        let body = build_body(&Body {
            generation: self.config.generation,
            prompt,
            key: &key,
            aspect: req.shot.aspect,
            seeds: req.seeds,
            scene_ids: &scene_ids,
            project: &project,
            tier: &tier,
            captcha: captcha.as_ref(),
        });
        let answer = self
            .api(
                Method::POST,
                "v1/video:batchAsyncGenerateVideoText",
                Some(&body),
            )
            .await?;
        let mut created = parse_created(&json(&answer)?, &project);
        created.model_key = key;
        Ok(created)
    }
}

pub struct Body<'a> {
    pub generation: WireGeneration,
    pub prompt: &'a str,
    pub key: &'a str,
    pub aspect: Aspect,
    pub seeds: &'a [u32],
    pub scene_ids: &'a [String],
    pub project: &'a str,
    pub tier: &'a PaygateTier,
    pub captcha: Option<&'a Secret>,
}

pub fn aspect_wire(aspect: Aspect) -> &'static str {
    match aspect {
        Aspect::Landscape => "VIDEO_ASPECT_RATIO_LANDSCAPE",
        Aspect::Portrait => "VIDEO_ASPECT_RATIO_PORTRAIT",
    }
}

/// The request body. Never carries `videoLengthSeconds`: Flow rejects every job that does.
pub fn build_body(b: &Body<'_>) -> Value {
    let mut client_context = json!({
        "projectId": b.project,
        "tool": "PINHOLE",
        "userPaygateTier": b.tier.wire(),
    });
    if let Some(token) = b.captcha {
        client_context["recaptchaContext"] = json!({
            "token": token.expose(),
            "applicationType": "RECAPTCHA_APPLICATION_TYPE_WEB",
        });
    }
    let requests: Vec<Value> = b
        .seeds
        .iter()
        .zip(b.scene_ids)
        .map(|(seed, scene)| match b.generation {
            WireGeneration::Legacy => json!({
                "aspectRatio": aspect_wire(b.aspect),
                "seed": seed,
                "textInput": {"prompt": b.prompt},
                "videoModelKey": b.key,
                "metadata": {"sceneId": scene},
            }),
            WireGeneration::Current => json!({
                "aspectRatio": aspect_wire(b.aspect),
                "seed": seed,
                "textInput": {"structuredPrompt": {"parts": [{"text": b.prompt}]}},
                "videoModelKey": b.key,
                "metadata": {},
            }),
        })
        .collect();
    match b.generation {
        WireGeneration::Legacy => json!({
            "clientContext": client_context,
            "requests": requests,
        }),
        WireGeneration::Current => {
            client_context["sessionId"] = json!(format!(
                ";{}",
                time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000
            ));
            json!({
                "mediaGenerationContext": {
                    "batchId": Uuid::new_v4().to_string(),
                    "audioFailurePreference": "BLOCK_SILENCED_VIDEOS",
                },
                "clientContext": client_context,
                "requests": requests,
                "useV2ModelConfig": true,
            })
        }
    }
}

/// Reads what a create made: `media[]` when present (current), else `operations[]` (legacy).
pub fn parse_created(v: &Value, project: &str) -> Created {
    let from_media: Vec<MediaRef> = v
        .get("media")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| {
            Some(MediaRef {
                name: m.get("name")?.as_str()?.to_string(),
                project_id: m
                    .get("projectId")
                    .and_then(Value::as_str)
                    .unwrap_or(project)
                    .to_string(),
                scene_id: None,
            })
        })
        .collect();
    let media = if from_media.is_empty() {
        v.get("operations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|op| {
                Some(MediaRef {
                    name: op.pointer("/operation/name")?.as_str()?.to_string(),
                    project_id: project.to_string(),
                    scene_id: op
                        .get("sceneId")
                        .and_then(Value::as_str)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                })
            })
            .collect()
    } else {
        from_media
    };
    Created {
        media,
        remaining_credits: v.get("remainingCredits").and_then(Value::as_i64),
        model_key: String::new(),
    }
}
