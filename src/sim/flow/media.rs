//! Downloads through Flow's own hosts: the tRPC redirect (cookie) and the inline base64
//! route (bearer). Both exist only in the current wire generation.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::StreamExt;
use serde_json::json;

use super::{bearer, cookie, slow};
use crate::model::RemoteState;
use crate::provider::flow::WireGeneration;
use crate::provider::flow::inline::encode;
use crate::sim::reply;
use crate::sim::state::Sim;

/// `GET /fx/api/trpc/media.getMediaUrlRedirect?name=…&mediaUrlType=…` → 307 to the CDN.
pub async fn redirect(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    slow(&sim).await;
    if sim.config.generation == WireGeneration::Legacy {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(account) = cookie(&sim, &headers) else {
        return reply::login_page();
    };
    if sim.world().accounts[account].revoked {
        return reply::login_page();
    }
    let Some(name) = q.get("name") else {
        return reply::invalid("name is required");
    };
    if q.get("mediaUrlType").map(String::as_str) != Some("MEDIA_URL_TYPE_FULL_MEDIA") {
        return reply::invalid("only MEDIA_URL_TYPE_FULL_MEDIA is simulated");
    }
    let generation_time = sim.config.generation_time;
    let mut w = sim.world();
    let Some(m) = sim.owned_media(&mut w, account, name, "redirect") else {
        return reply::not_found();
    };
    if m.state(generation_time) != RemoteState::Succeeded {
        return reply::not_found();
    }
    let media = m.name.clone();
    w.accounts[account].report.download_requests += 1;
    drop(w);
    let location = sim.signed_link(&media, false);
    (
        StatusCode::TEMPORARY_REDIRECT,
        [(header::LOCATION, location)],
    )
        .into_response()
}

/// `GET /v1/media/{name}` → the video as base64 inside JSON, streamed.
pub async fn inline(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    slow(&sim).await;
    if sim.config.generation == WireGeneration::Legacy {
        return reply::not_found();
    }
    let account = match bearer(&sim, &headers) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let generation_time = sim.config.generation_time;
    let mut w = sim.world();
    let Some(m) = sim.owned_media(&mut w, account, &name, "inline") else {
        return reply::not_found();
    };
    if m.state(generation_time) != RemoteState::Succeeded {
        return reply::rpc_error(400, "FAILED_PRECONDITION", "The media is not ready.", None);
    }
    let video = m.video.clone();
    let media = m.name.clone();
    let head = json!({"name": m.name, "seed": m.seed, "prompt": m.prompt, "model": m.model,
                      "aspectRatio": m.aspect});
    w.accounts[account].report.download_requests += 1;
    drop(w);
    let cut = sim.roll(|f| f.cut_download);
    if cut {
        sim.world().faults_seen.cut_downloads += 1;
    }
    // Everything before the video string, then the base64 in blocks, then the closing.
    let prefix = format!(
        "{{\"name\":{},\"video\":{{\"seed\":{},\"prompt\":{},\"model\":{},\"aspectRatio\":{},\"encodedVideo\":\"",
        head["name"], head["seed"], head["prompt"], head["model"], head["aspectRatio"]
    );
    let len = video.len();
    let cut_after = cut.then_some(len / 2);
    let done_sim = sim.clone();
    let body_stream = video
        .stream(0..len, cut_after, move || {
            if let Some(m) = done_sim.world().media.get_mut(&media) {
                m.full_downloads += 1;
            }
        })
        .map(|chunk| chunk.map(|b| Bytes::from(encode(&b))));
    // Chunks are a multiple of 3 bytes (but the last), so the pieces form one base64 string.
    let stream = futures_util::stream::iter([Ok(Bytes::from(prefix))])
        .chain(body_stream)
        .chain(futures_util::stream::iter([Ok(Bytes::from_static(
            b"\"}}",
        ))]));
    (
        [(header::CONTENT_TYPE, "application/json; charset=UTF-8")],
        Body::from_stream(stream),
    )
        .into_response()
}
