//! The client for Flow on flow.google.com (`../shared/reference/flow-batchexecute.md`).
//!
//! One [`FlowClient`] serves exactly one account. Every call goes through that account's
//! [`Transport`] (its own signed-in browser, through the bridge), so a video can only ever be
//! polled or re-signed by the account that made it. Requests are built and answers read here
//! (`requests`, `envelope`, `records`, `classify`: pure codecs); the browser only runs them.
//! Finished videos are fetched from their pre-signed links by a plain HTTP client that never
//! carries a cookie or any other credential.

mod account;
pub mod catalogue;
pub mod classify;
mod config;
pub mod create;
mod download;
pub mod envelope;
pub mod image_keys;
pub mod image_requests;
pub mod keys;
pub mod models;
pub mod poll;
pub mod protocol;
mod reconcile;
pub mod records;
pub mod refs;
pub mod requests;
pub mod transport;
pub mod upload;
pub mod upscale;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::watch;

pub use account::{AccountInfo, Advisory, Examined};
pub use catalogue::FamiliesFrom;
pub use classify::CallKind;
pub use config::{DEFAULT_ORIGIN, FlowConfig};
pub use create::{Api, CreateRequest, Created, MediaRef, RequestRef};
pub use poll::{PollResult, PolledMedia};
pub use reconcile::Found;
pub use records::Plan;
pub use transport::{Call, Presence, Transport};

use crate::provider::capture::Surprise;
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
    /// The project was read (or made) since this client started.
    project_verified: bool,
    plan: Option<Plan>,
    /// The families Flow offers (`HTrJv` or `yBhWQ`), once read; `None`: not known, every
    /// built-in key is tried and the service's answer decides.
    families: Option<Vec<String>>,
    /// Refusals in a row (unusual activity, throttling); each doubles the spacing.
    refusals: u32,
    /// Signed links by media, with when they stop being good to start a download with.
    links: HashMap<String, (String, Instant)>,
    /// Images already on this account, by project and SHA-256.
    uploads: HashMap<String, upload::Uploaded>,
    /// Model families Flow refused this account: until the next daily reset (a per-model
    /// quota), or for as long as this client lives (`None`: access denied).
    refused: HashMap<String, Option<time::OffsetDateTime>>,
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
    pub fn browser_problem(&self, p: &Presence) -> Option<crate::message::Message> {
        if !p.connected {
            return Some(crate::msg!("flow-waiting-browser"));
        }
        // Every call fails until the person clears Google's check in that browser.
        if let Some(place) = &p.blocked {
            return Some(transport::needs_you(place));
        }
        match (&self.expected_email, &p.email) {
            (Some(expected), Some(actual)) if !expected.eq_ignore_ascii_case(actual.trim()) => {
                Some(crate::msg!(
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
            return Err(ProviderError::Browser(crate::msg!(
                "flow-unknown-google-account",
                expected = expected
            )));
        }
        let rpcid = call.rpcid.clone();
        let sent = self.config.captures.as_ref().map(|_| call.clone());
        let answer = self
            .transport
            .call(call)
            .await
            .map_err(|e| classify::transport(e, kind))?;
        let result = classify::answer(&rpcid, kind, &answer);
        if let (Some(sent), Err(e @ ProviderError::Unexpected { .. })) = (&sent, &result) {
            self.surprise(sent, answer.status, &answer.body, false, e);
        }
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
                tracing::debug!(%rpcid, reason = %reason.log(), "Flow throttled the call");
                Err(ProviderError::Throttled {
                    retry_after: Some(wait.min(self.config.max_spacing)),
                    reason,
                })
            }
            Err(e) => {
                tracing::debug!(%rpcid, error = %e.log(), "Flow call failed");
                Err(e)
            }
            ok => ok,
        }
    }

    /// [`rpc`](Self::rpc), then `read` on the payload. An error from `read` means the answer
    /// parsed but lacks what the caller needs: the payload is captured.
    pub(crate) async fn rpc_read<T>(
        &self,
        call: Call,
        kind: CallKind,
        read: impl FnOnce(&Value) -> Result<T, ProviderError>,
    ) -> Result<T, ProviderError> {
        let sent = self.config.captures.as_ref().map(|_| call.clone());
        let payload = self.rpc(call, kind).await?;
        read(&payload).inspect_err(|e| {
            if let Some(sent) = &sent {
                self.surprise(sent, 200, &payload.to_string(), true, e);
            }
        })
    }

    /// Hands an answer flowdeck could not read to the capture sink, which redacts and keeps it.
    fn surprise(&self, call: &Call, status: u16, body: &str, payload: bool, error: &ProviderError) {
        if let Some(sink) = &self.config.captures {
            sink.capture(&Surprise {
                provider: "flow",
                rpc: &call.rpcid,
                route: &call.path,
                status,
                request: Some(&call.freq),
                body,
                payload,
                error,
            });
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

    fn note_outcome(&self, family: &str, result: &Result<Created, ProviderError>) {
        let mut st = self.state();
        match result {
            Ok(_) => st.refusals = 0,
            Err(ProviderError::Flagged(_) | ProviderError::Throttled { .. }) => st.refusals += 1,
            // Flow's per-model quotas reset at midnight UTC (as peers measured them).
            Err(ProviderError::ModelQuota(_)) => {
                let tomorrow = time::OffsetDateTime::now_utc().date().next_day();
                let reset = tomorrow.map(|d| d.midnight().assume_utc());
                st.refused.insert(family.to_string(), reset);
            }
            Err(ProviderError::ModelDenied(_)) => {
                st.refused.insert(family.to_string(), None);
            }
            Err(_) => {}
        }
    }

    /// Why this account may not make `family` now, when Flow refused it.
    fn refusal(&self, family: &str) -> Option<crate::message::Message> {
        let now = time::OffsetDateTime::now_utc();
        match self.state().refused.get(family)? {
            None => Some(crate::msg!("flow-model-not-for-account", family = family)),
            Some(until) if *until > now => {
                let minutes = ((*until - now).whole_minutes()).max(1);
                Some(crate::msg!(
                    "flow-model-resting",
                    family = family,
                    minutes = minutes
                ))
            }
            Some(_) => None,
        }
    }

    /// When a model refused for its daily quota may be asked for again (the earliest).
    pub fn models_back_in(&self) -> Option<Duration> {
        let now = time::OffsetDateTime::now_utc();
        self.state()
            .refused
            .values()
            .flatten()
            .filter(|u| **u > now)
            .min()
            .and_then(|u| Duration::try_from(*u - now).ok())
    }
}
