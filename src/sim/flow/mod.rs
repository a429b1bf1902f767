//! Flow's routes: labs.google (`/fx/api/…`) and aisandbox (`/v1/…`) on one port.

// Handlers return the error answer itself; it is built once per request, so boxing it buys
// nothing.
#![allow(clippy::result_large_err)]

mod generate;
mod media;
mod session;
mod status;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, header};
use axum::response::Response;
use axum::routing::{get, post};

use super::reply;
use super::state::{BearerProblem, Sim};

pub fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/fx/api/auth/session", get(session::session))
        .route(
            "/fx/api/trpc/project.createProject",
            post(session::create_project),
        )
        .route(
            "/fx/api/trpc/media.getMediaUrlRedirect",
            get(media::redirect),
        )
        .route("/v1/credits", get(session::credits))
        .route(
            "/v1/video:batchAsyncGenerateVideoText",
            post(generate::create),
        )
        .route(
            "/v1/video:batchCheckAsyncVideoGenerationStatus",
            post(status::check),
        )
        .route("/v1/media/{name}", get(media::inline))
        .with_state(sim)
}

/// The account of the request's bearer token, or the 401 to answer.
fn bearer(sim: &Sim, headers: &HeaderMap) -> Result<usize, Response> {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    sim.account_for_bearer(auth).map_err(|p| match p {
        BearerProblem::Missing => reply::unauthenticated(true),
        BearerProblem::Invalid => reply::unauthenticated(false),
    })
}

/// The account of the request's session cookie.
fn cookie(sim: &Sim, headers: &HeaderMap) -> Option<usize> {
    let value = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ");
    sim.account_for_cookie(Some(&value))
}

/// The "slow responses" fault.
async fn slow(sim: &Sim) {
    if sim.roll(|f| f.slow) {
        sim.world().faults_seen.slow += 1;
        tokio::time::sleep(Duration::from_millis(sim.faults().slow_ms)).await;
    }
}
