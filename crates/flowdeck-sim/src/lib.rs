//! A local server that speaks the providers' wire protocols, for demo mode, tests and
//! benchmarks: a Flow-like origin (pages, reCAPTCHA, batchexecute), the Gemini API's routes,
//! a signed-URL CDN on another port, and Vertex AI and Cloud Storage on two more.
//!
//! It is strict where the services are strict (ownership, the page's `at`, single-use reCAPTCHA
//! tokens, exact request slots) so that the real client code runs end to end against it, and
//! it records what a test needs to know: ownership violations, credentials sent to the CDN,
//! and counts per account. `standin` plays the browser extension against it.

mod cdn;
pub mod config;
mod flow;
mod gemini;
mod reply;
pub mod report;
pub mod standin;
mod state;
mod vertex;
pub mod video;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use config::{Drift, Faults, SimConfig};
pub use report::Report;

use flowdeck_core::secret::Secret;
use state::Sim;

/// One simulated account.
#[derive(Debug, Clone)]
pub struct SimAccount {
    pub name: String,
    pub email: String,
    /// "flow", "gemini" or "vertex".
    pub provider: &'static str,
    /// The session cookie its browser signs in with (Flow), the API key (Gemini), or the
    /// service-account JSON key file (Vertex).
    pub secret: Secret,
    /// A project that exists for this account from the start (Vertex: `{name}-project`).
    pub project_id: String,
}

/// A running simulator. Dropping it stops the servers.
pub struct RunningSim {
    sim: Arc<Sim>,
    addr: SocketAddr,
    cdn_addr: SocketAddr,
    vertex_addr: SocketAddr,
    storage_addr: SocketAddr,
    accounts: Vec<SimAccount>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningSim {
    /// Binds all four ports on 127.0.0.1 and starts serving.
    pub async fn start(config: SimConfig) -> std::io::Result<RunningSim> {
        let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
        let cdn_listener = TcpListener::bind(("127.0.0.1", config.cdn_port)).await?;
        let vertex_listener = TcpListener::bind(("127.0.0.1", config.vertex_port)).await?;
        let storage_listener = TcpListener::bind(("127.0.0.1", config.storage_port)).await?;
        let addr = listener.local_addr()?;
        let cdn_addr = cdn_listener.local_addr()?;
        let vertex_addr = vertex_listener.local_addr()?;
        let storage_addr = storage_listener.local_addr()?;
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
                provider: a.provider.name(),
                secret: Secret::new(a.secret.clone()),
                project_id,
            });
        }
        // After the others, so their projects keep the ids a seed gave them before.
        vertex::enroll(&sim, &format!("http://{vertex_addr}/oauth2/token"))?;
        let w = sim.world();
        for s in &w.vertex.service_accounts {
            let a = &w.accounts[s.account];
            accounts.push(SimAccount {
                name: a.report.name.clone(),
                email: s.email.clone(),
                provider: a.provider.name(),
                secret: Secret::new(a.secret.clone()),
                project_id: s.project.clone(),
            });
        }
        drop(w);
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
        let app = vertex::guarded(app, sim.clone(), vertex::Listener::Main);
        let cdn = vertex::guarded(cdn::router(sim.clone()), sim.clone(), vertex::Listener::Cdn);
        let vertex_app = vertex::router(sim.clone());
        let storage = vertex::storage_router(sim.clone());
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
            tokio::spawn(async move {
                if let Err(e) = axum::serve(vertex_listener, vertex_app).await {
                    tracing::error!("simulated Vertex AI stopped: {e}");
                }
            }),
            tokio::spawn(async move {
                if let Err(e) = axum::serve(storage_listener, storage).await {
                    tracing::error!("simulated Cloud Storage stopped: {e}");
                }
            }),
        ];
        Ok(RunningSim {
            sim,
            addr,
            cdn_addr,
            vertex_addr,
            storage_addr,
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

    /// The Vertex AI API's base URL (its OAuth token endpoint is `{vertex_url}/oauth2/token`).
    pub fn vertex_url(&self) -> String {
        format!("http://{}", self.vertex_addr)
    }

    /// Cloud Storage's JSON API base URL.
    pub fn storage_url(&self) -> String {
        format!("http://{}", self.storage_addr)
    }

    /// Invalidates every Vertex access token issued so far, as if they all expired now: the
    /// next call with one gets 401 and the client must fetch a new one.
    pub fn revoke_vertex_tokens(&self) {
        let now = std::time::Instant::now();
        for t in self.sim.world().vertex.tokens.values_mut() {
            if t.issued <= now {
                t.revoked = true;
            }
        }
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

    /// Every secret the simulator has issued so far, each with what it is.
    pub fn secrets(&self) -> Vec<(String, String)> {
        self.sim.secrets()
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

    /// A browser profile signed in to several Google accounts (in this order, as Google's
    /// multi-login keeps them), its Flow tab open as the one at `index` (`/u/<index>/`).
    pub fn profile(
        &self,
        accounts: &[&str],
        index: usize,
    ) -> Option<std::sync::Arc<standin::Page>> {
        let sessions: Vec<&Secret> = accounts
            .iter()
            .map(|a| self.account(a).map(|a| &a.secret))
            .collect::<Option<_>>()?;
        Some(std::sync::Arc::new(standin::Page::signed_in(
            &self.flow_origin(),
            &sessions,
            index,
        )))
    }

    /// Google wants the account's person to confirm it is them ("Confirm it's you"): its
    /// pages go to `/about` and its calls are turned away there, until [`clear_challenge`].
    ///
    /// [`clear_challenge`]: RunningSim::clear_challenge
    pub fn challenge(&self, account: &str) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].challenged = true;
        }
    }

    /// The person finished Google's check in the browser: Flow is normal again.
    pub fn clear_challenge(&self, account: &str) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].challenged = false;
        }
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

    /// Lets a Flow account make `videos` more of a model family today; then Flow refuses it
    /// with the per-model daily quota.
    pub fn set_model_quota(&self, account: &str, family: &str, videos: u32) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i]
                .model_quota
                .insert(family.to_string(), videos);
        }
    }

    /// Flow refuses this account's creates of a family its catalogue still lists.
    pub fn deny_family(&self, account: &str, family: &str) {
        if let Some(i) = self.index(account) {
            self.sim.world().accounts[i].denied.push(family.to_string());
        }
    }

    /// Deletes a Flow project and everything in it, as the user can in Flow's UI: every call
    /// naming it answers NOT_FOUND from now on.
    pub fn delete_project(&self, project: &str) {
        let mut w = self.sim.world();
        w.projects.remove(project);
        w.media.retain(|_, m| m.project != project);
    }

    /// The Flow projects an account owns.
    pub fn projects_of(&self, account: &str) -> Vec<String> {
        let Some(i) = self.index(account) else {
            return Vec::new();
        };
        let w = self.sim.world();
        w.projects
            .iter()
            .filter(|(_, owner)| **owner == i)
            .map(|(p, _)| p.clone())
            .collect()
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
    /// `media` is a media name, a Gemini operation name, or a Vertex sample
    /// (`{operation name}#{i}`; a bare Vertex operation name means its first sample).
    pub fn expected_video(&self, media: &str) -> Option<video::Video> {
        let w = self.sim.world();
        let name = w.operations.get(media).map_or(media, String::as_str);
        w.media
            .get(name)
            .or_else(|| w.media.get(&format!("{media}#0")))
            .map(|m| m.video.clone())
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
