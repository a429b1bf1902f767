//! `GET /v1beta1/publishers/google/models/{model}`: what the client's account check asks, on
//! behalf of the project in `x-goog-user-project` (the token's own when absent).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::json;

use super::{bearer, disabled, errors, project_of, violation};
use crate::gemini::slow;
use crate::reply;
use crate::state::Sim;

pub async fn get(
    State(sim): State<Arc<Sim>>,
    Path(model): Path<String>,
    headers: HeaderMap,
) -> Response {
    slow(&sim).await;
    let Some(account) = bearer(&sim, &headers) else {
        return errors::unauthenticated();
    };
    let mut w = sim.world();
    let own = project_of(&w, account).unwrap_or_default();
    let project = headers
        .get("x-goog-user-project")
        .and_then(|v| v.to_str().ok())
        .map_or_else(|| own.clone(), str::to_string);
    if project != own {
        let owner = w.projects.get(&project).copied();
        violation(&mut w, account, owner, &project, "vertex-model");
        return errors::user_project_denied(&project);
    }
    drop(w);
    if disabled(&sim, &project) {
        return errors::service_disabled(&project);
    }
    if !sim.config.vertex_models.contains(&model) {
        return errors::model_not_found(&project, "global", &model);
    }
    reply::ok(json!({
        "name": format!("publishers/google/models/{model}"),
        "versionId": "001",
        "launchStage": if super::is_preview(&model) { "PUBLIC_PREVIEW" } else { "GA" },
        "openSourceCategory": "PROPRIETARY",
    }))
}
