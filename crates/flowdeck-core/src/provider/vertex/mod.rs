//! The client for Veo on Vertex AI (reference section 5): `predictLongRunning`, then
//! `fetchPredictOperation`, then the video inline or from Cloud Storage.
//!
//! One [`VertexClient`] serves one account: one Google Cloud project and its credentials. Its
//! bearer token goes only to the Vertex API's origin and the Cloud Storage origin, never along
//! a redirect, and a job made under this project is only ever polled and fetched with this
//! project's token.

pub mod auth;
pub mod classify;
pub mod codec;
pub mod models;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Value, json};

pub use auth::Credentials;
pub use codec::{Operation, Output};

use crate::model::{Inputs, Model, Resolution, Shot};
use crate::provider::error::ProviderError;
use crate::provider::http::{self, read_capped, retry_after, transport};
use crate::provider::inline::InlineDecoder;
use crate::provider::transfer::{self, Fetch, Fetched, Progress};
use crate::secret::Secret;
use auth::Auth;
use classify::Host;

pub const DEFAULT_API_URL: &str = "https://{location}-aiplatform.googleapis.com";
pub const DEFAULT_STORAGE_URL: &str = "https://storage.googleapis.com";
pub const DEFAULT_LOCATION: &str = "us-central1";
const MAX_REDIRECTS: usize = 5;

#[derive(Debug, Clone)]
pub struct VertexConfig {
    /// With `{location}` for the account's region.
    pub api_url: String,
    pub storage_url: String,
    /// `gs://bucket/prefix` for outputs; inline answers when absent.
    pub storage_uri: Option<String>,
    pub generate_audio: bool,
    pub person_generation: Option<String>,
    pub negative_prompt: Option<String>,
    /// Least time between two creates of one project, when the user set it; otherwise from
    /// the model's quota (see [`VertexClient::submit_spacing`]).
    pub submit_spacing: Option<Duration>,
    pub request_timeout: Duration,
    pub idle_timeout: Duration,
    pub json_cap: usize,
}

impl Default for VertexConfig {
    fn default() -> Self {
        VertexConfig {
            api_url: DEFAULT_API_URL.into(),
            storage_url: DEFAULT_STORAGE_URL.into(),
            storage_uri: None,
            generate_audio: true,
            person_generation: None,
            negative_prompt: None,
            submit_spacing: None,
            request_timeout: Duration::from_secs(90),
            idle_timeout: Duration::from_secs(60),
            json_cap: 8 << 20,
        }
    }
}

/// The project and region an account runs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: String,
    pub location: String,
}

/// What `accounts check` learns.
#[derive(Debug, Clone)]
pub struct Checked {
    pub project: Project,
    /// Models that answered for this project.
    pub models: Vec<String>,
}

fn origin(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().map(str::to_string),
        url.port_or_known_default(),
    )
}

/// What the project's answer about a model said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Listed {
    /// It answered (false: not found for this project).
    answers: bool,
    /// Its launch stage, when the answer named one flowdeck knows.
    preview: Option<bool>,
}

pub struct VertexClient {
    config: VertexConfig,
    project: Project,
    auth: Auth,
    http: reqwest::Client,
    /// The API's base for this account's location.
    base: String,
    /// Models looked up for this project.
    models: Mutex<HashMap<String, Listed>>,
}

impl VertexClient {
    pub fn new(
        config: VertexConfig,
        project: Project,
        credentials: Credentials,
    ) -> Result<VertexClient, ProviderError> {
        codec::check_project(&project.id).map_err(ProviderError::Local)?;
        codec::check_location(&project.location).map_err(ProviderError::Local)?;
        let base = codec::api_base(&config.api_url, &project.location);
        for url in [&base, &config.storage_url] {
            Url::parse(url).map_err(|_| {
                ProviderError::Local(crate::msg!("vertex-bad-url", url = url.as_str()))
            })?;
        }
        if let Some(uri) = &config.storage_uri {
            codec::parse_gs(uri).map_err(ProviderError::Local)?;
        }
        Ok(VertexClient {
            http: http::client(config.idle_timeout)?,
            config,
            project,
            auth: Auth::new(credentials),
            base,
            models: Mutex::new(HashMap::new()),
        })
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn config(&self) -> &VertexConfig {
        &self.config
    }

    /// The only origins the bearer may go to.
    fn host_of(&self, url: &Url) -> Option<Host> {
        let same = |base: &str| Url::parse(base).is_ok_and(|b| origin(&b) == origin(url));
        if same(&self.base) {
            Some(Host::Vertex)
        } else if same(&self.config.storage_url) {
            Some(Host::Storage)
        } else {
            None
        }
    }

    /// Sends with this project's bearer; a 401 gets one fresh token and one more try (a 401
    /// proves the call was not acted on, so even a create may go again).
    async fn send(
        &self,
        url: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Result<Value, ProviderError> {
        let url = Url::parse(url)
            .map_err(|_| ProviderError::Local(crate::msg!("vertex-bad-url", url = url)))?;
        let host = self
            .host_of(&url)
            .ok_or_else(|| ProviderError::Local(crate::msg!("vertex-other-host")))?;
        for attempt in 0..2 {
            let token = self.auth.token().await?;
            let mut req = match body {
                Some(b) => self
                    .http
                    .post(url.clone())
                    .header(CONTENT_TYPE, "application/json")
                    .body(b.to_string()),
                None => self.http.get(url.clone()),
            };
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            let resp = bearer(req, &token)
                .timeout(self.config.request_timeout)
                .send()
                .await
                .map_err(transport)?;
            let status = resp.status().as_u16();
            let wait = retry_after(resp.headers());
            let bytes = read_capped(resp, self.config.json_cap).await?;
            if status == 401 && attempt == 0 {
                self.auth.refresh().await;
                continue;
            }
            if !(200..300).contains(&status) {
                return Err(match classify::classify(host, status, wait, &bytes) {
                    ProviderError::Unauthorized => ProviderError::SignInAgain(crate::msg!(
                        "vertex-rejected-fresh-token",
                        what = self.auth.credentials().describe()
                    )),
                    e => e,
                });
            }
            return serde_json::from_slice(&bytes).map_err(|_| ProviderError::Unexpected {
                status,
                excerpt: crate::secret::excerpt(&String::from_utf8_lossy(&bytes), 300),
            });
        }
        Err(ProviderError::SignInAgain(crate::msg!("vertex-rejected")))
    }

    fn model_url(&self, model: &str, action: &str) -> String {
        format!(
            "{}/v1/{}:{action}",
            self.base,
            codec::model_name(&self.project.id, &self.project.location, model)
        )
    }

    fn storage_uri(&self) -> Option<&str> {
        self.config.storage_uri.as_deref()
    }

    fn listed(&self, id: &str) -> Option<Listed> {
        self.models
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
            .copied()
    }

    /// Checks a shot before anything is sent: the model's rules, then what this project was
    /// found to offer.
    pub fn check_shot(&self, shot: &Shot) -> Result<models::Params, crate::message::Message> {
        let p = models::check(shot)?;
        if self.listed(&p.id).is_some_and(|l| !l.answers) {
            let offered = {
                let m = self.models.lock().unwrap_or_else(|p| p.into_inner());
                let mut ids: Vec<&str> = m
                    .iter()
                    .filter(|(_, l)| l.answers)
                    .map(|(id, _)| id.as_str())
                    .collect();
                ids.sort_unstable();
                if ids.is_empty() {
                    "none".to_string()
                } else {
                    ids.join(", ")
                }
            };
            return Err(crate::msg!(
                "vertex-model-not-offered",
                id = p.id.as_str(),
                project = self.project.id.as_str(),
                location = self.project.location.as_str(),
                offered = offered
            ));
        }
        Ok(p)
    }

    /// Least time between two creates of this project on `model`: the user's setting when
    /// given, else a minute over the model's quota (a preview's when the project's answer or,
    /// before any, the id says so).
    pub fn submit_spacing(&self, model: &Model) -> Duration {
        if let Some(d) = self.config.submit_spacing {
            return d;
        }
        let preview = models::id(model).map_or(true, |id| {
            self.listed(&id)
                .and_then(|l| l.preview)
                .unwrap_or_else(|| models::is_preview(&id))
        });
        models::spacing(preview)
    }

    pub fn durations(&self, model: &Model) -> Vec<u8> {
        models::id(model).map_or_else(|_| Vec::new(), |_| models::durations())
    }

    pub fn resolutions(&self, model: &Model) -> Vec<Resolution> {
        models::id(model).map_or_else(|_| Vec::new(), |id| models::resolutions(&id))
    }

    pub fn estimated_usd(&self, shot: &Shot) -> Option<f64> {
        let p = models::check(shot).ok()?;
        models::usd_per_second(&p.id, shot.resolution(), self.config.generate_audio)
            .map(|usd| usd * f64::from(p.seconds))
    }

    /// Asks the API about a model for this project (it answers only with a working token, the
    /// API enabled and the right to use the project), and keeps what it said: its answer, or
    /// `None` when the model is not found for the project.
    async fn look_up(&self, id: &str) -> Result<Option<Value>, ProviderError> {
        let url = format!("{}/v1beta1/publishers/google/models/{id}", self.base);
        let answer = match self
            .send(&url, None, &[("x-goog-user-project", &self.project.id)])
            .await
        {
            Ok(v) => Some(v),
            Err(ProviderError::NotFound(_)) => None,
            Err(e) => return Err(e),
        };
        let listed = Listed {
            answers: answer.is_some(),
            preview: answer.as_ref().and_then(codec::preview_stage),
        };
        self.models
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id.to_string(), listed);
        Ok(answer)
    }

    /// `flowdeck doctor`'s read-only calls: a token (refreshed when due), then each Veo model's
    /// entry for the project, which must have the shape flowdeck reads.
    pub async fn doctor(&self) -> Result<crate::message::Message, ProviderError> {
        let mut offered = Vec::new();
        for model in models::OFFERED {
            let id = models::id(&model).map_err(ProviderError::Local)?;
            if let Some(v) = self.look_up(&id).await? {
                codec::model_shape(&v, &id).map_err(|e| ProviderError::Unexpected {
                    status: 200,
                    excerpt: format!("GET publishers/google/models/{id}: {e}"),
                })?;
                offered.push(id);
            }
        }
        if offered.is_empty() {
            return Err(ProviderError::NotFound(crate::msg!(
                "vertex-no-model-answers",
                project = self.project.id.as_str(),
                location = self.project.location.as_str()
            )));
        }
        Ok(crate::msg!(
            "vertex-doctor-works",
            project = self.project.id.as_str(),
            location = self.project.location.as_str(),
            models = offered.join(", ")
        ))
    }

    /// Verifies the credentials and which Veo models answer for the project.
    pub async fn check(&self) -> Result<Checked, ProviderError> {
        let mut offered = Vec::new();
        for model in models::OFFERED {
            let id = models::id(&model).map_err(ProviderError::Local)?;
            if self.look_up(&id).await?.is_some() {
                offered.push(id);
            }
        }
        Ok(Checked {
            project: self.project.clone(),
            models: offered,
        })
    }

    /// Sends one create for `seeds.len()` videos (up to 4) and returns the operation.
    pub async fn create(
        &self,
        prompt: &str,
        shot: &Shot,
        seeds: &[u32],
        inputs: &Inputs,
    ) -> Result<String, ProviderError> {
        if seeds.is_empty() || seeds.len() > 4 {
            return Err(ProviderError::Local(crate::msg!("vertex-copies-range")));
        }
        let p = self
            .check_shot(shot)
            .map_err(ProviderError::InvalidRequest)?;
        let images = pictures(inputs).await?;
        let video = if shot.inputs == crate::model::InputKind::Extend {
            Some(crate::provider::video_file::base64(inputs.video.as_deref()).await?)
        } else {
            None
        };
        let body = codec::create_body(
            prompt,
            &p,
            &codec::Extras {
                images,
                video,
                seed: seeds.first().copied(),
                samples: seeds.len(),
                storage_uri: self.storage_uri(),
                generate_audio: self.config.generate_audio,
                person_generation: self.config.person_generation.as_deref(),
                negative_prompt: self.config.negative_prompt.as_deref(),
            },
        );
        let v = self
            .send(
                &self.model_url(&p.id, "predictLongRunning"),
                Some(&body),
                &[],
            )
            .await?;
        codec::parse_created(
            &v,
            &codec::model_name(&self.project.id, &self.project.location, &p.id),
        )
    }

    /// The model path of an operation of this project, or an error: another project's job is
    /// never asked about with this project's token.
    fn own_model(&self, operation: &str) -> Result<String, ProviderError> {
        let prefix = format!(
            "projects/{}/locations/{}/",
            self.project.id, self.project.location
        );
        match codec::operation_model(operation) {
            Some(m) if operation.starts_with(&prefix) && !operation.contains("..") => {
                Ok(m.rsplit('/').next().unwrap_or_default().to_string())
            }
            _ => Err(ProviderError::Local(crate::msg!(
                "vertex-operation-elsewhere",
                operation = operation,
                project = self.project.id.as_str()
            ))),
        }
    }

    /// `:fetchPredictOperation`.
    pub async fn fetch(&self, operation: &str) -> Result<Operation, ProviderError> {
        let model = self.own_model(operation)?;
        let v = self
            .send(
                &self.model_url(&model, "fetchPredictOperation"),
                Some(&json!({"operationName": operation})),
                &[],
            )
            .await?;
        Ok(codec::parse_operation(&v))
    }

    /// Downloads sample `i` of a finished operation: from Cloud Storage, or decoded from the
    /// operation's answer as it streams; where, as the last status said (`known`), else read
    /// from the operation again.
    pub async fn download(
        &self,
        operation: &str,
        sample: usize,
        known: Option<Output>,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<Fetched, ProviderError> {
        let output = match known {
            Some(o) => o,
            None => match codec::sample(&self.fetch(operation).await?, sample)? {
                Some(o) => o,
                None => {
                    return Err(ProviderError::Transient(crate::msg!("video-not-ready")));
                }
            },
        };
        match output {
            Output::Stored(gs) => self.download_stored(&gs, dest, progress).await,
            Output::Inline => {
                self.download_inline(operation, sample, dest, progress)
                    .await
            }
        }
    }

    async fn download_inline(
        &self,
        operation: &str,
        sample: usize,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<Fetched, ProviderError> {
        let model = self.own_model(operation)?;
        let url = self.model_url(&model, "fetchPredictOperation");
        let body = json!({"operationName": operation}).to_string();
        for attempt in 0..2 {
            let token = self.auth.token().await?;
            let req = self
                .http
                .post(&url)
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
            let resp = bearer(req, &token).send().await.map_err(transport)?;
            let status = resp.status().as_u16();
            if status == 401 && attempt == 0 {
                self.auth.refresh().await;
                continue;
            }
            if !(200..300).contains(&status) {
                let wait = retry_after(resp.headers());
                let bytes = read_capped(resp, 1 << 20).await?;
                return Err(classify::classify(Host::Vertex, status, wait, &bytes));
            }
            let decoder = InlineDecoder::nth("bytesBase64Encoded", sample);
            return transfer::save_inline(resp, decoder, dest, progress).await;
        }
        Err(ProviderError::SignInAgain(crate::msg!("vertex-rejected")))
    }

    /// Fetches a `gs://` object through the Cloud Storage JSON API with this project's token,
    /// resuming with Range. A redirect away from the storage origin is followed without it.
    async fn download_stored(
        &self,
        gs: &str,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<Fetched, ProviderError> {
        // A gs:// name the service gave that is not one: its answer, not ours, is wrong.
        let unexpected = || ProviderError::Unexpected {
            status: 200,
            excerpt: crate::secret::excerpt(gs, 200),
        };
        let first = codec::media_url(&self.config.storage_url, gs).map_err(|_| unexpected())?;
        let mut url = Url::parse(&first).map_err(|_| unexpected())?;
        let mut refreshed = false;
        let mut hops = 0;
        loop {
            let on_storage = self.host_of(&url) == Some(Host::Storage);
            let mut req = self.http.get(url.clone());
            if on_storage {
                req = bearer(req, &self.auth.token().await?);
            }
            let classify: transfer::Classifier = if on_storage {
                |status, wait, body| classify::classify(Host::Storage, status, wait, body)
            } else {
                |status, _, _| {
                    ProviderError::Transient(crate::msg!("download-host-status", status = status))
                }
            };
            match transfer::fetch_or_redirect(req, dest, classify, progress).await {
                Ok(Fetch::Done(f)) => return Ok(f),
                Ok(Fetch::Redirect(location)) if hops < MAX_REDIRECTS => {
                    hops += 1;
                    url = url.join(&location).map_err(|_| ProviderError::Unexpected {
                        status: 302,
                        excerpt: "the redirect Location is not a URL".into(),
                    })?;
                }
                Ok(Fetch::Redirect(_)) => {
                    return Err(ProviderError::Unexpected {
                        status: 302,
                        excerpt: format!("more than {MAX_REDIRECTS} redirects"),
                    });
                }
                Err(ProviderError::Unauthorized) if on_storage && !refreshed => {
                    refreshed = true;
                    self.auth.refresh().await;
                }
                Err(ProviderError::Unauthorized) => {
                    return Err(ProviderError::SignInAgain(crate::msg!(
                        "vertex-storage-rejected-fresh-token",
                        what = self.auth.credentials().describe()
                    )));
                }
                Err(e) => return Err(e),
            }
        }
    }
}

fn bearer(req: reqwest::RequestBuilder, token: &Secret) -> reqwest::RequestBuilder {
    req.header(AUTHORIZATION, format!("Bearer {}", token.expose()))
}

/// Reads a scene's pictures for the request body. A picture that cannot be read or is not
/// one Veo takes fails the take here, before anything is sent.
async fn pictures(inputs: &Inputs) -> Result<codec::Pictures, ProviderError> {
    async fn one(path: &std::path::Path) -> Result<codec::Picture64, ProviderError> {
        let (data, mime) = crate::provider::picture_file::base64(path).await?;
        Ok(codec::Picture64 { data, mime })
    }
    let mut out = codec::Pictures::default();
    if let Some(p) = &inputs.start {
        out.start = Some(one(p).await?);
    }
    if let Some(p) = &inputs.end {
        out.end = Some(one(p).await?);
    }
    for p in &inputs.references {
        out.references.push(one(p).await?);
    }
    Ok(out)
}
