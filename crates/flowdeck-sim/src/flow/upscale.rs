//! `p0UkFb`, an upscale of a finished video: one item of 32 slots (`[0]` `[null, idA]`, `[2]`
//! the aspect slot, `[4]` `[null, workflow, null, null, U]`, `[6]` the tier, `[31]` the
//! upsampler key, the rest null), the context, and `[<batch>]`. The new video is
//! `<idA>_upsampled` (`_4k_upsampled`), owned by the same account; another account's video is
//! refused and recorded.

use std::time::Instant;

use axum::response::Response;
use serde_json::{Value, json};

use super::rpc::Rpc;
use super::wire;
use crate::report::Violation;
use crate::state::Media;
use crate::video::Video;
use flowdeck_core::model::RemoteState;

pub fn upscale(rpc: Rpc<'_>) -> Response {
    let (sim, account, rpcid) = (rpc.sim, rpc.account, rpc.rpcid);
    let v = &rpc.inner;
    let ctx = v.get(1);
    let project = ctx.and_then(|c| c.get(5)).and_then(Value::as_str);
    let token = ctx.and_then(|c| c.pointer("/10/0")).and_then(Value::as_str);
    let item = v.pointer("/0/0").and_then(Value::as_array);
    let batch_ok = v
        .get(2)
        .and_then(Value::as_array)
        .is_some_and(|b| b.len() == 1 && b[0].is_string());
    let read = item.filter(|i| i.len() == 32).and_then(|i| {
        let source = i[0].as_array().filter(|s| s.len() == 2 && s[0].is_null())?[1]
            .as_str()?
            .to_string();
        let aspect = i[2].as_i64().filter(|a| matches!(a, 1 | 2))?;
        let w = i[4].as_array().filter(|w| {
            w.len() == 5 && w[0].is_null() && w[2].is_null() && w[3].is_null() && w[4].is_string()
        })?;
        let workflow = w[1].as_str()?.to_string();
        let uuid = w[4].as_str()?.to_string();
        let (tier, key) = (i[6].as_i64()?, i[31].as_str()?);
        let fits = matches!(
            (tier, key),
            (2, "veo_3_1_upsampler_1080p") | (3, "veo_3_1_upsampler_4k")
        );
        let rest_null = [1, 3, 5].into_iter().chain(7..31).all(|n| i[n].is_null());
        (fits && rest_null && v.get(0)?.as_array()?.len() == 1)
            .then(|| (source, aspect, workflow, uuid, key.to_string()))
    });
    if ctx.and_then(|c| c.get(1)).and_then(Value::as_i64) != Some(22) || !batch_ok {
        return wire::fault(rpcid, 3, None);
    }
    if let Err(refused) = super::spend_token(sim, account, token, "VIDEO_GENERATION", rpcid) {
        return refused;
    }
    // A shape Flow does not know: accepted and ignored (a 35-slot variant does this).
    let (Some((source, aspect, workflow, uuid, key)), Some(project)) = (read, project) else {
        return wire::declined(rpcid);
    };
    let generation_time = sim.config.generation_time;
    let mut w = sim.world();
    let Some(src) = w.media.get(&source) else {
        return wire::fault(rpcid, 5, None);
    };
    if src.owner != account {
        let violation = Violation {
            route: rpcid.to_string(),
            requester: w.accounts[account].report.name.clone(),
            owner: w.accounts[src.owner].report.name.clone(),
            media: source.clone(),
        };
        w.violations.push(violation);
        return wire::fault(rpcid, 5, None);
    }
    let finished = src.state(generation_time) == RemoteState::Succeeded;
    if src.project != project || src.workflow != workflow || !finished {
        return wire::fault(rpcid, 3, None);
    }
    let wanted_aspect = if src.aspect == "portrait" { 1 } else { 2 };
    if aspect != wanted_aspect {
        return wire::fault(rpcid, 3, None);
    }
    let cost = if key.ends_with("_4k") { 50 } else { 0 };
    if w.accounts[account].report.credits < cost {
        return wire::fault(rpcid, 8, Some("PUBLIC_ERROR_USER_QUOTA_REACHED"));
    }
    let name = if key.ends_with("_4k") {
        format!("{source}_4k_upsampled")
    } else {
        format!("{source}_upsampled")
    };
    let made = Media {
        video: Video::from_clip(sim.config.flow_clip, &name, sim.config.video_bytes),
        fails: false,
        errors: false,
        expired: false,
        from_images: Vec::new(),
        owner: account,
        project: project.to_string(),
        workflow: sim.new_id(),
        // The listing names it by the call's batch uuid, as it does every video.
        batch: v
            .pointer("/2/0")
            .and_then(Value::as_str)
            .map_or(uuid, str::to_string),
        previous: Some(source.clone()),
        extends: false,
        prompt: src.prompt.clone(),
        seed: src.seed,
        model: key,
        aspect: src.aspect.clone(),
        created: Instant::now(),
        full_downloads: 0,
        name: name.clone(),
    };
    let a = &mut w.accounts[account].report;
    a.credits -= cost;
    a.create_calls += 1;
    a.videos_created += 1;
    let left = a.credits;
    w.media.insert(name, made);
    wire::ok(rpcid, &json!([null, left]))
}
