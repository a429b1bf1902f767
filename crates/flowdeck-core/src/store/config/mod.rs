//! Settings in TOML. Unknown keys and bad values get a message naming the file and line.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A settings problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: crate::message::Message,
}

impl ConfigError {
    /// The problem with where it is, for a person.
    pub fn to_message(&self) -> crate::message::Message {
        let file = self.file.display().to_string();
        match self.line {
            Some(line) => crate::msg!(
                "at-file-line",
                file = file,
                line = line,
                why = self.message.clone()
            ),
            None => crate::msg!("at-file", file = file, why = self.message.clone()),
        }
    }
}

mod account;
mod language;
mod sections;
#[cfg(test)]
mod tests;

pub use account::{AccountEntry, ProviderKind, check_account_name, vertex_fields};
pub use language::LanguageTag;
pub use sections::*;

/// `[flow]` keys of the REST API Google retired in September 2026.
const RETIRED_FLOW_KEYS: &[&str] = &["labs_url", "api_url", "captcha_command", "generation"];

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
    pub report: ReportSection,
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
        let err = |line, message: crate::message::Message| ConfigError {
            file: path.to_path_buf(),
            line,
            message,
        };
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                return Ok(Settings::default());
            }
            Err(e) => {
                return Err(err(
                    None,
                    crate::msg!("config-unreadable", error = e.to_string()),
                ));
            }
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes());
            err(Some(line_at(&text, offset)), crate::msg!("config-not-utf8"))
        })?;
        Settings::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Settings, ConfigError> {
        retired_keys(text, path)?;
        let settings: Settings = toml::from_str(text).map_err(|e| ConfigError {
            file: path.to_path_buf(),
            line: e.span().map(|s| line_at(text, s.start)),
            message: crate::message::Message::from_stored(e.message().trim()),
        })?;
        settings.validate(text, path)?;
        settings.note_secret_vars();
        Ok(settings)
    }

    /// Keeps the variables that hold accounts' secrets out of the programs flowdeck starts.
    fn note_secret_vars(&self) {
        for var in self.accounts.iter().filter_map(|a| a.secret_env.as_deref()) {
            crate::secret::held_in_env(var);
        }
    }

    fn validate(&self, text: &str, path: &Path) -> Result<(), ConfigError> {
        let fail = |needle: &str, message: crate::message::Message| ConfigError {
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
                    crate::msg!(
                        "config-not-url",
                        section = section,
                        key = key,
                        url = url.as_str()
                    ),
                ));
            }
        }
        if let Some(p) = &self.gemini.person_generation
            && !["allow_all", "allow_adult", "dont_allow"].contains(&p.as_str())
        {
            return Err(fail(
                "person_generation",
                crate::msg!(
                    "config-person-generation",
                    section = "gemini",
                    value = p.as_str()
                ),
            ));
        }
        if let Some(p) = &self.vertex.person_generation
            && !["allow_all", "allow_adult", "dont_allow"].contains(&p.as_str())
        {
            return Err(fail(
                "person_generation",
                crate::msg!(
                    "config-person-generation",
                    section = "vertex",
                    value = p.as_str()
                ),
            ));
        }
        if let Some(uri) = &self.vertex.storage_uri
            && let Err(m) = crate::provider::vertex::codec::parse_gs(uri)
        {
            return Err(fail(
                "storage_uri",
                crate::msg!("config-key-said", key = "[vertex] storage_uri", why = m),
            ));
        }
        if let Some(v) = self.vertex.submit_spacing_secs
            && !(v.is_finite() && (0.0..=3600.0).contains(&v))
        {
            return Err(fail(
                "submit_spacing_secs",
                crate::msg!(
                    "config-between",
                    key = "[vertex] submit_spacing_secs",
                    low = "0",
                    high = "3600"
                ),
            ));
        }
        let f = &self.flow;
        if !(f.generate_spacing_secs.is_finite()
            && (0.0..=3600.0).contains(&f.generate_spacing_secs))
        {
            return Err(fail(
                "generate_spacing_secs",
                crate::msg!(
                    "config-between",
                    key = "[flow] generate_spacing_secs",
                    low = "0",
                    high = "3600"
                ),
            ));
        }
        if !(f.reconcile_after_secs.is_finite()
            && (0.0..=86_400.0).contains(&f.reconcile_after_secs))
        {
            return Err(fail(
                "reconcile_after_secs",
                crate::msg!(
                    "config-between",
                    key = "[flow] reconcile_after_secs",
                    low = "0",
                    high = "86400"
                ),
            ));
        }
        if !(1..=4).contains(&f.copies_per_create) {
            return Err(fail(
                "copies_per_create",
                crate::msg!(
                    "config-from-to",
                    key = "[flow] copies_per_create",
                    low = "1",
                    high = "4"
                ),
            ));
        }
        let e = &self.engine;
        if !(1..=32).contains(&e.concurrency) {
            return Err(fail(
                "concurrency",
                crate::msg!(
                    "config-from-to",
                    key = "[engine] concurrency",
                    low = "1",
                    high = "32"
                ),
            ));
        }
        if !(e.poll_interval_secs.is_finite() && (0.05..=600.0).contains(&e.poll_interval_secs)) {
            return Err(fail(
                "poll_interval_secs",
                crate::msg!(
                    "config-between",
                    key = "[engine] poll_interval_secs",
                    low = "0.05",
                    high = "600"
                ),
            ));
        }
        if !(e.submit_spacing_secs.is_finite() && (0.0..=600.0).contains(&e.submit_spacing_secs)) {
            return Err(fail(
                "submit_spacing_secs",
                crate::msg!(
                    "config-between",
                    key = "[engine] submit_spacing_secs",
                    low = "0",
                    high = "600"
                ),
            ));
        }
        if !(1..=64).contains(&e.max_downloads) {
            return Err(fail(
                "max_downloads",
                crate::msg!(
                    "config-from-to",
                    key = "[engine] max_downloads",
                    low = "1",
                    high = "64"
                ),
            ));
        }
        // Bounded above too: these become clock arithmetic, which must not overflow.
        if !(e.deadline_mins.is_finite() && e.deadline_mins > 0.0 && e.deadline_mins <= 10_080.0) {
            return Err(fail("deadline_mins", crate::msg!("config-deadline")));
        }
        if self.bridge.wait_secs > 3600 {
            return Err(fail(
                "wait_secs",
                crate::msg!("config-at-most", key = "[bridge] wait_secs", high = "3600"),
            ));
        }
        if !(5..=3600).contains(&self.bridge.call_timeout_secs) {
            return Err(fail(
                "call_timeout_secs",
                crate::msg!(
                    "config-from-to",
                    key = "[bridge] call_timeout_secs",
                    low = "5",
                    high = "3600"
                ),
            ));
        }
        if let Err(m) = crate::store::naming::Template::parse(&self.output.template) {
            return Err(fail(
                "template",
                crate::msg!("config-key-said", key = "[output] template", why = m),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for a in &self.accounts {
            let at = format!("\"{}\"", a.name);
            if let Err(m) = check_account_name(&a.name) {
                return Err(fail(&at, m));
            }
            if !seen.insert(a.name.to_lowercase()) {
                return Err(fail(
                    &at,
                    crate::msg!("config-same-name", account = a.name.as_str()),
                ));
            }
            if let Some(var) = &a.secret_env
                && (var.is_empty() || var.contains('=') || var.contains('\0'))
            {
                return Err(fail(
                    &at,
                    crate::msg!("config-secret-env", account = a.name.as_str()),
                ));
            }
            if a.email.as_ref().is_some_and(|e| !e.contains('@')) {
                return Err(fail(
                    &at,
                    crate::msg!("config-email", account = a.name.as_str()),
                ));
            }
            if a.concurrency.is_some_and(|c| !(1..=32).contains(&c)) {
                return Err(fail(
                    &at,
                    crate::msg!("config-concurrency", account = a.name.as_str()),
                ));
            }
            if let Err(m) = vertex_fields(a) {
                return Err(fail(
                    &at,
                    crate::msg!("config-account-error", account = a.name.as_str(), error = m),
                ));
            }
        }
        Ok(())
    }

    /// Writes the settings atomically (a temporary file, then a rename).
    pub fn save(&self, path: &Path) -> Result<(), ConfigError> {
        let err = |message: crate::message::Message| ConfigError {
            file: path.to_path_buf(),
            line: None,
            message,
        };
        let cannot_write = |e: String| err(crate::msg!("config-cannot-write", error = e));
        let text = toml::to_string_pretty(self).map_err(|e| cannot_write(e.to_string()))?;
        self.note_secret_vars();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                err(crate::msg!(
                    "config-cannot-create-folder",
                    error = e.to_string()
                ))
            })?;
        }
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, text).map_err(|e| cannot_write(e.to_string()))?;
        std::fs::rename(&tmp, path)
            .map_err(|e| err(crate::msg!("config-cannot-replace", error = e.to_string())))
    }

    pub fn account(&self, name: &str) -> Option<&AccountEntry> {
        self.accounts.iter().find(|a| a.name == name)
    }
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
        message: crate::msg!("config-retired-flow-key", key = *key),
    })
}
