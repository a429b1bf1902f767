//! Veo on Vertex AI, on two listeners of its own: the Vertex API (with the OAuth token
//! endpoint the key files point at) and Cloud Storage. Strict where Google is strict: every
//! call needs a live bearer token, a token acts only in its own project, and objects belong to
//! the project whose job wrote them. `guard.rs` watches every listener for credentials sent
//! where they must not go.

// Handlers return the error answer itself; it is built once per request, so boxing it buys
// nothing.
#![allow(clippy::result_large_err)]

mod errors;
mod guard;
mod keys;
mod model;
mod oauth;
mod operation;
mod predict;
mod storage;
#[cfg(test)]
mod tests;
mod world;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use axum::routing::{get, post};

pub use guard::{Listener, guarded};
pub use keys::enroll;
pub use world::VertexWorld;

use super::report::Violation;
use super::state::{Sim, World};
use super::{gemini, reply};

/// The Vertex API's routes (and `/oauth2/token`).
pub fn router(sim: Arc<Sim>) -> Router {
    let routes = Router::new()
        .route("/oauth2/token", post(oauth::token))
        .route(
            "/v1/projects/{project}/locations/{location}/publishers/google/models/{model_action}",
            post(call),
        )
        .route("/v1beta1/publishers/google/models/{model}", get(model::get))
        .with_state(sim.clone());
    guarded(routes, sim, Listener::Vertex)
}

/// Cloud Storage's JSON API.
pub fn storage_router(sim: Arc<Sim>) -> Router {
    guarded(storage::router(sim.clone()), sim, Listener::Storage)
}

/// Whether a model is in preview on Vertex (Lite, `-preview` ids): its own answer says so and
/// its quota is 10 creates a minute instead of 50.
pub(super) fn is_preview(model: &str) -> bool {
    model.contains("lite") || model.contains("preview")
}

/// The model a call is about, from its path.
pub struct Target {
    pub project: String,
    pub location: String,
    pub model: String,
}

impl Target {
    pub fn resource(&self) -> String {
        format!(
            "projects/{}/locations/{}/publishers/google/models/{}",
            self.project, self.location, self.model
        )
    }
}

/// `POST …/models/{model}:{action}`: axum cannot split a segment on `:`, so one route takes
/// both methods.
async fn call(
    State(sim): State<Arc<Sim>>,
    Path((project, location, model_action)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some((model, action)) = model_action.rsplit_once(':') else {
        return reply::not_found();
    };
    let at = Target {
        project,
        location,
        model: model.to_string(),
    };
    gemini::slow(&sim).await;
    match action {
        "predictLongRunning" => predict::create(&sim, &at, &headers, &body),
        "fetchPredictOperation" => operation::fetch(&sim, &at, &headers, &body),
        _ => reply::not_found(),
    }
}

/// The account of the request's bearer token while the token is live. A dead token of a known
/// account counts as refused for it.
pub fn bearer(sim: &Sim, headers: &HeaderMap) -> Option<usize> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    let mut w = sim.world();
    let t = w.vertex.tokens.get(token)?;
    let (account, valid) = (t.account, t.valid());
    let report = &mut w.accounts[account].report;
    if valid {
        report.requests += 1;
        Some(account)
    } else {
        report.unauthorized += 1;
        None
    }
}

/// The project of a Vertex account.
pub fn project_of(w: &World, account: usize) -> Option<String> {
    w.vertex.by_account(account).map(|s| s.project.clone())
}

/// Records `requester` reaching for `what`, which belongs to `owner` (`None`: to no account).
pub fn violation(w: &mut World, requester: usize, owner: Option<usize>, what: &str, route: &str) {
    let violation = Violation {
        route: route.to_string(),
        requester: w.accounts[requester].report.name.clone(),
        owner: owner.map_or_else(String::new, |o| w.accounts[o].report.name.clone()),
        media: what.to_string(),
    };
    tracing::warn!(?violation, "ownership violation");
    w.violations.push(violation);
}

/// Whether the project has the Vertex AI API turned off.
fn disabled(sim: &Sim, project: &str) -> bool {
    sim.config
        .vertex_disabled
        .iter()
        .any(|name| keys::project_of(name) == project)
}

/// Who may call a model route: a live token of the path's own project, whose API is enabled.
/// Another project's token is refused and recorded.
fn caller(sim: &Sim, headers: &HeaderMap, at: &Target, route: &str) -> Result<usize, Response> {
    let account = bearer(sim, headers).ok_or_else(errors::unauthenticated)?;
    let mut w = sim.world();
    if project_of(&w, account).as_deref() != Some(at.project.as_str()) {
        let owner = w.projects.get(&at.project).copied();
        violation(&mut w, account, owner, &at.project, route);
        return Err(errors::predict_denied(&at.project, &at.location, &at.model));
    }
    drop(w);
    if disabled(sim, &at.project) {
        return Err(errors::service_disabled(&at.project));
    }
    if !sim.config.vertex_models.contains(&at.model) {
        return Err(errors::model_not_found(
            &at.project,
            &at.location,
            &at.model,
        ));
    }
    Ok(account)
}
