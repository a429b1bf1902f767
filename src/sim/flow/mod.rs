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
