//! The client for Google Labs Flow's HTTP API (`../shared/reference/flow-api.md`).
//!
//! One [`FlowClient`] serves exactly one account: it owns that account's credential, its
//! access-token cache and its project. The engine gives each lane its own client, so a video
//! can only be polled or downloaded with the credentials of the account that made it.

mod account;
pub mod auth;
pub mod captcha;
pub mod classify;
mod config;
pub mod create;
mod credential;
mod download;
pub mod inline;
pub mod models;
pub mod poll;

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, COOKIE, ORIGIN, REFERER};
use serde_json::Value;
use tokio::sync::Mutex;

pub use account::{AccountInfo, Credits};
pub use auth::SessionUser;
pub use config::{DEFAULT_API_URL, DEFAULT_LABS_URL, FlowConfig, WireGeneration};
pub use create::{CreateRequest, Created, MediaRef};
pub use credential::FlowCredential;
pub use download::{DownloadRoute, Downloaded};
pub use models::PaygateTier;
pub use poll::{Failure, PollResult, PolledMedia};

use crate::provider::error::ProviderError;
use crate::provider::http::{self, read_capped, retry_after, transport};

/// Flow's web origin; the aisandbox API expects calls to come from it.
const WEB_ORIGIN: &str = "https://labs.google";

/// A Flow client for one account. See the module comment.
pub struct FlowClient {
    config: FlowConfig,
    credential: FlowCredential,
    /// Talks to Flow's own hosts; never follows a redirect by itself.
    http: reqwest::Client,
    /// Fetches signed download URLs. It never carries a credential of any kind.
    cdn: reqwest::Client,
    tokens: Mutex<auth::TokenState>,
    account: Mutex<account::AccountState>,
}

impl FlowClient {
    /// A client for one account. `project_id` is an existing Flow project to use; without
    /// one, a project is created on the first create call.
    pub fn new(
        config: FlowConfig,
        credential: FlowCredential,
        project_id: Option<String>,
    ) -> Result<FlowClient, ProviderError> {
        Ok(FlowClient {
            http: http::client(config.idle_timeout)?,
            cdn: http::client(config.idle_timeout)?,
            config,
            credential,
            tokens: Mutex::new(auth::TokenState::default()),
            account: Mutex::new(account::AccountState::new(project_id)),
        })
    }

    pub fn config(&self) -> &FlowConfig {
        &self.config
    }

    /// A call to the aisandbox API with the bearer token; on a 401 the token is renewed
    /// once and the call repeated (a 401 means the call was not carried out).
    async fn api(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Bytes, ProviderError> {
        for attempt in 0..2 {
            let (token, id) = self.bearer().await?;
            let mut req = self
                .http
                .request(method.clone(), self.config.api(path))
                .bearer_auth(token.expose())
                .header(ORIGIN, WEB_ORIGIN)
                .header(REFERER, format!("{WEB_ORIGIN}/"))
                .timeout(self.config.request_timeout);
            if let Some(body) = body {
                // What the browser sends; one source saw a 400 after switching to JSON.
                req = req
                    .header(CONTENT_TYPE, "text/plain;charset=UTF-8")
                    .body(body.to_string());
            }
            let resp = req.send().await.map_err(transport)?;
            let status = resp.status().as_u16();
            if status == 401 {
                self.invalidate(id).await;
                if attempt == 0 {
                    tracing::debug!(path, "access token refused; renewing it once");
                    continue;
                }
                return Err(self.refused_after_refresh());
            }
            let wait = retry_after(resp.headers());
            let bytes = read_capped(resp, self.config.json_cap).await?;
            if (200..300).contains(&status) {
                return Ok(bytes);
            }
            return Err(classify::classify(status, wait, &bytes));
        }
        Err(self.refused_after_refresh())
    }

    /// A request to a labs.google tRPC route, authenticated by the session cookie.
    fn labs_request(
        &self,
        method: Method,
        path: &str,
    ) -> Result<reqwest::RequestBuilder, ProviderError> {
        let cookie = self.credential.cookie_header().ok_or_else(|| {
            ProviderError::Local(
                "this needs the account's session cookie; it was added with an access token only"
                    .into(),
            )
        })?;
        Ok(self
            .http
            .request(method, self.config.labs(path))
            .header(COOKIE, cookie)
            .header(ORIGIN, WEB_ORIGIN)
            .header(REFERER, format!("{WEB_ORIGIN}/fx/tools/flow")))
    }
}

/// Parses a JSON answer, mapping garbage to a redacted `Unexpected`.
fn json(bytes: &[u8]) -> Result<Value, ProviderError> {
    serde_json::from_slice(bytes).map_err(|_| ProviderError::Unexpected {
        status: 200,
        excerpt: crate::secret::excerpt(&String::from_utf8_lossy(bytes), 300),
    })
}
