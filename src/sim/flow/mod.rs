//! A Flow-like origin: the pages a signed-in browser loads (with `WIZ_global_data` and, on
//! project pages, a page-level `grecaptcha.enterprise`), a sign-in route per account, and
//! `batchexecute` with the RPCs flowdeck speaks. Strict where Flow is strict: the page's `at`
//! token, single-use reCAPTCHA tokens bound to account and action, exact request slots, and
//! ownership of every project and media.

// Handlers return the error answer itself; it is built once per request, so boxing it buys
// nothing.
#![allow(clippy::result_large_err)]

mod account;
mod generate;
mod media;
mod page;
mod record;
mod rpc;
mod upload;
mod upscale;
mod wire;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, header};
use axum::routing::{get, post};

use super::state::Sim;

pub fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/", get(page::root))
        .route("/project/{pid}", get(page::project))
        .route("/sim/signin/{account}", get(page::sign_in))
        .route("/sim/recaptcha", post(page::recaptcha))
        .route(
            "/_/AiSandboxAngularFrontend/data/batchexecute",
            post(rpc::batchexecute),
        )
        .with_state(sim)
}

/// The signed-in account of the request's cookies.
fn cookie(sim: &Sim, headers: &HeaderMap) -> Option<usize> {
    let value = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ");
    sim.account_for_cookie(Some(&value))
}

/// The "slow responses" fault.
async fn slow(sim: &Sim) {
    if sim.roll(|f| f.slow) {
        sim.world().faults_seen.slow += 1;
        tokio::time::sleep(Duration::from_millis(sim.faults().slow_ms)).await;
    }
}

/// Spends a call's reCAPTCHA token, which must be fresh and minted for this account and
/// action: otherwise Flow's unusual-activity refusal (and the account is marked flagged).
fn spend_token(
    sim: &Sim,
    account: usize,
    token: Option<&str>,
    action: &str,
    rpcid: &str,
) -> Result<(), axum::response::Response> {
    sim.redeem_captcha(token.unwrap_or(""), account, action)
        .map_err(|why| {
            tracing::info!(%why, %rpcid, "simulated Flow refused a reCAPTCHA token");
            sim.world().accounts[account].report.flagged += 1;
            wire::fault(rpcid, 7, Some("PUBLIC_ERROR_UNUSUAL_ACTIVITY"))
        })
}

/// The project must be the caller's: an unknown one is "not found", another account's is
/// refused (and recorded).
fn own_project(
    sim: &Sim,
    w: &mut crate::sim::state::World,
    account: usize,
    project: &str,
    rpcid: &str,
) -> Result<(), axum::response::Response> {
    match sim.owns_project(w, account, project, rpcid) {
        None => Err(wire::fault(rpcid, 5, None)),
        Some(false) => Err(wire::fault(rpcid, 7, None)),
        Some(true) => Ok(()),
    }
}
