//! The Gemini API's Veo routes (`/v1beta/…`), strict where the API is strict: the key in
//! `x-goog-api-key`, numbers that must be numbers, combinations the models refuse, files that
//! belong to one project, and downloads that redirect to another host.

// Handlers return the error answer itself; boxing it buys nothing.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::reply;
use super::state::{Media, Sim};
use super::video::Video;
use crate::model::RemoteState;

const MODELS: &[&str] = &[
    "veo-3.1-generate-preview",
    "veo-3.1-fast-generate-preview",
    "veo-3.1-lite-generate-preview",
    "veo-3.0-generate-001",
    "veo-3.0-fast-generate-001",
];

pub fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/v1beta/models", get(list))
        .route("/v1beta/models/{action}", post(create))
        .route("/v1beta/models/{model}/operations/{id}", get(operation))
        .route("/v1beta/files/{action}", get(file))
        .with_state(sim)
}

fn key_error(missing: bool) -> Response {
    if missing {
        reply::rpc_error(
            403,
            "PERMISSION_DENIED",
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
            None,
        )
    } else {
        reply::rpc_error(
            400,
            "INVALID_ARGUMENT",
            "API key not valid. Please pass a valid API key.",
            Some("API_KEY_INVALID"),
        )
    }
}

/// The account of the request's API key (header, or `?key=`).
fn account(
    sim: &Sim,
    headers: &HeaderMap,
    query: &HashMap<String, String>,
) -> Result<usize, Response> {
    let key = headers
        .get("x-goog-api-key")
        .and_then(|v| v.to_str().ok())
        .or(query.get("key").map(String::as_str));
    match key {
        None => Err(key_error(true)),
        Some(k) => sim.account_for_key(Some(k)).ok_or_else(|| key_error(false)),
    }
}

async fn slow(sim: &Sim) {
    if sim.roll(|f| f.slow) {
        sim.world().faults_seen.slow += 1;
        tokio::time::sleep(std::time::Duration::from_millis(sim.faults().slow_ms)).await;
    }
}

/// `GET /v1beta/models`: what `check` uses.
async fn list(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = account(&sim, &headers, &q) {
        return r;
    }
    let models: Vec<Value> = MODELS
        .iter()
        .map(|m| json!({"name": format!("models/{m}")}))
        .collect();
    reply::ok(json!({"models": models}))
}

fn invalid(message: &str) -> Response {
    reply::invalid(message)
}

/// A 429 as the Gemini API sends it: no Retry-After header, the wait in `RetryInfo`.
fn quota(per_day: bool, retry_secs: u64) -> Response {
    let quota_id = if per_day {
        "GenerateRequestsPerDayPerProjectPerModel"
    } else {
        "GenerateRequestsPerMinutePerProjectPerModel"
    };
    let mut details = vec![json!({
        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
        "violations": [{"quotaMetric": "generativelanguage.googleapis.com/predict_long_running_requests", "quotaId": quota_id}],
    })];
    if !per_day {
        details.push(json!({"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": format!("{retry_secs}.25s")}));
    }
    let body = json!({"error": {"code": 429, "status": "RESOURCE_EXHAUSTED",
        "message": "You exceeded your current quota, please check your plan and billing details.",
        "details": details}});
    (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response()
}

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
async fn create(
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
    if !MODELS.contains(&model) {
        return reply::rpc_error(
            404,
            "NOT_FOUND",
            &format!("models/{model} is not found for API version v1beta."),
            None,
        );
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
    let lower = prompt.to_lowercase();
    let marker = |m: &str| !m.is_empty() && lower.contains(&m.to_lowercase());
    let media = Media {
        video: Video::new(&name, sim.config.video_bytes),
        fails: marker(&sim.config.fail_marker),
        errors: marker(&sim.config.error_marker),
        expired: false,
        name: name.clone(),
        owner: account,
        project: String::new(),
        workflow: String::new(),
        client_uuid: String::new(),
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
    reply::ok(json!({"name": operation}))
}

/// `GET /v1beta/models/{model}/operations/{id}`.
async fn operation(
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
    if sim.roll(|f| f.poll_5xx) {
        sim.world().faults_seen.poll_5xx += 1;
        return reply::rpc_error(
            503,
            "UNAVAILABLE",
            "The model is overloaded. Please try again later.",
            None,
        );
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

/// `GET /v1beta/files/{id}:download?alt=media`: the key's own files only; a redirect to the
/// storage host (or, with `gemini_redirect` off, the bytes themselves).
async fn file(
    State(sim): State<Arc<Sim>>,
    Path(action): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    slow(&sim).await;
    let account = match account(&sim, &headers, &q) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let Some(id) = action.strip_suffix(":download") else {
        return reply::not_found();
    };
    let generation_time = sim.config.generation_time;
    let mut w = sim.world();
    let exists = w.media.get(id).is_some_and(|m| w.accounts[m.owner].gemini);
    if !exists {
        return reply::rpc_error(404, "NOT_FOUND", "File not found.", None);
    }
    let Some(m) = sim.owned_media(&mut w, account, id, "gemini-download") else {
        return reply::rpc_error(
            403,
            "PERMISSION_DENIED",
            "You do not have permission to access the File or it may not exist.",
            None,
        );
    };
    let ready = m.state(generation_time) == RemoteState::Succeeded && !m.errors;
    let gone = m.expired || m.created.elapsed() > generation_time + sim.config.file_ttl;
    if !ready || gone {
        return reply::rpc_error(404, "NOT_FOUND", "File not found or has expired.", None);
    }
    if q.get("alt").map(String::as_str) != Some("media") {
        let size = m.video.len();
        return reply::ok(
            json!({"name": format!("files/{id}"), "mimeType": "video/mp4", "sizeBytes": size.to_string(), "state": "ACTIVE"}),
        );
    }
    let video = m.video.clone();
    w.accounts[account].report.download_requests += 1;
    drop(w);
    if sim.config.gemini_redirect {
        let location = sim.gemini_link(id);
        return (StatusCode::FOUND, [(header::LOCATION, location)]).into_response();
    }
    let len = video.len();
    let cut = sim.roll(|f| f.cut_download);
    if cut {
        sim.world().faults_seen.cut_downloads += 1;
    }
    let media = id.to_string();
    let done = sim.clone();
    let body = Body::from_stream(video.stream(0..len, cut.then_some(len / 2), move || {
        if let Some(m) = done.world().media.get_mut(&media) {
            m.full_downloads += 1;
        }
    }));
    (
        [
            (header::CONTENT_TYPE, "video/mp4".to_string()),
            (header::CONTENT_LENGTH, len.to_string()),
        ],
        body,
    )
        .into_response()
}
