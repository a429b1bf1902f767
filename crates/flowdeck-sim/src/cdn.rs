//! The signed-URL CDN, on its own port (another origin): serves videos with HTTP Range, checks
//! signatures and expiry, and records every request that carries a credential, which no
//! client should ever send here.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::report::Leak;
use super::state::Sim;
use super::video::Video;

pub fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/video/{name}", get(video))
        .route("/image/{name}", get(poster))
        .route("/_media/{name}", get(video))
        .route("/videoplayback", get(videoplayback))
        .layer(middleware::from_fn_with_state(sim.clone(), record_leaks))
        .with_state(sim)
}

/// Notes any credential on any request before it is answered.
async fn record_leaks(State(sim): State<Arc<Sim>>, req: Request, next: Next) -> Response {
    let route = req.uri().path().to_string();
    let mut found = Vec::new();
    for name in ["authorization", "cookie", "x-goog-api-key"] {
        for v in req.headers().get_all(name) {
            let value = v.to_str().unwrap_or_default().to_string();
            found.push((name.to_string(), value));
        }
    }
    if let Some(q) = req.uri().query()
        && let Some(k) = q.split('&').find_map(|p| p.strip_prefix("key="))
    {
        found.push(("key (query)".to_string(), k.to_string()));
    }
    for (header, value) in found {
        let account = sim.credential_owner(&value);
        tracing::warn!(%route, %header, ?account, "credential sent to the CDN");
        sim.world().leaks.push(Leak {
            route: route.clone(),
            header,
            account,
        });
    }
    sim.world().cdn_requests += 1;
    next.run(req).await
}

fn text(status: StatusCode, msg: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain")], msg).into_response()
}

/// The link's signature and expiry, or the 403 a signed-URL host answers (built once per
/// request, so boxing it buys nothing).
#[allow(clippy::result_large_err)]
fn check_signature(sim: &Sim, name: &str, q: &HashMap<String, String>) -> Result<(), Response> {
    let expires: Option<i64> = q.get("Expires").and_then(|e| e.parse().ok());
    let (Some(expires), Some(sig)) = (expires, q.get("Signature")) else {
        return Err(text(
            StatusCode::FORBIDDEN,
            "AccessDenied: missing signature",
        ));
    };
    if *sig != sim.sign(name, expires) {
        return Err(text(StatusCode::FORBIDDEN, "SignatureDoesNotMatch"));
    }
    if time::OffsetDateTime::now_utc().unix_timestamp() > expires {
        return Err(text(
            StatusCode::FORBIDDEN,
            "ExpiredToken: the link has expired",
        ));
    }
    Ok(())
}

/// A poster frame: a few bytes that start like a JPEG.
async fn poster(
    State(sim): State<Arc<Sim>>,
    Path(name): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = check_signature(&sim, &name, &q) {
        return r;
    }
    (
        [(header::CONTENT_TYPE, "image/jpeg")],
        vec![
            0xFFu8, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 0xFF, 0xD9,
        ],
    )
        .into_response()
}

async fn video(
    State(sim): State<Arc<Sim>>,
    Path(name): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = check_signature(&sim, &name, &q) {
        return r;
    }
    let Some(video) = sim.world().media.get(&name).map(|m| m.video.clone()) else {
        return text(StatusCode::NOT_FOUND, "NoSuchKey");
    };
    serve(&sim, &name, video, &headers)
}

/// A `videoplayback` link: the media, expiry and signature are all in the query.
async fn videoplayback(
    State(sim): State<Arc<Sim>>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(name) = q.get("id").cloned() else {
        return text(StatusCode::FORBIDDEN, "Forbidden");
    };
    let expires: Option<i64> = q.get("expire").and_then(|e| e.parse().ok());
    let good = expires.is_some_and(|e| {
        q.get("sig") == Some(&sim.sign(&name, e))
            && time::OffsetDateTime::now_utc().unix_timestamp() <= e
    });
    if !good {
        // googlevideo answers an expired or foreign link with a bare 403.
        return text(StatusCode::FORBIDDEN, "Forbidden");
    }
    let Some(video) = sim.world().media.get(&name).map(|m| m.video.clone()) else {
        return text(StatusCode::NOT_FOUND, "Not Found");
    };
    serve(&sim, &name, video, &headers)
}

/// Serves `video` (the media `name`'s) with HTTP Range, the cut-download fault, and a count of
/// bodies served to the end; shared with simulated Cloud Storage.
pub(super) fn serve(sim: &Arc<Sim>, name: &str, video: Video, headers: &HeaderMap) -> Response {
    let len = video.len();
    let (start, end) = match range(headers) {
        Ok((s, e)) => (s, e.map_or(len, |e| (e + 1).min(len))),
        Err(()) => return text(StatusCode::RANGE_NOT_SATISFIABLE, "bad range"),
    };
    if (start >= len && start > 0) || end <= start && len > 0 {
        return (
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(header::CONTENT_RANGE, format!("bytes */{len}"))],
        )
            .into_response();
    }
    let forced = sim.world().faults_seen.cut_downloads < u64::from(sim.faults().cut_first);
    let cut = forced || sim.roll(|f| f.cut_download);
    if cut {
        sim.world().faults_seen.cut_downloads += 1;
    }
    let whole = start == 0 && end == len;
    let quiet = whole
        && !cut
        && (sim.world().faults_seen.quiet_cuts < u64::from(sim.faults().quiet_first)
            || sim.roll(|f| f.quiet_cut));
    if quiet {
        sim.world().faults_seen.quiet_cuts += 1;
        let half = (len / 2).max(1);
        let body = Body::from_stream(video.stream(0..half, None, || {}));
        // No Content-Length: the body ends early without anything saying so.
        return ([(header::CONTENT_TYPE, "video/mp4")], body).into_response();
    }
    let remaining = end - start;
    let cut_after = cut.then(|| (remaining / 2).max(1));
    let done_sim = sim.clone();
    let media = name.to_string();
    // A body that reaches the end completes a download (a resumed one too); a middle slice
    // does not.
    let to_end = end == len;
    let body = Body::from_stream(video.stream(start..end, cut_after, move || {
        if to_end && let Some(m) = done_sim.world().media.get_mut(&media) {
            m.full_downloads += 1;
        }
    }));
    let mut resp = Response::new(body);
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("video/mp4"),
    );
    h.insert(
        header::ACCEPT_RANGES,
        header::HeaderValue::from_static("bytes"),
    );
    if let Ok(v) = header::HeaderValue::from_str(&remaining.to_string()) {
        h.insert(header::CONTENT_LENGTH, v);
    }
    if !whole {
        if let Ok(v) = header::HeaderValue::from_str(&format!("bytes {start}-{}/{len}", end - 1)) {
            h.insert(header::CONTENT_RANGE, v);
        }
        *resp.status_mut() = StatusCode::PARTIAL_CONTENT;
    }
    resp
}

/// A `Range: bytes=N-` or `bytes=N-M` header (one range; M inclusive).
fn range(headers: &HeaderMap) -> Result<(u64, Option<u64>), ()> {
    let Some(v) = headers.get(header::RANGE) else {
        return Ok((0, None));
    };
    let v = v.to_str().map_err(|_| ())?;
    let spec = v.strip_prefix("bytes=").ok_or(())?;
    let (start, end) = spec.split_once('-').ok_or(())?;
    let start = start.trim().parse().map_err(|_| ())?;
    let end = match end.trim() {
        "" => None,
        e => Some(e.parse().map_err(|_| ())?),
    };
    Ok((start, end))
}
