//! Projects, credits and model families.

use axum::response::Response;
use serde_json::{Value, json};

use super::generate;
use super::rpc::Rpc;
use super::wire;
use crate::config::Drift;

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

/// A read that has drifted: an error block, or a flag list where flowdeck reads families.
fn drifted(rpc: &Rpc<'_>, drift: Drift) -> Option<Response> {
    match drift {
        Drift::Known => None,
        Drift::Error => Some(wire::fault(rpc.rpcid, 3, None)),
        Drift::Unknown => Some(wire::ok(rpc.rpcid, &json!([[1, 0, 1], null, [true]]))),
    }
}

/// `yBhWQ` `[]` → `[[["abra",1],…]]`.
pub fn families(rpc: Rpc<'_>) -> Response {
    if let Some(r) = drifted(&rpc, rpc.sim.config.ybhwq) {
        return r;
    }
    let w = rpc.sim.world();
    let list: Vec<Value> = w.accounts[rpc.account]
        .families
        .iter()
        .map(|f| json!([f, 1]))
        .collect();
    wire::ok(rpc.rpcid, &json!([list]))
}

/// `HTrJv` `[]` → the model catalogue, shaped as the 2026-10 capture: `d[0][4]` holds one group
/// per family the account is offered, `[label, [KEY…], true, family]`, each KEY `[key, null,
/// null, null, [[tier, [[null, credits]]] or [tier, [null, []]] when that tier may not use it,
/// …]]`.
pub fn catalogue(rpc: Rpc<'_>) -> Response {
    if let Some(r) = drifted(&rpc, rpc.sim.config.htrjv) {
        return r;
    }
    let w = rpc.sim.world();
    let offered = &w.accounts[rpc.account].families;
    let mut groups: Vec<Value> = Vec::new();
    for family in generate::families() {
        let keys: Vec<Value> = generate::keys()
            .filter(|k| k.1 == family)
            .map(|(key, _, cost, ultra)| {
                let tiers: Vec<Value> = (1..=3)
                    .map(|tier| {
                        if ultra && tier != 3 {
                            json!([tier, [null, []]])
                        } else {
                            json!([tier, [[null, cost]]])
                        }
                    })
                    .collect();
                json!([key, null, null, null, tiers])
            })
            .collect();
        // A family the account is not offered is not in its catalogue.
        if offered.iter().any(|f| f == family) {
            groups.push(json!([family.replace('_', " "), keys, true, family]));
        }
    }
    wire::ok(
        rpc.rpcid,
        &json!([[null, null, [], [], groups, [], null, []]]),
    )
}
