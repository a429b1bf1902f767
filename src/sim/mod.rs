//! A local server that speaks Flow's wire protocol, for demo mode, tests and benchmarks.
//!
//! It is strict where Flow is strict (ownership, expired tokens, old request shapes, single-use
//! reCAPTCHA tokens) so that the real client code runs end to end against it, and it records
//! what a test needs to know: ownership violations, credentials sent to the CDN, and counts
//! per account.

mod cdn;
pub mod config;
pub mod demo;
mod flow;
mod gemini;
mod reply;
pub mod report;
mod state;
pub mod video;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use config::{Faults, SimConfig};
pub use report::Report;

use crate::secret::Secret;
use state::Sim;

/// One simulated account.
#[derive(Debug, Clone)]
pub struct SimAccount {
    pub name: String,
    pub email: String,
    /// "flow" or "gemini".
    pub provider: &'static str,
    /// The value of `__Secure-next-auth.session-token` (Flow), or the API key (Gemini).
    pub secret: Secret,
    /// A project that exists for this account from the start.
    pub project_id: String,
}

/// A running simulator. Dropping it stops the servers.
pub struct RunningSim {
    sim: Arc<Sim>,
    addr: SocketAddr,
    cdn_addr: SocketAddr,
    accounts: Vec<SimAccount>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningSim {
    /// Binds both ports on 127.0.0.1 and starts serving.
    pub async fn start(config: SimConfig) -> std::io::Result<RunningSim> {
        let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
        let cdn_listener = TcpListener::bind(("127.0.0.1", config.cdn_port)).await?;
        let addr = listener.local_addr()?;
        let cdn_addr = cdn_listener.local_addr()?;
        let sim = Arc::new(Sim::new(
            config,
            format!("http://{addr}"),
            format!("http://{cdn_addr}"),
        ));
        let mut accounts = Vec::new();
        let count = sim.world().accounts.len();
        for i in 0..count {
            let project_id = sim.new_id();
            let mut w = sim.world();
            w.projects.insert(project_id.clone(), i);
            let a = &w.accounts[i];
            accounts.push(SimAccount {
                name: a.report.name.clone(),
                email: a.report.email.clone(),
                provider: if a.gemini { "gemini" } else { "flow" },
                secret: Secret::new(a.secret.clone()),
                project_id,
            });
        }
        let report_sim = sim.clone();
        let app = flow::router(sim.clone())
            .merge(gemini::router(sim.clone()))
            .merge(Router::new().route(
                "/sim/report",
                get(move || {
                    let sim = report_sim.clone();
                    async move { axum::Json(sim.report()) }
                }),
            ));
        let cdn = cdn::router(sim.clone());
        let tasks = vec![
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, app).await {
                    tracing::error!("simulator stopped: {e}");
                }
            }),
            tokio::spawn(async move {
                if let Err(e) = axum::serve(cdn_listener, cdn).await {
                    tracing::error!("simulated CDN stopped: {e}");
                }
            }),
        ];
        Ok(RunningSim {
            sim,
            addr,
            cdn_addr,
            accounts,
            tasks,
        })
    }

    /// Base of the aisandbox routes (`api_url`).
    pub fn api_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Base of the labs.google routes (`labs_url`).
    pub fn labs_url(&self) -> String {
        format!("http://{}/fx/api", self.addr)
    }

    pub fn cdn_url(&self) -> String {
        format!("http://{}", self.cdn_addr)
    }

    pub fn accounts(&self) -> &[SimAccount] {
        &self.accounts
    }

    pub fn config(&self) -> &SimConfig {
        &self.sim.config
    }

    pub fn report(&self) -> Report {
        self.sim.report()
    }

    pub fn set_faults(&self, faults: Faults) {
        self.sim.set_faults(faults);
    }

    fn index(&self, account: &str) -> Option<usize> {
        self.accounts.iter().position(|a| a.name == account)
    }

    /// Makes the account's session dead: the session route answers
    /// `ACCESS_TOKEN_REFRESH_NEEDED` and its tokens stop working.
    pub fn revoke_session(&self, account: &str) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].revoked = true;
        }
    }

    /// The user signed in again: a new session cookie that works (the old one stays dead).
    pub fn renew_session(&self, account: &str) -> Option<Secret> {
        let i = self.index(account)?;
        let cookie = format!("sim-{account}-renewed-{:016x}", self.sim.random_u64());
        let mut w = self.sim.world();
        w.accounts[i].revoked = false;
        w.accounts[i].secret = cookie.clone();
        Some(Secret::new(cookie))
    }

    /// Expires every access token of the account now.
    pub fn expire_tokens(&self, account: &str) {
        if let Some(i) = self.index(account) {
            self.sim.world().tokens.retain(|_, (a, _)| *a != i);
        }
    }

    pub fn set_credits(&self, account: &str, credits: i64) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].report.credits = credits;
        }
    }

    pub fn set_tier(&self, account: &str, tier: &str) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].tier = tier.to_string();
        }
    }

    /// Makes a Gemini account's files older than the retention period.
    pub fn expire_files(&self, account: &str) {
        if let Some(i) = self.index(account) {
            for m in self.sim.world().media.values_mut().filter(|m| m.owner == i) {
                m.expired = true;
            }
        }
    }

    /// The bytes the simulator serves for a media (for byte-identical checks).
    /// `media` is a media name or (legacy) an operation name.
    pub fn expected_video(&self, media: &str) -> Option<video::Video> {
        let w = self.sim.world();
        let name = w.operations.get(media).map_or(media, String::as_str);
        w.media.get(name).map(|m| m.video.clone())
    }

    /// Stops serving.
    pub fn stop(&mut self) {
        for t in self.tasks.drain(..) {
            t.abort();
        }
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        self.stop();
    }
}
