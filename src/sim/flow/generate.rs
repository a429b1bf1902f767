//! `YhhmEf`, text → video: `[[ITEM…], CTX, [<batch>, n]]`, checked slot for slot.

use std::time::Instant;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::record::{self, Show};
use super::rpc::Rpc;
use super::wire;
use crate::sim::state::Media;
use crate::sim::video::Video;

/// The text→video keys the simulator knows, with their family, price and whether only Ultra
/// (plan 3) may use them (the 2026-09 catalogue).
const KEYS: &[(&str, &str, i64, bool)] = &[
    ("abra_t2v_4s", "abra", 7, false),
    ("abra_t2v_6s", "abra", 10, false),
    ("abra_t2v_8s", "abra", 12, false),
    ("abra_t2v_10s", "abra", 15, false),
    ("veo_3_1_t2v_fast", "veo_3_1_fast", 20, false),
    ("veo_3_1_t2v_fast_portrait", "veo_3_1_fast", 20, false),
    ("veo_3_1_t2v_fast_ultra", "veo_3_1_fast", 10, true),
    ("veo_3_1_t2v_fast_portrait_ultra", "veo_3_1_fast", 10, true),
    ("veo_3_1_t2v_fast_4s", "veo_3_1_fast", 10, true),
    ("veo_3_1_t2v_fast_6s", "veo_3_1_fast", 10, true),
    ("veo_3_1_t2v", "veo_3_1_quality", 100, false),
    ("veo_3_1_t2v_portrait", "veo_3_1_quality", 100, false),
    ("veo_3_1_t2v_quality_4s", "veo_3_1_quality", 100, true),
    ("veo_3_1_t2v_quality_6s", "veo_3_1_quality", 100, true),
    ("veo_3_1_t2v_lite", "veo_3_1_lite", 10, false),
    ("veo_3_1_t2v_lite_4s", "veo_3_1_lite", 5, true),
    ("veo_3_1_t2v_lite_6s", "veo_3_1_lite", 5, true),
    (
        "veo_3_1_t2v_lite_low_priority",
        "veo_3_1_lite_low_priority",
        0,
        true,
    ),
];

struct Item {
    prompt: String,
    key: &'static str,
    family: &'static str,
    cost: i64,
    ultra: bool,
    aspect: &'static str,
    u1: String,
}

fn is_client_uuid(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        s.len() == 36
            && s.chars()
                .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase())
    })
}

/// `[[null,null,[[["<text>"]]]], key, aspect, null, [null,null,null,null,U1,U2]]`. `None` for
/// a shape Flow would accept and then ignore (an extra nesting level, a wrong slot).
fn item(v: &Value) -> Option<Item> {
    let a = v.as_array()?;
    let prompt = a.first()?;
    let p = prompt.as_array()?;
    if p.len() != 3 || !p[0].is_null() || !p[1].is_null() {
        return None;
    }
    let text = p[2].pointer("/0/0/0")?.as_str()?;
    if p[2].as_array()?.len() != 1 {
        return None;
    }
    let key = a.get(1)?.as_str()?;
    let &(key, family, cost, ultra) = KEYS.iter().find(|k| k.0 == key)?;
    let aspect = match a.get(2)?.as_i64()? {
        1 => "portrait",
        2 => "landscape",
        _ => return None,
    };
    if key.contains("_portrait") && aspect != "portrait" {
        return None;
    }
    let ids = a.get(4)?.as_array()?;
    if ids.len() != 6
        || !ids[..4].iter().all(Value::is_null)
        || !is_client_uuid(&ids[4])
        || !is_client_uuid(&ids[5])
    {
        return None;
    }
    Some(Item {
        prompt: text.to_string(),
        key,
        family,
        cost,
        ultra,
        aspect,
        u1: ids[4].as_str()?.to_string(),
    })
}

pub fn text_to_video(rpc: Rpc<'_>) -> Response {
    let (sim, account, rpcid) = (rpc.sim, rpc.account, rpc.rpcid);
    let v = &rpc.inner;
    let ctx = v.get(1);
    let project = ctx.and_then(|c| c.get(5)).and_then(Value::as_str);
    let token = ctx.and_then(|c| c.pointer("/10/0")).and_then(Value::as_str);
    let items: Option<Vec<Item>> = v
        .get(0)
        .and_then(Value::as_array)
        .filter(|i| (1..=4).contains(&i.len()))
        .and_then(|i| i.iter().map(item).collect());
    let batch_ok = v.pointer("/2/0").and_then(Value::as_str).is_some()
        && v.pointer("/2/1").and_then(Value::as_i64).is_some();
    if ctx.and_then(|c| c.get(1)).and_then(Value::as_i64) != Some(22) || !batch_ok {
        return wire::fault(rpcid, 3, None);
    }
    // The token is checked (and spent) before anything else is looked at.
    if let Err(why) = sim.redeem_captcha(token.unwrap_or(""), account, "VIDEO_GENERATION") {
        tracing::info!(%why, "simulated Flow refused a reCAPTCHA token");
        sim.world().accounts[account].report.flagged += 1;
        return wire::fault(rpcid, 7, Some("PUBLIC_ERROR_UNUSUAL_ACTIVITY"));
    }
    let flagged = {
        let mut w = sim.world();
        let a = &mut w.accounts[account];
        let next = a.flag_next > 0;
        a.flag_next = a.flag_next.saturating_sub(1);
        next
    };
    if flagged || sim.roll(|f| f.refuse_token) {
        let mut w = sim.world();
        w.faults_seen.refused_tokens += 1;
        w.accounts[account].report.flagged += 1;
        return wire::fault(rpcid, 7, Some("PUBLIC_ERROR_UNUSUAL_ACTIVITY"));
    }
    let Some(items) = items else {
        return wire::declined(rpcid);
    };
    let Some(project) = project else {
        return wire::fault(rpcid, 3, None);
    };
    {
        let mut w = sim.world();
        match sim.owns_project(&mut w, account, project, rpcid) {
            None => return wire::fault(rpcid, 5, None),
            Some(false) => return wire::fault(rpcid, 7, None),
            Some(true) => {}
        }
        let a = &w.accounts[account];
        if items
            .iter()
            .any(|i| !a.families.iter().any(|f| f == i.family) || (i.ultra && a.plan != 3))
        {
            return wire::fault(rpcid, 7, Some("PUBLIC_ERROR_MODEL_ACCESS_DENIED"));
        }
    }
    if sim.roll(|f| f.create_429) {
        sim.world().faults_seen.create_429 += 1;
        return wire::fault(rpcid, 8, Some("PUBLIC_ERROR_USER_REQUESTS_THROTTLED"));
    }
    let reject = &sim.config.reject_marker;
    if !reject.is_empty()
        && items
            .iter()
            .any(|i| i.prompt.to_lowercase().contains(&reject.to_lowercase()))
    {
        return wire::fault(rpcid, 3, None);
    }
    let cost: i64 = items.iter().map(|i| i.cost).sum();
    if sim.world().accounts[account].report.credits < cost {
        return wire::fault(rpcid, 8, Some("PUBLIC_ERROR_USER_QUOTA_REACHED"));
    }
    let fail = sim.config.fail_marker.to_lowercase();
    let mut made = Vec::new();
    for i in &items {
        let name = sim.new_id();
        made.push(Media {
            video: Video::new(&name, sim.config.video_bytes),
            fails: !fail.is_empty() && i.prompt.to_lowercase().contains(&fail),
            errors: false,
            expired: false,
            owner: account,
            project: project.to_string(),
            workflow: sim.new_id(),
            client_uuid: i.u1.clone(),
            previous: None,
            prompt: i.prompt.clone(),
            seed: 0,
            model: i.key.to_string(),
            aspect: i.aspect.to_string(),
            created: Instant::now(),
            full_downloads: 0,
            name,
        });
    }
    let answer = json!([
        null,
        sim.world().accounts[account].report.credits - cost,
        made.iter().map(record::workflow).collect::<Vec<_>>(),
        made.iter()
            .map(|m| record::record(sim, m, &Show { links: false }))
            .collect::<Vec<_>>()
    ]);
    let lost = sim.roll(|f| f.lost_answer);
    {
        let mut w = sim.world();
        let a = &mut w.accounts[account].report;
        a.credits -= cost;
        a.create_calls += 1;
        a.videos_created += made.len() as u64;
        if lost {
            w.faults_seen.lost_answers += 1;
        }
        for m in made {
            w.media.insert(m.name.clone(), m);
        }
    }
    if lost {
        // Made and charged, but the answer never arrives.
        return wire::page(StatusCode::BAD_GATEWAY);
    }
    wire::ok(rpcid, &answer)
}
