//! Session exchange, projects and credits.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::Response;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{bearer, cookie};
use crate::sim::reply;
use crate::sim::state::Sim;

/// `GET /fx/api/auth/session`: NextAuth answers `{}` when the cookie is not a session.
pub async fn session(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Response {
    let Some(account) = cookie(&sim, &headers) else {
        return reply::ok(json!({}));
    };
    if sim.world().accounts[account].revoked {
        return reply::ok(json!({"error": "ACCESS_TOKEN_REFRESH_NEEDED"}));
    }
    let (token, expires) = sim.issue_token(account);
    let left = expires.saturating_duration_since(Instant::now());
    let expires_at = (OffsetDateTime::now_utc() + left)
        .format(&Rfc3339)
        .unwrap_or_default();
    let w = sim.world();
    let r = &w.accounts[account].report;
    reply::ok(json!({
        "user": {"name": r.name, "email": r.email, "image": "https://lh3.googleusercontent.com/a/sim"},
        "expires": expires_at,
        "access_token": token,
    }))
}

/// `POST /fx/api/trpc/project.createProject`.
pub async fn create_project(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(account) = cookie(&sim, &headers) else {
        return trpc_unauthorized();
    };
    let parsed: Option<Value> = serde_json::from_slice(&body).ok();
    let title = parsed
        .as_ref()
        .and_then(|v| v.pointer("/json/projectTitle"))
        .and_then(Value::as_str);
    let Some(title) = title else {
        return reply::invalid("projectTitle is required");
    };
    let id = sim.new_id();
    sim.world().projects.insert(id.clone(), account);
    reply::ok(json!({"result": {"data": {"json": {
        "result": {"projectId": id, "projectInfo": {"projectTitle": title}},
        "status": 200, "statusText": "OK"
    }}}}))
}

/// The tRPC error a request without a valid session gets.
pub fn trpc_unauthorized() -> Response {
    let mut r = reply::ok(json!({"error": {"json": {
        "message": "UNAUTHORIZED", "code": -32001,
        "data": {"code": "UNAUTHORIZED", "httpStatus": 401}
    }}}));
    *r.status_mut() = axum::http::StatusCode::UNAUTHORIZED;
    r.headers_mut().remove(header::CACHE_CONTROL);
    r
}

/// `GET /v1/credits`.
pub async fn credits(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Response {
    let account = match bearer(&sim, &headers) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let w = sim.world();
    let a = &w.accounts[account];
    reply::ok(json!({
        "credits": a.report.credits,
        "userPaygateTier": a.tier,
        "serviceTier": "SERVICE_TIER_INTERMEDIATE",
        "sku": "SIMULATED",
    }))
}
