//! A local server that speaks the providers' wire protocols, for demo mode, tests and
//! benchmarks: a Flow-like origin (pages, reCAPTCHA, batchexecute), the Gemini API's routes,
//! and a signed-URL CDN on another port.
//!
//! It is strict where the services are strict (ownership, the page's `at`, single-use reCAPTCHA
//! tokens, exact request slots) so that the real client code runs end to end against it, and
//! it records what a test needs to know: ownership violations, credentials sent to the CDN,
//! and counts per account. `standin` plays the browser extension against it.

mod cdn;
pub mod config;
pub mod demo;
mod flow;
mod gemini;
mod reply;
pub mod report;
pub mod standin;
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
    /// The session cookie its browser signs in with (Flow), or the API key (Gemini).
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

    /// The Flow-like origin (`[flow] origin`), also the Gemini API's base (`api_url`).
    pub fn flow_origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The Gemini API's base URL (`[gemini] api_url`).
    pub fn api_url(&self) -> String {
        self.flow_origin()
    }

    pub fn cdn_url(&self) -> String {
        format!("http://{}", self.cdn_addr)
    }

    pub fn accounts(&self) -> &[SimAccount] {
        &self.accounts
    }

    pub fn account(&self, name: &str) -> Option<&SimAccount> {
        self.accounts.iter().find(|a| a.name == name)
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

    /// A browser profile signed in as the Flow account `account`.
    pub fn page(&self, account: &str) -> Option<std::sync::Arc<standin::Page>> {
        let a = self.account(account)?;
        Some(std::sync::Arc::new(standin::Page::new(
            &self.flow_origin(),
            &a.secret,
        )))
    }

    /// Ends the account's session: its pages show Flow signed out and its calls get 401.
    pub fn sign_out(&self, account: &str) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].signed_out = true;
        }
    }

    /// The user signed in again in that browser.
    pub fn sign_in_again(&self, account: &str) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].signed_out = false;
        }
    }

    /// Gives the account's pages a new `at` token, so tabs loaded before are stale.
    pub fn renew_page_token(&self, account: &str) {
        if let Some(i) = self.index(account) {
            let token = format!(
                "AIQ-{:016x}:{}",
                self.sim.random_u64(),
                self.sim.random_u64() >> 24
            );
            self.sim.world().accounts[i].page_token = token;
        }
    }

    /// Refuses the account's next `n` generate calls as unusual activity (nothing made).
    pub fn flag_next(&self, account: &str, n: u32) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].flag_next = n;
        }
    }

    pub fn set_credits(&self, account: &str, credits: i64) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].report.credits = credits;
        }
    }

    /// 1 free, 2 Pro, 3 Ultra.
    pub fn set_plan(&self, account: &str, plan: u8) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].plan = plan;
        }
    }

    pub fn set_families(&self, account: &str, families: &[&str]) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].families =
                families.iter().map(|f| f.to_string()).collect();
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
    /// `media` is a media name or a Gemini operation name.
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
