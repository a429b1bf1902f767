//! The Gemini API's routes (`/v1beta/…`), strict where the API is strict: the key in
//! `x-goog-api-key`, the models each key lists (the Veo previews retired), numbers that must be
//! numbers and strings that must be strings, files and interactions that belong to one project,
//! and downloads that redirect to another host. `interactions.rs` serves Gemini Omni,
//! `veo.rs` Veo's `predictLongRunning` for keys configured to still list it.

// Handlers return the error answer itself; boxing it buys nothing.
#![allow(clippy::result_large_err)]

mod interactions;
mod veo;

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::reply;
use super::state::{Provider, Sim};
use flowdeck_core::model::RemoteState;

/// Ids Google retired on the Gemini API: asked for, they answer 404 "no longer available".
const RETIRED: &[&str] = &[
    "veo-3.1-generate-preview",
    "veo-3.1-fast-generate-preview",
    "veo-3.1-lite-generate-preview",
    "veo-3.0-generate-001",
    "veo-3.0-fast-generate-001",
    "gemini-omni-flash-preview",
];

pub fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/v1beta/models", get(list))
        .route("/v1beta/models/{action}", post(veo::create))
        .route(
            "/v1beta/models/{model}/operations/{id}",
            get(veo::operation),
        )
        .route("/v1beta/interactions", post(interactions::create))
        .route("/v1beta/interactions/{id}", get(interactions::get))
        .route("/v1beta/files/{action}", get(file))
        .with_state(sim)
}

/// Whether the key's project may use `model`; the answer for one it may not.
fn model_allowed(sim: &Sim, model: &str) -> Result<(), Response> {
    if sim.config.gemini_models.iter().any(|m| m == model) {
        return Ok(());
    }
    let message = if RETIRED.contains(&model) {
        format!("models/{model} is no longer available to new users. Please use a newer model.")
    } else {
        format!("models/{model} is not found for API version v1beta, or is not supported.")
    };
    Err(reply::rpc_error(404, "NOT_FOUND", &message, None))
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

pub(super) async fn slow(sim: &Sim) {
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
    if sim.config.gemini_list_drift {
        let items: Vec<Value> = sim
            .config
            .gemini_models
            .iter()
            .map(|m| json!({"id": m, "title": m}))
            .collect();
        return reply::ok(json!({ "items": items }));
    }
    // Two to a page, so clients must follow nextPageToken.
    let start: usize = q.get("pageToken").and_then(|t| t.parse().ok()).unwrap_or(0);
    let all = &sim.config.gemini_models;
    let models: Vec<Value> = all
        .iter()
        .skip(start)
        .take(2)
        .map(|m| {
            let mut entry = json!({"name": format!("models/{m}"), "displayName": m});
            if m.starts_with("gemini-omni-1.2") {
                entry["maxDurationSeconds"] = json!(15);
            }
            entry
        })
        .collect();
    let mut answer = json!({"models": models});
    if start + 2 < all.len() {
        answer["nextPageToken"] = json!((start + 2).to_string());
    }
    reply::ok(answer)
}

fn invalid(message: &str) -> Response {
    reply::invalid(message)
}

/// Whether a prompt carries one of the simulator's markers.
pub(super) fn marked(prompt: &str, marker: &str) -> bool {
    !marker.is_empty() && prompt.to_lowercase().contains(&marker.to_lowercase())
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

/// A create's injected 503 after its video was made, when the faults say so (counted).
/// A create's throttling and daily quota, refused as the Gemini API refuses them (nothing made).
fn refuse_create(sim: &Sim, account: usize) -> Option<Response> {
    if sim.roll(|f| f.create_429) {
        sim.world().faults_seen.create_429 += 1;
        return Some(quota(false, sim.faults().retry_after_secs));
    }
    // Gemini accounts count requests left today in `credits`.
    (sim.world().accounts[account].report.credits <= 0).then(|| quota(true, 0))
}

/// One video a create asked for.
struct Made<'a> {
    prompt: String,
    model: &'a str,
    aspect: String,
    previous: Option<String>,
    extends: bool,
    /// Delivered inline (base64 in the status answer) rather than as a file.
    inline: bool,
    /// The pictures it was made from (short digests).
    images: Vec<String>,
    /// Made with `store: true`: it can be continued.
    store: bool,
    /// An extension answers with the whole longer video: the bytes of the video it extends
    /// come first, then its own.
    extended_bytes: Option<u64>,
}

/// Makes the video for `account` (a request of its quota) under a fresh media name, known to
/// status calls by the key `key_of` draws; gives that key, or the 503 the `create_5xx` fault
/// answers anyway.
fn make(
    sim: &Sim,
    account: usize,
    key_of: impl FnOnce(&Sim) -> String,
    made: Made<'_>,
) -> Result<String, Response> {
    let name = format!("{:012x}", sim.random_u64() & 0xffff_ffff_ffff);
    let key = key_of(sim);
    let own = super::video::Video::new(&name, sim.config.video_bytes);
    let video = match made.extended_bytes {
        Some(earlier) => super::video::Video::new(&name, Some(earlier + own.len())),
        None => own,
    };
    let media = super::state::Media {
        video,
        fails: marked(&made.prompt, &sim.config.fail_marker),
        errors: marked(&made.prompt, &sim.config.error_marker),
        expired: false,
        from_images: made.images.clone(),
        name: name.clone(),
        owner: account,
        project: String::new(),
        workflow: if made.inline {
            "inline".into()
        } else {
            String::new()
        },
        batch: String::new(),
        previous: made.previous,
        extends: made.extends,
        prompt: made.prompt,
        seed: 0,
        model: made.model.to_string(),
        aspect: made.aspect,
        created: std::time::Instant::now(),
        full_downloads: 0,
    };
    let mut w = sim.world();
    let a = &mut w.accounts[account].report;
    a.credits -= 1;
    a.create_calls += 1;
    a.videos_created += 1;
    w.operations.insert(key.clone(), name.clone());
    w.media.insert(name, media);
    if made.store {
        w.stored.insert(key.clone());
    }
    drop(w);
    match failed_after_making(sim) {
        Some(r) => Err(r),
        None => Ok(key),
    }
}

/// What every status route does first: the slow fault, the key's account, the 503 fault.
async fn status_caller(
    sim: &Sim,
    headers: &HeaderMap,
    q: &HashMap<String, String>,
) -> Result<usize, Response> {
    slow(sim).await;
    let account = account(sim, headers, q)?;
    match overloaded(sim) {
        Some(r) => Err(r),
        None => Ok(account),
    }
}

pub(crate) fn failed_after_making(sim: &Sim) -> Option<Response> {
    sim.roll(|f| f.create_5xx).then(|| {
        sim.world().faults_seen.create_5xx += 1;
        reply::rpc_error(
            503,
            "UNAVAILABLE",
            "The service is currently unavailable.",
            None,
        )
    })
}

/// A status call's injected 503, when the faults say so (counted).
fn overloaded(sim: &Sim) -> Option<Response> {
    sim.roll(|f| f.poll_5xx).then(|| {
        sim.world().faults_seen.poll_5xx += 1;
        reply::rpc_error(
            503,
            "UNAVAILABLE",
            "The model is overloaded. Please try again later.",
            None,
        )
    })
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
    // `files/{id}` is the file's metadata; `files/{id}:download?alt=media` its bytes.
    let (id, download) = match action.strip_suffix(":download") {
        Some(id) => (id, q.get("alt").map(String::as_str) == Some("media")),
        None => (action.as_str(), false),
    };
    let generation_time = sim.config.generation_time;
    let mut w = sim.world();
    let exists = w
        .media
        .get(id)
        .is_some_and(|m| w.accounts[m.owner].provider == Provider::Gemini);
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
    if !download {
        let size = m.video.len();
        let state = if m.created.elapsed() < generation_time + sim.config.file_processing {
            "PROCESSING"
        } else {
            "ACTIVE"
        };
        return reply::ok(
            json!({"name": format!("files/{id}"), "mimeType": "video/mp4", "sizeBytes": size.to_string(), "state": state}),
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
