//! `POST /v1/video:batchCheckAsyncVideoGenerationStatus`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::generate::media_json;
use super::{bearer, slow};
use crate::model::RemoteState;
use crate::provider::flow::WireGeneration;
use crate::sim::reply;
use crate::sim::state::{Media, Sim};

fn wire_status(state: RemoteState) -> &'static str {
    match state {
        RemoteState::Pending => "MEDIA_GENERATION_STATUS_PENDING",
        RemoteState::Running => "MEDIA_GENERATION_STATUS_ACTIVE",
        RemoteState::Succeeded => "MEDIA_GENERATION_STATUS_SUCCESSFUL",
        RemoteState::Failed => "MEDIA_GENERATION_STATUS_FAILED",
        RemoteState::Canceled => "MEDIA_GENERATION_STATUS_CANCELED",
        RemoteState::Unknown => "MEDIA_GENERATION_STATUS_UNSPECIFIED",
    }
}

pub async fn check(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    slow(&sim).await;
    let account = match bearer(&sim, &headers) {
        Ok(a) => a,
        Err(r) => return r,
    };
    if sim.roll(|f| f.poll_5xx) {
        let mut w = sim.world();
        w.faults_seen.poll_5xx += 1;
        let unavailable = w.faults_seen.poll_5xx % 2 == 0;
        drop(w);
        return if unavailable {
            reply::rpc_error(
                503,
                "UNAVAILABLE",
                "The service is currently unavailable.",
                None,
            )
        } else {
            reply::rpc_error(500, "INTERNAL", "Internal error encountered.", None)
        };
    }
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return reply::invalid("Invalid JSON payload received.");
    };
    let legacy = sim.config.generation == WireGeneration::Legacy;
    let names: Vec<String> = if legacy {
        if v.get("media").is_some() {
            return reply::invalid(
                "Invalid JSON payload received. Unknown name \"media\": Cannot find field.",
            );
        }
        v.get("operations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|o| o.pointer("/operation/name")?.as_str().map(str::to_string))
            .collect()
    } else {
        if v.get("operations").is_some() {
            // The real service stopped accepting the old shape in May 2026.
            return reply::invalid("Request contains an invalid argument.");
        }
        v.get("media")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|m| m.get("name")?.as_str().map(str::to_string))
            .collect()
    };
    if names.is_empty() {
        return reply::invalid("no media to check");
    }
    let generation_time = sim.config.generation_time;
    let mut w = sim.world();
    w.accounts[account].report.polls += 1;
    w.accounts[account].report.polled_media += names.len() as u64;
    let mut entries = Vec::new();
    let mut refund = 0;
    for name in &names {
        let Some(m) = sim.owned_media(&mut w, account, name, "poll") else {
            return reply::not_found();
        };
        let state = m.state(generation_time);
        if state == RemoteState::Failed && !m.refunded {
            // Failed generations are not charged.
            m.refunded = true;
            refund += m.cost;
        }
        entries.push(if legacy {
            legacy_entry(&sim, m, state)
        } else {
            current_entry(m, state)
        });
    }
    w.accounts[account].report.credits += refund;
    let remaining = w.accounts[account].report.credits;
    drop(w);
    if legacy {
        reply::ok(json!({"operations": entries, "remainingCredits": remaining}))
    } else {
        reply::ok(json!({"media": entries, "remainingCredits": remaining}))
    }
}

fn current_entry(m: &Media, state: RemoteState) -> Value {
    let mut e = media_json(m, wire_status(state));
    if state != RemoteState::Pending {
        e["video"]["operation"] = json!({"name": m.operation});
    }
    if state == RemoteState::Failed {
        e["mediaMetadata"]["mediaStatus"]["error"] =
            json!({"code": 3, "message": "PUBLIC_ERROR_UNSAFE_GENERATION"});
        e["mediaMetadata"]["mediaStatus"]["failureReasons"] = json!(["UNSAFE_GENERATION"]);
        e["mediaMetadata"]["visibility"] = json!("FILTERED");
    }
    e
}

fn legacy_entry(sim: &Sim, m: &Media, state: RemoteState) -> Value {
    let mut op = json!({
        "operation": {"name": m.operation},
        "sceneId": m.scene_id,
        "status": wire_status(state),
    });
    match state {
        RemoteState::Succeeded => {
            op["operation"]["metadata"] = json!({
                "@type": "type.googleapis.com/google.internal.labs.aisandbox.v1.Media",
                "name": m.name,
                "video": {
                    "seed": m.seed,
                    "mediaGenerationId": m.name,
                    "fifeUrl": sim.signed_link(&m.name, true),
                    "mediaVisibility": "PRIVATE",
                    "model": m.model,
                    "isLooped": false,
                    "aspectRatio": m.aspect,
                },
            });
            op["mediaGenerationId"] = json!(m.name);
        }
        RemoteState::Failed => {
            op["operation"]["error"] =
                json!({"code": 3, "message": "PUBLIC_ERROR_UNSAFE_GENERATION"});
        }
        _ => {}
    }
    op
}
