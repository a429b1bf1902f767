//! Cloud Storage's JSON API for the objects Veo writes: `GET /storage/v1/b/{bucket}/o/{object}`
//! gives the metadata, with `?alt=media` the bytes (Range, cut-download fault). An object
//! exists once its operation is done, and only its project's token may read it.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use axum::routing::get;
use serde_json::json;

use super::{bearer, errors, project_of, violation};
use crate::cdn;
use crate::gemini::slow;
use crate::reply;
use crate::state::Sim;

pub fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/storage/v1/b/{bucket}/o/{object}", get(object))
        .with_state(sim)
}

fn unauthenticated(missing: bool) -> Response {
    if missing {
        errors::storage(
            401,
            "Anonymous caller does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist).",
            "required",
        )
    } else {
        errors::storage(401, "Invalid Credentials", "authError")
    }
}

async fn object(
    State(sim): State<Arc<Sim>>,
    Path((bucket, object)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    slow(&sim).await;
    let Some(account) = bearer(&sim, &headers) else {
        return unauthenticated(!headers.contains_key(header::AUTHORIZATION));
    };
    let generation_time = sim.config.generation_time;
    let path = format!("{bucket}/{object}");
    let missing = || errors::storage(404, &format!("No such object: {path}"), "notFound");
    let mut w = sim.world();
    let Some(o) = w.vertex.objects.get(&(bucket.clone(), object.clone())) else {
        return missing();
    };
    let (project, operation, media) = (o.project.clone(), o.operation.clone(), o.media.clone());
    if project_of(&w, account).as_deref() != Some(project.as_str()) {
        let owner = w.projects.get(&project).copied();
        violation(&mut w, account, owner, &path, "storage-object");
        let email = w
            .vertex
            .by_account(account)
            .map_or("", |s| s.email.as_str());
        return errors::storage(
            403,
            &format!(
                "{email} does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist)."
            ),
            "forbidden",
        );
    }
    // Written when the operation is done, and only if it made its videos.
    let written = w
        .vertex
        .operations
        .get(&operation)
        .is_some_and(|op| op.created.elapsed() >= generation_time);
    let Some(video) = w
        .media
        .get(&media)
        .filter(|m| written && !m.fails && !m.errors)
        .map(|m| m.video.clone())
    else {
        return missing();
    };
    if q.get("alt").map(String::as_str) != Some("media") {
        return reply::ok(json!({
            "kind": "storage#object",
            "id": format!("{path}/1"),
            "name": object,
            "bucket": bucket,
            "size": video.len().to_string(),
            "contentType": "video/mp4",
        }));
    }
    w.accounts[account].report.download_requests += 1;
    drop(w);
    cdn::serve(&sim, &media, video, &headers)
}
