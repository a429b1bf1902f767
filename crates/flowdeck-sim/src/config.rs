//! How the simulator behaves: accounts, timings, strictness and faults.

use std::time::Duration;

/// Faults to inject, each as a rate between 0 and 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Faults {
    /// Status calls answered with a 500 or 503.
    pub poll_5xx: f64,
    /// Create calls refused as throttled (Flow: `USER_REQUESTS_THROTTLED`; Gemini: 429 with
    /// `Retry-After`).
    pub create_429: f64,
    /// The first this-many Flow creates are refused as throttled whatever the rate.
    pub throttle_first: u32,
    /// The `Retry-After` the Gemini 429s carry, in seconds.
    pub retry_after_secs: u64,
    /// Downloads whose connection is cut part-way through the body.
    pub cut_download: f64,
    /// The first this-many downloads are cut whatever the rate: a test that must see cuts
    /// sees them on every run, not on 99 runs of 100.
    pub cut_first: u32,
    /// Whole-file downloads answered 200 with no length that end half-way without an error
    /// (a proxy that gave up quietly): only the file's own structure shows it is short.
    pub quiet_cut: f64,
    /// The first this-many whole-file downloads that are not cut end quietly, whatever the rate.
    pub quiet_first: u32,
    /// Calls answered only after `slow_ms`.
    pub slow: f64,
    pub slow_ms: u64,
    /// Flow generate calls whose reCAPTCHA token is judged bad: refused with
    /// `PUBLIC_ERROR_UNUSUAL_ACTIVITY`, nothing made.
    pub refuse_token: f64,
    /// Flow generate calls that make their videos (and charge for them) but whose answer is
    /// lost (HTTP 502): only the project listing can tell they exist.
    pub lost_answer: f64,
    /// The first this-many Flow generate answers are lost whatever the rate.
    pub lost_first: u32,
    /// Flow generate calls are carried out (made and charged) at once but answered only this
    /// many milliseconds later: time for a test to close or move the tab while the call is
    /// out.
    pub hold_generate_ms: u64,
    /// The first this-many Flow generate calls make (and charge for) their videos but answer
    /// `[5]` NOT_FOUND, as Flow was seen doing for jobs it had queued (gflow-cli #723).
    pub queued_not_found_first: u32,
    /// Gemini and Vertex creates that make their video, then answer 503 with a Google error
    /// body (an error after processing began: the take must not be sent again).
    pub create_5xx: f64,
    /// Flow RPCs (by id) whose answers come in a shape no client knows, as after a change at
    /// Google: the call is carried out (a generate makes and charges its videos), then its
    /// entries are renamed (`wrb.fr.v2`) and an entry echoes what the call carried (the page's
    /// `at`, the `f.req` with its reCAPTCHA token, the session cookie). The worst an unknown
    /// answer could hold, for captures to be proven against.
    pub drift: Vec<String>,
    /// Flow RPCs (by id) answered with an empty payload (`[]`) and not carried out: an answer
    /// that parses but no longer holds what it used to, as when Google moves it elsewhere.
    pub hollow: Vec<String>,
}

impl Faults {
    /// Every fault on at the rates the engine's fault tests use (a refused token holds an
    /// account until the user resumes it, so it has its own tests).
    pub fn chaos() -> Faults {
        Faults {
            poll_5xx: 0.2,
            create_429: 0.1,
            throttle_first: 0,
            retry_after_secs: 1,
            cut_download: 0.2,
            cut_first: 0,
            lost_first: 0,
            queued_not_found_first: 0,
            hold_generate_ms: 0,
            quiet_cut: 0.0,
            quiet_first: 0,
            slow: 0.05,
            slow_ms: 300,
            refuse_token: 0.0,
            lost_answer: 0.1,
            create_5xx: 0.0,
            drift: Vec::new(),
            hollow: Vec::new(),
        }
    }
}

/// How one of Flow's advisory reads (the model catalogue `HTrJv`, `yBhWQ`) answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Drift {
    /// In the shape public captures show.
    #[default]
    Known,
    /// With an error block (`[3]`, as for an id Flow no longer serves).
    Error,
    /// With a payload of another shape (a flag list), as a moved read would.
    Unknown,
}

#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Port of the Flow-like origin (pages, batchexecute) and the Gemini API; 0 picks one.
    pub port: u16,
    /// Port of the signed-URL CDN, a different origin; 0 picks a free one.
    pub cdn_port: u16,
    /// Flow account names; one account per name.
    pub accounts: Vec<String>,
    /// Gemini API accounts (one API key, i.e. one Google Cloud project, each).
    pub gemini_accounts: Vec<String>,
    /// Vertex AI accounts: one project (`{name}-project`) with one service account each.
    pub vertex_accounts: Vec<String>,
    /// Port of the simulated Vertex AI API (and its OAuth token endpoint); 0 picks one.
    pub vertex_port: u16,
    /// Port of the simulated Cloud Storage JSON API; 0 picks one.
    pub storage_port: u16,
    /// How long a Vertex access token lives (`expires_in`).
    pub vertex_token_ttl: Duration,
    /// Vertex accounts whose project has the Vertex AI API disabled (`SERVICE_DISABLED`).
    pub vertex_disabled: Vec<String>,
    /// The publisher models every Vertex project may use; others answer 404.
    pub vertex_models: Vec<String>,
    /// At most this many creates per project and GA model in any such window; more answer 429
    /// (Vertex allows 50 a minute).
    pub vertex_quota: Option<(u32, Duration)>,
    /// The same for preview models such as `veo-3.1-lite-generate-001` (10 a minute).
    pub vertex_preview_quota: Option<(u32, Duration)>,
    /// Gemini and Vertex prompts containing this end in an operation `error` instead of a video.
    pub error_marker: String,
    /// Gemini files are deleted this long after their video is made (two days on the real API).
    pub file_ttl: Duration,
    /// Gemini downloads answer with a redirect to the CDN (as Google does) instead of bytes.
    pub gemini_redirect: bool,
    /// The models every Gemini key lists (`GET /v1beta/models`); others answer 404, the
    /// retired Veo previews with "no longer available".
    pub gemini_models: Vec<String>,
    /// Omni videos come back inline (base64 in the interaction) whatever was asked.
    pub gemini_inline: bool,
    /// The model list answers in a shape flowdeck does not know (`items`, not `models`): a
    /// service that moved, for `flowdeck doctor` to notice.
    pub gemini_list_drift: bool,
    /// A continuation (`previous_interaction_id`) must name its task, instead of being refused
    /// for naming one (what was seen live): a service that changed its mind.
    pub gemini_continuation_task: bool,
    /// A finished Omni video's file stays PROCESSING this long.
    pub file_processing: Duration,
    /// From create to done (the first quarter "submitted", the rest "running").
    pub generation_time: Duration,
    /// Credits each account starts with.
    pub credits: i64,
    /// Flow plan of every account: 1 free, 2 Pro, 3 Ultra (the catalogue's tier numbers).
    pub plan: u8,
    /// The video model families (`HTrJv`, `yBhWQ`) every Flow account is offered.
    pub families: Vec<String>,
    /// How the model catalogue (`HTrJv`) answers.
    pub htrjv: Drift,
    /// How `yBhWQ` answers.
    pub ybhwq: Drift,
    /// Flow RPCs that moved to a new id, `(old, new)`: the old id is refused as an unknown
    /// call, the new one answers as the old did.
    pub renamed: Vec<(String, String)>,
    /// Prompts containing this (any case) fail during generation with
    /// `PUBLIC_ERROR_UNSAFE_GENERATION`.
    pub fail_marker: String,
    /// Prompts containing this are refused at submit (Flow: `INVALID_ARGUMENT`).
    pub reject_marker: String,
    /// Flow generate calls with a prompt containing this are cut before Flow takes them: HTTP
    /// 502, nothing made or charged (only the listing can tell).
    pub drop_marker: String,
    /// The project listing (`Zzl0ze`) answers with its workflow entries moved out of their
    /// slot, as a service that changed its shape would: it proves nothing.
    pub listing_drift: bool,
    /// Size of every video in bytes; `None` for a small real clip with a unique tail.
    pub video_bytes: Option<u64>,
    /// The MP4 every Flow video starts with: the real clip, or a test's damaged or crafted one
    /// (what a compromised or broken service could send).
    pub flow_clip: &'static [u8],
    /// How long a signed download link stays valid.
    pub link_ttl: Duration,
    /// Flow's signed video links are `…/videoplayback?expire=…&ip=…&sig=…` (the
    /// `*.googlevideo.com` shape) instead of `…/video/<id>?Expires=…&Signature=…`.
    pub googlevideo_links: bool,
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
            vertex_accounts: Vec::new(),
            vertex_port: 0,
            storage_port: 0,
            vertex_token_ttl: Duration::from_secs(3600),
            vertex_disabled: Vec::new(),
            vertex_models: [
                "veo-3.1-generate-001",
                "veo-3.1-fast-generate-001",
                "veo-3.1-lite-generate-001",
            ]
            .map(String::from)
            .to_vec(),
            vertex_quota: None,
            vertex_preview_quota: None,
            error_marker: "#error".into(),
            file_ttl: Duration::from_secs(2 * 86_400),
            gemini_redirect: true,
            gemini_models: [
                "gemini-2.5-flash",
                "gemini-omni-1.1-flash",
                "gemini-omni-1.2-flash",
            ]
            .map(String::from)
            .to_vec(),
            gemini_inline: false,
            gemini_list_drift: false,
            gemini_continuation_task: false,
            file_processing: Duration::from_millis(200),
            generation_time: Duration::from_secs(6),
            credits: 10_000,
            plan: 2,
            families: ["abra", "veo_3_1_fast", "veo_3_1_lite", "veo_3_1_quality"]
                .map(String::from)
                .to_vec(),
            htrjv: Drift::Known,
            ybhwq: Drift::Known,
            renamed: Vec::new(),
            fail_marker: "#unsafe".into(),
            reject_marker: "#blocked".into(),
            drop_marker: "#dropped".into(),
            listing_drift: false,
            video_bytes: None,
            flow_clip: super::video::CLIP,
            link_ttl: Duration::from_secs(600),
            googlevideo_links: false,
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
