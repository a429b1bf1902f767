//! Where the Flow client sends its calls and how it shapes them.

use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub const DEFAULT_LABS_URL: &str = "https://labs.google/fx/api";
pub const DEFAULT_API_URL: &str = "https://aisandbox-pa.googleapis.com";

/// The two shapes of Flow's wire protocol (see the reference, section 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum WireGeneration {
    /// Late 2025: `textInput.prompt`, `metadata.sceneId`, poll by `operations[]`, a signed
    /// `fifeUrl` in the poll answer.
    Legacy,
    /// Mid 2026: `structuredPrompt`, `mediaGenerationContext`, poll by `media[]`, download
    /// through the tRPC redirect or the inline base64 route.
    #[default]
    Current,
}

impl std::fmt::Display for WireGeneration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WireGeneration::Legacy => "legacy (2025)",
            WireGeneration::Current => "current (2026)",
        })
    }
}

impl FromStr for WireGeneration {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "legacy" | "2025" => Ok(WireGeneration::Legacy),
            "current" | "2026" => Ok(WireGeneration::Current),
            other => Err(format!(
                "unknown Flow wire generation \"{other}\": use current (2026) or legacy (2025)"
            )),
        }
    }
}

/// Everything about Flow that is the same for every account.
#[derive(Debug, Clone)]
pub struct FlowConfig {
    /// Base of the labs.google routes: session, tRPC projects and media redirects.
    pub labs_url: String,
    /// Base of the aisandbox REST routes: create, poll, credits, inline media.
    pub api_url: String,
    pub generation: WireGeneration,
    /// A command whose standard output is one fresh reCAPTCHA token, run before each create.
    pub captcha_command: Option<String>,
    pub captcha_timeout: Duration,
    /// Renew the access token when less than this is left (capped at a fifth of its life).
    pub refresh_margin: Duration,
    /// Limit for one JSON call, from sending to the last byte of the answer.
    pub request_timeout: Duration,
    /// A download fails when no byte arrives for this long.
    pub idle_timeout: Duration,
    /// The largest JSON answer accepted.
    pub json_cap: usize,
    /// The largest video accepted from the inline base64 route.
    pub inline_cap: u64,
}

impl Default for FlowConfig {
    fn default() -> Self {
        FlowConfig {
            labs_url: DEFAULT_LABS_URL.to_string(),
            api_url: DEFAULT_API_URL.to_string(),
            generation: WireGeneration::default(),
            captcha_command: None,
            captcha_timeout: Duration::from_secs(90),
            refresh_margin: Duration::from_secs(5 * 60),
            request_timeout: Duration::from_secs(90),
            idle_timeout: Duration::from_secs(60),
            json_cap: 32 << 20,
            inline_cap: 4 << 30,
        }
    }
}

impl FlowConfig {
    pub(crate) fn labs(&self, path: &str) -> String {
        format!("{}/{}", self.labs_url.trim_end_matches('/'), path)
    }

    pub(crate) fn api(&self, path: &str) -> String {
        format!("{}/{}", self.api_url.trim_end_matches('/'), path)
    }
}
