//! `…/models/{model}:fetchPredictOperation`: an operation of the token's own project, running
//! until `generation_time` has passed, then done with its videos inline or in Cloud Storage,
//! filtered by RAI (fail marker) or ended by an error (error marker).

use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::{Target, caller, errors, violation};
use crate::reply::{self, invalid};
use crate::state::Sim;
use flowdeck_core::provider::inline::encode;

/// A poll's injected 503, when the faults say so (counted).
fn overloaded(sim: &Sim) -> Option<Response> {
    sim.roll(|f| f.poll_5xx).then(|| {
        sim.world().faults_seen.poll_5xx += 1;
        errors::unavailable()
    })
}

pub fn fetch(sim: &Sim, at: &Target, headers: &HeaderMap, body: &[u8]) -> Response {
    let account = match caller(sim, headers, at, "vertex-operation") {
        Ok(a) => a,
        Err(r) => return r,
    };
    if let Some(r) = overloaded(sim) {
        return r;
    }
    let Some(name) = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.get("operationName")?.as_str().map(str::to_string))
    else {
        return invalid("operationName is required.");
    };
    let generation_time = sim.config.generation_time;
    let mut w = sim.world();
    w.accounts[account].report.polls += 1;
    w.accounts[account].report.polled_media += 1;
    let Some(op) = w.vertex.operations.get(&name) else {
        return errors::operation_not_found();
    };
    let (project, created) = (op.project.clone(), op.created);
    let (uris, samples) = (op.uris.clone(), op.samples.clone());
    if project != at.project {
        let owner = w.projects.get(&project).copied();
        violation(&mut w, account, owner, &name, "vertex-operation");
        return errors::operation_not_found();
    }
    if created.elapsed() < generation_time {
        return reply::ok(json!({"name": name, "done": false, "metadata": {}}));
    }
    let Some(first) = samples.first().and_then(|k| w.media.get(k)) else {
        return errors::operation_not_found();
    };
    if first.errors {
        return reply::ok(json!({"name": name, "done": true,
            "error": {"code": 13, "message": "Internal error encountered during video generation."}}));
    }
    let response = |videos: Vec<Value>, filtered: usize| {
        let mut r = json!({
            "@type": "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse",
            "raiMediaFilteredCount": filtered,
            "videos": videos,
        });
        if filtered > 0 {
            r["raiMediaFilteredReasons"] = json!([
                "Veo could not generate videos because the input prompt contains violent content. Support codes: 58061214"
            ]);
        }
        reply::ok(json!({"name": name, "done": true, "response": r}))
    };
    if first.fails {
        return response(Vec::new(), samples.len());
    }
    if !uris.is_empty() {
        let videos = uris
            .iter()
            .map(|u| json!({"gcsUri": u, "mimeType": "video/mp4"}))
            .collect();
        return response(videos, 0);
    }
    // Inline: the whole of every video, encoded outside the lock.
    let videos: Vec<_> = samples
        .iter()
        .filter_map(|k| w.media.get(k).map(|m| m.video.clone()))
        .collect();
    drop(w);
    let videos = videos
        .iter()
        .map(|v| json!({"bytesBase64Encoded": encode(&v.to_vec()), "mimeType": "video/mp4"}))
        .collect();
    let mut w = sim.world();
    for k in &samples {
        if let Some(m) = w.media.get_mut(k) {
            m.full_downloads += 1;
        }
    }
    drop(w);
    response(videos, 0)
}
