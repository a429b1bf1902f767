//! Projects, credits and model families.

use axum::response::Response;
use serde_json::{Value, json};

use super::rpc::Rpc;
use super::wire;

/// `jHPbke` `["projects/*",[null,["<title>"]],[null,22]]` → `["<pid>",["<title>"]]`.
pub fn create_project(rpc: Rpc<'_>) -> Response {
    let v = &rpc.inner;
    let title = v.pointer("/1/1/0").and_then(Value::as_str);
    if v.get(0).and_then(Value::as_str) != Some("projects/*")
        || v.pointer("/2/1").and_then(Value::as_i64) != Some(22)
    {
        return wire::fault(rpc.rpcid, 3, None);
    }
    let Some(title) = title else {
        return wire::fault(rpc.rpcid, 3, None);
    };
    let id = rpc.sim.new_id();
    rpc.sim.world().projects.insert(id.clone(), rpc.account);
    wire::ok(rpc.rpcid, &json!([id, [title]]))
}

/// `nzlxg` `[]` → `[balance, old tier, price tier, price tier, null, balance]`.
pub fn credits(rpc: Rpc<'_>) -> Response {
    let w = rpc.sim.world();
    let a = &w.accounts[rpc.account];
    let c = a.report.credits;
    let old = if a.plan == 3 { 2 } else { 1 };
    wire::ok(rpc.rpcid, &json!([c, old, a.plan, a.plan, null, c]))
}

/// `yBhWQ` `[]` → `[[["abra",1],…]]`.
pub fn families(rpc: Rpc<'_>) -> Response {
    let w = rpc.sim.world();
    let list: Vec<Value> = w.accounts[rpc.account]
        .families
        .iter()
        .map(|f| json!([f, 1]))
        .collect();
    wire::ok(rpc.rpcid, &json!([list]))
}
