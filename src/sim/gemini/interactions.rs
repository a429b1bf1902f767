//! Gemini Omni through the Interactions API: `POST /v1beta/interactions` (background), then
//! `GET /v1beta/interactions/{id}` from `queued` through `in_progress` to the end; the video a
//! Files API file (or inline base64, with `gemini_inline`). Safety refusals both ways: a 400
//! `SAFETY` at submit (the reject marker), or `completed` with only text (the fail marker).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{
    Made, account, invalid, make, marked, model_allowed, refuse_create, slow, status_caller,
};
use crate::model::RemoteState;
use crate::provider::inline::encode;
use crate::sim::reply;
use crate::sim::state::Sim;

/// What the body asks for, checked the way the API checks it.
struct Ask {
    model: String,
    prompt: String,
    aspect: String,
    inline: bool,
    previous: Option<String>,
    /// The task was `extend` (of `previous`).
    extends: bool,
    /// The image blocks' pictures (short digests), in order.
    images: Vec<String>,
}

/// The image blocks of a list `input`: each `{"type":"image","data":"<b64>","mime_type"}`
/// holding a real picture. `uri` blocks (Files API) are not what flowdeck sends.
fn images_of(input: &Value) -> Result<Vec<String>, Response> {
    use base64::Engine;
    use sha2::Digest;
    let Value::Array(blocks) = input else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for b in blocks {
        match b.get("type").and_then(Value::as_str) {
            Some("text") if b.get("text").is_some_and(Value::is_string) => {}
            Some("image") => {
                let mime = b
                    .get("mime_type")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let bytes = b
                    .get("data")
                    .and_then(Value::as_str)
                    .and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok());
                match bytes {
                    Some(bytes)
                        if mime.starts_with("image/") && crate::picture::sniff(&bytes).is_ok() =>
                    {
                        out.push(hex::encode(&sha2::Sha256::digest(&bytes)[..8]));
                    }
                    _ => return Err(invalid("Unable to process input image.")),
                }
            }
            _ => return Err(invalid("input contains an unsupported content block")),
        }
    }
    Ok(out)
}

fn text_of(input: &Value) -> Option<String> {
    match input {
        Value::String(s) => Some(s.clone()),
        Value::Array(parts) => {
            let texts: Vec<&str> = parts
                .iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect();
            (!texts.is_empty()).then(|| texts.join(" "))
        }
        _ => None,
    }
}

fn check(v: &Value) -> Result<Ask, Response> {
    let model = v
        .get("model")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("model is required"))?;
    let prompt = v
        .get("input")
        .and_then(text_of)
        .filter(|p| !p.trim().is_empty())
        .ok_or_else(|| invalid("input is required"))?;
    let f = v
        .get("response_format")
        .ok_or_else(|| invalid("response_format is required for video output"))?;
    if f.get("type").and_then(Value::as_str) != Some("video") {
        return Err(invalid(
            "response_format.type must be \"video\" for this model",
        ));
    }
    let aspect = f
        .get("aspect_ratio")
        .and_then(Value::as_str)
        .unwrap_or("16:9");
    if !["16:9", "9:16"].contains(&aspect) {
        return Err(invalid(&format!(
            "aspect_ratio \"{aspect}\" is not supported"
        )));
    }
    let resolution = f
        .get("resolution")
        .and_then(Value::as_str)
        .unwrap_or("720p");
    if !["360p", "720p", "1080p", "4k"].contains(&resolution) {
        return Err(invalid(&format!(
            "resolution \"{resolution}\" is not supported"
        )));
    }
    let longest = if model.starts_with("gemini-omni-1.2") {
        15
    } else {
        10
    };
    match f.get("duration") {
        None => {}
        Some(Value::String(d)) => {
            let secs: u64 = d
                .strip_suffix('s')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| invalid("duration must look like \"8s\""))?;
            if !(3..=longest).contains(&secs) {
                return Err(invalid(&format!(
                    "duration must be between 3s and {longest}s"
                )));
            }
        }
        Some(_) => return Err(invalid("duration must be a string such as \"8s\"")),
    }
    let delivery = f
        .get("delivery")
        .and_then(Value::as_str)
        .unwrap_or("inline");
    if !["uri", "inline"].contains(&delivery) {
        return Err(invalid(&format!(
            "delivery \"{delivery}\" is not supported"
        )));
    }
    let images = images_of(v.get("input").unwrap_or(&Value::Null))?;
    let task = v
        .pointer("/generation_config/video_config/task")
        .and_then(Value::as_str);
    let fits = match (task, images.len()) {
        (Some("image_to_video"), 1 | 2) => true,
        (Some("image_to_video"), _) => false,
        (Some("reference_to_video"), n) => (1..=10).contains(&n),
        (Some("text_to_video" | "edit" | "extend"), n) => n == 0,
        _ => true,
    };
    if !fits {
        return Err(invalid("the input images do not fit the task"));
    }
    if let Some(task) = v.pointer("/generation_config/video_config/task")
        && !task.as_str().is_some_and(|t| {
            [
                "text_to_video",
                "image_to_video",
                "reference_to_video",
                "edit",
                "extend",
            ]
            .contains(&t)
        })
    {
        return Err(invalid(
            "generation_config.video_config.task is not a known task",
        ));
    }
    let previous = v
        .get("previous_interaction_id")
        .and_then(Value::as_str)
        .map(str::to_string);
    // Editing or extending a generated video names it (an uploaded one would come as a video
    // block, which flowdeck does not send).
    if matches!(task, Some("edit" | "extend")) && previous.is_none() {
        return Err(invalid(
            "edit and extend need previous_interaction_id or a video input",
        ));
    }
    Ok(Ask {
        model: model.to_string(),
        prompt,
        aspect: aspect.to_string(),
        inline: delivery == "inline",
        extends: task == Some("extend"),
        previous,
        images,
    })
}

fn unknown_interaction(id: &str) -> Response {
    let body = json!({"error": {"code": "invalid_request", "message": format!("Invalid interaction name: {id}")}});
    (StatusCode::BAD_REQUEST, axum::Json(body)).into_response()
}

/// `POST /v1beta/interactions`.
pub async fn create(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    slow(&sim).await;
    let account = match account(&sim, &headers, &q) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return invalid("Invalid JSON payload received.");
    };
    let ask = match check(&v) {
        Ok(a) => a,
        Err(r) => return r,
    };
    if let Err(r) = model_allowed(&sim, &ask.model) {
        return r;
    }
    if let Some(prev) = &ask.previous {
        let mut w = sim.world();
        if sim
            .owned_media(&mut w, account, prev, "interactions-previous")
            .is_none()
        {
            return unknown_interaction(prev);
        }
    }
    if marked(&ask.prompt, &sim.config.reject_marker) {
        return reply::rpc_error(
            400,
            "SAFETY",
            "The prompt was blocked by a safety filter.",
            None,
        );
    }
    if let Some(r) = refuse_create(&sim, account) {
        return r;
    }
    let made = Made {
        prompt: ask.prompt,
        model: &ask.model,
        aspect: ask.aspect,
        previous: ask.previous,
        extends: ask.extends,
        inline: ask.inline || sim.config.gemini_inline,
        images: ask.images,
    };
    let interaction = |sim: &Sim| format!("v1_{:016x}", sim.random_u64());
    let id = match make(&sim, account, interaction, made) {
        Ok(key) => key,
        Err(r) => return r,
    };
    reply::ok(
        json!({"id": id, "status": "in_progress", "object": "interaction", "model": ask.model}),
    )
}

/// `GET /v1beta/interactions/{id}`: another key's interaction is unknown (and recorded).
pub async fn get(
    State(sim): State<Arc<Sim>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let account = match status_caller(&sim, &headers, &q).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let generation_time = sim.config.generation_time;
    let mut w = sim.world();
    w.accounts[account].report.polls += 1;
    w.accounts[account].report.polled_media += 1;
    let Some(m) = sim.owned_media(&mut w, account, &id, "interactions-get") else {
        return unknown_interaction(&id);
    };
    let base = json!({"id": id, "object": "interaction", "model": m.model});
    let with = |status: &str, extra: Value| {
        let mut v = base.clone();
        v["status"] = json!(status);
        if let (Some(v), Some(extra)) = (v.as_object_mut(), extra.as_object()) {
            v.extend(extra.clone());
        }
        reply::ok(v)
    };
    let state = m.state(generation_time);
    match state {
        RemoteState::Pending => return with("queued", json!({})),
        RemoteState::Running | RemoteState::Unknown => return with("in_progress", json!({})),
        _ => {}
    }
    if m.errors {
        return with(
            "failed",
            json!({"error": {"code": "internal", "message": "The video could not be generated."}}),
        );
    }
    if state == RemoteState::Failed {
        return with(
            "completed",
            json!({
            "steps": [{"type": "model_output", "content": [{"type": "text",
                "text": "I can't create that video because it may violate the usage policy."}]}],
            "usage": {"output_tokens_by_modality": [{"modality": "text", "tokens": 17}]}}),
        );
    }
    let content = if m.workflow == "inline" {
        json!({"type": "video", "mime_type": "video/mp4", "data": encode(&m.video.to_vec())})
    } else {
        json!({"type": "video", "mime_type": "video/mp4",
            "uri": format!("{}/v1beta/files/{}:download?alt=media", sim.api_base(), m.name)})
    };
    with(
        "completed",
        json!({
        "steps": [{"type": "model_output", "content": [content]}],
        "usage": {"output_tokens_by_modality": [{"modality": "video", "tokens": 46336}]}}),
    )
}
