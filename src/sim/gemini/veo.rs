//! Veo's `predictLongRunning` on the Gemini API, for keys configured to still list a Veo id.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::{account, invalid, marked, model_allowed, quota, slow};
use crate::model::RemoteState;
use crate::sim::reply;
use crate::sim::state::{Media, Sim};
use crate::sim::video::Video;

/// Checks a create body; returns (prompt, aspect).
fn check_body(model: &str, v: &Value) -> Result<(String, String), Response> {
    for k in v
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        if !["instances", "parameters", "webhookConfig"].contains(&k.as_str()) {
            return Err(invalid(&format!(
                "Invalid JSON payload received. Unknown name \"{k}\": Cannot find field."
            )));
        }
    }
    let prompt = v
        .pointer("/instances/0/prompt")
        .and_then(Value::as_str)
        .filter(|p| !p.trim().is_empty())
        .ok_or_else(|| invalid("instances[0].prompt is required"))?;
    let empty = json!({});
    let p = v.get("parameters").unwrap_or(&empty);
    for k in p
        .as_object()
        .map(|o| o.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        let allowed = [
            "sampleCount",
            "durationSeconds",
            "aspectRatio",
            "resolution",
            "personGeneration",
            "negativePrompt",
            "enhancePrompt",
        ];
        if !allowed.contains(&k.as_str()) {
            return Err(invalid(&format!(
                "`{k}` isn't supported by this model. Please remove it or refer to the Gemini API documentation for supported usage."
            )));
        }
    }
    let duration = match p.get("durationSeconds") {
        None => 8,
        Some(Value::Number(n)) => n.as_u64().unwrap_or(0),
        Some(_) => return Err(invalid("`durationSeconds` needs to be a number.")),
    };
    if ![4, 6, 8].contains(&duration) {
        return Err(invalid(
            "The number value for `durationSeconds` is out of bound. Please provide a value between 4 and 8, inclusive.",
        ));
    }
    let resolution = p
        .get("resolution")
        .and_then(Value::as_str)
        .unwrap_or("720p");
    if !["720p", "1080p", "4k"].contains(&resolution) {
        return Err(invalid(&format!(
            "resolution \"{resolution}\" is not supported"
        )));
    }
    if resolution != "720p" && duration != 8 {
        return Err(invalid(&format!(
            "{resolution} is only supported with an 8 second duration."
        )));
    }
    if resolution == "4k" && model.contains("lite") {
        return Err(invalid("4k is not supported by this model."));
    }
    let aspect = p
        .get("aspectRatio")
        .and_then(Value::as_str)
        .unwrap_or("16:9");
    if !["16:9", "9:16"].contains(&aspect) {
        return Err(invalid(&format!(
            "aspectRatio \"{aspect}\" is not supported"
        )));
    }
    if p.get("sampleCount").is_some_and(|c| c.as_u64() != Some(1)) {
        return Err(invalid("sampleCount must be 1 for this model."));
    }
    if let Some(pg) = p.get("personGeneration").and_then(Value::as_str)
        && !["allow_all", "allow_adult"].contains(&pg)
    {
        return Err(invalid(&format!(
            "personGeneration \"{pg}\" is not supported for text-to-video."
        )));
    }
    Ok((prompt.to_string(), aspect.to_string()))
}

/// `POST /v1beta/models/{model}:predictLongRunning`.
pub async fn create(
    State(sim): State<Arc<Sim>>,
    Path(action): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    slow(&sim).await;
    let account = match account(&sim, &headers, &q) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let Some(model) = action.strip_suffix(":predictLongRunning") else {
        return reply::not_found();
    };
    if let Err(r) = model_allowed(&sim, model) {
        return r;
    }
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return invalid("Invalid JSON payload received.");
    };
    let (prompt, aspect) = match check_body(model, &v) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if sim.roll(|f| f.create_429) {
        sim.world().faults_seen.create_429 += 1;
        return quota(false, sim.faults().retry_after_secs);
    }
    // Gemini accounts count requests left today in `credits`.
    if sim.world().accounts[account].report.credits <= 0 {
        return quota(true, 0);
    }
    let name = format!("{:012x}", sim.random_u64() & 0xffff_ffff_ffff);
    let operation = format!(
        "models/{model}/operations/{:012x}",
        sim.random_u64() & 0xffff_ffff_ffff
    );
    let media = Media {
        video: Video::new(&name, sim.config.video_bytes),
        fails: marked(&prompt, &sim.config.fail_marker),
        errors: marked(&prompt, &sim.config.error_marker),
        expired: false,
        name: name.clone(),
        owner: account,
        project: String::new(),
        workflow: String::new(),
        client_uuid: String::new(),
        previous: None,
        prompt,
        seed: 0,
        model: model.to_string(),
        aspect,
        created: Instant::now(),
        full_downloads: 0,
    };
    let mut w = sim.world();
    let a = &mut w.accounts[account].report;
    a.credits -= 1;
    a.create_calls += 1;
    a.videos_created += 1;
    w.operations.insert(operation.clone(), name.clone());
    w.media.insert(name, media);
    drop(w);
    if let Some(r) = super::failed_after_making(&sim) {
        return r;
    }
    reply::ok(json!({"name": operation}))
}

/// `GET /v1beta/models/{model}/operations/{id}`.
pub async fn operation(
    State(sim): State<Arc<Sim>>,
    Path((model, id)): Path<(String, String)>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    slow(&sim).await;
    let account = match account(&sim, &headers, &q) {
        Ok(a) => a,
        Err(r) => return r,
    };
    if let Some(r) = super::overloaded(&sim) {
        return r;
    }
    let name = format!("models/{model}/operations/{id}");
    let generation_time = sim.config.generation_time;
    let mut w = sim.world();
    w.accounts[account].report.polls += 1;
    w.accounts[account].report.polled_media += 1;
    let Some(m) = sim.owned_media(&mut w, account, &name, "gemini-poll") else {
        return reply::rpc_error(404, "NOT_FOUND", "Operation not found.", None);
    };
    let state = m.state(generation_time);
    if !state.is_final() {
        return reply::ok(json!({"name": name}));
    }
    if m.errors {
        return reply::ok(
            json!({"name": name, "done": true, "error": {"code": 3, "message": "The video could not be generated from this prompt."}}),
        );
    }
    if state == RemoteState::Failed {
        return reply::ok(json!({"name": name, "done": true, "response": {
            "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
            "generateVideoResponse": {"raiMediaFilteredCount": 1, "raiMediaFilteredReasons": [
                "Sorry, we can't create videos with real people's names or likenesses. Please remove the celebrity reference and try again."]}}}));
    }
    let uri = format!(
        "{}/v1beta/files/{}:download?alt=media",
        sim.api_base(),
        m.name
    );
    reply::ok(json!({"name": name, "done": true, "response": {
        "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
        "generateVideoResponse": {"generatedSamples": [{"video": {"uri": uri}}]}}}))
}
