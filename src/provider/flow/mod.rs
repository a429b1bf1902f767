//! The client for Flow on flow.google.com (`../shared/reference/flow-batchexecute.md`).
//!
//! One [`FlowClient`] serves exactly one account. Every call goes through that account's
//! [`Transport`] (its own signed-in browser, through the bridge), so a video can only ever be
//! polled or re-signed by the account that made it. Requests are built and answers read here
//! (`requests`, `envelope`, `records`, `classify`: pure codecs); the browser only runs them.
//! Finished videos are fetched from their pre-signed links by a plain HTTP client that never
//! carries a cookie or any other credential.

mod account;
pub mod classify;
mod config;
pub mod create;
mod download;
pub mod envelope;
pub mod image_keys;
pub mod image_requests;
pub mod models;
pub mod poll;
mod reconcile;
pub mod records;
pub mod requests;
pub mod transport;
pub mod upload;
pub mod upscale;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::watch;

pub use account::AccountInfo;
pub use classify::CallKind;
pub use config::{DEFAULT_ORIGIN, FlowConfig};
pub use create::{Api, CreateRequest, Created, MediaRef, RequestRef};
pub use poll::{PollResult, PolledMedia};
pub use reconcile::Found;
pub use records::Plan;
pub use transport::{Call, Presence, Transport};

use crate::provider::error::ProviderError;
use crate::provider::http;

/// A Flow client for one account. See the module comment.
pub struct FlowClient {
    config: FlowConfig,
    transport: Arc<dyn Transport>,
    /// Fetches signed download links. It never carries a credential of any kind.
    cdn: reqwest::Client,
    /// The Google account this Flow account must be signed in as, when known.
    expected_email: Option<String>,
    state: Mutex<State>,
    /// Only one project is ever created per account, however many creates race to need it.
    project_lock: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct State {
    project: Option<String>,
    plan: Option<Plan>,
    /// `yBhWQ` families, once read.
    families: Option<Vec<String>>,
    /// Refusals in a row (unusual activity, throttling); each doubles the spacing.
    refusals: u32,
    /// Signed links by media, with when they were signed.
    links: HashMap<String, (String, Instant)>,
    /// Images already on this account, by project and SHA-256.
    uploads: HashMap<String, upload::Uploaded>,
}

impl FlowClient {
    /// A client for one account. `project` is a Flow project to use (one is created on the
    /// first create when absent); `expected_email` the Google account it must be signed in as.
    pub fn new(
        config: FlowConfig,
        transport: Arc<dyn Transport>,
        project: Option<String>,
        expected_email: Option<String>,
    ) -> Result<FlowClient, ProviderError> {
        Ok(FlowClient {
            cdn: http::client(config.idle_timeout)?,
            config,
            transport,
            expected_email: expected_email
                .map(|e| e.trim().to_string())
                .filter(|e| !e.is_empty()),
            state: Mutex::new(State {
                project: project.filter(|p| !p.trim().is_empty()),
                ..State::default()
            }),
            project_lock: tokio::sync::Mutex::new(()),
        })
    }

    pub fn config(&self) -> &FlowConfig {
        &self.config
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Follows the account's browser: connected or not, and who it is signed in as.
    pub fn presence(&self) -> watch::Receiver<Presence> {
        self.transport.presence()
    }

    /// Why no call may go out now, judged from what the browser last said; `None` when calls
    /// may go.
    pub fn browser_problem(&self, p: &Presence) -> Option<String> {
        if !p.connected {
            return Some(crate::t!("flow-waiting-browser"));
        }
        // Every call fails until the person clears Google's check in that browser.
        if let Some(place) = &p.blocked {
            return Some(transport::needs_you(place));
        }
        match (&self.expected_email, &p.email) {
            (Some(expected), Some(actual)) if !expected.eq_ignore_ascii_case(actual.trim()) => {
                Some(crate::t!(
                    "flow-wrong-google-account",
                    actual = actual,
                    expected = expected
                ))
            }
            _ => None,
        }
    }

    /// Runs one call in the account's browser and reads its answer.
    pub(crate) async fn rpc(&self, call: Call, kind: CallKind) -> Result<Value, ProviderError> {
        let presence = self.transport.presence().borrow().clone();
        if let Some(problem) = self.browser_problem(&presence) {
            return Err(ProviderError::Browser(problem));
        }
        // Generating spends credits and an upload puts the user's image in the account: both
        // wait until the browser says whose account it is.
        if (kind == CallKind::Generate || call.captcha.is_some())
            && let (Some(expected), None) = (&self.expected_email, &presence.email)
        {
            return Err(ProviderError::Browser(crate::t!(
                "flow-unknown-google-account",
                expected = expected
            )));
        }
        let rpcid = call.rpcid.clone();
        let answer = self
            .transport
            .call(call)
            .await
            .map_err(|e| classify::transport(e, kind))?;
        let result = classify::answer(&rpcid, kind, &answer);
        match result {
            Err(ProviderError::Throttled {
                retry_after,
                reason,
            }) => {
                // Flow says how long to wait no more than "later": wait six spacings, doubled
                // for each refusal in a row (a minute, doubling up to a quarter of an hour, at
                // the default spacing).
                let ours = self.submit_spacing().saturating_mul(6);
                let wait = retry_after.map_or(ours, |r| r.max(ours));
                tracing::debug!(%rpcid, %reason, "Flow throttled the call");
                Err(ProviderError::Throttled {
                    retry_after: Some(wait.min(self.config.max_spacing)),
                    reason,
                })
            }
            Err(e) => {
                tracing::debug!(%rpcid, error = %e, "Flow call failed");
                Err(e)
            }
            ok => ok,
        }
    }

    /// Least time before this account's next generate call: the configured spacing, doubled
    /// for each refusal in a row.
    pub fn submit_spacing(&self) -> Duration {
        let refusals = self.state().refusals.min(16);
        self.config
            .generate_spacing
            .saturating_mul(1u32 << refusals)
            .min(self.config.max_spacing.max(self.config.generate_spacing))
    }

    fn note_outcome(&self, result: &Result<Created, ProviderError>) {
        let mut st = self.state();
        match result {
            Ok(_) => st.refusals = 0,
            Err(ProviderError::Flagged(_) | ProviderError::Throttled { .. }) => st.refusals += 1,
            Err(_) => {}
        }
    }
}
