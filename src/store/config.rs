//! Settings in TOML. Unknown keys and bad values get a message naming the file and line.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::provider::flow::DEFAULT_ORIGIN;

/// A settings problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Which service an account talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    #[default]
    Flow,
    Gemini,
    Vertex,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 3] = [
        ProviderKind::Flow,
        ProviderKind::Gemini,
        ProviderKind::Vertex,
    ];

    /// What the secret of such an account is called.
    pub fn secret_name(self) -> &'static str {
        match self {
            ProviderKind::Flow => "pairing secret",
            ProviderKind::Gemini => "API key",
            ProviderKind::Vertex => "credentials",
        }
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProviderKind::Flow => "flow",
            ProviderKind::Gemini => "gemini",
            ProviderKind::Vertex => "vertex",
        })
    }
}

impl FromStr for ProviderKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "flow" => Ok(ProviderKind::Flow),
            "gemini" => Ok(ProviderKind::Gemini),
            "vertex" => Ok(ProviderKind::Vertex),
            other => Err(format!(
                "unknown provider \"{other}\": use flow, gemini or vertex"
            )),
        }
    }
}

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
}

impl Default for FlowSection {
    fn default() -> Self {
        FlowSection {
            origin: DEFAULT_ORIGIN.into(),
            generate_spacing_secs: 10.0,
            reconcile_after_secs: 90.0,
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
}

impl Default for BridgeSection {
    fn default() -> Self {
        BridgeSection {
            port: crate::bridge::DEFAULT_PORT,
            wait_secs: 30,
        }
    }
}

/// `[flow]` keys of the REST API Google retired in September 2026.
const RETIRED_FLOW_KEYS: &[&str] = &["labs_url", "api_url", "captcha_command", "generation"];

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
    /// Least seconds between two creates of one project (Veo allows about 10 a minute; each
    /// create makes up to 4 videos).
    pub submit_spacing_secs: f64,
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
            submit_spacing_secs: 6.0,
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
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "system" => Ok(ThemeChoice::System),
            "light" => Ok(ThemeChoice::Light),
            "dark" => Ok(ThemeChoice::Dark),
            other => Err(format!(
                "unknown theme \"{other}\": use system, light or dark"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct UiSection {
    pub theme: ThemeChoice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountEntry {
    pub name: String,
    #[serde(default)]
    pub provider: ProviderKind,
    /// Read the secret from this environment variable instead of the keyring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_env: Option<String>,
    /// An existing Flow project to put videos in; one is created when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Flow: the Google account its browser must be signed in as (recorded at pairing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Overrides `[engine] concurrency` for this account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<u32>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// Vertex: the Google Cloud project that runs and bills the videos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Vertex: the region (`us-central1` when absent), or `global`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Vertex: a service-account key file (its path only: the key stays in that file).
    /// Application Default Credentials when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<PathBuf>,
    /// Vertex: a command that prints an access token (e.g. `gcloud auth print-access-token`),
    /// used instead of a key file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_command: Option<String>,
    /// Vertex: this account's `gs://bucket/prefix` for outputs, overriding `[vertex]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_uri: Option<String>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl AccountEntry {
    pub fn new(name: &str, provider: ProviderKind) -> AccountEntry {
        AccountEntry {
            name: name.to_string(),
            provider,
            secret_env: None,
            project_id: None,
            email: None,
            concurrency: None,
            enabled: true,
            project: None,
            location: None,
            credentials: None,
            token_command: None,
            storage_uri: None,
        }
    }
}

/// Everything in the settings file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub flow: FlowSection,
    pub bridge: BridgeSection,
    pub gemini: GeminiSection,
    pub vertex: VertexSection,
    pub output: OutputSection,
    pub engine: EngineSection,
    pub ui: UiSection,
    pub accounts: Vec<AccountEntry>,
}

/// 1-based line of byte `offset` in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The first line that mentions `needle`, to point at a value that parsed but is wrong.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

impl Settings {
    /// Reads the file. A missing file gives the defaults, unless `must_exist`.
    pub fn load(path: &Path, must_exist: bool) -> Result<Settings, ConfigError> {
        let err = |line, message: String| ConfigError {
            file: path.to_path_buf(),
            line,
            message,
        };
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                return Ok(Settings::default());
            }
            Err(e) => return Err(err(None, format!("cannot read the settings: {e}"))),
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes());
            err(
                Some(line_at(&text, offset)),
                "the file is not valid UTF-8".into(),
            )
        })?;
        Settings::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Settings, ConfigError> {
        retired_keys(text, path)?;
        let settings: Settings = toml::from_str(text).map_err(|e| ConfigError {
            file: path.to_path_buf(),
            line: e.span().map(|s| line_at(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        settings.validate(text, path)?;
        Ok(settings)
    }

    fn validate(&self, text: &str, path: &Path) -> Result<(), ConfigError> {
        let fail = |needle: &str, message: String| ConfigError {
            file: path.to_path_buf(),
            line: line_of(text, needle),
            message,
        };
        for (section, key, url) in [
            ("flow", "origin", &self.flow.origin),
            ("gemini", "api_url", &self.gemini.api_url),
            ("vertex", "api_url", &self.vertex.api_url),
            ("vertex", "storage_url", &self.vertex.storage_url),
        ] {
            // `{location}` stands for a host label; any label checks the URL's shape.
            let ok = reqwest::Url::parse(&url.replace("{location}", "us-central1"))
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            if !ok {
                return Err(fail(
                    url,
                    format!("[{section}] {key} \"{url}\" is not an http(s) URL"),
                ));
            }
        }
        if let Some(p) = &self.gemini.person_generation
            && !["allow_all", "allow_adult", "dont_allow"].contains(&p.as_str())
        {
            return Err(fail(
                "person_generation",
                format!(
                    "[gemini] person_generation \"{p}\" must be allow_all, allow_adult or dont_allow"
                ),
            ));
        }
        if let Some(p) = &self.vertex.person_generation
            && !["allow_all", "allow_adult", "dont_allow"].contains(&p.as_str())
        {
            return Err(fail(
                "person_generation",
                format!(
                    "[vertex] person_generation \"{p}\" must be allow_all, allow_adult or dont_allow"
                ),
            ));
        }
        if let Some(uri) = &self.vertex.storage_uri
            && let Err(m) = crate::provider::vertex::codec::parse_gs(uri)
        {
            return Err(fail("storage_uri", format!("[vertex] storage_uri: {m}")));
        }
        let v = self.vertex.submit_spacing_secs;
        if !(v.is_finite() && (0.0..=3600.0).contains(&v)) {
            return Err(fail(
                "submit_spacing_secs",
                "[vertex] submit_spacing_secs must be between 0 and 3600".into(),
            ));
        }
        let f = &self.flow;
        if !(f.generate_spacing_secs.is_finite()
            && (0.0..=3600.0).contains(&f.generate_spacing_secs))
        {
            return Err(fail(
                "generate_spacing_secs",
                "[flow] generate_spacing_secs must be between 0 and 3600".into(),
            ));
        }
        if !(f.reconcile_after_secs.is_finite()
            && (0.0..=86_400.0).contains(&f.reconcile_after_secs))
        {
            return Err(fail(
                "reconcile_after_secs",
                "[flow] reconcile_after_secs must be between 0 and 86400".into(),
            ));
        }
        let e = &self.engine;
        if !(1..=32).contains(&e.concurrency) {
            return Err(fail(
                "concurrency",
                "[engine] concurrency must be 1 to 32".into(),
            ));
        }
        if !(e.poll_interval_secs.is_finite() && (0.05..=600.0).contains(&e.poll_interval_secs)) {
            return Err(fail(
                "poll_interval_secs",
                "[engine] poll_interval_secs must be between 0.05 and 600".into(),
            ));
        }
        if !(e.submit_spacing_secs.is_finite() && (0.0..=600.0).contains(&e.submit_spacing_secs)) {
            return Err(fail(
                "submit_spacing_secs",
                "[engine] submit_spacing_secs must be between 0 and 600".into(),
            ));
        }
        if !(1..=64).contains(&e.max_downloads) {
            return Err(fail(
                "max_downloads",
                "[engine] max_downloads must be 1 to 64".into(),
            ));
        }
        // Bounded above too: these become clock arithmetic, which must not overflow.
        if !(e.deadline_mins.is_finite() && e.deadline_mins > 0.0 && e.deadline_mins <= 10_080.0) {
            return Err(fail(
                "deadline_mins",
                "[engine] deadline_mins must be above 0 and at most 10080 (a week)".into(),
            ));
        }
        if self.bridge.wait_secs > 3600 {
            return Err(fail(
                "wait_secs",
                "[bridge] wait_secs must be at most 3600".into(),
            ));
        }
        if let Err(m) = crate::store::naming::Template::parse(&self.output.template) {
            return Err(fail("template", format!("[output] template: {m}")));
        }
        let mut seen = std::collections::HashSet::new();
        for a in &self.accounts {
            let at = format!("\"{}\"", a.name);
            if let Err(m) = check_account_name(&a.name) {
                return Err(fail(&at, m));
            }
            if !seen.insert(a.name.to_lowercase()) {
                return Err(fail(&at, format!("two accounts are named \"{}\"", a.name)));
            }
            if let Some(var) = &a.secret_env
                && (var.is_empty() || var.contains('=') || var.contains('\0'))
            {
                return Err(fail(
                    &at,
                    format!("account \"{}\": secret_env is not a variable name", a.name),
                ));
            }
            if a.email.as_ref().is_some_and(|e| !e.contains('@')) {
                return Err(fail(
                    &at,
                    format!("account \"{}\": email is not an email address", a.name),
                ));
            }
            if a.concurrency.is_some_and(|c| !(1..=32).contains(&c)) {
                return Err(fail(
                    &at,
                    format!("account \"{}\": concurrency must be 1 to 32", a.name),
                ));
            }
            if let Err(m) = vertex_fields(a) {
                return Err(fail(&at, format!("account \"{}\": {m}", a.name)));
            }
        }
        Ok(())
    }

    /// Writes the settings atomically (a temporary file, then a rename).
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        let err = |message: String| ConfigError {
            file: path.to_path_buf(),
            line: None,
            message,
        };
        let text = toml::to_string_pretty(self).map_err(|e| err(format!("cannot write: {e}")))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| err(format!("cannot create the folder: {e}")))?;
        }
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, text).map_err(|e| err(format!("cannot write: {e}")))?;
        std::fs::rename(&tmp, path).map_err(|e| err(format!("cannot replace the file: {e}")))
    }

    pub fn account(&self, name: &str) -> Option<&AccountEntry> {
        self.accounts.iter().find(|a| a.name == name)
    }
}

/// Vertex accounts need a project and a well-formed location and output URI; the other
/// providers must not carry Vertex's keys (a sign of a wrong `provider`).
pub fn vertex_fields(a: &AccountEntry) -> Result<(), String> {
    let vertex_only = [
        ("project", a.project.is_some()),
        ("location", a.location.is_some()),
        ("credentials", a.credentials.is_some()),
        ("token_command", a.token_command.is_some()),
        ("storage_uri", a.storage_uri.is_some()),
    ];
    if a.provider != ProviderKind::Vertex {
        return match vertex_only.iter().find(|(_, set)| *set) {
            Some((key, _)) => Err(format!(
                "{key} is for Vertex accounts (provider = \"vertex\"); this one is {}",
                a.provider
            )),
            None => Ok(()),
        };
    }
    let project = a.project.as_deref().unwrap_or_default();
    crate::provider::vertex::codec::check_project(project)?;
    if let Some(l) = &a.location {
        crate::provider::vertex::codec::check_location(l)?;
    }
    if a.credentials.is_some() && a.token_command.is_some() {
        return Err("give credentials (a key file) or token_command, not both".into());
    }
    if a.credentials
        .as_ref()
        .is_some_and(|p| p.as_os_str().is_empty())
    {
        return Err("credentials is an empty path".into());
    }
    if a.token_command
        .as_ref()
        .is_some_and(|c| c.trim().is_empty())
    {
        return Err("token_command is empty".into());
    }
    if a.secret_env.is_some() {
        return Err(
            "secret_env is not used by Vertex accounts: name a key file with credentials, \
             or use Application Default Credentials"
                .into(),
        );
    }
    if let Some(uri) = &a.storage_uri {
        crate::provider::vertex::codec::parse_gs(uri).map_err(|m| format!("storage_uri: {m}"))?;
    }
    Ok(())
}

/// A settings file still naming the retired Flow REST API gets told what changed.
fn retired_keys(text: &str, path: &Path) -> Result<(), ConfigError> {
    let Ok(table) = text.parse::<toml::Table>() else {
        // Syntax errors are reported, with their line, by the typed parse.
        return Ok(());
    };
    let flow = table.get("flow").and_then(toml::Value::as_table);
    let Some(key) = RETIRED_FLOW_KEYS
        .iter()
        .find(|k| flow.is_some_and(|f| f.contains_key(**k)))
    else {
        return Ok(());
    };
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with(key))
        .map(|i| i + 1);
    Err(ConfigError {
        file: path.to_path_buf(),
        line,
        message: format!(
            "[flow] {key} belonged to Flow's old REST API, which Google retired in September 2026. \
             flowdeck now drives Flow at flow.google.com through your own signed-in browser: \
             remove this line, install the flowdeck extension, and connect each Flow account's \
             browser with `flowdeck bridge pair NAME` (see README, \"Flow accounts\")"
        ),
    })
}

/// Account names appear in file names, the ledger and the keyring: keep them plain.
pub fn check_account_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("an account has an empty name".into());
    }
    if name.chars().count() > 40 {
        return Err(format!(
            "account name \"{name}\" is longer than 40 characters"
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || "-_.@ ".contains(c))
        || name.trim() != name
    {
        return Err(format!(
            "account name \"{name}\" may hold only letters, digits, spaces and - _ . @"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, ConfigError> {
        Settings::parse(text, Path::new("flowdeck.toml"))
    }

    #[test]
    fn the_documented_shape_parses_as_written() {
        let s = parse(
            r#"
[flow]
origin = "https://flow.google.com"     # default
generate_spacing_secs = 10             # default; doubled after each refusal

[bridge]
port = 47615                           # default
wait_secs = 30                         # default

[[accounts]]
name = "acc1"
provider = "flow"
email = "me@gmail.com"                 # optional; recorded at pairing
"#,
        )
        .expect("parses");
        assert_eq!(s.accounts[0].email.as_deref(), Some("me@gmail.com"));
        assert_eq!(s.flow, FlowSection::default());
        assert_eq!(s.bridge, BridgeSection::default());
        assert_eq!(s.engine, EngineSection::default());
    }

    #[test]
    fn the_vertex_contract_parses_as_written_and_wrong_fields_are_refused() {
        let s = parse(
            r#"
[vertex]
api_url = "https://{location}-aiplatform.googleapis.com"   # default; {location} is substituted
storage_url = "https://storage.googleapis.com"             # default (Cloud Storage JSON API)
storage_uri = "gs://bucket/prefix"                          # optional: outputs go to Cloud Storage

[[accounts]]
name = "v1"
provider = "vertex"
project = "my-project"
location = "us-central1"
credentials = "/path/to/service-account.json"   # omit to use Application Default Credentials
"#,
        )
        .expect("parses");
        let a = &s.accounts[0];
        assert_eq!(a.provider, ProviderKind::Vertex);
        assert_eq!(a.project.as_deref(), Some("my-project"));
        assert_eq!(
            a.credentials.as_deref(),
            Some(Path::new("/path/to/service-account.json"))
        );
        assert_eq!(s.vertex.storage_uri.as_deref(), Some("gs://bucket/prefix"));
        assert_eq!(s.vertex.api_url, VertexSection::default().api_url);
        let account = |extra: &str| format!("[[accounts]]\nname = \"v\"\n{extra}\n");
        for (text, says) in [
            (account("provider = \"vertex\""), "needs project"),
            (
                account("provider = \"vertex\"\nproject = \"p\"\nlocation = \"Europe West\""),
                "not a Google Cloud region",
            ),
            (
                account(
                    "provider = \"vertex\"\nproject = \"p\"\ncredentials = \"k.json\"\ntoken_command = \"gcloud\"",
                ),
                "not both",
            ),
            (
                account("provider = \"vertex\"\nproject = \"p\"\nsecret_env = \"X\""),
                "secret_env is not used",
            ),
            (
                account("provider = \"gemini\"\nproject = \"p\""),
                "is for Vertex accounts",
            ),
            (
                account("provider = \"vertex\"\nproject = \"p\"\nstorage_uri = \"s3://b/x\""),
                "gs://",
            ),
            (
                "[vertex]\nstorage_uri = \"bucket/x\"\n".to_string(),
                "gs://",
            ),
            (
                "[vertex]\napi_url = \"ftp://x\"\n".to_string(),
                "not an http(s) URL",
            ),
        ] {
            let e = parse(&text).expect_err(&text);
            assert!(e.message.contains(says), "{text}: {e}");
        }
        assert!(
            parse(&account(
                "provider = \"vertex\"\nproject = \"p\"\nlocation = \"global\""
            ))
            .is_ok()
        );
    }

    #[test]
    fn values_that_would_overflow_a_clock_are_refused_with_their_bounds() {
        for (text, says) in [
            ("[engine]\ndeadline_mins = 1e300\n", "at most 10080"),
            ("[engine]\ndeadline_mins = 0\n", "above 0"),
            (
                "[engine]\npoll_interval_secs = 1e30\n",
                "between 0.05 and 600",
            ),
            (
                "[engine]\nsubmit_spacing_secs = 1e30\n",
                "between 0 and 600",
            ),
            (
                "[bridge]\nwait_secs = 18446744073709551615\n",
                "at most 3600",
            ),
            (
                "[flow]\ngenerate_spacing_secs = 1e30\n",
                "between 0 and 3600",
            ),
            ("[flow]\nreconcile_after_secs = -1\n", "between 0 and 86400"),
            (
                "[vertex]\nsubmit_spacing_secs = inf\n",
                "between 0 and 3600",
            ),
        ] {
            let e = parse(text).expect_err(text);
            assert!(e.message.contains(says), "{text}: {e}");
        }
        assert!(parse("[engine]\ndeadline_mins = 10080\n").is_ok());
    }

    #[test]
    fn the_retired_flow_keys_say_what_changed() {
        for key in ["labs_url", "api_url", "captcha_command", "generation"] {
            let e = parse(&format!(
                "[engine]\nconcurrency = 2\n\n[flow]\n{key} = \"x\"\n"
            ))
            .expect_err("retired");
            assert_eq!(e.line, Some(5), "{e}");
            assert!(e.message.contains("retired in September 2026"), "{e}");
            assert!(e.message.contains("flowdeck bridge pair"), "{e}");
        }
    }

    #[test]
    fn the_documented_gemini_shape_parses_as_written() {
        let s = parse(
            r#"
[gemini]
api_url = "https://generativelanguage.googleapis.com"   # default

[[accounts]]
name = "g1"
provider = "gemini"
secret_env = "FLOWDECK_G1"    # API key read from this variable instead of the keyring
"#,
        )
        .expect("parses");
        assert_eq!(s.accounts[0].provider, ProviderKind::Gemini);
        assert_eq!(s.gemini, GeminiSection::default());
        let e = parse("[gemini]\nperson_generation = \"everyone\"\n").expect_err("bad value");
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("[flow]\norigin = \"https://x\"\nbogus = 1\n").expect_err("unknown key");
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.to_string().starts_with("flowdeck.toml:3:"), "{e}");

        let e = parse("[engine]\nconcurrency = 0\n").expect_err("range");
        assert_eq!(e.line, Some(2));
        let e = parse("[flow]\norigin = \"not a url\"\n").expect_err("url");
        assert_eq!(e.line, Some(2));
        let e = parse("[[accounts]]\nname = \"a\"\n[[accounts]]\nname = \"A\"\n").expect_err("dup");
        assert!(e.message.contains("two accounts"));
        let e = parse("[[accounts]]\nname = \"a\"\nprovider = \"x\"\n").expect_err("provider");
        assert_eq!(e.line, Some(3), "{e}");
        let e = parse("[engine]\nconcurrency = \"four\"\n").expect_err("type");
        assert_eq!(e.line, Some(2), "{e}");
        let e = parse("[output]\ntemplate = \"../{slug}.mp4\"\n").expect_err("template");
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn saving_and_loading_round_trips() {
        let dir = std::env::temp_dir().join(format!("flowdeck-cfg-{}", uuid::Uuid::new_v4()));
        let file = dir.join("config.toml");
        let mut s = Settings::default();
        s.accounts
            .push(AccountEntry::new("acc1", ProviderKind::Flow));
        s.save(&file).expect("save");
        assert_eq!(Settings::load(&file, true).expect("load"), s);
        assert!(Settings::load(&dir.join("missing.toml"), true).is_err());
        assert_eq!(
            Settings::load(&dir.join("missing.toml"), false).expect("defaults"),
            Settings::default()
        );
        std::fs::remove_dir_all(dir).ok();
    }
}
