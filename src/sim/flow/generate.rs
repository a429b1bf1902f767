//! `POST /v1/video:batchAsyncGenerateVideoText`, strict where Flow is strict.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::{bearer, slow};
use crate::provider::flow::WireGeneration;
use crate::provider::flow::models::{credit_cost, key_is_portrait};
use crate::sim::reply;
use crate::sim::state::{Media, Sim};
use crate::sim::video::Video;

/// The text-to-video keys the simulator knows (reference section 5).
const KEYS: &[&str] = &[
    "veo_3_0_t2v_fast",
    "veo_3_0_t2v_fast_portrait",
    "veo_3_1_t2v_fast",
    "veo_3_1_t2v_fast_portrait",
    "veo_3_1_t2v_fast_ultra",
    "veo_3_1_t2v_fast_portrait_ultra",
    "veo_3_1_t2v_fast_ultra_relaxed",
    "veo_3_1_t2v_fast_portrait_ultra_relaxed",
    "veo_3_1_t2v",
    "veo_3_1_t2v_portrait",
    "veo_3_1_t2v_lite",
    "veo_3_1_t2v_lite_portrait",
    "veo_3_1_t2v_fast_4s",
    "veo_3_1_t2v_fast_6s",
    "veo_3_1_t2v_quality_4s",
    "veo_3_1_t2v_quality_6s",
    "veo_3_1_t2v_lite_4s",
    "veo_3_1_t2v_lite_6s",
];

struct Wanted {
    prompt: String,
    seed: u64,
    key: String,
    aspect: String,
    scene_id: String,
}

fn unknown_name(field: &str) -> Response {
    reply::invalid(&format!(
        "Invalid JSON payload received. Unknown name \"{field}\": Cannot find field."
    ))
}

fn check_fields(v: &Value, allowed: &[&str]) -> Result<(), Response> {
    if let Some(obj) = v.as_object() {
        for k in obj.keys() {
            if !allowed.contains(&k.as_str()) {
                return Err(unknown_name(k));
            }
        }
    }
    Ok(())
}

/// Reads and checks the body against the wire generation the server speaks.
fn parse(
    generation: WireGeneration,
    v: &Value,
) -> Result<(String, Option<String>, Vec<Wanted>), Response> {
    let legacy = generation == WireGeneration::Legacy;
    if legacy {
        check_fields(v, &["clientContext", "requests"])?;
    } else {
        check_fields(
            v,
            &[
                "mediaGenerationContext",
                "clientContext",
                "requests",
                "useV2ModelConfig",
            ],
        )?;
        if v.pointer("/mediaGenerationContext/batchId")
            .and_then(Value::as_str)
            .is_none()
        {
            return Err(reply::invalid("mediaGenerationContext.batchId is required"));
        }
        if v.get("useV2ModelConfig") != Some(&json!(true)) {
            return Err(reply::invalid("useV2ModelConfig must be true"));
        }
    }
    let ctx = v
        .get("clientContext")
        .ok_or_else(|| reply::invalid("clientContext is required"))?;
    let project = ctx
        .get("projectId")
        .and_then(Value::as_str)
        .ok_or_else(|| reply::invalid("clientContext.projectId is required"))?
        .to_string();
    if ctx.get("tool").and_then(Value::as_str) != Some("PINHOLE") {
        return Err(reply::invalid("clientContext.tool must be PINHOLE"));
    }
    let captcha = ctx
        .pointer("/recaptchaContext/token")
        .and_then(Value::as_str)
        .map(str::to_string);
    let requests = v
        .get("requests")
        .and_then(Value::as_array)
        .filter(|r| (1..=4).contains(&r.len()))
        .ok_or_else(|| reply::invalid("requests must hold 1 to 4 items"))?;
    let mut wanted = Vec::new();
    for r in requests {
        check_fields(
            r,
            &[
                "aspectRatio",
                "seed",
                "textInput",
                "videoModelKey",
                "metadata",
            ],
        )?;
        let prompt = if legacy {
            r.pointer("/textInput/prompt")
        } else {
            if r.pointer("/textInput/prompt").is_some() {
                return Err(unknown_name("prompt"));
            }
            r.pointer("/textInput/structuredPrompt/parts/0/text")
        }
        .and_then(Value::as_str)
        .filter(|p| !p.trim().is_empty())
        .ok_or_else(|| reply::invalid("the prompt is empty or in the wrong place"))?;
        if !legacy
            && r.pointer("/textInput/structuredPrompt/parts")
                .and_then(Value::as_array)
                .map(Vec::len)
                != Some(1)
        {
            return Err(reply::invalid(
                "structuredPrompt.parts must hold one text part",
            ));
        }
        if legacy && r.pointer("/textInput/structuredPrompt").is_some() {
            return Err(unknown_name("structuredPrompt"));
        }
        let seed = r
            .get("seed")
            .and_then(Value::as_u64)
            .filter(|s| *s <= 2_147_483_647)
            .ok_or_else(|| reply::invalid("seed must be a number up to 2147483647"))?;
        let key = r
            .get("videoModelKey")
            .and_then(Value::as_str)
            .ok_or_else(|| reply::invalid("videoModelKey is required"))?;
        let aspect = r
            .get("aspectRatio")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let portrait = match aspect {
            "VIDEO_ASPECT_RATIO_LANDSCAPE" => false,
            "VIDEO_ASPECT_RATIO_PORTRAIT" => true,
            _ => return Err(reply::invalid("aspectRatio must be LANDSCAPE or PORTRAIT")),
        };
        if !KEYS.contains(&key) {
            return Err(reply::not_found());
        }
        if key_is_portrait(key) != portrait {
            return Err(reply::invalid(&format!(
                "Model {key} does not support aspect ratio {aspect}."
            )));
        }
        let scene_id = r
            .pointer("/metadata/sceneId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        wanted.push(Wanted {
            prompt: prompt.to_string(),
            seed,
            key: key.to_string(),
            aspect: aspect.to_string(),
            scene_id,
        });
    }
    Ok((project, captcha, wanted))
}

pub async fn create(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    slow(&sim).await;
    let account = match bearer(&sim, &headers) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return reply::invalid("Invalid JSON payload received.");
    };
    let (project, captcha, wanted) = match parse(sim.config.generation, &v) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let faults = sim.faults();
    if sim.roll(|f| f.create_429) {
        sim.world().faults_seen.create_429 += 1;
        return reply::throttled(faults.retry_after_secs);
    }
    let mut w = sim.world();
    match w.projects.get(&project).copied() {
        None => return reply::not_found(),
        Some(owner) if owner != account => {
            let v = crate::sim::report::Violation {
                route: "create".into(),
                requester: w.accounts[account].report.name.clone(),
                owner: w.accounts[owner].report.name.clone(),
                media: format!("project {project}"),
            };
            w.violations.push(v);
            return reply::not_found();
        }
        Some(_) => {}
    }
    if sim.config.require_captcha {
        let fresh = captcha
            .as_ref()
            .is_some_and(|t| t.len() >= 8 && !w.used_captchas.contains(t));
        if !fresh {
            return reply::rpc_error(
                403,
                "PERMISSION_DENIED",
                "reCAPTCHA evaluation failed",
                Some("PUBLIC_ERROR_UNUSUAL_ACTIVITY"),
            );
        }
    }
    if let Some(t) = captcha {
        w.used_captchas.insert(t);
    }
    let reject = sim.config.reject_marker.to_lowercase();
    if !reject.is_empty()
        && wanted
            .iter()
            .any(|x| x.prompt.to_lowercase().contains(&reject))
    {
        return reply::rpc_error(
            400,
            "INVALID_ARGUMENT",
            "The prompt was rejected by the safety filter.",
            Some("PUBLIC_ERROR_UNSAFE_GENERATION"),
        );
    }
    let cost: i64 = wanted.iter().map(|x| credit_cost(&x.key)).sum();
    if w.accounts[account].report.credits < cost {
        return reply::rpc_error(
            429,
            "RESOURCE_EXHAUSTED",
            "You have run out of credits.",
            Some("PUBLIC_ERROR_USER_QUOTA_REACHED"),
        );
    }
    drop(w);
    let fail = sim.config.fail_marker.to_lowercase();
    let made: Vec<Media> = wanted
        .into_iter()
        .map(|x| {
            let name = sim.new_id();
            Media {
                operation: sim.new_id(),
                video: Video::new(&name, sim.config.video_bytes),
                fails: !fail.is_empty() && x.prompt.to_lowercase().contains(&fail),
                cost: credit_cost(&x.key),
                name,
                owner: account,
                project: project.clone(),
                scene_id: x.scene_id,
                prompt: x.prompt,
                seed: x.seed,
                model: x.key,
                aspect: x.aspect,
                created: Instant::now(),
                refunded: false,
                full_downloads: 0,
                errors: false,
                expired: false,
            }
        })
        .collect();
    let mut w = sim.world();
    let a = &mut w.accounts[account].report;
    a.credits -= cost;
    a.create_calls += 1;
    a.videos_created += made.len() as u64;
    let remaining = a.credits;
    let operations: Vec<Value> = made
        .iter()
        .map(|m| {
            json!({"operation": {"name": m.operation}, "sceneId": m.scene_id,
                        "status": "MEDIA_GENERATION_STATUS_PENDING"})
        })
        .collect();
    let media: Vec<Value> = made
        .iter()
        .map(|m| media_json(m, "MEDIA_GENERATION_STATUS_PENDING"))
        .collect();
    for m in made {
        w.operations.insert(m.operation.clone(), m.name.clone());
        w.media.insert(m.name.clone(), m);
    }
    drop(w);
    if sim.config.generation == WireGeneration::Legacy {
        reply::ok(json!({"operations": operations, "remainingCredits": remaining}))
    } else {
        reply::ok(json!({"operations": operations, "remainingCredits": remaining, "media": media}))
    }
}

/// A `media[]` element of the current shape.
pub fn media_json(m: &Media, status: &str) -> Value {
    json!({
        "name": m.name,
        "projectId": m.project,
        "workflowId": m.operation,
        "workflowStepId": "CAE",
        "mediaMetadata": {
            "mediaStatus": {"mediaGenerationStatus": status},
            "mediaTitle": m.prompt,
            "visibility": "PRIVATE",
            "requestData": {"videoGenerationRequestData": {"videoModelControlInput": {
                "videoModelName": m.model,
                "videoGenerationMode": "VIDEO_GENERATION_MODE_TEXT_TO_VIDEO",
                "videoAspectRatio": m.aspect,
            }}},
        },
        "video": {"generatedVideo": {"seed": m.seed, "model": m.model, "aspectRatio": m.aspect,
                                      "isLooped": false}},
    })
}
