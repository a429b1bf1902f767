//! Gemini Omni through the Interactions API: `POST /v1beta/interactions` (background), then
//! `GET /v1beta/interactions/{id}` from `queued` through `in_progress` to the end; the video a
//! Files API file (or inline base64, with `gemini_inline`). Safety refusals both ways: a 400
//! `SAFETY` at submit (the reject marker), or `completed` with only text (the fail marker).
//!
//! Continuations (`previous_interaction_id`) as a public client saw them live (reference
//! update 2026-12-06): only of an interaction made with `store: true`; a `task` with them is
//! a 400 (unless `gemini_continuation_task`, where the task is required instead), and so is an
//! aspect ratio (the earlier video has one). Edit or extend is read from the instruction, and an
//! extension answers with the whole longer video, the earlier seconds included.

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
use crate::reply;
use crate::state::Sim;
use flowdeck_core::model::RemoteState;
use flowdeck_core::provider::inline::encode;

/// What the body asks for, checked the way the API checks it.
struct Ask {
    model: String,
    prompt: String,
    /// Asked for (a continuation keeps the earlier video's).
    aspect: Option<String>,
    inline: bool,
    previous: Option<String>,
    /// It extends `previous` (by its task, or by its words when it names none).
    extends: bool,
    /// The image blocks' pictures (short digests), in order.
    images: Vec<String>,
    /// `store: true`: it may be continued later.
    store: bool,
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
                        if mime.starts_with("image/")
                            && flowdeck_core::picture::sniff(&bytes).is_ok() =>
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

/// Whether an instruction without a task asks to extend the video rather than change it.
fn reads_as_extend(prompt: &str) -> bool {
    let p = prompt.trim_start().to_ascii_lowercase();
    p.starts_with("extend") || p.starts_with("continue")
}

/// `task_required`: the `gemini_continuation_task` knob.
fn check(v: &Value, task_required: bool) -> Result<Ask, Response> {
    let model = v
        .get("model")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("model is required"))?;
    let prompt = v
        .get("input")
        .and_then(text_of)
        .filter(|p| !p.trim().is_empty())
        .ok_or_else(|| invalid("input is required"))?;
    let previous = v
        .get("previous_interaction_id")
        .and_then(Value::as_str)
        .map(str::to_string);
    let unformatted = json!({"type": "video"});
    let f = match v.get("response_format") {
        Some(f) => f,
        // Google's sample continuation sends none: the earlier video's look carries over.
        None if previous.is_some() => &unformatted,
        None => return Err(invalid("response_format is required for video output")),
    };
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
    if previous.is_some() {
        match (task, task_required) {
            (Some(_), false) => {
                return Err(invalid(
                    "generation_config.video_config.task cannot be set together with previous_interaction_id.",
                ));
            }
            (None, true) => {
                return Err(invalid(
                    "generation_config.video_config.task is required when previous_interaction_id is set.",
                ));
            }
            _ => {}
        }
        if f.get("aspect_ratio").is_some() {
            return Err(invalid(
                "Aspect ratio cannot be set in response format for edit task",
            ));
        }
    }
    // Editing or extending a generated video names it (an uploaded one would come as a video
    // block, which flowdeck does not send).
    if matches!(task, Some("edit" | "extend")) && previous.is_none() {
        return Err(invalid(
            "edit and extend need previous_interaction_id or a video input",
        ));
    }
    let extends = match task {
        Some(t) => t == "extend",
        None => previous.is_some() && reads_as_extend(&prompt),
    };
    Ok(Ask {
        model: model.to_string(),
        prompt,
        aspect: previous.is_none().then(|| aspect.to_string()),
        inline: delivery == "inline",
        extends,
        previous,
        images,
        store: v.get("store").and_then(Value::as_bool) == Some(true),
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
    let ask = match check(&v, sim.config.gemini_continuation_task) {
        Ok(a) => a,
        Err(r) => return r,
    };
    if let Err(r) = model_allowed(&sim, &ask.model) {
        return r;
    }
    let mut extended_bytes = None;
    let mut aspect = ask.aspect.unwrap_or_else(|| "16:9".into());
    if let Some(prev) = &ask.previous {
        let mut w = sim.world();
        let Some(earlier) = sim.owned_media(&mut w, account, prev, "interactions-previous") else {
            return unknown_interaction(prev);
        };
        let len = earlier.video.len();
        aspect.clone_from(&earlier.aspect);
        if !w.stored.contains(prev) {
            return invalid(&format!(
                "previous_interaction_id {prev} was not stored: only an interaction created with store: true can be continued."
            ));
        }
        if ask.extends {
            extended_bytes = Some(len);
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
        aspect,
        previous: ask.previous,
        extends: ask.extends,
        inline: ask.inline || sim.config.gemini_inline,
        images: ask.images,
        store: ask.store,
        extended_bytes,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn status(v: Value, task_required: bool) -> Result<Ask, u16> {
        check(&v, task_required).map_err(|r| r.status().as_u16())
    }

    fn format() -> Value {
        json!({"type": "video", "resolution": "720p", "duration": "8s", "delivery": "uri"})
    }

    #[test]
    fn a_continuation_takes_neither_a_task_nor_an_aspect() {
        let with_task = json!({"model": "gemini-omni-1.2-flash", "input": "make it night",
            "previous_interaction_id": "v1_a", "response_format": format(),
            "generation_config": {"video_config": {"task": "edit"}}});
        assert_eq!(status(with_task.clone(), false).err(), Some(400));
        let mut aspect = format();
        aspect["aspect_ratio"] = json!("16:9");
        let with_aspect = json!({"model": "gemini-omni-1.2-flash", "input": "make it night",
            "previous_interaction_id": "v1_a", "response_format": aspect});
        assert_eq!(status(with_aspect, false).err(), Some(400));
        // Google's sample: model, previous_interaction_id and input only.
        let sample = json!({"model": "gemini-omni-1.2-flash", "input": "make it night",
            "previous_interaction_id": "v1_a"});
        let ask = status(sample.clone(), false).expect("accepted");
        assert!(!ask.extends && !ask.store && ask.aspect.is_none());
        // Where the service wants the task after all, it is the other way round.
        assert_eq!(status(sample, true).err(), Some(400));
        assert!(status(with_task, true).is_ok());
    }

    #[test]
    fn an_extension_is_read_from_its_words_and_store_from_the_body() {
        let ask = status(
            json!({"model": "gemini-omni-1.2-flash", "input": "Extend the video: she walks on",
                "previous_interaction_id": "v1_a", "store": true, "response_format": format()}),
            false,
        )
        .expect("accepted");
        assert!(ask.extends && ask.store);
        let fresh = status(
            json!({"model": "gemini-omni-1.2-flash", "input": "extend a hand",
                "response_format": format()}),
            false,
        )
        .expect("accepted");
        assert!(!fresh.extends, "only a continuation extends");
        assert_eq!(fresh.aspect.as_deref(), Some("16:9"));
    }
}
