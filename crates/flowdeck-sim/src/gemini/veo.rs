//! Veo's `predictLongRunning` on the Gemini API, for keys configured to still list a Veo id.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::{Made, account, invalid, make, model_allowed, refuse_create, slow, status_caller};
use crate::reply;
use crate::state::Sim;
use flowdeck_core::model::RemoteState;

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
    if let Some(r) = refuse_create(&sim, account) {
        return r;
    }
    let operation = |sim: &Sim| {
        format!(
            "models/{model}/operations/{:012x}",
            sim.random_u64() & 0xffff_ffff_ffff
        )
    };
    let made = Made {
        prompt,
        model,
        aspect,
        previous: None,
        extends: false,
        inline: false,
        images: Vec::new(),
        store: false,
        extended_bytes: None,
    };
    let operation = match make(&sim, account, operation, made) {
        Ok(key) => key,
        Err(r) => return r,
    };
    reply::ok(json!({"name": operation}))
}

/// `GET /v1beta/models/{model}/operations/{id}`.
pub async fn operation(
    State(sim): State<Arc<Sim>>,
    Path((model, id)): Path<(String, String)>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let account = match status_caller(&sim, &headers, &q).await {
        Ok(a) => a,
        Err(r) => return r,
    };
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
