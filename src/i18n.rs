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

/// A message of the engine, a provider or the store, in the language being spoken: its key's
/// words with its arguments (numbers the language's way, messages inside put into words
/// first); a service's own words as they are.
pub fn say(m: &crate::message::Message) -> String {
    use crate::message::{Arg, LIST, VERBATIM};
    use fluent::FluentValue;
    if m.key == VERBATIM {
        return match m.arg("text") {
            Some(Arg::Text(t)) => t.clone(),
            _ => String::new(),
        };
    }
    if m.key == LIST {
        let sep = match m.arg("sep") {
            Some(Arg::Text(t)) => t.as_str(),
            _ => ", ",
        };
        return m.items().map(say).collect::<Vec<_>>().join(sep);
    }
    let args: std::collections::HashMap<String, FluentValue<'static>> = m
        .args
        .iter()
        .map(|(name, value)| {
            let v = match value {
                Arg::Text(t) => FluentValue::from(t.clone()),
                // A large quantity grouped the language's way (12,480 or 12.480); its plural
                // form is "other" in every language flowdeck speaks.
                Arg::Count(n) if n.fract() == 0.0 && n.abs() >= 1000.0 && n.abs() < 9.0e15 => {
                    FluentValue::from(number(*n as i64))
                }
                Arg::Count(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                    FluentValue::from(*n as i64)
                }
                Arg::Count(n) => FluentValue::from(*n),
                Arg::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                    FluentValue::from(*n as i64)
                }
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Message(inner) => FluentValue::from(say(inner)),
            };
            (name.to_string(), v)
        })
        .collect();
    LOADER.get_args(&m.key, args)
}

/// A language the window speaks: one folder under `i18n/` (its code) holding `flowdeck.ftl`.
/// The list is read from the embedded files, so adding a language adds no code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language(&'static str);

impl Default for Language {
    fn default() -> Self {
        Language::ENGLISH
    }
}

/// Every language with a file, English first (the order of the Settings menu).
static LANGUAGES: LazyLock<Vec<Language>> = LazyLock::new(|| {
    let paths: Vec<String> = Files::iter().map(|p| p.into_owned()).collect();
    languages_in(paths.iter().map(String::as_str))
        .into_iter()
        .map(|code| Language(Box::leak(code.into_boxed_str())))
        .collect()
});

/// The language codes of `<code>/flowdeck.ftl` paths, English first, the rest by code.
pub fn languages_in<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut codes: Vec<String> = paths
        .into_iter()
        .filter_map(|p| p.strip_suffix("/flowdeck.ftl"))
        .filter(|c| !c.is_empty() && !c.contains('/'))
        .map(str::to_string)
        .collect();
    codes.sort_by_key(|c| (c != "en", c.clone()));
    codes.dedup();
    codes
}

impl Language {
    /// The fallback, always there.
    pub const ENGLISH: Language = Language("en");

    /// Every language flowdeck speaks.
    pub fn all() -> &'static [Language] {
        &LANGUAGES
    }

    /// The language tag, as files and settings name it.
    pub fn code(self) -> &'static str {
        self.0
    }

    /// Its own name for itself (`language-name` in its file), as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        static NAMES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
            files()
                .into_iter()
                .filter_map(|(l, text)| {
                    let name = native_name_in(&text)?;
                    Some((l.0, &*Box::leak(name.into_boxed_str())))
                })
                .collect()
        });
        NAMES
            .iter()
            .find(|(code, _)| *code == self.0)
            .map_or(self.0, |(_, name)| name)
    }

    /// Reads `en`, `vi`, `vi-VN`, `vi_VN.UTF-8`, `English`, `Tiếng Việt`… (case does not matter).
    pub fn parse(s: &str) -> Option<Language> {
        let s = s.trim().to_lowercase();
        let primary = s.split(['-', '_', '.', '@']).next().unwrap_or_default();
        Language::all()
            .iter()
            .copied()
            .find(|l| l.code() == primary || l.native_name().to_lowercase() == s)
    }

    /// "en (English), vi (Tiếng Việt)", for messages that name the choices.
    pub fn choices() -> String {
        Language::all()
            .iter()
            .map(|l| format!("{} ({})", l.code(), l.native_name()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The value of `language-name = …` in a file's text.
fn native_name_in(ftl: &str) -> Option<String> {
    ftl.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (key.trim() == "language-name").then(|| value.trim().to_string())
    })
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
                "unknown language \"{s}\": use {}",
                Language::choices()
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
                format!(
                    "{source} \"{v}\" is not a language flowdeck speaks: {}",
                    Language::choices()
                )
            });
        }
    }
    Ok(setting.unwrap_or_else(from_system))
}

/// The language the settings name, when flowdeck speaks it; an error naming the choices when
/// it does not.
pub fn of_setting(
    tag: Option<&crate::store::config::LanguageTag>,
) -> Result<Option<Language>, crate::message::Message> {
    match tag {
        None => Ok(None),
        Some(tag) => Language::parse(tag.as_str()).map(Some).ok_or_else(|| {
            crate::msg!(
                "cli-language-unknown",
                tag = tag.as_str(),
                choices = Language::choices()
            )
        }),
    }
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

/// What an extension's file holds: "holds scenes 1–3" (or "1, 2, 5" where the chain skips).
pub fn holds(scenes: &[u32]) -> String {
    let contiguous = scenes.len() > 1 && scenes.windows(2).all(|w| w[1] == w[0] + 1);
    let scenes = match (scenes.first(), scenes.last()) {
        (Some(first), Some(last)) if contiguous => format!("{first}–{last}"),
        _ => scenes
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    };
    crate::t!("holds-scenes", scenes = scenes)
}

/// A number with `places` decimals, as the language writes it: 1.5 or 1,5 (`number-decimal`).
pub fn decimal(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    let mark = crate::t!("number-decimal");
    if mark == "." {
        s
    } else {
        s.replace('.', &mark)
    }
}

/// A whole number as the language writes it: 12,480 in English, 12.480 in Vietnamese
/// (`number-group`).
pub fn number(n: impl Into<i64>) -> String {
    let n: i64 = n.into();
    let digits = n.unsigned_abs().to_string();
    let sep = crate::t!("number-group");
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(&sep);
        }
        out.push(d);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// US dollars with cents, as the language writes them: $3.36, or 3,36 US$ (`money-usd`).
pub fn dollars(usd: f64) -> String {
    let cents = (usd * 100.0).round() as i64;
    let whole = number(cents / 100);
    let frac = (cents % 100).abs();
    let mark = crate::t!("number-decimal");
    let amount = format!("{whole}{mark}{frac:02}");
    crate::t!("money-usd", amount = amount)
}

/// The text of each language's file, for the checks that keep them in step.
pub fn files() -> Vec<(Language, String)> {
    Language::all()
        .iter()
        .copied()
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
        assert_eq!(holds(&[1, 2, 3]), "holds scenes 1–3");
        assert_eq!(holds(&[1, 2, 5]), "holds scenes 1, 2, 5");
    }

    fn vi() -> Language {
        Language(
            Language::all()
                .iter()
                .find(|l| l.code() == "vi")
                .map_or("?", |l| l.0),
        )
    }

    #[test]
    fn languages_are_read_from_tags_locales_and_names() {
        assert_eq!(vi().code(), "vi");
        assert_eq!(vi().native_name(), "Tiếng Việt");
        assert_eq!(Language::parse("vi"), Some(vi()));
        assert_eq!(Language::parse("vi_VN.UTF-8"), Some(vi()));
        assert_eq!(Language::parse("VI-vn"), Some(vi()));
        assert_eq!(Language::parse("Tiếng Việt"), Some(vi()));
        assert_eq!(Language::parse("en-GB"), Some(Language::ENGLISH));
        assert_eq!(Language::parse("fr"), None);
        assert_eq!(
            choose(Some("vi"), Some("en"), Some(Language::ENGLISH)),
            Ok(vi())
        );
        assert_eq!(choose(None, Some("en"), Some(vi())), Ok(Language::ENGLISH));
        assert_eq!(choose(None, Some(" "), Some(vi())), Ok(vi()));
        assert_eq!(
            choose(Some("klingon"), None, None),
            Err(
                "--lang \"klingon\" is not a language flowdeck speaks: en (English), vi (Tiếng Việt)"
                    .into()
            )
        );
    }

    #[test]
    fn a_language_is_a_folder_with_a_file() {
        assert_eq!(
            languages_in([
                "vi/flowdeck.ftl",
                "fr/flowdeck.ftl",
                "en/flowdeck.ftl",
                "README.md",
                "de/other.ftl",
                "x/y/flowdeck.ftl",
            ]),
            ["en", "fr", "vi"]
        );
        assert_eq!(
            native_name_in("# a comment\nlanguage-name = Français\ntab = Onglet"),
            Some("Français".into())
        );
        assert_eq!(native_name_in("tab = Onglet"), None);
    }
}
