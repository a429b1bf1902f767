//! `maseQ`, an image upload: `[CTX, "<base64>", "<mime>", 1, null×4, "<file>", null, U1, U2]`
//! → `[[<idA>, <pid>, <idB>, "CAE"], <workflow>]`. Like Flow it trusts the bytes, not the mime
//! field, and answers a tiny image with no media at all.

use axum::response::Response;
use base64::Engine;
use serde_json::{Value, json};

use super::rpc::Rpc;
use super::wire;
use crate::state::Image;

/// The reCAPTCHA action an upload's token must be minted for.
const ACTION: &str = "UPLOAD_IMAGE";

pub fn upload(rpc: Rpc<'_>) -> Response {
    let (sim, account, rpcid) = (rpc.sim, rpc.account, rpc.rpcid);
    let v = &rpc.inner;
    let ctx = v.get(0);
    let project = ctx.and_then(|c| c.get(5)).and_then(Value::as_str);
    let token = ctx.and_then(|c| c.pointer("/10/0")).and_then(Value::as_str);
    let shaped = v.as_array().is_some_and(|a| {
        a.len() == 12
            && a[1].is_string()
            && a[2].as_str().is_some_and(|m| m.starts_with("image/"))
            && a[3].as_i64() == Some(1)
            && a[4..8].iter().all(Value::is_null)
            && a[8].is_string()
            && a[9].is_null()
            && a[10].is_string()
            && a[11].is_string()
    });
    if ctx.and_then(|c| c.get(1)).and_then(Value::as_i64) != Some(22) || !shaped {
        return wire::fault(rpcid, 3, None);
    }
    if let Err(refused) = super::spend_token(sim, account, token, ACTION, rpcid) {
        return refused;
    }
    let Some(project) = project else {
        return wire::fault(rpcid, 3, None);
    };
    {
        let mut w = sim.world();
        if let Err(refused) = super::own_project(sim, &mut w, account, project, rpcid) {
            return refused;
        }
    }
    let bytes = v[1]
        .as_str()
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok());
    let Some(bytes) = bytes else {
        return wire::fault(rpcid, 3, None);
    };
    if flowdeck_core::picture::sniff(&bytes).is_err() {
        // What Flow does with a 1×1 image: 200, and no id.
        return wire::ok(rpcid, &json!([]));
    }
    let (id, workflow) = (sim.new_id(), sim.new_id());
    {
        let mut w = sim.world();
        w.images.insert(
            id.clone(),
            Image {
                owner: account,
                project: project.to_string(),
                digest: {
                    use sha2::Digest;
                    hex::encode(&sha2::Sha256::digest(&bytes)[..8])
                },
            },
        );
        w.accounts[account].report.uploads += 1;
    }
    wire::ok(rpcid, &json!([[id, project, workflow, "CAE"], [workflow]]))
}
