//! `POST [/u/<n>]/_/AiSandboxAngularFrontend/data/batchexecute`: the session cookie (and which
//! of its accounts), the page's `at` token, the `f.req` envelope, then one RPC.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::Value;

use super::session::{self, Named, segment};
use super::{account, generate, media, page, slow, upload, upscale, wire};
use crate::state::Sim;

/// One RPC to answer: who asks, and its inner payload.
pub struct Rpc<'a> {
    pub sim: &'a Sim,
    pub account: usize,
    pub rpcid: &'a str,
    pub inner: Value,
}

pub async fn batchexecute(
    State(sim): State<Arc<Sim>>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let named = Named::from(None, &query);
    serve(&sim, named, &query, &headers, &form).await
}

/// Under `/u/<n>/`: the browser's `n`th account.
pub async fn batchexecute_u(
    State(sim): State<Arc<Sim>>,
    Path(n): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let Some(n) = segment(&n) else {
        return wire::page(StatusCode::NOT_FOUND);
    };
    let named = Named::from(Some(n), &query);
    serve(&sim, named, &query, &headers, &form).await
}

async fn serve(
    sim: &Sim,
    named: Named,
    query: &HashMap<String, String>,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Response {
    slow(sim).await;
    let Some(session) = session::session(sim, headers, named) else {
        return wire::page(StatusCode::UNAUTHORIZED);
    };
    let account = session.account;
    {
        let mut w = sim.world();
        let a = &mut w.accounts[account];
        *a.report.routes.entry(named.label()).or_default() += 1;
        let source_path = query.get("source-path").map_or("", String::as_str);
        if !named.matches_source_path(source_path) {
            a.report.source_path_mismatches += 1;
        }
        // Turned away at the door, before anything runs (as a page load is).
        if a.challenged {
            a.report.turned_away += 1;
            return page::to_about(named);
        }
    }
    let current = sim.world().accounts[account].page_token.clone();
    if form.get("at") != Some(&current) {
        return wire::xsrf(&current);
    }
    for required in ["rpcids", "bl", "f.sid", "rt"] {
        if !query.contains_key(required) {
            return wire::page(StatusCode::BAD_REQUEST);
        }
    }
    // `[[["<rpcid>","<inner>",null,"generic"]]]`
    let envelope: Option<Value> = form.get("f.req").and_then(|f| serde_json::from_str(f).ok());
    let call = envelope.as_ref().and_then(|e| e.pointer("/0/0"));
    let rpcid = call.and_then(|c| c.get(0)).and_then(Value::as_str);
    let inner = call
        .and_then(|c| c.get(1))
        .and_then(Value::as_str)
        .and_then(|s| serde_json::from_str::<Value>(s).ok());
    let (Some(rpcid), Some(inner)) = (rpcid, inner) else {
        return wire::page(StatusCode::BAD_REQUEST);
    };
    if query.get("rpcids").map(String::as_str) != Some(rpcid)
        || call.and_then(|c| c.get(3)).and_then(Value::as_str) != Some("generic")
    {
        return wire::page(StatusCode::BAD_REQUEST);
    }
    if sim.faults().hollow.iter().any(|h| h == rpcid) {
        sim.world().faults_seen.hollow += 1;
        return wire::ok(rpcid, &serde_json::json!([]));
    }
    // Answered under the id it was called by; served as what that id is today.
    let renamed = &sim.config.renamed;
    let what = match renamed.iter().find(|(_, new)| new == rpcid) {
        Some((old, _)) => old.as_str(),
        None if renamed.iter().any(|(old, _)| old == rpcid) => "",
        None => rpcid,
    };

    let rpc = Rpc {
        sim,
        account,
        rpcid,
        inner,
    };
    let answer = match what {
        "jHPbke" => account::create_project(rpc),
        "nzlxg" => account::credits(rpc),
        "yBhWQ" => account::families(rpc),
        "HTrJv" => account::catalogue(rpc),
        "YhhmEf" => generate::text_to_video(rpc),
        "eb1hJf" | "nprQif" | "MZZa6b" => generate::image_to_video(rpc),
        "maseQ" => upload::upload(rpc),
        "p0UkFb" => upscale::upscale(rpc),
        "jwpduf" => media::poll(rpc),
        "as29s" => media::sign(rpc),
        "Zzl0ze" => media::listing(rpc),
        other => wire::fault(other, 3, None),
    };
    let hold = sim.faults().hold_generate_ms;
    if hold > 0 && matches!(what, "YhhmEf" | "eb1hJf" | "nprQif" | "MZZa6b" | "p0UkFb") {
        tokio::time::sleep(std::time::Duration::from_millis(hold)).await;
    }
    if !sim.faults().drift.iter().any(|d| d == rpcid) {
        return answer;
    }
    sim.world().faults_seen.drifted += 1;
    let carried = [
        form.get("at").cloned().unwrap_or_default(),
        form.get("f.req").cloned().unwrap_or_default(),
        headers
            .get("cookie")
            .and_then(|c| c.to_str().ok())
            .unwrap_or_default()
            .to_string(),
    ];
    wire::drifted(answer, &carried).await
}
