//! The client for the Gemini API (`../shared/reference/gemini-video-2026-11.md`): Gemini Omni
//! Flash through the Interactions API, and Veo through `predictLongRunning` where the key's own
//! model list still offers it.
//!
//! One [`GeminiClient`] serves one API key (one Google Cloud project). The key goes in the
//! `x-goog-api-key` header, never in a URL, and never to a host other than the API's own:
//! redirects are followed by hand so the key can be left behind.

pub mod catalog;
pub mod classify;
pub mod interactions;
pub mod models;
pub mod veo;

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use reqwest::Url;
use reqwest::header::CONTENT_TYPE;
use serde_json::Value;

pub use catalog::{Catalog, Route};
pub use interactions::{Delivered, Progress};
pub use veo::Operation;

use crate::model::{Model, Resolution, Shot};
use crate::provider::error::ProviderError;
use crate::provider::http::{self, read_capped, retry_after, transport};
use crate::provider::inline::InlineDecoder;
use crate::provider::transfer::{self, Fetch, Fetched, Progress as Report};
use crate::secret::Secret;

pub const DEFAULT_API_URL: &str = "https://generativelanguage.googleapis.com";
const KEY_HEADER: &str = "x-goog-api-key";
const MAX_REDIRECTS: usize = 5;

#[derive(Debug, Clone)]
pub struct GeminiConfig {
    pub api_url: String,
    /// Veo's `personGeneration` for text-to-video ("allow_all"; "allow_adult" in some regions).
    pub person_generation: Option<String>,
    /// Veo's negative prompt (Omni takes none: put negatives in the prompt).
    pub negative_prompt: Option<String>,
    pub request_timeout: Duration,
    pub idle_timeout: Duration,
    pub json_cap: usize,
    /// How long a finished video's file may stay PROCESSING before the download gives up
    /// (for now; it is tried again).
    pub file_wait: Duration,
}

impl Default for GeminiConfig {
    fn default() -> Self {
        GeminiConfig {
            api_url: DEFAULT_API_URL.into(),
            person_generation: None,
            negative_prompt: None,
            request_timeout: Duration::from_secs(90),
            idle_timeout: Duration::from_secs(60),
            json_cap: 8 << 20,
            file_wait: Duration::from_secs(60),
        }
    }
}

/// Checks an API key's shape before it is stored: only what certainly is not a key is refused.
pub fn parse_key(input: &str) -> Result<Secret, crate::message::Message> {
    let key = input.trim();
    if key.is_empty() {
        return Err(crate::msg!("gemini-key-empty"));
    }
    if key.chars().any(char::is_whitespace) {
        return Err(crate::msg!("gemini-key-spaces"));
    }
    Ok(Secret::new(key))
}

/// A word of warning about a key that does not look like today's keys (Google changes key
/// formats; the server decides).
pub fn key_warning(key: &str) -> Option<crate::message::Message> {
    let key = key.trim();
    (!key.starts_with("AIza") || key.len() != 39).then(|| crate::msg!("gemini-key-shape"))
}

/// A Gemini API client for one key.
pub struct GeminiClient {
    config: GeminiConfig,
    key: Secret,
    http: reqwest::Client,
    /// The key's video models, once read.
    catalog: Mutex<Option<Catalog>>,
    /// The service refused a continuation for naming no task: name it from then on.
    task_on_continuations: AtomicBool,
}

fn origin(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().map(str::to_string),
        url.port_or_known_default(),
    )
}

/// What a create made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Made {
    /// An interaction id (Omni).
    Interaction(String),
    /// An operation name (Veo).
    Operation(String),
}

impl GeminiClient {
    pub fn new(config: GeminiConfig, key: Secret) -> Result<GeminiClient, ProviderError> {
        Ok(GeminiClient {
            http: http::client(config.idle_timeout)?,
            config,
            key,
            catalog: Mutex::new(None),
            task_on_continuations: AtomicBool::new(false),
        })
    }

    fn url(&self, path: &str) -> String {
        format!(
            "{}/v1beta/{}",
            self.config.api_url.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }

    /// True when `url` is the API's own origin: the only place the key may go.
    fn is_api(&self, url: &Url) -> bool {
        Url::parse(&self.config.api_url).is_ok_and(|api| origin(&api) == origin(url))
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> Result<Value, ProviderError> {
        let resp = req
            .header(KEY_HEADER, self.key.expose())
            .timeout(self.config.request_timeout)
            .send()
            .await
            .map_err(transport)?;
        let status = resp.status().as_u16();
        let wait = retry_after(resp.headers());
        let body = read_capped(resp, self.config.json_cap).await?;
        if !(200..300).contains(&status) {
            return Err(classify::classify(status, wait, &body));
        }
        serde_json::from_slice(&body).map_err(|_| ProviderError::Unexpected {
            status,
            excerpt: crate::secret::excerpt(&String::from_utf8_lossy(&body), 300),
        })
    }

    fn cached(&self) -> Option<Catalog> {
        self.catalog
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Reads the key's model list (every page) and keeps it.
    pub async fn load_catalog(&self) -> Result<Catalog, ProviderError> {
        let mut catalog = Catalog::default();
        let mut token: Option<String> = None;
        for _ in 0..20 {
            let mut req = self
                .http
                .get(self.url("models"))
                .query(&[("pageSize", "1000")]);
            if let Some(t) = &token {
                req = req.query(&[("pageToken", t.as_str())]);
            }
            let (models, next) = catalog::parse_page(&self.send(req).await?);
            catalog.models.extend(models);
            token = next;
            if token.is_none() {
                break;
            }
        }
        *self.catalog.lock().unwrap_or_else(|p| p.into_inner()) = Some(catalog.clone());
        Ok(catalog)
    }

    /// The key's model list, read once.
    pub async fn catalog(&self) -> Result<Catalog, ProviderError> {
        match self.cached() {
            Some(c) => Ok(c),
            None => self.load_catalog().await,
        }
    }

    /// How `model` runs for this key: by its model list once read, by name before.
    pub fn route(&self, model: &Model) -> Result<Route, crate::message::Message> {
        match self.cached() {
            Some(c) => c.resolve(model),
            None => models::guess(model),
        }
    }

    /// Checks a shot before anything is spent, as far as the key's list is known.
    pub fn check_shot(&self, shot: &Shot) -> Result<models::Params, crate::message::Message> {
        let route = self.route(&shot.model)?;
        let catalog = self.cached();
        let info = catalog.as_ref().and_then(|c| c.get(route.id()));
        models::check(shot, &route, info)
    }

    /// Seconds the model makes for this key.
    pub fn durations(&self, model: &Model) -> Vec<u8> {
        let catalog = self.cached();
        match self.route(model) {
            Ok(route) => {
                models::durations(&route, catalog.as_ref().and_then(|c| c.get(route.id())))
            }
            Err(_) => Vec::new(),
        }
    }

    pub fn resolutions(&self, model: &Model) -> Vec<Resolution> {
        self.route(model)
            .map(|r| models::resolutions(&r))
            .unwrap_or_default()
    }

    /// Dollars one video of this shot is expected to cost.
    pub fn estimated_usd(&self, shot: &Shot) -> Option<f64> {
        let p = self.check_shot(shot).ok()?;
        models::usd_per_second(&p.route, shot.resolution()).map(|r| r * f64::from(p.seconds))
    }

    /// `flowdeck doctor`'s read-only call: the key's model list, which must have the shape
    /// flowdeck reads and name a video model flowdeck can drive.
    pub async fn doctor(&self) -> Result<crate::message::Message, ProviderError> {
        let first = self
            .send(
                self.http
                    .get(self.url("models"))
                    .query(&[("pageSize", "1000")]),
            )
            .await?;
        catalog::page_shape(&first).map_err(|e| ProviderError::Unexpected {
            status: 200,
            excerpt: format!("GET /v1beta/models: {e}"),
        })?;
        let catalog = self.load_catalog().await?;
        let video = catalog.video_models();
        if video.is_empty() {
            let models = catalog.models.len();
            return Err(ProviderError::AccountDenied(crate::msg!(
                "gemini-no-video-model",
                models = models
            )));
        }
        Ok(crate::msg!(
            "gemini-doctor-works",
            models = video.join(", ")
        ))
    }

    /// Confirms the key works and reads which video models it can use.
    pub async fn check(&self) -> Result<Catalog, ProviderError> {
        self.load_catalog().await
    }

    /// Sends one create: an interaction for Omni (a revision of `previous` when given), a
    /// long-running operation for Veo. Every video made here costs money.
    pub async fn create(
        &self,
        prompt: &str,
        shot: &Shot,
        previous: Option<&str>,
        inputs: &crate::model::Inputs,
    ) -> Result<Made, ProviderError> {
        let prompt = prompt.trim();
        if prompt.is_empty() {
            return Err(ProviderError::InvalidRequest(crate::msg!("prompt-empty")));
        }
        self.catalog().await?;
        let p = self
            .check_shot(shot)
            .map_err(ProviderError::InvalidRequest)?;
        match &p.route {
            Route::Omni(_) => {
                let mut images = Vec::new();
                for path in inputs.files() {
                    let (data, mime) = crate::provider::picture_file::base64(path).await?;
                    images.push(interactions::ImageBlock { data, mime });
                }
                let references = !inputs.references.is_empty();
                let extend = shot.inputs == crate::model::InputKind::Extend;
                if extend && previous.is_none() {
                    return Err(ProviderError::Local(crate::msg!(
                        "omni-extend-needs-interaction"
                    )));
                }
                let then = |with_task| {
                    previous.map(|previous| interactions::Continuation {
                        previous,
                        extend,
                        with_task,
                    })
                };
                let named = self.task_on_continuations.load(Ordering::Relaxed);
                let body = interactions::create_body(prompt, &p, then(named), &images, references);
                let v = match self.post("interactions", &body).await {
                    // A 400 made nothing: when it says the continuation needs its task after
                    // all, ask again naming it, and keep naming it for this key.
                    Err(ProviderError::InvalidRequest(m))
                        if previous.is_some() && !named && classify::asks_for_task(&m) =>
                    {
                        self.task_on_continuations.store(true, Ordering::Relaxed);
                        let body =
                            interactions::create_body(prompt, &p, then(true), &images, references);
                        self.post("interactions", &body).await?
                    }
                    r => r?,
                };
                v.get("id")
                    .and_then(Value::as_str)
                    .filter(|id| !id.is_empty() && !id.contains('/'))
                    .map(|id| Made::Interaction(id.to_string()))
                    .ok_or_else(|| ProviderError::NoAnswer(crate::msg!("omni-no-interaction")))
            }
            Route::Veo(id) => {
                if !inputs.is_empty() {
                    return Err(ProviderError::InvalidRequest(crate::msg!(
                        "gemini-pictures-omni-only"
                    )));
                }
                if previous.is_some() {
                    return Err(ProviderError::InvalidRequest(crate::msg!(
                        "revise-omni-only"
                    )));
                }
                let body = veo::create_body(
                    prompt,
                    &p,
                    self.config.person_generation.as_deref(),
                    self.config.negative_prompt.as_deref(),
                );
                let v = self
                    .post(&format!("models/{id}:predictLongRunning"), &body)
                    .await?;
                v.get("name")
                    .and_then(Value::as_str)
                    .filter(|n| n.contains("/operations/"))
                    .map(|n| Made::Operation(n.to_string()))
                    .ok_or_else(|| ProviderError::Unexpected {
                        status: 200,
                        excerpt: "the create answer has no operation name".into(),
                    })
            }
        }
    }

    async fn post(&self, path: &str, body: &Value) -> Result<Value, ProviderError> {
        self.send(
            self.http
                .post(self.url(path))
                .header(CONTENT_TYPE, "application/json")
                .body(body.to_string()),
        )
        .await
    }

    /// `GET /v1beta/interactions/{id}`.
    pub async fn interaction(&self, id: &str) -> Result<Progress, ProviderError> {
        check_id(id)?;
        let v = self
            .send(self.http.get(self.url(&format!("interactions/{id}"))))
            .await?;
        Ok(interactions::parse(&v))
    }

    /// `GET /v1beta/{operation}`. The name holds slashes, which stay as they are.
    pub async fn poll(&self, operation: &str) -> Result<Operation, ProviderError> {
        if !operation.starts_with("models/") || operation.contains("..") {
            return Err(ProviderError::Local(crate::msg!(
                "gemini-not-an-operation",
                name = operation
            )));
        }
        let v = self.send(self.http.get(self.url(operation))).await?;
        Ok(veo::parse_operation(&v))
    }

    /// Downloads a finished interaction's video: its file once ACTIVE, or the inline bytes.
    pub async fn download_interaction(
        &self,
        id: &str,
        delivered: &Delivered,
        dest: &Path,
        progress: Report<'_>,
    ) -> Result<Fetched, ProviderError> {
        match delivered {
            Delivered::Uri(uri) => {
                self.wait_active(uri).await?;
                self.download(uri, dest, progress).await
            }
            Delivered::Inline => self.download_inline(id, dest, progress).await,
        }
    }

    /// Waits while the output file is still PROCESSING.
    async fn wait_active(&self, uri: &str) -> Result<(), ProviderError> {
        let Some(file) = interactions::file_id(uri) else {
            // Not a Files API link: nothing to wait for.
            return Ok(());
        };
        let started = std::time::Instant::now();
        loop {
            let v = self
                .send(self.http.get(self.url(&format!("files/{file}"))))
                .await?;
            match interactions::file_active(&v) {
                Some(true) => return Ok(()),
                None => {
                    return Err(ProviderError::Policy {
                        reason: "FILE_FAILED".into(),
                        message: crate::msg!("gemini-file-not-prepared"),
                    });
                }
                Some(false) if started.elapsed() < self.config.file_wait => {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Some(false) => {
                    return Err(ProviderError::Transient(crate::msg!(
                        "gemini-file-preparing"
                    )));
                }
            }
        }
    }

    /// Streams the interaction again and decodes its inline video as it arrives.
    async fn download_inline(
        &self,
        id: &str,
        dest: &Path,
        progress: Report<'_>,
    ) -> Result<Fetched, ProviderError> {
        check_id(id)?;
        let resp = self
            .http
            .get(self.url(&format!("interactions/{id}")))
            .header(KEY_HEADER, self.key.expose())
            .send()
            .await
            .map_err(transport)?;
        let status = resp.status().as_u16();
        if !(200..300).contains(&status) {
            let wait = retry_after(resp.headers());
            let body = read_capped(resp, 1 << 20).await?;
            return Err(classify::classify(status, wait, &body));
        }
        transfer::save_inline(resp, InlineDecoder::new("data"), dest, progress).await
    }

    /// Downloads the video at `uri` into `dest`, resuming with Range. The key goes with the
    /// request only while it stays on the API's own origin; a redirect elsewhere (a signed
    /// storage URL) gets no key.
    pub async fn download(
        &self,
        uri: &str,
        dest: &Path,
        progress: Report<'_>,
    ) -> Result<Fetched, ProviderError> {
        let mut url = Url::parse(uri).map_err(|_| ProviderError::Unexpected {
            status: 200,
            excerpt: "the video URI is not a URL".into(),
        })?;
        if self.is_api(&url) && !url.query_pairs().any(|(k, _)| k == "alt") {
            url.query_pairs_mut().append_pair("alt", "media");
        }
        for _ in 0..=MAX_REDIRECTS {
            let on_api = self.is_api(&url);
            let mut req = self.http.get(url.clone());
            if on_api {
                req = req.header(KEY_HEADER, self.key.expose());
            }
            // Off the API's origin a refusal is about the link (expired, re-signed on the next
            // try), never about the key.
            let classify: transfer::Classifier = if on_api {
                |status, wait, body| match status {
                    404 | 410 => ProviderError::NotFound(crate::msg!("gemini-file-gone")),
                    _ => classify::classify(status, wait, body),
                }
            } else {
                |status, _, _| match status {
                    400..=499 => ProviderError::Transient(crate::msg!(
                        "storage-link-refused",
                        status = status
                    )),
                    s => ProviderError::Transient(crate::msg!("storage-host-status", status = s)),
                }
            };
            match transfer::fetch_or_redirect(req, dest, classify, progress).await? {
                Fetch::Done(f) => return Ok(f),
                Fetch::Redirect(location) => {
                    url = url.join(&location).map_err(|_| ProviderError::Unexpected {
                        status: 302,
                        excerpt: "the redirect Location is not a URL".into(),
                    })?;
                }
            }
        }
        Err(ProviderError::Unexpected {
            status: 302,
            excerpt: format!("more than {MAX_REDIRECTS} redirects"),
        })
    }
}

/// An interaction id goes into a URL path: no slashes, no dots walking up.
fn check_id(id: &str) -> Result<(), ProviderError> {
    if id.is_empty() || id.contains('/') || id.contains("..") || id.contains('?') {
        return Err(ProviderError::Local(crate::msg!(
            "omni-not-an-interaction",
            id = id
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_refused_only_when_they_cannot_be_keys() {
        assert!(parse_key("AIzaSyD-abcdefghijklmnopqrstuvwxyz01234").is_ok());
        assert!(key_warning("AIzaSyD-abcdefghijklmnopqrstuvwxyz01234").is_none());
        assert!(parse_key("").is_err());
        assert!(parse_key("two words").is_err());
        // A new format is kept, with a word of warning.
        assert!(parse_key("gk_live_0123456789").is_ok());
        assert!(key_warning("gk_live_0123456789").is_some());
        assert!(check_id("v1_abc").is_ok());
        assert!(check_id("../x").is_err());
    }
}
