//! The video submits, `[[ITEM…], CTX, [<batch>, n]]`, checked slot for slot: `YhhmEf` (text),
//! `eb1hJf` (a start frame), `nprQif` (start and end frames) and `MZZa6b` (reference images).
//! Every image must be one this account uploaded; another account's is refused and recorded.

use std::time::Instant;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::record::{self, Show};
use super::rpc::Rpc;
use super::wire;
use crate::report::Violation;
use crate::state::Media;
use crate::video::Video;

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

/// The image keys the simulator knows: key, family, price, Ultra only, and the RPC that takes
/// it (the keys public clients were seen using, reference section 3).
const IMAGE_KEYS: &[(&str, &str, i64, bool, &str)] = &[
    ("veo_3_1_i2v_s_fast", "veo_3_1_fast", 20, false, "eb1hJf"),
    (
        "veo_3_1_i2v_s_fast_ultra",
        "veo_3_1_fast",
        10,
        true,
        "eb1hJf",
    ),
    ("veo_3_1_i2v_lite", "veo_3_1_lite", 10, false, "eb1hJf"),
    ("abra_i2v_4s", "abra", 7, false, "eb1hJf"),
    ("abra_i2v_6s", "abra", 10, false, "eb1hJf"),
    ("abra_i2v_8s", "abra", 12, false, "eb1hJf"),
    ("abra_i2v_10s", "abra", 15, false, "eb1hJf"),
    ("veo_3_1_i2v_s_fast_fl", "veo_3_1_fast", 20, false, "nprQif"),
    (
        "veo_3_1_interpolation_lite",
        "veo_3_1_lite",
        10,
        false,
        "nprQif",
    ),
    ("omni_flash_i2v_8s_first_last", "abra", 12, false, "nprQif"),
    ("omni_flash_i2v_10s_first_last", "abra", 15, false, "nprQif"),
    (
        "veo_3_1_r2v_fast_landscape",
        "veo_3_1_fast",
        20,
        false,
        "MZZa6b",
    ),
    ("abra_r2v_4s", "abra", 7, false, "MZZa6b"),
    ("abra_r2v_6s", "abra", 10, false, "MZZa6b"),
    ("abra_r2v_8s", "abra", 12, false, "MZZa6b"),
    ("abra_r2v_10s", "abra", 15, false, "MZZa6b"),
    (
        "veo_3_1_i2v_lite_low_priority",
        "veo_3_1_lite_low_priority",
        0,
        true,
        "eb1hJf",
    ),
    (
        "veo_3_1_i2v_s_lite_4s_low_priority",
        "veo_3_1_lite_low_priority",
        0,
        true,
        "eb1hJf",
    ),
    (
        "veo_3_1_interpolation_lite_low_priority",
        "veo_3_1_lite_low_priority",
        0,
        true,
        "nprQif",
    ),
    (
        "veo_3_1_r2v_lite_low_priority",
        "veo_3_1_lite_low_priority",
        0,
        true,
        "MZZa6b",
    ),
];

/// Every video key the simulator knows: key, family, credits, Ultra only.
pub fn keys() -> impl Iterator<Item = (&'static str, &'static str, i64, bool)> {
    KEYS.iter()
        .copied()
        .chain(IMAGE_KEYS.iter().map(|&(k, f, c, u, _)| (k, f, c, u)))
}

/// The families of [`keys`], each once.
pub fn families() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for (_, f, _, _) in keys() {
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

struct Item {
    /// The uploaded images it is made from.
    images: Vec<String>,
    prompt: String,
    key: &'static str,
    family: &'static str,
    cost: i64,
    ultra: bool,
    aspect: &'static str,
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
        images: Vec::new(),
        prompt: text.to_string(),
        key,
        family,
        cost,
        ultra,
        aspect,
    })
}

/// `[PROMPT, …]`'s text: `[null, null, [[["<text>"]]]]`.
fn prompt_text(p: &Value) -> Option<&str> {
    let p = p.as_array()?;
    if p.len() != 3 || !p[0].is_null() || !p[1].is_null() || p[2].as_array()?.len() != 1 {
        return None;
    }
    p[2].pointer("/0/0/0")?.as_str()
}

/// `[null, <mediaId>, null, null, null, [top, left, bottom, right]]`, zeros as null.
fn frame(v: &Value) -> Option<(String, Value)> {
    let a = v.as_array()?;
    let crop = a.get(5)?;
    let in_range = crop.as_array()?.len() == 4
        && crop
            .as_array()?
            .iter()
            .all(|c| c.is_null() || c.as_f64().is_some_and(|x| x > 0.0 && x <= 1.0));
    (a.len() == 6 && a[0].is_null() && a[2..5].iter().all(Value::is_null) && in_range)
        .then(|| Some((a[1].as_str()?.to_string(), crop.clone())))?
}

fn ids_ok(ids: &Value) -> Option<()> {
    let ids = ids.as_array()?;
    (ids.len() == 6
        && ids[..4].iter().all(Value::is_null)
        && is_client_uuid(&ids[4])
        && is_client_uuid(&ids[5]))
    .then_some(())
}

/// One item of an image call, by its RPC's shape; `None` for a shape Flow would ignore.
fn image_item(rpcid: &str, v: &Value) -> Option<Item> {
    let a = v.as_array()?;
    let (text, key_at, images, ids_at) = match rpcid {
        // [PROMPT, key, aspect, null, FRAME, IDS]
        "eb1hJf" if a.len() == 6 => (prompt_text(&a[0])?.to_string(), 1, vec![frame(&a[4])?.0], 5),
        // [PROMPT, key, aspect, null, FRAME, FRAME, IDS], one shared crop
        "nprQif" if a.len() == 7 => {
            let (s, c1) = frame(&a[4])?;
            let (e, c2) = frame(&a[5])?;
            if c1 != c2 {
                return None;
            }
            (prompt_text(&a[0])?.to_string(), 1, vec![s, e], 6)
        }
        // [[null, null, [[["text"], [null, [[id, label]]]…]]], [[null, id]…], key, aspect, null, IDS]
        "MZZa6b" if a.len() == 6 => {
            let p = a[0].as_array()?;
            if p.len() != 3 || !p[0].is_null() || !p[1].is_null() {
                return None;
            }
            // Text parts `["…"]` and chips `[null, [[id, label]]]`, in any order.
            let mut text = String::new();
            let mut chips: Vec<String> = Vec::new();
            for part in p[2].get(0)?.as_array()? {
                match part.as_array()?.as_slice() {
                    [Value::String(t)] => text.push_str(t),
                    [Value::Null, chip] => {
                        chip.pointer("/0/1")?.as_str()?;
                        let id = chip.pointer("/0/0")?.as_str()?.to_string();
                        if !chips.contains(&id) {
                            chips.push(id);
                        }
                    }
                    _ => return None,
                }
            }
            let listed: Option<Vec<String>> = a[1]
                .as_array()?
                .iter()
                .map(|m| {
                    m.get(0)?
                        .is_null()
                        .then(|| m.get(1)?.as_str().map(str::to_string))?
                })
                .collect();
            let listed = listed?;
            // Each image once, chips in the same order as the list.
            if chips != listed || chips.is_empty() || chips.len() > 3 || text.trim().is_empty() {
                return None;
            }
            (text, 2, listed, 5)
        }
        _ => return None,
    };
    let key = a.get(key_at)?.as_str()?;
    let &(key, family, cost, ultra, rpc) = IMAGE_KEYS.iter().find(|k| k.0 == key)?;
    if rpc != rpcid {
        return None;
    }
    let aspect = match a.get(key_at + 1)?.as_i64()? {
        1 => "portrait",
        2 => "landscape",
        _ => return None,
    };
    if key.contains("landscape") && aspect != "landscape" {
        return None;
    }
    if !a.get(key_at + 2)?.is_null() {
        return None;
    }
    ids_ok(a.get(ids_at)?)?;
    Some(Item {
        images,
        prompt: text,
        key,
        family,
        cost,
        ultra,
        aspect,
    })
}

pub fn text_to_video(rpc: Rpc<'_>) -> Response {
    let items: Option<Vec<Item>> = rpc
        .inner
        .get(0)
        .and_then(Value::as_array)
        .filter(|i| (1..=4).contains(&i.len()))
        .and_then(|i| i.iter().map(item).collect());
    make(rpc, items)
}

pub fn image_to_video(rpc: Rpc<'_>) -> Response {
    let items: Option<Vec<Item>> = rpc
        .inner
        .get(0)
        .and_then(Value::as_array)
        .filter(|i| (1..=4).contains(&i.len()))
        .and_then(|i| i.iter().map(|v| image_item(rpc.rpcid, v)).collect());
    make(rpc, items)
}

/// What every video submit does once its items are read.
fn make(rpc: Rpc<'_>, items: Option<Vec<Item>>) -> Response {
    let (sim, account, rpcid) = (rpc.sim, rpc.account, rpc.rpcid);
    let v = &rpc.inner;
    let ctx = v.get(1);
    let project = ctx.and_then(|c| c.get(5)).and_then(Value::as_str);
    let token = ctx.and_then(|c| c.pointer("/10/0")).and_then(Value::as_str);
    let batch = v
        .pointer("/2/0")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let batch_ok = !batch.is_empty() && v.pointer("/2/1").and_then(Value::as_i64).is_some();
    if ctx.and_then(|c| c.get(1)).and_then(Value::as_i64) != Some(22) || !batch_ok {
        return wire::fault(rpcid, 3, None);
    }
    // The token is checked (and spent) before anything else is looked at.
    if let Err(refused) = super::spend_token(sim, account, token, "VIDEO_GENERATION", rpcid) {
        return refused;
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
        if let Err(refused) = super::own_project(sim, &mut w, account, project, rpcid) {
            return refused;
        }
        // Every image must be this account's own upload, in this project.
        for id in items.iter().flat_map(|i| &i.images) {
            let Some(image) = w.images.get(id) else {
                return wire::fault(rpcid, 5, None);
            };
            let (owner, in_project) = (image.owner, image.project == project);
            if owner != account {
                let violation = Violation {
                    route: rpcid.to_string(),
                    requester: w.accounts[account].report.name.clone(),
                    owner: w.accounts[owner].report.name.clone(),
                    media: id.clone(),
                };
                tracing::warn!(?violation, "an image of another account");
                w.violations.push(violation);
                return wire::fault(rpcid, 5, None);
            }
            if !in_project {
                return wire::fault(rpcid, 3, None);
            }
        }
        let a = &mut w.accounts[account];
        if items.iter().any(|i| {
            !a.families.iter().any(|f| f == i.family)
                || a.denied.iter().any(|f| f == i.family)
                || (i.ultra && a.plan != 3)
        }) {
            return wire::fault(rpcid, 7, Some("PUBLIC_ERROR_MODEL_ACCESS_DENIED"));
        }
        if let Some(left) = a.model_quota.get_mut(items[0].family) {
            if (*left as usize) < items.len() {
                // PER_MODEL_DAILY_QUOTA_REACHED, as its number.
                return wire::aitk_fault(rpcid, 8, 32);
            }
            *left -= items.len() as u32;
        }
    }
    let forced = sim.world().faults_seen.create_429 < u64::from(sim.faults().throttle_first);
    if forced || sim.roll(|f| f.create_429) {
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
    let drop = &sim.config.drop_marker;
    if !drop.is_empty() && items.iter().any(|i| i.prompt.contains(drop.as_str())) {
        sim.world().faults_seen.dropped += 1;
        return wire::page(StatusCode::BAD_GATEWAY);
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
            video: Video::from_clip(sim.config.flow_clip, &name, sim.config.video_bytes),
            fails: !fail.is_empty() && i.prompt.to_lowercase().contains(&fail),
            errors: false,
            expired: false,
            from_images: i.images.clone(),
            owner: account,
            project: project.to_string(),
            workflow: sim.new_id(),
            batch: batch.clone(),
            previous: None,
            extends: false,
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
    let forced = sim.world().faults_seen.lost_answers < u64::from(sim.faults().lost_first);
    let lost = forced || sim.roll(|f| f.lost_answer);
    let not_found = !lost
        && sim.world().faults_seen.queued_not_found
            < u64::from(sim.faults().queued_not_found_first);
    {
        let mut w = sim.world();
        let a = &mut w.accounts[account].report;
        a.credits -= cost;
        a.create_calls += 1;
        a.videos_created += made.len() as u64;
        if lost {
            w.faults_seen.lost_answers += 1;
        }
        if not_found {
            w.faults_seen.queued_not_found += 1;
        }
        for m in made {
            w.media.insert(m.name.clone(), m);
        }
    }
    if lost {
        // Made and charged, but the answer never arrives.
        return wire::page(StatusCode::BAD_GATEWAY);
    }
    if not_found {
        // Queued, made and charged, yet answered NOT_FOUND.
        return wire::fault(rpcid, 5, None);
    }
    wire::ok(rpcid, &answer)
}
