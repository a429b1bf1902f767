//! How the simulator behaves: accounts, timings, strictness and faults.

use std::time::Duration;

use crate::provider::flow::WireGeneration;

/// Faults to inject, each as a rate between 0 and 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Faults {
    /// Status calls answered with a 500 or 503.
    pub poll_5xx: f64,
    /// Create calls answered with 429 and `Retry-After`.
    pub create_429: f64,
    /// The `Retry-After` those 429s carry, in seconds.
    pub retry_after_secs: u64,
    /// Downloads whose connection is cut part-way through the body.
    pub cut_download: f64,
    /// Calls answered only after `slow_ms`.
    pub slow: f64,
    pub slow_ms: u64,
}

impl Faults {
    /// Every fault on at the rates the engine's fault tests use.
    pub fn chaos() -> Faults {
        Faults {
            poll_5xx: 0.2,
            create_429: 0.1,
            retry_after_secs: 1,
            cut_download: 0.2,
            slow: 0.05,
            slow_ms: 300,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Port of the Flow routes (labs and API on one port); 0 picks a free one.
    pub port: u16,
    /// Port of the signed-URL CDN, a different origin; 0 picks a free one.
    pub cdn_port: u16,
    /// Flow account names; one account per name.
    pub accounts: Vec<String>,
    /// Gemini API accounts (one API key, i.e. one Google Cloud project, each).
    pub gemini_accounts: Vec<String>,
    /// Gemini prompts containing this end in an operation `error` instead of a video.
    pub error_marker: String,
    /// Gemini files are deleted this long after their video is made (two days on the real API).
    pub file_ttl: Duration,
    /// Gemini downloads answer with a redirect to the CDN (as Google does) instead of bytes.
    pub gemini_redirect: bool,
    pub generation: WireGeneration,
    /// From create to SUCCESSFUL (the first quarter is PENDING, the rest ACTIVE).
    pub generation_time: Duration,
    /// How long an access token works before it answers 401.
    pub token_ttl: Duration,
    /// Credits each account starts with.
    pub credits: i64,
    /// `userPaygateTier` of every account.
    pub tier: String,
    /// Creates without a fresh reCAPTCHA token are refused with 403.
    pub require_captcha: bool,
    /// Prompts containing this (any case) fail during generation with
    /// `PUBLIC_ERROR_UNSAFE_GENERATION`.
    pub fail_marker: String,
    /// Prompts containing this are refused at submit with a 400 policy error.
    pub reject_marker: String,
    /// Size of every video in bytes; `None` for a small real clip with a unique tail.
    pub video_bytes: Option<u64>,
    /// How long a signed download link stays valid.
    pub link_ttl: Duration,
    pub faults: Faults,
    /// Seed for the fault dice, so a run can be repeated.
    pub seed: u64,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            port: 0,
            cdn_port: 0,
            accounts: vec!["alice".into(), "bob".into(), "carol".into()],
            gemini_accounts: Vec::new(),
            error_marker: "#error".into(),
            file_ttl: Duration::from_secs(2 * 86_400),
            gemini_redirect: true,
            generation: WireGeneration::Current,
            generation_time: Duration::from_secs(6),
            token_ttl: Duration::from_secs(3600),
            credits: 10_000,
            tier: "PAYGATE_TIER_ONE".into(),
            require_captcha: false,
            fail_marker: "#unsafe".into(),
            reject_marker: "#blocked".into(),
            video_bytes: None,
            link_ttl: Duration::from_secs(600),
            faults: Faults::default(),
            seed: 7,
        }
    }
}

impl SimConfig {
    /// `n` accounts named `acc1`…`accN`.
    pub fn with_accounts(n: usize) -> SimConfig {
        SimConfig {
            accounts: (1..=n).map(|i| format!("acc{i}")).collect(),
            ..SimConfig::default()
        }
    }
}
