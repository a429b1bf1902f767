//! The settings file's sections other than accounts, each with its defaults.

use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::provider::flow::DEFAULT_ORIGIN;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FlowSection {
    /// The Flow origin whose tabs the extension works on.
    pub origin: String,
    /// Least seconds between two generate calls of one account (jittered; doubled after
    /// each refusal).
    pub generate_spacing_secs: f64,
    /// A create whose answer was lost is looked up in the project listing this long after
    /// it was sent.
    pub reconcile_after_secs: f64,
    /// Copies of one scene sent to one account in one create (1 to 4, Flow's "outputs per
    /// prompt"): one reCAPTCHA token per create, so fewer mints per video.
    pub copies_per_create: u8,
}

impl Default for FlowSection {
    fn default() -> Self {
        FlowSection {
            origin: DEFAULT_ORIGIN.into(),
            generate_spacing_secs: 10.0,
            reconcile_after_secs: 90.0,
            copies_per_create: 4,
        }
    }
}

/// The loopback WebSocket the browser extension connects to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BridgeSection {
    pub port: u16,
    /// `flowdeck run` waits this long for paired browsers to connect.
    pub wait_secs: u64,
    /// The longest flowdeck waits for a browser to answer one call; the page gives up a
    /// little before, and says whether the request had left it.
    pub call_timeout_secs: u64,
}

impl Default for BridgeSection {
    fn default() -> Self {
        BridgeSection {
            port: crate::bridge::DEFAULT_PORT,
            wait_secs: 30,
            call_timeout_secs: 150,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GeminiSection {
    pub api_url: String,
    /// `personGeneration` for text-to-video: "allow_all" (default) or "allow_adult" (required
    /// in the EU, UK, Switzerland and MENA).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_generation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negative_prompt: Option<String>,
}

impl Default for GeminiSection {
    fn default() -> Self {
        GeminiSection {
            api_url: crate::provider::gemini::DEFAULT_API_URL.into(),
            person_generation: None,
            negative_prompt: None,
        }
    }
}

/// Veo on Vertex AI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VertexSection {
    /// `{location}` is replaced by each account's location (`global` uses the host without a
    /// region prefix).
    pub api_url: String,
    /// The Cloud Storage JSON API, where `gs://` outputs are downloaded from.
    pub storage_url: String,
    /// `gs://bucket/prefix`: outputs are written to Cloud Storage (downloaded from there with
    /// the same project's token); inline in the answer when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_uri: Option<String>,
    /// Veo's sound track.
    pub generate_audio: bool,
    /// Least seconds between two creates of one project (each makes up to 4 videos). When
    /// absent, from the model's quota: 1.2 s on GA models (50 a minute), 6 s on previews (10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submit_spacing_secs: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_generation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negative_prompt: Option<String>,
}

impl Default for VertexSection {
    fn default() -> Self {
        VertexSection {
            api_url: crate::provider::vertex::DEFAULT_API_URL.into(),
            storage_url: crate::provider::vertex::DEFAULT_STORAGE_URL.into(),
            storage_uri: None,
            generate_audio: true,
            submit_spacing_secs: None,
            person_generation: None,
            negative_prompt: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputSection {
    /// Where videos go; the platform's Videos folder when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<PathBuf>,
    pub template: String,
}

pub const DEFAULT_TEMPLATE: &str = "{batch}/{scene:03}_{slug}_{take}.mp4";

impl Default for OutputSection {
    fn default() -> Self {
        OutputSection {
            dir: None,
            template: DEFAULT_TEMPLATE.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EngineSection {
    /// Videos generating at once per account.
    pub concurrency: u32,
    /// Seconds between one account's status calls.
    pub poll_interval_secs: f64,
    /// Least seconds between two creates on one account (a random ±25% is added).
    pub submit_spacing_secs: f64,
    /// Downloads at once, over all accounts.
    pub max_downloads: u32,
    /// Minutes after which a video still generating becomes TimedOut.
    pub deadline_mins: f64,
}

impl Default for EngineSection {
    fn default() -> Self {
        EngineSection {
            concurrency: 4,
            poll_interval_secs: 5.0,
            submit_spacing_secs: 2.0,
            max_downloads: 4,
            deadline_mins: 30.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl FromStr for ThemeChoice {
    type Err = crate::message::Message;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "system" => Ok(ThemeChoice::System),
            "light" => Ok(ThemeChoice::Light),
            "dark" => Ok(ThemeChoice::Dark),
            other => Err(crate::msg!("config-unknown-theme", value = other)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct UiSection {
    pub theme: ThemeChoice,
    /// The window's language (`en`, `vi`); absent: the system's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<super::LanguageTag>,
}

/// What `flowdeck report` and the capture folder keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct ReportSection {
    /// Keep the prompts in captures of answers flowdeck could not read (otherwise each is
    /// replaced by its length).
    pub include_prompts: bool,
}
