//! The client for Veo through the official Gemini API (`../shared/reference/gemini-veo-api.md`).
//!
//! One [`GeminiClient`] serves one API key (one Google Cloud project). The key goes in the
//! `x-goog-api-key` header, never in a URL, and never to a host other than the API's own:
//! redirects are followed by hand so the key can be left behind.

pub mod classify;
pub mod models;

use std::path::Path;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::CONTENT_TYPE;
use serde_json::{Value, json};

use crate::model::{RemoteState, Shot};
use crate::provider::error::ProviderError;
use crate::provider::http::{self, read_capped, retry_after, transport};
use crate::provider::transfer::{self, Fetch, Progress};
use crate::secret::Secret;

pub const DEFAULT_API_URL: &str = "https://generativelanguage.googleapis.com";
const KEY_HEADER: &str = "x-goog-api-key";
const MAX_REDIRECTS: usize = 5;

#[derive(Debug, Clone)]
pub struct GeminiConfig {
    pub api_url: String,
    /// `personGeneration` for text-to-video ("allow_all"; "allow_adult" in some regions).
    pub person_generation: Option<String>,
    pub negative_prompt: Option<String>,
    pub request_timeout: Duration,
    pub idle_timeout: Duration,
    pub json_cap: usize,
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
        }
    }
}

/// Where an operation stands.
#[derive(Debug, Clone)]
pub enum Operation {
    Pending,
    /// Done with a video at this URI.
    Ready(String),
    /// Done, but the safety filter kept every video back.
    Filtered {
        count: i64,
        reasons: Vec<String>,
    },
    Failed(ProviderError),
}

impl Operation {
    pub fn state(&self) -> RemoteState {
        match self {
            Operation::Pending => RemoteState::Running,
            Operation::Ready(_) => RemoteState::Succeeded,
            Operation::Filtered { .. } | Operation::Failed(_) => RemoteState::Failed,
        }
    }

    /// Why it produced no video, for the take.
    pub fn failure(&self) -> Option<ProviderError> {
        match self {
            Operation::Filtered { count, reasons } => Some(ProviderError::Policy {
                reason: "RAI_MEDIA_FILTERED".into(),
                message: if reasons.is_empty() {
                    format!("The safety filter kept back {count} video(s) without saying why")
                } else {
                    reasons.join(" ")
                },
            }),
            Operation::Failed(e) => Some(e.clone()),
            _ => None,
        }
    }
}

/// Reads `GET /v1beta/{operation}`. `done` missing or false is pending; done with no samples is
/// a safety refusal, never a success without a file.
pub fn parse_operation(v: &Value) -> Operation {
    if v.get("done").and_then(Value::as_bool) != Some(true) {
        return Operation::Pending;
    }
    if let Some(err) = v.get("error") {
        let code = err.get("code").and_then(Value::as_i64).unwrap_or(0);
        let message = err
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("the generation failed");
        return Operation::Failed(classify::operation_error(code, message));
    }
    let resp = v.pointer("/response/generateVideoResponse");
    let uri = resp
        .and_then(|r| r.get("generatedSamples"))
        .and_then(Value::as_array)
        .and_then(|s| {
            s.iter()
                .find_map(|x| x.pointer("/video/uri").and_then(Value::as_str))
        });
    if let Some(uri) = uri {
        return Operation::Ready(uri.to_string());
    }
    let reasons: Vec<String> = resp
        .and_then(|r| r.get("raiMediaFilteredReasons"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let count = resp
        .and_then(|r| r.get("raiMediaFilteredCount"))
        .and_then(Value::as_i64)
        .unwrap_or(reasons.len() as i64);
    Operation::Filtered { count, reasons }
}

/// The key a user pasted, checked for shape.
pub fn parse_key(input: &str) -> Result<Secret, String> {
    let key = input.trim();
    if key.is_empty() {
        return Err(
            "the API key is empty: create one in Google AI Studio (aistudio.google.com/apikey)"
                .into(),
        );
    }
    if key.chars().any(char::is_whitespace) || key.len() < 20 {
        return Err(
            "this does not look like an API key (they look like AIza… and are 39 characters)"
                .into(),
        );
    }
    Ok(Secret::new(key))
}

/// A Gemini API client for one key.
pub struct GeminiClient {
    config: GeminiConfig,
    key: Secret,
    http: reqwest::Client,
}

fn origin(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().map(str::to_string),
        url.port_or_known_default(),
    )
}

impl GeminiClient {
    pub fn new(config: GeminiConfig, key: Secret) -> Result<GeminiClient, ProviderError> {
        Ok(GeminiClient {
            http: http::client(config.idle_timeout)?,
            config,
            key,
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

    /// Confirms the key works (lists one model).
    pub async fn check(&self) -> Result<(), ProviderError> {
        self.send(
            self.http
                .get(self.url("models"))
                .query(&[("pageSize", "1")]),
        )
        .await
        .map(|_| ())
    }

    /// `models/{model}:predictLongRunning` for one video. Returns the operation name.
    pub async fn create(&self, prompt: &str, shot: &Shot) -> Result<String, ProviderError> {
        let prompt = prompt.trim();
        if prompt.is_empty() {
            return Err(ProviderError::InvalidRequest("the prompt is empty".into()));
        }
        let p = models::check(shot).map_err(ProviderError::InvalidRequest)?;
        let mut parameters = json!({
            "sampleCount": 1,
            "aspectRatio": p.aspect,
            "durationSeconds": p.duration,
            "resolution": p.resolution,
            "personGeneration": self.config.person_generation.as_deref().unwrap_or("allow_all"),
        });
        if let Some(n) = self
            .config
            .negative_prompt
            .as_deref()
            .filter(|n| !n.trim().is_empty())
        {
            parameters["negativePrompt"] = json!(n);
        }
        // Never `seed`, `generateAudio` or `storageUri`: the Gemini API refuses them.
        let body = json!({"instances": [{"prompt": prompt}], "parameters": parameters});
        let v = self
            .send(
                self.http
                    .post(self.url(&format!("models/{}:predictLongRunning", p.model)))
                    .header(CONTENT_TYPE, "application/json")
                    .body(body.to_string()),
            )
            .await?;
        v.get("name")
            .and_then(Value::as_str)
            .filter(|n| n.contains("/operations/"))
            .map(str::to_string)
            .ok_or_else(|| ProviderError::Unexpected {
                status: 200,
                excerpt: "the create answer has no operation name".into(),
            })
    }

    /// `GET /v1beta/{operation}`. The name holds slashes, which stay as they are.
    pub async fn poll(&self, operation: &str) -> Result<Operation, ProviderError> {
        if !operation.starts_with("models/") || operation.contains("..") {
            return Err(ProviderError::Local(format!(
                "\"{operation}\" is not an operation name"
            )));
        }
        let v = self.send(self.http.get(self.url(operation))).await?;
        Ok(parse_operation(&v))
    }

    /// Downloads the video at `uri` into `dest`, resuming with Range. The key goes with the
    /// request only while it stays on the API's own origin; a redirect elsewhere (a signed
    /// storage URL) gets no key.
    pub async fn download(
        &self,
        uri: &str,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<u64, ProviderError> {
        let mut url = Url::parse(uri).map_err(|_| ProviderError::Unexpected {
            status: 200,
            excerpt: "the video URI is not a URL".into(),
        })?;
        if self.is_api(&url) && !url.query_pairs().any(|(k, _)| k == "alt") {
            url.query_pairs_mut().append_pair("alt", "media");
        }
        for _ in 0..=MAX_REDIRECTS {
            let mut req = self.http.get(url.clone());
            if self.is_api(&url) {
                req = req.header(KEY_HEADER, self.key.expose());
            }
            let classify: transfer::Classifier = |status, wait, body| match status {
                404 | 410 => ProviderError::NotFound(
                    "the video file is gone: the Gemini API keeps generated videos for two days"
                        .into(),
                ),
                _ => classify::classify(status, wait, body),
            };
            match transfer::fetch_or_redirect(req, dest, classify, progress).await? {
                Fetch::Done(f) => return Ok(f.bytes),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_parse_pending_ready_filtered_and_failed() {
        assert!(matches!(
            parse_operation(&json!({"name": "models/m/operations/1"})),
            Operation::Pending
        ));
        assert!(matches!(
            parse_operation(&json!({"name": "x", "done": false})),
            Operation::Pending
        ));
        let ready = json!({"name":"x","done":true,"response":{"@type":"t","generateVideoResponse":{
            "generatedSamples":[{"video":{"uri":"https://g/v1beta/files/abc:download?alt=media"}}]}}});
        assert!(
            matches!(parse_operation(&ready), Operation::Ready(u) if u == "https://g/v1beta/files/abc:download?alt=media")
        );
        let filtered = json!({"name":"x","done":true,"response":{"generateVideoResponse":{
            "raiMediaFilteredCount":1,"raiMediaFilteredReasons":["Sorry, we can't create videos with real people's names."]}}});
        let f = parse_operation(&filtered);
        assert_eq!(f.state(), RemoteState::Failed);
        assert!(
            matches!(f.failure(), Some(ProviderError::Policy { reason, message })
            if reason == "RAI_MEDIA_FILTERED" && message.contains("real people"))
        );
        let empty = json!({"name":"x","done":true,"response":{"generateVideoResponse":{}}});
        assert!(
            matches!(parse_operation(&empty), Operation::Filtered { .. }),
            "done with no samples is never a success"
        );
        let failed = json!({"name":"x","done":true,"error":{"code":3,"message":"bad prompt"}});
        assert!(
            matches!(parse_operation(&failed), Operation::Failed(ProviderError::InvalidRequest(m)) if m.contains("bad prompt"))
        );
    }

    #[test]
    fn keys_are_checked_for_shape() {
        assert!(parse_key("AIzaSyD-abcdefghijklmnopqrstuvwxyz012").is_ok());
        assert!(parse_key("").is_err());
        assert!(parse_key("two words here and more text").is_err());
    }
}
