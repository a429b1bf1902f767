//! The language the settings name, as its tag (`en`, `vi`). Which languages have words is the
//! front ends' business: they read the tag and refuse one they do not speak.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag(String);

impl LanguageTag {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = String;

    /// A tag is short and made of letters, digits, `-` and `_`: anything else is no language.
    fn try_from(s: String) -> Result<Self, String> {
        let t = s.trim();
        let shaped = !t.is_empty()
            && t.len() <= 35
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if shaped {
            Ok(LanguageTag(t.to_string()))
        } else {
            Err(crate::msg!("config-language-tag", tag = s.as_str()).to_stored())
        }
    }
}

impl From<LanguageTag> for String {
    fn from(t: LanguageTag) -> String {
        t.0
    }
}
