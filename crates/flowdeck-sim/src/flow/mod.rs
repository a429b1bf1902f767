//! A Flow-like origin: the pages a signed-in browser loads (with `WIZ_global_data` and, on
//! project pages, a page-level `grecaptcha.enterprise`), a sign-in route per account, and
//! `batchexecute` with the RPCs flowdeck speaks. Strict where Flow is strict: the page's `at`
//! token, single-use reCAPTCHA tokens bound to account and action, exact request slots, and
//! ownership of every project and media. Every route also answers under `/u/<n>/…` (several
//! Google accounts in one browser, `session`), and an account Google wants to see for itself
//! is sent to `/about` ("Confirm it's you") until that is cleared.

// Handlers return the error answer itself; it is built once per request, so boxing it buys
// nothing.
#![allow(clippy::result_large_err)]

mod account;
mod generate;
mod media;
mod page;
mod record;
mod rpc;
mod session;
mod upload;
mod upscale;
mod wire;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};

use super::state::Sim;

pub fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/", get(page::root))
        .route("/u/{n}", get(page::root_u))
        .route("/u/{n}/", get(page::root_u))
        .route("/project/{pid}", get(page::project))
        .route("/u/{n}/project/{pid}", get(page::project_u))
        .route("/about", get(page::about))
        .route("/u/{n}/about", get(page::about_u))
        .route("/sim/signin/{account}", get(page::sign_in))
        .route("/sim/recaptcha", post(page::recaptcha))
        .route("/u/{n}/sim/recaptcha", post(page::recaptcha_u))
        .route(BATCHEXECUTE, post(rpc::batchexecute))
        .route(
            &format!("/u/{{n}}{BATCHEXECUTE}"),
            post(rpc::batchexecute_u),
        )
        .with_state(sim)
}

const BATCHEXECUTE: &str = "/_/AiSandboxAngularFrontend/data/batchexecute";

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
    w: &mut crate::state::World,
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
