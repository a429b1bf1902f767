//! `jwpduf` (status), `as29s` (signed links) and `Zzl0ze` (the project listing), each only for
//! the account that owns the media: another account's media is recorded as a violation and
//! answered like a missing one.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::record::{self, Show};
use super::rpc::Rpc;
use super::wire;

/// `[null,null,[["<id>"],…]]` → `[null, credits, [record…]]`.
pub fn poll(rpc: Rpc<'_>) -> Response {
    let (sim, account, rpcid) = (rpc.sim, rpc.account, rpc.rpcid);
    if sim.roll(|f| f.poll_5xx) {
        let mut w = sim.world();
        w.faults_seen.poll_5xx += 1;
        let status = if w.faults_seen.poll_5xx % 2 == 0 {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        return wire::page(status);
    }
    let ids: Vec<String> = rpc
        .inner
        .get(2)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.get(0).and_then(Value::as_str).map(str::to_string))
        .collect();
    if ids.is_empty() || !rpc.inner.get(0).is_some_and(Value::is_null) {
        return wire::fault(rpcid, 3, None);
    }
    let mut w = sim.world();
    w.accounts[account].report.polls += 1;
    w.accounts[account].report.polled_media += ids.len() as u64;
    let mut records = Vec::new();
    for id in &ids {
        if let Some(m) = sim.owned_media(&mut w, account, id, "jwpduf") {
            records.push(record::record(sim, m, &Show { links: false }));
        }
    }
    if records.is_empty() {
        return wire::fault(rpcid, 5, None);
    }
    let credits = w.accounts[account].report.credits;
    drop(w);
    wire::ok(rpcid, &json!([null, credits, records]))
}

/// `["<idA>"]` → the bare id while it renders, the record with signed links once done.
pub fn sign(rpc: Rpc<'_>) -> Response {
    let (sim, account, rpcid) = (rpc.sim, rpc.account, rpc.rpcid);
    let Some(id) = rpc.inner.get(0).and_then(Value::as_str) else {
        return wire::fault(rpcid, 3, None);
    };
    let mut w = sim.world();
    w.accounts[account].report.signs += 1;
    let generation_time = sim.config.generation_time;
    let Some(m) = sim.owned_media(&mut w, account, id, "as29s") else {
        return wire::fault(rpcid, 5, None);
    };
    let answer = match m.state(generation_time) {
        flowdeck_core::model::RemoteState::Pending | flowdeck_core::model::RemoteState::Running => {
            json!(m.name)
        }
        _ => record::record(sim, m, &Show { links: true }),
    };
    drop(w);
    wire::ok(rpcid, &answer)
}

/// `["projects/<pid>",null,null,null,[1]]` → `[null, [workflow…], [record…]]`.
pub fn listing(rpc: Rpc<'_>) -> Response {
    let (sim, account, rpcid) = (rpc.sim, rpc.account, rpc.rpcid);
    let Some(pid) = rpc
        .inner
        .get(0)
        .and_then(Value::as_str)
        .and_then(|p| p.strip_prefix("projects/"))
    else {
        return wire::fault(rpcid, 3, None);
    };
    let mut w = sim.world();
    w.accounts[account].report.listings += 1;
    if sim.owns_project(&mut w, account, pid, rpcid) != Some(true) {
        return wire::fault(rpcid, 5, None);
    }
    let mut media: Vec<_> = w.media.values().filter(|m| m.project == pid).collect();
    media.sort_by_key(|m| m.created);
    let workflows: Vec<Value> = media.iter().map(|m| record::workflow(m)).collect();
    let records: Vec<Value> = media
        .iter()
        .map(|m| record::record(sim, m, &Show { links: false }))
        .collect();
    drop(w);
    if sim.config.listing_drift {
        // The workflows moved to a slot flowdeck does not read, each wrapped once more.
        let moved: Vec<Value> = workflows.into_iter().map(|w| json!({ "w": w })).collect();
        return wire::ok(rpcid, &json!([null, null, records, moved]));
    }
    wire::ok(rpcid, &json!([null, workflows, records]))
}
