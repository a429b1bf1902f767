//! The window's and the command line's words in the user's language: Fluent files under
//! `i18n/<language>/flowdeck.ftl`, embedded in the binary. Fluent (through i18n-embed) because
//! it chooses plural forms and formats numbers per language (CLDR rules: English has "one" and
//! "other", Vietnamese one form), and its `fl!` macro refuses at compile time a key missing from
//! the English file. Adding a language is one new folder with one file (README, "Languages").

use std::sync::LazyLock;

use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use i18n_embed::{LanguageLoader, unic_langid::LanguageIdentifier};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Files;

/// The loaded words; `t!` reads them.
pub static LOADER: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    // The English file is compiled in and checked by `fl!`: it always loads.
    if let Err(e) = loader.load_fallback_language(&Files) {
        tracing::error!("the English words did not load: {e}");
    }
    // Unicode isolation marks around arguments would show as boxes in the window.
    loader.set_use_isolating(false);
    loader
});

/// A message by its key (checked at compile time), with arguments: `t!("key", name = value)`.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        i18n_embed_fl::fl!($crate::i18n::LOADER, $id)
    };
    ($id:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($crate::i18n::LOADER, $id, $($args)*)
    };
}

/// A language the window speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    English,
    Vietnamese,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::Vietnamese];

    /// The language tag, as files and settings name it.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Vietnamese => "vi",
        }
    }

    /// Its own name for itself, as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Vietnamese => "Tiếng Việt",
        }
    }

    /// Reads `en`, `vi`, `vi-VN`, `vi_VN.UTF-8`, `English`, `Tiếng Việt`… (case does not matter).
    pub fn parse(s: &str) -> Option<Language> {
        let s = s.trim().to_lowercase();
        let primary = s.split(['-', '_', '.', '@']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|l| l.code() == primary || l.native_name().to_lowercase() == s)
    }
}

// Settings keep the language tag.
impl serde::Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Language::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown language \"{s}\": use en (English) or vi (Tiếng Việt)"
            ))
        })
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.native_name())
    }
}

/// The language the system asks for, when flowdeck speaks it; English otherwise.
pub fn from_system() -> Language {
    // On Unix the locale variables say it (read here: the requester logs an error for `C`).
    if cfg!(unix) && !cfg!(target_os = "macos") {
        return ["LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.trim().is_empty())
            .and_then(|v| v.split(':').find_map(Language::parse))
            .unwrap_or_default();
    }
    i18n_embed::DesktopLanguageRequester::requested_languages()
        .iter()
        .find_map(|l| Language::parse(l.language.as_str()))
        .unwrap_or_default()
}

/// Which language to speak: `--lang`, then `FLOWDECK_LANG`, then the setting, then the system.
/// A value that names no language flowdeck speaks is an error naming the ones it does.
pub fn choose(
    flag: Option<&str>,
    env: Option<&str>,
    setting: Option<Language>,
) -> Result<Language, String> {
    for (source, value) in [("--lang", flag), ("FLOWDECK_LANG", env)] {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            return Language::parse(v).ok_or_else(|| {
                format!("{source} \"{v}\" is not a language flowdeck speaks (en or vi)")
            });
        }
    }
    Ok(setting.unwrap_or_else(from_system))
}

static PINNED: std::sync::OnceLock<Language> = std::sync::OnceLock::new();

/// The language asked for on the command line (`--lang`, FLOWDECK_LANG), which wins over the
/// setting for this run.
pub fn pin(language: Language) {
    let _ = PINNED.set(language);
    set(language);
}

/// Speaks the pinned language, else `setting`, else the system's.
pub fn settle(setting: Option<Language>) {
    set(PINNED
        .get()
        .copied()
        .or(setting)
        .unwrap_or_else(from_system));
}

/// Speaks `language` from now on (every `t!` after this).
pub fn set(language: Language) {
    let id: LanguageIdentifier = match language.code().parse() {
        Ok(id) => id,
        Err(_) => return,
    };
    if let Err(e) = LOADER.load_languages(&Files, &[id]) {
        tracing::error!(language = language.code(), "the words did not load: {e}");
    }
    // Loading makes new bundles, which isolate arguments again.
    LOADER.set_use_isolating(false);
}

/// The language being spoken.
pub fn current() -> Language {
    Language::parse(&LOADER.current_language().to_string()).unwrap_or_default()
}

/// A take's state in words (`status --json` keeps the stable English names).
pub fn state(s: crate::model::TakeState) -> String {
    use crate::model::TakeState::*;
    match s {
        Queued => crate::t!("state-queued"),
        Assigned => crate::t!("state-assigned"),
        Submitting => crate::t!("state-submitting"),
        Generating => crate::t!("state-generating"),
        Ready => crate::t!("state-ready"),
        Downloading => crate::t!("state-downloading"),
        Done => crate::t!("state-done"),
        Failed => crate::t!("state-failed"),
        TimedOut => crate::t!("state-timed-out"),
        Uncertain => crate::t!("state-uncertain"),
        Canceled => crate::t!("state-canceled"),
    }
}

/// An account's health in words (the engine's `label` is for logs).
pub fn health(h: &crate::engine::LaneHealth) -> String {
    use crate::engine::LaneHealth;
    match h {
        LaneHealth::Ready => crate::t!("health-ready"),
        LaneHealth::CoolingDown { seconds } => {
            let seconds = *seconds;
            crate::t!("health-cooling", seconds = seconds)
        }
        LaneHealth::NeedsSignIn { .. } => crate::t!("health-sign-in"),
        LaneHealth::OutOfCredits { .. } => crate::t!("health-out-of-credits"),
        LaneHealth::Paused { .. } => crate::t!("health-paused"),
        LaneHealth::WaitingForBrowser { .. } => crate::t!("health-waiting-browser"),
        LaneHealth::Held { .. } => crate::t!("health-held"),
    }
}

/// A number with `places` decimals, as the language writes it: 1.5 or 1,5.
pub fn decimal(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    match current() {
        Language::English => s,
        Language::Vietnamese => s.replace('.', ","),
    }
}

/// A whole number as the language writes it: 12,480 in English, 12.480 in Vietnamese.
pub fn number(n: impl Into<i64>) -> String {
    let n: i64 = n.into();
    let digits = n.unsigned_abs().to_string();
    let sep = match current() {
        Language::English => ',',
        Language::Vietnamese => '.',
    };
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// US dollars with cents, as the language writes them: $3.36, or 3,36 US$.
pub fn dollars(usd: f64) -> String {
    let cents = (usd * 100.0).round() as i64;
    let whole = number(cents / 100);
    let frac = (cents % 100).abs();
    match current() {
        Language::English => format!("${whole}.{frac:02}"),
        Language::Vietnamese => format!("{whole},{frac:02} US$"),
    }
}

/// The text of each language's file, for the checks that keep them in step.
pub fn files() -> Vec<(Language, String)> {
    Language::ALL
        .into_iter()
        .filter_map(|l| {
            let f = Files::get(&format!("{}/flowdeck.ftl", l.code()))?;
            Some((l, String::from_utf8_lossy(&f.data).into_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_plurals_and_numbers() {
        assert_eq!(
            crate::t!(
                "compose-estimate-uniform",
                scenes = 2,
                copies = 1,
                videos = 2
            ),
            "2 scenes × 1 copy = 2 videos"
        );
        assert_eq!(
            crate::t!("compose-estimate-accounts", accounts = 1),
            ", over 1 account"
        );
        assert_eq!(number(1234567), "1,234,567");
        assert_eq!(dollars(1.125), "$1.13");
    }

    #[test]
    fn languages_are_read_from_tags_locales_and_names() {
        assert_eq!(Language::parse("vi"), Some(Language::Vietnamese));
        assert_eq!(Language::parse("vi_VN.UTF-8"), Some(Language::Vietnamese));
        assert_eq!(Language::parse("VI-vn"), Some(Language::Vietnamese));
        assert_eq!(Language::parse("Tiếng Việt"), Some(Language::Vietnamese));
        assert_eq!(Language::parse("en-GB"), Some(Language::English));
        assert_eq!(Language::parse("fr"), None);
        assert_eq!(
            choose(Some("vi"), Some("en"), Some(Language::English)),
            Ok(Language::Vietnamese)
        );
        assert_eq!(
            choose(None, Some("en"), Some(Language::Vietnamese)),
            Ok(Language::English)
        );
        assert_eq!(
            choose(None, Some(" "), Some(Language::Vietnamese)),
            Ok(Language::Vietnamese)
        );
        assert_eq!(
            choose(Some("klingon"), None, None),
            Err("--lang \"klingon\" is not a language flowdeck speaks (en or vi)".into())
        );
    }
}
