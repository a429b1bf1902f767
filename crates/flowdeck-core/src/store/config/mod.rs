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
mod budget;
mod language;
mod sections;
#[cfg(test)]
mod tests;
mod validate;

pub use account::{AccountEntry, ProviderKind, check_account_name, vertex_fields};
pub use budget::{BudgetSection, Limits};
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
    pub budget: BudgetSection,
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
    /// Reads the file. A file that does not exist yet, wherever it is named, is an empty one:
    /// the defaults, written on the first save.
    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        let err = |line, message: crate::message::Message| ConfigError {
            file: path.to_path_buf(),
            line,
            message,
        };
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
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
